//! Validation of how a meeting judges: scoring, the tiers and the bands
//! that give them (or format v1's rule), the veto tier and the
//! escalations; and, for a `guotang/1` file, the refusal of every field
//! format v2 added, so that a v1 file keeps exactly its v1 meaning.

use crate::model::Word as _;
use std::collections::{HashMap, HashSet};

use serde_json::{Map, Value};

use super::fields::{Path, Reader, describe};
use super::snapshot::*;
use super::tiers::MAX_TIERS;
use super::validate::required;

/// The fields format v2 added, by where they sit.
const V2_TOP: [&str; 2] = ["scoring", "history"];
const V2_CARDS: [&str; 5] = ["tiers", "bands", "none_label", "veto_tier", "escalations"];
pub(super) const V2_METRIC: [&str; 3] = ["kind", "score_bands", "judges"];

/// Refuses each format v2 field of a `guotang/1` file, naming it.
pub(super) fn refuse_v2_fields(r: &mut Reader, top: &Map<String, Value>) {
    let root = Path::ROOT;
    for key in V2_TOP {
        if top.contains_key(key) {
            v2_field(r, &root.key(key));
        }
    }
    if let Some(Value::Object(cards)) = top.get("cards") {
        let path = root.key("cards");
        for key in V2_CARDS {
            if cards.contains_key(key) {
                v2_field(r, &path.key(key));
            }
        }
    }
    if let Some(Value::Array(metrics)) = top.get("metrics") {
        let path = root.key("metrics");
        for (i, m) in metrics.iter().enumerate() {
            let Some(m) = m.as_object() else { continue };
            let p = path.index(i);
            for key in V2_METRIC {
                if m.contains_key(key) {
                    v2_field(r, &p.key(key));
                }
            }
        }
    }
}

fn v2_field(r: &mut Reader, path: &Path) {
    r.problem(
        path,
        "a guotang/2 field in a guotang/1 file: set \"format\": \"guotang/2\" to use it",
    );
}

/// `scoring`: `{"method": "ratio"}` (the default) or `{"method": "points"}`.
pub(super) fn scoring(r: &mut Reader, v: &Value, path: &Path) -> Scoring {
    let Some(m) = r.object(v, path) else {
        return Scoring::Ratio;
    };
    required(r, m, path, "method")
        .and_then(|v| {
            r.choice(v, &path.key("method"), &["ratio", "points"], |s| match s {
                "ratio" => Some(Scoring::Ratio),
                "points" => Some(Scoring::Points),
                _ => None,
            })
        })
        .unwrap_or_default()
}

/// A reference to a tier: one of the meeting's tier ids, or `"none"`.
pub(super) fn tier_ref(r: &mut Reader, v: &Value, path: &Path, tiers: &Tiers) -> Option<Card> {
    r.choice(v, path, &tiers.words(), |s| tiers.find(s))
}

/// `cards` (absent: the defaults), under `scoring`. After a problem with
/// the tier list, references to tiers are not checked: they would only
/// repeat it.
pub(super) fn cards(
    r: &mut Reader,
    v: Option<&Value>,
    path: &Path,
    scoring: Scoring,
    format: Format,
    warn: &mut Reader,
) -> CardPolicy {
    let empty = Map::new();
    let m = match v {
        None => &empty,
        Some(v) => match r.object(v, path) {
            Some(m) => m,
            None => {
                return CardPolicy {
                    tiers: Tiers::open(),
                    ..CardPolicy::default()
                };
            }
        },
    };
    let v2 = |key: &str| m.get(key).filter(|_| format == Format::V2);
    let none_label = v2("none_label").and_then(|v| r.text(v, &path.key("none_label")));
    let tiers = match v2("tiers") {
        Some(v) => tiers(r, v, &path.key("tiers"), none_label).unwrap_or_else(Tiers::open),
        None => Tiers::with_none_label(none_label.map(str::to_owned)),
    };
    let cap = match m.get("cap") {
        Some(v) => r.number(v, &path.key("cap"), true),
        // Points count a metric at most in full unless the file says otherwise.
        None => (scoring == Scoring::Points).then_some(1.0),
    };
    let (bands, rule) = match (m.get("rule"), v2("bands")) {
        (Some(_), Some(_)) => {
            r.problem(
                &path.key("bands"),
                "give either rule or bands, not both (rule is shorthand for bands)",
            );
            (Vec::new(), None)
        }
        (None, Some(v)) => {
            let bands = bands(r, warn, v, &path.key("bands"), &tiers, scoring);
            (bands, None)
        }
        (given, None) => {
            let own_tiers = v2("tiers").is_some();
            rule_bands(r, m, path, given.is_some(), own_tiers, scoring)
        }
    };
    let veto_tier = match v2("veto_tier") {
        Some(v) => r
            .choice(v, &path.key("veto_tier"), &tier_words(&tiers), |s| {
                tiers.find(s).filter(|c| !c.is_none())
            })
            .unwrap_or(tiers.last()),
        None => tiers.last(),
    };
    let escalations = v2("escalations")
        .map(|v| escalations(r, v, &path.key("escalations"), &tiers))
        .unwrap_or_default();
    CardPolicy {
        tiers,
        bands,
        rule,
        cap,
        veto_tier,
        escalations,
    }
}

/// The meeting's tier ids, none not included.
fn tier_words(tiers: &Tiers) -> Vec<&str> {
    tiers.cards().map(|c| tiers.id(c)).collect()
}

/// `cards.tiers`, best first.
fn tiers(r: &mut Reader, v: &Value, path: &Path, none_label: Option<&str>) -> Option<Tiers> {
    let items = r.array(v, path)?;
    if items.is_empty() {
        r.problem(path, "at least one tier is needed (best first)");
        return None;
    }
    if items.len() > MAX_TIERS {
        r.problem(
            path,
            format!("{} tiers: at most {MAX_TIERS} are allowed", items.len()),
        );
        return None;
    }
    let mut seen: HashMap<&str, usize> = HashMap::new();
    let mut out = Vec::with_capacity(items.len());
    let before = r.problems.len();
    for (i, item) in items.iter().enumerate() {
        let p = path.index(i);
        let Some(t) = r.object(item, &p) else {
            continue;
        };
        let id = required(r, t, &p, "id")
            .and_then(|v| r.text(v, &p.key("id")))
            .filter(|id| {
                let pid = p.key("id");
                if !id
                    .bytes()
                    .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'_')
                {
                    r.problem(
                        &pid,
                        format!(
                            "expected lowercase letters, digits and _ only, found {}",
                            describe(&Value::from(*id))
                        ),
                    );
                    return false;
                }
                if *id == "none" {
                    r.problem(
                        &pid,
                        "\"none\" is reserved: it is the tier of a unit no band gives one",
                    );
                    return false;
                }
                super::validate::unique(r, &mut seen, id, i, &pid, "cards.tiers")
            });
        let label = required(r, t, &p, "label").and_then(|v| r.text(v, &p.key("label")));
        let words = TierColor::words();
        let color = required(r, t, &p, "color")
            .and_then(|v| r.choice(v, &p.key("color"), &words, TierColor::parse));
        if let (Some(id), Some(label), Some(color)) = (id, label, color) {
            out.push(Tier {
                id: id.to_owned(),
                label: Some(label.to_owned()),
                color,
            });
        }
    }
    (r.problems.len() == before).then(|| Tiers::new(out, none_label.map(str::to_owned)))
}

/// Format v1's rule (`pace` when none is given) as its bands.
fn rule_bands(
    r: &mut Reader,
    m: &Map<String, Value>,
    path: &Path,
    given: bool,
    own_tiers: bool,
    scoring: Scoring,
) -> (Vec<Band>, Option<CardRule>) {
    // The rule names red and yellow: on a meeting's own tiers it could put
    // the best units in a tier called red (三亚's red is the worst).
    if own_tiers {
        let (key, message) = if given {
            (
                "rule",
                "a meeting with its own tiers gives bands: the rule names the default red and yellow",
            )
        } else {
            (
                "bands",
                "required with tiers: the default rule names the default red and yellow",
            )
        };
        r.problem(&path.key(key), message);
        return (Vec::new(), None);
    }
    let Some(rule) = rule(r, m, path) else {
        return (Vec::new(), None);
    };
    if scoring == Scoring::Points && matches!(rule, CardRule::Pace { .. }) {
        if given {
            r.problem(
                &path.key("rule"),
                "\"pace\" compares with time progress, which points scoring does not use: give bands",
            );
        } else {
            r.problem(
                &path.key("bands"),
                "required under points scoring (the default rule, pace, compares with time progress)",
            );
        }
        return (Vec::new(), None);
    }
    (rule.bands(), Some(rule))
}

/// `cards.rule` and its numbers, as format v1 reads them.
fn rule(r: &mut Reader, m: &Map<String, Value>, path: &Path) -> Option<CardRule> {
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
    match rule_word {
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
    }
}

/// The keys a band may hold besides `tier`, in the spec's order.
const CONDITIONS: [&str; 6] = ["pace", "lag_at_most", "min", "top", "bottom", "above_mean"];

/// `cards.bands`: ordered; the first whose conditions all hold gives the tier.
fn bands(
    r: &mut Reader,
    warn: &mut Reader,
    v: &Value,
    path: &Path,
    tiers: &Tiers,
    scoring: Scoring,
) -> Vec<Band> {
    let Some(items) = r.array(v, path) else {
        return Vec::new();
    };
    let mut out = Vec::with_capacity(items.len());
    for (i, item) in items.iter().enumerate() {
        let p = path.index(i);
        let Some(b) = r.object(item, &p) else {
            continue;
        };
        let tier = required(r, b, &p, "tier").and_then(|v| tier_ref(r, v, &p.key("tier"), tiers));
        let mut conditions = Vec::new();
        let mut ok = true;
        // In the file's order: explanations name them that way.
        for (key, v) in b {
            if !CONDITIONS.contains(&key.as_str()) {
                // Kept, as every unknown field is; but a misspelt condition
                // would make the band hold for everyone, unnoticed.
                if key != "tier" {
                    warn.problem(
                        &p.key(key),
                        "not a band condition (pace, lag_at_most, min, top, bottom, above_mean): it is kept but does not count",
                    );
                }
                continue;
            }
            let cp = p.key(key);
            if scoring == Scoring::Points && (key == "pace" || key == "lag_at_most") {
                r.problem(
                    &cp,
                    format!(
                        "\"{key}\" compares with time progress, which points scoring does not use"
                    ),
                );
                ok = false;
                continue;
            }
            let c = match key.as_str() {
                "pace" => r.number(v, &cp, false).map(Condition::Pace),
                "lag_at_most" => r.number(v, &cp, false).map(Condition::LagAtMost),
                "min" => r.finite(v, &cp).map(Condition::Min),
                "top" => r.integer(v, &cp, 0, 1_000_000).map(Condition::Top),
                "bottom" => r.integer(v, &cp, 0, 1_000_000).map(Condition::Bottom),
                _ => r.boolean(v, &cp).map(Condition::AboveMean),
            };
            match c {
                Some(c) => conditions.push(c),
                None => ok = false,
            }
        }
        if let (Some(tier), true) = (tier, ok) {
            out.push(Band { tier, conditions });
        }
    }
    out
}

/// `cards.escalations`: `{"tier": ID, "streak": n ≥ 1, "label": …}`.
fn escalations(r: &mut Reader, v: &Value, path: &Path, tiers: &Tiers) -> Vec<Escalation> {
    let Some(items) = r.array(v, path) else {
        return Vec::new();
    };
    let mut seen: HashSet<(Card, u32)> = HashSet::new();
    let mut out = Vec::with_capacity(items.len());
    for (i, item) in items.iter().enumerate() {
        let p = path.index(i);
        let Some(e) = r.object(item, &p) else {
            continue;
        };
        let tier = required(r, e, &p, "tier").and_then(|v| tier_ref(r, v, &p.key("tier"), tiers));
        let streak =
            required(r, e, &p, "streak").and_then(|v| r.integer(v, &p.key("streak"), 1, 1_000_000));
        let label = required(r, e, &p, "label").and_then(|v| r.text(v, &p.key("label")));
        let (Some(tier), Some(streak), Some(label)) = (tier, streak, label) else {
            continue;
        };
        if !seen.insert((tier, streak)) {
            r.problem(
                &p,
                format!(
                    "a second escalation for tier \"{}\" at streak {streak}: each streak of a tier has one",
                    tiers.id(tier)
                ),
            );
            continue;
        }
        out.push(Escalation {
            tier,
            streak,
            label: label.to_owned(),
        });
    }
    out
}
