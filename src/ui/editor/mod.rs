//! The secretary's editor on screen: the sheet tabs with the unsaved marker,
//! the grid (first column fixed, the rest scrolling to keep the cursor in
//! view, only the visible rows built), and two lines at the bottom for the
//! open field (or the current cell in full) and its problem or hint. The
//! dialogs draw on top, in `dialogs`.

pub mod dialogs;
mod grid;

use ratatui::buffer::Buffer;
use ratatui::layout::{Position, Rect};
use ratatui::style::Style;

use crate::app::App;
use crate::app::editor::{Sheet, sheets};
use crate::app::layout::EDITOR_CHROME as CHROME;
use crate::text::width;
use crate::ui::draw::put;
use crate::words::edit_labels as el;

pub use crate::app::layout::{grid_rows, scroll_left};
pub use grid::col_width;

/// Draws the editor over `area`; returns where the terminal's cursor goes
/// (in an open text field, so an input method pops up there).
pub fn draw(app: &App, area: Rect, buf: &mut Buffer) -> Option<Position> {
    if area.height < CHROME + 3 || area.width < 20 {
        return None;
    }
    tabs(app, area, buf);
    let grid_area = Rect {
        y: area.y + 1,
        height: area.height - CHROME,
        ..area
    };
    grid::draw(app, grid_area, buf);
    field_lines(
        app,
        Rect {
            y: area.bottom() - 2,
            height: 2,
            ..area
        },
        buf,
    )
}

/// The sheet tabs left, the state of the data right.
fn tabs(app: &App, area: Rect, buf: &mut Buffer) {
    let t = crate::ui::theme::of(app.prefs.theme);
    let lang = app.prefs.lang;
    let mut x = area.x;
    let w = usize::from(area.width);
    x += put(buf, area, x, area.y, el::EDITING.get(lang), w, t.accent) as u16 + 2;
    for sheet in Sheet::ALL {
        let label = format!(" {} ", sheet.title(lang));
        let style = if sheet == app.edit.sheet {
            t.selected
        } else {
            t.muted
        };
        x += put(
            buf,
            area,
            x,
            area.y,
            &label,
            w.saturating_sub(usize::from(x - area.x)),
            style,
        ) as u16;
        x += 1;
    }
    let (state, style): (String, Style) = if app.edit.dirty() {
        (el::MODIFIED.get(lang).to_owned(), t.warning)
    } else {
        (el::SAVED.get(lang).to_owned(), t.muted)
    };
    let sw = width(&state);
    let used = usize::from(x - area.x);
    if used + sw + 2 <= w {
        put(
            buf,
            area,
            area.right() - sw as u16,
            area.y,
            &state,
            sw,
            style,
        );
    }
}

/// The open field (or the current cell in full) and its problem or hint.
fn field_lines(app: &App, area: Rect, buf: &mut Buffer) -> Option<Position> {
    let t = crate::ui::theme::of(app.prefs.theme);
    let lang = app.prefs.lang;
    let w = usize::from(area.width);
    let s = app.data.snapshot();
    let c = app.edit.cursor();
    let cols = sheets::columns(s, &app.data.derived, app.edit.sheet, lang);
    let row_name = sheets::cell(s, &app.data.derived, app.edit.sheet, c.row, 0, lang)
        .map(|c| c.text)
        .unwrap_or_default();
    let col_name = cols
        .get(c.col)
        .map_or_else(String::new, |col| match &col.group {
            Some(g) => format!("{g} {}", col.head),
            None => col.head.clone(),
        });
    let place = if c.col == 0 || app.edit.sheet == Sheet::Meeting {
        col_name
    } else {
        format!("{row_name} · {col_name}")
    };
    let y = area.y;
    let mut x = area.x;
    // The place may be cut; the colon before the value never is.
    let colon = lang.colon();
    x += put(
        buf,
        area,
        x,
        y,
        &place,
        (w / 2).saturating_sub(width(colon)),
        t.muted,
    ) as u16;
    x += put(buf, area, x, y, colon, w, t.muted) as u16;
    let room = w.saturating_sub(usize::from(x - area.x));
    let mut cursor = None;
    match &app.edit.field {
        Some(f) if f.is_choice() => {
            let mut cx = x;
            for (i, word) in f.words().iter().enumerate() {
                let shown = word.label.as_str();
                let style = if i == f.choice { t.selected } else { t.base };
                let left = room.saturating_sub(usize::from(cx - x));
                cx += put(buf, area, cx, y, &format!(" {shown} "), left, style) as u16;
            }
        }
        Some(f) => {
            let iw = room.saturating_sub(1).max(1);
            let scroll = f.input.visual_scroll(iw);
            let value = f.input.value();
            // Skip what scrolled off the left, by columns.
            let mut skipped = 0;
            let shown: String = value
                .chars()
                .skip_while(|ch| {
                    let go = skipped < scroll;
                    if go {
                        skipped += crate::text::char_width(*ch);
                    }
                    go
                })
                .collect();
            put(buf, area, x, y, &shown, iw, t.title);
            let cx = x as usize + f.input.visual_cursor().saturating_sub(scroll);
            let cx = (cx as u16).min(area.right().saturating_sub(1));
            if let Some(cell) = buf.cell_mut((cx, y)) {
                cell.set_style(t.selected);
            }
            cursor = Some(Position { x: cx, y });
        }
        None => {
            let text = app.edit_cell().map(|c| c.text).unwrap_or_default();
            put(buf, area, x, y, &text, room, t.base);
        }
    }
    let (line, style) = status_line(app);
    put(buf, area, area.x, y + 1, &line, w, style);
    cursor
}

/// The second line: the field's problem or hint, else the editor's state.
fn status_line(app: &App) -> (String, Style) {
    let t = crate::ui::theme::of(app.prefs.theme);
    let lang = app.prefs.lang;
    if let Some(f) = &app.edit.field {
        // A prompt the editor opened the field with speaks until there is something to judge.
        if let (Some(prompt), None, true) = (f.prompt, &f.refused, f.text().trim().is_empty()) {
            return (prompt.get(lang).to_owned(), t.warning);
        }
        if let Some(p) = f.problem(lang) {
            return (format!("✗ {p}"), t.alarm);
        }
        if let Some(d) = app.field_doubt() {
            return (format!("⚠ {d}"), t.warning);
        }
        let hint = if f.is_choice() {
            el::CHOICE_HINT
        } else {
            el::FIELD_HINT
        };
        return (hint.get(lang).to_owned(), t.muted);
    }
    if app.edit.journal_failed {
        return (format!("⚠ {}", el::JOURNAL_FAILED.get(lang)), t.alarm);
    }
    if app.edit.outside_change {
        return (format!("⚠ {}", el::OUTSIDE_CHANGE.get(lang)), t.warning);
    }
    if let Some(holder) = &app.edit.lock_holder {
        let c = lang.colon();
        let who = crate::app::failure::holder_text(holder, lang);
        return (format!("⚠ {}{c}{who}", el::LOCKED_BY.get(lang)), t.warning);
    }
    let rows = sheets::rows(app.data.snapshot(), app.edit.sheet);
    let c = app.edit.cursor();
    let mut parts = vec![format!("{}/{rows}", (c.row + 1).min(rows))];
    if app.edit.sheet.has_row_ops() {
        parts.push(el::ROW_OPS_HINT.get(lang).to_owned());
    }
    if app.edit.sheet == Sheet::Agenda {
        parts.push(el::REORDER_HINT.get(lang).to_owned());
    }
    (parts.join("   "), t.muted)
}
