//! The editor's questions, drawn over everything: unsaved changes on quit,
//! a save conflict, save as, and recovering a crashed session's edits.

use ratatui::buffer::Buffer;
use ratatui::layout::{Position, Rect};
use ratatui::style::Style;

use crate::app::App;
use crate::app::editor::Dialog;
use crate::text::width;
use crate::ui::draw::put;
use crate::ui::overlay::framed;
use crate::words::edit_labels as el;

/// Draws the open dialog, if any; returns the cursor of its text field.
pub fn draw(app: &App, area: Rect, buf: &mut Buffer) -> Option<Position> {
    let dialog = app.edit.dialog.as_ref()?;
    let t = crate::ui::theme::of(app.prefs.theme);
    let lang = app.prefs.lang;
    let (title, lines): (&str, Vec<(String, Style)>) = match dialog {
        Dialog::Quit => (
            el::DLG_QUIT_TITLE.get(lang),
            vec![(el::DLG_QUIT.get(lang).to_owned(), t.accent)],
        ),
        Dialog::Conflict { found, problem } => {
            let mut options = el::DLG_CONFLICT.get(lang).to_owned();
            if found.is_none() {
                // Nothing to reload: only overwrite (write it back) or save as.
                options = options
                    .split("    ")
                    .filter(|o| !o.starts_with('r'))
                    .collect::<Vec<_>>()
                    .join("    ");
            }
            let mut lines = vec![(el::DLG_CONFLICT_BODY.get(lang).to_owned(), t.base)];
            if let Some(p) = problem {
                let first = p.lines().next().unwrap_or_default();
                let p = crate::text::truncate(&crate::sanitize::one_line(first), 60);
                lines.push((
                    format!("✗ {}{}{p}", el::CONFLICT_UNREADABLE.get(lang), lang.colon()),
                    t.alarm,
                ));
            }
            lines.push((String::new(), t.base));
            lines.push((options, t.accent));
            (el::DLG_CONFLICT_TITLE.get(lang), lines)
        }
        Dialog::SaveAs(input) => (
            el::DLG_SAVE_AS_TITLE.get(lang),
            vec![
                (el::DLG_SAVE_AS.get(lang).to_owned(), t.muted),
                (String::new(), t.base),
                (input.value().to_owned(), t.title),
            ],
        ),
        Dialog::Recover(rec) => {
            let n: usize = rec.sets.iter().map(|s| s.len()).sum();
            let mut lines = vec![(
                format!(
                    "{} {}{}{n} {}",
                    el::RECOVER_STARTED.get(lang),
                    short_time(&rec.started),
                    lang.colon(),
                    el::RECOVER_SETS.get(lang)
                ),
                t.base,
            )];
            match &rec.replay {
                Ok(r) if !r.clashes.is_empty() => lines.push((
                    format!("{} {}", r.clashes.len(), el::RECOVER_CLASHES.get(lang)),
                    t.warning,
                )),
                Ok(_) => {}
                Err(e) => lines.push((
                    format!("{}{}{e}", el::RECOVER_BROKEN.get(lang), lang.colon()),
                    t.alarm,
                )),
            }
            if rec.legacy_hash {
                lines.push((el::RECOVER_LEGACY.get(lang).to_owned(), t.muted));
            }
            if rec.torn_tail {
                lines.push((el::RECOVER_TORN.get(lang).to_owned(), t.muted));
            }
            lines.push((String::new(), t.base));
            lines.push((el::DLG_RECOVER.get(lang).to_owned(), t.accent));
            (el::DLG_RECOVER_TITLE.get(lang), lines)
        }
    };
    let want_w = lines
        .iter()
        .map(|(l, _)| width(l))
        .chain([width(title) + 4, 40])
        .max()
        .unwrap_or(40)
        + 4;
    let inner = framed(area, buf, t, title, want_w, lines.len() + 2);
    let iw = usize::from(inner.width);
    for (k, (line, style)) in lines.iter().enumerate() {
        put(buf, inner, inner.x, inner.y + k as u16, line, iw, *style);
    }
    match dialog {
        Dialog::SaveAs(input) => {
            let y = inner.y + 2;
            let x = inner.x + (input.visual_cursor().min(iw.saturating_sub(1))) as u16;
            if let Some(c) = buf.cell_mut((x, y)) {
                c.set_style(t.selected);
            }
            Some(Position { x, y })
        }
        _ => None,
    }
}

/// `2026-11-29T14:02:11.123+08:00` as `11-29 14:02`.
fn short_time(rfc3339: &str) -> String {
    chrono::DateTime::parse_from_rfc3339(rfc3339)
        .map(|t| t.format("%m-%d %H:%M").to_string())
        .unwrap_or_else(|_| rfc3339.to_owned())
}
