//! The current speaker's scorecard: composite and each metric (target,
//! actual, completion, pace, rank in group, gap to the first; under points
//! the score against the full mark, 加分/扣分 signed, a veto said), the
//! judges' marks of a judged metric, the composite over the last meetings
//! (a sparkline), then the unit's projects, the overdue ones first and
//! marked.

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;

use crate::i18n::{num, pct};
use crate::model::shown::{composite_gaps, metric_gaps};
use crate::model::{Metric, MetricKind, Stage, dropped_marks};
use crate::ui::draw::put;
use crate::ui::view::View;
use crate::ui::widgets::figures::{behind, behind_points, investment_decimals, pace_points};
use crate::ui::widgets::line::{count, spans};
use crate::ui::widgets::table::{Align, Cell, Column, Row, Table};
use crate::words::labels::{
    self, ACTUAL, COMPLETION, GAP_FIRST, MORE_PROJECTS, NONE_DASH, PROJECTS_INVESTMENT,
    PROJECTS_NOTE, PROJECTS_STATUS, RANK, SPEAKERS_LATE, SPEAKERS_METRIC, SPEAKERS_NO_PROJECTS,
    SPEAKERS_PACE, SPEAKERS_PROJECTS, SPEAKERS_STAGE, TARGET,
};
use crate::words::labels::{POINTS, SPEAKERS_PACE_SHORT};
use crate::words::tier_labels::{
    MARKS_DROPPED, MARKS_HEAD, POINTS_UNIT, TREND, VETOED, rank_change,
};
use ratatui::style::Style;

fn figure(m: &Metric, x: f64) -> String {
    format!("{}{}", num(x, m.decimals), m.unit)
}

fn metrics_table(v: &View, unit: usize) -> Table {
    let t = v.theme;
    let lang = v.lang;
    let dash = NONE_DASH.get(lang);
    let us = &v.standings.units[unit];
    let group = v.standings.groups.get(v.snapshot.units[unit].group_index);
    let p = v.standings.time_progress;
    let points = v.points();
    let pace = |c: Option<f64>| match c {
        Some(c) => {
            let (text, ahead) = pace_points(c, p);
            Cell::new(text, if ahead { t.good } else { t.alarm })
        }
        None => Cell::new(dash, t.muted),
    };
    let rank =
        |r: Option<u32>, of: usize| r.map_or_else(|| dash.to_owned(), |r| format!("{r}/{of}"));
    // The composite's rank with its change since the last meeting: `3/6 ↑2`.
    let composite_rank = match (us.rank, v.snapshot.history.is_empty()) {
        (Some(_), false) => format!(
            "{} {}",
            rank(us.rank, group.map_or(0, |g| g.ranked)),
            rank_change(us.trend.rank_change, lang)
        ),
        _ => rank(us.rank, group.map_or(0, |g| g.ranked)),
    };
    // Between composites: percentage points (or 分), said in the cell (the
    // column holds the metrics' own units below).
    let gap_unit = if points {
        POINTS_UNIT.get(lang)
    } else {
        POINTS.get(lang)
    };
    let gap = match composite_gaps(v.snapshot, v.standings, unit).0 {
        first @ Some(_) if us.rank != Some(1) => {
            format!("{}{gap_unit}", behind_points(us.rank, first, dash))
        }
        _ => dash.to_owned(),
    };
    let score = us
        .composite
        .map_or_else(|| labels::UNRANKED.get(lang).to_owned(), |c| v.composite(c));
    // Under points the score sits under 完成 against the full mark.
    let full_mark: f64 = v
        .snapshot
        .metrics
        .iter()
        .filter(|m| m.kind == MetricKind::Score && m.weight > 0.0)
        .map(|m| m.weight)
        .sum();
    let composite_row = if points {
        vec![
            Cell::new(v.composite_label(), t.title),
            Cell::new(v.composite(full_mark), t.muted),
            Cell::new(score, v.bar(us.card)),
            Cell::new(dash, t.muted),
            Cell::new(dash, t.muted),
            Cell::new(composite_rank, t.base),
            Cell::new(gap, t.base),
        ]
    } else {
        vec![
            Cell::new(v.composite_label(), t.title),
            Cell::new(dash, t.muted),
            Cell::new(dash, t.muted),
            Cell::new(score, v.bar(us.card)),
            pace(us.composite),
            Cell::new(composite_rank, t.base),
            Cell::new(gap, t.base),
        ]
    };
    let mut rows = vec![Row::new(composite_row)];
    for (mi, m) in v.snapshot.metrics.iter().enumerate() {
        let Some(ms) = us.metrics.get(mi) else {
            continue;
        };
        if ms.actual.is_none() && ms.target.is_none() {
            continue;
        }
        let of = group.and_then(|g| g.by_metric.get(mi)).map_or(0, Vec::len);
        let vetoes = us.veto == Some(mi);
        let (actual, actual_style) = match m.kind {
            MetricKind::Bonus => (format!("+{}", figure(m, ms.value())), t.base),
            MetricKind::Deduction if ms.value() != 0.0 => {
                (format!("-{}", figure(m, ms.value())), t.base)
            }
            _ if vetoes => (figure(m, ms.value()), t.alarm),
            _ => (figure(m, ms.value()), t.base),
        };
        let completion = if vetoes {
            Cell::new(VETOED.get(lang), t.alarm)
        } else {
            Cell::new(
                ms.completion.map_or_else(|| dash.to_owned(), pct),
                v.bar(us.card),
            )
        };
        rows.push(Row::new(vec![
            Cell::new(m.name.as_str(), t.base),
            Cell::new(
                ms.target.map_or_else(|| dash.to_owned(), |x| figure(m, x)),
                t.muted,
            ),
            Cell::new(actual, actual_style),
            completion,
            pace(ms.completion),
            Cell::new(rank(ms.rank, of), t.base),
            Cell::new(
                behind(
                    ms.rank,
                    metric_gaps(v.snapshot, v.standings, unit, mi).0,
                    |g| figure(m, g),
                    dash,
                ),
                t.base,
            ),
        ]));
    }
    let columns = vec![
        Column::flex(SPEAKERS_METRIC.get(lang), 32).shrink_to(10),
        Column::optional(TARGET.get(lang), Align::Right, 5),
        Column::keep(ACTUAL.get(lang), Align::Right),
        Column::keep(COMPLETION.get(lang), Align::Right),
        Column::optional(SPEAKERS_PACE.get(lang), Align::Right, 3)
            .short(SPEAKERS_PACE_SHORT.get(lang)),
        Column::optional(RANK.get(lang), Align::Right, 2),
        Column::optional(GAP_FIRST.get(lang), Align::Right, 4),
    ];
    // A unit without a single target (a bulletin of counts): no composite
    // row of 未排名, no columns of dashes; its figures, ranks and gaps.
    // Under points, no column against time progress.
    let counts = us.metrics.iter().all(|m| m.target.is_none()) && us.composite.is_none();
    let keep: &[usize] = if counts {
        &[0, 2, 5, 6]
    } else if points {
        &[0, 1, 2, 3, 5, 6]
    } else {
        return Table {
            columns,
            rows,
            header_style: t.muted,
        };
    };
    let pick = |cells: Vec<Cell>| -> Vec<Cell> {
        cells
            .into_iter()
            .enumerate()
            .filter(|(k, _)| keep.contains(k))
            .map(|(_, c)| c)
            .collect()
    };
    Table {
        columns: columns
            .into_iter()
            .enumerate()
            .filter(|(k, _)| keep.contains(k))
            .map(|(_, c)| c)
            .collect(),
        rows: rows
            .into_iter()
            .skip(usize::from(counts))
            .map(|r| Row::new(pick(r.cells)))
            .collect(),
        header_style: t.muted,
    }
}

/// The lines under the figures: each judged metric's marks (how many,
/// which the drop removed, the mean used), and the composite over the last
/// meetings as a sparkline with its figures.
fn notes(v: &View, unit: usize) -> Vec<Vec<(String, Style)>> {
    let t = v.theme;
    let lang = v.lang;
    let u = &v.snapshot.units[unit];
    let us = &v.standings.units[unit];
    let mut out = Vec::new();
    for (mi, m) in v.snapshot.metrics.iter().enumerate() {
        let (Some(marks), Some(drop)) = (u.marks(mi), m.judges) else {
            continue;
        };
        let dropped = dropped_marks(marks, drop);
        let mean = us.metrics.get(mi).map_or(0.0, |ms| ms.value());
        let mut line = vec![(
            MARKS_HEAD
                .get(lang)
                .replace("{metric}", &m.name)
                .replace("{n}", &marks.len().to_string())
                .replace("{mean}", &num(mean, m.decimals)),
            t.muted,
        )];
        for (k, (&x, &d)) in marks.iter().zip(&dropped).enumerate() {
            let sep = if k == 0 { "" } else { " " };
            // Brackets, not only the dimmed colour, say it was dropped.
            let (text, style) = if d {
                (format!("{sep}({})", num(x, m.decimals)), t.muted)
            } else {
                (format!("{sep}{}", num(x, m.decimals)), t.base)
            };
            line.push((text, style));
        }
        if dropped.contains(&true) {
            let said = MARKS_DROPPED.get(lang).replace("{d}", &drop.to_string());
            line.push((said, t.muted));
        }
        out.push(line);
    }
    if let Some(line) = trend(v, unit) {
        out.push(line);
    }
    out
}

/// The eighth blocks of a sparkline, lowest first.
const SPARKS: [char; 8] = ['▁', '▂', '▃', '▄', '▅', '▆', '▇', '█'];
/// How many meetings the sparkline shows at most, this one included.
const TREND_PERIODS: usize = 6;

/// `历次 ▃▅█ 61.0% → 70.2% → 75.0%`: the unit's composite at the last
/// meetings and now; none without a history.
fn trend(v: &View, unit: usize) -> Option<Vec<(String, Style)>> {
    let t = v.theme;
    let history = &v.snapshot.history;
    if history.is_empty() {
        return None;
    }
    let past = history.iter().map(|e| {
        e.units
            .get(unit)
            .copied()
            .flatten()
            .and_then(|p| p.composite)
    });
    let mut values: Vec<Option<f64>> = past
        .chain([v.standings.units[unit].composite])
        .filter(|c| c.is_none_or(f64::is_finite))
        .collect();
    let skip = values.len().saturating_sub(TREND_PERIODS);
    values.drain(..skip);
    let known = values.iter().flatten();
    let lo = known.clone().copied().fold(f64::INFINITY, f64::min);
    let hi = known.copied().fold(f64::NEG_INFINITY, f64::max);
    if !lo.is_finite() {
        return None;
    }
    let spark: String = values
        .iter()
        .map(|c| match c {
            None => ' ',
            Some(_) if hi - lo <= f64::EPSILON => SPARKS[3],
            Some(c) => {
                let k = ((c - lo) / (hi - lo) * 7.0).round() as usize;
                SPARKS[k.min(7)]
            }
        })
        .collect();
    let dash = NONE_DASH.get(v.lang);
    let figures: Vec<String> = values
        .iter()
        .map(|c| c.map_or_else(|| dash.to_owned(), |c| v.composite(c)))
        .collect();
    Some(vec![
        (format!("{} ", TREND.get(v.lang)), t.muted),
        (spark, t.accent),
        (format!("  {}", figures.join(" → ")), t.base),
    ])
}

fn projects_table(v: &View, unit: usize) -> Table {
    let t = v.theme;
    let lang = v.lang;
    let dash = NONE_DASH.get(lang);
    // The overdue first, latest first as the model sorts them; then the rest
    // in the snapshot's order: grouped by unit once per data change, when
    // a scorecard is first drawn.
    let all = v.frames.unit_projects(v.snapshot, v.standings);
    let listed: Vec<(&crate::model::Project, i64)> = all
        .of_unit(unit)
        .iter()
        .filter_map(|&(i, days)| v.snapshot.projects.get(i).map(|p| (p, days)))
        .collect();
    // One precision for the investment column.
    let decimals = investment_decimals(listed.iter().filter_map(|(p, _)| p.investment));
    let rows = listed
        .into_iter()
        .map(|(p, days)| {
            let stalled = p.stage == Stage::Stalled;
            let status = if days >= 0 {
                let late = SPEAKERS_LATE.get(lang).replace("{n}", &days.to_string());
                Cell::new(late, t.alarm)
            } else {
                Cell::new("", t.muted)
            };
            Row::new(vec![
                Cell::new(
                    &*p.name,
                    if days >= 0 || stalled {
                        t.alarm
                    } else {
                        t.base
                    },
                ),
                Cell::new(
                    labels::stage(p.stage, lang),
                    if stalled { t.alarm } else { t.muted },
                ),
                Cell::new(
                    p.investment
                        .map_or_else(|| dash.to_owned(), |x| num(x, decimals)),
                    t.base,
                ),
                status,
                Cell::new(p.note.as_deref().unwrap_or(""), t.muted),
            ])
        })
        .collect::<Vec<_>>();
    Table {
        columns: vec![
            Column::flex(count(SPEAKERS_PROJECTS, lang, rows.len()), 80),
            Column::keep(SPEAKERS_STAGE.get(lang), Align::Left),
            Column::optional(PROJECTS_INVESTMENT.get(lang), Align::Right, 3),
            Column::keep(PROJECTS_STATUS.get(lang), Align::Left),
            Column::optional(PROJECTS_NOTE.get(lang), Align::Left, 4).max(30),
        ],
        rows,
        header_style: t.muted,
    }
}

/// Draws the scorecard and the projects below it in `area`.
pub(super) fn draw(v: &View, unit: usize, area: Rect, buf: &mut Buffer) {
    if area.is_empty() {
        return;
    }
    let metrics = metrics_table(v, unit);
    let h = usize::from(area.height);
    let mut used = (1 + metrics.rows.len()).min(h);
    metrics.render(
        Rect {
            height: used as u16,
            ..area
        },
        buf,
        0,
    );
    for line in notes(v, unit) {
        if used >= h {
            return;
        }
        let refs: Vec<(&str, Style)> = line.iter().map(|(s, st)| (s.as_str(), *st)).collect();
        spans(
            buf,
            area,
            area.x,
            area.y + used as u16,
            usize::from(area.width),
            &refs,
        );
        used += 1;
    }
    // A blank line, then the projects if at least their header and one fit.
    let Some(room) = h.checked_sub(used + 1).filter(|r| *r >= 2) else {
        return;
    };
    let top = area.y + used as u16 + 1;
    let projects = projects_table(v, unit);
    if projects.rows.is_empty() {
        let text = format!(
            "{}：{}",
            count(SPEAKERS_PROJECTS, v.lang, 0),
            SPEAKERS_NO_PROJECTS.get(v.lang)
        );
        put(
            buf,
            area,
            area.x,
            top,
            &text,
            usize::from(area.width),
            v.theme.muted,
        );
        return;
    }
    projects.render_scrolled(
        Rect {
            y: top,
            height: room as u16,
            ..area
        },
        buf,
        0,
        (MORE_PROJECTS, v.lang),
        v.theme.muted,
    );
}
