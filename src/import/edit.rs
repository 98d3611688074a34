//! Writing a plan's changes into the JSON document: only the figures change;
//! unknown fields, key order and every other value stay as they were.

use serde_json::{Map, Number, Value};

use crate::model::{Document, Snapshot};

use super::ImportError;
use super::plan::Change;

/// A figure as JSON: whole numbers without a decimal point (`160`, not
/// `160.0`), so that a sheet's integers keep the snapshot tidy.
pub fn number(v: f64) -> Value {
    if v.fract() == 0.0 && v.abs() < 9.0e15 {
        Value::from(v as i64)
    } else {
        Number::from_f64(v).map_or(Value::Null, Value::Number)
    }
}

/// The document with the changes made, validated again.
pub fn apply(doc: &Document, changes: &[Change]) -> Result<Document, ImportError> {
    let mut json = doc.json.to_value();
    let s: &Snapshot = &doc.snapshot;
    for ch in changes {
        // Validation keeps the units in the document's order, so index i of
        // the snapshot is index i of the JSON array.
        let Some(unit) = json
            .get_mut("units")
            .and_then(|u| u.get_mut(ch.unit))
            .and_then(Value::as_object_mut)
        else {
            continue;
        };
        let figures = unit
            .entry(ch.field.key())
            .or_insert_with(|| Value::Object(Map::new()));
        if !figures.is_object() {
            *figures = Value::Object(Map::new());
        }
        if let Some(obj) = figures.as_object_mut() {
            let value = match &ch.marks {
                Some(list) => Value::Array(list.iter().map(|&m| number(m)).collect()),
                None => number(ch.new),
            };
            obj.insert(s.metrics[ch.metric].id.clone(), value);
        }
    }
    Document::from_json(json).map_err(ImportError::Invalid)
}
