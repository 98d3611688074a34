//! What goes in comes out: unknown fields and key order survive load → save,
//! any valid snapshot survives save → load unchanged, and no bytes panic the loader.

use guotang::model::raw::*;
use guotang::model::{self, Document};
use proptest::prelude::*;
use serde_json::{Value, json};

#[test]
fn unknown_fields_survive_load_and_save_in_their_order() {
    let text = r##"{
  "format": "guotang/1",
  "x-editor": {"opened_by": "李秘书", "tabs": [1, 2]},
  "meeting": {
    "contact": "0571-1234",
    "title": "过堂会",
    "date": "2026-05-08",
    "period": {"to": "2026-04-30", "note": "一季度+4月"}
  },
  "metrics": [{"id": "signed", "name": "新签约", "zzz": true, "aaa": null}],
  "units": [
    {"remark": "新设", "id": "kfq", "name": "开发区", "targets": {"signed": 5}, "phone": "1"}
  ],
  "agenda": [{"title": "通报", "pane": "overview", "colour": "#f00"}],
  "trailer": 1.5e3
}
"##;
    let doc = Document::from_bytes(text.as_bytes()).unwrap();
    let saved = doc.to_pretty();
    let again = Document::from_bytes(saved.as_bytes()).unwrap();
    assert_eq!(again.json.to_value(), doc.json.to_value());
    // Key order is the file's, unknown keys included, at every level.
    let keys = |v: &Value| v.as_object().unwrap().keys().cloned().collect::<Vec<_>>();
    assert_eq!(
        keys(&again.json.to_value()),
        [
            "format", "x-editor", "meeting", "metrics", "units", "agenda", "trailer"
        ]
    );
    assert_eq!(
        keys(&again.json.to_value()["meeting"]),
        ["contact", "title", "date", "period"]
    );
    assert_eq!(
        keys(&again.json.to_value()["metrics"][0]),
        ["id", "name", "zzz", "aaa"]
    );
    assert_eq!(
        keys(&again.json.to_value()["units"][0]),
        ["remark", "id", "name", "targets", "phone"]
    );
    assert_eq!(
        again.json.to_value()["x-editor"],
        json!({"opened_by": "李秘书", "tabs": [1, 2]})
    );
    assert_eq!(again.json.to_value()["trailer"], json!(1500.0));
    // Saving twice changes nothing: diffs stay small.
    assert_eq!(again.to_pretty(), saved);
}

#[test]
fn the_demo_survives_a_round_trip_byte_for_byte() {
    let doc = Document::from_bytes(model::DEMO.as_bytes()).unwrap();
    assert_eq!(doc.to_pretty(), model::DEMO);
}

fn name() -> impl Strategy<Value = String> {
    prop_oneof![
        "[a-zA-Z ]{1,12}",
        "[\u{4e00}-\u{9fa5}]{1,10}",
        "[\u{4e00}-\u{9fa5}a-z—…○“”]{1,16}",
    ]
    .prop_filter("must say something", |s| !s.trim().is_empty())
}

fn date() -> impl Strategy<Value = String> {
    (2000i32..2100, 1u32..=12, 1u32..=28).prop_map(|(y, m, d)| format!("{y:04}-{m:02}-{d:02}"))
}

fn amount() -> impl Strategy<Value = f64> {
    prop_oneof![(0u32..1000u32).prop_map(f64::from), (0.0f64..1e6)]
}

fn snapshot() -> impl Strategy<Value = RawSnapshot> {
    let metrics = prop::collection::vec(
        (
            name(),
            prop::option::of(0u8..=6),
            prop::bool::ANY,
            0.0f64..5.0,
        ),
        1..6,
    );
    let units = prop::collection::vec(
        (
            name(),
            prop::option::of(prop::sample::select(vec!["镇街板块", "部门", ""])),
            prop::option::of(name()),
            prop::collection::vec(prop::option::of(amount()), 6),
            prop::collection::vec(prop::option::of(amount()), 6),
            prop::option::of((prop::sample::select(vec!["red", "yellow", "none"]), name())),
        ),
        0..12,
    );
    let projects = prop::collection::vec(
        (
            name(),
            0usize..100,
            prop::option::of(amount()),
            0usize..7,
            prop::option::of(date()),
        ),
        0..20,
    );
    let v2 = prop::option::of((
        prop::collection::vec(0.0f64..100.0, 0..8),
        0u32..3,
        prop::collection::vec(
            (
                1u32..20,
                prop::sample::select(vec!["green", "yellow", "red", "none"]),
            ),
            0..12,
        ),
    ));
    (metrics, units, projects, date(), date(), v2).prop_map(
        |(metrics, units, projects, day, to, v2)| {
            let metrics: Vec<RawMetric> = metrics
                .into_iter()
                .enumerate()
                .map(|(i, (name, decimals, lower, weight))| RawMetric {
                    id: format!("m{i}"),
                    name,
                    unit: Some("个".into()),
                    decimals,
                    better: lower.then_some(Better::Lower),
                    weight: Some(if lower { 0.0 } else { weight }),
                    kind: None,
                    score_bands: None,
                    judges: None,
                })
                .collect();
            let pick_targets = |values: &[Option<f64>]| {
                let map: std::collections::BTreeMap<String, f64> = values
                    .iter()
                    .take(metrics.len())
                    .enumerate()
                    .filter_map(|(i, v)| v.map(|v| (format!("m{i}"), v)))
                    .collect();
                (!map.is_empty()).then_some(map)
            };
            let pick_actuals = |values: &[Option<f64>]| {
                pick_targets(values).map(|m| {
                    m.into_iter()
                        .map(|(k, v)| (k, RawActual::Value(v)))
                        .collect()
                })
            };
            let units: Vec<RawUnit> = units
                .into_iter()
                .enumerate()
                .map(
                    |(i, (name, group, leader, targets, actuals, card))| RawUnit {
                        id: format!("u{i}"),
                        name,
                        group: group.map(str::to_owned),
                        leader,
                        attendees: None,
                        targets: pick_targets(&targets),
                        actuals: pick_actuals(&actuals),
                        card: card.as_ref().map(|c| c.0.to_owned()),
                        card_reason: card.map(|c| c.1),
                    },
                )
                .collect();
            let stages = [
                Stage::Negotiating,
                Stage::Signed,
                Stage::Started,
                Stage::Completed,
                Stage::Producing,
                Stage::Stalled,
                Stage::Lost,
            ];
            let projects: Vec<RawProject> = if units.is_empty() {
                Vec::new()
            } else {
                projects
                    .into_iter()
                    .enumerate()
                    .map(|(i, (name, unit, investment, stage, due))| RawProject {
                        id: format!("P{i:03}"),
                        name,
                        unit: format!("u{}", unit % units.len()),
                        investment,
                        stage: stages[stage],
                        signed_on: None,
                        started_on: None,
                        completed_on: None,
                        due_start: due,
                        due_complete: None,
                        note: None,
                    })
                    .collect()
            };
            let mut raw = RawSnapshot {
                format: "guotang/1".into(),
                meeting: RawMeeting {
                    title: "过堂会".into(),
                    date: day,
                    start: Some("09:00".into()),
                    venue: None,
                    period: RawPeriod {
                        label: None,
                        from: None,
                        to,
                    },
                },
                metrics,
                units,
                cards: None,
                projects: Some(projects),
                agenda: Some(vec![RawAgendaItem {
                    id: None,
                    title: "发言".into(),
                    pane: Pane::Speakers,
                    minutes: None,
                    speaker: None,
                    speakers: Some(RawSpeakers::Card("yellow".into())),
                    minutes_each: Some(3.0),
                    warn_minutes: None,
                    notes: None,
                }]),
                seating: None,
                locale: None,
                scoring: None,
                history: None,
            };
            if let Some(v2) = v2 {
                with_v2(&mut raw, v2);
            }
            raw
        },
    )
}

/// Makes `raw` a v2 meeting: three tiers best first with bands, the first
/// metric judged (its actuals as marks) and one previous meeting.
fn with_v2(raw: &mut RawSnapshot, (marks, drop, past): (Vec<f64>, u32, Vec<(u32, &str)>)) {
    raw.format = "guotang/2".into();
    let tier = |id: &str, label: &str, color| RawTier {
        id: id.into(),
        label: label.into(),
        color,
    };
    let band = |tier: &str, pace: Option<f64>| RawBand {
        tier: tier.into(),
        pace,
        lag_at_most: None,
        min: None,
        top: None,
        bottom: None,
        above_mean: None,
    };
    raw.cards = Some(RawCards {
        tiers: Some(vec![
            tier("green", "绿牌", TierColor::Green),
            tier("yellow", "黄牌", TierColor::Yellow),
            tier("red", "红牌", TierColor::Red),
        ]),
        none_label: None,
        bands: Some(vec![
            band("green", Some(1.0)),
            band("yellow", Some(0.5)),
            band("red", None),
        ]),
        veto_tier: None,
        escalations: Some(vec![RawEscalation {
            tier: "yellow".into(),
            streak: 2,
            label: "约谈".into(),
        }]),
        rule: None,
        red_at: None,
        red_top: None,
        yellow_bottom: None,
        red_min: None,
        yellow_below: None,
        cap: None,
    });
    if let Some(m) = raw.metrics.first_mut() {
        m.judges = Some(RawJudges { drop: Some(drop) });
        for u in &mut raw.units {
            if let Some(a) = u.actuals.as_mut().and_then(|a| a.get_mut("m0")) {
                *a = RawActual::Marks(marks.clone());
            }
        }
    }
    for u in &mut raw.units {
        if u.card.as_deref() == Some("none") {
            u.card = Some("green".into());
        }
    }
    let units = raw
        .units
        .iter()
        .zip(past)
        .map(|(u, (rank, tier))| {
            let past = RawPast {
                rank: Some(rank),
                tier: Some(tier.into()),
                composite: Some(f64::from(rank) / 10.0),
            };
            (u.id.clone(), past)
        })
        .collect();
    raw.history = Some(vec![RawHistoryEntry {
        label: Some("上期".into()),
        to: None,
        units: Some(units),
    }]);
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(256))]

    #[test]
    fn any_valid_snapshot_survives_save_and_load(raw in snapshot()) {
        let json = serde_json::to_value(&raw).unwrap();
        let doc = Document::from_json(json.clone()).unwrap();
        let saved = doc.to_pretty();
        let again = Document::from_bytes(saved.as_bytes()).unwrap();
        prop_assert_eq!(&again.json.to_value(), &json);
        prop_assert_eq!(&again.snapshot, &doc.snapshot);
        // What a save wrote is in the save form: the next save copies it,
        // to the same bytes.
        if let Some(check) = again.json.save_form_check() {
            prop_assert!(check.run());
        }
        prop_assert_eq!(again.to_pretty(), saved.clone());
        let back: RawSnapshot = serde_json::from_value(again.json.to_value()).unwrap();
        prop_assert_eq!(back, raw);
        // The standings of what was saved are the standings of what was loaded.
        prop_assert_eq!(model::compute(&again.snapshot), model::compute(&doc.snapshot));
    }

    #[test]
    fn arbitrary_bytes_never_panic_the_loader(bytes in prop::collection::vec(any::<u8>(), 0..2048)) {
        let _ = Document::from_bytes(&bytes);
    }

    #[test]
    fn cut_snapshots_are_refused_with_a_place(cut in 0usize..4000) {
        let text = model::DEMO.as_bytes();
        let cut = cut.min(text.len().saturating_sub(2));
        if let Err(p) = Document::from_bytes(&text[..cut]) {
            prop_assert!(!p.is_empty());
        }
    }
}

/// The record writes its projects from their text: the saved bytes must be
/// what the whole document as a value gives, whatever the file's layout.
#[test]
fn saving_from_the_text_gives_the_bytes_of_the_value() {
    let value = guotang::testgen::generate(30, 300, 4);
    let mut texts = vec![
        model::to_pretty(&value),
        serde_json::to_string(&value).unwrap(),
        model::DEMO.to_owned(),
    ];
    // Numbers and strings written as serde_json would not write them.
    let odd = serde_json::to_string(&value)
        .unwrap()
        .replace("\"stage\":", "\"stage\" :\n\t")
        .replace(".5,", ".50,")
        .replace("\"name\":\"", "\"name\":\"\\u4e2d\\/");
    texts.push(odd);
    for (k, text) in texts.into_iter().enumerate() {
        let doc = Document::from_bytes(text.as_bytes()).unwrap();
        let whole = guotang::model::parse::parse_json(text.as_bytes()).unwrap();
        assert_eq!(doc.to_pretty(), model::to_pretty(&whole));
        // Only the pretty file and the demo hold their projects as the
        // save writes them; either way the save's bytes are the same.
        let found = doc.json.save_form_check().map(|c| c.run());
        assert_eq!(found, Some(k == 0 || k == 2), "text {k}");
        assert_eq!(doc.to_pretty(), model::to_pretty(&whole), "text {k}");
    }
}
