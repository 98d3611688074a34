//! `update()` tests: navigation, speakers, timers, reload, restart from the
//! log — all with an injected clock, none waiting.

use chrono::{Duration, NaiveDate, NaiveDateTime};
use ratatui::crossterm::event::{
    KeyCode, KeyEvent, KeyModifiers, MouseButton, MouseEvent, MouseEventKind,
};

use super::*;
use crate::store::meeting_log::{Event, MeetingLog};
use crate::ui::view::TimerState;

pub(super) const MEETING: &str = include_str!("../../tests/fixtures/console_meeting.json");
/// The red speakers item of the fixture (0-based) and its queue, in standing order.
const RED_ITEM: usize = 4;
const RED_QUEUE: [&str; 5] = ["dhz", "qsx", "czj", "kjj", "gxj"];

pub(super) fn t0() -> NaiveDateTime {
    NaiveDate::from_ymd_opt(2026, 5, 8)
        .unwrap()
        .and_hms_opt(9, 0, 0)
        .unwrap()
}

pub(super) fn doc() -> Document {
    Document::from_bytes(MEETING.as_bytes()).unwrap()
}

fn app_with_log(log: MeetingLog, now: NaiveDateTime) -> App {
    let opts = Options {
        size: (120, 40),
        ..Options::default()
    };
    App::new(doc(), Some(1), log, opts, now)
}

fn opened() -> App {
    let d = doc();
    let m = &d.snapshot.meeting;
    let log = MeetingLog::new("test", m.date, &m.title);
    let mut app = app_with_log(log, t0());
    app.update(Action::Open);
    app
}

fn at(app: &mut App, secs: i64) {
    app.update(Action::Tick(t0() + Duration::seconds(secs)));
}

fn key(c: KeyCode) -> Action {
    Action::Key(KeyEvent::new(c, KeyModifiers::NONE))
}

fn kinds(app: &App) -> Vec<String> {
    app.meeting
        .log
        .events
        .iter()
        .map(|e| match &e.event {
            Event::Open => "open".into(),
            Event::ItemStart { item, .. } => format!("start {item}"),
            Event::ItemEnd { item } => format!("end {item}"),
            Event::Speaker { unit, .. } => format!("speaker {unit}"),
            Event::Pause => "pause".into(),
            Event::Resume => "resume".into(),
            Event::Close => "close".into(),
        })
        .collect()
}

#[test]
fn opening_starts_the_first_item_and_keys_move_through_the_agenda() {
    let mut app = opened();
    assert_eq!(app.current(), Some(0));
    assert_eq!(kinds(&app), ["open", "start 0"]);

    at(&mut app, 90);
    assert_eq!(app.update(key(KeyCode::Right)), vec![Effect::SaveLog]);
    assert_eq!(app.current(), Some(1));
    assert_eq!(app.update(key(KeyCode::Char('p'))), vec![Effect::SaveLog]);
    assert_eq!(app.current(), Some(0));
    app.update(key(KeyCode::Char('7')));
    assert_eq!(app.current(), Some(6));
    app.update(key(KeyCode::PageDown));
    app.update(key(KeyCode::Char('n')));
    assert_eq!(app.current(), Some(8));
    assert_eq!(
        &kinds(&app)[..6],
        ["open", "start 0", "end 0", "start 1", "end 1", "start 0"]
    );
}

#[test]
fn jumping_past_the_agenda_does_nothing() {
    let mut app = opened();
    app.update(Action::Command(Command::Jump(9)));
    assert_eq!(app.current(), Some(8));
    let before = app.meeting.log.events.len();
    assert!(app.update(key(KeyCode::Right)).is_empty());
    assert!(app.update(Action::Command(Command::Jump(9))).is_empty());
    assert!(app.update(Action::Command(Command::Jump(0))).is_empty());
    assert_eq!(app.meeting.log.events.len(), before);
    assert_eq!(app.current(), Some(8));
}

#[test]
fn a_done_item_keeps_its_actual_time_and_marks_an_overrun() {
    let mut app = opened();
    at(&mut app, 150); // item 1 plans 2 minutes
    app.update(key(KeyCode::Right));
    assert_eq!(
        app.item_status(0),
        timers::ItemStatus::Done {
            elapsed_s: 150,
            over: true
        }
    );
    assert_eq!(app.item_status(1), timers::ItemStatus::Current);
    assert_eq!(app.item_status(2), timers::ItemStatus::Ahead);
}

#[test]
fn item_timer_counts_down_warns_overruns_and_pauses() {
    let mut app = opened(); // item 1: 2 minutes, warning 20% of 2 = 0.4 min = 24 s
    let timer = |app: &App| app.item_timer().unwrap();
    assert_eq!(
        (timer(&app).text(), timer(&app).state),
        ("02:00".into(), TimerState::Normal)
    );
    at(&mut app, 95);
    assert_eq!(timer(&app).state, TimerState::Normal);
    at(&mut app, 96);
    assert_eq!(
        (timer(&app).text(), timer(&app).state),
        ("00:24".into(), TimerState::Warning)
    );
    at(&mut app, 253);
    assert_eq!(
        (timer(&app).text(), timer(&app).state),
        ("+02:13".into(), TimerState::Overrun)
    );

    app.update(key(KeyCode::Char(' ')));
    assert!(timer(&app).paused);
    at(&mut app, 400);
    assert_eq!(timer(&app).text(), "+02:13", "a paused timer stands still");
    app.update(key(KeyCode::Char(' ')));
    at(&mut app, 410);
    assert_eq!(timer(&app).text(), "+02:23");
    assert!(!timer(&app).paused);
    assert_eq!(&kinds(&app)[2..], ["pause", "resume"]);
}

#[test]
fn speakers_take_the_floor_in_order_each_with_a_timer() {
    let mut app = opened();
    app.update(Action::Command(Command::Jump(RED_ITEM as u8 + 1)));
    let queue: Vec<&str> = app
        .data
        .queue(RED_ITEM)
        .iter()
        .map(|&u| app.data.snapshot().units[u].id.as_str())
        .collect();
    assert_eq!(queue, RED_QUEUE);
    assert_eq!(app.meeting.clock.speaker(RED_ITEM), Some("dhz"));
    assert_eq!(app.pane_state().speaker, 0);
    assert!(
        app.update(key(KeyCode::Char('['))).is_empty(),
        "no one before the first"
    );

    at(&mut app, 200); // 4-minute slots, warning at 1 minute left
    let st = app.speaker_timer().unwrap();
    assert_eq!((st.text(), st.state), ("00:40".into(), TimerState::Warning));
    app.update(key(KeyCode::Char(']')));
    assert_eq!(app.pane_state().speaker, 1);
    assert_eq!(app.meeting.clock.speaker(RED_ITEM), Some("qsx"));
    at(&mut app, 230);
    assert_eq!(app.speaker_timer().unwrap().text(), "03:30");
    assert_eq!(app.item_timer().unwrap().text(), "16:10");
    assert_eq!(app.meeting.clock.speaker_elapsed(RED_ITEM, "dhz"), 200_000);

    for _ in 0..10 {
        app.update(key(KeyCode::Char(']')));
    }
    assert_eq!(app.pane_state().speaker, 4, "the last speaker stays");
    // Leaving and coming back returns to the same speaker.
    app.update(key(KeyCode::Right));
    app.update(key(KeyCode::Left));
    assert_eq!(app.pane_state().speaker, 4);
    assert_eq!(app.meeting.clock.speaker(RED_ITEM), Some("gxj"));
}

#[test]
fn a_restarted_console_resumes_on_the_same_item_with_the_same_times() {
    let mut app = opened();
    app.update(Action::Command(Command::Jump(RED_ITEM as u8 + 1)));
    at(&mut app, 100);
    app.update(key(KeyCode::Char(']')));
    at(&mut app, 130);
    // The log goes through its file format, as after a crash.
    let text = app.meeting.log.to_json();
    let log: MeetingLog = serde_json::from_str(&text).unwrap();

    // Crash: the meeting went on for 20 s while the console was down.
    let mut again = app_with_log(log.clone(), t0() + Duration::seconds(150));
    again.update(Action::Open);
    assert_eq!(again.current(), Some(RED_ITEM));
    assert_eq!(again.pane_state().speaker, 1);
    assert_eq!(again.speaker_timer().unwrap().text(), "03:10");
    assert_eq!(
        again.meeting.clock.speaker_elapsed(RED_ITEM, "dhz"),
        100_000
    );
    assert!(!again.meeting.clock.paused);

    // A clean quit stops the clock; the console reopens paused, times kept.
    let mut app = app_with_log(log, t0() + Duration::seconds(130));
    assert!(app.update(key(KeyCode::Char('q'))).is_empty(), "it asks");
    let effects = app.update(key(KeyCode::Char('q')));
    assert_eq!(effects, vec![Effect::SaveLog, Effect::Quit]);
    let log = app.meeting.log.clone();
    let mut later = app_with_log(log, t0() + Duration::seconds(900));
    later.update(Action::Open);
    let st = later.speaker_timer().unwrap();
    assert_eq!((st.text(), st.paused), ("03:30".into(), true));
    later.update(key(KeyCode::Char(' ')));
    at(&mut later, 910);
    assert_eq!(later.speaker_timer().unwrap().text(), "03:20");
}

#[test]
fn reload_keeps_item_speaker_and_timers_and_a_broken_file_keeps_the_last_data() {
    let mut app = opened();
    app.update(Action::Command(Command::Jump(RED_ITEM as u8 + 1)));
    app.update(key(KeyCode::Char(']'))); // qsx speaks
    at(&mut app, 60);
    let generation = app.data.generation;

    // Someone edits the file: 东湖镇 falls behind pace and leaves the red queue.
    let mut json: serde_json::Value = serde_json::from_str(MEETING).unwrap();
    json["units"][3]["actuals"] =
        serde_json::json!({"investment": 1, "signed": 0, "started": 0, "trips": 0});
    let edited = Document::from_json(json).unwrap();
    assert_eq!(app.update(Action::FileChanged), vec![Effect::Reload]);
    app.update(Action::Loaded(Ok(Box::new((edited, 2)))));
    assert_eq!(app.data.generation, generation + 1);
    assert!(app.data.reloaded);
    // The version replaced is freed after the frame, not before it.
    assert!(!app.data.retired.is_empty());
    app.data.retired.free();
    assert!(app.data.retired.is_empty());
    assert_eq!(app.current(), Some(RED_ITEM));
    assert_eq!(app.meeting.clock.speaker(RED_ITEM), Some("qsx"));
    assert_eq!(
        app.pane_state().speaker,
        0,
        "qsx now leads the shorter queue"
    );
    assert_eq!(app.speaker_timer().unwrap().text(), "03:00");

    app.update(Action::Loaded(Err("m.json:3:7: expected `,`".into())));
    assert_eq!(app.data.error.as_deref(), Some("m.json:3:7: expected `,`"));
    assert_eq!(
        app.data.generation,
        generation + 1,
        "the last good data stays"
    );
    let screen = crate::ui::buffer_text::plain(&crate::ui::screen::render(&app, 120, 40));
    assert!(screen.contains("m.json:3:7"), "{screen}");

    // The fix arrives, identical to what is shown: the banner goes, nothing is recomputed.
    app.update(Action::Loaded(Ok(Box::new((app.data.doc.clone(), 2)))));
    assert_eq!(app.data.error, None);
    assert_eq!(app.data.generation, generation + 1);
}

#[test]
fn keys_never_recompute_the_standings() {
    let mut app = opened();
    let generation = app.data.generation;
    for c in "mMgGjk]b[f?xatnp1234567890 ".chars() {
        app.update(key(KeyCode::Char(c)));
    }
    app.update(key(KeyCode::Tab));
    assert_eq!(app.data.generation, generation);
}

#[test]
fn pane_keys_change_only_the_current_items_pane_state() {
    let mut app = opened();
    app.update(Action::Command(Command::Jump(3)));
    app.update(key(KeyCode::Char('m')));
    app.update(key(KeyCode::Char('m')));
    app.update(key(KeyCode::Char('g')));
    app.update(key(KeyCode::Tab));
    let p = app.pane_state();
    assert_eq!((p.metric, p.group, p.tab), (2, 1, 1));
    app.update(key(KeyCode::Char('M')));
    app.update(key(KeyCode::Char('M')));
    app.update(key(KeyCode::Char('M')));
    assert_eq!(app.pane_state().metric, 4, "wraps to the last metric");
    app.update(key(KeyCode::Char('g')));
    assert_eq!(app.pane_state().group, 0, "two groups wrap");
    assert_eq!(app.nav.panes[0], Default::default());
}

#[test]
fn help_opens_and_any_key_closes_it_and_quit_quits_at_once() {
    let mut app = opened();
    app.update(key(KeyCode::Char('?')));
    assert!(app.nav.help);
    assert!(
        app.update(key(KeyCode::Right)).is_empty(),
        "the key only closes the help"
    );
    assert!(!app.nav.help);
    assert_eq!(app.current(), Some(0));
    app.update(key(KeyCode::Char('q')));
    let effects = app.update(key(KeyCode::Char('q')));
    assert_eq!(effects, vec![Effect::SaveLog, Effect::Quit]);
    assert_eq!(kinds(&app).last().map(String::as_str), Some("close"));
}

#[test]
fn a_click_on_the_rail_goes_to_that_item() {
    let mut app = opened();
    let area = ratatui::layout::Rect::new(0, 0, 120, 40);
    let l = crate::app::layout::compute(&app, area);
    // The rail's first row is its heading; item 4 is on its fifth row.
    let click = MouseEvent {
        kind: MouseEventKind::Down(MouseButton::Left),
        column: l.rail.x + 5,
        row: l.rail.y + 4,
        modifiers: KeyModifiers::NONE,
    };
    app.update(Action::Mouse(click));
    assert_eq!(app.current(), Some(3));
    let wheel = MouseEvent {
        kind: MouseEventKind::ScrollDown,
        ..click
    };
    app.update(Action::Mouse(wheel));
    assert_eq!(app.pane_state().scroll, 1);
}

#[test]
fn themes_cycle_but_no_color_stays_mono() {
    let mut app = opened();
    assert_eq!(app.prefs.theme, crate::ui::theme::ThemeName::Dark);
    app.update(key(KeyCode::Char('t')));
    assert_eq!(app.prefs.theme, crate::ui::theme::ThemeName::Light);
    // `t` says which theme is now on, in the meeting's language.
    let notice = |app: &App| app.prefs.notice.as_ref().map(|(n, _)| n.clone());
    assert_eq!(notice(&app).as_deref(), Some("配色：浅色"));
    app.update(key(KeyCode::Char('t')));
    assert_eq!(notice(&app).as_deref(), Some("配色：投影"));

    let d = doc();
    let m = &d.snapshot.meeting;
    let opts = Options {
        no_color: true,
        ..Options::default()
    };
    let mut mono = App::new(
        d.clone(),
        None,
        MeetingLog::new("x", m.date, "x"),
        opts,
        t0(),
    );
    mono.update(key(KeyCode::Char('t')));
    assert_eq!(mono.prefs.theme, crate::ui::theme::ThemeName::Mono);
    assert!(mono.prefs.notice.is_some());
}

#[test]
fn the_projection_adds_what_is_left_to_the_plan() {
    let mut app = opened(); // 101 minutes planned from 09:00: ends 10:41
    let p = app.projection().unwrap();
    assert_eq!((p.end.to_string(), p.late_minutes), ("10:41:00".into(), 0));
    at(&mut app, 300); // item 1 (2 min) is 3 minutes over
    let p = app.projection().unwrap();
    assert_eq!((p.end.to_string(), p.late_minutes), ("10:44:00".into(), 3));
}

fn queue_ids(app: &App, item: usize) -> Vec<String> {
    app.data
        .queue(item)
        .iter()
        .map(|&u| app.data.snapshot().units[u].id.clone())
        .collect()
}

fn edit(app: &mut App, assignments: &[&str]) {
    let parsed: Vec<_> = assignments
        .iter()
        .map(|a| crate::model::edit::Assignment::parse(a).unwrap())
        .collect();
    app.apply_edit(&parsed).unwrap();
}

/// A unit gains the item's card by a live edit and lands before the current
/// speaker: the current speaker stays current, the unit is not marked as
/// heard, `]` past the last reaches it, and the footer counts it.
#[test]
fn a_unit_gaining_the_card_mid_item_is_not_skipped() {
    let mut app = opened();
    app.update(Action::Command(Command::Jump(RED_ITEM as u8 + 1)));
    at(&mut app, 60);
    app.update(key(KeyCode::Char(']')));
    at(&mut app, 120);
    app.update(key(KeyCode::Char(']')));
    assert_eq!(app.meeting.clock.speaker(RED_ITEM), Some("czj"));
    // 高新技术产业园区 (yellow by the rule) is given red while 区财政局 speaks.
    at(&mut app, 150);
    edit(
        &mut app,
        &[
            "units.gxq.card=red",
            "units.gxq.card_reason=会上研究决定给予红牌",
        ],
    );
    assert_eq!(
        queue_ids(&app, RED_ITEM),
        ["dhz", "qsx", "gxq", "czj", "kjj", "gxj"]
    );
    // The current speaker stays current.
    assert_eq!(app.meeting.clock.speaker(RED_ITEM), Some("czj"));
    assert_eq!(app.pane_state().speaker, 3);
    assert_eq!(app.unheard(RED_ITEM), [2, 4, 5]);
    assert_eq!(app.unheard_count(RED_ITEM), 3);
    // The list marks who has spoken: 高新技术产业园区 is not marked.
    let text = crate::ui::buffer_text::plain(&crate::ui::screen::render(&app, 120, 40));
    let row = |name: &str| {
        text.lines()
            .find(|l| l.contains(name))
            .unwrap_or_else(|| panic!("{name} in\n{text}"))
            .to_owned()
    };
    assert!(row("东湖镇").contains("✓1 东湖镇"), "{}", row("东湖镇"));
    assert!(
        row("高新技术产业").contains("  3 高新技术产业"),
        "{}",
        row("高新技术产业")
    );
    assert!(text.contains("▶4 区财政局"), "{text}");
    assert!(text.contains("待发言 3"), "{text}");
    // `]` to the end, then once more: the unit not yet heard takes the floor.
    app.update(key(KeyCode::Char(']')));
    app.update(key(KeyCode::Char(']')));
    assert_eq!(app.meeting.clock.speaker(RED_ITEM), Some("gxj"));
    app.update(key(KeyCode::Char(']')));
    assert_eq!(app.meeting.clock.speaker(RED_ITEM), Some("gxq"));
    assert_eq!(app.pane_state().speaker, 2);
    assert!(app.unheard(RED_ITEM).is_empty());
    assert_eq!(app.unheard_count(RED_ITEM), 0);
    let text = crate::ui::buffer_text::plain(&crate::ui::screen::render(&app, 120, 40));
    assert!(text.contains("待发言 0"), "{text}");
    // Everyone heard: `]` at the end stays.
    app.update(key(KeyCode::Char(']')));
    app.update(key(KeyCode::Char(']')));
    app.update(key(KeyCode::Char(']')));
    assert_eq!(app.meeting.clock.speaker(RED_ITEM), Some("gxj"));
    assert!(app.update(key(KeyCode::Char(']'))).is_empty());
}

/// The current speaker's card changes mid-speech: it keeps the floor and
/// its place in the list until it is done.
#[test]
fn the_current_speaker_keeps_the_floor_when_its_card_changes() {
    let mut app = opened();
    app.update(Action::Command(Command::Jump(RED_ITEM as u8 + 1)));
    at(&mut app, 60);
    app.update(key(KeyCode::Char(']')));
    assert_eq!(app.meeting.clock.speaker(RED_ITEM), Some("qsx"));
    edit(
        &mut app,
        &[
            "units.qsx.card=yellow",
            "units.qsx.card_reason=会上研究决定给予黄牌",
        ],
    );
    assert_eq!(app.meeting.clock.speaker(RED_ITEM), Some("qsx"));
    assert_eq!(app.pane_state().speaker, 1);
    assert_eq!(
        queue_ids(&app, RED_ITEM),
        ["dhz", "qsx", "czj", "kjj", "gxj"]
    );
    app.update(key(KeyCode::Char(']')));
    assert_eq!(app.meeting.clock.speaker(RED_ITEM), Some("czj"));
}

/// Without any target nobody has a composite: the ranking opens on the
/// first metric, and `m` goes through the metrics without an empty stop.
#[test]
fn m_skips_the_composite_when_nobody_has_one() {
    let doc = Document::from_bytes(include_bytes!(
        "../../tests/fixtures/real/counts_no_targets.json"
    ))
    .unwrap();
    let log = MeetingLog::new("t", doc.snapshot.meeting.date, "t");
    let mut app = App::new(doc, None, log, Options::default(), t0());
    app.update(Action::Open);
    app.update(Action::Command(Command::Jump(2)));
    let seen: Vec<usize> = (0..5)
        .map(|_| {
            app.update(key(KeyCode::Char('m')));
            app.pane_state().metric
        })
        .collect();
    assert_eq!(seen, [2, 3, 4, 1, 2]);
    app.update(key(KeyCode::Char('M')));
    app.update(key(KeyCode::Char('M')));
    assert_eq!(app.pane_state().metric, 4);
}

/// `q` in the middle of the meeting asks once; `q q` or a second Ctrl+C
/// quits; any other key goes back to the meeting and does nothing else.
#[test]
fn quitting_a_running_meeting_asks_once() {
    let ctrl_c = Action::Key(KeyEvent::new(KeyCode::Char('c'), KeyModifiers::CONTROL));
    let mut app = opened();
    assert!(app.update(key(KeyCode::Char('q'))).is_empty());
    assert!(app.nav.quit_asked);
    let text = crate::ui::buffer_text::plain(&crate::ui::screen::render(&app, 100, 30));
    assert!(text.contains("退出会议？"), "{text}");
    assert!(text.contains("再按 q 或 Ctrl+c 退出"), "{text}");
    // Another key: back to the meeting, and the key is not acted on.
    assert!(app.update(key(KeyCode::Right)).is_empty());
    assert!(!app.nav.quit_asked);
    assert_eq!(app.current(), Some(0));
    // q q quits.
    app.update(key(KeyCode::Char('q')));
    assert_eq!(
        app.update(key(KeyCode::Char('q'))),
        vec![Effect::SaveLog, Effect::Quit]
    );
    // Ctrl+C twice quits too.
    let mut app = opened();
    assert!(app.update(ctrl_c.clone()).is_empty());
    assert_eq!(app.update(ctrl_c), vec![Effect::SaveLog, Effect::Quit]);
    // A signal still leaves at once.
    let mut app = opened();
    assert!(app.update(Action::Terminate).contains(&Effect::Quit));
}

#[test]
fn one_mode_takes_each_key_whatever_flags_are_set() {
    use crate::app::mode::Mode;
    let mut app = opened();
    assert_eq!(app.mode(), Mode::Presenter);
    app.update(key(KeyCode::Char('?')));
    assert_eq!(app.mode(), Mode::Help);
    // Any key closes the help and does nothing else.
    app.update(key(KeyCode::Char('n')));
    assert_eq!(app.mode(), Mode::Presenter);
    assert_eq!(app.current(), Some(0));
    app.update(key(KeyCode::Char('q')));
    assert_eq!(app.mode(), Mode::QuitAsked);
    app.update(key(KeyCode::Char('x')));
    assert_eq!(app.mode(), Mode::Presenter);
    // The editor comes first: a quit question or the presenter's help left
    // set underneath does not take its keys.
    app.nav.quit_asked = true;
    app.update(Action::Command(Command::Edit));
    assert_eq!(app.mode(), Mode::Editor);
    app.update(key(KeyCode::Char('?')));
    assert_eq!(app.mode(), Mode::EditorHelp);
    app.update(key(KeyCode::Char('x')));
    assert_eq!(app.mode(), Mode::Editor);
    app.update(key(KeyCode::Enter));
    assert_eq!(app.mode(), Mode::Field);
    app.update(key(KeyCode::Esc));
    assert_eq!(app.mode(), Mode::Editor);
    // A dialog over an open field takes the keys before it.
    app.update(key(KeyCode::Enter));
    app.edit.dialog = Some(crate::app::editor::Dialog::Quit);
    assert_eq!(app.mode(), Mode::Dialog);
    assert!(app.mode().is_editor());
    app.update(key(KeyCode::Esc));
    assert_eq!(app.mode(), Mode::Field);
}
