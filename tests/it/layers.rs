//! The layers point one way: `model` ← `store` ← `app` ← `ui` ← `cli`/`console`
//! (and `presenting`, the console's publishing of its position),
//! with the languages and words (`i18n`, `text`, `sanitize`, `words`) usable
//! from every layer above the model, and `report`/`export`/`import` using only
//! the model and the store. A `crate::` path in a file's non-test code that
//! points up fails this test, naming the file, the line and the path.
//!
//! Test code (a `tests.rs`, a `*_tests.rs`, or what follows a file's
//! `#[cfg(test)]` module) may reach up: a test of the editor renders the
//! screen to read it back.

use std::path::{Path, PathBuf};

/// The top-level modules a layer's code may name, itself included.
fn allowed(layer: &str) -> Option<&'static [&'static str]> {
    const BASE: &[&str] = &["i18n", "text", "sanitize", "memory", "terminal"];
    Some(match layer {
        "i18n" | "text" | "sanitize" | "memory" | "terminal" => BASE,
        "model" | "testgen" => &["i18n", "text", "sanitize", "memory", "terminal", "model"],
        "words" => &["i18n", "text", "sanitize", "model", "words"],
        "store" => &[
            "i18n", "text", "sanitize", "memory", "model", "words", "store",
        ],
        "report" | "export" | "import" => &[
            "i18n", "text", "sanitize", "memory", "model", "words", "store", "report", "export",
            "import",
        ],
        "app" => &[
            "i18n", "text", "sanitize", "memory", "terminal", "model", "words", "store", "import",
            "export", "report", "app",
        ],
        "ui" => &[
            "i18n", "text", "sanitize", "memory", "terminal", "model", "words", "store", "app",
            "ui",
        ],
        "cli" | "console" | "presenting" | "lib" | "main" => return None,
        _ => return Some(&[]),
    })
}

/// The `crate::<module>` paths a source text names outside its tests, with
/// their line numbers.
fn crate_paths(text: &str) -> Vec<(usize, String)> {
    let mut found = Vec::new();
    let mut lines = text.lines().enumerate().peekable();
    while let Some((i, line)) = lines.next() {
        let code = line.split("//").next().unwrap_or("");
        if line.trim_start().starts_with("#[cfg(test)]")
            && lines
                .peek()
                .is_some_and(|(_, next)| next.trim_start().starts_with("mod "))
        {
            break;
        }
        let mut rest = code;
        while let Some(at) = rest.find("crate::") {
            let after = &rest[at + "crate::".len()..];
            let name: String = after
                .chars()
                .take_while(|c| c.is_ascii_alphanumeric() || *c == '_')
                .collect();
            if !name.is_empty() {
                found.push((i + 1, name));
            }
            rest = after;
        }
    }
    found
}

/// The violations of one file of layer `layer`, as `path:line: crate::x`.
fn violations(layer: &str, path: &str, text: &str) -> Vec<String> {
    let Some(ok) = allowed(layer) else {
        return Vec::new();
    };
    crate_paths(text)
        .into_iter()
        .filter(|(_, name)| !ok.contains(&name.as_str()))
        .map(|(line, name)| format!("{path}:{line}: {layer} names crate::{name}"))
        .collect()
}

fn rust_files(dir: &Path, out: &mut Vec<PathBuf>) {
    let mut entries: Vec<_> = std::fs::read_dir(dir)
        .expect("src is readable")
        .map(|e| e.expect("a directory entry").path())
        .collect();
    entries.sort();
    for p in entries {
        if p.is_dir() {
            rust_files(&p, out);
        } else if p.extension().is_some_and(|e| e == "rs") {
            out.push(p);
        }
    }
}

#[test]
fn imports_point_one_way() {
    let src = Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
    let mut files = Vec::new();
    rust_files(&src, &mut files);
    assert!(
        files.len() > 50,
        "found only {} files under src",
        files.len()
    );
    let mut bad = Vec::new();
    for f in &files {
        let rel = f.strip_prefix(&src).expect("under src");
        let stem = rel.file_stem().and_then(|s| s.to_str()).unwrap_or("");
        if stem == "tests" || stem.ends_with("_tests") {
            continue;
        }
        let first = rel.components().next().expect("a component");
        let layer = Path::new(first.as_os_str())
            .file_stem()
            .and_then(|s| s.to_str())
            .expect("a utf-8 name")
            .to_string();
        let text = std::fs::read_to_string(f).expect("a readable source file");
        bad.extend(violations(&layer, &rel.display().to_string(), &text));
    }
    assert!(
        bad.is_empty(),
        "imports that point up a layer:\n{}",
        bad.join("\n")
    );
}

#[test]
fn an_upward_import_is_found() {
    let text = "use crate::model::Card;\nuse crate::ui::theme::Theme; // why\n";
    assert_eq!(
        violations("model", "model/x.rs", text),
        vec!["model/x.rs:2: model names crate::ui".to_string()]
    );
    assert_eq!(
        violations(
            "report",
            "report/x.rs",
            "fn f() { crate::app::App::new(); }"
        ),
        vec!["report/x.rs:1: report names crate::app".to_string()]
    );
    // An unknown top-level module is allowed nothing until it is placed.
    assert_eq!(
        violations("newthing", "newthing.rs", "use crate::model::Card;").len(),
        1
    );
}

#[test]
fn test_code_and_comments_may_reach_up() {
    let text = "// see crate::ui::theme\nfn f() {}\n#[cfg(test)]\nmod tests {\n    use crate::ui::screen;\n}\n";
    assert!(violations("app", "app/x.rs", text).is_empty());
    // A cfg(test) on a single item does not end the checked code.
    let text = "#[cfg(test)]\nfn helper() {}\nuse crate::cli::render;\n";
    assert_eq!(violations("app", "app/x.rs", text).len(), 1);
}
