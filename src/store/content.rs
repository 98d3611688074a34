//! What a file holds, told without holding it: a content hash computed as
//! the bytes stream past, and the file's identity on disk. A save checks
//! the file it replaces, keeps a backup of it and writes the new version
//! without a second or third copy of a 27 MB snapshot in memory.
//!
//! The hash is XXH3-64 (seed 0), a published algorithm with fixed output:
//! journals store it, so it must not change when the toolchain does (std's
//! `DefaultHasher`, used before, promises no such thing). [`legacy_hash`]
//! still reads the old one, for journals written before.

use std::fs::{self, File};
use std::io::{self, Read, Write};
use std::path::Path;
use std::time::SystemTime;

use xxhash_rust::xxh3::Xxh3Default;

/// The name of the content hash, as journals record it.
pub const HASH_NAME: &str = "xxh3-64";

/// A content hash of snapshot bytes: the same whether the bytes come whole
/// ([`hash_bytes`]) or in pieces ([`ContentHasher`]).
pub fn hash_bytes(bytes: &[u8]) -> u64 {
    xxhash_rust::xxh3::xxh3_64(bytes)
}

/// The content hash guotang used before XXH3: SipHash-1-3 with zero keys
/// through std's `DefaultHasher`, as the journals of earlier versions hold
/// it. Only for recognising such a journal's file; never written.
pub fn legacy_hash(bytes: &[u8]) -> u64 {
    use std::hash::Hasher;
    let mut h = siphasher::sip::SipHasher13::new_with_keys(0, 0);
    h.write(bytes);
    h.finish()
}

/// [`hash_bytes`] fed piece by piece.
#[derive(Default, Clone)]
pub struct ContentHasher {
    hasher: Xxh3Default,
    len: u64,
}

impl ContentHasher {
    pub fn update(&mut self, bytes: &[u8]) {
        self.hasher.update(bytes);
        self.len += bytes.len() as u64;
    }

    pub fn finish(&self) -> u64 {
        self.hasher.digest()
    }

    pub fn len(&self) -> u64 {
        self.len
    }

    pub fn is_empty(&self) -> bool {
        self.len == 0
    }
}

/// A writer that hashes what passes through it.
pub struct HashingWriter<W> {
    inner: W,
    pub hash: ContentHasher,
}

impl<W: Write> HashingWriter<W> {
    pub fn new(inner: W) -> HashingWriter<W> {
        HashingWriter {
            inner,
            hash: ContentHasher::default(),
        }
    }

    pub fn into_inner(self) -> W {
        self.inner
    }
}

impl<W: Write> Write for HashingWriter<W> {
    fn write(&mut self, buf: &[u8]) -> io::Result<usize> {
        let n = self.inner.write(buf)?;
        self.hash.update(&buf[..n]);
        Ok(n)
    }

    fn flush(&mut self) -> io::Result<()> {
        self.inner.flush()
    }
}

/// A file on disk as it was when it was hashed: its content hash and what
/// tells whether a name still leads to that very file, unchanged.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct OnDisk {
    pub hash: u64,
    pub len: u64,
    identity: Identity,
}

/// Device, inode, length and modification time: a file replaced (a rename
/// over the name) has another inode; one written in place, another time.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct Identity {
    dev: u64,
    ino: u64,
    len: u64,
    modified: Option<SystemTime>,
}

impl Identity {
    fn of(meta: &fs::Metadata) -> Identity {
        #[cfg(unix)]
        let (dev, ino) = {
            use std::os::unix::fs::MetadataExt;
            (meta.dev(), meta.ino())
        };
        #[cfg(not(unix))]
        let (dev, ino) = (0, 0);
        Identity {
            dev,
            ino,
            len: meta.len(),
            modified: meta.modified().ok(),
        }
    }
}

impl OnDisk {
    /// Hashes the file at `path` as it streams in; `Ok(None)` when there is
    /// no file.
    pub fn read(path: &Path) -> io::Result<Option<OnDisk>> {
        let mut file = match File::open(path) {
            Ok(f) => f,
            Err(e) if e.kind() == io::ErrorKind::NotFound => return Ok(None),
            Err(e) => return Err(e),
        };
        let before = Identity::of(&file.metadata()?);
        let hash = hash_stream(&mut file, io::sink())?;
        let after = Identity::of(&file.metadata()?);
        Ok(Some(OnDisk {
            hash: hash.finish(),
            len: hash.len(),
            // Written to while it was read: an identity nothing will match.
            identity: if before == after && before.len == hash.len() {
                before
            } else {
                Identity {
                    modified: None,
                    ..before
                }
            },
        }))
    }

    /// Whether `path` is this very file, unchanged since it was hashed (a
    /// hard link to it, say), told from its metadata without reading it.
    pub fn is_at(&self, path: &Path) -> bool {
        self.identity.modified.is_some()
            && fs::metadata(path).is_ok_and(|m| Identity::of(&m) == self.identity)
    }
}

/// What a `stat` tells of a file, enough to see, without reading it, that
/// it was rewritten or replaced: its size, its modification time, its
/// device and inode (a rename over the name changes them) and its status
/// change time (any write, a cut, a rename, a link). Two changes within
/// one tick of the file system's clock can share times (a few ms before
/// Linux 6.13; finer since, once the times were read), so where that
/// matters a stamp that matches is checked again later by content.
/// ([`OnDisk`] leaves the change time out on purpose: a backup is a hard
/// link, which changes it.)
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct FileStamp {
    pub len: u64,
    pub modified: Option<SystemTime>,
    /// Device and inode.
    pub id: (u64, u64),
    /// The inode's change time (seconds, nanoseconds).
    pub changed: (i64, i64),
}

impl FileStamp {
    pub fn of(meta: &fs::Metadata) -> FileStamp {
        #[cfg(unix)]
        let (id, changed) = {
            use std::os::unix::fs::MetadataExt;
            ((meta.dev(), meta.ino()), (meta.ctime(), meta.ctime_nsec()))
        };
        #[cfg(not(unix))]
        let (id, changed) = ((0, 0), (0, 0));
        FileStamp {
            len: meta.len(),
            modified: meta.modified().ok(),
            id,
            changed,
        }
    }

    /// The stamp of an open file (whatever name it has now).
    pub fn of_file(file: &File) -> io::Result<FileStamp> {
        Ok(FileStamp::of(&file.metadata()?))
    }

    /// The stamp of the file at `path` now; `None` when there is none.
    pub fn at(path: &Path) -> io::Result<Option<FileStamp>> {
        match fs::metadata(path) {
            Ok(m) => Ok(Some(FileStamp::of(&m))),
            Err(e) if e.kind() == io::ErrorKind::NotFound => Ok(None),
            Err(e) => Err(e),
        }
    }
}

/// Streams `from` into `to`, hashing what passes.
pub fn hash_stream(from: &mut impl Read, mut to: impl Write) -> io::Result<ContentHasher> {
    let mut hash = ContentHasher::default();
    let mut buf = vec![0u8; 256 * 1024];
    loop {
        let n = match from.read(&mut buf) {
            Ok(0) => return Ok(hash),
            Ok(n) => n,
            Err(e) if e.kind() == io::ErrorKind::Interrupted => continue,
            Err(e) => return Err(e),
        };
        hash.update(&buf[..n]);
        to.write_all(&buf[..n])?;
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn pieces_hash_as_the_whole() {
        let bytes: Vec<u8> = (0..100_000u32).map(|i| (i * 7 + i / 13) as u8).collect();
        let whole = hash_bytes(&bytes);
        for cut in [1, 7, 8, 9, 63, 64, 65, 4096, 99_999] {
            let mut h = ContentHasher::default();
            for piece in bytes.chunks(cut) {
                h.update(piece);
            }
            assert_eq!(h.finish(), whole, "pieces of {cut}");
            assert_eq!(h.len(), bytes.len() as u64);
        }
        assert_ne!(hash_bytes(b"ab"), hash_bytes(b"ba"));
        assert_ne!(hash_bytes(b""), hash_bytes(b"\0"));
    }

    /// The values are XXH3-64's published ones: a journal written by any
    /// build, with any toolchain, names the same file by the same hash.
    #[test]
    fn the_hash_is_xxh3_and_fixed() {
        assert_eq!(hash_bytes(b""), 0x2d06_8005_38d3_94c2);
        assert_eq!(hash_bytes(b"a"), 0xe6c6_32b6_1e96_4e1f);
        // The legacy one is what std's DefaultHasher gave (and still
        // gives, on this toolchain), in one piece or several.
        let bytes: Vec<u8> = (0..5000u32).map(|i| (i * 31 % 251) as u8).collect();
        let mut h = std::hash::DefaultHasher::new();
        for piece in bytes.chunks(777) {
            std::hash::Hasher::write(&mut h, piece);
        }
        assert_eq!(legacy_hash(&bytes), std::hash::Hasher::finish(&h));
        assert_eq!(legacy_hash(b""), 0xd1fb_a762_150c_532c);
    }

    #[test]
    fn a_file_is_hashed_as_its_bytes_and_known_by_its_identity() -> io::Result<()> {
        let dir = tempfile::tempdir()?;
        let path = dir.path().join("s.json");
        assert_eq!(OnDisk::read(&path)?, None);
        let bytes = vec![b'x'; 600_000];
        fs::write(&path, &bytes)?;
        let on_disk = OnDisk::read(&path)?.unwrap();
        assert_eq!(on_disk.hash, hash_bytes(&bytes));
        assert_eq!(on_disk.len, 600_000);
        assert!(on_disk.is_at(&path));
        let link = dir.path().join("link.json");
        fs::hard_link(&path, &link)?;
        assert!(on_disk.is_at(&link));
        // Same bytes, another file.
        let copy = dir.path().join("copy.json");
        fs::write(&copy, &bytes)?;
        assert!(!on_disk.is_at(&copy));
        // Written in place: same inode, another length.
        fs::write(&path, b"y")?;
        assert!(!on_disk.is_at(&link));
        Ok(())
    }

    #[test]
    fn hashing_writer_sees_what_is_written() -> io::Result<()> {
        let mut w = HashingWriter::new(Vec::new());
        w.write_all(b"hello ")?;
        w.write_all(b"world")?;
        assert_eq!(w.hash.finish(), hash_bytes(b"hello world"));
        assert_eq!(w.into_inner(), b"hello world");
        Ok(())
    }
}
