//! Faults on save: a read-only folder, a file size limit, a full disk, and a
//! process killed while it journals edits. Each save must fail with an error
//! naming the file, leave the snapshot byte for byte as it was, and leave no
//! temporary file behind; journaled edits must outlive the process.
//!
//! Tests here may run as root, for whom `chmod 555` binds nothing. Then the
//! read-only cases run in a child process that drops to `nobody` (root may
//! set any uid): the test binary runs itself (`child_*` tests, which do
//! nothing unless their environment variable is set) or the real binary.

use std::io::{BufRead, BufReader};
use std::os::unix::fs::{MetadataExt, PermissionsExt};
use std::os::unix::process::CommandExt;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::Duration;

use guotang::model::edit::Assignment;
use guotang::store::{self, Expect, SaveError, journal};

use crate::support::data::data_env;

const MEETING: &str = include_str!("../fixtures/edit/meeting.json");
const NOBODY: u32 = 65534;
const CHILD_STORE: &str = "GUOTANG_FAULTS_STORE_SAVE";
const CHILD_JOURNAL: &str = "GUOTANG_FAULTS_JOURNAL";

/// Whether this process can write where the permissions say it cannot.
fn is_root() -> bool {
    let f = tempfile::NamedTempFile::new().unwrap();
    f.as_file().metadata().unwrap().uid() == 0
}

fn chmod(path: &Path, mode: u32) {
    std::fs::set_permissions(path, std::fs::Permissions::from_mode(mode)).unwrap();
}

fn temporaries(dir: &Path) -> Vec<PathBuf> {
    let mut found = Vec::new();
    for e in walk(dir) {
        let name = e.file_name().unwrap().to_string_lossy().into_owned();
        if name.contains(".guotang-") && name.ends_with(".tmp") {
            found.push(e);
        }
    }
    found
}

fn walk(dir: &Path) -> Vec<PathBuf> {
    let mut out = Vec::new();
    for e in std::fs::read_dir(dir).unwrap() {
        let p = e.unwrap().path();
        if p.is_dir() {
            out.extend(walk(&p));
        } else {
            out.push(p);
        }
    }
    out
}

/// A snapshot in a folder nobody may write to, and a data folder anyone may.
struct ReadOnly {
    /// Removed last, after `drop` made `dir` writable again.
    _root: tempfile::TempDir,
    dir: PathBuf,
    file: PathBuf,
    data: PathBuf,
}

impl ReadOnly {
    fn new() -> ReadOnly {
        let root = tempfile::tempdir().unwrap();
        // `nobody` must reach the files: the temporary root is 0700.
        chmod(root.path(), 0o755);
        let dir = root.path().join("shared");
        std::fs::create_dir(&dir).unwrap();
        let file = dir.join("meeting.json");
        std::fs::write(&file, MEETING).unwrap();
        chmod(&file, 0o644);
        let data = root.path().join("data");
        std::fs::create_dir(&data).unwrap();
        chmod(&data, 0o777);
        chmod(&dir, 0o555);
        ReadOnly {
            _root: root,
            dir,
            file,
            data,
        }
    }

    /// The snapshot is as it was, and nothing was left in its folder.
    fn check_untouched(&self) {
        assert_eq!(std::fs::read_to_string(&self.file).unwrap(), MEETING);
        assert_eq!(temporaries(&self.dir), Vec::<PathBuf>::new());
        assert_eq!(temporaries(&self.data), Vec::<PathBuf>::new());
        store::load(&self.file).unwrap();
    }
}

impl Drop for ReadOnly {
    fn drop(&mut self) {
        // Else the temporary directory cannot be removed (when not root).
        chmod(&self.dir, 0o755);
    }
}

/// Drops to `nobody` when root, so that the folder's permissions bind.
fn unprivileged(c: &mut Command) -> &mut Command {
    if is_root() {
        c.uid(NOBODY).gid(NOBODY);
    }
    c
}

/// What `store::save` must do in a read-only folder; run by whoever the
/// permissions bind.
fn save_into_read_only_folder(file: &Path) {
    let loaded = store::load(file).unwrap();
    let mut doc = loaded.doc.clone();
    doc.edit(&[Assignment::parse("units.kfq.actuals.signed=6").unwrap()])
        .unwrap();
    let err = store::save(file, &doc, Expect::Unchanged(loaded.content_hash)).unwrap_err();
    let SaveError::Io { path, source } = &err else {
        panic!("expected an i/o error, got {err:?}");
    };
    assert_eq!(path, file);
    assert_eq!(source.kind(), std::io::ErrorKind::PermissionDenied, "{err}");
    let text = err.to_string();
    assert!(
        text.starts_with(&format!("cannot save {}: ", file.display())),
        "{text}"
    );
    assert!(text.contains("Permission denied"), "{text}");
    assert!(
        !text.contains(".guotang-"),
        "names a temporary file: {text}"
    );
}

#[test]
fn child_store_save() {
    // Run by `store_save_into_a_read_only_folder_fails_and_changes_nothing` as `nobody`.
    if let Some(file) = std::env::var_os(CHILD_STORE) {
        save_into_read_only_folder(Path::new(&file));
    }
}

#[test]
fn store_save_into_a_read_only_folder_fails_and_changes_nothing() {
    let ro = ReadOnly::new();
    if is_root() {
        let out = unprivileged(&mut Command::new(std::env::current_exe().unwrap()))
            .args(["--exact", &this_module("child_store_save"), "--nocapture"])
            .env(CHILD_STORE, &ro.file)
            .env("GUOTANG_DATA_DIR", &ro.data)
            .output()
            .unwrap();
        let text = String::from_utf8_lossy(&out.stdout).into_owned()
            + &String::from_utf8_lossy(&out.stderr);
        assert!(out.status.success(), "{text}");
        // The child really ran the check (a filter typo would run nothing).
        assert!(text.contains("1 passed"), "{text}");
    } else {
        data_env();
        save_into_read_only_folder(&ro.file);
    }
    ro.check_untouched();
}

/// The full name of test `name` of this module, as the test binary runs it
/// again as a child (`--exact`): its path without the binary's name.
fn this_module(name: &str) -> String {
    let module = module_path!().split_once("::").map_or("", |(_, m)| m);
    format!("{module}::{name}")
}

#[test]
fn a_save_under_a_path_whose_folder_is_a_file_names_the_file() {
    // The one read-only case that binds root too.
    let dir = tempfile::tempdir().unwrap();
    let not_a_dir = dir.path().join("notes.txt");
    std::fs::write(&not_a_dir, "x").unwrap();
    let file = not_a_dir.join("meeting.json");
    let err = store::save_bytes(&file, MEETING.as_bytes(), Expect::Absent).unwrap_err();
    let text = err.to_string();
    assert!(
        text.starts_with(&format!("cannot save {}: ", file.display())),
        "{text}"
    );
    assert!(text.contains("Not a directory"), "{text}");
    assert_eq!(std::fs::read_to_string(&not_a_dir).unwrap(), "x");
    assert_eq!(walk(dir.path()), vec![not_a_dir]);
}

#[test]
fn set_in_a_read_only_folder_fails_on_stderr_and_changes_nothing() {
    let ro = ReadOnly::new();
    let mut c = Command::new(env!("CARGO_BIN_EXE_guotang"));
    unprivileged(&mut c)
        .current_dir(&ro.dir)
        .env("GUOTANG_DATA_DIR", &ro.data)
        .args(["set", "meeting.json", "units.kfq.actuals.signed=6"]);
    let out = assert_cmd::Command::from_std(c).output().unwrap();
    assert_eq!(out.status.code(), Some(1), "{out:?}");
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(
        err.contains("error: cannot save meeting.json: Permission denied"),
        "{err}"
    );
    assert!(
        err.contains("nothing written: meeting.json is as it was"),
        "{err}"
    );
    assert!(!err.contains(".guotang-"), "names a temporary file: {err}");
    ro.check_untouched();
    // The save lock went to the data folder, and was released.
    assert!(
        !walk(&ro.data)
            .iter()
            .any(|p| p.ends_with("guotang-lock") || p.ends_with("guotang-save")),
        "{:?}",
        walk(&ro.data)
    );
}

/// A folder with `meeting.json` and a data folder, for the full-disk cases.
fn meeting_folder() -> (tempfile::TempDir, PathBuf, PathBuf) {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("meeting.json");
    std::fs::write(&file, MEETING).unwrap();
    let data = dir.path().join("data");
    (dir, file, data)
}

#[test]
fn set_past_the_file_size_limit_fails_cleanly() {
    // `ulimit -f 2` (dash counts 512-byte blocks): 1 KB, less than the
    // snapshot (2 KB), more than the lock file. SIGXFSZ keeps its default
    // action (kill): guotang must catch it itself to report the failure.
    let (dir, file, data) = meeting_folder();
    assert!(MEETING.len() > 1024);
    let out = assert_cmd::Command::new("sh")
        .current_dir(dir.path())
        .env("GUOTANG_DATA_DIR", &data)
        .args(["-c", "ulimit -f 2 && exec \"$0\" \"$@\""])
        .arg(env!("CARGO_BIN_EXE_guotang"))
        .args(["set", "meeting.json", "units.kfq.actuals.signed=6"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1), "killed? {out:?}");
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(
        err.contains("error: cannot save meeting.json: File too large"),
        "{err}"
    );
    assert!(
        err.contains("nothing written: meeting.json is as it was"),
        "{err}"
    );
    assert!(!err.contains(".guotang-"), "names a temporary file: {err}");
    assert_eq!(std::fs::read_to_string(&file).unwrap(), MEETING);
    store::load(&file).unwrap();
    assert_eq!(temporaries(dir.path()), Vec::<PathBuf>::new());
    // The lock of a killed process would be left too.
    assert!(!dir.path().join(".meeting.json.guotang-save").exists());
}

#[test]
fn set_on_a_full_disk_fails_cleanly() {
    // A real full disk: a 64 KB tmpfs, filled, in a user and mount namespace
    // of its own (no privilege needed where user namespaces are allowed).
    // The checks on the tmpfs run inside, before it goes with the namespace.
    let (dir, file, data) = meeting_folder();
    let disk = dir.path().join("disk");
    std::fs::create_dir(&disk).unwrap();
    let script = r#"
        set -u
        mount -t tmpfs -o size=64k tmpfs "$DISK" || exit 97
        cp "$FILE" "$DISK/meeting.json"
        head -c 1000000 /dev/zero > "$DISK/filler" 2>/dev/null
        cd "$DISK"
        "$GUOTANG" set meeting.json units.kfq.actuals.signed=6
        echo "exit=$?"
        cmp -s "$FILE" "$DISK/meeting.json" && echo "unchanged"
        ls -A "$DISK" | tr '\n' ' '
        echo
    "#;
    let out = Command::new("unshare")
        .args(["--user", "--map-root-user", "--mount", "sh", "-c", script])
        .env("DISK", &disk)
        .env("FILE", &file)
        .env("GUOTANG", env!("CARGO_BIN_EXE_guotang"))
        .env("GUOTANG_DATA_DIR", &data)
        .output();
    let out = match out {
        Ok(o) if o.status.code() != Some(97) && o.status.code() != Some(1) => o,
        other => {
            eprintln!("skipped: no user namespace to mount a small tmpfs in: {other:?}");
            return;
        }
    };
    let stdout = String::from_utf8_lossy(&out.stdout);
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(stdout.contains("exit=1"), "{stdout}\n{stderr}");
    assert!(stdout.contains("unchanged"), "{stdout}\n{stderr}");
    let listing: Vec<&str> = stdout.lines().last().unwrap().split_whitespace().collect();
    assert_eq!(listing, ["filler", "meeting.json"], "{stdout}");
    assert!(
        stderr.contains("error: cannot save meeting.json: No space left on device"),
        "{stderr}"
    );
    assert!(
        stderr.contains("nothing written: meeting.json is as it was"),
        "{stderr}"
    );
    assert!(!stderr.contains(".guotang-"), "{stderr}");
    assert_eq!(temporaries(dir.path()), Vec::<PathBuf>::new());
}

/// The journal child: journals edits of the snapshot `file` one after
/// another, printing the value of each once it is durable, until killed.
#[test]
fn child_journal() {
    let Some(file) = std::env::var_os(CHILD_JOURNAL) else {
        return;
    };
    let file = PathBuf::from(file);
    let loaded = store::load(&file).unwrap();
    let mut doc = loaded.doc;
    let mut journal = store::Journal::start(&file, loaded.content_hash).unwrap();
    for i in 0u64.. {
        let a = Assignment::parse(&format!("units.kfq.actuals.signed={i}")).unwrap();
        let changes = doc.edit(&[a]).unwrap();
        journal.append(&changes).unwrap();
        println!("journaled {i}");
    }
}

#[test]
fn journaled_edits_outlive_a_kill() {
    const KILLS: u64 = 12;
    let data = data_env();
    let (dir, file, _) = meeting_folder();
    let (mut journaled, mut torn) = (0, 0);
    for round in 0..KILLS {
        let mut child = Command::new(std::env::current_exe().unwrap())
            .args(["--exact", &this_module("child_journal"), "--nocapture"])
            .env(CHILD_JOURNAL, &file)
            .env("GUOTANG_DATA_DIR", &data)
            .stdout(Stdio::piped())
            .spawn()
            .unwrap();
        // Wait for a number of durable edits that differs per round, then
        // kill at once, most likely mid-append.
        let want = 3 + round * 7;
        let mut last = None;
        let mut lines = BufReader::new(child.stdout.take().unwrap()).lines();
        while last.is_none_or(|n| n < want) {
            let line = lines.next().expect("the child stopped").unwrap();
            if let Some(n) = line.strip_prefix("journaled ") {
                last = Some(n.parse::<u64>().unwrap());
            }
        }
        if round % 2 == 1 {
            std::thread::sleep(Duration::from_millis(round));
        }
        child.kill().unwrap(); // SIGKILL
        child.wait().unwrap();
        let last = last.unwrap();

        // The OS let the killed writer's lock go: its journal is offered.
        let (r, claim) = journal::scan(&file, None)
            .unwrap()
            .found
            .expect("no edits pending");
        assert!(r.base_matches, "round {round}");
        assert_eq!(r.damaged_lines, 0, "round {round}");
        // Every edit reported durable is there (more may be: the child ran on).
        assert!(
            r.sets.len() as u64 > last,
            "round {round}: {} sets",
            r.sets.len()
        );
        let replayed = r.replay.as_ref().unwrap();
        assert!(replayed.clashes.is_empty());
        let signed = replayed.doc.json.head()["units"][0]["actuals"]["signed"]
            .as_u64()
            .unwrap();
        assert_eq!(signed, r.sets.len() as u64 - 1, "round {round}");
        // The snapshot itself was never touched.
        assert_eq!(std::fs::read_to_string(&file).unwrap(), MEETING);
        journaled += r.sets.len();
        torn += usize::from(r.torn_tail);
        claim.discard().unwrap();
    }
    eprintln!(
        "journal: {KILLS} kills, {journaled} edits recovered, {torn} torn last lines ignored"
    );
    assert_eq!(temporaries(dir.path()), Vec::<PathBuf>::new());
}
