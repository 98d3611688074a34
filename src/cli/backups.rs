//! `guotang backups FILE [--restore N]`: the versions kept before each save,
//! and putting one back.

use std::path::Path;
use std::process::ExitCode;

use serde_json::Value;

use super::out::{errln, outln};
use super::set::{change_line, error, writer_for};
use crate::model::Document;
use crate::model::edit;
use crate::model::parse::parse_json;
use crate::sanitize::one_line;
use crate::store::{self, Expect, backup};

pub fn run(file: &Path, restore: Option<usize>, force: bool) -> ExitCode {
    // A FIFO or a device would block or read on for ever below.
    if let Err(e) = store::read::regular_file(file)
        && e.kind() != std::io::ErrorKind::NotFound
    {
        error(&format!("cannot read {}: {e}", file.display()));
        return ExitCode::FAILURE;
    }
    let list = match backup::list(file) {
        Ok(l) => l,
        Err(e) => {
            error(&format!(
                "cannot list the backups of {}: {e}",
                file.display()
            ));
            return ExitCode::FAILURE;
        }
    };
    match restore {
        None => show(file, &list),
        Some(n) => put_back(file, &list, n, force),
    }
}

fn show(file: &Path, list: &[backup::Backup]) -> ExitCode {
    let name = file.display();
    if list.is_empty() {
        outln!("no backups of {name} yet: one is kept each time guotang saves it");
        return ExitCode::SUCCESS;
    }
    let now = std::fs::read(file).ok().and_then(|b| parse_json(&b).ok());
    outln!(
        "backups of {name}, newest first (the last {} are kept):",
        backup::KEEP
    );
    for (i, b) in list.iter().enumerate() {
        let when = b
            .time
            .with_timezone(&chrono::Local)
            .format("%Y-%m-%d %H:%M:%S");
        outln!(
            "{:>3}  {when}  {:>9}  {}",
            i + 1,
            size(b.size),
            crate::text::truncate(&summary(&b.path, now.as_ref()), 100)
        );
    }
    outln!("restore one with: guotang backups {name} --restore N");
    ExitCode::SUCCESS
}

/// One line about a backup: how it differs from the file now.
fn summary(path: &Path, now: Option<&Value>) -> String {
    let bytes = match std::fs::read(path) {
        Ok(b) => b,
        Err(e) => return format!("unreadable: {e}"),
    };
    let json = match Document::from_bytes(&bytes) {
        Ok(d) => d.json.into_value(),
        Err(p) => {
            let first = p.first().map(ToString::to_string).unwrap_or_default();
            return one_line(&format!("not a usable snapshot: {first}")).into_owned();
        }
    };
    let title = title(&json);
    let Some(now) = now else {
        return title;
    };
    // What restoring it would change, shown as now → then.
    let d = edit::diff(now, &json);
    match d.len() {
        0 => "same content as now".into(),
        n => {
            let first = d.iter().next().map(change_line).unwrap_or_default();
            let more = if n > 1 {
                format!(" (+{} more)", n - 1)
            } else {
                String::new()
            };
            format!(
                "{n} difference{}: {first}{more}",
                if n == 1 { "" } else { "s" }
            )
        }
    }
}

/// The meeting a snapshot is about, for a backup of a file now gone.
fn title(json: &Value) -> String {
    let field = |k: &str| json["meeting"][k].as_str().unwrap_or("").to_owned();
    one_line(&format!("{} {}", field("title"), field("date"))).into_owned()
}

fn size(bytes: u64) -> String {
    match bytes {
        b if b < 1024 => format!("{b} B"),
        b if b < 1024 * 1024 => format!("{:.1} KB", b as f64 / 1024.0),
        b => format!("{:.1} MB", b as f64 / (1024.0 * 1024.0)),
    }
}

fn put_back(file: &Path, list: &[backup::Backup], n: usize, force: bool) -> ExitCode {
    let Some(b) = n.checked_sub(1).and_then(|i| list.get(i)) else {
        error(&format!(
            "no backup {n} of {}: there are {} (see guotang backups {})",
            file.display(),
            list.len(),
            file.display()
        ));
        return ExitCode::FAILURE;
    };
    let bytes = match std::fs::read(&b.path) {
        Ok(bytes) => bytes,
        Err(e) => {
            error(&format!("cannot read {}: {e}", b.path.display()));
            return ExitCode::FAILURE;
        }
    };
    if let Err(p) = Document::from_bytes(&bytes)
        && !force
    {
        error(&format!(
            "backup {n} is not a usable snapshot:\n{p}\nuse --force to restore it anyway"
        ));
        return ExitCode::FAILURE;
    }
    let writer = match writer_for(file, force) {
        Ok(w) => w,
        Err(code) => return code,
    };
    // Under the save lock: the version read here is the one replaced (and
    // kept as a backup).
    let expect = match std::fs::read(writer.path()) {
        Ok(current) => Expect::Unchanged(store::hash_bytes(&current)),
        Err(_) => Expect::Absent,
    };
    match writer.save_bytes(&bytes, expect) {
        Ok(saved) => {
            let when = b
                .time
                .with_timezone(&chrono::Local)
                .format("%Y-%m-%d %H:%M:%S");
            errln!("restored {} from backup {n} ({when})", file.display());
            if saved.backup.is_some() {
                errln!("the version it replaced is now backup 1");
            }
            ExitCode::SUCCESS
        }
        Err(e) => {
            error(&e.to_string());
            ExitCode::FAILURE
        }
    }
}
