//! `guotang render`: the screen the console would show on an agenda item,
//! printed without a terminal — timers at zero and the clock at the
//! meeting's planned start, so the output is the same on every run.

use std::process::ExitCode;

use chrono::{NaiveDateTime, NaiveTime};
use ratatui::buffer::Buffer;

use super::out::{errln, out};
use crate::app::{App, Keymap, Options};
use crate::model::Document;
use crate::store::meeting_log::MeetingLog;
use crate::ui::theme::ThemeName;

/// What to render.
#[derive(Debug, Clone)]
pub struct RenderArgs {
    /// 1-based agenda item.
    pub item: usize,
    pub width: u16,
    pub height: u16,
    pub theme: ThemeName,
    pub ansi: bool,
    /// `LANG`, for the labels when the snapshot gives no locale.
    pub env_lang: Option<String>,
}

/// Parses `120x40` (or `120×40`).
pub fn parse_size(s: &str) -> Result<(u16, u16), String> {
    let (w, h) = s
        .split_once(['x', 'X', '×'])
        .ok_or_else(|| format!("expected WIDTHxHEIGHT such as 120x40, found {s:?}"))?;
    let n = |t: &str| {
        t.trim()
            .parse::<u16>()
            .ok()
            .filter(|v| (1..=1000).contains(v))
            .ok_or_else(|| format!("expected a size from 1 to 1000, found {t:?}"))
    };
    Ok((n(w)?, n(h)?))
}

/// The meeting's planned start: its day at `start` (09:00 without one).
pub fn planned_start(doc: &Document) -> NaiveDateTime {
    let m = &doc.snapshot.meeting;
    let t = m
        .start
        .unwrap_or_else(|| NaiveTime::from_hms_opt(9, 0, 0).unwrap_or_default());
    m.date.and_time(t)
}

/// A console on `doc`, on agenda item `item` (0-based), its timer just
/// started at the item's planned start (the meeting's start plus every
/// earlier item as planned), so the clock and the projection read as a
/// meeting on time. Nothing is written anywhere.
pub fn app_at_item(
    doc: Document,
    item: usize,
    theme: ThemeName,
    env_lang: Option<String>,
    size: (u16, u16),
) -> App {
    let start = planned_start(&doc);
    let m = &doc.snapshot.meeting;
    let log = MeetingLog::new("render", m.date, &m.title);
    let opts = Options {
        theme: Some(theme),
        no_color: false,
        env_lang,
        keymap: Keymap::default(),
        size,
    };
    let mut app = App::new(doc, None, log, opts, start);
    let before: i64 = (0..item).map(|i| app.data.planned_seconds(i)).sum();
    let at = start + chrono::Duration::seconds(before);
    app.update(crate::app::Action::Tick(at));
    app.data.loaded_at = at;
    app.begin_at(item);
    app
}

/// The buffer `guotang render` prints.
pub fn screen(doc: Document, args: &RenderArgs) -> Buffer {
    let app = app_at_item(
        doc,
        args.item.saturating_sub(1),
        args.theme,
        args.env_lang.clone(),
        (args.width, args.height),
    );
    crate::ui::screen::render(&app, args.width, args.height)
}

/// Prints the screen; refuses an item the agenda does not have.
pub fn run(doc: Document, args: &RenderArgs) -> ExitCode {
    let n = doc.snapshot.agenda.len();
    if args.item == 0 || (args.item > n && n > 0) || (n == 0 && args.item != 1) {
        errln!("error: --item {}: the agenda has items 1 to {n}", args.item);
        return ExitCode::FAILURE;
    }
    let buf = screen(doc, args);
    if args.ansi {
        // SGR colours on purpose; the text in the cells is made safe already.
        super::out::data(crate::ui::buffer_text::ansi(&buf).as_bytes());
    } else {
        out!("{}", crate::ui::buffer_text::plain(&buf));
    }
    ExitCode::SUCCESS
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sizes_parse_and_nonsense_is_named() {
        assert_eq!(parse_size("120x40"), Ok((120, 40)));
        assert_eq!(parse_size("80×24"), Ok((80, 24)));
        assert!(parse_size("120").unwrap_err().contains("WIDTHxHEIGHT"));
        assert!(parse_size("0x10").unwrap_err().contains("\"0\""));
    }
}
