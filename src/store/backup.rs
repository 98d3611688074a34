//! The previous version of a snapshot, kept before every save: the last
//! [`KEEP`] per snapshot, in the data directory, listed and restored by
//! `guotang backups`.

use std::fs;
use std::io;
use std::path::{Path, PathBuf};

use chrono::{DateTime, NaiveDateTime, Utc};

use super::atomic;
use super::content::{self, OnDisk};
use super::data_dir::snapshot_dir;

/// How many backups are kept per snapshot.
pub const KEEP: usize = 20;

/// One kept version.
#[derive(Debug, Clone, PartialEq)]
pub struct Backup {
    pub path: PathBuf,
    /// When it was replaced (the save that backed it up).
    pub time: DateTime<Utc>,
    pub size: u64,
}

/// The folder holding a snapshot's backups.
pub fn dir(snapshot: &Path) -> io::Result<PathBuf> {
    snapshot_dir("backups", snapshot)
}

const STAMP: &str = "%Y%m%dT%H%M%S%.6fZ";

/// Keeps the file at `snapshot`, which must still be `old` (the version
/// about to be replaced), as the newest backup. The oldest go once the
/// save is in place ([`drop_oldest`]).
pub fn keep(snapshot: &Path, old: &OnDisk) -> io::Result<PathBuf> {
    let dir = dir(snapshot)?;
    let origin = dir.join("origin.txt");
    if !origin.exists() {
        // For a person browsing the data directory: whose backups these are.
        let canon = super::data_dir::canonical(snapshot)?;
        atomic::write_atomic(&origin, format!("{}\n", canon.display()).as_bytes())?;
    }
    let stamp = Utc::now().format(STAMP).to_string();
    // Names sort in time order; the counter separates saves in the same microsecond.
    let mut n = 0;
    let path = loop {
        let p = dir.join(format!("{stamp}-{n:02}.json"));
        if !p.exists() {
            break p;
        }
        n += 1;
    };
    if !linked(snapshot, &path, old) {
        copied(snapshot, &path, old)?;
    }
    Ok(path)
}

/// Drops all but the newest [`KEEP`] backups of `snapshot`. Called after
/// the save has put its file in place, not before: removing the last link
/// of a 27 MB version frees it inside the call (25–30 ms on a laptop's
/// disk), which the room waited for on every save from the 21st on.
pub fn drop_oldest(snapshot: &Path) -> io::Result<()> {
    prune(&dir(snapshot)?, KEEP)
}

/// Keeps the snapshot's file itself as the backup, by a hard link, when it
/// is still `old`: the save about to replace it renames a new file over
/// the name, so the old one lives on, unchanged, under the backup's name —
/// without reading, writing and syncing 27 MB again. Across file systems
/// (the data directory elsewhere) there is no link: false.
fn linked(snapshot: &Path, backup: &Path, old: &OnDisk) -> bool {
    if fs::hard_link(snapshot, backup).is_err() {
        return false;
    }
    // Someone may have replaced or rewritten the file since it was hashed:
    // keep only the very version the save checked.
    if old.is_at(backup) {
        return true;
    }
    let _ = fs::remove_file(backup);
    false
}

/// Copies the snapshot's file to `backup`, streamed, and keeps the copy
/// only if it is `old`.
fn copied(snapshot: &Path, backup: &Path, old: &OnDisk) -> io::Result<()> {
    let mut from = fs::File::open(snapshot)?;
    let staged = atomic::stage(backup, |w| content::hash_stream(&mut from, w).map(drop))?;
    if (staged.hash, staged.len) != (old.hash, old.len) {
        return Err(io::Error::other(
            "the file changed while it was being backed up",
        ));
    }
    staged.commit_new(backup)
}

/// The backups of `snapshot`, newest first.
pub fn list(snapshot: &Path) -> io::Result<Vec<Backup>> {
    list_dir(&dir(snapshot)?)
}

fn list_dir(dir: &Path) -> io::Result<Vec<Backup>> {
    let mut out = Vec::new();
    for entry in fs::read_dir(dir)? {
        let entry = entry?;
        let name = entry.file_name();
        let Some(time) = name.to_str().and_then(parse_name) else {
            continue;
        };
        let size = entry.metadata()?.len();
        out.push((
            name,
            Backup {
                path: entry.path(),
                time,
                size,
            },
        ));
    }
    out.sort_by(|a, b| b.0.cmp(&a.0));
    Ok(out.into_iter().map(|(_, b)| b).collect())
}

/// The time in a backup's file name (`20260508T101502.123456Z-00.json`).
fn parse_name(name: &str) -> Option<DateTime<Utc>> {
    let stem = name.strip_suffix(".json")?;
    let (stamp, n) = stem.rsplit_once('-')?;
    n.parse::<u32>().ok()?;
    NaiveDateTime::parse_from_str(stamp, STAMP)
        .ok()
        .map(|t| t.and_utc())
}

fn prune(dir: &Path, keep: usize) -> io::Result<()> {
    for old in list_dir(dir)?.into_iter().skip(keep) {
        match fs::remove_file(&old.path) {
            Ok(()) => {}
            // Another process pruned it first.
            Err(e) if e.kind() == io::ErrorKind::NotFound => {}
            Err(e) => return Err(e),
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_round_trip_and_sort_in_time_order() {
        let t = parse_name("20260508T101502.123456Z-03.json").unwrap();
        assert_eq!(t.format(STAMP).to_string(), "20260508T101502.123456Z");
        assert!(parse_name("origin.txt").is_none());
        assert!(parse_name("20260508T101502.123456Z.json").is_none());
        assert!("20260508T101502.123456Z-10.json" > "20260508T101502.123456Z-09.json");
        assert!("20260508T101502.123457Z-00.json" > "20260508T101502.123456Z-10.json");
    }

    #[test]
    fn a_copy_is_kept_only_if_it_is_the_version_checked() -> io::Result<()> {
        let dir = tempfile::tempdir()?;
        let snapshot = dir.path().join("s.json");
        let kept = dir.path().join("kept");
        fs::create_dir(&kept)?;
        let old_bytes = vec![b'a'; 700_000];
        fs::write(&snapshot, &old_bytes)?;
        let old = OnDisk::read(&snapshot)?.unwrap();
        let backup = kept.join("b1.json");
        copied(&snapshot, &backup, &old)?;
        assert_eq!(fs::read(&backup)?, old_bytes);
        // Never over an existing backup.
        assert!(copied(&snapshot, &backup, &old).is_err());
        // Rewritten since it was checked: no copy of the wrong version.
        fs::write(&snapshot, b"someone else's")?;
        let err = copied(&snapshot, &kept.join("b2.json"), &old).unwrap_err();
        assert!(err.to_string().contains("changed"), "{err}");
        assert!(!linked(&snapshot, &kept.join("b3.json"), &old));
        let names: Vec<_> = fs::read_dir(&kept)?
            .flatten()
            .map(|e| e.file_name())
            .collect();
        assert_eq!(names, vec![std::ffi::OsString::from("b1.json")]);
        Ok(())
    }
}
