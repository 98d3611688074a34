//! The validated snapshot: every reference resolved, every default applied,
//! targets and actuals indexed by metric, so that the standings engine and the
//! panes never look anything up by string or meet an invalid value.
//!
//! It is derived from the JSON document (see [`super::validate`]); the document
//! stays the record, so unknown fields survive a save untouched.

use chrono::{NaiveDate, NaiveTime};
use compact_str::CompactString;

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
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
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
}

/// A red or yellow card, or none.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Card {
    Red,
    Yellow,
    None,
}

impl Card {
    /// The snapshot's spelling: `"red"`, `"yellow"`, `"none"`.
    pub fn as_str(self) -> &'static str {
        match self {
            Card::Red => "red",
            Card::Yellow => "yellow",
            Card::None => "none",
        }
    }
    pub fn parse(s: &str) -> Option<Card> {
        match s {
            "red" => Some(Card::Red),
            "yellow" => Some(Card::Yellow),
            "none" => Some(Card::None),
            _ => None,
        }
    }
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
    /// Indexed like [`Snapshot::metrics`].
    pub actuals: Vec<Option<f64>>,
    pub decision: Option<Decision>,
}

/// How cards are given by rule.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum CardRule {
    /// Red when the composite keeps pace with time (`c ≥ red_at · p`), else yellow.
    Pace { red_at: f64 },
    /// The top `red_top` of each group red, the bottom `yellow_bottom` yellow.
    Rank { red_top: u32, yellow_bottom: u32 },
    /// Red at or above `red_min`, yellow below `yellow_below`.
    Threshold { red_min: f64, yellow_below: f64 },
}

#[derive(Debug, Clone, Copy, PartialEq)]
pub struct CardPolicy {
    pub rule: CardRule,
    pub cap: Option<f64>,
}

impl Default for CardPolicy {
    fn default() -> Self {
        CardPolicy {
            rule: CardRule::Pace { red_at: 1.0 },
            cap: None,
        }
    }
}

/// Where a project stands.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
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
    pub const ALL: [Stage; 7] = [
        Stage::Negotiating,
        Stage::Signed,
        Stage::Started,
        Stage::Completed,
        Stage::Producing,
        Stage::Stalled,
        Stage::Lost,
    ];
    pub fn as_str(self) -> &'static str {
        match self {
            Stage::Negotiating => "negotiating",
            Stage::Signed => "signed",
            Stage::Started => "started",
            Stage::Completed => "completed",
            Stage::Producing => "producing",
            Stage::Stalled => "stalled",
            Stage::Lost => "lost",
        }
    }
    pub fn parse(s: &str) -> Option<Stage> {
        Stage::ALL.into_iter().find(|st| st.as_str() == s)
    }
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

/// What the console shows during an agenda item.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Pane {
    Overview,
    Ranking,
    Seating,
    Speakers,
    Projects,
    Notes,
}

impl Pane {
    pub const ALL: [Pane; 6] = [
        Pane::Overview,
        Pane::Ranking,
        Pane::Seating,
        Pane::Speakers,
        Pane::Projects,
        Pane::Notes,
    ];
    pub fn as_str(self) -> &'static str {
        match self {
            Pane::Overview => "overview",
            Pane::Ranking => "ranking",
            Pane::Seating => "seating",
            Pane::Speakers => "speakers",
            Pane::Projects => "projects",
            Pane::Notes => "notes",
        }
    }
    pub fn parse(s: &str) -> Option<Pane> {
        Pane::ALL.into_iter().find(|p| p.as_str() == s)
    }
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

/// Language of the console's own labels.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Locale {
    ZhHans,
    En,
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
