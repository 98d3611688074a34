//! Two consoles on one file, as in the meeting room: the presenter's
//! (`guotang FILE`, projected) and the secretary's (`guotang edit FILE`,
//! another terminal). The secretary edits and saves; the presenter's screen
//! follows on the same agenda item. And a save that meets someone else's
//! save offers the merge, which keeps both.

use std::ffi::OsStr;
use std::path::Path;

use crate::support::journal::{journal_text, journals};
use crate::support::pty::Term;

fn env<'a>(dir: &'a Path, data: &'a Path) -> Vec<(&'static str, &'a OsStr)> {
    vec![
        ("GUOTANG_STATE_DIR", dir.as_os_str()),
        ("GUOTANG_CONFIG_DIR", dir.as_os_str()),
        ("GUOTANG_DATA_DIR", data.as_os_str()),
    ]
}

/// `guotang edit FILE`, its state in `state`, its data (journal, backups) in `data`.
fn editor(file: &Path, state: &Path, data: &Path) -> Term {
    Term::spawn(&[OsStr::new("edit"), file.as_os_str()], &env(state, data))
}

/// A demo meeting in a fresh folder: the folder, the file, the data folder.
fn meeting() -> (tempfile::TempDir, std::path::PathBuf, std::path::PathBuf) {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("meeting.json");
    std::fs::write(&file, guotang::model::DEMO).unwrap();
    let data = dir.path().join("data");
    (dir, file, data)
}

/// The keys that put `value` into row `row`, column `col` of the numbers
/// sheet (from its top-left cell).
fn edit_cell(t: &mut Term, row: usize, col: usize, value: &str) {
    t.send(&"\x1b[B".repeat(row));
    t.send(&"\x1b[C".repeat(col));
    t.send(value);
    t.send("\r");
}

/// [`edit_cell`], then Ctrl+S.
fn edit_and_save(t: &mut Term, row: usize, col: usize, value: &str) {
    edit_cell(t, row, col, value);
    t.send("\x13");
}

#[test]
fn the_secretary_saves_and_the_presenters_ranking_follows_on_the_same_item() {
    let (dir, file, data) = meeting();
    let state = dir.path().join("presenter");
    let sec_state = dir.path().join("secretary");

    let mut presenter = Term::spawn(&[file.as_os_str()], &env(&state, &data));
    presenter.wait_text("议程 1/8");
    presenter.send("2"); // the ranking item
    presenter.wait_text("议程 2/8");

    let mut secretary = editor(&file, &sec_state, &data);
    secretary.wait_text("指标");
    secretary.wait_text("白沙镇");
    // 白沙镇 (row 6), 协议引资额 actual (metric 2 of 7: column 4 + 2·1 + 1).
    edit_and_save(&mut secretary, 6, 7, "500");
    secretary.wait_text("已保存");

    presenter.wait_text("白沙镇 协议引资额完成 6.8 → 500");
    presenter.wait_text("数据已更新");
    assert!(presenter.contents().contains("议程 2/8"), "the item stays");
    let on_disk = guotang::store::load(&file).unwrap();
    assert_eq!(on_disk.doc.snapshot.units[6].actuals[1], Some(500.0));

    // Nothing unsaved: the secretary quits without a question, and leaves
    // no journal behind.
    secretary.send("q");
    secretary.drain();
    assert!(secretary.child.wait().unwrap().success());
    assert_eq!(journal_text(&data), "", "saved: no journal left");
    presenter.send("qq");
    presenter.drain();
}

#[test]
fn a_save_over_someone_elses_save_offers_the_merge_and_keeps_both() {
    let (dir, file, data) = meeting();

    let mut secretary = editor(&file, dir.path(), &data);
    secretary.wait_text("白沙镇");
    edit_cell(&mut secretary, 6, 7, "500");
    secretary.wait_text("● 未保存");
    // Someone else changes another unit meanwhile (a script, another
    // laptop), past the editor's lock.
    let status = std::process::Command::new(env!("CARGO_BIN_EXE_guotang"))
        .arg("set")
        .arg("--force")
        .arg(&file)
        .arg("units.kfq.actuals.investment=101")
        .env("GUOTANG_DATA_DIR", &data)
        .status()
        .unwrap();
    assert!(status.success());
    secretary.wait_text("文件已被他人修改");
    secretary.send("\x13");
    secretary.wait_text("r 载入对方修改并重做我的修改");
    secretary.send("r");
    secretary.wait_text("已保存");

    let on_disk = guotang::store::load(&file).unwrap().doc.snapshot;
    assert_eq!(on_disk.units[0].actuals[1], Some(101.0), "theirs kept");
    assert_eq!(on_disk.units[6].actuals[1], Some(500.0), "mine kept");
    secretary.send("q");
    secretary.drain();
    assert!(secretary.child.wait().unwrap().success());
}

#[test]
fn a_killed_editor_offers_its_edits_at_the_next_start() {
    let (dir, file, data) = meeting();
    let before = std::fs::read(&file).unwrap();

    let mut secretary = editor(&file, dir.path(), &data);
    secretary.wait_text("白沙镇");
    edit_cell(&mut secretary, 6, 7, "500");
    secretary.wait_text("● 未保存");
    secretary.child.kill().unwrap();
    secretary.drain();
    assert_eq!(std::fs::read(&file).unwrap(), before, "nothing saved");

    let mut again = editor(&file, dir.path(), &data);
    again.wait_text("发现未保存的修改");
    again.send("r");
    again.wait_text("已恢复上次未保存的修改");
    again.send("\x13");
    again.wait_text("已保存");
    let on_disk = guotang::store::load(&file).unwrap().doc.snapshot;
    assert_eq!(on_disk.units[6].actuals[1], Some(500.0));
    again.send("q");
    again.drain();
}

#[test]
fn sigterm_sighup_and_sigint_restore_the_terminal_and_keep_the_journal() {
    for signal in ["TERM", "HUP", "INT"] {
        let (dir, file, data) = meeting();
        let mut t = editor(&file, dir.path(), &data);
        t.wait_text("白沙镇");
        t.send("\x1b[B\x1b[C\x1b[C\x1b[C\x1b[C");
        t.send("42\r");
        t.wait_text("● 未保存");
        let pid = t.child.process_id().unwrap();
        let status = std::process::Command::new("kill")
            .arg(format!("-{signal}"))
            .arg(pid.to_string())
            .status()
            .unwrap();
        assert!(status.success());
        t.drain();
        assert!(
            !t.parser.screen().alternate_screen(),
            "SIG{signal}: the terminal is given back"
        );
        // The journal in this test's data directory: a header and one edit.
        let journal = journal_text(&data);
        assert_eq!(journal.lines().count(), 2, "SIG{signal}: {journal}");
        assert!(journal.contains("\"new\":42"), "SIG{signal}: {journal}");
        assert_eq!(
            std::fs::read_to_string(&file).unwrap(),
            guotang::model::DEMO,
            "SIG{signal}: nothing saved unasked"
        );
    }
}

#[test]
fn a_second_editor_on_the_same_file_is_told_who_holds_it() {
    let (dir, file, data) = meeting();
    let mut first = editor(&file, dir.path(), &data);
    first.wait_text("白沙镇");
    let mut second = editor(&file, dir.path(), &data);
    second.wait_text("另有人在编辑此文件");
    let pid = first.child.process_id().unwrap();
    second.wait_text(&format!("pid {pid}"));
    // user@host, and since when in local time (`14:02 起`).
    let line = second.line_with(&format!("pid {pid}")).unwrap();
    let host = guotang::store::lock::hostname();
    assert!(line.contains(&format!("@{host}（pid {pid}，")), "{line}");
    let since = line.split('，').nth(1).unwrap_or_default();
    assert!(
        since.contains(':') && since.contains(" 起") && !since.contains('+'),
        "local time, not RFC 3339: {line}"
    );
    let lock = dir.path().join(".meeting.json.guotang-lock");
    assert!(lock.exists(), "the first editor holds the lock");
    // Leaving the editor with nothing unsaved lets the lock go; coming
    // back takes it again.
    first.send("e");
    eventually("the lock to go", || !lock.exists());
    first.send("e");
    eventually("the lock to come back", || lock.exists());
    // The first editor quits: its lock goes with it.
    first.send("q");
    first.drain();
    assert!(first.child.wait().unwrap().success());
    second.send("q");
    second.drain();
    assert!(!lock.exists(), "no lock left behind");
}

/// Waits (up to ten seconds) until `ok` holds.
fn eventually(what: &str, ok: impl Fn() -> bool) {
    let deadline = std::time::Instant::now() + std::time::Duration::from_secs(10);
    while !ok() {
        assert!(std::time::Instant::now() < deadline, "waited for {what}");
        std::thread::sleep(std::time::Duration::from_millis(20));
    }
}

/// A closed window: the terminal goes away under the editor. It ends
/// through its normal path, so its lock is removed (it aborted before,
/// printing to the dead terminal inside its panic hook, and left the lock).
#[test]
fn an_editor_whose_terminal_is_closed_ends_and_lets_its_lock_go() {
    let (dir, file, data) = meeting();
    let mut t = editor(&file, dir.path(), &data);
    t.wait_text("白沙镇");
    let lock = dir.path().join(".meeting.json.guotang-lock");
    assert!(lock.exists(), "the editor holds the lock");
    t.hang_up();
    let status = t.child.wait().unwrap();
    assert_eq!(status.signal(), None, "ended by a signal: {status:?}");
    eventually("the lock to go", || !lock.exists());
}

/// A journal belongs to its writer: a second editor opened while the first
/// has an unsaved edit is told so (who), is not offered that edit, and
/// cannot discard it — before, it was offered the edit and `d` deleted the
/// journal the first editor was still writing into. Once the first editor
/// is dead (SIGKILL), the next start offers its edit back.
#[test]
fn a_second_editor_cannot_take_or_discard_a_live_editors_unsaved_edits() {
    let (dir, file, data) = meeting();
    let mut first = editor(&file, &dir.path().join("first"), &data);
    first.wait_text("白沙镇");
    edit_cell(&mut first, 6, 7, "500");
    first.wait_text("● 未保存");
    assert_eq!(journals(&data).len(), 1);

    let mut second = editor(&file, &dir.path().join("second"), &data);
    second.wait_text("白沙镇");
    let pid = first.child.process_id().unwrap();
    second.wait_text(&format!("pid {pid}"));
    second.wait_text("有未保存的修改");
    assert!(
        !second.contents().contains("发现未保存的修改"),
        "offered another's live edits:\n{}",
        second.contents()
    );
    second.send("d"); // what discarded them before
    second.send("q");
    second.drain();
    assert!(second.child.wait().unwrap().success());
    let journal = journal_text(&data);
    assert!(journal.contains("\"new\":500"), "still there: {journal}");

    first.kill_hard();
    let mut third = editor(&file, &dir.path().join("third"), &data);
    third.wait_text("发现未保存的修改");
    third.send("r");
    third.wait_text("已恢复上次未保存的修改");
    third.send("\x13");
    third.wait_text("已保存");
    let on_disk = guotang::store::load(&file).unwrap().doc.snapshot;
    assert_eq!(on_disk.units[6].actuals[1], Some(500.0));
    third.send("q");
    third.drain();
    assert_eq!(journal_text(&data), "", "saved: no journal left");
}

/// Puts `value` in the minutes of agenda row `row` (the agenda sheet open).
fn agenda_minutes(t: &mut Term, row: usize, value: &str) {
    t.send("\x1b[5~\x1b[5~\x1b[H"); // PgUp twice, Home: the top-left cell
    t.send(&"\x1b[B".repeat(row));
    t.send("\x1b[C\x1b[C");
    t.send(value);
    t.send("\r");
}

/// (title, minutes) of each agenda item on disk.
fn agenda_on_disk(file: &Path) -> Vec<(String, Option<f64>)> {
    guotang::store::load(file)
        .unwrap()
        .doc
        .snapshot
        .agenda
        .iter()
        .map(|it| (it.title.clone(), it.minutes))
        .collect()
}

/// `guotang set [--force] FILE ASSIGNMENTS…`, which must succeed.
fn set_cmd(file: &Path, data: &Path, force: bool, assignments: &[&str]) {
    let mut c = std::process::Command::new(env!("CARGO_BIN_EXE_guotang"));
    c.arg("set");
    if force {
        c.arg("--force");
    }
    let out = c
        .arg(file)
        .args(assignments)
        .env("GUOTANG_DATA_DIR", data)
        .output()
        .unwrap();
    assert!(out.status.success(), "{out:?}");
}

/// Edits are replayed on the agenda item they were made on, found by its
/// place and title, never on the neighbour that moved into its place with
/// the same old value (where a merge and a recovery put them before); an
/// edit whose item is gone is named as a clash, and nothing is saved
/// saying "merged".
#[test]
fn merge_and_recovery_land_on_the_agenda_item_edited_never_its_neighbour() {
    let (dir, file, data) = meeting();
    // 红黄分区座次 (7) gets the minutes of 重点项目推进情况 (6) before it.
    set_cmd(&file, &data, false, &["agenda.7.minutes=8"]);
    let mut t = editor(&file, dir.path(), &data);
    t.wait_text("白沙镇");
    t.send("]]]");
    t.wait_text("区领导点评");
    agenda_minutes(&mut t, 5, "12"); // 重点项目推进情况: 8 → 12
    t.wait_text("● 未保存");
    agenda_minutes(&mut t, 7, "25"); // 主要领导讲话: 20 → 25
    // Someone else removes 主要领导讲话 and 红牌单位发言 (3): the project
    // item moves up, and 红黄分区座次, also 8 minutes, takes its place.
    set_cmd(&file, &data, true, &["agenda.8=null", "agenda.3=null"]);
    t.wait_text("文件已被他人修改");
    t.send("\x13");
    t.wait_text("r 载入对方修改并重做我的修改");
    t.send("r");
    t.wait_gone("r 载入对方修改并重做我的修改");
    let screen = t.contents();
    assert!(screen.contains("● 未保存"), "not saved: {screen}");
    assert_eq!(agenda_on_disk(&file).len(), 6, "theirs, as they saved it");
    t.send("\x13");
    t.wait_gone("● 未保存");
    let on_disk = agenda_on_disk(&file);
    assert_eq!(
        on_disk[5],
        ("红黄分区座次".into(), Some(8.0)),
        "the neighbour untouched: {on_disk:?}"
    );
    assert_eq!(
        on_disk[4],
        ("重点项目推进情况".into(), Some(12.0)),
        "{on_disk:?}"
    );
    assert!(
        screen.contains("议程 8「主要领导讲话」 分钟（已不存在；我的：25）"),
        "the clash named: {screen}"
    );
    assert!(screen.contains("未能重做"), "{screen}");
    assert!(!screen.contains("已载入对方的修改并合并"), "{screen}");

    // A crash: 区领导点评 (4 now) is edited, the editor killed; someone
    // removes the first item, and gives 重点项目推进情况 its minutes.
    agenda_minutes(&mut t, 3, "11"); // 区领导点评: 10 → 11
    t.wait_text("● 未保存");
    t.kill_hard();
    set_cmd(
        &file,
        &data,
        false,
        &["agenda.1=null", "agenda.4.minutes=10"],
    );
    let mut again = editor(&file, dir.path(), &data);
    again.wait_text("发现未保存的修改");
    again.send("r");
    again.wait_text("已恢复上次未保存的修改");
    again.send("\x13");
    again.wait_gone("● 未保存");
    let on_disk = agenda_on_disk(&file);
    assert_eq!(on_disk[2], ("区领导点评".into(), Some(11.0)), "{on_disk:?}");
    assert_eq!(
        on_disk[3],
        ("重点项目推进情况".into(), Some(10.0)),
        "the neighbour untouched"
    );
    again.send("q");
    again.drain();
}
