//! The room's screens end to end, in pseudo-terminals: a snapshot followed
//! by polling (as on a network share), the presenter's position followed by
//! an audience console with a state of its own (as on another machine), two
//! presenters on one file, and the hall board.

mod support;

use std::ffi::OsStr;
use std::path::PathBuf;

use guotang::model::DEMO;
use support::pty::Term;

const TITLE: &str = "全区招商引资工作过堂会（1—4月）";

fn meeting() -> (tempfile::TempDir, PathBuf) {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("meeting.json");
    std::fs::write(&file, DEMO).unwrap();
    (dir, file)
}

/// `--watch poll` (what a network share gets): the header says so, a file
/// that disappears gets the gone banner and the meeting goes on, and the
/// file back is shown.
#[test]
fn a_polled_snapshot_that_disappears_is_reported_and_followed_back() {
    let (dir, file) = meeting();
    let state = dir.path().join("state");
    let args = [file.as_os_str(), OsStr::new("--watch"), OsStr::new("poll")];
    let mut t = Term::with_state(&args, &state);
    t.wait_text("议程 1/8");
    t.wait_text("轮询");
    std::fs::remove_file(&file).unwrap();
    t.wait_text("数据文件不见了");
    assert!(t.contents().contains(TITLE));
    t.send("\x1b[C"); // →
    t.wait_text("议程 2/8");
    let revised = DEMO.replace(TITLE, "全区招商引资工作过堂会（修订）");
    guotang::store::write_atomic(&file, revised.as_bytes()).unwrap();
    t.wait_text("（修订）");
    t.wait_gone("数据文件不见了");
    t.quit();
}
