//! `guotang set FILE PATH=VALUE…`: scripted edits, all applied or none, with
//! the same safety as the console's save (lock, hash check, backup, atomic
//! write).

use std::path::Path;
use std::process::ExitCode;
use std::time::{Duration, Instant};

use super::out::{errln, outln};
use crate::model::Document;
use crate::model::edit::{self, Assignment, Change};
use crate::sanitize::one_line;
use crate::store::{self, Expect, LockError, SaveError};

/// How long to wait for another `guotang set` to finish with the file.
const LOCK_WAIT: Duration = Duration::from_secs(3);
const LOCK_PURPOSE: &str = "guotang set";

/// Prints an error (each line sanitised: it may quote snapshot text).
pub(super) fn error(text: &str) {
    for (i, line) in text.lines().enumerate() {
        let lead = if i == 0 { "error: " } else { "" };
        errln!("{lead}{}", one_line(line));
    }
}

/// `path: old → new`, each value cut to fit a line.
pub(super) fn change_line(c: &Change) -> String {
    let v =
        |x: Option<&serde_json::Value>| crate::text::truncate(&one_line(&edit::value_text(x)), 60);
    format!(
        "{}: {} → {}",
        one_line(&c.path.to_string()),
        v(c.old.as_ref()),
        v(c.new.as_ref())
    )
}

/// Takes the lock for a short write, waiting for another `set` to finish.
/// `Ok(None)`: held by someone else and `force` given (the hash check
/// still guards the file).
pub(super) fn lock_for_write(file: &Path, force: bool) -> Result<Option<store::Lock>, ExitCode> {
    // Not beside a device or a FIFO (/dev/.zero.guotang-lock): such a
    // path is refused before anything is written.
    if let Err(e) = store::read::regular_file(file)
        && e.kind() != std::io::ErrorKind::NotFound
    {
        error(&format!("cannot read {}: {e}", file.display()));
        return Err(ExitCode::FAILURE);
    }
    let start = Instant::now();
    loop {
        match store::lock::acquire(file, LOCK_PURPOSE) {
            Ok(lock) => return Ok(Some(lock)),
            Err(LockError::Held { holder, .. })
                if holder.purpose == LOCK_PURPOSE && start.elapsed() < LOCK_WAIT =>
            {
                std::thread::sleep(Duration::from_millis(50));
            }
            Err(LockError::Held { .. }) if force => return Ok(None),
            Err(e @ LockError::Held { .. }) => {
                error(&format!(
                    "{e}\nnothing written; wait for them to save, or use --force (their console will see the change and merge its own edits)"
                ));
                return Err(ExitCode::FAILURE);
            }
            Err(e) => {
                error(&e.to_string());
                return Err(ExitCode::FAILURE);
            }
        }
    }
}

pub fn run(file: &Path, texts: &[String], dry_run: bool, force: bool) -> ExitCode {
    let mut assignments = Vec::with_capacity(texts.len());
    for t in texts {
        match Assignment::parse(t) {
            Ok(a) => assignments.push(a),
            Err(e) => {
                error(&e.to_string());
                return ExitCode::from(2);
            }
        }
    }
    let _lock = if dry_run {
        None
    } else {
        // Locked where the saves land: through a link, the real file.
        match lock_for_write(&store::data_dir::real_path(file), force) {
            Ok(l) => l,
            Err(code) => return code,
        }
    };
    // The bytes read here are the version the save must replace.
    let bytes = match store::read_bytes(file) {
        Ok(b) => b,
        Err(e) => {
            super::report_load_error(&e);
            return ExitCode::FAILURE;
        }
    };
    let base_hash = store::hash_bytes(&bytes);
    let mut doc = match Document::from_bytes(&bytes) {
        Ok(d) => d,
        Err(problems) => {
            super::report_load_error(&store::LoadError::Invalid {
                path: file.to_owned(),
                problems,
            });
            return ExitCode::FAILURE;
        }
    };
    let changes = match doc.edit(&assignments) {
        Ok(c) => c,
        Err(e) => {
            error(&format!("{e}\nnothing written to {}", file.display()));
            return ExitCode::FAILURE;
        }
    };
    for c in changes.iter() {
        outln!("{}", change_line(c));
    }
    let name = file.display();
    if changes.is_empty() {
        errln!("no change: {name} already holds these values");
        return ExitCode::SUCCESS;
    }
    if dry_run {
        errln!("dry run: {name} not written");
        return ExitCode::SUCCESS;
    }
    match store::save(file, &doc, Expect::Unchanged(base_hash)) {
        Ok(saved) => {
            let n = changes.len();
            let s = if n == 1 { "" } else { "s" };
            errln!("saved {name} ({n} change{s})");
            if let Some(why) = saved.backup_failed {
                errln!("warning: the previous version could not be backed up: {why}");
            } else if saved.backup.is_some() {
                errln!("the previous version is kept: guotang backups {name}");
            }
            ExitCode::SUCCESS
        }
        Err(e @ SaveError::Conflict { .. }) => {
            error(&format!(
                "{e} (while this command ran); nothing written: run it again"
            ));
            ExitCode::FAILURE
        }
        Err(e) => {
            error(&format!("{e}\nnothing written: {name} is as it was"));
            ExitCode::FAILURE
        }
    }
}
