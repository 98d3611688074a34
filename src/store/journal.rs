//! Unsaved edits, journaled as they happen so that a crash or a power cut
//! loses none: append-only JSON lines (a header with the hash of the file the
//! edits apply to, then one change set per line), fsync'd per entry, in the
//! data directory.
//!
//! A journal belongs to its writer. Each editing session writes its own
//! file (`edits-….jsonl`) and holds an OS lock on it (`flock`, through std's
//! `File::lock`) for as long as it lives: while the writer lives no one else
//! may recover or discard its edits — [`scan`] shows them as someone's
//! unsaved work, with who and since when. Once the writer is dead (killed,
//! crashed, its machine off) the OS has let its lock go, and the next
//! [`scan`] claims the journal and offers to recover it. A journal file is
//! removed only by whoever holds its lock, after checking that its name
//! still leads to the file locked.

use std::fs::{self, File};
use std::io::{self, Write};
use std::path::{Path, PathBuf};
use std::time::Duration;

use serde::{Deserialize, Serialize};

use super::lock::{LockInfo, same_file};
use super::{content, data_dir, hash_bytes, read_bytes};
use crate::model::edit::{ChangeSet, Rebased, rebase};
use crate::model::parse::parse_json;

const VERSION: u32 = 1;

#[derive(Debug, Serialize, Deserialize)]
struct Header {
    guotang_journal: u32,
    snapshot: String,
    /// Hex: a u64 does not survive JSON tools that read numbers as doubles.
    base_hash: String,
    /// The algorithm of `base_hash` ([`content::HASH_NAME`]); absent in
    /// journals of earlier versions, which used [`content::legacy_hash`].
    #[serde(default, skip_serializing_if = "Option::is_none")]
    hash: Option<String>,
    started: String,
    /// Who writes it (absent in journals of earlier versions).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    writer: Option<LockInfo>,
}

#[derive(Debug, Serialize, Deserialize)]
struct Entry {
    time: String,
    changes: ChangeSet,
}

/// Why journaling failed.
#[derive(Debug, thiserror::Error)]
pub enum JournalError {
    #[error("cannot journal edits in {}: {source}", path.display())]
    Io {
        path: PathBuf,
        #[source]
        source: io::Error,
    },
}

/// The folder holding a snapshot's journals.
pub fn dir_for(snapshot: &Path) -> io::Result<PathBuf> {
    data_dir::snapshot_path("journal", snapshot)
}

fn now() -> String {
    chrono::Local::now().to_rfc3339_opts(chrono::SecondsFormat::Millis, false)
}

/// A journal file open, with its OS lock held and its name checked to lead
/// to it. Dropping it lets the lock go and leaves the file (a crash, for
/// the next start to recover).
#[derive(Debug)]
struct Held {
    path: PathBuf,
    file: File,
}

impl Held {
    /// Removes the file: it is ours (locked here, the name still leads to
    /// it), so no one else is writing or recovering it.
    fn remove(self) -> io::Result<()> {
        if same_file(&self.file, &self.path)? {
            match fs::remove_file(&self.path) {
                Err(e) if e.kind() != io::ErrorKind::NotFound => return Err(e),
                _ => {}
            }
        }
        Ok(())
    }
}

/// Writes `text` to a new journal file in `dir`, locked before anyone can
/// see it, and puts it at `replacing` (this session's own file) or under a
/// new name. The file appears whole (written, synced, renamed), so a torn
/// header is never found.
fn write_new(dir: &Path, text: &[u8], replacing: Option<&Path>) -> io::Result<Held> {
    fs::create_dir_all(dir)?;
    let tmp = tempfile::Builder::new()
        .prefix(".edits-")
        .suffix(".tmp")
        .tempfile_in(dir)?;
    tmp.as_file()
        .try_lock()
        .map_err(|e| io::Error::other(format!("cannot lock a new journal: {e}")))?;
    (&mut tmp.as_file()).write_all(text)?;
    tmp.as_file().sync_all()?;
    let (file, path) = match replacing {
        Some(p) => (tmp.persist(p).map_err(|e| e.error)?, p.to_owned()),
        None => {
            let mut tmp = tmp;
            let stamp = chrono::Local::now().format("%Y%m%dT%H%M%S%.6f");
            let mut n = 0u32;
            loop {
                let p = dir.join(format!("edits-{stamp}-{}-{n}.jsonl", std::process::id()));
                match tmp.persist_noclobber(&p) {
                    Ok(f) => break (f, p),
                    Err(e) if e.error.kind() == io::ErrorKind::AlreadyExists && n < 100 => {
                        tmp = e.file;
                        n += 1;
                    }
                    Err(e) => return Err(e.error),
                }
            }
        }
    };
    File::open(dir)?.sync_all()?;
    Ok(Held { path, file })
}

/// The journal of one editing session.
#[derive(Debug)]
pub struct Journal {
    snapshot: PathBuf,
    dir: PathBuf,
    base_hash: u64,
    writer: LockInfo,
    /// Open once the first edit is journaled: no edits, no file.
    file: Option<Held>,
}

impl Journal {
    /// Starts journaling edits of `snapshot`, whose loaded version has
    /// `base_hash`. Its file is its own: other sessions' journals, live or
    /// not, are left as they are.
    pub fn start(snapshot: &Path, base_hash: u64) -> Result<Journal, JournalError> {
        let dir = dir_for(snapshot).map_err(|source| JournalError::Io {
            path: snapshot.to_owned(),
            source,
        })?;
        Ok(Journal {
            snapshot: snapshot.to_owned(),
            dir,
            base_hash,
            writer: LockInfo::current("edit"),
            file: None,
        })
    }

    /// Continues a session after a [`Recovery`]: the claimed journal now
    /// holds `sets` (the edits kept, as replayed) on the file as it is now,
    /// and is this session's.
    pub fn adopt(
        claim: Claim,
        base_hash: u64,
        sets: &[ChangeSet],
    ) -> Result<Journal, JournalError> {
        let mut j = Journal::start(&claim.snapshot, base_hash)?;
        j.file = Some(claim.held);
        j.rewrite(base_hash, sets)?;
        Ok(j)
    }

    /// The journal file, once there is one.
    pub fn path(&self) -> Option<&Path> {
        self.file.as_ref().map(|h| h.path.as_path())
    }

    fn err(&self, source: io::Error) -> JournalError {
        JournalError::Io {
            path: self.path().unwrap_or(&self.dir).to_owned(),
            source,
        }
    }

    fn header(&self) -> Result<String, JournalError> {
        let h = Header {
            guotang_journal: VERSION,
            snapshot: self.snapshot.display().to_string(),
            base_hash: format!("{:016x}", self.base_hash),
            hash: Some(content::HASH_NAME.into()),
            started: now(),
            writer: Some(self.writer.clone()),
        };
        let mut line = serde_json::to_string(&h).map_err(|e| self.err(io::Error::other(e)))?;
        line.push('\n');
        Ok(line)
    }

    fn entry(&self, changes: &ChangeSet) -> Result<String, JournalError> {
        let entry = Entry {
            time: now(),
            changes: changes.clone(),
        };
        let mut line = serde_json::to_string(&entry).map_err(|e| self.err(io::Error::other(e)))?;
        line.push('\n');
        Ok(line)
    }

    /// Journals one edit (or undo, or redo) durably before returning.
    pub fn append(&mut self, changes: &ChangeSet) -> Result<(), JournalError> {
        if changes.is_empty() {
            return Ok(());
        }
        let line = self.entry(changes)?;
        match &mut self.file {
            None => {
                let text = self.header()? + &line;
                let held = write_new(&self.dir, text.as_bytes(), None).map_err(|e| self.err(e))?;
                self.file = Some(held);
                Ok(())
            }
            Some(held) => {
                // One write per entry: a power cut leaves at most a torn last line.
                let result = (&held.file)
                    .write_all(line.as_bytes())
                    .and_then(|()| held.file.sync_data());
                result.map_err(|e| self.err(e))
            }
        }
    }

    /// After a save: the file now has `hash` and nothing is unsaved.
    pub fn saved(&mut self, hash: u64) -> Result<(), JournalError> {
        self.base_hash = hash;
        self.discard()
    }

    /// Removes this session's journal (saved, or the edits given up).
    pub fn discard(&mut self) -> Result<(), JournalError> {
        match self.file.take() {
            Some(held) => {
                let path = held.path.clone();
                held.remove()
                    .map_err(|source| JournalError::Io { path, source })
            }
            None => Ok(()),
        }
    }

    /// Replaces the journal with `sets` on a file with `base_hash`: after a
    /// recovery, or after edits were rebased onto a reloaded file. No sets:
    /// nothing unsaved, no journal.
    pub fn rewrite(&mut self, base_hash: u64, sets: &[ChangeSet]) -> Result<(), JournalError> {
        self.base_hash = base_hash;
        if sets.iter().all(ChangeSet::is_empty) {
            return self.discard();
        }
        let mut text = self.header()?;
        for changes in sets.iter().filter(|s| !s.is_empty()) {
            text.push_str(&self.entry(changes)?);
        }
        let replacing = self.path().map(Path::to_owned);
        // The new file is locked before it takes the old one's name; the
        // old one goes when its handle does.
        let held =
            write_new(&self.dir, text.as_bytes(), replacing.as_deref()).map_err(|e| self.err(e))?;
        self.file = Some(held);
        Ok(())
    }
}

/// Unsaved edits found from a session that ended without saving, replayed
/// on the file as it is now.
#[derive(Debug, Clone)]
pub struct Recovery {
    pub snapshot: PathBuf,
    pub journal: PathBuf,
    /// When the session began.
    pub started: String,
    /// The edits, oldest first.
    pub sets: Vec<ChangeSet>,
    /// The file is still the one the edits were made on: they replay cleanly.
    pub base_matches: bool,
    /// The last line was cut short (a power cut mid-write) and is ignored.
    pub torn_tail: bool,
    /// Damaged lines before the last, skipped.
    pub damaged_lines: usize,
    /// The hash of the file now: save the recovered document expecting it.
    pub current_hash: Option<u64>,
    /// The journal was written by an earlier version, with the content hash
    /// guotang used then: its file was recognised by that hash (and the
    /// journal is rewritten with today's once the edits are taken).
    pub legacy_hash: bool,
    /// The edits replayed on the file now: what applies, what clashes; or why
    /// they cannot be (the file is gone, or the result is not valid).
    pub replay: Result<Rebased, String>,
}

/// A dead session's journal, now held by this process: no one else can
/// recover or discard it meanwhile. Dropping the claim leaves the journal
/// for a later start.
#[derive(Debug)]
pub struct Claim {
    snapshot: PathBuf,
    held: Held,
}

impl Claim {
    /// The journal file.
    pub fn path(&self) -> &Path {
        &self.held.path
    }

    /// Discards the dead session's edits: the user chose not to keep them.
    pub fn discard(self) -> Result<(), JournalError> {
        let path = self.held.path.clone();
        self.held
            .remove()
            .map_err(|source| JournalError::Io { path, source })
    }
}

/// Another session's journal whose writer is alive: its edits are theirs.
#[derive(Debug, Clone, PartialEq)]
pub struct Live {
    pub journal: PathBuf,
    /// Who writes it (`None` for a journal of an earlier version).
    pub writer: Option<LockInfo>,
    /// When that session's unsaved edits began.
    pub started: String,
}

/// What [`scan`] found.
#[derive(Debug, Default)]
pub struct Scan {
    /// A dead session's edits, claimed: offer them.
    pub found: Option<(Recovery, Claim)>,
    /// Sessions alive with unsaved edits: say so, offer nothing.
    pub live: Vec<Live>,
}

/// Temporaries of journals older than this were left by a killed writer.
const STALE_TEMPORARY: Duration = Duration::from_secs(3600);

/// Looks at the journals of `snapshot`: those whose writer is alive are
/// listed; the first one, oldest name first, whose writer is dead and that
/// holds edits is claimed and replayed on the file as it is now. Dead
/// journals without edits are removed. `own` (this session's journal) is
/// skipped.
pub fn scan(snapshot: &Path, own: Option<&Path>) -> Result<Scan, JournalError> {
    let dir = dir_for(snapshot).map_err(|source| JournalError::Io {
        path: snapshot.to_owned(),
        source,
    })?;
    let io = |path: &Path| {
        let path = path.to_owned();
        move |source| JournalError::Io { path, source }
    };
    let mut names: Vec<PathBuf> = match fs::read_dir(&dir) {
        Ok(entries) => entries.flatten().map(|e| e.path()).collect(),
        Err(e) if e.kind() == io::ErrorKind::NotFound => return Ok(Scan::default()),
        Err(e) => return Err(io(&dir)(e)),
    };
    names.sort();
    let mut scan = Scan::default();
    for path in names {
        let name = path
            .file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_default();
        if name.starts_with(".edits-") && name.ends_with(".tmp") {
            sweep_temporary(&path);
            continue;
        }
        if !name.ends_with(".jsonl") || Some(path.as_path()) == own {
            continue;
        }
        let file = match File::open(&path) {
            Ok(f) => f,
            // Removed by its writer meanwhile.
            Err(e) if e.kind() == io::ErrorKind::NotFound => continue,
            Err(e) => return Err(io(&path)(e)),
        };
        match file.try_lock() {
            Ok(()) => {}
            Err(fs::TryLockError::WouldBlock) => {
                let (header, _) = read_journal(&path);
                if let Some(h) = header {
                    scan.live.push(Live {
                        journal: path,
                        writer: h.writer,
                        started: h.started,
                    });
                }
                continue;
            }
            Err(fs::TryLockError::Error(e)) => return Err(io(&path)(e)),
        }
        if !same_file(&file, &path).map_err(io(&path))? {
            continue;
        }
        let held = Held { path, file };
        if scan.found.is_some() {
            // Left, unlocked, for a later start.
            continue;
        }
        match recovery(snapshot, &held.path)? {
            Some(rec) => {
                scan.found = Some((
                    rec,
                    Claim {
                        snapshot: snapshot.to_owned(),
                        held,
                    },
                ));
            }
            // A dead session that journaled nothing usable.
            None => held.remove().map_err(io(&dir))?,
        }
    }
    Ok(scan)
}

/// Removes a journal's temporary file left by a killed writer.
fn sweep_temporary(path: &Path) {
    let old = fs::metadata(path)
        .and_then(|m| m.modified())
        .ok()
        .and_then(|t| t.elapsed().ok())
        .is_some_and(|age| age > STALE_TEMPORARY);
    if old
        && let Ok(f) = File::open(path)
        && f.try_lock().is_ok()
        && same_file(&f, path).unwrap_or(false)
    {
        let _ = fs::remove_file(path);
    }
}

/// The unsaved edits a dead session left in `snapshot`'s journals, if any
/// (claimed for as long as the returned value lives: mostly for tests and
/// tools; the console keeps the [`Claim`] from [`scan`]).
pub fn pending(snapshot: &Path) -> Result<Option<Recovery>, JournalError> {
    Ok(scan(snapshot, None)?.found.map(|(r, _)| r))
}

/// A journal's header and its entries' lines, as far as they can be read.
fn read_journal(path: &Path) -> (Option<Header>, Vec<u8>) {
    let bytes = fs::read(path).unwrap_or_default();
    let first = bytes.split(|&b| b == b'\n').next().unwrap_or_default();
    (serde_json::from_slice(first).ok(), bytes)
}

/// The recovery a journal offers: `None` when it holds no edit.
fn recovery(snapshot: &Path, journal: &Path) -> Result<Option<Recovery>, JournalError> {
    let bytes = fs::read(journal).map_err(|source| JournalError::Io {
        path: journal.to_owned(),
        source,
    })?;
    let mut lines: Vec<&[u8]> = bytes.split(|&b| b == b'\n').collect();
    // Text after the last newline was never completed.
    let torn_tail_bytes = lines.pop().is_some_and(|l| !l.is_empty());
    let header: Option<Header> = lines.first().and_then(|l| serde_json::from_slice(l).ok());
    let body = if header.is_some() {
        &lines[1..]
    } else {
        &lines[..]
    };
    let mut sets = Vec::new();
    let mut bad = Vec::new();
    for (i, line) in body.iter().enumerate() {
        match serde_json::from_slice::<Entry>(line) {
            Ok(e) => sets.push(e.changes),
            Err(_) => bad.push(i),
        }
    }
    // A damaged last complete line is a torn write too (a power cut can
    // leave a line of zeros); damage before it is counted, not fatal.
    let last_bad = bad.last() == Some(&body.len().wrapping_sub(1));
    let torn_tail = torn_tail_bytes || last_bad;
    let damaged_lines = bad.len() - usize::from(last_bad);
    if sets.is_empty() {
        return Ok(None);
    }
    let base = header
        .as_ref()
        .and_then(|h| u64::from_str_radix(&h.base_hash, 16).ok());
    let current = read_bytes(snapshot);
    let current_hash = current.as_ref().ok().map(|b| hash_bytes(b));
    let legacy = header.as_ref().is_some_and(|h| h.hash.is_none());
    let base_hash_now = if legacy {
        current.as_ref().ok().map(|b| content::legacy_hash(b))
    } else {
        current_hash
    };
    let replay = match &current {
        Err(e) => Err(e.to_string()),
        Ok(b) => parse_json(b)
            .map_err(|p| format!("{} is not JSON now: {p}", snapshot.display()))
            .and_then(|json| rebase(&json, &sets).map_err(|e| e.to_string())),
    };
    Ok(Some(Recovery {
        snapshot: snapshot.to_owned(),
        journal: journal.to_owned(),
        started: header.map(|h| h.started).unwrap_or_default(),
        sets,
        base_matches: base.is_some() && base == base_hash_now,
        torn_tail,
        damaged_lines,
        current_hash,
        legacy_hash: legacy,
        replay,
    }))
}
