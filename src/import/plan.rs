//! Matching a sheet against the snapshot: which row is which unit (by id or
//! name), which column is which metric's target or actual, and what would
//! change. Rows and columns that match nothing are skipped and reported; a
//! bad cell, a unit listed twice or a sheet with no metric column refuses the
//! whole import.

use std::collections::HashMap;

use crate::model::Snapshot;
use crate::sanitize::one_line;

use super::ImportError;
use super::columns::{Role, metric_names, normalize, role};
use super::grid::{Cell, Grid};

/// Which of a unit's figures a column holds.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Field {
    Target,
    Actual,
}

impl Field {
    /// The snapshot's key for it: `targets` / `actuals`.
    pub fn key(self) -> &'static str {
        match self {
            Field::Target => "targets",
            Field::Actual => "actuals",
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
    pub new: f64,
    /// The cell the new value came from.
    pub cell: String,
}

/// A row or column that was skipped, with its cell and text.
#[derive(Debug, Clone, PartialEq)]
pub struct Skipped {
    pub cell: String,
    pub text: String,
}

/// What importing a sheet would do.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Plan {
    pub changes: Vec<Change>,
    /// Rows whose unit matches no unit of the snapshot.
    pub unmatched_rows: Vec<Skipped>,
    /// Columns whose header names nothing the snapshot has.
    pub unmatched_columns: Vec<Skipped>,
    /// Computed columns (rank, composite, completion, …), read past.
    pub computed_columns: Vec<Skipped>,
    /// How many rows matched a unit.
    pub matched_rows: usize,
}

/// How many rows from the top may hold the header (titles often sit above).
const HEADER_SCAN: usize = 10;

/// A cell's text as shown in messages.
fn shown(cell: &Cell) -> String {
    match cell {
        Cell::Empty => String::new(),
        Cell::Number(n) => n.to_string(),
        Cell::Text(t) => one_line(t).trim().to_owned(),
        Cell::Other(d) => d.clone(),
    }
}

/// A number cell's value: `None` when empty (no change); text that is a
/// number (`1,234.5`) counts, any other text refuses the import.
fn number(cell: &Cell, name: impl Fn() -> String) -> Result<Option<f64>, ImportError> {
    let v = match cell {
        Cell::Empty => return Ok(None),
        Cell::Number(n) => *n,
        Cell::Text(t) => {
            let t = t.trim();
            if t.is_empty() {
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

/// `98.5`, `1,234.5`, `1e3`; not `九十`, `12%` or `1,23`.
fn parse_number(t: &str) -> Option<f64> {
    let plain: String = if t.contains(',') {
        let (int, frac) = t.split_once('.').unwrap_or((t, ""));
        let groups: Vec<&str> = int.trim_start_matches(['-', '+']).split(',').collect();
        let well_formed = groups.len() > 1
            && (1..=3).contains(&groups[0].len())
            && groups[1..].iter().all(|g| g.len() == 3)
            && !frac.contains(',');
        if !well_formed {
            return None;
        }
        t.replace(',', "")
    } else {
        t.to_owned()
    };
    plain
        .parse::<f64>()
        .ok()
        .filter(|v| v.is_finite() && !plain.eq_ignore_ascii_case("nan") && !plain.contains("inf"))
}

/// Matches a sheet against a snapshot and lists the changes it brings.
pub fn plan(s: &Snapshot, grid: &Grid) -> Result<Plan, ImportError> {
    let metrics = metric_names(s);
    let width = grid.width();
    let roles_of = |r: usize| -> Vec<Role> {
        (0..width)
            .map(|c| match grid.get(r, c) {
                Cell::Text(t) => role(t, &metrics),
                Cell::Number(n) => role(&n.to_string(), &metrics),
                _ => Role::Unknown,
            })
            .collect()
    };
    let header = (0..grid.rows.len().min(HEADER_SCAN))
        .find(|&r| roles_of(r).iter().any(|x| matches!(x, Role::Metric(..))))
        .ok_or_else(|| no_metric_column(s, grid))?;
    let roles = roles_of(header);

    let mut plan = Plan::default();
    let mut seen: HashMap<(usize, Field), usize> = HashMap::new();
    for (c, r) in roles.iter().enumerate() {
        let text = shown(grid.get(header, c));
        match *r {
            Role::Metric(mi, f) => {
                if let Some(&first) = seen.get(&(mi, f)) {
                    return Err(ImportError::DuplicateColumn {
                        cell: grid.name(header, c),
                        what: format!("{} {}", one_line(&s.metrics[mi].name), f.key()),
                        first: grid.name(header, first),
                    });
                }
                seen.insert((mi, f), c);
            }
            Role::Unknown if !text.is_empty() => plan.unmatched_columns.push(Skipped {
                cell: grid.name(header, c),
                text,
            }),
            Role::Computed => plan.computed_columns.push(Skipped {
                cell: grid.name(header, c),
                text,
            }),
            _ => {}
        }
    }
    let id_col = roles.iter().position(|r| *r == Role::UnitId);
    let name_col = roles.iter().position(|r| *r == Role::UnitName);
    // Without a named key column, the first column before the figures holds
    // the units, matched by id or name.
    let key_cols: Vec<usize> = match (id_col, name_col) {
        (None, None) => {
            let first_metric = roles
                .iter()
                .position(|r| matches!(r, Role::Metric(..)))
                .unwrap_or(0);
            let guess = (0..first_metric).find(|&c| roles[c] == Role::Unknown);
            match guess {
                Some(c) => {
                    plan.unmatched_columns
                        .retain(|k| k.cell != grid.name(header, c));
                    vec![c]
                }
                None => {
                    return Err(ImportError::NoColumn(format!(
                        "row {} names metrics but no column says which unit a row is (add a column \"id\" or \"单位\")",
                        grid.origin.0 as usize + header + 1
                    )));
                }
            }
        }
        (a, b) => a.into_iter().chain(b).collect(),
    };

    let mut units_seen: HashMap<usize, String> = HashMap::new();
    for r in header + 1..grid.rows.len() {
        if grid.rows[r].iter().all(|c| matches!(c, Cell::Empty))
            || grid.rows[r].iter().all(|c| shown(c).is_empty())
        {
            continue;
        }
        let Some((unit, key_col)) = key_cols.iter().find_map(|&c| {
            let key = shown(grid.get(r, c));
            find_unit(s, &key).map(|u| (u, c))
        }) else {
            let c = key_cols
                .iter()
                .copied()
                .find(|&c| !shown(grid.get(r, c)).is_empty())
                .unwrap_or(key_cols[0]);
            plan.unmatched_rows.push(Skipped {
                cell: grid.name(r, c),
                text: shown(grid.get(r, c)),
            });
            continue;
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
        for (c, role) in roles.iter().enumerate() {
            let Role::Metric(mi, field) = *role else {
                continue;
            };
            let Some(new) = number(grid.get(r, c), || grid.name(r, c))? else {
                continue;
            };
            let u = &s.units[unit];
            let old = match field {
                Field::Target => u.targets[mi],
                Field::Actual => u.actuals[mi],
            };
            if old != Some(new) {
                plan.changes.push(Change {
                    unit,
                    metric: mi,
                    field,
                    old,
                    new,
                    cell: grid.name(r, c),
                });
            }
        }
    }
    Ok(plan)
}

/// A unit by id (exact), else by name (spaces and brackets aside).
fn find_unit(s: &Snapshot, key: &str) -> Option<usize> {
    let key = key.trim();
    if key.is_empty() {
        return None;
    }
    s.unit_index(key).or_else(|| {
        let k = normalize(key);
        s.units.iter().position(|u| normalize(&u.name) == k)
    })
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
