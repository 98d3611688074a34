//! A project read straight from its text into a [`Project`], when it is
//! valid as it stands: no JSON value built, nothing allocated but the
//! project's own strings. Reading 100,000 projects as values, then freeing
//! them, was most of the time a large meeting took to open.
//!
//! This reading only accepts; it never explains. A project it does not
//! take — a field of the wrong type or value, a reference to no unit, a
//! repeated key, anything unusual — is read again as a value and checked by
//! [`super::validate_items::project`], which says what is wrong. So it must
//! take a project only when that check would find nothing and build the
//! same project: each test below mirrors one of its rules.

use crate::model::Word as _;
use compact_str::CompactString;
use std::borrow::Cow;
use std::fmt;

use serde::de::{self, DeserializeSeed, Deserializer, MapAccess, Visitor};

use super::fields::{parse_date, same_word};
use super::parse::ElementValue;
use super::snapshot::{Project, Stage};
use super::validate::Ids;

/// The fields a project's rules read, in [`Fields`]' order.
const FIELDS: [&str; 11] = [
    "id",
    "name",
    "unit",
    "investment",
    "stage",
    "signed_on",
    "started_on",
    "completed_on",
    "due_start",
    "due_complete",
    "note",
];

/// The project in `text` when it is valid as it stands (its id not yet
/// checked against the others'); `None` when it must be checked as a value.
pub fn read(text: &[u8], unit_ids: &Ids) -> Option<Project> {
    // The UTF-8 checked once for the whole project (SIMD, already in the
    // tree through encoding_rs), then read as `str`: serde_json checks
    // every string of a byte slice on its own, which was a seventh of the
    // time spent here. Text that is not UTF-8 is refused either way.
    let text = simdutf8::basic::from_utf8(text).ok()?;
    let mut de = serde_json::Deserializer::from_str(text);
    let fields = Fields::default().deserialize(&mut de).ok()?;
    de.end().ok()?;
    fields.project(unit_ids)
}

/// A scalar as read: only strings and numbers are ever valid here.
enum Scalar<'de> {
    Str(Cow<'de, str>),
    Num(f64),
}

impl Scalar<'_> {
    fn text(&self) -> Option<&str> {
        match self {
            Scalar::Str(s) => Some(s),
            Scalar::Num(_) => None,
        }
    }
}

/// The known fields found, and the unknown keys met (to refuse a repeat).
#[derive(Default)]
struct Fields<'de> {
    found: [Option<Scalar<'de>>; 11],
    unknown: Vec<String>,
}

impl Fields<'_> {
    fn project(self, unit_ids: &Ids) -> Option<Project> {
        let [
            id,
            name,
            unit,
            investment,
            stage,
            signed_on,
            started_on,
            completed_on,
            due_start,
            due_complete,
            note,
        ] = self.found;
        // `text`: a string that says something.
        let said = |v: &Option<Scalar>| {
            v.as_ref()
                .and_then(Scalar::text)
                .filter(|s| !s.trim().is_empty())
                .map(CompactString::from)
        };
        let id = said(&id)?;
        let name = said(&name)?;
        let unit = *unit_ids.get(unit?.text()?)?;
        // `number`: finite, ≥ 0 and at most 1e15; -0 reads as 0.
        let investment = match investment {
            None => None,
            Some(Scalar::Num(x)) if super::fields::in_range(x) && x >= 0.0 => {
                Some(if x == 0.0 { 0.0 } else { x })
            }
            Some(_) => return None,
        };
        let stage = stage_word(stage?.text()?)?;
        let date = |v: Option<Scalar>| match v {
            None => Some(None),
            Some(v) => parse_date(v.text()?).ok().map(Some),
        };
        let note = match note {
            None => None,
            Some(Scalar::Str(s)) => Some(s.into()),
            Some(Scalar::Num(_)) => return None,
        };
        Some(Project {
            id,
            name,
            unit,
            investment,
            stage,
            signed_on: date(signed_on)?,
            started_on: date(started_on)?,
            completed_on: date(completed_on)?,
            due_start: date(due_start)?,
            due_complete: date(due_complete)?,
            note,
        })
    }
}

fn stage_word(s: &str) -> Option<Stage> {
    Stage::all()
        .iter()
        .copied()
        .find(|st| same_word(st.as_str(), s))
}

/// Any error: the reading gives up and the value path decides.
fn refuse<E: de::Error>() -> E {
    E::custom("not read here")
}

impl<'de> DeserializeSeed<'de> for Fields<'de> {
    type Value = Fields<'de>;
    fn deserialize<D: Deserializer<'de>>(self, d: D) -> Result<Self::Value, D::Error> {
        d.deserialize_map(self)
    }
}

impl<'de> Visitor<'de> for Fields<'de> {
    type Value = Fields<'de>;

    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str("a project")
    }

    fn visit_map<A: MapAccess<'de>>(mut self, mut map: A) -> Result<Self::Value, A::Error> {
        while let Some(key) = map.next_key_seed(KeySeed)? {
            match key {
                Key::Field(i) => {
                    if self.found[i].is_some() {
                        return Err(refuse());
                    }
                    self.found[i] = Some(map.next_value_seed(ScalarSeed)?);
                }
                Key::Unknown(key) => {
                    if self.unknown.contains(&key) {
                        return Err(refuse());
                    }
                    self.unknown.push(key);
                    // Read as a value would be (repeated keys, depth, numbers
                    // out of range are errors), then dropped: unknown fields
                    // are kept by the record's text, not here.
                    map.next_value_seed(ElementValue { depth_left: 124 })?;
                }
            }
        }
        Ok(self)
    }
}

/// A key: one of [`FIELDS`] (found without allocating), or another.
enum Key {
    Field(usize),
    Unknown(String),
}

struct KeySeed;

/// The index of `key` in [`FIELDS`]: told apart by length and one byte
/// before one comparison, instead of a comparison with each in turn.
fn field(key: &str) -> Option<usize> {
    let b = key.as_bytes();
    let i = match (b.len(), *b.first()?) {
        (2, b'i') => 0,
        (4, b'n') if b.get(1) == Some(&b'o') => 10,
        (4, b'n') => 1,
        (4, b'u') => 2,
        (10, b'i') => 3,
        (5, b's') => 4,
        (9, b's') => 5,
        (10, b's') => 6,
        (12, b'c') => 7,
        (9, b'd') => 8,
        (12, b'd') => 9,
        _ => return None,
    };
    same_word(FIELDS[i], key).then_some(i)
}

impl<'de> DeserializeSeed<'de> for KeySeed {
    type Value = Key;
    fn deserialize<D: Deserializer<'de>>(self, d: D) -> Result<Key, D::Error> {
        d.deserialize_str(self)
    }
}

impl<'de> Visitor<'de> for KeySeed {
    type Value = Key;

    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str("a key")
    }
    fn visit_str<E: de::Error>(self, s: &str) -> Result<Key, E> {
        Ok(match field(s) {
            Some(i) => Key::Field(i),
            None => Key::Unknown(s.to_owned()),
        })
    }
}

/// A string (borrowed from the text when it has no escape) or a number;
/// anything else is refused.
struct ScalarSeed;

impl<'de> DeserializeSeed<'de> for ScalarSeed {
    type Value = Scalar<'de>;
    fn deserialize<D: Deserializer<'de>>(self, d: D) -> Result<Scalar<'de>, D::Error> {
        d.deserialize_any(self)
    }
}

impl<'de> Visitor<'de> for ScalarSeed {
    type Value = Scalar<'de>;

    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str("a string or a number")
    }
    fn visit_borrowed_str<E: de::Error>(self, s: &'de str) -> Result<Scalar<'de>, E> {
        Ok(Scalar::Str(Cow::Borrowed(s)))
    }
    fn visit_str<E: de::Error>(self, s: &str) -> Result<Scalar<'de>, E> {
        Ok(Scalar::Str(Cow::Owned(s.to_owned())))
    }
    // As `serde_json::Value::as_f64` reads the number a value would hold.
    fn visit_u64<E: de::Error>(self, n: u64) -> Result<Scalar<'de>, E> {
        Ok(Scalar::Num(n as f64))
    }
    fn visit_i64<E: de::Error>(self, n: i64) -> Result<Scalar<'de>, E> {
        Ok(Scalar::Num(n as f64))
    }
    fn visit_f64<E: de::Error>(self, x: f64) -> Result<Scalar<'de>, E> {
        Ok(Scalar::Num(x))
    }
    fn visit_bool<E: de::Error>(self, _: bool) -> Result<Scalar<'de>, E> {
        Err(refuse())
    }
    fn visit_unit<E: de::Error>(self) -> Result<Scalar<'de>, E> {
        Err(refuse())
    }
    fn visit_seq<A: de::SeqAccess<'de>>(self, _: A) -> Result<Scalar<'de>, A::Error> {
        Err(refuse())
    }
    fn visit_map<A: MapAccess<'de>>(self, _: A) -> Result<Scalar<'de>, A::Error> {
        Err(refuse())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_field_and_only_they_are_found() {
        for (i, f) in FIELDS.iter().enumerate() {
            assert_eq!(field(f), Some(i), "{f}");
            // Same length and first byte, one byte changed: not a field.
            let mut other = f.to_string();
            other.pop();
            other.push('X');
            assert_eq!(field(&other), None, "{other}");
        }
        for key in [
            "", "i", "nome", "unix", "Id", "ID", "stage ", "notes", "id\u{0}",
        ] {
            assert_eq!(field(key), None, "{key:?}");
        }
    }
}
