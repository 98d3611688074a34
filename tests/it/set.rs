//! `guotang set` and `guotang backups` as a secretary's script sees them:
//! exit codes, messages naming the place, and a file untouched when refused.

use std::fs;
use std::path::{Path, PathBuf};

use assert_cmd::Command;
use predicates::prelude::*;

const MEETING: &str = include_str!("../fixtures/edit/meeting.json");
const EDITED: &str = include_str!("../fixtures/edit/meeting.edited.json");

struct Setup {
    dir: tempfile::TempDir,
    file: PathBuf,
}

impl Setup {
    fn new() -> Setup {
        let dir = tempfile::tempdir().unwrap();
        let file = dir.path().join("meeting.json");
        fs::write(&file, MEETING).unwrap();
        Setup { dir, file }
    }

    fn data(&self) -> PathBuf {
        self.dir.path().join("data")
    }

    fn guotang(&self, args: &[&str]) -> Command {
        let mut c = Command::cargo_bin("guotang").unwrap();
        c.current_dir(self.dir.path())
            .env("GUOTANG_DATA_DIR", self.data())
            .args(args);
        c
    }

    fn set(&self, assignments: &[&str]) -> Command {
        let mut args = vec!["set", "meeting.json"];
        args.extend(assignments);
        self.guotang(&args)
    }

    fn text(&self) -> String {
        fs::read_to_string(&self.file).unwrap()
    }

    fn backups(&self) -> usize {
        count_json(&self.data().join("backups"))
    }
}

fn count_json(dir: &Path) -> usize {
    let Ok(keys) = fs::read_dir(dir) else {
        return 0;
    };
    keys.flat_map(|k| fs::read_dir(k.unwrap().path()).unwrap())
        .filter(|f| {
            f.as_ref()
                .unwrap()
                .path()
                .extension()
                .is_some_and(|e| e == "json")
        })
        .count()
}

#[test]
fn a_valid_multi_field_set_saves_exactly_those_values() {
    let s = Setup::new();
    s.set(&[
        "units.kfq.actuals.investment=101.5",
        "units.kfq.leader=null",
        "projects.P007.stage=started",
        "projects.P007.started_on=2026-05-06",
        "meeting.period.to=2026-05-31",
        "agenda.2.minutes=4",
        "x_trailer.revision=8",
    ])
    .assert()
    .success()
    .stdout(predicate::str::contains(
        "units.kfq.actuals.investment: 98.5 → 101.5\nunits.kfq.leader: \"王主任\" → (absent)\nprojects.P007.stage: \"signed\" → \"started\"\n",
    ))
    .stderr(predicate::str::contains("saved meeting.json (7 changes)"));
    assert_eq!(s.text(), EDITED);
    assert_eq!(s.backups(), 1);
}

#[test]
fn values_are_json_when_they_parse_as_json_else_strings() {
    let s = Setup::new();
    s.set(&[
        "units.kfq.name=\"123\"",
        "units.cxz.name=123号",
        "agenda.1.minutes=5.5",
        "agenda.4.notes=[\"一\",\"二\"]",
    ])
    .assert()
    .success();
    let json: serde_json::Value = serde_json::from_str(&s.text()).unwrap();
    assert_eq!(json["units"][0]["name"], "123");
    assert_eq!(json["units"][1]["name"], "123号");
    assert_eq!(json["agenda"][0]["minutes"], 5.5);
    assert_eq!(json["agenda"][3]["notes"], serde_json::json!(["一", "二"]));
}

#[test]
fn an_invalid_result_is_refused_naming_the_place_and_the_assignment() {
    let s = Setup::new();
    s.set(&["meeting.venue=礼堂", "units.cxz.actuals.investment=-3"])
        .assert()
        .code(1)
        .stderr(predicate::str::contains(
            "units[1].actuals.investment: expected a number ≥ 0, found -3 (from assignment 2: units.cxz.actuals.investment=-3)",
        ))
        .stderr(predicate::str::contains("nothing written to meeting.json"));
    s.set(&["units.kfq.card=red"])
        .assert()
        .code(1)
        .stderr(predicate::str::contains("units[0].card_reason"))
        .stderr(predicate::str::contains(
            r#"assignment 1: units.kfq.card="red""#,
        ));
    s.set(&["metrics.investment.weight=-1"])
        .assert()
        .code(1)
        .stderr(predicate::str::contains("metrics[0].weight"));
    assert_eq!(s.text(), MEETING, "byte-identical after refused sets");
    assert_eq!(s.backups(), 0);
}

#[test]
fn a_path_naming_nothing_is_refused_naming_it() {
    let s = Setup::new();
    s.set(&["units.kfq.actuals.investment=1", "units.kfq2.actuals.investment=1"])
        .assert()
        .code(1)
        .stderr(predicate::str::contains(
            r#"error: units.kfq2: no unit with id "kfq2" (assignment 2: units.kfq2.actuals.investment=1)"#,
        ));
    s.set(&["agenda.7.minutes=1"])
        .assert()
        .code(1)
        .stderr(predicate::str::contains(
            "agenda.7: no agenda item 7 (there are 4)",
        ));
    s.set(&["projects.P7.stage=started"])
        .assert()
        .code(1)
        .stderr(predicate::str::contains(
            r#"projects.P7: no project with id "P7""#,
        ));
    s.set(&["units.kfq.actuals"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains(
            "units.kfq.actuals: expected PATH=VALUE",
        ));
    assert_eq!(s.text(), MEETING);
}

#[test]
fn dry_run_shows_the_change_and_writes_nothing() {
    let s = Setup::new();
    s.set(&["--dry-run", "projects.P007.stage=started", "agenda.3=null"])
        .assert()
        .success()
        .stdout(predicate::str::contains(
            "projects.P007.stage: \"signed\" → \"started\"",
        ))
        .stdout(predicate::str::contains(
            "agenda.3: {\"title\":\"红黄区表态发言\"",
        ))
        .stderr(predicate::str::contains(
            "dry run: meeting.json not written",
        ));
    assert_eq!(s.text(), MEETING);
    assert_eq!(s.backups(), 0);
    assert!(!s.dir.path().join(".meeting.json.guotang-lock").exists());
}

#[test]
fn setting_what_is_already_there_changes_nothing() {
    let s = Setup::new();
    s.set(&["units.kfq.actuals.signed=5"])
        .assert()
        .success()
        .stderr(predicate::str::contains("no change"));
    assert_eq!(s.text(), MEETING);
    assert_eq!(s.backups(), 0);
}

/// An editor open on the file (its lock held by this test process) stops
/// `set` only while it has unsaved edits — then `--force` goes past it, and
/// the editor merges when it saves. A lock file whose holder is gone holds
/// nothing, whatever it says.
#[test]
fn a_file_another_editor_holds_is_refused_while_it_has_unsaved_edits_unless_forced() {
    let s = Setup::new();
    let mut editor = guotang::store::lock::acquire(&s.file, "edit").unwrap();
    let lock = s.dir.path().join(".meeting.json.guotang-lock");
    assert!(lock.exists());
    // Nothing unsaved: the editor will simply load the change.
    s.set(&["meeting.venue=礼堂"]).assert().success();
    assert!(s.text().contains("礼堂"));
    editor.set_unsaved(true).unwrap();
    s.set(&["meeting.venue=会堂"])
        .assert()
        .code(1)
        .stderr(predicate::str::contains("meeting.json is being edited by"))
        .stderr(predicate::str::contains("@"))
        .stderr(predicate::str::contains("unsaved edits since"));
    assert!(s.text().contains("礼堂"));
    s.set(&["--force", "meeting.venue=会堂"]).assert().success();
    assert!(s.text().contains("会堂"));
    assert!(lock.exists(), "the editor's lock is theirs to remove");
    drop(editor);
    assert!(!lock.exists());
    // A lock file left by a killed editor, its note claiming unsaved edits.
    let note = serde_json::json!({
        "pid": std::process::id(), "host": guotang::store::lock::hostname(),
        "user": "secretary", "started": "2026-05-08T09:58:00+08:00",
        "purpose": "edit", "unsaved_since": "2026-05-08T09:59:00+08:00"
    });
    fs::write(&lock, note.to_string()).unwrap();
    s.set(&["meeting.venue=null"]).assert().success();
    assert!(!lock.exists(), "cleared by whoever found it free");
}

#[test]
fn backups_are_listed_and_one_is_restored() {
    let s = Setup::new();
    s.guotang(&["backups", "meeting.json"])
        .assert()
        .success()
        .stdout(predicate::str::contains("no backups of meeting.json yet"));
    s.set(&["units.kfq.actuals.investment=101.5"])
        .assert()
        .success();
    s.set(&["projects.P007.stage=started"]).assert().success();
    let after = s.text();
    s.guotang(&["backups", "meeting.json"])
        .assert()
        .success()
        .stdout(predicate::str::contains(
            "1 difference: projects.P007.stage: \"started\" → \"signed\"",
        ))
        .stdout(predicate::str::contains(
            "2 differences: units.kfq.actuals.investment: 101.5 → 98.5",
        ))
        .stdout(predicate::str::contains(
            "guotang backups meeting.json --restore N",
        ));
    s.guotang(&["backups", "meeting.json", "--restore", "2"])
        .assert()
        .success()
        .stderr(predicate::str::contains(
            "restored meeting.json from backup 2",
        ));
    assert_eq!(s.text(), MEETING);
    // The version the restore replaced is backup 1: the restore can be undone.
    s.guotang(&["backups", "meeting.json", "--restore", "1"])
        .assert()
        .success();
    assert_eq!(s.text(), after);
    s.guotang(&["backups", "meeting.json", "--restore", "9"])
        .assert()
        .code(1)
        .stderr(predicate::str::contains(
            "no backup 9 of meeting.json: there are 4",
        ));
}

#[test]
fn a_misspelt_field_is_refused_naming_the_field_meant() {
    let s = Setup::new();
    s.set(&["projects.P007.started=2026-03-05"])
        .assert()
        .code(1)
        .stderr(predicate::str::contains(
            "projects.P007.started: the format has no field \"started\" here (did you mean started_on?); --allow-new-fields adds it anyway",
        ))
        .stderr(predicate::str::contains("nothing written"));
    s.set(&["units.kfq.actuals.investmnet=3"])
        .assert()
        .code(1)
        .stderr(predicate::str::contains(
            "units.kfq.actuals.investmnet: no metric with id \"investmnet\" (did you mean investment?)",
        ));
    s.set(&[r#"projects.+={"id":"P020","name":"新项目","unit":"kfq","stage":"signed","sigend_on":"2026-03-01"}"#])
        .assert()
        .code(1)
        .stderr(predicate::str::contains(
            "projects.+.sigend_on: the format has no field \"sigend_on\" here (did you mean signed_on?)",
        ));
    assert_eq!(s.text(), MEETING, "byte-identical after refused sets");
    // Fields of the user's own that the file has stay editable.
    s.set(&["units.kfq.x_phone=0000-9999", "--dry-run"])
        .assert()
        .success();
    // Asked for, a new field is added.
    s.set(&["projects.P007.started=2026-03-05", "--allow-new-fields"])
        .assert()
        .success();
    let json: serde_json::Value = serde_json::from_str(&s.text()).unwrap();
    assert_eq!(json["projects"][0]["started"], "2026-03-05");
}

#[test]
fn units_and_projects_are_named_by_name_too() {
    let s = Setup::new();
    s.set(&[
        "units.经济开发区.actuals.协议引资额=101",
        "projects.新能源电池项目.stage=开工",
        "projects.新能源电池项目.started_on=2026/5/6",
        "projects.冷链物流园.unit=经济开发区",
        "units.城西镇.card=黄牌",
        "units.城西镇.card_reason=进度滞后",
    ])
    .assert()
    .success()
    .stdout(predicate::str::contains(
        "units.kfq.actuals.investment: 98.5 → 101",
    ))
    .stdout(predicate::str::contains(
        "projects.P007.stage: \"signed\" → \"started\"",
    ))
    .stdout(predicate::str::contains(
        "projects.P007.started_on: (absent) → \"2026-05-06\"",
    ))
    .stdout(predicate::str::contains(
        "projects.P012.unit: \"cxz\" → \"kfq\"",
    ))
    .stdout(predicate::str::contains(
        "units.cxz.card: (absent) → \"yellow\"",
    ));
}

#[test]
fn a_name_two_units_share_is_refused_naming_both() {
    let s = Setup::new();
    s.set(&["units.fgw.name=城西镇"]).assert().success();
    let before = s.text();
    s.set(&["units.城西镇.actuals.investment=5"])
        .assert()
        .code(1)
        .stderr(predicate::str::contains(
            "units.城西镇: 2 units share the name \"城西镇\" (cxz, fgw); name one by its id",
        ));
    s.set(&["projects.P007.unit=城西镇"])
        .assert()
        .code(1)
        .stderr(predicate::str::contains(
            "projects.P007.unit: 2 units share the name \"城西镇\" (cxz, fgw)",
        ));
    assert_eq!(s.text(), before);
}

#[test]
fn options_may_come_after_the_assignments() {
    let s = Setup::new();
    s.set(&["projects.P007.stage=started", "--dry-run"])
        .assert()
        .success()
        .stderr(predicate::str::contains(
            "dry run: meeting.json not written",
        ));
    assert_eq!(s.text(), MEETING);
}

#[test]
fn dates_are_read_as_secretaries_write_them_and_a_missing_day_is_named() {
    let s = Setup::new();
    s.set(&[
        "projects.P007.signed_on=2026年3月5日",
        "projects.P007.due_start=２０２６－０６－０１",
        "meeting.period.to=2026-4-30",
    ])
    .assert()
    .success()
    .stdout(predicate::str::contains(
        "projects.P007.signed_on: \"2026-02-10\" → \"2026-03-05\"",
    ))
    .stdout(predicate::str::contains(
        "projects.P007.due_start: \"2026-04-30\" → \"2026-06-01\"",
    ));
    let before = s.text();
    s.set(&["projects.P007.started_on=2026-02-30"])
        .assert()
        .code(1)
        .stderr(predicate::str::contains(
            "projects.P007.started_on: no such date 2026-02-30 (2026-02 has 28 days)",
        ));
    assert_eq!(s.text(), before);
}

#[test]
fn a_doubtful_figure_is_written_with_a_warning_and_check_lists_it() {
    let s = Setup::new();
    // 新签约项目 counts whole projects; kfq's target is 12.
    s.set(&[
        "units.kfq.actuals.signed=2.5",
        "units.cxz.actuals.signed=41",
    ])
    .assert()
    .success()
    .stderr(predicate::str::contains(
        "warning: 经济开发区 新签约项目完成 2.5：按整数计，此数带小数",
    ))
    .stderr(predicate::str::contains(
        "warning: 城西镇 新签约项目完成 41：超过目标的 5 倍（目标 8）",
    ));
    s.guotang(&["check", "meeting.json"])
        .assert()
        .success()
        .stdout(predicate::str::contains("⚠ 请核对（2）"))
        .stdout(predicate::str::contains(
            "经济开发区 新签约项目完成 2.5：按整数计，此数带小数",
        ));
}
