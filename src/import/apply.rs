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
    match store::save(path, doc, store::Expect::Unchanged(read_hash)) {
        Ok(_) => Ok(()),
        Err(store::SaveError::Conflict { .. }) => Err(ApplyError::Changed(path.to_owned())),
        Err(store::SaveError::Io { source, .. }) => Err(ApplyError::Write {
            path: path.to_owned(),
            source,
        }),
        Err(e @ store::SaveError::Exists { .. }) => Err(ApplyError::Write {
            path: path.to_owned(),
            source: std::io::Error::other(e.to_string()),
        }),
    }
}
