//! From a JSON document to a [`Snapshot`], checking every rule of formats v1
//! and v2 and reporting every problem at once, each with its JSON path.

use crate::model::Word as _;
use std::collections::HashMap;
use std::collections::hash_map::Entry;

use chrono::Datelike as _;

use serde_json::{Map, Value};

use super::fields::{Path, Reader, describe};
use super::problem::{Problem, Problems};
use super::record::Record;
use super::snapshot::*;
use super::validate_metrics::metrics;
use super::validate_units::{UnitRules, units};
use super::{validate_history, validate_items, validate_rules};

/// Checks a parsed document and builds the validated snapshot from it.
pub fn validate(doc: &Value) -> Result<Snapshot, Problems> {
    validate_with(doc, None).map_err(|e| match e {
        Invalid::Problems(p) => p,
        // Only a record's projects held as text can fail to read.
        Invalid::Unread => Problems(Vec::new()),
    })
}

/// Why a record did not validate.
pub(crate) enum Invalid {
    Problems(Problems),
    /// The text of a project does not read: the whole text must be read
    /// again to say why.
    Unread,
}

/// Checks a record, reading the projects it holds as text one by one.
pub(crate) fn validate_record(record: &Record) -> Result<Snapshot, Invalid> {
    validate_with(record.head(), Some(record))
}

fn validate_with(doc: &Value, record: Option<&Record>) -> Result<Snapshot, Invalid> {
    let fail = |p: Vec<Problem>| Invalid::Problems(Problems(p));
    let Some(top) = doc.as_object() else {
        return Err(fail(vec![Problem::Input {
            message: format!(
                "expected a JSON object (a guotang snapshot), found {}",
                describe(doc)
            ),
        }]));
    };
    let mut r = Reader::default();
    let root = Path::ROOT;
    let format = match top.get("format") {
        None => {
            r.problem(
                &root.key("format"),
                "required field is missing (a snapshot starts with \"format\": \"guotang/1\" or \"guotang/2\")",
            );
            Format::V1
        }
        Some(Value::String(s)) if Format::parse(s).is_some() => {
            Format::parse(s).unwrap_or(Format::V1)
        }
        Some(other) => {
            // Unless the text is not JSON at all, which the whole reading
            // says first: projects held as text are not read past here.
            if record.is_some_and(|rec| !rec.held_text_reads()) {
                return Err(Invalid::Unread);
            }
            // Another format's fields mean other things: checking them would only add noise.
            return Err(fail(vec![Problem::field(
                "format",
                format!(
                    "expected \"guotang/1\" or \"guotang/2\", found {}: this version of guotang reads guotang/1 and guotang/2",
                    describe(other)
                ),
            )]));
        }
    };
    if format == Format::V1 {
        validate_rules::refuse_v2_fields(&mut r, top);
    }
    let scoring = match top.get("scoring").filter(|_| format == Format::V2) {
        Some(v) => validate_rules::scoring(&mut r, v, &root.key("scoring")),
        None => Scoring::Ratio,
    };

    let meeting = required(&mut r, top, &root, "meeting")
        .and_then(|v| meeting(&mut r, v, &root.key("meeting")));
    let metrics = required(&mut r, top, &root, "metrics")
        .map(|v| metrics(&mut r, v, &root.key("metrics"), format, scoring))
        .unwrap_or_default();
    // References resolve against every id written, valid or not, so that one
    // broken unit does not make every reference to it a second problem.
    let raw_units = top
        .get("units")
        .and_then(Value::as_array)
        .map_or(&[][..], |a| a.as_slice());
    // The cards' problems are reported after the units', as format v1 did.
    let mut cards_reader = Reader::default();
    let mut warn = Reader::default();
    let cards = validate_rules::cards(
        &mut cards_reader,
        top.get("cards"),
        &root.key("cards"),
        scoring,
        format,
        &mut warn,
    );
    let rules = UnitRules::new(top, format, &cards.tiers);
    let (units, groups) = required(&mut r, top, &root, "units")
        .map(|v| units(&mut r, v, &root.key("units"), &rules))
        .unwrap_or_default();
    r.problems.append(&mut cards_reader.problems);
    let unit_ids = raw_ids(raw_units);
    let mut raw_groups: Vec<String> = Vec::new();
    for u in raw_units {
        let g = match u.get("group") {
            Some(Value::String(g)) => g.as_str(),
            Some(_) => continue,
            None => "",
        };
        if !raw_groups.iter().any(|x| x == g) {
            raw_groups.push(g.to_owned());
        }
    }
    let projects = match record.filter(|rec| rec.held_projects().is_some()) {
        Some(rec) => validate_items::held_projects(&mut r, rec, &root.key("projects"), &unit_ids)
            .map_err(|_| Invalid::Unread)?,
        None => top
            .get("projects")
            .map(|v| validate_items::projects(&mut r, v, &root.key("projects"), &unit_ids))
            .unwrap_or_default(),
    };
    let agenda = top
        .get("agenda")
        .map(|v| {
            let path = root.key("agenda");
            validate_items::agenda(&mut r, v, &path, &unit_ids, &raw_groups, &cards.tiers)
        })
        .unwrap_or_default();
    let seating = top
        .get("seating")
        .map(|v| validate_items::seating(&mut r, v, &root.key("seating"), &cards.tiers))
        .unwrap_or_default();
    let locale = top
        .get("locale")
        .and_then(|v| r.choice(v, &root.key("locale"), &Locale::words(), Locale::parse));

    let (history, warnings) = match top.get("history").filter(|_| format == Format::V2) {
        Some(v) => validate_history::history(
            &mut r,
            v,
            &root.key("history"),
            &unit_ids,
            raw_units.len(),
            &cards.tiers,
            meeting.as_ref().map(|m| m.period.to),
        ),
        None => Default::default(),
    };
    let mut warnings = warnings;
    warnings.splice(0..0, warn.problems);

    match meeting {
        Some(meeting) if r.problems.is_empty() => Ok(Snapshot {
            meeting,
            metrics,
            units,
            groups,
            cards,
            projects,
            agenda,
            seating,
            locale,
            format,
            scoring,
            history,
            warnings,
        }),
        _ => Err(fail(r.problems)),
    }
}

/// id → index of the first item with that id, for items whose id is a string.
/// Ids to their index, as the lists' references are looked up: one lookup
/// per project (100,000 in a large meeting) and, for repeats, one insert per
/// project. foldhash (seeded at random per map, already in the tree through
/// hashbrown) instead of std's SipHash, which was a tenth of the time spent
/// reading the projects.
pub(crate) type Ids<'a> = HashMap<&'a str, usize, foldhash::fast::RandomState>;

pub(crate) fn raw_ids(items: &[Value]) -> Ids<'_> {
    let mut ids = Ids::with_capacity_and_hasher(items.len(), Default::default());
    for (i, item) in items.iter().enumerate() {
        if let Some(id) = item.get("id").and_then(Value::as_str) {
            ids.entry(id).or_insert(i);
        }
    }
    ids
}

/// A required member of an object, or a "missing" problem.
pub(super) fn required<'v>(
    r: &mut Reader,
    obj: &'v Map<String, Value>,
    path: &Path,
    key: &str,
) -> Option<&'v Value> {
    let v = obj.get(key);
    if v.is_none() {
        r.missing(&path.key(key));
    }
    v
}

/// The ids met so far in a list, each with where it was first found.
pub(super) trait IdSet<'v> {
    /// Where `id` was first found, or `None` after noting it at `index`.
    fn first(&mut self, id: &'v str, index: usize) -> Option<usize>;
}

impl<'v> IdSet<'v> for HashMap<&'v str, usize> {
    fn first(&mut self, id: &'v str, index: usize) -> Option<usize> {
        // One hash per id: the entry is looked up and filled in the same step.
        match self.entry(id) {
            Entry::Occupied(first) => Some(*first.get()),
            Entry::Vacant(slot) => {
                slot.insert(index);
                None
            }
        }
    }
}

/// For ids whose text does not outlive the check (projects read one by one).
impl IdSet<'_> for HashMap<Box<str>, usize> {
    fn first(&mut self, id: &str, index: usize) -> Option<usize> {
        if let Some(first) = self.get(id) {
            return Some(*first);
        }
        self.insert(id.into(), index);
        None
    }
}

/// No id seen before: for one element checked again alone after an edit
/// that left its id as it was.
pub(super) struct NoneSeen;

impl IdSet<'_> for NoneSeen {
    fn first(&mut self, _: &str, _: usize) -> Option<usize> {
        None
    }
}

/// Records a duplicate id; `seen` maps each id to where it was first found.
pub(super) fn unique<'v>(
    r: &mut Reader,
    seen: &mut impl IdSet<'v>,
    id: &'v str,
    index: usize,
    path: &Path,
    list: &str,
) -> bool {
    match seen.first(id, index) {
        Some(first) => {
            r.problem(
                path,
                format!(
                    "duplicate id {} (first at {list}[{first}])",
                    describe(&Value::from(id)),
                ),
            );
            false
        }
        None => true,
    }
}

fn meeting(r: &mut Reader, v: &Value, path: &Path) -> Option<Meeting> {
    let m = r.object(v, path)?;
    let title = required(r, m, path, "title").and_then(|v| r.text(v, &path.key("title")));
    let date = required(r, m, path, "date").and_then(|v| r.date(v, &path.key("date")));
    let start = m.get("start").and_then(|v| r.time(v, &path.key("start")));
    let venue = m.get("venue").and_then(|v| r.string(v, &path.key("venue")));
    let period = required(r, m, path, "period").and_then(|v| period(r, v, &path.key("period")));
    Some(Meeting {
        title: title?.to_owned(),
        date: date?,
        start,
        venue: venue.map(str::to_owned),
        period: period?,
    })
}

fn period(r: &mut Reader, v: &Value, path: &Path) -> Option<Period> {
    let m = r.object(v, path)?;
    let label = m.get("label").and_then(|v| r.string(v, &path.key("label")));
    let from = m.get("from").map(|v| r.date(v, &path.key("from")));
    let to = required(r, m, path, "to").and_then(|v| r.date(v, &path.key("to")))?;
    let from = match from {
        None => to.with_ordinal(1)?,
        Some(d) => d?,
    };
    if from > to {
        r.problem(&path.key("from"), format!("{from} is after period.to {to}"));
        return None;
    }
    Some(Period {
        label: label.map(str::to_owned),
        from,
        to,
    })
}

/// An array of strings.
pub(super) fn strings(r: &mut Reader, v: &Value, path: &Path) -> Option<Vec<String>> {
    let items = r.array(v, path)?;
    let mut ok = true;
    let mut out = Vec::with_capacity(items.len());
    for (i, item) in items.iter().enumerate() {
        match r.string(item, &path.index(i)) {
            Some(s) => out.push(s.to_owned()),
            None => ok = false,
        }
    }
    ok.then_some(out)
}
