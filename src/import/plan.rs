//! Matching a sheet against the snapshot: which row is which unit (by id or
//! name), which column is which metric's target or actual, and what would
//! change. Rows and columns that match nothing are skipped and reported; a
//! bad cell, a unit listed twice or a sheet with no metric column refuses the
//! whole import.

use std::collections::HashMap;

use crate::export::headers;
use crate::i18n::Lang;
use crate::model::Snapshot;
use crate::sanitize::one_line;

use super::ImportError;
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

/// What a column is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Role {
    UnitId,
    UnitName,
    Metric(usize, Field),
    /// A column guotang computes (rank, composite, completion, …) or a row
    /// number: expected in a sheet, never read.
    Computed,
    Unknown,
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

/// Text as matched: one line, no unit in brackets at the end, no spaces,
/// lower case. `协议引资额（亿元）` → `协议引资额`, `Investment Target` →
/// `investmenttarget`.
fn normalize(s: &str) -> String {
    let mut t = one_line(s).trim().to_owned();
    loop {
        let trimmed = t.trim_end();
        let close = trimmed.chars().last();
        let open = match close {
            Some(')') => '(',
            Some('）') => '（',
            Some(']') => '[',
            Some('】') => '【',
            _ => break,
        };
        match trimmed.rfind(open) {
            Some(i) if i > 0 => t = trimmed[..i].to_owned(),
            _ => break,
        }
    }
    t.chars()
        .filter(|c| !c.is_whitespace())
        .flat_map(char::to_lowercase)
        .collect()
}

const SEPARATORS: &[char] = &['.', '_', '-', '·', ':', '：', '/'];
const TARGET_WORDS: &[&str] = &[
    "年度目标",
    "全年目标",
    "目标任务",
    "目标值",
    "目标",
    "target",
];
const ACTUAL_WORDS: &[&str] = &["实际完成", "完成值", "完成数", "实际", "完成", "actual"];
const COMPUTED_WORDS: &[&str] = &["完成率", "完成进度", "completion", "排名", "rank", "%"];
const ID_HEADERS: &[&str] = &["id", "编号", "单位编号", "单位代码", "unitid", "unit_id"];
const NAME_HEADERS: &[&str] = &[
    "单位",
    "单位名称",
    "名称",
    "name",
    "unit",
    "unitname",
    "unit_name",
];
const ROW_NUMBER_HEADERS: &[&str] = &["序号", "no.", "no", "#"];

/// Text without spaces, in lower case (brackets kept).
fn squash(s: &str) -> String {
    one_line(s)
        .chars()
        .filter(|c| !c.is_whitespace())
        .flat_map(char::to_lowercase)
        .collect()
}

/// The snapshot's metrics by id and by name, both with and without the
/// bracketed part at the end of a name (`协议引资额（按合同口径）`), since a
/// header may carry the name's own brackets and then a unit's.
fn metric_names(s: &Snapshot) -> HashMap<String, usize> {
    let mut map = HashMap::new();
    for (i, m) in s.metrics.iter().enumerate().rev() {
        map.insert(normalize(&m.name), i);
        map.insert(squash(&m.name), i);
        map.insert(m.id.to_lowercase(), i);
    }
    map
}

fn role(header: &str, metrics: &HashMap<String, usize>) -> Role {
    let h = normalize(header);
    if h.is_empty() {
        return Role::Unknown;
    }
    if let Some(&mi) = metrics.get(&h).or_else(|| metrics.get(&squash(header))) {
        return Role::Metric(mi, Field::Actual);
    }
    if ID_HEADERS.contains(&h.as_str()) {
        return Role::UnitId;
    }
    if NAME_HEADERS.contains(&h.as_str()) {
        return Role::UnitName;
    }
    let metric = |rest: &str| {
        let rest = rest.trim_matches(SEPARATORS);
        metrics
            .get(rest)
            .or_else(|| metrics.get(&normalize(rest)))
            .copied()
    };
    for (words, field) in [
        (COMPUTED_WORDS, None),
        (TARGET_WORDS, Some(Field::Target)),
        (ACTUAL_WORDS, Some(Field::Actual)),
    ] {
        for w in words {
            if let Some(rest) = h.strip_suffix(w)
                && let Some(mi) = metric(rest)
            {
                return field.map_or(Role::Computed, |f| Role::Metric(mi, f));
            }
        }
    }
    // The standings export's own unit columns, in either language.
    let computed = [Lang::Zh, Lang::En]
        .into_iter()
        .flat_map(|l| headers::unit_headers(l).into_iter().skip(1))
        .map(normalize)
        .chain(ROW_NUMBER_HEADERS.iter().map(|s| (*s).to_owned()));
    if computed.into_iter().any(|c| c == h) {
        return Role::Computed;
    }
    Role::Unknown
}

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

    fn metrics() -> HashMap<String, usize> {
        let mut m = HashMap::new();
        m.insert("协议引资额".to_owned(), 0);
        m.insert("investment".to_owned(), 0);
        m.insert("新开工项目".to_owned(), 1);
        m
    }

    #[test]
    fn headers_name_targets_actuals_and_computed_columns() {
        let m = metrics();
        assert_eq!(role("协议引资额目标", &m), Role::Metric(0, Field::Target));
        assert_eq!(
            role("协议引资额目标（亿元）", &m),
            Role::Metric(0, Field::Target)
        );
        assert_eq!(
            role("investment target", &m),
            Role::Metric(0, Field::Target)
        );
        assert_eq!(
            role("investment.target", &m),
            Role::Metric(0, Field::Target)
        );
        assert_eq!(
            role("Investment_Target", &m),
            Role::Metric(0, Field::Target)
        );
        assert_eq!(
            role("协议引资额（亿元）", &m),
            Role::Metric(0, Field::Actual)
        );
        assert_eq!(
            role("investment.actual", &m),
            Role::Metric(0, Field::Actual)
        );
        assert_eq!(
            role("新开工项目 实际完成", &m),
            Role::Metric(1, Field::Actual)
        );
        assert_eq!(role("协议引资额完成率", &m), Role::Computed);
        assert_eq!(role("综合完成", &m), Role::Computed);
        assert_eq!(role("序号", &m), Role::Computed);
        assert_eq!(role("id", &m), Role::UnitId);
        assert_eq!(role("单位名称", &m), Role::UnitName);
        assert_eq!(role("备注", &m), Role::Unknown);
        assert_eq!(role("利润目标", &m), Role::Unknown);
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
