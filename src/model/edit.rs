//! Editing a snapshot, as a pure core that `guotang set`, the console's
//! editor, undo/redo, the journal and conflict resolution all share.
//!
//! An edit works on the JSON document (not the validated model) so that
//! unknown fields and key order survive; its result is validated again before
//! anyone may keep it. Every edit yields a [`ChangeSet`]: the places changed,
//! each with its old and new value. Undo applies the inverse set, the journal
//! stores the sets, and [`rebase`] replays them on a document someone else
//! changed, reporting the places both sides touched.

mod apply;
mod diff;
mod fast;
mod history;
pub mod known;
pub mod path;
mod rebase;
pub mod script;
#[cfg(test)]
mod tests;
pub mod tree;

use std::fmt;

use serde::{Deserialize, Deserializer, Serialize};
use serde_json::Value;

use super::{Document, Problem};
pub use apply::{Assignment, apply, read_value};
pub(crate) use diff::diff_heads;
pub use diff::diff_records_given;
pub use diff::{diff, diff_records};
pub use history::EditHistory;
pub use path::{EditPath, Step};
pub use rebase::{Clash, Rebased, rebase};

/// One place changed: what was there (`None`: nothing) and what is there now
/// (`None`: removed).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Change {
    pub path: EditPath,
    #[serde(
        default,
        deserialize_with = "present",
        skip_serializing_if = "Option::is_none"
    )]
    pub old: Option<Value>,
    #[serde(
        default,
        deserialize_with = "present",
        skip_serializing_if = "Option::is_none"
    )]
    pub new: Option<Value>,
    /// Where the member is (or was, if removed) in its object or list, so an
    /// undo puts a removed member back in its place, not at the end.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub pos: Option<usize>,
}

/// A JSON `null` that is present is a value (`Some(Null)`), unlike a missing
/// field; serde's default would fold both into `None`.
fn present<'de, D: Deserializer<'de>>(d: D) -> Result<Option<Value>, D::Error> {
    Value::deserialize(d).map(Some)
}

impl Change {
    /// The change that undoes this one. A change that gave an element a new
    /// id is undone at the element's new id (its path names the old one);
    /// one that retitled an agenda item known by its title, at its new title.
    pub fn inverse(&self) -> Change {
        let mut path = self.path.clone();
        let new_text = |v: Option<&Value>| v.and_then(|v| v.as_str()).map(str::to_owned);
        match path.0.as_mut_slice() {
            [.., Step::Id { id }, Step::Key(k)] if k == "id" => {
                if let Some(new) = new_text(self.new.as_ref()) {
                    *id = new;
                }
            }
            [.., Step::Item { title, .. }, Step::Key(k)] if k == "title" => {
                if let Some(new) = new_text(self.new.as_ref()) {
                    *title = new;
                }
            }
            [.., Step::Id { id }] => {
                if let Some(new) = new_text(self.new.as_ref().and_then(|v| v.get("id"))) {
                    *id = new;
                }
            }
            _ => {}
        }
        Change {
            path,
            old: self.new.clone(),
            new: self.old.clone(),
            pos: self.pos,
        }
    }
}

/// `path: old → new`, values as compact JSON (not sanitised: callers that
/// print to a terminal pass it through `sanitize::one_line`).
impl fmt::Display for Change {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "{}: {} → {}",
            self.path,
            value_text(self.old.as_ref()),
            value_text(self.new.as_ref())
        )
    }
}

/// A value as compact JSON, or `(absent)`.
pub fn value_text(v: Option<&Value>) -> String {
    match v {
        Some(v) => v.to_string(),
        None => "(absent)".into(),
    }
}

/// The changes of one edit, applied together and undone together.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
#[serde(transparent)]
pub struct ChangeSet(pub Vec<Change>);

impl ChangeSet {
    /// The set that undoes this one: inverses in reverse order.
    pub fn inverse(&self) -> ChangeSet {
        ChangeSet(self.0.iter().rev().map(Change::inverse).collect())
    }
    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }
    pub fn len(&self) -> usize {
        self.0.len()
    }
    pub fn iter(&self) -> std::slice::Iter<'_, Change> {
        self.0.iter()
    }
}

/// The result of an edit: the new document, validated, and what changed.
#[derive(Debug, Clone)]
pub struct Edit {
    pub doc: Document,
    pub changes: ChangeSet,
}

impl Document {
    /// Applies `assignments` together, as [`apply`] does; the document
    /// changes only when the result is valid. Returns what changed.
    ///
    /// An edit inside units and projects (a figure, a stage, a note) is
    /// made in place and checks only what it touched; any other edit, or
    /// one that would not be valid, goes the full way: the document as a
    /// value, changed, validated whole. Both give the same result.
    pub fn edit(&mut self, assignments: &[Assignment]) -> Result<ChangeSet, EditError> {
        if let Some(changes) = fast::edit(self, assignments) {
            return Ok(changes);
        }
        let e = apply::apply_to(self.json.to_value(), assignments)?;
        *self = e.doc;
        Ok(e.changes)
    }

    /// Applies a change set that must apply cleanly, every place as it
    /// expects (undo, redo): otherwise an error and the document unchanged.
    pub fn replay(&mut self, set: &ChangeSet) -> Result<ChangeSet, EditError> {
        if let Some(changes) = fast::replay(self, set) {
            return Ok(changes);
        }
        let r = rebase::rebase_to(self.json.to_value(), std::slice::from_ref(set))?;
        if !r.clashes.is_empty() {
            return Err(EditError::Clash(r.clashes));
        }
        *self = r.doc;
        Ok(r.applied)
    }
}

/// A validation problem of an edited document, with the edit that caused it.
#[derive(Debug, Clone, PartialEq)]
pub struct Caused {
    pub problem: Problem,
    /// The assignment or change that led to it (`assignment 2:
    /// units.kfq.card=red`), when one can be told.
    pub cause: Option<String>,
}

impl fmt::Display for Caused {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}", self.problem)?;
        if let Some(c) = &self.cause {
            write!(f, " (from {c})")?;
        }
        Ok(())
    }
}

/// Why an edit was refused. Nothing is changed when one is returned.
#[derive(Debug, Clone, PartialEq, thiserror::Error)]
pub enum EditError {
    /// The text of an assignment is not `PATH=VALUE`.
    #[error("{text}: {message}")]
    Syntax { text: String, message: String },
    /// The path names nothing in the document.
    #[error("{message} (assignment {number}: {text})")]
    Path {
        /// 1-based, in the order given.
        number: usize,
        text: String,
        message: String,
    },
    /// The edited document would not be a usable snapshot.
    #[error("the result would not be a usable snapshot:\n{}", list(.0))]
    Invalid(Vec<Caused>),
    /// Undo or redo found the places changed since (by a reload).
    #[error("the document changed at the same places:\n{}", list(.0))]
    Clash(Vec<Clash>),
}

fn list<T: fmt::Display>(items: &[T]) -> String {
    items
        .iter()
        .map(|i| format!("  - {i}"))
        .collect::<Vec<_>>()
        .join("\n")
}

/// Validates an edited document; problems are matched to the edits (`causes`:
/// a label and the place it touched) sharing the longest part of their path.
pub(crate) fn validate_edited(
    json: Value,
    causes: &[(String, Vec<path::JsonSeg>)],
) -> Result<Document, EditError> {
    Document::from_json(json).map_err(|problems| {
        EditError::Invalid(
            problems
                .0
                .into_iter()
                .map(|problem| {
                    let cause = cause_of(&problem, causes);
                    Caused { problem, cause }
                })
                .collect(),
        )
    })
}

fn cause_of(problem: &Problem, causes: &[(String, Vec<path::JsonSeg>)]) -> Option<String> {
    let Problem::Field { path, .. } = problem else {
        return None;
    };
    let segs = path::split_json_path(path);
    let shared = |c: &[path::JsonSeg]| segs.iter().zip(c).take_while(|(a, b)| a == b).count();
    let best = causes.iter().map(|(_, c)| shared(c)).max().unwrap_or(0);
    let picked: Vec<&str> = causes
        .iter()
        .filter(|(_, c)| best > 0 && shared(c) == best)
        .map(|(l, _)| l.as_str())
        .collect();
    match (picked.len(), causes.len()) {
        (0, 1) => causes.first().map(|(l, _)| l.clone()),
        (0, _) => None,
        _ => Some(picked.join("; ")),
    }
}
