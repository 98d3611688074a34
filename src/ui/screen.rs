//! The whole console screen from an [`App`]: header, banner, agenda rail,
//! the current item's number and title, its pane (or the big timer),
//! footer, and the help on top.
//! The terminal, `guotang render` and the benchmarks all draw through here.

use ratatui::buffer::Buffer;
use ratatui::layout::{Position, Rect};

use crate::app::App;
use crate::app::layout;
use crate::ui::view::View;
use crate::ui::{big_timer, editor, footer, header, overlay, panes, rail, title};

/// The view a pane draws from, borrowing the app's precomputed data.
pub fn view<'a>(app: &'a App, pane: &'a crate::ui::view::PaneState) -> View<'a> {
    let item = app.current();
    let agenda = &app.data.snapshot().agenda;
    View {
        snapshot: app.data.snapshot(),
        standings: &app.data.derived.standings,
        seating: &app.data.derived.seating,
        unzoned: &app.data.derived.unzoned,
        twins: &app.data.derived.twins,
        theme: crate::ui::theme::of(app.prefs.theme),
        lang: app.prefs.lang,
        item: item.and_then(|i| agenda.get(i)),
        pane,
        speakers: item.map_or(&[], |i| app.data.queue(i)),
        speaker_names: item.map(|i| app.data.derived.frames.queue_names(i)),
        heard: item.and_then(|i| app.meeting.clock.heard(i)),
        speaker_timer: app.speaker_timer(),
        item_timer: app.item_timer(),
        changed: &app.edit.changed_units,
        frames: &app.data.derived.frames,
    }
}

/// Draws the console into `buf` over `area`; returns where the terminal's
/// cursor belongs (in a text field being typed into), if anywhere.
pub fn draw(app: &App, area: Rect, buf: &mut Buffer) -> Option<Position> {
    if let Some(f) = app.following() {
        crate::ui::audience::draw(app, f, area, buf);
        return None;
    }
    if app.board_state().is_some() {
        crate::ui::board::draw(app, area, buf);
        return None;
    }
    let t = crate::ui::theme::of(app.prefs.theme);
    rail::fill(buf, area, t.base);
    if layout::too_small(area) {
        overlay::draw_too_small(area, buf, t);
        return None;
    }
    let l = layout::compute(app, area);
    header::draw(app, l.header, buf);
    if l.rail.width > 0 {
        rail::draw(app, l.rail, buf);
    }
    // A column of air on each side of the pane: calmer, and nothing touches the rule.
    let main = Rect {
        x: l.main.x + 1,
        width: l.main.width.saturating_sub(2),
        ..l.main
    };
    let mut cursor = None;
    if app.edit.active {
        cursor = editor::draw(app, main, buf);
    } else {
        // The item's number and full title, over the pane in every layout.
        let (band, rest) = title::split(app, main);
        title::draw_band(app, band, buf);
        if app.prefs.big_timer {
            big_timer::draw(app, rest, buf);
        } else {
            let pane = app.pane_state();
            let v = view(app, &pane);
            panes::draw(&v, rest, buf);
        }
    }
    footer::draw(app, l.footer, buf);
    // Over whatever is under it (the header's rule, or the pane's first row
    // in full screen): the layout never moves for it.
    header::draw_banner(app, l.banner, buf);
    if app.nav.help {
        overlay::draw_help(app, area, buf);
    }
    if app.nav.quit_asked {
        crate::ui::quit_prompt::draw(app, area, buf);
    }
    if app.edit.dialog.is_some() {
        cursor = editor::dialogs::draw(app, area, buf);
    }
    cursor
}

/// Renders the console into a fresh buffer of `width`×`height` cells, without
/// a terminal (for `guotang render`, tests and benchmarks).
pub fn render(app: &App, width: u16, height: u16) -> Buffer {
    let area = Rect::new(0, 0, width, height);
    let mut buf = Buffer::empty(area);
    let _ = draw(app, area, &mut buf);
    buf
}
