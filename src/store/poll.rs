//! Watching by looking: for a snapshot on a network share or a FUSE mount,
//! where another machine's save raises no local event. Once a second the
//! file's size, modification time and identity (inode, change time) are
//! read — a `stat`, nothing measurable when idle —; its content is hashed
//! only when they changed, and otherwise on a slow cadence (for file
//! systems whose times are coarse), and a change is reported only when the
//! content did change. A file that disappears is reported once (the
//! console then shows it gone), and again when it comes back.
//!
//! [`Polled`] decides from what it is shown, without a clock or a disk, so
//! it is tested on injected instants.

use std::fs;
use std::io;
use std::path::{Path, PathBuf};
use std::sync::mpsc;
use std::time::{Duration, Instant};

use super::content::FileStamp;

/// How often a polled file is looked at.
pub const EVERY: Duration = Duration::from_secs(1);

/// How often its content is hashed though nothing else changed.
pub const SLOW: Duration = Duration::from_secs(30);

/// One polled file: what was seen last, and its content's hash.
#[derive(Debug, Clone, Default)]
pub struct Polled {
    /// `None` before the first look; then whether the file was there.
    seen: Option<Option<FileStamp>>,
    hash: Option<u64>,
    hashed_at: Option<Instant>,
}

impl Polled {
    /// Takes a look (`stat`, at `now`): returns whether to report a change.
    /// `hash` reads the content's hash, and is called only when needed.
    pub fn step(
        &mut self,
        stat: Option<FileStamp>,
        now: Instant,
        slow: Duration,
        hash: impl FnOnce() -> Option<u64>,
    ) -> bool {
        let before = self.seen.replace(stat);
        let rehash = |this: &mut Polled| {
            let h = hash();
            this.hashed_at = Some(now);
            std::mem::replace(&mut this.hash, h) != h || h.is_none()
        };
        match (before, stat) {
            // The first look: what there is now is what is shown.
            (None, Some(_)) => {
                rehash(self);
                false
            }
            (None, None) | (Some(None), None) => false,
            // Gone, or back.
            (Some(Some(_)), None) => {
                self.hash = None;
                true
            }
            (Some(None), Some(_)) => {
                rehash(self);
                true
            }
            (Some(Some(old)), Some(new)) => {
                let due = self
                    .hashed_at
                    .is_none_or(|t| now.saturating_duration_since(t) >= slow);
                if old != new || due {
                    rehash(self)
                } else {
                    false
                }
            }
        }
    }
}

/// The content hash of the file at `path` (read in pieces), if it can be read.
pub fn hash_file(path: &Path) -> Option<u64> {
    let mut f = fs::File::open(path).ok()?;
    super::content::hash_stream(&mut f, io::sink())
        .ok()
        .map(|h| h.finish())
}

/// A running poll; dropping it stops the thread (at its next look).
pub struct Poller {
    _stop: mpsc::Sender<()>,
}

/// Polls `files` every `every` (content hashed at least every `slow`) and
/// calls `changed(k)` (on a background thread) when `files[k]` changed.
pub fn poll(
    files: Vec<PathBuf>,
    every: Duration,
    slow: Duration,
    changed: impl Fn(usize) + Send + 'static,
) -> io::Result<Poller> {
    let (stop, stopped) = mpsc::channel::<()>();
    // A file that cannot be looked at (permissions, a share gone) is as
    // good as gone: the reload says why.
    let look = move |state: &mut Polled, file: &Path| {
        let stat = FileStamp::at(file).unwrap_or(None);
        state.step(stat, Instant::now(), slow, || hash_file(file))
    };
    // The first look here, before returning: what the caller has loaded
    // is what is compared with.
    let mut state = vec![Polled::default(); files.len()];
    for (s, file) in state.iter_mut().zip(&files) {
        look(s, file);
    }
    std::thread::Builder::new()
        .name("guotang-poll".into())
        .spawn(move || {
            loop {
                match stopped.recv_timeout(every) {
                    Err(mpsc::RecvTimeoutError::Timeout) => {}
                    _ => return,
                }
                for (k, file) in files.iter().enumerate() {
                    if look(&mut state[k], file) {
                        changed(k);
                    }
                }
            }
        })?;
    Ok(Poller { _stop: stop })
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::cell::Cell;

    fn stat(len: u64, secs: u64, ino: u64) -> Option<FileStamp> {
        Some(FileStamp {
            len,
            modified: Some(std::time::SystemTime::UNIX_EPOCH + Duration::from_secs(secs)),
            id: (1, ino),
            changed: (secs as i64, 0),
        })
    }

    /// Steps through `(second, stat, content hash)` looks; returns the
    /// seconds reported at and how many times the content was hashed.
    fn run(looks: &[(u64, Option<FileStamp>, u64)]) -> (Vec<u64>, usize) {
        let t0 = Instant::now();
        let mut p = Polled::default();
        let hashed = Cell::new(0);
        let mut reported = Vec::new();
        for &(s, st, h) in looks {
            let now = t0 + Duration::from_secs(s);
            if p.step(st, now, SLOW, || {
                hashed.set(hashed.get() + 1);
                Some(h)
            }) {
                reported.push(s);
            }
        }
        (reported, hashed.get())
    }

    #[test]
    fn an_idle_file_is_only_looked_at_and_hashed_on_the_slow_cadence() {
        // Two minutes of looks once a second at a file nobody touches.
        let looks: Vec<_> = (0..120).map(|s| (s, stat(10, 5, 7), 42)).collect();
        let (reported, hashed) = run(&looks);
        assert_eq!(reported, Vec::<u64>::new());
        // Once at the start, then every 30 s: 0, 30, 60, 90.
        assert_eq!(hashed, 4);
    }

    #[test]
    fn a_change_is_reported_when_the_content_changed() {
        let (reported, _) = run(&[
            (0, stat(10, 5, 7), 1),
            (1, stat(12, 6, 7), 2), // written in place
            (2, stat(12, 6, 7), 2),
            (3, stat(12, 7, 8), 3), // replaced by a rename
            (4, stat(12, 8, 8), 3), // touched: same content, nothing to say
        ]);
        assert_eq!(reported, vec![1, 3]);
        // Same size and time (a coarse clock), content changed: seen on
        // the slow cadence.
        let (reported, _) = run(&[
            (0, stat(10, 5, 7), 1),
            (1, stat(10, 5, 7), 2),
            (30, stat(10, 5, 7), 2),
        ]);
        assert_eq!(reported, vec![30]);
    }

    #[test]
    fn a_file_that_disappears_is_reported_once_and_again_when_back() {
        let (reported, _) = run(&[
            (0, stat(10, 5, 7), 1),
            (1, None, 0),
            (2, None, 0),
            (3, None, 0),
            (4, stat(10, 9, 9), 1),
            (5, stat(10, 9, 9), 1),
        ]);
        assert_eq!(reported, vec![1, 4]);
        // Missing from the start: nothing until it comes.
        let (reported, _) = run(&[(0, None, 0), (1, None, 0), (2, stat(1, 1, 1), 5)]);
        assert_eq!(reported, vec![2]);
    }

    #[test]
    fn a_real_file_is_followed_through_removal_and_return() {
        let dir = tempfile::tempdir().unwrap();
        let file = dir.path().join("m.json");
        fs::write(&file, "{}").unwrap();
        let (tx, rx) = mpsc::channel();
        let _p = poll(
            vec![file.clone()],
            Duration::from_millis(20),
            SLOW,
            move |k| {
                let _ = tx.send(k);
            },
        )
        .unwrap();
        // Generous: each report must come, however slow the machine.
        let wait = Duration::from_secs(20);
        fs::remove_file(&file).unwrap();
        assert_eq!(rx.recv_timeout(wait), Ok(0), "the removal");
        crate::store::write_atomic(&file, b"{\"a\": 1}").unwrap();
        assert_eq!(rx.recv_timeout(wait), Ok(0), "the return");
    }
}
