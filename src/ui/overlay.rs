//! What covers the console: the `?` help (generated from the keymap table)
//! and the "enlarge the window" message of a too-small terminal.

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::style::Style;
use ratatui::widgets::{Block, BorderType, Clear, Widget};

use crate::app::App;
use crate::app::keymap::{BINDINGS, Command};
use crate::app::layout::{MIN_HEIGHT, MIN_WIDTH};
use crate::i18n::Lang;
use crate::text::width;
use crate::ui::draw::put;
use crate::ui::theme::Theme;
use crate::words::shell_labels as sl;

/// The help's rows: keys and what they do, every binding of the table (the
/// nine jumps folded into one row).
pub fn help_rows(app: &App, lang: Lang) -> Vec<(String, String)> {
    if app.edit.active {
        return app.prefs.keymap.editor.help_rows(lang);
    }
    let mut rows = Vec::new();
    for (i, b) in BINDINGS.iter().enumerate() {
        match b.command {
            Command::Jump(1) => {
                let keys: Vec<String> = (0..BINDINGS.len())
                    .filter(|&k| matches!(BINDINGS[k].command, Command::Jump(_)))
                    .map(|k| app.prefs.keymap.presenter.keys_text(k, lang))
                    .collect();
                let keys = if keys
                    .iter()
                    .enumerate()
                    .all(|(k, s)| *s == (k + 1).to_string())
                {
                    "1–9".to_owned()
                } else {
                    keys.join(" ")
                };
                rows.push((keys, sl::HELP_JUMP.get(lang).to_owned()));
            }
            Command::Jump(_) => {}
            _ => rows.push((
                app.prefs.keymap.presenter.keys_text(i, lang),
                b.help.get(lang).to_owned(),
            )),
        }
    }
    rows
}

/// Draws the help box over `area`.
pub fn draw_help(app: &App, area: Rect, buf: &mut Buffer) {
    let t = crate::ui::theme::of(app.prefs.theme);
    let lang = app.prefs.lang;
    let rows = help_rows(app, lang);
    let key_w = rows
        .iter()
        .map(|(k, _)| width(k))
        .max()
        .unwrap_or(0)
        .min(24);
    let text_w = rows.iter().map(|(_, d)| width(d)).max().unwrap_or(0);
    let mouse = if app.edit.active {
        crate::words::edit_labels::HELP_PASTE.get(lang)
    } else {
        sl::HELP_MOUSE.get(lang)
    };
    let want_w = (key_w + 3 + text_w).max(width(mouse)) + 4;
    let inner = framed(
        area,
        buf,
        t,
        sl::HELP_TITLE.get(lang),
        want_w,
        rows.len() + 4,
    );
    let iw = usize::from(inner.width);
    for (k, (keys, what)) in rows.iter().enumerate() {
        let y = inner.y + k as u16;
        if y >= inner.bottom() {
            break;
        }
        put(buf, inner, inner.x, y, keys, key_w, t.accent);
        put(
            buf,
            inner,
            inner.x + key_w as u16 + 3,
            y,
            what,
            iw.saturating_sub(key_w + 3),
            t.base,
        );
    }
    let y = inner.y + rows.len() as u16 + 1;
    put(buf, inner, inner.x, y, mouse, iw, t.muted);
}

/// Clears a box of about `want_w`×`want_h` in the middle of `area`, frames
/// it with `title`, and returns the inside (two columns of air each side).
pub fn framed(
    area: Rect,
    buf: &mut Buffer,
    t: &Theme,
    title: &str,
    want_w: usize,
    want_h: usize,
) -> Rect {
    let w = (want_w.min(usize::from(u16::MAX)) as u16).min(area.width);
    let h = (want_h.min(usize::from(u16::MAX)) as u16).min(area.height);
    let r = Rect {
        x: area.x + (area.width - w) / 2,
        y: area.y + (area.height - h) / 2,
        width: w,
        height: h,
    };
    let cut = wide_cut_at_right_edge(buf, r);
    Clear.render(r, buf);
    clear_wide_left_of(buf, r);
    Block::bordered()
        .border_type(BorderType::Rounded)
        .border_style(t.border)
        .style(t.base)
        .title(format!(" {} ", crate::sanitize::one_line(title)))
        .title_style(t.title)
        .render(r, buf);
    blank_right_halves(buf, r, t, &cut);
    Rect {
        x: r.x + 2,
        y: r.y + 1,
        width: r.width.saturating_sub(4),
        height: r.height.saturating_sub(2),
    }
}

/// A wide character just left of a box would spill its second half into the
/// box's first column and push the border right: blank it.
fn clear_wide_left_of(buf: &mut Buffer, r: Rect) {
    if r.x == 0 {
        return;
    }
    for y in r.top()..r.bottom() {
        if let Some(c) = buf.cell_mut((r.x - 1, y))
            && width(c.symbol()) > 1
        {
            c.set_symbol(" ");
        }
    }
}

/// The rows where a wide character starts in the box's last column, with
/// its style: the box cuts it in half.
fn wide_cut_at_right_edge(buf: &Buffer, r: Rect) -> Vec<(u16, Style)> {
    if r.width == 0 {
        return Vec::new();
    }
    (r.top()..r.bottom())
        .filter_map(|y| {
            let c = buf.cell((r.right() - 1, y))?;
            (width(c.symbol()) > 1).then(|| (y, c.style()))
        })
        .collect()
}

/// The second half of a wide character the box cut, just right of it, was
/// covered by the character and never drawn: its cell holds the terminal's
/// default background (a hole in the theme's colour) or is skipped by the
/// diff (the old half would stay on screen). Blank it in the colours of
/// the character it belonged to.
fn blank_right_halves(buf: &mut Buffer, r: Rect, t: &Theme, cut: &[(u16, Style)]) {
    for &(y, style) in cut {
        if let Some(c) = buf.cell_mut((r.right(), y)) {
            c.reset();
            c.set_style(t.base.patch(style));
        }
    }
}

/// Fills `area` with the request to enlarge the window, in both languages.
pub fn draw_too_small(area: Rect, buf: &mut Buffer, theme: &crate::ui::theme::Theme) {
    crate::ui::rail::fill(buf, area, theme.base);
    let size = format!("{MIN_WIDTH}×{MIN_HEIGHT}");
    let now = format!("{}×{}", area.width, area.height);
    let [zh_head, zh_ask, zh_now] = sl::TOO_SMALL_ZH;
    let [en_head, en_ask, en_now] = sl::TOO_SMALL_EN;
    let lines = [
        zh_head.to_owned(),
        format!("{zh_ask} {size}（{zh_now} {now}）"),
        String::new(),
        en_head.to_owned(),
        format!("{en_ask} {size} ({en_now} {now})"),
    ];
    let top = area.y + area.height.saturating_sub(lines.len() as u16) / 2;
    for (k, line) in lines.iter().enumerate() {
        let lw = width(line).min(usize::from(area.width));
        let x = area.x + (area.width - lw as u16) / 2;
        let style = if k == 0 || k == 3 {
            theme.title
        } else {
            theme.muted
        };
        put(
            buf,
            area,
            x,
            top + k as u16,
            line,
            usize::from(area.width),
            style,
        );
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::app::{App, Options};
    use crate::model::Document;
    use crate::store::meeting_log::MeetingLog;

    #[test]
    fn help_lists_every_action_with_its_keys() {
        let doc = Document::from_bytes(crate::model::DEMO.as_bytes()).unwrap();
        let m = &doc.snapshot.meeting;
        let log = MeetingLog::new("t", m.date, &m.title);
        let now = m.date.and_hms_opt(9, 0, 0).unwrap();
        let app = App::new(doc.clone(), None, log, Options::default(), now);
        for lang in [Lang::Zh, Lang::En] {
            let rows = help_rows(&app, lang);
            for (i, b) in BINDINGS.iter().enumerate() {
                let keys = app.prefs.keymap.presenter.keys_text(i, lang);
                let listed = match b.command {
                    Command::Jump(n) => rows.iter().any(|(k, d)| {
                        (k == "1–9" || k.contains(&n.to_string())) && d == sl::HELP_JUMP.get(lang)
                    }),
                    _ => rows
                        .iter()
                        .any(|(k, d)| *k == keys && d == b.help.get(lang)),
                };
                assert!(listed, "{} missing from the help ({lang:?})", b.name);
            }
        }
    }
}
