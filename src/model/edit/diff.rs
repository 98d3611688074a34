//! What differs between two documents, as changes at the places a secretary
//! would name (units by id): for summaries of backups and reloads.

use serde_json::Value;

use super::{Change, ChangeSet, EditPath, Step, tree};

/// The changes that turn `old` into `new`: members compared one by one,
/// lists of objects with unique ids matched by id, other lists by position
/// when their lengths agree and as a whole otherwise. A list reordered
/// without other change yields no change.
pub fn diff(old: &Value, new: &Value) -> ChangeSet {
    let mut out = Vec::new();
    walk(old, new, &mut Vec::new(), &mut out);
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
