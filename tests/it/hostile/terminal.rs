//! Snapshot strings carrying terminal attacks, through every CLI output.
//!
//! A name may hold an OSC 52 clipboard write, a title change, a screen clear,
//! an OSC 8 hyperlink, C1 controls (single-byte CSI/OSC), bidi overrides or
//! zero-width characters. The bytes written must hold none of them: JSON
//! escapes (`\u001b`) are text and fine, raw ESC bytes are not.

use serde_json::{Value, json};

use super::*;

/// Every attack in one string, around a readable name.
const EVIL: &str = concat!(
    "红\u{1b}]52;c;ZXZpbA==\u{7}", // OSC 52: write the clipboard
    "\u{1b}]0;pwned\u{7}",         // window title
    "\u{1b}[2J\u{1b}[H",           // clear the screen
    "\u{1b}]8;;https://evil.example\u{1b}\\link\u{1b}]8;;\u{1b}\\", // hyperlink
    "\u{9b}31m\u{9d}0;c1\u{9c}\u{85}", // C1 CSI, OSC, ST, NEL
    "\u{202e}gnp.exe\u{2066}\u{2069}\u{200b}\u{200d}\u{feff}\u{2028}", // bidi, zero-width
    "牌",
);

/// What must never be written to a terminal.
fn unsafe_char(c: char) -> bool {
    (c.is_control() && c != '\n')
        || matches!(c, '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}'
            | '\u{200B}'..='\u{200F}' | '\u{2028}' | '\u{2029}' | '\u{FEFF}')
}

/// `render --ansi` writes colours on purpose: only SGR sequences
/// (`ESC [ digits and ; m`) are allowed, and they are removed before the check.
fn strip_sgr(bytes: &[u8]) -> Vec<u8> {
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i] == 0x1b && bytes.get(i + 1) == Some(&b'[') {
            let mut j = i + 2;
            while j < bytes.len() && (bytes[j].is_ascii_digit() || bytes[j] == b';') {
                j += 1;
            }
            if bytes.get(j) == Some(&b'm') {
                i = j + 1;
                continue;
            }
        }
        out.push(bytes[i]);
        i += 1;
    }
    out
}

pub fn assert_clean(what: &str, bytes: &[u8]) {
    let stripped = strip_sgr(bytes);
    let bytes = if what.contains("--ansi") {
        &stripped[..]
    } else {
        bytes
    };
    assert!(!bytes.contains(&0x1b), "{what}: raw ESC byte in the output");
    let text =
        String::from_utf8(bytes.to_vec()).unwrap_or_else(|_| panic!("{what}: output is not UTF-8"));
    // CSV starts with a byte order mark on purpose, for Excel.
    let text = text.strip_prefix('\u{feff}').unwrap_or(&text);
    if let Some((at, c)) = text.char_indices().find(|(_, c)| unsafe_char(*c)) {
        let from = text.floor_char_boundary(at.saturating_sub(60));
        panic!(
            "{what}: U+{:04X} written at byte {at}: {:?}",
            c as u32,
            &text[from..at]
        );
    }
}

/// The demo with the attack in every string a command might print.
fn evil_snapshot() -> Value {
    let mut v = demo_value();
    v["meeting"]["title"] = json!(format!("过堂会{EVIL}"));
    v["meeting"]["venue"] = json!(EVIL);
    v["meeting"]["period"]["label"] = json!(EVIL);
    for m in v["metrics"].as_array_mut().unwrap() {
        m["name"] = json!(format!("{}{EVIL}", m["name"].as_str().unwrap()));
        m["unit"] = json!(EVIL);
    }
    for (i, u) in v["units"].as_array_mut().unwrap().iter_mut().enumerate() {
        u["name"] = json!(format!("{EVIL}{i}"));
        u["group"] = json!(format!("{EVIL}{}", i % 2));
        u["leader"] = json!(EVIL);
        u["attendees"] = json!([EVIL, "张三"]);
        if i % 3 == 0 {
            u["card"] = json!("red");
            u["card_reason"] = json!(EVIL);
        }
    }
    for p in v["projects"].as_array_mut().unwrap() {
        p["name"] = json!(EVIL);
        p["note"] = json!(EVIL);
    }
    for a in v["agenda"].as_array_mut().unwrap() {
        a["title"] = json!(EVIL);
        a["notes"] = json!([EVIL]);
        if a.get("speakers").and_then(|s| s.get("group")).is_some() {
            a["speakers"] = json!({"card": "red"});
        }
    }
    for z in v["seating"]["zones"].as_array_mut().unwrap() {
        z["label"] = json!(EVIL);
    }
    v
}

#[test]
fn every_command_writes_no_escape_c1_or_bidi_character() {
    let text = model::to_pretty(&evil_snapshot());
    assert!(Document::from_bytes(text.as_bytes()).is_ok());
    let (_dir, path) = temp_file("evil.json", text.as_bytes());
    for args in [
        &["check"][..],
        &["standings"],
        &["standings", "--json"],
        &["render", "--item", "2"],
        &["render", "--ansi", "--item", "3"],
        &["render", "--ansi", "--item", "7", "--size", "200x60"],
    ] {
        for lang in ["C.UTF-8", "en_US.UTF-8", "zh_CN.UTF-8"] {
            let out = guotang()
                .env("LANG", lang)
                .args(args)
                .arg(&path)
                .output()
                .unwrap();
            assert!(out.status.success(), "{args:?} failed");
            assert_clean(&format!("{args:?} stdout"), &out.stdout);
            assert_clean(&format!("{args:?} stderr"), &out.stderr);
        }
    }
}

#[test]
fn the_json_output_keeps_the_names_as_escapes() {
    let text = model::to_pretty(&evil_snapshot());
    let (_dir, path) = temp_file("evil.json", text.as_bytes());
    let out = guotang()
        .args(["standings", "--json"])
        .arg(&path)
        .output()
        .unwrap();
    // Escaped, the names are intact for the tools that read them.
    let v: Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(v["units"][0]["name"], json!(format!("{EVIL}0")));
}

#[test]
fn error_messages_write_no_escape_c1_or_bidi_character() {
    let mut v = demo_value();
    v["units"][0]["actuals"]["signed"] = json!(EVIL);
    v["units"][1]["targets"][EVIL] = json!(3);
    v["units"][2]["card"] = json!(EVIL);
    v["projects"][0]["unit"] = json!(EVIL);
    v["projects"][1]["stage"] = json!(EVIL);
    v["meeting"]["date"] = json!(EVIL);
    v[EVIL] = json!({EVIL: EVIL});
    let stderr = check_refuses(model::to_pretty(&v).as_bytes());
    assert_clean("field errors", stderr.as_bytes());
    assert!(stderr.contains("units[0].actuals.signed"), "{stderr}");

    // A syntax error shows its line, which holds the attack raw.
    let broken = format!("{{\n  \"format\": \"guotang/1\",\n  \"meeting\": \"{EVIL}\" oops\n}}\n");
    let stderr = check_refuses(broken.as_bytes());
    assert_clean("syntax error", stderr.as_bytes());
    assert!(stderr.contains("line 3"), "{stderr}");

    // A repeated key, and a format that is not ours.
    let dup = format!("{{\"format\": \"guotang/1\", \"{EVIL}\": 1, \"{EVIL}\": 2}}");
    assert_clean("repeated key", check_refuses(dup.as_bytes()).as_bytes());
    let other = json!({"format": EVIL}).to_string();
    assert_clean("format", check_refuses(other.as_bytes()).as_bytes());
}

#[test]
fn a_file_name_with_escapes_is_shown_safely() {
    let dir = tempfile::tempdir().unwrap();
    let name = "m\u{1b}]0;pwned\u{7}\u{9b}2J\u{202e}.json";
    let path = dir.path().join(name);
    std::fs::write(&path, demo()).unwrap();
    let out = guotang().arg("check").arg(&path).output().unwrap();
    assert!(out.status.success());
    assert_clean("check stdout", &out.stdout);
    std::fs::write(&path, b"{").unwrap();
    assert_clean("check stderr", check_refuses_path(&path).as_bytes());
    let missing = dir.path().join(format!("gone{name}"));
    let out = guotang().arg("check").arg(&missing).output().unwrap();
    assert_eq!(out.status.code(), Some(1));
    assert_clean("missing file", &out.stderr);
}

#[test]
fn reports_and_exports_on_standard_output_are_clean_too() {
    let text = model::to_pretty(&evil_snapshot());
    let (_dir, path) = temp_file("evil.json", text.as_bytes());
    for args in [
        &["report", "--format", "md"][..],
        &["report", "--format", "html"],
        &["export", "--format", "csv"],
        &["export", "--format", "csv", "--what", "seating"],
        &["export", "--format", "csv", "--what", "projects"],
    ] {
        let out = guotang().args(args).arg(&path).output().unwrap();
        assert!(out.status.success(), "{args:?} failed");
        assert_clean(&format!("{args:?} stdout"), &out.stdout);
        assert_clean(&format!("{args:?} stderr"), &out.stderr);
    }
}
