//! The console in a pseudo-terminal when things go wrong around it: the
//! snapshot deleted or renamed while it is shown, and the console killed
//! mid-meeting. Neither may stop the meeting: the screen keeps the data it
//! had and says what happened; a restarted console resumes where it was.

use std::path::{Path, PathBuf};

use crate::support::journal::journal_text;
use crate::support::pty::Term;
use guotang::model::DEMO;

const TITLE: &str = "全区招商引资工作过堂会（1—4月）";
/// A figure of the first item's pane: the data is still drawn.
const FIGURE: &str = "553.2";
/// The banner's lead while the file on disk cannot be used.
const BANNER: &str = "数据文件不见了";

fn meeting() -> (tempfile::TempDir, PathBuf, PathBuf) {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("meeting.json");
    std::fs::write(&file, DEMO).unwrap();
    let state = dir.path().join("state");
    (dir, file, state)
}

/// Takes the file away with `take`, checks the console says so and goes on,
/// then writes a revised version back and checks it is shown.
fn file_goes_away_and_comes_back(take: impl FnOnce(&Path)) {
    let (_dir, file, state) = meeting();
    let mut t = Term::console(&file, &state);
    t.wait_text("议程 1/8");
    t.wait_text(FIGURE);

    take(&file);
    t.wait_text(BANNER);
    let screen = t.contents();
    assert!(
        screen.contains("meeting.json"),
        "the file is named: {screen}"
    );
    assert!(
        screen.contains(TITLE) && screen.contains(FIGURE),
        "{screen}"
    );
    // It still runs: keys move the agenda, the data still draws.
    t.send("\x1b[C"); // →
    t.wait_text("议程 2/8");
    t.send("\x1b[D"); // ←
    t.wait_text("议程 1/8");
    t.wait_text(FIGURE);
    assert!(t.contents().contains(BANNER));

    // Back, revised: the banner goes and the new data is shown.
    let revised = DEMO.replace(TITLE, "全区招商引资工作过堂会（修订）");
    guotang::store::write_atomic(&file, revised.as_bytes()).unwrap();
    t.wait_text("（修订）");
    t.wait_gone(BANNER);
    assert!(t.contents().contains("议程 1/8"));
    t.quit();
}

#[test]
fn a_deleted_snapshot_is_reported_and_the_meeting_goes_on() {
    file_goes_away_and_comes_back(|f| std::fs::remove_file(f).unwrap());
}

#[test]
fn a_renamed_snapshot_is_reported_and_the_meeting_goes_on() {
    file_goes_away_and_comes_back(|f| {
        std::fs::rename(f, f.with_file_name("meeting-old.json")).unwrap();
    });
}

/// The part of a screen line left of the rail's border: the agenda list.
fn rail(line: &str) -> String {
    line.split('│')
        .next()
        .unwrap_or_default()
        .trim_end()
        .to_owned()
}

/// `mm:ss` after `本项 ` in the footer: the current item's timer.
fn item_timer(t: &Term) -> String {
    let line = t.line_with("本项 ").expect("no item timer in the footer");
    let at = line.find("本项 ").unwrap() + "本项 ".len();
    line[at..].chars().take(5).collect()
}

fn seconds(mmss: &str) -> i64 {
    let (m, s) = mmss.split_once(':').unwrap();
    m.trim().parse::<i64>().unwrap() * 60 + s.parse::<i64>().unwrap()
}

#[test]
fn the_meeting_log_survives_a_kill() {
    let (_dir, file, state) = meeting();
    let mut t = Term::console(&file, &state);
    t.wait_text("议程 1/8");
    // Let each item run a second or more, so its time is not zero.
    t.wait_for("item 1's timer to turn", |s| {
        !s.contents().contains("本项 10:00 / 10:00")
    });
    t.send("\x1b[C");
    t.wait_text("议程 2/8");
    t.wait_for("item 2's timer to turn", |s| {
        !s.contents().contains("本项 08:00 / 08:00")
    });
    t.send("\x1b[C");
    t.wait_text("议程 3/8");
    t.wait_for("item 3's timer to turn twice", |s| {
        s.contents().lines().any(|l| {
            l.contains("本项 23:") && !l.contains("本项 23:59") && !l.contains("本项 23:58")
        })
    });
    t.wait_text(" / 24:00");
    let done: Vec<String> = ["通报1—4月", "各单位目标完"]
        .iter()
        .map(|k| rail(&t.line_with(k).unwrap()))
        .collect();
    let before = seconds(&item_timer(&t));
    assert!(before < 24 * 60 - 1, "{before}");
    t.kill_hard();

    let mut again = Term::console(&file, &state);
    again.wait_text("议程 3/8");
    // The footer is drawn last: once its timer shows, the whole frame has.
    again.wait_text(" / 24:00");
    let screen = again.contents();
    // A killed console never closed the log: its clock kept running.
    assert!(!screen.contains("已暂停"), "{screen}");
    for (key, was) in ["通报1—4月", "各单位目标完"].iter().zip(&done) {
        let line = again
            .line_with(key)
            .unwrap_or_else(|| panic!("{key}:\n{screen}"));
        assert_eq!(&rail(&line), was, "{screen}");
    }
    // The item's time went on from where it was, not from the start.
    let after = seconds(&item_timer(&again));
    assert!(
        after <= before,
        "the item timer went back: {before} s → {after} s\n{screen}"
    );
    again.quit();

    let log = std::fs::read_dir(&state)
        .unwrap()
        .filter_map(Result::ok)
        .find(|e| e.file_name().to_string_lossy().starts_with("log-"))
        .map(|e| std::fs::read_to_string(e.path()).unwrap())
        .expect("no meeting log");
    // Two opens, one close: the first console never closed.
    assert_eq!(log.matches("\"open\"").count(), 2, "{log}");
    assert_eq!(log.matches("\"close\"").count(), 1, "{log}");
}

/// SIGQUIT, SIGUSR1, SIGUSR2 and SIGALRM end an editor holding an unsaved
/// edit like SIGTERM does: the terminal is given back, the lock goes, the
/// journal keeps the edit, the file is untouched, and the process exits
/// by itself. At their default action they killed it on the spot: the
/// terminal stayed raw on the alternate screen and the lock stayed.
#[test]
fn quit_usr1_usr2_and_alarm_restore_the_terminal_and_release_the_lock() {
    for signal in ["QUIT", "USR1", "USR2", "ALRM"] {
        let (dir, file, state) = meeting();
        let data = state.join("data");
        let mut t = Term::spawn(
            &[std::ffi::OsStr::new("edit"), file.as_os_str()],
            &[
                ("GUOTANG_STATE_DIR", state.as_os_str()),
                ("GUOTANG_CONFIG_DIR", state.as_os_str()),
                ("GUOTANG_DATA_DIR", data.as_os_str()),
            ],
        );
        t.wait_text("白沙镇");
        let lock = dir.path().join(".meeting.json.guotang-lock");
        assert!(lock.exists(), "SIG{signal}: the editor holds the lock");
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
        let exit = t.child.wait().unwrap();
        assert!(exit.signal().is_none(), "SIG{signal}: killed, {exit:?}");
        let screen = t.parser.screen();
        assert!(
            !screen.alternate_screen(),
            "SIG{signal}: the terminal is given back"
        );
        assert!(!screen.hide_cursor(), "SIG{signal}: the cursor is shown");
        assert!(!lock.exists(), "SIG{signal}: the lock is let go");
        let journal = journal_text(&data);
        assert!(journal.contains("\"new\":42"), "SIG{signal}: {journal}");
        assert_eq!(
            std::fs::read_to_string(&file).unwrap(),
            DEMO,
            "SIG{signal}: nothing saved unasked"
        );
    }
}

/// A snapshot whose file name carries a title change and a screen clear:
/// the console's banners name it made safe, and no byte the console writes
/// holds an OSC sequence or a BEL.
#[test]
fn a_hostile_file_name_reaches_the_console_made_safe() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("evil\u{1b}]0;PWNED\u{7}\u{1b}[2J.json");
    std::fs::write(&file, DEMO).unwrap();
    let state = dir.path().join("state");
    let mut t = Term::console(&file, &state);
    t.wait_text("议程 1/8");
    // Broken, then gone: each banner names the file.
    std::fs::write(&file, b"{\"format\": \"guotang/1\"").unwrap();
    t.wait_text("数据文件有误");
    std::fs::remove_file(&file).unwrap();
    t.wait_text(BANNER);
    t.wait_text("evil]0;PWNED[2J.json");
    t.quit();
    t.drain();
    let osc = t.raw.windows(2).position(|w| w == b"\x1b]");
    assert_eq!(osc, None, "an OSC sequence reached the terminal");
    assert!(!t.raw.contains(&0x07), "a BEL reached the terminal");
}
