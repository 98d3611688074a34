//! The seating drawn as the room on a large screen: the podium (主席台) at
//! the front, then each zone's rows of seats as tiles in the zone's colour
//! (the unit over the person), split by a centre aisle, as far back as the
//! zones go. Used when the pane is large enough to show every seat so;
//! otherwise the grid of the seating pane is drawn.

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;

use super::ZoneView;
use crate::ui::draw::put;
use crate::ui::labels::{SEATING_EMPTY, SEATING_OVERFLOW, SEATING_ROW, SEATING_SEATS};
use crate::ui::view::View;
use crate::ui::wall_labels as wl;
use crate::ui::widgets::line::{cols, count};

/// The narrowest seat tile worth drawing (five CJK characters).
const MIN_TILE: usize = 10;
/// The widest, so a few seats on a wide screen still look like seats.
const MAX_TILE: usize = 22;
/// Columns between tiles, and of the centre aisle.
const GAP: usize = 1;
const AISLE: usize = 4;
/// The row labels' column (`1排`).
const LABEL: usize = 5;
/// From this pane size the room is drawn.
pub const MIN_WIDTH: u16 = 100;
pub const MIN_HEIGHT: u16 = 26;

/// The units of a zone's card that found no seat, wrapped to `width`:
/// listed, never dropped.
fn overflow(v: &View, z: &ZoneView, width: u16) -> Vec<String> {
    if z.seated.overflow.is_empty() {
        return Vec::new();
    }
    let names: Vec<String> = z
        .seated
        .overflow
        .iter()
        .map(|&u| crate::sanitize::one_line(&v.snapshot.units[u].name).into_owned())
        .collect();
    let line = format!(
        "{}{}{}",
        SEATING_OVERFLOW.get(v.lang),
        v.lang.colon(),
        names.join("、")
    );
    crate::ui::wrap::wrap(&line, usize::from(width))
}

/// How the room is laid out in a pane.
pub struct Room {
    tile: usize,
    /// Rows per tile: 2 (unit, person), up to 4 with air around them.
    tile_h: u16,
}

impl Room {
    /// The room's layout if every seat fits in `area`.
    pub fn fit(v: &View, zones: &[ZoneView], area: Rect) -> Option<Room> {
        if area.width < MIN_WIDTH || area.height < MIN_HEIGHT {
            return None;
        }
        let widest = zones.iter().map(|z| z.seats_per_row).max().unwrap_or(0);
        if widest == 0 {
            return None;
        }
        let room_w = usize::from(area.width).saturating_sub(LABEL + AISLE);
        let tile = (room_w / widest).saturating_sub(GAP).min(MAX_TILE);
        if tile < MIN_TILE {
            return None;
        }
        // The podium and a row of air; per zone its heading, its rows of
        // tiles with a row of air after each, any overflow, and a row of air.
        let height = |tile_h: u16| -> usize {
            let seats: usize = zones
                .iter()
                .map(|z| 2 + z.rows * (usize::from(tile_h) + 1) + overflow(v, z, area.width).len())
                .sum();
            4 + seats
        };
        [4, 3, 2]
            .into_iter()
            .find(|&h| height(h) <= usize::from(area.height))
            .map(|tile_h| Room { tile, tile_h })
    }

    /// Draws the podium and every zone's seats in `area`.
    pub fn draw(&self, v: &View, zones: &[ZoneView], area: Rect, buf: &mut Buffer) {
        let t = v.theme;
        let widest = zones.iter().map(|z| z.seats_per_row).max().unwrap_or(0);
        let row_w = self.row_width(widest);
        let x0 = area.x
            + (LABEL as u16)
            + (usize::from(area.width).saturating_sub(LABEL + row_w) / 2) as u16;
        // The podium at the front, centred over the rows.
        let podium = wl::PODIUM.get(v.lang);
        let pw = (row_w / 3).max(cols(podium) + 6);
        let px = x0 + (row_w.saturating_sub(pw) / 2) as u16;
        let bar: String = "─".repeat(pw.saturating_sub(2));
        put(buf, area, px, area.y, &format!("┌{bar}┐"), pw, t.border);
        let inner = pw.saturating_sub(2);
        let pad = inner.saturating_sub(cols(podium)) / 2;
        put(buf, area, px, area.y + 1, "│", 1, t.border);
        put(
            buf,
            area,
            px + 1 + pad as u16,
            area.y + 1,
            podium,
            inner,
            t.title,
        );
        put(buf, area, px + pw as u16 - 1, area.y + 1, "│", 1, t.border);
        put(buf, area, px, area.y + 2, &format!("└{bar}┘"), pw, t.border);

        let mut y = area.y + 4;
        for z in zones {
            let style = t.card(z.card);
            let used = z.seated.seats.len();
            let cap = z.rows * z.seats_per_row;
            let seats = SEATING_SEATS
                .get(v.lang)
                .replace("{used}", &used.to_string())
                .replace("{cap}", &cap.to_string());
            let head = format!(" {} ", z.label);
            let hw = put(buf, area, area.x, y, &head, usize::from(area.width), style);
            put(
                buf,
                area,
                area.x + hw as u16 + 2,
                y,
                &seats,
                usize::from(area.width),
                t.muted,
            );
            y += 1;
            for r in 0..z.rows {
                let row_label = count(SEATING_ROW, v.lang, r + 1);
                put(
                    buf,
                    area,
                    area.x,
                    y + (self.tile_h - 2) / 2,
                    &row_label,
                    LABEL,
                    t.muted,
                );
                for s in 0..z.seats_per_row {
                    let x = x0 + self.seat_x(s, z.seats_per_row, widest) as u16;
                    let seat = z
                        .seated
                        .seats
                        .iter()
                        .find(|st| st.row as usize == r && st.seat as usize == s);
                    self.tile(
                        v,
                        seat.map(|st| (st.unit, st.person.as_str())),
                        style,
                        (x, y),
                        area,
                        buf,
                    );
                }
                y += self.tile_h + 1;
            }
            for line in overflow(v, z, area.width) {
                put(
                    buf,
                    area,
                    area.x,
                    y,
                    &line,
                    usize::from(area.width),
                    t.warning,
                );
                y += 1;
            }
            y += 1;
        }
    }

    /// Columns of a row of `n` seats with its aisle.
    fn row_width(&self, n: usize) -> usize {
        n * (self.tile + GAP) + AISLE
    }

    /// Where seat `s` of a row of `n` starts, rows of `widest` centred.
    fn seat_x(&self, s: usize, n: usize, widest: usize) -> usize {
        let shift = (widest - n) * (self.tile + GAP) / 2;
        let aisle = if s >= n.div_ceil(2) { AISLE } else { 0 };
        shift + s * (self.tile + GAP) + aisle
    }

    /// One seat: the unit over the person, in the zone's colour; an empty
    /// seat says so, quietly.
    fn tile(
        &self,
        v: &View,
        seat: Option<(usize, &str)>,
        style: ratatui::style::Style,
        (x, y): (u16, u16),
        area: Rect,
        buf: &mut Buffer,
    ) {
        let t = v.theme;
        let (style, lines) = match seat {
            Some((u, person)) => {
                let name = v.snapshot.units[u].name.as_str();
                let person = if person == name { "" } else { person };
                (v.name_style(u, style), [name, person])
            }
            None => (t.muted, [SEATING_EMPTY.get(v.lang), ""]),
        };
        for dy in 0..self.tile_h {
            let blank = " ".repeat(self.tile);
            put(buf, area, x, y + dy, &blank, self.tile, style);
        }
        let top = y + (self.tile_h - 2) / 2;
        for (k, line) in lines.iter().enumerate() {
            put(buf, area, x + 1, top + k as u16, line, self.tile - 2, style);
        }
    }
}
