//! The seating pane (座次): the red and the yellow zone as seat grids, best
//! ranked first, with the unit and the person in every seat; units that found
//! no seat are listed, never dropped. Tab switches to a list (zone, row,
//! seat, unit, person), which is also shown when the grid cannot fit.

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::style::Style;
use ratatui::widgets::Widget;

use crate::model::Card;
use crate::model::order::{Seat, SeatedZone, sitters};
use crate::ui::draw::put;
use crate::ui::labels::{
    MORE_ROWS, RED_ZONE, SEATING_AS_LIST, SEATING_EMPTY, SEATING_NO_ZONES, SEATING_OTHER_ZONE,
    SEATING_OVERFLOW, SEATING_OVERFLOW_COUNT, SEATING_PERSON, SEATING_ROW, SEATING_ROW_HEADER,
    SEATING_ROWS, SEATING_SEAT_HEADER, SEATING_SEATS, SEATING_ZONE, UNIT, YELLOW_ZONE,
};
use crate::ui::view::View;
use crate::ui::widgets::line::{centered, cols, count, spans, wrap};
use crate::ui::widgets::table::{Align, Cell, Column, Row, Table};

mod room;

/// Draws the seating pane from a borrowed view.
pub struct SeatingPane<'a>(pub &'a View<'a>);

/// The narrowest seat: two CJK characters and an ellipsis.
const MIN_CELL: usize = 6;
/// The widest seat, so a few seats on a wide screen still look like seats.
const MAX_CELL: usize = 20;
/// Columns between seats.
const GAP: usize = 1;
/// Separates overflowing unit names.
const SEP: &str = "、";

/// A zone as drawn: its card, name and shape, resolved once.
struct ZoneView<'a> {
    seated: &'a SeatedZone,
    card: Card,
    label: &'a str,
    rows: usize,
    seats_per_row: usize,
}

fn zones<'a>(v: &'a View<'a>) -> Vec<ZoneView<'a>> {
    v.seating
        .iter()
        .map(|seated| {
            // The seating comes from this snapshot; should it not, the seats
            // are still shown, in a zone shaped by the seats themselves.
            let zone = v.snapshot.seating.get(seated.zone);
            let card = zone.map_or(Card::NONE, |z| z.card);
            let label = match zone.map(|z| z.label.as_str()) {
                Some(l) if !l.trim().is_empty() => l,
                _ => match card {
                    Card::RED => RED_ZONE.get(v.lang),
                    Card::YELLOW => YELLOW_ZONE.get(v.lang),
                    _ => SEATING_OTHER_ZONE.get(v.lang),
                },
            };
            let span = |f: fn(&Seat) -> u32| {
                seated
                    .seats
                    .iter()
                    .map(|s| f(s) as usize + 1)
                    .max()
                    .unwrap_or(1)
            };
            ZoneView {
                seated,
                card,
                label,
                rows: zone.map_or_else(|| span(|s| s.row), |z| z.rows as usize),
                seats_per_row: zone.map_or_else(|| span(|s| s.seat), |z| z.seats_per_row as usize),
            }
        })
        .collect()
}

impl Widget for SeatingPane<'_> {
    fn render(self, area: Rect, buf: &mut Buffer) {
        let v = self.0;
        if area.is_empty() {
            return;
        }
        let zones = zones(v);
        if zones.is_empty() {
            centered(buf, area, SEATING_NO_ZONES.get(v.lang), v.theme.muted);
            return;
        }
        if v.pane.tab % 2 == 1 {
            list(v, &zones, area, buf);
            return;
        }
        // A large screen shows the room itself.
        if let Some(room) = room::Room::fit(v, &zones, area) {
            room.draw(v, &zones, area, buf);
            return;
        }
        match Grid::fit(v, &zones, area) {
            Some(grid) => grid.draw(v, &zones, area, buf),
            None => {
                put(
                    buf,
                    area,
                    area.x,
                    area.y,
                    SEATING_AS_LIST.get(v.lang),
                    usize::from(area.width),
                    v.theme.warning,
                );
                let rest = Rect {
                    y: area.y + 1,
                    height: area.height - 1,
                    ..area
                };
                list(v, &zones, rest, buf);
            }
        }
    }
}

/// How one zone's grid is laid out.
struct ZoneGrid {
    /// Rows shown: up to the last occupied one (at least one).
    rows: usize,
    /// Width of the "第1排" labels (0 when there is no room for them).
    label: usize,
    cell: usize,
    /// The overflow line(s), already wrapped.
    overflow: Vec<String>,
}

impl ZoneGrid {
    fn height(&self) -> usize {
        1 + 2 * self.rows + self.overflow.len()
    }
}

/// The whole grid, when it fits.
struct Grid {
    zones: Vec<ZoneGrid>,
    /// A blank line between zones.
    spaced: bool,
}

fn row_label(v: &View, r: usize) -> String {
    SEATING_ROW.get(v.lang).replace("{n}", &(r + 1).to_string())
}

fn overflow_prefix(v: &View) -> String {
    format!("{}：", SEATING_OVERFLOW.get(v.lang))
}

impl Grid {
    /// The grid's layout, or `None` when a seat would be narrower than
    /// [`MIN_CELL`] or the zones do not fit the height.
    fn fit(v: &View, zones: &[ZoneView], area: Rect) -> Option<Grid> {
        let w = usize::from(area.width);
        let mut out = Vec::with_capacity(zones.len());
        for z in zones {
            let spr = z.seats_per_row.max(1);
            let occupied = z.seated.seats.iter().map(|s| s.row as usize + 1).max();
            let rows = occupied.unwrap_or(1).clamp(1, z.rows.max(1));
            if rows * 2 > usize::from(area.height) {
                return None;
            }
            let cell_for = |label: usize| {
                let room = w.saturating_sub(if label > 0 { label + GAP } else { 0 });
                (room.saturating_sub((spr - 1) * GAP) / spr).min(MAX_CELL)
            };
            // Row labels only when they cost no seat its text: names matter more.
            let natural = z
                .seated
                .seats
                .iter()
                .map(|s| cols(&v.snapshot.units[s.unit].name).max(cols(&s.person)))
                .max()
                .unwrap_or(0)
                .clamp(MIN_CELL, MAX_CELL);
            let label = cols(&row_label(v, rows - 1));
            let (label, cell) = match cell_for(label) {
                c if c >= natural || c >= cell_for(0) => (label, c),
                _ => (0, cell_for(0)),
            };
            if cell < MIN_CELL {
                return None;
            }
            let names: Vec<String> = z
                .seated
                .overflow
                .iter()
                .map(|&u| v.snapshot.units[u].name.clone())
                .collect();
            let prefix = cols(&overflow_prefix(v));
            let overflow = wrap(&names, SEP, w.saturating_sub(prefix));
            out.push(ZoneGrid {
                rows,
                label,
                cell,
                overflow,
            });
        }
        let tight: usize = out.iter().map(ZoneGrid::height).sum();
        let h = usize::from(area.height);
        if tight > h {
            return None;
        }
        let spaced = tight + out.len().saturating_sub(1) <= h;
        Some(Grid { zones: out, spaced })
    }

    fn draw(&self, v: &View, zones: &[ZoneView], area: Rect, buf: &mut Buffer) {
        let t = v.theme;
        let w = usize::from(area.width);
        let mut y = area.y;
        for (z, g) in zones.iter().zip(&self.zones) {
            let seats = format!(
                "  {}",
                SEATING_SEATS
                    .get(v.lang)
                    .replace("{used}", &z.seated.seats.len().to_string())
                    .replace("{cap}", &(z.rows * z.seats_per_row).to_string())
            );
            let shape = format!("  {}", count(SEATING_ROWS, v.lang, z.rows));
            let late = if z.seated.overflow.is_empty() {
                String::new()
            } else {
                format!(
                    "  {}",
                    count(SEATING_OVERFLOW_COUNT, v.lang, z.seated.overflow.len())
                )
            };
            let label = format!(" {} ", z.label);
            spans(
                buf,
                area,
                area.x,
                y,
                w,
                &[
                    (&label, t.card(z.card)),
                    (&seats, t.muted),
                    (&late, t.alarm),
                    (&shape, t.muted),
                ],
            );
            y += 1;
            let mut index: Vec<Option<&Seat>> = vec![None; g.rows * z.seats_per_row.max(1)];
            for s in &z.seated.seats {
                let k = s.row as usize * z.seats_per_row + s.seat as usize;
                if let Some(slot) = index.get_mut(k) {
                    *slot = Some(s);
                }
            }
            for r in 0..g.rows {
                if g.label > 0 {
                    put(buf, area, area.x, y, &row_label(v, r), g.label, t.muted);
                }
                let x0 = usize::from(area.x) + if g.label > 0 { g.label + GAP } else { 0 };
                for s in 0..z.seats_per_row.max(1) {
                    let Ok(x) = u16::try_from(x0 + s * (g.cell + GAP)) else {
                        break;
                    };
                    match index.get(r * z.seats_per_row + s).copied().flatten() {
                        Some(seat) => {
                            let unit = &v.snapshot.units[seat.unit].name;
                            let style = v.name_style(seat.unit, t.bar(z.card));
                            put(buf, area, x, y, unit, g.cell, style);
                            put(buf, area, x, y + 1, &seat.person, g.cell, t.base);
                        }
                        None => {
                            put(buf, area, x, y, SEATING_EMPTY.get(v.lang), g.cell, t.muted);
                        }
                    }
                }
                y += 2;
            }
            let prefix = overflow_prefix(v);
            for (k, line) in g.overflow.iter().enumerate() {
                let lead = if k == 0 { prefix.as_str() } else { "" };
                let pad = " ".repeat(if k == 0 { 0 } else { cols(&prefix) });
                spans(
                    buf,
                    area,
                    area.x,
                    y,
                    w,
                    &[(lead, t.alarm), (&pad, t.muted), (line, t.alarm)],
                );
                y += 1;
            }
            if self.spaced {
                y += 1;
            }
        }
    }
}

/// Every seat, zone by zone, then the units without one, as a scrolled table.
fn list(v: &View, zones: &[ZoneView], area: Rect, buf: &mut Buffer) {
    if area.is_empty() {
        return;
    }
    let t = v.theme;
    let lang = v.lang;
    let mut rows = Vec::new();
    for z in zones {
        let zone = |style: Style| Cell::new(z.label, style);
        for s in &z.seated.seats {
            rows.push(Row::new(vec![
                zone(t.card(z.card)),
                Cell::new((s.row + 1).to_string(), t.muted),
                Cell::new((s.seat + 1).to_string(), t.muted),
                Cell::new(
                    v.snapshot.units[s.unit].name.as_str(),
                    v.name_style(s.unit, t.bar(z.card)),
                ),
                Cell::new(s.person.as_str(), t.base),
            ]));
        }
        for &u in &z.seated.overflow {
            rows.push(Row::new(vec![
                zone(t.card(z.card)),
                Cell::new(SEATING_OVERFLOW.get(lang), t.alarm),
                Cell::new("", t.muted),
                Cell::new(v.snapshot.units[u].name.as_str(), t.alarm),
                Cell::new(sitters(v.snapshot, u).join(SEP), t.alarm),
            ]));
        }
    }
    let table = Table {
        columns: vec![
            Column::keep(SEATING_ZONE.get(lang), Align::Left).max(12),
            Column::keep(SEATING_ROW_HEADER.get(lang), Align::Right),
            Column::keep(SEATING_SEAT_HEADER.get(lang), Align::Right),
            Column::flex(UNIT.get(lang), 40),
            Column::keep(SEATING_PERSON.get(lang), Align::Left).max(48),
        ],
        rows,
        header_style: t.muted,
    };
    table.render_scrolled(area, buf, v.pane.scroll, (MORE_ROWS, lang), t.muted);
}
