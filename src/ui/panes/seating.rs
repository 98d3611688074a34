//! The seating pane (座次): a zone per tier (the red and the yellow zone,
//! or a meeting's own: 绿牌区, 优秀) as seat grids, best ranked first, with the unit and the person in every seat; units that found
//! no seat, aides who gave their seat to another unit's leader, and units
//! whose card has no zone (不挂牌 when only red and yellow zones exist) are
//! listed with the reason, never dropped. Tab switches to a list (zone, row,
//! seat, unit, person), which is also shown when the grid cannot fit.

use std::borrow::Cow;

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::style::Style;
use ratatui::widgets::Widget;

use crate::app::frames::seating_list::{SEP, zone_label};
use crate::model::Card;
use crate::model::order::{Seat, SeatedZone};
use crate::text::split_at_width;
use crate::ui::draw::put;
use crate::ui::view::View;
use crate::ui::widgets::cut::Cut;
use crate::ui::widgets::line::{centered, cols, count, spans, wrap};
use crate::words::labels::{
    SEATING_AS_LIST, SEATING_EMPTY, SEATING_MISSING, SEATING_MORE, SEATING_NO_ZONES,
    SEATING_OVERFLOW, SEATING_OVERFLOW_COUNT, SEATING_ROW, SEATING_ROWS, SEATING_SEATS,
    SEATING_STANDING, SEATING_UNZONED, SEATING_UNZONED_WHY,
};

mod list;
mod room;

/// Draws the seating pane from a borrowed view.
pub struct SeatingPane<'a>(pub &'a View<'a>);

/// The narrowest seat: two CJK characters and an ellipsis.
const MIN_CELL: usize = 6;
/// The widest seat when names are short, so a few seats on a wide screen
/// still look like seats; longer names widen it as far as [`MAX_NAME`].
const MAX_CELL: usize = 20;
/// The widest a seat grows for a long name.
const MAX_NAME: usize = 32;
/// Columns between seats.
const GAP: usize = 1;
/// Separates units each followed by its people.
const UNIT_SEP: &str = "；";

/// A zone as drawn: its card, name and shape, resolved once.
struct ZoneView<'a> {
    seated: &'a SeatedZone,
    card: Card,
    label: Cow<'a, str>,
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
            let (card, label) = zone_label(v.snapshot, seated, v.lang);
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
            list::draw(v, &zones, area, buf);
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
                list::draw(v, &zones, rest, buf);
            }
        }
    }
}

/// How one zone's grid is laid out.
struct ZoneGrid {
    /// Rows shown: up to the last occupied one (at least one).
    rows: usize,
    /// Lines per row of seats: the unit and the person (2), or a unit's name
    /// over two lines when it is wider than a seat and the height allows (3).
    lines: Vec<usize>,
    /// How the units' names cut in this zone lose their characters.
    cut: Cut,
    /// How the people's names do.
    person_cut: Cut,
    /// Width of the "第1排" labels (0 when there is no room for them).
    label: usize,
    cell: usize,
    /// The units without a seat.
    overflow: List,
    /// The aides without a seat.
    standing: List,
}

impl ZoneGrid {
    fn height(&self) -> usize {
        1 + self.lines.iter().sum::<usize>() + self.overflow.height() + self.standing.height()
    }
}

/// The whole grid, when it fits.
struct Grid {
    zones: Vec<ZoneGrid>,
    /// The units without a zone (the reason comes with the prefix).
    unzoned: List,
    /// A blank line between zones.
    spaced: bool,
}

fn row_label(v: &View, r: usize) -> String {
    SEATING_ROW.get(v.lang).replace("{n}", &(r + 1).to_string())
}

fn overflow_prefix(v: &View) -> String {
    format!("{}：", SEATING_OVERFLOW.get(v.lang))
}

fn standing_prefix(v: &View) -> String {
    format!("{}：", SEATING_STANDING.get(v.lang))
}

/// "未分区（不挂牌，座次未设相应分区）：" — the reason names the cards.
fn unzoned_prefix(v: &View) -> String {
    // A set, not a sorted list of every unit's card: the pane asks on
    // every frame, and there are few cards but can be thousands of units.
    let cards: std::collections::BTreeSet<Card> = v
        .unzoned
        .iter()
        .map(|&u| v.standings.units[u].card)
        .collect();
    let names: Vec<&str> = cards.iter().map(|&c| v.tier_label(c)).collect();
    let why = SEATING_UNZONED_WHY
        .get(v.lang)
        .replace("{card}", &names.join("、"));
    format!("{}{}：", SEATING_UNZONED.get(v.lang), v.lang.paren(&why))
}

/// A unit's label over two lines of `cell` columns: a name and its group
/// (for twins), else the name split near its middle (`经济` / `开发区`, not
/// `经济开发` / `区`).
fn two_lines(v: &View, unit: usize, label: &str, cell: usize) -> (String, String) {
    let name = &v.snapshot.units[unit].name;
    if label != name.as_str() {
        let group = &label[name.len()..];
        // The brackets go before the group's name is cut.
        let group = if cols(group) > cell {
            group.trim_start_matches('（').trim_end_matches('）')
        } else {
            group
        };
        return (Cut::End.apply(name, cell), group.to_owned());
    }
    let half = cols(label)
        .div_ceil(2)
        .max(cols(label).saturating_sub(cell));
    let (first, rest) = split_at_width(label, half.min(cell));
    (first.to_owned(), rest.to_owned())
}

/// Names listed under a zone (no seat, no zone), wrapped to the width.
struct List {
    items: Vec<String>,
    sep: &'static str,
    width: usize,
    lines: Vec<String>,
    /// The lead ("未分区（…）：") takes a line of its own, the names the
    /// whole width under it: a long lead beside them would leave the names
    /// a sliver of the line.
    own_line: bool,
}

/// Columns the names under a lead of their own are indented by.
const INDENT: usize = 2;

impl List {
    fn new(items: Vec<String>, sep: &'static str, lead: usize, w: usize) -> List {
        let own_line = lead > w / 3;
        let width = if own_line {
            w.saturating_sub(INDENT)
        } else {
            w.saturating_sub(lead)
        };
        let lines = wrap(&items, sep, width);
        List {
            items,
            sep,
            width,
            lines,
            own_line,
        }
    }

    /// Lines it takes on screen.
    fn height(&self) -> usize {
        self.lines.len() + usize::from(self.own_line && !self.lines.is_empty())
    }

    /// One line: as many names as fit whole, then how many more there are
    /// ("等 6 个"); the list view (Tab) has them all.
    fn shorten(&mut self, v: &View) {
        if self.lines.len() <= 1 {
            return;
        }
        let n = self.items.len();
        // "A、B等 6 个" counts them all in Chinese; "A, B and 4 more" the rest.
        let note = |keep: usize| match v.lang {
            crate::i18n::Lang::Zh => count(SEATING_MORE, v.lang, n),
            crate::i18n::Lang::En => count(SEATING_MORE, v.lang, n - keep),
        };
        let mut keep = 1;
        while keep < n {
            let line = self.items[..=keep].join(self.sep);
            if cols(&line) + cols(&note(keep + 1)) > self.width {
                break;
            }
            keep += 1;
        }
        let note = note(keep);
        // The count is the point: a first name too long is cut to leave it room.
        let names = self.items[..keep].join(self.sep);
        let names = crate::text::truncate(&names, self.width.saturating_sub(cols(&note)));
        self.lines = vec![format!("{names}{note}")];
    }
}

/// "经济技术开发区：王丽、刘强": each unit whose aides have no seat, with them.
fn aides(v: &View, standing: &[(usize, String)]) -> Vec<String> {
    let mut out: Vec<(usize, Vec<&str>)> = Vec::new();
    for (u, person) in standing {
        match out.last_mut() {
            Some((last, people)) if last == u => people.push(person),
            _ => out.push((*u, vec![person])),
        }
    }
    out.into_iter()
        .map(|(u, people)| format!("{}：{}", v.unit_label(u), people.join(SEP)))
        .collect()
}

/// Draws `lines` (wrapped, the first led by `prefix`) from line `y`; returns
/// the line after them.
fn labelled(
    v: &View,
    area: Rect,
    buf: &mut Buffer,
    mut y: u16,
    prefix: &str,
    list: &List,
    style: Style,
) -> u16 {
    let w = usize::from(area.width);
    if list.own_line && !list.lines.is_empty() {
        put(buf, area, area.x, y, prefix, w, style);
        y += 1;
        for line in &list.lines {
            put(
                buf,
                area,
                area.x + INDENT as u16,
                y,
                line,
                w.saturating_sub(INDENT),
                style,
            );
            y += 1;
        }
        return y;
    }
    let lines = &list.lines;
    for (k, line) in lines.iter().enumerate() {
        let lead = if k == 0 { prefix } else { "" };
        let pad = " ".repeat(if k == 0 { 0 } else { cols(prefix) });
        spans(
            buf,
            area,
            area.x,
            y,
            w,
            &[(lead, style), (&pad, v.theme.muted), (line, style)],
        );
        y += 1;
    }
    y
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
            // Row labels only when they cost no seat its text: names matter more.
            let natural = z
                .seated
                .seats
                .iter()
                .map(|s| cols(&v.unit_label(s.unit)).max(cols(&s.person)))
                .max()
                .unwrap_or(0)
                .clamp(MIN_CELL, MAX_NAME);
            let cap = natural.max(MAX_CELL);
            let cell_for = |label: usize| {
                let room = w.saturating_sub(if label > 0 { label + GAP } else { 0 });
                (room.saturating_sub((spr - 1) * GAP) / spr).min(cap)
            };
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
                .map(|&u| v.unit_label(u).into_owned())
                .collect();
            let overflow = List::new(names, SEP, cols(&overflow_prefix(v)), w);
            let standing = List::new(
                aides(v, &z.seated.standing),
                UNIT_SEP,
                cols(&standing_prefix(v)),
                w,
            );
            let labels: Vec<String> = z
                .seated
                .seats
                .iter()
                .map(|s| v.unit_label(s.unit).into_owned())
                .collect();
            let mut lines = vec![2; rows];
            for (seat, label) in z.seated.seats.iter().zip(&labels) {
                if cols(label) > cell
                    && let Some(l) = lines.get_mut(seat.row as usize)
                {
                    *l = 3;
                }
            }
            out.push(ZoneGrid {
                rows,
                lines,
                // Chosen below, once the grid fits (they read every name).
                cut: Cut::End,
                person_cut: Cut::End,
                label,
                cell,
                overflow,
                standing,
            });
        }
        let names: Vec<String> = v
            .unzoned
            .iter()
            .map(|&u| v.unit_label(u).into_owned())
            .collect();
        let mut unzoned = List::new(names, SEP, cols(&unzoned_prefix(v)), w);
        let h = usize::from(area.height);
        let height = |out: &[ZoneGrid], unzoned: &List| {
            out.iter().map(ZoneGrid::height).sum::<usize>() + unzoned.height()
        };
        let mut tight = height(&out, &unzoned);
        if tight > h {
            // No room for names over two lines: one line each, cut.
            for z in &mut out {
                z.lines.iter_mut().for_each(|l| *l = 2);
            }
            tight = height(&out, &unzoned);
        }
        if tight > h {
            // Still too tall: each list of names on one line, ending with
            // how many more there are (the list view, Tab, has them all).
            // The longest list first, until the grid fits.
            while tight > h {
                let mut lists: Vec<&mut List> = out
                    .iter_mut()
                    .flat_map(|z| [&mut z.overflow, &mut z.standing])
                    .chain([&mut unzoned])
                    .collect();
                let Some(longest) = lists
                    .iter_mut()
                    .filter(|l| l.lines.len() > 1)
                    .max_by_key(|l| l.height())
                else {
                    break;
                };
                longest.shorten(v);
                tight = height(&out, &unzoned);
            }
        }
        if tight > h {
            return None;
        }
        // Cut as the whole room's names would be: twins seated in different
        // zones must not read alike either. One choice per seat width.
        let everyone = room::seated_labels(v, zones);
        let mut cuts: Vec<(usize, Cut)> = Vec::new();
        for (z, g) in zones.iter().zip(&mut out) {
            g.cut = match cuts.iter().find(|(cell, _)| *cell == g.cell) {
                Some(&(_, cut)) => cut,
                None => {
                    let cut = Cut::best(everyone.iter().map(String::as_str), g.cell);
                    cuts.push((g.cell, cut));
                    cut
                }
            };
            g.person_cut = Cut::best(z.seated.seats.iter().map(|s| s.person.as_str()), g.cell);
        }
        let blocks = out.len() + usize::from(!unzoned.lines.is_empty());
        let spaced = tight + blocks.saturating_sub(1) <= h;
        Some(Grid {
            zones: out,
            unzoned,
            spaced,
        })
    }

    fn draw(&self, v: &View, zones: &[ZoneView], area: Rect, buf: &mut Buffer) {
        let t = v.theme;
        let mut y = area.y;
        for (z, g) in zones.iter().zip(&self.zones) {
            zone_heading(v, z, area, y, buf);
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
                            let unit = v.unit_label(seat.unit);
                            let style = v.name_style(seat.unit, v.bar(z.card));
                            let lines = g.lines.get(r).copied().unwrap_or(2);
                            let person_y = y + lines as u16 - 1;
                            if lines == 3 && cols(&unit) > g.cell {
                                let (first, rest) = two_lines(v, seat.unit, &unit, g.cell);
                                put(buf, area, x, y, &first, g.cell, style);
                                let rest = g.cut.apply(&rest, g.cell);
                                put(buf, area, x, y + 1, &rest, g.cell, style);
                            } else {
                                put(buf, area, x, y, &g.cut.apply(&unit, g.cell), g.cell, style);
                            }
                            let person = g.person_cut.apply(&seat.person, g.cell);
                            put(buf, area, x, person_y, &person, g.cell, t.base);
                        }
                        None => {
                            put(buf, area, x, y, SEATING_EMPTY.get(v.lang), g.cell, t.muted);
                        }
                    }
                }
                y += g.lines.get(r).copied().unwrap_or(2) as u16;
            }
            y = labelled(v, area, buf, y, &overflow_prefix(v), &g.overflow, t.alarm);
            y = labelled(v, area, buf, y, &standing_prefix(v), &g.standing, t.warning);
            if self.spaced {
                y += 1;
            }
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
}

/// A zone's heading: its label in its colour, seats used of its capacity,
/// seats missing and units without a seat (in the alarm style), its rows.
fn zone_heading(v: &View, z: &ZoneView, area: Rect, y: u16, buf: &mut Buffer) {
    let t = v.theme;
    let w = usize::from(area.width);
    let seats = format!(
        "  {}",
        SEATING_SEATS
            .get(v.lang)
            .replace("{used}", &z.seated.seats.len().to_string())
            .replace("{cap}", &(z.rows * z.seats_per_row).to_string())
    );
    let shape = format!("  {}", count(SEATING_ROWS, v.lang, z.rows));
    let mut late = String::new();
    if z.seated.missing > 0 {
        late.push_str("  ");
        late.push_str(&count(SEATING_MISSING, v.lang, z.seated.missing));
    }
    if !z.seated.overflow.is_empty() {
        late.push_str("  ");
        late.push_str(&count(
            SEATING_OVERFLOW_COUNT,
            v.lang,
            z.seated.overflow.len(),
        ));
    }
    let label = format!(" {} ", z.label);
    spans(
        buf,
        area,
        area.x,
        y,
        w,
        &[
            (&label, v.badge(z.card)),
            (&seats, t.muted),
            (&late, t.alarm),
            (&shape, t.muted),
        ],
    );
}
