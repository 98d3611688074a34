//! Validation of `metrics`: format v1's fields, and v2's kind (score,
//! bonus, deduction, veto), score bands and judges, against the scoring.

use crate::model::Word as _;
use std::collections::HashMap;

use serde_json::{Map, Value};

use super::fields::{Path, Reader, describe};
use super::snapshot::*;
use super::validate::{required, unique};

/// The most marks' drop a judged metric may have.
const MAX_DROP: u32 = 1000;

pub(super) fn metrics(
    r: &mut Reader,
    v: &Value,
    path: &Path,
    format: Format,
    scoring: Scoring,
) -> Vec<Metric> {
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
        let v2 = |key: &str| m.get(key).filter(|_| format == Format::V2);
        let kind = match v2("kind") {
            None => Some(MetricKind::Score),
            Some(v) => kind(r, v, &p.key("kind"), scoring),
        };
        let better = m
            .get("better")
            .map(|v| r.choice(v, &p.key("better"), &Better::words(), Better::parse))
            .unwrap_or(Some(Better::Higher));
        let scored = kind.is_none_or(|k| k == MetricKind::Score);
        let weight = m
            .get("weight")
            .map(|v| r.number(v, &p.key("weight"), false))
            .unwrap_or(Some(if scored { 1.0 } else { 0.0 }));
        if let (Some(Better::Lower), Some(w), true) = (better, weight, scored)
            && w > 0.0
        {
            let found = m.get("weight").map_or("the default 1".to_owned(), describe);
            r.problem(
                &p.key("weight"),
                format!("a \"lower\" metric must have weight 0, found {found}"),
            );
        }
        if let Some(k) = kind.filter(|_| !scored) {
            not_scored(r, m, &p, k, weight);
        }
        let score_bands = match v2("score_bands") {
            None => Some(Vec::new()),
            Some(v) => score_bands(r, v, &p.key("score_bands"), scored, scoring),
        };
        let judges = match v2("judges") {
            None => Some(None),
            Some(v) => judges(r, v, &p.key("judges")).map(Some),
        };
        if let (
            Some(id),
            Some(name),
            Some(decimals),
            Some(better),
            Some(weight),
            Some(kind),
            Some(score_bands),
            Some(judges),
        ) = (
            id,
            name,
            decimals,
            better,
            weight,
            kind,
            score_bands,
            judges,
        ) {
            out.push(Metric {
                id: id.to_owned(),
                name: name.to_owned(),
                unit: unit.unwrap_or_default().to_owned(),
                decimals: decimals as u8,
                better,
                weight,
                kind,
                score_bands,
                judges,
            });
        }
    }
    out
}

/// `kind`; anything but `score` needs points scoring.
fn kind(r: &mut Reader, v: &Value, path: &Path, scoring: Scoring) -> Option<MetricKind> {
    let kind = r.choice(v, path, &MetricKind::words(), MetricKind::parse)?;
    if kind != MetricKind::Score && scoring != Scoring::Points {
        r.problem(
            path,
            format!(
                "a {} metric needs points scoring (\"scoring\": {{\"method\": \"points\"}})",
                kind.as_str()
            ),
        );
        return None;
    }
    Some(kind)
}

/// A bonus, deduction or veto metric: no weight, and ranked its own way.
fn not_scored(
    r: &mut Reader,
    m: &Map<String, Value>,
    p: &Path,
    kind: MetricKind,
    weight: Option<f64>,
) {
    if let (Some(w), Some(v)) = (weight, m.get("weight"))
        && w > 0.0
    {
        r.problem(
            &p.key("weight"),
            format!(
                "a {} metric takes no weight (leave it out or 0), found {}",
                kind.as_str(),
                describe(v)
            ),
        );
    }
    let (wanted, order) = match kind {
        MetricKind::Bonus => ("higher", "highest first"),
        _ => ("lower", "lowest first"),
    };
    if let Some(v) = m.get("better")
        && v.as_str().is_some_and(|b| b != wanted)
    {
        r.problem(
            &p.key("better"),
            format!(
                "a {} metric ranks {order}: leave \"better\" out or make it \"{wanted}\"",
                kind.as_str()
            ),
        );
    }
}

/// `score_bands`: `[{"at_least": 1.0, "share": 1}, …]`, first match.
fn score_bands(
    r: &mut Reader,
    v: &Value,
    path: &Path,
    scored: bool,
    scoring: Scoring,
) -> Option<Vec<ScoreBand>> {
    if !scored {
        r.problem(path, "only a score metric has score_bands");
        return None;
    }
    if scoring != Scoring::Points {
        r.problem(
            path,
            "score_bands need points scoring (\"scoring\": {\"method\": \"points\"})",
        );
        return None;
    }
    let items = r.array(v, path)?;
    let mut out = Vec::with_capacity(items.len());
    let mut ok = true;
    for (i, item) in items.iter().enumerate() {
        let p = path.index(i);
        let Some(b) = r.object(item, &p) else {
            ok = false;
            continue;
        };
        let at_least =
            required(r, b, &p, "at_least").and_then(|v| r.number(v, &p.key("at_least"), false));
        let share = required(r, b, &p, "share").and_then(|v| r.number(v, &p.key("share"), false));
        match (at_least, share) {
            (Some(at_least), Some(share)) => out.push(ScoreBand { at_least, share }),
            _ => ok = false,
        }
    }
    ok.then_some(out)
}

/// `judges`: `{"drop": n}`, n ≥ 0 (default 0).
fn judges(r: &mut Reader, v: &Value, path: &Path) -> Option<u32> {
    let m = r.object(v, path)?;
    match m.get("drop") {
        None => Some(0),
        Some(v) => r.integer(v, &path.key("drop"), 0, MAX_DROP),
    }
}
