//! `Document::edit` and `Document::replay` change units and projects in
//! place and check only what they touched; the full way (`edit::apply`,
//! `edit::rebase`: the document as a value, validated whole) is the oracle.
//! For random assignments both must give the same changes, the same saved
//! text and the same validated snapshot, or the same error.

use guotang::model::Document;
use guotang::model::edit::{self, Assignment, ChangeSet};
use proptest::prelude::*;
use serde_json::{Value, json};

/// A generated meeting read from its saved text, as the console holds it.
pub(crate) fn meeting(seed: u64) -> (Value, Document) {
    let value = guotang::testgen::generate(12, 40, seed);
    let text = guotang::model::to_pretty(&value);
    let doc = Document::from_bytes(text.as_bytes()).unwrap();
    (value, doc)
}

fn unit_ids(v: &Value) -> Vec<String> {
    ids(&v["units"])
}

fn ids(list: &Value) -> Vec<String> {
    list.as_array()
        .unwrap()
        .iter()
        .map(|x| x["id"].as_str().unwrap().to_owned())
        .collect()
}

/// A place inside a unit or a project (mostly ones an edit makes in
/// place, some it must leave to the full way) and a value for it.
pub(crate) fn assignment(v: &Value) -> impl Strategy<Value = (String, Option<Value>)> + use<> {
    let units = unit_ids(v);
    let projects = ids(&v["projects"]);
    let metrics = ids(&v["metrics"]);
    let unit_field = prop_oneof![
        prop::sample::select(metrics.clone()).prop_map(|m| format!("actuals.{m}")),
        prop::sample::select(metrics).prop_map(|m| format!("targets.{m}")),
        Just("actuals.nosuch".to_owned()),
        prop::sample::select(vec![
            "name",
            "leader",
            "card",
            "card_reason",
            "attendees",
            "x-note",
            "group",
            "id",
        ])
        .prop_map(str::to_owned),
    ];
    let project_field = prop::sample::select(vec![
        "stage",
        "investment",
        "name",
        "note",
        "signed_on",
        "due_complete",
        "unit",
        "x-extra",
        "id",
    ])
    .prop_map(str::to_owned);
    let place = prop_oneof![
        (prop::sample::select(units.clone()), unit_field)
            .prop_map(|(u, f)| format!("units.{u}.{f}")),
        (prop::sample::select(projects.clone()), project_field)
            .prop_map(|(p, f)| format!("projects.{p}.{f}")),
        Just("projects.NOSUCH.stage".to_owned()),
    ];
    // Ids and groups, set to values other elements already have.
    let clash = prop_oneof![
        (
            prop::sample::select(units.clone()),
            prop::sample::select(units.clone())
        )
            .prop_map(|(u, other)| (format!("units.{u}.id"), Some(json!(other)))),
        (
            prop::sample::select(projects.clone()),
            prop::sample::select(projects.clone())
        )
            .prop_map(|(p, other)| (format!("projects.{p}.id"), Some(json!(other)))),
        prop::sample::select(units.clone())
            .prop_map(|u| (format!("units.{u}.group"), Some(json!("新板块")))),
    ];
    let value = prop_oneof![
        (0u32..100_000).prop_map(|n| Some(json!(f64::from(n) / 10.0))),
        Just(Some(json!(-1))),
        Just(Some(json!(0))),
        Just(Some(json!("started"))),
        Just(Some(json!("red"))),
        Just(Some(json!("2026-03-01"))),
        Just(Some(json!("2026-02-30"))),
        Just(Some(json!(""))),
        Just(Some(json!("会议 note"))),
        Just(Some(json!(["甲", "乙"]))),
        Just(Some(json!({"x": [1, 2]}))),
        Just(Some(json!(true))),
        prop::sample::select(units).prop_map(|u| Some(json!(u))),
        Just(None),
    ];
    prop_oneof![4 => (place, value), 1 => clash]
}

fn same(in_place: &Document, full: &Document) -> Result<(), TestCaseError> {
    prop_assert_eq!(&in_place.snapshot, &full.snapshot);
    prop_assert_eq!(in_place.to_pretty(), full.to_pretty());
    Ok(())
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(160))]

    #[test]
    fn in_place_edits_equal_full_validation(
        (value, picks) in (0u64..4).prop_flat_map(|seed| {
            let (value, _) = meeting(seed);
            let picks = prop::collection::vec(assignment(&value), 1..4);
            (Just(value), picks)
        })
    ) {
        let seed_doc = Document::from_json(value.clone()).unwrap();
        let mut doc = Document::from_bytes(seed_doc.to_pretty().as_bytes()).unwrap();
        let assignments: Vec<Assignment> = picks
            .iter()
            .map(|(path, v)| Assignment::new(path, v.clone()).unwrap())
            .collect();

        let full = edit::apply(&value, &assignments);
        let made = doc.edit(&assignments);
        match (&made, &full) {
            (Ok(changes), Ok(e)) => {
                prop_assert_eq!(changes, &e.changes);
                same(&doc, &e.doc)?;
                // Undo in place equals undo the full way.
                let undo = changes.inverse();
                let full_undo = edit::rebase(&e.doc.json.to_value(), std::slice::from_ref(&undo));
                let undone = doc.replay(&undo);
                match (&undone, &full_undo) {
                    (Ok(c), Ok(r)) if r.clashes.is_empty() => {
                        prop_assert_eq!(c, &r.applied);
                        same(&doc, &r.doc)?;
                        prop_assert_eq!(doc.json.to_value(), value.clone());
                    }
                    // (An id renamed cannot be undone by its new name: a clash.)
                    (Err(edit::EditError::Clash(c)), Ok(r)) => prop_assert_eq!(c, &r.clashes),
                    (Err(a), Err(b)) => prop_assert_eq!(a, b),
                    _ => prop_assert!(false, "undo: {:?} vs {:?}", undone, full_undo.map(|r| r.applied)),
                }
            }
            (Err(a), Err(b)) => {
                prop_assert_eq!(a, b);
                // A refused edit leaves the document as it was.
                prop_assert_eq!(doc.json.to_value(), value.clone());
            }
            _ => prop_assert!(false, "{:?} vs {:?}", made, full.map(|e| e.changes)),
        }
    }
}

#[test]
fn a_figure_and_a_stage_change_in_place_and_save_as_a_full_edit_would() {
    let (value, mut doc) = meeting(7);
    let unit = unit_ids(&value)[3].clone();
    let project = ids(&value["projects"])[5].clone();
    let a = [
        Assignment::parse(&format!("units.{unit}.actuals.investment=12.5")).unwrap(),
        Assignment::parse(&format!("projects.{project}.stage=stalled")).unwrap(),
    ];
    let changes = doc.edit(&a).unwrap();
    let full = edit::apply(&value, &a).unwrap();
    assert_eq!(changes, full.changes);
    assert_eq!(changes.len(), 2);
    assert_eq!(doc.snapshot, full.doc.snapshot);
    assert_eq!(doc.to_pretty(), full.doc.to_pretty());
    let back = doc.replay(&changes.inverse()).unwrap();
    assert_eq!(back, ChangeSet(changes.inverse().0));
    assert_eq!(doc.json.to_value(), value);
}

/// A generated `guotang/2` meeting (tiers, bands, judges, history), read
/// from its saved text.
pub(crate) fn meeting_v2(seed: u64) -> (Value, Document) {
    let value = guotang::testgen::generate_v2(12, 40, seed, 3);
    let text = guotang::model::to_pretty(&value);
    let doc = Document::from_bytes(text.as_bytes()).unwrap();
    (value, doc)
}

/// Places and values a v2 meeting adds: judges' marks (valid and not), and
/// decisions naming the meeting's own tiers or none of them.
pub(crate) fn assignment_v2(v: &Value) -> impl Strategy<Value = (String, Option<Value>)> + use<> {
    let units = unit_ids(v);
    // Units with a decision: a card set on them alone is a valid edit.
    let decided: Vec<String> = units
        .iter()
        .zip(v["units"].as_array().unwrap())
        .filter(|(_, u)| u.get("card").is_some())
        .map(|(id, _)| id.clone())
        .collect();
    let marks = prop_oneof![
        prop::collection::vec(0u32..1000, 0..6)
            .prop_map(|m| json!(m.iter().map(|x| f64::from(*x) / 10.0).collect::<Vec<_>>())),
        Just(json!([88, "九十"])),
        Just(json!([-1])),
        Just(json!(91.5)),
    ];
    let v2 = prop_oneof![
        (prop::sample::select(units.clone()), marks)
            .prop_map(|(u, m)| (format!("units.{u}.actuals.pitch"), Some(m))),
        (
            prop::sample::select(decided),
            prop::sample::select(vec!["green", "red", "none", "gold", "Green"])
        )
            .prop_map(|(u, c)| (format!("units.{u}.card"), Some(json!(c)))),
        prop::sample::select(units.clone())
            .prop_map(|u| (format!("units.{u}.targets.pitch"), Some(json!([1])))),
        prop::sample::select(units)
            .prop_map(|u| (format!("units.{u}.actuals.investment"), Some(json!([1, 2])))),
    ];
    prop_oneof![1 => assignment(v), 2 => v2]
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(120))]

    /// On a v2 meeting too, an edit in place gives what the full way gives.
    #[test]
    fn in_place_edits_of_a_v2_meeting_equal_full_validation(
        (value, picks) in (0u64..3).prop_flat_map(|seed| {
            let (value, _) = meeting_v2(seed);
            let picks = prop::collection::vec(assignment_v2(&value), 1..4);
            (Just(value), picks)
        })
    ) {
        let mut doc = Document::from_bytes(guotang::model::to_pretty(&value).as_bytes()).unwrap();
        let assignments: Vec<Assignment> = picks
            .iter()
            .map(|(path, v)| Assignment::new(path, v.clone()).unwrap())
            .collect();
        let full = edit::apply(&value, &assignments);
        let made = doc.edit(&assignments);
        match (&made, &full) {
            (Ok(changes), Ok(e)) => {
                prop_assert_eq!(changes, &e.changes);
                same(&doc, &e.doc)?;
            }
            (Err(a), Err(b)) => {
                prop_assert_eq!(a, b);
                prop_assert_eq!(doc.json.to_value(), value.clone());
            }
            _ => prop_assert!(false, "{:?} vs {:?}", made, full.map(|e| e.changes)),
        }
    }
}

#[test]
fn marks_typed_into_a_v2_meeting_change_in_place() {
    let (value, mut doc) = meeting_v2(1);
    let unit = unit_ids(&value)[2].clone();
    let a = [Assignment::parse(&format!("units.{unit}.actuals.pitch=[88, 92, 90.5]")).unwrap()];
    doc.edit(&a).unwrap();
    let full = edit::apply(&value, &a).unwrap();
    assert_eq!(doc.snapshot, full.doc.snapshot);
    let u = &doc.snapshot.units[2];
    assert_eq!(u.actuals[7], Some(90.5));
    assert_eq!(u.marks(7), Some(&[88.0, 92.0, 90.5][..]));
}

/// A pasted block of many project cells (found in one pass, not searched
/// for cell by cell) gives what the full way gives: the same changes,
/// text and snapshot; with a project that is not there, the same error.
#[test]
fn a_pasted_block_of_many_projects_changes_in_place_as_the_full_way() {
    let (value, doc) = meeting(5);
    let projects = ids(&value["projects"]);
    let mut cells: Vec<Assignment> = (0..24)
        .map(|k| {
            let p = &projects[(k * 7) % projects.len()];
            Assignment::parse(&format!("projects.{p}.investment={}", 10 + k)).unwrap()
        })
        .collect();
    // One project twice, in two fields.
    cells.push(Assignment::parse(&format!("projects.{}.stage=stalled", projects[0])).unwrap());
    let mut in_place = doc.clone();
    let changes = in_place.edit(&cells).unwrap();
    let full = edit::apply(&value, &cells).unwrap();
    assert_eq!(changes, full.changes);
    same(&in_place, &full.doc).unwrap();

    cells.push(Assignment::parse("projects.NOSUCH.stage=started").unwrap());
    let mut refused = doc.clone();
    let made = refused.edit(&cells);
    assert_eq!(made, edit::apply(&value, &cells).map(|e| e.changes));
    assert!(made.is_err());
    assert_eq!(refused.json.to_value(), value);
}
