//! The header: the meeting, the live clock, the period and time progress, and
//! when the data was last loaded; and the one-row banner under it.

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;

use crate::app::App;
use crate::i18n::pct;
use crate::store::watch::{Watching, WhyPoll};
use crate::text::width;
use crate::ui::draw::put;
use crate::words::labels;
use crate::words::shell_labels as sl;
use crate::words::wall_labels as wl;

/// Draws the header in `area` (its last row is a rule).
pub fn draw(app: &App, area: Rect, buf: &mut Buffer) {
    if area.height == 0 {
        return;
    }
    let t = crate::ui::theme::of(app.prefs.theme);
    let lang = app.prefs.lang;
    let s = app.data.snapshot();
    let m = &s.meeting;
    let w = usize::from(area.width);
    let pad = 1u16;
    let inner_w = w.saturating_sub(2);

    // Row 1: title left, clock right.
    let clock = app.now().format("%H:%M:%S").to_string();
    let clock_w = width(&clock);
    let x_clock = area.right().saturating_sub(pad + clock_w as u16);
    put(buf, area, x_clock, area.y, &clock, clock_w, t.accent);
    put(
        buf,
        area,
        area.x + pad,
        area.y,
        &m.title,
        inner_w.saturating_sub(clock_w + 2),
        t.title,
    );
    if area.height < 2 {
        return;
    }

    // Row 2: date · venue · period · time progress left, data freshness right.
    let y = area.y + 1;
    let (fresh_label, fresh_style) = if app.data.reloaded {
        (sl::DATA_UPDATED, t.good)
    } else {
        (sl::DATA_LOADED, t.muted)
    };
    let mut fresh = format!(
        "{} {}",
        fresh_label.get(lang),
        app.data.loaded_at.format("%H:%M:%S")
    );
    // Polling is worth knowing (a change shows within a second, not at
    // once); native watching goes without saying.
    if let Some(note) = watching_note(&app.room.watching, lang) {
        fresh = format!("{note} · {fresh}");
    }
    let fresh_w = width(&fresh);
    let x_fresh = area.right().saturating_sub(pad + fresh_w as u16);
    put(buf, area, x_fresh, y, &fresh, fresh_w, fresh_style);

    let room = inner_w.saturating_sub(fresh_w + 2);
    let progress = format!(
        "{} {}",
        labels::TIME_PROGRESS.get(lang),
        pct(app.data.derived.standings.time_progress)
    );
    // Time progress is the figure the room needs: it goes first, and the
    // rest follows as long as it fits whole. Under points scoring it
    // measures nothing and is not said.
    let mut parts = Vec::new();
    if app.data.snapshot().scoring != crate::model::Scoring::Points {
        parts.push((progress, t.accent));
    }
    parts.push((m.date.format("%Y-%m-%d").to_string(), t.muted));
    if let Some(label) = &m.period.label {
        parts.push((label.clone(), t.muted));
    }
    if let Some(venue) = &m.venue {
        parts.push((venue.clone(), t.muted));
    }
    segments(buf, area, area.x + pad, y, room, &parts, t.muted);

    if area.height >= 3 {
        rule(buf, area.x, area.bottom() - 1, area.width, t.border);
    }
}

/// How the file is watched, when it is not by native events: `轮询（nfs4）`.
pub fn watching_note(w: &Watching, lang: crate::i18n::Lang) -> Option<String> {
    let why = match w {
        Watching::Native => return None,
        Watching::Polling(WhyPoll::Asked) => return Some(wl::POLLING.get(lang).to_owned()),
        Watching::Polling(WhyPoll::Network(fs)) => crate::sanitize::one_line(fs).into_owned(),
        Watching::Polling(WhyPoll::NativeFailed(_)) => wl::POLLING_FAILED.get(lang).to_owned(),
    };
    Some(format!("{}{}", wl::POLLING.get(lang), lang.paren(&why)))
}

/// Writes `parts` separated by ` · ` from (`x`, `y`), each only if it fits
/// whole in `room` columns (the first is cut if it must); returns columns used.
pub fn segments(
    buf: &mut Buffer,
    area: Rect,
    x: u16,
    y: u16,
    room: usize,
    parts: &[(String, ratatui::style::Style)],
    sep_style: ratatui::style::Style,
) -> usize {
    let mut used = 0;
    for (k, (text, style)) in parts.iter().enumerate() {
        let sep = if k == 0 { 0 } else { 3 };
        let w = width(text);
        if k > 0 && used + sep + w > room {
            break;
        }
        if k > 0 {
            put(buf, area, x + used as u16, y, " · ", 3, sep_style);
            used += 3;
        }
        used += put(buf, area, x + used as u16, y, text, room - used, *style);
    }
    used
}

/// A horizontal rule.
pub fn rule(buf: &mut Buffer, x: u16, y: u16, w: u16, style: ratatui::style::Style) {
    for dx in 0..w {
        if let Some(c) = buf.cell_mut((x + dx, y)) {
            c.set_symbol("─").set_style(style);
        }
    }
}

/// Draws the banner row: a reload error (until fixed) or a passing notice.
pub fn draw_banner(app: &App, area: Rect, buf: &mut Buffer) {
    if area.height == 0 {
        return;
    }
    let t = crate::ui::theme::of(app.prefs.theme);
    let text = match (&app.data.error, &app.prefs.notice) {
        (Some(err), _) => {
            let label = if app.data.gone {
                sl::DATA_GONE
            } else {
                sl::DATA_BROKEN
            };
            let lang = app.prefs.lang;
            format!(" ⚠ {}{}{err}", label.get(lang), lang.colon())
        }
        (None, Some((notice, _))) => format!(" {notice}"),
        (None, None) => return,
    };
    let style = if app.data.error.is_some() {
        t.banner
    } else {
        t.accent
    };
    for dx in 0..area.width {
        if let Some(c) = buf.cell_mut((area.x + dx, area.y)) {
            c.set_symbol(" ").set_style(style);
        }
    }
    put(
        buf,
        area,
        area.x,
        area.y,
        &text,
        usize::from(area.width),
        style,
    );
}
