//! Spreadsheets in: a sheet whose rows are units and whose columns are
//! metrics updates the snapshot's targets and actuals. The sheet is read into
//! a [`Grid`] (naming every cell as Excel does, `B7`), matched against the
//! snapshot into a [`Plan`] of changes, and applied to the JSON document so
//! that unknown fields and key order survive.
//!
//! Everything here is pure except [`apply_to_file`], the one write.

mod apply;
pub mod bounds;
pub mod columns;
pub mod edit;
pub mod grid;
pub mod header;
pub mod history;
pub mod plan;

pub use apply::{ApplyError, apply_to_file, apply_with};
pub use grid::{Grid, SheetKind, cell_name};
pub use plan::{Ambiguous, Change, Field, Plan, Read, Skipped, TotalMismatch, plan};

use crate::model::Problems;

/// A sheet's figure for a unit whose actual is the judges' marks.
#[derive(Debug, thiserror::Error)]
#[error(
    "{cell}: {unit} has {marks} judges' marks for {metric} (used: {used}); a sheet cannot replace them with one figure, {found} — change the marks in the editor or in the file"
)]
pub struct JudgedFigure {
    pub cell: String,
    pub unit: String,
    pub metric: String,
    pub marks: usize,
    pub used: String,
    pub found: String,
}

/// Why a sheet cannot be imported; each names the cell it is about.
#[derive(Debug, thiserror::Error)]
pub enum ImportError {
    #[error("cannot read the workbook: {0}")]
    Workbook(String),
    #[error("the workbook has no sheet named \"{name}\" (it has: {available})")]
    NoSheet { name: String, available: String },
    #[error("the workbook has no sheets")]
    NoSheets,
    #[error("the CSV file is not UTF-8 (Excel's \"CSV UTF-8\" or an .xlsx file will do): {0}")]
    NotUtf8(String),
    #[error("line {line}: {message}")]
    Csv { line: u64, message: String },
    #[error("{cell}: expected a number, found {found}")]
    NotANumber { cell: String, found: String },
    /// A cell of a history sheet that says no period, rank or tier.
    #[error("{cell}: {message}")]
    BadCell { cell: String, message: String },
    #[error("{cell}: judges' mark {position} must be a number ≥ 0, found {found}")]
    BadMark {
        cell: String,
        position: usize,
        found: String,
    },
    #[error("{cell}: expected a number ≥ 0, found {value}")]
    Negative { cell: String, value: f64 },
    #[error("{cell}: unit {unit} appears a second time (first in {first})")]
    DuplicateUnit {
        cell: String,
        unit: String,
        first: String,
    },
    #[error("{cell}: a second column for {what} (first in {first})")]
    DuplicateColumn {
        cell: String,
        what: String,
        first: String,
    },
    /// A figure for a unit the judges marked: one number cannot stand in
    /// for the marks without losing them.
    #[error("{0}")]
    Judged(Box<JudgedFigure>),
    #[error("no usable column: {0}")]
    NoColumn(String),
    /// Past a limit of [`bounds`]: refused before the reader allocates.
    #[error("{0}")]
    TooLarge(String),
    #[error("the edited snapshot would not be valid:\n{0}")]
    Invalid(Problems),
}
