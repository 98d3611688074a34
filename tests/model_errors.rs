//! Every class of problem the loader reports, with its exact message and place.

use guotang::model::{Document, Problem};
use serde_json::{Value, json};

fn base() -> Value {
    json!({
        "format": "guotang/1",
        "meeting": {"title": "过堂会", "date": "2026-05-08", "period": {"to": "2026-04-30"}},
        "metrics": [
            {"id": "signed", "name": "新签约", "unit": "个"},
            {"id": "investment", "name": "协议引资额", "unit": "亿元", "decimals": 1},
            {"id": "stalled", "name": "停工项目", "better": "lower", "weight": 0}
        ],
        "units": [
            {"id": "kfq", "name": "经济开发区", "group": "镇街板块", "targets": {"signed": 10, "investment": 100}, "actuals": {"signed": 4, "investment": 40}},
            {"id": "gxq", "name": "高新区", "group": "镇街板块", "targets": {"signed": 8}, "actuals": {"signed": 2}},
            {"id": "swj", "name": "商务局", "group": "部门", "targets": {"signed": 5}, "actuals": {"signed": 3}},
            {"id": "fgj", "name": "发改局", "group": "部门"}
        ],
        "projects": [
            {"id": "P001", "name": "电池项目", "unit": "kfq", "stage": "signed", "due_start": "2026-03-01"}
        ],
        "agenda": [
            {"title": "通报", "pane": "overview", "minutes": 10},
            {"title": "发言", "pane": "speakers", "speakers": {"card": "yellow"}, "minutes_each": 3}
        ]
    })
}

/// The problems for a document changed by `f`, as "place: message" lines.
fn problems(f: impl FnOnce(&mut Value)) -> Vec<String> {
    let mut v = base();
    f(&mut v);
    match Document::from_json(v) {
        Ok(_) => vec![],
        Err(p) => p.0.iter().map(|p| p.to_string()).collect(),
    }
}

#[test]
fn the_base_snapshot_is_valid() {
    assert_eq!(problems(|_| {}), Vec::<String>::new());
}

#[test]
fn type_and_value_errors_name_the_json_path() {
    assert_eq!(
        problems(|v| v["units"][3]["actuals"] = json!({"investment": "九十"})),
        [r#"units[3].actuals.investment: expected a number ≥ 0, found "九十""#]
    );
    assert_eq!(
        problems(|v| v["units"][0]["targets"]["signed"] = json!(-3)),
        ["units[0].targets.signed: expected a number ≥ 0, found -3"]
    );
    assert_eq!(
        problems(|v| v["metrics"][1]["decimals"] = json!(7)),
        ["metrics[1].decimals: expected a whole number from 0 to 6, found 7"]
    );
    assert_eq!(
        problems(|v| v["meeting"]["title"] = json!(["x"])),
        ["meeting.title: expected a string, found an array"]
    );
    assert_eq!(
        problems(|v| v["agenda"][0]["minutes"] = json!(0)),
        ["agenda[0].minutes: expected a number > 0, found 0"]
    );
}

#[test]
fn missing_required_fields() {
    assert_eq!(
        problems(|v| {
            v["meeting"].as_object_mut().unwrap().remove("date");
        }),
        ["meeting.date: required field is missing"]
    );
    assert_eq!(
        problems(|v| {
            v.as_object_mut().unwrap().remove("format");
        }),
        [
            r#"format: required field is missing (a snapshot starts with "format": "guotang/1" or "guotang/2")"#
        ]
    );
}

#[test]
fn another_format_is_refused_by_name() {
    assert_eq!(
        problems(|v| v["format"] = json!("guotang/3")),
        [
            r#"format: expected "guotang/1" or "guotang/2", found "guotang/3": this version of guotang reads guotang/1 and guotang/2"#
        ]
    );
}

#[test]
fn reference_and_rule_errors() {
    assert_eq!(
        problems(|v| v["units"][1]["id"] = json!("kfq")),
        [r#"units[1].id: duplicate id "kfq" (first at units[0])"#]
    );
    assert_eq!(
        problems(|v| v["projects"][0]["unit"] = json!("kfq2")),
        [r#"projects[0].unit: no unit with id "kfq2""#]
    );
    assert_eq!(
        problems(|v| v["units"][0]["targets"]["foo"] = json!(1)),
        [r#"units[0].targets.foo: no metric with id "foo""#]
    );
    assert_eq!(
        problems(|v| v["units"][0]["card"] = json!("red")),
        ["units[0].card_reason: required when card is set: say why the unit gets this card"]
    );
    assert_eq!(
        problems(|v| v["meeting"]["date"] = json!("2024-02-30")),
        [r#"meeting.date: no such date "2024-02-30""#]
    );
    assert_eq!(
        problems(|v| v["meeting"]["date"] = json!("2024/02/03")),
        [r#"meeting.date: expected a date YYYY-MM-DD, found "2024/02/03""#]
    );
    assert_eq!(
        problems(|v| v["metrics"][2]["weight"] = json!(1)),
        [r#"metrics[2].weight: a "lower" metric must have weight 0, found 1"#]
    );
    assert_eq!(
        problems(|v| v["agenda"][0]["pane"] = json!("chart")),
        [
            r#"agenda[0].pane: expected one of "overview", "ranking", "seating", "speakers", "projects", "notes", found "chart""#
        ]
    );
    assert_eq!(
        problems(|v| v["agenda"][1]["speakers"] = json!({"group": "乡镇"})),
        [r#"agenda[1].speakers.group: no unit in group "乡镇""#]
    );
    assert_eq!(
        problems(|v| v["agenda"][1]["speakers"] = json!({"units": ["kfq", "nope"]})),
        [r#"agenda[1].speakers.units[1]: no unit with id "nope""#]
    );
    assert_eq!(
        problems(|v| v["metrics"][0]["id"] = json!("Signed")),
        [
            r#"metrics[0].id: expected lowercase letters, digits and _ only, found "Signed""#,
            r#"units[0].targets.signed: no metric with id "signed""#,
            r#"units[0].actuals.signed: no metric with id "signed""#,
            r#"units[1].targets.signed: no metric with id "signed""#,
            r#"units[1].actuals.signed: no metric with id "signed""#,
            r#"units[2].targets.signed: no metric with id "signed""#,
            r#"units[2].actuals.signed: no metric with id "signed""#,
        ]
    );
    assert_eq!(
        problems(|v| v["cards"] = json!({"rule": "rank", "red_top": 2})),
        [r#"cards.yellow_bottom: required with rule "rank""#]
    );
}

#[test]
fn every_problem_is_reported_at_once() {
    let found = problems(|v| {
        v["units"][3]["actuals"] = json!({"investment": "九十"});
        v["projects"][0]["unit"] = json!("kfq2");
        v["meeting"]["date"] = json!("2024-02-30");
        v["agenda"][0]["pane"] = json!("chart");
    });
    assert_eq!(found.len(), 4, "{found:#?}");
}

#[test]
fn syntax_errors_give_line_column_and_the_line() {
    let text = "{\n  \"format\": \"guotang/1\",\n  \"meeting\": {\"title\": \"会\" \"date\": 1}\n}";
    let err = Document::from_bytes(text.as_bytes()).unwrap_err();
    let Problem::Syntax {
        line,
        column,
        source_line,
        caret,
        ..
    } = &err.0[0]
    else {
        panic!("not a syntax problem: {err}");
    };
    assert_eq!((*line, *column), (3, 30));
    assert_eq!(source_line, r#"  "meeting": {"title": "会" "date": 1}"#);
    // The caret sits under the offending quote, counted in display columns (会 is two wide).
    assert_eq!(*caret, 28);
    assert_eq!(
        err.to_string(),
        "line 3, column 30: expected `,` or `}`\n  3 |   \"meeting\": {\"title\": \"会\" \"date\": 1}\n    |                             ^"
    );
}

#[test]
fn input_that_is_not_a_snapshot() {
    let msg = |b: &[u8]| Document::from_bytes(b).unwrap_err().to_string();
    assert_eq!(msg(b""), "the file is empty: a snapshot is a JSON object");
    assert_eq!(
        msg(b"  \n"),
        "the file is empty: a snapshot is a JSON object"
    );
    assert_eq!(
        msg(b"[1, 2]"),
        "expected a JSON object (a guotang snapshot), found an array"
    );
    assert_eq!(
        msg(b"\xFF\xFE{\x00}\x00"),
        "the file is UTF-16 text: save it as UTF-8 (a snapshot is UTF-8 JSON)"
    );
    assert_eq!(
        msg(b"{\"a\":\n 1\x00}"),
        "line 2, column 3: a NUL byte: this is a binary file, not a JSON snapshot"
    );
    let deep = "[".repeat(100_000);
    assert!(msg(deep.as_bytes()).contains("nested too deeply"));
    assert!(msg(b"{\"format\": \"guotang/1\", \"x\": 1e400}").contains("number out of range"));
    assert!(msg(b"{\"format\": \"gu").contains("the file ends too early"));
}

#[test]
fn a_bom_is_accepted() {
    let mut bytes = b"\xEF\xBB\xBF".to_vec();
    bytes.extend(serde_json::to_vec(&base()).unwrap());
    assert!(Document::from_bytes(&bytes).is_ok());
}
