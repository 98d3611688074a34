//! `guotang report`: the bulletin (通报) as one HTML file or as Markdown.

use std::io::Write as _;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use clap::ValueEnum;

use crate::model::{self, Document};
use crate::report;
use crate::store::atomic::write_atomic;

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

pub fn run(doc: &Document, format: Option<ReportFormat>, output: Option<&Path>) -> ExitCode {
    let lang = super::lang_for(doc);
    let s = &doc.snapshot;
    let st = model::compute(s);
    let format = pick_format(format, output);
    let (text, side) = match format {
        ReportFormat::Html => (report::to_html(s, &st, lang, None), Vec::new()),
        ReportFormat::Md => {
            let stem = output
                .and_then(|p| p.file_stem())
                .map(|s| s.to_string_lossy().into_owned());
            report::to_markdown(s, &st, lang, None, stem.as_deref())
        }
    };
    let Some(out) = output else {
        let mut stdout = std::io::stdout().lock();
        if let Err(e) = stdout
            .write_all(text.as_bytes())
            .and_then(|()| stdout.flush())
            && e.kind() != std::io::ErrorKind::BrokenPipe
        {
            eprintln!("error: cannot write to standard output: {e}");
            return ExitCode::FAILURE;
        }
        return ExitCode::SUCCESS;
    };
    let dir = out.parent().map(Path::to_path_buf).unwrap_or_default();
    let mut written: Vec<PathBuf> = Vec::new();
    for f in &side {
        let path = dir.join(&f.name);
        if let Err(e) = write_atomic(&path, f.content.as_bytes()) {
            eprintln!("error: cannot write {}: {e}", path.display());
            return ExitCode::FAILURE;
        }
        written.push(path);
    }
    if let Err(e) = write_atomic(out, text.as_bytes()) {
        eprintln!("error: cannot write {}: {e}", out.display());
        return ExitCode::FAILURE;
    }
    eprintln!("wrote {}", out.display());
    if !written.is_empty() {
        eprintln!(
            "wrote {} charts beside it ({}, …)",
            written.len(),
            written[0].display()
        );
    }
    ExitCode::SUCCESS
}
