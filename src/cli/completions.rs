//! Shell completions and the manual page, generated from the same clap
//! definition as the parser, so they can never list a flag that does not exist.

use super::out::errln;
use std::io::{self, Write};
use std::process::ExitCode;

use clap::CommandFactory;
use clap_complete::Shell;

use super::Cli;

/// Prints the completion script for `shell` to standard output.
pub fn completions(shell: Shell) -> ExitCode {
    let mut cmd = Cli::command();
    let mut out = Vec::new();
    clap_complete::generate(shell, &mut cmd, "guotang", &mut out);
    write_stdout(&out)
}

/// Prints a manual page (roff) to standard output: the tool's page
/// (`guotang man | man -l -`), or one command's (`guotang man check`), as
/// git has a page per command.
pub fn man(command: Option<&str>) -> ExitCode {
    // clap's own `help` command is left out: `guotang help X` is the same as `X --help`.
    let root = Cli::command().disable_help_subcommand(true);
    let (cmd, title) = match command {
        None => (root, "guotang".to_owned()),
        Some(name) => match root.find_subcommand(name).filter(|s| !s.is_hide_set()) {
            Some(sub) => (
                sub.clone()
                    .version(env!("CARGO_PKG_VERSION"))
                    .display_name(format!("guotang-{}", sub.get_name()))
                    .bin_name(format!("guotang {}", sub.get_name())),
                format!("guotang-{}", sub.get_name()),
            ),
            None => {
                let names: Vec<&str> = root
                    .get_subcommands()
                    .filter(|s| !s.is_hide_set())
                    .map(|s| s.get_name())
                    .collect();
                errln!(
                    "error: no command {:?}; expected one of {}",
                    crate::sanitize::one_line(name),
                    names.join(", ")
                );
                return ExitCode::from(2);
            }
        },
    };
    let mut out = Vec::new();
    let page = clap_mangen::Man::new(cmd)
        .title(title)
        .source(concat!("guotang ", env!("CARGO_PKG_VERSION")));
    if let Err(e) = page.render(&mut out) {
        errln!("error: cannot write the manual page: {e}");
        return ExitCode::FAILURE;
    }
    write_stdout(&out)
}

/// Writes generated text; a closed pipe (`| head`) ends quietly.
fn write_stdout(bytes: &[u8]) -> ExitCode {
    let mut stdout = io::stdout().lock();
    match stdout.write_all(bytes).and_then(|_| stdout.flush()) {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) if e.kind() == io::ErrorKind::BrokenPipe => ExitCode::SUCCESS,
        Err(e) => {
            errln!("error: cannot write to standard output: {e}");
            ExitCode::FAILURE
        }
    }
}
