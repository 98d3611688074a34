//! The room's screens, whole: the audience view and the hall board at
//! 80×24, 120×40 and 200×60, drawn through the console's one `draw`.

use guotang::app::{Action, Command};
use guotang::cli::render::app_at_item;
use guotang::cli::render_room::{audience_at_item, audience_of, board_at_page};
use guotang::model::{DEMO, Document};
use guotang::text::width;
use guotang::ui::buffer_text::plain;
use guotang::ui::screen::render;
use guotang::ui::theme::ThemeName;

const SIZES: [(u16, u16); 3] = [(80, 24), (120, 40), (200, 60)];

fn doc() -> Document {
    Document::from_bytes(DEMO.as_bytes()).unwrap()
}

/// Checks the shape every screen must have, and returns its text.
fn shaped(text: String, w: u16, h: u16) -> String {
    assert_eq!(text.lines().count(), usize::from(h), "{text}");
    for line in text.lines() {
        assert!(width(line) <= usize::from(w), "too wide: {line:?}");
    }
    text
}

/// The audience on the overview (item 1), the ranking (2) and the red
/// speakers (3): the item's title, its pane, the speaker and countdown.
#[test]
fn audience_screens() {
    for (w, h) in SIZES {
        for item in [1, 2, 3] {
            let app = audience_at_item(doc(), item - 1, ThemeName::Dark, (w, h));
            let text = shaped(plain(&render(&app, w, h)), w, h);
            for operator in ["议程 ", "→ 下一项", "? 帮助", "数据载入"] {
                assert!(!text.contains(operator), "{operator}:\n{text}");
            }
            insta::assert_snapshot!(format!("audience_{w}x{h}_item{item}"), text);
        }
    }
}

/// The presenter's full screen and big timer, followed.
#[test]
fn audience_follows_full_screen_and_the_big_timer() {
    for (w, h) in [(80, 24), (200, 60)] {
        let mut p = app_at_item(doc(), 2, ThemeName::Dark, None, (w, h));
        p.update(Action::Command(Command::FullScreen));
        let a = audience_of(&p, doc(), ThemeName::Dark, (w, h));
        let text = shaped(plain(&render(&a, w, h)), w, h);
        insta::assert_snapshot!(format!("audience_fullscreen_{w}x{h}"), text);
        p.update(Action::Command(Command::FullScreen));
        p.update(Action::Command(Command::BigTimer));
        let a = audience_of(&p, doc(), ThemeName::Dark, (w, h));
        let text = shaped(plain(&render(&a, w, h)), w, h);
        insta::assert_snapshot!(format!("audience_big_timer_{w}x{h}"), text);
    }
}

/// Every page of the board's loop, at each size.
#[test]
fn board_screens() {
    for (w, h) in SIZES {
        let pages = board_at_page(doc(), 0, ThemeName::Dark, (w, h)).board_pages();
        for page in 0..pages.len() {
            let app = board_at_page(doc(), page, ThemeName::Dark, (w, h));
            let text = shaped(plain(&render(&app, w, h)), w, h);
            insta::assert_snapshot!(format!("board_{w}x{h}_page{}", page + 1), text);
        }
    }
}

/// Any size from tiny to huge: no panic, nothing past the edge.
#[test]
fn room_screens_at_any_size() {
    for (w, h) in [
        (1, 1),
        (20, 5),
        (79, 23),
        (80, 24),
        (81, 25),
        (300, 100),
        (1000, 300),
    ] {
        let a = audience_at_item(doc(), 2, ThemeName::Dark, (w, h));
        shaped(plain(&render(&a, w, h)), w, h);
        for page in 0..6 {
            let b = board_at_page(doc(), page, ThemeName::Dark, (w, h));
            shaped(plain(&render(&b, w, h)), w, h);
        }
    }
}
