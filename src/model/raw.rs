//! A serde mirror of the snapshot file, field for field as snapshot-v1.md
//! names them. It gives the JSON Schema (`guotang schema`) its shape and its
//! descriptions, and lets tests write snapshots from typed values.
//!
//! The console itself reads files through [`super::validate`], which reports
//! every problem at once; this mirror is the format's documentation in code.

use std::collections::BTreeMap;

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

const DATE: &str = r"^\d{4}-\d{2}-\d{2}$";

/// A guotang snapshot: one review meeting's data (format v1).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[schemars(title = "guotang snapshot v1")]
pub struct RawSnapshot {
    /// Always "guotang/1".
    #[schemars(regex(pattern = r"^guotang/1$"))]
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
    pub locale: Option<RawLocale>,
}

#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize, JsonSchema)]
pub enum RawLocale {
    #[serde(rename = "zh-Hans")]
    ZhHans,
    #[serde(rename = "en")]
    En,
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

#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "lowercase")]
pub enum RawBetter {
    Higher,
    Lower,
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
    pub better: Option<RawBetter>,
    /// Share in the composite score, default 1; a "lower" metric must have weight 0.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[schemars(range(min = 0))]
    pub weight: Option<f64>,
}

#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "lowercase")]
pub enum RawCard {
    Red,
    Yellow,
    None,
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
    /// Achieved so far in the period: metric id → number ≥ 0.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub actuals: Option<BTreeMap<String, f64>>,
    /// A manual decision that overrides the rule; needs card_reason.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub card: Option<RawCard>,
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

/// The red/yellow rule.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
pub struct RawCards {
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

#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "lowercase")]
pub enum RawStage {
    Negotiating,
    Signed,
    Started,
    Completed,
    Producing,
    Stalled,
    Lost,
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
    pub stage: RawStage,
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

#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "lowercase")]
pub enum RawPane {
    Overview,
    Ranking,
    Seating,
    Speakers,
    Projects,
    Notes,
}

/// Who speaks: by card, by group (both in standing order) or a list of unit ids.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "lowercase")]
pub enum RawSpeakers {
    Card(RawCard),
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
    pub pane: RawPane,
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

/// A block of seats for the units of one card.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
pub struct RawZone {
    pub card: RawCard,
    /// e.g. 红区
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub label: Option<String>,
    #[schemars(range(min = 1, max = 1000))]
    pub rows: u32,
    #[schemars(range(min = 1, max = 1000))]
    pub seats_per_row: u32,
}

/// The JSON Schema of format v1, for editors that check and complete snapshots.
pub fn schema() -> serde_json::Value {
    let schema = schemars::schema_for!(RawSnapshot);
    schema.to_value()
}
