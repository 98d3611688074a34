//! The seating as a list (Tab, or when the grid cannot fit): every seat,
//! zone by zone, then the units without one. It has a row per unit and the
//! screen shows a few dozen: a frame builds only the rows in its window,
//! and the columns' widths, which the table takes from its widest cell over
//! every row, are measured once per data change (the app's
//! [`crate::app::frames::Frames`]). The texts come from
//! [`crate::app::frames::seating_list`], the styles from here.

use std::borrow::Cow;

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::style::Style;

use super::ZoneView;
use crate::app::frames::seating_list::{Kind, Source, places, texts, total};
use crate::ui::view::View;
use crate::ui::widgets::line::Window;
use crate::ui::widgets::table::{Align, Column, Row, Table};
use crate::words::labels::{
    MORE_ROWS, SEATING_PERSON, SEATING_ROW_HEADER, SEATING_SEAT_HEADER, SEATING_ZONE, UNIT,
};

/// Every seat, zone by zone, then the units without one, as a scrolled table.
pub(super) fn draw(v: &View, zones: &[ZoneView], area: Rect, buf: &mut Buffer) {
    if area.is_empty() {
        return;
    }
    let t = v.theme;
    let lang = v.lang;
    let src = Source {
        snapshot: v.snapshot,
        standings: v.standings,
        seating: v.seating,
        unzoned: v.unzoned,
        twins: v.twins,
        lang,
    };
    let labels: Vec<Cow<str>> = zones.iter().map(|z| z.label.clone()).collect();
    let total = total(&src);
    let room = usize::from(area.height).saturating_sub(1);
    let win = Window::new(total, room, v.pane.scroll);
    let mut rows: Vec<Row> = places(&src)
        .skip(win.start)
        .take(win.len)
        .map(|p| {
            let (texts, u, card) = texts(&src, &labels, p);
            let zone_card = zones.get(p.zone).map_or(card, |z| z.card);
            let styles: [Style; 5] = match p.kind {
                Kind::Seat => [
                    v.badge(zone_card),
                    t.muted,
                    t.muted,
                    v.name_style(u, v.bar(zone_card)),
                    t.base,
                ],
                Kind::Overflow => [v.badge(zone_card), t.alarm, t.muted, t.alarm, t.alarm],
                Kind::Standing | Kind::Unzoned => {
                    [v.badge(zone_card), t.warning, t.muted, t.warning, t.warning]
                }
            };
            Row::styled(texts, styles)
        })
        .collect();
    if win.hidden > 0 {
        let widest = v.frames.seating_widest(&src);
        rows.push(Row::widest(widest.iter().map(|(_, text)| text.as_str())));
    }
    let table = Table {
        columns: vec![
            Column::keep(SEATING_ZONE.get(lang), Align::Left).max(12),
            Column::keep(SEATING_ROW_HEADER.get(lang), Align::Right),
            Column::keep(SEATING_SEAT_HEADER.get(lang), Align::Right),
            Column::flex(UNIT.get(lang), 40),
            // On a narrow screen the people give way before the units' names
            // are cut to nothing.
            Column::optional(SEATING_PERSON.get(lang), Align::Left, 1).max(48),
        ],
        rows,
        header_style: t.muted,
    };
    // The rows are the window's alone (and the widest, never drawn).
    table.render_window(area, buf, 0, win, (MORE_ROWS, lang), t.muted);
}
