//! A drawn screen as text: plain (for `guotang render` and snapshot tests)
//! or with colours as SGR escape sequences (`--ansi`). Wide characters are
//! written once and the cells they cover skipped, so every line is exactly
//! as wide, in terminal columns, as the buffer.

use std::fmt::Write;

use ratatui::buffer::Buffer;
use ratatui::style::{Color, Modifier, Style};

use crate::text::width;

/// The rows of a buffer as plain text, trailing spaces removed.
pub fn plain(buf: &Buffer) -> String {
    let mut out = String::new();
    for row in rows(buf) {
        let line: String = row.into_iter().map(|(s, _)| s).collect();
        out.push_str(line.trim_end());
        out.push('\n');
    }
    out
}

/// The rows of a buffer with SGR colour sequences, each row reset at its end.
pub fn ansi(buf: &Buffer) -> String {
    let mut out = String::new();
    for row in rows(buf) {
        let mut last: Option<Style> = None;
        for (sym, style) in row {
            if last != Some(style) {
                out.push_str(&sgr(style));
                last = Some(style);
            }
            out.push_str(&sym);
        }
        out.push_str("\x1b[0m\n");
    }
    out
}

/// Each row as (symbol, style) per drawn character, the covered cells of wide ones left out.
fn rows(buf: &Buffer) -> Vec<Vec<(String, Style)>> {
    let area = buf.area;
    let mut out = Vec::with_capacity(usize::from(area.height));
    for y in area.top()..area.bottom() {
        let mut row = Vec::with_capacity(usize::from(area.width));
        let mut skip = 0usize;
        let mut used = 0usize;
        for x in area.left()..area.right() {
            if skip > 0 {
                skip -= 1;
                continue;
            }
            let Some(cell) = buf.cell((x, y)) else {
                continue;
            };
            let sym = cell.symbol();
            let w = width(sym);
            let room = usize::from(area.width) - used;
            // An empty or zero-width symbol still holds its cell; a wide one
            // that would pass the right edge is drawn as a space.
            let (text, w) = match w {
                0 => (" ".to_owned(), 1),
                w if w > room => (" ".to_owned(), 1),
                w => (sym.to_owned(), w),
            };
            skip = w - 1;
            used += w;
            row.push((text, cell.style()));
        }
        out.push(row);
    }
    out
}

/// The SGR sequence that sets exactly `style`.
fn sgr(style: Style) -> String {
    let mut codes: Vec<String> = vec!["0".into()];
    let m = style.add_modifier;
    for (flag, code) in [
        (Modifier::BOLD, "1"),
        (Modifier::DIM, "2"),
        (Modifier::ITALIC, "3"),
        (Modifier::UNDERLINED, "4"),
        (Modifier::REVERSED, "7"),
        (Modifier::CROSSED_OUT, "9"),
    ] {
        if m.contains(flag) {
            codes.push(code.into());
        }
    }
    if let Some(fg) = style.fg {
        codes.extend(color(fg, false));
    }
    if let Some(bg) = style.bg {
        codes.extend(color(bg, true));
    }
    let mut s = String::from("\x1b[");
    for (i, c) in codes.iter().enumerate() {
        if i > 0 {
            s.push(';');
        }
        let _ = write!(s, "{c}");
    }
    s.push('m');
    s
}

fn color(c: Color, bg: bool) -> Option<String> {
    let base = if bg { 40 } else { 30 };
    let bright = if bg { 100 } else { 90 };
    let code = match c {
        // Every sequence starts with 0, which already resets both colours.
        Color::Reset => return None,
        Color::Black => base,
        Color::Red => base + 1,
        Color::Green => base + 2,
        Color::Yellow => base + 3,
        Color::Blue => base + 4,
        Color::Magenta => base + 5,
        Color::Cyan => base + 6,
        Color::Gray => base + 7,
        Color::DarkGray => bright,
        Color::LightRed => bright + 1,
        Color::LightGreen => bright + 2,
        Color::LightYellow => bright + 3,
        Color::LightBlue => bright + 4,
        Color::LightMagenta => bright + 5,
        Color::LightCyan => bright + 6,
        Color::White => bright + 7,
        Color::Indexed(i) => return Some(format!("{};5;{i}", base + 8)),
        Color::Rgb(r, g, b) => return Some(format!("{};2;{r};{g};{b}", base + 8)),
    };
    Some(code.to_string())
}

#[cfg(test)]
mod tests {
    use super::*;
    use ratatui::layout::Rect;

    #[test]
    fn wide_characters_are_written_once_and_lines_keep_their_width() {
        let mut buf = Buffer::empty(Rect::new(0, 0, 6, 2));
        buf.set_string(0, 0, "开发区", Style::default());
        buf.set_string(0, 1, "ab", Style::default().fg(Color::Red));
        assert_eq!(plain(&buf), "开发区\nab\n");
        let a = ansi(&buf);
        assert!(a.contains("\x1b[0;31mab"), "{a:?}");
        assert_eq!(a.lines().count(), 2);
        assert!(a.lines().all(|l| l.ends_with("\x1b[0m")));
    }
}
