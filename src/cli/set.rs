//! `guotang set FILE PATH=VALUE…`: scripted edits, all applied or none, with
//! the same safety as the console's save (save lock held from the read to
//! the write, hash check, backup, atomic write).

use std::path::Path;
use std::process::ExitCode;

use super::out::{errln, outln};
use crate::model::Document;
use crate::model::edit::script::Script;
use crate::model::edit::{self, Assignment, Change};
use crate::sanitize::one_line;
use crate::store::{self, Expect, LockError, SaveError};

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

/// The right to write `file` for one command: refused while an editor has
/// unsaved edits on it (unless `force`: their console will merge its edits
/// onto this change when it saves), then the save lock, held from the
/// reading of the file to its replacement, so that no other save slips in
/// between and none is lost.
pub(super) fn writer_for(file: &Path, force: bool) -> Result<store::save::Writer, ExitCode> {
    // Not beside a device or a FIFO (/dev/.zero.guotang-save): such a
    // path is refused before anything is written.
    if let Err(e) = store::read::regular_file(file)
        && e.kind() != std::io::ErrorKind::NotFound
    {
        error(&format!("cannot read {}: {e}", file.display()));
        return Err(ExitCode::FAILURE);
    }
    // The editor's lock is beside the real file: through a link, that one.
    if !force
        && let Some(holder) = store::lock::editor(&store::data_dir::real_path(file))
        && (holder.unsaved_since.is_some() || holder.pid == 0)
    {
        let e = LockError::Held {
            snapshot: file.to_owned(),
            holder: Box::new(holder),
        };
        error(&format!(
            "{e}\nnothing written; wait for them to save, or use --force (their console will see the change and merge its own edits)"
        ));
        return Err(ExitCode::FAILURE);
    }
    store::save::Writer::begin(file, LOCK_PURPOSE).map_err(|e| {
        error(&format!("{e}\nnothing written"));
        ExitCode::FAILURE
    })
}

/// How `set` was asked to run.
pub struct SetArgs<'a> {
    pub texts: &'a [String],
    pub dry_run: bool,
    pub force: bool,
    /// Add fields the format does not know instead of refusing them.
    pub allow_new_fields: bool,
}

pub fn run(file: &Path, args: &SetArgs) -> ExitCode {
    let SetArgs {
        texts,
        dry_run,
        force,
        allow_new_fields,
    } = *args;
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
    let writer = if dry_run {
        None
    } else {
        match writer_for(file, force) {
            Ok(w) => Some(w),
            Err(code) => return code,
        }
    };
    // The bytes read here are the version the save replaces: no other save
    // can come between (the writer holds the save lock).
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
    // Names made ids, fields checked against the format, values read as
    // their fields are typed (2026/3/5, 开工).
    let script = Script {
        allow_new_fields,
        labels: &crate::words::labels::word_for,
    };
    let assignments = match script.prepare(&doc, &assignments) {
        Ok(a) => a,
        Err(e) => {
            error(&format!("{e}\nnothing written to {}", file.display()));
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
    // Allowed but doubted (a fraction in a count…): said, not refused.
    let lang = super::lang_for(&doc);
    for c in changes.iter() {
        for d in crate::model::doubts::if_set(&doc.snapshot, &c.path, c.new.as_ref()) {
            let text = crate::app::editor::describe::doubt(&doc.snapshot, &d, lang, false);
            errln!("warning: {}", text);
        }
    }
    let name = file.display();
    if changes.is_empty() {
        errln!("no change: {name} already holds these values");
        return ExitCode::SUCCESS;
    }
    let Some(writer) = writer else {
        errln!("dry run: {name} not written");
        return ExitCode::SUCCESS;
    };
    match writer.save(&doc, Expect::Unchanged(base_hash)) {
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
        // Only a writer outside guotang's save lock can cause this.
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
