//! A snapshot file's pages mapped for reading, for a command that reads
//! the file once and ends (`check`).
//!
//! Reading 27 MB into memory must fault in and zero every page the bytes
//! land in — on a virtual machine that was 40–60 ms, a fifth of what
//! `check` took — while a mapping uses the page cache's own pages (5 ms).
//! A console keeps reading into memory: it holds the text for hours, and
//! another program writing the file in place must not change it under it.
//!
//! Two hazards of a mapping are handled here:
//! - the file cut short meanwhile (another program rewriting it in place)
//!   makes a read of the lost pages raise SIGBUS: while a mapping lives,
//!   that signal ends the process with a message, instead of a crash;
//! - the file changed in place meanwhile can give a text that mixes two
//!   versions: the caller compares the file's [`super::content::FileStamp`]
//!   before and after, and reads the file again into memory if it changed.

use std::fs::File;
use std::io;
use std::sync::Once;
use std::sync::atomic::{AtomicUsize, Ordering};

/// The least size worth mapping: below it, reading costs next to nothing.
pub const MAP_FROM: u64 = 1 << 20;

/// A file's pages, mapped read-only, populated up front.
pub struct Mapped {
    map: memmap2::Mmap,
}

/// How many mappings live: a SIGBUS then is a file cut short under one.
static LIVE: AtomicUsize = AtomicUsize::new(0);

/// What the process says when a mapped file is cut short under it.
const CUT_SHORT: &[u8] = b"error: the snapshot was cut short while it was read (another program \
is writing it in place); nothing was changed: run the command again\n";

impl Mapped {
    /// Maps `file`; `Ok(None)` when it is too small to be worth it.
    pub fn new(file: &File) -> io::Result<Option<Mapped>> {
        if file.metadata()?.len() < MAP_FROM {
            return Ok(None);
        }
        on_bus_once();
        // Counted before the mapping exists: no read of it goes without.
        LIVE.fetch_add(1, Ordering::SeqCst);
        // SAFETY: the mapping is read-only and private. Another process may
        // still change the file: a cut (SIGBUS) ends the process cleanly
        // (`on_bus`); a change in place is found by the caller comparing
        // the file's identity before and after, and what was read is then
        // dropped and the file read again into memory.
        match unsafe { memmap2::MmapOptions::new().populate().map(file) } {
            Ok(map) => Ok(Some(Mapped { map })),
            Err(e) => {
                LIVE.fetch_sub(1, Ordering::SeqCst);
                Err(e)
            }
        }
    }
}

impl AsRef<[u8]> for Mapped {
    fn as_ref(&self) -> &[u8] {
        &self.map
    }
}

impl Drop for Mapped {
    fn drop(&mut self) {
        // Uncounted before the pages are unmapped (the fields drop after
        // this): nothing reads them any more by then.
        LIVE.fetch_sub(1, Ordering::SeqCst);
    }
}

/// Installs [`on_bus`] for SIGBUS, once per process.
fn on_bus_once() {
    static ONCE: Once = Once::new();
    ONCE.call_once(|| {
        // SAFETY: a plain handler is installed for one signal; the handler
        // only calls async-signal-safe functions (write, _exit, signal,
        // raise) and reads an atomic.
        unsafe {
            let mut action: libc::sigaction = std::mem::zeroed();
            action.sa_sigaction = on_bus as *const () as libc::sighandler_t;
            libc::sigemptyset(&mut action.sa_mask);
            libc::sigaction(libc::SIGBUS, &action, std::ptr::null_mut());
        }
    });
}

/// SIGBUS while a mapping lives: a mapped file was cut short. Ends the
/// process with a message instead of a crash. With none living, the
/// signal is not ours: the default action (a crash), as without a handler.
extern "C" fn on_bus(signal: libc::c_int) {
    // SAFETY: async-signal-safe calls only, on a static message.
    unsafe {
        if LIVE.load(Ordering::SeqCst) > 0 {
            let _ = libc::write(2, CUT_SHORT.as_ptr().cast(), CUT_SHORT.len());
            libc::_exit(1);
        }
        libc::signal(signal, libc::SIG_DFL);
        libc::raise(signal);
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::store::content::FileStamp;
    use std::io::Write as _;
    use std::os::unix::process::ExitStatusExt as _;
    use std::path::Path;
    use std::process::{Command, Output};

    /// Set in a child run of this test binary: what it does (`cut`,
    /// `raise`) to a file at the path after the colon.
    const CHILD: &str = "GUOTANG_TEST_MAPPED_CHILD";

    fn big_file(dir: &Path) -> std::path::PathBuf {
        let path = dir.join("big.json");
        let mut f = File::create(&path).unwrap();
        f.write_all(&vec![b' '; 2 * MAP_FROM as usize]).unwrap();
        path
    }

    /// Runs `test` of this module again in a child process, which does
    /// `what` to a large file made for it.
    fn child(test: &str, what: &str) -> Output {
        let dir = tempfile::tempdir().unwrap();
        let path = big_file(dir.path());
        Command::new(std::env::current_exe().unwrap())
            .args(["--exact", &format!("store::mapped::tests::{test}")])
            .args(["--nocapture", "--test-threads=1"])
            .env(CHILD, format!("{what}:{}", path.display()))
            .output()
            .unwrap()
    }

    /// The child's part: maps the file, then cuts it short (`cut`) or
    /// raises SIGBUS itself with no mapping alive (`raise`). Returns
    /// whether this is the child (which never gets past its part).
    fn as_child() -> bool {
        let Ok(what) = std::env::var(CHILD) else {
            return false;
        };
        let (what, path) = what.split_once(':').unwrap();
        let file = File::open(path).unwrap();
        if what == "raise" {
            drop(Mapped::new(&file).unwrap().unwrap());
            // SAFETY: raising a signal in a child process made for it.
            unsafe { libc::raise(libc::SIGBUS) };
        } else {
            let mapped = Mapped::new(&file).unwrap().unwrap();
            std::fs::OpenOptions::new()
                .write(true)
                .open(path)
                .unwrap()
                .set_len(0)
                .unwrap();
            let sum: u64 = mapped.as_ref().iter().map(|&b| u64::from(b)).sum();
            println!("read on after the cut: {sum}");
        }
        std::process::exit(0);
    }

    #[test]
    fn a_file_cut_short_under_a_mapping_ends_the_process_with_a_message() {
        if as_child() {
            return;
        }
        let out = child(
            "a_file_cut_short_under_a_mapping_ends_the_process_with_a_message",
            "cut",
        );
        let stderr = String::from_utf8_lossy(&out.stderr);
        assert_eq!(out.status.code(), Some(1), "{:?} {stderr}", out.status);
        assert!(
            stderr.contains("was cut short while it was read"),
            "{stderr}"
        );
        assert!(!String::from_utf8_lossy(&out.stdout).contains("read on"));
    }

    #[test]
    fn a_sigbus_with_no_mapping_alive_is_not_taken_for_one() {
        if as_child() {
            return;
        }
        let out = child(
            "a_sigbus_with_no_mapping_alive_is_not_taken_for_one",
            "raise",
        );
        assert_eq!(out.status.signal(), Some(libc::SIGBUS), "{:?}", out.status);
        assert!(!String::from_utf8_lossy(&out.stderr).contains("cut short"));
    }

    #[test]
    fn a_small_file_is_not_mapped_and_a_large_one_reads_whole() {
        let dir = tempfile::tempdir().unwrap();
        let small = dir.path().join("small.json");
        std::fs::write(&small, b"{}").unwrap();
        assert!(Mapped::new(&File::open(&small).unwrap()).unwrap().is_none());
        let path = big_file(dir.path());
        let mapped = Mapped::new(&File::open(&path).unwrap()).unwrap().unwrap();
        assert_eq!(mapped.as_ref(), std::fs::read(&path).unwrap().as_slice());
    }

    #[test]
    fn a_write_in_place_changes_the_stamp() {
        let dir = tempfile::tempdir().unwrap();
        let path = big_file(dir.path());
        let file = File::options().read(true).write(true).open(&path).unwrap();
        // An old time, so that a write now is seen whatever the clock's step.
        file.set_modified(std::time::UNIX_EPOCH + std::time::Duration::from_secs(1 << 30))
            .unwrap();
        let before = FileStamp::of_file(&file).unwrap();
        assert_eq!(FileStamp::of_file(&file).unwrap(), before);
        (&file).write_all(b"[").unwrap();
        assert_ne!(FileStamp::of_file(&file).unwrap(), before);
    }
}
