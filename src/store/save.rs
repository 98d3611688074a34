//! Saving a snapshot without losing anyone's work: the file must still be
//! the one this console loaded (else a [`SaveError::Conflict`], and the
//! caller chooses: rebase, overwrite or save as), the version replaced is
//! backed up, and the new one is written atomically.

use std::fs;
use std::io::{self, Write};
use std::path::{Path, PathBuf};
use std::time::{Duration, SystemTime};

use super::content::OnDisk;
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
    #[error("cannot save {}: {source}", path.display())]
    Io {
        path: PathBuf,
        #[source]
        source: io::Error,
    },
}

/// Saves a document in the save format (`model::to_pretty`), streamed to
/// disk as it is written: no copy of the whole text is held.
pub fn save(path: &Path, doc: &Document, expect: Expect) -> Result<Saved, SaveError> {
    save_with(path, expect, |w| doc.write_pretty(w))
}

/// Saves bytes (see [`save_with`]).
pub fn save_bytes(path: &Path, bytes: &[u8], expect: Expect) -> Result<Saved, SaveError> {
    save_with(path, expect, |w| w.write_all(bytes))
}

/// Saves what `write` writes: checks the file is as expected, backs up the
/// version replaced, writes atomically (temporary file, fsync, rename,
/// fsync the folder). The file being replaced is hashed as it streams in
/// and backed up by a hard link, so a save holds no copy of either
/// version. Callers serialise their own saves with [`super::lock`].
pub fn save_with(
    path: &Path,
    expect: Expect,
    write: impl FnOnce(&mut dyn Write) -> io::Result<()>,
) -> Result<Saved, SaveError> {
    // Through a symlink, replace the file it points to, not the link.
    let resolved;
    let path = match fs::symlink_metadata(path) {
        Ok(m) if m.file_type().is_symlink() => {
            resolved = fs::canonicalize(path).map_err(|source| SaveError::Io {
                path: path.to_owned(),
                source,
            })?;
            resolved.as_path()
        }
        _ => path,
    };
    let io_err = |source| SaveError::Io {
        path: path.to_owned(),
        source,
    };
    let current = OnDisk::read(path).map_err(io_err)?;
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
    let staged = atomic::stage(path, write).map_err(io_err)?;
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
        });
    }
    let (backup, backup_failed) = match current.as_ref().map(|old| backup::keep(path, old)) {
        None => (None, None),
        Some(Ok(p)) => (Some(p), None),
        Some(Err(e)) => (None, Some(e.to_string())),
    };
    if let Err(e) = staged.commit(path) {
        // Nothing was replaced, so nothing needs keeping; and a backup that
        // is a link to the file must not follow later edits made in place.
        if let Some(b) = &backup {
            let _ = fs::remove_file(b);
        }
        return Err(io_err(e));
    }
    sweep_temporaries(path);
    Ok(Saved {
        content_hash,
        backup,
        backup_failed,
        written: true,
    })
}

/// Temporary files older than this are left by a save that was killed.
const STALE_TEMPORARY: Duration = Duration::from_secs(3600);

/// Removes temporary files that killed saves left beside the snapshot (an
/// hour old: no save takes that long, so none is still being written).
fn sweep_temporaries(path: &Path) {
    let dir = match path.parent() {
        Some(d) if !d.as_os_str().is_empty() => d,
        _ => Path::new("."),
    };
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
