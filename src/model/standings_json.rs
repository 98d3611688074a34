//! The machine-readable standings of snapshot-v1.md and the additions of
//! snapshot-v2.md, for other tools and tests.

use crate::model::Word as _;
use serde_json::{Map, Value, json};

use super::explain::explain;
use super::snapshot::Snapshot;
use super::standings::Standings;
use crate::i18n::Lang;

/// `guotang standings --json`: units in snapshot order, numbers not rounded.
pub fn to_json(s: &Snapshot, st: &Standings, lang: Lang) -> Value {
    let units: Vec<Value> = s
        .units
        .iter()
        .zip(&st.units)
        .enumerate()
        .map(|(i, (u, us))| {
            let metrics: Map<String, Value> = s
                .metrics
                .iter()
                .zip(&us.metrics)
                .enumerate()
                .map(|(mi, (m, ms))| {
                    let mut entry = json!({
                            "actual": ms.actual,
                            "target": ms.target,
                            "completion": ms.completion,
                            "rank": ms.rank,
                            "gap_first": ms.gap_first,
                            "gap_above": ms.gap_above,
                    });
                    if let Some(marks) = u.marks(mi) {
                        entry["marks"] = json!(marks);
                    }
                    (m.id.clone(), entry)
                })
                .collect();
            let tiers = &s.cards.tiers;
            let trend = &us.trend;
            json!({
                "id": u.id,
                "name": u.name,
                "group": u.group,
                "composite": us.composite,
                "rank": us.rank,
                "gap_first": us.gap_first,
                "gap_above": us.gap_above,
                "card": tiers.id(us.card),
                "tier_label": tiers.label(us.card, lang),
                "card_source": us.source.as_str(),
                "rule_card": tiers.id(us.rule_card),
                "veto": us.veto.map(|mi| s.metrics[mi].id.as_str()),
                "rank_change": trend.rank_change,
                "composite_change": trend.composite_change,
                "streak": trend.streak,
                "escalation": trend.escalation.map(|k| s.cards.escalations[k].label.as_str()),
                "explanation": explain(s, st, i, lang),
                "metrics": metrics,
                "projects": {
                    "counts": crate::model::Stage::all().iter().map(|stg| (stg.as_str().to_owned(), Value::from(st.pipelines[i].count(*stg)))).collect::<Map<_, _>>(),
                    "start_rate": st.pipelines[i].start_rate,
                },
            })
        })
        .collect();
    let overdue: Vec<Value> = st
        .overdue
        .iter()
        .map(|o| {
            let p = &s.projects[o.project];
            json!({
                "project": p.id.as_str(),
                "unit": s.units[p.unit].id,
                "missed": match o.missed { super::projects::Milestone::Start => "start", super::projects::Milestone::Complete => "complete" },
                "due": o.due.to_string(),
                "days_late": o.days_late,
            })
        })
        .collect();
    // Each metric's totals over every unit, exact (the console, the
    // bulletin and `check` print them rounded).
    let totals: Map<String, Value> = s
        .metrics
        .iter()
        .zip(&st.totals)
        .map(|(m, t)| {
            (
                m.id.clone(),
                json!({
                    "actual": t.actual,
                    "reported": t.reported,
                    "target": t.target,
                    "with_target": t.with_target,
                    "completion": t.target.filter(|x| *x > 0.0).map(|x| t.actual / x),
                }),
            )
        })
        .collect();
    json!({
        "format": s.format.as_str(),
        "scoring": s.scoring.as_str(),
        "time_progress": st.time_progress,
        "units": units,
        "overdue": overdue,
        "totals": totals,
    })
}
