//! The validated snapshot: every reference resolved, every default applied,
//! targets and actuals indexed by metric, so that the standings engine and the
//! panes never look anything up by string or meet an invalid value.
//!
//! It is derived from the JSON document (see [`super::validate`]); the document
//! stays the record, so unknown fields survive a save untouched.

use chrono::{NaiveDate, NaiveTime};
use compact_str::CompactString;
use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

pub use super::history::{HistoryEntry, Past};
use super::problem::Problem;
pub use super::tiers::{
    Band, Card, CardPolicy, CardRule, Condition, Escalation, Tier, TierColor, Tiers,
};

/// Which version of the format a file is written in; saving keeps it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    /// `guotang/1`: red and yellow by a rule.
    V1,
    /// `guotang/2`: the meeting's own tiers, bands, points, judges, history.
    V2,
}

impl Format {
    pub fn as_str(self) -> &'static str {
        match self {
            Format::V1 => "guotang/1",
            Format::V2 => "guotang/2",
        }
    }
    pub fn parse(s: &str) -> Option<Format> {
        [Format::V1, Format::V2]
            .into_iter()
            .find(|f| f.as_str() == s)
    }
}

/// How the composite is made.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Scoring {
    /// Weighted mean of completions (format v1's composite).
    #[default]
    Ratio,
    /// A total in points: weighted scores, plus bonus, minus deductions.
    Points,
}

impl Scoring {
    pub fn as_str(self) -> &'static str {
        match self {
            Scoring::Ratio => "ratio",
            Scoring::Points => "points",
        }
    }
}

/// A meeting's whole data set, validated.
#[derive(Debug, Clone, PartialEq)]
pub struct Snapshot {
    pub meeting: Meeting,
    pub metrics: Vec<Metric>,
    pub units: Vec<Unit>,
    /// Group names in the order they first appear in `units`.
    pub groups: Vec<String>,
    pub cards: CardPolicy,
    pub projects: Vec<Project>,
    pub agenda: Vec<AgendaItem>,
    pub seating: Vec<Zone>,
    pub locale: Option<Locale>,
    pub format: Format,
    pub scoring: Scoring,
    /// Previous meetings, oldest first.
    pub history: Vec<HistoryEntry>,
    /// What is kept but deserves a look (a history entry for a unit no
    /// longer in the meeting); the snapshot is usable.
    pub warnings: Vec<Problem>,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Meeting {
    pub title: String,
    pub date: NaiveDate,
    pub start: Option<NaiveTime>,
    pub venue: Option<String>,
    pub period: Period,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Period {
    pub label: Option<String>,
    pub from: NaiveDate,
    pub to: NaiveDate,
}

/// Which direction of a metric is good.
#[derive(
    Debug,
    Clone,
    Copy,
    PartialEq,
    Eq,
    Hash,
    Serialize,
    Deserialize,
    JsonSchema,
    strum::VariantArray,
    strum::IntoStaticStr,
    strum::EnumString,
)]
#[serde(rename_all = "lowercase")]
#[strum(serialize_all = "lowercase")]
pub enum Better {
    Higher,
    Lower,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Metric {
    pub id: String,
    pub name: String,
    pub unit: String,
    pub decimals: u8,
    pub better: Better,
    pub weight: f64,
    pub kind: MetricKind,
    /// A `score` metric's bands (points): the share of the weight a
    /// completion earns; empty: the completion itself.
    pub score_bands: Vec<ScoreBand>,
    /// Judges' marks: how many highest and lowest marks are dropped.
    pub judges: Option<u32>,
}

impl Metric {
    /// Whether a higher actual ranks first on this metric: its kind
    /// decides for bonus (higher) and deduction and veto (lower).
    pub fn higher_first(&self) -> bool {
        match self.kind {
            MetricKind::Score => self.better == Better::Higher,
            MetricKind::Bonus => true,
            MetricKind::Deduction | MetricKind::Veto => false,
        }
    }
}

/// What a metric contributes to the composite (points scoring).
#[derive(
    Debug,
    Clone,
    Copy,
    PartialEq,
    Eq,
    Hash,
    Serialize,
    Deserialize,
    JsonSchema,
    strum::VariantArray,
    strum::IntoStaticStr,
    strum::EnumString,
)]
#[serde(rename_all = "lowercase")]
#[strum(serialize_all = "lowercase")]
pub enum MetricKind {
    /// weight × score of the completion.
    Score,
    /// + the actual (加分); no target, no weight.
    Bonus,
    /// − the actual (扣分); no target, no weight.
    Deduction,
    /// An actual > 0 puts the unit in the veto tier (一票否决); no target, no weight.
    Veto,
}

/// One band of a `score` metric: a completion of at least `at_least`
/// earns `share` of the weight.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct ScoreBand {
    pub at_least: f64,
    pub share: f64,
}

/// A manual card decision, which overrides the rule.
#[derive(Debug, Clone, PartialEq)]
pub struct Decision {
    pub card: Card,
    pub reason: String,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Unit {
    pub id: String,
    pub name: String,
    pub group: String,
    /// Index into [`Snapshot::groups`].
    pub group_index: usize,
    pub leader: Option<String>,
    /// Who sits in the unit's seats: `attendees`, else the leader, else nobody.
    pub attendees: Vec<String>,
    /// Indexed like [`Snapshot::metrics`].
    pub targets: Vec<Option<f64>>,
    /// Indexed like [`Snapshot::metrics`]: the value used (for judges'
    /// marks, their mean after the drop).
    pub actuals: Vec<Option<f64>>,
    /// Indexed like [`Snapshot::metrics`]: the judges' marks as given;
    /// empty when the unit has none (see [`Unit::marks`]).
    pub marks: Vec<Option<Vec<f64>>>,
    pub decision: Option<Decision>,
}

/// Where a project stands.
#[derive(
    Debug,
    Clone,
    Copy,
    PartialEq,
    Eq,
    Hash,
    PartialOrd,
    Ord,
    Serialize,
    Deserialize,
    JsonSchema,
    strum::VariantArray,
    strum::IntoStaticStr,
    strum::EnumString,
)]
#[serde(rename_all = "lowercase")]
#[strum(serialize_all = "lowercase")]
pub enum Stage {
    Negotiating,
    Signed,
    Started,
    Completed,
    Producing,
    Stalled,
    Lost,
}

impl Stage {
    /// Its place in [`Word::all`], for counts kept in arrays.
    pub fn index(self) -> usize {
        self as usize
    }
}

#[derive(Debug, Clone, PartialEq)]
pub struct Project {
    // Up to 24 bytes held inline (an id, a name of eight Chinese
    // characters), so 100,000 projects do not cost 200,000 small blocks.
    pub id: CompactString,
    pub name: CompactString,
    /// Index into [`Snapshot::units`].
    pub unit: usize,
    pub investment: Option<f64>,
    pub stage: Stage,
    pub signed_on: Option<NaiveDate>,
    pub started_on: Option<NaiveDate>,
    pub completed_on: Option<NaiveDate>,
    pub due_start: Option<NaiveDate>,
    pub due_complete: Option<NaiveDate>,
    // Boxed, not `String`: no spare capacity field.
    pub note: Option<Box<str>>,
}

impl Project {
    /// A project with nothing in it: the place of one not yet read.
    pub(crate) fn unread() -> Project {
        Project {
            id: CompactString::const_new(""),
            name: CompactString::const_new(""),
            unit: 0,
            investment: None,
            stage: Stage::Negotiating,
            signed_on: None,
            started_on: None,
            completed_on: None,
            due_start: None,
            due_complete: None,
            note: None,
        }
    }
}

/// What the console shows during an agenda item.
#[derive(
    Debug,
    Clone,
    Copy,
    PartialEq,
    Eq,
    Hash,
    Serialize,
    Deserialize,
    JsonSchema,
    strum::VariantArray,
    strum::IntoStaticStr,
    strum::EnumString,
)]
#[serde(rename_all = "lowercase")]
#[strum(serialize_all = "lowercase")]
pub enum Pane {
    Overview,
    Ranking,
    Seating,
    Speakers,
    Projects,
    Notes,
}

/// Who speaks during a `speakers` item.
#[derive(Debug, Clone, PartialEq)]
pub enum SpeakerSelector {
    Card(Card),
    Group(String),
    /// Unit indices, in the order given.
    Units(Vec<usize>),
}

/// Minutes a speaker gets when an item gives neither `minutes_each` nor `minutes`.
pub const DEFAULT_MINUTES_EACH: f64 = 3.0;
/// Minutes an item gets when it gives no `minutes`.
pub const DEFAULT_MINUTES: f64 = 5.0;

#[derive(Debug, Clone, PartialEq)]
pub struct AgendaItem {
    /// Optional, unique: what edits replayed later (a journal, a merge) find
    /// the item by; without it, by its position and title.
    pub id: Option<String>,
    pub title: String,
    pub pane: Pane,
    pub minutes: Option<f64>,
    pub speaker: Option<String>,
    pub speakers: Option<SpeakerSelector>,
    pub minutes_each: Option<f64>,
    pub warn_minutes: Option<f64>,
    pub notes: Vec<String>,
}

impl AgendaItem {
    /// Planned minutes per speaker, for a `speakers` item with `n` speakers.
    pub fn slot_minutes(&self, n: usize) -> f64 {
        match (self.minutes_each, self.minutes) {
            (Some(each), _) => each,
            (None, Some(total)) if n > 0 => total / n as f64,
            _ => DEFAULT_MINUTES_EACH,
        }
    }

    /// Planned length of the item; `speakers` is the number of speakers it has.
    pub fn planned_minutes(&self, speakers: usize) -> f64 {
        match self.minutes {
            Some(m) => m,
            None if self.pane == Pane::Speakers => self.slot_minutes(speakers) * speakers as f64,
            None => DEFAULT_MINUTES,
        }
    }

    /// When a countdown of `slot` minutes turns to warning: `warn_minutes`, else
    /// one minute, or 20% of the slot when that is shorter.
    pub fn warn_at(&self, slot: f64) -> f64 {
        self.warn_minutes.unwrap_or_else(|| (0.2 * slot).min(1.0))
    }
}

/// A seating zone of the venue.
#[derive(Debug, Clone, PartialEq)]
pub struct Zone {
    pub card: Card,
    pub label: String,
    pub rows: u32,
    pub seats_per_row: u32,
}

/// Language of the console's own labels (declared with the languages, which
/// every layer uses).
pub use crate::i18n::Locale;

impl Unit {
    /// The judges' marks given for metric `mi`, if any.
    pub fn marks(&self, mi: usize) -> Option<&[f64]> {
        self.marks.get(mi).and_then(|m| m.as_deref())
    }
}

/// The value judges' marks give: their mean after removing the `drop`
/// highest and the `drop` lowest, when more than 2·drop marks are given
/// (otherwise the plain mean); no marks, no value.
pub fn judged_mean(marks: &[f64], drop: u32) -> Option<f64> {
    if marks.is_empty() {
        return None;
    }
    let mut sorted = marks.to_vec();
    sorted.sort_by(f64::total_cmp);
    let d = usize::try_from(drop).unwrap_or(usize::MAX);
    let kept = match sorted.len().checked_sub(d.saturating_mul(2)) {
        Some(left) if left > 0 => &sorted[d..d + left],
        _ => &sorted[..],
    };
    super::standings::mean(kept)
}

/// Which of `marks` the drop removes, as [`judged_mean`] removes them:
/// the `drop` lowest and the `drop` highest when more than 2·drop marks
/// are given (of equal marks, the first given), none otherwise.
pub fn dropped_marks(marks: &[f64], drop: u32) -> Vec<bool> {
    let mut out = vec![false; marks.len()];
    let d = usize::try_from(drop).unwrap_or(usize::MAX);
    if d == 0 || marks.len() <= d.saturating_mul(2) {
        return out;
    }
    let mut order: Vec<usize> = (0..marks.len()).collect();
    // Stable: of equal marks the first given goes first.
    order.sort_by(|&a, &b| marks[a].total_cmp(&marks[b]));
    for &k in order[..d].iter().chain(&order[marks.len() - d..]) {
        out[k] = true;
    }
    out
}

impl Snapshot {
    /// Index of the unit with this id.
    pub fn unit_index(&self, id: &str) -> Option<usize> {
        self.units.iter().position(|u| u.id == id)
    }
    /// Index of the metric with this id.
    pub fn metric_index(&self, id: &str) -> Option<usize> {
        self.metrics.iter().position(|m| m.id == id)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn judges_marks_drop_the_highest_and_lowest_only_when_enough_are_given() {
        assert_eq!(
            judged_mean(&[88.0, 92.0, 90.5, 70.0, 95.0], 1),
            Some(270.5 / 3.0)
        );
        // Two marks and a drop of one: the plain mean.
        assert_eq!(judged_mean(&[91.0, 85.0], 1), Some(88.0));
        assert_eq!(judged_mean(&[80.0, 90.0, 100.0], 1), Some(90.0));
        assert_eq!(judged_mean(&[80.0, 90.0], 0), Some(85.0));
        assert_eq!(judged_mean(&[], 1), None);
        // The marks dropped are those the mean leaves out.
        let marks = [88.0, 92.0, 90.5, 70.0, 95.0];
        let dropped = dropped_marks(&marks, 1);
        assert_eq!(dropped, [false, false, false, true, true]);
        let kept: Vec<f64> = marks
            .iter()
            .zip(&dropped)
            .filter(|(_, d)| !**d)
            .map(|(m, _)| *m)
            .collect();
        assert_eq!(super::super::standings::mean(&kept), judged_mean(&marks, 1));
        assert_eq!(dropped_marks(&[91.0, 85.0], 1), [false, false]);
        assert_eq!(dropped_marks(&[80.0, 80.0, 80.0], 1), [true, false, true]);
        // Marks too large to add up still give their mean.
        assert_eq!(judged_mean(&[f64::MAX, f64::MAX], 0), Some(f64::MAX));
    }
}
