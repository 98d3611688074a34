//! Reading an outside save against the version on screen
//! ([`crate::model::reload`]): the file streams in a piece at a time, hashed
//! and compared as it comes, so that neither a second copy of its bytes nor
//! a second full version is held. Anything the comparison cannot take is
//! loaded in full, as before, which also gives every error its place.

use std::io::Read;
use std::path::Path;

use super::content::ContentHasher;
use super::read::{self, LoadError, Loaded};
use crate::model::Document;
use crate::model::parse::MAX_BYTES;
use crate::model::reload::{Differ, Plan};

/// What reading the file again found.
#[derive(Debug)]
pub enum Reread {
    /// The content is the one known (a console's own save coming back).
    Unchanged,
    /// A new version, read against the one held and proven valid.
    Incremental { plan: Box<Plan>, content_hash: u64 },
    /// A new version, loaded in full.
    Full(Box<Loaded>),
}

/// How much of the file is read at a time.
const PIECE: usize = 256 * 1024;

/// Reads the snapshot at `path` again against `held`, the version on
/// screen, whose content hash is `known`.
pub fn reread(path: &Path, known: Option<u64>, held: &Document) -> Result<Reread, LoadError> {
    let full = || match read::load_if_changed(path, known)? {
        None => Ok(Reread::Unchanged),
        Some(loaded) => Ok(Reread::Full(Box::new(loaded))),
    };
    // Anything unusual (gone, a folder, too large) is left to the full
    // path to say.
    let Ok(meta) = read::regular_file(path) else {
        return full();
    };
    if meta.len() > MAX_BYTES {
        return full();
    }
    let Ok(file) = read::open(path) else {
        return full();
    };
    let mut differ = Differ::new(held);
    let mut hash = ContentHasher::default();
    let mut piece = vec![0; PIECE];
    let mut file = file.take(MAX_BYTES + 1);
    loop {
        match file.read(&mut piece) {
            Ok(0) => break,
            Ok(n) => {
                hash.update(&piece[..n]);
                if let Some(d) = &mut differ {
                    d.feed(&piece[..n]);
                }
            }
            Err(e) if e.kind() == std::io::ErrorKind::Interrupted => {}
            Err(_) => return full(),
        }
    }
    let content_hash = hash.finish();
    if known == Some(content_hash) {
        return Ok(Reread::Unchanged);
    }
    match differ.map(Differ::finish) {
        Some(Ok(plan)) => Ok(Reread::Incremental {
            plan: Box::new(plan),
            content_hash,
        }),
        // Read in full: it may have changed again meanwhile.
        _ => read::load(path).map(|l| Reread::Full(Box::new(l))),
    }
}
