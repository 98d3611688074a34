//! The history of meetings held before guotang was used, from a sheet of
//! previous rankings: columns 期别, 单位, 排名, 牌, 综合 (one row per unit
//! and period), or one sheet per period (named by it) without 期别. It
//! goes the way of any import: a plan first (what each period gets, the
//! rows that match no unit), then the JSON document edited and checked.

use serde_json::{Map, Value};

use crate::i18n::Lang;
use crate::model::{Document, Snapshot};

use super::ImportError;
use super::columns::normalize;
use super::grid::{Cell, Grid};
use super::header::shown;
use super::plan::{Ambiguous, Found, Skipped, find_unit, number};

const PERIOD: &[&str] = &["期别", "期次", "期间", "时期", "月份", "period"];
const UNIT: &[&str] = &["单位", "单位名称", "名称", "id", "unit", "name"];
const RANK: &[&str] = &["排名", "名次", "位次", "rank"];
const TIER: &[&str] = &["牌", "亮牌", "等次", "档次", "tier", "card"];
const COMPOSITE: &[&str] = &[
    "综合",
    "综合完成",
    "综合得分",
    "得分",
    "composite",
    "points",
    "score",
];
/// How far down a header row is looked for.
const SCAN: usize = 10;

/// Where a history sheet's columns are.
struct Columns {
    row: usize,
    period: Option<usize>,
    unit: usize,
    rank: Option<usize>,
    tier: Option<usize>,
    composite: Option<usize>,
}

fn find(grid: &Grid) -> Option<Columns> {
    for r in 0..grid.rows.len().min(SCAN) {
        let heads: Vec<String> = (0..grid.width())
            .map(|c| normalize(&shown(grid.get(r, c))))
            .collect();
        let at = |words: &[&str]| heads.iter().position(|h| words.contains(&h.as_str()));
        let (Some(unit), rank, tier) = (at(UNIT), at(RANK), at(TIER)) else {
            continue;
        };
        let period = at(PERIOD);
        // A history sheet says its period, or ranks and tiers and nothing
        // else a figures sheet has (no 目标, no metric).
        let plain = heads.iter().all(|h| {
            h.is_empty()
                || [PERIOD, UNIT, RANK, TIER, COMPOSITE]
                    .iter()
                    .any(|w| w.contains(&h.as_str()))
                || ["序号", "#", "no", "no."].contains(&h.as_str())
        });
        if period.is_some() || (plain && rank.is_some() && tier.is_some()) {
            return Some(Columns {
                row: r,
                period,
                unit,
                rank,
                tier,
                composite: at(COMPOSITE),
            });
        }
    }
    None
}

/// Whether a sheet holds previous rankings rather than figures.
pub fn is_history(grid: &Grid) -> bool {
    find(grid).is_some()
}

/// Whether a history sheet is one period, named by the sheet (no 期别
/// column): its workbook's other sheets are likely the other periods.
pub fn is_one_period(grid: &Grid) -> bool {
    find(grid).is_some_and(|c| c.period.is_none())
}

/// Reads several one-period sheets (a workbook with a sheet per period,
/// so no two name the same period) as one plan, in the sheets' order; the
/// first bad cell refuses them all.
pub fn plan_sheets(s: &Snapshot, grids: &[Grid]) -> Result<HistoryPlan, ImportError> {
    let mut out = HistoryPlan::default();
    for grid in grids {
        let p = plan(s, grid)?;
        out.periods.extend(p.periods);
        out.unmatched_rows.extend(p.unmatched_rows);
        out.ambiguous_rows.extend(p.ambiguous_rows);
    }
    Ok(out)
}

/// One period the sheet gives.
#[derive(Debug, Clone, PartialEq)]
pub struct Period {
    pub label: String,
    /// Whether the snapshot already has an entry of that label (its units
    /// given here are replaced).
    pub existing: bool,
    /// Unit id → its entry (`rank`, `tier`, `composite`).
    pub units: Vec<(String, Map<String, Value>)>,
}

/// What importing a history sheet would do.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct HistoryPlan {
    pub periods: Vec<Period>,
    pub unmatched_rows: Vec<Skipped>,
    pub ambiguous_rows: Vec<Ambiguous>,
}

/// Reads a history sheet against the snapshot; a bad cell refuses it,
/// named by its sheet and cell.
pub fn plan(s: &Snapshot, grid: &Grid) -> Result<HistoryPlan, ImportError> {
    let cols = find(grid).ok_or_else(|| {
        ImportError::NoColumn("no header with 单位 and 排名 / 牌 (a history sheet)".to_owned())
    })?;
    let here = |r: usize, c: usize| match grid.sheet.as_str() {
        "" => grid.name(r, c),
        sheet => format!("{}!{}", crate::sanitize::one_line(sheet), grid.name(r, c)),
    };
    let mut out = HistoryPlan::default();
    let tiers = &s.cards.tiers;
    for r in cols.row + 1..grid.rows.len() {
        let key = shown(grid.get(r, cols.unit));
        if key.trim().is_empty() {
            continue;
        }
        let label = match cols.period {
            Some(c) => shown(grid.get(r, c)).trim().to_owned(),
            None => grid.sheet.trim().to_owned(),
        };
        if label.is_empty() {
            return Err(ImportError::BadCell {
                cell: here(r, cols.period.unwrap_or(cols.unit)),
                message: "no period (a 期别 column, or a sheet named by its period)".to_owned(),
            });
        }
        let unit = match find_unit(s, &key) {
            Found::One(u) => u,
            Found::Several(units) => {
                out.ambiguous_rows.push(Ambiguous {
                    cell: here(r, cols.unit),
                    text: key,
                    units,
                });
                continue;
            }
            Found::None => {
                out.unmatched_rows.push(Skipped {
                    cell: here(r, cols.unit),
                    text: key,
                });
                continue;
            }
        };
        let mut entry = Map::new();
        if let Some(c) = cols.rank
            && let Some(rank) = number(grid.get(r, c), || here(r, c))?
        {
            if rank < 1.0 || rank.fract() != 0.0 {
                return Err(ImportError::BadCell {
                    cell: here(r, c),
                    message: format!("expected a rank (1, 2, 3…), found {rank}"),
                });
            }
            entry.insert("rank".into(), Value::from(rank as u64));
        }
        if let Some(c) = cols.tier {
            let t = shown(grid.get(r, c)).trim().to_owned();
            if !t.is_empty() {
                let found = tiers.cards_and_none().find(|&k| {
                    tiers.id(k) == t
                        || [Lang::Zh, Lang::En]
                            .iter()
                            .any(|&l| tiers.label(k, l).eq_ignore_ascii_case(&t))
                });
                let Some(k) = found else {
                    return Err(ImportError::BadCell {
                        cell: here(r, c),
                        message: format!(
                            "{} is not one of the meeting's tiers ({})",
                            crate::sanitize::one_line(&t),
                            tiers.words().join(", ")
                        ),
                    });
                };
                entry.insert("tier".into(), Value::from(tiers.id(k)));
            }
        }
        if let Some(c) = cols.composite {
            // 41.2% as a share, like the composite of ratio scoring.
            let cell = match grid.get(r, c) {
                Cell::Text(t) if t.trim().ends_with(['%', '％']) => {
                    let t = t.trim().trim_end_matches(['%', '％']);
                    number(&Cell::Text(t.to_owned()), || here(r, c))?.map(|x| x / 100.0)
                }
                other => number(other, || here(r, c))?,
            };
            if let Some(x) = cell {
                entry.insert("composite".into(), super::edit::number(x));
            }
        }
        let id = s.units[unit].id.clone();
        let existing = s.history.iter().any(|e| e.label.as_deref() == Some(&label));
        let k = match out.periods.iter().position(|p| p.label == label) {
            Some(k) => k,
            None => {
                out.periods.push(Period {
                    label,
                    existing,
                    units: Vec::new(),
                });
                out.periods.len() - 1
            }
        };
        let units = &mut out.periods[k].units;
        if let Some(first) = units.iter().position(|(u, _)| *u == id) {
            return Err(ImportError::DuplicateUnit {
                cell: here(r, cols.unit),
                unit: format!("{} ({id})", s.units[unit].name),
                first: format!("row {} of the same period", first + 1),
            });
        }
        units.push((id, entry));
    }
    Ok(out)
}

/// The document with the sheet's periods in its history: an entry of the
/// same label gets the units given; a new period goes before the meetings
/// the file already has, in the sheet's order (they were held before).
pub fn apply(doc: &Document, plan: &HistoryPlan) -> Result<Document, ImportError> {
    let mut json = doc.json.to_value();
    let Some(top) = json.as_object_mut() else {
        return Document::from_json(json).map_err(ImportError::Invalid);
    };
    let history = top
        .entry("history")
        .or_insert_with(|| Value::Array(Vec::new()));
    if !history.is_array() {
        *history = Value::Array(Vec::new());
    }
    let Some(list) = history.as_array_mut() else {
        return Document::from_json(json).map_err(ImportError::Invalid);
    };
    let mut new_entries = Vec::new();
    for p in &plan.periods {
        let found = list
            .iter_mut()
            .find(|e| e.get("label").and_then(Value::as_str) == Some(p.label.as_str()));
        match found {
            Some(entry) => {
                let units = entry.as_object_mut().map(|o| {
                    o.entry("units")
                        .or_insert_with(|| Value::Object(Map::new()))
                });
                if let Some(Value::Object(units)) = units {
                    for (id, e) in &p.units {
                        units.insert(id.clone(), Value::Object(e.clone()));
                    }
                }
            }
            None => {
                let units: Map<String, Value> = p
                    .units
                    .iter()
                    .map(|(id, e)| (id.clone(), Value::Object(e.clone())))
                    .collect();
                let mut entry = Map::new();
                entry.insert("label".into(), Value::from(p.label.clone()));
                entry.insert("units".into(), Value::Object(units));
                new_entries.push(Value::Object(entry));
            }
        }
    }
    list.splice(0..0, new_entries);
    Document::from_json(json).map_err(ImportError::Invalid)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn text(t: &str) -> Cell {
        Cell::Text(t.to_owned())
    }

    /// A sheet named by its period, without 期别: one period.
    #[test]
    fn a_sheet_per_period_is_named_by_the_sheet() {
        let doc = Document::from_bytes(include_bytes!("../../assets/templates/three-tiers.json"))
            .expect("the template");
        let grid = Grid {
            sheet: "2025年10月".to_owned(),
            rows: vec![
                vec![text("单位"), text("排名"), text("牌")],
                vec![text("城南区"), Cell::Number(4.0), text("红牌")],
                vec![text("江东区"), Cell::Number(1.0), text("绿牌")],
            ],
            origin: (0, 0),
            merged: Vec::new(),
        };
        assert!(is_history(&grid));
        let p = plan(&doc.snapshot, &grid).expect("a plan");
        assert_eq!(p.periods.len(), 1);
        assert_eq!(p.periods[0].label, "2025年10月");
        assert!(!p.periods[0].existing);
        let edited = apply(&doc, &p).expect("valid");
        let first = &edited.snapshot.history[0];
        assert_eq!(first.label.as_deref(), Some("2025年10月"));
        let jd = doc.snapshot.unit_index("jd").expect("江东区");
        assert_eq!(first.units[jd].and_then(|u| u.rank), Some(1));
        // A figures sheet (targets, actuals) is not a history.
        let figures = Grid {
            rows: vec![vec![
                text("单位"),
                text("排名"),
                text("牌"),
                text("年度投资完成额"),
            ]],
            ..grid
        };
        assert!(!is_history(&figures));
        // A cell of another sheet is named with its sheet.
        let bad = Grid {
            rows: vec![
                vec![text("单位"), text("排名"), text("牌")],
                vec![text("城南区"), Cell::Number(1.5), text("红牌")],
            ],
            ..figures
        };
        let e = plan(&doc.snapshot, &bad).expect_err("a bad rank");
        assert!(e.to_string().starts_with("2025年10月!B2: "), "{e}");
    }
}
