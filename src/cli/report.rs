//! `guotang report`: the bulletin (通报) as one HTML file or as Markdown,
//! with the minutes from the meeting log.

use std::path::{Path, PathBuf};
use std::process::ExitCode;

use clap::ValueEnum;

use super::out::errln;
use crate::model::{self, Document};
use crate::report::{self, Minutes, minutes_log};
use crate::sanitize::one_line;
use crate::store::atomic::write_atomic;
use crate::store::meeting_log;

/// The bulletin's file format.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum ReportFormat {
    /// One self-contained HTML file (charts inline), ready to print on A4.
    Html,
    /// Markdown tables; charts as SVG files beside it.
    Md,
}

/// The format asked for, else the one the output's extension names, else HTML.
pub fn pick_format(format: Option<ReportFormat>, output: Option<&Path>) -> ReportFormat {
    format.unwrap_or_else(|| match super::extension(output).as_deref() {
        Some("md" | "markdown") => ReportFormat::Md,
        _ => ReportFormat::Html,
    })
}

/// What `guotang report` was asked for.
#[derive(Debug, Clone, Copy)]
pub struct ReportArgs<'a> {
    /// The snapshot (None: the built-in demo), which finds its meeting log.
    pub file: Option<&'a Path>,
    /// A meeting log given with --log.
    pub log: Option<&'a Path>,
    pub format: Option<ReportFormat>,
    pub output: Option<&'a Path>,
}

/// The minutes: from the log given, else from the log the console kept for
/// this snapshot and meeting date, else the plan with a note that no log was
/// found. A log given that cannot be read is an error; the console's log
/// that cannot be read is a warning (the bulletin matters more).
fn minutes(doc: &Document, st: &model::Standings, args: &ReportArgs) -> Result<Minutes, String> {
    let s = &doc.snapshot;
    let date = s.meeting.date;
    if let Some(path) = args.log {
        let shown = super::shown_path(path);
        let log = match meeting_log::load(path) {
            Ok(Some(log)) => log,
            Ok(None) => return Err(format!("no meeting log at {shown}")),
            Err(e) => return Err(one_line(&e.to_string()).into_owned()),
        };
        if log.meeting_date != date {
            errln!(
                "warning: {shown} is the log of a meeting on {}, the snapshot's is on {date}",
                log.meeting_date
            );
        }
        errln!("minutes from {shown}");
        return Ok(minutes_log::from_log(s, st, &log));
    }
    let Some(dir) = meeting_log::state_dir() else {
        return Ok(minutes_log::without_log(s, st));
    };
    let key = meeting_log::snapshot_key(args.file);
    let path = meeting_log::log_path(&dir, &key, date);
    match meeting_log::load(&path) {
        Ok(Some(log)) => {
            errln!("minutes from {}", super::shown_path(&path));
            Ok(minutes_log::from_log(s, st, &log))
        }
        Ok(None) => {
            errln!(
                "no meeting log for this meeting ({}): the minutes show the plan only",
                super::shown_path(&path)
            );
            Ok(minutes_log::without_log(s, st))
        }
        Err(e) => {
            errln!(
                "warning: {}; the minutes show the plan only",
                one_line(&e.to_string())
            );
            Ok(minutes_log::without_log(s, st))
        }
    }
}

pub fn run(doc: &Document, args: &ReportArgs) -> ExitCode {
    let lang = super::lang_for(doc);
    let s = &doc.snapshot;
    let st = model::compute(s);
    let minutes = match minutes(doc, &st, args) {
        Ok(m) => m,
        Err(e) => {
            errln!("error: {e}");
            return ExitCode::FAILURE;
        }
    };
    let output = args.output;
    let format = pick_format(args.format, output);
    let (text, side) = match format {
        ReportFormat::Html => (report::to_html(s, &st, lang, Some(&minutes)), Vec::new()),
        ReportFormat::Md => {
            let stem = output
                .and_then(|p| p.file_stem())
                .map(|s| s.to_string_lossy().into_owned());
            report::to_markdown(s, &st, lang, Some(&minutes), stem.as_deref())
        }
    };
    let Some(out) = output else {
        super::out::data(text.as_bytes());
        return ExitCode::SUCCESS;
    };
    let dir = out.parent().map(Path::to_path_buf).unwrap_or_default();
    let mut written: Vec<PathBuf> = Vec::new();
    for f in &side {
        let path = dir.join(&f.name);
        if let Err(e) = write_atomic(&path, f.content.as_bytes()) {
            errln!("error: cannot write {}: {e}", path.display());
            return ExitCode::FAILURE;
        }
        written.push(path);
    }
    if let Err(e) = write_atomic(out, text.as_bytes()) {
        errln!("error: cannot write {}: {e}", out.display());
        return ExitCode::FAILURE;
    }
    errln!("wrote {}", out.display());
    if !written.is_empty() {
        errln!(
            "wrote {} charts beside it ({}, …)",
            written.len(),
            written[0].display()
        );
    }
    ExitCode::SUCCESS
}
