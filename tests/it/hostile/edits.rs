//! Hostile edits: random `set` assignments (paths made of the snapshot's own
//! words, numbers, quotes, dots and junk; values of every JSON kind) and
//! random key and paste storms into the console's editor. Nothing panics,
//! a refused edit changes nothing, and whatever is accepted is a valid
//! snapshot that saves and loads back the same.

use guotang::app::{Action, App, Command, Options};
use guotang::model::edit::Assignment;
use guotang::model::{DEMO, Document};
use guotang::store::meeting_log::MeetingLog;
use proptest::prelude::*;
use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};

fn demo() -> Document {
    Document::from_bytes(DEMO.as_bytes()).unwrap()
}

/// A path segment: the snapshot's words, positions, appends and junk.
fn segment() -> impl Strategy<Value = String> {
    prop_oneof![
        4 => prop::sample::select(vec![
            "units", "projects", "metrics", "agenda", "meeting", "cards", "seating",
            "kfq", "gxq", "baisha", "P001", "P007", "investment", "signed", "actuals",
            "targets", "card", "card_reason", "stage", "started_on", "minutes", "title",
            "speakers", "zones", "period", "to", "date", "weight", "rule", "id", "name",
            "unit", "format", "notes",
        ]).prop_map(str::to_owned),
        2 => (0usize..12).prop_map(|n| n.to_string()),
        1 => Just("+".to_owned()),
        1 => "\"[^\"\\\\]{0,6}\"",
        1 => "[ -~]{0,5}",
        1 => "\\PC{0,3}",
    ]
}

fn value() -> impl Strategy<Value = String> {
    prop_oneof![
        Just("null".to_owned()),
        (-1e6f64..1e6).prop_map(|x| x.to_string()),
        Just("1e400".to_owned()),
        Just("-0".to_owned()),
        prop::sample::select(vec![
            "started",
            "red",
            "yellow",
            "none",
            "2026-04-30",
            "notes"
        ])
        .prop_map(str::to_owned),
        Just("{\"id\":\"P999\",\"name\":\"x\",\"unit\":\"kfq\",\"stage\":\"signed\"}".to_owned()),
        Just("[1,2]".to_owned()),
        "\\PC{0,8}",
        "[\\x00-\\x1f\\x7f\\u{202e}\\u{200b}]{1,3}",
    ]
}

fn assignment() -> impl Strategy<Value = String> {
    (prop::collection::vec(segment(), 1..5), value())
        .prop_map(|(segs, v)| format!("{}={v}", segs.join(".")))
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 3000, failure_persistence: None, ..ProptestConfig::default() })]

    /// `guotang set`'s core on random assignments: never a panic; refused
    /// means unchanged; accepted means valid and stable through a save.
    #[test]
    fn random_assignments_never_panic_and_never_leave_a_bad_snapshot(
        texts in prop::collection::vec(assignment(), 1..4)
    ) {
        let mut doc = demo();
        let before = doc.to_pretty();
        let parsed: Result<Vec<Assignment>, _> = texts.iter().map(|t| Assignment::parse(t)).collect();
        let Ok(assignments) = parsed else { return Ok(()) };
        match doc.edit(&assignments) {
            Err(_) => prop_assert_eq!(doc.to_pretty(), before),
            Ok(changes) => {
                let saved = doc.to_pretty();
                let back = Document::from_bytes(saved.as_bytes());
                prop_assert!(back.is_ok(), "accepted but does not load: {texts:?}");
                prop_assert_eq!(back.unwrap().to_pretty(), saved.clone());
                // And the edit undoes back to the same bytes.
                doc.replay(&changes.inverse()).unwrap();
                prop_assert_eq!(doc.to_pretty(), before);
            }
        }
    }
}

#[derive(Debug, Clone)]
enum Input {
    Key(KeyCode, KeyModifiers),
    Paste(String),
}

fn input() -> impl Strategy<Value = Input> {
    let code = prop_oneof![
        4 => prop::sample::select(vec![
            KeyCode::Up, KeyCode::Down, KeyCode::Left, KeyCode::Right, KeyCode::Tab,
            KeyCode::BackTab, KeyCode::Enter, KeyCode::Esc, KeyCode::Backspace,
            KeyCode::Delete, KeyCode::PageDown, KeyCode::PageUp, KeyCode::Home, KeyCode::End,
            KeyCode::F(2),
        ]),
        6 => prop::sample::select(vec![
            '0', '1', '5', '9', '.', ',', '-', '[', ']', '+', 'u', 'e', 'x', 'r', 's', 'd',
            '甲', '开', '工', ' ', '?',
        ]).prop_map(KeyCode::Char),
    ];
    let mods = prop::sample::select(vec![
        KeyModifiers::NONE,
        KeyModifiers::NONE,
        KeyModifiers::NONE,
        KeyModifiers::CONTROL,
        KeyModifiers::ALT,
    ]);
    prop_oneof![
        12 => (code, mods).prop_map(|(c, m)| Input::Key(c, m)),
        1 => "[0-9\\t\\n,.开工甲\\x1b]{0,40}".prop_map(Input::Paste),
    ]
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 400, failure_persistence: None, ..ProptestConfig::default() })]

    /// Random keys and pastes into the editor (never `q`: quitting ends the
    /// run): no panic, the data in force always a valid snapshot, every
    /// frame drawn within its width.
    #[test]
    fn random_keys_into_the_editor_keep_the_data_valid(inputs in prop::collection::vec(input(), 1..80)) {
        let doc = demo();
        let log = MeetingLog::new("fuzz", doc.snapshot.meeting.date, "t");
        let opts = Options { size: (100, 30), ..Options::default() };
        let now = chrono::NaiveDate::from_ymd_opt(2026, 5, 8).unwrap().and_hms_opt(9, 0, 0).unwrap();
        let mut app = App::new(doc, Some(1), log, opts, now);
        app.update(Action::Command(Command::Edit));
        for i in &inputs {
            let action = match i {
                Input::Key(c, m) => Action::Key(KeyEvent::new(*c, *m)),
                Input::Paste(t) => Action::Paste(t.clone()),
            };
            app.update(action);
        }
        let saved = app.data.doc.to_pretty();
        prop_assert!(Document::from_bytes(saved.as_bytes()).is_ok(), "{inputs:?}");
        let buf = guotang::ui::screen::render(&app, 100, 30);
        prop_assert_eq!(buf.area.width, 100);
    }
}
