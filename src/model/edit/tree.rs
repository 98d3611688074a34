//! Reading and writing one place of a JSON document named by an
//! [`EditPath`], keeping key order: a replaced member stays where it was, a
//! removed one closes its gap, a new one goes at the end (or back where it
//! was, when an undo puts it back).

use serde_json::Value;

use super::Change;
use super::path::{EditPath, JsonSeg, Step};

/// What is at a path.
#[derive(Debug, PartialEq)]
pub enum Lookup<'v> {
    /// The value, and its position in its parent object or list.
    Found(&'v Value, usize),
    /// The parent is there, the member is not.
    Absent,
    /// The parent itself is missing (a removed unit, a shorter agenda);
    /// `depth` steps resolved before that.
    Gone { depth: usize },
}

/// The position of the element of `list` whose `id` is `id`.
pub fn find_id(list: &[Value], id: &str) -> Option<usize> {
    list.iter()
        .position(|v| v.get("id").and_then(Value::as_str) == Some(id))
}

/// The position of the element of `list` that a [`Step::Item`] names: the
/// one at `at` if the list is as long as it was and the title there is
/// still `title`; else the only one titled `title`; else none (gone, or
/// moved among others of the same title: it cannot be told which).
pub fn find_item(list: &[Value], at: usize, title: &str, of: usize) -> Option<usize> {
    let titled = |i: usize| list[i].get("title").and_then(Value::as_str) == Some(title);
    if list.len() == of && at < list.len() && titled(at) {
        return Some(at);
    }
    let mut found = (0..list.len()).filter(|&i| titled(i));
    match (found.next(), found.next()) {
        (Some(i), None) => Some(i),
        _ => None,
    }
}

/// The position in `list` that `step` names, if it names one there.
fn position(list: &[Value], step: &Step) -> Option<usize> {
    match step {
        Step::Index(i) => (*i < list.len()).then_some(*i),
        Step::Id { id } => find_id(list, id),
        Step::Item { at, title, of } => find_item(list, *at, title, *of),
        Step::Key(_) => None,
    }
}

fn child<'v>(v: &'v Value, step: &Step) -> Option<(&'v Value, usize)> {
    match (v, step) {
        (Value::Object(m), Step::Key(k)) => m.get(k).map(|v| (v, key_pos(m, k))),
        (Value::Array(a), _) => position(a, step).map(|i| (&a[i], i)),
        _ => None,
    }
}

/// `path` with each [`Step::Item`] pinned to where it resolves in `root`
/// now (its position and the list's length there), so that a change
/// replayed somewhere else is recorded as it applies there.
pub fn pin(root: &Value, path: &EditPath) -> EditPath {
    let mut cur = Some(root);
    let mut steps = Vec::with_capacity(path.0.len());
    for step in path.steps() {
        let here = cur.and_then(|v| child(v, step));
        let pinned = match (step, here, cur) {
            (Step::Item { title, .. }, Some((_, i)), Some(Value::Array(a))) => Step::Item {
                at: i,
                title: title.clone(),
                of: a.len(),
            },
            _ => step.clone(),
        };
        steps.push(pinned);
        cur = here.map(|(v, _)| v);
    }
    EditPath(steps)
}

/// The position of key `k` in `m` (its length when absent).
fn key_pos(m: &serde_json::Map<String, Value>, k: &str) -> usize {
    m.keys().position(|x| x == k).unwrap_or(m.len())
}

/// Looks up `path` in `root`.
pub fn lookup<'v>(root: &'v Value, path: &EditPath) -> Lookup<'v> {
    let steps = path.steps();
    let Some((last, parents)) = steps.split_last() else {
        return Lookup::Found(root, 0);
    };
    let mut cur = root;
    for (depth, step) in parents.iter().enumerate() {
        match child(cur, step) {
            Some((v, _)) => cur = v,
            None => return Lookup::Gone { depth },
        }
    }
    match child(cur, last) {
        Some((v, i)) => Lookup::Found(v, i),
        None => match (cur, last) {
            (Value::Object(_), Step::Key(_)) | (Value::Array(_), Step::Id { .. }) => Lookup::Absent,
            (Value::Array(a), Step::Index(i)) if *i == a.len() => Lookup::Absent,
            _ => Lookup::Gone {
                depth: parents.len(),
            },
        },
    }
}

/// The value at `path`, if any.
pub fn get<'v>(root: &'v Value, path: &EditPath) -> Option<&'v Value> {
    match lookup(root, path) {
        Lookup::Found(v, _) => Some(v),
        _ => None,
    }
}

/// Makes `change` to `root`, returning the position the member now has (or
/// had, when removed). The caller has checked that the old value matches.
pub fn put(root: &mut Value, change: &Change) -> Result<usize, String> {
    let steps = change.path.steps();
    let Some((last, parents)) = steps.split_last() else {
        return match &change.new {
            Some(v) => {
                *root = v.clone();
                Ok(0)
            }
            None => Err("cannot remove the whole snapshot".into()),
        };
    };
    let mut cur = root;
    for (depth, step) in parents.iter().enumerate() {
        let next = match (cur, step) {
            (Value::Object(m), Step::Key(k)) => m.get_mut(k),
            (Value::Array(a), step) => match position(a, step) {
                Some(i) => a.get_mut(i),
                None => None,
            },
            _ => None,
        };
        cur = next.ok_or_else(|| format!("{}: not there", EditPath(parents[..=depth].to_vec())))?;
    }
    let here = || change.path.to_string();
    match (cur, last) {
        (Value::Object(m), Step::Key(k)) => match &change.new {
            Some(v) => {
                if let Some(slot) = m.get_mut(k) {
                    *slot = v.clone();
                } else if let Some(p) = change.pos.filter(|p| *p < m.len()) {
                    m.shift_insert(p, k.clone(), v.clone());
                } else {
                    m.insert(k.clone(), v.clone());
                }
                Ok(key_pos(m, k))
            }
            None => {
                let p = key_pos(m, k);
                m.shift_remove(k);
                Ok(p)
            }
        },
        (Value::Array(a), Step::Id { id }) => match (find_id(a, id), &change.new) {
            (Some(i), Some(v)) => {
                a[i] = v.clone();
                Ok(i)
            }
            (Some(i), None) => {
                a.remove(i);
                Ok(i)
            }
            (None, Some(v)) => {
                let p = change.pos.unwrap_or(a.len()).min(a.len());
                a.insert(p, v.clone());
                Ok(p)
            }
            (None, None) => Ok(a.len()),
        },
        (Value::Array(a), step @ Step::Item { .. }) => match (position(a, step), &change.new) {
            (Some(i), Some(v)) => {
                a[i] = v.clone();
                Ok(i)
            }
            (Some(i), None) => {
                a.remove(i);
                Ok(i)
            }
            (None, _) => Err(format!("{}: no longer there", here())),
        },
        (Value::Array(a), Step::Index(i)) => {
            let i = *i;
            match (&change.old, &change.new) {
                (None, Some(v)) if i <= a.len() => {
                    a.insert(i, v.clone());
                    Ok(i)
                }
                (Some(_), Some(v)) if i < a.len() => {
                    a[i] = v.clone();
                    Ok(i)
                }
                (Some(_), None) if i < a.len() => {
                    a.remove(i);
                    Ok(i)
                }
                (None, None) => Ok(i),
                _ => Err(format!("{}: no such position", here())),
            }
        }
        _ => Err(format!("{}: the parent is not an object or a list", here())),
    }
}

/// The JSON path validation would use for `path` in `root` (ids turned into
/// the positions they have there); stops where the path leaves the document.
pub fn concrete(root: &Value, path: &EditPath) -> Vec<JsonSeg> {
    let mut segs = Vec::new();
    let mut cur = Some(root);
    for step in path.steps() {
        let here = cur.and_then(|v| child(v, step));
        match (step, here) {
            (Step::Key(k), _) => segs.push(JsonSeg::Key(k.clone())),
            (_, Some((_, i))) => segs.push(JsonSeg::Index(i)),
            (Step::Index(i), None) => segs.push(JsonSeg::Index(*i)),
            (Step::Id { .. } | Step::Item { .. }, None) => break,
        }
        cur = here.map(|(v, _)| v);
    }
    segs
}
