//! The pure model: snapshot types, validation with every problem's place, the
//! standings arithmetic, and the meeting log with the clock that replays it
//! (times come in as values). No terminal, no system clock, no disk.

pub mod bands;
pub mod clock;
pub mod doubts;
pub mod edit;
pub mod explain;
pub mod fields;
pub mod file_text;
pub mod history;
pub mod meeting_log;
pub mod order;
pub mod parse;
mod pretty;
pub mod problem;
mod project_text;
pub mod projects;
pub mod raw;
pub mod reach;
mod record;
pub mod reload;
pub mod roll;
mod scan;
pub mod shown;
pub mod snapshot;
pub mod standings;
pub mod standings_json;
pub mod tiers;
pub mod totals;
pub mod typed;
pub mod validate;
mod validate_history;
mod validate_items;
mod validate_metrics;
mod validate_rules;
mod validate_units;
pub mod word;

pub use file_text::FileText;
pub use problem::{Problem, Problems};
pub use snapshot::*;
pub use standings::{CardSource, Standings, UnitStanding, compute};
pub use word::Word;

use serde_json::Value;

pub use record::{Record, SaveFormCheck};

/// A snapshot as read: the record, which keeps every unknown field and the
/// key order, and the validated model derived from it.
#[derive(Debug, Clone)]
pub struct Document {
    pub json: Record,
    pub snapshot: Snapshot,
}

impl Document {
    /// Parses and validates snapshot bytes, reporting every problem at once.
    pub fn from_bytes(bytes: &[u8]) -> Result<Document, Problems> {
        Document::from_text(bytes.to_vec())
    }

    /// [`Document::from_bytes`] on bytes it may keep: the record holds the
    /// projects as spans of this text instead of parsed values.
    pub fn from_text(bytes: Vec<u8>) -> Result<Document, Problems> {
        Document::from_shared(FileText::from(bytes))
    }

    /// [`Document::from_text`] on text shared with the caller (who may hash
    /// it meanwhile).
    pub fn from_shared(text: FileText) -> Result<Document, Problems> {
        let record = parse::parse_record(text.clone())?;
        match validate::validate_record(&record) {
            Ok(snapshot) => Ok(Document {
                json: record,
                snapshot,
            }),
            Err(validate::Invalid::Problems(p)) => Err(p),
            // A project's text the fast reading refused: the full reading
            // gives the error (or, should it read, the document).
            Err(validate::Invalid::Unread) => {
                drop(record);
                Document::from_json(parse::parse_json(&text)?)
            }
        }
    }

    /// Validates a JSON document.
    pub fn from_json(json: Value) -> Result<Document, Problems> {
        let snapshot = validate::validate(&json)?;
        Ok(Document {
            json: Record::holding_projects(json),
            snapshot,
        })
    }

    /// The document as the console saves it: pretty-printed, keys in their
    /// original order, a final newline.
    pub fn to_pretty(&self) -> String {
        self.json.to_pretty()
    }

    /// [`Document::to_pretty`], written to `w` piece by piece.
    pub fn write_pretty(&self, w: &mut dyn std::io::Write) -> std::io::Result<()> {
        self.json.write_pretty(w)
    }
}

/// Pretty JSON (two-space indent, non-ASCII kept as is) with a final newline.
pub fn to_pretty(json: &Value) -> String {
    let mut s = serde_json::to_string_pretty(json).unwrap_or_default();
    s.push('\n');
    s
}

/// The embedded demo meeting.
pub const DEMO: &str = include_str!("../../assets/demo.json");
