//! Warning a second editor: a lock file beside the snapshot
//! (`.NAME.guotang-lock`, or in the data directory when the folder is not
//! writable) saying who edits it. A lock whose process is dead on this host
//! is stale and taken over; one from another host is reported, never broken
//! silently.

use std::fs;
use std::io::{self, Write};
use std::path::{Path, PathBuf};

use serde::{Deserialize, Serialize};

use super::data_dir;

/// Who holds a lock.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct LockInfo {
    pub pid: u32,
    pub host: String,
    pub user: String,
    /// RFC 3339, local time.
    pub started: String,
    /// What the holder is doing (`guotang set`, `console editor`).
    #[serde(default)]
    pub purpose: String,
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
            started: chrono::Local::now().to_rfc3339_opts(chrono::SecondsFormat::Secs, false),
            purpose: purpose.to_owned(),
        }
    }

    /// A lock left by a process that is gone: same host, no such pid.
    pub fn is_stale(&self) -> bool {
        self.host == hostname() && !pid_alive(self.pid)
    }
}

impl std::fmt::Display for LockInfo {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let purpose = if self.purpose.is_empty() {
            String::new()
        } else {
            format!(", {}", self.purpose)
        };
        write!(
            f,
            "{}@{} (pid {}, since {}{purpose})",
            self.user, self.host, self.pid, self.started
        )
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

/// Whether a process runs on this host. Without /proc (not Linux) it cannot
/// be told, and a lock is then never taken for stale.
fn pid_alive(pid: u32) -> bool {
    if !Path::new("/proc/self").exists() {
        return true;
    }
    Path::new("/proc").join(pid.to_string()).exists()
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
    #[error("cannot lock {}: {source}", path.display())]
    Io {
        path: PathBuf,
        #[source]
        source: io::Error,
    },
}

/// A held lock; dropping it removes the lock file (if still ours).
#[derive(Debug)]
pub struct Lock {
    path: PathBuf,
    info: LockInfo,
}

impl Lock {
    /// The lock file.
    pub fn path(&self) -> &Path {
        &self.path
    }
}

impl Drop for Lock {
    fn drop(&mut self) {
        if read_info(&self.path).as_ref() == Some(&self.info) {
            let _ = fs::remove_file(&self.path);
        }
    }
}

/// The lock file beside a snapshot.
pub fn beside(snapshot: &Path) -> PathBuf {
    let name = snapshot
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    snapshot.with_file_name(format!(".{name}.guotang-lock"))
}

/// The lock file in the data directory, for snapshots in read-only folders.
fn in_data_dir(snapshot: &Path) -> io::Result<PathBuf> {
    Ok(data_dir::snapshot_dir("locks", snapshot)?.join("guotang-lock"))
}

fn read_info(path: &Path) -> Option<LockInfo> {
    serde_json::from_slice(&fs::read(path).ok()?).ok()
}

/// Who edits `snapshot` now, if anyone alive does.
pub fn holder(snapshot: &Path) -> Option<LockInfo> {
    let fallback = data_dir::snapshot_path("locks", snapshot).map(|d| d.join("guotang-lock"));
    let here = std::iter::once(beside(snapshot)).chain(fallback.ok());
    here.filter_map(|p| read_info(&p)).find(|i| !i.is_stale())
}

/// Takes the lock on `snapshot` for `purpose`, taking over a stale one.
pub fn acquire(snapshot: &Path, purpose: &str) -> Result<Lock, LockError> {
    let info = LockInfo::current(purpose);
    match try_at(&beside(snapshot), snapshot, &info) {
        Err(LockError::Io { source, .. })
            if matches!(
                source.kind(),
                io::ErrorKind::PermissionDenied
                    | io::ErrorKind::ReadOnlyFilesystem
                    // A full folder cannot hold the lock either; the save
                    // then reports the full disk, which is the real news.
                    | io::ErrorKind::StorageFull
                    | io::ErrorKind::QuotaExceeded
                    | io::ErrorKind::FileTooLarge
            ) =>
        {
            let path = in_data_dir(snapshot).map_err(|source| LockError::Io {
                path: snapshot.to_owned(),
                source,
            })?;
            try_at(&path, snapshot, &info)
        }
        other => other,
    }
}

fn try_at(path: &Path, snapshot: &Path, info: &LockInfo) -> Result<Lock, LockError> {
    let io_err = |source| LockError::Io {
        path: path.to_owned(),
        source,
    };
    let bytes = serde_json::to_vec(info).map_err(|e| io_err(io::Error::other(e)))?;
    // Two attempts: the second after removing a stale lock.
    for _ in 0..2 {
        match create_with(path, &bytes) {
            Ok(()) => {
                return Ok(Lock {
                    path: path.to_owned(),
                    info: info.clone(),
                });
            }
            Err(e) if e.kind() == io::ErrorKind::AlreadyExists => {}
            Err(e) => return Err(io_err(e)),
        }
        match read_info(path) {
            Some(holder) if !holder.is_stale() => {
                return Err(LockError::Held {
                    snapshot: snapshot.to_owned(),
                    holder: Box::new(holder),
                });
            }
            // Stale, or unreadable (a holder that died before finishing it:
            // `create_with` never leaves a partial lock behind).
            _ => match fs::remove_file(path) {
                Ok(()) => {}
                Err(e) if e.kind() == io::ErrorKind::NotFound => {}
                Err(e) => return Err(io_err(e)),
            },
        }
    }
    match read_info(path) {
        Some(holder) => Err(LockError::Held {
            snapshot: snapshot.to_owned(),
            holder: Box::new(holder),
        }),
        None => Err(io_err(io::Error::other("the lock keeps changing hands"))),
    }
}

/// Creates `path` holding `bytes`, failing if it exists. The content is
/// written to a temporary file first and linked into place, so the lock
/// never exists half-written.
fn create_with(path: &Path, bytes: &[u8]) -> io::Result<()> {
    let dir = match path.parent() {
        Some(d) if !d.as_os_str().is_empty() => d,
        _ => Path::new("."),
    };
    let mut tmp = tempfile::Builder::new()
        .prefix(".guotang-lock-")
        .tempfile_in(dir)?;
    tmp.write_all(bytes)?;
    tmp.as_file().sync_all()?;
    match fs::hard_link(tmp.path(), path) {
        Ok(()) => Ok(()),
        Err(e) if e.kind() == io::ErrorKind::AlreadyExists => Err(e),
        // A filesystem without hard links: create_new is atomic for existence.
        Err(_) => {
            let mut f = fs::OpenOptions::new()
                .write(true)
                .create_new(true)
                .open(path)?;
            f.write_all(bytes)?;
            f.sync_all()
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_second_editor_is_told_who_holds_the_lock() -> io::Result<()> {
        let dir = tempfile::tempdir()?;
        let snap = dir.path().join("m.json");
        let lock = acquire(&snap, "console editor").unwrap();
        assert_eq!(lock.path(), dir.path().join(".m.json.guotang-lock"));
        let err = acquire(&snap, "guotang set").unwrap_err();
        let LockError::Held { holder, .. } = &err else {
            panic!("{err}")
        };
        assert_eq!(holder.pid, std::process::id());
        assert_eq!(holder.purpose, "console editor");
        assert!(err.to_string().contains("is being edited by"));
        assert_eq!(holder_of(&snap), Some(std::process::id()));
        drop(lock);
        assert!(!dir.path().join(".m.json.guotang-lock").exists());
        assert!(acquire(&snap, "guotang set").is_ok());
        Ok(())
    }

    fn holder_of(snap: &Path) -> Option<u32> {
        holder(snap).map(|h| h.pid)
    }

    #[test]
    fn stale_and_torn_locks_are_taken_over() -> io::Result<()> {
        let dir = tempfile::tempdir()?;
        let snap = dir.path().join("m.json");
        let mut dead = LockInfo::current("crashed");
        dead.pid = u32::MAX - 1; // above pid_max: never a live process
        fs::write(beside(&snap), serde_json::to_vec(&dead)?)?;
        assert!(dead.is_stale());
        assert_eq!(holder(&snap), None);
        let lock = acquire(&snap, "editor").unwrap();
        drop(lock);
        fs::write(beside(&snap), b"{\"pid\": 12")?;
        assert!(acquire(&snap, "editor").is_ok());
        // Another host's lock is never broken.
        let mut remote = LockInfo::current("editor");
        remote.host = "another-host".into();
        remote.pid = u32::MAX - 1;
        fs::write(beside(&snap), serde_json::to_vec(&remote)?)?;
        assert!(matches!(
            acquire(&snap, "editor"),
            Err(LockError::Held { .. })
        ));
        Ok(())
    }

    #[test]
    fn a_lock_taken_over_is_not_removed_by_its_old_owner() -> io::Result<()> {
        let dir = tempfile::tempdir()?;
        let snap = dir.path().join("m.json");
        let lock = acquire(&snap, "editor").unwrap();
        let mut other = LockInfo::current("other");
        other.started = "later".into();
        fs::write(beside(&snap), serde_json::to_vec(&other)?)?;
        drop(lock);
        assert!(beside(&snap).exists());
        Ok(())
    }
}
