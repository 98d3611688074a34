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
    problems_of(v)
}

/// The problems of a document; its text, read the fast way, must give the same.
fn problems_of(v: Value) -> Vec<String> {
    let lines = |r: Result<Document, guotang::model::Problems>| match r {
        Ok(_) => vec![],
        Err(p) => p.0.iter().map(|p| p.to_string()).collect::<Vec<_>>(),
    };
    let text = guotang::model::to_pretty(&v);
    let by_text = lines(Document::from_bytes(text.as_bytes()));
    let by_value = lines(Document::from_json(v));
    assert_eq!(by_text, by_value, "the text and the value read differently");
    by_value
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

/// A v2 meeting using every v2 field: three tiers best first, bands,
/// escalations, judges' marks and history.
fn base_v2() -> Value {
    json!({
        "format": "guotang/2",
        "meeting": {"title": "过堂会", "date": "2026-05-08", "period": {"to": "2026-04-30"}},
        "metrics": [
            {"id": "signed", "name": "新签约", "unit": "个"},
            {"id": "pitch", "name": "路演", "weight": 0, "judges": {"drop": 1}}
        ],
        "cards": {
            "tiers": [
                {"id": "green", "label": "绿牌", "color": "green"},
                {"id": "yellow", "label": "黄牌", "color": "yellow"},
                {"id": "red", "label": "红牌", "color": "red"}
            ],
            "bands": [{"tier": "green", "pace": 1}, {"tier": "yellow", "lag_at_most": 0.1}, {"tier": "red"}],
            "escalations": [{"tier": "yellow", "streak": 2, "label": "约谈"}]
        },
        "units": [
            {"id": "kfq", "name": "经济开发区", "targets": {"signed": 10}, "actuals": {"signed": 4, "pitch": [88, 92, 90.5]}},
            {"id": "gxq", "name": "高新区", "targets": {"signed": 8}, "actuals": {"signed": 2}, "card": "green", "card_reason": "专题会议决定"}
        ],
        "agenda": [{"title": "发言", "pane": "speakers", "speakers": {"card": "red"}}],
        "seating": {"zones": [{"card": "green", "rows": 1, "seats_per_row": 8}]},
        "history": [
            {"label": "1—2月", "to": "2026-02-28", "units": {"kfq": {"rank": 2, "tier": "yellow", "composite": 0.1}}},
            {"label": "1—3月", "to": "2026-03-31", "units": {"kfq": {"rank": 1, "tier": "red"}}}
        ]
    })
}

fn problems_v2(f: impl FnOnce(&mut Value)) -> Vec<String> {
    let mut v = base_v2();
    f(&mut v);
    problems_of(v)
}

/// A points meeting: a score metric with bands, bonus, deduction and veto.
fn base_points() -> Value {
    json!({
        "format": "guotang/2",
        "meeting": {"title": "推进会", "date": "2026-05-08", "period": {"to": "2026-04-30"}},
        "scoring": {"method": "points"},
        "metrics": [
            {"id": "signed", "name": "签约", "weight": 30, "score_bands": [{"at_least": 1, "share": 1}, {"at_least": 0.8, "share": 0.75}]},
            {"id": "bonus", "name": "加分", "kind": "bonus"},
            {"id": "minus", "name": "扣分", "kind": "deduction"},
            {"id": "accident", "name": "安全事故", "kind": "veto"}
        ],
        "cards": {
            "tiers": [{"id": "good", "label": "好", "color": "green"}, {"id": "bad", "label": "差", "color": "red"}],
            "bands": [{"tier": "good", "min": 20}, {"tier": "bad"}]
        },
        "units": [
            {"id": "a", "name": "甲", "targets": {"signed": 10}, "actuals": {"signed": 9, "bonus": 2, "minus": 1, "accident": 0}}
        ]
    })
}

fn problems_points(f: impl FnOnce(&mut Value)) -> Vec<String> {
    let mut v = base_points();
    f(&mut v);
    problems_of(v)
}

#[test]
fn the_v2_bases_are_valid() {
    assert_eq!(problems_v2(|_| {}), Vec::<String>::new());
    assert_eq!(problems_points(|_| {}), Vec::<String>::new());
}

#[test]
fn a_v1_file_using_a_v2_field_is_refused_naming_it() {
    let hint = "a guotang/2 field in a guotang/1 file: set \"format\": \"guotang/2\" to use it";
    assert_eq!(
        problems(|v| {
            v["cards"] =
                json!({"tiers": [{"id": "a", "label": "A", "color": "red"}], "rule": "pace"});
            v["history"] = json!([]);
            v["metrics"][0]["judges"] = json!({"drop": 1});
        }),
        [
            format!("history: {hint}"),
            format!("cards.tiers: {hint}"),
            format!("metrics[0].judges: {hint}"),
        ]
    );
    let mut v1 = base_v2();
    v1["format"] = json!("guotang/1");
    let got = problems_of(v1);
    for field in [
        "history",
        "cards.tiers",
        "cards.bands",
        "cards.escalations",
        "metrics[1].judges",
    ] {
        assert!(
            got.contains(&format!("{field}: {hint}")),
            "{field} not named: {got:#?}"
        );
    }
    assert!(
        problems_of({
            let mut p = base_points();
            p["format"] = json!("guotang/1");
            p
        })
        .contains(&format!("scoring: {hint}"))
    );
}

#[test]
fn unknown_tier_ids_are_refused_wherever_a_tier_is_named() {
    let words = r#"one of "green", "yellow", "red", "none""#;
    assert_eq!(
        problems_v2(|v| {
            v["cards"]["bands"][0]["tier"] = json!("gold");
            v["units"][1]["card"] = json!("blue");
            v["agenda"][0]["speakers"]["card"] = json!("yellow2");
            v["seating"]["zones"][0]["card"] = json!("RED");
            v["cards"]["escalations"][0]["tier"] = json!("amber");
            v["history"][0]["units"]["kfq"]["tier"] = json!("orange");
        }),
        [
            format!(r#"units[1].card: expected {words}, found "blue""#),
            format!(r#"cards.bands[0].tier: expected {words}, found "gold""#),
            format!(r#"cards.escalations[0].tier: expected {words}, found "amber""#),
            format!(r#"agenda[0].speakers.card: expected {words}, found "yellow2""#),
            format!(r#"seating.zones[0].card: expected {words}, found "RED""#),
            format!(r#"history[0].units.kfq.tier: expected {words}, found "orange""#),
        ]
    );
    assert_eq!(
        problems_v2(|v| v["cards"]["veto_tier"] = json!("none")),
        [r#"cards.veto_tier: expected one of "green", "yellow", "red", found "none""#]
    );
}

#[test]
fn the_tier_list_itself() {
    assert_eq!(
        problems_v2(|v| v["cards"]["tiers"] = json!([])),
        ["cards.tiers: at least one tier is needed (best first)"]
    );
    assert_eq!(
        problems_v2(|v| {
            v["cards"]["tiers"][1]["id"] = json!("green");
            v["cards"]["tiers"][2]["id"] = json!("none");
        }),
        [
            r#"cards.tiers[1].id: duplicate id "green" (first at cards.tiers[0])"#,
            r#"cards.tiers[2].id: "none" is reserved: it is the tier of a unit no band gives one"#,
        ]
    );
    assert_eq!(
        problems_v2(|v| v["cards"]["tiers"][0]["color"] = json!("pink")),
        [
            r#"cards.tiers[0].color: expected one of "red", "orange", "yellow", "green", "blue", "purple", "grey", "black", found "pink""#
        ]
    );
    assert_eq!(
        problems_v2(|v| v["cards"]["rule"] = json!("rank")),
        ["cards.bands: give either rule or bands, not both (rule is shorthand for bands)"]
    );
    assert_eq!(
        problems_v2(|v| {
            v["cards"].as_object_mut().unwrap().remove("bands");
        }),
        ["cards.bands: required with tiers: the default rule names the default red and yellow"]
    );
    assert_eq!(
        problems_v2(|v| {
            v["cards"].as_object_mut().unwrap().remove("bands");
            v["cards"]["rule"] = json!("pace");
        }),
        [
            "cards.rule: a meeting with its own tiers gives bands: the rule names the default red and yellow"
        ]
    );
    // A broken tier list is reported once, not at every reference to it.
    assert_eq!(
        problems_v2(|v| v["cards"]["tiers"] = json!({"green": 1})),
        ["cards.tiers: expected an array, found an object"]
    );
}

#[test]
fn escalations_and_history() {
    assert_eq!(
        problems_v2(|v| v["cards"]["escalations"][0]["streak"] = json!(0)),
        ["cards.escalations[0].streak: expected a whole number from 1 to 1000000, found 0"]
    );
    assert_eq!(
        problems_v2(|v| v["history"][1]["to"] = json!("2026-02-01")),
        [
            "history[1].to: 2026-02-01 is not after history[0].to 2026-02-28: entries go oldest first"
        ]
    );
    assert_eq!(
        problems_v2(|v| v["history"][1]["to"] = json!("2026-04-30")),
        [
            "history[1].to: 2026-04-30 is not before this meeting's period (to 2026-04-30): history holds the meetings before this one"
        ]
    );
    assert_eq!(
        problems_v2(|v| v["history"][0]["units"]["kfq"]["rank"] = json!(0)),
        ["history[0].units.kfq.rank: expected a whole number from 1 to 1000000, found 0"]
    );
}

#[test]
fn a_history_entry_for_an_unknown_unit_is_a_warning() {
    let mut v = base_v2();
    v["history"][0]["units"]["merged"] = json!({"rank": 3});
    assert_eq!(problems_of(v.clone()), Vec::<String>::new());
    let doc = Document::from_json(v).unwrap();
    let warnings: Vec<String> = doc
        .snapshot
        .warnings
        .iter()
        .map(|w| w.to_string())
        .collect();
    assert_eq!(
        warnings,
        [
            r#"history[0].units.merged: no unit with id "merged" in this meeting (the entry is kept: units get merged and renamed)"#
        ]
    );
    // Kept on save.
    assert!(doc.to_pretty().contains("\"merged\""));
}

#[test]
fn marks_must_be_numbers_and_need_judges() {
    assert_eq!(
        problems_v2(|v| v["units"][0]["actuals"]["pitch"] = json!([88, "九十", -1])),
        [
            r#"units[0].actuals.pitch[1]: expected a number ≥ 0, found "九十""#,
            "units[0].actuals.pitch[2]: expected a number ≥ 0, found -1",
        ]
    );
    assert_eq!(
        problems_v2(|v| v["units"][0]["actuals"]["signed"] = json!([1, 2])),
        [
            r#"units[0].actuals.signed: expected a number ≥ 0, found an array (marks need "judges" on metric "signed")"#
        ]
    );
    assert_eq!(
        problems_v2(|v| v["units"][0]["targets"]["pitch"] = json!([1, 2])),
        ["units[0].targets.pitch: expected a number ≥ 0, found an array"]
    );
    assert_eq!(
        problems_v2(|v| v["metrics"][1]["judges"]["drop"] = json!(-1)),
        ["metrics[1].judges.drop: expected a whole number from 0 to 1000, found -1"]
    );
}

#[test]
fn points_rules() {
    assert_eq!(
        problems_points(|v| {
            v["cards"]["bands"][0]["pace"] = json!(1);
            v["cards"]["bands"][1]["lag_at_most"] = json!(0.1);
        }),
        [
            r#"cards.bands[0].pace: "pace" compares with time progress, which points scoring does not use"#,
            r#"cards.bands[1].lag_at_most: "lag_at_most" compares with time progress, which points scoring does not use"#,
        ]
    );
    assert_eq!(
        problems_points(|v| {
            v["metrics"][1]["weight"] = json!(2);
            v["metrics"][2]["better"] = json!("higher");
            v["units"][0]["targets"]["accident"] = json!(1);
        }),
        [
            "metrics[1].weight: a bonus metric takes no weight (leave it out or 0), found 2",
            r#"metrics[2].better: a deduction metric ranks lowest first: leave "better" out or make it "lower""#,
            "units[0].targets.accident: a veto metric takes no target (its actual counts as it is)",
        ]
    );
    assert_eq!(
        problems_points(|v| {
            v.as_object_mut().unwrap().remove("scoring");
        }),
        [
            r#"metrics[0].score_bands: score_bands need points scoring ("scoring": {"method": "points"})"#,
            r#"metrics[1].kind: a bonus metric needs points scoring ("scoring": {"method": "points"})"#,
            r#"metrics[2].kind: a deduction metric needs points scoring ("scoring": {"method": "points"})"#,
            r#"metrics[3].kind: a veto metric needs points scoring ("scoring": {"method": "points"})"#,
        ]
    );
    assert_eq!(
        problems_points(|v| {
            v.as_object_mut().unwrap().remove("cards");
        }),
        [
            "cards.bands: required under points scoring (the default rule, pace, compares with time progress)"
        ]
    );
}

#[test]
fn a_misspelt_band_condition_is_a_warning() {
    let mut v = base_v2();
    v["cards"]["bands"][1] = json!({"tier": "yellow", "lag_atmost": 0.1});
    assert_eq!(problems_of(v.clone()), Vec::<String>::new());
    let doc = Document::from_json(v).unwrap();
    let warnings: Vec<String> = doc
        .snapshot
        .warnings
        .iter()
        .map(|w| w.to_string())
        .collect();
    assert_eq!(
        warnings,
        [
            "cards.bands[1].lag_atmost: not a band condition (pace, lag_at_most, min, top, bottom, above_mean): it is kept but does not count"
        ]
    );
}

/// A list long enough to be read on every core: a project that is not
/// valid as it stands (in the first, a middle or the last stretch), or a
/// repeated id far from its first, is reported as the value reading
/// reports it, and a valid list reads into the same snapshot.
#[test]
fn a_long_list_read_on_every_core_reads_as_the_value_does() {
    let base = guotang::testgen::generate(20, 10_000, 4);
    let text = guotang::model::to_pretty(&base);
    let by_text = Document::from_bytes(text.as_bytes()).unwrap();
    let by_value = Document::from_json(base.clone()).unwrap();
    assert_eq!(by_text.snapshot, by_value.snapshot);
    for at in [0, 1, 1023, 1024, 4999, 5000, 9998, 9999] {
        let got = problems_of({
            let mut v = base.clone();
            v["projects"][at]["stage"] = json!("done");
            v
        });
        assert_eq!(got.len(), 1, "{got:?}");
        assert!(
            got[0].starts_with(&format!("projects[{at}].stage")),
            "{got:?}"
        );
    }
    let got = problems_of({
        let mut v = base.clone();
        v["projects"][9000]["id"] = v["projects"][12]["id"].clone();
        v["projects"][7000]["unit"] = json!("nowhere");
        v["projects"][3000]["investment"] = json!(-1);
        v
    });
    assert_eq!(got.len(), 3, "{got:?}");
    assert!(got[0].starts_with("projects[3000].investment"), "{got:?}");
    assert!(got[1].starts_with("projects[7000].unit"), "{got:?}");
    assert!(got[2].starts_with("projects[9000].id"), "{got:?}");
}
