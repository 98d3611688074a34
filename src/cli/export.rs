//! `guotang export`: the standings, the seating list or the projects as XLSX
//! or CSV.

use std::io::IsTerminal;
use std::path::Path;
use std::process::ExitCode;

use clap::ValueEnum;

use super::out::errln;
use crate::export::{self, Sheet, What};
use crate::model::{self, Document};
use crate::store::atomic::write_atomic;

/// The spreadsheet format.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum SheetFormat {
    /// An Excel workbook (numbers as numbers, frozen header, fitted columns).
    Xlsx,
    /// UTF-8 CSV with a byte-order mark, so Excel reads the Chinese right.
    Csv,
}

/// The format asked for, else the one the output's extension names, else CSV.
pub fn pick_format(format: Option<SheetFormat>, output: Option<&Path>) -> SheetFormat {
    format.unwrap_or_else(|| match super::extension(output).as_deref() {
        Some("xlsx") => SheetFormat::Xlsx,
        _ => SheetFormat::Csv,
    })
}

pub fn run(
    doc: &Document,
    format: Option<SheetFormat>,
    what: What,
    output: Option<&Path>,
) -> ExitCode {
    let lang = super::lang_for(doc);
    let s = &doc.snapshot;
    let st = model::compute(s);
    let sheet: Sheet = match what {
        What::Standings => export::standings(s, &st, lang),
        What::Seating => export::seating(s, &st, lang),
        What::Projects => export::projects(s, &st, lang),
        What::Totals => export::totals(s, &st, lang),
    };
    let format = pick_format(format, output);
    let bytes = match format {
        SheetFormat::Xlsx => export::xlsx::write(&sheet).map_err(|e| e.to_string()),
        SheetFormat::Csv => export::csv::write(&sheet).map_err(|e| e.to_string()),
    };
    let bytes = match bytes {
        Ok(b) => b,
        Err(e) => {
            errln!("error: cannot build the {what:?} sheet: {e}");
            return ExitCode::FAILURE;
        }
    };
    match output {
        Some(path) => {
            if let Err(e) = write_atomic(path, &bytes) {
                errln!("error: cannot write {}: {e}", path.display());
                return ExitCode::FAILURE;
            }
            errln!("wrote {} ({} rows)", path.display(), sheet.rows.len());
        }
        None => {
            if format == SheetFormat::Xlsx && std::io::stdout().is_terminal() {
                errln!(
                    "error: an XLSX workbook is binary and standard output is a terminal; give -o FILE.xlsx (or redirect the output)"
                );
                return ExitCode::FAILURE;
            }
            super::out::data(&bytes);
        }
    }
    ExitCode::SUCCESS
}
