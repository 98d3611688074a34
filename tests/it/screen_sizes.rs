//! The whole console screen at any size from 1×1 to 300×100, on any agenda
//! item, with the help, the big timer and full screen on or off, a timer
//! anywhere from the start to far over: no panic, and every row fits the
//! width in terminal columns (a wide character never hangs over the edge).
//! tests/it/panes.rs checks each pane alone; this checks what frames them.

use chrono::Duration;
use guotang::app::{Action, App, Command};
use guotang::cli::render::app_at_item;
use guotang::model::{DEMO, Document};
use guotang::text::width;
use guotang::ui::buffer_text::plain;
use guotang::ui::screen::render;
use guotang::ui::theme::ThemeName;
use proptest::prelude::*;
use ratatui::buffer::Buffer;

const CJK: &str = include_str!("../fixtures/cjk.json");
const EN: &str = include_str!("../fixtures/en.json");

fn docs() -> Vec<Document> {
    [DEMO, CJK, EN]
        .iter()
        .map(|t| Document::from_bytes(t.as_bytes()).unwrap())
        .collect()
}

/// What the presenter may have toggled, and how long the item has run.
#[derive(Debug, Clone, Copy)]
struct Toggles {
    help: bool,
    big_timer: bool,
    full_screen: bool,
    ran_seconds: i64,
}

fn app(doc: &Document, item: usize, w: u16, h: u16, t: Toggles) -> App {
    let mut app = app_at_item(doc.clone(), item, ThemeName::Dark, None, (w, h));
    if let Some(now) = app.meeting.clock.now {
        app.update(Action::Tick(now + Duration::seconds(t.ran_seconds)));
    }
    for (on, command) in [
        (t.full_screen, Command::FullScreen),
        (t.big_timer, Command::BigTimer),
        (t.help, Command::Help),
    ] {
        if on {
            app.update(Action::Command(command));
        }
    }
    app
}

/// Every drawn character starts and ends inside the row, and the text of
/// every row is at most `w` columns.
fn check_fits(buf: &Buffer, w: u16, h: u16) -> Result<(), String> {
    if (buf.area.width, buf.area.height) != (w, h) {
        return Err(format!("the buffer is {:?}, not {w}x{h}", buf.area));
    }
    for y in 0..h {
        let mut x = 0;
        while x < w {
            let sym = buf[(x, y)].symbol();
            let cols = width(sym).max(1) as u16;
            if x + cols > w {
                return Err(format!(
                    "row {y}: {sym:?} at column {x} overhangs width {w}"
                ));
            }
            x += cols;
        }
    }
    let text = plain(buf);
    if text.lines().count() != usize::from(h) {
        return Err(format!("{} rows, not {h}", text.lines().count()));
    }
    if let Some(line) = text.lines().find(|l| width(l) > usize::from(w)) {
        return Err(format!("too wide for {w}: {line:?}"));
    }
    Ok(())
}

proptest! {
    // 400 cases of up to 300×100 take about 5 s in a debug build.
    #![proptest_config(ProptestConfig::with_cases(400))]

    #[test]
    fn the_whole_screen_fits_any_size(
        w in 1u16..=300,
        h in 1u16..=100,
        fixture in 0usize..3,
        item in 0usize..16,
        help in any::<bool>(),
        big_timer in any::<bool>(),
        full_screen in any::<bool>(),
        ran_seconds in prop_oneof![0i64..120, 0i64..20_000],
    ) {
        thread_local!(static DOCS: Vec<Document> = docs());
        DOCS.with(|docs| {
            let doc = &docs[fixture];
            let item = item % doc.snapshot.agenda.len();
            let t = Toggles { help, big_timer, full_screen, ran_seconds };
            let buf = render(&app(doc, item, w, h, t), w, h);
            check_fits(&buf, w, h).map_err(TestCaseError::fail)
        })?;
    }
}

#[test]
fn the_smallest_screens_fit_in_every_state() {
    for doc in docs() {
        for item in [0, doc.snapshot.agenda.len() - 1] {
            for bits in 0..8u8 {
                let t = Toggles {
                    help: bits & 1 != 0,
                    big_timer: bits & 2 != 0,
                    full_screen: bits & 4 != 0,
                    ran_seconds: 3_700,
                };
                for w in 1..=12 {
                    for h in 1..=8 {
                        let buf = render(&app(&doc, item, w, h, t), w, h);
                        if let Err(e) = check_fits(&buf, w, h) {
                            panic!("{w}x{h} item {item} {t:?}: {e}");
                        }
                    }
                }
            }
        }
    }
}

#[test]
fn the_checker_catches_an_overhanging_wide_character() {
    let mut buf = Buffer::empty(ratatui::layout::Rect::new(0, 0, 5, 1));
    buf[(4, 0)].set_symbol("中");
    assert!(check_fits(&buf, 5, 1).is_err());
    buf[(4, 0)].set_symbol("a");
    assert!(check_fits(&buf, 5, 1).is_ok());
}
