//! A snapshot opened through a symbolic link (a shortcut in a shared
//! folder, a `current.json` pointing at this month's file) is the file it
//! points to: the console follows saves made to the real file, and the
//! lock is one whether the file is opened through the link, through its
//! real path or through a linked folder. Before, the watcher watched the
//! link's folder (and missed every save), and the link and the real path
//! had a lock file each, so two editors went on unwarned.

use std::ffi::OsStr;
use std::path::{Path, PathBuf};
use std::process::Command;

use crate::support::pty::Term;
use guotang::model::DEMO;

const TITLE: &str = "全区招商引资工作过堂会（1—4月）";

/// The real file in `real/`, a link to it in `links/`, and a link to the
/// folder `real/` as `folder`.
struct Layout {
    dir: tempfile::TempDir,
    real: PathBuf,
    link: PathBuf,
    via_folder: PathBuf,
}

fn layout() -> Layout {
    let dir = tempfile::tempdir().unwrap();
    let real_dir = dir.path().join("real");
    let links = dir.path().join("links");
    std::fs::create_dir(&real_dir).unwrap();
    std::fs::create_dir(&links).unwrap();
    let real = real_dir.join("2026-05.json");
    std::fs::write(&real, DEMO).unwrap();
    let link = links.join("current.json");
    std::os::unix::fs::symlink(&real, &link).unwrap();
    let folder = dir.path().join("folder");
    std::os::unix::fs::symlink(&real_dir, &folder).unwrap();
    let via_folder = folder.join("2026-05.json");
    Layout {
        dir,
        real,
        link,
        via_folder,
    }
}

fn env(dir: &Path, who: &str) -> Vec<(&'static str, std::ffi::OsString)> {
    let state = dir.join(who);
    vec![
        ("GUOTANG_STATE_DIR", state.clone().into_os_string()),
        ("GUOTANG_CONFIG_DIR", state.into_os_string()),
        ("GUOTANG_DATA_DIR", dir.join("data").into_os_string()),
    ]
}

fn spawn(args: &[&OsStr], env: &[(&'static str, std::ffi::OsString)]) -> Term {
    let env: Vec<(&str, &OsStr)> = env.iter().map(|(k, v)| (*k, v.as_os_str())).collect();
    Term::spawn(args, &env)
}

/// `guotang set FILE ASSIGNMENT`: its exit code and standard error.
fn set(dir: &Path, file: &Path, assignment: &str) -> (Option<i32>, String) {
    let out = Command::new(env!("CARGO_BIN_EXE_guotang"))
        .env("LANG", "C.UTF-8")
        .env("GUOTANG_DATA_DIR", dir.join("data"))
        .arg("set")
        .arg(file)
        .arg(assignment)
        .output()
        .unwrap();
    (
        out.status.code(),
        String::from_utf8_lossy(&out.stderr).into_owned(),
    )
}

#[test]
fn a_console_opened_through_a_link_follows_saves_to_the_real_file() {
    let l = layout();
    let mut t = spawn(&[l.link.as_os_str()], &env(l.dir.path(), "presenter"));
    t.wait_text("议程 1/8");
    t.wait_text(TITLE);
    // Someone saves the real file, in its own folder (not the link's).
    let revised = DEMO.replace(TITLE, "全区招商引资工作过堂会（修订）");
    guotang::store::write_atomic(&l.real, revised.as_bytes()).unwrap();
    t.wait_text("（修订）");
    // The link is still a link, and still points at the file.
    assert!(std::fs::symlink_metadata(&l.link).unwrap().is_symlink());
    t.quit();
}

/// An edit in the numbers sheet, not saved: `set` waits for it.
fn unsaved_edit(t: &mut Term) {
    t.send("\x1b[B\x1b[C\x1b[C\x1b[C\x1b[C");
    t.send("42\r");
    t.wait_text("● 未保存");
}

#[test]
fn the_link_the_real_path_and_a_linked_folder_share_one_lock() {
    let l = layout();
    let d = l.dir.path();
    let mut first = spawn(&[OsStr::new("edit"), l.link.as_os_str()], &env(d, "a"));
    first.wait_text("白沙镇");
    let pid = first.child.process_id().unwrap();
    // The lock is beside the real file, and none beside the link.
    let lock = l.real.with_file_name(".2026-05.json.guotang-lock");
    assert!(lock.exists(), "the lock is beside the real file");
    assert!(
        !l.link.with_file_name(".current.json.guotang-lock").exists(),
        "no second lock beside the link"
    );

    // A second editor on the real path is told who holds it.
    let mut second = spawn(&[OsStr::new("edit"), l.real.as_os_str()], &env(d, "b"));
    second.wait_text("另有人在编辑此文件");
    second.wait_text(&format!("pid {pid}"));
    second.send("q");
    second.drain();

    // `set` through the link, the real path or the linked folder is
    // refused while the editor has an unsaved edit; nothing is written.
    unsaved_edit(&mut first);
    for path in [&l.link, &l.real, &l.via_folder] {
        let (code, stderr) = set(d, path, "units.kfq.actuals.investment=5");
        assert_eq!(code, Some(1), "{}: {stderr}", path.display());
        assert!(stderr.contains("being edited"), "{stderr}");
    }
    assert_eq!(std::fs::read_to_string(&l.real).unwrap(), DEMO);

    first.send("\x13");
    first.wait_text("已保存");
    first.send("q");
    first.drain();
    assert!(first.child.wait().unwrap().success());
    assert!(!lock.exists(), "the lock goes with its holder");
    // Free again: a save through the link lands in the real file, and the
    // link stays a link.
    let (code, stderr) = set(d, &l.link, "units.kfq.actuals.investment=5");
    assert_eq!(code, Some(0), "{stderr}");
    assert!(std::fs::symlink_metadata(&l.link).unwrap().is_symlink());
    let saved = guotang::store::load(&l.real).unwrap().doc.snapshot;
    assert_eq!(saved.units[0].actuals[1], Some(5.0));
}

#[test]
fn an_editor_in_a_linked_folder_is_seen_from_the_real_folder() {
    let l = layout();
    let d = l.dir.path();
    let mut first = spawn(
        &[OsStr::new("edit"), l.via_folder.as_os_str()],
        &env(d, "a"),
    );
    first.wait_text("白沙镇");
    unsaved_edit(&mut first);
    let (code, stderr) = set(d, &l.real, "units.kfq.actuals.investment=5");
    assert_eq!(code, Some(1), "{stderr}");
    assert!(stderr.contains("being edited"), "{stderr}");
    // And its screen follows a save made in the real folder once it is free.
    first.send("\x13");
    first.wait_text("已保存");
    first.send("e"); // back to the meeting: nothing unsaved, the lock goes
    let revised = DEMO.replace(TITLE, "全区招商引资工作过堂会（修订）");
    guotang::store::write_atomic(&l.real, revised.as_bytes()).unwrap();
    first.wait_text("（修订）");
    first.send("q");
    first.drain();
}
