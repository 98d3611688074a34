//! A serde mirror of the snapshot file, field for field as snapshot-v1.md
//! and snapshot-v2.md name them. It gives the JSON Schema (`guotang schema`) its shape and its
//! descriptions, and lets tests write snapshots from typed values.
//!
//! The console itself reads files through [`super::validate`], which reports
//! every problem at once; this mirror is the format's documentation in code.

use std::collections::BTreeMap;

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

pub use super::snapshot::{Better, MetricKind, Pane, Stage, TierColor};
pub use crate::i18n::Locale;

const DATE: &str = r"^\d{4}-\d{2}-\d{2}$";
const ID: &str = r"^[a-z0-9_]+$";

/// A guotang snapshot: one review meeting's data (format v1 or v2; the
/// fields marked v2 need "format": "guotang/2").
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[schemars(title = "guotang snapshot (v1, v2)")]
pub struct RawSnapshot {
    /// "guotang/1" or "guotang/2"; saving keeps it.
    #[schemars(regex(pattern = r"^guotang/[12]$"))]
    pub format: String,
    pub meeting: RawMeeting,
    /// What units are judged on; at least one.
    #[schemars(length(min = 1))]
    pub metrics: Vec<RawMetric>,
    /// The units judged: towns, streets, zones, departments.
    pub units: Vec<RawUnit>,
    /// The red/yellow rule; default {"rule": "pace"}.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub cards: Option<RawCards>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub projects: Option<Vec<RawProject>>,
    /// The meeting's items, in order.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub agenda: Option<Vec<RawAgendaItem>>,
    /// The venue's red and yellow zones.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub seating: Option<RawSeating>,
    /// Language of the console's own labels; default from LANG.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub locale: Option<Locale>,
    /// v2: how the composite is made; default {"method": "ratio"}.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub scoring: Option<RawScoring>,
    /// v2: the meetings before this one, oldest first.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub history: Option<Vec<RawHistoryEntry>>,
}

/// v2: the composite as a weighted mean of completions, or a total in points.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
pub struct RawScoring {
    pub method: RawMethod,
}

#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "lowercase")]
pub enum RawMethod {
    /// Weighted mean of completions (format v1's composite).
    Ratio,
    /// Σ weight × score, + bonus, − deductions; a veto puts the unit in the veto tier.
    Points,
}

/// v2: one previous meeting.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
pub struct RawHistoryEntry {
    /// e.g. 1—3月
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub label: Option<String>,
    /// The period's end; entries go oldest first, before this meeting's period.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[schemars(regex(pattern = DATE))]
    pub to: Option<String>,
    /// Unit id → its standing then (a unit no longer in the meeting is a warning).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub units: Option<BTreeMap<String, RawPast>>,
}

/// v2: a unit's standing at a previous meeting; every field optional.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
pub struct RawPast {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[schemars(range(min = 1))]
    pub rank: Option<u32>,
    /// A tier id or "none".
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub tier: Option<RawTierRef>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub composite: Option<f64>,
}

/// The meeting itself.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
pub struct RawMeeting {
    /// e.g. 全区招商引资工作过堂会
    pub title: String,
    /// The meeting day, YYYY-MM-DD.
    #[schemars(regex(pattern = DATE))]
    pub date: String,
    /// Planned start time, HH:MM, local.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[schemars(regex(pattern = r"^\d{2}:\d{2}$"))]
    pub start: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub venue: Option<String>,
    pub period: RawPeriod,
}

/// The reporting period; time progress is the day of year of `to` ÷ days in that year.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
pub struct RawPeriod {
    /// e.g. 1—4月
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub label: Option<String>,
    /// Default: 1 January of `to`'s year.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[schemars(regex(pattern = DATE))]
    pub from: Option<String>,
    #[schemars(regex(pattern = DATE))]
    pub to: String,
}

/// A metric units are judged on.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
pub struct RawMetric {
    /// Unique; lowercase letters, digits and _.
    #[schemars(regex(pattern = r"^[a-z0-9_]+$"))]
    pub id: String,
    /// Label shown, e.g. 协议引资额.
    pub name: String,
    /// e.g. 亿元, 个, 次.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub unit: Option<String>,
    /// Display precision, default 0.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[schemars(range(min = 0, max = 6))]
    pub decimals: Option<u8>,
    /// Default "higher"; orders rankings and charts.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub better: Option<Better>,
    /// Share in the composite score, default 1; a "lower" metric must have
    /// weight 0; bonus, deduction and veto metrics take none.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[schemars(range(min = 0))]
    pub weight: Option<f64>,
    /// v2, points: what the metric contributes; default "score".
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub kind: Option<MetricKind>,
    /// v2, points, a score metric: the share of its weight a completion
    /// earns, first match (none: 0); without them the completion itself.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub score_bands: Option<Vec<RawScoreBand>>,
    /// v2: the actual may be judges' marks, averaged after dropping the
    /// `drop` highest and lowest.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub judges: Option<RawJudges>,
}

/// v2: a completion of at least `at_least` earns `share` of the weight.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
pub struct RawScoreBand {
    #[schemars(range(min = 0))]
    pub at_least: f64,
    #[schemars(range(min = 0))]
    pub share: f64,
}

/// v2: judges' marks.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
pub struct RawJudges {
    /// How many highest and lowest marks are dropped; default 0.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[schemars(range(min = 0, max = 1000))]
    pub drop: Option<u32>,
}

/// A tier id of the meeting (default "red", "yellow"), or "none".
pub type RawTierRef = String;

/// An actual: a number, or (v2, a judged metric) the judges' marks.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(untagged)]
pub enum RawActual {
    Value(f64),
    Marks(Vec<f64>),
}

/// A unit judged at the meeting.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
pub struct RawUnit {
    /// Unique.
    pub id: String,
    /// e.g. 经济开发区
    pub name: String,
    /// Units are ranked within their group (e.g. 镇街板块, 部门).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub group: Option<String>,
    /// Principal responsible person.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub leader: Option<String>,
    /// Who sits in the unit's seats; default [leader].
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub attendees: Option<Vec<String>>,
    /// Annual targets: metric id → number ≥ 0.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub targets: Option<BTreeMap<String, f64>>,
    /// Achieved so far in the period: metric id → number ≥ 0 (v2: or the
    /// judges' marks of a judged metric).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub actuals: Option<BTreeMap<String, RawActual>>,
    /// A manual decision that overrides the rule: a tier id or "none"; needs card_reason.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub card: Option<RawTierRef>,
    /// Why the unit gets its card; required whenever card is set.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub card_reason: Option<String>,
}

#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "lowercase")]
pub enum RawRule {
    /// Red when composite ≥ red_at × time progress, else yellow.
    Pace,
    /// Top red_top of each group red, bottom yellow_bottom yellow.
    Rank,
    /// Red at or above red_min, yellow below yellow_below.
    Threshold,
}

/// How tiers are given: v1's rule, or (v2) the meeting's tiers and bands.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
pub struct RawCards {
    /// v2: the meeting's tiers, best first; default red then yellow.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[schemars(length(min = 1, max = 64))]
    pub tiers: Option<Vec<RawTier>>,
    /// v2: the label of none (default 不挂牌).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub none_label: Option<String>,
    /// v2: ordered; the first whose conditions all hold gives the tier. Not with rule.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub bands: Option<Vec<RawBand>>,
    /// v2: the tier a veto puts a unit in; default the last tier.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub veto_tier: Option<RawTierRef>,
    /// v2: consequences of holding a tier several times running.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub escalations: Option<Vec<RawEscalation>>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub rule: Option<RawRule>,
    /// pace: red when composite ≥ red_at × time progress; default 1.0.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub red_at: Option<f64>,
    /// rank: ranks ≤ red_top are red (required with rule "rank").
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub red_top: Option<u32>,
    /// rank: the last yellow_bottom ranks are yellow (required with rule "rank").
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub yellow_bottom: Option<u32>,
    /// threshold: red when composite ≥ red_min (required with rule "threshold").
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub red_min: Option<f64>,
    /// threshold: yellow when composite < yellow_below (required with rule "threshold").
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub yellow_below: Option<f64>,
    /// Optional cap on each completion ratio, e.g. 1.2.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub cap: Option<f64>,
}

/// v2: one tier of the meeting.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
pub struct RawTier {
    /// Unique; not "none".
    #[schemars(regex(pattern = ID))]
    pub id: String,
    /// e.g. 绿牌, 流动红旗, 优秀
    pub label: String,
    pub color: TierColor,
}

/// v2: a band; its conditions must all hold (none: it always holds).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
pub struct RawBand {
    /// A tier id or "none".
    pub tier: RawTierRef,
    /// Composite ≥ pace × time progress (not under points).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[schemars(range(min = 0))]
    pub pace: Option<f64>,
    /// Time progress − composite ≤ lag_at_most (not under points).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[schemars(range(min = 0))]
    pub lag_at_most: Option<f64>,
    /// Composite ≥ min.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub min: Option<f64>,
    /// Rank ≤ top.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub top: Option<u32>,
    /// Rank > N − bottom (N: ranked units of the group).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub bottom: Option<u32>,
    /// true: composite ≥ the group's mean; false: below it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub above_mean: Option<bool>,
}

/// v2: e.g. {"tier": "yellow", "streak": 2, "label": "约谈"}.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
pub struct RawEscalation {
    /// A tier id or "none".
    pub tier: RawTierRef,
    /// Times running, ≥ 1.
    #[schemars(range(min = 1))]
    pub streak: u32,
    pub label: String,
}

/// A project behind the numbers.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
pub struct RawProject {
    pub id: String,
    pub name: String,
    /// A unit id.
    pub unit: String,
    /// Total investment, in the meeting's unit (亿元).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub investment: Option<f64>,
    pub stage: Stage,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[schemars(regex(pattern = DATE))]
    pub signed_on: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[schemars(regex(pattern = DATE))]
    pub started_on: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[schemars(regex(pattern = DATE))]
    pub completed_on: Option<String>,
    /// Milestone: start by (倒排工期).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[schemars(regex(pattern = DATE))]
    pub due_start: Option<String>,
    /// Milestone: complete by.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[schemars(regex(pattern = DATE))]
    pub due_complete: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub note: Option<String>,
}

/// Who speaks: by tier, by group (both in standing order) or a list of unit ids.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "lowercase")]
pub enum RawSpeakers {
    /// A tier id or "none".
    Card(RawTierRef),
    Group(String),
    Units(Vec<String>),
}

/// One item of the meeting's agenda.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
pub struct RawAgendaItem {
    /// Optional, unique among the items: edits made while someone else
    /// changes the agenda find the item by it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub id: Option<String>,
    pub title: String,
    /// What the console shows during the item.
    pub pane: Pane,
    /// Planned length; for speakers the default is minutes_each × speakers.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub minutes: Option<f64>,
    /// Who speaks, for a single-speaker item.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub speaker: Option<String>,
    /// Required with pane "speakers".
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub speakers: Option<RawSpeakers>,
    /// Each speaker's slot.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub minutes_each: Option<f64>,
    /// When the countdown turns to warning; default 1, or 20% of the slot when shorter.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub warn_minutes: Option<f64>,
    /// The presenter's outline.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub notes: Option<Vec<String>>,
}

/// The venue's zones.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
pub struct RawSeating {
    pub zones: Vec<RawZone>,
}

/// A block of seats for the units of one tier.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
pub struct RawZone {
    /// A tier id or "none".
    pub card: RawTierRef,
    /// e.g. 红区
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub label: Option<String>,
    #[schemars(range(min = 1, max = 1000))]
    pub rows: u32,
    #[schemars(range(min = 1, max = 1000))]
    pub seats_per_row: u32,
}

/// The JSON Schema of formats v1 and v2, for editors that check and complete snapshots.
pub fn schema() -> serde_json::Value {
    let schema = schemars::schema_for!(RawSnapshot);
    schema.to_value()
}
