//! The one way snapshot text reaches a buffer: sanitised, cut to the room it
//! has (with an ellipsis) and measured in terminal columns.

use ratatui::buffer::{Buffer, CellDiffOption};
use ratatui::layout::Rect;
use ratatui::style::Style;

use crate::sanitize::one_line;
use crate::text::{char_width, truncate};

/// Writes `s` at (`x`, `y`) in at most `max` columns, clipped to `area`;
/// returns the columns used. Characters counted two wide (CJK, and ambiguous
/// ones when that option is on) take two cells, the second left blank, so
/// columns never drift.
pub fn put(
    buf: &mut Buffer,
    area: Rect,
    x: u16,
    y: u16,
    s: &str,
    max: usize,
    style: Style,
) -> usize {
    if y < area.top() || y >= area.bottom() || x >= area.right() || x < area.left() {
        return 0;
    }
    let room = max.min(usize::from(area.right() - x));
    // One safe character (a bar's block, a marker): drawn as it is,
    // without the copies cutting a string takes (a ranking's bars are
    // thousands of them a frame).
    let mut chars = s.chars();
    if let (Some(c), None) = (chars.next(), chars.next())
        && !crate::sanitize::is_unsafe(c)
        && (1..=room).contains(&char_width(c))
    {
        return put_char(buf, x, y, c, style);
    }
    let text = truncate(&one_line(s), room);
    let mut col = x;
    for c in text.chars() {
        let w = char_width(c);
        if w == 0 {
            continue;
        }
        if usize::from(col - x) + w > room {
            break;
        }
        col += put_char(buf, col, y, c, style) as u16;
    }
    usize::from(col - x)
}

/// Writes one character of `w` = [`char_width`] columns at (`x`, `y`),
/// already known to fit; returns `w`.
fn put_char(buf: &mut Buffer, x: u16, y: u16, c: char, style: Style) -> usize {
    let w = char_width(c);
    if let Some(cell) = buf.cell_mut((x, y)) {
        cell.set_char(c).set_style(style);
    }
    // ratatui knows CJK is two wide; an ambiguous character drawn two wide
    // (CJK terminals) needs its second cell skipped by the diff, by hand.
    let natural = unicode_width::UnicodeWidthChar::width(c).unwrap_or(0);
    for extra in 1..w {
        if let Some(cell) = buf.cell_mut((x + extra as u16, y)) {
            cell.reset();
            cell.set_style(style);
            if extra >= natural {
                cell.set_diff_option(CellDiffOption::Skip);
            }
        }
    }
    w
}
