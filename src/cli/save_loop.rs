//! `guotang __save-loop FILE A B` (hidden): saves A and B over FILE in turn
//! through the real save path (lock, hash check, backup, atomic write) until
//! killed, so tests/crash.rs can kill it mid-save and check that FILE is
//! always one version or the other, never a mix.

use std::path::Path;
use std::process::ExitCode;

use crate::model::Document;
use crate::store::{self, Expect};

pub fn run(file: &Path, a: &Path, b: &Path, count: Option<u64>) -> ExitCode {
    match run_inner(file, a, b, count) {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("error: {e}");
            ExitCode::FAILURE
        }
    }
}

fn run_inner(file: &Path, a: &Path, b: &Path, count: Option<u64>) -> anyhow::Result<()> {
    let docs = [store::load(a)?.doc, store::load(b)?.doc];
    // A lock left by the previous (killed) run is stale and taken over.
    let _lock = store::lock::acquire(file, "save loop")?;
    let mut expect = Expect::Unchanged(store::hash_bytes(&std::fs::read(file)?));
    let mut i = 0u64;
    while count.is_none_or(|c| i < c) {
        let doc: &Document = &docs[(i % 2) as usize];
        let saved = store::save(file, doc, expect)?;
        expect = Expect::Unchanged(saved.content_hash);
        i += 1;
    }
    Ok(())
}
