//! What differs between two documents, as changes at the places a secretary
//! would name (units by id): for summaries of backups and reloads.

use std::collections::HashSet;

use serde_json::Value;

use super::{Change, ChangeSet, EditPath, Step, tree};
use crate::model::record::{Held, Record};

/// The changes that turn `old` into `new`: members compared one by one,
/// lists of objects with unique ids matched by id, other lists by position
/// when their lengths agree and as a whole otherwise. A list reordered
/// without other change yields no change.
pub fn diff(old: &Value, new: &Value) -> ChangeSet {
    let mut out = Vec::new();
    walk(old, new, &mut Vec::new(), &mut out);
    ChangeSet(out)
}

/// [`diff`] of two records without building either whole: projects held as
/// text are compared as text, and only those that differ are read (a
/// reload of 100,000 projects where one changed reads two).
pub fn diff_records(old: &Record, new: &Record) -> ChangeSet {
    if old.held_projects().is_none() || new.held_projects().is_none() {
        return diff(&old.to_value(), &new.to_value());
    }
    // The heads hold the projects' member as an empty list on both sides.
    let mut out = Vec::new();
    walk(old.head(), new.head(), &mut Vec::new(), &mut out);
    fn text(h: Held<'_>) -> std::borrow::Cow<'_, [u8]> {
        match h {
            Held::Text(t) => t.into(),
            Held::Value(v) => serde_json::to_vec(v).unwrap_or_default().into(),
        }
    }
    let parse = |t: &[u8]| serde_json::from_slice::<Value>(t).ok();
    let (gone, came): (Vec<Value>, Vec<Value>) = if old.held_projects() == new.held_projects() {
        // The usual reload: same projects, a few changed in place; compare
        // side by side (a memcmp each, nothing gathered), and read only the
        // pairs that differ.
        old.held()
            .zip(new.held())
            .filter_map(|(a, b)| {
                let (a, b) = (text(a), text(b));
                if a == b {
                    return None;
                }
                Some((parse(&a)?, parse(&b)?))
            })
            .unzip()
    } else {
        let old_texts: Vec<_> = old.held().map(text).collect();
        let new_texts: Vec<_> = new.held().map(text).collect();
        let in_old: HashSet<&[u8]> = old_texts.iter().map(|t| t.as_ref()).collect();
        let in_new: HashSet<&[u8]> = new_texts.iter().map(|t| t.as_ref()).collect();
        (
            old_texts
                .iter()
                .filter(|t| !in_new.contains(t.as_ref()))
                .filter_map(|t| parse(t))
                .collect(),
            new_texts
                .iter()
                .filter(|t| !in_old.contains(t.as_ref()))
                .filter_map(|t| parse(t))
                .collect(),
        )
    };
    let id = |v: &Value| v.get("id").and_then(Value::as_str).map(str::to_owned);
    // Projects are matched by id, as `diff` matches them (ids are unique in
    // a validated record); without an id (not a valid snapshot) the whole
    // comparison decides.
    if !gone.iter().chain(&came).all(|v| id(v).is_some()) {
        return diff(&old.to_value(), &new.to_value());
    }
    let mut at = vec![Step::Key("projects".into())];
    for g in &gone {
        let gid = id(g).unwrap_or_default();
        at.push(Step::Id { id: gid.clone() });
        match came.iter().find(|c| id(c).as_deref() == Some(gid.as_str())) {
            Some(c) => walk(g, c, &mut at, &mut out),
            None => out.push(change(&at, Some(g), None)),
        }
        at.pop();
    }
    for c in &came {
        let cid = id(c).unwrap_or_default();
        if !gone.iter().any(|g| id(g).as_deref() == Some(cid.as_str())) {
            at.push(Step::Id { id: cid });
            out.push(change(&at, None, Some(c)));
            at.pop();
        }
    }
    ChangeSet(out)
}

fn walk(old: &Value, new: &Value, at: &mut Vec<Step>, out: &mut Vec<Change>) {
    if old == new {
        return;
    }
    match (old, new) {
        (Value::Object(a), Value::Object(b)) => {
            for (k, va) in a {
                at.push(Step::Key(k.clone()));
                match b.get(k) {
                    Some(vb) => walk(va, vb, at, out),
                    None => out.push(change(at, Some(va), None)),
                }
                at.pop();
            }
            for (k, vb) in b.iter().filter(|(k, _)| !a.contains_key(*k)) {
                at.push(Step::Key(k.clone()));
                out.push(change(at, None, Some(vb)));
                at.pop();
            }
        }
        (Value::Array(a), Value::Array(b)) => {
            if let (Some(ia), Some(ib)) = (ids(a), ids(b)) {
                for (id, va) in ia.iter().zip(a) {
                    at.push(Step::Id { id: (*id).into() });
                    match tree::find_id(b, id) {
                        Some(j) => walk(va, &b[j], at, out),
                        None => out.push(change(at, Some(va), None)),
                    }
                    at.pop();
                }
                for (id, vb) in ib.iter().zip(b).filter(|(id, _)| !ia.contains(id)) {
                    at.push(Step::Id { id: (*id).into() });
                    out.push(change(at, None, Some(vb)));
                    at.pop();
                }
            } else if a.len() == b.len() {
                for (i, (va, vb)) in a.iter().zip(b).enumerate() {
                    at.push(Step::Index(i));
                    walk(va, vb, at, out);
                    at.pop();
                }
            } else {
                out.push(change(at, Some(old), Some(new)));
            }
        }
        _ => out.push(change(at, Some(old), Some(new))),
    }
}

/// The ids of a list whose elements all have a distinct string `id`.
fn ids(list: &[Value]) -> Option<Vec<&str>> {
    let ids: Vec<&str> = list
        .iter()
        .map(|v| v.get("id").and_then(Value::as_str))
        .collect::<Option<_>>()?;
    let mut sorted = ids.clone();
    sorted.sort_unstable();
    sorted.dedup();
    (sorted.len() == ids.len() && !ids.is_empty()).then_some(ids)
}

fn change(at: &[Step], old: Option<&Value>, new: Option<&Value>) -> Change {
    Change {
        path: EditPath(at.to_vec()),
        old: old.cloned(),
        new: new.cloned(),
        pos: None,
    }
}
