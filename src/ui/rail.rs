//! The agenda rail: every item with its planned minutes, done items with
//! their actual length (over-runs marked), the current one highlighted, the
//! next one named, and when the meeting will end at this pace.

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::style::Style;

use crate::app::App;
use crate::app::layout::{RAIL_BOTTOM_ROWS as BOTTOM_ROWS, rail_items as items_area};
use crate::app::timers::ItemStatus;
use crate::text::pad_left;
use crate::ui::draw::put;
use crate::words::shell_labels as sl;

/// `m:ss` for a number of seconds.
fn mss(s: i64) -> String {
    format!("{}:{:02}", s / 60, s % 60)
}

/// Planned minutes as the rail writes them (`8分`, `2.5分`).
fn minutes(secs: i64, lang: crate::i18n::Lang) -> String {
    let m = secs as f64 / 60.0;
    let n = if (m - m.round()).abs() < 1e-9 {
        format!("{}", m.round() as i64)
    } else {
        format!("{m:.1}")
    };
    format!("{n}{}", sl::MIN_SHORT.get(lang))
}

/// Draws the rail in `area` (the rule is its last column).
pub fn draw(app: &App, area: Rect, buf: &mut Buffer) {
    if area.width < 4 || area.height == 0 {
        return;
    }
    let t = crate::ui::theme::of(app.prefs.theme);
    let lang = app.prefs.lang;
    let agenda = &app.data.snapshot().agenda;
    for y in area.top()..area.bottom() {
        if let Some(c) = buf.cell_mut((area.right() - 1, y)) {
            c.set_symbol("│").set_style(t.border);
        }
    }
    let cw = usize::from(area.width.saturating_sub(3));
    let x0 = area.x + 1;
    let cur = app.current();
    let head = format!(
        "{} {}/{}",
        sl::AGENDA.get(lang),
        cur.map_or(0, |c| c + 1),
        agenda.len()
    );
    put(buf, area, x0, area.y, &head, cw, t.title);

    let (rows, first) = items_area(app, area);
    let time_w = if cw >= 34 { 12 } else { 6 };
    for (row, i) in (first..agenda.len())
        .take(usize::from(rows.height))
        .enumerate()
    {
        let y = rows.y + row as u16;
        let item = &agenda[i];
        let status = app.item_status(i);
        let (title_style, time, time_style) = match status {
            ItemStatus::Current => {
                let timer = app.item_timer();
                let text = timer.map_or_else(String::new, |tv| tv.text());
                (t.selected, text, t.selected)
            }
            ItemStatus::Done { elapsed_s, over } => {
                let planned = app.data.planned_seconds(i);
                let text = if over && time_w > 6 {
                    format!("{} (+{})", mss(elapsed_s), mss(elapsed_s - planned))
                } else {
                    mss(elapsed_s)
                };
                (t.muted, text, if over { t.overrun } else { t.good })
            }
            ItemStatus::Ahead => (t.base, minutes(app.data.planned_seconds(i), lang), t.muted),
        };
        if status == ItemStatus::Current {
            fill(
                buf,
                Rect {
                    x: area.x,
                    y,
                    width: area.width - 1,
                    height: 1,
                },
                t.selected,
            );
        }
        let mark = if status == ItemStatus::Current {
            "▶"
        } else {
            " "
        };
        put(buf, area, area.x, y, mark, 1, title_style);
        let num = pad_left(&(i + 1).to_string(), 2);
        put(buf, area, x0, y, &num, 2, title_style);
        let title_w = cw.saturating_sub(3 + time_w + 1);
        put(buf, area, x0 + 3, y, &item.title, title_w, title_style);
        let time = pad_left(&time, time_w);
        put(
            buf,
            area,
            x0 + (cw - time_w) as u16,
            y,
            &time,
            time_w,
            time_style,
        );
    }

    if area.height <= BOTTOM_ROWS + 3 {
        return;
    }
    let y = area.bottom() - BOTTOM_ROWS;
    crate::ui::header::rule(buf, area.x, y, area.width - 1, t.border);
    let next = cur.and_then(|c| agenda.get(c + 1));
    let (label, name) = match next {
        Some(it) => (sl::NEXT_ITEM.get(lang), it.title.as_str()),
        None => (sl::LAST_ITEM.get(lang), ""),
    };
    let used = put(buf, area, x0, y + 1, label, cw, t.muted);
    if !name.is_empty() {
        put(
            buf,
            area,
            x0 + used as u16 + 1,
            y + 1,
            name,
            cw.saturating_sub(used + 1),
            t.base,
        );
    }
    if let Some(p) = app.projection() {
        let line1 = format!(
            "{} {} {}",
            sl::AT_THIS_PACE.get(lang),
            p.end.format("%H:%M"),
            sl::ENDS.get(lang)
        );
        put(buf, area, x0, y + 2, line1.trim_end(), cw, t.base);
        let (text, style) = late_text(p.late_minutes, lang, t);
        put(buf, area, x0, y + 3, &text, cw, style);
    }
}

/// "超时 12 分钟" / "提前 3 分钟" / "准时", with its style.
pub fn late_text(
    late: i64,
    lang: crate::i18n::Lang,
    t: &crate::ui::theme::Theme,
) -> (String, Style) {
    let unit = sl::MINUTES.get(lang);
    match late {
        0 => (sl::ON_TIME.get(lang).to_owned(), t.good),
        m if m > 0 => (format!("{} {m} {unit}", sl::LATE_BY.get(lang)), t.overrun),
        m => (format!("{} {} {unit}", sl::EARLY_BY.get(lang), -m), t.good),
    }
}

/// Paints a row's background.
pub fn fill(buf: &mut Buffer, area: Rect, style: Style) {
    for y in area.top()..area.bottom() {
        for x in area.left()..area.right() {
            if let Some(c) = buf.cell_mut((x, y)) {
                c.set_symbol(" ").set_style(style);
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn minutes_and_durations_read_naturally() {
        assert_eq!(minutes(480, crate::i18n::Lang::Zh), "8分");
        assert_eq!(minutes(150, crate::i18n::Lang::En), "2.5m");
        assert_eq!(mss(552), "9:12");
        assert_eq!(crate::text::width(&mss(3600)), 5);
    }
}
