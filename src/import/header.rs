//! Finding a sheet's header and what each column holds. Offices put a title
//! and a 填报单位 line above it, and often two levels: the metric's name
//! over merged cells, with 目标 / 完成 / 完成率 under it. In CSV the merge is
//! gone and the name stands over blank continuation cells. Either way, each
//! column's meaning is read from the cells above it, and the cells it was
//! read from are kept, for the dry run to show.

use std::collections::HashMap;

use crate::sanitize::one_line;

use super::columns::{Role, Sub, judge, metric_of, normalize, role, sub};
use super::grid::{Cell, Grid};
use super::plan::Field;

/// How many rows from the top may hold the header (titles often sit above).
pub const HEADER_SCAN: usize = 12;

/// A header cell a column's meaning was read from.
#[derive(Debug, Clone, PartialEq)]
pub struct Source {
    /// `C3`, or `C3:E3` for a merged region.
    pub cell: String,
    pub text: String,
}

/// One column of the header.
#[derive(Debug, Clone, PartialEq)]
pub struct Column {
    pub role: Role,
    /// The cells read, top first (one, or the metric's name and the word under it).
    pub from: Vec<Source>,
}

/// The header found: its rows and each column's meaning.
#[derive(Debug, Clone, PartialEq)]
pub struct Header {
    /// The first and last row of the header (equal for one level).
    pub rows: (usize, usize),
    pub columns: Vec<Column>,
}

/// A cell's text as shown in messages.
pub fn shown(cell: &Cell) -> String {
    match cell {
        Cell::Empty => String::new(),
        Cell::Number(n) => n.to_string(),
        Cell::Text(t) => one_line(t).trim().to_owned(),
        Cell::Other(d) => d.clone(),
    }
}

/// The text at a header position with where it comes from: the cell itself,
/// or the first cell of the merged region it lies in.
fn at(grid: &Grid, row: usize, col: usize) -> Option<Source> {
    let (r, c, name) = match grid.merge_of(row, col) {
        Some(((r0, c0), (r1, c1))) => (
            r0,
            c0,
            if (r0, c0) == (r1, c1) {
                grid.name(r0, c0)
            } else {
                format!("{}:{}", grid.name(r0, c0), grid.name(r1, c1))
            },
        ),
        None => (row, col, grid.name(row, col)),
    };
    let text = shown(grid.get(r, c));
    (!text.is_empty()).then_some(Source { cell: name, text })
}

/// Whether (row, col) is covered by the same merged region as the cell above.
fn merged_with_above(grid: &Grid, row: usize, col: usize) -> bool {
    row > 0 && grid.merge_of(row, col).is_some_and(|((r0, _), _)| r0 < row)
}

/// Finds the header in the first rows: the first row that names a metric,
/// read with the row under it when that row says 目标 / 完成 / 完成率 under
/// the metrics' names.
pub fn find(grid: &Grid, metrics: &HashMap<String, usize>) -> Option<Header> {
    let width = grid.width();
    for r in 0..grid.rows.len().min(HEADER_SCAN) {
        let one: Vec<Column> = (0..width)
            .map(|c| {
                let from: Vec<Source> = at(grid, r, c).into_iter().collect();
                let role = from
                    .first()
                    .map_or(Role::Unknown, |s| role(&s.text, metrics));
                Column { role, from }
            })
            .collect();
        if !one
            .iter()
            .any(|c| matches!(c.role, Role::Metric(..) | Role::Marks(..) | Role::Judge(_)))
        {
            continue;
        }
        if let Some(two) = two_level(grid, r, metrics) {
            return Some(two);
        }
        return Some(Header {
            rows: (r, r),
            columns: one,
        });
    }
    None
}

/// Reads rows `r` and `r + 1` as a two-level header, if row `r + 1` has a
/// target/actual/computed word, or a judge (评委1, 2号评委), under a
/// metric's name.
fn two_level(grid: &Grid, r: usize, metrics: &HashMap<String, usize>) -> Option<Header> {
    let lower_row = r + 1;
    if lower_row >= grid.rows.len() {
        return None;
    }
    let width = grid.width();
    let mut columns = Vec::with_capacity(width);
    let mut any = false;
    // The last name seen in the upper row, for blank continuation cells.
    let mut carried: Option<Source> = None;
    for c in 0..width {
        let lower = if merged_with_above(grid, lower_row, c) {
            None
        } else {
            at(grid, lower_row, c)
        };
        let word = lower.as_ref().and_then(|l| sub(&l.text));
        let judge_no = lower.as_ref().and_then(|l| judge(&normalize(&l.text)));
        let upper = match at(grid, r, c) {
            Some(u) => {
                carried = Some(u.clone());
                Some(u)
            }
            // A blank over a word continues the name to its left (CSV,
            // or a workbook saved without the merge).
            None if word.is_some() || judge_no.is_some() => carried.clone(),
            None => {
                carried = None;
                None
            }
        };
        let metric = upper.as_ref().and_then(|u| metric_of(&u.text, metrics));
        let column = match (upper, metric, lower, word) {
            (Some(u), Some(mi), Some(l), Some(w)) => {
                any = true;
                let role = match w {
                    Sub::Target => Role::Metric(mi, Field::Target),
                    Sub::Actual => Role::Metric(mi, Field::Actual),
                    Sub::Computed => Role::Computed,
                };
                Column {
                    role,
                    from: vec![u, l],
                }
            }
            // A judge under a metric's name (现场路演 merged over 评委1 …).
            (Some(u), Some(mi), Some(l), None) if let Some(n) = judge_no => {
                any = true;
                Column {
                    role: Role::Marks(mi, n),
                    from: vec![u, l],
                }
            }
            // A word under something that is not a metric: a column of
            // another table's (利润 / 目标), known to be nothing here.
            (Some(u), None, Some(l), Some(_)) => Column {
                role: Role::Unknown,
                from: vec![u, l],
            },
            // A name under a group heading (主要指标 over 协议引资额 …).
            (u, _, Some(l), None) => {
                let joined = u.as_ref().map(|u| format!("{}{}", u.text, l.text));
                let role = match role(&l.text, metrics) {
                    Role::Unknown => joined.map_or(Role::Unknown, |j| role(&j, metrics)),
                    found => found,
                };
                Column {
                    role,
                    from: u.into_iter().chain([l]).collect(),
                }
            }
            // Nothing under it (or the same merged cell): the upper cell alone.
            (Some(u), _, None, _) => Column {
                role: role(&u.text, metrics),
                from: vec![u],
            },
            (None, _, l, _) => Column {
                role: Role::Unknown,
                from: l.into_iter().collect(),
            },
        };
        columns.push(column);
    }
    any.then_some(Header {
        rows: (r, lower_row),
        columns,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn metrics() -> HashMap<String, usize> {
        let mut m = HashMap::new();
        m.insert("协议引资额".to_owned(), 0);
        m.insert("新签约项目".to_owned(), 1);
        m
    }

    fn roles(h: &Header) -> Vec<Role> {
        h.columns.iter().map(|c| c.role).collect()
    }

    #[test]
    fn blank_continuation_cells_carry_the_metric_name() {
        let g = Grid::from_texts(&[
            &["某某县招商引资完成情况统计表"],
            &["填报单位：县商务局"],
            &[
                "序号",
                "单位",
                "协议引资额（亿元）",
                "",
                "",
                "新签约项目（个）",
                "",
            ],
            &["", "", "目标", "完成", "完成率", "全年任务", "累计完成"],
            &["1", "东湖镇", "20", "9", "45%", "4", "3"],
        ]);
        let h = find(&g, &metrics()).unwrap();
        assert_eq!(h.rows, (2, 3));
        assert_eq!(
            roles(&h),
            [
                Role::Computed,
                Role::UnitName,
                Role::Metric(0, Field::Target),
                Role::Metric(0, Field::Actual),
                Role::Computed,
                Role::Metric(1, Field::Target),
                Role::Metric(1, Field::Actual),
            ]
        );
        let from: Vec<&str> = h.columns[3].from.iter().map(|s| s.cell.as_str()).collect();
        assert_eq!(from, ["C3", "D4"]);
    }

    #[test]
    fn merged_cells_name_their_region() {
        let mut g = Grid::from_texts(&[
            &["单位", "协议引资额", "", "新签约项目"],
            &["", "目标", "完成", ""],
            &["东湖镇", "20", "9", "3"],
        ]);
        g.merged = vec![((0, 0), (1, 0)), ((0, 1), (0, 2)), ((0, 3), (1, 3))];
        let h = find(&g, &metrics()).unwrap();
        assert_eq!(
            roles(&h),
            [
                Role::UnitName,
                Role::Metric(0, Field::Target),
                Role::Metric(0, Field::Actual),
                Role::Metric(1, Field::Actual),
            ]
        );
        assert_eq!(h.columns[2].from[0].cell, "B1:C1");
        assert_eq!(h.columns[3].from.len(), 1);
    }

    #[test]
    fn judges_under_a_metrics_merged_name_are_its_marks() {
        let mut m = metrics();
        m.insert("现场路演".to_owned(), 2);
        // A workbook: the name merged over its judges' columns.
        let mut g = Grid::from_texts(&[
            &["单位", "现场路演", "", "", "新签约项目"],
            &["", "评委1", "2号评委", "评委3", ""],
            &["东湖镇", "90", "92", "88", "3"],
        ]);
        g.merged = vec![((0, 0), (1, 0)), ((0, 1), (0, 3)), ((0, 4), (1, 4))];
        let want = [
            Role::UnitName,
            Role::Marks(2, 1),
            Role::Marks(2, 2),
            Role::Marks(2, 3),
            Role::Metric(1, Field::Actual),
        ];
        let h = find(&g, &m).unwrap();
        assert_eq!(h.rows, (0, 1));
        assert_eq!(roles(&h), want);
        assert_eq!(h.columns[2].from[0].cell, "B1:D1");
        assert_eq!(h.columns[2].from[1].cell, "C2");
        // The same as CSV: the merge gone, blanks continue the name.
        g.merged.clear();
        let h = find(&g, &m).unwrap();
        assert_eq!(h.rows, (0, 1));
        assert_eq!(roles(&h), want);
        assert_eq!(h.columns[3].from[0].cell, "B1");
    }

    #[test]
    fn a_one_level_header_stays_one_level() {
        let g = Grid::from_texts(&[&["单位", "协议引资额", "新签约项目"], &["东湖镇", "9", "3"]]);
        let h = find(&g, &metrics()).unwrap();
        assert_eq!(h.rows, (0, 0));
        assert_eq!(
            roles(&h),
            [
                Role::UnitName,
                Role::Metric(0, Field::Actual),
                Role::Metric(1, Field::Actual)
            ]
        );
    }
}
