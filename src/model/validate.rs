//! From a JSON document to a [`Snapshot`], checking every rule of format v1 and
//! reporting every problem at once, each with its JSON path.

use std::collections::HashMap;
use std::collections::hash_map::Entry;

use serde_json::{Map, Value};

use super::fields::{Path, Reader, describe};
use super::problem::{Problem, Problems};
use super::record::Record;
use super::snapshot::*;
use super::validate_items;

/// The only format this version reads.
pub const FORMAT: &str = "guotang/1";

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
    match top.get("format") {
        None => r.problem(
            &root.key("format"),
            format!("required field is missing (a snapshot starts with \"format\": \"{FORMAT}\")"),
        ),
        Some(Value::String(s)) if s == FORMAT => {}
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
                    "expected \"{FORMAT}\", found {}: this version of guotang reads {FORMAT} only",
                    describe(other)
                ),
            )]));
        }
    }

    let meeting = required(&mut r, top, &root, "meeting")
        .and_then(|v| meeting(&mut r, v, &root.key("meeting")));
    let metrics = required(&mut r, top, &root, "metrics")
        .map(|v| metrics(&mut r, v, &root.key("metrics")))
        .unwrap_or_default();
    // References resolve against every id written, valid or not, so that one
    // broken unit does not make every reference to it a second problem.
    let raw_metrics = top
        .get("metrics")
        .and_then(Value::as_array)
        .map_or(&[][..], |a| a.as_slice());
    let raw_units = top
        .get("units")
        .and_then(Value::as_array)
        .map_or(&[][..], |a| a.as_slice());
    let metric_ids = raw_ids(raw_metrics);
    let (units, groups) = required(&mut r, top, &root, "units")
        .map(|v| {
            units(
                &mut r,
                v,
                &root.key("units"),
                &metric_ids,
                raw_metrics.len(),
            )
        })
        .unwrap_or_default();
    let cards = top
        .get("cards")
        .map(|v| cards(&mut r, v, &root.key("cards")))
        .unwrap_or_default();
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
        .map(|v| validate_items::agenda(&mut r, v, &root.key("agenda"), &unit_ids, &raw_groups))
        .unwrap_or_default();
    let seating = top
        .get("seating")
        .map(|v| validate_items::seating(&mut r, v, &root.key("seating")))
        .unwrap_or_default();
    let locale = top.get("locale").and_then(|v| {
        r.choice(v, &root.key("locale"), &["zh-Hans", "en"], |s| match s {
            "zh-Hans" => Some(Locale::ZhHans),
            "en" => Some(Locale::En),
            _ => None,
        })
    });

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
        }),
        _ => Err(fail(r.problems)),
    }
}

/// id → index of the first item with that id, for items whose id is a string.
pub(super) fn raw_ids(items: &[Value]) -> HashMap<&str, usize> {
    let mut ids = HashMap::with_capacity(items.len());
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

use chrono::Datelike as _;

fn metrics(r: &mut Reader, v: &Value, path: &Path) -> Vec<Metric> {
    let Some(items) = r.array(v, path) else {
        return Vec::new();
    };
    if items.is_empty() {
        r.problem(path, "at least one metric is needed");
    }
    let mut seen: HashMap<&str, usize> = HashMap::new();
    let mut out = Vec::with_capacity(items.len());
    for (i, item) in items.iter().enumerate() {
        let p = path.index(i);
        let Some(m) = r.object(item, &p) else {
            continue;
        };
        let id = required(r, m, &p, "id").and_then(|v| r.text(v, &p.key("id")));
        let id = id.filter(|id| {
            let ok = id
                .bytes()
                .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'_');
            if !ok {
                r.problem(
                    &p.key("id"),
                    format!(
                        "expected lowercase letters, digits and _ only, found {}",
                        describe(&Value::from(*id))
                    ),
                );
            }
            ok && unique(r, &mut seen, id, i, &p.key("id"), "metrics")
        });
        let name = required(r, m, &p, "name").and_then(|v| r.text(v, &p.key("name")));
        let unit = m.get("unit").and_then(|v| r.string(v, &p.key("unit")));
        let decimals = m
            .get("decimals")
            .map(|v| r.integer(v, &p.key("decimals"), 0, 6))
            .unwrap_or(Some(0));
        let better = m
            .get("better")
            .map(|v| {
                r.choice(v, &p.key("better"), &["higher", "lower"], |s| match s {
                    "higher" => Some(Better::Higher),
                    "lower" => Some(Better::Lower),
                    _ => None,
                })
            })
            .unwrap_or(Some(Better::Higher));
        let weight = m
            .get("weight")
            .map(|v| r.number(v, &p.key("weight"), false))
            .unwrap_or(Some(1.0));
        if let (Some(Better::Lower), Some(w)) = (better, weight)
            && w > 0.0
        {
            let found = m.get("weight").map_or("the default 1".to_owned(), describe);
            r.problem(
                &p.key("weight"),
                format!("a \"lower\" metric must have weight 0, found {found}"),
            );
        }
        if let (Some(id), Some(name), Some(decimals), Some(better), Some(weight)) =
            (id, name, decimals, better, weight)
        {
            out.push(Metric {
                id: id.to_owned(),
                name: name.to_owned(),
                unit: unit.unwrap_or_default().to_owned(),
                decimals: decimals as u8,
                better,
                weight,
            });
        }
    }
    out
}

fn units(
    r: &mut Reader,
    v: &Value,
    path: &Path,
    metric_ids: &HashMap<&str, usize>,
    n_metrics: usize,
) -> (Vec<Unit>, Vec<String>) {
    let Some(items) = r.array(v, path) else {
        return Default::default();
    };
    let mut seen: HashMap<&str, usize> = HashMap::new();
    let mut groups: Vec<String> = Vec::new();
    let mut out = Vec::with_capacity(items.len());
    for (i, item) in items.iter().enumerate() {
        let p = path.index(i);
        if let Some(u) = unit(
            r,
            item,
            &p,
            i,
            &mut seen,
            &mut groups,
            metric_ids,
            n_metrics,
        ) {
            out.push(u);
        }
    }
    (out, groups)
}

/// One unit, at `p` (index `i` of the list); a group met for the first
/// time is added to `groups`.
#[allow(clippy::too_many_arguments)] // the context of one unit in its list
pub(super) fn unit<'v>(
    r: &mut Reader,
    item: &'v Value,
    p: &Path,
    i: usize,
    seen: &mut impl IdSet<'v>,
    groups: &mut Vec<String>,
    metric_ids: &HashMap<&str, usize>,
    n_metrics: usize,
) -> Option<Unit> {
    let m = r.object(item, p)?;
    let id = required(r, m, p, "id")
        .and_then(|v| r.text(v, &p.key("id")))
        .filter(|id| unique(r, seen, id, i, &p.key("id"), "units"));
    let name = required(r, m, p, "name").and_then(|v| r.text(v, &p.key("name")));
    let group = match m.get("group") {
        None => Some(""),
        Some(v) => r.string(v, &p.key("group")),
    };
    let leader = m.get("leader").and_then(|v| r.string(v, &p.key("leader")));
    let attendees = match m.get("attendees") {
        None => Some(leader.map(|l| vec![l.to_owned()]).unwrap_or_default()),
        Some(v) => strings(r, v, &p.key("attendees")),
    };
    let targets = amounts(
        r,
        m.get("targets"),
        &p.key("targets"),
        metric_ids,
        n_metrics,
        true,
    );
    let actuals = amounts(
        r,
        m.get("actuals"),
        &p.key("actuals"),
        metric_ids,
        n_metrics,
        false,
    );
    let decision = decision(r, m, p);
    let (id, name, group, attendees, targets, actuals, decision) = (
        id?, name?, group?, attendees?, targets?, actuals?, decision?,
    );
    let group_index = match groups.iter().position(|g| g == group) {
        Some(gi) => gi,
        None => {
            groups.push(group.to_owned());
            groups.len() - 1
        }
    };
    Some(Unit {
        id: id.to_owned(),
        name: name.to_owned(),
        group: group.to_owned(),
        group_index,
        leader: leader.map(str::to_owned),
        attendees,
        targets,
        actuals,
        decision,
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

/// `targets` or `actuals`: metric id → number ≥ 0, indexed by metric (a
/// target above 0 is at least 1e-9).
fn amounts(
    r: &mut Reader,
    v: Option<&Value>,
    path: &Path,
    metric_ids: &HashMap<&str, usize>,
    n_metrics: usize,
    targets: bool,
) -> Option<Vec<Option<f64>>> {
    let mut out = vec![None; n_metrics];
    let Some(v) = v else { return Some(out) };
    let map = r.object(v, path)?;
    let mut ok = true;
    for (key, val) in map {
        let p = path.key(key);
        let number = if targets {
            r.target(val, &p)
        } else {
            r.number(val, &p, false)
        };
        match metric_ids.get(key.as_str()) {
            Some(&mi) => match number {
                Some(x) => out[mi] = Some(x),
                None => ok = false,
            },
            None => {
                r.problem(
                    &p,
                    format!("no metric with id {}", describe(&Value::from(key.as_str()))),
                );
                ok = false;
            }
        }
    }
    ok.then_some(out)
}

/// A unit's own card: `Some(None)` when it has none, `None` when it is invalid.
fn decision(r: &mut Reader, m: &Map<String, Value>, p: &Path) -> Option<Option<Decision>> {
    let Some(v) = m.get("card") else {
        if let Some(reason) = m.get("card_reason") {
            r.string(reason, &p.key("card_reason"))?;
        }
        return Some(None);
    };
    let card = r.choice(v, &p.key("card"), &["red", "yellow", "none"], Card::parse);
    let reason = match m.get("card_reason") {
        None => {
            r.problem(
                &p.key("card_reason"),
                "required when card is set: say why the unit gets this card",
            );
            None
        }
        Some(v) => r.text(v, &p.key("card_reason")),
    };
    Some(Some(Decision {
        card: card?,
        reason: reason?.to_owned(),
    }))
}

fn cards(r: &mut Reader, v: &Value, path: &Path) -> CardPolicy {
    let default = CardPolicy::default();
    let Some(m) = r.object(v, path) else {
        return default;
    };
    let cap = m
        .get("cap")
        .and_then(|v| r.number(v, &path.key("cap"), true));
    let rule_word = match m.get("rule") {
        None => Some("pace"),
        Some(v) => r.choice(v, &path.key("rule"), &["pace", "rank", "threshold"], |s| {
            ["pace", "rank", "threshold"].into_iter().find(|w| *w == s)
        }),
    };
    let need = |r: &mut Reader, key: &str, rule: &str| -> Option<&Value> {
        let v = m.get(key);
        if v.is_none() {
            r.problem(&path.key(key), format!("required with rule \"{rule}\""));
        }
        v
    };
    let rule = match rule_word {
        Some("rank") => {
            let red_top = need(r, "red_top", "rank")
                .and_then(|v| r.integer(v, &path.key("red_top"), 0, 1_000_000));
            let yellow_bottom = need(r, "yellow_bottom", "rank")
                .and_then(|v| r.integer(v, &path.key("yellow_bottom"), 0, 1_000_000));
            red_top
                .zip(yellow_bottom)
                .map(|(red_top, yellow_bottom)| CardRule::Rank {
                    red_top,
                    yellow_bottom,
                })
        }
        Some("threshold") => {
            let red_min = need(r, "red_min", "threshold")
                .and_then(|v| r.number(v, &path.key("red_min"), false));
            let yellow_below = need(r, "yellow_below", "threshold")
                .and_then(|v| r.number(v, &path.key("yellow_below"), false));
            if let (Some(red), Some(yellow)) = (red_min, yellow_below)
                && yellow > red
            {
                r.problem(
                    &path.key("yellow_below"),
                    format!(
                        "{yellow} is above red_min {red}: a unit cannot be both red and yellow"
                    ),
                );
            }
            red_min
                .zip(yellow_below)
                .map(|(red_min, yellow_below)| CardRule::Threshold {
                    red_min,
                    yellow_below,
                })
        }
        Some(_) => {
            let red_at = m
                .get("red_at")
                .map(|v| r.number(v, &path.key("red_at"), true))
                .unwrap_or(Some(1.0));
            red_at.map(|red_at| CardRule::Pace { red_at })
        }
        None => None,
    };
    CardPolicy {
        rule: rule.unwrap_or(default.rule),
        cap,
    }
}
