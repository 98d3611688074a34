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
    let cols = sheets::columns(&doc.snapshot, Sheet::Cards, Lang::Zh);
    // 流动红旗 is 8 columns, wider than 红牌.
    assert_eq!(cols[2].width, 8);
    assert_eq!(cols[3].width, 8);
}
