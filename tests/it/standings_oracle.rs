//! `standings --json` against an independent implementation of the spec
//! (tests/oracle/standings.py), on hand-made snapshots covering ties across
//! card boundaries, all three rules, cap, decisions, unranked units, leap
//! years and several groups; and, for format v2, every band condition,
//! points with every metric kind, judges' marks and history; then on
//! random snapshots of both formats (tests/oracle/compare_random.py).

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

/// Compares every `<case>.json` of `dir` with its `<case>.expected.json`;
/// returns how many were compared and the differences.
fn compare_dir(dir: &Path) -> (usize, Vec<String>) {
    let mut checked = 0;
    let mut errors = Vec::new();
    for entry in std::fs::read_dir(dir).unwrap() {
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
    (checked, errors)
}

#[test]
fn standings_agree_with_the_oracle() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/standings");
    let (checked, errors) = compare_dir(&dir);
    assert!(
        checked >= 21,
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

/// 250 random snapshots of each format, written with the oracle's
/// standings by compare_random.py, computed here by the library.
#[test]
fn random_snapshots_agree_with_the_oracle() {
    let here = Path::new(env!("CARGO_MANIFEST_DIR"));
    let dir = tempfile::tempdir().unwrap();
    let out = std::process::Command::new("python3")
        .arg(here.join("tests/oracle/compare_random.py"))
        .arg("--write")
        .arg(dir.path())
        .arg("250")
        .output()
        .expect("python3 is needed to run the oracle (tests/oracle)");
    assert!(
        out.status.success(),
        "compare_random.py --write failed:\n{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let (checked, errors) = compare_dir(dir.path());
    assert_eq!(checked, 500);
    assert!(
        errors.is_empty(),
        "{} differences (first 20):\n{}",
        errors.len(),
        errors[..errors.len().min(20)].join("\n")
    );
}

/// The templates `guotang init` writes, through the oracle.
#[test]
fn templates_agree_with_the_oracle() {
    let here = Path::new(env!("CARGO_MANIFEST_DIR"));
    let mut errors = Vec::new();
    let mut files = vec![here.join("assets/demo.json")];
    for entry in std::fs::read_dir(here.join("assets/templates")).unwrap() {
        files.push(entry.unwrap().path());
    }
    assert!(files.len() >= 4, "{files:?}");
    for path in files {
        let out = std::process::Command::new("python3")
            .arg(here.join("tests/oracle/standings.py"))
            .arg(&path)
            .output()
            .expect("python3 is needed to run the oracle (tests/oracle)");
        assert!(
            out.status.success(),
            "{}: {}",
            path.display(),
            String::from_utf8_lossy(&out.stderr)
        );
        let expected: Value = serde_json::from_slice(&out.stdout).unwrap();
        let doc = Document::from_bytes(&std::fs::read(&path).unwrap()).unwrap();
        let st = model::compute(&doc.snapshot);
        let got = model::standings_json::to_json(&doc.snapshot, &st, Lang::Zh);
        close(&got, &expected, &path.display().to_string(), &mut errors);
    }
    assert!(errors.is_empty(), "{}", errors.join("\n"));
}
