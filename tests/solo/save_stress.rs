//! No acknowledged save is lost, whoever writes at the same time: parallel
//! `guotang set` appends, `set --force` past an editor's lock, and the
//! editor itself saving (and merging) in a pseudo-terminal. Every write that
//! exited 0 (or that the editor reported saved) must be in the final file.
//!
//! Bounded in count, not in time: a slow machine only waits longer. The
//! files live on a tmpfs (/dev/shm) when there is one: this test is about
//! races, not about the disk, and an fsync per save on a real disk would
//! make thousands of saves take minutes.

use std::ffi::OsStr;
use std::path::{Path, PathBuf};
use std::process::Command;
use std::thread;

use crate::support::pty::Term;

/// A folder on a tmpfs if the machine has one.
fn scratch() -> tempfile::TempDir {
    let shm = Path::new("/dev/shm");
    if shm.is_dir()
        && let Ok(d) = tempfile::Builder::new()
            .prefix("guotang-stress-")
            .tempdir_in(shm)
    {
        return d;
    }
    tempfile::tempdir().unwrap()
}

struct Setup {
    _dir: tempfile::TempDir,
    file: PathBuf,
    data: PathBuf,
    state: PathBuf,
}

fn setup() -> Setup {
    let dir = scratch();
    let file = dir.path().join("meeting.json");
    std::fs::write(&file, guotang::model::DEMO).unwrap();
    let data = dir.path().join("data");
    let state = dir.path().join("state");
    Setup {
        file,
        data,
        state,
        _dir: dir,
    }
}

/// A project to append: its id is the proof that the write happened.
fn project(id: &str) -> String {
    format!(r#"projects.+={{"id":"{id}","name":"压力测试 {id}","unit":"kfq","stage":"signed"}}"#)
}

/// `rounds` appends by one worker, one `guotang set` each; the ids of those
/// that exited 0.
fn appender(s: &Setup, tag: String, rounds: usize, force: bool) -> thread::JoinHandle<Vec<String>> {
    let file = s.file.clone();
    let data = s.data.clone();
    thread::spawn(move || {
        let mut ok = Vec::new();
        for i in 0..rounds {
            let id = format!("{tag}-{i}");
            let mut cmd = Command::new(env!("CARGO_BIN_EXE_guotang"));
            cmd.arg("set");
            if force {
                cmd.arg("--force");
            }
            let out = cmd
                .arg(&file)
                .arg(project(&id))
                .env("GUOTANG_DATA_DIR", &data)
                .output()
                .unwrap();
            if out.status.success() {
                ok.push(id);
            }
        }
        ok
    })
}

/// `rounds` increments of a counter in the file (`x_stress`, a field the
/// format ignores) by a thread of this process, through the store's write
/// path as `set` uses it: the save lock from the read to the rename. A lost
/// update shows as a count short of the increments acknowledged. Cheaper
/// than a process each (no validation: the bytes are read and written as
/// JSON), so the count can be in the thousands.
fn incrementer(s: &Setup, rounds: usize) -> thread::JoinHandle<usize> {
    use guotang::store::{self, Expect, save::Writer};
    let file = s.file.clone();
    thread::spawn(move || {
        for _ in 0..rounds {
            let w = Writer::begin(&file, "stress test").unwrap();
            let bytes = store::read_bytes(w.path()).unwrap();
            let mut json: serde_json::Value = serde_json::from_slice(&bytes).unwrap();
            let n = json["x_stress"].as_u64().unwrap_or(0);
            json["x_stress"] = (n + 1).into();
            let text = serde_json::to_vec_pretty(&json).unwrap();
            w.save_bytes(&text, Expect::Unchanged(store::hash_bytes(&bytes)))
                .unwrap();
        }
        rounds
    })
}

/// The counter [`incrementer`] counts in.
fn counted(file: &Path) -> u64 {
    let json: serde_json::Value = serde_json::from_slice(&std::fs::read(file).unwrap()).unwrap();
    json["x_stress"].as_u64().unwrap_or(0)
}

/// The ids of the projects in the file now (which must load).
fn ids_on_disk(file: &Path) -> std::collections::HashSet<String> {
    let loaded = guotang::store::load(file).unwrap();
    loaded
        .doc
        .snapshot
        .projects
        .iter()
        .map(|p| p.id.to_string())
        .collect()
}

/// Waits for every worker; checks each acknowledged append is on disk.
fn check(file: &Path, workers: Vec<thread::JoinHandle<Vec<String>>>, what: &str) -> usize {
    let acknowledged: Vec<String> = workers
        .into_iter()
        .flat_map(|w| w.join().unwrap())
        .collect();
    let on_disk = ids_on_disk(file);
    let lost: Vec<&String> = acknowledged
        .iter()
        .filter(|id| !on_disk.contains(*id))
        .collect();
    assert!(
        lost.is_empty(),
        "{what}: {} of {} writes that exited 0 are not in the file: {lost:?}",
        lost.len(),
        acknowledged.len()
    );
    acknowledged.len()
}

const DIALOG: &str = "r 载入对方修改并重做我的修改";
const UNSAVED: &str = "● 未保存";

/// One edit and its save in the editor: type `value` into the cell under
/// the cursor, Ctrl+S, and answer every conflict with "reload theirs and
/// re-apply mine" until the edit is saved.
fn edit_and_save(t: &mut Term, value: u32) {
    t.send(&format!("{value}\r"));
    t.wait_text(UNSAVED);
    t.send("\x13");
    loop {
        t.wait_for("the save or a conflict", |s| {
            let c = s.contents();
            c.contains(DIALOG) || !c.contains(UNSAVED)
        });
        if !t.contents().contains(DIALOG) {
            return;
        }
        // Theirs loaded and mine re-applied, under the save lock: saved,
        // with no room for another conflict.
        t.send("r");
        t.wait_gone(DIALOG);
    }
}

#[test]
fn no_write_that_exited_0_is_lost_by_parallel_sets_forced_sets_or_an_editor() {
    let s = setup();
    let mut total = 0;
    let started = std::time::Instant::now();

    // 1. Parallel appends, no editor: each waits for the others' saves.
    // SAFETY: set before any thread of this test binary starts (one test).
    unsafe { std::env::set_var("GUOTANG_DATA_DIR", &s.data) };
    let counters: Vec<_> = (0..2).map(|_| incrementer(&s, 600)).collect();
    let workers: Vec<_> = (0..8)
        .map(|w| appender(&s, format!("A{w}"), 50, false))
        .collect();
    let increments: usize = counters.into_iter().map(|c| c.join().unwrap()).sum();
    let n = check(&s.file, workers, "parallel set");
    assert!(n >= 8 * 50 / 2, "most appends succeed: {n} of 400");
    assert_eq!(
        counted(&s.file),
        increments as u64,
        "every increment acknowledged is counted"
    );
    total += increments;
    total += n;
    eprintln!("phase 1: {n} sets, {:?}", started.elapsed());

    // 2. An editor holds the file: `set --force` goes past its lock while
    // it edits and saves the same file.
    let env = [
        ("GUOTANG_STATE_DIR", s.state.as_os_str()),
        ("GUOTANG_CONFIG_DIR", s.state.as_os_str()),
        ("GUOTANG_DATA_DIR", s.data.as_os_str()),
    ];
    let mut editor = Term::spawn(&[OsStr::new("edit"), s.file.as_os_str()], &env);
    editor.wait_text("白沙镇");
    // 白沙镇 (row 6), 协议引资额 actual (column 7).
    editor.send(&"\x1b[B".repeat(6));
    editor.send(&"\x1b[C".repeat(7));
    let mut workers: Vec<_> = (0..4)
        .map(|w| appender(&s, format!("F{w}"), 50, true))
        .collect();
    // Without --force: written only while the editor has nothing unsaved.
    workers.push(appender(&s, "N".into(), 40, false));
    const EDITS: u32 = 25;
    for k in 0..EDITS {
        edit_and_save(&mut editor, 1000 + k);
    }
    let n = check(&s.file, workers, "set --force beside an editor");
    assert!(n >= 4 * 50 / 2, "most forced appends succeed: {n} of 240");
    total += n + EDITS as usize;
    let on_disk = guotang::store::load(&s.file).unwrap().doc.snapshot;
    assert_eq!(
        on_disk.units[6].actuals[1],
        Some(f64::from(1000 + EDITS - 1)),
        "the editor's last save is in the file"
    );
    editor.send("q");
    editor.drain();
    eprintln!(
        "{total} writes acknowledged, none lost, {:?}",
        started.elapsed()
    );
}
