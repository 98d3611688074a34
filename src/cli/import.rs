//! `guotang import`: targets and actuals from a spreadsheet, shown as a diff
//! and applied atomically (or not at all).

use std::fmt::Write as _;
use std::path::Path;
use std::process::ExitCode;

use super::out::{errln, out, outln};
use crate::i18n::{Lang, num};
use crate::import::{self, Field, Plan, SheetKind, Skipped};
use crate::model::Snapshot;
use crate::sanitize::one_line;
use crate::store;
use crate::text::{pad_right, width};
use crate::words::import_labels as il;
use crate::words::labels::L;

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
    // The save lock first: the file read is then the one replaced, and no
    // other save can slip in between.
    let writer = if dry_run {
        None
    } else {
        match store::save::Writer::begin(file, "guotang import") {
            Ok(w) => Some(w),
            Err(e) => {
                errln!("error: {e}");
                errln!("nothing was changed");
                return ExitCode::FAILURE;
            }
        }
    };
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
    if import::history::is_history(&grid) {
        // A workbook of one sheet per period: every such sheet, unless
        // one was named.
        let grids = if kind == SheetKind::Workbook
            && sheet.is_none()
            && import::history::is_one_period(&grid)
        {
            match period_sheets(&bytes, grid, super::lang_for(&loaded.doc)) {
                Ok(g) => g,
                Err(e) => return refuse(&e),
            }
        } else {
            vec![grid]
        };
        return history(file, &grids, &loaded, writer, from);
    }
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
    write(file, writer, &loaded, &edited)
}

/// The first sheet, read already, and every later one that is a period of
/// its own; the others are named as left out.
fn period_sheets(
    bytes: &[u8],
    first: import::Grid,
    lang: Lang,
) -> Result<Vec<import::Grid>, import::ImportError> {
    let mut grids = vec![first];
    for name in import::grid::sheet_names(bytes)?.iter().skip(1) {
        let grid = import::grid::from_workbook(bytes, Some(name))?;
        if import::history::is_one_period(&grid) {
            grids.push(grid);
        } else {
            outln!(
                "{} {}",
                lang.pick("工作表", "sheet"),
                lang.pick(
                    &format!("「{}」不是某一期的排名，未导入", one_line(name)),
                    &format!("{}: not a period's rankings, left out", one_line(name))
                )
            );
        }
    }
    Ok(grids)
}

/// Sheets of previous rankings into the snapshot's history: what each
/// period gets, the rows that match no unit, then the write (not on a dry run).
fn history(
    file: &Path,
    grids: &[import::Grid],
    loaded: &store::Loaded,
    writer: Option<store::save::Writer>,
    from: &Path,
) -> ExitCode {
    let s = &loaded.doc.snapshot;
    let refuse = |e: &dyn std::fmt::Display| {
        errln!("error: {}: {e}", from.display());
        errln!("nothing was changed");
        ExitCode::FAILURE
    };
    let plan = match import::history::plan_sheets(s, grids) {
        Ok(p) => p,
        Err(e) => return refuse(&e),
    };
    let lang = super::lang_for(&loaded.doc);
    for p in &plan.periods {
        outln!(
            "{} {}: {} {}",
            lang.pick("历史", "history"),
            one_line(&p.label),
            p.units.len(),
            match (p.existing, lang) {
                (true, Lang::Zh) => "个单位（更新已有的一期）",
                (false, Lang::Zh) => "个单位（新增一期）",
                (true, Lang::En) => "units (an existing period updated)",
                (false, Lang::En) => "units (a new period)",
            }
        );
    }
    let mut report = String::new();
    list(&mut report, il::UNMATCHED_ROWS, lang, &plan.unmatched_rows);
    let ambiguous: Vec<Skipped> = plan
        .ambiguous_rows
        .iter()
        .map(|a| Skipped {
            cell: a.cell.clone(),
            text: a.text.clone(),
        })
        .collect();
    list(&mut report, il::AMBIGUOUS_ROWS, lang, &ambiguous);
    out!("{report}");
    if plan.periods.is_empty() {
        outln!("nothing to change");
        return ExitCode::SUCCESS;
    }
    let edited = match import::history::apply(&loaded.doc, &plan) {
        Ok(d) => d,
        Err(e) => return refuse(&e),
    };
    write(file, writer, loaded, &edited)
}

/// The edited document written over `file` (checked against the version
/// loaded), or only said on a dry run (no writer).
fn write(
    file: &Path,
    writer: Option<store::save::Writer>,
    loaded: &store::Loaded,
    edited: &crate::model::Document,
) -> ExitCode {
    let Some(writer) = writer else {
        outln!("dry run: {} not written", file.display());
        return ExitCode::SUCCESS;
    };
    match import::apply_with(&writer, loaded.content_hash, edited) {
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

fn list(out: &mut String, label: L, lang: Lang, items: &[Skipped]) {
    if items.is_empty() {
        return;
    }
    let shown: Vec<String> = items
        .iter()
        .map(|k| format!("{} {}", k.cell, quoted(&k.text, lang)))
        .collect();
    let _ = writeln!(
        out,
        "{}{}{}{}",
        label.get(lang),
        lang.paren(&items.len().to_string()),
        lang.colon(),
        shown.join(lang.pick("、", ", "))
    );
}

/// Text from the sheet, quoted the way the language quotes.
fn quoted(text: &str, lang: Lang) -> String {
    match lang {
        Lang::Zh => format!("「{}」", one_line(text)),
        Lang::En => format!("\"{}\"", one_line(text)),
    }
}

/// What a figure column holds: `协议引资额 目标`.
fn what(s: &Snapshot, metric: usize, field: Field, lang: Lang) -> String {
    let word = match field {
        Field::Target => il::TARGETS,
        Field::Actual => il::ACTUALS,
        Field::Marks => crate::words::tier_io_labels::MARKS,
    };
    format!("{} {}", one_line(&s.metrics[metric].name), word.get(lang))
}

/// The diff and what was skipped, as the command prints it.
pub fn describe(s: &Snapshot, plan: &Plan, source: &str, lang: Lang) -> String {
    let mut out = String::new();
    let n = plan.changes.len();
    let _ = writeln!(
        out,
        "{source}{}{} {}{}{n} {}",
        lang.colon(),
        il::ROWS_MATCHED.get(lang),
        plan.matched_rows,
        lang.pick("，", ", "),
        if n == 1 { il::ONE_CHANGE } else { il::CHANGES }.get(lang)
    );
    if !plan.read.is_empty() {
        let _ = writeln!(
            out,
            "{}{}",
            il::COLUMNS_READ.get(lang),
            lang.colon().trim_end()
        );
        let heads: Vec<[String; 3]> = plan
            .read
            .iter()
            .map(|r| {
                let from: Vec<String> = r
                    .from
                    .iter()
                    .map(|f| format!("{} {}", f.cell, quoted(&f.text, lang)))
                    .collect();
                [
                    r.column.clone(),
                    what(s, r.metric, r.field, lang),
                    from.join(" + "),
                ]
            })
            .collect();
        let w = |k: usize| heads.iter().map(|r| width(&r[k])).max().unwrap_or(0);
        let (w0, w1) = (w(0), w(1));
        for h in &heads {
            let _ = writeln!(
                out,
                "  {}  {}  ← {}",
                pad_right(&h[0], w0),
                pad_right(&h[1], w1),
                h[2]
            );
        }
    }
    let rows: Vec<[String; 4]> = plan
        .changes
        .iter()
        .map(|c| {
            let m = &s.metrics[c.metric];
            [
                c.cell.clone(),
                format!("{} ({})", one_line(&s.units[c.unit].name), c.unit_id(s)),
                what(s, c.metric, c.field, lang),
                match &c.marks {
                    // The marks, and the value they give.
                    Some(list) => format!(
                        "{} → {} (= {})",
                        figure(c.old, m.decimals),
                        list.iter()
                            .map(|x| format!("{x}"))
                            .collect::<Vec<_>>()
                            .join(" "),
                        figure(Some(c.new), m.decimals)
                    ),
                    None => format!(
                        "{} → {}",
                        figure(c.old, m.decimals),
                        figure(Some(c.new), m.decimals)
                    ),
                },
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
    for m in &plan.mismatches {
        let decimals = s.metrics[m.metric].decimals;
        let _ = writeln!(
            out,
            "{}{}{} {} {} {}{}{} {}{}",
            il::TOTAL_MISMATCH.get(lang),
            lang.colon(),
            m.cell,
            quoted(&m.label, lang),
            what(s, m.metric, m.field, lang),
            figure(Some(m.total), decimals),
            lang.pick("，", ", "),
            il::ROWS_SUM.get(lang),
            figure(Some(m.sum), decimals),
            lang.paren(&format!("{} {}", m.rows, il::ROWS.get(lang))),
        );
    }
    if !plan.ambiguous_rows.is_empty() {
        let shown: Vec<String> = plan
            .ambiguous_rows
            .iter()
            .map(|a| {
                let ids: Vec<&str> = a.units.iter().map(|&u| s.units[u].id.as_str()).collect();
                format!(
                    "{} {} → {}",
                    a.cell,
                    quoted(&a.text, lang),
                    one_line(&ids.join(lang.pick("、", ", ")))
                )
            })
            .collect();
        let _ = writeln!(
            out,
            "{}{}{}{}",
            il::AMBIGUOUS_ROWS.get(lang),
            lang.paren(&plan.ambiguous_rows.len().to_string()),
            lang.colon(),
            shown.join(lang.pick("；", "; "))
        );
    }
    list(&mut out, il::TOTAL_ROWS, lang, &plan.total_rows);
    list(&mut out, il::UNMATCHED_ROWS, lang, &plan.unmatched_rows);
    list(
        &mut out,
        il::UNMATCHED_COLUMNS,
        lang,
        &plan.unmatched_columns,
    );
    list(&mut out, il::COMPUTED_COLUMNS, lang, &plan.computed_columns);
    list(&mut out, il::NOTE_ROWS, lang, &plan.note_rows);
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
