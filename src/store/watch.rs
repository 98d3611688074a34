//! Watching the snapshot for outside edits. The parent directory is watched,
//! not the file: editors and atomic saves replace the file by rename, which
//! a watch on the old inode would miss. One save fires several events, so
//! they are debounced into one call ([`Debouncer`]), and a burst of saves
//! that never pauses is still reported every [`MAX_WAIT`].
//!
//! The path watched is the one given: callers pass the snapshot's real path
//! (`store::data_dir::real_path`), so a snapshot opened through a link is
//! followed where its saves land.
//!
//! Native events miss what another machine writes on a network share or a
//! FUSE mount: there (and wherever native watching fails) [`watch_files`]
//! polls instead ([`super::poll`]), and says so ([`Watching`]).

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
    /// The last event was a complete file renamed onto the name: no need
    /// to wait for quiet.
    complete: bool,
}

impl Debouncer {
    pub fn new(quiet: Duration, max_wait: Duration) -> Debouncer {
        Debouncer {
            quiet,
            max_wait,
            pending: None,
            complete: false,
        }
    }

    /// An event came at `now`.
    pub fn event(&mut self, now: Instant) {
        self.complete = false;
        self.pending = Some(match self.pending {
            Some((first, _)) => (first, now),
            None => (now, now),
        });
    }

    /// A complete file was renamed onto the name at `now` (an atomic
    /// save): due at once. A writer writing in place sends other events,
    /// which wait for quiet as before.
    pub fn renamed(&mut self, now: Instant) {
        self.event(now);
        self.complete = true;
    }

    /// When the events pending are due to be reported (None: none pending).
    pub fn due(&self) -> Option<Instant> {
        self.pending.map(|(first, last)| match self.complete {
            true => last,
            false => (last + self.quiet).min(first + self.max_wait),
        })
    }

    /// Whether to report at `now`; reporting starts a new burst.
    pub fn fire(&mut self, now: Instant) -> bool {
        if self.due().is_some_and(|due| now >= due) {
            self.pending = None;
            self.complete = false;
            return true;
        }
        false
    }
}

/// How to watch, as `--watch` asks.
#[derive(
    Debug,
    Clone,
    Copy,
    PartialEq,
    Eq,
    Default,
    clap::ValueEnum,
    strum::VariantArray,
    strum::IntoStaticStr,
    strum::EnumString,
)]
#[strum(serialize_all = "lowercase")]
pub enum Mode {
    /// Native events, unless the file system is a network one or native
    /// watching fails: then polling.
    #[default]
    Auto,
    /// Native events only (an error if they cannot be had).
    Native,
    /// Polling only.
    Poll,
}

/// Which kind of watching is in use.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub enum Watching {
    /// The operating system's file events.
    #[default]
    Native,
    /// Looking at the file once a second ([`super::poll`]), and why.
    Polling(WhyPoll),
}

/// Why a file is polled rather than watched natively.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum WhyPoll {
    /// `--watch poll`.
    Asked,
    /// It is on a network or FUSE file system of this type.
    Network(String),
    /// Native watching failed, with this error.
    NativeFailed(String),
}

/// A running watch; dropping it stops watching.
pub struct Watcher {
    kind: Watching,
    _inner: Inner,
}

// Held only to be dropped with the watch (which stops it).
#[allow(dead_code)]
enum Inner {
    Native(RecommendedWatcher),
    Poll(super::poll::Poller),
}

impl Watcher {
    /// Which kind of watching this is.
    pub fn kind(&self) -> &Watching {
        &self.kind
    }
}

/// Calls `changed` (on a background thread) once the file at `file` has been
/// created, written, renamed onto or removed, and then left alone for
/// `debounce`, through native events.
pub fn watch(
    file: &Path,
    debounce: Duration,
    changed: impl Fn() + Send + 'static,
) -> notify::Result<Watcher> {
    native(&[file.to_owned()], debounce, move |_| changed())
}

/// Watches `files` as `mode` asks; calls `changed(k)` (on a background
/// thread) when `files[k]` changed. Native reports are debounced by
/// [`DEBOUNCE`] for each file on its own; polling looks once a second.
pub fn watch_files(
    files: &[PathBuf],
    mode: Mode,
    changed: impl Fn(usize) + Send + Sync + 'static,
) -> std::io::Result<Watcher> {
    let network = || {
        files
            .iter()
            .find_map(|f| super::fs_kind::network_type(&folder(f)))
    };
    let why = match mode {
        Mode::Poll => WhyPoll::Asked,
        Mode::Native => {
            return native(files, DEBOUNCE, changed).map_err(notify_to_io);
        }
        Mode::Auto => match network() {
            Some(fs) => WhyPoll::Network(fs),
            None => {
                let changed = std::sync::Arc::new(changed);
                let c = changed.clone();
                match native(files, DEBOUNCE, move |k| c(k)) {
                    Ok(w) => return Ok(w),
                    Err(e) => {
                        let why = WhyPoll::NativeFailed(e.to_string());
                        return polled(files, why, move |k| changed(k));
                    }
                }
            }
        },
    };
    polled(files, why, changed)
}

fn polled(
    files: &[PathBuf],
    why: WhyPoll,
    changed: impl Fn(usize) + Send + 'static,
) -> std::io::Result<Watcher> {
    let p = super::poll::poll(
        files.to_vec(),
        super::poll::EVERY,
        super::poll::SLOW,
        changed,
    )?;
    Ok(Watcher {
        kind: Watching::Polling(why),
        _inner: Inner::Poll(p),
    })
}

fn notify_to_io(e: notify::Error) -> std::io::Error {
    match e.kind {
        notify::ErrorKind::Io(io) => io,
        _ => std::io::Error::other(e.to_string()),
    }
}

/// The folder a file is in (`.` for a bare name).
fn folder(file: &Path) -> PathBuf {
    match file.parent() {
        Some(d) if !d.as_os_str().is_empty() => d.to_owned(),
        _ => PathBuf::from("."),
    }
}

/// Native events on the folders of `files`, each file debounced on its own.
fn native(
    files: &[PathBuf],
    debounce: Duration,
    changed: impl Fn(usize) + Send + 'static,
) -> notify::Result<Watcher> {
    let names: Vec<_> = files
        .iter()
        .map(|f| f.file_name().map(|n| n.to_owned()))
        .collect();
    let (tx, rx) = mpsc::channel::<(usize, bool)>();
    let n = files.len();
    // The rename last reported as a file renamed onto a name: inotify
    // follows its `To` event with a `Both` of the same rename, which would
    // report the same save a second time.
    let mut last_rename = None;
    let mut inner = notify::recommended_watcher(move |res: notify::Result<notify::Event>| {
        let Ok(event) = res else { return };
        if matches!(event.kind, EventKind::Access(_)) {
            return;
        }
        if event.tracker().is_some() && event.tracker() == last_rename {
            return;
        }
        if matches!(
            event.kind,
            EventKind::Modify(notify::event::ModifyKind::Name(
                notify::event::RenameMode::To
            ))
        ) {
            last_rename = event.tracker();
        }
        for (k, name) in names.iter().enumerate() {
            let ours = event.paths.is_empty()
                || event
                    .paths
                    .iter()
                    .any(|p| p.file_name().map(|n| n.to_owned()) == *name);
            if ours {
                let _ = tx.send((k, renamed_onto(&event, name.as_deref())));
            }
        }
    })?;
    let mut dirs: Vec<PathBuf> = files.iter().map(|f| folder(f)).collect();
    dirs.sort();
    dirs.dedup();
    for dir in &dirs {
        inner.watch(dir, RecursiveMode::NonRecursive)?;
    }
    std::thread::Builder::new()
        .name("guotang-watch".into())
        .spawn(move || {
            let mut d = vec![Debouncer::new(debounce, MAX_WAIT.max(debounce)); n];
            // A closed channel (the watch dropped) ends the thread.
            loop {
                let due = d.iter().filter_map(Debouncer::due).min();
                let got = match due {
                    None => rx.recv().map_err(|_| mpsc::RecvTimeoutError::Disconnected),
                    Some(due) => rx.recv_timeout(due.saturating_duration_since(Instant::now())),
                };
                match got {
                    Ok((k, renamed)) => match d.get_mut(k) {
                        Some(d) if renamed => d.renamed(Instant::now()),
                        Some(d) => d.event(Instant::now()),
                        None => {}
                    },
                    Err(mpsc::RecvTimeoutError::Timeout) => {}
                    Err(mpsc::RecvTimeoutError::Disconnected) => return,
                }
                let now = Instant::now();
                for (k, d) in d.iter_mut().enumerate() {
                    if d.fire(now) {
                        changed(k);
                    }
                }
            }
        })
        .map_err(notify::Error::io)?;
    Ok(Watcher {
        kind: Watching::Native,
        _inner: Inner::Native(inner),
    })
}

/// Whether `event` is a file renamed onto `name` (the last step of an
/// atomic save: the file is complete), not written in place or renamed away.
fn renamed_onto(event: &notify::Event, name: Option<&std::ffi::OsStr>) -> bool {
    use notify::event::{ModifyKind, RenameMode};
    let target = match event.kind {
        EventKind::Modify(ModifyKind::Name(RenameMode::To)) => event.paths.first(),
        EventKind::Modify(ModifyKind::Name(RenameMode::Both)) => event.paths.get(1),
        _ => None,
    };
    target.is_some_and(|p| name.is_some() && p.file_name() == name)
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
    fn a_file_renamed_onto_the_name_is_reported_at_once() {
        use notify::event::{ModifyKind, RenameMode};
        let t0 = Instant::now();
        let mut d = Debouncer::new(DEBOUNCE, MAX_WAIT);
        d.renamed(t0);
        assert!(d.fire(t0), "an atomic save needs no quiet");
        // Written in place: the events wait for quiet, even after a rename.
        d.renamed(t0);
        d.event(t0 + Duration::from_millis(1));
        assert!(!d.fire(t0 + Duration::from_millis(2)));
        assert!(d.fire(t0 + Duration::from_millis(76)));

        let name = std::ffi::OsStr::new("m.json");
        let to = notify::Event::new(EventKind::Modify(ModifyKind::Name(RenameMode::To)))
            .add_path("/d/m.json".into());
        assert!(renamed_onto(&to, Some(name)));
        let both = notify::Event::new(EventKind::Modify(ModifyKind::Name(RenameMode::Both)))
            .add_path("/d/.m.json.tmp".into())
            .add_path("/d/m.json".into());
        assert!(renamed_onto(&both, Some(name)));
        let away = notify::Event::new(EventKind::Modify(ModifyKind::Name(RenameMode::Both)))
            .add_path("/d/m.json".into())
            .add_path("/d/old.json".into());
        assert!(
            !renamed_onto(&away, Some(name)),
            "renamed away: not a new file"
        );
        let written =
            notify::Event::new(EventKind::Modify(ModifyKind::Any)).add_path("/d/m.json".into());
        assert!(!renamed_onto(&written, Some(name)));
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

    #[test]
    fn each_file_is_reported_by_its_own_index() {
        let dir = tempfile::tempdir().unwrap();
        let a = dir.path().join("meeting.json");
        let b = dir.path().join(".meeting.json.guotang-position.json");
        std::fs::write(&a, "{}").unwrap();
        let (tx, rx) = mpsc::channel();
        let w = watch_files(&[a.clone(), b.clone()], Mode::Native, move |k| {
            let _ = tx.send(k);
        })
        .unwrap();
        assert_eq!(w.kind(), &Watching::Native);
        let wait = Duration::from_secs(20);
        crate::store::write_atomic(&b, b"{}").unwrap();
        assert_eq!(rx.recv_timeout(wait), Ok(1));
        crate::store::write_atomic(&a, b"{\"a\": 1}").unwrap();
        // Reports of the first write may still come; the second file's is there.
        let mut got = Vec::new();
        while !got.contains(&0) {
            got.push(rx.recv_timeout(wait).expect("no change reported"));
        }
    }

    #[test]
    fn polling_when_asked_says_so_and_reports_changes() {
        let dir = tempfile::tempdir().unwrap();
        let file = dir.path().join("meeting.json");
        std::fs::write(&file, "{}").unwrap();
        let (tx, rx) = mpsc::channel();
        let w = watch_files(std::slice::from_ref(&file), Mode::Poll, move |k| {
            let _ = tx.send(k);
        })
        .unwrap();
        assert_eq!(w.kind(), &Watching::Polling(WhyPoll::Asked));
        crate::store::write_atomic(&file, b"{\"a\": 1}").unwrap();
        assert_eq!(rx.recv_timeout(Duration::from_secs(20)), Ok(0));
        // On a local folder, auto is native.
        let auto = watch_files(&[file], Mode::Auto, |_| {}).unwrap();
        assert_eq!(auto.kind(), &Watching::Native);
    }

    /// Native watching that cannot be had (here: the folder is not there
    /// yet) falls back to polling under auto, and is an error when native
    /// is asked for; the poll sees the file once it comes.
    #[test]
    fn auto_falls_back_to_polling_when_native_watching_fails() {
        let dir = tempfile::tempdir().unwrap();
        let file = dir.path().join("later").join("meeting.json");
        let files = [file.clone()];
        assert!(watch_files(&files, Mode::Native, |_| {}).is_err());
        let (tx, rx) = mpsc::channel();
        let w = watch_files(&files, Mode::Auto, move |k| {
            let _ = tx.send(k);
        })
        .unwrap();
        assert!(
            matches!(w.kind(), Watching::Polling(WhyPoll::NativeFailed(_))),
            "{:?}",
            w.kind()
        );
        std::fs::create_dir(dir.path().join("later")).unwrap();
        crate::store::write_atomic(&file, b"{}").unwrap();
        assert_eq!(rx.recv_timeout(Duration::from_secs(20)), Ok(0));
    }
}
