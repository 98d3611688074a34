//! Watching the snapshot for outside edits. The parent directory is watched,
//! not the file: editors and atomic saves replace the file by rename, which
//! a watch on the old inode would miss. One save fires several events, so
//! they are debounced into one call.

use std::path::{Path, PathBuf};
use std::sync::mpsc;
use std::time::Duration;

use notify::{EventKind, RecommendedWatcher, RecursiveMode, Watcher as _};

/// How long the file must stay quiet before a change is reported.
pub const DEBOUNCE: Duration = Duration::from_millis(75);

/// A running watch; dropping it stops watching.
pub struct Watcher {
    _inner: RecommendedWatcher,
}

/// Calls `changed` (on a background thread) once the file at `file` has been
/// created, written, renamed onto or removed, and then left alone for `debounce`.
pub fn watch(
    file: &Path,
    debounce: Duration,
    changed: impl Fn() + Send + 'static,
) -> notify::Result<Watcher> {
    let dir = match file.parent() {
        Some(d) if !d.as_os_str().is_empty() => d.to_owned(),
        _ => PathBuf::from("."),
    };
    let name = file.file_name().map(|n| n.to_owned());
    let (tx, rx) = mpsc::channel::<()>();
    let mut inner = notify::recommended_watcher(move |res: notify::Result<notify::Event>| {
        let Ok(event) = res else { return };
        if matches!(event.kind, EventKind::Access(_)) {
            return;
        }
        let ours = event.paths.is_empty()
            || event
                .paths
                .iter()
                .any(|p| p.file_name().map(|n| n.to_owned()) == name);
        if ours {
            let _ = tx.send(());
        }
    })?;
    inner.watch(&dir, RecursiveMode::NonRecursive)?;
    std::thread::Builder::new()
        .name("guotang-watch".into())
        .spawn(move || {
            // Wait for a first event, then for quiet; a closed channel ends the thread.
            while rx.recv().is_ok() {
                loop {
                    match rx.recv_timeout(debounce) {
                        Ok(()) => continue,
                        Err(mpsc::RecvTimeoutError::Timeout) => break,
                        Err(mpsc::RecvTimeoutError::Disconnected) => return,
                    }
                }
                changed();
            }
        })
        .map_err(notify::Error::io)?;
    Ok(Watcher { _inner: inner })
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::sync::Arc;
    use std::sync::atomic::{AtomicUsize, Ordering};

    #[test]
    fn an_atomic_save_is_reported() {
        let dir = tempfile::tempdir().unwrap();
        let file = dir.path().join("meeting.json");
        std::fs::write(&file, "{}").unwrap();
        let (tx, rx) = mpsc::channel();
        let count = Arc::new(AtomicUsize::new(0));
        let c2 = count.clone();
        let _w = watch(&file, DEBOUNCE, move || {
            c2.fetch_add(1, Ordering::SeqCst);
            let _ = tx.send(());
        })
        .unwrap();
        // An unrelated file in the same directory is not ours.
        std::fs::write(dir.path().join("other.txt"), "x").unwrap();
        crate::store::write_atomic(&file, b"{\"a\": 1}").unwrap();
        // Generous: the report must come, however slow the machine.
        rx.recv_timeout(Duration::from_secs(20))
            .expect("no change reported");
        assert!(count.load(Ordering::SeqCst) >= 1);
    }
}
