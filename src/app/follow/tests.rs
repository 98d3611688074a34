//! The audience console through `update()`: a presenter's place published
//! and followed, and every way the position file can be wrong — all on an
//! injected clock.

use chrono::Duration;

use super::*;
use crate::app::tests::{doc, t0};
use crate::app::{Action, Command, Effect, Options};
use crate::store::lock::LockInfo;
use crate::store::meeting_log::MeetingLog;

/// The red speakers item of the fixture (0-based).
const RED_ITEM: usize = 4;

fn presenter() -> App {
    let d = doc();
    let m = &d.snapshot.meeting;
    let log = MeetingLog::new("test", m.date, &m.title);
    let mut app = App::new(d, Some(1), log, Options::default(), t0());
    app.update(Action::Open);
    app
}

fn audience() -> App {
    App::audience(doc(), Some(1), Options::default(), t0())
}

fn at(app: &mut App, secs: i64) {
    app.update(Action::Tick(t0() + Duration::seconds(secs)));
}

/// The presenter's position as it would publish it now.
fn published(p: &App, seq: u64) -> Box<Position> {
    Box::new(Position {
        written_at: crate::presenting::local(p.now()),
        seq,
        presenter: LockInfo::current("present"),
        ended: false,
        place: p.place(),
    })
}

fn hear(a: &mut App, pos: Box<Position>) -> Vec<Effect> {
    a.update(Action::Position(Ok(Some(pos))))
}

fn note(a: &App) -> Option<Note> {
    a.following().and_then(|f| f.note.clone())
}

/// A presenter on the red speakers' item, second speaker, a metric and a
/// view switched, 95 s into the speaker's slot.
fn busy_presenter() -> App {
    let mut p = presenter();
    at(&mut p, 10);
    p.update(Action::Command(Command::Jump(RED_ITEM as u8 + 1)));
    at(&mut p, 70);
    p.update(Action::Command(Command::NextSpeaker));
    at(&mut p, 165);
    p.update(Action::Command(Command::Tab));
    p.update(Action::Command(Command::NextGroup));
    p
}

#[test]
fn the_audience_shows_where_the_presenter_is_with_the_same_timers() {
    let mut p = busy_presenter();
    let mut a = audience();
    assert_eq!(note(&a), Some(Note::NoPresenter), "nobody yet");
    at(&mut a, 165);
    assert_eq!(hear(&mut a, published(&p, 1)), Vec::new());
    assert_eq!(note(&a), None);
    assert_eq!(a.current(), Some(RED_ITEM));
    assert_eq!(a.pane_state(), p.pane_state());
    assert_eq!(a.item_timer(), p.item_timer());
    assert_eq!(a.speaker_timer(), p.speaker_timer());
    assert_eq!(
        a.speaker_timer().unwrap().remaining,
        p.data.slot_seconds(RED_ITEM) - 95
    );

    // The timers run on between positions, as the presenter's do.
    at(&mut p, 200);
    at(&mut a, 200);
    assert_eq!(a.speaker_timer(), p.speaker_timer());
    // Paused there: the presenter's pause stops them.
    p.update(Action::Command(Command::Pause));
    p.update(Action::Command(Command::BigTimer));
    hear(&mut a, published(&p, 2));
    at(&mut p, 260);
    at(&mut a, 260);
    assert_eq!(a.item_timer(), p.item_timer());
    assert!(a.item_timer().unwrap().paused);
    assert!(a.prefs.big_timer, "the big timer follows");
    assert!(!a.prefs.fullscreen);
}

#[test]
fn the_audience_records_nothing_and_writes_nothing() {
    let p = busy_presenter();
    let mut a = audience();
    let mut effects = hear(&mut a, published(&p, 1));
    for action in [
        Action::Open,
        Action::Command(Command::Next),
        Action::Command(Command::Edit),
        Action::Key(ratatui::crossterm::event::KeyEvent::from(
            ratatui::crossterm::event::KeyCode::Right,
        )),
        Action::Notice("an operator's message".into()),
        Action::Paste("1\t2".into()),
    ] {
        effects.extend(a.update(action));
    }
    assert_eq!(effects, Vec::new());
    assert!(a.meeting.log.events.is_empty(), "no meeting log");
    assert!(!a.edit.active && a.prefs.notice.is_none());
    assert_eq!(
        a.current(),
        Some(RED_ITEM),
        "keys do not move the room's screen"
    );
    // What it does ask: read the files, and leave.
    assert_eq!(a.update(Action::FileChanged), vec![Effect::Reload]);
    assert_eq!(
        a.update(Action::PositionChanged),
        vec![Effect::ReadPosition]
    );
    let q =
        ratatui::crossterm::event::KeyEvent::from(ratatui::crossterm::event::KeyCode::Char('q'));
    assert_eq!(a.update(Action::Key(q)), vec![Effect::Quit]);
    assert_eq!(a.update(Action::Terminate), vec![Effect::Quit]);
}

#[test]
fn a_broken_position_keeps_the_last_screen() {
    let p = busy_presenter();
    let mut a = audience();
    at(&mut a, 165);
    hear(&mut a, published(&p, 1));
    // A real reading error, kept typed until the screen says it.
    let broken =
        Position::parse(std::path::Path::new("p"), b"{\"seq\": }").expect_err("not a position");
    a.update(Action::Position(Err(std::sync::Arc::new(broken))));
    assert_eq!(
        note(&a),
        Some(Note::Broken(
            "p:1:9: expected value at line 1 column 9".into()
        ))
    );
    assert_eq!(a.current(), Some(RED_ITEM));
    // Fixed: followed again.
    hear(&mut a, published(&p, 2));
    assert_eq!(note(&a), None);
}

#[test]
fn a_position_for_another_meeting_is_not_followed() {
    let p = busy_presenter();
    let mut a = audience();
    let mut pos = published(&p, 1);
    pos.place.date = pos.place.date.pred_opt().unwrap();
    hear(&mut a, pos);
    assert_eq!(a.current(), Some(0), "the screen stays");
    assert!(
        matches!(note(&a), Some(Note::OtherMeeting(_))),
        "{:?}",
        note(&a)
    );
}

#[test]
fn a_position_from_the_future_is_followed_on_this_clock() {
    let p = busy_presenter();
    let mut a = audience();
    at(&mut a, 165);
    let mut pos = published(&p, 1);
    // The presenter's clock is an hour ahead.
    pos.written_at += Duration::hours(1);
    hear(&mut a, pos);
    assert_eq!(a.current(), Some(RED_ITEM));
    assert_eq!(note(&a), Some(Note::ClockBehind));
    let before = a.speaker_timer().unwrap().remaining;
    assert_eq!(before, p.speaker_timer().unwrap().remaining);
    // Not frozen until this clock catches up: the timers run from now.
    at(&mut a, 175);
    assert_eq!(a.speaker_timer().unwrap().remaining, before - 10);
}

#[test]
fn a_follower_whose_snapshot_lags_waits_for_it() {
    // The presenter's agenda gained an item the follower's copy lacks yet.
    let mut newer = doc();
    let assignment = crate::model::edit::Assignment::parse(
        r#"agenda.+={"title":"临时增加议程","pane":"notes","minutes":5}"#,
    )
    .unwrap();
    newer.edit(&[assignment]).unwrap();
    let last = newer.snapshot.agenda.len() - 1;
    let m = &newer.snapshot.meeting;
    let log = MeetingLog::new("test", m.date, &m.title);
    let mut p = App::new(newer.clone(), Some(2), log, Options::default(), t0());
    p.update(Action::Open);
    for _ in 0..last {
        p.update(Action::Command(Command::Next));
    }
    assert_eq!(p.current(), Some(last));

    let mut a = audience();
    hear(&mut a, published(&p, 1));
    assert_eq!(note(&a), Some(Note::Waiting));
    assert_eq!(a.current(), Some(0), "the last screen stays");
    // The snapshot arrives: followed at once.
    a.update(Action::Loaded(Ok(Box::new((newer, 2)))));
    assert_eq!(a.current(), Some(last));
    assert_eq!(note(&a), None);
}

#[test]
fn a_presenter_gone_quiet_or_gone_is_said_and_the_screen_stays() {
    let p = busy_presenter();
    let mut a = audience();
    at(&mut a, 165);
    hear(&mut a, published(&p, 1));
    // The same position read again is no news.
    at(&mut a, 190);
    hear(&mut a, published(&p, 1));
    assert_eq!(note(&a), None);
    at(&mut a, 196);
    assert!(
        matches!(note(&a), Some(Note::Stale { .. })),
        "{:?}",
        note(&a)
    );
    assert_eq!(a.current(), Some(RED_ITEM));
    // It comes back.
    hear(&mut a, published(&p, 2));
    assert_eq!(note(&a), None);
    // It quits: its clock stops.
    let mut bye = published(&p, 3);
    bye.ended = true;
    hear(&mut a, bye);
    assert!(matches!(note(&a), Some(Note::Ended { .. })));
    let left = a.item_timer().unwrap();
    assert!(left.paused);
    at(&mut a, 400);
    assert_eq!(a.item_timer(), Some(left));
    // The file removed: no presenter; the screen stays.
    a.update(Action::Position(Ok(None)));
    assert_eq!(note(&a), Some(Note::NoPresenter));
    assert_eq!(a.current(), Some(RED_ITEM));
}

#[test]
fn a_position_left_long_ago_is_stale_at_once() {
    let p = busy_presenter();
    let mut a = audience();
    at(&mut a, 165 + 3600);
    hear(&mut a, published(&p, 1));
    assert!(
        matches!(note(&a), Some(Note::Stale { .. })),
        "{:?}",
        note(&a)
    );
    // Shown all the same: the last screen there is.
    assert_eq!(a.current(), Some(RED_ITEM));
}

/// The calendar's edges: a position written in the year 0 with the
/// longest timers, or in the year 9999, is followed without a panic.
#[test]
fn positions_at_the_calendars_edges_are_followed_without_a_panic() {
    let p = busy_presenter();
    let mut a = audience();
    let mut pos = published(&p, 1);
    pos.written_at = chrono::DateTime::parse_from_rfc3339("0000-01-01T00:00:00+00:00").unwrap();
    pos.place.item_ms = crate::store::position::MAX_ELAPSED_MS;
    pos.place.speaker_ms = crate::store::position::MAX_ELAPSED_MS;
    hear(&mut a, pos);
    assert!(
        matches!(note(&a), Some(Note::Stale { .. })),
        "{:?}",
        note(&a)
    );
    let mut pos = published(&p, 2);
    pos.written_at = chrono::DateTime::parse_from_rfc3339("9999-12-31T23:59:59+00:00").unwrap();
    hear(&mut a, pos);
    assert_eq!(note(&a), Some(Note::ClockBehind));
    assert_eq!(a.current(), Some(RED_ITEM));
    let _ = crate::ui::screen::render(&a, 80, 24);
}

#[test]
fn another_version_of_the_snapshot_is_followed_while_it_syncs() {
    let p = busy_presenter();
    let mut a = audience();
    at(&mut a, 165);
    let mut pos = published(&p, 1);
    pos.place.snapshot_hash = Some(99);
    hear(&mut a, pos);
    // The item is there: shown; the data differs: said.
    assert_eq!(a.current(), Some(RED_ITEM));
    assert_eq!(note(&a), Some(Note::Waiting));
    let mut pos = published(&p, 2);
    pos.place.snapshot_hash = None;
    hear(&mut a, pos);
    assert_eq!(note(&a), None, "a presenter that does not say is believed");
}
