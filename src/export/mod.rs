//! Spreadsheets out: the standings, the seating list for name cards (桌牌) and
//! the projects, as XLSX or CSV. Each is first built as a [`Sheet`] (typed
//! cells, numbers as numbers) from the model's results; the writers only
//! serialise it.

pub mod csv;
pub mod sheets;
pub mod xlsx;

use chrono::NaiveDate;

pub use sheets::{projects, seating, standings, totals};

/// How a column's numbers are meant to be read and shown.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    Text,
    /// A whole number (rank, row, seat, days).
    Int,
    /// A number shown with this many decimals.
    Number(u8),
    /// A ratio shown as a percentage (0.4125 → 41.3%).
    Percent,
    Date,
}

/// A column heading and the kind of its values.
#[derive(Debug, Clone, PartialEq)]
pub struct Column {
    pub header: String,
    pub kind: Kind,
}

impl Column {
    pub fn new(header: impl Into<String>, kind: Kind) -> Column {
        Column {
            header: header.into(),
            kind,
        }
    }
}

/// One cell's value.
#[derive(Debug, Clone, PartialEq)]
pub enum Value {
    Empty,
    Text(String),
    Number(f64),
    /// A number with its own decimals, in a column whose rows are different
    /// metrics (the totals: 344 projects beside 984.6 亿元).
    Figure(f64, u8),
    Date(NaiveDate),
}

impl Value {
    /// A number, or an empty cell for `None`.
    pub fn num(v: Option<f64>) -> Value {
        v.map_or(Value::Empty, Value::Number)
    }
    /// Text made one line (snapshot strings may carry control characters).
    pub fn text(s: &str) -> Value {
        Value::Text(crate::sanitize::one_line(s).into_owned())
    }
}

/// A table to write: a header row, then typed rows.
#[derive(Debug, Clone, PartialEq)]
pub struct Sheet {
    /// The worksheet's name (≤ 31 characters, none of `[]:*?/\`).
    pub name: String,
    pub columns: Vec<Column>,
    pub rows: Vec<Vec<Value>>,
    /// How many leading columns stay in view when scrolling sideways.
    pub frozen_columns: u16,
}

/// What to export.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum What {
    /// Ranks, composites, each metric's target / actual / completion, cards and reasons.
    Standings,
    /// The seating list for name cards (桌牌): zone, row, seat, unit, attendee.
    Seating,
    /// The projects with their stages, milestones and days late.
    Projects,
    /// Each metric's totals: every unit's actuals added up, the targets and
    /// the completion where there are targets (the overview's figures).
    Totals,
}
