use std::process::ExitCode;

use clap::Parser;

fn main() -> ExitCode {
    guotang::memory::configure();
    guotang::cli::run(guotang::cli::Cli::parse())
}
