//! Who may write a snapshot, told by locks that die with their process.
//!
//! Two locks, each an OS lock (`flock`, through std's `File::lock`) on an
//! open lock file beside the snapshot, so a process that dies — however it
//! dies — lets its lock go at once:
//!
//! - the **editor's lock** (`.NAME.guotang-lock`), held while a secretary's
//!   editor is open on the file, with a note inside saying who, since when,
//!   and whether they have unsaved edits. It warns a second editor and makes
//!   `guotang set` wait for the secretary to save; it never stops a save;
//! - the **save lock** (`.NAME.guotang-save`), held only for the moments of
//!   one save: from reading or checking the file on disk to the rename that
//!   replaces it ([`super::save::Writer`]). Every writer takes it, so two
//!   saves never interleave and none is lost;
//! - the **presenter's lock** (`.NAME.guotang-present`), held while a
//!   presenter's console publishes its position for the audience screens:
//!   a second presenter on the file is told who publishes, and does not.
//!
//! The files are notes and meeting points, never the exclusion itself: a
//! lock file is removed only by the process that holds its lock and has
//! just seen that the name still leads to the file it locked. A process
//! that locked a file someone removed meanwhile sees the name lead elsewhere
//! (or nowhere) and starts again.
//!
//! When the snapshot's folder is not writable the locks live in the data
//! directory instead.

use std::fs::{self, File, OpenOptions};
use std::io::{self, Write};
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use serde::{Deserialize, Serialize};

use super::data_dir;

/// Who holds a lock.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct LockInfo {
    pub pid: u32,
    pub host: String,
    pub user: String,
    /// RFC 3339, with the holder's offset.
    pub started: String,
    /// What the holder is doing (`edit`, `guotang set`).
    #[serde(default)]
    pub purpose: String,
    /// Since when the holder has edits not yet saved (RFC 3339); `None`
    /// when everything it did is saved.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub unsaved_since: Option<String>,
}

impl LockInfo {
    /// This process, now.
    pub fn current(purpose: &str) -> LockInfo {
        LockInfo {
            pid: std::process::id(),
            host: hostname(),
            user: ["USER", "LOGNAME", "USERNAME"]
                .iter()
                .find_map(|v| std::env::var(v).ok().filter(|s| !s.is_empty()))
                .unwrap_or_else(|| "unknown".into()),
            started: now(),
            purpose: purpose.to_owned(),
            unsaved_since: None,
        }
    }

    /// A holder whose note could not be read (it is being written).
    fn unknown() -> LockInfo {
        LockInfo {
            pid: 0,
            host: String::new(),
            user: String::new(),
            started: String::new(),
            purpose: String::new(),
            unsaved_since: None,
        }
    }
}

fn now() -> String {
    chrono::Local::now().to_rfc3339_opts(chrono::SecondsFormat::Secs, false)
}

/// An RFC 3339 time as this machine's local time: `14:02` today, else
/// `2026-05-07 14:02`. Text that is not such a time is shown as it is.
pub fn local_time(rfc3339: &str) -> String {
    let Ok(t) = chrono::DateTime::parse_from_rfc3339(rfc3339) else {
        return rfc3339.to_owned();
    };
    let t = t.with_timezone(&chrono::Local);
    if t.date_naive() == chrono::Local::now().date_naive() {
        t.format("%H:%M").to_string()
    } else {
        t.format("%Y-%m-%d %H:%M").to_string()
    }
}

/// `user@host (pid 123, since 14:02, edit; unsaved edits since 14:05)`,
/// times in local time.
impl std::fmt::Display for LockInfo {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        if self.pid == 0 {
            return f.write_str("another process");
        }
        write!(
            f,
            "{}@{} (pid {}, since {}",
            self.user,
            self.host,
            self.pid,
            local_time(&self.started)
        )?;
        if !self.purpose.is_empty() {
            write!(f, ", {}", self.purpose)?;
        }
        if let Some(t) = &self.unsaved_since {
            write!(f, "; unsaved edits since {}", local_time(t))?;
        }
        f.write_str(")")
    }
}

/// The host name, read without libc: the kernel's, else /etc/hostname, else
/// `$HOSTNAME`.
pub fn hostname() -> String {
    ["/proc/sys/kernel/hostname", "/etc/hostname"]
        .iter()
        .find_map(|p| {
            fs::read_to_string(p)
                .ok()
                .map(|s| s.trim().to_owned())
                .filter(|s| !s.is_empty())
        })
        .or_else(|| std::env::var("HOSTNAME").ok().filter(|s| !s.is_empty()))
        .unwrap_or_else(|| "unknown".into())
}

/// Why a lock was not taken.
#[derive(Debug, thiserror::Error)]
pub enum LockError {
    /// Someone else, alive, is editing the file.
    #[error("{} is being edited by {holder}", snapshot.display())]
    Held {
        snapshot: PathBuf,
        holder: Box<LockInfo>,
    },
    /// Another save of the file went on for longer than a save may wait.
    #[error("{} is being saved by {holder}, for longer than {}s", snapshot.display(), waited.as_secs())]
    Busy {
        snapshot: PathBuf,
        holder: Box<LockInfo>,
        waited: Duration,
    },
    #[error("cannot lock {}: {source}", path.display())]
    Io {
        path: PathBuf,
        #[source]
        source: io::Error,
    },
}

/// An OS lock held on a lock file whose name still led to it when taken.
/// Dropping it removes the file (still ours: checked) and lets the lock go.
#[derive(Debug)]
pub struct Held {
    file: File,
    path: PathBuf,
}

impl Held {
    /// Writes the note (replacing the one there) for others to read.
    fn write_note(&self, info: &LockInfo) -> io::Result<()> {
        let mut bytes = serde_json::to_vec(info).map_err(io::Error::other)?;
        bytes.push(b'\n');
        // Written over the old note, then cut to length: a reader sees a
        // whole note first (old or new), and reads only the first value.
        let mut f = &self.file;
        io::Seek::seek(&mut f, io::SeekFrom::Start(0))?;
        f.write_all(&bytes)?;
        self.file.set_len(bytes.len() as u64)
    }

    /// The lock file.
    pub fn path(&self) -> &Path {
        &self.path
    }
}

impl Drop for Held {
    fn drop(&mut self) {
        // Only while the name still leads to the file locked here: then no
        // one else can hold it, and anyone who opened it will find it gone.
        if same_file(&self.file, &self.path).unwrap_or(false) {
            let _ = fs::remove_file(&self.path);
        }
    }
}

/// Whether `path` names the very file `file` is open on (device and inode):
/// what proves a lock file, or a journal, is still the one locked.
pub(super) fn same_file(file: &File, path: &Path) -> io::Result<bool> {
    let on_path = match fs::symlink_metadata(path) {
        Ok(m) => m,
        Err(e) if e.kind() == io::ErrorKind::NotFound => return Ok(false),
        Err(e) => return Err(e),
    };
    let open = file.metadata()?;
    #[cfg(unix)]
    {
        use std::os::unix::fs::MetadataExt;
        Ok(on_path.dev() == open.dev() && on_path.ino() == open.ino())
    }
    #[cfg(not(unix))]
    {
        // No inode to compare: the name is taken to lead to the file.
        let _ = (on_path, open);
        Ok(true)
    }
}

/// Opens (creating if needed) a lock file; read-only when it is another
/// user's (an OS lock needs no write access). A symbolic link is refused:
/// a note written through it would land in some other file.
fn open_lock_file(path: &Path) -> io::Result<File> {
    if fs::symlink_metadata(path).is_ok_and(|m| m.file_type().is_symlink()) {
        return Err(io::Error::other("the lock file is a symbolic link"));
    }
    let mut options = OpenOptions::new();
    options.read(true).write(true).create(true);
    #[cfg(unix)]
    std::os::unix::fs::OpenOptionsExt::mode(&mut options, 0o666);
    match options.open(path) {
        Err(e) if e.kind() == io::ErrorKind::PermissionDenied && path.exists() => File::open(path),
        other => other,
    }
}

/// Takes the lock at `path` if no one holds it: `Ok(None)` when someone does.
fn try_hold(path: &Path) -> io::Result<Option<Held>> {
    // Each round that fails found the file removed by its holder between
    // our open and our lock: rare, and never twice in a row for long.
    for _ in 0..1000 {
        let file = open_lock_file(path)?;
        match file.try_lock() {
            Ok(()) => {}
            Err(fs::TryLockError::WouldBlock) => return Ok(None),
            Err(fs::TryLockError::Error(e)) => return Err(e),
        }
        if same_file(&file, path)? {
            return Ok(Some(Held {
                file,
                path: path.to_owned(),
            }));
        }
    }
    Err(io::Error::other("the lock keeps changing hands"))
}

/// Takes the lock at `path`, waiting up to `wait` for its holder.
fn hold(path: &Path, wait: Duration) -> io::Result<Option<Held>> {
    let deadline = Instant::now() + wait;
    let mut pause = Duration::from_micros(500);
    loop {
        if let Some(held) = try_hold(path)? {
            return Ok(Some(held));
        }
        if Instant::now() >= deadline {
            return Ok(None);
        }
        std::thread::sleep(pause);
        pause = (pause * 2).min(Duration::from_millis(8));
    }
}

/// The note in a lock file, if it can be read.
fn read_note(path: &Path) -> Option<LockInfo> {
    let bytes = fs::read(path).ok()?;
    serde_json::Deserializer::from_slice(&bytes)
        .into_iter::<LockInfo>()
        .next()?
        .ok()
}

/// A lock file's name beside the snapshot: `.NAME.guotang-KIND`.
fn beside(snapshot: &Path, kind: &str) -> PathBuf {
    let name = snapshot
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    snapshot.with_file_name(format!(".{name}.guotang-{kind}"))
}

/// The editor's lock file beside a snapshot.
pub fn editor_lock_path(snapshot: &Path) -> PathBuf {
    beside(snapshot, "lock")
}

/// The lock file of `kind` in the data directory, for snapshots in folders
/// this user cannot write.
fn in_data_dir(snapshot: &Path, kind: &str) -> io::Result<PathBuf> {
    let dir = data_dir::snapshot_path("locks", snapshot)?;
    Ok(dir.join(format!("guotang-{kind}")))
}

/// Whether an error creating a lock file beside the snapshot means "use the
/// data directory instead".
fn folder_refuses(e: &io::Error) -> bool {
    matches!(
        e.kind(),
        io::ErrorKind::PermissionDenied
            | io::ErrorKind::ReadOnlyFilesystem
            // A full folder cannot hold the lock either; the save then
            // reports the full disk, which is the real news.
            | io::ErrorKind::StorageFull
            | io::ErrorKind::QuotaExceeded
            | io::ErrorKind::FileTooLarge
    )
}

/// Takes the lock of `kind` on `snapshot` (beside it, else in the data
/// directory), waiting up to `wait`: `Ok(None)` when someone holds it.
fn take(snapshot: &Path, kind: &str, wait: Duration) -> Result<Option<Held>, LockError> {
    let here = beside(snapshot, kind);
    match hold(&here, wait) {
        Err(e) if folder_refuses(&e) => {
            let io_err = |source| LockError::Io {
                path: snapshot.to_owned(),
                source,
            };
            let path = in_data_dir(snapshot, kind).map_err(io_err)?;
            if let Some(dir) = path.parent() {
                fs::create_dir_all(dir).map_err(io_err)?;
            }
            hold(&path, wait).map_err(|source| LockError::Io { path, source })
        }
        Err(source) => Err(LockError::Io { path: here, source }),
        Ok(h) => Ok(h),
    }
}

/// The note of whoever holds the lock of `kind` on `snapshot`, if anyone
/// does (a lock found free is taken for a moment, which also clears a dead
/// holder's file).
fn holder_of(snapshot: &Path, kind: &str) -> Option<LockInfo> {
    let fallback = in_data_dir(snapshot, kind).ok();
    for path in std::iter::once(beside(snapshot, kind)).chain(fallback) {
        if !path.exists() {
            continue;
        }
        match try_hold(&path) {
            Ok(Some(_free)) => {}
            Ok(None) => return Some(read_note(&path).unwrap_or_else(LockInfo::unknown)),
            Err(_) => {}
        }
    }
    None
}

/// The editor's lock, held: released (its file removed) when dropped.
#[derive(Debug)]
pub struct Lock {
    held: Held,
    info: LockInfo,
}

impl Lock {
    /// The lock file.
    pub fn path(&self) -> &Path {
        self.held.path()
    }

    /// Tells others whether this editor has unsaved edits (and since when),
    /// so that `guotang set` waits for them to be saved.
    pub fn set_unsaved(&mut self, unsaved: bool) -> io::Result<()> {
        if unsaved == self.info.unsaved_since.is_some() {
            return Ok(());
        }
        self.info.unsaved_since = unsaved.then(now);
        self.held.write_note(&self.info)
    }
}

/// How long the editor's lock is waited for: only the moment another
/// process takes to look at it ([`editor`]).
const LOOK_WAIT: Duration = Duration::from_millis(300);

/// Takes the editor's lock on `snapshot` for `purpose`; if another editor,
/// alive, holds it: [`LockError::Held`] with their note.
pub fn acquire(snapshot: &Path, purpose: &str) -> Result<Lock, LockError> {
    let info = LockInfo::current(purpose);
    match take(snapshot, "lock", LOOK_WAIT)? {
        Some(held) => {
            // A note that cannot be written (another user's file) only
            // leaves others without the details.
            let _ = held.write_note(&info);
            Ok(Lock { held, info })
        }
        None => Err(LockError::Held {
            snapshot: snapshot.to_owned(),
            holder: Box::new(editor(snapshot).unwrap_or_else(LockInfo::unknown)),
        }),
    }
}

/// The editor that holds `snapshot`'s lock now, if any is alive.
pub fn editor(snapshot: &Path) -> Option<LockInfo> {
    holder_of(snapshot, "lock")
}

/// The presenter's lock (`.NAME.guotang-present`), held while a console
/// publishes its position ([`super::position`]): one presenter publishes.
#[derive(Debug)]
pub struct PresenterLock {
    _held: Held,
}

/// Takes the presenter's lock on `snapshot` without waiting; if another
/// presenter, alive, holds it: [`LockError::Held`] with their note.
pub fn presenter(snapshot: &Path) -> Result<PresenterLock, LockError> {
    match take(snapshot, "present", Duration::ZERO)? {
        Some(held) => {
            let _ = held.write_note(&LockInfo::current("present"));
            Ok(PresenterLock { _held: held })
        }
        None => Err(LockError::Held {
            snapshot: snapshot.to_owned(),
            holder: Box::new(holder_of(snapshot, "present").unwrap_or_else(LockInfo::unknown)),
        }),
    }
}

/// How long a save waits for another save of the same file.
pub const SAVE_WAIT: Duration = Duration::from_secs(30);

/// The save lock, held for one save ([`super::save::Writer`]).
#[derive(Debug)]
pub struct SaveLock {
    _held: Held,
}

/// Takes the save lock on `snapshot`, waiting up to `wait` for other saves.
pub fn for_save(snapshot: &Path, purpose: &str, wait: Duration) -> Result<SaveLock, LockError> {
    match take(snapshot, "save", wait)? {
        Some(held) => {
            let _ = held.write_note(&LockInfo::current(purpose));
            Ok(SaveLock { _held: held })
        }
        None => Err(LockError::Busy {
            snapshot: snapshot.to_owned(),
            holder: Box::new(holder_of(snapshot, "save").unwrap_or_else(LockInfo::unknown)),
            waited: wait,
        }),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_second_editor_is_told_who_holds_the_lock() -> io::Result<()> {
        let dir = tempfile::tempdir()?;
        let snap = dir.path().join("m.json");
        let mut lock = acquire(&snap, "edit").unwrap();
        assert_eq!(lock.path(), dir.path().join(".m.json.guotang-lock"));
        let err = acquire(&snap, "edit").unwrap_err();
        let LockError::Held { holder, .. } = &err else {
            panic!("{err}")
        };
        assert_eq!(holder.pid, std::process::id());
        assert_eq!(holder.purpose, "edit");
        assert!(err.to_string().contains("is being edited by"), "{err}");
        assert!(err.to_string().contains('@'), "user@host: {err}");
        // Unsaved edits are told to whoever looks.
        assert_eq!(editor(&snap).unwrap().unsaved_since, None);
        lock.set_unsaved(true)?;
        assert!(editor(&snap).unwrap().unsaved_since.is_some());
        lock.set_unsaved(false)?;
        assert_eq!(editor(&snap).unwrap().unsaved_since, None);
        drop(lock);
        assert!(!dir.path().join(".m.json.guotang-lock").exists());
        assert_eq!(editor(&snap), None);
        assert!(acquire(&snap, "edit").is_ok());
        Ok(())
    }

    /// A lock file left behind (its holder killed) holds nothing: the OS
    /// let its lock go with the process. Whatever its note says.
    #[test]
    fn a_dead_holders_file_is_taken_whatever_its_note_says() -> io::Result<()> {
        let dir = tempfile::tempdir()?;
        let snap = dir.path().join("m.json");
        let mut note = LockInfo::current("edit");
        note.host = "another-host".into();
        fs::write(editor_lock_path(&snap), serde_json::to_vec(&note)?)?;
        assert_eq!(editor(&snap), None);
        fs::write(editor_lock_path(&snap), b"{\"pid\": 12")?;
        let lock = acquire(&snap, "edit").unwrap();
        assert_eq!(read_note(lock.path()).unwrap().purpose, "edit");
        Ok(())
    }

    /// The race the old lock lost: a process that opened the lock file,
    /// then got its OS lock only after the holder removed the file, must
    /// not believe it holds the lock — the name now leads to a new file,
    /// which a third process may hold.
    #[test]
    fn a_lock_on_a_removed_file_is_not_a_lock() -> io::Result<()> {
        let dir = tempfile::tempdir()?;
        let path = dir.path().join(".m.json.guotang-save");
        let first = try_hold(&path)?.unwrap();
        // A latecomer opened the old file before it was removed.
        let stale = open_lock_file(&path)?;
        drop(first); // removes the file, lets its lock go
        let third = try_hold(&path)?.unwrap();
        stale.try_lock().unwrap(); // the OS lock on the removed file is free…
        assert!(!same_file(&stale, &path)?, "…but it is not the lock");
        assert!(try_hold(&path)?.is_none(), "the third holds it");
        drop(third);
        Ok(())
    }

    #[test]
    fn saves_wait_for_each_other_and_say_who_took_too_long() -> io::Result<()> {
        let dir = tempfile::tempdir()?;
        let snap = dir.path().join("m.json");
        let first = for_save(&snap, "guotang set", SAVE_WAIT).unwrap();
        let err = for_save(&snap, "edit", Duration::from_millis(20)).unwrap_err();
        assert!(matches!(err, LockError::Busy { .. }), "{err}");
        assert!(err.to_string().contains("guotang set"), "{err}");
        // The editor's lock is another lock: an editor open never stops a save.
        let _editor = acquire(&snap, "edit").unwrap();
        drop(first);
        let _second = for_save(&snap, "edit", SAVE_WAIT).unwrap();
        Ok(())
    }

    #[test]
    fn times_are_shown_in_local_time() {
        let now = chrono::Local::now();
        let today = now.to_rfc3339();
        assert_eq!(local_time(&today), now.format("%H:%M").to_string());
        assert_eq!(local_time("not a time"), "not a time");
        let utc = "2020-01-02T03:04:05+00:00";
        let shown = local_time(utc);
        assert!(shown.starts_with("2020-01-0"), "{shown}");
    }
}
