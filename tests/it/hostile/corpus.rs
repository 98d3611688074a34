//! Malformed input of every kind, each refused with a clear error that names
//! its place.

use serde_json::json;

use super::*;

/// The demo with `"__X__"` (a string in a numeric field) replaced by `raw`.
fn demo_with_raw(raw: &[u8]) -> Vec<u8> {
    let mut v = demo_value();
    v["units"][0]["actuals"]["signed"] = json!("__X__");
    let text = model::to_pretty(&v);
    let at = text.find("\"__X__\"").unwrap();
    let mut out = text.as_bytes()[..at].to_vec();
    out.extend_from_slice(raw);
    out.extend_from_slice(&text.as_bytes()[at + 7..]);
    out
}

#[test]
fn the_demo_cut_anywhere_is_refused_at_a_place() {
    let demo = demo();
    let end = demo.trim_ascii_end().len();
    let mut cuts = 0;
    for cut in (1..end).step_by(97) {
        let (line, _, message) = refused_at_a_place(&demo[..cut]);
        let lines = demo[..cut].iter().filter(|&&b| b == b'\n').count() + 1;
        assert!(
            line <= lines,
            "cut {cut}: line {line} of {lines}: {message}"
        );
        cuts += 1;
    }
    assert!(cuts > 100, "only {cuts} cuts");
    assert!(
        refused_at_a_place(&demo[..end - 1])
            .2
            .contains("ends too early")
    );
    // Through the binary, a few of them.
    for cut in (1..end).step_by(97 * 25) {
        let stderr = check_refuses(&demo[..cut]);
        assert!(stderr.contains("line "), "cut {cut}: {stderr}");
    }
}

#[test]
fn deep_nesting_is_refused_without_overflowing_the_stack() {
    let deep = 100_000;
    let cases: [Vec<u8>; 4] = [
        b"[".repeat(deep),
        [b"[".repeat(deep), b"]".repeat(deep)].concat(),
        b"{\"a\":".repeat(deep),
        [
            b"{\"format\":\"guotang/1\",\"x\":".to_vec(),
            b"[{\"a\":".repeat(deep),
        ]
        .concat(),
    ];
    for bytes in &cases {
        let (_, _, message) = refused_at_a_place(bytes);
        assert!(message.contains("nested too deeply"), "{message}");
    }
    let stderr = check_refuses(&cases[1]);
    assert!(stderr.contains("nested too deeply"), "{stderr}");
}

#[test]
fn numbers_out_of_range_are_refused_and_minus_zero_is_zero() {
    for raw in ["1e400", "-1e400", "1".repeat(400).as_str()] {
        let bytes = demo_with_raw(raw.as_bytes());
        let (line, _, message) = refused_at_a_place(&bytes);
        assert!(message.contains("out of range"), "{raw}: {message}");
        assert!(line > 1);
    }
    let zero = Document::from_bytes(&demo_with_raw(b"0")).unwrap();
    for raw in ["-0", "-0.0", "0e5", "1e-400", "-1e-400"] {
        let doc = Document::from_bytes(&demo_with_raw(raw.as_bytes()))
            .unwrap_or_else(|p| panic!("{raw} refused:\n{p}"));
        assert_eq!(doc.snapshot, zero.snapshot, "{raw}");
        assert_eq!(
            model::compute(&doc.snapshot),
            model::compute(&zero.snapshot)
        );
    }
    // Negative and non-numeric values name their path.
    let problems = refused(&demo_with_raw(b"-1"));
    assert!(problems.to_string().contains("units[0].actuals.signed"));
    // A thousand digits after the point are still a number.
    let long = format!("0.{}1", "0".repeat(1000));
    assert!(Document::from_bytes(&demo_with_raw(long.as_bytes())).is_ok());
}

#[test]
fn invalid_utf8_is_refused_at_a_place() {
    for bad in [
        &b"\"\xff\xfe\""[..],
        b"\"a\xc3\"",
        b"\"\xed\xa0\x80\"",
        b"\xff",
    ] {
        let bytes = demo_with_raw(bad);
        let (line, _, _) = refused_at_a_place(&bytes);
        assert!(line > 1);
    }
    // In a key, and as the last byte of the file.
    refused_at_a_place(b"{\"\xc0\xaf\": 1}");
    let mut cut = demo().to_vec();
    cut.push(0xe4);
    refused_at_a_place(&cut);
}

#[test]
fn a_byte_order_mark_is_accepted() {
    let plain = Document::from_bytes(demo()).unwrap();
    let with_bom = [b"\xEF\xBB\xBF", demo()].concat();
    let doc = Document::from_bytes(&with_bom).unwrap();
    assert_eq!(doc.json.to_value(), plain.json.to_value());
    let (_dir, path) = temp_file("bom.json", &with_bom);
    guotang().arg("check").arg(&path).assert().success();
}

#[test]
fn utf16_and_utf32_are_refused_with_a_message() {
    let text = model::DEMO;
    let le: Vec<u8> = text.encode_utf16().flat_map(u16::to_le_bytes).collect();
    let be: Vec<u8> = text.encode_utf16().flat_map(u16::to_be_bytes).collect();
    let le32: Vec<u8> = text
        .chars()
        .flat_map(|c| (c as u32).to_le_bytes())
        .collect();
    for (bytes, name) in [
        ([&b"\xFF\xFE"[..], &le].concat(), "UTF-16"),
        ([&b"\xFE\xFF"[..], &be].concat(), "UTF-16"),
        (le.clone(), "UTF-16"),
        (be, "UTF-16"),
        ([&b"\xFF\xFE\0\0"[..], &le32].concat(), "UTF-32"),
        (le32, "UTF-32"),
    ] {
        let message = refused(&bytes).to_string();
        assert!(message.contains(name), "{message}");
        assert!(message.contains("save it as UTF-8"), "{message}");
    }
    let stderr = check_refuses(&[&b"\xFF\xFE"[..], &le].concat());
    assert!(stderr.contains("UTF-16"), "{stderr}");
}

#[test]
fn nul_bytes_are_refused_at_their_place() {
    for bytes in [demo_with_raw(b"\"a\0b\""), demo_with_raw(b"1\0")] {
        let message = refused(&bytes).to_string();
        assert!(message.contains("NUL byte"), "{message}");
        assert!(message.starts_with("line "), "{message}");
    }
    assert!(check_refuses(b"{\0}").contains("line 1, column 2"));
}

#[test]
fn empty_and_blank_files_are_refused() {
    for bytes in [
        &b""[..],
        b" ",
        b"\n\n\t \r\n",
        b"\xEF\xBB\xBF",
        b"\xEF\xBB\xBF\n",
    ] {
        assert!(refused(bytes).to_string().contains("empty"), "{bytes:?}");
    }
    assert!(check_refuses(b"").contains("empty"));
}

#[test]
fn a_file_over_the_limit_is_refused_unread() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("huge.json");
    let file = std::fs::File::create(&path).unwrap();
    // Sparse: 300 MB that take no disk and would take seconds to read.
    file.set_len(300 * 1024 * 1024).unwrap();
    match guotang::store::load(&path) {
        Err(guotang::store::LoadError::Invalid { problems, .. }) => {
            assert!(problems.to_string().contains("over the 256 MB limit"));
        }
        other => panic!("expected a size refusal, got {other:?}"),
    }
    assert!(check_refuses_path(&path).contains("300 MB"));
}

#[test]
fn a_directory_or_a_missing_file_is_refused() {
    let dir = tempfile::tempdir().unwrap();
    let stderr = check_refuses_path(dir.path());
    assert!(stderr.contains("directory"), "{stderr}");
    let stderr = check_refuses_path(&dir.path().join("nothing.json"));
    assert!(stderr.contains("cannot read"), "{stderr}");
}

#[test]
fn other_json_at_the_top_is_refused() {
    for (text, found) in [
        ("[1, 2]", "an array"),
        ("42", "42"),
        ("\"guotang/1\"", "\"guotang/1\""),
        ("null", "null"),
        ("true", "true"),
        ("-0", "-0.0"),
    ] {
        let message = refused(text.as_bytes()).to_string();
        assert!(
            message.contains("expected a JSON object") && message.contains(found),
            "{text}: {message}"
        );
    }
    assert!(check_refuses(b"[]").contains("expected a JSON object"));
}

#[test]
fn a_repeated_key_is_refused_at_the_repetition() {
    let text = "{\n  \"format\": \"guotang/1\",\n  \"format\": \"guotang/1\"\n}";
    let (line, column, message) = refused_at_a_place(text.as_bytes());
    assert_eq!((line, column), (3, 10), "{message}");
    assert!(message.contains("\"format\" appears twice"), "{message}");
    // Deep inside the demo: a project with two "stage" keys.
    let pretty = model::DEMO.replacen(
        "\"stage\": \"signed\",",
        "\"stage\": \"signed\", \"stage\": \"lost\",",
        1,
    );
    assert_ne!(pretty, model::DEMO);
    let (line, _, message) = refused_at_a_place(pretty.as_bytes());
    assert!(line > 10 && message.contains("\"stage\""), "{message}");
    // The same key in different objects is fine.
    assert!(Document::from_bytes(demo()).is_ok());
}

#[test]
fn very_long_strings_and_lines_give_short_messages() {
    let long = "长".repeat(2_000_000);
    // Accepted where any text is: a 6 MB title.
    let mut v = demo_value();
    v["meeting"]["title"] = json!(long);
    v["meeting"][long.as_str()] = json!("an unknown field with a 6 MB key");
    assert!(Document::from_bytes(model::to_pretty(&v).as_bytes()).is_ok());
    // Refused where it is wrong: the message quotes 40 characters of it.
    let mut v = demo_value();
    v["units"][0]["card"] = json!(long);
    let message = refused(model::to_pretty(&v).as_bytes()).to_string();
    assert!(
        message.contains("units[0].card") && message.len() < 400,
        "{}",
        message.len()
    );
    // A syntax error at the end of a 6 MB line shows a window of it.
    let mut one_line = v.to_string().into_bytes();
    one_line.pop();
    let message = refused(&one_line).to_string();
    assert!(
        message.starts_with("line 1, column ") && message.len() < 1000,
        "{}",
        message.len()
    );
    let stderr = check_refuses(&one_line);
    assert!(stderr.len() < 1200, "{}", stderr.len());
}

#[test]
fn a_small_corpus_on_disk_is_refused_by_the_binary() {
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/hostile");
    let mut seen = 0;
    for entry in std::fs::read_dir(&dir).unwrap() {
        let path = entry.unwrap().path();
        let stderr = check_refuses_path(&path);
        assert!(stderr.lines().count() >= 2, "{}: {stderr}", path.display());
        refused(&std::fs::read(&path).unwrap());
        seen += 1;
    }
    assert!(seen >= 8, "only {seen} files in {}", dir.display());
}

#[test]
fn absurd_agenda_minutes_are_refused() {
    let mut v = demo_value();
    v["agenda"][2]["minutes_each"] = json!(1e308);
    v["agenda"][0]["minutes"] = json!(1441);
    let message = refused(model::to_pretty(&v).as_bytes()).to_string();
    assert!(
        message
            .contains("agenda[2].minutes_each: expected a number of minutes > 0 and at most 1440"),
        "{message}"
    );
    assert!(message.contains("agenda[0].minutes"), "{message}");
    v["agenda"][2]["minutes_each"] = json!(1440);
    v["agenda"][0]["minutes"] = json!(0.5);
    let doc = Document::from_bytes(model::to_pretty(&v).as_bytes()).unwrap();
    let st = model::compute(&doc.snapshot);
    let n = model::order::speakers(
        &doc.snapshot,
        &st,
        doc.snapshot.agenda[2].speakers.as_ref().unwrap(),
    )
    .len();
    assert!(doc.snapshot.agenda[2].planned_minutes(n).is_finite());
}

#[test]
fn the_smallest_targets_and_largest_figures_give_finite_standings() {
    // At the limits a snapshot may hold (beyond them it is refused:
    // tests/it/hostile/numbers.rs).
    let mut v = demo_value();
    v["units"][0]["targets"]["signed"] = json!(1e-9);
    v["units"][1]["targets"]["investment"] = json!(1e-9);
    v["units"][1]["actuals"]["investment"] = json!(1e15);
    v["metrics"][0]["weight"] = json!(1e15);
    v["metrics"][1]["weight"] = json!(1e15);
    v["projects"][0]["investment"] = json!(1e15);
    v["projects"][1]["investment"] = json!(1e15);
    v["cards"].as_object_mut().unwrap().remove("cap");
    let bytes = model::to_pretty(&v).into_bytes();
    standings_are_sound(&bytes);
    let doc = Document::from_bytes(&bytes).unwrap();
    let st = model::compute(&doc.snapshot);
    // The tiny targets make the largest completions; the larger one wins.
    let c = |u: usize, m: usize| st.units[u].metrics[m].completion.unwrap();
    assert!(c(0, 0).is_finite() && c(0, 0) > 1e9);
    assert!(c(1, 1).is_finite() && c(1, 1) >= 1e24);
    assert_eq!((st.units[1].rank, st.units[0].rank), (Some(1), Some(2)));
}
