//! A hostile file name through every command. Messages name the files they
//! read and write, and a file called `evil\e]0;PWNED\a\e[2J.json` (it came
//! from a shared folder) would set the terminal's title and clear its
//! screen if printed raw. Every byte of every command's standard output and
//! error is inspected: no ESC, no BEL, no C1 control, no bidi or
//! zero-width character; and the name is still shown, made safe.

use std::ffi::OsString;
use std::path::{Path, PathBuf};
use std::process::Output;

use super::terminal::assert_clean;
use super::*;

/// The file name of the issue: a title change and a screen clear.
const EVIL: &str = "evil\u{1b}]0;PWNED\u{7}\u{1b}[2J";
/// How it must be shown: the controls gone, the rest kept.
const SHOWN: &str = "evil]0;PWNED[2J";

/// A folder for one run: the snapshot under the hostile name, and the
/// data, state and config folders guotang keeps its own files in.
struct Place {
    dir: tempfile::TempDir,
}

impl Place {
    fn new() -> Place {
        Place {
            dir: tempfile::tempdir().unwrap(),
        }
    }

    /// `NAME` with the hostile stem and `ext`, in the folder.
    fn evil(&self, ext: &str) -> PathBuf {
        self.dir.path().join(format!("{EVIL}.{ext}"))
    }

    /// Runs guotang with `args`; every byte it writes is checked.
    fn run(&self, what: &str, args: &[OsString]) -> Output {
        let out = guotang()
            .env("GUOTANG_DATA_DIR", self.dir.path().join("data"))
            .env("GUOTANG_STATE_DIR", self.dir.path().join("state"))
            .env("GUOTANG_CONFIG_DIR", self.dir.path().join("config"))
            .current_dir(self.dir.path())
            .args(args)
            .output()
            .unwrap();
        let ansi = args.iter().any(|a| a == "--ansi");
        let tag = |stream: &str| format!("{what}{} {stream}", if ansi { " --ansi" } else { "" });
        assert_clean(&tag("stdout"), &out.stdout);
        assert_clean(&tag("stderr"), &out.stderr);
        assert_ne!(
            out.status.code(),
            Some(101),
            "{what} panicked: {}",
            String::from_utf8_lossy(&out.stderr)
        );
        out
    }
}

fn args(items: &[&dyn AsRefOs]) -> Vec<OsString> {
    items.iter().map(|a| a.os()).collect()
}

/// Strings and paths alike, as arguments.
trait AsRefOs {
    fn os(&self) -> OsString;
}
impl AsRefOs for &str {
    fn os(&self) -> OsString {
        OsString::from(self)
    }
}
impl AsRefOs for PathBuf {
    fn os(&self) -> OsString {
        self.as_os_str().to_owned()
    }
}
impl AsRefOs for &Path {
    fn os(&self) -> OsString {
        self.as_os_str().to_owned()
    }
}

/// Both streams as text, for looking for the name.
fn text(out: &Output) -> String {
    format!(
        "{}{}",
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    )
}

/// Runs a command that must succeed and name the file (made safe).
fn names_it(p: &Place, what: &str, a: Vec<OsString>) -> String {
    let out = p.run(what, &a);
    let all = text(&out);
    assert!(out.status.success(), "{what} failed: {all}");
    assert!(all.contains(SHOWN), "{what} does not name the file: {all}");
    all
}

/// Runs a command that must be refused (exit 1) and name the file.
fn refused_naming_it(p: &Place, what: &str, a: Vec<OsString>) -> String {
    let out = p.run(what, &a);
    let all = text(&out);
    assert_eq!(out.status.code(), Some(1), "{what}: {all}");
    assert!(all.contains(SHOWN), "{what} does not name the file: {all}");
    all
}

#[test]
fn every_command_shows_a_hostile_file_name_safely() {
    let p = Place::new();
    let file = p.evil("json");

    // init writes it, and refuses to write it twice.
    names_it(&p, "init", args(&[&"init", &file]));
    refused_naming_it(&p, "init again", args(&[&"init", &file]));

    // The read-only commands.
    names_it(&p, "check", args(&[&"check", &file]));
    for lang in ["C.UTF-8", "zh_CN.UTF-8"] {
        let out = guotang()
            .env("LANG", lang)
            .args(["standings"])
            .arg(&file)
            .output()
            .unwrap();
        assert_clean("standings stdout", &out.stdout);
        assert_clean("standings stderr", &out.stderr);
    }
    p.run("standings --json", &args(&[&"standings", &"--json", &file]));
    p.run("render", &args(&[&"render", &file, &"--item", &"3"]));
    p.run("render", &args(&[&"render", &"--ansi", &file]));
    let out = p.run(
        "render --item 99",
        &args(&[&"render", &file, &"--item", &"99"]),
    );
    assert_eq!(out.status.code(), Some(1));

    // set: saved, the backup hint, no change, a dry run, a refusal.
    let all = names_it(
        &p,
        "set",
        args(&[&"set", &file, &"units.kfq.actuals.investment=101"]),
    );
    assert!(all.contains("saved"), "{all}");
    names_it(
        &p,
        "set, no change",
        args(&[&"set", &file, &"units.kfq.actuals.investment=101"]),
    );
    names_it(
        &p,
        "set --dry-run",
        args(&[
            &"set",
            &"--dry-run",
            &file,
            &"units.kfq.actuals.investment=7",
        ]),
    );
    refused_naming_it(
        &p,
        "set, refused",
        args(&[&"set", &file, &"units.kfq.actuals.investment=-1"]),
    );

    // backups: the list, a restore, a restore of what is not there.
    names_it(&p, "backups", args(&[&"backups", &file]));
    names_it(
        &p,
        "backups --restore",
        args(&[&"backups", &file, &"--restore", &"1"]),
    );
    refused_naming_it(
        &p,
        "backups --restore 99",
        args(&[&"backups", &file, &"--restore", &"99"]),
    );

    // export and report, to files named the same way, and to stdout.
    names_it(
        &p,
        "export -o",
        args(&[&"export", &file, &"-o", &p.evil("csv")]),
    );
    names_it(
        &p,
        "export -o xlsx",
        args(&[&"export", &file, &"-o", &p.evil("xlsx")]),
    );
    p.run("export", &args(&[&"export", &file]));
    names_it(
        &p,
        "report -o",
        args(&[&"report", &file, &"-o", &p.evil("html")]),
    );
    names_it(
        &p,
        "report -o md",
        args(&[&"report", &file, &"-o", &p.evil("md")]),
    );
    p.run("report", &args(&[&"report", &file, &"--format", &"md"]));
    let log = p.dir.path().join(format!("{EVIL}.log"));
    refused_naming_it(
        &p,
        "report --log",
        args(&[&"report", &file, &"--log", &log]),
    );

    // import from a sheet with the hostile name: the diff, a dry run, the update.
    let sheet = p.evil("csv");
    std::fs::write(&sheet, "id,investment\nkfq,120\n").unwrap();
    names_it(
        &p,
        "import --dry-run",
        args(&[&"import", &file, &"--from", &sheet, &"--dry-run"]),
    );
    names_it(&p, "import", args(&[&"import", &file, &"--from", &sheet]));
    let missing_sheet = p.evil("xlsx.gone");
    refused_naming_it(
        &p,
        "import, no sheet",
        args(&[&"import", &file, &"--from", &missing_sheet]),
    );
    refused_naming_it(
        &p,
        "import --sheet on CSV",
        args(&[&"import", &file, &"--from", &sheet, &"--sheet", &"x"]),
    );

    // The console without a terminal says how to print a screen instead.
    refused_naming_it(&p, "console", args(&[&file]));
    refused_naming_it(&p, "edit", args(&[&"edit", &file]));
    refused_naming_it(&p, "audience", args(&[&file, &"--audience"]));
    refused_naming_it(&p, "board", args(&[&"board", &file]));

    // A command line that does not parse quotes the name: plain and safe,
    // even where clap would colour it (and print it raw) for a terminal.
    for extra in [
        &["check", "a.json"][..],
        &["render", "--item", "2", "x.json"],
    ] {
        let out = guotang()
            .env_remove("NO_COLOR")
            .env("CLICOLOR_FORCE", "1")
            .args(extra)
            .arg(&file)
            .output()
            .unwrap();
        assert_eq!(out.status.code(), Some(2), "{extra:?}");
        assert_clean("a command line that does not parse", &out.stderr);
        assert!(text(&out).contains("unexpected argument"), "{}", text(&out));
    }

    // Another editor holds the file with unsaved edits: set names it and them.
    let mut lock = guotang::store::lock::acquire(&file, "edit").unwrap();
    lock.set_unsaved(true).unwrap();
    let all = refused_naming_it(
        &p,
        "set, locked",
        args(&[&"set", &file, &"units.kfq.actuals.investment=5"]),
    );
    assert!(all.contains("being edited"), "{all}");
    drop(lock);

    // Not a usable snapshot, and not there at all.
    std::fs::write(&file, b"{\"format\": \"guotang/1\"").unwrap();
    for cmd in ["check", "standings", "render", "export", "report"] {
        refused_naming_it(&p, &format!("{cmd}, broken"), args(&[&cmd, &file]));
    }
    refused_naming_it(
        &p,
        "set, broken",
        args(&[&"set", &file, &"units.kfq.actuals.investment=5"]),
    );
    refused_naming_it(
        &p,
        "import, broken",
        args(&[&"import", &file, &"--from", &sheet]),
    );
    let gone = p.evil("gone.json");
    for cmd in ["check", "standings", "backups", "render"] {
        let out = p.run(&format!("{cmd}, missing"), &args(&[&cmd, &gone]));
        let all = text(&out);
        assert!(all.contains(SHOWN), "{cmd}, missing: {all}");
    }
    refused_naming_it(
        &p,
        "set, missing",
        args(&[&"set", &gone, &"units.kfq.actuals.investment=5"]),
    );
}
