//! Magnitudes no meeting has. `1e308` was accepted and shown as a 309-digit
//! number; a target of `1e-300` made the completion overflow and the screen
//! show `inf%`. Figures above 1e15 and targets above 0 but below 1e-9 are
//! refused with the JSON path; at the limits, no command and no screen ever
//! prints `inf` or `NaN`.

use serde_json::json;

use super::*;

/// The words that must never reach the room.
fn non_numbers(text: &str) -> Vec<String> {
    text.split(|c: char| !c.is_ascii_alphanumeric())
        .filter(|w| matches!(w.to_ascii_lowercase().as_str(), "inf" | "infinity" | "nan"))
        .map(str::to_owned)
        .collect()
}

/// What a case is, how it changes the demo, the place named, and why.
type Case = (&'static str, fn(&mut Value), &'static str, &'static str);

#[test]
fn magnitudes_no_meeting_has_are_refused_with_their_place() {
    let cases: [Case; 6] = [
        (
            "an actual of 1e308",
            |v| v["units"][0]["actuals"]["signed"] = json!(1e308),
            "units[0].actuals.signed",
            "at most 1e15",
        ),
        (
            "a target of 1e-300",
            |v| v["units"][1]["targets"]["investment"] = json!(1e-300),
            "units[1].targets.investment",
            "at least 1e-9",
        ),
        (
            "a target of 2e15",
            |v| v["units"][2]["targets"]["signed"] = json!(2e15),
            "units[2].targets.signed",
            "at most 1e15",
        ),
        (
            "an investment of 1e16",
            |v| v["projects"][0]["investment"] = json!(1e16),
            "projects[0].investment",
            "at most 1e15",
        ),
        (
            "a weight of 1e300",
            |v| v["metrics"][0]["weight"] = json!(1e300),
            "metrics[0].weight",
            "at most 1e15",
        ),
        (
            "a cap of 1e20",
            |v| v["cards"]["cap"] = json!(1e20),
            "cards.cap",
            "at most 1e15",
        ),
    ];
    for (what, change, place, why) in cases {
        let mut v = demo_value();
        change(&mut v);
        let stderr = check_refuses(model::to_pretty(&v).as_bytes());
        assert!(stderr.contains(place), "{what}: {stderr}");
        assert!(stderr.contains(why), "{what}: {stderr}");
    }
    // `set` refuses them too, naming the assignment's place; nothing written.
    let (_dir, path) = temp_file("m.json", demo());
    for (assignment, place) in [
        ("units.kfq.actuals.investment=1e308", "actuals.investment"),
        ("units.kfq.targets.investment=1e-300", "targets.investment"),
    ] {
        let out = guotang()
            .arg("set")
            .arg(&path)
            .arg(assignment)
            .output()
            .unwrap();
        let stderr = String::from_utf8_lossy(&out.stderr);
        assert_eq!(out.status.code(), Some(1), "{assignment}: {stderr}");
        assert!(stderr.contains(place), "{assignment}: {stderr}");
        assert_eq!(std::fs::read(&path).unwrap(), demo(), "{assignment}");
    }
}

#[test]
fn at_the_limits_nothing_prints_inf_or_nan() {
    // The largest actual over the smallest target: a completion of 1e24.
    let mut v = demo_value();
    v["units"][0]["actuals"]["signed"] = json!(1e15);
    v["units"][0]["targets"]["signed"] = json!(1e-9);
    v["units"][1]["actuals"]["investment"] = json!(1e15);
    v["units"][1]["targets"]["investment"] = json!(1e15);
    v["metrics"][0]["weight"] = json!(1e15);
    v["projects"][0]["investment"] = json!(1e15);
    v["projects"][1]["investment"] = json!(1e15);
    let text = model::to_pretty(&v);
    let doc = Document::from_bytes(text.as_bytes()).expect("at the limits is usable");
    let items = doc.snapshot.agenda.len();
    let (_dir, path) = temp_file("m.json", text.as_bytes());
    let mut runs: Vec<Vec<String>> = vec![
        vec!["check".into()],
        vec!["standings".into()],
        vec!["standings".into(), "--json".into()],
        vec!["report".into(), "--format".into(), "md".into()],
        vec!["report".into(), "--format".into(), "html".into()],
        vec!["export".into()],
        vec!["export".into(), "--what".into(), "projects".into()],
        vec!["export".into(), "--what".into(), "seating".into()],
    ];
    for item in 1..=items {
        for size in ["80x24", "200x60"] {
            runs.push(vec![
                "render".into(),
                "--item".into(),
                item.to_string(),
                "--size".into(),
                size.into(),
            ]);
        }
    }
    for lang in ["C.UTF-8", "zh_CN.UTF-8"] {
        for args in &runs {
            let out = guotang()
                .env("LANG", lang)
                .env("GUOTANG_STATE_DIR", path.with_extension("state"))
                .args(args)
                .arg(&path)
                .output()
                .unwrap();
            assert!(out.status.success(), "{args:?}");
            let all = format!(
                "{}{}",
                String::from_utf8_lossy(&out.stdout),
                String::from_utf8_lossy(&out.stderr)
            );
            let bad = non_numbers(&all);
            assert!(bad.is_empty(), "{args:?} ({lang}) prints {bad:?}");
        }
    }
}
