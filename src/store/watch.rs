//! Watching the snapshot for outside edits. The parent directory is watched,
//! not the file: editors and atomic saves replace the file by rename, which
//! a watch on the old inode would miss. One save fires several events, so
//! they are debounced into one call ([`Debouncer`]), and a burst of saves
//! that never pauses is still reported every [`MAX_WAIT`].
//!
//! The path watched is the one given: callers pass the snapshot's real path
//! (`store::data_dir::real_path`), so a snapshot opened through a link is
//! followed where its saves land.

use std::path::{Path, PathBuf};
use std::sync::mpsc;
use std::time::{Duration, Instant};

use notify::{EventKind, RecommendedWatcher, RecursiveMode, Watcher as _};

/// How long the file must stay quiet before a change is reported.
pub const DEBOUNCE: Duration = Duration::from_millis(75);

/// The longest a change waits to be reported while events keep coming: a
/// script saving in a tight loop must not starve the screen (it reloaded
/// about once every 5 s when each event restarted the wait).
pub const MAX_WAIT: Duration = Duration::from_millis(300);

/// When to report a burst of events: once `quiet` has passed without one,
/// or `max_wait` after the burst's first event, whichever comes first. A
/// pure state machine over the instants it is given, so it is tested
/// without a clock.
#[derive(Debug, Clone, Copy)]
pub struct Debouncer {
    quiet: Duration,
    max_wait: Duration,
    /// The first and the last event not yet reported.
    pending: Option<(Instant, Instant)>,
}

impl Debouncer {
    pub fn new(quiet: Duration, max_wait: Duration) -> Debouncer {
        Debouncer {
            quiet,
            max_wait,
            pending: None,
        }
    }

    /// An event came at `now`.
    pub fn event(&mut self, now: Instant) {
        self.pending = Some(match self.pending {
            Some((first, _)) => (first, now),
            None => (now, now),
        });
    }

    /// When the events pending are due to be reported (None: none pending).
    pub fn due(&self) -> Option<Instant> {
        self.pending
            .map(|(first, last)| (last + self.quiet).min(first + self.max_wait))
    }

    /// Whether to report at `now`; reporting starts a new burst.
    pub fn fire(&mut self, now: Instant) -> bool {
        if self.due().is_some_and(|due| now >= due) {
            self.pending = None;
            return true;
        }
        false
    }
}

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
            let mut d = Debouncer::new(debounce, MAX_WAIT.max(debounce));
            // A closed channel (the watch dropped) ends the thread.
            loop {
                let got = match d.due() {
                    None => rx.recv().map_err(|_| mpsc::RecvTimeoutError::Disconnected),
                    Some(due) => rx.recv_timeout(due.saturating_duration_since(Instant::now())),
                };
                match got {
                    Ok(()) => d.event(Instant::now()),
                    Err(mpsc::RecvTimeoutError::Timeout) => {}
                    Err(mpsc::RecvTimeoutError::Disconnected) => return,
                }
                if d.fire(Instant::now()) {
                    changed();
                }
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

    /// Feeds events at the given offsets (ms) and checks the debouncer as
    /// a loop would, every millisecond; returns the offsets it reported at.
    fn reports(events: &[u64], until: u64) -> Vec<u64> {
        let t0 = Instant::now();
        let at = |ms: u64| t0 + Duration::from_millis(ms);
        let mut d = Debouncer::new(DEBOUNCE, MAX_WAIT);
        let mut fired = Vec::new();
        let mut next = events.iter().peekable();
        for ms in 0..=until {
            while next.next_if(|&&e| e == ms).is_some() {
                d.event(at(ms));
            }
            if d.fire(at(ms)) {
                fired.push(ms);
            }
        }
        fired
    }

    #[test]
    fn one_save_is_reported_once_after_its_events_settle() {
        // A save fires a few events close together: one report, 75 ms
        // after the last.
        assert_eq!(reports(&[0, 2, 3, 10], 1000), vec![85]);
        assert_eq!(reports(&[], 1000), Vec::<u64>::new());
        // Two saves apart: two reports.
        assert_eq!(reports(&[0, 500], 1000), vec![75, 575]);
    }

    #[test]
    fn a_burst_that_never_pauses_is_reported_at_least_every_500_ms() {
        // Saves every 20 ms for 5 s (a script in a tight loop): each event
        // used to restart the wait, so nothing was reported until the end.
        let events: Vec<u64> = (0..250).map(|k| k * 20).collect();
        let fired = reports(&events, 6000);
        let mut last = 0;
        for &f in &fired {
            assert!(
                f - last <= 500,
                "{} ms without a report: {fired:?}",
                f - last
            );
            last = f;
        }
        assert!(last >= 4980, "the last save is reported: {fired:?}");
        assert!(fired.len() >= 10, "{fired:?}");
        // Every report is for events that came before it.
        assert!(fired.windows(2).all(|w| w[0] < w[1]));
    }

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
