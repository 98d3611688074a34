//! The editor on meetings of format v2: decisions among the meeting's own
//! tiers, judges' marks typed into one cell, the history sheet.

use ratatui::crossterm::event::KeyCode;

use super::sheets::{self, Kind, Sheet};
use super::tests::{goto, press, typed};
use crate::app::tests::t0;
use crate::app::{Action, App, Effect, Options};
use crate::i18n::Lang;
use crate::model::{Card, Document};
use crate::store::meeting_log::MeetingLog;

/// A template of `guotang init`, as a document.
pub(super) fn template(name: &str) -> Document {
    let text = match name {
        "three-tiers" => include_str!("../../../assets/templates/three-tiers.json"),
        "points" => include_str!("../../../assets/templates/points.json"),
        "arena" => include_str!("../../../assets/templates/arena.json"),
        _ => crate::model::DEMO,
    };
    Document::from_bytes(text.as_bytes()).expect("a valid template")
}

/// An editor on `doc`, as `guotang edit` opens it.
pub(super) fn editor_on(doc: Document) -> App {
    let m = &doc.snapshot.meeting;
    let log = MeetingLog::new("test", m.date, &m.title);
    let opts = Options {
        size: (120, 40),
        ..Options::default()
    };
    let mut app = App::new(doc, Some(7), log, opts, t0());
    let effects = app.update(Action::Command(crate::app::Command::Edit));
    assert_eq!(effects, vec![Effect::Lock]);
    app
}

fn to_sheet(app: &mut App, sheet: Sheet) {
    while app.edit.sheet != sheet {
        press(app, KeyCode::Char(']'));
    }
}

#[test]
fn a_decision_chooses_among_the_meetings_own_tiers() {
    let doc = template("three-tiers");
    let words = sheets::decision_choices(&doc.snapshot, Lang::Zh);
    let labels: Vec<&str> = words.iter().map(|w| w.label.as_str()).collect();
    assert_eq!(labels, ["—", "绿牌", "黄牌", "红牌", "不亮牌"]);
    let values: Vec<&str> = words.iter().map(|w| w.value.as_str()).collect();
    assert_eq!(values, ["", "green", "yellow", "red", "none"]);

    let mut app = editor_on(doc);
    to_sheet(&mut app, Sheet::Cards);
    goto(&mut app, 0, 3);
    press(&mut app, KeyCode::Enter);
    press(&mut app, KeyCode::Right); // — → 绿牌
    press(&mut app, KeyCode::Enter);
    typed(&mut app, "提前完成全年目标");
    press(&mut app, KeyCode::Enter);
    let s = app.data.snapshot();
    let d = s.units[0].decision.clone().expect("decided");
    assert_eq!(s.cards.tiers.id(d.card), "green");
    assert_eq!(app.data.derived.standings.units[0].card, Card::tier(0));
    assert_eq!(app.data.doc.json.head()["units"][0]["card"], "green");
    // The cells say the meeting's labels, never 红牌 for its green.
    let derived = &app.data.derived;
    let cell = |col| sheets::cell(s, derived, Sheet::Cards, 0, col, Lang::Zh).expect("a cell");
    assert_eq!(cell(3).text, "绿牌");
    assert!(matches!(cell(3).kind, Kind::Choice(_)));
    let rule = sheets::cell(s, derived, Sheet::Numbers, 0, 3, Lang::Zh).expect("a cell");
    assert_eq!(rule.text, "绿牌");
}

#[test]
fn the_card_columns_fit_the_longest_tier_label() {
    let doc = template("arena");
    let cols = sheets::columns(
        &doc.snapshot,
        &crate::app::Derived::compute(&doc.snapshot),
        Sheet::Cards,
        Lang::Zh,
    );
    // 流动红旗 is 8 columns, wider than 红牌.
    assert_eq!(cols[2].width, 8);
    assert_eq!(cols[3].width, 8);
}

/// The arena's first unit (铜官区) and its pitch marks cell: metric 0,
/// columns 4 (target) and 5 (marks).
const PITCH: usize = 5;

fn pitch(app: &App, unit: usize) -> (Option<Vec<f64>>, Option<f64>) {
    let u = &app.data.snapshot().units[unit];
    (u.marks(0).map(<[f64]>::to_vec), u.actuals[0])
}

#[test]
fn judges_marks_typed_into_one_cell_move_the_standings() {
    let mut app = editor_on(template("arena"));
    let s = app.data.snapshot();
    let cell =
        sheets::cell(s, &app.data.derived, Sheet::Numbers, 0, PITCH, Lang::Zh).expect("a cell");
    assert_eq!(cell.kind, Kind::Marks);
    assert_eq!(cell.text, "84 82 88 81 86.5 84.5 80.5");
    let before = app.data.derived.standings.units[0].composite;

    goto(&mut app, 0, PITCH);
    press(&mut app, KeyCode::Enter);
    // Typed over: marks as they arrive, the highest and lowest dropped.
    let f = app.edit.field.as_mut().expect("open");
    f.input = tui_input::Input::default();
    typed(&mut app, "99 95 97 60 98");
    let effects = press(&mut app, KeyCode::Enter);
    assert!(effects.iter().any(|e| matches!(e, Effect::Journal(_))));
    assert_eq!(
        pitch(&app, 0),
        (Some(vec![99.0, 95.0, 97.0, 60.0, 98.0]), Some(290.0 / 3.0))
    );
    assert_eq!(
        app.data.doc.json.head()["units"][0]["actuals"]["pitch"],
        serde_json::json!([99, 95, 97, 60, 98])
    );
    // The standings moved: 50 points × (96.67 − 83.6) / 100 more (83.6:
    // the old marks without 88 and 80.5).
    let after = app.data.derived.standings.units[0].composite;
    let gain = after.unwrap_or(0.0) - before.unwrap_or(0.0);
    assert!(
        (gain - 0.5 * (290.0 / 3.0 - 83.6)).abs() < 1e-9,
        "{before:?} → {after:?}"
    );
}

#[test]
fn a_mark_that_is_not_a_number_is_named_and_nothing_is_written() {
    let mut app = editor_on(template("arena"));
    let before = pitch(&app, 0);
    goto(&mut app, 0, PITCH);
    press(&mut app, KeyCode::Enter);
    app.edit.field.as_mut().expect("open").input = tui_input::Input::default();
    typed(&mut app, "88 九十 90");
    press(&mut app, KeyCode::Enter);
    let f = app.edit.field.as_ref().expect("the field stays open");
    let problem = f.problem(Lang::Zh).expect("a problem");
    assert!(problem.contains("第 2 个分数「九十」"), "{problem}");
    assert_eq!(pitch(&app, 0), before);
    // Emptied, the marks go.
    press(&mut app, KeyCode::Esc);
    press(&mut app, KeyCode::Delete);
    assert_eq!(pitch(&app, 0), (None, None));
}

#[test]
fn a_pasted_block_of_one_column_per_judge_fills_the_marks_cells() {
    let mut app = editor_on(template("arena"));
    goto(&mut app, 0, PITCH);
    let effects = app.update(Action::Paste("90\t92\t\t88\n80\t85\t90\t95\t70\n".into()));
    assert!(
        effects.iter().any(|e| matches!(e, Effect::Journal(_))),
        "{:?}",
        app.prefs.notice
    );
    assert_eq!(pitch(&app, 0), (Some(vec![90.0, 92.0, 88.0]), Some(90.0)));
    assert_eq!(pitch(&app, 1).0, Some(vec![80.0, 85.0, 90.0, 95.0, 70.0]));
    // Other columns are untouched: the row went whole into the marks.
    assert_eq!(app.data.snapshot().units[0].targets[1], Some(6.0));
    // A bad mark in a pasted row is named with its row, nothing written.
    let before = (pitch(&app, 0), pitch(&app, 1));
    app.update(Action::Paste("91\t93\n81\tx\n".into()));
    assert_eq!((pitch(&app, 0), pitch(&app, 1)), before);
    let notice = format!("{:?}", app.prefs.notice);
    assert!(
        notice.contains("义安区") && notice.contains("「x」"),
        "{notice}"
    );
}

#[test]
fn the_history_sheet_shows_ranks_and_tiers_across_periods_read_only() {
    let doc = template("three-tiers");
    let mut app = editor_on(doc);
    to_sheet(&mut app, Sheet::History);
    let s = app.data.snapshot();
    let heads: Vec<String> = sheets::columns(s, &app.data.derived, Sheet::History, Lang::Zh)
        .into_iter()
        .map(|c| c.head)
        .collect();
    assert_eq!(heads, ["单位", "1—2月", "1—3月", "1—4月", "进位/退位"]);
    let bs = s.unit_index("bs").expect("白沙县");
    let row: Vec<String> = (0..heads.len())
        .map(|c| {
            sheets::cell(s, &app.data.derived, Sheet::History, bs, c, Lang::Zh)
                .expect("a cell")
                .text
        })
        .collect();
    assert_eq!(row, ["白沙县", "3 绿牌", "4 黄牌", "1 绿牌", "↑3"]);
    // Nothing here can be edited.
    for c in 0..heads.len() {
        let cell =
            sheets::cell(s, &app.data.derived, Sheet::History, bs, c, Lang::Zh).expect("a cell");
        assert!(!cell.kind.editable());
    }
    goto(&mut app, bs, 2);
    press(&mut app, KeyCode::Enter);
    assert!(app.edit.field.is_none());
}

#[test]
fn the_grid_colours_a_tier_as_the_meeting_colours_it() {
    let app = editor_on(template("three-tiers"));
    let buf = crate::ui::screen::render(&app, 120, 40);
    let t = crate::ui::theme::of(app.prefs.theme);
    let tiers = &app.data.snapshot().cards.tiers;
    let green = t.badge(tiers, Card::tier(0));
    // The first 绿 on screen after the tabs: a unit's tier cell.
    let area = buf.area;
    let cell = (4..area.height)
        .flat_map(|y| (0..area.width).map(move |x| (x, y)))
        .find_map(|(x, y)| buf.cell((x, y)).filter(|c| c.symbol() == "绿"))
        .expect("a 绿牌 cell");
    assert_eq!(cell.fg, green.fg.unwrap_or_default());
    assert_ne!(cell.fg, t.card(Card::RED).fg.unwrap_or_default(), "not red");
}
