//! Unsaved edits, journaled as they happen so that a crash or a power cut
//! loses none: append-only JSON lines (a header with the hash of the file the
//! edits apply to, then one change set per line), fsync'd per entry, in the
//! data directory. The next start finds them with [`pending`] and offers to
//! recover; a save ends them with [`Journal::saved`] or [`clear`].

use std::fs::{self, File, OpenOptions};
use std::io::{self, Write};
use std::path::{Path, PathBuf};

use serde::{Deserialize, Serialize};

use super::{atomic, content, data_dir, hash_bytes, read_bytes};
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
}

#[derive(Debug, Serialize, Deserialize)]
struct Entry {
    time: String,
    changes: ChangeSet,
}

/// Why journaling failed.
#[derive(Debug, thiserror::Error)]
pub enum JournalError {
    /// Edits from an earlier session wait: recover them or clear them first.
    #[error("{} has unsaved edits from {started} in {}: recover or discard them first", snapshot.display(), journal.display())]
    Pending {
        snapshot: PathBuf,
        journal: PathBuf,
        started: String,
    },
    #[error("cannot journal edits in {}: {source}", path.display())]
    Io {
        path: PathBuf,
        #[source]
        source: io::Error,
    },
}

/// The journal file of a snapshot.
pub fn path_for(snapshot: &Path) -> io::Result<PathBuf> {
    Ok(data_dir::snapshot_path("journal", snapshot)?.join("edits.jsonl"))
}

fn now() -> String {
    chrono::Local::now().to_rfc3339_opts(chrono::SecondsFormat::Millis, false)
}

/// The journal of one editing session.
#[derive(Debug)]
pub struct Journal {
    snapshot: PathBuf,
    path: PathBuf,
    base_hash: u64,
    /// Open once the first edit is journaled: no edits, no file.
    file: Option<File>,
}

impl Journal {
    /// Starts journaling edits of `snapshot`, whose loaded version has
    /// `base_hash`. Refused while edits of an earlier session wait
    /// ([`pending`]), so they are never overwritten unseen.
    pub fn start(snapshot: &Path, base_hash: u64) -> Result<Journal, JournalError> {
        let path = path_for(snapshot).map_err(|source| JournalError::Io {
            path: snapshot.to_owned(),
            source,
        })?;
        if let Some(r) = pending(snapshot)? {
            return Err(JournalError::Pending {
                snapshot: snapshot.to_owned(),
                journal: r.journal,
                started: r.started,
            });
        }
        Ok(Journal {
            snapshot: snapshot.to_owned(),
            path,
            base_hash,
            file: None,
        })
    }

    /// Continues a session after a [`Recovery`]: the journal now holds
    /// `sets` (the edits kept, as replayed) on the file as it is now.
    pub fn resume(
        snapshot: &Path,
        base_hash: u64,
        sets: &[ChangeSet],
    ) -> Result<Journal, JournalError> {
        let path = path_for(snapshot).map_err(|source| JournalError::Io {
            path: snapshot.to_owned(),
            source,
        })?;
        let mut j = Journal {
            snapshot: snapshot.to_owned(),
            path,
            base_hash,
            file: None,
        };
        j.rewrite(base_hash, sets)?;
        Ok(j)
    }

    /// The journal file.
    pub fn path(&self) -> &Path {
        &self.path
    }

    fn io(&self) -> impl Fn(io::Error) -> JournalError + '_ {
        |source| JournalError::Io {
            path: self.path.clone(),
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
        };
        let mut line = serde_json::to_string(&h).map_err(|e| self.io()(io::Error::other(e)))?;
        line.push('\n');
        Ok(line)
    }

    /// Journals one edit (or undo, or redo) durably before returning.
    pub fn append(&mut self, changes: &ChangeSet) -> Result<(), JournalError> {
        if changes.is_empty() {
            return Ok(());
        }
        let entry = Entry {
            time: now(),
            changes: changes.clone(),
        };
        let mut line = serde_json::to_string(&entry).map_err(|e| self.io()(io::Error::other(e)))?;
        line.push('\n');
        if self.file.is_none() {
            let dir = self.path.parent().unwrap_or(Path::new("."));
            fs::create_dir_all(dir).map_err(self.io())?;
            // Whatever is there holds no complete entry (`start` checked).
            let mut f = File::create(&self.path).map_err(self.io())?;
            f.write_all(self.header()?.as_bytes()).map_err(self.io())?;
            f.sync_all().map_err(self.io())?;
            File::open(dir)
                .and_then(|d| d.sync_all())
                .map_err(self.io())?;
            self.file = Some(
                OpenOptions::new()
                    .append(true)
                    .open(&self.path)
                    .map_err(self.io())?,
            );
        }
        let path = self.path.clone();
        let io = |source| JournalError::Io {
            path: path.clone(),
            source,
        };
        let f = self
            .file
            .as_mut()
            .ok_or_else(|| io(io::Error::other("closed")))?;
        // One write per entry: a power cut leaves at most a torn last line.
        f.write_all(line.as_bytes()).map_err(&io)?;
        f.sync_data().map_err(&io)
    }

    /// After a save: the file now has `hash` and nothing is unsaved.
    pub fn saved(&mut self, hash: u64) -> Result<(), JournalError> {
        self.file = None;
        self.base_hash = hash;
        remove(&self.path).map_err(self.io())
    }

    /// Replaces the journal with `sets` on a file with `base_hash`: after a
    /// recovery, or after edits were rebased onto a reloaded file.
    pub fn rewrite(&mut self, base_hash: u64, sets: &[ChangeSet]) -> Result<(), JournalError> {
        self.file = None;
        self.base_hash = base_hash;
        let mut text = self.header()?;
        for changes in sets.iter().filter(|s| !s.is_empty()) {
            let entry = Entry {
                time: now(),
                changes: changes.clone(),
            };
            let line = serde_json::to_string(&entry).map_err(|e| self.io()(io::Error::other(e)))?;
            text.push_str(&line);
            text.push('\n');
        }
        if let Some(dir) = self.path.parent() {
            fs::create_dir_all(dir).map_err(self.io())?;
        }
        atomic::write_atomic(&self.path, text.as_bytes()).map_err(self.io())?;
        self.file = Some(
            OpenOptions::new()
                .append(true)
                .open(&self.path)
                .map_err(self.io())?,
        );
        Ok(())
    }
}

fn remove(path: &Path) -> io::Result<()> {
    match fs::remove_file(path) {
        Err(e) if e.kind() != io::ErrorKind::NotFound => Err(e),
        _ => Ok(()),
    }
}

/// Discards the journal of `snapshot` (after a save, or when the user
/// declines to recover).
pub fn clear(snapshot: &Path) -> io::Result<()> {
    remove(&path_for(snapshot)?)
}

/// Unsaved edits found from an earlier session, replayed on the file as it
/// is now.
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

/// The unsaved edits of `snapshot` left by a session that ended without
/// saving, if any. A torn last line is ignored, never fatal.
pub fn pending(snapshot: &Path) -> Result<Option<Recovery>, JournalError> {
    let journal = path_for(snapshot).map_err(|source| JournalError::Io {
        path: snapshot.to_owned(),
        source,
    })?;
    let bytes = match fs::read(&journal) {
        Ok(b) => b,
        Err(e) if e.kind() == io::ErrorKind::NotFound => return Ok(None),
        Err(source) => {
            return Err(JournalError::Io {
                path: journal,
                source,
            });
        }
    };
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
        journal,
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
