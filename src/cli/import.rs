//! `guotang import`: targets and actuals from a spreadsheet, shown as a diff
//! and applied atomically (or not at all).

use std::fmt::Write as _;
use std::path::Path;
use std::process::ExitCode;

use super::out::{errln, out, outln};
use crate::export::headers;
use crate::i18n::{Lang, num};
use crate::import::{self, Field, Plan, SheetKind, Skipped};
use crate::model::Snapshot;
use crate::sanitize::one_line;
use crate::store;
use crate::text::{pad_right, width};

/// Sheets larger than this are refused unread.
const MAX_SHEET_BYTES: u64 = 64 * 1024 * 1024;

fn read_sheet(path: &Path) -> Result<Vec<u8>, String> {
    // Not `fs::metadata`: a FIFO or a device is refused before it is opened.
    let meta = crate::store::read::regular_file(path)
        .map_err(|e| format!("cannot read {}: {e}", path.display()))?;
    if meta.len() > MAX_SHEET_BYTES {
        return Err(format!(
            "{} is {} MB; sheets over {} MB are refused",
            path.display(),
            meta.len() / (1024 * 1024),
            MAX_SHEET_BYTES / (1024 * 1024)
        ));
    }
    std::fs::read(path).map_err(|e| format!("cannot read {}: {e}", path.display()))
}

pub fn run(file: &Path, from: &Path, sheet: Option<&str>, dry_run: bool) -> ExitCode {
    let loaded = match store::load(file) {
        Ok(l) => l,
        Err(e) => {
            super::report_load_error(&e);
            return ExitCode::FAILURE;
        }
    };
    let kind = SheetKind::from_path(from);
    if kind == SheetKind::Csv && sheet.is_some() {
        errln!(
            "error: --sheet applies to workbooks; {} is CSV",
            from.display()
        );
        return ExitCode::FAILURE;
    }
    let refuse = |e: &dyn std::fmt::Display| {
        errln!("error: {}: {e}", from.display());
        errln!("nothing was changed");
        ExitCode::FAILURE
    };
    let bytes = match read_sheet(from) {
        Ok(b) => b,
        Err(e) => {
            errln!("error: {e}");
            return ExitCode::FAILURE;
        }
    };
    let grid = match import::grid::read(&bytes, kind, sheet) {
        Ok(g) => g,
        Err(e) => return refuse(&e),
    };
    let s = &loaded.doc.snapshot;
    let plan = match import::plan(s, &grid) {
        Ok(p) => p,
        Err(e) => return refuse(&e),
    };
    let sheet_name = if grid.sheet.is_empty() {
        String::new()
    } else {
        format!(" (sheet {})", one_line(&grid.sheet))
    };
    let lang = super::lang_for(&loaded.doc);
    out!(
        "{}",
        describe(s, &plan, &format!("{}{sheet_name}", from.display()), lang)
    );
    if plan.changes.is_empty() {
        outln!("nothing to change");
        return ExitCode::SUCCESS;
    }
    let edited = match import::edit::apply(&loaded.doc, &plan.changes) {
        Ok(d) => d,
        Err(e) => return refuse(&e),
    };
    if dry_run {
        outln!("dry run: {} not written", file.display());
        return ExitCode::SUCCESS;
    }
    match import::apply_to_file(file, loaded.content_hash, &edited) {
        Ok(()) => {
            outln!("updated {}", file.display());
            ExitCode::SUCCESS
        }
        Err(e) => {
            errln!("error: {e}");
            ExitCode::FAILURE
        }
    }
}

fn figure(v: Option<f64>, decimals: u8) -> String {
    // Shortest exact text, but never fewer decimals than the metric shows.
    v.map_or_else(
        || "—".to_owned(),
        |x| {
            let exact = x.to_string();
            let shown = num(x, decimals);
            if shown.parse::<f64>().ok() == Some(x) {
                shown
            } else {
                exact
            }
        },
    )
}

fn list(out: &mut String, label: &str, items: &[Skipped]) {
    if items.is_empty() {
        return;
    }
    let shown: Vec<String> = items
        .iter()
        .map(|k| format!("{} \"{}\"", k.cell, one_line(&k.text)))
        .collect();
    let _ = writeln!(out, "{label} ({}): {}", items.len(), shown.join(", "));
}

/// The diff and what was skipped, as the command prints it.
pub fn describe(s: &Snapshot, plan: &Plan, source: &str, lang: Lang) -> String {
    let mut out = String::new();
    let n = plan.changes.len();
    let _ = writeln!(
        out,
        "{source}: {} rows matched, {n} change{}",
        plan.matched_rows,
        if n == 1 { "" } else { "s" }
    );
    let rows: Vec<[String; 4]> = plan
        .changes
        .iter()
        .map(|c| {
            let m = &s.metrics[c.metric];
            let what = match c.field {
                Field::Target => headers::target(m, lang),
                Field::Actual => headers::actual(m),
            };
            [
                c.cell.clone(),
                format!("{} ({})", one_line(&s.units[c.unit].name), c.unit_id(s)),
                what,
                format!(
                    "{} → {}",
                    figure(c.old, m.decimals),
                    figure(Some(c.new), m.decimals)
                ),
            ]
        })
        .collect();
    let w = |k: usize| rows.iter().map(|r| width(&r[k])).max().unwrap_or(0);
    let (w0, w1, w2) = (w(0), w(1), w(2));
    for r in &rows {
        let _ = writeln!(
            out,
            "  {}  {}  {}  {}",
            pad_right(&r[0], w0),
            pad_right(&r[1], w1),
            pad_right(&r[2], w2),
            r[3]
        );
    }
    list(&mut out, "skipped rows, no such unit", &plan.unmatched_rows);
    list(
        &mut out,
        "skipped columns, no such metric",
        &plan.unmatched_columns,
    );
    list(
        &mut out,
        "computed columns, not read",
        &plan.computed_columns,
    );
    out
}

trait UnitId {
    fn unit_id<'a>(&self, s: &'a Snapshot) -> &'a str;
}

impl UnitId for import::Change {
    fn unit_id<'a>(&self, s: &'a Snapshot) -> &'a str {
        &s.units[self.unit].id
    }
}
