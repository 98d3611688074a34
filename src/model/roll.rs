//! The next meeting's snapshot from this one (`guotang roll`): this
//! meeting's standings appended to `history`, the period moved to its new
//! end, decisions removed, everything else kept as it is, unknown fields
//! included. Pure: the caller reads the file and writes the result.

use chrono::{Datelike, NaiveDate};
use serde_json::{Map, Value, json};

use super::snapshot::Format;
use super::standings::Standings;
use super::{Document, Problems};

/// What a roll did, for the secretary.
#[derive(Debug, Clone)]
pub struct Rolled {
    /// The next meeting, validated.
    pub doc: Document,
    /// The history entry appended: its label and end.
    pub label: Option<String>,
    pub to: NaiveDate,
    /// How many units the entry holds.
    pub units: usize,
    /// The units whose decision was removed, by id.
    pub cleared: Vec<String>,
    /// The period's start, when it moved to 1 January of the new end's year.
    pub from_moved: Option<NaiveDate>,
    /// Whether the file was `guotang/1` and the next one is `guotang/2`
    /// (history is a v2 field).
    pub upgraded: bool,
    /// Whether the period's label was removed (no `--label` given).
    pub label_removed: bool,
}

/// Why a roll was refused; nothing is written.
#[derive(Debug, Clone, PartialEq, thiserror::Error)]
pub enum RollError {
    /// The history already holds this meeting's period.
    #[error("history[{index}] already holds this meeting's period ({what}): it was rolled before")]
    Duplicate { index: usize, what: String },
    /// The new end is not after the current one.
    #[error("--to {to} is not after this meeting's period end {end}: the next period ends later")]
    NotAfter { to: NaiveDate, end: NaiveDate },
    /// The result would not be a usable snapshot (should not happen on a valid file).
    #[error("the next meeting would not be a usable snapshot:\n{0}")]
    Invalid(Problems),
}

/// Rolls `doc`, whose standings are `st`, to a period ending `to`,
/// labelled `label` when given.
pub fn roll(
    doc: &Document,
    st: &Standings,
    to: NaiveDate,
    label: Option<&str>,
) -> Result<Rolled, RollError> {
    let s = &doc.snapshot;
    let period = &s.meeting.period;
    if to <= period.to {
        return Err(RollError::NotAfter { to, end: period.to });
    }
    for (index, entry) in s.history.iter().enumerate() {
        let same_label = entry.label.is_some() && entry.label == period.label;
        if entry.to == Some(period.to) || same_label {
            let what = match (&entry.label, entry.to) {
                (Some(l), Some(d)) => format!("{}, to {d}", crate::sanitize::one_line(l)),
                (Some(l), None) => crate::sanitize::one_line(l).into_owned(),
                (None, Some(d)) => format!("to {d}"),
                (None, None) => String::new(),
            };
            return Err(RollError::Duplicate { index, what });
        }
    }

    let tiers = &s.cards.tiers;
    let mut units = Map::new();
    for (u, us) in s.units.iter().zip(&st.units) {
        let mut past = Map::new();
        if let Some(rank) = us.rank {
            past.insert("rank".into(), json!(rank));
        }
        past.insert("tier".into(), json!(tiers.id(us.card)));
        if let Some(c) = us.composite {
            past.insert("composite".into(), json!(c));
        }
        units.insert(u.id.clone(), Value::Object(past));
    }
    let mut entry = Map::new();
    if let Some(l) = &period.label {
        entry.insert("label".into(), json!(l));
    }
    entry.insert("to".into(), json!(period.to.to_string()));
    entry.insert("units".into(), Value::Object(units));

    let mut next = doc.json.to_value();
    let mut cleared = Vec::new();
    let mut from_moved = None;
    let upgraded = s.format == Format::V1;
    let label_removed = label.is_none() && period.label.is_some();
    if let Value::Object(top) = &mut next {
        if upgraded {
            top.insert("format".into(), json!(Format::V2.as_str()));
        }
        match top.get_mut("history") {
            Some(Value::Array(list)) => list.push(Value::Object(entry)),
            _ => {
                top.insert("history".into(), Value::Array(vec![Value::Object(entry)]));
            }
        }
        if let Some(Value::Object(p)) = top.get_mut("meeting").and_then(|m| m.get_mut("period")) {
            p.insert("to".into(), json!(to.to_string()));
            match label {
                Some(l) => {
                    p.insert("label".into(), json!(l));
                }
                None => {
                    p.remove("label");
                }
            }
            // A period runs within one year: time progress is the day of the year.
            if p.contains_key("from") && period.from.year() != to.year() {
                let jan1 = to.with_ordinal(1).unwrap_or(to);
                p.insert("from".into(), json!(jan1.to_string()));
                from_moved = Some(jan1);
            }
        }
        if let Some(Value::Array(list)) = top.get_mut("units") {
            for u in list.iter_mut().filter_map(Value::as_object_mut) {
                let had = u.remove("card").is_some();
                u.remove("card_reason");
                if had && let Some(id) = u.get("id").and_then(Value::as_str) {
                    cleared.push(id.to_owned());
                }
            }
        }
    }
    let doc = Document::from_json(next).map_err(RollError::Invalid)?;
    Ok(Rolled {
        doc,
        label: period.label.clone(),
        to: period.to,
        units: s.units.len(),
        cleared,
        from_moved,
        upgraded,
        label_removed,
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{self, DEMO};

    fn date(s: &str) -> NaiveDate {
        model::fields::parse_date(s).unwrap()
    }

    #[test]
    fn the_demo_rolls_into_a_v2_meeting_with_its_standings_as_history() {
        let doc = Document::from_bytes(DEMO.as_bytes()).unwrap();
        let st = model::compute(&doc.snapshot);
        let r = roll(&doc, &st, date("2026-05-31"), Some("1—5月")).unwrap();
        let s = &r.doc.snapshot;
        assert!(r.upgraded);
        assert_eq!(s.format, Format::V2);
        assert_eq!(s.meeting.period.to, date("2026-05-31"));
        assert_eq!(s.meeting.period.label.as_deref(), Some("1—5月"));
        assert_eq!(s.history.len(), 1);
        assert_eq!(s.history[0].label.as_deref(), Some("1—4月"));
        assert!(s.units.iter().all(|u| u.decision.is_none()));
        assert!(!r.cleared.is_empty());
        // The entry holds this meeting's standings, unit by unit.
        for (i, us) in st.units.iter().enumerate() {
            let past = s.history[0].units[i].unwrap();
            assert_eq!(past.rank, us.rank);
            assert_eq!(past.tier, Some(us.card));
            assert_eq!(past.composite, us.composite);
        }
        // Everything else is kept: a second roll of the same meeting is refused.
        let st2 = model::compute(s);
        let again = roll(&r.doc, &st2, date("2026-05-31"), None);
        assert!(matches!(again, Err(RollError::NotAfter { .. })));
    }

    #[test]
    fn a_period_already_in_history_is_refused_by_name() {
        let mut v: Value = serde_json::from_str(DEMO).unwrap();
        v["format"] = json!("guotang/2");
        v["history"] = json!([{"label": "1—4月", "to": "2026-03-31"}]);
        let doc = Document::from_json(v).unwrap();
        let st = model::compute(&doc.snapshot);
        let err = roll(&doc, &st, date("2026-05-31"), None).unwrap_err();
        assert_eq!(
            err.to_string(),
            "history[0] already holds this meeting's period (1—4月, to 2026-03-31): it was rolled before"
        );
    }

    #[test]
    fn a_new_year_moves_the_start_of_the_period() {
        let mut v: Value = serde_json::from_str(DEMO).unwrap();
        v["meeting"]["period"] = json!({"label": "全年", "from": "2026-01-01", "to": "2026-12-31"});
        let doc = Document::from_json(v).unwrap();
        let st = model::compute(&doc.snapshot);
        let r = roll(&doc, &st, date("2027-01-31"), None).unwrap();
        assert_eq!(r.from_moved, Some(date("2027-01-01")));
        assert!(r.label_removed);
        assert_eq!(r.doc.snapshot.meeting.period.label, None);
    }
}
