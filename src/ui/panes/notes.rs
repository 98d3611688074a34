//! The notes pane (讲话/点评): the presenter's outline for the item, large
//! and calm — generous spacing, bold lines — with who speaks and the timer.
//! CJK has no big font in a terminal, so size comes from space, not glyphs;
//! the timer, digits only, is drawn big when there is room.

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::widgets::Widget;

use crate::sanitize::one_line;
use crate::text::width;
use crate::ui::big_timer::{big_height, big_text};
use crate::ui::draw::put;
use crate::ui::footer::timer_style;
use crate::ui::view::View;
use crate::ui::wrap::wrap;
use crate::words::shell_labels as sl;

/// Draws the notes pane from a borrowed view.
pub struct NotesPane<'a>(pub &'a View<'a>);

impl Widget for NotesPane<'_> {
    fn render(self, area: Rect, buf: &mut Buffer) {
        let v = self.0;
        let t = v.theme;
        let lang = v.lang;
        let Some(item) = v.item else { return };
        if area.width < 10 || area.height < 3 {
            return;
        }
        let w = usize::from(area.width);
        let roomy = area.height >= 30 && area.width >= 100;

        // The timer at the top right: big digits when there is room.
        let mut timer_w = 0;
        let mut top_h = 2u16;
        if let Some(tv) = v.item_timer {
            let text = tv.text();
            let style = timer_style(t, &tv);
            let big_area = Rect {
                x: area.right().saturating_sub(text.len() as u16 * 4),
                width: (text.len() as u16 * 4).min(area.width),
                ..area
            };
            if roomy && big_height(&text, big_area, 4) == 4 {
                big_text(buf, big_area, &text, style, 4);
                timer_w = usize::from(big_area.width) + 2;
                top_h = 4;
            } else {
                timer_w = width(&text) + 2;
                put(
                    buf,
                    area,
                    area.right() - width(&text) as u16,
                    area.y,
                    &text,
                    w,
                    style,
                );
            }
            if tv.paused {
                let p = sl::PAUSED.get(lang);
                let y = area.y + if top_h == 4 { 4 } else { 1 };
                put(
                    buf,
                    area,
                    area.right().saturating_sub(width(p) as u16),
                    y,
                    p,
                    w,
                    t.banner,
                );
            }
        }

        let mut y = area.y;
        put(
            buf,
            area,
            area.x,
            y,
            &item.title,
            w.saturating_sub(timer_w),
            t.title,
        );
        y += 1;
        if let Some(sp) = &item.speaker {
            let line = format!("{}  {}", sl::SPEAKER.get(lang), one_line(sp));
            put(
                buf,
                area,
                area.x,
                y,
                &line,
                w.saturating_sub(timer_w),
                t.accent,
            );
        }
        y = area.y + top_h + 1 + u16::from(roomy);

        if item.notes.is_empty() {
            put(buf, area, area.x, y, sl::NO_NOTES.get(lang), w, t.muted);
            return;
        }
        // Each point set apart by blank lines — as many as the room allows,
        // up to three — its continuation lines indented under its text.
        let indent = if roomy { 4 } else { 3 };
        let text_w = w.saturating_sub(indent + 2).max(4);
        let shown = &item.notes[v.pane.scroll.min(item.notes.len())..];
        let wrapped: Vec<Vec<String>> = shown.iter().map(|n| wrap(&one_line(n), text_w)).collect();
        let needed: usize = wrapped.iter().map(Vec::len).sum();
        let rows = usize::from(area.bottom().saturating_sub(y));
        let gap = (rows.saturating_sub(needed) / wrapped.len().max(1)).clamp(1, 3) as u16;
        for lines in wrapped {
            if y >= area.bottom() {
                break;
            }
            put(buf, area, area.x + 1, y, "•", 1, t.accent);
            for line in lines {
                if y >= area.bottom() {
                    break;
                }
                put(buf, area, area.x + indent as u16, y, &line, text_w, t.title);
                y += 1;
            }
            y += gap;
        }
    }
}
