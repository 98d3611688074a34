use std::process::ExitCode;

use clap::Parser;

fn main() -> ExitCode {
    guotang::memory::configure();
    match guotang::cli::Cli::try_parse() {
        Ok(cli) => guotang::cli::run(cli),
        Err(e) => guotang::cli::parse_failed(&e),
    }
}
