//! After an edit, an undo or a redo the console computes again only the
//! side of the derived data the change can have reached
//! (`Derived::again`, `model::reach`). The oracle is the whole
//! computation: after every step of a random session the derived data
//! must equal `Derived::compute` of the data in force, and every screen —
//! each agenda item, the seating list, the editor's sheets — drawn from it
//! (with the memos it kept from frames drawn before the change) must equal
//! the screen drawn from a fresh computation.

use guotang::app::{Action, App, Command, Derived};
use guotang::cli::render::app_at_item;
use guotang::model::Document;
use guotang::model::Word;
use guotang::model::edit::Assignment;
use guotang::ui::theme::ThemeName;
use proptest::prelude::*;
use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use serde_json::{Value, json};

use super::edit_in_place::{assignment, assignment_v2, meeting, meeting_v2};

/// One step of a secretary's session.
#[derive(Debug, Clone)]
enum Step {
    /// Assignments made together (refused ones change nothing).
    Edit(Vec<(String, Option<Value>)>),
    Undo,
    Redo,
}

fn step(v: &Value, v2: bool) -> impl Strategy<Value = Step> + use<> {
    let one = match v2 {
        true => assignment_v2(v).boxed(),
        false => assignment(v).boxed(),
    };
    // The meeting's date moves every project's lateness.
    let date = prop::sample::select(vec!["2026-03-31", "2026-06-30", "2026-12-31"])
        .prop_map(|d| ("meeting.date".to_owned(), Some(json!(d))));
    let assignments = prop_oneof![4 => one, 5 => valid(v), 1 => date];
    prop_oneof![
        6 => prop::collection::vec(assignments, 1..3).prop_map(Step::Edit),
        2 => Just(Step::Undo),
        1 => Just(Step::Redo),
    ]
}

/// Edits that are taken and move what is derived: a unit's figures, a
/// project's stage, due dates, investment or unit.
fn valid(v: &Value) -> impl Strategy<Value = (String, Option<Value>)> + use<> {
    let ids = |list: &str| -> Vec<String> {
        v[list]
            .as_array()
            .unwrap()
            .iter()
            .map(|x| x["id"].as_str().unwrap().to_owned())
            .collect()
    };
    let (units, projects, metrics) = (ids("units"), ids("projects"), ids("metrics"));
    let figure = (0u32..20_000).prop_map(|n| Some(json!(f64::from(n) / 10.0)));
    let unit = (
        prop::sample::select(units.clone()),
        prop::sample::select(metrics),
        prop::sample::select(vec!["actuals", "targets"]),
        figure.clone(),
    )
        .prop_map(|(u, m, f, x)| (format!("units.{u}.{f}.{m}"), x));
    let stage = prop::sample::select(guotang::model::Stage::all().to_vec())
        .prop_map(|s| Some(json!(s.as_str())));
    let date = prop::sample::select(vec!["2026-01-15", "2026-04-30", "2026-05-07", "2026-09-01"])
        .prop_map(|d| Some(json!(d)));
    let project_field = prop_oneof![
        3 => (Just("stage"), stage),
        2 => (prop::sample::select(vec!["due_start", "due_complete"]), date),
        1 => (Just("investment"), figure),
        1 => (Just("unit"), prop::sample::select(units).prop_map(|u| Some(json!(u)))),
    ];
    let project = (prop::sample::select(projects), project_field)
        .prop_map(|(p, (f, x))| (format!("projects.{p}.{f}"), x));
    prop_oneof![unit, project]
}

fn key(app: &mut App, code: KeyCode, modifiers: KeyModifiers) {
    app.update(Action::Key(KeyEvent::new(code, modifiers)));
}

/// Every screen of the console at 120×40: each agenda item (the seating
/// item in its list too) and each of the editor's sheets.
fn screens(app: &mut App) -> Vec<String> {
    let mut out = Vec::new();
    let items = app.data.snapshot().agenda.len();
    for i in 0..items.min(9) {
        app.update(Action::Command(Command::Jump(i as u8 + 1)));
        out.push(format!("{:?}", guotang::ui::screen::render(app, 120, 40)));
        if app.data.snapshot().agenda[i].pane == guotang::model::Pane::Seating {
            key(app, KeyCode::Tab, KeyModifiers::NONE);
            out.push(format!("{:?}", guotang::ui::screen::render(app, 120, 40)));
            key(app, KeyCode::Tab, KeyModifiers::NONE);
        }
    }
    app.enter_edit();
    for _ in 0..6 {
        out.push(format!("{:?}", guotang::ui::screen::render(app, 120, 40)));
        key(app, KeyCode::Tab, KeyModifiers::NONE);
    }
    app.leave_edit();
    out
}

/// The derived data in force equals a fresh computation, and so does
/// every screen drawn from it.
fn as_fresh(app: &mut App, after: &str) -> Result<(), TestCaseError> {
    let fresh = Derived::compute(app.data.snapshot());
    prop_assert!(
        format!("{:?}", app.data.derived) == format!("{fresh:?}"),
        "the derived data differs from a fresh computation after {}",
        after
    );
    // Both drawn from the same state of the meeting (drawing moves it);
    // the derived data in force is moved, not cloned, to keep its memos.
    let mut kept_app = app.clone();
    kept_app.data.derived = std::mem::take(&mut app.data.derived);
    let kept = screens(&mut kept_app);
    app.data.derived = std::mem::take(&mut kept_app.data.derived);
    let mut fresh_app = app.clone();
    fresh_app.data.derived = fresh;
    let fresh_screens = screens(&mut fresh_app);
    for (k, (a, b)) in kept.iter().zip(&fresh_screens).enumerate() {
        prop_assert!(
            a == b,
            "screen {} differs from a fresh one's after {}",
            k,
            after
        );
    }
    Ok(())
}

fn session(doc: Document, steps: &[Step]) -> Result<(), TestCaseError> {
    let mut app = app_at_item(doc, 0, ThemeName::Dark, None, (120, 40));
    // Frames drawn before any change fill the memos a change may keep.
    as_fresh(&mut app, "nothing")?;
    for (k, s) in steps.iter().enumerate() {
        match s {
            Step::Edit(picks) => {
                let assignments: Vec<Assignment> = picks
                    .iter()
                    .map(|(path, v)| Assignment::new(path, v.clone()).unwrap())
                    .collect();
                let _refused_or_made = app.apply_edit(&assignments);
            }
            Step::Undo | Step::Redo => {
                let c = if matches!(s, Step::Undo) { 'z' } else { 'y' };
                app.enter_edit();
                key(&mut app, KeyCode::Char(c), KeyModifiers::CONTROL);
                app.leave_edit();
            }
        }
        as_fresh(&mut app, &format!("step {k}: {s:?}"))?;
    }
    Ok(())
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 48, max_shrink_iters: 100, ..ProptestConfig::default() })]

    #[test]
    fn derived_again_after_edits_undo_and_redo_is_a_fresh_computation(
        (doc, steps) in (0u64..4, any::<bool>()).prop_flat_map(|(seed, v2)| {
            let (value, doc) = if v2 { meeting_v2(seed) } else { meeting(seed) };
            (Just(doc), prop::collection::vec(step(&value, v2), 1..6))
        })
    ) {
        session(doc, &steps)?;
    }
}

/// Changes that reach one side only, some undone: the kept side is the
/// one a fresh computation gives (a unit's figure keeps the projects'
/// side; a project's stage and due dates keep the units' side). Two
/// projects made late by the same days, and two made stalled, the later
/// one first: each must take its place in snapshot order among its equals.
#[test]
fn each_kind_of_change_keeps_only_what_it_cannot_reach() {
    let (value, doc) = meeting(3);
    let unit = value["units"][4]["id"].as_str().unwrap().to_owned();
    let metric = value["metrics"][0]["id"].as_str().unwrap().to_owned();
    let project = |k: usize| value["projects"][k]["id"].as_str().unwrap().to_owned();
    let set = |k: usize, stage: &str, start: &str| {
        let p = project(k);
        vec![
            (format!("projects.{p}.stage"), Some(json!(stage))),
            (format!("projects.{p}.due_start"), Some(json!(start))),
            (
                format!("projects.{p}.due_complete"),
                Some(json!("2026-12-31")),
            ),
        ]
    };
    let steps = [
        vec![(format!("units.{unit}.actuals.{metric}"), Some(json!(0)))],
        set(3, "signed", "2026-01-02"),
        set(7, "signed", "2026-01-02"),
        set(9, "stalled", "2026-12-01"),
        set(8, "stalled", "2026-12-01"),
        vec![
            (format!("units.{unit}.name"), Some(json!("改名的单位"))),
            (
                format!("projects.{}.investment", project(5)),
                Some(json!(1234.567)),
            ),
        ],
    ];
    let mut all: Vec<Step> = steps.into_iter().map(Step::Edit).collect();
    all.extend([Step::Undo, Step::Undo, Step::Redo]);
    session(doc, &all).unwrap();
}
