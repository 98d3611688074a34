//! The current speaker's scorecard: composite and each metric (target,
//! actual, completion, pace, rank in group, gap to the first), then the
//! unit's projects, the overdue ones first and marked.

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;

use crate::i18n::{num, pct};
use crate::model::shown::{composite_gaps, metric_gaps};
use crate::model::{Metric, Stage};
use crate::ui::draw::put;
use crate::ui::view::View;
use crate::ui::widgets::figures::{behind, behind_points, investment_decimals, pace_points};
use crate::ui::widgets::line::count;
use crate::ui::widgets::table::{Align, Cell, Column, Row, Table};
use crate::words::labels::{
    self, ACTUAL, COMPLETION, COMPOSITE, GAP_FIRST, MORE_PROJECTS, NONE_DASH, PROJECTS_INVESTMENT,
    PROJECTS_NOTE, PROJECTS_STATUS, RANK, SPEAKERS_LATE, SPEAKERS_METRIC, SPEAKERS_NO_PROJECTS,
    SPEAKERS_PACE, SPEAKERS_PROJECTS, SPEAKERS_STAGE, TARGET,
};
use crate::words::labels::{POINTS, SPEAKERS_PACE_SHORT};

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
    let pace = |c: Option<f64>| match c {
        Some(c) => {
            let (text, ahead) = pace_points(c, p);
            Cell::new(text, if ahead { t.good } else { t.alarm })
        }
        None => Cell::new(dash, t.muted),
    };
    let rank =
        |r: Option<u32>, of: usize| r.map_or_else(|| dash.to_owned(), |r| format!("{r}/{of}"));
    let mut rows = vec![Row::new(vec![
        Cell::new(COMPOSITE.get(lang), t.title),
        Cell::new(dash, t.muted),
        Cell::new(dash, t.muted),
        Cell::new(
            us.composite
                .map_or_else(|| labels::UNRANKED.get(lang).to_owned(), pct),
            t.bar(us.card),
        ),
        pace(us.composite),
        Cell::new(rank(us.rank, group.map_or(0, |g| g.ranked)), t.base),
        // Between composites: percentage points, said in the cell (the
        // column holds the metrics' own units below).
        Cell::new(
            match composite_gaps(v.snapshot, v.standings, unit).0 {
                first @ Some(_) if us.rank != Some(1) => {
                    format!(
                        "{}{}",
                        behind_points(us.rank, first, dash),
                        POINTS.get(lang)
                    )
                }
                _ => dash.to_owned(),
            },
            t.base,
        ),
    ])];
    for (mi, m) in v.snapshot.metrics.iter().enumerate() {
        let Some(ms) = us.metrics.get(mi) else {
            continue;
        };
        if ms.actual.is_none() && ms.target.is_none() {
            continue;
        }
        let of = group.and_then(|g| g.by_metric.get(mi)).map_or(0, Vec::len);
        rows.push(Row::new(vec![
            Cell::new(m.name.as_str(), t.base),
            Cell::new(
                ms.target.map_or_else(|| dash.to_owned(), |x| figure(m, x)),
                t.muted,
            ),
            Cell::new(figure(m, ms.value()), t.base),
            Cell::new(
                ms.completion.map_or_else(|| dash.to_owned(), pct),
                t.bar(us.card),
            ),
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
    if us.metrics.iter().all(|m| m.target.is_none()) && us.composite.is_none() {
        let keep = [0, 2, 5, 6];
        let pick = |mut cells: Vec<Cell>| -> Vec<Cell> {
            let mut k = 0;
            cells.retain(|_| {
                k += 1;
                keep.contains(&(k - 1))
            });
            cells
        };
        let mut k = 0;
        let mut columns = columns;
        columns.retain(|_| {
            k += 1;
            keep.contains(&(k - 1))
        });
        return Table {
            columns,
            rows: rows
                .into_iter()
                .skip(1)
                .map(|r| Row::new(pick(r.cells)))
                .collect(),
            header_style: t.muted,
        };
    }
    Table {
        columns,
        rows,
        header_style: t.muted,
    }
}

fn projects_table(v: &View, unit: usize) -> Table {
    let t = v.theme;
    let lang = v.lang;
    let dash = NONE_DASH.get(lang);
    // The overdue first, latest first as the model sorts them; then the rest
    // in the snapshot's order.
    let late: Vec<(usize, i64)> = v
        .standings
        .overdue
        .iter()
        .filter(|o| {
            v.snapshot
                .projects
                .get(o.project)
                .is_some_and(|p| p.unit == unit)
        })
        .map(|o| (o.project, o.days_late))
        .collect();
    let rest = v
        .snapshot
        .projects
        .iter()
        .enumerate()
        .filter(|(i, p)| p.unit == unit && !late.iter().any(|(k, _)| k == i))
        .map(|(i, _)| (i, -1));
    let listed: Vec<(&crate::model::Project, i64)> = late
        .iter()
        .copied()
        .chain(rest)
        .filter_map(|(i, days)| v.snapshot.projects.get(i).map(|p| (p, days)))
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
    let used = (1 + metrics.rows.len()).min(h);
    metrics.render(
        Rect {
            height: used as u16,
            ..area
        },
        buf,
        0,
    );
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
