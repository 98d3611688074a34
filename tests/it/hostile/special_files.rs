//! Paths that are not regular files: a FIFO with no writer (opening it
//! waited for ever), a character device (`/dev/zero` was read up to the
//! 256 MB limit before it was refused), a folder. Each is refused at once
//! by every command that reads a snapshot or a sheet, with an error naming
//! what it is.

use std::path::Path;
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

/// Runs guotang; a run still going after a minute is a hang (the machine
/// may be slow, but not that slow): killed, and the test fails.
fn run_bounded(dir: &Path, args: &[&std::ffi::OsStr]) -> (Option<i32>, String) {
    let mut child = Command::new(env!("CARGO_BIN_EXE_guotang"))
        .env("LANG", "C.UTF-8")
        .env("GUOTANG_DATA_DIR", dir.join("data"))
        .env("GUOTANG_STATE_DIR", dir.join("state"))
        .args(args)
        .stdin(Stdio::null())
        .stdout(Stdio::null())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let deadline = Instant::now() + Duration::from_secs(60);
    loop {
        if child.try_wait().unwrap().is_some() {
            break;
        }
        if Instant::now() > deadline {
            let _ = child.kill();
            let _ = child.wait();
            panic!("guotang {args:?} hung");
        }
        std::thread::sleep(Duration::from_millis(20));
    }
    let out = child.wait_with_output().unwrap();
    (
        out.status.code(),
        String::from_utf8_lossy(&out.stderr).into_owned(),
    )
}

fn mkfifo(path: &Path) {
    let status = Command::new("mkfifo").arg(path).status().unwrap();
    assert!(status.success());
}

/// Every command that reads a snapshot, on `path`.
fn snapshot_commands(path: &Path) -> Vec<Vec<std::ffi::OsString>> {
    let p = path.as_os_str().to_owned();
    [
        vec!["check".into(), p.clone()],
        vec!["standings".into(), p.clone()],
        vec!["render".into(), p.clone()],
        vec!["export".into(), p.clone()],
        vec!["report".into(), p.clone()],
        vec![
            "set".into(),
            p.clone(),
            "units.kfq.actuals.investment=1".into(),
        ],
        vec!["backups".into(), p.clone()],
        vec!["edit".into(), p.clone()],
        vec![p],
    ]
    .into_iter()
    .collect()
}

fn refused_naming(dir: &Path, path: &Path, what: &str) {
    for args in snapshot_commands(path) {
        let a: Vec<&std::ffi::OsStr> = args.iter().map(|s| s.as_os_str()).collect();
        let (code, stderr) = run_bounded(dir, &a);
        assert_eq!(code, Some(1), "{args:?}: {stderr}");
        assert!(
            stderr.contains(&format!("it is {what}, not a file")),
            "{args:?}: {stderr}"
        );
    }
}

#[test]
fn a_fifo_with_no_writer_is_refused_at_once() {
    let dir = tempfile::tempdir().unwrap();
    let fifo = dir.path().join("meeting.json");
    mkfifo(&fifo);
    refused_naming(dir.path(), &fifo, "a FIFO (named pipe)");
    // A sheet that is a FIFO, too.
    let snap = dir.path().join("real.json");
    std::fs::write(&snap, guotang::model::DEMO).unwrap();
    let sheet = dir.path().join("sheet.csv");
    mkfifo(&sheet);
    let (code, stderr) = run_bounded(
        dir.path(),
        &[
            "import".as_ref(),
            snap.as_os_str(),
            "--from".as_ref(),
            sheet.as_os_str(),
        ],
    );
    assert_eq!(code, Some(1), "{stderr}");
    assert!(stderr.contains("it is a FIFO (named pipe)"), "{stderr}");
}

#[test]
fn a_device_is_refused_unread_naming_what_it_is() {
    let dir = tempfile::tempdir().unwrap();
    // Read to the limit, /dev/zero was refused as "too large" before.
    refused_naming(dir.path(), Path::new("/dev/zero"), "a character device");
    // A link to a device is followed, and refused the same way.
    let link = dir.path().join("zero.json");
    std::os::unix::fs::symlink("/dev/zero", &link).unwrap();
    let (code, stderr) = run_bounded(dir.path(), &["check".as_ref(), link.as_os_str()]);
    assert_eq!(code, Some(1));
    assert!(stderr.contains("it is a character device"), "{stderr}");
    // A folder.
    let (code, stderr) = run_bounded(dir.path(), &["check".as_ref(), dir.path().as_os_str()]);
    assert_eq!(code, Some(1));
    assert!(stderr.contains("it is a directory, not a file"), "{stderr}");
}
