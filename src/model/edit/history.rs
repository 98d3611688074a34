//! Undo and redo over change sets, pure: the history holds the sets, the
//! caller holds the document and journals what undo and redo return.

use serde_json::Value;

use super::{ChangeSet, Edit, EditError, rebase};

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

    /// Undoes the last edit on `current`: `None` when there is nothing to
    /// undo; an error (history unchanged) when the places changed since.
    pub fn undo(&mut self, current: &Value) -> Option<Result<Edit, EditError>> {
        let last = self.done.last()?;
        let result = replay(current, last.inverse());
        if result.is_ok()
            && let Some(set) = self.done.pop()
        {
            self.undone.push(set);
        }
        Some(result)
    }

    /// Redoes the last undone edit on `current`.
    pub fn redo(&mut self, current: &Value) -> Option<Result<Edit, EditError>> {
        let next = self.undone.last()?;
        let result = replay(current, next.clone());
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

/// Applies a set that must apply cleanly: every place as it expects.
fn replay(current: &Value, set: ChangeSet) -> Result<Edit, EditError> {
    let r = rebase(current, &[set])?;
    if !r.clashes.is_empty() {
        return Err(EditError::Clash(r.clashes));
    }
    Ok(Edit {
        doc: r.doc,
        changes: r.applied,
    })
}
