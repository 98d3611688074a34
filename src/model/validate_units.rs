//! Validation of `units`: ids, groups, attendees, targets and actuals
//! (judges' marks included), and decisions naming one of the meeting's
//! tiers. A unit is checked against [`UnitRules`], what it needs to know of
//! the rest of the snapshot, so that an edit of one unit can be checked
//! alone (see `edit/fast.rs`) exactly as the whole snapshot would be.

use crate::model::Word as _;
use std::collections::HashMap;

use serde_json::{Map, Value};

use super::fields::{Path, Reader, describe};
use super::snapshot::*;
use super::validate::{IdSet, raw_ids, required, strings, unique};
use super::validate_rules::tier_ref;

/// What checking a unit needs to know of the rest of the snapshot.
pub(super) struct UnitRules<'a> {
    /// Metric id → index, for every id written.
    pub metric_ids: super::validate::Ids<'a>,
    /// Per metric as written: its kind and its judges' drop.
    pub metrics: Vec<(MetricKind, Option<u32>)>,
    pub tiers: &'a Tiers,
}

impl<'a> UnitRules<'a> {
    /// The rules of the snapshot `top`, whose tiers are `tiers`.
    pub(super) fn new(top: &'a Map<String, Value>, format: Format, tiers: &'a Tiers) -> Self {
        let raw_metrics = top
            .get("metrics")
            .and_then(Value::as_array)
            .map_or(&[][..], |a| a.as_slice());
        let v2 = format == Format::V2;
        let metrics = raw_metrics
            .iter()
            .map(|m| {
                let kind = m
                    .get("kind")
                    .filter(|_| v2)
                    .and_then(Value::as_str)
                    .and_then(MetricKind::parse)
                    .unwrap_or(MetricKind::Score);
                let judges = m.get("judges").filter(|_| v2).map(|j| {
                    let drop = j.get("drop").and_then(Value::as_u64).unwrap_or(0);
                    u32::try_from(drop).unwrap_or(u32::MAX)
                });
                (kind, judges)
            })
            .collect();
        UnitRules {
            metric_ids: raw_ids(raw_metrics),
            metrics,
            tiers,
        }
    }
}

pub(super) fn units(
    r: &mut Reader,
    v: &Value,
    path: &Path,
    rules: &UnitRules,
) -> (Vec<Unit>, Vec<String>) {
    let Some(items) = r.array(v, path) else {
        return Default::default();
    };
    let mut seen: HashMap<&str, usize> = HashMap::new();
    let mut groups: Vec<String> = Vec::new();
    let mut out = Vec::with_capacity(items.len());
    for (i, item) in items.iter().enumerate() {
        let p = path.index(i);
        if let Some(u) = unit(r, item, &p, i, &mut seen, &mut groups, rules) {
            out.push(u);
        }
    }
    (out, groups)
}

/// One unit, at `p` (index `i` of the list); a group met for the first
/// time is added to `groups`.
pub(super) fn unit<'v>(
    r: &mut Reader,
    item: &'v Value,
    p: &Path,
    i: usize,
    seen: &mut impl IdSet<'v>,
    groups: &mut Vec<String>,
    rules: &UnitRules,
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
        rules,
        Amount::Target,
    );
    let actuals = amounts(
        r,
        m.get("actuals"),
        &p.key("actuals"),
        rules,
        Amount::Actual,
    );
    let decision = decision(r, m, p, rules.tiers);
    let (id, name, group, attendees, (targets, _), (actuals, marks), decision) = (
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
        marks,
        decision,
    })
}

/// Which of a unit's two maps is read.
#[derive(Clone, Copy, PartialEq)]
enum Amount {
    Target,
    Actual,
}

/// Values indexed by metric, and the judges' marks (empty when none).
type Amounts = (Vec<Option<f64>>, Vec<Option<Vec<f64>>>);

/// `targets` or `actuals`: metric id → number ≥ 0, indexed by metric; an
/// actual of a judged metric may be its marks.
fn amounts(
    r: &mut Reader,
    v: Option<&Value>,
    path: &Path,
    rules: &UnitRules,
    which: Amount,
) -> Option<Amounts> {
    let n_metrics = rules.metrics.len();
    let mut out = vec![None; n_metrics];
    let mut marks: Vec<Option<Vec<f64>>> = Vec::new();
    let Some(v) = v else {
        return Some((out, marks));
    };
    let map = r.object(v, path)?;
    let mut ok = true;
    for (key, val) in map {
        let p = path.key(key);
        let mi = rules.metric_ids.get(key.as_str()).copied();
        let (kind, judges) = mi
            .and_then(|mi| rules.metrics.get(mi).copied())
            .unwrap_or((MetricKind::Score, None));
        let number = match (val, judges, which) {
            (Value::Array(items), Some(drop), Amount::Actual) => {
                let given = read_marks(r, items, &p);
                let value = given.as_deref().map(|m| judged_mean(m, drop));
                if let (Some(mi), Some(given)) = (mi, given) {
                    marks.resize(n_metrics, None);
                    marks[mi] = Some(given);
                }
                value
            }
            (Value::Array(_), None, Amount::Actual) if mi.is_some() => {
                r.problem(
                    &p,
                    format!(
                        "expected a number ≥ 0, found an array (marks need \"judges\" on metric {})",
                        describe(&Value::from(key.as_str()))
                    ),
                );
                None
            }
            // A target above 0 is at least 1e-9: no meeting has a smaller
            // one, and the completion would overflow.
            _ if which == Amount::Target => r.target(val, &p).map(Some),
            _ => r.number(val, &p, false).map(Some),
        };
        match mi {
            Some(mi) => match number {
                Some(_) if which == Amount::Target && kind != MetricKind::Score => {
                    r.problem(
                        &p,
                        format!(
                            "a {} metric takes no target (its actual counts as it is)",
                            kind.as_str()
                        ),
                    );
                    ok = false;
                }
                Some(x) => out[mi] = x,
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
    ok.then_some((out, marks))
}

/// Judges' marks: each a number ≥ 0.
fn read_marks(r: &mut Reader, items: &[Value], path: &Path) -> Option<Vec<f64>> {
    let mut out = Vec::with_capacity(items.len());
    let mut ok = true;
    for (i, item) in items.iter().enumerate() {
        match r.number(item, &path.index(i), false) {
            Some(x) => out.push(x),
            None => ok = false,
        }
    }
    ok.then_some(out)
}

/// A unit's own card: `Some(None)` when it has none, `None` when it is invalid.
fn decision(
    r: &mut Reader,
    m: &Map<String, Value>,
    p: &Path,
    tiers: &Tiers,
) -> Option<Option<Decision>> {
    let Some(v) = m.get("card") else {
        if let Some(reason) = m.get("card_reason") {
            r.string(reason, &p.key("card_reason"))?;
        }
        return Some(None);
    };
    let card = tier_ref(r, v, &p.key("card"), tiers);
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
