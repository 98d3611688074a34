//! Atomic replacement of a file: a reader (or a crash) sees either the old
//! file or the new one, never a half-written mix.

use std::fs::{self, File};
use std::io::{self, BufWriter, Write};
use std::path::Path;

use tempfile::NamedTempFile;

use super::content::{FileStamp, HashingWriter};

/// Writes `bytes` to `path` atomically: a temporary file in the same
/// directory, fsync, rename over the target, fsync the directory. The
/// target's permissions are kept when it already exists.
pub fn write_atomic(path: &Path, bytes: &[u8]) -> io::Result<()> {
    stage(path, |w| w.write_all(bytes))?.commit(path).map(drop)
}

/// A new version of a file, written in full beside it but not yet in its
/// place: [`Staged::commit`] puts it there; dropping it removes it.
pub struct Staged {
    tmp: NamedTempFile,
    /// The content hash of what was written ([`super::hash_bytes`]).
    pub hash: u64,
    pub len: u64,
}

/// Writes a new version of `path` through `write` into a temporary file in
/// the same directory (so the rename that commits it stays atomic), hashing
/// it as it goes: a 27 MB snapshot is streamed to disk, never held whole.
/// The temporary file is named for `path` ([`temporary_prefix`]), so that
/// the next save of `path` can tell one a killed save left.
pub fn stage(
    path: &Path,
    write: impl FnOnce(&mut dyn Write) -> io::Result<()>,
) -> io::Result<Staged> {
    stage_named(parent(path), &temporary_prefix(path), write)
}

/// How the temporary files of [`stage`] for `path` begin:
/// `.NAME.guotang-` (the name cut to 100 bytes, to stay a valid name).
pub fn temporary_prefix(path: &Path) -> String {
    let name = path
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    let mut cut = name.len().min(100);
    while !name.is_char_boundary(cut) {
        cut -= 1;
    }
    format!(".{}.guotang-", &name[..cut])
}

fn stage_named(
    dir: &Path,
    prefix: &str,
    write: impl FnOnce(&mut dyn Write) -> io::Result<()>,
) -> io::Result<Staged> {
    let staged = (|| {
        let mut builder = tempfile::Builder::new();
        builder.prefix(prefix).suffix(".tmp");
        // Created as any tool creates a file, the umask deciding (tempfile
        // alone makes it 0600); a file replaced keeps its own mode.
        #[cfg(unix)]
        builder.permissions(std::os::unix::fs::PermissionsExt::from_mode(0o666));
        let tmp = builder.tempfile_in(dir)?;
        // Through the `File`: `NamedTempFile`'s own `Write` adds its path to errors.
        let mut out = HashingWriter::new(BufWriter::with_capacity(
            256 * 1024,
            WritebackEarly::new(tmp.as_file()),
        ));
        write(&mut out)?;
        out.flush()?;
        let hash = out.hash.finish();
        let len = out.hash.len();
        drop(out);
        Ok(Staged { tmp, hash, len })
    })();
    staged.map_err(without_temporary_name)
}

/// Starts the disk writing each megabyte as soon as it is written,
/// instead of all of it at the fsync before the rename: the writing of a
/// 27 MB file then goes on while the rest is being made, and the fsync
/// waits only for the end (50–70 ms of a large save was that fsync).
/// Only a start: nothing waits here, and the fsync still decides.
struct WritebackEarly<'a> {
    file: &'a File,
    /// Bytes written, and how many of them the writeback was started for.
    written: u64,
    started: u64,
}

/// How much is written before its writeback is started: a megabyte saved
/// the large file in 70–78 ms against 92–98 at four (medians of 24 saves,
/// four alternating runs; a quarter megabyte was no better than four).
const WRITEBACK_EVERY: u64 = 1 << 20;

impl<'a> WritebackEarly<'a> {
    fn new(file: &'a File) -> Self {
        WritebackEarly {
            file,
            written: 0,
            started: 0,
        }
    }
}

impl Write for WritebackEarly<'_> {
    fn write(&mut self, buf: &[u8]) -> io::Result<usize> {
        // A megabyte at a time, even of a long text written at once (a
        // restored backup): the disk then starts on each as it is written.
        let most = buf.len().min(WRITEBACK_EVERY as usize);
        let n = self.file.write(&buf[..most])?;
        self.written += n as u64;
        if self.written - self.started >= WRITEBACK_EVERY {
            #[cfg(target_os = "linux")]
            {
                use std::os::fd::AsRawFd as _;
                // SAFETY: a plain system call on a file descriptor this
                // writer holds open; its result is only advice either way.
                unsafe {
                    libc::sync_file_range(
                        self.file.as_raw_fd(),
                        self.started as libc::off64_t,
                        (self.written - self.started) as libc::off64_t,
                        libc::SYNC_FILE_RANGE_WRITE,
                    );
                }
            }
            self.started = self.written;
        }
        Ok(n)
    }

    fn flush(&mut self) -> io::Result<()> {
        self.file.flush()
    }
}

impl Staged {
    /// Puts the new version in place of `path`: fsync, rename over it (the
    /// permissions of the file replaced kept), fsync the folder. Returns the
    /// stamp of the file put there (taken from it, not from the name), by
    /// which its writer knows its own save when the watcher reports it.
    pub fn commit(self, path: &Path) -> io::Result<FileStamp> {
        self.finish(path, true).map_err(without_temporary_name)
    }

    /// Puts the new version at `path`, which must not exist yet.
    pub fn commit_new(self, path: &Path) -> io::Result<()> {
        self.finish(path, false)
            .map(drop)
            .map_err(without_temporary_name)
    }

    fn finish(self, path: &Path, overwrite: bool) -> io::Result<FileStamp> {
        if let Ok(meta) = fs::metadata(path) {
            self.tmp.as_file().set_permissions(meta.permissions())?;
        }
        self.tmp.as_file().sync_all()?;
        let file = if overwrite {
            self.tmp.persist(path).map_err(|e| e.error)?
        } else {
            self.tmp.persist_noclobber(path).map_err(|e| e.error)?
        };
        // The rename itself is only durable once the directory is synced.
        File::open(parent(path))?.sync_all()?;
        FileStamp::of_file(&file)
    }
}

fn parent(path: &Path) -> &Path {
    match path.parent() {
        Some(d) if !d.as_os_str().is_empty() => d,
        _ => Path::new("."),
    }
}

/// The error without the name of the temporary file, which `tempfile` adds
/// (`… at path "/dir/.guotang-x1y2.tmp"`): the caller names the file being
/// saved, and the temporary one is gone by the time anyone reads the message.
fn without_temporary_name(e: io::Error) -> io::Error {
    // `PathError` is private and hides the inner error (its `source` skips
    // it), so its text is cut where the path begins; an OS error's own text
    // never holds " at path ".
    if e.raw_os_error().is_some() || e.get_ref().is_none() {
        return e;
    }
    let text = e.to_string();
    match text.split_once(" at path ") {
        Some((cause, _)) => io::Error::new(e.kind(), cause.to_owned()),
        None => e,
    }
}

/// Creates a new file atomically, refusing to replace an existing one unless
/// `overwrite` is set.
pub fn create(path: &Path, bytes: &[u8], overwrite: bool) -> io::Result<()> {
    if !overwrite && path.exists() {
        return Err(io::Error::new(
            io::ErrorKind::AlreadyExists,
            "the file already exists",
        ));
    }
    let staged = stage(path, |w| w.write_all(bytes))?;
    if overwrite {
        staged.commit(path).map(drop)
    } else {
        // Refused here too if another process created it meanwhile.
        staged.commit_new(path)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_long_text_is_written_a_megabyte_at_a_time_and_whole() -> std::io::Result<()> {
        let dir = tempfile::tempdir()?;
        let path = dir.path().join("s.json");
        let text: Vec<u8> = (0..(5 << 20) + 7).map(|i| (i % 251) as u8).collect();
        let file = File::create(&path)?;
        let mut w = WritebackEarly::new(&file);
        assert_eq!(w.write(&text)?, WRITEBACK_EVERY as usize);
        w.write_all(&text[WRITEBACK_EVERY as usize..])?;
        assert_eq!((w.written, w.started), (text.len() as u64, 5 << 20));
        assert_eq!(fs::read(&path)?, text);
        write_atomic(&path, &text[..3])?;
        stage(&path, |w| w.write_all(&text))?.commit(&path)?;
        assert_eq!(fs::read(&path)?, text);
        Ok(())
    }

    #[test]
    fn replaces_content_and_leaves_no_temporary_file() -> std::io::Result<()> {
        let dir = tempfile::tempdir()?;
        let path = dir.path().join("s.json");
        write_atomic(&path, b"old")?;
        write_atomic(&path, b"new")?;
        assert_eq!(fs::read(&path)?, b"new");
        let names: Vec<_> = fs::read_dir(dir.path())?.collect();
        assert_eq!(names.len(), 1);
        Ok(())
    }

    #[test]
    fn create_refuses_to_overwrite() -> std::io::Result<()> {
        let dir = tempfile::tempdir()?;
        let path = dir.path().join("s.json");
        create(&path, b"one", false)?;
        assert!(create(&path, b"two", false).is_err());
        create(&path, b"two", true)?;
        assert_eq!(fs::read(&path)?, b"two");
        Ok(())
    }
}
