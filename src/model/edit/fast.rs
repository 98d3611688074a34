//! Edits that stay inside units and projects, made in place: a secretary
//! typing a unit's figure or a project's stage on a meeting of 100,000
//! projects must not wait for the whole snapshot to be copied and checked.
//!
//! An edit qualifies when every place it changes lies inside one unit or
//! project named by id, away from what the rest of the snapshot refers to
//! (an id, a unit's group). Then nothing outside those elements can change
//! its verdict: the rest was valid and is unchanged, ids and groups are as
//! they were. The touched elements are copied into a small document of
//! their own, changed there by the same code as a full edit, checked by the
//! same code as a full validation, and written back. Anything else —
//! another place, a problem, a clash — returns `None`, and the caller takes
//! the full path, which gives the exact result or error.

use serde_json::{Map, Value};

use super::apply::{Assignment, make};
use super::path::Step;
use super::rebase::replay_changes;
use super::{Change, ChangeSet};
use crate::model::fields::{Path, Reader};
use crate::model::projects::positions;
use crate::model::validate::{NoneSeen, raw_ids};
use crate::model::validate_items::project;
use crate::model::validate_units::{UnitRules, unit};
use crate::model::{Document, Project, Unit};

/// The two lists whose elements an edit can change in place.
#[derive(Clone, Copy, PartialEq)]
enum List {
    Units,
    Projects,
}

impl List {
    fn key(self) -> &'static str {
        match self {
            List::Units => "units",
            List::Projects => "projects",
        }
    }
}

/// The list and id of the element a path changes in place, if it does:
/// `units.<id>.<field>…` (not `id` or `group`), `projects.<id>.<field>…`
/// (not `id`).
fn local(list: &str, field: &str) -> Option<List> {
    match (list, field) {
        (_, "id") | ("units", "group") => None,
        ("units", _) => Some(List::Units),
        ("projects", _) => Some(List::Projects),
        _ => None,
    }
}

/// [`Document::edit`] in place, or `None` (document untouched) when the
/// full path must decide.
pub(super) fn edit(doc: &mut Document, assignments: &[Assignment]) -> Option<ChangeSet> {
    let mut targets = Vec::new();
    for a in assignments {
        let [list, id, field, ..] = a.path.as_slice() else {
            return None;
        };
        if id.is_append() {
            return None;
        }
        targets.push((local(&list.text, &field.text)?, id.text.as_str()));
    }
    in_place(doc, &targets, |mini| {
        make(mini, assignments).ok().map(|(c, _)| c)
    })
}

/// [`Document::replay`] in place, or `None` (document untouched) when the
/// full path must decide.
pub(super) fn replay(doc: &mut Document, set: &ChangeSet) -> Option<ChangeSet> {
    let mut targets = Vec::new();
    for c in set.iter() {
        let [Step::Key(list), Step::Id { id }, Step::Key(field), ..] = c.path.steps() else {
            return None;
        };
        targets.push((local(list, field)?, id.as_str()));
    }
    in_place(doc, &targets, |mini| {
        let (applied, _already, clashes) = replay_changes(mini, std::slice::from_ref(set));
        clashes.is_empty().then_some(applied)
    })
}

/// One element copied out: where it is in its list, and its id.
struct Taken {
    list: List,
    index: usize,
}

/// Copies the elements named by `targets` into a small document, lets
/// `change` work on it, checks them and writes them back.
fn in_place(
    doc: &mut Document,
    targets: &[(List, &str)],
    change: impl FnOnce(&mut Value) -> Option<Vec<Change>>,
) -> Option<ChangeSet> {
    let held = doc.json.held_projects();
    if targets.iter().any(|(l, _)| *l == List::Projects)
        && held != Some(doc.snapshot.projects.len())
    {
        return None;
    }
    let mut taken: Vec<Taken> = Vec::new();
    let mut mini = Map::new();
    mini.insert("units".into(), Value::Array(Vec::new()));
    mini.insert("projects".into(), Value::Array(Vec::new()));
    let named = targets.iter().filter(|(l, _)| *l == List::Projects);
    let project_at = positions(&doc.snapshot.projects, named.map(|&(_, id)| id));
    for &(list, id) in targets {
        // A valid document's elements are its snapshot's, in the same order.
        let index = match list {
            List::Units => doc.snapshot.units.iter().position(|u| u.id == id)?,
            List::Projects => *project_at.get(id)?,
        };
        if taken.iter().any(|t| t.list == list && t.index == index) {
            continue;
        }
        let element = match list {
            List::Units => doc.json.head().get("units")?.get(index)?.clone(),
            List::Projects => doc.json.project(index)?.into_owned(),
        };
        if let Some(Value::Array(a)) = mini.get_mut(list.key()) {
            a.push(element);
        }
        taken.push(Taken { list, index });
    }
    let mut mini = Value::Object(mini);
    let changes = change(&mut mini)?;

    // Check the changed elements alone, with the lists' context as it is.
    let head = doc.json.head();
    let list_of = |key: &str| head.get(key).and_then(Value::as_array).map(Vec::as_slice);
    let unit_ids = raw_ids(list_of("units").unwrap_or(&[]));
    let top = head.as_object()?;
    let rules = UnitRules::new(top, doc.snapshot.format, &doc.snapshot.cards.tiers);
    let mut r = Reader::default();
    let mut groups = doc.snapshot.groups.clone();
    let mut seen_per_list = [0, 0];
    let mut checked: Vec<(Value, Checked)> = Vec::with_capacity(taken.len());
    for t in &taken {
        let k = usize::from(t.list == List::Projects);
        let value = mini.get(t.list.key())?.get(seen_per_list[k])?.clone();
        seen_per_list[k] += 1;
        let list_path = Path::ROOT.key(t.list.key());
        let path = list_path.index(t.index);
        let made = match t.list {
            List::Units => {
                let u = unit(
                    &mut r,
                    &value,
                    &path,
                    t.index,
                    &mut NoneSeen,
                    &mut groups,
                    &rules,
                )?;
                // The group is not edited here; should it differ, the full path decides.
                (u.group == doc.snapshot.units[t.index].group).then_some(Checked::Unit(u))?
            }
            List::Projects => Checked::Project(project(
                &mut r,
                &value,
                &path,
                t.index,
                &mut NoneSeen,
                &unit_ids,
            )?),
        };
        checked.push((value, made));
    }
    if !r.problems.is_empty() {
        return None;
    }

    for (t, (value, made)) in taken.iter().zip(checked) {
        match made {
            Checked::Unit(u) => {
                let slot = doc
                    .json
                    .head_mut()
                    .get_mut("units")
                    .and_then(|units| units.get_mut(t.index));
                if let Some(slot) = slot {
                    *slot = value;
                }
                doc.snapshot.units[t.index] = u;
            }
            Checked::Project(p) => {
                doc.json.set_project(t.index, value);
                doc.snapshot.projects[t.index] = p;
            }
        }
    }
    Some(ChangeSet(changes))
}

/// An element checked again.
enum Checked {
    Unit(Unit),
    Project(Project),
}
