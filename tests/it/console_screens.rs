//! The presenter's console, whole screens: every agenda item of the demo and
//! of the CJK and English fixtures at 80×24 and 160×48, drawn through the
//! same function `guotang render` uses; plus the overlays, the banner, and
//! every size from tiny to huge without a panic or an overlong line.

use guotang::app::{Action, Command};
use guotang::cli::render::{RenderArgs, app_at_item, screen};
use guotang::model::{DEMO, Document};
use guotang::text::width;
use guotang::ui::buffer_text::{ansi, plain};
use guotang::ui::screen::render;
use guotang::ui::theme::ThemeName;
use ratatui::crossterm::event::{KeyCode, KeyEvent};

const CJK: &str = include_str!("../fixtures/cjk.json");
const EN: &str = include_str!("../fixtures/en.json");
/// A published bulletin of counts without targets (8 counties).
const COUNTS: &str = include_str!("../fixtures/real/counts_no_targets.json");
/// Zones too small, units without a card, twins in two groups, decisions.
const ZONES: &str = include_str!("../fixtures/real/zones_and_cards.json");
/// The templates of format v2 (`guotang init --template`): green, yellow
/// and red with two previous meetings; points with a veto and five grades;
/// an arena with judges' marks and a flag per class.
const THREE_TIERS: &str = include_str!("../../assets/templates/three-tiers.json");
const POINTS: &str = include_str!("../../assets/templates/points.json");
const ARENA: &str = include_str!("../../assets/templates/arena.json");

fn doc(text: &str) -> Document {
    Document::from_bytes(text.as_bytes()).unwrap()
}

fn args(item: usize, width: u16, height: u16) -> RenderArgs {
    RenderArgs {
        item,
        width,
        height,
        theme: ThemeName::Dark,
        ansi: false,
        env_lang: None,
    }
}

/// Checks the shape every screen must have, and returns its text.
fn shaped(text: String, w: u16, h: u16) -> String {
    assert_eq!(text.lines().count(), usize::from(h), "{text}");
    for line in text.lines() {
        assert!(width(line) <= usize::from(w), "too wide: {line:?}");
    }
    text
}

fn every_item(name: &str, source: &str) {
    let d = doc(source);
    for (w, h) in [(80, 24), (160, 48)] {
        for item in 1..=d.snapshot.agenda.len() {
            let text = plain(&screen(d.clone(), &args(item, w, h)));
            let text = shaped(text, w, h);
            insta::assert_snapshot!(format!("{name}_{w}x{h}_item{item}"), text);
        }
    }
}

#[test]
fn demo_every_item() {
    every_item("demo", DEMO);
}

#[test]
fn cjk_every_item() {
    every_item("cjk", CJK);
}

#[test]
fn english_every_item() {
    every_item("en", EN);
}

/// Every item of every template (the investment one is the demo): each
/// meeting's own tiers, scores in 分, marks, rank changes and streaks.
#[test]
fn templates_every_item() {
    every_item("three_tiers", THREE_TIERS);
    every_item("points", POINTS);
    every_item("arena", ARENA);
}

#[test]
fn real_bulletins_every_item() {
    every_item("counts", COUNTS);
    every_item("zones", ZONES);
}

/// The overview of a bulletin of counts: every unit's actuals add up (344
/// projects signed, 161 trips), with no target column of zeros.
#[test]
fn overview_totals_count_every_unit() {
    let text = plain(&screen(doc(COUNTS), &args(1, 100, 30)));
    let line = |needle: &str| {
        text.lines()
            .find(|l| l.contains(needle))
            .unwrap_or_else(|| panic!("{needle} in\n{text}"))
            .to_owned()
    };
    assert!(line("新签约项目 个").trim_end().ends_with("344"), "{text}");
    assert!(
        line("主要负责人外出招商 次").trim_end().ends_with("161"),
        "{text}"
    );
    assert!(
        !text.contains("全年目标"),
        "no targets, no target column:\n{text}"
    );
    // The demo: 停工流失项目 has no target, yet its units report 7.
    let text = plain(&screen(doc(DEMO), &args(1, 100, 30)));
    let stalled = text
        .lines()
        .find(|l| l.contains("停工流失项目 个"))
        .unwrap();
    assert!(stalled.contains(" 7 "), "{stalled}");
}

/// The index of the meeting's seating item.
fn seating_item(d: &Document) -> usize {
    d.snapshot
        .agenda
        .iter()
        .position(|i| i.pane == guotang::model::Pane::Seating)
        .unwrap()
}

/// The seating of a meeting with more units than seats and units without a
/// card: every unit is on screen, seated or listed with the reason.
#[test]
fn seating_loses_no_unit() {
    let d = doc(ZONES);
    let text = plain(&screen(d.clone(), &args(seating_item(&d) + 1, 160, 48)));
    for u in &d.snapshot.units {
        assert!(
            text.contains(u.name.as_str()),
            "{} missing:\n{text}",
            u.name
        );
    }
    assert!(text.contains("未分区（不挂牌"), "{text}");
    assert!(text.contains("缺 9 座"), "{text}");
    // No seat is empty while a unit of the zone waits: the red zone is full.
    assert!(text.contains("红区   4/4 座"), "{text}");
}

/// The seating as a list (Tab): units that share a name read apart in
/// their seats as on the grid, by their group (before, a seated twin was
/// its bare name: 高新技术产业开发区 twice in the yellow zone, of two cities).
#[test]
fn the_seating_list_tells_seated_twins_apart() {
    let d = doc(ZONES);
    let item = seating_item(&d);
    let mut app = app_at_item(d, item, ThemeName::Dark, None, (200, 60));
    app.update(Action::Key(KeyEvent::from(KeyCode::Tab)));
    let text = plain(&render(&app, 200, 60));
    for seated in [
        "经济技术开发区（六安市）",
        "经济技术开发区（安庆市）",
        "高新技术产业开发区（六安市）",
        "高新技术产业开发区（安庆市）",
    ] {
        assert!(text.contains(seated), "{seated} missing:\n{text}");
    }
    // A name no other unit has stays bare.
    assert!(text.contains("皖江大道产业园 "), "{text}");
}

fn app_on(item: usize) -> guotang::app::App {
    app_at_item(doc(DEMO), item, ThemeName::Dark, None, (100, 30))
}

#[test]
fn help_big_timer_and_fullscreen() {
    let mut app = app_on(2);
    app.update(Action::Command(Command::Help));
    insta::assert_snapshot!(
        "help_100x30",
        shaped(plain(&render(&app, 100, 30)), 100, 30)
    );

    let mut app = app_on(2);
    app.update(Action::Command(Command::BigTimer));
    insta::assert_snapshot!(
        "big_timer_100x30",
        shaped(plain(&render(&app, 100, 30)), 100, 30)
    );

    let mut app = app_on(0);
    app.update(Action::Command(Command::FullScreen));
    insta::assert_snapshot!(
        "fullscreen_100x30",
        shaped(plain(&render(&app, 100, 30)), 100, 30)
    );
}

#[test]
fn a_broken_reload_shows_a_banner_over_the_last_good_data() {
    let mut app = app_on(0);
    app.update(Action::Loaded(Err(
        "meeting.json:12:5: expected `,` or `}`".into(),
    )));
    let text = shaped(plain(&render(&app, 100, 30)), 100, 30);
    assert!(text.contains("meeting.json:12:5"), "{text}");
    assert!(
        text.contains("主要指标"),
        "the last good data stays: {text}"
    );
}

/// A banner comes and goes over the header's rule: nothing under it moves
/// (before, the whole screen jumped down a line for the notice's seconds).
#[test]
fn a_banner_never_moves_the_screen() {
    for fullscreen in [false, true] {
        let mut app = app_on(2);
        app.prefs.fullscreen = fullscreen;
        let before = plain(&render(&app, 100, 30));
        app.update(Action::Notice(
            "经济开发区 协议引资额完成 96.5 → 101".into(),
        ));
        let after = plain(&render(&app, 100, 30));
        let banner = after
            .lines()
            .position(|l| l.contains("96.5 → 101"))
            .expect("the banner is shown");
        let (b, a): (Vec<&str>, Vec<&str>) = (before.lines().collect(), after.lines().collect());
        for (k, (x, y)) in b.iter().zip(&a).enumerate() {
            if k != banner {
                assert_eq!(x, y, "line {k} moved:\n{before}\n{after}");
            }
        }
        if !fullscreen {
            assert_eq!(banner, 2, "on the header's rule");
        }
    }
}

/// In a Chinese meeting the broken-file banner is Chinese: the place and
/// the kind of problem, not the parser's English.
#[test]
fn the_broken_file_banner_follows_the_meetings_language() {
    let broken = b"{\n  \"format\": \"guotang/1\",\n  oops\n}";
    let problems = Document::from_bytes(broken).unwrap_err();
    let e = guotang::store::LoadError::Invalid {
        path: "/srv/meeting.json".into(),
        problems,
    };
    let mut app = app_on(0);
    app.update(Action::Loaded(Err(guotang::app::data::LoadFailure::of(&e))));
    let text = plain(&render(&app, 100, 30));
    let line = text.lines().find(|l| l.contains("⚠")).expect("a banner");
    assert!(
        line.contains("数据文件有误，仍显示上次的数据：meeting.json 第 3 行第 3 列：JSON 格式有误"),
        "{line}"
    );
    let words = line.replace("meeting.json", "").replace("JSON", "");
    assert!(!words.chars().any(|c| c.is_ascii_alphabetic()), "{line}");
    // An English meeting gets the English words.
    let mut app = app_at_item(doc(EN), 0, ThemeName::Dark, None, (100, 30));
    app.update(Action::Loaded(Err(guotang::app::data::LoadFailure::of(&e))));
    let text = plain(&render(&app, 100, 30));
    assert!(text.contains("The data file is broken"), "{text}");
}

#[test]
fn a_small_window_asks_to_be_enlarged_in_both_languages() {
    let app = app_on(0);
    let text = shaped(plain(&render(&app, 79, 24)), 79, 24);
    assert!(
        text.contains("窗口太小") && text.contains("Window too small"),
        "{text}"
    );
    assert!(text.contains("79×24"), "{text}");
    insta::assert_snapshot!("too_small_60x20", plain(&render(&app, 60, 20)));
}

#[test]
fn colours_follow_the_timer_and_the_theme() {
    let d = doc(DEMO);
    let a = RenderArgs {
        theme: ThemeName::Projector,
        ansi: true,
        ..args(1, 80, 24)
    };
    let text = ansi(&screen(d, &a));
    assert_eq!(text.lines().count(), 24);
    // The timer is normal (bold light green on black) at the start of an item.
    assert!(text.contains("\x1b[0;1;92;40m10:00"), "{text:?}");
    insta::assert_snapshot!("demo_item1_projector_ansi", text);
}

#[test]
fn any_size_draws_without_panic_and_within_its_bounds() {
    let d = doc(CJK);
    let n = d.snapshot.agenda.len();
    for w in (1..=220).step_by(13) {
        for h in (1..=70).step_by(7) {
            for item in 0..n {
                let mut app = app_at_item(d.clone(), item, ThemeName::Light, None, (w, h));
                shaped(plain(&render(&app, w, h)), w, h);
                app.update(Action::Command(Command::BigTimer));
                app.update(Action::Command(Command::Help));
                shaped(plain(&render(&app, w, h)), w, h);
            }
        }
    }
}

/// The secretary's editor: every sheet at both sizes, in Chinese and
/// English; a field refusing its text; the unsaved-changes question.
#[test]
fn editor_every_sheet_a_refused_field_and_the_quit_question() {
    use guotang::app::editor::Sheet;
    use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
    let key = |c: KeyCode| Action::Key(KeyEvent::new(c, KeyModifiers::NONE));
    for (name, source) in [("demo", DEMO), ("en", EN)] {
        for (w, h) in [(80u16, 24u16), (160, 48)] {
            let mut app = app_at_item(doc(source), 0, ThemeName::Dark, None, (w, h));
            app.update(Action::Command(Command::Edit));
            for sheet in Sheet::ALL {
                assert_eq!(app.edit.sheet, sheet);
                let text = shaped(plain(&render(&app, w, h)), w, h);
                insta::assert_snapshot!(format!("editor_{name}_{w}x{h}_{sheet:?}"), text);
                app.update(key(KeyCode::Char(']')));
            }
            // A target typed wrong: the field keeps it and says why.
            for k in [
                KeyCode::Down,
                KeyCode::Right,
                KeyCode::Right,
                KeyCode::Right,
                KeyCode::Right,
            ] {
                app.update(key(k));
            }
            for c in "12,5".chars() {
                app.update(key(KeyCode::Char(c)));
            }
            let text = shaped(plain(&render(&app, w, h)), w, h);
            insta::assert_snapshot!(format!("editor_{name}_{w}x{h}_refused"), text);
            // Written right, then quit: the question.
            app.update(key(KeyCode::Esc));
            for c in "125".chars() {
                app.update(key(KeyCode::Char(c)));
            }
            app.update(key(KeyCode::Enter));
            app.update(key(KeyCode::Char('q')));
            let text = shaped(plain(&render(&app, w, h)), w, h);
            insta::assert_snapshot!(format!("editor_{name}_{w}x{h}_quit"), text);
        }
    }
}

/// The 亮牌 sheet's reason uses the room there is: a long reason is whole at
/// 160 columns (it stopped at 40 with half the screen empty).
#[test]
fn the_cards_sheet_reason_uses_the_room() {
    use guotang::app::editor::Sheet;
    use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
    let mut app = app_at_item(doc(DEMO), 0, ThemeName::Dark, None, (160, 48));
    app.update(Action::Command(Command::Edit));
    while app.edit.sheet != Sheet::Cards {
        app.update(Action::Key(KeyEvent::new(
            KeyCode::Char(']'),
            KeyModifiers::NONE,
        )));
    }
    let text = plain(&render(&app, 160, 48));
    let reason =
        "决定红牌：签约百亿级新能源动力电池项目（总投资105亿元），经区委常委会研究给予红牌";
    let reason = reason.trim_start_matches("决定红牌：");
    assert!(text.contains(reason), "{text}");
}

/// Project names sharing a long prefix (金安区固投亿元以上新签约项目——…) stay
/// apart when cut: before, every row read `金安区固投亿元以上新签…`.
#[test]
fn names_sharing_a_prefix_stay_apart_when_cut() {
    for (item, head) in [(1, "项目预警"), (3, "项目 12 个")] {
        let text = plain(&screen(doc(COUNTS), &args(item, 80, 24)));
        let pane: Vec<&str> = text
            .lines()
            .map(|l| l.split_once('│').map_or(l, |(_, r)| r))
            .collect();
        let start = pane.iter().position(|l| l.contains(head)).expect(head) + 1;
        let names: Vec<String> = pane[start..]
            .iter()
            .take_while(|l| l.contains('…') && !l.contains("还有"))
            .map(|l| l.split_whitespace().next().unwrap_or("").to_owned())
            .collect();
        assert!(names.len() >= 4, "{names:?}\n{text}");
        let mut distinct = names.clone();
        distinct.sort();
        distinct.dedup();
        assert_eq!(distinct.len(), names.len(), "{names:?}\n{text}");
    }
}

/// Investments: one precision per column, and a unit whose projects give no
/// investment shows —, not 0.
#[test]
fn investments_read_alike_down_a_column() {
    let text = plain(&screen(doc(COUNTS), &args(4, 80, 24)));
    let row = |name: &str| {
        text.lines()
            .find(|l| l.contains(name))
            .unwrap_or_else(|| panic!("{name}:\n{text}"))
            .trim_end()
            .to_owned()
    };
    assert!(row("金寨县").ends_with('—'), "{}", row("金寨县"));
    assert!(row("金安区").ends_with("134.35"), "{}", row("金安区"));
    assert!(row("裕安区").ends_with("7.00"), "{}", row("裕安区"));
}
