//! The fields the snapshot format knows, where it knows them, and what kind
//! of value each holds: so that `guotang set` refuses a misspelt field
//! (`started` for `started_on`) instead of adding it, suggests the name
//! meant, and reads a value the way the field is typed (a date, a stage).
//!
//! Kept beside the format's pages (snapshot-v1.md, snapshot-v2.md); a test
//! checks it against the JSON Schema of `raw.rs`.

/// What a place in a snapshot holds.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Shape {
    /// An object with these fields (others are the user's own).
    Object(&'static [Field]),
    /// A list whose elements a path names by id (units, projects, metrics).
    ById(&'static Shape),
    /// A list whose elements a path names by 1-based position.
    ByPosition(&'static Shape),
    /// An object keyed by metric id (targets, actuals).
    PerMetric(&'static Shape),
    Leaf(Leaf),
}

/// A value's kind, for reading what is typed.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Leaf {
    Text,
    Number,
    /// `YYYY-MM-DD` in the file; typed as people write dates.
    Date,
    /// `HH:MM`.
    Time,
    /// One of a fixed set of words, also typed as its label (开工).
    Choice(Choice),
    /// A unit's id, also typed as its name.
    UnitRef,
    /// A structure written as JSON (a list of notes, a speaker selection).
    Json,
}

/// The word sets of choice fields.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Choice {
    Stage,
    Card,
    Pane,
    Better,
    Rule,
    Locale,
}

/// A named field of an object.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Field {
    pub name: &'static str,
    pub shape: Shape,
}

const fn f(name: &'static str, shape: Shape) -> Field {
    Field { name, shape }
}

const TEXT: Shape = Shape::Leaf(Leaf::Text);
const NUMBER: Shape = Shape::Leaf(Leaf::Number);
const DATE: Shape = Shape::Leaf(Leaf::Date);
const JSON: Shape = Shape::Leaf(Leaf::Json);
const fn choice(c: Choice) -> Shape {
    Shape::Leaf(Leaf::Choice(c))
}

const PERIOD: &[Field] = &[f("label", TEXT), f("from", DATE), f("to", DATE)];
const MEETING: &[Field] = &[
    f("title", TEXT),
    f("date", DATE),
    f("start", Shape::Leaf(Leaf::Time)),
    f("venue", TEXT),
    f("period", Shape::Object(PERIOD)),
];
const METRIC: &[Field] = &[
    f("id", TEXT),
    f("name", TEXT),
    f("unit", TEXT),
    f("decimals", NUMBER),
    f("better", choice(Choice::Better)),
    f("weight", NUMBER),
    // v2
    f("kind", TEXT),
    f("score_bands", JSON),
    f("judges", JSON),
];
const UNIT: &[Field] = &[
    f("id", TEXT),
    f("name", TEXT),
    f("group", TEXT),
    f("leader", TEXT),
    f("attendees", JSON),
    f("targets", Shape::PerMetric(&NUMBER)),
    f("actuals", Shape::PerMetric(&NUMBER)),
    f("card", choice(Choice::Card)),
    f("card_reason", TEXT),
];
const CARDS: &[Field] = &[
    f("rule", choice(Choice::Rule)),
    f("red_at", NUMBER),
    f("red_top", NUMBER),
    f("yellow_bottom", NUMBER),
    f("red_min", NUMBER),
    f("yellow_below", NUMBER),
    f("cap", NUMBER),
    // v2
    f("tiers", JSON),
    f("bands", JSON),
    f("none_label", TEXT),
    f("veto_tier", TEXT),
    f("escalations", JSON),
];
const PROJECT: &[Field] = &[
    f("id", TEXT),
    f("name", TEXT),
    f("unit", Shape::Leaf(Leaf::UnitRef)),
    f("investment", NUMBER),
    f("stage", choice(Choice::Stage)),
    f("signed_on", DATE),
    f("started_on", DATE),
    f("completed_on", DATE),
    f("due_start", DATE),
    f("due_complete", DATE),
    f("note", TEXT),
];
const AGENDA_ITEM: &[Field] = &[
    // A stable id for an item (edits recorded by identity).
    f("id", TEXT),
    f("title", TEXT),
    f("pane", choice(Choice::Pane)),
    f("minutes", NUMBER),
    f("speaker", TEXT),
    f("speakers", JSON),
    f("minutes_each", NUMBER),
    f("warn_minutes", NUMBER),
    f("notes", JSON),
];
const ZONE: &[Field] = &[
    f("card", choice(Choice::Card)),
    f("label", TEXT),
    f("rows", NUMBER),
    f("seats_per_row", NUMBER),
];
const SEATING: &[Field] = &[f("zones", Shape::ByPosition(&Shape::Object(ZONE)))];
const SCORING: &[Field] = &[f("method", TEXT)];

/// The top level of a snapshot.
pub const SNAPSHOT: Shape = Shape::Object(&[
    f("$schema", TEXT),
    f("format", TEXT),
    f("meeting", Shape::Object(MEETING)),
    f("metrics", Shape::ById(&Shape::Object(METRIC))),
    f("units", Shape::ById(&Shape::Object(UNIT))),
    f("cards", Shape::Object(CARDS)),
    f("projects", Shape::ById(&Shape::Object(PROJECT))),
    f("agenda", Shape::ByPosition(&Shape::Object(AGENDA_ITEM))),
    f("seating", Shape::Object(SEATING)),
    f("locale", choice(Choice::Locale)),
    // v2
    f("scoring", Shape::Object(SCORING)),
    f("history", JSON),
]);

impl Shape {
    /// The field `name` of an object shape.
    pub fn field(self, name: &str) -> Option<Shape> {
        match self {
            Shape::Object(fields) => fields.iter().find(|f| f.name == name).map(|f| f.shape),
            _ => None,
        }
    }

    /// The names of an object shape's fields.
    pub fn names(self) -> Vec<&'static str> {
        match self {
            Shape::Object(fields) => fields.iter().map(|f| f.name).collect(),
            _ => Vec::new(),
        }
    }
}

/// The known name nearest to `typed`, when one is near enough to be what
/// was meant: `started` → `started_on`, `nmae` → `name`.
pub fn nearest<'a>(typed: &str, names: impl IntoIterator<Item = &'a str>) -> Option<&'a str> {
    let typed_l = typed.to_lowercase();
    names
        .into_iter()
        .filter_map(|n| {
            let l = n.to_lowercase();
            let score = if l.starts_with(&typed_l) || typed_l.starts_with(&l) {
                0.95
            } else {
                strsim::jaro_winkler(&typed_l, &l)
            };
            (score >= 0.8).then_some((score, n))
        })
        .max_by(|a, b| a.0.total_cmp(&b.0))
        .map(|(_, n)| n)
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::Value;

    #[test]
    fn misspelt_names_find_the_field_meant() {
        let project = SNAPSHOT
            .field("projects")
            .map(|s| match s {
                Shape::ById(s) => *s,
                _ => panic!(),
            })
            .unwrap();
        let names = project.names();
        assert_eq!(
            nearest("started", names.iter().copied()),
            Some("started_on")
        );
        assert_eq!(nearest("nmae", names.iter().copied()), Some("name"));
        assert_eq!(
            nearest("sigend_on", names.iter().copied()),
            Some("signed_on")
        );
        assert_eq!(nearest("budget", names.iter().copied()), None);
    }

    /// Every property of the JSON Schema (`guotang schema`) is a known field.
    #[test]
    fn every_field_of_the_schema_is_known() {
        let schema = crate::model::raw::schema();
        let defs = schema
            .get("$defs")
            .or_else(|| schema.get("definitions"))
            .cloned()
            .unwrap_or(Value::Null);
        fn resolve<'v>(v: &'v Value, defs: &'v Value) -> &'v Value {
            if let Some(r) = v.get("$ref").and_then(Value::as_str) {
                let name = r.rsplit('/').next().unwrap_or("");
                return defs.get(name).unwrap_or(v);
            }
            for key in ["anyOf", "oneOf", "allOf"] {
                if let Some(Value::Array(alts)) = v.get(key) {
                    for a in alts {
                        let r = resolve(a, defs);
                        if r.get("properties").is_some() || r.get("items").is_some() {
                            return r;
                        }
                    }
                }
            }
            v
        }
        fn walk(schema: &Value, shape: Shape, defs: &Value, at: &str, seen: &mut usize) {
            let schema = resolve(schema, defs);
            match shape {
                Shape::Object(_) => {
                    let Some(Value::Object(props)) = schema.get("properties") else {
                        return;
                    };
                    for (name, sub) in props {
                        let Some(s) = shape.field(name) else {
                            panic!("{at}.{name} is in the schema but not known");
                        };
                        *seen += 1;
                        walk(sub, s, defs, &format!("{at}.{name}"), seen);
                    }
                }
                Shape::ById(s) | Shape::ByPosition(s) => {
                    if let Some(items) = schema.get("items") {
                        walk(items, *s, defs, &format!("{at}[]"), seen);
                    }
                }
                Shape::PerMetric(_) | Shape::Leaf(_) => {}
            }
        }
        let mut seen = 0;
        walk(&schema, SNAPSHOT, &defs, "", &mut seen);
        // Every field was visited (the walk reached them all): v1's 63, the
        // agenda item's optional `id`, and v2's 11 the schema names.
        assert_eq!(seen, 75, "fields visited");
    }
}
