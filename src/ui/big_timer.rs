//! Big digits for the room: the `b` view that fills the main pane with the
//! timer, and the helper the notes pane uses for its corner timer.

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::style::Style;
use ratatui::text::Line;
use ratatui::widgets::Widget;
use tui_big_text::{BigText, PixelSize};

use crate::app::App;
use crate::text::width;
use crate::ui::draw::put;
use crate::ui::footer::timer_style;
use crate::ui::huge;
use crate::ui::view::TimerView;
use crate::words::shell_labels as sl;

/// Glyph cells per character and rows per line for each size, largest first.
const SIZES: [(PixelSize, u16, u16); 3] = [
    (PixelSize::Full, 8, 8),
    (PixelSize::HalfHeight, 8, 4),
    (PixelSize::Quadrant, 4, 4),
];

/// The rows big `text` would take in `area` (1 when only plain text fits).
pub fn big_height(text: &str, area: Rect, max_rows: u16) -> u16 {
    pick(text, area, max_rows).map_or(1, |(_, _, h)| h)
}

fn pick(text: &str, area: Rect, max_rows: u16) -> Option<(PixelSize, u16, u16)> {
    // Block glyphs are East-Asian ambiguous: a terminal that draws them two
    // wide would tear them, so such terminals get plain digits.
    if crate::text::ambiguous_wide() {
        return None;
    }
    let n = text.chars().count() as u16;
    SIZES
        .into_iter()
        .find(|&(_, w, h)| n * w <= area.width && h <= area.height.min(max_rows))
}

/// Draws `text` as large as fits (at most `max_rows` tall), centred in
/// `area`; returns the rows used.
pub fn big_text(buf: &mut Buffer, area: Rect, text: &str, style: Style, max_rows: u16) -> u16 {
    match pick(text, area, max_rows) {
        Some((size, _, h)) => {
            BigText::builder()
                .pixel_size(size)
                .style(style)
                .lines(vec![Line::from(text.to_owned())])
                .centered()
                .build()
                .render(Rect { height: h, ..area }, buf);
            h
        }
        None => {
            let w = width(text) as u16;
            let x = area.x + area.width.saturating_sub(w) / 2;
            put(buf, area, x, area.y, text, usize::from(area.width), style);
            1
        }
    }
}

/// Centres one line of ordinary text in `area` at row `y`.
pub fn centered(buf: &mut Buffer, area: Rect, y: u16, text: &str, style: Style) {
    let w = width(text).min(usize::from(area.width)) as u16;
    let x = area.x + (area.width - w) / 2;
    put(buf, area, x, y, text, usize::from(area.width), style);
}

/// The `b` view: who speaks, and the timer the room watches, huge.
pub fn draw(app: &App, area: Rect, buf: &mut Buffer) {
    let t = crate::ui::theme::of(app.prefs.theme);
    let lang = app.prefs.lang;
    let Some(i) = app.current() else {
        centered(
            buf,
            area,
            area.y + area.height / 2,
            sl::NO_AGENDA.get(lang),
            t.muted,
        );
        return;
    };
    // The item's title is over the pane (`ui::title`, or the audience's own).
    let who = speaker_line(app, i);
    let Some(timer) = app.main_timer() else {
        return;
    };
    let text = timer.text();
    // On a wall-sized pane the digits take most of it (`huge`); else the
    // largest of tui-big-text's sizes that fits.
    let room = Rect {
        height: area.height.saturating_sub(4),
        ..area
    };
    let scale = huge::fit(&text, room)
        .filter(|&s| huge::size(&text, s).1 > 8 && !crate::text::ambiguous_wide());
    let big_h = match scale {
        Some(s) => huge::size(&text, s).1,
        None => big_height(&text, area, area.height.saturating_sub(4)),
    };
    let block_h = 1 + big_h + 2;
    let mut y = area.y + area.height.saturating_sub(block_h) / 2;
    if let Some(who) = who {
        centered(buf, area, y, &who, t.accent);
    }
    y += 1;
    let big_area = Rect {
        y,
        height: area.bottom().saturating_sub(y),
        ..area
    };
    y += match scale {
        Some(s) => huge::draw(buf, big_area, &text, s, timer_style(t, &timer)),
        None => big_text(buf, big_area, &text, timer_style(t, &timer), big_h),
    };
    y += 1;
    let planned = TimerView {
        remaining: timer.planned,
        ..timer
    };
    let mut under = format!("{} {}", sl::PLANNED.get(lang), planned.text());
    if timer.paused {
        under = format!("{under} · {}", sl::PAUSED.get(lang));
    }
    let style = if timer.paused { t.banner } else { t.muted };
    centered(buf, area, y, &under, style);
}

/// Who has the floor: the current speaker's unit and leader in a speakers
/// item, else the item's own `speaker`.
pub fn speaker_line(app: &App, item: usize) -> Option<String> {
    let s = app.data.snapshot();
    let queue = app.data.queue(item);
    if !queue.is_empty() {
        let k = app.nav.panes.get(item).map_or(0, |p| p.speaker);
        let unit = &s.units[*queue.get(k)?];
        let n = queue.len();
        return Some(match &unit.leader {
            Some(l) => format!("{} {l}  ({}/{n})", unit.name, k + 1),
            None => format!("{}  ({}/{n})", unit.name, k + 1),
        });
    }
    s.agenda.get(item)?.speaker.clone()
}
