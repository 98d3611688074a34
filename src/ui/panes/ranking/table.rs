//! The ranking table: rank (and its change since the last meeting, given a
//! history), composite or the metric's figures, completion, the gaps to the
//! first and to the unit above, the tier and why (with its streak and what
//! follows it: `连续 2 次黄牌 → 分管副市长约谈`).

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;

use super::{Focus, Order, Subject};
use crate::i18n::{num, pct};
use crate::model::explain::explain;
use crate::model::shown::{composite_gaps, metric_gaps};
use crate::model::{Card, Metric, MetricKind};
use crate::ui::view::View;
use crate::ui::widgets::figures::{behind, behind_points};
use crate::ui::widgets::table::{Align, Cell, Column, Row, Table};
use crate::words::labels::{
    ACTUAL, CARD, COMPLETION, GAP_ABOVE, GAP_ABOVE_PP, GAP_FIRST, GAP_FIRST_PP, MORE_UNITS,
    NONE_DASH, RANK, RANKING_BASIS, TARGET, UNIT, UNRANKED,
};
use crate::words::tier_labels::{CHANGE, GAP_ABOVE_PTS, GAP_FIRST_PTS, rank_change, streak_note};

/// A metric figure with its unit, at the metric's precision.
fn figure(m: &Metric, x: f64) -> String {
    format!("{}{}", num(x, m.decimals), m.unit)
}

fn card_cell(v: &View, card: Card) -> Cell {
    let text = match card {
        Card::NONE => "",
        c => v.tier_label(c),
    };
    Cell::new(text, v.badge(card))
}

fn build(v: &View, f: &Focus) -> Table {
    let t = v.theme;
    let lang = v.lang;
    let dash = NONE_DASH.get(lang);
    // The rank's change against the last meeting: the composite's rank only.
    let history = !v.snapshot.history.is_empty() && f.subject == Subject::Composite;
    let mut columns = vec![Column::keep(RANK.get(lang), Align::Right)];
    if history {
        columns.push(Column::keep(CHANGE.get(lang), Align::Left));
    }
    columns.push(Column::flex(UNIT.get(lang), 24));
    // The composite view also lists each weighted metric's completion, as
    // room allows (later metrics give way first).
    let weighted: Vec<(usize, &Metric)> = v
        .snapshot
        .metrics
        .iter()
        .enumerate()
        .filter(|(_, m)| m.weight > 0.0)
        .collect();
    // Under points the 加分 and 扣分 items make the score too.
    let adjustments: Vec<(usize, &Metric)> = v
        .snapshot
        .metrics
        .iter()
        .enumerate()
        .filter(|(_, m)| v.points() && matches!(m.kind, MetricKind::Bonus | MetricKind::Deduction))
        .collect();
    let metric = f.metric(v);
    let members = &f.group.members;
    let any_card = members.iter().any(|&u| {
        let us = &v.standings.units[u];
        us.card != Card::NONE || us.source == crate::model::CardSource::Decision
    });
    let any_target = match f.subject {
        Subject::Metric(mi) => members.iter().any(|&u| {
            v.snapshot.units[u]
                .targets
                .get(mi)
                .is_some_and(Option::is_some)
        }),
        Subject::Composite => true,
    };
    match metric {
        None => {
            columns.push(Column::keep(v.composite_label(), Align::Right));
            for (k, (_, m)) in weighted.iter().chain(&adjustments).enumerate() {
                let drop = 10u8.saturating_add(u8::try_from(k).unwrap_or(u8::MAX));
                columns.push(Column::optional(m.name.clone(), Align::Right, drop).max(12));
            }
        }
        Some(_) => {
            columns.push(Column::keep(ACTUAL.get(lang), Align::Right));
            if any_target {
                columns.push(Column::optional(TARGET.get(lang), Align::Right, 5));
            }
            if f.completion {
                columns.push(Column::keep(COMPLETION.get(lang), Align::Right));
            }
        }
    }
    // Between composites the gaps are percentage points, and say so.
    // Between scores they are points (分).
    let (first_head, above_head) = match metric {
        None if v.points() => (GAP_FIRST_PTS, GAP_ABOVE_PTS),
        None => (GAP_FIRST_PP, GAP_ABOVE_PP),
        Some(_) => (GAP_FIRST, GAP_ABOVE),
    };
    columns
        .push(Column::optional(first_head.get(lang), Align::Right, 3).short(GAP_FIRST.get(lang)));
    columns
        .push(Column::optional(above_head.get(lang), Align::Right, 4).short(GAP_ABOVE.get(lang)));
    // Without a card in the group (no targets, no decisions), a column of
    // blanks and of "无考核目标" says nothing row after row.
    if any_card {
        columns.push(Column::optional(CARD.get(lang), Align::Left, 2));
        columns.push(Column::optional(RANKING_BASIS.get(lang), Align::Left, 20).max(48));
    }

    let rows = f
        .order(Order::Value)
        .into_iter()
        .map(|u| {
            let us = &v.standings.units[u];
            let name = Cell::new(v.snapshot.units[u].name.as_str(), v.name_style(u, t.base));
            let mut cells = Vec::with_capacity(columns.len());
            match (f.subject, metric) {
                (Subject::Metric(mi), Some(m)) => {
                    let ms = us.metrics.get(mi).copied().unwrap_or_default();
                    let has = ms.actual.is_some() || ms.target.is_some();
                    cells.push(Cell::new(
                        ms.rank.map_or_else(|| dash.to_owned(), |r| r.to_string()),
                        t.muted,
                    ));
                    cells.push(name);
                    let actual = if has {
                        figure(m, ms.value())
                    } else {
                        dash.to_owned()
                    };
                    cells.push(Cell::new(actual, t.base));
                    if any_target {
                        let target = ms.target.map_or_else(|| dash.to_owned(), |x| figure(m, x));
                        cells.push(Cell::new(target, t.muted));
                    }
                    if f.completion {
                        let c = ms.completion.map_or_else(|| dash.to_owned(), pct);
                        cells.push(Cell::new(c, v.bar(us.card)));
                    }
                    // From the values as printed: the room's subtraction.
                    let (first, above) = metric_gaps(v.snapshot, v.standings, u, mi);
                    cells.push(Cell::new(
                        behind(ms.rank, first, |g| figure(m, g), dash),
                        t.base,
                    ));
                    cells.push(Cell::new(
                        behind(ms.rank, above, |g| figure(m, g), dash),
                        t.base,
                    ));
                }
                _ => {
                    cells.push(Cell::new(
                        us.rank.map_or_else(|| dash.to_owned(), |r| r.to_string()),
                        t.muted,
                    ));
                    if history {
                        let change = match us.rank {
                            Some(_) => rank_change(us.trend.rank_change, lang),
                            None => String::new(),
                        };
                        cells.push(Cell::new(change, t.muted));
                    }
                    cells.push(name);
                    let composite = us
                        .composite
                        .map_or_else(|| UNRANKED.get(lang).to_owned(), |c| v.composite(c));
                    cells.push(Cell::new(composite, v.bar(us.card)));
                    for (mi, _) in &weighted {
                        let c = us.metrics.get(*mi).and_then(|m| m.completion);
                        cells.push(Cell::new(c.map_or_else(|| dash.to_owned(), pct), t.base));
                    }
                    for (mi, m) in &adjustments {
                        let a = us.metrics.get(*mi).and_then(|m| m.actual);
                        let sign = if m.kind == MetricKind::Bonus {
                            "+"
                        } else {
                            "-"
                        };
                        let text = match a {
                            Some(x) if x != 0.0 => format!("{sign}{}", num(x, m.decimals)),
                            _ => dash.to_owned(),
                        };
                        cells.push(Cell::new(text, t.base));
                    }
                    let (first, above) = composite_gaps(v.snapshot, v.standings, u);
                    cells.push(Cell::new(behind_points(us.rank, first, dash), t.base));
                    cells.push(Cell::new(behind_points(us.rank, above, dash), t.base));
                }
            }
            if !any_card {
                return Row::new(cells);
            }
            cells.push(card_cell(v, us.card));
            let why =
                explain(v.snapshot, v.standings, u, lang) + &streak_note(v.snapshot, us, lang);
            cells.push(Cell::new(why, t.muted));
            Row::new(cells)
        })
        .collect();
    Table {
        columns,
        rows,
        header_style: t.muted,
    }
}

/// Draws the table in `area` (below the pane's title).
pub(super) fn draw(v: &View, f: &Focus, area: Rect, buf: &mut Buffer) {
    let table = build(v, f);
    table.render_scrolled(
        area,
        buf,
        v.pane.scroll,
        (MORE_UNITS, v.lang),
        v.theme.muted,
    );
}
