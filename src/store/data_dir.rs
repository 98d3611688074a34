//! Where guotang keeps its own files (backups, journals, fallback locks):
//! the user's data directory, one folder per snapshot keyed by its canonical
//! path, so two `meeting.json` in different folders never share backups.

use std::io;
use std::path::{Path, PathBuf};

/// Overrides the data directory (tests, portable installs).
pub const ENV: &str = "GUOTANG_DATA_DIR";

/// The data directory: `$GUOTANG_DATA_DIR`, else the platform's
/// (`~/.local/share/guotang` on Linux).
pub fn data_dir() -> io::Result<PathBuf> {
    if let Some(dir) = std::env::var_os(ENV).filter(|d| !d.is_empty()) {
        return Ok(PathBuf::from(dir));
    }
    directories::ProjectDirs::from("", "", "guotang")
        .map(|d| d.data_dir().to_owned())
        .ok_or_else(|| {
            io::Error::new(
                io::ErrorKind::NotFound,
                format!("no home directory to keep backups in: set {ENV}"),
            )
        })
}

/// The absolute path of a snapshot with links resolved; for a file not yet
/// written, its folder's canonical path and its name.
pub fn canonical(path: &Path) -> io::Result<PathBuf> {
    match path.canonicalize() {
        Ok(p) => Ok(p),
        Err(e) if e.kind() == io::ErrorKind::NotFound => {
            let name = path.file_name().ok_or(e)?;
            let dir = match path.parent() {
                Some(d) if !d.as_os_str().is_empty() => d.canonicalize()?,
                _ => std::env::current_dir()?,
            };
            Ok(dir.join(name))
        }
        Err(e) => Err(e),
    }
}

/// The path a snapshot's saves really land at: links (to the file or to
/// any folder above it) resolved, once, when it is opened. The lock, the
/// journal, the backups and the watcher all use it, so the same file opened
/// through a link and through its real path is one file to all of them.
/// A path that cannot be resolved (its folder is missing) is kept as given,
/// and reading it reports the error.
pub fn real_path(path: &Path) -> PathBuf {
    canonical(path).unwrap_or_else(|_| path.to_owned())
}

/// A folder name for a snapshot: its file name (readable when browsing the
/// data directory) and a hash of its canonical path (unique).
pub fn key(canonical: &Path) -> String {
    let name: String = canonical
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default()
        .chars()
        .map(|c| {
            if c.is_alphanumeric() || matches!(c, '.' | '-' | '_') {
                c
            } else {
                '_'
            }
        })
        .take(48)
        .collect();
    format!(
        "{name}-{:016x}",
        fnv1a(canonical.as_os_str().as_encoded_bytes())
    )
}

/// FNV-1a: stable across Rust releases, unlike `DefaultHasher`, which a
/// folder name that must survive upgrades cannot rely on.
fn fnv1a(bytes: &[u8]) -> u64 {
    bytes.iter().fold(0xcbf2_9ce4_8422_2325, |h, &b| {
        (h ^ u64::from(b)).wrapping_mul(0x0100_0000_01b3)
    })
}

/// The folder of `kind` (`backups`, `journal`, `locks`) for a snapshot,
/// which may not exist yet.
pub fn snapshot_path(kind: &str, snapshot: &Path) -> io::Result<PathBuf> {
    let canon = canonical(snapshot)?;
    Ok(data_dir()?.join(kind).join(key(&canon)))
}

/// [`snapshot_path`], created if needed.
pub fn snapshot_dir(kind: &str, snapshot: &Path) -> io::Result<PathBuf> {
    let dir = snapshot_path(kind, snapshot)?;
    std::fs::create_dir_all(&dir)?;
    Ok(dir)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keys_are_readable_and_distinct() {
        let a = key(Path::new("/a/会议 1.json"));
        let b = key(Path::new("/b/会议 1.json"));
        assert!(a.starts_with("会议_1.json-"), "{a}");
        assert_ne!(a, b);
        assert_eq!(a, key(Path::new("/a/会议 1.json")));
        assert_eq!(fnv1a(b"a"), 0xaf63_dc4c_8601_ec8c);
    }

    #[test]
    fn a_link_and_a_linked_folder_resolve_to_the_real_file() -> io::Result<()> {
        let dir = tempfile::tempdir()?;
        let real_dir = dir.path().join("real");
        std::fs::create_dir(&real_dir)?;
        let real = real_dir.join("m.json");
        std::fs::write(&real, "{}")?;
        let link = dir.path().join("link.json");
        std::os::unix::fs::symlink(&real, &link)?;
        let folder = dir.path().join("folder");
        std::os::unix::fs::symlink(&real_dir, &folder)?;
        let want = real.canonicalize()?;
        assert_eq!(real_path(&link), want);
        assert_eq!(real_path(&folder.join("m.json")), want);
        assert_eq!(real_path(&want), want);
        // Not there: kept as given, for the read to report.
        let nowhere = dir.path().join("no/such/m.json");
        assert_eq!(real_path(&nowhere), nowhere);
        Ok(())
    }

    #[test]
    fn canonical_works_for_a_file_not_yet_written() -> io::Result<()> {
        let dir = tempfile::tempdir()?;
        let p = canonical(&dir.path().join("new.json"))?;
        assert_eq!(p, dir.path().canonicalize()?.join("new.json"));
        Ok(())
    }
}
