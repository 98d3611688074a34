//! Writes a generated snapshot to standard output, for benchmarks and for
//! trying the console on a meeting of any size.
//!
//! `cargo run --release --example gen -- --units 2000 --projects 100000 --seed 1 > big.json`

use std::io::Write;
use std::process::ExitCode;

use clap::Parser;

/// Writes a valid, realistic guotang snapshot of the size asked for.
#[derive(Debug, Parser)]
struct Args {
    /// How many units (at least 1).
    #[arg(long, default_value_t = 2000)]
    units: usize,
    /// How many projects.
    #[arg(long, default_value_t = 100_000)]
    projects: usize,
    /// The same seed gives the same file, byte for byte.
    #[arg(long, default_value_t = 1)]
    seed: u64,
    /// One line instead of the console's pretty save format.
    #[arg(long)]
    compact: bool,
}

fn main() -> ExitCode {
    let args = Args::parse();
    let doc = guotang::testgen::generate(args.units, args.projects, args.seed);
    let text = if args.compact {
        let mut s = doc.to_string();
        s.push('\n');
        s
    } else {
        guotang::model::to_pretty(&doc)
    };
    match std::io::stdout().lock().write_all(text.as_bytes()) {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("error: cannot write the snapshot: {e}");
            ExitCode::FAILURE
        }
    }
}
