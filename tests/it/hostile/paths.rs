//! The two readings of a file agree: the fast one (projects held as text,
//! read straight into the snapshot, their ids compared afterwards) and the
//! whole file read as one JSON value and validated as a value. Same
//! snapshot and save text when both accept; the same problems, in the same
//! order and words, when they refuse.

use proptest::prelude::*;
use serde_json::json;

use guotang::model::parse;

use super::*;

/// Reads `bytes` both ways and compares the outcomes.
pub fn readings_agree(bytes: &[u8]) {
    let fast = Document::from_bytes(bytes);
    let whole = parse::parse_json(bytes).and_then(Document::from_json);
    match (fast, whole) {
        (Ok(a), Ok(b)) => {
            assert_eq!(a.snapshot, b.snapshot);
            assert_eq!(a.to_pretty(), b.to_pretty());
        }
        (Err(a), Err(b)) => assert_eq!(a.to_string(), b.to_string()),
        (a, b) => panic!(
            "the readings disagree: text {:?}, value {:?}",
            a.err().map(|p| p.to_string()),
            b.err().map(|p| p.to_string())
        ),
    }
}

/// One project of a generated list: valid or not in the ways that send
/// the fast reading back to the value path.
fn project() -> impl Strategy<Value = Value> {
    // A few ids, so that repeats are common; units that exist and one that does not.
    let id = prop::sample::select(vec!["P1", "P2", "P3", "P4", "P5", "P6", "P7", "P8"]);
    let unit = prop::sample::select(vec!["kfq", "gxq", "lingang", "nowhere"]);
    let stage = prop::sample::select(vec!["signed", "started", "Signed", "gone"]);
    let extra = prop_oneof![
        6 => Just(None),
        1 => Just(Some(("investment", json!(-1)))),
        1 => Just(Some(("signed_on", json!("2026-02-30")))),
        1 => Just(Some(("name", json!(" ")))),
        1 => Just(Some(("owner", json!({"nested": [1, 2, {"x": null}]})))),
        1 => Just(Some(("note", json!(7)))),
    ];
    (id, unit, stage, extra, any::<bool>()).prop_map(|(id, unit, stage, extra, named)| {
        let mut p = json!({"id": id, "unit": unit, "stage": stage, "investment": 1.5});
        if named {
            p["name"] = json!("项目");
        }
        if let Some((key, v)) = extra {
            p[key] = v;
        }
        p
    })
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 1500, failure_persistence: None, ..ProptestConfig::default() })]

    #[test]
    fn generated_project_lists_read_alike(
        projects in prop::collection::vec(project(), 0..12),
        pretty in any::<bool>(),
    ) {
        let mut doc = demo_value();
        doc["projects"] = Value::Array(projects);
        let text = if pretty { model::to_pretty(&doc) } else { doc.to_string() };
        readings_agree(text.as_bytes());
    }
}

#[test]
fn a_repeated_id_before_and_after_an_invalid_project_reads_alike() {
    let ok = |id: &str| json!({"id": id, "name": "项目", "unit": "kfq", "stage": "signed"});
    let bad = json!({"id": "B", "name": "项目", "unit": "nowhere", "stage": "signed"});
    for list in [
        vec![ok("A"), ok("A"), bad.clone()],
        vec![ok("A"), bad.clone(), ok("A")],
        vec![bad.clone(), ok("A"), ok("A")],
        vec![ok("A"), ok("B"), bad.clone(), ok("C"), ok("B")],
        vec![ok("A"), ok("B"), ok("A")],
    ] {
        let mut doc = demo_value();
        doc["projects"] = Value::Array(list);
        let text = model::to_pretty(&doc);
        readings_agree(text.as_bytes());
        assert!(Document::from_bytes(text.as_bytes()).is_err());
    }
}

/// A project nested one level deeper than the whole file may be was read
/// from its text (found by this test).
#[test]
fn nesting_near_the_limit_reads_alike_in_the_head_and_in_a_project() {
    let base = String::from_utf8(demo().to_vec()).unwrap();
    for depth in 120..132 {
        let nested = format!("{}{}", "[".repeat(depth), "]".repeat(depth));
        let in_head = base.replacen('{', &format!("{{\"deep\": {nested},"), 1);
        let in_project = base.replacen(
            "\"id\": \"P001\"",
            &format!("\"deep\": {nested}, \"id\": \"P001\""),
            1,
        );
        assert_ne!(in_project, base);
        readings_agree(in_head.as_bytes());
        readings_agree(in_project.as_bytes());
    }
}

/// Another format and a syntax error in a project: the syntax error is
/// what the whole reading says, and so what the fast one says (found by
/// the mutation fuzz, which read a project's text only past the format).
#[test]
fn a_wrong_format_does_not_hide_a_broken_project() {
    let base = String::from_utf8(demo().to_vec()).unwrap();
    let other = base.replacen("\"guotang/1\"", "\"guotang/9\"", 1);
    assert_ne!(other, base);
    readings_agree(other.as_bytes());
    let broken = other.replacen("\"id\": \"P001\"", "\"id\" \"P001\"", 1);
    assert_ne!(broken, other);
    let err = Document::from_bytes(broken.as_bytes())
        .unwrap_err()
        .to_string();
    assert!(err.contains("expected `:`"), "{err}");
    readings_agree(broken.as_bytes());
}

/// Bytes that are not UTF-8 in a project's strings — a field, a key, an
/// unknown field's value, after an escape — read as the whole reading
/// reads them (the project's text has its UTF-8 checked as a whole before
/// it is read as `str`): refused at the same place.
#[test]
fn a_project_that_is_not_utf8_reads_alike() {
    let base = demo().to_vec();
    let from = &b"\"id\": \"P001\""[..];
    let at = base.windows(from.len()).position(|w| w == from).unwrap();
    for to in [
        &b"\"id\": \"P\xff01\""[..],
        b"\"id\": \"P001\", \"x\xc3\": 1",
        b"\"id\": \"P001\", \"x\": [\"\xed\xa0\x80\"]",
        b"\"id\": \"P001\", \"note\": \"\\n\xe4\xb8\"",
    ] {
        let mut text = base.clone();
        text.splice(at..at + from.len(), to.iter().copied());
        let err = Document::from_bytes(&text).expect_err("not UTF-8");
        assert!(err.to_string().contains("line "), "{err}");
        readings_agree(&text);
    }
}

/// Lists long enough to be read in pieces (of 2,048 projects at this
/// length) on several threads: a bad or repeated project in any piece, at
/// their edges, or across them, reads as it does from one value (same
/// problems, same order).
#[test]
fn long_lists_read_in_pieces_read_alike() {
    let n = 10_000;
    let ok =
        |i: usize| json!({"id": format!("P{i}"), "name": "项目", "unit": "kfq", "stage": "signed"});
    let bad = |i: usize| json!({"id": format!("P{i}"), "name": "项目", "unit": "nowhere", "stage": "signed"});
    let broken_text = "{\"id\" \"X\"}";
    let base: Vec<Value> = (0..n).map(ok).collect();
    let mut cases: Vec<(String, Vec<Value>, Option<usize>)> =
        vec![("all valid".into(), base.clone(), None)];
    for at in [
        0,
        17,
        2047,
        2048,
        n / 2 - 1,
        n / 2,
        n / 2 + 1,
        8191,
        8192,
        n - 1,
    ] {
        let mut list = base.clone();
        list[at] = bad(at);
        cases.push((format!("bad at {at}"), list, None));
        let mut list = base.clone();
        list[at] = ok(if at == 0 { 1 } else { 0 });
        cases.push((format!("repeat at {at}"), list, None));
        cases.push((format!("unreadable at {at}"), base.clone(), Some(at)));
    }
    let mut list = base.clone();
    list[n - 3] = ok(5);
    list[n / 2 + 4] = bad(n / 2 + 4);
    list[3] = bad(3);
    cases.push((
        "bad in both halves, a repeat across them".into(),
        list,
        None,
    ));
    let mut list = base.clone();
    list[9000] = bad(9000);
    list[2100] = bad(2100);
    cases.push(("bad in a later piece first read".into(), list, None));
    for (what, list, unreadable) in cases {
        let mut doc = demo_value();
        doc["projects"] = Value::Array(list);
        let mut text = doc.to_string();
        if let Some(at) = unreadable {
            // The compact text of the project at `at`, made unreadable.
            let id = format!("{{\"id\":\"P{at}\",");
            let start = text.find(&id).unwrap();
            let end = start + text[start..].find('}').unwrap() + 1;
            text.replace_range(start..end, broken_text);
        }
        let fast = Document::from_bytes(text.as_bytes()).map(|d| d.snapshot.projects.len());
        readings_agree(text.as_bytes());
        match (what.as_str(), fast) {
            ("all valid", Ok(len)) => assert_eq!(len, n),
            ("all valid", Err(p)) => panic!("{what}: {p}"),
            (_, r) => assert!(r.is_err(), "{what}: accepted"),
        }
    }
}

/// A change to a v2 meeting's own fields: valid or not in ways each
/// reading must refuse alike.
fn v2_change() -> impl Strategy<Value = (&'static str, Value)> {
    prop::sample::select(vec![
        ("/cards/tiers/0/id", json!("none")),
        ("/cards/tiers/1/id", json!("green")),
        ("/cards/tiers", json!([])),
        ("/cards/tiers/2/color", json!("pink")),
        ("/cards/bands/0/tier", json!("gold")),
        ("/cards/bands/1/lag_at_most", json!(-0.1)),
        ("/cards/bands/0/above_mean", json!("yes")),
        ("/cards/bands/0/top", json!(2)),
        ("/cards/rule", json!("rank")),
        ("/cards/veto_tier", json!("none")),
        ("/cards/escalations/0/streak", json!(0)),
        ("/cards/escalations/1/tier", json!("blue")),
        ("/scoring", json!({"method": "points"})),
        ("/scoring", json!({"method": "score"})),
        ("/metrics/7/judges/drop", json!(-1)),
        ("/metrics/7/kind", json!("bonus")),
        ("/units/0/actuals/pitch", json!([80, "九十"])),
        ("/units/1/actuals/pitch", json!([])),
        ("/units/2/actuals/investment", json!([1, 2])),
        ("/units/3/card", json!("green")),
        ("/units/3/card", json!("gold")),
        ("/history/0/to", json!("2027-01-31")),
        ("/history/1/units/u0001/tier", json!("amber")),
        ("/history/1/units/u0001/rank", json!(0)),
        ("/history/0/units/gone", json!({"rank": 1})),
        ("/format", json!("guotang/1")),
    ])
}

/// Sets the value at a JSON pointer whose parent exists.
fn put(doc: &mut Value, pointer: &str, v: Value) {
    let (parent, key) = pointer.rsplit_once('/').unwrap();
    match doc.pointer_mut(parent) {
        Some(Value::Object(m)) => {
            m.insert(key.to_owned(), v);
        }
        Some(Value::Array(a)) => {
            if let Some(slot) = key.parse::<usize>().ok().and_then(|i| a.get_mut(i)) {
                *slot = v;
            }
        }
        _ => {}
    }
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 300, failure_persistence: None, ..ProptestConfig::default() })]

    /// A v2 meeting (tiers, bands, judges' marks, history) with a few of
    /// its own fields changed reads the same both ways.
    #[test]
    fn generated_v2_meetings_read_alike(
        changes in prop::collection::vec(v2_change(), 0..4),
        seed in 0u64..4,
        pretty in any::<bool>(),
    ) {
        let mut doc = guotang::testgen::generate_v2(12, 30, seed, 3);
        for (pointer, v) in changes {
            put(&mut doc, pointer, v);
        }
        let text = if pretty { model::to_pretty(&doc) } else { doc.to_string() };
        readings_agree(text.as_bytes());
    }
}
