//! The command line: parses arguments (clap) and wires the library together.

mod backups;
mod check;
mod check_v2;
mod completions;
pub mod export;
pub mod import;
mod init;
pub mod out;
pub mod render;
pub mod render_room;
pub mod report;
mod roll;
mod save_loop;
mod set;
mod table;

use std::path::PathBuf;
use std::process::ExitCode;

use clap::{Parser, Subcommand};

use self::out::errln;
use crate::i18n::Lang;
use crate::model::{self, Document};
use crate::sanitize::one_line;
use crate::store::watch::Mode as WatchMode;
use crate::store::{self, LoadError};
use crate::ui::theme::ThemeName;

const AFTER_HELP: &str = "\
Examples:
  guotang                         open the console on the built-in demo meeting
  guotang meeting.json            open the console on a snapshot
  guotang check meeting.json      check a snapshot and summarise it
  guotang standings meeting.json  print the standings table (--json for tools)
  guotang render meeting.json --item 3 --size 120x40
                                  print the console's screen for agenda item 3
  guotang init meeting.json       start a new snapshot from the demo
  guotang init meeting.json --template points   … from another kind of meeting (--list)
  guotang roll meeting.json --to 2026-05-31 --label 1—5月 -o next.json
                                  start the next meeting, this one's standings as history
  guotang edit meeting.json       edit the data in the console (Ctrl+S saves)
  guotang set meeting.json units.kfq.actuals.investment=101.5 projects.P007.stage=started
  guotang backups meeting.json    list the versions kept before each save
  guotang schema > guotang.schema.json
  guotang report meeting.json -o 通报.html      the bulletin, ready to print
  guotang export meeting.json --format xlsx --what standings -o standings.xlsx
  guotang import meeting.json --from 数据.xlsx --dry-run

The snapshot format is guotang/2 or guotang/1 (see `guotang schema` and docs/format.md).";

/// guotang — a terminal console for review meetings (过堂会).
///
/// A presenter walks the room through the agenda with live timers, unit
/// rankings and the red/yellow seating; a secretary keeps the snapshot (one
/// JSON file) up to date.
#[derive(Debug, Parser)]
#[command(name = "guotang", version, after_help = AFTER_HELP, args_conflicts_with_subcommands = true)]
pub struct Cli {
    /// Snapshot to open in the console (default: the built-in demo meeting).
    ///
    /// The console follows the file live: save it (from any editor) and the
    /// screen updates, keeping the current item and its timers.
    pub file: Option<PathBuf>,

    /// Colour theme (`t` cycles; NO_COLOR gives mono).
    #[arg(long, value_enum)]
    pub theme: Option<ThemeName>,

    /// How to follow the file: native events, or polling (once a second) on
    /// a network share or FUSE mount.
    #[arg(long, value_enum, default_value = "auto")]
    pub watch: WatchMode,

    /// Show the audience's screen: the current item's title in large type,
    /// its pane, the speaker and the countdown, following the presenter's
    /// console on the same FILE (here, or on another machine that sees the
    /// folder). Writes nothing.
    #[arg(long, requires = "file")]
    pub audience: bool,

    /// Count East-Asian ambiguous characters (—, …, ○) as two columns, as CJK
    /// terminals draw them.
    #[arg(long, global = true)]
    pub ambiguous_wide: bool,

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
    /// Open the console in the secretary's editor on a snapshot.
    ///
    /// The same console as `guotang FILE`, starting in edit mode: sheets of
    /// numbers, projects, card decisions, the agenda and the meeting; undo and
    /// redo; Ctrl+S saves atomically, checking nobody else saved meanwhile.
    /// Every edit is journaled, so a crash loses nothing. `e` or Esc shows the
    /// meeting; `e` again comes back.
    ///
    /// Example: guotang edit meeting.json
    Edit {
        /// The snapshot file.
        file: PathBuf,
        /// Colour theme.
        #[arg(long, value_enum)]
        theme: Option<ThemeName>,
        /// How to follow the file.
        #[arg(long, value_enum, default_value = "auto")]
        watch: WatchMode,
    },
    /// Loop the standings on a hall or lobby screen, unattended.
    ///
    /// Page after page: the overview, each group's ranking, the units of
    /// each card with their reasons, the overdue and stalled projects, with
    /// the loop's progress at the bottom. Follows the file like the console
    /// (a save shows at once). Never waits for a key: q or Ctrl+C leaves,
    /// ← and → turn a page by hand. Writes nothing.
    ///
    /// Example: guotang board meeting.json --every 20
    Board {
        /// The snapshot file (default: the built-in demo).
        file: Option<PathBuf>,
        /// Seconds each page shows.
        #[arg(long, value_name = "SECONDS", default_value_t = crate::app::board::DEFAULT_EVERY,
              value_parser = clap::value_parser!(u32).range(1..=3600))]
        every: u32,
        /// Colour theme.
        #[arg(long, value_enum)]
        theme: Option<ThemeName>,
        /// How to follow the file.
        #[arg(long, value_enum, default_value = "auto")]
        watch: WatchMode,
    },
    /// Write a complete meeting as a template to edit.
    ///
    /// Templates: investment (the demo: red and yellow by time progress, the
    /// default), three-tiers (green, yellow and red, red the worst), points
    /// (100 points with 加分/扣分, a veto and five grades) and arena (a 擂台赛:
    /// three classes, judges' marks, flags per class). --list names them.
    /// Refuses to overwrite an existing file unless --force is given.
    ///
    /// Example: guotang init 2026-05-过堂会.json --template three-tiers
    Init {
        /// Where to write (default: guotang.json).
        path: Option<PathBuf>,
        /// Which meeting to start from (see --list).
        #[arg(long, default_value = "investment")]
        template: String,
        /// List the templates and exit.
        #[arg(long)]
        list: bool,
        /// Overwrite the file if it exists.
        #[arg(long)]
        force: bool,
    },
    /// Write the next meeting's snapshot: this meeting's standings become
    /// its newest history entry.
    ///
    /// Each unit's rank, tier and composite are appended to `history`
    /// (labelled with this period), the period moves to end at --to (with
    /// --label as its name), card decisions are removed and everything else
    /// is kept. FILE is not changed; NEXT is written atomically and is not
    /// overwritten unless --force is given. A file whose history already
    /// holds this period, or a --to not after this period's end, is refused.
    ///
    /// Example: guotang roll 2026-04.json --to 2026-05-31 --label 1—5月 -o 2026-05.json
    Roll {
        /// This meeting's snapshot (not changed).
        file: PathBuf,
        /// The next period's end, YYYY-MM-DD.
        #[arg(long, value_parser = parse_day)]
        to: chrono::NaiveDate,
        /// The next period's name, e.g. 1—5月.
        #[arg(long)]
        label: Option<String>,
        /// Where to write the next meeting.
        #[arg(short, long, value_name = "NEXT")]
        output: PathBuf,
        /// Overwrite NEXT if it exists.
        #[arg(long)]
        force: bool,
    },
    /// Change values in a snapshot: all assignments or none.
    ///
    /// PATH names things by id or by name: units.kfq.actuals.investment,
    /// units.经济开发区.card, projects.P007.stage, metrics.investment.weight,
    /// meeting.period.to; list items by 1-based position: agenda.3.minutes;
    /// `+` appends: projects.+='{"id":"P020",…}'. Quote a segment holding
    /// dots: units."a.b".name. A field the format does not know is refused
    /// (--allow-new-fields adds it). VALUE is JSON when it parses as JSON,
    /// else a string (stage=started, minutes=5, name='"123"'); dates may be
    /// written 2026/3/5 or 2026年3月5日, a stage or card by its label (开工,
    /// 红牌); null removes the field. Options may come anywhere.
    ///
    /// The result is checked like `guotang check`; if it is not usable nothing
    /// is written and the error names the place and the assignment. The file
    /// is saved atomically, the previous version kept (see `guotang backups`).
    /// Exits 0 when saved (or nothing to change), 1 when refused, 2 on a
    /// malformed assignment.
    ///
    /// Example: guotang set meeting.json units.kfq.actuals.investment=101.5 projects.P007.stage=started
    Set {
        /// The snapshot file.
        file: PathBuf,
        /// PATH=VALUE assignments, applied in order.
        #[arg(required = true, value_name = "PATH=VALUE")]
        assignments: Vec<String>,
        /// Show the changes (path: old → new) without writing.
        #[arg(long)]
        dry_run: bool,
        /// Write even while another editor holds the file's lock.
        #[arg(long)]
        force: bool,
        /// Add a field the snapshot format does not know (refused otherwise,
        /// naming the field meant: started → started_on).
        #[arg(long)]
        allow_new_fields: bool,
    },
    /// List the versions of a snapshot kept before each save, or restore one.
    ///
    /// guotang keeps the last 20 versions of each snapshot in its data
    /// directory (GUOTANG_DATA_DIR overrides it). Restoring backs up the
    /// current version first, so a restore can be undone the same way.
    ///
    /// Example: guotang backups meeting.json --restore 1
    Backups {
        /// The snapshot file.
        file: PathBuf,
        /// Put backup N (1 = newest, as listed) back in place.
        #[arg(long, value_name = "N")]
        restore: Option<usize>,
        /// Restore a backup that is not a usable snapshot, or while another
        /// editor holds the lock.
        #[arg(long)]
        force: bool,
    },
    /// Save A and B over FILE in turn until killed (for the crash test).
    #[command(name = "__save-loop", hide = true)]
    SaveLoop {
        file: PathBuf,
        a: PathBuf,
        b: PathBuf,
        /// Stop after this many saves.
        #[arg(long)]
        count: Option<u64>,
    },
    /// Print the screen the console shows on an agenda item, without a terminal.
    ///
    /// Timers stand at zero and the clock at the meeting's planned start, so
    /// the output is the same on every run: exactly HEIGHT lines, none wider
    /// than WIDTH terminal columns. Plain text by default; --ansi adds the
    /// colours as SGR escape sequences. Without FILE, the built-in demo.
    ///
    /// Example: guotang render meeting.json --item 2 --size 160x48 --ansi
    Render {
        /// The snapshot file (default: the built-in demo).
        file: Option<PathBuf>,
        /// The agenda item, from 1.
        #[arg(long, default_value_t = 1)]
        item: usize,
        /// Screen size in cells, WIDTHxHEIGHT.
        #[arg(long, default_value = "120x40", value_parser = render::parse_size)]
        size: (u16, u16),
        /// Colour theme.
        #[arg(long, default_value = "dark", value_enum)]
        theme: ThemeName,
        /// Keep the colours, as SGR escape sequences.
        #[arg(long)]
        ansi: bool,
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
        /// The meeting log to write the minutes from (default: the log the
        /// console kept for this snapshot and meeting date, if any).
        #[arg(long, value_name = "PATH")]
        log: Option<PathBuf>,
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
    /// Print a shell completion script.
    ///
    /// Example (bash): guotang completions bash > ~/.local/share/bash-completion/completions/guotang
    Completions {
        /// bash, zsh, fish, powershell or elvish.
        shell: clap_complete::Shell,
    },
    /// Print the manual page (roff): the tool's, or one command's.
    ///
    /// Example: guotang man | man -l -      guotang man set | man -l -
    Man {
        /// A command whose page to print (check, set, edit…).
        command: Option<String>,
    },
}

/// Runs the command line; returns the process exit code.
pub fn run(cli: Cli) -> ExitCode {
    crate::text::set_ambiguous_wide(cli.ambiguous_wide);
    catch_file_size_signal();
    out::finish(run_command(cli))
}

fn run_command(cli: Cli) -> ExitCode {
    match cli.command {
        Some(Command::Check { file }) => check::run(&file),
        Some(Command::Standings { file, json }) => with_doc(file.as_deref(), |doc| {
            let lang = lang_for(&doc);
            let st = model::compute(&doc.snapshot);
            if json {
                let v = model::standings_json::to_json(&doc.snapshot, &st, lang);
                let text = serde_json::to_string_pretty(&v).unwrap_or_default();
                out::data(crate::sanitize::json_text(&text).as_bytes());
                out::data(b"\n");
            } else {
                out::out!("{}", table::standings_table(&doc.snapshot, &st, lang));
            }
            ExitCode::SUCCESS
        }),
        Some(Command::Init {
            path,
            template,
            list,
            force,
        }) => init::run(path, &template, list, force),
        Some(Command::Roll {
            file,
            to,
            label,
            output,
            force,
        }) => roll::run(&roll::RollArgs {
            file: &file,
            to,
            label: label.as_deref(),
            output: &output,
            force,
        }),
        Some(Command::Set {
            file,
            assignments,
            dry_run,
            force,
            allow_new_fields,
        }) => set::run(
            &file,
            &set::SetArgs {
                texts: &assignments,
                dry_run,
                force,
                allow_new_fields,
            },
        ),
        Some(Command::Backups {
            file,
            restore,
            force,
        }) => backups::run(&file, restore, force),
        Some(Command::SaveLoop { file, a, b, count }) => save_loop::run(&file, &a, &b, count),
        Some(Command::Render {
            file,
            item,
            size,
            theme,
            ansi,
        }) => with_doc(file.as_deref(), |doc| {
            let args = render::RenderArgs {
                item,
                width: size.0,
                height: size.1,
                theme,
                ansi,
                env_lang: std::env::var("LANG").ok(),
            };
            render::run(doc, &args)
        }),
        Some(Command::Schema) => {
            let schema = model::raw::schema();
            let text = serde_json::to_string_pretty(&schema).unwrap_or_default();
            out::data(format!("{text}\n").as_bytes());
            ExitCode::SUCCESS
        }
        Some(Command::Report {
            file,
            output,
            format,
            log,
        }) => with_doc(file.as_deref(), |doc| {
            let args = report::ReportArgs {
                file: file.as_deref(),
                log: log.as_deref(),
                format,
                output: output.as_deref(),
            };
            report::run(&doc, &args)
        }),
        Some(Command::Export {
            file,
            format,
            what,
            output,
        }) => with_doc(file.as_deref(), |doc| {
            export::run(&doc, format, what, output.as_deref())
        }),
        Some(Command::Import {
            file,
            from,
            sheet,
            dry_run,
        }) => import::run(&file, &from, sheet.as_deref(), dry_run),
        Some(Command::Completions { shell }) => completions::completions(shell),
        Some(Command::Man { command }) => completions::man(command.as_deref()),
        Some(Command::Edit { file, theme, watch }) => {
            crate::console::run(crate::console::ConsoleArgs {
                file: Some(file),
                theme: theme.or(cli.theme),
                edit: true,
                watch,
                audience: false,
                board: None,
            })
        }
        Some(Command::Board {
            file,
            every,
            theme,
            watch,
        }) => crate::console::run(crate::console::ConsoleArgs {
            file,
            theme: theme.or(cli.theme),
            edit: false,
            watch,
            audience: false,
            board: Some(every),
        }),
        None => crate::console::run(crate::console::ConsoleArgs {
            file: cli.file,
            theme: cli.theme,
            edit: false,
            watch: cli.watch,
            audience: cli.audience,
            board: None,
        }),
    }
}

/// A command line that does not parse, or a request for help or the
/// version. clap's errors quote the arguments (`unexpected argument
/// 'evil\e]0;PWNED\a.json'`), raw when standard error is a terminal: the
/// error is printed as plain text, each line made safe. Help and version
/// quote nothing typed, and keep clap's colours.
pub fn parse_failed(e: &clap::Error) -> ExitCode {
    use clap::error::ErrorKind;
    if matches!(e.kind(), ErrorKind::DisplayHelp | ErrorKind::DisplayVersion) {
        if let Err(closed) = e.print() {
            out::closed(&closed);
        }
        return out::finish(ExitCode::SUCCESS);
    }
    let stream = if e.use_stderr() {
        out::Stream::Err
    } else {
        out::Stream::Out
    };
    out::message(stream, &e.render().to_string());
    let code = u8::try_from(e.exit_code()).unwrap_or(2);
    out::finish(ExitCode::from(code))
}

/// A write past the file size limit (`ulimit -f`, RLIMIT_FSIZE) raises
/// SIGXFSZ, whose default action kills the process on the spot: no message,
/// a stale lock and a half-written temporary file left behind. Caught, the
/// write fails with EFBIG instead, and the save reports it like a full disk.
fn catch_file_size_signal() {
    use std::sync::Arc;
    use std::sync::atomic::AtomicBool;
    // Nothing reads the flag: catching the signal is all that is wanted.
    let _ = signal_hook::flag::register(
        signal_hook::consts::SIGXFSZ,
        Arc::new(AtomicBool::new(false)),
    );
}

/// Parses a `YYYY-MM-DD` date for clap.
fn parse_day(s: &str) -> Result<chrono::NaiveDate, String> {
    model::fields::parse_date(s).map_err(|e| match e {
        model::fields::DateError::Shape => format!("expected a date YYYY-MM-DD, found {s:?}"),
        model::fields::DateError::NoSuchDay => format!("no such date {s:?}"),
    })
}

/// An output path's extension in lower case, which picks a format when none is given.
fn extension(output: Option<&std::path::Path>) -> Option<String> {
    output
        .and_then(|p| p.extension())
        .and_then(|e| e.to_str())
        .map(str::to_ascii_lowercase)
}

/// The language for a snapshot's labels: its `locale`, else `LANG`.
pub fn lang_for(doc: &Document) -> Lang {
    let env = std::env::var("LANG").ok();
    Lang::detect(doc.snapshot.locale, env.as_deref())
}

/// Loads the file (or the demo when none is given) and runs `f` on it; a file
/// that cannot be used is reported on stderr with exit code 1.
fn with_doc(file: Option<&std::path::Path>, f: impl FnOnce(Document) -> ExitCode) -> ExitCode {
    match file {
        None => match Document::from_bytes(model::DEMO.as_bytes()) {
            Ok(doc) => f(doc),
            Err(problems) => {
                errln!("error: the built-in demo is broken:\n{problems}");
                ExitCode::FAILURE
            }
        },
        Some(path) => match store::load(path) {
            Ok(loaded) => f(loaded.doc),
            Err(e) => {
                report_load_error(&e);
                ExitCode::FAILURE
            }
        },
    }
}

/// A file name as it may be printed: names come from shared folders too, and
/// may carry escape sequences.
pub fn shown_path(path: &std::path::Path) -> String {
    one_line(&path.display().to_string()).into_owned()
}

/// Prints a load error the way every command does.
pub fn report_load_error(e: &LoadError) {
    match e {
        LoadError::Io { path, source } if source.kind() == std::io::ErrorKind::NotFound => {
            errln!("error: {}", one_line(&e.to_string()));
            errln!(
                "  to start a new snapshot there from the demo meeting: guotang init {}",
                shown_path(path)
            );
        }
        LoadError::Io { .. } => errln!("error: {}", one_line(&e.to_string())),
        LoadError::Invalid { path, problems } => {
            let n = problems.len();
            let s = if n == 1 { "" } else { "s" };
            errln!(
                "error: {} is not a usable snapshot ({n} problem{s}):",
                shown_path(path)
            );
            for p in &problems.0 {
                let text = p.to_string();
                for (i, line) in text.lines().enumerate() {
                    let lead = if i == 0 { "  - " } else { "    " };
                    errln!("{lead}{line}");
                }
            }
        }
    }
}
