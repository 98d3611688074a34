//! The audience's screen (`guotang FILE --audience`): what the room should
//! see, and nothing of the operator's — no agenda rail, no key hints, no
//! editor, no banners. The meeting's title; the current item's number in
//! big digits and its full title (wrapped); the item's pane (or the big
//! timer, when the presenter chose it); the speaker and the countdown. A
//! quiet note in the top corner when the presenter cannot be followed.

use ratatui::buffer::Buffer;
use ratatui::layout::{Alignment, Rect};
use ratatui::style::Style;
use ratatui::text::Line;
use ratatui::widgets::Widget;
use tui_big_text::{BigText, PixelSize};

use crate::app::App;
use crate::app::follow::{Follow, Note};
use crate::app::layout;
use crate::i18n::Lang;
use crate::text::width;
use crate::ui::big_timer::speaker_line;
use crate::ui::draw::put;
use crate::ui::footer::timer_style;
use crate::ui::header::rule;
use crate::ui::view::TimerView;
use crate::ui::wrap::wrap;
use crate::ui::{big_timer, overlay, panes, rail, screen, title};
use crate::words::shell_labels as sl;
use crate::words::wall_labels as wl;

/// From this height the item's number and the countdown are drawn in big
/// digits (four rows each).
const BIG_FROM_ROWS: u16 = 36;

/// Draws the audience's screen of `app` (following with `f`) into `buf`.
pub fn draw(app: &App, f: &Follow, area: Rect, buf: &mut Buffer) {
    let t = crate::ui::theme::of(app.prefs.theme);
    rail::fill(buf, area, t.base);
    if layout::too_small(area) {
        overlay::draw_too_small(area, buf, t);
        return;
    }
    let big = area.height >= BIG_FROM_ROWS && !crate::text::ambiguous_wide();
    let inner = Rect {
        x: area.x + 1,
        width: area.width.saturating_sub(2),
        ..area
    };
    let mut y = area.y;
    // The meeting's title, the clock, and the corner note; full screen
    // keeps only the note (on the last row).
    if !app.prefs.fullscreen {
        top_row(
            app,
            f,
            Rect {
                y,
                height: 1,
                ..inner
            },
            buf,
        );
        y += 2;
    }

    // The speaker band at the bottom (the big timer shows the speaker itself).
    let band_h = if app.prefs.big_timer {
        0
    } else if big && !app.prefs.fullscreen {
        4
    } else {
        1
    };
    let bottom = area.bottom() - band_h;
    if band_h > 0 {
        speaker_band(
            app,
            Rect::new(inner.x, bottom, inner.width, band_h),
            big,
            buf,
        );
        if bottom > y + 1 {
            rule(buf, area.x, bottom - 1, area.width, t.border);
        }
    }
    let pane_bottom = bottom.saturating_sub(u16::from(band_h > 0));

    // The item: number and title.
    let title_area = Rect::new(inner.x, y, inner.width, pane_bottom.saturating_sub(y));
    let used = item_title(app, title_area, big, buf);
    y += used;
    if used > 0 && y < pane_bottom {
        y += 1;
    }

    let main = Rect::new(inner.x, y, inner.width, pane_bottom.saturating_sub(y));
    if app.prefs.big_timer {
        big_timer::draw(app, main, buf);
    } else {
        let pane = app.pane_state();
        let v = screen::view(app, &pane);
        panes::draw(&v, main, buf);
    }
    if app.prefs.fullscreen
        && let Some(text) = note_text(f, app.prefs.lang)
    {
        let w = width(&text) as u16;
        let x = inner.right().saturating_sub(w);
        put(
            buf,
            inner,
            x,
            area.bottom() - 1,
            &text,
            usize::from(inner.width),
            t.muted,
        );
    }
}

/// The meeting's title on the left; the note and the clock on the right.
fn top_row(app: &App, f: &Follow, area: Rect, buf: &mut Buffer) {
    let t = crate::ui::theme::of(app.prefs.theme);
    let clock = app.now().format("%H:%M:%S").to_string();
    let mut right = vec![(clock, t.accent)];
    if let Some(note) = note_text(f, app.prefs.lang) {
        right.insert(0, (note, t.muted));
    }
    let right_w: usize = right.iter().map(|(s, _)| width(s) + 2).sum();
    let mut x = area.right();
    for (text, style) in right.iter().rev() {
        let w = width(text) as u16;
        x = x.saturating_sub(w);
        put(buf, area, x, area.y, text, usize::from(w), *style);
        x = x.saturating_sub(2);
    }
    let title = &app.data.snapshot().meeting.title;
    put(
        buf,
        area,
        area.x,
        area.y,
        title,
        usize::from(area.width).saturating_sub(right_w),
        t.title,
    );
}

/// The corner's words for what is amiss, if anything.
pub fn note_text(f: &Follow, lang: Lang) -> Option<String> {
    let hm = |t: &chrono::NaiveDateTime| t.format("%H:%M:%S").to_string();
    let text = match f.note.as_ref()? {
        Note::NoPresenter => wl::NO_PRESENTER.get(lang).to_owned(),
        Note::Stale { since } => format!("{} {}", wl::PRESENTER_QUIET.get(lang), hm(since)),
        Note::Ended { at } => format!("{} {}", wl::PRESENTER_LEFT.get(lang), hm(at)),
        Note::Broken(_) => wl::POSITION_BROKEN.get(lang).to_owned(),
        Note::OtherMeeting(date) => format!(
            "{}{}",
            wl::OTHER_MEETING.get(lang),
            lang.paren(&date.format("%Y-%m-%d").to_string())
        ),
        Note::Waiting => wl::WAITING_FOR_DATA.get(lang).to_owned(),
        Note::ClockBehind => wl::CLOCK_BEHIND.get(lang).to_owned(),
    };
    Some(format!("○ {text}"))
}

/// The item's number (big when there is room) and its full title beside
/// it, wrapped; returns the rows used.
fn item_title(app: &App, area: Rect, big: bool, buf: &mut Buffer) -> u16 {
    let Some((n, of, text)) = title::current(app) else {
        return 0;
    };
    let t = crate::ui::theme::of(app.prefs.theme);
    if area.height == 0 {
        return 0;
    }
    let number = n.to_string();
    let big_w = number.chars().count() as u16 * 8;
    if big && area.width > big_w + 20 && area.height >= 4 {
        let room = usize::from(area.width - big_w - 3);
        let lines = wrap(&text, room);
        let h = (lines.len() as u16).max(4).min(area.height);
        BigText::builder()
            .pixel_size(PixelSize::HalfHeight)
            .style(t.accent)
            .alignment(Alignment::Left)
            .lines(vec![Line::from(number)])
            .build()
            .render(Rect::new(area.x, area.y, big_w, 4.min(h)), buf);
        // Centred against the digits when it is short.
        let y0 = area.y + (4u16.saturating_sub(lines.len() as u16)) / 2;
        for (k, line) in lines.iter().enumerate() {
            let y = y0 + k as u16;
            if y >= area.y + h {
                break;
            }
            put(buf, area, area.x + big_w + 3, y, line, room, t.title);
        }
        let of_text = format!("/ {of}");
        let ow = width(&of_text) as u16;
        if lines.len() < 4 && usize::from(area.width) > room {
            put(
                buf,
                area,
                area.x + big_w + 3,
                area.y + h - 1,
                &of_text,
                usize::from(ow),
                t.muted,
            );
        }
        return h;
    }
    let tag = format!("{n}/{of}");
    let indent = width(&tag) as u16 + 2;
    let room = usize::from(area.width.saturating_sub(indent)).max(1);
    let lines = wrap(&text, room);
    put(
        buf,
        area,
        area.x,
        area.y,
        &tag,
        usize::from(area.width),
        t.accent,
    );
    let h = (lines.len() as u16).min(area.height);
    for (k, line) in lines.iter().take(usize::from(h)).enumerate() {
        put(
            buf,
            area,
            area.x + indent,
            area.y + k as u16,
            line,
            room,
            t.title,
        );
    }
    h
}

/// Who has the floor and the countdown the room watches.
fn speaker_band(app: &App, area: Rect, big: bool, buf: &mut Buffer) {
    let t = crate::ui::theme::of(app.prefs.theme);
    let lang = app.prefs.lang;
    let Some(i) = app.current() else { return };
    let who = speaker_line(app, i);
    let Some(timer) = app.main_timer() else {
        return;
    };
    let label = if app.speaker_timer().is_some() {
        sl::SPEAKER_TIMER
    } else {
        sl::ITEM_TIMER
    };
    let planned = TimerView {
        remaining: timer.planned,
        ..timer
    }
    .text();
    let mut parts: Vec<(String, Style)> = Vec::new();
    if let Some(who) = who {
        parts.push((who, t.title));
        parts.push(("  ".into(), t.base));
    }
    let text = timer.text();
    if big && area.height >= 4 {
        // The countdown in big digits on the right; who and the plan on the left.
        let digits_w = text.chars().count() as u16 * 4;
        let x = area.right().saturating_sub(digits_w);
        BigText::builder()
            .pixel_size(PixelSize::Quadrant)
            .style(timer_style(t, &timer))
            .lines(vec![Line::from(text.clone())])
            .build()
            .render(Rect::new(x, area.y, digits_w, 4), buf);
        let room = usize::from(x.saturating_sub(area.x + 2));
        let mut y = area.y + 1;
        let line1: Vec<(String, Style)> = parts;
        spans(buf, area, area.x, y, room, &line1);
        y += 1;
        let mut line2 = vec![
            (label.get(lang).to_owned(), t.muted),
            (format!(" {} {planned}", sl::PLANNED.get(lang)), t.muted),
        ];
        if timer.paused {
            line2.push(("  ".into(), t.base));
            line2.push((sl::PAUSED.get(lang).to_owned(), t.banner));
        }
        spans(buf, area, area.x, y, room, &line2);
        return;
    }
    parts.push((label.get(lang).to_owned(), t.muted));
    parts.push((" ".into(), t.base));
    parts.push((text, timer_style(t, &timer)));
    parts.push((format!(" / {planned}"), t.muted));
    if timer.paused {
        parts.push(("  ".into(), t.base));
        parts.push((sl::PAUSED.get(lang).to_owned(), t.banner));
    }
    spans(buf, area, area.x, area.y, usize::from(area.width), &parts);
}

/// Writes styled pieces one after another from (`x`, `y`) within `room`.
fn spans(buf: &mut Buffer, area: Rect, x: u16, y: u16, room: usize, parts: &[(String, Style)]) {
    let mut used = 0;
    for (text, style) in parts {
        if used >= room {
            break;
        }
        used += put(buf, area, x + used as u16, y, text, room - used, *style);
    }
}
