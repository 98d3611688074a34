//! Hostile input: whatever bytes arrive where a snapshot is expected, the
//! loader answers with a clear error naming the place (exit 1 from `guotang
//! check`), never a panic, a hang or unbounded memory; whatever it accepts
//! computes standings without panic or NaN; and no snapshot string reaches
//! the terminal with an escape sequence, a C1 control or a bidi override.
//!
//! Big inputs are made at test time; tests/fixtures/hostile holds small ones.

mod corpus;
mod edits;
mod fuzz;
mod names;
mod numbers;
mod paths;
mod special_files;
mod streams;
mod suite;
mod terminal;

use std::path::{Path, PathBuf};

use assert_cmd::Command;
use guotang::model::{self, Document, Problem, Problems};
use serde_json::Value;

/// The binary, with a fixed language and no colour.
pub fn guotang() -> Command {
    let mut cmd = Command::cargo_bin("guotang").unwrap();
    cmd.env("LANG", "C.UTF-8").env("NO_COLOR", "1");
    cmd
}

/// Writes `bytes` to a fresh temporary file.
pub fn temp_file(name: &str, bytes: &[u8]) -> (tempfile::TempDir, PathBuf) {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join(name);
    std::fs::write(&path, bytes).unwrap();
    (dir, path)
}

/// The demo as bytes.
pub fn demo() -> &'static [u8] {
    model::DEMO.as_bytes()
}

/// The demo as a JSON value.
pub fn demo_value() -> Value {
    serde_json::from_str(model::DEMO).unwrap()
}

/// `guotang check` on the bytes: exit 1 and the error text (stderr).
pub fn check_refuses(bytes: &[u8]) -> String {
    let (_dir, path) = temp_file("s.json", bytes);
    check_refuses_path(&path)
}

/// `guotang check` on a path: exit 1, nothing on stdout, the error on stderr.
pub fn check_refuses_path(path: &Path) -> String {
    let out = guotang().arg("check").arg(path).output().unwrap();
    let stderr = String::from_utf8_lossy(&out.stderr).into_owned();
    assert_eq!(out.status.code(), Some(1), "exit code; stderr:\n{stderr}");
    assert!(out.stdout.is_empty(), "stdout of a refused check");
    assert!(stderr.starts_with("error: "), "{stderr}");
    stderr
}

/// The loader refuses the bytes; returns its problems.
pub fn refused(bytes: &[u8]) -> Problems {
    match Document::from_bytes(bytes) {
        Ok(_) => panic!(
            "accepted: {:?}",
            String::from_utf8_lossy(&bytes[..bytes.len().min(200)])
        ),
        Err(p) => {
            assert!(!p.is_empty(), "refused without a problem");
            p
        }
    }
}

/// The loader refuses the bytes with a syntax error at a line and column.
pub fn refused_at_a_place(bytes: &[u8]) -> (usize, usize, String) {
    let problems = refused(bytes);
    match problems.first() {
        Some(Problem::Syntax {
            line,
            column,
            message,
            ..
        }) => {
            assert!(*line >= 1, "line 0: {message}");
            (*line, *column, message.clone())
        }
        other => panic!("expected a syntax error with its place, got {other:?}"),
    }
}

/// Loads what is acceptable and checks that everything derived from it is
/// finite: the engine must never show NaN to a room.
pub fn standings_are_sound(bytes: &[u8]) {
    let Ok(doc) = Document::from_bytes(bytes) else {
        return;
    };
    let s = &doc.snapshot;
    let st = model::compute(s);
    assert!(st.time_progress.is_finite());
    for us in &st.units {
        for x in [us.composite, us.gap_first, us.gap_above]
            .into_iter()
            .flatten()
        {
            assert!(x.is_finite(), "unit value {x}");
        }
        for ms in &us.metrics {
            for x in [ms.completion, ms.gap_first, ms.gap_above]
                .into_iter()
                .flatten()
            {
                assert!(x.is_finite(), "metric value {x}");
            }
        }
    }
    for pl in &st.pipelines {
        assert!(pl.investment.is_finite());
        assert!(pl.start_rate.is_none_or(f64::is_finite));
    }
    for item in &s.agenda {
        let n = item
            .speakers
            .as_ref()
            .map_or(0, |sel| model::order::speakers(s, &st, sel).len());
        assert!(item.planned_minutes(n).is_finite());
    }
    let _ = model::order::seat(s, &st);
    for i in 0..s.units.len() {
        let _ = model::explain::explain(s, &st, i, guotang::i18n::Lang::En);
    }
    let json = model::standings_json::to_json(s, &st, guotang::i18n::Lang::Zh);
    assert!(!json.to_string().contains("NaN"));
    let _ = guotang::cli::lang_for(&doc);
}
