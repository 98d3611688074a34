//! The meeting log: what actually happened, transition by transition, so that
//! a console restarted after a crash resumes on the same item with the same
//! elapsed times, and so that the minutes can be written afterwards.
//!
//! The events themselves are pure data, here in the model (the meeting
//! clock in [`super::clock`] replays them); the store reads and writes the
//! file (`store::meeting_log`).
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
//! How to read it (what the console itself does, in [`super::clock`]): walk the
//! events keeping the current item, the current speaker per item and whether
//! the clock runs; between two consecutive events, if the clock runs, the time
//! goes to the current item and to that item's current speaker. An item's
//! actual duration is the sum of its time; its actual start is its first
//! `item_start`, its end the last `item_end`. The total over-run is the sum over
//! items of max(0, actual − planned). Times after the last event, up to "now",
//! count only while a console is running.

use chrono::{NaiveDate, NaiveDateTime};
use serde::{Deserialize, Serialize};

/// The format tag of a meeting log file.
pub const FORMAT: &str = "guotang-log/1";

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
