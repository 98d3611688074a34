//! Undo and redo over change sets, pure: the history holds the sets, the
//! caller holds the document and journals what undo and redo return.

use super::{ChangeSet, EditError};
use crate::model::Document;

/// The edits made in a session, for undo and redo, and whether the document
/// differs from what was last saved.
#[derive(Debug, Clone, Default)]
pub struct EditHistory {
    done: Vec<ChangeSet>,
    undone: Vec<ChangeSet>,
    /// How many sets were done when the document was last saved; `None` when
    /// that state can no longer be reached by undo/redo.
    saved_at: Option<usize>,
}

impl EditHistory {
    /// An empty history of a document as loaded (saved).
    pub fn new() -> EditHistory {
        EditHistory {
            saved_at: Some(0),
            ..EditHistory::default()
        }
    }

    /// Records an edit just made; a new edit drops what could be redone.
    pub fn record(&mut self, changes: ChangeSet) {
        if changes.is_empty() {
            return;
        }
        if self.saved_at.is_some_and(|s| s > self.done.len()) {
            self.saved_at = None;
        }
        self.undone.clear();
        self.done.push(changes);
    }

    /// Undoes the last edit on `doc`, returning the changes made (journal
    /// them): `None` when there is nothing to undo; an error (document and
    /// history unchanged) when the places changed since.
    pub fn undo(&mut self, doc: &mut Document) -> Option<Result<ChangeSet, EditError>> {
        let last = self.done.last()?;
        let result = doc.replay(&last.inverse());
        if result.is_ok()
            && let Some(set) = self.done.pop()
        {
            self.undone.push(set);
        }
        Some(result)
    }

    /// Redoes the last undone edit on `doc`.
    pub fn redo(&mut self, doc: &mut Document) -> Option<Result<ChangeSet, EditError>> {
        let next = self.undone.last()?;
        let result = doc.replay(next);
        if result.is_ok()
            && let Some(set) = self.undone.pop()
        {
            self.done.push(set);
        }
        Some(result)
    }

    pub fn can_undo(&self) -> bool {
        !self.done.is_empty()
    }
    pub fn can_redo(&self) -> bool {
        !self.undone.is_empty()
    }

    /// Marks the current state as saved.
    pub fn mark_saved(&mut self) {
        self.saved_at = Some(self.done.len());
    }

    /// Whether the document differs from what was last saved.
    pub fn is_dirty(&self) -> bool {
        self.saved_at != Some(self.done.len())
    }

    /// The edits made since the start, oldest first (what a rebase replays).
    pub fn done(&self) -> &[ChangeSet] {
        &self.done
    }
}
