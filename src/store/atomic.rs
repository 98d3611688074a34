//! Atomic replacement of a file: a reader (or a crash) sees either the old
//! file or the new one, never a half-written mix.

use std::fs::{self, File};
use std::io::{self, Write};
use std::path::Path;

/// Writes `bytes` to `path` atomically: a temporary file in the same
/// directory, fsync, rename over the target, fsync the directory. The
/// target's permissions are kept when it already exists.
pub fn write_atomic(path: &Path, bytes: &[u8]) -> io::Result<()> {
    write_via_temporary(path, bytes).map_err(without_temporary_name)
}

fn write_via_temporary(path: &Path, bytes: &[u8]) -> io::Result<()> {
    let dir = match path.parent() {
        Some(d) if !d.as_os_str().is_empty() => d,
        _ => Path::new("."),
    };
    let mut tmp = tempfile::Builder::new()
        .prefix(".guotang-")
        .suffix(".tmp")
        .tempfile_in(dir)?;
    // Through the `File`: `NamedTempFile`'s own `Write` adds its path to errors.
    tmp.as_file_mut().write_all(bytes)?;
    if let Ok(meta) = fs::metadata(path) {
        tmp.as_file().set_permissions(meta.permissions())?;
    }
    tmp.as_file().sync_all()?;
    tmp.persist(path).map_err(|e| e.error)?;
    // The rename itself is only durable once the directory is synced.
    File::open(dir)?.sync_all()?;
    Ok(())
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
    write_atomic(path, bytes)
}

#[cfg(test)]
mod tests {
    use super::*;

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
