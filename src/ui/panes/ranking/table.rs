//! The ranking table: rank, composite or the metric's figures, completion,
//! the gaps to the first and to the unit above, the card and why.

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;

use super::{Focus, Subject};
use crate::i18n::{num, pct};
use crate::model::explain::{card_name, explain};
use crate::model::{Card, Metric};
use crate::ui::labels::{
    ACTUAL, CARD, COMPLETION, COMPOSITE, GAP_ABOVE, GAP_FIRST, MORE_UNITS, NONE_DASH, RANK,
    RANKING_BASIS, TARGET, UNIT, UNRANKED,
};
use crate::ui::view::View;
use crate::ui::widgets::figures::{behind, behind_pct};
use crate::ui::widgets::table::{Align, Cell, Column, Row, Table};

/// A metric figure with its unit, at the metric's precision.
fn figure(m: &Metric, x: f64) -> String {
    format!("{}{}", num(x, m.decimals), m.unit)
}

fn card_cell(v: &View, card: Card) -> Cell {
    let text = match card {
        Card::NONE => "",
        c => card_name(c, v.lang),
    };
    Cell::new(text, v.theme.card(card))
}

fn build(v: &View, f: &Focus) -> Table {
    let t = v.theme;
    let lang = v.lang;
    let dash = NONE_DASH.get(lang);
    let mut columns = vec![
        Column::keep(RANK.get(lang), Align::Right),
        Column::flex(UNIT.get(lang), 24),
    ];
    // The composite view also lists each weighted metric's completion, as
    // room allows (later metrics give way first).
    let weighted: Vec<(usize, &Metric)> = v
        .snapshot
        .metrics
        .iter()
        .enumerate()
        .filter(|(_, m)| m.weight > 0.0)
        .collect();
    let metric = f.metric(v);
    match metric {
        None => {
            columns.push(Column::keep(COMPOSITE.get(lang), Align::Right));
            for (k, (_, m)) in weighted.iter().enumerate() {
                let drop = 10u8.saturating_add(u8::try_from(k).unwrap_or(u8::MAX));
                columns.push(Column::optional(m.name.clone(), Align::Right, drop).max(12));
            }
        }
        Some(_) => {
            columns.push(Column::keep(ACTUAL.get(lang), Align::Right));
            columns.push(Column::optional(TARGET.get(lang), Align::Right, 5));
            if f.completion {
                columns.push(Column::keep(COMPLETION.get(lang), Align::Right));
            }
        }
    }
    columns.push(Column::optional(GAP_FIRST.get(lang), Align::Right, 3));
    columns.push(Column::optional(GAP_ABOVE.get(lang), Align::Right, 4));
    columns.push(Column::optional(CARD.get(lang), Align::Left, 2));
    columns.push(Column::optional(RANKING_BASIS.get(lang), Align::Left, 20).max(48));

    let rows = f
        .order()
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
                    let target = ms.target.map_or_else(|| dash.to_owned(), |x| figure(m, x));
                    cells.push(Cell::new(target, t.muted));
                    if f.completion {
                        let c = ms.completion.map_or_else(|| dash.to_owned(), pct);
                        cells.push(Cell::new(c, t.bar(us.card)));
                    }
                    cells.push(Cell::new(
                        behind(ms.rank, ms.gap_first, |g| figure(m, g), dash),
                        t.base,
                    ));
                    cells.push(Cell::new(
                        behind(ms.rank, ms.gap_above, |g| figure(m, g), dash),
                        t.base,
                    ));
                }
                _ => {
                    cells.push(Cell::new(
                        us.rank.map_or_else(|| dash.to_owned(), |r| r.to_string()),
                        t.muted,
                    ));
                    cells.push(name);
                    let composite = us
                        .composite
                        .map_or_else(|| UNRANKED.get(lang).to_owned(), pct);
                    cells.push(Cell::new(composite, t.bar(us.card)));
                    for (mi, _) in &weighted {
                        let c = us.metrics.get(*mi).and_then(|m| m.completion);
                        cells.push(Cell::new(c.map_or_else(|| dash.to_owned(), pct), t.base));
                    }
                    cells.push(Cell::new(behind_pct(us.rank, us.gap_first, dash), t.base));
                    cells.push(Cell::new(behind_pct(us.rank, us.gap_above, dash), t.base));
                }
            }
            cells.push(card_cell(v, us.card));
            cells.push(Cell::new(
                explain(v.snapshot, v.standings, u, lang),
                t.muted,
            ));
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
