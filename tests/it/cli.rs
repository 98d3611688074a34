//! The command line as a user meets it: exit codes, messages and screens.

use assert_cmd::Command;
use predicates::prelude::*;

fn guotang() -> Command {
    let mut cmd = Command::cargo_bin("guotang").unwrap();
    cmd.env("LANG", "C.UTF-8").env("NO_COLOR", "1");
    cmd
}

fn temp_file(name: &str, text: &str) -> (tempfile::TempDir, std::path::PathBuf) {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join(name);
    std::fs::write(&path, text).unwrap();
    (dir, path)
}

/// Output with the temporary directory replaced, for stable snapshots.
fn text(out: &[u8], dir: &tempfile::TempDir) -> String {
    String::from_utf8_lossy(out).replace(&dir.path().display().to_string(), "[dir]")
}

#[test]
fn help_explains_each_command_with_an_example() {
    let out = guotang()
        .arg("--help")
        .assert()
        .success()
        .get_output()
        .stdout
        .clone();
    let help = String::from_utf8(out).unwrap();
    for cmd in ["check", "standings", "init", "schema"] {
        assert!(help.contains(cmd), "--help does not mention {cmd}");
        let sub = guotang()
            .args([cmd, "--help"])
            .assert()
            .success()
            .get_output()
            .stdout
            .clone();
        let sub = String::from_utf8(sub).unwrap();
        assert!(
            sub.contains("Example: guotang"),
            "{cmd} --help gives no example:\n{sub}"
        );
    }
}

#[test]
fn check_summarises_the_demo() {
    let (dir, path) = temp_file("demo.json", guotang::model::DEMO);
    let out = guotang()
        .arg("check")
        .arg(&path)
        .assert()
        .success()
        .get_output()
        .stdout
        .clone();
    insta::assert_snapshot!("check_demo", text(&out, &dir));
}

#[test]
fn check_lists_every_problem_and_exits_1() {
    let broken = guotang::model::DEMO
        .replacen("\"2026-05-08\"", "\"2026-02-30\"", 1)
        .replacen(
            "\"better\": \"lower\",\n      \"weight\": 0",
            "\"better\": \"lower\",\n      \"weight\": 2",
            1,
        )
        .replacen("\"unit\": \"kfq\"", "\"unit\": \"kfq2\"", 1)
        .replacen("\"pane\": \"ranking\"", "\"pane\": \"chart\"", 1);
    let (dir, path) = temp_file("broken.json", &broken);
    let out = guotang()
        .arg("check")
        .arg(&path)
        .assert()
        .code(1)
        .get_output()
        .stderr
        .clone();
    insta::assert_snapshot!("check_broken", text(&out, &dir));
}

#[test]
fn check_shows_the_line_of_a_syntax_error() {
    let (dir, path) = temp_file(
        "bad.json",
        "{\n  \"format\": \"guotang/1\",\n  \"meeting\": {\"title\": \"会\",}\n}\n",
    );
    let out = guotang()
        .arg("check")
        .arg(&path)
        .assert()
        .code(1)
        .get_output()
        .stderr
        .clone();
    insta::assert_snapshot!("check_syntax", text(&out, &dir));
}

#[test]
fn check_of_a_missing_file_says_so() {
    guotang()
        .args(["check", "/nonexistent/x.json"])
        .assert()
        .code(1)
        .stderr(predicate::str::contains("cannot read /nonexistent/x.json"));
}

#[test]
fn standings_table_aligns_chinese_names() {
    let out = guotang()
        .arg("standings")
        .assert()
        .success()
        .get_output()
        .stdout
        .clone();
    let table = String::from_utf8(out).unwrap();
    insta::assert_snapshot!("standings_demo", table);
}

#[test]
fn standings_json_follows_the_spec() {
    let out = guotang()
        .args(["standings", "--json"])
        .assert()
        .success()
        .get_output()
        .stdout
        .clone();
    let v: serde_json::Value = serde_json::from_slice(&out).unwrap();
    let p = v["time_progress"].as_f64().unwrap();
    assert!((p - 120.0 / 365.0).abs() < 1e-15);
    let units = v["units"].as_array().unwrap();
    assert!(units.len() >= 14);
    for u in units {
        assert!(["red", "yellow", "none"].contains(&u["card"].as_str().unwrap()));
        assert!(["rule", "decision"].contains(&u["card_source"].as_str().unwrap()));
        assert!(u["composite"].is_null() == u["rank"].is_null());
    }
}

#[test]
fn init_writes_the_demo_and_refuses_to_overwrite() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("new.json");
    guotang().arg("init").arg(&path).assert().success();
    assert_eq!(
        std::fs::read_to_string(&path).unwrap(),
        guotang::model::DEMO
    );
    std::fs::write(&path, "mine").unwrap();
    guotang()
        .arg("init")
        .arg(&path)
        .assert()
        .code(1)
        .stderr(predicate::str::contains("already exists; use --force"));
    assert_eq!(std::fs::read_to_string(&path).unwrap(), "mine");
    guotang()
        .arg("init")
        .arg(&path)
        .arg("--force")
        .assert()
        .success();
    assert_eq!(
        std::fs::read_to_string(&path).unwrap(),
        guotang::model::DEMO
    );
}

#[test]
fn schema_describes_every_top_level_field() {
    let out = guotang()
        .arg("schema")
        .assert()
        .success()
        .get_output()
        .stdout
        .clone();
    let schema: serde_json::Value = serde_json::from_slice(&out).unwrap();
    let props = schema["properties"].as_object().unwrap();
    for key in [
        "format", "meeting", "metrics", "units", "cards", "projects", "agenda", "seating", "locale",
    ] {
        assert!(props.contains_key(key), "schema lacks {key}");
    }
    let required: Vec<&str> = schema["required"]
        .as_array()
        .unwrap()
        .iter()
        .filter_map(|v| v.as_str())
        .collect();
    assert_eq!(required, ["format", "meeting", "metrics", "units"]);
    // The demo reads back through the schema's serde mirror, field for field.
    let demo: serde_json::Value = serde_json::from_str(guotang::model::DEMO).unwrap();
    let raw: guotang::model::raw::RawSnapshot = serde_json::from_value(demo).unwrap();
    assert_eq!(raw.format, "guotang/1");
}

/// The commands the manual's main page lists (`guotang-check(1)`…).
fn commands_in_manual() -> Vec<String> {
    let out = guotang()
        .arg("man")
        .assert()
        .success()
        .get_output()
        .stdout
        .clone();
    let page = String::from_utf8(out).unwrap();
    assert!(
        page.starts_with(".ie") || page.contains(".TH guotang 1"),
        "{page}"
    );
    let names: Vec<String> = page
        .split("guotang\\-")
        .skip(1)
        .filter_map(|rest| rest.split_once("(1)").map(|(name, _)| name.to_owned()))
        .filter(|name| name.chars().all(|c| c.is_ascii_lowercase()))
        .collect();
    assert!(
        names.len() >= 12,
        "too few commands in the manual: {names:?}"
    );
    names
}

#[test]
fn man_has_a_page_for_every_command_and_refuses_an_unknown_one() {
    for name in commands_in_manual() {
        let out = guotang()
            .args(["man", &name])
            .assert()
            .success()
            .get_output()
            .stdout
            .clone();
        let page = String::from_utf8(out).unwrap();
        assert!(
            page.contains(&format!(".TH guotang-{name} 1")),
            "{name}: {page}"
        );
        assert!(
            page.contains(".SH SYNOPSIS") && page.contains(&format!("guotang {name}")),
            "{name}"
        );
    }
    guotang()
        .args(["man", "nope"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("no command \"nope\""));
}

/// Completes `words` (the last one being typed) with the bash script guotang prints.
fn bash_complete(script: &std::path::Path, words: &[&str]) -> Vec<String> {
    let quoted: Vec<String> = words.iter().map(|w| format!("'{w}'")).collect();
    let line = format!(
        "source '{}'; COMP_WORDS=({}); COMP_CWORD={}; _guotang guotang '{}' '{}'; printf '%s\\n' \"${{COMPREPLY[@]}}\"",
        script.display(),
        quoted.join(" "),
        words.len() - 1,
        words[words.len() - 1],
        words[words.len().saturating_sub(2)],
    );
    let out = std::process::Command::new("bash")
        .args(["-c", &line])
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8(out.stdout)
        .unwrap()
        .lines()
        .map(str::to_owned)
        .collect()
}

#[test]
fn bash_completion_offers_every_command_and_its_flags() {
    let out = guotang()
        .args(["completions", "bash"])
        .assert()
        .success()
        .get_output()
        .stdout
        .clone();
    let (_dir, script) = temp_file("guotang.bash", &String::from_utf8(out).unwrap());
    let offered = bash_complete(&script, &["guotang", ""]);
    for name in commands_in_manual() {
        assert!(offered.contains(&name), "{name} not offered: {offered:?}");
    }
    assert_eq!(bash_complete(&script, &["guotang", "stan"]), ["standings"]);
    let flags = bash_complete(&script, &["guotang", "set", "--"]);
    assert!(flags.contains(&"--dry-run".to_owned()), "{flags:?}");
    for shell in ["zsh", "fish", "powershell"] {
        guotang().args(["completions", shell]).assert().success();
    }
}

const COUNTS: &str = include_str!("../fixtures/real/counts_no_targets.json");
const ZONES: &str = include_str!("../fixtures/real/zones_and_cards.json");

/// A published bulletin of counts without targets: `check` totals every
/// unit's actuals (344 projects, 161 trips; before, the overview said 0),
/// and says there is no target rather than a target of 0.
#[test]
fn check_totals_count_every_unit_without_targets() {
    let (dir, path) = temp_file("counts.json", COUNTS);
    let out = guotang()
        .arg("check")
        .arg(&path)
        .assert()
        .success()
        .get_output()
        .stdout
        .clone();
    let text = text(&out, &dir);
    assert!(
        text.contains("新签约项目          344个（无目标）"),
        "{text}"
    );
    assert!(
        text.contains("主要负责人外出招商  161次（无目标）"),
        "{text}"
    );
    insta::assert_snapshot!("check_counts", text);
}

/// `check` warns of a zone short of seats, naming it and how many seats
/// are missing, and of units whose card has no zone; the file stays usable.
#[test]
fn check_warns_of_seats_missing_and_units_without_a_zone() {
    let (dir, path) = temp_file("zones.json", ZONES);
    let out = guotang()
        .arg("check")
        .arg(&path)
        .assert()
        .success()
        .get_output()
        .stdout
        .clone();
    let text = text(&out, &dir);
    assert!(text.contains("⚠ 座次：红区座位不足，缺 9 个座位"), "{text}");
    // Two 经济技术开发区 in two cities: the group tells them apart.
    assert!(text.contains("经济技术开发区（滁州市）"), "{text}");
    assert!(
        text.contains(
            "2 个单位未分区（不挂牌，座次未设相应分区）：新设的先进制造业园区、苏滁现代产业园"
        ),
        "{text}"
    );
    insta::assert_snapshot!("check_zones", text);
}

/// The totals export and `standings --json` carry the totals the screen shows.
#[test]
fn totals_export_and_json_agree_on_every_units_actuals() {
    let (_dir, path) = temp_file("counts.json", COUNTS);
    let out = guotang()
        .args(["export", "--what", "totals", "--format", "csv"])
        .arg(&path)
        .assert()
        .success()
        .get_output()
        .stdout
        .clone();
    let csv = String::from_utf8(out).unwrap();
    assert!(csv.contains("signed,新签约项目,个,344,8,,0,"), "{csv}");
    assert!(
        csv.contains("trips,主要负责人外出招商,次,161,8,,0,"),
        "{csv}"
    );
    let out = guotang()
        .args(["standings", "--json"])
        .arg(&path)
        .assert()
        .success()
        .get_output()
        .stdout
        .clone();
    let json: serde_json::Value = serde_json::from_slice(&out).unwrap();
    assert_eq!(json["totals"]["signed"]["actual"], 344.0);
    assert_eq!(json["totals"]["trips"]["actual"], 161.0);
    assert!(json["totals"]["trips"]["target"].is_null());
}

/// `standings` on the real-bulletin fixtures: twins in two groups, units
/// without a card, a bulletin of counts where nobody is ranked.
#[test]
fn standings_of_the_real_bulletins() {
    for (name, text) in [("zones", ZONES), ("counts", COUNTS)] {
        let (dir, path) = temp_file(&format!("{name}.json"), text);
        let out = guotang()
            .arg("standings")
            .arg(&path)
            .assert()
            .success()
            .get_output()
            .stdout
            .clone();
        let out = self::text(&out, &dir);
        insta::assert_snapshot!(format!("standings_{name}"), out);
    }
}
