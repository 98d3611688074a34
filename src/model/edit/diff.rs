//! What differs between two documents, as changes at the places a secretary
//! would name (units by id): for summaries of backups and reloads.

use std::borrow::Cow;
use std::collections::HashMap;

use serde_json::Value;

use super::{Change, ChangeSet, EditPath, Step};
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
/// text are compared token by token (whitespace aside, so a file saved
/// pretty and the same file compact agree), and only those that differ are
/// read, one pair at a time (a reload of 100,000 projects where one changed
/// reads two).
pub fn diff_records(old: &Record, new: &Record) -> ChangeSet {
    diff_records_given(old, new, None)
}

/// The changes between two heads (documents whose projects are held apart):
/// what [`diff_records`] finds outside the projects list, for computing
/// beside other work ([`diff_records_given`]).
pub(crate) fn diff_heads(old: &Value, new: &Value) -> Vec<Change> {
    let mut out = Vec::new();
    walk(old, new, &mut Vec::new(), &mut out);
    out
}

/// [`diff_records`], given the changes between the heads when they are
/// known already ([`diff_heads`] of the same two records' heads).
pub fn diff_records_given(old: &Record, new: &Record, heads: Option<Vec<Change>>) -> ChangeSet {
    if old.held_projects().is_none() || new.held_projects().is_none() {
        return diff(&old.to_value(), &new.to_value());
    }
    // The heads hold the projects' member as an empty list on both sides.
    // A head kept by a reload is the same head: nothing to walk.
    let mut out = match heads {
        Some(heads) => heads,
        None if old.same_head(new) => Vec::new(),
        None => diff_heads(old.head(), new.head()),
    };
    let (olds, news) = match pairs_apart(old, new) {
        Some(pairs) => pairs,
        None => (old.held().collect(), new.held().collect()),
    };
    match projects(&olds, &news, &mut out) {
        Some(()) => ChangeSet(out),
        // A project without an id (not a valid snapshot): the whole
        // comparison decides.
        None => diff(&old.to_value(), &new.to_value()),
    }
}

/// Only the projects that may differ, when the records hold the rest as
/// the same spans of one text and each that may differ is the same project
/// (one id) on both sides: comparing those pairs gives what comparing the
/// whole lists gives, without visiting 100,000 unchanged projects.
fn pairs_apart<'a>(old: &'a Record, new: &'a Record) -> Option<(Vec<Held<'a>>, Vec<Held<'a>>)> {
    let apart = old.projects_apart(new)?;
    let mut olds = Vec::with_capacity(apart.len());
    let mut news = Vec::with_capacity(apart.len());
    for i in apart {
        let (o, n) = (old.held_at(i)?, new.held_at(i)?);
        if id_of(&text(&o))? != id_of(&text(&n))? {
            return None;
        }
        olds.push(o);
        news.push(n);
    }
    Some((olds, news))
}

/// The changes between two lists of projects, appended to `out` in the
/// order [`diff`] gives them: each old project in turn (changed, or gone),
/// then the projects that came, in their order. Projects are matched by
/// id; the same place in both lists is tried first, the ids of the new
/// list are gathered only if that fails.
fn projects(olds: &[Held<'_>], news: &[Held<'_>], out: &mut Vec<Change>) -> Option<()> {
    let mut taken = vec![false; news.len()];
    let mut by_id: Option<HashMap<Cow<'_, str>, usize>> = None;
    let mut at = vec![Step::Key("projects".into())];
    for (i, o) in olds.iter().enumerate() {
        let o_text = text(o);
        // The usual reload: the same project at the same place, unchanged.
        if let Some(n) = news.get(i)
            && !taken[i]
            && same_tokens(&o_text, &text(n))
        {
            taken[i] = true;
            continue;
        }
        let o_id = id_of(&o_text)?;
        let same_place = news
            .get(i)
            .filter(|_| !taken[i])
            .is_some_and(|n| id_of(&text(n)).is_some_and(|n_id| n_id == o_id));
        let j = if same_place {
            Some(i)
        } else {
            let map = match &mut by_id {
                Some(map) => map,
                None => by_id.insert(ids_of(news)?),
            };
            map.get(&o_id).copied()
        };
        at.push(Step::Id {
            id: o_id.into_owned(),
        });
        match j {
            Some(j) => {
                taken[j] = true;
                let n_text = text(&news[j]);
                if !same_tokens(&o_text, &n_text) {
                    walk(&value(&o_text)?, &value(&n_text)?, &mut at, out);
                }
            }
            None => out.push(change(&at, Some(&value(&o_text)?), None)),
        }
        at.pop();
    }
    for (n, _) in news.iter().zip(&taken).filter(|(_, t)| !**t) {
        let n_text = text(n);
        at.push(Step::Id {
            id: id_of(&n_text)?.into_owned(),
        });
        out.push(change(&at, None, Some(&value(&n_text)?)));
        at.pop();
    }
    Some(())
}

/// A project's JSON text, as held or as written from its value.
fn text<'a>(h: &Held<'a>) -> Cow<'a, [u8]> {
    match h {
        Held::Text(t) => Cow::Borrowed(t),
        Held::Value(v) => serde_json::to_vec(v).unwrap_or_default().into(),
    }
}

fn value(text: &[u8]) -> Option<Value> {
    serde_json::from_slice(text).ok()
}

/// A project's `id`, read without reading the rest.
fn id_of(text: &[u8]) -> Option<Cow<'_, str>> {
    #[derive(serde::Deserialize)]
    struct Id<'a> {
        #[serde(borrow)]
        id: Option<Cow<'a, str>>,
    }
    serde_json::from_slice::<Id<'_>>(text).ok()?.id
}

/// Where each id is in `news`.
fn ids_of<'a>(news: &[Held<'a>]) -> Option<HashMap<Cow<'a, str>, usize>> {
    news.iter()
        .enumerate()
        .map(|(j, n)| match n {
            Held::Text(t) => Some((id_of(t)?, j)),
            Held::Value(v) => Some((Cow::Owned(v.get("id")?.as_str()?.to_owned()), j)),
        })
        .collect()
}

/// Whether two valid JSON texts are the same tokens: whitespace outside
/// strings aside (in valid JSON it never joins two tokens), strings compared
/// byte for byte (an escape written another way counts as a difference,
/// which the caller then reads and compares as values).
pub(crate) fn same_tokens(a: &[u8], b: &[u8]) -> bool {
    // The same span of one text (a record read against the one before it
    // shares its text): nothing to compare.
    if std::ptr::eq(a, b) || a == b {
        return true;
    }
    let (mut i, mut j) = (0, 0);
    loop {
        i = skip_space(a, i);
        j = skip_space(b, j);
        match (a.get(i), b.get(j)) {
            (None, None) => return true,
            (Some(b'"'), Some(b'"')) => {
                let (ei, ej) = (string_end(a, i), string_end(b, j));
                if a[i..ei] != b[j..ej] {
                    return false;
                }
                (i, j) = (ei, ej);
            }
            (Some(x), Some(y)) if x == y => (i, j) = (i + 1, j + 1),
            _ => return false,
        }
    }
}

fn skip_space(t: &[u8], mut i: usize) -> usize {
    while matches!(t.get(i), Some(b' ' | b'\n' | b'\r' | b'\t')) {
        i += 1;
    }
    i
}

/// Just past the closing quote of the string whose opening quote is at `i`.
fn string_end(t: &[u8], i: usize) -> usize {
    let mut k = i + 1;
    while k < t.len() {
        match t[k] {
            b'"' => return k + 1,
            b'\\' => k += 2,
            _ => k += 1,
        }
    }
    t.len()
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
                // The same place first; the new ids are gathered only for
                // a list reordered (looking each id up in turn was
                // quadratic: 2,000 units took 250 ms).
                let mut by_id: Option<HashMap<&str, usize>> = None;
                for (i, (id, va)) in ia.iter().zip(a).enumerate() {
                    at.push(Step::Id { id: (*id).into() });
                    let j = match ib.get(i) {
                        Some(same) if same == id => Some(i),
                        _ => by_id
                            .get_or_insert_with(|| {
                                ib.iter().enumerate().map(|(j, id)| (*id, j)).collect()
                            })
                            .get(id)
                            .copied(),
                    };
                    match j {
                        Some(j) => walk(va, &b[j], at, out),
                        None => out.push(change(at, Some(va), None)),
                    }
                    at.pop();
                }
                let old_ids: std::collections::HashSet<&str> = ia.iter().copied().collect();
                for (id, vb) in ib.iter().zip(b).filter(|(id, _)| !old_ids.contains(*id)) {
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
