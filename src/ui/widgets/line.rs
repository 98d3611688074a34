//! One line of styled pieces, right-aligned text, word wrap for lists of
//! names, and the scrolling window with its "… N more" note.

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::style::Style;

use crate::i18n::Lang;
use crate::sanitize::one_line;
use crate::text::width;
use crate::ui::draw::put;
use crate::words::labels::L;

/// Columns `s` takes once sanitised, as `put` will draw it.
pub fn cols(s: &str) -> usize {
    width(&one_line(s))
}

/// Draws `pieces` one after another from (`x`, `y`), within `max` columns and
/// `area`; returns the columns used. The last piece that does not fit is cut
/// with an ellipsis and nothing follows it.
pub fn spans(
    buf: &mut Buffer,
    area: Rect,
    x: u16,
    y: u16,
    max: usize,
    pieces: &[(&str, Style)],
) -> usize {
    let mut used = 0usize;
    for (text, style) in pieces {
        if used >= max {
            break;
        }
        let Ok(at) = u16::try_from(usize::from(x) + used) else {
            break;
        };
        let w = cols(text);
        used += put(buf, area, at, y, text, max - used, *style);
        if w > 0 && used < usize::from(at - x) + w {
            break;
        }
    }
    used
}

/// Draws `s` so that it ends at the right edge of `area` on line `y`, taking at
/// most `max` columns; returns the column it starts at.
pub fn right(buf: &mut Buffer, area: Rect, y: u16, s: &str, max: usize, style: Style) -> u16 {
    let w = cols(s).min(max).min(usize::from(area.width));
    let x = area.right() - w as u16;
    put(buf, area, x, y, s, w, style);
    x
}

/// Draws `s` right-aligned in the `w` columns that start at `x`.
pub fn put_right(buf: &mut Buffer, area: Rect, x: u16, y: u16, w: usize, s: &str, style: Style) {
    let pad = w.saturating_sub(cols(s));
    if let Ok(x) = u16::try_from(usize::from(x) + pad) {
        put(buf, area, x, y, s, w - pad, style);
    }
}

/// Fills `w` cells of line `y` from `x` with blanks in `style` (a highlight bar).
pub fn fill(buf: &mut Buffer, area: Rect, x: u16, y: u16, w: usize, style: Style) {
    for k in 0..w {
        let Ok(cx) = u16::try_from(usize::from(x) + k) else {
            break;
        };
        if area.contains((cx, y).into())
            && let Some(cell) = buf.cell_mut((cx, y))
        {
            cell.set_symbol(" ").set_style(style);
        }
    }
}

/// Draws `s` centred in `area` (a calm message in place of an empty list).
pub fn centered(buf: &mut Buffer, area: Rect, s: &str, style: Style) {
    if area.is_empty() {
        return;
    }
    let w = cols(s).min(usize::from(area.width)) as u16;
    let x = area.x + (area.width - w) / 2;
    let y = area.y + area.height.saturating_sub(1) / 2;
    put(buf, area, x, y, s, usize::from(w), style);
}

/// The name a group is shown by: its own, or "all units" for the unnamed one.
pub fn group_name(name: &str, lang: Lang) -> &str {
    if name.is_empty() {
        crate::words::labels::ALL_UNITS.get(lang)
    } else {
        name
    }
}

/// `label` with `{n}` replaced by `n`.
pub fn count(label: L, lang: Lang, n: usize) -> String {
    label.get(lang).replace("{n}", &n.to_string())
}

/// Which of `total` rows show in `room` lines when scrolled to `scroll`: when
/// they do not all fit, one line is kept for the "… N more" note.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Window {
    pub start: usize,
    pub len: usize,
    /// Rows not shown (above and below the window).
    pub hidden: usize,
}

impl Window {
    pub fn new(total: usize, room: usize, scroll: usize) -> Window {
        if total <= room {
            return Window {
                start: 0,
                len: total,
                hidden: 0,
            };
        }
        let len = room.saturating_sub(1);
        let start = scroll.min(total - len);
        Window {
            start,
            len,
            hidden: total - len,
        }
    }

    /// A window of `room` lines around row `focus` (for a list that follows a
    /// current item rather than a scroll position).
    pub fn around(total: usize, room: usize, focus: usize) -> Window {
        let len = if total <= room {
            total
        } else {
            room.saturating_sub(1)
        };
        Window::new(total, room, focus.saturating_sub(len / 2))
    }

    /// The shown rows as a range.
    pub fn range(&self) -> std::ops::Range<usize> {
        self.start..self.start + self.len
    }
}

/// Splits `items` (already sanitised or not) into lines of at most `w`
/// columns, joined by `sep`; an item wider than a line gets a line of its own
/// (and is cut when drawn). Nothing is dropped.
pub fn wrap(items: &[String], sep: &str, w: usize) -> Vec<String> {
    let mut lines = Vec::new();
    let mut cur = String::new();
    for item in items {
        let item = one_line(item);
        if cur.is_empty() {
            cur.push_str(&item);
        } else if width(&cur) + 2 * width(sep) + width(&item) <= w {
            // Room is kept for the separator that ends the line if the next item wraps.
            cur.push_str(sep);
            cur.push_str(&item);
        } else {
            cur.push_str(sep);
            lines.push(std::mem::take(&mut cur));
            cur.push_str(&item);
        }
    }
    if !cur.is_empty() {
        lines.push(cur);
    }
    lines
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn window_keeps_a_line_for_the_note() {
        assert_eq!(
            Window::new(5, 10, 3),
            Window {
                start: 0,
                len: 5,
                hidden: 0
            }
        );
        let w = Window::new(20, 10, 0);
        assert_eq!((w.start, w.len, w.hidden), (0, 9, 11));
        let w = Window::new(20, 10, 100);
        assert_eq!((w.start, w.len, w.hidden), (11, 9, 11));
        let w = Window::new(20, 0, 5);
        assert_eq!((w.len, w.hidden), (0, 20));
    }

    #[test]
    fn window_around_keeps_the_focus_in_view() {
        for focus in 0..30 {
            let w = Window::around(30, 7, focus);
            assert!(w.range().contains(&focus), "focus {focus} in {w:?}");
        }
    }

    #[test]
    fn wrap_keeps_every_item() {
        let items: Vec<String> = ["经济开发区", "高新区", "临港物流园"]
            .map(String::from)
            .to_vec();
        assert_eq!(
            wrap(&items, "、", 20),
            vec!["经济开发区、高新区、", "临港物流园"]
        );
        assert_eq!(wrap(&items, "、", 4).len(), 3);
        assert!(wrap(&[], "、", 4).is_empty());
    }

    #[test]
    fn spans_stop_at_the_first_cut_piece() {
        let area = Rect::new(0, 0, 8, 1);
        let mut buf = Buffer::empty(area);
        let used = spans(
            &mut buf,
            area,
            0,
            0,
            8,
            &[
                ("ab", Style::default()),
                ("cdefgh", Style::default()),
                ("x", Style::default()),
            ],
        );
        assert_eq!(used, 8);
        let row: String = (0..8).map(|x| buf[(x, 0)].symbol().to_owned()).collect();
        assert_eq!(row, "abcdefgh");
        let mut buf = Buffer::empty(area);
        spans(
            &mut buf,
            area,
            0,
            0,
            6,
            &[
                ("ab", Style::default()),
                ("cdefgh", Style::default()),
                ("x", Style::default()),
            ],
        );
        let row: String = (0..8).map(|x| buf[(x, 0)].symbol().to_owned()).collect();
        assert_eq!(row, "abcde…  ");
    }
}
