//! A standard output nobody reads (`guotang standings | head -1`): every
//! command ends quietly, by SIGPIPE as Unix tools do, instead of panicking
//! with "failed printing to stdout: Broken pipe" (status 101). A command
//! that writes a file finishes its work first: the file is saved and its
//! lock let go.

use std::os::unix::process::ExitStatusExt;
use std::path::Path;
use std::process::{Command, Output, Stdio};

use super::*;

const SIGPIPE: i32 = 13;

/// Runs guotang with a standard output whose reader is already gone.
fn with_closed_stdout(dir: &Path, args: &[&std::ffi::OsStr]) -> Output {
    let (reader, writer) = std::io::pipe().unwrap();
    drop(reader);
    Command::new(env!("CARGO_BIN_EXE_guotang"))
        .env("LANG", "C.UTF-8")
        .env("NO_COLOR", "1")
        .env("GUOTANG_DATA_DIR", dir.join("data"))
        .env("GUOTANG_STATE_DIR", dir.join("state"))
        .current_dir(dir)
        .args(args)
        .stdin(Stdio::null())
        .stdout(Stdio::from(writer))
        .stderr(Stdio::piped())
        .output()
        .unwrap()
}

#[test]
fn a_closed_standard_output_ends_every_command_by_sigpipe_without_a_panic() {
    let (dir, file) = temp_file("m.json", demo());
    let d = dir.path();
    // One save first, so `backups` has a list to print.
    let status = Command::new(env!("CARGO_BIN_EXE_guotang"))
        .env("GUOTANG_DATA_DIR", d.join("data"))
        .args([
            "set".as_ref(),
            file.as_os_str(),
            "units.kfq.actuals.investment=1".as_ref(),
        ])
        .output()
        .unwrap();
    assert!(status.status.success());
    let f = file.as_os_str();
    let sheet = d.join("s.csv");
    std::fs::write(&sheet, "id,investment\nkfq,120\n").unwrap();
    let printing: &[&[&std::ffi::OsStr]] = &[
        &["standings".as_ref()],
        &["standings".as_ref(), f],
        &["standings".as_ref(), "--json".as_ref(), f],
        &["render".as_ref(), f, "--item".as_ref(), "2".as_ref()],
        &["render".as_ref(), "--ansi".as_ref(), f],
        &["check".as_ref(), f],
        &["backups".as_ref(), f],
        &["schema".as_ref()],
        &["export".as_ref(), f],
        &["report".as_ref(), f, "--format".as_ref(), "md".as_ref()],
        &["init".as_ref(), "new.json".as_ref()],
        &[
            "set".as_ref(),
            "--dry-run".as_ref(),
            f,
            "units.kfq.actuals.investment=2".as_ref(),
        ],
        &[
            "import".as_ref(),
            f,
            "--from".as_ref(),
            sheet.as_os_str(),
            "--dry-run".as_ref(),
        ],
        &["--help".as_ref()],
        &["--version".as_ref()],
    ];
    for args in printing {
        let out = with_closed_stdout(d, args);
        let stderr = String::from_utf8_lossy(&out.stderr);
        assert!(!stderr.contains("panicked"), "{args:?}: {stderr}");
        assert_eq!(
            out.status.signal(),
            Some(SIGPIPE),
            "{args:?} ended with {:?}: {stderr}",
            out.status
        );
    }
    // A save whose change lines nobody reads is still made, and its lock goes.
    let out = with_closed_stdout(
        d,
        &[
            "set".as_ref(),
            f,
            "units.kfq.actuals.investment=77".as_ref(),
        ],
    );
    assert_eq!(out.status.signal(), Some(SIGPIPE), "{out:?}");
    let saved = guotang::store::load(&file).unwrap().doc.snapshot;
    assert_eq!(saved.units[0].actuals[1], Some(77.0), "saved all the same");
    assert!(
        !d.join(".m.json.guotang-lock").exists(),
        "the lock is let go"
    );
}

#[test]
fn a_full_standard_output_is_an_error_not_a_panic() {
    let Ok(full) = std::fs::OpenOptions::new().write(true).open("/dev/full") else {
        return; // no /dev/full here
    };
    let out = Command::new(env!("CARGO_BIN_EXE_guotang"))
        .env("LANG", "C.UTF-8")
        .args(["standings"])
        .stdout(Stdio::from(full))
        .output()
        .unwrap();
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(1), "{stderr}");
    assert!(
        stderr.starts_with("error: cannot write to standard output"),
        "{stderr}"
    );
}
