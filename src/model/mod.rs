//! The pure model: snapshot types, validation with every problem's place, and
//! the standings arithmetic. No terminal, no clock, no disk.

pub mod edit;
pub mod explain;
pub mod fields;
pub mod order;
pub mod parse;
pub mod problem;
pub mod projects;
pub mod raw;
pub mod snapshot;
pub mod standings;
pub mod standings_json;
pub mod validate;
mod validate_items;

pub use problem::{Problem, Problems};
pub use snapshot::*;
pub use standings::{CardSource, Standings, UnitStanding, compute};

use serde_json::Value;

/// A snapshot as read: the JSON document, which is the record and keeps every
/// unknown field and the key order, and the validated model derived from it.
#[derive(Debug, Clone)]
pub struct Document {
    pub json: Value,
    pub snapshot: Snapshot,
}

impl Document {
    /// Parses and validates snapshot bytes, reporting every problem at once.
    pub fn from_bytes(bytes: &[u8]) -> Result<Document, Problems> {
        let json = parse::parse_json(bytes)?;
        Document::from_json(json)
    }

    /// Validates a JSON document.
    pub fn from_json(json: Value) -> Result<Document, Problems> {
        let snapshot = validate::validate(&json)?;
        Ok(Document { json, snapshot })
    }

    /// The document as the console saves it: pretty-printed, keys in their
    /// original order, a final newline.
    pub fn to_pretty(&self) -> String {
        to_pretty(&self.json)
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
