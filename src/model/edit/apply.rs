//! Assignments (`PATH=VALUE`) and applying a list of them at once: every one
//! or none, the result validated, the error naming the assignment at fault.

use serde_json::{Map, Value};

use super::path::{self, EditPath, Step, Token};
use super::{Change, ChangeSet, Edit, EditError, tree, validate_edited};

/// Top-level lists whose elements a PATH names by `id`, never by position.
const BY_ID: &[(&str, &str)] = &[
    ("units", "unit"),
    ("projects", "project"),
    ("metrics", "metric"),
];

/// One `PATH=VALUE`: where, and the value to put there (`None`: remove).
#[derive(Debug, Clone, PartialEq)]
pub struct Assignment {
    /// The text as given, for messages.
    pub text: String,
    pub path: Vec<Token>,
    pub value: Option<Value>,
}

impl Assignment {
    /// Reads `PATH=VALUE` (the first `=` outside quotes splits); VALUE as
    /// [`read_value`] reads it.
    pub fn parse(text: &str) -> Result<Assignment, EditError> {
        let err = |message: String| EditError::Syntax {
            text: text.to_owned(),
            message,
        };
        let split = split_at_equals(text).ok_or_else(|| {
            err("expected PATH=VALUE (for example units.kfq.actuals.investment=101.5)".into())
        })?;
        let (path, value) = (&text[..split], &text[split + 1..]);
        Assignment::new(path, read_value(value)).map_err(|e| match e {
            EditError::Syntax { message, .. } => err(message),
            other => other,
        })
    }

    /// An assignment from PATH text and a value (`None` removes), as an
    /// editor builds one.
    pub fn new(path: &str, value: Option<Value>) -> Result<Assignment, EditError> {
        let tokens = path::tokenize(path).map_err(|message| EditError::Syntax {
            text: path.to_owned(),
            message,
        })?;
        let shown = match &value {
            Some(v) => format!("{path}={v}"),
            None => format!("{path}=null"),
        };
        Ok(Assignment {
            text: shown,
            path: tokens,
            value,
        })
    }
}

/// The byte index of the first `=` that is not inside a quoted segment.
fn split_at_equals(text: &str) -> Option<usize> {
    let mut i = 0;
    while i < text.len() {
        let rest = &text[i..];
        if rest.starts_with('"') {
            i += path::closing_quote(rest)? + 1;
        } else if rest.starts_with('=') {
            return Some(i);
        } else {
            i += rest.chars().next().map_or(1, char::len_utf8);
        }
    }
    None
}

/// VALUE as `guotang set` reads it: JSON when it parses as JSON, else the
/// text as a string; `null` means "remove the field" (`None`).
pub fn read_value(text: &str) -> Option<Value> {
    match serde_json::from_str::<Value>(text) {
        Ok(Value::Null) => None,
        Ok(v) => Some(v),
        Err(_) => Some(Value::String(text.to_owned())),
    }
}

/// Applies all `assignments` to `json`, in order, and validates the result.
/// Either every assignment is applied (the new document and its changes),
/// or none is (an error naming the assignment and the place).
pub fn apply(json: &Value, assignments: &[Assignment]) -> Result<Edit, EditError> {
    apply_to(json.clone(), assignments)
}

/// [`apply`] on a document it may change.
pub(crate) fn apply_to(mut doc: Value, assignments: &[Assignment]) -> Result<Edit, EditError> {
    let (changes, touched) = make(&mut doc, assignments)?;
    let causes: Vec<_> = touched
        .into_iter()
        .map(|(label, p)| (label, tree::concrete(&doc, &p)))
        .collect();
    let doc = validate_edited(doc, &causes)?;
    Ok(Edit {
        doc,
        changes: ChangeSet(changes),
    })
}

/// A place changed, with the assignment that changed it.
pub(crate) type Labelled = (String, EditPath);

/// Makes the changes `assignments` ask for in `doc`, unvalidated: the
/// changes, and each with the assignment that made it, for messages.
pub(crate) fn make(
    doc: &mut Value,
    assignments: &[Assignment],
) -> Result<(Vec<Change>, Vec<Labelled>), EditError> {
    let mut changes = Vec::new();
    let mut touched = Vec::new();
    for (n, a) in assignments.iter().enumerate() {
        let at_fault = |message: String| EditError::Path {
            number: n + 1,
            text: a.text.clone(),
            message,
        };
        let Some(mut change) = resolve(doc, &a.path, a.value.as_ref()).map_err(at_fault)? else {
            continue;
        };
        if change.old == change.new {
            continue;
        }
        change.pos = Some(tree::put(doc, &change).map_err(at_fault)?);
        touched.push((
            format!("assignment {}: {}", n + 1, a.text),
            change.path.clone(),
        ));
        changes.push(change);
    }
    Ok((changes, touched))
}

/// The change an assignment makes to `doc`, or `None` when it removes
/// something already absent. Missing objects on the way are created.
fn resolve(doc: &Value, tokens: &[Token], value: Option<&Value>) -> Result<Option<Change>, String> {
    let mut steps: Vec<Step> = Vec::new();
    let mut cur = doc;
    for (i, tok) in tokens.iter().enumerate() {
        let last = i + 1 == tokens.len();
        let here = |steps: &[Step], step: Step| {
            let mut s = steps.to_vec();
            s.push(step);
            EditPath(s).to_string()
        };
        match cur {
            Value::Object(m) => {
                steps.push(Step::Key(tok.text.clone()));
                match m.get(&tok.text) {
                    Some(v) => cur = v,
                    None => {
                        let Some(value) = value else { return Ok(None) };
                        let new = tokens[i + 1..].iter().rev().fold(value.clone(), |acc, t| {
                            let mut m = Map::new();
                            m.insert(t.text.clone(), acc);
                            Value::Object(m)
                        });
                        return Ok(Some(change(steps, None, Some(new))));
                    }
                }
            }
            Value::Array(a) => {
                let noun = match (i, steps.first()) {
                    (1, Some(Step::Key(k))) => BY_ID.iter().find(|(c, _)| c == k).map(|(_, n)| *n),
                    _ => None,
                };
                if tok.is_append() {
                    let Some(value) = value.filter(|_| last) else {
                        return Err(format!(
                            "{}: `+` appends to a list: it comes last, with a value",
                            here(&steps, Step::Key(tok.text.clone()))
                        ));
                    };
                    let id = value
                        .get("id")
                        .and_then(Value::as_str)
                        .filter(|_| noun.is_some());
                    let step = match id {
                        Some(id) if tree::find_id(a, id).is_some() => {
                            return Err(format!(
                                "{}: there is already a {} with id {}",
                                here(&steps, Step::Id { id: id.into() }),
                                noun.unwrap_or("item"),
                                Value::from(id)
                            ));
                        }
                        Some(id) => Step::Id { id: id.into() },
                        None => Step::Index(a.len()),
                    };
                    steps.push(step);
                    return Ok(Some(change(steps, None, Some(value.clone()))));
                }
                match tok.position().filter(|_| noun.is_none()) {
                    Some(0) => {
                        return Err(format!(
                            "{}.0: positions start at 1",
                            EditPath(steps.clone())
                        ));
                    }
                    Some(n) if n <= a.len() => {
                        steps.push(through(&steps, a, n - 1, last));
                        cur = &a[n - 1];
                    }
                    Some(n) if n == a.len() + 1 && last && value.is_some() => {
                        steps.push(Step::Index(n - 1));
                        return Ok(Some(change(steps, None, value.cloned())));
                    }
                    Some(n) => {
                        let what = match steps.as_slice() {
                            [Step::Key(k)] if k == "agenda" => "agenda item",
                            _ => "item",
                        };
                        return Err(format!(
                            "{}: no {what} {n} (there {} {})",
                            here(&steps, Step::Index(n - 1)),
                            if a.len() == 1 { "is" } else { "are" },
                            a.len()
                        ));
                    }
                    None => {
                        let step = Step::Id {
                            id: tok.text.clone(),
                        };
                        match tree::find_id(a, &tok.text) {
                            Some(p) => {
                                steps.push(step);
                                cur = &a[p];
                            }
                            None => {
                                return Err(format!(
                                    "{}: no {} with id {}",
                                    here(&steps, step),
                                    noun.unwrap_or("item"),
                                    Value::from(tok.text.as_str())
                                ));
                            }
                        }
                    }
                }
            }
            other => {
                let at = if steps.is_empty() {
                    "the snapshot".to_owned()
                } else {
                    EditPath(steps.clone()).to_string()
                };
                return Err(format!(
                    "{at}: is {}, which has no member {}",
                    kind(other),
                    Value::from(tok.text.as_str())
                ));
            }
        }
    }
    Ok(Some(change(steps, Some(cur.clone()), value.cloned())))
}

/// The step to element `i` of list `a` reached by position. An agenda item
/// that the path goes into is named by what identifies it (its `id`, else
/// its place and title: [`Step::Item`]), so that the change, replayed after
/// someone else moved or removed items, lands on that item or nowhere —
/// never on the neighbour now at its place. The item itself (replaced or
/// removed) is named by position: its whole old value is checked then.
fn through(steps: &[Step], a: &[Value], i: usize, last: bool) -> Step {
    let agenda = matches!(steps, [Step::Key(k)] if k == "agenda");
    let item = &a[i];
    match item.get("title").and_then(Value::as_str) {
        Some(title) if agenda && !last => {
            Step::agenda_item(item.get("id").and_then(Value::as_str), title, i, a.len())
        }
        _ => Step::Index(i),
    }
}

fn change(steps: Vec<Step>, old: Option<Value>, new: Option<Value>) -> Change {
    Change {
        path: EditPath(steps),
        old,
        new,
        pos: None,
    }
}

/// What kind of value stands where a container was expected.
fn kind(v: &Value) -> &'static str {
    match v {
        Value::Null => "null",
        Value::Bool(_) => "a boolean",
        Value::Number(_) => "a number",
        Value::String(_) => "a string",
        Value::Array(_) => "a list",
        Value::Object(_) => "an object",
    }
}
