//! Saving a snapshot without losing anyone's work: under the save lock
//! (one save of a file at a time, whoever saves), the file must still be
//! the one the writer read (else a [`SaveError::Conflict`], and the caller
//! chooses: rebase, overwrite or save as), the version replaced is backed
//! up, and the new one is written atomically.

use std::fs;
use std::io::{self, Write};
use std::path::{Path, PathBuf};
use std::time::{Duration, SystemTime};

use super::content::{FileStamp, OnDisk};
use super::lock::{self, LockError};
use super::{atomic, backup};
use crate::model::Document;

/// What the file being replaced must be.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Expect {
    /// The version that was loaded: its content hash (`Loaded::content_hash`).
    Unchanged(u64),
    /// No file yet ("save as" to a new name).
    Absent,
    /// Whatever is there: the user chose to overwrite.
    Anything,
}

/// A save that happened.
#[derive(Debug, Clone, PartialEq)]
pub struct Saved {
    /// The hash of what is now on disk: the next save's [`Expect::Unchanged`].
    pub content_hash: u64,
    /// Where the replaced version was kept.
    pub backup: Option<PathBuf>,
    /// A backup that could not be made (the save went ahead: the new data
    /// matters more than a copy of the old).
    pub backup_failed: Option<String>,
    /// False when the file already held exactly these bytes.
    pub written: bool,
    /// The stamp of the file this save put in place (None when nothing
    /// was written): its writer's watcher reports this very file, which
    /// need not be read again to be known.
    pub stamp: Option<FileStamp>,
}

/// Why a save did not happen. The file on disk is untouched.
#[derive(Debug, thiserror::Error)]
pub enum SaveError {
    /// Someone else changed (or removed) the file since it was loaded.
    #[error("{} was changed by someone else since it was loaded", path.display())]
    Conflict {
        path: PathBuf,
        /// The hash of what is there now; `None` when the file is gone.
        found: Option<u64>,
    },
    /// Save-as onto an existing file.
    #[error("{} already exists", path.display())]
    Exists { path: PathBuf },
    /// Another save of the file did not end in time.
    #[error("cannot save {}: {why}", path.display())]
    Locked { path: PathBuf, why: Box<LockError> },
    #[error("cannot save {}: {source}", path.display())]
    Io {
        path: PathBuf,
        #[source]
        source: io::Error,
    },
}

/// The right to replace one snapshot, held for the moments of a save: the
/// save lock ([`lock::for_save`]). Whoever holds it may read the file,
/// work out the new version and write it, and no other save of that file
/// (the console's, `guotang set`, an import, a restore) can slip in
/// between: what it read is what it replaces.
#[derive(Debug)]
pub struct Writer {
    /// The file replaced: a symlink's target, not the link.
    path: PathBuf,
    _lock: lock::SaveLock,
}

impl Writer {
    /// Takes the save lock of `path`, waiting up to [`lock::SAVE_WAIT`]
    /// for another save to end. `purpose` names this writer to one waiting.
    pub fn begin(path: &Path, purpose: &str) -> Result<Writer, SaveError> {
        Writer::begin_waiting(path, purpose, lock::SAVE_WAIT)
    }

    /// [`Writer::begin`], waiting up to `wait`.
    pub fn begin_waiting(path: &Path, purpose: &str, wait: Duration) -> Result<Writer, SaveError> {
        let path = resolved(path)?;
        let lock = lock::for_save(&path, purpose, wait).map_err(|e| match e {
            LockError::Io { source, .. } => SaveError::Io {
                path: path.clone(),
                source,
            },
            other => SaveError::Locked {
                path: path.clone(),
                why: Box::new(other),
            },
        })?;
        Ok(Writer { path, _lock: lock })
    }

    /// The file this writer replaces.
    pub fn path(&self) -> &Path {
        &self.path
    }

    /// Saves a document in the save format (`model::to_pretty`), streamed
    /// to disk as it is written: no copy of the whole text is held.
    pub fn save(&self, doc: &Document, expect: Expect) -> Result<Saved, SaveError> {
        self.save_with(expect, |w| doc.write_pretty(w))
    }

    /// Saves bytes (see [`Writer::save_with`]).
    pub fn save_bytes(&self, bytes: &[u8], expect: Expect) -> Result<Saved, SaveError> {
        self.save_with(expect, |w| w.write_all(bytes))
    }

    /// Saves what `write` writes: checks the file is as expected, backs up
    /// the version replaced, writes atomically (temporary file, fsync,
    /// rename, fsync the folder). The file being replaced is hashed as it
    /// streams in and backed up by a hard link, so a save holds no copy of
    /// either version. All of it under the save lock: the check and the
    /// rename see the same file.
    pub fn save_with(
        &self,
        expect: Expect,
        write: impl FnOnce(&mut dyn Write) -> io::Result<()>,
    ) -> Result<Saved, SaveError> {
        let path = self.path.as_path();
        let io_err = |source| SaveError::Io {
            path: path.to_owned(),
            source,
        };
        // The file on disk is hashed on a thread while the new text is
        // written beside it (a large file: 10–20 ms of a save's 27 MB); the
        // check below still comes before anything is replaced, and a
        // conflict drops what was written.
        let (current, staged) = std::thread::scope(|s| {
            let hashing = std::thread::Builder::new()
                .name("guotang-hash-old".into())
                .spawn_scoped(s, || OnDisk::read(path));
            // No save of this file is under way but ours: a temporary named
            // for it is a killed save's.
            sweep_killed_saves(path);
            let staged = atomic::stage(path, write);
            let current = match hashing.map(|h| h.join()) {
                Ok(Ok(current)) => current,
                // No thread to be had, or it failed: hashed here.
                _ => OnDisk::read(path),
            };
            (current, staged)
        });
        let current = current.map_err(io_err)?;
        let found = current.as_ref().map(|c| c.hash);
        match (expect, found) {
            (Expect::Unchanged(h), Some(f)) if h == f => {}
            (Expect::Unchanged(_), _) => {
                return Err(SaveError::Conflict {
                    path: path.to_owned(),
                    found,
                });
            }
            (Expect::Absent, Some(_)) => {
                return Err(SaveError::Exists {
                    path: path.to_owned(),
                });
            }
            (Expect::Absent | Expect::Anything, _) => {}
        }
        let staged = staged.map_err(io_err)?;
        let content_hash = staged.hash;
        if current
            .as_ref()
            .is_some_and(|c| c.hash == staged.hash && c.len == staged.len)
        {
            // Dropping the staged file removes it.
            return Ok(Saved {
                content_hash,
                backup: None,
                backup_failed: None,
                written: false,
                stamp: None,
            });
        }
        let (backup, backup_failed) = match current.as_ref().map(|old| backup::keep(path, old)) {
            None => (None, None),
            Some(Ok(p)) => (Some(p), None),
            Some(Err(e)) => (None, Some(e.to_string())),
        };
        let stamp = match staged.commit(path) {
            Ok(stamp) => stamp,
            Err(e) => {
                // Nothing was replaced, so nothing needs keeping; and a
                // backup that is a link to the file must not follow later
                // edits made in place.
                if let Some(b) = &backup {
                    let _ = fs::remove_file(b);
                }
                return Err(io_err(e));
            }
        };
        if backup.is_some() {
            // What cannot be removed now is removed by the next save; the
            // save itself is in place either way.
            let _ = backup::drop_oldest(path);
        }
        sweep_old_temporaries(path);
        Ok(Saved {
            content_hash,
            backup,
            backup_failed,
            written: true,
            stamp: Some(stamp),
        })
    }
}

/// Through a symlink, the file it points to: that is the file replaced,
/// and the one whose save lock counts.
fn resolved(path: &Path) -> Result<PathBuf, SaveError> {
    match fs::symlink_metadata(path) {
        Ok(m) if m.file_type().is_symlink() => {
            fs::canonicalize(path).map_err(|source| SaveError::Io {
                path: path.to_owned(),
                source,
            })
        }
        _ => Ok(path.to_owned()),
    }
}

/// Saves a document in the save format, under the save lock for this one
/// save ([`Writer`]).
pub fn save(path: &Path, doc: &Document, expect: Expect) -> Result<Saved, SaveError> {
    Writer::begin(path, "save")?.save(doc, expect)
}

/// Saves bytes (see [`save_with`]).
pub fn save_bytes(path: &Path, bytes: &[u8], expect: Expect) -> Result<Saved, SaveError> {
    Writer::begin(path, "save")?.save_bytes(bytes, expect)
}

/// Saves what `write` writes, under the save lock for this one save
/// ([`Writer::save_with`]). A caller that reads the file first, to change
/// it, takes a [`Writer`] before reading instead.
pub fn save_with(
    path: &Path,
    expect: Expect,
    write: impl FnOnce(&mut dyn Write) -> io::Result<()>,
) -> Result<Saved, SaveError> {
    Writer::begin(path, "save")?.save_with(expect, write)
}

/// Removes what saves of `path` killed midway left: temporary files named
/// for it ([`atomic::stage`]). Called under the save lock, when no save of
/// that file can be writing one.
fn sweep_killed_saves(path: &Path) {
    let prefix = atomic::temporary_prefix(path);
    let Ok(entries) = fs::read_dir(parent(path)) else {
        return;
    };
    for entry in entries.flatten() {
        let name = entry.file_name();
        let name = name.to_string_lossy();
        if name.starts_with(&prefix) && name.ends_with(".tmp") {
            let _ = fs::remove_file(entry.path());
        }
    }
}

fn parent(path: &Path) -> &Path {
    match path.parent() {
        Some(d) if !d.as_os_str().is_empty() => d,
        _ => Path::new("."),
    }
}

/// Temporaries of other kinds older than this were left by a killed writer.
const STALE_TEMPORARY: Duration = Duration::from_secs(3600);

/// Removes temporary files of earlier versions' saves (`.guotang-….tmp`,
/// not named for their file, so swept only when an hour old: no save takes
/// that long, so none is still being written).
fn sweep_old_temporaries(path: &Path) {
    let dir = parent(path);
    let Ok(entries) = fs::read_dir(dir) else {
        return;
    };
    let now = SystemTime::now();
    for entry in entries.flatten() {
        let name = entry.file_name();
        let name = name.to_string_lossy();
        if !(name.starts_with(".guotang-") && name.ends_with(".tmp")) {
            continue;
        }
        let old = entry
            .metadata()
            .and_then(|m| m.modified())
            .ok()
            .and_then(|t| now.duration_since(t).ok())
            .is_some_and(|age| age > STALE_TEMPORARY);
        if old {
            let _ = fs::remove_file(entry.path());
        }
    }
}
