//! The editing core against a snapshot with unknown fields and odd key order.

use serde_json::{Value, json};

use super::*;
use crate::model::{Document, to_pretty};

const MEETING: &str = include_str!("../../../tests/fixtures/edit/meeting.json");

fn doc() -> Value {
    serde_json::from_str(MEETING).unwrap()
}

fn set(json: &Value, texts: &[&str]) -> Result<Edit, EditError> {
    let a: Vec<Assignment> = texts
        .iter()
        .map(|t| Assignment::parse(t).unwrap())
        .collect();
    apply(json, &a)
}

fn at<'v>(json: &'v Value, path: &str) -> Option<&'v Value> {
    let mut cur = json;
    for seg in path.split('/') {
        cur = match seg.parse::<usize>() {
            Ok(i) => cur.get(i)?,
            Err(_) => cur.get(seg)?,
        };
    }
    Some(cur)
}

#[test]
fn values_read_as_json_else_as_strings() {
    assert_eq!(read_value("5"), Some(json!(5)));
    assert_eq!(read_value("started"), Some(json!("started")));
    assert_eq!(read_value("\"123\""), Some(json!("123")));
    assert_eq!(read_value("[1,2]"), Some(json!([1, 2])));
    assert_eq!(read_value("null"), None);
    assert_eq!(read_value(""), Some(json!("")));
    assert_eq!(read_value("1—4月"), Some(json!("1—4月")));
}

#[test]
fn assignment_splits_at_the_first_equals_outside_quotes() {
    let a = Assignment::parse(r#"units."a=b".name=x=y"#).unwrap();
    assert_eq!(a.path[1].text, "a=b");
    assert_eq!(a.value, Some(json!("x=y")));
    assert!(matches!(
        Assignment::parse("units.kfq.name"),
        Err(EditError::Syntax { .. })
    ));
    assert!(matches!(
        Assignment::parse("=5"),
        Err(EditError::Syntax { .. })
    ));
}

#[test]
fn an_edit_changes_only_the_values_and_keeps_order_and_unknown_fields() {
    let e = set(
        &doc(),
        &[
            "units.kfq.actuals.investment=101.5",
            "projects.P007.stage=started",
            "projects.P007.started_on=2026-05-06",
            "meeting.period.to=2026-05-31",
            "agenda.2.minutes=4",
        ],
    )
    .unwrap();
    let expected = MEETING
        .replace("\"investment\": 98.5", "\"investment\": 101.5")
        .replace(
            "\"stage\": \"signed\",\n      \"signed_on\": \"2026-02-10\",\n      \"due_start\": \"2026-04-30\",\n      \"x_source\": \"招商局台账\"\n",
            "\"stage\": \"started\",\n      \"signed_on\": \"2026-02-10\",\n      \"due_start\": \"2026-04-30\",\n      \"x_source\": \"招商局台账\",\n      \"started_on\": \"2026-05-06\"\n",
        )
        .replace("\"to\": \"2026-04-30\"", "\"to\": \"2026-05-31\"")
        .replace("\"minutes\": 3", "\"minutes\": 4");
    assert_eq!(to_pretty(&e.doc.json.to_value()), expected);
    assert_eq!(e.changes.len(), 5);
    assert_eq!(
        e.changes.0[0].to_string(),
        "units.kfq.actuals.investment: 98.5 → 101.5"
    );
    assert_eq!(
        e.changes.0[2].to_string(),
        "projects.P007.started_on: (absent) → \"2026-05-06\""
    );
    assert_eq!(e.changes.0[4].to_string(), "agenda.2.minutes: 3 → 4");
}

#[test]
fn null_removes_and_undo_puts_back_in_place() {
    let before = doc();
    let e = set(&before, &["units.kfq.leader=null", "agenda.1=null"]).unwrap();
    assert!(at(&e.doc.json.to_value(), "units/0/leader").is_none());
    assert_eq!(e.doc.json.to_value()["agenda"].as_array().unwrap().len(), 3);
    let undone = rebase(&e.doc.json.to_value(), &[e.changes.inverse()]).unwrap();
    assert!(undone.clashes.is_empty());
    assert_eq!(to_pretty(&undone.doc.json.to_value()), MEETING);
}

#[test]
fn removing_what_is_absent_or_setting_the_same_value_changes_nothing() {
    let e = set(
        &doc(),
        &["units.fgw.leader=null", "units.kfq.actuals.signed=5"],
    )
    .unwrap();
    assert!(e.changes.is_empty());
    assert_eq!(e.doc.json.to_value(), doc());
}

#[test]
fn missing_objects_on_the_way_are_created_as_one_change() {
    let e = set(&doc(), &["units.fgw.actuals.signed=3", "cards.cap=1.2"]).unwrap();
    assert_eq!(
        e.changes.0[0].to_string(),
        r#"units.fgw.actuals: (absent) → {"signed":3}"#
    );
    assert_eq!(
        at(&e.doc.json.to_value(), "units/2/actuals/signed"),
        Some(&json!(3))
    );
    let undone = rebase(&e.doc.json.to_value(), &[e.changes.inverse()]).unwrap();
    assert_eq!(undone.doc.json.to_value(), doc());
}

#[test]
fn a_path_naming_nothing_is_an_error_naming_it() {
    let msg = |texts: &[&str]| set(&doc(), texts).unwrap_err().to_string();
    assert_eq!(
        msg(&["units.kfq2.actuals.investment=1"]),
        r#"units.kfq2: no unit with id "kfq2" (assignment 1: units.kfq2.actuals.investment=1)"#
    );
    assert_eq!(
        msg(&["meeting.date=2026-05-09", "projects.P999.stage=started"]),
        r#"projects.P999: no project with id "P999" (assignment 2: projects.P999.stage="started")"#
    );
    assert!(msg(&["agenda.9.minutes=1"]).starts_with("agenda.9: no agenda item 9 (there are 4)"));
    assert!(msg(&["agenda.0.minutes=1"]).starts_with("agenda.0: positions start at 1"));
    assert!(
        msg(&["meeting.title.x=1"])
            .starts_with(r#"meeting.title: is a string, which has no member "x""#)
    );
    assert!(
        msg(&["metrics.nope.weight=1"]).starts_with(r#"metrics.nope: no metric with id "nope""#)
    );
}

#[test]
fn an_invalid_result_names_the_place_and_the_assignment() {
    let err = set(
        &doc(),
        &["meeting.date=2026-05-09", "units.cxz.actuals.investment=-3"],
    )
    .unwrap_err();
    let EditError::Invalid(problems) = &err else {
        panic!("{err}")
    };
    // (validation also reports the unit's projects as dangling: the unit is dropped)
    assert_eq!(problems[0].problem.place(), "units[1].actuals.investment");
    assert_eq!(
        problems[0].cause.as_deref(),
        Some("assignment 2: units.cxz.actuals.investment=-3")
    );
    // A card needs its reason: the problem is at a sibling of the assignment.
    let err = set(&doc(), &["meeting.venue=礼堂", "units.kfq.card=red"]).unwrap_err();
    let EditError::Invalid(problems) = &err else {
        panic!("{err}")
    };
    assert_eq!(
        problems[0].cause.as_deref(),
        Some(r#"assignment 2: units.kfq.card="red""#)
    );
    assert!(
        set(
            &doc(),
            &["units.kfq.card=red", "units.kfq.card_reason=主动表态"]
        )
        .is_ok()
    );
}

#[test]
fn plus_appends_and_ids_must_stay_unique() {
    let e = set(
        &doc(),
        &[r#"projects.+={"id":"P020","name":"光伏","unit":"fgw","stage":"negotiating"}"#],
    )
    .unwrap();
    assert_eq!(e.changes.0[0].path.to_string(), "projects.P020");
    assert_eq!(e.doc.snapshot.projects.len(), 3);
    let err = set(
        &doc(),
        &[r#"projects.+={"id":"P007","name":"x","unit":"kfq","stage":"signed"}"#],
    )
    .unwrap_err();
    assert!(
        err.to_string()
            .starts_with(r#"projects.P007: there is already a project with id "P007""#)
    );
    let e = set(&doc(), &[r#"agenda.5={"title":"小结","pane":"notes"}"#]).unwrap();
    assert_eq!(e.doc.snapshot.agenda.len(), 5);
}

#[test]
fn history_undoes_and_redoes_and_knows_when_saved() {
    let mut h = EditHistory::new();
    let mut cur = Document::from_json(doc()).unwrap();
    assert!(!h.is_dirty() && !h.can_undo());
    for text in [
        "units.kfq.actuals.investment=100",
        "units.kfq.actuals.investment=110",
    ] {
        let changes = cur.edit(&[Assignment::parse(text).unwrap()]).unwrap();
        h.record(changes);
    }
    h.mark_saved();
    assert!(!h.is_dirty());
    h.undo(&mut cur).unwrap().unwrap();
    assert_eq!(
        at(&cur.json.to_value(), "units/0/actuals/investment"),
        Some(&json!(100))
    );
    assert!(h.is_dirty());
    h.undo(&mut cur).unwrap().unwrap();
    assert_eq!(cur.to_pretty(), MEETING);
    assert!(h.undo(&mut cur).is_none());
    h.redo(&mut cur).unwrap().unwrap();
    assert_eq!(
        at(&cur.json.to_value(), "units/0/actuals/investment"),
        Some(&json!(100))
    );
    // A new edit after an undo drops the redo and the saved state for good.
    let changes = cur
        .edit(&[Assignment::parse("units.kfq.actuals.signed=6").unwrap()])
        .unwrap();
    h.record(changes);
    assert!(!h.can_redo() && h.is_dirty());
    h.undo(&mut cur).unwrap().unwrap();
    assert!(h.is_dirty(), "the saved state had 110, this has 100");
    assert_eq!(h.done().len(), 1);
}

#[test]
fn undo_refuses_when_the_place_changed_since() {
    let mut h = EditHistory::new();
    let e = set(&doc(), &["units.kfq.actuals.investment=100"]).unwrap();
    h.record(e.changes);
    let mut theirs = set(
        &e.doc.json.to_value(),
        &["units.kfq.actuals.investment=120"],
    )
    .unwrap()
    .doc;
    let before = theirs.to_pretty();
    let err = h.undo(&mut theirs).unwrap().unwrap_err();
    assert!(matches!(err, EditError::Clash(_)));
    assert!(h.can_undo(), "a refused undo keeps the history");
    assert_eq!(
        theirs.to_pretty(),
        before,
        "a refused undo keeps the document"
    );
}

#[test]
fn rebase_replays_what_does_not_clash() {
    let base = doc();
    let mine = set(
        &base,
        &["units.kfq.actuals.investment=101", "meeting.venue=礼堂"],
    )
    .unwrap();
    let more = set(&mine.doc.json.to_value(), &["projects.P007.stage=started"]).unwrap();
    // Someone else reordered the units, changed another unit and the stage.
    let mut theirs = base.clone();
    theirs["units"].as_array_mut().unwrap().reverse();
    theirs["units"][0]["actuals"] = json!({"signed": 1});
    theirs["projects"][0]["stage"] = json!("completed");
    let r = rebase(&theirs, &[mine.changes.clone(), more.changes.clone()]).unwrap();
    assert_eq!(r.applied.len(), 2);
    assert_eq!(r.clashes.len(), 1);
    assert_eq!(
        r.clashes[0].to_string(),
        r#"projects.P007.stage: yours "started", theirs "completed" (was "signed")"#
    );
    assert_eq!(
        at(&r.doc.json.to_value(), "units/2/actuals/investment"),
        Some(&json!(101))
    );
    assert_eq!(
        at(&r.doc.json.to_value(), "units/0/actuals/signed"),
        Some(&json!(1))
    );
    assert_eq!(
        at(&r.doc.json.to_value(), "meeting/venue"),
        Some(&json!("礼堂"))
    );

    // Without clashes, and with a change both sides made alike.
    let mut theirs = base.clone();
    theirs["meeting"]["venue"] = json!("礼堂");
    theirs["cards"]["cap"] = json!(1.2);
    let r = rebase(&theirs, &[mine.changes, more.changes]).unwrap();
    assert!(r.clashes.is_empty());
    assert_eq!(r.applied.len(), 2);
    assert_eq!(r.already.len(), 1);
    assert_eq!(at(&r.doc.json.to_value(), "cards/cap"), Some(&json!(1.2)));
    assert_eq!(
        at(&r.doc.json.to_value(), "projects/0/stage"),
        Some(&json!("started"))
    );
}

#[test]
fn rebase_reports_a_removed_place_as_gone() {
    let mine = set(&doc(), &["units.cxz.actuals.investment=30"]).unwrap();
    let mut theirs = doc();
    theirs["units"].as_array_mut().unwrap().remove(1);
    theirs["projects"].as_array_mut().unwrap().remove(1);
    let r = rebase(&theirs, &[mine.changes]).unwrap();
    assert!(r.clashes[0].gone);
    assert!(r.clashes[0].to_string().contains("no longer there"));
}

#[test]
fn changes_round_trip_through_json_with_present_nulls() {
    let set_ = ChangeSet(vec![
        Change {
            path: EditPath(vec![Step::Key("x".into())]),
            old: Some(Value::Null),
            new: None,
            pos: Some(3),
        },
        Change {
            path: EditPath(vec![
                Step::Key("units".into()),
                Step::Id { id: "kfq".into() },
            ]),
            old: None,
            new: Some(json!({"id": "kfq"})),
            pos: None,
        },
    ]);
    let text = serde_json::to_string(&set_).unwrap();
    assert_eq!(serde_json::from_str::<ChangeSet>(&text).unwrap(), set_);
}

#[test]
fn diff_names_places_by_id_and_ignores_reordering() {
    let a = doc();
    let mut b = doc();
    b["units"].as_array_mut().unwrap().reverse();
    assert!(diff(&a, &b).is_empty());
    b["units"][0]["leader"] = json!("李局长");
    b["meeting"]["x_room"] = json!("礼堂");
    b["agenda"].as_array_mut().unwrap().pop();
    let d: Vec<String> = diff(&a, &b).iter().map(|c| c.path.to_string()).collect();
    assert_eq!(d, ["meeting.x_room", "units.fgw.leader", "agenda"]);
    // A diff replays onto the old document to give the new one.
    let r = rebase(&a, &[diff(&a, &b)]).unwrap();
    assert!(r.clashes.is_empty());
    assert_eq!(diff(&r.doc.json.to_value(), &b), ChangeSet::default());
}

mod properties {
    use proptest::prelude::*;

    use super::*;

    /// Assignments that keep the fixture valid, so that every generated
    /// sequence applies; removals and additions included.
    fn assignment() -> impl Strategy<Value = String> {
        let number = (0u32..500).prop_map(|n| (f64::from(n) / 4.0).to_string());
        prop_oneof![
            (
                prop::sample::select(vec!["kfq", "cxz", "fgw"]),
                prop::sample::select(vec!["investment", "signed"]),
                number.clone()
            )
                .prop_map(|(u, m, n)| format!("units.{u}.actuals.{m}={n}")),
            prop::sample::select(vec!["kfq", "cxz", "fgw"])
                .prop_map(|u| format!("units.{u}.leader=null")),
            (
                prop::sample::select(vec!["kfq", "cxz", "fgw"]),
                "[a-z]{1,6}"
            )
                .prop_map(|(u, s)| format!("units.{u}.leader={s}")),
            prop::sample::select(vec!["negotiating", "signed", "started", "stalled"])
                .prop_map(|s| format!("projects.P012.stage={s}")),
            (1usize..=4).prop_map(|i| format!("agenda.{i}.notes=[\"x\"]")),
            (1usize..=4).prop_map(|i| format!("agenda.{i}.x_flag=null")),
            Just("agenda.1=null".to_owned()),
            Just(r#"agenda.+={"title":"t","pane":"notes"}"#.to_owned()),
            "[a-z]{1,5}".prop_map(|k| format!("meeting.x_{k}=1")),
            Just("x_trailer=null".to_owned()),
            number.prop_map(|n| format!("cards.cap={}", 1.0 + n.parse::<f64>().unwrap_or(0.0))),
        ]
    }

    proptest! {
        #[test]
        fn undoing_every_edit_gives_back_the_same_bytes(texts in prop::collection::vec(prop::collection::vec(assignment(), 1..4), 1..8)) {
            let mut h = EditHistory::new();
            let mut cur = doc();
            for set_ in &texts {
                let a: Vec<Assignment> = set_.iter().map(|t| Assignment::parse(t).unwrap()).collect();
                // Some sequences name what an earlier edit removed: refused, skipped.
                let Ok(e) = apply(&cur, &a) else { continue };
                h.record(e.changes);
                cur = e.doc.json.to_value();
            }
            let edited = to_pretty(&cur);
            let mut d = Document::from_json(cur.clone()).unwrap();
            while let Some(r) = h.undo(&mut d) {
                r.unwrap();
            }
            prop_assert_eq!(d.to_pretty(), MEETING);
            while let Some(r) = h.redo(&mut d) {
                r.unwrap();
            }
            prop_assert_eq!(d.to_pretty(), edited);
            // And the changes replayed from a diff reach the same document.
            let r = rebase(&doc(), &[diff(&doc(), &cur)]).unwrap();
            prop_assert!(r.clashes.is_empty());
            prop_assert!(diff(&r.doc.json.to_value(), &cur).is_empty());
        }
    }
}

#[test]
fn diffing_records_reads_only_what_changed_and_agrees_with_diffing_values() {
    let base = Document::from_bytes(MEETING.as_bytes()).unwrap();
    assert!(base.json.held_projects().is_some(), "projects held as text");
    let cases: &[&[&str]] = &[
        &["units.kfq.actuals.investment=101"],
        &["projects.P007.stage=started", "projects.P007.note=开工"],
        &["projects.P012=null"],
        &[r#"projects.+={"id":"P900","name":"新项目","unit":"kfq","stage":"signed"}"#],
        &["meeting.venue=礼堂", "projects.P012.investment=7"],
        &[],
    ];
    for texts in cases {
        let mut edited = base.clone();
        let a: Vec<Assignment> = texts
            .iter()
            .map(|t| Assignment::parse(t).unwrap())
            .collect();
        edited.edit(&a).unwrap();
        // Read back from text too, as a reload would.
        let reloaded = Document::from_bytes(edited.to_pretty().as_bytes()).unwrap();
        for new in [&edited, &reloaded] {
            let fast = diff_records(&base.json, &new.json);
            let full = diff(&base.json.to_value(), &new.json.to_value());
            assert_eq!(fast, full, "{texts:?}");
            assert_eq!(fast.len(), texts.len(), "{texts:?}: {fast:?}");
        }
    }
}

#[test]
fn an_id_changed_by_an_edit_is_undone_at_its_new_id() {
    let mut undone = 0;
    for texts in [
        &["units.kfq.id=kfq2"][..],
        &[r#"projects.P007={"id":"P999","name":"x","unit":"kfq","stage":"signed"}"#][..],
        &["projects.P007.id=P008", "projects.P008.stage=started"][..],
    ] {
        let mut d = Document::from_bytes(MEETING.as_bytes()).unwrap();
        let before = d.to_pretty();
        let a: Vec<Assignment> = texts
            .iter()
            .map(|t| Assignment::parse(t).unwrap())
            .collect();
        let Ok(changes) = d.edit(&a) else {
            continue; // refused (a reference to the old id): nothing to undo
        };
        d.replay(&changes.inverse())
            .unwrap_or_else(|e| panic!("{texts:?}: {e}"));
        assert_eq!(d.to_pretty(), before, "{texts:?}");
        undone += 1;
    }
    assert!(
        undone >= 2,
        "the renames were refused: the test checks nothing"
    );
}

#[test]
fn records_read_from_pretty_and_compact_text_diff_by_content_not_layout() {
    let pretty = Document::from_bytes(crate::model::DEMO.as_bytes()).unwrap();
    let value = pretty.json.to_value();
    let compact = Document::from_bytes(&serde_json::to_vec(&value).unwrap()).unwrap();
    assert!(compact.json.held_projects().is_some());
    // Same content, other layout: nothing changed.
    assert!(diff_records(&compact.json, &pretty.json).is_empty());
    assert!(diff_records(&pretty.json, &compact.json).is_empty());
    // One change, and projects reordered: the change, as diffing values gives it.
    let mut edited = value.clone();
    let list = edited["projects"].as_array_mut().unwrap();
    list.reverse();
    list[3]["stage"] = json!("completed");
    list.push(json!({"id": "P901", "name": "新项目", "unit": "kfq", "stage": "signed"}));
    list.remove(0);
    let edited = Document::from_bytes(to_pretty(&edited).as_bytes()).unwrap();
    let fast = diff_records(&compact.json, &edited.json);
    let full = diff(&value, &edited.json.to_value());
    assert_eq!(fast, full);
    assert_eq!(fast.len(), 3, "{fast:?}");
    // Unicode escapes and another number layout read as the same values.
    let escaped = serde_json::to_string(&value)
        .unwrap()
        .replace("项目", "\\u9879\\u76ee");
    assert_ne!(escaped, serde_json::to_string(&value).unwrap());
    let escaped = Document::from_bytes(escaped.as_bytes()).unwrap();
    assert!(diff_records(&pretty.json, &escaped.json).is_empty());
}

#[test]
fn tokens_compare_aside_from_whitespace_outside_strings() {
    use super::diff::same_tokens;
    assert!(same_tokens(br#"{"a": [1, 2]}"#, br#"{"a":[1,2]}"#));
    assert!(same_tokens(b"{\n  \"a\" : \"x y\"\n}", br#"{"a":"x y"}"#));
    assert!(!same_tokens(br#"{"a":"x y"}"#, br#"{"a":"xy"}"#));
    assert!(!same_tokens(
        br#"{"a":"\"", "b":1}"#,
        br#"{"a":"\"", "b":2}"#
    ));
    assert!(same_tokens(br#"{"a":"\\"}"#, br#"{ "a" : "\\" }"#));
    assert!(!same_tokens(br#"{"a":1}"#, br#"{"a":1,"b":2}"#));
    assert!(!same_tokens(br#"{"a":1.0}"#, br#"{"a":1}"#));
}

/// An agenda with items of equal minutes, so that a neighbour "matches" an
/// edit's old value: where an edit by position landed before.
fn agenda_doc(items: &[(&str, u32)]) -> Value {
    let mut d = doc();
    d["agenda"] = items
        .iter()
        .map(|(t, m)| json!({"title": t, "pane": "notes", "minutes": m}))
        .collect();
    d
}

fn minutes(d: &Value) -> Vec<(String, u64)> {
    d["agenda"]
        .as_array()
        .unwrap()
        .iter()
        .map(|it| {
            (
                it["title"].as_str().unwrap().to_owned(),
                it["minutes"].as_u64().unwrap(),
            )
        })
        .collect()
}

#[test]
fn an_agenda_edit_follows_its_item_when_another_is_removed() {
    let base = agenda_doc(&[("开场", 5), ("通报", 5), ("点评", 5), ("讲话", 5)]);
    let mine = set(&base, &["agenda.3.minutes=9"]).unwrap();
    assert_eq!(
        mine.changes.0[0].path.0[1],
        Step::Item {
            at: 2,
            title: "点评".into(),
            of: 4
        }
    );
    // Someone else removed item 2: 点评 is item 2 now, 讲话 item 3.
    let theirs = set(&base, &["agenda.2=null"]).unwrap();
    let r = rebase(
        &theirs.doc.json.to_value(),
        std::slice::from_ref(&mine.changes),
    )
    .unwrap();
    assert!(r.clashes.is_empty());
    assert_eq!(
        minutes(&r.doc.json.to_value()),
        [("开场".into(), 5), ("点评".into(), 9), ("讲话".into(), 5)]
    );
    // Recorded where it applied, for the journal and the next replay.
    assert_eq!(
        r.applied.0[0].path.0[1],
        Step::Item {
            at: 1,
            title: "点评".into(),
            of: 3
        }
    );
}

#[test]
fn an_agenda_edit_whose_item_was_removed_clashes_and_touches_no_neighbour() {
    let base = agenda_doc(&[("开场", 5), ("通报", 5), ("点评", 5), ("讲话", 5)]);
    let mine = set(&base, &["agenda.3.minutes=9"]).unwrap();
    let theirs = set(&base, &["agenda.3=null"]).unwrap();
    let theirs = theirs.doc.json.to_value();
    let r = rebase(&theirs, std::slice::from_ref(&mine.changes)).unwrap();
    assert!(r.applied.is_empty());
    assert_eq!(r.clashes.len(), 1);
    assert!(r.clashes[0].gone);
    assert_eq!(r.doc.json.to_value(), theirs, "no neighbour touched");
    // Items of the same title: once the list moved, which is which cannot
    // be told, and nothing is applied.
    let base = agenda_doc(&[("发言", 5), ("发言", 5), ("发言", 5)]);
    let mine = set(&base, &["agenda.2.minutes=9"]).unwrap();
    let theirs = set(&base, &["agenda.1=null"]).unwrap();
    let r = rebase(
        &theirs.doc.json.to_value(),
        std::slice::from_ref(&mine.changes),
    )
    .unwrap();
    assert!(r.applied.is_empty() && r.clashes[0].gone);
    // Unmoved, the place and title tell it.
    let theirs = set(&base, &["agenda.3.minutes=7"]).unwrap();
    let r = rebase(
        &theirs.doc.json.to_value(),
        std::slice::from_ref(&mine.changes),
    )
    .unwrap();
    assert_eq!(
        minutes(&r.doc.json.to_value()),
        [("发言".into(), 5), ("发言".into(), 9), ("发言".into(), 7)]
    );
}

#[test]
fn undo_after_a_reload_that_removed_an_agenda_item_finds_its_item_or_refuses() {
    let base = agenda_doc(&[("开场", 5), ("通报", 5), ("点评", 5)]);
    let mut d = Document::from_json(base.clone()).unwrap();
    let mut h = EditHistory::new();
    h.record(
        d.edit(&[Assignment::parse("agenda.3.minutes=9").unwrap()])
            .unwrap(),
    );
    // A reload: someone removed 开场.
    let mut json = d.json.to_value();
    json["agenda"].as_array_mut().unwrap().remove(0);
    let mut d = Document::from_json(json).unwrap();
    h.undo(&mut d).unwrap().unwrap();
    assert_eq!(
        minutes(&d.json.to_value()),
        [("通报".into(), 5), ("点评".into(), 5)]
    );
    // Retitled, then the item removed: the undo refuses.
    let mut d = Document::from_json(base).unwrap();
    let mut h = EditHistory::new();
    h.record(
        d.edit(&[Assignment::parse("agenda.2.title=通报会").unwrap()])
            .unwrap(),
    );
    h.record(
        d.edit(&[Assignment::parse("agenda.2.minutes=1").unwrap()])
            .unwrap(),
    );
    h.undo(&mut d).unwrap().unwrap();
    h.undo(&mut d).unwrap().unwrap();
    assert_eq!(d.json.to_value()["agenda"][1]["title"], "通报");
    h.redo(&mut d).unwrap().unwrap();
    let mut json = d.json.to_value();
    json["agenda"].as_array_mut().unwrap().remove(1);
    let mut d = Document::from_json(json).unwrap();
    assert!(matches!(h.redo(&mut d), Some(Err(EditError::Clash(_)))));
}

#[test]
fn agenda_items_with_an_id_are_named_by_it() {
    let mut base = agenda_doc(&[("开场", 5), ("点评", 5)]);
    base["agenda"][1]["id"] = json!("review");
    let mine = set(&base, &["agenda.2.minutes=9"]).unwrap();
    assert_eq!(mine.changes.0[0].path.to_string(), "agenda.review.minutes");
    let theirs = set(&base, &["agenda.1=null"]).unwrap();
    let r = rebase(
        &theirs.doc.json.to_value(),
        std::slice::from_ref(&mine.changes),
    )
    .unwrap();
    assert_eq!(minutes(&r.doc.json.to_value()), [("点评".into(), 9)]);
    // Ids must be unique; a file without them keeps its bytes.
    let mut dup = base.clone();
    dup["agenda"][0]["id"] = json!("review");
    let err = Document::from_json(dup).unwrap_err().to_string();
    assert!(
        err.contains("agenda[1].id") && err.contains("duplicate"),
        "{err}"
    );
}

/// A pasted block of many project cells is made in place (the text the
/// projects are held in stays the one read), like a single cell is.
#[test]
fn a_pasted_block_of_project_cells_is_made_in_place() {
    let json = crate::testgen::generate(6, 60, 2);
    let mut d = Document::from_bytes(to_pretty(&json).as_bytes()).unwrap();
    let text = d.json.held_parts().unwrap().0.clone();
    let cells: Vec<Assignment> = (0..20)
        .map(|k| {
            let id = d.snapshot.projects[k * 3].id.clone();
            Assignment::parse(&format!("projects.{id}.investment={}", 50 + k)).unwrap()
        })
        .collect();
    assert_eq!(d.edit(&cells).unwrap().len(), 20);
    let after = d.json.held_parts().unwrap().0;
    assert!(
        crate::model::FileText::same(&text, after),
        "taken the full way"
    );
    assert_eq!(d.snapshot.projects[57].investment, Some(69.0));
}
