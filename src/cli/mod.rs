//! The command line: parses arguments (clap) and wires the library together.

mod check;
pub mod export;
pub mod import;
mod init;
pub mod report;
mod table;

use std::path::PathBuf;
use std::process::ExitCode;

use clap::{Parser, Subcommand};

use crate::i18n::Lang;
use crate::model::{self, Document};
use crate::store::{self, LoadError};

const AFTER_HELP: &str = "\
Examples:
  guotang                         open the console on the built-in demo meeting
  guotang meeting.json            open the console on a snapshot
  guotang check meeting.json      check a snapshot and summarise it
  guotang standings meeting.json  print the standings table (--json for tools)
  guotang init meeting.json       start a new snapshot from the demo
  guotang schema > guotang.schema.json
  guotang report meeting.json -o 通报.html      the bulletin, ready to print
  guotang export meeting.json --format xlsx --what standings -o standings.xlsx
  guotang import meeting.json --from 数据.xlsx --dry-run

The snapshot format is guotang/1 (see `guotang schema`).";

/// guotang — a terminal console for review meetings (过堂会).
///
/// A presenter walks the room through the agenda with live timers, unit
/// rankings and the red/yellow seating; a secretary keeps the snapshot (one
/// JSON file) up to date.
#[derive(Debug, Parser)]
#[command(name = "guotang", version, after_help = AFTER_HELP, args_conflicts_with_subcommands = true)]
pub struct Cli {
    /// Snapshot to open in the console (default: the built-in demo meeting).
    pub file: Option<PathBuf>,

    #[command(subcommand)]
    pub command: Option<Command>,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Check a snapshot: a one-screen summary, or every problem with its place.
    ///
    /// Exits 0 when the snapshot is usable, 1 when it is not (every problem
    /// listed, each with its line:column or JSON path).
    ///
    /// Example: guotang check meeting.json
    Check {
        /// The snapshot file.
        file: PathBuf,
    },
    /// Print the standings: ranks, composites, gaps and cards per group.
    ///
    /// The table aligns Chinese names in terminal columns; --json prints the
    /// machine-readable standings of the snapshot format (numbers not rounded).
    ///
    /// Example: guotang standings meeting.json --json | jq '.units[0]'
    Standings {
        /// The snapshot file (default: the built-in demo).
        file: Option<PathBuf>,
        /// Print JSON for other tools instead of a table.
        #[arg(long)]
        json: bool,
    },
    /// Write the demo meeting as a template to edit.
    ///
    /// Refuses to overwrite an existing file unless --force is given.
    ///
    /// Example: guotang init 2026-05-过堂会.json
    Init {
        /// Where to write (default: guotang.json).
        path: Option<PathBuf>,
        /// Overwrite the file if it exists.
        #[arg(long)]
        force: bool,
    },
    /// Print the JSON Schema of the snapshot format.
    ///
    /// Point your editor at it to check and complete snapshots; in VS Code add
    /// "$schema": "./guotang.schema.json" to a snapshot, or map it in
    /// settings under json.schemas.
    ///
    /// Example: guotang schema > guotang.schema.json
    Schema,
    /// Write the bulletin (通报): period, headline figures, rankings, red and
    /// yellow lists with reasons, overdue and stalled projects, and charts.
    ///
    /// HTML is one self-contained file (charts inline, no network) that prints
    /// on A4; Markdown has the same tables, with the charts as SVG files beside
    /// it (left out when it goes to standard output). The format follows
    /// --format, else the extension of -o, else HTML.
    ///
    /// Example: guotang report meeting.json -o 通报.html
    Report {
        /// The snapshot file (default: the built-in demo).
        file: Option<PathBuf>,
        /// Where to write (default: standard output).
        #[arg(short, long)]
        output: Option<PathBuf>,
        /// html or md.
        #[arg(long, value_enum)]
        format: Option<report::ReportFormat>,
    },
    /// Export the standings, the seating list (桌牌) or the projects as a
    /// spreadsheet.
    ///
    /// XLSX keeps numbers as numbers (percentages formatted, dates as dates)
    /// with a frozen header row; CSV is UTF-8 with a byte-order mark so Excel
    /// opens it right. Without -o, CSV goes to standard output; XLSX needs -o
    /// (or a redirect). The format follows --format, else the extension of -o,
    /// else CSV.
    ///
    /// Example: guotang export meeting.json --format xlsx --what seating -o 桌牌.xlsx
    Export {
        /// The snapshot file (default: the built-in demo).
        file: Option<PathBuf>,
        /// xlsx or csv.
        #[arg(long, value_enum)]
        format: Option<export::SheetFormat>,
        /// What to export.
        #[arg(long, value_enum, default_value = "standings")]
        what: crate::export::What,
        /// Where to write (default: standard output).
        #[arg(short, long)]
        output: Option<PathBuf>,
    },
    /// Update targets and actuals from a spreadsheet (XLSX or CSV).
    ///
    /// Rows are units (matched by id or name), columns are metrics (by id or
    /// name; a column whose header ends in 目标 or target holds targets, e.g.
    /// 协议引资额目标 or "investment target"; a plain metric column holds
    /// actuals). Prints the changes as a diff, lists rows and columns it could
    /// not match, and applies the rest atomically. A cell with text where a
    /// number belongs, a unit listed twice or a sheet with no metric column is
    /// refused with the cell named, and nothing changes.
    ///
    /// Example: guotang import meeting.json --from 4月数据.xlsx --dry-run
    Import {
        /// The snapshot file to update.
        file: PathBuf,
        /// The spreadsheet to read (.xlsx, .xls, .ods or .csv).
        #[arg(long)]
        from: PathBuf,
        /// The worksheet to read (default: the first).
        #[arg(long)]
        sheet: Option<String>,
        /// Show the changes without writing them.
        #[arg(long)]
        dry_run: bool,
    },
}

/// Runs the command line; returns the process exit code.
pub fn run(cli: Cli) -> ExitCode {
    match cli.command {
        Some(Command::Check { file }) => check::run(&file),
        Some(Command::Standings { file, json }) => with_doc(file.as_deref(), |doc, _| {
            let lang = lang_for(doc);
            let st = model::compute(&doc.snapshot);
            if json {
                let v = model::standings_json::to_json(&doc.snapshot, &st, lang);
                println!("{}", serde_json::to_string_pretty(&v).unwrap_or_default());
            } else {
                print!("{}", table::standings_table(&doc.snapshot, &st, lang));
            }
            ExitCode::SUCCESS
        }),
        Some(Command::Init { path, force }) => init::run(path, force),
        Some(Command::Schema) => {
            let schema = model::raw::schema();
            println!(
                "{}",
                serde_json::to_string_pretty(&schema).unwrap_or_default()
            );
            ExitCode::SUCCESS
        }
        Some(Command::Report {
            file,
            output,
            format,
        }) => with_doc(file.as_deref(), |doc, _| {
            report::run(doc, format, output.as_deref())
        }),
        Some(Command::Export {
            file,
            format,
            what,
            output,
        }) => with_doc(file.as_deref(), |doc, _| {
            export::run(doc, format, what, output.as_deref())
        }),
        Some(Command::Import {
            file,
            from,
            sheet,
            dry_run,
        }) => import::run(&file, &from, sheet.as_deref(), dry_run),
        None => with_doc(cli.file.as_deref(), |doc, name| {
            let lang = lang_for(doc);
            let st = model::compute(&doc.snapshot);
            print!("{}", table::standings_table(&doc.snapshot, &st, lang));
            eprintln!(
                "{}",
                lang.pick(
                    &format!("（{name}：演示控制台即将推出；现在先显示排名。）"),
                    &format!(
                        "({name}: the presenter's console is coming; here are the standings.)"
                    ),
                )
            );
            ExitCode::SUCCESS
        }),
    }
}

/// The language for a snapshot's labels: its `locale`, else `LANG`.
pub fn lang_for(doc: &Document) -> Lang {
    let env = std::env::var("LANG").ok();
    Lang::detect(doc.snapshot.locale, env.as_deref())
}

/// Loads the file (or the demo when none is given) and runs `f` on it; a file
/// that cannot be used is reported on stderr with exit code 1.
fn with_doc(
    file: Option<&std::path::Path>,
    f: impl FnOnce(&Document, &str) -> ExitCode,
) -> ExitCode {
    match file {
        None => match Document::from_bytes(model::DEMO.as_bytes()) {
            Ok(doc) => f(&doc, "demo"),
            Err(problems) => {
                eprintln!("error: the built-in demo is broken:\n{problems}");
                ExitCode::FAILURE
            }
        },
        Some(path) => match store::load(path) {
            Ok(loaded) => f(&loaded.doc, &path.display().to_string()),
            Err(e) => {
                report_load_error(&e);
                ExitCode::FAILURE
            }
        },
    }
}

/// Prints a load error the way every command does.
pub fn report_load_error(e: &LoadError) {
    match e {
        LoadError::Io { .. } => eprintln!("error: {e}"),
        LoadError::Invalid { path, problems } => {
            let n = problems.len();
            let s = if n == 1 { "" } else { "s" };
            eprintln!(
                "error: {} is not a usable snapshot ({n} problem{s}):",
                path.display()
            );
            for p in &problems.0 {
                let text = p.to_string();
                for (i, line) in text.lines().enumerate() {
                    let lead = if i == 0 { "  - " } else { "    " };
                    eprintln!("{lead}{line}");
                }
            }
        }
    }
}
