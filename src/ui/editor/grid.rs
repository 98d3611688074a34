//! The editor's grid: headings (a metric's name over its target and actual
//! columns), then the visible rows only, so a sheet of 100,000 projects
//! draws as fast as one of ten. The first column stays; the others scroll.

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::style::{Modifier, Style};

use crate::app::App;
use crate::app::editor::sheets::{self, Column, Tone};
use crate::app::layout::{GRID_GAP as GAP, scroll_left};
use crate::text::{pad_left, truncate, width};
use crate::ui::draw::put;

/// The narrowest a text column is cut to at the right edge.
const MIN_CUT: usize = 12;
/// The widest a column grows for its heading.
const MAX_COL: usize = 40;

/// The columns a column takes on screen.
pub fn col_width(c: &Column) -> usize {
    c.width.max(width(&c.head)).min(MAX_COL)
}

/// Draws headings and rows in `area`.
pub fn draw(app: &App, area: Rect, buf: &mut Buffer) {
    let t = crate::ui::theme::of(app.prefs.theme);
    let lang = app.prefs.lang;
    let s = app.data.snapshot();
    let sheet = app.edit.sheet;
    let cols = sheets::columns(s, &app.data.derived, sheet, lang);
    let widths: Vec<usize> = cols.iter().map(col_width).collect();
    let cur = app.edit.cursor();
    let room = usize::from(area.width);
    let left = scroll_left(&widths, cur.left, cur.col, room);

    // Which columns show, and where.
    let mut shown: Vec<(usize, u16, usize)> = Vec::new();
    let mut x = area.x;
    // Text may be cut with an ellipsis (the field line shows it whole);
    // a number is shown whole or not at all.
    let cuttable: Vec<bool> = (0..cols.len()).map(|i| !right_aligned(app, i)).collect();
    let mut push = |i: usize, x: &mut u16| -> bool {
        let used = usize::from(*x - area.x);
        let fits = used + widths[i] <= room
            || i == left
            || i == 0
            || (cuttable[i] && room.saturating_sub(used) >= MIN_CUT);
        if used >= room || !fits {
            return false;
        }
        let w = widths[i].min(room - used);
        shown.push((i, *x, w));
        *x += (w + GAP) as u16;
        true
    };
    if !cols.is_empty() {
        push(0, &mut x);
    }
    for i in left..cols.len() {
        if !push(i, &mut x) {
            break;
        }
    }
    // The last column, when it is text (a reason, a note, a value), takes
    // the room left on the right: a reason is not cut at 40 columns with
    // half the screen empty.
    if let Some(&mut (i, x0, ref mut w)) = shown.last_mut()
        && i + 1 == cols.len()
        && cuttable[i]
    {
        *w = (*w).max(usize::from(area.right().saturating_sub(x0)));
    }

    // Headings: group names over their columns, then the columns' own.
    let mut y = area.y;
    let grouped = cols.iter().any(|c| c.group.is_some());
    if grouped {
        let mut k = 0;
        while k < shown.len() {
            let (i, x0, _) = shown[k];
            let group = cols[i].group.clone();
            let mut end = k;
            while end + 1 < shown.len() && cols[shown[end + 1].0].group == group {
                end += 1;
            }
            if let Some(g) = group {
                let (_, xe, we) = shown[end];
                let span = usize::from(xe - x0) + we;
                let text = truncate(&g, span);
                let pad = span.saturating_sub(width(&text)) / 2;
                put(buf, area, x0 + pad as u16, y, &text, span, t.title);
            }
            k = end + 1;
        }
        y += 1;
    }
    for &(i, x0, w) in &shown {
        let head = if right_aligned(app, i) {
            pad_left(&truncate(&cols[i].head, w), w)
        } else {
            truncate(&cols[i].head, w)
        };
        put(
            buf,
            area,
            x0,
            y,
            &head,
            w,
            t.title.add_modifier(Modifier::UNDERLINED),
        );
    }
    y += 1;

    let rows = sheets::rows(s, sheet);
    let page = usize::from(area.bottom().saturating_sub(y));
    let top = if cur.row < cur.top {
        cur.row
    } else if cur.row >= cur.top + page {
        cur.row + 1 - page.max(1)
    } else {
        cur.top
    };
    for (k, row) in (top..rows).take(page).enumerate() {
        let ry = y + k as u16;
        for &(i, x0, w) in &shown {
            let Some(mut cell) = sheets::cell(s, &app.data.derived, sheet, row, i, lang) else {
                continue;
            };
            let here = row == cur.row && i == cur.col;
            let editing = here && app.edit.field.is_some();
            let text = if editing {
                app.edit
                    .field
                    .as_ref()
                    .map(|f| f.text())
                    .unwrap_or_default()
            } else if cell.text.is_empty() && cell.kind.editable() {
                String::new()
            } else {
                std::mem::take(&mut cell.text)
            };
            let mut style = match cell.tone {
                Tone::Plain => t.base,
                Tone::Muted => t.muted,
                // The meeting's own tier colours (绿牌 green, not red).
                Tone::Card(c) => t.badge(&s.cards.tiers, c),
            };
            if cell.path.as_ref().is_some_and(|p| app.edit.marked(p)) {
                style = t.good.patch(t.changed);
            }
            if i == 0 && row == cur.row {
                style = style.patch(t.accent);
            }
            if here {
                style = t.selected;
                fill(buf, area, x0, ry, w, style);
            }
            // A number sits right: the cells before it are blank in its style.
            let text = truncate(&text, w);
            let pad = match cell.kind.right_aligned() {
                true => w.saturating_sub(width(&text)),
                false => 0,
            };
            fill(buf, area, x0, ry, pad, style);
            put(buf, area, x0 + pad as u16, ry, &text, w - pad, style);
        }
    }
}

/// Whether column `i` holds numbers (its heading sits right, over them).
fn right_aligned(app: &App, i: usize) -> bool {
    let s = app.data.snapshot();
    sheets::cell(s, &app.data.derived, app.edit.sheet, 0, i, app.prefs.lang)
        .is_some_and(|c| c.kind.right_aligned())
}

fn fill(buf: &mut Buffer, area: Rect, x: u16, y: u16, w: usize, style: Style) {
    for dx in 0..w as u16 {
        if x + dx < area.right()
            && let Some(c) = buf.cell_mut((x + dx, y))
        {
            c.set_symbol(" ").set_style(style);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_cursor_column_is_always_in_view() {
        let widths = [16, 10, 10, 10, 10, 10, 10, 10, 10];
        // 16+1 + 3×11 = 50 fits in 50 columns: columns 1..=3.
        assert_eq!(scroll_left(&widths, 1, 3, 50), 1);
        assert_eq!(scroll_left(&widths, 1, 4, 50), 2);
        assert_eq!(scroll_left(&widths, 1, 8, 50), 6);
        // Moving back left scrolls back.
        assert_eq!(scroll_left(&widths, 6, 2, 50), 2);
        // The first column never scrolls away, and a tiny room still shows the cursor.
        assert_eq!(scroll_left(&widths, 5, 0, 50), 5);
        assert_eq!(scroll_left(&widths, 1, 8, 5), 8);
        assert_eq!(scroll_left(&[16], 0, 0, 50), 1);
    }
}
