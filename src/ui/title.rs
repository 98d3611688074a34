//! The current item's number and full title, always on screen: a band over
//! the pane in every layout of the console (with the rail, without it, full
//! screen, big timer), wrapped — never cut — when it does not fit one line.

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;

use crate::app::App;
use crate::text::width;
use crate::ui::draw::put;
use crate::ui::wrap::wrap;

/// The current item: its number (from 1), the agenda's length, its title
/// (made safe).
pub fn current(app: &App) -> Option<(usize, usize, String)> {
    let i = app.current()?;
    let agenda = &app.data.snapshot().agenda;
    let item = agenda.get(i)?;
    Some((
        i + 1,
        agenda.len(),
        crate::sanitize::one_line(&item.title).into_owned(),
    ))
}

/// The band's text: the number (`2/8`) and the title's lines at `width`
/// columns, the lines after the first indented under the first.
fn band(app: &App, width_cols: u16) -> Option<(String, Vec<String>)> {
    let (n, of, title) = current(app)?;
    let number = format!("{n}/{of}");
    let indent = width(&number) + 2;
    let room = usize::from(width_cols).saturating_sub(indent).max(1);
    Some((number, wrap(&title, room)))
}

/// The rows the band takes at `width` columns (0 with no agenda).
pub fn band_height(app: &App, width_cols: u16) -> u16 {
    band(app, width_cols).map_or(0, |(_, lines)| lines.len() as u16)
}

/// Draws the band at the top of `area`; returns the rows it took.
pub fn draw_band(app: &App, area: Rect, buf: &mut Buffer) -> u16 {
    let Some((number, lines)) = band(app, area.width) else {
        return 0;
    };
    let t = crate::ui::theme::of(app.prefs.theme);
    let indent = width(&number) as u16 + 2;
    put(
        buf,
        area,
        area.x,
        area.y,
        &number,
        usize::from(area.width),
        t.accent,
    );
    let mut y = area.y;
    for line in &lines {
        if y >= area.bottom() {
            break;
        }
        put(
            buf,
            area,
            area.x + indent,
            y,
            line,
            usize::from(area.width.saturating_sub(indent)),
            t.title,
        );
        y += 1;
    }
    y - area.y
}

/// From this height a blank row parts the band from the pane.
const AIR_FROM_ROWS: u16 = 30;

/// `area` split into the band and what is left under it.
pub fn split(app: &App, area: Rect) -> (Rect, Rect) {
    // The band never takes more than half the pane.
    let h = band_height(app, area.width).min(area.height / 2);
    let air = u16::from(h > 0 && area.height >= AIR_FROM_ROWS);
    let band = Rect { height: h, ..area };
    let rest = Rect {
        y: area.y + h + air,
        height: area.height - h - air,
        ..area
    };
    (band, rest)
}
