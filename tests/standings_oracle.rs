//! `standings --json` against an independent implementation of the spec
//! (tests/oracle/standings.py), on hand-made snapshots covering ties across
//! card boundaries, all three rules, cap, decisions, unranked units, leap
//! years and several groups.

use std::path::Path;

use guotang::i18n::Lang;
use guotang::model::{self, Document};
use serde_json::Value;

fn close(got: &Value, want: &Value, at: &str, errors: &mut Vec<String>) {
    match (got, want) {
        (Value::Number(a), Value::Number(b)) => {
            let (a, b) = (
                a.as_f64().unwrap_or(f64::NAN),
                b.as_f64().unwrap_or(f64::NAN),
            );
            if (a - b).abs() > 1e-12 {
                errors.push(format!("{at}: got {a}, oracle {b}"));
            }
        }
        (Value::Object(a), Value::Object(b)) => {
            for (k, wv) in b {
                match a.get(k) {
                    Some(gv) => close(gv, wv, &format!("{at}.{k}"), errors),
                    None => errors.push(format!("{at}.{k}: missing")),
                }
            }
        }
        (Value::Array(a), Value::Array(b)) => {
            if a.len() != b.len() {
                errors.push(format!("{at}: {} items, oracle {}", a.len(), b.len()));
            }
            for (i, (gv, wv)) in a.iter().zip(b).enumerate() {
                close(gv, wv, &format!("{at}[{i}]"), errors);
            }
        }
        (g, w) if g == w => {}
        (g, w) => errors.push(format!("{at}: got {g}, oracle {w}")),
    }
}

#[test]
fn standings_agree_with_the_oracle() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/standings");
    let mut checked = 0;
    let mut errors = Vec::new();
    for entry in std::fs::read_dir(&dir).unwrap() {
        let path = entry.unwrap().path();
        let name = path.file_name().unwrap().to_string_lossy().into_owned();
        if !name.ends_with(".json") || name.ends_with(".expected.json") {
            continue;
        }
        let expected: Value =
            serde_json::from_slice(&std::fs::read(path.with_extension("expected.json")).unwrap())
                .unwrap();
        let doc = Document::from_bytes(&std::fs::read(&path).unwrap())
            .unwrap_or_else(|p| panic!("{name} does not load:\n{p}"));
        let st = model::compute(&doc.snapshot);
        let got = model::standings_json::to_json(&doc.snapshot, &st, Lang::Zh);
        close(&got, &expected, &name, &mut errors);
        checked += 1;
    }
    assert!(
        checked >= 14,
        "only {checked} fixtures found in {}",
        dir.display()
    );
    assert!(
        errors.is_empty(),
        "{} differences:\n{}",
        errors.len(),
        errors.join("\n")
    );
}
