//! The meeting log on disk: where it lives, reading it (a broken log is
//! named with its place and set aside), and replacing it atomically on
//! every transition. The log's format and events are in
//! [`crate::model::meeting_log`].
//!
//! # Where
//!
//! One file per snapshot and meeting date, in the user's state directory
//! (`$XDG_STATE_HOME/guotang/`, else the local data directory; the
//! environment variable `GUOTANG_STATE_DIR` overrides it):
//! `log-<hash>-<YYYY-MM-DD>.json`, where `<hash>` is 16 hex digits of a hash of
//! the snapshot's canonical path (`demo` for the built-in demo). The file is
//! replaced atomically on every transition, so a reader (or a crash) sees
//! either the previous log or the new one.

use std::path::{Path, PathBuf};

use chrono::NaiveDate;

use super::atomic::write_atomic;

pub use crate::model::meeting_log::{Entry, Event, FORMAT, MeetingLog};

/// The environment variable that overrides the state directory.
pub const STATE_DIR_ENV: &str = "GUOTANG_STATE_DIR";

/// Why a meeting log could not be read.
#[derive(Debug, thiserror::Error)]
pub enum LogError {
    #[error("cannot read {path}: {source}")]
    Io {
        path: PathBuf,
        #[source]
        source: std::io::Error,
    },
    #[error("{path}:{line}:{column}: {message}")]
    Invalid {
        path: PathBuf,
        line: usize,
        column: usize,
        message: String,
    },
    #[error("{path}: unknown format {found:?}, expected {FORMAT:?}")]
    Format { path: PathBuf, found: String },
}

/// The directory meeting logs live in: `GUOTANG_STATE_DIR`, else the platform
/// state directory, else the local data directory.
pub fn state_dir() -> Option<PathBuf> {
    if let Some(dir) = std::env::var_os(STATE_DIR_ENV).filter(|d| !d.is_empty()) {
        return Some(PathBuf::from(dir));
    }
    let dirs = directories::ProjectDirs::from("", "", "guotang")?;
    Some(
        dirs.state_dir()
            .unwrap_or_else(|| dirs.data_local_dir())
            .to_owned(),
    )
}

/// The identity a log records for a snapshot: its canonical path, or `demo`.
pub fn snapshot_key(snapshot: Option<&Path>) -> String {
    match snapshot {
        None => "demo".to_owned(),
        Some(p) => std::fs::canonicalize(p)
            .unwrap_or_else(|_| p.to_owned())
            .display()
            .to_string(),
    }
}

/// The log file for a snapshot (its key from [`snapshot_key`]) and meeting date in `dir`.
pub fn log_path(dir: &Path, key: &str, date: NaiveDate) -> PathBuf {
    let tag = if key == "demo" {
        "demo".to_owned()
    } else {
        // FNV-1a: stable across Rust versions, unlike DefaultHasher.
        let mut h: u64 = 0xcbf2_9ce4_8422_2325;
        for b in key.as_bytes() {
            h ^= u64::from(*b);
            h = h.wrapping_mul(0x0100_0000_01b3);
        }
        format!("{h:016x}")
    };
    dir.join(format!("log-{tag}-{}.json", date.format("%Y-%m-%d")))
}

/// Reads a meeting log; `Ok(None)` when there is none yet.
pub fn load(path: &Path) -> Result<Option<MeetingLog>, LogError> {
    let bytes = match std::fs::read(path) {
        Ok(b) => b,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(None),
        Err(source) => {
            return Err(LogError::Io {
                path: path.to_owned(),
                source,
            });
        }
    };
    let log: MeetingLog = serde_json::from_slice(&bytes).map_err(|e| LogError::Invalid {
        path: path.to_owned(),
        line: e.line(),
        column: e.column(),
        message: e.to_string(),
    })?;
    if log.format != FORMAT {
        return Err(LogError::Format {
            path: path.to_owned(),
            found: log.format,
        });
    }
    Ok(Some(log))
}

/// Writes the log atomically, creating its directory when needed.
pub fn save(path: &Path, log: &MeetingLog) -> std::io::Result<()> {
    if let Some(dir) = path.parent() {
        std::fs::create_dir_all(dir)?;
    }
    write_atomic(path, log.to_json().as_bytes())
}

/// Moves an unreadable log aside (`….broken-<n>`) so a fresh one can start
/// without destroying the evidence; returns where it went.
pub fn set_aside(path: &Path) -> std::io::Result<PathBuf> {
    for n in 1..1000 {
        let mut name = path.as_os_str().to_owned();
        name.push(format!(".broken-{n}"));
        let aside = PathBuf::from(name);
        if !aside.exists() {
            std::fs::rename(path, &aside)?;
            return Ok(aside);
        }
    }
    Err(std::io::Error::other("too many broken logs set aside"))
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::NaiveDateTime;

    fn t(h: u32, m: u32, s: u32) -> NaiveDateTime {
        NaiveDate::from_ymd_opt(2026, 5, 8)
            .unwrap()
            .and_hms_milli_opt(h, m, s, 250)
            .unwrap()
    }

    #[test]
    fn round_trips_through_the_file_and_keeps_milliseconds() {
        let dir = tempfile::tempdir().unwrap();
        let date = NaiveDate::from_ymd_opt(2026, 5, 8).unwrap();
        let path = log_path(dir.path(), "/x/meeting.json", date);
        assert!(load(&path).unwrap().is_none());
        let mut log = MeetingLog::new("/x/meeting.json", date, "过堂会");
        log.events.push(Entry {
            at: t(9, 0, 0),
            event: Event::ItemStart {
                item: 0,
                title: "开场".into(),
                planned_seconds: 120,
            },
        });
        log.events.push(Entry {
            at: t(9, 1, 0),
            event: Event::Pause,
        });
        save(&path, &log).unwrap();
        let text = std::fs::read_to_string(&path).unwrap();
        assert!(text.contains(r#""kind": "item_start""#), "{text}");
        assert!(
            text.contains(r#""at": "2026-05-08T09:00:00.250""#),
            "{text}"
        );
        assert_eq!(load(&path).unwrap(), Some(log));
    }

    #[test]
    fn names_the_place_of_a_broken_log_and_sets_it_aside() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("log.json");
        std::fs::write(&path, "{\n  \"format\": \"guotang-log/1\",\n  oops").unwrap();
        let err = load(&path).unwrap_err().to_string();
        assert!(err.contains("log.json:3:"), "{err}");
        let aside = set_aside(&path).unwrap();
        assert!(aside.exists() && !path.exists());
    }

    #[test]
    fn one_file_per_snapshot_and_date() {
        let d1 = NaiveDate::from_ymd_opt(2026, 5, 8).unwrap();
        let d2 = NaiveDate::from_ymd_opt(2026, 5, 9).unwrap();
        let dir = Path::new("/s");
        assert_ne!(log_path(dir, "/a.json", d1), log_path(dir, "/b.json", d1));
        assert_ne!(log_path(dir, "/a.json", d1), log_path(dir, "/a.json", d2));
        assert_eq!(
            log_path(dir, "demo", d1),
            Path::new("/s/log-demo-2026-05-08.json")
        );
    }
}
