//! Every file of JSONTestSuite (Nicolas Seriot's parser conformance corpus)
//! through the loader: no panic, every `n_` file refused, and the parser
//! agreeing with serde_json on everything but the keys it repeats.

use std::path::PathBuf;

use guotang::model::parse;

use super::*;

/// The suite beside the repository (CI copies shared/ next to the clone).
fn suite_dir() -> Option<PathBuf> {
    let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR"));
    ["../shared", "../../shared"]
        .iter()
        .map(|up| root.join(up).join("testdata/jsontestsuite"))
        .find(|p| p.is_dir())
}

fn files() -> Option<Vec<(String, Vec<u8>)>> {
    let Some(dir) = suite_dir() else {
        println!("note: ../shared/testdata/jsontestsuite is absent; JSONTestSuite skipped");
        return None;
    };
    let mut out: Vec<(String, Vec<u8>)> = std::fs::read_dir(&dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|e| e == "json"))
        .map(|p| {
            let name = p.file_name().unwrap().to_string_lossy().into_owned();
            (name, std::fs::read(&p).unwrap())
        })
        .collect();
    out.sort();
    assert!(
        out.len() > 300,
        "only {} files in {}",
        out.len(),
        dir.display()
    );
    Some(out)
}

#[test]
fn every_suite_file_is_handled_without_panic_and_n_files_are_refused() {
    let Some(files) = files() else { return };
    let mut panicked = Vec::new();
    let mut accepted_n = Vec::new();
    for (name, bytes) in &files {
        match std::panic::catch_unwind(|| {
            let ok = Document::from_bytes(bytes).is_ok();
            standings_are_sound(bytes);
            ok
        }) {
            Err(_) => panicked.push(name.clone()),
            Ok(true) if name.starts_with("n_") => accepted_n.push(name.clone()),
            Ok(_) => {}
        }
    }
    assert!(panicked.is_empty(), "panicked on {panicked:?}");
    assert!(accepted_n.is_empty(), "accepted {accepted_n:?}");
}

#[test]
fn the_parser_agrees_with_serde_json_on_the_suite() {
    let Some(files) = files() else { return };
    for (name, bytes) in &files {
        let ours = parse::parse_json(bytes);
        let theirs =
            serde_json::from_slice::<Value>(bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes));
        match (&ours, &theirs) {
            (Ok(a), Ok(b)) => assert_eq!(a, b, "{name}"),
            (Err(_), Err(_)) => {}
            // Refused here only: repeated keys, NUL bytes, UTF-16 and blank files.
            (Err(p), Ok(_)) => {
                let text = p.to_string();
                assert!(
                    ["appears twice", "NUL byte", "UTF-16", "UTF-32", "empty"]
                        .iter()
                        .any(|w| text.contains(w)),
                    "{name}: refused only by guotang: {text}"
                );
            }
            (Ok(_), Err(e)) => {
                // Accepted here only: a byte order mark, which serde_json refuses.
                assert!(
                    bytes.starts_with(b"\xEF\xBB\xBF"),
                    "{name}: accepted, serde_json says {e}"
                );
            }
        }
    }
}

#[test]
fn the_binary_refuses_the_deepest_and_the_invalid_files() {
    let Some(files) = files() else { return };
    for (name, bytes) in files.iter().filter(|(n, _)| {
        n.starts_with("n_structure_100000_opening")
            || n.starts_with("n_structure_open_array_object")
            || n.contains("invalid_utf8")
            || n.contains("UTF16")
    }) {
        let stderr = check_refuses(bytes);
        assert!(!stderr.is_empty(), "{name}");
    }
}
