//! Validation of `history`: previous meetings, oldest first, each unit's
//! rank, tier and composite. A unit no longer in the meeting is a warning,
//! not an error: units get merged and renamed, and the entry is kept.

use super::validate::Ids;

use chrono::NaiveDate;
use serde_json::Value;

use super::fields::{Path, Reader, describe};
use super::problem::Problem;
use super::snapshot::{HistoryEntry, Past, Tiers};
use super::validate_rules::tier_ref;

/// The entries, and the warnings about them; problems go to `r`.
pub(super) fn history(
    r: &mut Reader,
    v: &Value,
    path: &Path,
    unit_ids: &Ids,
    n_units: usize,
    tiers: &Tiers,
    period_to: Option<NaiveDate>,
) -> (Vec<HistoryEntry>, Vec<Problem>) {
    let mut warnings = Vec::new();
    let Some(items) = r.array(v, path) else {
        return (Vec::new(), warnings);
    };
    let mut out = Vec::with_capacity(items.len());
    // The latest `to` so far, and where it was.
    let mut latest: Option<(NaiveDate, usize)> = None;
    for (i, item) in items.iter().enumerate() {
        let p = path.index(i);
        let Some(e) = r.object(item, &p) else {
            continue;
        };
        let label = e.get("label").map(|v| r.string(v, &p.key("label")));
        let to = e.get("to").map(|v| r.date(v, &p.key("to")));
        if let Some(Some(to)) = to {
            if let Some((before, at)) = latest
                && to <= before
            {
                r.problem(
                    &p.key("to"),
                    format!("{to} is not after history[{at}].to {before}: entries go oldest first"),
                );
            }
            if let Some(end) = period_to
                && to >= end
            {
                r.problem(
                    &p.key("to"),
                    format!(
                        "{to} is not before this meeting's period (to {end}): history holds the meetings before this one"
                    ),
                );
            }
            latest = Some((to, i));
        }
        let mut units = vec![None; n_units];
        let mut ok = true;
        if let Some(v) = e.get("units") {
            let up = p.key("units");
            match r.object(v, &up) {
                Some(m) => {
                    for (id, v) in m {
                        let pp = up.key(id);
                        let past = past(r, v, &pp, tiers);
                        match (unit_ids.get(id.as_str()), past) {
                            (Some(&u), Some(past)) if u < n_units => units[u] = Some(past),
                            (_, Some(_)) => warnings.push(Problem::field(
                                pp.to_string(),
                                format!(
                                    "no unit with id {} in this meeting (the entry is kept: units get merged and renamed)",
                                    describe(&Value::from(id.as_str()))
                                ),
                            )),
                            (_, None) => ok = false,
                        }
                    }
                }
                None => ok = false,
            }
        }
        if matches!(label, Some(None)) || matches!(to, Some(None)) || !ok {
            continue;
        }
        out.push(HistoryEntry {
            label: label.flatten().map(str::to_owned),
            to: to.flatten(),
            units,
        });
    }
    (out, warnings)
}

/// One unit's standing at a previous meeting; every field optional.
fn past(r: &mut Reader, v: &Value, path: &Path, tiers: &Tiers) -> Option<Past> {
    let m = r.object(v, path)?;
    let rank = m
        .get("rank")
        .map(|v| r.integer(v, &path.key("rank"), 1, 1_000_000));
    let tier = m
        .get("tier")
        .map(|v| tier_ref(r, v, &path.key("tier"), tiers));
    let composite = m
        .get("composite")
        .map(|v| r.finite(v, &path.key("composite")));
    if matches!(rank, Some(None)) || matches!(tier, Some(None)) || matches!(composite, Some(None)) {
        return None;
    }
    Some(Past {
        rank: rank.flatten(),
        tier: tier.flatten(),
        composite: composite.flatten(),
    })
}
