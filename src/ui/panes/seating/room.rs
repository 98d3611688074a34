//! The seating drawn as the room on a large screen: the podium (主席台) at
//! the front, then each zone's rows of seats as tiles in the zone's colour
//! (the unit over the person), split by a centre aisle, as far back as the
//! zones go. Used when the pane is large enough to show every seat so;
//! otherwise the grid of the seating pane is drawn.

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::style::Style;

use super::{
    List, SEP, UNIT_SEP, ZoneView, aides, labelled, overflow_prefix, standing_prefix,
    unzoned_prefix, zone_heading,
};
use crate::ui::draw::put;
use crate::ui::view::View;
use crate::ui::widgets::cut::Cut;
use crate::ui::widgets::line::{cols, count};
use crate::words::labels::{SEATING_EMPTY, SEATING_ROW};
use crate::words::wall_labels as wl;

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

/// Every seated unit's label, across the zones.
pub(super) fn seated_labels(v: &View, zones: &[ZoneView]) -> Vec<String> {
    zones
        .iter()
        .flat_map(|z| z.seated.seats.iter())
        .map(|s| v.unit_label(s.unit).into_owned())
        .collect()
}

/// How the room is laid out in a pane.
pub struct Room {
    tile: usize,
    /// Rows per tile: 2 (unit, person), up to 4 with air around them.
    tile_h: u16,
    /// Per zone: the units without a seat, the aides without one, and how
    /// names cut to a tile lose their characters (twins stay apart).
    zones: Vec<ZoneLists>,
    /// The units without a zone, listed with the reason.
    unzoned: List,
}

struct ZoneLists {
    overflow: List,
    standing: List,
    cut: Cut,
    person_cut: Cut,
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
        // The seats alone in their lowest tiles, before any list is
        // wrapped: a room of 2,000 units does not fit, whatever its lists.
        let seats_only: usize = zones.iter().map(|z| 2 + z.rows * 3).sum();
        if 4 + seats_only > usize::from(area.height) {
            return None;
        }
        let w = usize::from(area.width);
        let text = tile - 2;
        let lists: Vec<(List, List)> = zones
            .iter()
            .map(|z| {
                let names = z
                    .seated
                    .overflow
                    .iter()
                    .map(|&u| v.unit_label(u).into_owned())
                    .collect();
                (
                    List::new(names, SEP, cols(&overflow_prefix(v)), w),
                    List::new(
                        aides(v, &z.seated.standing),
                        UNIT_SEP,
                        cols(&standing_prefix(v)),
                        w,
                    ),
                )
            })
            .collect();
        let names = v
            .unzoned
            .iter()
            .map(|&u| v.unit_label(u).into_owned())
            .collect();
        let unzoned = List::new(names, SEP, cols(&unzoned_prefix(v)), w);
        // The podium and a row of air; per zone its heading, its rows of
        // tiles with a row of air after each, its lists, and a row of air;
        // then the units without a zone. Every name is listed in full, or
        // the grid is drawn instead.
        let height = |tile_h: u16| -> usize {
            let seats: usize = zones
                .iter()
                .zip(&lists)
                .map(|(z, (overflow, standing))| {
                    2 + z.rows * (usize::from(tile_h) + 1) + overflow.height() + standing.height()
                })
                .sum();
            4 + seats + unzoned.height()
        };
        let tile_h = [4, 3, 2]
            .into_iter()
            .find(|&h| height(h) <= usize::from(area.height))?;
        // The cuts only once the room fits (they read every seated name):
        // one for the whole room, as twins in different zones must not
        // read alike either.
        let labels = seated_labels(v, zones);
        let cut = Cut::best(labels.iter().map(String::as_str), text);
        let zones = zones
            .iter()
            .zip(lists)
            .map(|(z, (overflow, standing))| ZoneLists {
                overflow,
                standing,
                cut,
                person_cut: Cut::best(z.seated.seats.iter().map(|s| s.person.as_str()), text),
            })
            .collect();
        Some(Room {
            tile,
            tile_h,
            zones,
            unzoned,
        })
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
        for (z, l) in zones.iter().zip(&self.zones) {
            let style = v.badge(z.card);
            zone_heading(v, z, area, y, buf);
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
                    let (look, lines) =
                        self.seat_text(v, l, seat.map(|st| (st.unit, st.person.as_str())), style);
                    self.tile(look, &lines, (x, y), area, buf);
                }
                y += self.tile_h + 1;
            }
            y = labelled(v, area, buf, y, &overflow_prefix(v), &l.overflow, t.alarm);
            y = labelled(v, area, buf, y, &standing_prefix(v), &l.standing, t.warning);
            y += 1;
        }
        labelled(
            v,
            area,
            buf,
            y,
            &unzoned_prefix(v),
            &self.unzoned,
            t.warning,
        );
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

    /// What a seat says: the unit over the person, in the zone's colour; an
    /// empty seat says so, quietly.
    fn seat_text(
        &self,
        v: &View,
        l: &ZoneLists,
        seat: Option<(usize, &str)>,
        style: Style,
    ) -> (Style, [String; 2]) {
        let t = v.theme;
        let text = self.tile - 2;
        match seat {
            Some((u, person)) => {
                let name = v.unit_label(u);
                let person = if person == v.snapshot.units[u].name {
                    String::new()
                } else {
                    l.person_cut.apply(person, text)
                };
                (v.name_style(u, style), [l.cut.apply(&name, text), person])
            }
            None => (
                t.muted,
                [SEATING_EMPTY.get(v.lang).to_owned(), String::new()],
            ),
        }
    }

    /// One seat's tile at `(x, y)`.
    fn tile(
        &self,
        style: Style,
        lines: &[String; 2],
        (x, y): (u16, u16),
        area: Rect,
        buf: &mut Buffer,
    ) {
        let text = self.tile - 2;
        for dy in 0..self.tile_h {
            let blank = " ".repeat(self.tile);
            put(buf, area, x, y + dy, &blank, self.tile, style);
        }
        let top = y + (self.tile_h - 2) / 2;
        for (k, line) in lines.iter().enumerate() {
            put(buf, area, x + 1, top + k as u16, line, text, style);
        }
    }
}
