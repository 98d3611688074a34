//! The editor through `App::update`: keys in, data and effects out; no
//! terminal, no disk (the effects say what the event loop would do).

use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use serde_json::json;

use super::*;
use crate::app::failure::SaveTrouble;
use crate::app::tests::{MEETING, doc, t0};
use crate::app::{Action, App, Effect, Options};
use crate::model::Document;
use crate::model::edit::Assignment;
use crate::store::Expect;
use crate::store::meeting_log::MeetingLog;

const HASH: u64 = 7;

/// An editor on the fixture, as `guotang edit` opens it (the lock asked for).
pub(super) fn editor() -> App {
    let d = doc();
    let m = &d.snapshot.meeting;
    let log = MeetingLog::new("test", m.date, &m.title);
    let opts = Options {
        size: (120, 40),
        ..Options::default()
    };
    let mut app = App::new(d, Some(HASH), log, opts, t0());
    let effects = app.update(Action::Command(crate::app::Command::Edit));
    assert_eq!(effects, vec![Effect::Lock]);
    assert!(app.edit.active);
    app
}

pub(super) fn press(app: &mut App, code: KeyCode) -> Vec<Effect> {
    app.update(Action::Key(KeyEvent::new(code, KeyModifiers::NONE)))
}

fn ctrl(app: &mut App, c: char) -> Vec<Effect> {
    app.update(Action::Key(KeyEvent::new(
        KeyCode::Char(c),
        KeyModifiers::CONTROL,
    )))
}

pub(super) fn typed(app: &mut App, text: &str) -> Vec<Effect> {
    let mut effects = Vec::new();
    for c in text.chars() {
        effects.extend(press(app, KeyCode::Char(c)));
    }
    effects
}

/// Moves the cursor to (`row`, `col`) of the current sheet.
pub(super) fn goto(app: &mut App, row: usize, col: usize) {
    app.edit.cursor_mut().row = row;
    app.edit.cursor_mut().col = col;
}

fn journaled(effects: &[Effect]) -> usize {
    effects
        .iter()
        .filter(|e| matches!(e, Effect::Journal(_)))
        .count()
}

/// kfq's actual investment: row 0, the second metric column pair's actual
/// (metric 0 = investment → columns 4 target, 5 actual).
fn kfq_investment(app: &App) -> Option<f64> {
    app.data.snapshot().units[0].actuals[0]
}

#[test]
fn typing_a_number_edits_recomputes_marks_and_journals() {
    let mut app = editor();
    let before = app.data.derived.standings.units[0].composite;
    goto(&mut app, 0, 5);
    typed(&mut app, "120");
    assert!(app.edit.field.is_some(), "a digit opens the cell");
    assert_eq!(
        kfq_investment(&app),
        Some(49.2),
        "nothing written while typing"
    );
    let effects = press(&mut app, KeyCode::Enter);
    assert_eq!(kfq_investment(&app), Some(120.0));
    assert_ne!(app.data.derived.standings.units[0].composite, before);
    assert_eq!(journaled(&effects), 1);
    assert!(app.edit.dirty() && app.has_unsaved());
    let path = app.edit_cell().unwrap().path.unwrap();
    assert_eq!(path.to_string(), "units.kfq.actuals.investment");
    assert!(app.edit.marked(&path));
    // The mark goes after a few seconds.
    app.update(Action::Tick(
        t0() + chrono::Duration::seconds(MARK_SECONDS + 1),
    ));
    assert!(!app.edit.marked(&path));
}

#[test]
fn a_bad_value_stays_in_its_field_with_the_reason_and_writes_nothing() {
    let mut app = editor();
    goto(&mut app, 0, 5);
    let before = app.data.doc.to_pretty();
    typed(&mut app, "9x");
    let f = app.edit.field.as_ref().unwrap();
    assert!(f.problem(app.prefs.lang).is_some(), "checked as typed");
    let effects = press(&mut app, KeyCode::Enter);
    assert!(effects.is_empty());
    assert!(app.edit.field.is_some(), "the field stays open");
    assert_eq!(app.data.doc.to_pretty(), before);
    assert!(!app.edit.dirty());
    // Esc leaves it, still nothing written.
    press(&mut app, KeyCode::Esc);
    assert!(app.edit.field.is_none());
    assert_eq!(app.data.doc.to_pretty(), before);
}

#[test]
fn the_model_refusing_an_edit_names_the_place_in_the_field() {
    let mut app = editor();
    // A project's unit must exist; ids are chosen from a list, so go
    // through a duplicate-id rename instead: a unit name may not be empty.
    goto(&mut app, 0, 0);
    press(&mut app, KeyCode::Enter);
    for _ in 0..10 {
        press(&mut app, KeyCode::Backspace);
    }
    press(&mut app, KeyCode::Enter);
    let f = app.edit.field.as_ref().expect("refused: stays open");
    assert!(f.problem(app.prefs.lang).is_some());
    assert_eq!(app.data.snapshot().units[0].name, "经济开发区");
}

#[test]
fn undo_and_redo_by_every_key_give_back_the_same_bytes() {
    let mut app = editor();
    let original = app.data.doc.to_pretty();
    goto(&mut app, 0, 5);
    typed(&mut app, "100");
    press(&mut app, KeyCode::Enter);
    goto(&mut app, 1, 5);
    typed(&mut app, "77.5");
    press(&mut app, KeyCode::Enter);
    let edited = app.data.doc.to_pretty();

    let e = press(&mut app, KeyCode::Char('u'));
    assert_eq!(journaled(&e), 1, "an undo is journaled too");
    ctrl(&mut app, 'z');
    assert_eq!(app.data.doc.to_pretty(), original);
    assert!(!app.edit.dirty(), "back at the state loaded");
    ctrl(&mut app, 'y');
    ctrl(&mut app, 'r');
    assert_eq!(app.data.doc.to_pretty(), edited);
    // Nothing more to redo: a notice, no change.
    let e = ctrl(&mut app, 'y');
    assert!(e.is_empty());
    assert!(app.prefs.notice.is_some());
}

#[test]
fn a_card_decision_asks_for_its_reason_and_both_go_in_one_edit() {
    let mut app = editor();
    press(&mut app, KeyCode::Char(']'));
    press(&mut app, KeyCode::Char(']'));
    assert_eq!(app.edit.sheet, Sheet::Cards);
    goto(&mut app, 0, 3);
    press(&mut app, KeyCode::Enter);
    press(&mut app, KeyCode::Right); // — → red
    press(&mut app, KeyCode::Enter);
    let f = app.edit.field.as_ref().expect("the reason field opens");
    assert_eq!(f.path.to_string(), "units.kfq.card_reason");
    assert!(app.data.snapshot().units[0].decision.is_none(), "not yet");
    // Escaping the reason writes neither.
    press(&mut app, KeyCode::Esc);
    assert!(app.data.snapshot().units[0].decision.is_none());

    goto(&mut app, 0, 3);
    press(&mut app, KeyCode::Enter);
    press(&mut app, KeyCode::Right);
    press(&mut app, KeyCode::Enter);
    typed(&mut app, "招商专班推进有力");
    let effects = press(&mut app, KeyCode::Enter);
    assert_eq!(journaled(&effects), 1, "one edit, both fields");
    let d = app.data.snapshot().units[0].decision.clone().unwrap();
    assert_eq!(d.card, crate::model::Card::RED);
    assert_eq!(d.reason, "招商专班推进有力");
    assert_eq!(
        app.data.derived.standings.units[0].card,
        crate::model::Card::RED
    );
    // One undo takes both away.
    press(&mut app, KeyCode::Char('u'));
    assert!(app.data.snapshot().units[0].decision.is_none());
    assert!(
        app.data.doc.json.head()["units"][0]
            .get("card_reason")
            .is_none()
    );

    // Removing a decision removes its reason with it.
    press(&mut app, KeyCode::Char('u')); // nothing left: a notice
    ctrl(&mut app, 'y');
    goto(&mut app, 0, 3);
    press(&mut app, KeyCode::Delete);
    assert!(app.data.snapshot().units[0].decision.is_none());
    assert!(
        app.data.doc.json.head()["units"][0]
            .get("card_reason")
            .is_none()
    );
}

#[test]
fn quitting_asks_only_when_something_is_unsaved() {
    let mut app = editor();
    let e = press(&mut app, KeyCode::Char('q'));
    assert!(e.contains(&Effect::Quit), "nothing unsaved: no question");

    let mut app = editor();
    goto(&mut app, 0, 5);
    typed(&mut app, "1");
    press(&mut app, KeyCode::Enter);
    let e = press(&mut app, KeyCode::Char('q'));
    assert!(!e.contains(&Effect::Quit));
    assert!(matches!(app.edit.dialog, Some(Dialog::Quit)));
    // Other keys wait on the question.
    press(&mut app, KeyCode::Char('x'));
    assert!(matches!(app.edit.dialog, Some(Dialog::Quit)));
    press(&mut app, KeyCode::Esc);
    assert!(app.edit.dialog.is_none());
    press(&mut app, KeyCode::Char('q'));
    let e = press(&mut app, KeyCode::Char('d'));
    assert!(e.contains(&Effect::JournalClear) && e.contains(&Effect::Quit));

    // A signal leaves at once and keeps the journal for the next start.
    let mut app = editor();
    goto(&mut app, 0, 5);
    typed(&mut app, "1");
    press(&mut app, KeyCode::Enter);
    let e = app.update(Action::Terminate);
    assert!(e.contains(&Effect::Quit));
    assert!(!e.contains(&Effect::JournalClear));
}

#[test]
fn save_then_quit_and_a_conflict_offers_the_merge() {
    let mut app = editor();
    goto(&mut app, 0, 5);
    typed(&mut app, "100");
    press(&mut app, KeyCode::Enter);
    let e = ctrl(&mut app, 's');
    assert_eq!(
        e,
        vec![Effect::Save(SaveRequest {
            to: None,
            expect: Expect::Unchanged(HASH)
        })]
    );
    // Someone else saved meanwhile.
    app.update(Action::Saved(Err(SaveFailed::Conflict { found: Some(7) })));
    assert!(matches!(app.edit.dialog, Some(Dialog::Conflict { .. })));
    assert!(app.edit.dirty(), "nothing lost");
    let e = press(&mut app, KeyCode::Char('r'));
    assert_eq!(e, vec![Effect::LoadForMerge]);
    // Theirs: another unit's number changed.
    let mut theirs = doc();
    theirs
        .edit(&[Assignment::parse("units.gxq.actuals.investment=66").unwrap()])
        .unwrap();
    let e = app.update(Action::MergeBase(Ok(Box::new((theirs, 99)))));
    assert_eq!(kfq_investment(&app), Some(100.0), "mine re-applied");
    assert_eq!(
        app.data.snapshot().units[1].actuals[0],
        Some(66.0),
        "theirs kept"
    );
    assert!(e.contains(&Effect::Save(SaveRequest {
        to: None,
        expect: Expect::Unchanged(99)
    })));
    assert!(
        e.iter()
            .any(|x| matches!(x, Effect::JournalRewrite { base: 99, .. }))
    );
    let e = app.update(Action::Saved(Ok(SaveDone {
        content_hash: 100,
        backup: None,
        to: None,
    })));
    assert!(e.contains(&Effect::JournalSaved(100)));
    assert!(!app.edit.dirty());
    assert_eq!(app.data.content_hash, Some(100));
}

#[test]
fn a_merge_keeps_their_value_where_both_changed_the_same_place() {
    let mut app = editor();
    goto(&mut app, 0, 5);
    typed(&mut app, "100");
    press(&mut app, KeyCode::Enter);
    let mut theirs = doc();
    theirs
        .edit(&[Assignment::parse("units.kfq.actuals.investment=55").unwrap()])
        .unwrap();
    let e = app.update(Action::MergeBase(Ok(Box::new((theirs, 99)))));
    assert_eq!(kfq_investment(&app), Some(55.0));
    assert!(
        !e.iter().any(|x| matches!(x, Effect::Save(_))),
        "a clash is shown, not saved over"
    );
    // Named in the meeting's words, with both values; never "merged".
    let notice = app.prefs.notice.as_ref().unwrap().0.clone();
    let unit = &app.data.snapshot().units[0].name;
    assert!(notice.contains(unit.as_str()), "{notice}");
    assert!(notice.contains("（我的：100，对方：55）"), "{notice}");
    assert!(notice.contains("未能重做"), "{notice}");
    assert!(!notice.contains("已载入对方的修改并合并"), "{notice}");
}

/// The file emptied (or broken) under the editor: `r` cannot load it, and
/// says so in the dialog, which stays — before, it closed and the reason
/// went to a notice hidden under the broken-file banner.
#[test]
fn a_merge_onto_a_file_that_cannot_be_loaded_says_why_in_the_dialog() {
    let mut app = editor();
    goto(&mut app, 0, 5);
    typed(&mut app, "100");
    press(&mut app, KeyCode::Enter);
    app.update(Action::Saved(Err(SaveFailed::Conflict { found: Some(7) })));
    let e = press(&mut app, KeyCode::Char('r'));
    assert_eq!(e, vec![Effect::LoadForMerge]);
    app.update(Action::MergeBase(Err(SaveTrouble::Load(
        "m.json: the file is empty: a snapshot is a JSON object".into(),
    ))));
    match &app.edit.dialog {
        Some(Dialog::Conflict {
            found: Some(7),
            problem: Some(p),
        }) => assert!(p.contains("empty"), "{p}"),
        other => panic!("{other:?}"),
    }
    assert!(app.edit.dirty(), "nothing lost");
    // Overwriting replaces the version the dialog was about, nothing newer.
    let e = press(&mut app, KeyCode::Char('o'));
    assert_eq!(
        e,
        vec![Effect::Save(SaveRequest {
            to: None,
            expect: Expect::Unchanged(7)
        })]
    );
}

#[test]
fn save_failures_keep_the_edits_and_say_why() {
    let mut app = editor();
    goto(&mut app, 0, 5);
    typed(&mut app, "100");
    press(&mut app, KeyCode::Enter);
    press(&mut app, KeyCode::Char('q'));
    press(&mut app, KeyCode::Char('s'));
    let full = std::io::Error::from_raw_os_error(28); // ENOSPC
    let e = app.update(Action::Saved(Err(SaveFailed::Error(
        crate::store::SaveError::Io {
            path: "m.json".into(),
            source: full,
        }
        .into(),
    ))));
    assert!(!e.contains(&Effect::Quit), "a failed save does not quit");
    assert!(app.edit.dirty());
    assert_eq!(kfq_investment(&app), Some(100.0));
    assert!(
        app.prefs
            .notice
            .as_ref()
            .unwrap()
            .0
            .contains("No space left")
    );
}

#[test]
fn outside_changes_reload_when_clean_and_wait_when_dirty() {
    let mut app = editor();
    let mut theirs = doc();
    theirs
        .edit(&[Assignment::parse("units.gxq.actuals.investment=66").unwrap()])
        .unwrap();
    app.update(Action::Loaded(Ok(Box::new((theirs.clone(), 50)))));
    assert_eq!(app.data.snapshot().units[1].actuals[0], Some(66.0));
    assert_eq!(app.data.content_hash, Some(50));
    let p = crate::model::edit::EditPath(vec![
        crate::model::edit::Step::Key("units".into()),
        crate::model::edit::Step::Id { id: "gxq".into() },
        crate::model::edit::Step::Key("actuals".into()),
        crate::model::edit::Step::Key("investment".into()),
    ]);
    assert!(app.edit.marked(&p), "what changed is marked");

    goto(&mut app, 0, 5);
    typed(&mut app, "100");
    press(&mut app, KeyCode::Enter);
    let mut again = theirs;
    again
        .edit(&[Assignment::parse("units.gxq.actuals.investment=67").unwrap()])
        .unwrap();
    app.update(Action::Loaded(Ok(Box::new((again, 51)))));
    assert_eq!(kfq_investment(&app), Some(100.0), "my edit is still here");
    assert_eq!(
        app.data.content_hash,
        Some(50),
        "saving will see the conflict"
    );
    assert!(app.edit.outside_change);
}

#[test]
fn recovering_a_crashed_sessions_edits() {
    let mut app = editor();
    let mine = doc()
        .clone()
        .edit(&[Assignment::parse("units.kfq.actuals.investment=88").unwrap()])
        .unwrap();
    let replay =
        crate::model::edit::rebase(&doc().json.to_value(), std::slice::from_ref(&mine)).unwrap();
    let rec = crate::store::journal::Recovery {
        snapshot: "m.json".into(),
        journal: "edits.jsonl".into(),
        started: "2026-05-08T08:30:00.000+08:00".into(),
        sets: vec![mine],
        base_matches: true,
        torn_tail: false,
        damaged_lines: 0,
        current_hash: Some(HASH),
        legacy_hash: false,
        replay: Ok(replay),
    };
    app.update(Action::Recovery(Box::new(rec)));
    assert!(matches!(app.edit.dialog, Some(Dialog::Recover(_))));
    let e = press(&mut app, KeyCode::Char('r'));
    assert_eq!(kfq_investment(&app), Some(88.0));
    assert!(app.edit.dirty());
    assert!(
        e.iter()
            .any(|x| matches!(x, Effect::JournalRewrite { base: HASH, sets } if sets.len() == 1))
    );
    // And it can be undone like any edit.
    press(&mut app, KeyCode::Char('u'));
    assert_eq!(kfq_investment(&app), Some(49.2));
}

#[test]
fn unknown_fields_survive_an_edit() {
    let mut v: serde_json::Value = serde_json::from_str(MEETING).unwrap();
    v["x_custom"] = json!({"kept": true});
    v["units"][0]["x_note"] = json!("秘书备注");
    v["projects"][0]["x_flag"] = json!([1, "甲"]);
    let d = Document::from_json(v).unwrap();
    let log = MeetingLog::new("test", d.snapshot.meeting.date, "t");
    let mut app = App::new(d, Some(HASH), log, Options::default(), t0());
    app.update(Action::Command(crate::app::Command::Edit));
    goto(&mut app, 0, 5);
    typed(&mut app, "100");
    press(&mut app, KeyCode::Enter);
    // And a project's own field, next to its unknown one.
    press(&mut app, KeyCode::Char(']'));
    goto(&mut app, 0, 4);
    typed(&mut app, "33");
    press(&mut app, KeyCode::Enter);
    assert_eq!(app.data.snapshot().projects[0].investment, Some(33.0));
    let saved = app.data.doc.to_pretty();
    let back = Document::from_bytes(saved.as_bytes()).unwrap();
    let v = back.json.to_value();
    assert_eq!(v["x_custom"], json!({"kept": true}));
    assert_eq!(v["units"][0]["x_note"], json!("秘书备注"));
    assert_eq!(v["projects"][0]["x_flag"], json!([1, "甲"]));
    assert_eq!(back.snapshot.units[0].actuals[0], Some(100.0));
}

#[test]
fn rows_are_added_removed_and_agenda_items_moved() {
    let mut app = editor();
    press(&mut app, KeyCode::Char(']'));
    assert_eq!(app.edit.sheet, Sheet::Projects);
    let n = app.data.snapshot().projects.len();
    press(&mut app, KeyCode::Char('+'));
    assert_eq!(app.data.snapshot().projects.len(), n + 1);
    assert_eq!(app.edit.cursor().row, n, "the cursor goes to the new row");
    ctrl(&mut app, 'd');
    assert_eq!(app.data.snapshot().projects.len(), n);

    press(&mut app, KeyCode::Char(']'));
    press(&mut app, KeyCode::Char(']'));
    assert_eq!(app.edit.sheet, Sheet::Agenda);
    let titles = |app: &App| -> Vec<String> {
        app.data
            .snapshot()
            .agenda
            .iter()
            .map(|i| i.title.clone())
            .collect()
    };
    let before = titles(&app);
    goto(&mut app, 1, 0);
    app.update(Action::Key(KeyEvent::new(KeyCode::Down, KeyModifiers::ALT)));
    let after = titles(&app);
    assert_eq!(after[1], before[2]);
    assert_eq!(after[2], before[1]);
    assert_eq!(app.edit.cursor().row, 2, "the cursor follows the item");
    press(&mut app, KeyCode::Char('u'));
    assert_eq!(titles(&app), before);
    press(&mut app, KeyCode::Char('+'));
    assert_eq!(app.data.snapshot().agenda.len(), before.len() + 1);
    assert_eq!(
        app.nav.panes.len(),
        before.len() + 1,
        "every item has its pane state"
    );
}

#[test]
fn chinese_text_from_an_input_method_is_written() {
    let mut app = editor();
    press(&mut app, KeyCode::Char(']'));
    goto(&mut app, 0, 10);
    // A CJK character starts typing over the cell, like a digit.
    typed(&mut app, "已完成环评，下周开工");
    press(&mut app, KeyCode::Enter);
    assert_eq!(
        app.data.snapshot().projects[0].note.as_deref(),
        Some("已完成环评，下周开工")
    );
}

#[test]
fn the_editor_draws_at_every_size_without_panic_and_within_its_width() {
    let mut app = editor();
    goto(&mut app, 2, 5);
    typed(&mut app, "12");
    for sheet in Sheet::ALL {
        app.edit.sheet = sheet;
        for (w, h) in [(80, 24), (100, 30), (160, 48), (200, 60), (20, 5), (1, 1)] {
            app.update(Action::Resize(w, h));
            let buf = crate::ui::screen::render(&app, w, h);
            assert_eq!(buf.area.width, w);
        }
    }
}

#[test]
fn a_block_pasted_from_a_spreadsheet_is_one_edit_and_all_or_nothing() {
    let mut app = editor();
    let original = app.data.doc.to_pretty();
    // kfq and gxq: investment target and actual (columns 4 and 5).
    goto(&mut app, 0, 4);
    let e = app.update(Action::Paste("250\t1,050.5\r\n260\t70\r\n".into()));
    assert_eq!(journaled(&e), 1, "one edit");
    let s = app.data.snapshot();
    assert_eq!(s.units[0].targets[0], Some(250.0));
    assert_eq!(s.units[0].actuals[0], Some(1050.5));
    assert_eq!(s.units[1].targets[0], Some(260.0));
    assert_eq!(s.units[1].actuals[0], Some(70.0));
    press(&mut app, KeyCode::Char('u'));
    assert_eq!(
        app.data.doc.to_pretty(),
        original,
        "one undo takes it all back"
    );

    // One bad cell: nothing written, the place named.
    let e = app.update(Action::Paste("250\t1,5\n260\t70".into()));
    assert!(e.is_empty());
    assert_eq!(app.data.doc.to_pretty(), original);
    let notice = app.prefs.notice.as_ref().unwrap().0.clone();
    assert!(notice.contains("经济开发区"), "{notice}");
    // Over a computed column: refused.
    goto(&mut app, 0, 1);
    app.update(Action::Paste("1\t2".into()));
    assert_eq!(app.data.doc.to_pretty(), original);
    // Past the last row: refused.
    let last = app.data.snapshot().units.len() - 1;
    goto(&mut app, last, 4);
    app.update(Action::Paste("1\n2".into()));
    assert_eq!(app.data.doc.to_pretty(), original);
}

#[test]
fn a_pasted_stage_may_be_the_meetings_word_and_a_single_value_goes_through_its_field() {
    let mut app = editor();
    press(&mut app, KeyCode::Char(']'));
    goto(&mut app, 0, 3);
    app.update(Action::Paste("开工".into()));
    assert_eq!(
        app.data.snapshot().projects[0].stage,
        crate::model::Stage::Started
    );
    // A project's change marks its unit, and only it, on the panes.
    let unit = app.data.snapshot().projects[0].unit;
    let marked: Vec<usize> = (0..app.edit.changed_units.len())
        .filter(|&u| app.edit.changed_units[u])
        .collect();
    assert_eq!(marked, vec![unit]);
    goto(&mut app, 0, 5);
    app.update(Action::Paste("2026-13-01".into()));
    let f = app
        .edit
        .field
        .as_ref()
        .expect("a bad single value stays in its field");
    assert!(f.problem(app.prefs.lang).is_some());
    // In an open field, a paste is typed in; escape sequences stay out.
    press(&mut app, KeyCode::Esc);
    goto(&mut app, 0, 10);
    press(&mut app, KeyCode::Enter);
    for _ in 0..40 {
        press(&mut app, KeyCode::Backspace);
    }
    app.update(Action::Paste("待\u{1b}]52;c;aGk=\u{7}办\n第二行".into()));
    press(&mut app, KeyCode::Enter);
    let note = app.data.snapshot().projects[0].note.clone().unwrap();
    assert!(
        !note.contains('\u{1b}') && !note.contains('\u{7}'),
        "{note:?}"
    );
    assert!(
        note.starts_with('待') && !note.contains("第二行"),
        "{note:?}"
    );
}

/// The styles of the cells where `text` (two-wide characters) starts on screen.
fn styles_of(buf: &ratatui::buffer::Buffer, text: &str) -> Vec<ratatui::style::Style> {
    let first: String = text.chars().take(1).collect();
    let second: String = text.chars().skip(1).take(1).collect();
    let area = buf.area;
    let mut found = Vec::new();
    for y in area.top()..area.bottom() {
        for x in area.left()..area.right().saturating_sub(2) {
            if buf[(x, y)].symbol() == first && buf[(x + 2, y)].symbol() == second {
                found.push(buf[(x, y)].style());
            }
        }
    }
    found
}

#[test]
fn the_presenters_ranking_marks_the_unit_that_changed_for_a_moment() {
    use ratatui::style::Modifier;
    let d = doc();
    let log = MeetingLog::new("test", d.snapshot.meeting.date, "t");
    let opts = Options {
        size: (160, 48),
        ..Options::default()
    };
    let mut app = App::new(d, Some(HASH), log, opts, t0());
    app.update(Action::Open);
    app.update(Action::Command(crate::app::Command::Jump(3))); // the ranking item
    let marked = |app: &App, name: &str| {
        let buf = crate::ui::screen::render(app, 160, 48);
        let styles = styles_of(&buf, name);
        assert!(!styles.is_empty(), "{name} on screen");
        styles
            .iter()
            .any(|s| s.add_modifier.contains(Modifier::UNDERLINED))
    };
    assert!(!marked(&app, "高新区"));
    let mut theirs = doc();
    theirs
        .edit(&[Assignment::parse("units.gxq.actuals.investment=66").unwrap()])
        .unwrap();
    app.update(Action::Loaded(Ok(Box::new((theirs, 50)))));
    assert!(marked(&app, "高新区"), "the unit that changed is marked");
    assert!(!marked(&app, "经济开发区"), "the others are not");
    app.update(Action::Tick(
        t0() + chrono::Duration::seconds(MARK_SECONDS + 1),
    ));
    assert!(!marked(&app, "高新区"), "and the mark goes");
}

#[test]
fn a_file_back_to_what_is_shown_clears_the_banner() {
    let mut app = editor();
    app.update(Action::Loaded(Err("m.json:3:7: expected `,`".into())));
    assert!(app.data.error.is_some());
    app.update(Action::FileUnchanged);
    assert!(app.data.error.is_none() && !app.data.gone);
}

#[test]
fn leaving_the_editor_lets_the_lock_go_unless_edits_are_unsaved() {
    let mut app = editor();
    assert_eq!(press(&mut app, KeyCode::Esc), vec![Effect::Unlock]);
    assert!(!app.edit.active);
    // Back in: the lock is asked for again (its holder may have changed).
    let effects = app.update(Action::Command(crate::app::Command::Edit));
    assert_eq!(effects, vec![Effect::Lock]);
    app.update(Action::LockHeld(Box::new(crate::store::LockInfo {
        pid: 42,
        host: "else".into(),
        user: "someone".into(),
        started: "2026-05-08T09:00:00+08:00".into(),
        purpose: "edit".into(),
        unsaved_since: None,
    })));
    assert!(app.edit.lock_holder.is_some());
    goto(&mut app, 0, 5);
    typed(&mut app, "120");
    press(&mut app, KeyCode::Enter);
    assert!(app.edit.dirty());
    // Unsaved edits: the lock stays, and entering again asks nothing.
    assert_eq!(press(&mut app, KeyCode::Esc), Vec::new());
    assert_eq!(
        app.update(Action::Command(crate::app::Command::Edit)),
        Vec::new()
    );
    assert!(app.edit.active);
}

#[test]
fn the_project_id_column_fits_the_longest_id_up_to_twelve() {
    let width = |doc: &Document| {
        let derived = crate::app::Derived::compute(&doc.snapshot);
        sheets::columns(
            &doc.snapshot,
            &derived,
            Sheet::Projects,
            crate::i18n::Lang::Zh,
        )[1]
        .width
    };
    let mut d = Document::from_bytes(crate::model::DEMO.as_bytes()).unwrap();
    assert_eq!(width(&d), 6, "short ids keep six columns");
    d.edit(&[Assignment::parse("projects.P001.id=P2026-00042").unwrap()])
        .unwrap();
    assert_eq!(width(&d), 11);
    d.edit(&[Assignment::parse("projects.P002.id=P2026-0000000042").unwrap()])
        .unwrap();
    assert_eq!(width(&d), 12, "at most twelve");
}

/// A reload read against the data in force now.
fn reading(app: &App, plan: crate::model::reload::Plan, hash: u64) -> Action {
    Action::Reloaded(Box::new(crate::app::reload::Reading {
        plan,
        hash,
        generation: app.data.generation,
    }))
}

#[test]
fn a_reload_read_against_a_version_since_changed_is_read_again() {
    let mut app = editor();
    let mut theirs = app.data.doc.json.to_value();
    theirs["projects"][2]["name"] = serde_json::Value::from("改过名的项目");
    let text = crate::model::to_pretty(&theirs);
    let plan = crate::model::reload::plan(&app.data.doc, text.as_bytes()).unwrap();
    let stale = reading(&app, plan, 50);
    // An edit lands before the reading is taken, then is undone: the
    // document is clean again, but not the version the plan was made on.
    goto(&mut app, 0, 5);
    typed(&mut app, "100");
    press(&mut app, KeyCode::Enter);
    ctrl(&mut app, 'z');
    assert!(!app.edit.dirty());
    let before = app.data.doc.to_pretty();
    assert_eq!(app.update(stale), vec![Effect::Reload]);
    assert_eq!(app.data.doc.to_pretty(), before, "nothing was moved");
    assert_ne!(app.data.content_hash, Some(50));
}

#[test]
fn an_outside_change_read_incrementally_is_taken_in_place_or_waits_when_dirty() {
    let mut app = editor();
    let generation = app.data.generation;
    let mut theirs = app.data.doc.json.to_value();
    theirs["projects"][2]["name"] = serde_json::Value::from("改过名的项目");
    let text = crate::model::to_pretty(&theirs);
    let plan = crate::model::reload::plan(&app.data.doc, text.as_bytes()).unwrap();
    assert_eq!(plan.read_anew(), 1, "only the project changed is read");
    app.update(reading(&app, plan, 50));
    assert_eq!(app.data.snapshot().projects[2].name, "改过名的项目");
    assert_eq!(app.data.content_hash, Some(50));
    assert_eq!(
        app.data.generation,
        generation + 1,
        "the standings recomputed"
    );
    assert_eq!(app.data.doc.to_pretty(), text);
    let id = app.data.snapshot().projects[2].id.to_string();
    let p = crate::model::edit::EditPath(vec![
        crate::model::edit::Step::Key("projects".into()),
        crate::model::edit::Step::Id { id },
        crate::model::edit::Step::Key("name".into()),
    ]);
    assert!(app.edit.marked(&p), "what changed is marked");

    goto(&mut app, 0, 5);
    typed(&mut app, "100");
    press(&mut app, KeyCode::Enter);
    theirs["projects"][2]["name"] = serde_json::Value::from("又改了");
    let text = crate::model::to_pretty(&theirs);
    let plan = crate::model::reload::plan(&app.data.doc, text.as_bytes()).unwrap();
    app.update(reading(&app, plan, 51));
    assert_eq!(kfq_investment(&app), Some(100.0), "my edit is still here");
    assert_eq!(app.data.snapshot().projects[2].name, "改过名的项目");
    assert_eq!(
        app.data.content_hash,
        Some(50),
        "saving will see the conflict"
    );
    assert!(app.edit.outside_change);
}
