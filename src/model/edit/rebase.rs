//! Replaying change sets on a document that someone else changed meanwhile:
//! a change applies where the place still holds the value it started from,
//! is already there when both sides made it, and clashes otherwise.

use std::fmt;

use serde_json::Value;

use super::{Change, ChangeSet, EditError, tree, validate_edited, value_text};
use crate::model::Document;

/// A change that could not be replayed: the other side changed its place.
#[derive(Debug, Clone, PartialEq)]
pub struct Clash {
    /// The change as it was made (its `old` is what it started from).
    pub change: Change,
    /// What is at the place now (`None`: nothing, or the place is gone).
    pub theirs: Option<Value>,
    /// The place itself is gone (a removed unit, a shorter list).
    pub gone: bool,
}

impl fmt::Display for Clash {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let c = &self.change;
        if self.gone {
            write!(
                f,
                "{}: no longer there (yours: {})",
                c.path,
                value_text(c.new.as_ref())
            )
        } else {
            write!(
                f,
                "{}: yours {}, theirs {} (was {})",
                c.path,
                value_text(c.new.as_ref()),
                value_text(self.theirs.as_ref()),
                value_text(c.old.as_ref())
            )
        }
    }
}

/// Change sets replayed on another document.
#[derive(Debug, Clone)]
pub struct Rebased {
    /// The other document with every change that did not clash.
    pub doc: Document,
    /// The changes made, as made there (old values theirs): journal these.
    pub applied: ChangeSet,
    /// Changes both sides had made alike: nothing to do.
    pub already: ChangeSet,
    /// Changes left out because the other side changed the same place.
    pub clashes: Vec<Clash>,
}

/// Replays `sets`, in order, on `onto`. The result is validated: a
/// combination that is not a usable snapshot is an error, and `onto` stays
/// as it is.
pub fn rebase(onto: &Value, sets: &[ChangeSet]) -> Result<Rebased, EditError> {
    rebase_to(onto.clone(), sets)
}

/// [`rebase`] on a document it may change.
pub(crate) fn rebase_to(mut doc: Value, sets: &[ChangeSet]) -> Result<Rebased, EditError> {
    let (applied, already, clashes) = replay_changes(&mut doc, sets);
    let causes: Vec<_> = applied
        .iter()
        .map(|c| (c.to_string(), tree::concrete(&doc, &c.path)))
        .collect();
    let doc = validate_edited(doc, &causes)?;
    Ok(Rebased {
        doc,
        applied: ChangeSet(applied),
        already: ChangeSet(already),
        clashes,
    })
}

/// Makes in `doc` every change of `sets` whose place still holds what it
/// started from, unvalidated: the changes applied, those already there, and
/// the clashes.
pub(crate) fn replay_changes(
    doc: &mut Value,
    sets: &[ChangeSet],
) -> (Vec<Change>, Vec<Change>, Vec<Clash>) {
    let (mut applied, mut already, mut clashes) = (Vec::new(), Vec::new(), Vec::new());
    for change in sets.iter().flat_map(ChangeSet::iter) {
        let (theirs, gone) = match tree::lookup(doc, &change.path) {
            tree::Lookup::Found(v, _) => (Some(v), false),
            tree::Lookup::Absent => (None, false),
            tree::Lookup::Gone { .. } => (None, true),
        };
        // An insertion into a list by position only needs the position to exist.
        let insertion = change.old.is_none()
            && matches!(change.path.steps().last(), Some(super::Step::Index(_)));
        if !gone && (insertion || theirs == change.old.as_ref()) {
            let mut made = change.clone();
            // As it applies here: an agenda item found elsewhere is
            // recorded where it is now.
            made.path = tree::pin(doc, &change.path);
            match tree::put(doc, change) {
                Ok(pos) => {
                    made.pos = Some(pos);
                    applied.push(made);
                }
                Err(_) => clashes.push(Clash {
                    change: change.clone(),
                    theirs: None,
                    gone: true,
                }),
            }
        } else if !gone && theirs == change.new.as_ref() {
            already.push(change.clone());
        } else {
            clashes.push(Clash {
                change: change.clone(),
                theirs: theirs.cloned(),
                gone,
            });
        }
    }
    (applied, already, clashes)
}
