//! Matching a sheet against the snapshot: which row is which unit (by id or
//! name), which column is which metric's target or actual, and what would
//! change. Rows and columns that match nothing are skipped and reported; a
//! bad cell, a unit listed twice or a sheet with no metric column refuses the
//! whole import.

use std::collections::HashMap;

use crate::model::{Snapshot, judged_mean};
use crate::sanitize::one_line;

use super::ImportError;
use super::columns::{Role, metric_names, normalize};
use super::grid::{Cell, Grid};
use super::header::{self, HEADER_SCAN, Source, shown};

/// Which of a unit's figures a column holds.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Field {
    Target,
    Actual,
    /// The judges' marks that make the actual (one column per judge, or
    /// one cell holding `88 92 90.5`).
    Marks,
}

impl Field {
    /// The snapshot's key for it: `targets` / `actuals`.
    pub fn key(self) -> &'static str {
        match self {
            Field::Target => "targets",
            Field::Actual | Field::Marks => "actuals",
        }
    }
}

/// One figure to change.
#[derive(Debug, Clone, PartialEq)]
pub struct Change {
    pub unit: usize,
    pub metric: usize,
    pub field: Field,
    pub old: Option<f64>,
    /// For marks, the value they give (their mean after the drop).
    pub new: f64,
    /// The judges' marks written, for [`Field::Marks`].
    pub marks: Option<Vec<f64>>,
    /// The cell the new value came from (the first, for marks).
    pub cell: String,
}

/// A row or column that was skipped, with its cell and text.
#[derive(Debug, Clone, PartialEq)]
pub struct Skipped {
    pub cell: String,
    pub text: String,
}

/// A column whose figures are read, and the header cells that say so.
#[derive(Debug, Clone, PartialEq)]
pub struct Read {
    /// The column's letters (`D`).
    pub column: String,
    pub metric: usize,
    pub field: Field,
    pub from: Vec<Source>,
}

/// A row whose name is shared by several units: refused, naming them.
#[derive(Debug, Clone, PartialEq)]
pub struct Ambiguous {
    pub cell: String,
    pub text: String,
    /// The units of that name, by index.
    pub units: Vec<usize>,
}

/// A 合计 / 小计 figure that is not the sum of the rows it totals.
#[derive(Debug, Clone, PartialEq)]
pub struct TotalMismatch {
    pub cell: String,
    /// The row's own word (合计, 小计…).
    pub label: String,
    pub metric: usize,
    pub field: Field,
    pub total: f64,
    pub sum: f64,
    /// How many rows were added up.
    pub rows: usize,
}

/// What importing a sheet would do.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Plan {
    pub changes: Vec<Change>,
    /// The columns read, and from which header cells.
    pub read: Vec<Read>,
    /// Rows whose unit matches no unit of the snapshot.
    pub unmatched_rows: Vec<Skipped>,
    /// Rows whose name more than one unit has: not read.
    pub ambiguous_rows: Vec<Ambiguous>,
    /// Columns whose header names nothing the snapshot has.
    pub unmatched_columns: Vec<Skipped>,
    /// Computed columns (rank, composite, completion, …), read past.
    pub computed_columns: Vec<Skipped>,
    /// 合计 / 总计 / 小计 rows (checked, never written).
    pub total_rows: Vec<Skipped>,
    /// Totals that do not add up.
    pub mismatches: Vec<TotalMismatch>,
    /// Rows with text and no figure (footnotes, 填报人…), read past.
    pub note_rows: Vec<Skipped>,
    /// How many rows matched a unit.
    pub matched_rows: usize,
}

/// A number cell's value: `None` when empty (no change); text that is a
/// number (`1,234.5`, full-width digits) counts, a dash or slash (no
/// figure, as offices write it) is empty, any other text refuses the import.
pub(super) fn number(cell: &Cell, name: impl Fn() -> String) -> Result<Option<f64>, ImportError> {
    let v = match cell {
        Cell::Empty => return Ok(None),
        Cell::Number(n) => *n,
        Cell::Text(t) => {
            let t = t.trim();
            if t.is_empty() || NO_FIGURE.contains(&t) {
                return Ok(None);
            }
            parse_number(t).ok_or_else(|| ImportError::NotANumber {
                cell: name(),
                found: format!("\"{}\"", one_line(t)),
            })?
        }
        Cell::Other(d) => {
            return Err(ImportError::NotANumber {
                cell: name(),
                found: d.clone(),
            });
        }
    };
    if !v.is_finite() || v < 0.0 {
        return Err(ImportError::Negative {
            cell: name(),
            value: v,
        });
    }
    Ok(Some(v))
}

/// What offices write in a cell that has no figure.
const NO_FIGURE: &[&str] = &["-", "—", "－", "/", "／", "——", "--"];

/// `98.5`, `1,234.5`, `１２３`, `1e3`; not `九十`, `12%` or `1,23`.
fn parse_number(t: &str) -> Option<f64> {
    crate::model::typed::number(t).and_then(|n| n.as_f64())
}

/// What a row numbering the columns holds in its leading cells.
const COLUMN_NUMBERS: &[&str] = &["栏次", "甲", "乙", "丙"];

/// Words that make a row a total of the rows above it.
const TOTAL_WORDS: &[&str] = &["合计", "总计", "小计", "total", "subtotal", "sum"];
/// Names a total row goes by when no unit has them.
const TOTAL_NAMES: &[&str] = &["全区", "全县", "全市", "全镇", "全省"];

/// The total word a row's leading cells hold (合计, 小计…), if any.
fn total_word(grid: &Grid, r: usize, before: usize) -> Option<(usize, String)> {
    (0..before.max(1)).find_map(|c| {
        let t = normalize(&shown(grid.get(r, c)));
        let is_total =
            TOTAL_WORDS.iter().any(|w| t.ends_with(w)) || TOTAL_NAMES.contains(&t.as_str());
        is_total.then(|| (c, shown(grid.get(r, c))))
    })
}

/// Whether a total word is a subtotal (of the rows since the last one).
fn is_subtotal(word: &str) -> bool {
    let t = normalize(word);
    t.ends_with("小计") || t.ends_with("subtotal")
}

/// Matches a sheet against a snapshot and lists the changes it brings.
pub fn plan(s: &Snapshot, grid: &Grid) -> Result<Plan, ImportError> {
    let metrics = metric_names(s);
    let head = header::find(grid, &metrics).ok_or_else(|| no_metric_column(s, grid))?;
    let top = head.rows.0;
    let where_ = |c: usize| match head.columns[c].from.as_slice() {
        [] => grid.name(top, c),
        from => column_cells(from),
    };

    // A bare judge's column (评委1) belongs to the only judged metric.
    let judged: Vec<usize> = (0..s.metrics.len())
        .filter(|&mi| s.metrics[mi].judges.is_some())
        .collect();
    let mut columns = head.columns.clone();
    for col in &mut columns {
        if let Role::Judge(n) = col.role {
            col.role = match judged.as_slice() {
                [mi] => Role::Marks(*mi, n),
                _ => Role::Unknown,
            };
        }
    }
    // Where judges' columns give a metric's marks, its actual column is
    // their result, read past.
    let marked: Vec<usize> = columns
        .iter()
        .filter_map(|c| match c.role {
            Role::Marks(mi, _) => Some(mi),
            _ => None,
        })
        .collect();
    for col in &mut columns {
        if let Role::Metric(mi, Field::Actual) = col.role
            && marked.contains(&mi)
        {
            col.role = Role::Computed;
        }
    }
    let head = header::Header { columns, ..head };
    let roles: Vec<Role> = head.columns.iter().map(|c| c.role).collect();

    let mut plan = Plan::default();
    let mut seen: HashMap<(usize, Field), usize> = HashMap::new();
    let mut judges_seen: HashMap<(usize, u32), usize> = HashMap::new();
    for (c, col) in head.columns.iter().enumerate() {
        let text = col
            .from
            .iter()
            .map(|f| f.text.as_str())
            .collect::<Vec<_>>()
            .join(" ");
        match col.role {
            Role::Metric(mi, f) => {
                if let Some(&first) = seen.get(&(mi, f)) {
                    return Err(ImportError::DuplicateColumn {
                        cell: column_cells(&head.columns[c].from),
                        what: format!("{} {}", one_line(&s.metrics[mi].name), f.key()),
                        first: column_cells(&head.columns[first].from),
                    });
                }
                seen.insert((mi, f), c);
                plan.read.push(Read {
                    column: column_letters(grid, c),
                    metric: mi,
                    field: f,
                    from: col.from.clone(),
                });
            }
            Role::Marks(mi, n) => {
                if let Some(&first) = judges_seen.get(&(mi, n)) {
                    return Err(ImportError::DuplicateColumn {
                        cell: column_cells(&head.columns[c].from),
                        what: format!("{} #{n}", one_line(&s.metrics[mi].name)),
                        first: column_cells(&head.columns[first].from),
                    });
                }
                judges_seen.insert((mi, n), c);
                plan.read.push(Read {
                    column: column_letters(grid, c),
                    metric: mi,
                    field: Field::Marks,
                    from: col.from.clone(),
                });
            }
            Role::Unknown if !text.is_empty() => plan.unmatched_columns.push(Skipped {
                cell: where_(c),
                text,
            }),
            Role::Computed => plan.computed_columns.push(Skipped {
                cell: where_(c),
                text,
            }),
            _ => {}
        }
    }
    let id_col = roles.iter().position(|r| *r == Role::UnitId);
    let name_col = roles.iter().position(|r| *r == Role::UnitName);
    let first_metric = roles
        .iter()
        .position(|r| matches!(r, Role::Metric(..) | Role::Marks(..)))
        .unwrap_or(0);
    // Without a named key column, the first column before the figures holds
    // the units, matched by id or name.
    let key_cols: Vec<usize> = match (id_col, name_col) {
        (None, None) => {
            let guess = (0..first_metric).find(|&c| roles[c] == Role::Unknown);
            match guess {
                Some(c) => {
                    let cell = where_(c);
                    plan.unmatched_columns.retain(|k| k.cell != cell);
                    vec![c]
                }
                None => {
                    return Err(ImportError::NoColumn(format!(
                        "row {} names metrics but no column says which unit a row is (add a column \"id\" or \"单位\")",
                        grid.origin.0 as usize + top + 1
                    )));
                }
            }
        }
        (a, b) => a.into_iter().chain(b).collect(),
    };
    // Per metric, the columns of its judges, in sheet order.
    let mut marks_cols: Vec<(usize, Vec<usize>)> = Vec::new();
    for (c, r) in roles.iter().enumerate() {
        if let Role::Marks(mi, _) = *r {
            match marks_cols.iter_mut().find(|(m, _)| *m == mi) {
                Some((_, cols)) => cols.push(c),
                None => marks_cols.push((mi, vec![c])),
            }
        }
    }
    let figure_cols: Vec<(usize, usize, Field)> = roles
        .iter()
        .enumerate()
        .filter_map(|(c, r)| match *r {
            Role::Metric(mi, f) => Some((c, mi, f)),
            _ => None,
        })
        .collect();

    let mut units_seen: HashMap<usize, String> = HashMap::new();
    // Sums of the rows read, for 合计 (all rows) and 小计 (since the last).
    let mut sums = Sums::new(figure_cols.len());
    for r in head.rows.1 + 1..grid.rows.len() {
        if grid.rows[r].iter().all(|c| shown(c).is_empty()) {
            continue;
        }
        let figures: Vec<Option<f64>> = figure_cols
            .iter()
            .map(|&(c, ..)| match grid.get(r, c) {
                Cell::Number(n) => Some(*n),
                Cell::Text(t) => parse_number(t.trim()),
                _ => None,
            })
            .collect();
        let found = key_cols.iter().find_map(|&c| {
            let key = shown(grid.get(r, c));
            match find_unit(s, &key) {
                Found::None => None,
                found => Some((found, c)),
            }
        });
        let (unit, key_col) = match found {
            Some((Found::One(u), c)) => (u, c),
            Some((Found::Several(units), c)) => {
                plan.ambiguous_rows.push(Ambiguous {
                    cell: grid.name(r, c),
                    text: shown(grid.get(r, c)),
                    units,
                });
                sums.add(&figures);
                continue;
            }
            _ => {
                if let Some((c, word)) = total_word(grid, r, first_metric) {
                    let scope = if is_subtotal(&word) {
                        sums.take_since()
                    } else {
                        sums.all.clone()
                    };
                    for (k, &(fc, mi, field)) in figure_cols.iter().enumerate() {
                        let Some(total) = figures[k] else { continue };
                        let (sum, rows) = scope[k];
                        let tolerance =
                            0.5 * 10f64.powi(-i32::from(s.metrics[mi].decimals)) + 1e-9 * sum.abs();
                        if rows > 0 && (total - sum).abs() > tolerance {
                            plan.mismatches.push(TotalMismatch {
                                cell: grid.name(r, fc),
                                label: word.clone(),
                                metric: mi,
                                field,
                                total,
                                sum,
                                rows,
                            });
                        }
                    }
                    plan.total_rows.push(Skipped {
                        cell: grid.name(r, c),
                        text: word,
                    });
                    continue;
                }
                let c = key_cols
                    .iter()
                    .copied()
                    .find(|&c| !shown(grid.get(r, c)).is_empty())
                    .or_else(|| (0..grid.width()).find(|&c| !shown(grid.get(r, c)).is_empty()))
                    .unwrap_or(key_cols[0]);
                let skipped = Skipped {
                    cell: grid.name(r, c),
                    text: shown(grid.get(r, c)),
                };
                // Statistical tables number their columns under the header
                // (栏次 / 甲 乙 1 2 3): neither a unit nor figures to add up.
                let numbering = (0..first_metric.max(1))
                    .map(|c| normalize(&shown(grid.get(r, c))))
                    .any(|t| COLUMN_NUMBERS.contains(&t.as_str()));
                if numbering || figures.iter().all(Option::is_none) {
                    plan.note_rows.push(skipped);
                } else {
                    sums.add(&figures);
                    plan.unmatched_rows.push(skipped);
                }
                continue;
            }
        };
        let here = grid.name(r, key_col);
        if let Some(first) = units_seen.get(&unit) {
            return Err(ImportError::DuplicateUnit {
                cell: here,
                unit: format!("{} ({})", one_line(&s.units[unit].name), s.units[unit].id),
                first: first.clone(),
            });
        }
        units_seen.insert(unit, here);
        plan.matched_rows += 1;
        for (mi, cols) in &marks_cols {
            let mut list = Vec::new();
            for &c in cols {
                list.extend(marks(grid.get(r, c), || grid.name(r, c))?);
            }
            if let Some(change) = marks_change(s, unit, *mi, list, grid.name(r, cols[0])) {
                plan.changes.push(change);
            }
        }
        for &(c, mi, field) in &figure_cols {
            // A judged metric's actual cell may hold the marks themselves.
            if field == Field::Actual
                && s.metrics[mi].judges.is_some()
                && let Cell::Text(t) = grid.get(r, c)
                && t.split_whitespace().count() + t.matches(['、', '；', ';', '，']).count() > 1
            {
                let list = marks(grid.get(r, c), || grid.name(r, c))?;
                if let Some(change) = marks_change(s, unit, mi, list, grid.name(r, c)) {
                    plan.changes.push(change);
                }
                continue;
            }
            let Some(new) = number(grid.get(r, c), || grid.name(r, c))? else {
                continue;
            };
            let u = &s.units[unit];
            let old = match field {
                Field::Target => u.targets[mi],
                Field::Actual | Field::Marks => u.actuals[mi],
            };
            if old.is_some_and(|old| same_figure(old, new)) {
                continue;
            }
            if let (Field::Actual, Some(Some(marks))) = (field, u.marks.get(mi)) {
                return Err(ImportError::Judged(Box::new(super::JudgedFigure {
                    cell: grid.name(r, c),
                    unit: format!("{} ({})", one_line(&u.name), u.id),
                    metric: one_line(&s.metrics[mi].name).into_owned(),
                    marks: marks.len(),
                    used: old.map_or_else(|| "none".to_owned(), |x| x.to_string()),
                    found: new.to_string(),
                })));
            }
            plan.changes.push(Change {
                unit,
                metric: mi,
                field,
                old,
                new,
                marks: None,
                cell: grid.name(r, c),
            });
        }
        sums.add(&figures);
    }
    Ok(plan)
}

/// The judges' marks a cell holds: none for an empty cell or a dash, one
/// for a number, several for `88 92 90.5`; each a number ≥ 0, else the
/// cell is named.
fn marks(cell: &Cell, name: impl Fn() -> String) -> Result<Vec<f64>, ImportError> {
    match cell {
        Cell::Text(t) if !t.trim().is_empty() && !NO_FIGURE.contains(&t.trim()) => {
            let list = crate::model::typed::marks(t).map_err(|bad| ImportError::BadMark {
                cell: name(),
                position: bad.position,
                found: bad.text,
            })?;
            Ok(list.iter().filter_map(serde_json::Number::as_f64).collect())
        }
        other => Ok(number(other, name)?.into_iter().collect()),
    }
}

/// The change that writes `list` as unit `unit`'s marks for metric `mi`;
/// none when the sheet gives no marks or the ones held.
fn marks_change(
    s: &Snapshot,
    unit: usize,
    mi: usize,
    list: Vec<f64>,
    cell: String,
) -> Option<Change> {
    let u = &s.units[unit];
    let held = u.marks(mi);
    let same = held.is_some_and(|h| {
        h.len() == list.len() && h.iter().zip(&list).all(|(a, b)| same_figure(*a, *b))
    });
    if list.is_empty() || same {
        return None;
    }
    let drop = s.metrics[mi].judges.unwrap_or(0);
    Some(Change {
        unit,
        metric: mi,
        field: Field::Marks,
        old: u.actuals[mi],
        new: judged_mean(&list, drop).unwrap_or(0.0),
        marks: Some(list),
        cell,
    })
}

/// Whether a sheet's figure is the one held: equal, or equal to the 15
/// significant digits a spreadsheet keeps (and a CSV export writes), so an
/// export read back changes nothing.
fn same_figure(held: f64, read: f64) -> bool {
    held == read || format!("{held:.14e}") == format!("{read:.14e}")
}

/// Running sums of each figure column: over every row, and since the last
/// subtotal; each with how many rows had a figure.
struct Sums {
    all: Vec<(f64, usize)>,
    since: Vec<(f64, usize)>,
}

impl Sums {
    fn new(n: usize) -> Sums {
        Sums {
            all: vec![(0.0, 0); n],
            since: vec![(0.0, 0); n],
        }
    }
    fn add(&mut self, figures: &[Option<f64>]) {
        for (k, f) in figures.iter().enumerate() {
            if let Some(v) = f {
                self.all[k].0 += v;
                self.all[k].1 += 1;
                self.since[k].0 += v;
                self.since[k].1 += 1;
            }
        }
    }
    fn take_since(&mut self) -> Vec<(f64, usize)> {
        let n = self.since.len();
        std::mem::replace(&mut self.since, vec![(0.0, 0); n])
    }
}

/// The letters of a grid column (`D`).
fn column_letters(grid: &Grid, c: usize) -> String {
    let name = grid.name(0, c);
    name.trim_end_matches(|ch: char| ch.is_ascii_digit())
        .to_owned()
}

/// The header cells of a column, joined: `C3:E3 + D4`.
fn column_cells(from: &[Source]) -> String {
    from.iter()
        .map(|f| f.cell.as_str())
        .collect::<Vec<_>>()
        .join(" + ")
}

/// Which units a row's key names.
#[derive(Debug, PartialEq)]
pub(super) enum Found {
    None,
    One(usize),
    /// A name that several units share.
    Several(Vec<usize>),
}

/// A unit by id (exact), else by name (spaces and brackets aside); a name
/// several units share names them all.
pub(super) fn find_unit(s: &Snapshot, key: &str) -> Found {
    let key = key.trim();
    if key.is_empty() {
        return Found::None;
    }
    if let Some(u) = s.unit_index(key) {
        return Found::One(u);
    }
    let k = normalize(key);
    let named: Vec<usize> = s
        .units
        .iter()
        .enumerate()
        .filter(|(_, u)| normalize(&u.name) == k)
        .map(|(i, _)| i)
        .collect();
    match named.as_slice() {
        [] => Found::None,
        [one] => Found::One(*one),
        _ => Found::Several(named),
    }
}

fn no_metric_column(s: &Snapshot, grid: &Grid) -> ImportError {
    let names: Vec<String> = s
        .metrics
        .iter()
        .map(|m| format!("{} ({})", one_line(&m.name), m.id))
        .collect();
    let first = grid
        .rows
        .iter()
        .position(|r| r.iter().any(|c| !shown(c).is_empty()));
    let seen = match first {
        Some(r) => {
            let heads: Vec<String> = grid.rows[r]
                .iter()
                .map(shown)
                .filter(|t| !t.is_empty())
                .map(|t| format!("\"{t}\""))
                .collect();
            format!(
                "row {} has {}",
                grid.origin.0 as usize + r + 1,
                heads.join(", ")
            )
        }
        None => "the sheet is empty".to_owned(),
    };
    ImportError::NoColumn(format!(
        "no header in the first {HEADER_SCAN} rows names a metric ({}; a target column ends in 目标 or target); {seen}",
        names.join(", ")
    ))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_column_numbering_row_is_neither_a_unit_nor_added_up() {
        let d = crate::model::Document::from_bytes(crate::model::DEMO.as_bytes()).unwrap();
        let s = &d.snapshot;
        let (a, b) = (&s.units[0], &s.units[1]);
        let g = Grid::from_texts(&[
            &["单位", "协议引资额"],
            &["甲", "1"],
            &[&a.name, "10"],
            &[&b.name, "20"],
            &["合计", "30"],
        ]);
        let p = plan(s, &g).unwrap();
        assert_eq!(p.matched_rows, 2);
        assert_eq!(p.note_rows.len(), 1, "{p:?}");
        assert!(p.unmatched_rows.is_empty(), "{p:?}");
        assert!(p.mismatches.is_empty(), "{p:?}");
    }

    /// A judged unit's marks are never replaced by one figure: the mean
    /// (as a spreadsheet rounds it) is no change, another figure refuses
    /// the sheet naming the cell. Before, an export read back wrote the
    /// rounded mean over the marks.
    #[test]
    fn a_judged_units_marks_are_never_replaced_by_a_figure() {
        let path = concat!(
            env!("CARGO_MANIFEST_DIR"),
            "/tests/fixtures/standings/v2_judges.json"
        );
        let d = crate::model::Document::from_bytes(&std::fs::read(path).unwrap()).unwrap();
        let s = &d.snapshot;
        let (u, mi) = s
            .units
            .iter()
            .find_map(|u| u.marks.iter().position(Option::is_some).map(|mi| (u, mi)))
            .expect("a unit with marks");
        let mean = u.actuals[mi].unwrap();
        let head = s.metrics[mi].name.clone();
        let rounded = format!("{:.14e}", mean).parse::<f64>().unwrap();
        assert_ne!(rounded, mean, "the fixture's mean needs all its digits");
        let g = Grid::from_texts(&[&["单位", &head], &[&u.name, &format!("{rounded:.14e}")]]);
        let p = plan(s, &g).unwrap();
        assert!(p.changes.is_empty(), "{p:?}");
        let g = Grid::from_texts(&[&["单位", &head], &[&u.name, "50"]]);
        match plan(s, &g) {
            Err(ImportError::Judged(j)) => {
                assert_eq!(j.cell, "B2");
                assert_eq!(j.marks, u.marks[mi].as_ref().unwrap().len());
            }
            other => panic!("expected the marks to be kept: {other:?}"),
        }
    }

    #[test]
    fn a_figure_equal_to_fifteen_digits_is_no_change() {
        assert!(same_figure(0.1 + 0.2, 0.3));
        assert!(same_figure(90.16666666666667, 90.1666666666667));
        assert!(!same_figure(90.1666666666667, 90.1666666666668));
        assert!(!same_figure(1.0, 1.000001));
    }

    #[test]
    fn numbers_in_text_are_strict() {
        assert_eq!(parse_number("98.5"), Some(98.5));
        assert_eq!(parse_number("1,234.5"), Some(1234.5));
        assert_eq!(parse_number("1,23"), None);
        assert_eq!(parse_number("九十"), None);
        assert_eq!(parse_number("12%"), None);
        assert_eq!(parse_number("NaN"), None);
        assert_eq!(parse_number("inf"), None);
    }
}
