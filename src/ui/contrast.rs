//! Whether what the console draws can be read: WCAG contrast of each cell's
//! text against its background, computed from the RGB colours the terminal
//! shows for the colours the themes emit.
//!
//! The colours are xterm's default palette (the 16 basic colours, the
//! 6×6×6 cube and the grey ramp). xterm also draws bold text in colours
//! 0–7 with their bright twins 8–15 (its `boldColors` resource, on by
//! default): bold black on white is grey on white there, and bold black on
//! yellow grey on yellow. Other terminals draw bold as a heavier font in
//! the same colour, so a pair must read both ways. Used by the tests.

use ratatui::buffer::{Buffer, CellDiffOption};
use ratatui::style::{Color, Modifier};

use crate::ui::theme::Theme;

/// WCAG's threshold for normal text (AA).
pub const MIN_CONTRAST: f64 = 4.5;

/// The 16 basic colours of xterm's default palette.
const BASIC: [(u8, u8, u8); 16] = [
    (0x00, 0x00, 0x00),
    (0xcd, 0x00, 0x00),
    (0x00, 0xcd, 0x00),
    (0xcd, 0xcd, 0x00),
    (0x00, 0x00, 0xee),
    (0xcd, 0x00, 0xcd),
    (0x00, 0xcd, 0xcd),
    (0xe5, 0xe5, 0xe5),
    (0x7f, 0x7f, 0x7f),
    (0xff, 0x00, 0x00),
    (0x00, 0xff, 0x00),
    (0xff, 0xff, 0x00),
    (0x5c, 0x5c, 0xff),
    (0xff, 0x00, 0xff),
    (0x00, 0xff, 0xff),
    (0xff, 0xff, 0xff),
];

/// The palette index a colour is sent as (crossterm sends every named
/// colour as `38;5;N`), or None for RGB and the terminal's default.
pub fn index(c: Color) -> Option<u8> {
    Some(match c {
        Color::Black => 0,
        Color::Red => 1,
        Color::Green => 2,
        Color::Yellow => 3,
        Color::Blue => 4,
        Color::Magenta => 5,
        Color::Cyan => 6,
        Color::Gray => 7,
        Color::DarkGray => 8,
        Color::LightRed => 9,
        Color::LightGreen => 10,
        Color::LightYellow => 11,
        Color::LightBlue => 12,
        Color::LightMagenta => 13,
        Color::LightCyan => 14,
        Color::White => 15,
        Color::Indexed(n) => n,
        Color::Rgb(..) | Color::Reset => return None,
    })
}

/// The RGB xterm shows for palette entry `n`.
pub fn xterm_rgb(n: u8) -> (u8, u8, u8) {
    match n {
        0..=15 => BASIC[usize::from(n)],
        16..=231 => {
            let level = |v: u8| if v == 0 { 0 } else { 55 + 40 * v };
            let k = n - 16;
            (level(k / 36), level(k / 6 % 6), level(k % 6))
        }
        _ => {
            let g = 8 + 10 * (n - 232);
            (g, g, g)
        }
    }
}

/// The RGB of a colour; `Reset` is xterm's default (black on white).
pub fn rgb(c: Color, is_fg: bool) -> (u8, u8, u8) {
    match c {
        Color::Rgb(r, g, b) => (r, g, b),
        Color::Reset => {
            if is_fg {
                (0, 0, 0)
            } else {
                (0xff, 0xff, 0xff)
            }
        }
        c => xterm_rgb(index(c).unwrap_or(0)),
    }
}

/// WCAG relative luminance.
pub fn luminance((r, g, b): (u8, u8, u8)) -> f64 {
    let lin = |v: u8| {
        let c = f64::from(v) / 255.0;
        if c <= 0.040_45 {
            c / 12.92
        } else {
            ((c + 0.055) / 1.055).powf(2.4)
        }
    };
    0.2126 * lin(r) + 0.7152 * lin(g) + 0.0722 * lin(b)
}

/// WCAG contrast ratio of two colours (1 to 21).
pub fn ratio(a: (u8, u8, u8), b: (u8, u8, u8)) -> f64 {
    let (la, lb) = (luminance(a), luminance(b));
    (la.max(lb) + 0.05) / (la.min(lb) + 0.05)
}

/// The lowest contrast a cell's text can have: its colours as drawn (the
/// theme's base where the cell has none, swapped when reversed), with bold
/// in colours 0–7 drawn both as xterm does (bright) and as others do.
pub fn cell_contrast(fg: Color, bg: Color, modifier: Modifier, base: &Theme) -> f64 {
    let fg = if fg == Color::Reset {
        base.base.fg.unwrap_or(Color::Reset)
    } else {
        fg
    };
    let bg = if bg == Color::Reset {
        base.base.bg.unwrap_or(Color::Reset)
    } else {
        bg
    };
    let bold = modifier.contains(Modifier::BOLD);
    let mut fgs = vec![rgb(fg, true)];
    if bold && let Some(n @ 0..=7) = index(fg) {
        fgs.push(xterm_rgb(n + 8));
    }
    let bg_rgb = rgb(bg, false);
    fgs.into_iter()
        .map(|f| {
            if modifier.contains(Modifier::REVERSED) {
                ratio(bg_rgb, f)
            } else {
                ratio(f, bg_rgb)
            }
        })
        .fold(f64::INFINITY, f64::min)
}

/// A cell that is hard to read, for a test's message.
#[derive(Debug)]
pub struct Unreadable {
    pub x: u16,
    pub y: u16,
    pub symbol: String,
    pub fg: Color,
    pub bg: Color,
    pub modifier: Modifier,
    pub contrast: f64,
}

/// Every cell of `buf` whose text falls below [`MIN_CONTRAST`]. Blank
/// cells carry no text; their background is checked apart
/// ([`default_backgrounds`]).
pub fn unreadable(buf: &Buffer, theme: &Theme) -> Vec<Unreadable> {
    let mut out = Vec::new();
    for (i, cell) in buf.content.iter().enumerate() {
        let symbol = cell.symbol();
        if symbol.trim().is_empty() {
            continue;
        }
        let c = cell_contrast(cell.fg, cell.bg, cell.modifier, theme);
        if c < MIN_CONTRAST {
            let (x, y) = buf.pos_of(i);
            out.push(Unreadable {
                x,
                y,
                symbol: symbol.to_owned(),
                fg: cell.fg,
                bg: cell.bg,
                modifier: cell.modifier,
                contrast: (c * 100.0).round() / 100.0,
            });
        }
    }
    out
}

/// Cells left in the terminal's default background on a themed screen
/// (a hole in the theme's colour, e.g. where a box cut a wide character).
/// Only the cells a terminal shows count: the second half of a wide
/// character, and cells the diff skips, are covered.
pub fn default_backgrounds(buf: &Buffer) -> Vec<(u16, u16)> {
    let area = buf.area;
    let mut out = Vec::new();
    for y in area.top()..area.bottom() {
        let mut x = area.left();
        while x < area.right() {
            let cell = &buf[(x, y)];
            if cell.diff_option == CellDiffOption::Skip {
                x += 1;
                continue;
            }
            if cell.bg == Color::Reset {
                out.push((x, y));
            }
            x += crate::text::width(cell.symbol()).max(1) as u16;
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::app::{Action, App};
    use crate::model::Document;
    use crate::ui::theme::ThemeName;
    use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};

    const THEMED: [ThemeName; 3] = [ThemeName::Dark, ThemeName::Light, ThemeName::Projector];

    fn key(app: &mut App, c: KeyCode) {
        app.update(Action::Key(KeyEvent::new(c, KeyModifiers::NONE)));
    }

    /// The meetings whose screens are checked: the demo, and the
    /// templates of format v2, whose tiers wear every colour but purple,
    /// grey and black (those have a meeting of their own below).
    const MEETINGS: [&str; 5] = [
        crate::model::DEMO,
        include_str!("../../assets/templates/three-tiers.json"),
        include_str!("../../assets/templates/points.json"),
        include_str!("../../assets/templates/arena.json"),
        include_str!("../../tests/fixtures/panes/every_colour.json"),
    ];

    /// Every screen worth looking at, in `theme` at `size`: each agenda
    /// item, the help, the big timer, a paused clock, a notice, a broken
    /// file's banner, each sheet of the editor, the audience's screen on
    /// each item and each page of the hall board.
    fn screens(
        source: &str,
        theme: ThemeName,
        size: (u16, u16),
        lang: &str,
    ) -> Vec<(String, Buffer)> {
        let doc = || Document::from_bytes(source.as_bytes()).unwrap();
        let n = doc().snapshot.agenda.len();
        let at = |item: usize| {
            crate::cli::render::app_at_item(doc(), item, theme, Some(lang.into()), size)
        };
        let draw = |app: &App| crate::ui::screen::render(app, size.0, size.1);
        let mut out = Vec::new();
        for item in 0..n {
            let app = at(item);
            out.push((format!("item {}", item + 1), draw(&app)));
        }
        let mut app = at(2.min(n - 1));
        key(&mut app, KeyCode::Char('?'));
        out.push(("help".into(), draw(&app)));
        key(&mut app, KeyCode::Esc);
        key(&mut app, KeyCode::Char('b'));
        out.push(("big timer".into(), draw(&app)));
        key(&mut app, KeyCode::Char('b'));
        key(&mut app, KeyCode::Char(' '));
        out.push(("paused".into(), draw(&app)));
        app.update(Action::Notice("通知 notice".into()));
        out.push(("notice".into(), draw(&app)));
        app.update(Action::Loaded(Err("broken.json: line 3".into())));
        out.push(("broken file".into(), draw(&app)));
        let mut app = at(5.min(n - 1));
        app.update(Action::Command(crate::app::Command::Edit));
        for sheet in 0..5 {
            out.push((format!("editor sheet {}", sheet + 1), draw(&app)));
            key(&mut app, KeyCode::Char(']'));
        }
        // The room's screens: the audience's on every item, and every page
        // of the hall board.
        use crate::cli::render_room::{audience_at_item, board_at_page};
        for item in 0..n {
            let app = audience_at_item(doc(), item, theme, size);
            out.push((format!("audience item {}", item + 1), draw(&app)));
        }
        let pages = board_at_page(doc(), 0, theme, size).board_pages().len();
        for page in 0..pages {
            let app = board_at_page(doc(), page, theme, size);
            out.push((format!("board page {}", page + 1), draw(&app)));
        }
        out
    }

    /// Every theme's text reaches WCAG AA (4.5:1) on every screen, in the
    /// colours xterm shows, and no cell is left in the terminal's own
    /// background. Before: the projector's current agenda item was bold
    /// black on white (grey on white in xterm, 3.95), 黄牌 badges bold black
    /// on yellow (grey on yellow, 2.35), the light theme's yellow bars and
    /// figures yellow on white (1.07), its greys 3.95.
    #[test]
    fn every_theme_reads_on_every_screen() {
        let mut failures = Vec::new();
        for theme in THEMED {
            let t = Theme::new(theme);
            for size in [(80, 24), (120, 40), (200, 60)] {
                // The demo names its locale; LANG changes the words only
                // for snapshots without one.
                let lang = "C.UTF-8";
                for (k, source) in MEETINGS.iter().enumerate() {
                    for (what, buf) in screens(source, theme, size, lang) {
                        let what = format!("meeting {k} {what}");
                        let bad = unreadable(&buf, &t);
                        if let Some(first) = bad.first() {
                            failures.push(format!(
                                "{theme:?} {}x{} {lang} {what}: {} cells, e.g. {first:?}",
                                size.0,
                                size.1,
                                bad.len()
                            ));
                        }
                        let holes = default_backgrounds(&buf);
                        if !holes.is_empty() {
                            failures.push(format!(
                                "{theme:?} {}x{} {lang} {what}: default background at {:?}",
                                size.0,
                                size.1,
                                &holes[..holes.len().min(5)]
                            ));
                        }
                    }
                }
            }
        }
        assert!(failures.is_empty(), "{}", failures.join("\n"));
    }

    #[test]
    fn ratios_match_wcag() {
        assert!((ratio((0, 0, 0), (255, 255, 255)) - 21.0).abs() < 1e-9);
        assert!((ratio((9, 9, 9), (9, 9, 9)) - 1.0).abs() < 1e-9);
        // xterm's grey 8 on white: below AA.
        let grey = ratio(xterm_rgb(8), xterm_rgb(15));
        assert!(grey > 3.9 && grey < 4.1, "{grey}");
        assert_eq!(xterm_rgb(16), (0, 0, 0));
        assert_eq!(xterm_rgb(231), (255, 255, 255));
        assert_eq!(xterm_rgb(196), (255, 0, 0));
        assert_eq!(xterm_rgb(240), (88, 88, 88));
    }

    #[test]
    fn bold_black_is_drawn_grey_by_xterm() {
        let t = Theme::new(crate::ui::theme::ThemeName::Light);
        let plain = cell_contrast(Color::Black, Color::White, Modifier::empty(), &t);
        let bold = cell_contrast(Color::Black, Color::White, Modifier::BOLD, &t);
        assert!(plain > 20.0);
        assert!(bold < 4.5, "{bold}");
        // Past the 16 basic colours bold changes nothing.
        let cube = cell_contrast(Color::Indexed(16), Color::White, Modifier::BOLD, &t);
        assert!(cube > 20.0);
    }
}
