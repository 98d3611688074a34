//! Reading a snapshot file: size check first, then parse and validate.

use std::fs;
use std::io::{self, Read};
use std::path::{Path, PathBuf};

use super::content::{FileStamp, OnDisk, hash_bytes};
use super::mapped::Mapped;
use crate::model::parse::{MAX_BYTES, too_large};
use crate::model::{Document, FileText, Problem, Problems};

/// A snapshot read from disk.
#[derive(Debug, Clone)]
pub struct Loaded {
    pub doc: Document,
    /// Hash of the bytes read, to notice later that someone else changed the file.
    pub content_hash: u64,
}

/// Why a snapshot could not be read.
#[derive(Debug, thiserror::Error)]
pub enum LoadError {
    #[error("cannot read {path}: {source}")]
    Io {
        path: PathBuf,
        #[source]
        source: std::io::Error,
    },
    #[error("{path} is not a usable snapshot:\n{problems}")]
    Invalid { path: PathBuf, problems: Problems },
}

impl LoadError {
    /// The problems found in the file, if it was read at all.
    pub fn problems(&self) -> Option<&Problems> {
        match self {
            LoadError::Invalid { problems, .. } => Some(problems),
            LoadError::Io { .. } => None,
        }
    }
}

/// What a path is, in words, when it is not a regular file.
fn kind_of(ft: fs::FileType) -> Option<&'static str> {
    use std::os::unix::fs::FileTypeExt as _;
    if ft.is_file() {
        return None;
    }
    Some(if ft.is_dir() {
        "a directory"
    } else if ft.is_fifo() {
        "a FIFO (named pipe)"
    } else if ft.is_char_device() {
        "a character device"
    } else if ft.is_block_device() {
        "a block device"
    } else if ft.is_socket() {
        "a socket"
    } else {
        "not a regular file"
    })
}

/// The error for a path that is not a regular file, naming what it is.
fn not_a_file(what: &str) -> io::Error {
    io::Error::other(format!("it is {what}, not a file"))
}

/// Checks that `path` (links followed) is a regular file without opening
/// it: opening a FIFO with no writer waits forever, and a device such as
/// `/dev/zero` reads on for ever. The error names what it is instead.
pub fn regular_file(path: &Path) -> io::Result<fs::Metadata> {
    let meta = fs::metadata(path)?;
    match kind_of(meta.file_type()) {
        None => Ok(meta),
        Some(what) => Err(not_a_file(what)),
    }
}

/// Opens a file for reading, never waiting on a FIFO put there meanwhile.
pub(super) fn open(path: &Path) -> io::Result<fs::File> {
    let mut options = fs::OpenOptions::new();
    options.read(true);
    #[cfg(all(target_os = "linux", target_env = "gnu"))]
    {
        use std::os::unix::fs::OpenOptionsExt as _;
        // No effect on a regular file; a FIFO opens at once.
        options.custom_flags(libc::O_NONBLOCK);
    }
    options.open(path)
}

/// Reads the raw bytes of a file, refusing one over the size limit unread,
/// and anything that is not a regular file (a FIFO, a device, a folder)
/// at once, saying what it is.
pub fn read_bytes(path: &Path) -> Result<Vec<u8>, LoadError> {
    let (file, len) = open_checked(path)?;
    read_open(path, file, len)
}

/// Opens a snapshot file to read, with its length: refused when it is not
/// a regular file or over the size limit.
fn open_checked(path: &Path) -> Result<(fs::File, u64), LoadError> {
    let io = |source| LoadError::Io {
        path: path.to_owned(),
        source,
    };
    regular_file(path).map_err(io)?;
    let file = open(path).map_err(io)?;
    // Checked again on what was opened: the path may have changed meanwhile.
    let meta = file.metadata().map_err(io)?;
    if let Some(what) = kind_of(meta.file_type()) {
        return Err(io(not_a_file(what)));
    }
    if meta.len() > MAX_BYTES {
        return Err(LoadError::Invalid {
            path: path.to_owned(),
            problems: Problems(vec![Problem::Input {
                message: too_large(meta.len()),
            }]),
        });
    }
    Ok((file, meta.len()))
}

/// Reads an opened file whole into memory.
fn read_open(path: &Path, file: fs::File, len: u64) -> Result<Vec<u8>, LoadError> {
    let mut bytes = Vec::with_capacity(len as usize);
    crate::memory::advise_huge_pages(&mut bytes);
    // `take` guards against a file that grows while it is read (or a pipe).
    file.take(MAX_BYTES + 1)
        .read_to_end(&mut bytes)
        .map_err(|source| LoadError::Io {
            path: path.to_owned(),
            source,
        })?;
    Ok(bytes)
}

/// [`load`] for a command that reads the file once and ends (`check`): a
/// large file's pages are mapped instead of copied into memory
/// ([`super::mapped`]). Read into memory as [`load`] does when the file is
/// small, on a network share (another machine's writes are not kept in
/// step with a mapping), when it cannot be mapped, and when it was written
/// while it was read (what was read may mix two versions).
pub fn load_once(path: &Path) -> Result<Loaded, LoadError> {
    let (file, len) = open_checked(path)?;
    let mapped = match FileStamp::of_file(&file) {
        Ok(before) if super::fs_kind::network_type(path).is_none() => {
            Mapped::new(&file).ok().flatten().map(|m| (before, m))
        }
        _ => None,
    };
    let Some((before, mapped)) = mapped else {
        return from_bytes(path, read_open(path, file, len)?);
    };
    let loaded = from_text(path, FileText::new(mapped));
    if FileStamp::of_file(&file).ok() == Some(before) {
        return loaded;
    }
    drop(loaded);
    load(path)
}

/// Reads a snapshot file, and parses and validates it only if its content
/// is not the one with hash `known` (`Ok(None)`): a console's own save
/// comes back through its watcher, and reading 27 MB again to find it
/// unchanged would cost a second of CPU another console needs.
pub fn load_if_changed(path: &Path, known: Option<u64>) -> Result<Option<Loaded>, LoadError> {
    // Hashed as it streams in: finding it unchanged costs no 27 MB copy.
    // Anything unusual (gone, a folder, too large) is left to `load` to say.
    if let Some(known) = known
        && fs::metadata(path).is_ok_and(|m| m.is_file() && m.len() <= MAX_BYTES)
        && let Ok(Some(on_disk)) = OnDisk::read(path)
        && on_disk.hash == known
    {
        return Ok(None);
    }
    // Hashed again as read: it may have changed once more meanwhile.
    load(path).map(Some)
}

/// Reads, parses and validates a snapshot file.
pub fn load(path: &Path) -> Result<Loaded, LoadError> {
    from_bytes(path, read_bytes(path)?)
}

/// The least text hashed on a thread of its own while it is parsed.
const HASH_APART: usize = 1 << 20;

fn from_bytes(path: &Path, bytes: Vec<u8>) -> Result<Loaded, LoadError> {
    from_text(path, FileText::from(bytes))
}

fn from_text(path: &Path, text: FileText) -> Result<Loaded, LoadError> {
    // The document keeps the text, without a copy; a large text is
    // hashed alongside the parsing (which is serial for a while), not
    // before it.
    let (doc, content_hash) = if text.len() < HASH_APART {
        (Document::from_shared(text.clone()), hash_bytes(&text))
    } else {
        std::thread::scope(|s| {
            let hashing = std::thread::Builder::new()
                .name("hash".into())
                .spawn_scoped(s, || hash_bytes(&text));
            let doc = Document::from_shared(text.clone());
            // No thread to be had (a process limit): hashed here.
            let hash = hashing
                .ok()
                .and_then(|h| h.join().ok())
                .unwrap_or_else(|| hash_bytes(&text));
            (doc, hash)
        })
    };
    let doc = doc.map_err(|problems| LoadError::Invalid {
        path: path.to_owned(),
        problems,
    })?;
    Ok(Loaded { doc, content_hash })
}
