//! `guotang init`: the demo meeting as a template to edit.

use std::path::PathBuf;
use std::process::ExitCode;

use super::out::{errln, outln};
use crate::model::DEMO;
use crate::store::atomic;

pub fn run(path: Option<PathBuf>, force: bool) -> ExitCode {
    let path = path.unwrap_or_else(|| PathBuf::from("guotang.json"));
    match atomic::create(&path, DEMO.as_bytes(), force) {
        Ok(()) => {
            outln!(
                "wrote {} (the demo meeting): edit it, then run",
                path.display()
            );
            outln!("  guotang check {}", path.display());
            outln!("  guotang {}", path.display());
            ExitCode::SUCCESS
        }
        Err(e) if e.kind() == std::io::ErrorKind::AlreadyExists => {
            errln!(
                "error: {} already exists; use --force to overwrite it",
                path.display()
            );
            ExitCode::FAILURE
        }
        Err(e) => {
            errln!("error: cannot write {}: {e}", path.display());
            ExitCode::FAILURE
        }
    }
}
