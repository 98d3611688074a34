//! The import's one write. It refuses when the snapshot changed on disk since
//! it was read, and saves through the store (backup, atomic write).

use std::path::{Path, PathBuf};

use crate::model::Document;
use crate::store::{self, LoadError};

/// Why the edited snapshot was not written.
#[derive(Debug, thiserror::Error)]
pub enum ApplyError {
    #[error(transparent)]
    Read(#[from] LoadError),
    #[error(
        "{0} changed on disk since it was read (another editor?); nothing was written, run the import again"
    )]
    Changed(PathBuf),
    #[error("cannot write {path}: {source}")]
    Write {
        path: PathBuf,
        #[source]
        source: std::io::Error,
    },
}

/// Writes `doc` to `path` if the file still has the bytes whose hash is
/// `read_hash`, through the store's save: the version replaced goes to the
/// backups (`guotang backups`), the write is atomic.
pub fn apply_to_file(path: &Path, read_hash: u64, doc: &Document) -> Result<(), ApplyError> {
    let writer =
        store::save::Writer::begin(path, "guotang import").map_err(|e| write_error(path, e))?;
    apply_with(&writer, read_hash, doc)
}

/// [`apply_to_file`] by a writer already holding the file's save lock (taken
/// before the file was read: then no other save can come between).
pub fn apply_with(
    writer: &store::save::Writer,
    read_hash: u64,
    doc: &Document,
) -> Result<(), ApplyError> {
    let path = writer.path();
    writer
        .save(doc, store::Expect::Unchanged(read_hash))
        .map(drop)
        .map_err(|e| write_error(path, e))
}

fn write_error(path: &Path, e: store::SaveError) -> ApplyError {
    match e {
        store::SaveError::Conflict { .. } => ApplyError::Changed(path.to_owned()),
        store::SaveError::Io { source, .. } => ApplyError::Write {
            path: path.to_owned(),
            source,
        },
        e @ (store::SaveError::Exists { .. } | store::SaveError::Locked { .. }) => {
            ApplyError::Write {
                path: path.to_owned(),
                source: std::io::Error::other(e.to_string()),
            }
        }
    }
}
