//! The meeting log: what actually happened, transition by transition, so that
//! a console restarted after a crash resumes on the same item with the same
//! elapsed times, and so that the minutes can be written afterwards.
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
//!
//! # Format (`guotang-log/1`)
//!
//! ```json
//! {
//!   "format": "guotang-log/1",
//!   "snapshot": "/home/secretary/2026-05-过堂会.json",
//!   "meeting_date": "2026-05-08",
//!   "title": "全区招商引资工作过堂会",
//!   "events": [
//!     {"at": "2026-05-08T09:00:04.120", "kind": "open"},
//!     {"at": "2026-05-08T09:00:04.120", "kind": "item_start", "item": 0, "title": "主持人宣布会议开始", "planned_seconds": 120},
//!     {"at": "2026-05-08T09:02:10.002", "kind": "item_end", "item": 0},
//!     {"at": "2026-05-08T09:02:10.002", "kind": "item_start", "item": 1, "title": "红牌单位发言", "planned_seconds": 720},
//!     {"at": "2026-05-08T09:02:10.002", "kind": "speaker", "item": 1, "unit": "dhz", "name": "东湖镇", "planned_seconds": 240},
//!     {"at": "2026-05-08T09:05:00.000", "kind": "pause"},
//!     {"at": "2026-05-08T09:06:30.000", "kind": "resume"},
//!     {"at": "2026-05-08T09:07:41.500", "kind": "speaker", "item": 1, "unit": "qsx", "name": "青石乡", "planned_seconds": 240},
//!     {"at": "2026-05-08T09:30:00.000", "kind": "close"}
//!   ]
//! }
//! ```
//!
//! `at` is local wall-clock time with milliseconds, no zone (the meeting's own
//! time). Events, in the order they happened:
//!
//! | kind | fields | meaning |
//! |---|---|---|
//! | `open` | | a console opened the meeting (a second `open` without `close` before it means the previous console crashed; its clock kept running) |
//! | `item_start` | `item` (0-based agenda index), `title`, `planned_seconds` | the item became current; its timer runs (an item can be started again after going back to it: its time accumulates) |
//! | `item_end` | `item` | the item stopped being current |
//! | `speaker` | `item`, `unit` (unit id), `name`, `planned_seconds` (the slot) | this unit's speaker now has the floor; the previous speaker of the item, if any, stops |
//! | `pause` / `resume` | | the presenter paused or resumed the clock; paused time counts for no item and no speaker |
//! | `close` | | the console quit cleanly; the clock stopped (it reopens paused) |
//!
//! How to read it (what the console itself does, in `app::clock`): walk the
//! events keeping the current item, the current speaker per item and whether
//! the clock runs; between two consecutive events, if the clock runs, the time
//! goes to the current item and to that item's current speaker. An item's
//! actual duration is the sum of its time; its actual start is its first
//! `item_start`, its end the last `item_end`. The total over-run is the sum over
//! items of max(0, actual − planned). Times after the last event, up to "now",
//! count only while a console is running.

use std::path::{Path, PathBuf};

use chrono::{NaiveDate, NaiveDateTime};
use serde::{Deserialize, Serialize};

use super::atomic::write_atomic;

/// The format tag of a meeting log file.
pub const FORMAT: &str = "guotang-log/1";

/// The environment variable that overrides the state directory.
pub const STATE_DIR_ENV: &str = "GUOTANG_STATE_DIR";

/// A meeting log: a header and the events in order.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct MeetingLog {
    pub format: String,
    /// The snapshot's canonical path, or `demo`.
    pub snapshot: String,
    #[serde(with = "date_text")]
    pub meeting_date: NaiveDate,
    pub title: String,
    pub events: Vec<Entry>,
}

/// One logged transition and when it happened.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Entry {
    #[serde(with = "time_text")]
    pub at: NaiveDateTime,
    #[serde(flatten)]
    pub event: Event,
}

/// What happened (see the module documentation for each kind's meaning).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum Event {
    Open,
    ItemStart {
        item: usize,
        title: String,
        planned_seconds: i64,
    },
    ItemEnd {
        item: usize,
    },
    Speaker {
        item: usize,
        unit: String,
        name: String,
        planned_seconds: i64,
    },
    Pause,
    Resume,
    Close,
}

impl MeetingLog {
    /// An empty log for a snapshot and meeting.
    pub fn new(snapshot: &str, meeting_date: NaiveDate, title: &str) -> MeetingLog {
        MeetingLog {
            format: FORMAT.to_owned(),
            snapshot: snapshot.to_owned(),
            meeting_date,
            title: title.to_owned(),
            events: Vec::new(),
        }
    }

    /// The log as saved: pretty JSON with a final newline.
    pub fn to_json(&self) -> String {
        let mut s = serde_json::to_string_pretty(self).unwrap_or_default();
        s.push('\n');
        s
    }
}

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

mod time_text {
    use chrono::NaiveDateTime;
    use serde::{Deserialize, Deserializer, Serializer};

    const FMT: &str = "%Y-%m-%dT%H:%M:%S%.3f";

    pub fn serialize<S: Serializer>(t: &NaiveDateTime, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(&t.format(FMT).to_string())
    }

    pub fn deserialize<'de, D: Deserializer<'de>>(d: D) -> Result<NaiveDateTime, D::Error> {
        let text = String::deserialize(d)?;
        NaiveDateTime::parse_from_str(&text, "%Y-%m-%dT%H:%M:%S%.f")
            .map_err(|e| serde::de::Error::custom(format!("bad time {text:?}: {e}")))
    }
}

mod date_text {
    use chrono::NaiveDate;
    use serde::{Deserialize, Deserializer, Serializer};

    pub fn serialize<S: Serializer>(d: &NaiveDate, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(&d.format("%Y-%m-%d").to_string())
    }

    pub fn deserialize<'de, D: Deserializer<'de>>(d: D) -> Result<NaiveDate, D::Error> {
        let text = String::deserialize(d)?;
        NaiveDate::parse_from_str(&text, "%Y-%m-%d")
            .map_err(|e| serde::de::Error::custom(format!("bad date {text:?}: {e}")))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

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
