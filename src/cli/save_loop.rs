//! `guotang __save-loop FILE A B` (hidden): saves A and B over FILE in turn
//! through the real save path (lock, hash check, backup, atomic write) until
//! killed, so tests/it/crash.rs can kill it mid-save and check that FILE is
//! always one version or the other, never a mix.

use std::io::Write;
use std::path::Path;
use std::process::ExitCode;

use super::out::{errln, outln};
use crate::store::{self, Expect};

pub fn run(file: &Path, a: &Path, b: &Path, count: Option<u64>) -> ExitCode {
    match run_inner(file, a, b, count) {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            errln!("error: {e}");
            ExitCode::FAILURE
        }
    }
}

/// Whatever stops the loop: its message is all the test reads.
type LoopError = Box<dyn std::error::Error>;

fn run_inner(file: &Path, a: &Path, b: &Path, count: Option<u64>) -> Result<(), LoopError> {
    // Bytes, not documents: the test checks both are snapshots in the save
    // format; validating 1.5 MB twice at every start would only slow it down.
    let versions = [std::fs::read(a)?, std::fs::read(b)?];
    // A lock left by the previous (killed) run is stale and taken over.
    let _lock = store::lock::acquire(file, "save loop")?;
    let current = std::fs::read(file)?;
    let mut expect = Expect::Unchanged(store::hash_bytes(&current));
    // Start with the version the file does not hold, so the first save writes.
    let mut i = u64::from(current == versions[0]);
    let stop = count.map(|c| c + i);
    // Tells the test that saving starts now, so its kills land in saves
    // rather than in start-up.
    outln!("ready");
    std::io::stdout().flush()?;
    while stop.is_none_or(|s| i < s) {
        // A save lock left by the previous (killed) run died with it.
        let writer = store::save::Writer::begin(file, "save loop")?;
        let saved = writer.save_bytes(&versions[(i % 2) as usize], expect)?;
        expect = Expect::Unchanged(saved.content_hash);
        i += 1;
    }
    Ok(())
}
