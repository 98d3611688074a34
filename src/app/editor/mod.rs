//! The secretary's editor inside the console: sheets of cells (numbers,
//! projects, card decisions, agenda, meeting), one open field at a time,
//! undo/redo over every data change of the session, and the dialogs that
//! keep data safe (unsaved changes on quit, a save conflict, save as,
//! recovering a crashed session's edits).
//!
//! Like the rest of the app it only changes state and returns effects: the
//! journal, the save, the lock and loading the file for a merge are done by
//! the event loop, which answers with actions.

pub mod describe;
mod doubt;
pub mod field;
#[cfg(test)]
mod input_tests;
mod keys;
mod paste;
mod saving;
pub mod sheets;
#[cfg(test)]
mod tests;
#[cfg(test)]
mod tiers_tests;

use chrono::NaiveDateTime;
use tui_input::Input;

use crate::model::edit::{ChangeSet, EditHistory, EditPath};
use crate::store::journal::Recovery;

pub use field::Field;
pub use keys::{EDIT_KEYS, EditKey};
pub use sheets::{Kind, Sheet};

/// How long an edited (or reloaded) cell stays marked, in seconds.
pub const MARK_SECONDS: i64 = 4;

/// Where the secretary is in one sheet.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Cursor {
    pub row: usize,
    pub col: usize,
    /// First row shown.
    pub top: usize,
    /// First scrolled column shown (the first column always shows).
    pub left: usize,
}

/// A question the editor waits on; every other key waits with it.
#[derive(Debug, Clone)]
pub enum Dialog {
    /// Quit with unsaved changes?
    Quit,
    /// The file changed on disk since it was loaded: the hash of what is
    /// there now (what an overwrite may replace), `None` when it is gone;
    /// and why reloading it for a merge failed, once tried.
    Conflict {
        found: Option<u64>,
        problem: Option<String>,
    },
    /// A file name to save to.
    SaveAs(Input),
    /// A crashed session's edits, replayed on the file as it is now.
    Recover(Box<Recovery>),
}

/// A place recently changed, marked until `until`.
#[derive(Debug, Clone, PartialEq)]
pub struct Mark {
    pub path: EditPath,
    pub until: NaiveDateTime,
}

/// What a save was asked for.
#[derive(Debug, Clone, PartialEq)]
pub struct SaveRequest {
    /// `None`: the console's own file; else a new file (save as).
    pub to: Option<std::path::PathBuf>,
    pub expect: crate::store::Expect,
}

/// A save that happened, as the event loop reports it.
#[derive(Debug, Clone, PartialEq)]
pub struct SaveDone {
    pub content_hash: u64,
    pub backup: Option<String>,
    /// Set for a save as: where it went.
    pub to: Option<std::path::PathBuf>,
}

/// A save that did not happen: the file on disk is untouched.
#[derive(Debug, Clone)]
pub enum SaveFailed {
    /// Someone else changed the file: the hash of what is there now, `None`
    /// when they removed it.
    Conflict { found: Option<u64> },
    /// Anything else (read-only folder, full disk, save-as onto an existing file).
    Error(crate::app::failure::SaveTrouble),
}

/// The editor's state; it lives as long as the console, so leaving edit
/// mode to look at a pane keeps the history and the unsaved marker.
#[derive(Debug, Clone, Default)]
pub struct EditState {
    /// The editor is on screen (else the presenter's panes are).
    pub active: bool,
    pub sheet: Sheet,
    pub cursors: [Cursor; 5],
    pub field: Option<Field>,
    pub history: EditHistory,
    /// Change sets made since the last save, oldest first: what the journal
    /// holds and what a merge re-applies.
    pub unsaved: Vec<ChangeSet>,
    pub marks: Vec<Mark>,
    /// Per unit: whether a mark touches it (the panes mark its name).
    pub changed_units: Vec<bool>,
    pub dialog: Option<Dialog>,
    /// The file changed on disk while there were unsaved edits here.
    pub outside_change: bool,
    /// Who else holds the file's lock (shown while editing).
    pub lock_holder: Option<Box<crate::store::LockInfo>>,
    /// Whether the lock was asked for already.
    pub lock_asked: bool,
    /// The journal could not be written: shown until a save succeeds.
    pub journal_failed: bool,
    /// Quit once the save under way succeeds.
    pub quit_after_save: bool,
    /// Unsaved data the history cannot see (recovered or merged edits).
    pub adopted: bool,
}

impl EditState {
    /// A fresh editor; nothing unsaved.
    pub fn new() -> EditState {
        EditState {
            history: EditHistory::new(),
            ..EditState::default()
        }
    }

    pub fn cursor(&self) -> Cursor {
        self.cursors
            .get(self.sheet.index())
            .copied()
            .unwrap_or_default()
    }

    pub fn cursor_mut(&mut self) -> &mut Cursor {
        let i = self.sheet.index().min(self.cursors.len() - 1);
        &mut self.cursors[i]
    }

    /// Whether the data differs from what was last saved (undoing back to
    /// the saved state makes it clean again).
    pub fn dirty(&self) -> bool {
        self.history.is_dirty() || self.adopted
    }

    /// Whether the cell at `path` was changed recently.
    pub fn marked(&self, path: &EditPath) -> bool {
        self.marks
            .iter()
            .any(|m| path.starts_with(&m.path) || m.path.starts_with(path))
    }

    /// Marks the places of `changes` until `until`.
    pub fn mark(&mut self, changes: &ChangeSet, until: NaiveDateTime) {
        for c in changes.iter() {
            self.marks.retain(|m| m.path != c.path);
            self.marks.push(Mark {
                path: c.path.clone(),
                until,
            });
        }
        // A reload that changed everything would mark everything: keep it bounded.
        let over = self.marks.len().saturating_sub(500);
        self.marks.drain(..over);
    }

    /// Drops marks whose time is up; true when some went.
    pub fn expire(&mut self, now: NaiveDateTime) -> bool {
        let before = self.marks.len();
        self.marks.retain(|m| m.until > now);
        self.marks.len() != before
    }

    /// Works out which units the marks touch, by id.
    pub fn mark_units(&mut self, s: &crate::model::Snapshot) {
        use crate::model::edit::Step;
        self.changed_units.clear();
        if self.marks.is_empty() {
            return;
        }
        self.changed_units.resize(s.units.len(), false);
        let mut units = Vec::new();
        let mut projects: Vec<&str> = Vec::new();
        for m in &self.marks {
            match m.path.steps() {
                [Step::Key(l), Step::Id { id }, ..] if l == "units" => {
                    units.extend(s.unit_index(id))
                }
                [Step::Key(l), Step::Id { id }, ..] if l == "projects" => {
                    projects.push(id.as_str());
                }
                _ => {}
            }
        }
        // A marked project marks its unit: one pass over the projects for
        // all marks (a search per mark over 100,000 projects would not do).
        let at = crate::model::projects::positions(&s.projects, projects);
        units.extend(
            at.values()
                .filter_map(|&i| s.projects.get(i))
                .map(|p| p.unit),
        );
        for u in units {
            if let Some(flag) = self.changed_units.get_mut(u) {
                *flag = true;
            }
        }
    }
}
