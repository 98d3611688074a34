//! The real binary in a pseudo-terminal: keys in, screen read back through a
//! terminal emulator (vt100). Generous timeouts, and every check polls the
//! screen until the expected text appears, so a slow machine only waits.

use std::path::Path;

use crate::support::pty::Term;

fn spawn(file: &Path, state: &Path) -> Term {
    Term::spawn(
        &[file.as_os_str()],
        &[
            ("GUOTANG_STATE_DIR", state.as_os_str()),
            ("GUOTANG_CONFIG_DIR", state.as_os_str()),
        ],
    )
}

#[test]
fn keys_move_the_console_and_quitting_restores_the_terminal() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("meeting.json");
    std::fs::write(&file, guotang::model::DEMO).unwrap();
    let state = dir.path().join("state");
    let mut t = spawn(&file, &state);

    t.wait_for("the alternate screen", |s| s.alternate_screen());
    t.wait_text("议程 1/8");
    t.wait_text("主要指标");

    t.send("\x1b[C"); // →
    t.wait_text("议程 2/8");

    t.send("?");
    t.wait_text("键位");
    t.send("x"); // any key closes the help
    t.wait_for("the help to close", |s| !s.contents().contains("键位"));
    assert!(t.parser.screen().contents().contains("议程 2/8"));

    // An outside edit, saved atomically, shows at once; the item stays.
    let edited = guotang::model::DEMO.replace(
        "全区招商引资工作过堂会（1—4月）",
        "全区招商引资工作过堂会（修订）",
    );
    guotang::store::write_atomic(&file, edited.as_bytes()).unwrap();
    t.wait_text("（修订）");
    t.wait_text("数据已更新");
    assert!(t.parser.screen().contents().contains("议程 2/8"));

    // A broken save keeps the last good data, with the error's place.
    guotang::store::write_atomic(&file, b"{\n  \"format\": \"guotang/1\",\n  oops\n}").unwrap();
    t.wait_text("meeting.json 第 3 行"); // the banner speaks the meeting's language
    assert!(t.parser.screen().contents().contains("（修订）"));

    t.send("qq"); // q asks during a meeting; the second quits
    t.wait_for("the alternate screen to be left", |s| !s.alternate_screen());
    let status = t.child.wait().unwrap();
    assert!(status.success(), "{status:?}");
    t.drain();
    let screen = t.parser.screen();
    assert_eq!(screen.mouse_protocol_mode(), vt100::MouseProtocolMode::None);
    assert!(!screen.hide_cursor(), "the cursor is shown again");

    // The meeting log has every transition, closed cleanly.
    let log = std::fs::read_dir(&state)
        .unwrap()
        .filter_map(Result::ok)
        .find(|e| e.file_name().to_string_lossy().starts_with("log-"))
        .map(|e| std::fs::read_to_string(e.path()).unwrap())
        .expect("no meeting log written");
    for kind in ["\"open\"", "\"item_start\"", "\"item_end\"", "\"close\""] {
        assert!(log.contains(kind), "{kind} missing from the log:\n{log}");
    }
}

#[test]
fn a_restarted_console_resumes_on_the_same_item() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("meeting.json");
    std::fs::write(&file, guotang::model::DEMO).unwrap();
    let state = dir.path().join("state");

    let mut t = spawn(&file, &state);
    t.wait_text("议程 1/8");
    t.send("3");
    t.wait_text("议程 3/8");
    t.send("qq");
    t.wait_for("the alternate screen to be left", |s| !s.alternate_screen());
    assert!(t.child.wait().unwrap().success());

    let mut again = spawn(&file, &state);
    again.wait_text("议程 3/8");
    // It quit cleanly, so the clock reopens paused.
    again.wait_text("已暂停");
    again.send("qq");
    again.wait_for("the alternate screen to be left", |s| !s.alternate_screen());
    assert!(again.child.wait().unwrap().success());
}

#[test]
fn without_a_terminal_it_says_how_to_render_instead() {
    let dir = tempfile::tempdir().unwrap();
    let out = std::process::Command::new(env!("CARGO_BIN_EXE_guotang"))
        .env("GUOTANG_STATE_DIR", dir.path())
        .stdin(std::process::Stdio::null())
        .output()
        .unwrap();
    assert!(!out.status.success());
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(
        err.contains("needs a terminal") && err.contains("guotang render"),
        "{err}"
    );
}
