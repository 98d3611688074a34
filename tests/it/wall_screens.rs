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

/// The text of row `y` from column `x0` to the right edge, without the
/// blank cells wide characters leave and without spaces.
fn row_from(buf: &ratatui::buffer::Buffer, y: u16, x0: u16) -> String {
    (x0..buf.area.width)
        .map(|x| buf[(x, y)].symbol().to_owned())
        .collect::<String>()
        .chars()
        .filter(|c| !c.is_whitespace())
        .collect()
}

/// Whether `title` is on the screen whole: read from where it starts, down
/// the rows under it, it comes back entire (wrapped, not cut).
fn shows_whole(buf: &ratatui::buffer::Buffer, title: &str) -> bool {
    let want: String = title.chars().filter(|c| !c.is_whitespace()).collect();
    let head: String = want.chars().take(3).collect();
    for y in 0..buf.area.height {
        for x0 in 0..buf.area.width {
            if !row_from(buf, y, x0).starts_with(&head) {
                continue;
            }
            let mut got = String::new();
            for row in y..buf.area.height {
                got.push_str(&row_from(buf, row, x0));
                if got.starts_with(&want) {
                    return true;
                }
            }
        }
    }
    false
}

/// The current item's number and full title are on screen in every layout
/// — with the rail, without it (`a`), full screen (`f`), the big timer
/// (`b`) and the audience's — wrapped when they do not fit a line.
#[test]
fn every_layout_shows_the_full_title() {
    let long = "关于全区重点项目“倒排工期”推进情况和下一阶段招商引资工作安排的专题汇报（含各镇街、各部门、各园区）";
    let english =
        "Report on the progress of the key projects against their schedules and the work ahead";
    for title in [long, english] {
        let text = DEMO.replace("红牌单位发言", title);
        let d = Document::from_bytes(text.as_bytes()).unwrap();
        for (w, h) in SIZES {
            let layouts: [(&str, &[Command]); 5] = [
                ("normal", &[]),
                ("no rail", &[Command::Rail]),
                ("full screen", &[Command::FullScreen]),
                ("big timer", &[Command::BigTimer]),
                (
                    "full screen big timer",
                    &[Command::FullScreen, Command::BigTimer],
                ),
            ];
            for (name, commands) in layouts {
                let mut app = app_at_item(d.clone(), 2, ThemeName::Dark, None, (w, h));
                for &c in commands {
                    app.update(Action::Command(c));
                }
                let buf = render(&app, w, h);
                assert!(shows_whole(&buf, title), "{name} {w}×{h}:\n{}", plain(&buf));
                assert!(plain(&buf).contains("3/8"), "{name} {w}×{h}: the number");
                let a = audience_of(&app, d.clone(), ThemeName::Dark, (w, h));
                let buf = render(&a, w, h);
                assert!(
                    shows_whole(&buf, title),
                    "audience, {name} {w}×{h}:\n{}",
                    plain(&buf)
                );
            }
        }
    }
}
