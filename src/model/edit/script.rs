//! Assignments as a person or a script writes them, made into the ones the
//! edit core applies: a unit or project may be named by its name as well as
//! its id (`units.东湖镇.actuals.investment`), a metric by its name; a field
//! the format does not know is refused with the name most likely meant
//! (`started` → `started_on`) unless new fields are allowed; and a value is
//! read as its field is typed: a date as people write dates (2026/3/5,
//! 2026年3月5日), a number with full-width digits or thousands separators,
//! a stage by its label (开工).

use std::borrow::Cow;

use serde_json::Value;

use super::known::{self, Choice, Leaf, Shape};
use super::path::Token;
use super::{Assignment, EditError};
use crate::model::typed::{self, DateError};
use crate::model::{Document, Snapshot};

/// The word a choice field's label stands for (开工 → `started`), in any
/// language guotang speaks.
pub type Labels<'a> = &'a dyn Fn(Choice, &str) -> Option<&'static str>;

/// How a script's assignments are read.
pub struct Script<'a> {
    /// Whether a field the format does not know may be added.
    pub allow_new_fields: bool,
    pub labels: Labels<'a>,
}

/// Where a walk along a path stands.
struct At<'v> {
    /// What the format says is here (`None`: a place of the user's own).
    shape: Option<Shape>,
    /// What the document has here (a project held as text is read when
    /// the path enters it, never the whole list).
    value: Option<Cow<'v, Value>>,
    /// The list's key when `value` is a top-level list (units, projects…).
    list: Option<&'static str>,
    /// The path so far, as written, for messages.
    text: String,
}

/// The part of `v` that `pick` names, borrowed as long as `v` is.
fn sub<'v>(
    v: &Option<Cow<'v, Value>>,
    pick: impl for<'a> Fn(&'a Value) -> Option<&'a Value>,
) -> Option<Cow<'v, Value>> {
    match v {
        Some(Cow::Borrowed(b)) => pick(b).map(Cow::Borrowed),
        Some(Cow::Owned(o)) => pick(o).cloned().map(Cow::Owned),
        None => None,
    }
}

/// The ids and names of a top-level list, as validated.
fn entries<'s>(s: &'s Snapshot, list: &str) -> Vec<(&'s str, &'s str)> {
    match list {
        "units" => s
            .units
            .iter()
            .map(|u| (u.id.as_str(), u.name.as_str()))
            .collect(),
        "metrics" => s
            .metrics
            .iter()
            .map(|m| (m.id.as_str(), m.name.as_str()))
            .collect(),
        "projects" => s
            .projects
            .iter()
            .map(|p| (p.id.as_str(), p.name.as_str()))
            .collect(),
        _ => Vec::new(),
    }
}

impl Script<'_> {
    /// The assignments to apply to `doc`: names made ids, fields checked,
    /// values read as their fields are typed. Nothing is applied here.
    pub fn prepare(
        &self,
        doc: &Document,
        assignments: &[Assignment],
    ) -> Result<Vec<Assignment>, EditError> {
        assignments
            .iter()
            .enumerate()
            .map(|(n, a)| {
                self.one(doc, a).map_err(|message| EditError::Path {
                    number: n + 1,
                    text: a.text.clone(),
                    message,
                })
            })
            .collect()
    }

    fn one(&self, doc: &Document, a: &Assignment) -> Result<Assignment, String> {
        let mut path: Vec<Token> = Vec::with_capacity(a.path.len());
        let mut at = At {
            shape: Some(known::SNAPSHOT),
            value: Some(Cow::Borrowed(doc.json.head())),
            list: None,
            text: String::new(),
        };
        for tok in &a.path {
            let tok = self.step(doc, &mut at, tok, a.value.is_some())?;
            path.push(tok);
        }
        let value = match (&a.value, at.shape) {
            (Some(v), Some(shape)) => {
                Some(self.value(&doc.snapshot, shape, v.clone(), &at.text)?)
            }
            (v, _) => v.clone(),
        };
        Ok(Assignment {
            text: a.text.clone(),
            path,
            value,
        })
    }

    /// Moves `at` one token on; returns the token to apply (a name made
    /// the id it names).
    fn step<'v>(
        &self,
        doc: &'v Document,
        at: &mut At<'v>,
        tok: &Token,
        has_value: bool,
    ) -> Result<Token, String> {
        let s = &doc.snapshot;
        let here = |at: &At, t: &str| {
            if at.text.is_empty() {
                t.to_owned()
            } else {
                format!("{}.{t}", at.text)
            }
        };
        let mut out = tok.clone();
        let mut list = None;
        let (shape, value) = match at.shape {
            Some(shape @ Shape::Object(_)) => {
                let value = sub(&at.value, |v| v.get(&tok.text));
                match shape.field(&tok.text) {
                    Some(f) => {
                        if at.text.is_empty() {
                            list = known::SNAPSHOT
                                .names()
                                .into_iter()
                                .find(|n| *n == tok.text && matches!(f, Shape::ById(_)));
                        }
                        (Some(f), value)
                    }
                    // A field of the user's own that the file already has.
                    None if value.is_some() || self.allow_new_fields || !has_value => (None, value),
                    None => return Err(no_field(&here(at, &tok.text), &tok.text, shape)),
                }
            }
            Some(Shape::ById(elem)) if tok.is_append() => (Some(*elem), None),
            Some(Shape::ById(elem)) => {
                let name = at.list.unwrap_or_default();
                let found = match by_id_or_name(&entries(s, name), &tok.text) {
                    Ok(found) => found,
                    Err(ids) => {
                        return Err(format!(
                            "{}: {} {name} share the name {} ({}); name one by its id",
                            here(at, &tok.text),
                            ids.len(),
                            Value::from(tok.text.as_str()),
                            ids.join(", ")
                        ));
                    }
                };
                let value = found.and_then(|(i, id)| {
                    if id != tok.text {
                        out = Token {
                            text: id.to_owned(),
                            quoted: true,
                        };
                    }
                    // Validation keeps each list in the document's order.
                    match doc.json.held_projects() {
                        Some(_) if name == "projects" => doc.json.project(i),
                        _ => sub(&at.value, |v| v.get(i)),
                    }
                });
                (Some(*elem), value)
            }
            Some(Shape::ByPosition(elem)) => {
                let p = tok.position().and_then(|p| p.checked_sub(1));
                (Some(*elem), p.and_then(|p| sub(&at.value, |v| v.get(p))))
            }
            Some(Shape::PerMetric(leaf)) => {
                let existing = sub(&at.value, |v| v.get(&tok.text));
                match by_id_or_name(&entries(s, "metrics"), &tok.text) {
                    Ok(Some((_, id))) => {
                        let value = sub(&at.value, |v| v.get(id));
                        if id != tok.text {
                            out = Token {
                                text: id.to_owned(),
                                quoted: true,
                            };
                        }
                        (Some(*leaf), value)
                    }
                    _ if existing.is_some() || self.allow_new_fields || !has_value => {
                        (Some(*leaf), existing)
                    }
                    _ => {
                        let ids: Vec<&str> = s.metrics.iter().map(|m| m.id.as_str()).collect();
                        return Err(format!(
                            "{}: no metric with id {}{}",
                            here(at, &tok.text),
                            Value::from(tok.text.as_str()),
                            hint(&tok.text, &ids, "the metrics are")
                        ));
                    }
                }
            }
            // Inside a value written as JSON, or a place of the user's own.
            Some(Shape::Leaf(_)) | None => (None, sub(&at.value, |v| child(v, tok))),
        };
        at.text = here(at, &out.text);
        at.shape = shape;
        at.value = value;
        at.list = list;
        Ok(out)
    }

    /// A value read as its place is typed; objects are checked field by field.
    fn value(&self, doc: &Snapshot, shape: Shape, v: Value, at: &str) -> Result<Value, String> {
        match (shape, v) {
            (Shape::Leaf(leaf), Value::String(s)) => self.leaf(doc, leaf, s, at),
            (Shape::Object(_), Value::Object(m)) => {
                let mut out = serde_json::Map::new();
                for (k, v) in m {
                    let here = format!("{at}.{k}");
                    let v = match shape.field(&k) {
                        Some(s) => self.value(doc, s, v, &here)?,
                        None if self.allow_new_fields => v,
                        None => return Err(no_field(&here, &k, shape)),
                    };
                    out.insert(k, v);
                }
                Ok(Value::Object(out))
            }
            (Shape::PerMetric(leaf), Value::Object(m)) => {
                let mut out = serde_json::Map::new();
                for (k, v) in m {
                    let here = format!("{at}.{k}");
                    out.insert(k, self.value(doc, *leaf, v, &here)?);
                }
                Ok(Value::Object(out))
            }
            (_, v) => Ok(v),
        }
    }

    fn leaf(&self, doc: &Snapshot, leaf: Leaf, s: String, at: &str) -> Result<Value, String> {
        Ok(match leaf {
            Leaf::Date => match typed::date(&s) {
                Ok(d) => Value::String(typed::date_text(d)),
                Err(e @ DateError::NoSuchDay { year, month, day }) => {
                    return Err(format!("{at}: {}", no_such_date(e, year, month, day)));
                }
                // Not a date at all: validation says what is expected.
                Err(DateError::Shape) => Value::String(s),
            },
            Leaf::Number => typed::number(&s).map_or(Value::String(s), Value::Number),
            Leaf::Time => Value::String(typed::time(&s).unwrap_or(s)),
            Leaf::Choice(c) => {
                let t = s.trim();
                // The meeting's own tiers first: an id, or a label in either language.
                let tier = match c {
                    Choice::Card => tier_word(doc, t),
                    _ => None,
                };
                let word = tier.or_else(|| (self.labels)(c, t).map(str::to_owned));
                Value::String(word.unwrap_or_else(|| s.clone()))
            }
            Leaf::UnitRef => match by_id_or_name(&entries(doc, "units"), &s) {
                Ok(Some((_, id))) => Value::String(id.to_owned()),
                Ok(None) => Value::String(s),
                Err(ids) => {
                    return Err(format!(
                        "{at}: {} units share the name {} ({}); give the unit's id",
                        ids.len(),
                        Value::from(s.as_str()),
                        ids.join(", ")
                    ));
                }
            },
            Leaf::Text | Leaf::Json => Value::String(s),
        })
    }
}

/// The id of the meeting's tier typed as `t`: its id, or its label in
/// either language (绿牌, `green card`; case aside), none included.
fn tier_word(doc: &Snapshot, t: &str) -> Option<String> {
    let tiers = &doc.cards.tiers;
    let is = |label: &str| label == t || label.eq_ignore_ascii_case(t);
    tiers
        .cards_and_none()
        .find(|&c| {
            tiers.id(c) == t
                || [crate::i18n::Lang::Zh, crate::i18n::Lang::En]
                    .into_iter()
                    .any(|l| is(tiers.label(c, l)))
        })
        .map(|c| tiers.id(c).to_owned())
}

/// ` (did you mean started_on?)`, else the names there are.
fn hint(typed: &str, names: &[&str], there: &str) -> String {
    known::nearest(typed, names.iter().copied()).map_or_else(
        || format!(" ({there}: {})", names.join(", ")),
        |n| format!(" (did you mean {n}?)"),
    )
}

/// A field the format does not know where `at` names it.
fn no_field(at: &str, name: &str, shape: Shape) -> String {
    format!(
        "{at}: the format has no field {} here{}; --allow-new-fields adds it anyway",
        Value::from(name),
        hint(name, &shape.names(), "it has")
    )
}

/// "no such date 2026-02-30 (2026-02 has 28 days)".
fn no_such_date(e: DateError, year: i32, month: u32, day: u32) -> String {
    let why = match e.days_in_month() {
        Some(n) => format!("{year:04}-{month:02} has {n} days"),
        None => "a year has 12 months".to_owned(),
    };
    format!("no such date {year:04}-{month:02}-{day:02} ({why})")
}

/// The child a token names in a value of the user's own.
fn child<'v>(v: &'v Value, tok: &Token) -> Option<&'v Value> {
    match v {
        Value::Object(m) => m.get(&tok.text),
        Value::Array(a) => tok.position().and_then(|p| a.get(p.checked_sub(1)?)),
        _ => None,
    }
}

/// The entry of `list` whose id is `key`, else the one whose name is
/// (trimmed): its index and id; `Err` with every id when several share
/// the name.
fn by_id_or_name<'a>(
    list: &[(&'a str, &str)],
    key: &str,
) -> Result<Option<(usize, &'a str)>, Vec<String>> {
    if let Some(i) = list.iter().position(|(id, _)| *id == key) {
        return Ok(Some((i, list[i].0)));
    }
    let k = key.trim();
    let named: Vec<usize> = (0..list.len()).filter(|&i| list[i].1.trim() == k).collect();
    match named.as_slice() {
        [] => Ok(None),
        [i] => Ok(Some((*i, list[*i].0))),
        many => Err(many.iter().map(|&i| list[i].0.to_owned()).collect()),
    }
}
