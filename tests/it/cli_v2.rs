//! The command line on format v2: templates (`init --template`, `--list`),
//! `check` per tier and with warnings, the standings table and JSON of a
//! meeting with its own tiers, points and history, and `roll`, three
//! meetings in a row.

use crate::sandbox::{Sandbox, unit};
use serde_json::{Value, json};

#[test]
fn init_lists_and_writes_every_template() {
    let sb = Sandbox::new();
    let (code, out, _) = sb.run(&["init", "--list"]);
    assert_eq!(code, 0);
    for name in ["investment", "three-tiers", "points", "arena"] {
        assert!(out.contains(name), "--list does not name {name}:\n{out}");
        let file = format!("{name}.json");
        let (code, out, err) = sb.run(&["init", &file, "--template", name]);
        assert_eq!(code, 0, "{err}");
        assert!(out.contains(&format!("template {name}")), "{out}");
        let (code, _, err) = sb.run(&["check", &file]);
        assert_eq!(code, 0, "{name}: {err}");
    }
    let (code, _, err) = sb.run(&["init", "x.json", "--template", "olympics"]);
    assert_eq!(code, 1);
    assert!(err.contains("no template \"olympics\""), "{err}");
    assert!(!sb.path("x.json").exists());
    // The default is still the demo.
    let (code, _, _) = sb.run(&["init", "demo.json"]);
    assert_eq!(code, 0);
    assert_eq!(
        std::fs::read_to_string(sb.path("demo.json")).unwrap(),
        guotang::model::DEMO
    );
}

#[test]
fn check_counts_each_tier_and_prints_warnings_yet_succeeds() {
    let sb = Sandbox::new();
    let mut v: Value =
        serde_json::from_str(include_str!("../../assets/templates/three-tiers.json")).unwrap();
    v["history"][0]["units"]["merged"] = json!({"rank": 9, "tier": "red"});
    let file = sb.write("m.json", &v);
    let (code, out, err) = sb.run(&["check", file.to_str().unwrap()]);
    assert_eq!(code, 0, "{err}");
    assert!(
        out.contains("分档        绿牌 5 · 黄牌 4 · 红牌 3 · 不亮牌 0（其中决定 1，未排名 0）"),
        "{out}"
    );
    assert!(out.contains("历史        2 期（最近 1—3月）"), "{out}");
    assert!(
        out.contains(
            "警告 1 条（仍可使用）：\n  - history[0].units.merged: no unit with id \"merged\""
        ),
        "{out}"
    );
}

/// `check`'s seating warnings name a zone without a label, and the units
/// without a zone, by the meeting's own tiers: the green zone of 三亚's
/// 红黄绿亮牌 was called 红牌 (the first default tier) and the red units "牌".
#[test]
fn check_names_seating_by_the_meetings_tiers() {
    let sb = Sandbox::new();
    let mut v: Value =
        serde_json::from_str(include_str!("../../assets/templates/three-tiers.json")).unwrap();
    let zones = v["seating"]["zones"].as_array_mut().unwrap();
    zones.retain(|z| z["card"] != "red");
    zones[0]["label"] = json!("");
    zones[0]["rows"] = json!(1);
    zones[0]["seats_per_row"] = json!(2);
    let file = sb.write("m.json", &v);
    let (code, out, err) = sb.run(&["check", file.to_str().unwrap()]);
    assert_eq!(code, 0, "{err}");
    assert!(out.contains("座次：绿牌座位不足，缺 6 个座位"), "{out}");
    assert!(out.contains("个单位未分区（红牌，"), "{out}");
}

#[test]
fn standings_table_of_each_template() {
    let sb = Sandbox::new();
    for name in ["three-tiers", "points", "arena"] {
        let file = format!("{name}.json");
        sb.run(&["init", &file, "--template", name]);
        let (code, out, err) = sb.run(&["standings", &file]);
        assert_eq!(code, 0, "{err}");
        insta::assert_snapshot!(format!("standings_{name}"), out);
    }
}

#[test]
fn standings_json_has_the_v2_fields() {
    let sb = Sandbox::new();
    sb.run(&["init", "p.json", "--template", "points"]);
    let st = sb.standings(&sb.path("p.json"));
    assert_eq!(st["scoring"], "points");
    assert_eq!(st["format"], "guotang/2");
    let cy = unit(&st, "cy");
    assert_eq!(cy["card"], "bad");
    assert_eq!(cy["tier_label"], "差");
    assert_eq!(cy["veto"], "accident");
    assert_eq!(cy["escalation"], "约谈主要负责人");
    assert_eq!(cy["rank_change"], 3);
    let ts = unit(&st, "ts");
    assert_eq!(
        (ts["streak"].as_u64(), ts["escalation"].as_str()),
        (Some(2), Some("全市通报批评"))
    );
    sb.run(&["init", "a.json", "--template", "arena"]);
    let st = sb.standings(&sb.path("a.json"));
    let pitch = &unit(&st, "tq")["metrics"]["pitch"];
    let marks: Vec<f64> = pitch["marks"]
        .as_array()
        .unwrap()
        .iter()
        .map(|m| m.as_f64().unwrap())
        .collect();
    let mut sorted = marks.clone();
    sorted.sort_by(f64::total_cmp);
    let kept = &sorted[1..sorted.len() - 1];
    let mean = kept.iter().sum::<f64>() / kept.len() as f64;
    assert_eq!(marks.len(), 7);
    assert!((pitch["actual"].as_f64().unwrap() - mean).abs() < 1e-12);
}

/// A meeting of three units ranked by investment: the first red, the last
/// yellow (rule rank), with escalations for streaks of yellow and red.
fn small_meeting() -> Value {
    json!({
        "format": "guotang/2",
        "x_office": "区委督查室",
        "meeting": {"title": "月度过堂会", "date": "2026-02-05",
                    "period": {"label": "1月", "from": "2026-01-01", "to": "2026-01-31"}},
        "metrics": [{"id": "investment", "name": "完成投资", "unit": "亿元"}],
        "cards": {
            "rule": "rank", "red_top": 1, "yellow_bottom": 1,
            "escalations": [
                {"tier": "yellow", "streak": 2, "label": "约谈"},
                {"tier": "yellow", "streak": 3, "label": "常委会说明"},
                {"tier": "red", "streak": 3, "label": "通报表扬"}
            ]
        },
        "units": [
            {"id": "a", "name": "甲", "targets": {"investment": 100}, "actuals": {"investment": 30}},
            {"id": "b", "name": "乙", "targets": {"investment": 100}, "actuals": {"investment": 20},
             "card": "red", "card_reason": "专题会议决定", "x_note": "保留"},
            {"id": "c", "name": "丙", "targets": {"investment": 100}, "actuals": {"investment": 10}}
        ]
    })
}

/// (card, streak, escalation, rank_change) of a unit.
fn trend(st: &Value, id: &str) -> (String, u64, Option<String>, Option<i64>) {
    let u = unit(st, id);
    (
        u["card"].as_str().unwrap().to_owned(),
        u["streak"].as_u64().unwrap(),
        u["escalation"].as_str().map(str::to_owned),
        u["rank_change"].as_i64(),
    )
}

fn t(
    card: &str,
    streak: u64,
    esc: Option<&str>,
    change: Option<i64>,
) -> (String, u64, Option<String>, Option<i64>) {
    (card.to_owned(), streak, esc.map(str::to_owned), change)
}

#[test]
fn three_rolls_in_a_row_count_streaks_and_escalate() {
    let sb = Sandbox::new();
    let p1 = sb.write("p1.json", &small_meeting());
    let before = std::fs::read(&p1).unwrap();
    let st = sb.standings(&p1);
    assert_eq!(trend(&st, "a"), t("red", 1, None, None));
    assert_eq!(trend(&st, "b"), t("red", 1, None, None));
    assert_eq!(trend(&st, "c"), t("yellow", 1, None, None));

    // Roll 1: February, nothing else changed.
    let (code, out, err) = sb.run(&[
        "roll",
        "p1.json",
        "--to",
        "2026-02-28",
        "--label",
        "1—2月",
        "-o",
        "p2.json",
    ]);
    assert_eq!(code, 0, "{err}");
    assert_eq!(std::fs::read(&p1).unwrap(), before, "roll changed FILE");
    insta::assert_snapshot!("roll_output", out);
    let p2 = sb.path("p2.json");
    let next: Value = serde_json::from_slice(&std::fs::read(&p2).unwrap()).unwrap();
    assert_eq!(next["x_office"], "区委督查室");
    assert_eq!(next["units"][1]["x_note"], "保留");
    assert!(
        next["units"][1].get("card").is_none() && next["units"][1].get("card_reason").is_none()
    );
    assert_eq!(
        next["meeting"]["period"],
        json!({"label": "1—2月", "from": "2026-01-01", "to": "2026-02-28"})
    );
    assert_eq!(
        next["history"],
        json!([{"label": "1月", "to": "2026-01-31", "units": {
            "a": {"rank": 1, "tier": "red", "composite": 0.3},
            "b": {"rank": 2, "tier": "red", "composite": 0.2},
            "c": {"rank": 3, "tier": "yellow", "composite": 0.1}
        }}])
    );
    let st = sb.standings(&p2);
    // b's decision is gone: by rank it holds none now.
    assert_eq!(trend(&st, "a"), t("red", 2, None, Some(0)));
    assert_eq!(trend(&st, "b"), t("none", 1, None, Some(0)));
    assert_eq!(trend(&st, "c"), t("yellow", 2, Some("约谈"), Some(0)));

    // Roll 2: March; b falls to last.
    let (code, _, err) = sb.run(&[
        "roll",
        "p2.json",
        "--to",
        "2026-03-31",
        "--label",
        "1—3月",
        "-o",
        "p3.json",
    ]);
    assert_eq!(code, 0, "{err}");
    let (code, _, err) = sb.run(&["set", "p3.json", "units.b.actuals.investment=5"]);
    assert_eq!(code, 0, "{err}");
    let st = sb.standings(&sb.path("p3.json"));
    assert_eq!(trend(&st, "a"), t("red", 3, Some("通报表扬"), Some(0)));
    assert_eq!(trend(&st, "b"), t("yellow", 1, None, Some(-1)));
    assert_eq!(trend(&st, "c"), t("none", 1, None, Some(1)));

    // Roll 3: April, nothing else changed.
    let (code, _, err) = sb.run(&["roll", "p3.json", "--to", "2026-04-30", "-o", "p4.json"]);
    assert_eq!(code, 0, "{err}");
    let st = sb.standings(&sb.path("p4.json"));
    assert_eq!(trend(&st, "a"), t("red", 4, Some("通报表扬"), Some(0)));
    assert_eq!(trend(&st, "b"), t("yellow", 2, Some("约谈"), Some(0)));
    assert_eq!(trend(&st, "c"), t("none", 2, None, Some(0)));
    let p4: Value = serde_json::from_slice(&std::fs::read(sb.path("p4.json")).unwrap()).unwrap();
    let labels: Vec<&str> = p4["history"]
        .as_array()
        .unwrap()
        .iter()
        .map(|h| h["label"].as_str().unwrap())
        .collect();
    assert_eq!(labels, ["1月", "1—2月", "1—3月"]);
    // No --label: the old one is not carried over to a period it does not name.
    assert!(p4["meeting"]["period"].get("label").is_none());
}

#[test]
fn roll_refuses_what_would_be_wrong_and_writes_nothing() {
    let sb = Sandbox::new();
    sb.write("p1.json", &small_meeting());
    let refused = |args: &[&str], says: &str| {
        let (code, out, err) = sb.run(args);
        assert_eq!(code, 1, "{args:?}: {out}");
        assert!(err.contains(says), "{args:?}: {err}");
    };
    refused(
        &["roll", "p1.json", "--to", "2026-01-31", "-o", "n.json"],
        "--to 2026-01-31 is not after this meeting's period end 2026-01-31",
    );
    refused(
        &["roll", "p1.json", "--to", "2025-12-31", "-o", "n.json"],
        "is not after this meeting's period end",
    );
    let (code, _, err) = sb.run(&["roll", "p1.json", "--to", "2026-02-30", "-o", "n.json"]);
    assert_eq!(code, 2, "a usage error");
    assert!(err.contains("no such date \"2026-02-30\""), "{err}");
    assert!(!sb.path("n.json").exists());
    refused(
        &[
            "roll",
            "p1.json",
            "--to",
            "2026-02-28",
            "-o",
            "p1.json",
            "--force",
        ],
        "roll 不改动本期文件",
    );
    std::fs::write(sb.path("n.json"), "keep").unwrap();
    refused(
        &["roll", "p1.json", "--to", "2026-02-28", "-o", "n.json"],
        "n.json already exists; use --force to overwrite it",
    );
    assert_eq!(std::fs::read_to_string(sb.path("n.json")).unwrap(), "keep");
    let (code, _, err) = sb.run(&[
        "roll",
        "p1.json",
        "--to",
        "2026-02-28",
        "-o",
        "n.json",
        "--force",
    ]);
    assert_eq!(code, 0, "{err}");
    // A file whose history already holds its period.
    let mut v = small_meeting();
    v["history"] = json!([{"label": "1月", "to": "2025-12-31"}]);
    sb.write("dup.json", &v);
    refused(
        &["roll", "dup.json", "--to", "2026-02-28", "-o", "d2.json"],
        "history[0] already holds this meeting's period (1月, to 2025-12-31)",
    );
}

#[test]
fn a_v1_meeting_rolls_into_v2_and_says_so() {
    let sb = Sandbox::new();
    sb.run(&["init", "demo.json"]);
    let (code, out, err) = sb.run(&[
        "roll",
        "demo.json",
        "--to",
        "2026-05-31",
        "--label",
        "1—5月",
        "-o",
        "next.json",
    ]);
    assert_eq!(code, 0, "{err}");
    assert!(out.contains("格式  改为 guotang/2"), "{out}");
    let (code, _, err) = sb.run(&["check", "next.json"]);
    assert_eq!(code, 0, "{err}");
    // The demo keeps its own format.
    let demo: Value =
        serde_json::from_slice(&std::fs::read(sb.path("demo.json")).unwrap()).unwrap();
    assert_eq!(demo["format"], "guotang/1");
}

#[test]
fn schema_knows_v2_and_every_template_reads_through_its_mirror() {
    let sb = Sandbox::new();
    let (code, out, _) = sb.run(&["schema"]);
    assert_eq!(code, 0);
    let schema: Value = serde_json::from_str(&out).unwrap();
    for key in ["scoring", "history"] {
        assert!(
            schema["properties"].get(key).is_some(),
            "schema lacks {key}"
        );
    }
    assert_eq!(schema["properties"]["format"]["pattern"], "^guotang/[12]$");
    let text = serde_json::to_string(&schema).unwrap();
    for word in [
        "tiers",
        "bands",
        "lag_at_most",
        "above_mean",
        "score_bands",
        "judges",
        "escalations",
        "veto_tier",
    ] {
        assert!(text.contains(word), "schema lacks {word}");
    }
    for (name, text) in [
        (
            "three-tiers",
            include_str!("../../assets/templates/three-tiers.json"),
        ),
        ("points", include_str!("../../assets/templates/points.json")),
        ("arena", include_str!("../../assets/templates/arena.json")),
    ] {
        let v: Value = serde_json::from_str(text).unwrap();
        let raw: guotang::model::raw::RawSnapshot =
            serde_json::from_value(v).unwrap_or_else(|e| panic!("{name}: {e}"));
        assert_eq!(raw.format, "guotang/2");
    }
}
