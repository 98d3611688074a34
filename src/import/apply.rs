//! The import's one write. It refuses when the snapshot changed on disk since
//! it was read, and replaces the file atomically.

use std::path::{Path, PathBuf};

use crate::model::{self, Document};
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
/// `read_hash`. (The lead routes this through the store's save, with backups
/// and the journal, once that lands: this function is the one place to swap.)
pub fn apply_to_file(path: &Path, read_hash: u64, doc: &Document) -> Result<(), ApplyError> {
    let now = store::read_bytes(path)?;
    if store::hash_bytes(&now) != read_hash {
        return Err(ApplyError::Changed(path.to_owned()));
    }
    store::write_atomic(path, model::to_pretty(&doc.json).as_bytes()).map_err(|source| {
        ApplyError::Write {
            path: path.to_owned(),
            source,
        }
    })
}
