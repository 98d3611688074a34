//! What the editor's sheets hold: for every sheet its rows, its columns and,
//! for each cell, the text shown, how it is edited and the place in the
//! snapshot it writes. Pure: the pane draws these cells, the editor edits
//! them, and both ask here, so what is shown is what is written.

use crate::model::Word as _;
use std::sync::Arc;

use crate::app::Derived;
use crate::i18n::{Lang, pct};
use crate::model::edit::{EditPath, Step};
use crate::model::{Card, Pane, Snapshot, SpeakerSelector, Stage};
use crate::words::edit_labels as el;
use crate::words::labels;
use crate::words::tier_io_labels as tl;

/// A marks cell's width: five marks of four figures (more are cut with an
/// ellipsis; the field line shows them all).
const MARKS_WIDTH: usize = 24;

/// The editor's sheets, in tab order.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Sheet {
    /// Units × metrics: targets and actuals.
    #[default]
    Numbers,
    Projects,
    /// Each unit's card decision and its reason.
    Cards,
    Agenda,
    Meeting,
    /// Read-only: each unit's ranks and tiers across the previous periods.
    History,
}

impl Sheet {
    pub const ALL: [Sheet; 6] = [
        Sheet::Numbers,
        Sheet::Projects,
        Sheet::Cards,
        Sheet::Agenda,
        Sheet::Meeting,
        Sheet::History,
    ];
    pub fn index(self) -> usize {
        Sheet::ALL.iter().position(|s| *s == self).unwrap_or(0)
    }
    pub fn title(self, lang: Lang) -> &'static str {
        match self {
            Sheet::Numbers => el::SHEET_NUMBERS.get(lang),
            Sheet::Projects => el::SHEET_PROJECTS.get(lang),
            Sheet::Cards => el::SHEET_CARDS.get(lang),
            Sheet::Agenda => el::SHEET_AGENDA.get(lang),
            Sheet::Meeting => el::SHEET_MEETING.get(lang),
            Sheet::History => tl::SHEET_HISTORY.get(lang),
        }
    }
    /// Whether rows can be added and removed here.
    pub fn has_row_ops(self) -> bool {
        matches!(self, Sheet::Projects | Sheet::Agenda)
    }
}

/// How a cell is edited (and checked as the secretary types).
#[derive(Debug, Clone, PartialEq)]
pub enum Kind {
    /// Computed or an id: shown, never edited here.
    ReadOnly,
    /// A number ≥ 0; empty removes it when `optional`.
    Number { optional: bool },
    /// A number > 0 (minutes); empty removes it.
    Minutes,
    /// Judges' marks, numbers ≥ 0 in one cell (`88 92 90.5`), written as
    /// a list; empty removes them. A pasted row of one column per judge
    /// lands here whole.
    Marks,
    /// `YYYY-MM-DD`; empty removes it when `optional`.
    Date { optional: bool },
    /// `HH:MM`, optional.
    Time,
    /// Free text; `required` refuses an empty one.
    Text { required: bool },
    /// One of fixed words; the word `""` (shown as —) removes the field.
    /// Shared: a unit's choice lists every unit, and the grid asks for
    /// every visible cell each frame (see [`Derived::unit_choices`]).
    Choice(Arc<[Word]>),
    /// An agenda item's speaker selection: `card:red`, `group:部门`, `units:a,b`.
    Speakers,
}

impl Kind {
    pub fn editable(&self) -> bool {
        !matches!(self, Kind::ReadOnly)
    }
    /// Numbers sit right in their column.
    pub fn right_aligned(&self) -> bool {
        matches!(self, Kind::Number { .. } | Kind::Minutes)
    }
}

/// A word a choice cell can hold, and how the meeting says it.
#[derive(Debug, Clone, PartialEq)]
pub struct Word {
    /// As written in the snapshot.
    pub value: String,
    /// As shown.
    pub label: String,
}

impl Word {
    pub(crate) fn new(value: impl Into<String>, label: impl Into<String>) -> Word {
        Word {
            value: value.into(),
            label: label.into(),
        }
    }
}

/// The label of `value` among `words` (the value itself if it has none).
fn label_of(words: &[Word], value: &str) -> String {
    words
        .iter()
        .find(|w| w.value == value)
        .map_or_else(|| value.to_owned(), |w| w.label.clone())
}

/// How a cell looks beyond its text.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Tone {
    Plain,
    Muted,
    Card(Card),
}

/// One cell of a sheet.
#[derive(Debug, Clone, PartialEq)]
pub struct Cell {
    /// As shown (and as the field starts when the cell is opened).
    pub text: String,
    pub kind: Kind,
    /// Where an edit writes; `None` for read-only cells.
    pub path: Option<EditPath>,
    pub tone: Tone,
}

impl Cell {
    fn shown(text: String, tone: Tone) -> Cell {
        Cell {
            text,
            kind: Kind::ReadOnly,
            path: None,
            tone,
        }
    }
    fn edit(text: String, kind: Kind, path: EditPath) -> Cell {
        Cell {
            text,
            kind,
            path: Some(path),
            tone: Tone::Plain,
        }
    }
}

/// A column's heading and the width it asks for (terminal columns).
#[derive(Debug, Clone, PartialEq)]
pub struct Column {
    pub head: String,
    /// A heading over several columns (a metric over its target and actual).
    pub group: Option<String>,
    pub width: usize,
}

fn col(head: impl Into<String>, width: usize) -> Column {
    Column {
        head: head.into(),
        group: None,
        width,
    }
}

/// The number of rows of a sheet.
pub fn rows(s: &Snapshot, sheet: Sheet) -> usize {
    match sheet {
        Sheet::Numbers | Sheet::Cards | Sheet::History => s.units.len(),
        Sheet::Projects => s.projects.len(),
        Sheet::Agenda => s.agenda.len(),
        Sheet::Meeting => MEETING_FIELDS.len(),
    }
}

/// The columns of a sheet; the first is the row's name and stays in view
/// while the others scroll.
pub fn columns(s: &Snapshot, derived: &Derived, sheet: Sheet, lang: Lang) -> Vec<Column> {
    match sheet {
        Sheet::Numbers => {
            let mut c = vec![
                col(el::UNIT.get(lang), 16),
                col(el::COMPOSITE.get(lang), 8),
                col(el::RANK.get(lang), 4),
                col(
                    if s.cards.tiers.is_default() {
                        el::CARD.get(lang)
                    } else {
                        tl::TIER.get(lang)
                    },
                    card_width(s, lang),
                ),
            ];
            for m in &s.metrics {
                let group = if m.unit.is_empty() {
                    m.name.clone()
                } else {
                    format!("{}{}", m.name, lang.paren(&m.unit))
                };
                let actual = match m.judges {
                    Some(_) => col(tl::MARKS.get(lang), MARKS_WIDTH),
                    None => col(el::ACTUAL.get(lang), 10),
                };
                for c1 in [col(el::TARGET.get(lang), 10), actual] {
                    c.push(Column {
                        group: Some(group.clone()),
                        ..c1
                    });
                }
            }
            c
        }
        Sheet::Projects => vec![
            col(el::PROJECT.get(lang), 20),
            col("id", derived.frames.project_id_width),
            col(el::UNIT.get(lang), 10),
            col(el::STAGE.get(lang), 10),
            col(el::INVESTMENT.get(lang), 8),
            col(el::SIGNED_ON.get(lang), 10),
            col(el::STARTED_ON.get(lang), 10),
            col(el::COMPLETED_ON.get(lang), 10),
            col(el::DUE_START.get(lang), 10),
            col(el::DUE_COMPLETE.get(lang), 10),
            col(el::NOTE.get(lang), 24),
        ],
        Sheet::Cards => vec![
            col(el::UNIT.get(lang), 16),
            col(el::COMPOSITE.get(lang), 8),
            col(el::RULE_CARD.get(lang), card_width(s, lang)),
            col(el::DECISION.get(lang), card_width(s, lang)),
            col(el::REASON.get(lang), 40),
        ],
        Sheet::Agenda => vec![
            col(el::ITEM_TITLE.get(lang), 24),
            col(el::PANE.get(lang), 9),
            col(el::MINUTES.get(lang), 6),
            col(el::SPEAKER.get(lang), 10),
            col(el::SPEAKERS.get(lang), 16),
            col(el::MINUTES_EACH.get(lang), 8),
            col(el::WARN.get(lang), 8),
        ],
        Sheet::Meeting => vec![col(el::FIELD.get(lang), 14), col(el::VALUE.get(lang), 40)],
        Sheet::History => {
            // A rank and a tier: `12 流动黄旗`.
            let w = card_width(s, lang) + 3;
            let mut c = vec![col(el::UNIT.get(lang), 16)];
            for (k, e) in s.history.iter().enumerate() {
                c.push(col(period_label(e.label.as_deref(), e.to, k), w));
            }
            let now = s.meeting.period.label.clone();
            c.push(col(now.unwrap_or_else(|| tl::NOW.get(lang).to_owned()), w));
            c.push(col(tl::RANK_CHANGE.get(lang), 8));
            c
        }
    }
}

/// Room for the longest project id (a secretary types ids from it), 6 to
/// 12 columns. Bytes, not columns: exact for the usual ASCII ids. A scan
/// of 100,000 lengths took a fifth of a frame: measured once per data
/// change ([`crate::app::frames::Frames`]).
pub(crate) fn id_width(s: &Snapshot) -> usize {
    s.projects
        .iter()
        .map(|p| p.id.len())
        .max()
        .unwrap_or(0)
        .clamp(6, 12)
}

/// Room for the widest of the meeting's tier labels (none included),
/// 6 to 16 columns: a long label is cut rather than crowd out the figures.
fn card_width(s: &Snapshot, lang: Lang) -> usize {
    let tiers = &s.cards.tiers;
    tiers
        .cards_and_none()
        .map(|c| crate::text::width(tiers.label(c, lang)))
        .max()
        .unwrap_or(6)
        .clamp(6, 16)
}

/// A tier's label as the meeting says it (a file's label as it is written;
/// the grid sanitises what it draws).
fn tier_label(s: &Snapshot, card: Card, lang: Lang) -> String {
    s.cards.tiers.label(card, lang).to_owned()
}

fn key(k: &str) -> Step {
    Step::Key(k.to_owned())
}
fn id(i: &str) -> Step {
    Step::Id { id: i.to_owned() }
}

/// A number as the secretary typed it: no trailing `.0`, never rounded.
pub fn number_text(x: Option<f64>) -> String {
    x.map_or_else(String::new, |x| format!("{x}"))
}

/// Judges' marks as the secretary types them (`88 92 90.5`); a plain
/// figure given instead of marks as itself.
pub fn marks_text(marks: Option<&[f64]>, value: Option<f64>) -> String {
    match marks {
        Some(list) => list
            .iter()
            .map(|&x| number_text(Some(x)))
            .collect::<Vec<_>>()
            .join(" "),
        None => number_text(value),
    }
}

fn date_text(d: Option<chrono::NaiveDate>) -> String {
    d.map_or_else(String::new, |d| d.format("%Y-%m-%d").to_string())
}

/// The cell at (`row`, `col`) of a sheet; `None` outside it.
pub fn cell(
    s: &Snapshot,
    d: &Derived,
    sheet: Sheet,
    row: usize,
    col: usize,
    lang: Lang,
) -> Option<Cell> {
    match sheet {
        Sheet::Numbers => numbers_cell(s, d, row, col, lang),
        Sheet::Projects => project_cell(s, d, row, col, lang),
        Sheet::Cards => cards_cell(s, d, row, col, lang),
        Sheet::Agenda => agenda_cell(s, row, col, lang),
        Sheet::Meeting => meeting_cell(s, row, col, lang),
        Sheet::History => history_cell(s, d, row, col, lang),
    }
}

/// A previous period's name: its label, else the day it ended, else its place.
fn period_label(label: Option<&str>, to: Option<chrono::NaiveDate>, k: usize) -> String {
    label
        .map(str::to_owned)
        .or_else(|| to.map(|d| date_text(Some(d))))
        .unwrap_or_else(|| format!("#{}", k + 1))
}

/// `3 红牌`: a rank and a tier as the history sheet shows them.
fn rank_and_tier(s: &Snapshot, rank: Option<u32>, tier: Option<Card>, lang: Lang) -> String {
    let rank = rank.map_or_else(|| "—".to_owned(), |r| r.to_string());
    match tier {
        Some(t) => format!("{rank} {}", s.cards.tiers.label(t, lang)),
        None => rank,
    }
}

fn history_cell(s: &Snapshot, d: &Derived, row: usize, col: usize, lang: Lang) -> Option<Cell> {
    let u = s.units.get(row)?;
    let st = d.standings.units.get(row)?;
    let n = s.history.len();
    let tone = |t: Option<Card>| t.map_or(Tone::Muted, Tone::Card);
    match col {
        0 => Some(Cell::shown(u.name.clone(), Tone::Plain)),
        c if c <= n => {
            let past = s.history.get(c - 1)?.units.get(row).copied().flatten();
            Some(match past {
                Some(p) => Cell::shown(rank_and_tier(s, p.rank, p.tier, lang), tone(p.tier)),
                None => Cell::shown("—".to_owned(), Tone::Muted),
            })
        }
        c if c == n + 1 => Some(Cell::shown(
            rank_and_tier(s, st.rank, Some(st.card), lang),
            Tone::Card(st.card),
        )),
        c if c == n + 2 => Some(Cell::shown(
            // Without a previous meeting every unit would say 新: nothing to say.
            match st.rank {
                _ if n == 0 => String::new(),
                Some(_) => crate::words::tier_labels::rank_change(st.trend.rank_change, lang),
                None => "—".to_owned(),
            },
            Tone::Plain,
        )),
        _ => None,
    }
}

/// A unit's composite as the meeting states it: a percentage, or 分 under points.
fn composite_text(s: &Snapshot, d: &Derived, row: usize, lang: Lang) -> String {
    let c = d.standings.units.get(row).and_then(|u| u.composite);
    match (c, s.scoring) {
        (None, _) => "—".to_owned(),
        (Some(c), crate::model::Scoring::Ratio) => pct(c),
        (Some(c), crate::model::Scoring::Points) => {
            format!("{}{}", crate::i18n::num(c, 1), lang.pick("分", ""))
        }
    }
}

fn numbers_cell(s: &Snapshot, d: &Derived, row: usize, col: usize, lang: Lang) -> Option<Cell> {
    let u = s.units.get(row)?;
    let st = d.standings.units.get(row)?;
    match col {
        0 => Some(Cell::edit(
            u.name.clone(),
            Kind::Text { required: true },
            EditPath(vec![key("units"), id(&u.id), key("name")]),
        )),
        1 => Some(Cell::shown(composite_text(s, d, row, lang), Tone::Muted)),
        2 => Some(Cell::shown(
            st.rank.map_or_else(|| "—".to_owned(), |r| r.to_string()),
            Tone::Muted,
        )),
        3 => Some(Cell::shown(
            tier_label(s, st.card, lang),
            Tone::Card(st.card),
        )),
        c => {
            let m = (c - 4) / 2;
            let metric = s.metrics.get(m)?;
            let at =
                |field: &str| EditPath(vec![key("units"), id(&u.id), key(field), key(&metric.id)]);
            if (c - 4) % 2 == 0 {
                let value = u.targets.get(m).copied().flatten();
                return Some(Cell::edit(
                    number_text(value),
                    Kind::Number { optional: true },
                    at("targets"),
                ));
            }
            let value = u.actuals.get(m).copied().flatten();
            Some(match metric.judges {
                Some(_) => Cell::edit(marks_text(u.marks(m), value), Kind::Marks, at("actuals")),
                None => Cell::edit(
                    number_text(value),
                    Kind::Number { optional: true },
                    at("actuals"),
                ),
            })
        }
    }
}

fn project_cell(s: &Snapshot, d: &Derived, row: usize, col: usize, lang: Lang) -> Option<Cell> {
    let p = s.projects.get(row)?;
    let at = |field: &str| EditPath(vec![key("projects"), id(&p.id), key(field)]);
    let date = |field: &str, v| {
        Some(Cell::edit(
            date_text(v),
            Kind::Date { optional: true },
            at(field),
        ))
    };
    match col {
        0 => Some(Cell::edit(
            p.name.to_string(),
            Kind::Text { required: true },
            at("name"),
        )),
        1 => Some(Cell::shown(p.id.to_string(), Tone::Muted)),
        2 => Some(Cell::edit(
            s.units
                .get(p.unit)
                .map_or_else(String::new, |u| u.name.clone()),
            Kind::Choice(Arc::clone(&d.unit_choices)),
            at("unit"),
        )),
        3 => Some(Cell::edit(
            labels::stage(p.stage, lang).to_owned(),
            Kind::Choice(
                Stage::all()
                    .iter()
                    .map(|&st| Word::new(st.as_str(), labels::stage(st, lang)))
                    .collect::<Vec<_>>()
                    .into(),
            ),
            at("stage"),
        )),
        4 => Some(Cell::edit(
            number_text(p.investment),
            Kind::Number { optional: true },
            at("investment"),
        )),
        5 => date("signed_on", p.signed_on),
        6 => date("started_on", p.started_on),
        7 => date("completed_on", p.completed_on),
        8 => date("due_start", p.due_start),
        9 => date("due_complete", p.due_complete),
        10 => Some(Cell::edit(
            p.note.as_deref().unwrap_or_default().to_owned(),
            Kind::Text { required: false },
            at("note"),
        )),
        _ => None,
    }
}

/// The words a decision can be: the meeting's tiers best first, then
/// none, after `""` (no decision: the rule decides).
pub fn decision_choices(s: &Snapshot, lang: Lang) -> Vec<Word> {
    let tiers = &s.cards.tiers;
    let mut words = vec![Word::new("", "—")];
    for c in tiers.cards_and_none() {
        words.push(Word::new(tiers.id(c), tiers.label(c, lang)));
    }
    words
}

fn cards_cell(s: &Snapshot, d: &Derived, row: usize, col: usize, lang: Lang) -> Option<Cell> {
    let u = s.units.get(row)?;
    let st = d.standings.units.get(row)?;
    let at = |field: &str| EditPath(vec![key("units"), id(&u.id), key(field)]);
    match col {
        0 => Some(Cell::shown(u.name.clone(), Tone::Plain)),
        1 => Some(Cell::shown(composite_text(s, d, row, lang), Tone::Muted)),
        2 => Some(Cell::shown(
            tier_label(s, st.rule_card, lang),
            Tone::Card(st.rule_card),
        )),
        3 => {
            let card = u.decision.as_ref().map(|d| d.card);
            let words = decision_choices(s, lang);
            Some(Cell {
                tone: card.map_or(Tone::Muted, Tone::Card),
                ..Cell::edit(
                    card.map_or_else(String::new, |c| label_of(&words, s.cards.tiers.id(c))),
                    Kind::Choice(words.into()),
                    at("card"),
                )
            })
        }
        4 => Some(Cell::edit(
            u.decision
                .as_ref()
                .map(|d| d.reason.clone())
                .unwrap_or_default(),
            Kind::Text { required: false },
            at("card_reason"),
        )),
        _ => None,
    }
}

/// How a speaker selection is written in its cell.
pub fn speakers_text(s: &Snapshot, sel: Option<&SpeakerSelector>) -> String {
    match sel {
        None => String::new(),
        Some(SpeakerSelector::Card(c)) => format!("card:{}", s.cards.tiers.id(*c)),
        Some(SpeakerSelector::Group(g)) => format!("group:{g}"),
        Some(SpeakerSelector::Units(us)) => {
            let ids: Vec<&str> = us
                .iter()
                .filter_map(|&i| s.units.get(i).map(|u| u.id.as_str()))
                .collect();
            format!("units:{}", ids.join(","))
        }
    }
}

fn agenda_cell(s: &Snapshot, row: usize, col: usize, lang: Lang) -> Option<Cell> {
    let it = s.agenda.get(row)?;
    // Named as an edit of it names it (its id, else its place and title),
    // so the marks of its changes find the cell.
    let item = Step::agenda_item(it.id.as_deref(), &it.title, row, s.agenda.len());
    let at = |field: &str| EditPath(vec![key("agenda"), item.clone(), key(field)]);
    match col {
        0 => Some(Cell::edit(
            it.title.clone(),
            Kind::Text { required: true },
            at("title"),
        )),
        1 => Some(Cell::edit(
            labels::pane(it.pane, lang).to_owned(),
            Kind::Choice(
                Pane::all()
                    .iter()
                    .map(|&p| Word::new(p.as_str(), labels::pane(p, lang)))
                    .collect::<Vec<_>>()
                    .into(),
            ),
            at("pane"),
        )),
        2 => Some(Cell::edit(
            number_text(it.minutes),
            Kind::Minutes,
            at("minutes"),
        )),
        3 => Some(Cell::edit(
            it.speaker.clone().unwrap_or_default(),
            Kind::Text { required: false },
            at("speaker"),
        )),
        4 => Some(Cell::edit(
            speakers_text(s, it.speakers.as_ref()),
            Kind::Speakers,
            at("speakers"),
        )),
        5 => Some(Cell::edit(
            number_text(it.minutes_each),
            Kind::Minutes,
            at("minutes_each"),
        )),
        6 => Some(Cell::edit(
            number_text(it.warn_minutes),
            Kind::Minutes,
            at("warn_minutes"),
        )),
        _ => None,
    }
}

/// The meeting sheet's rows: the label and the place of each field.
pub const MEETING_FIELDS: [(crate::words::labels::L, &[&str]); 7] = [
    (el::M_TITLE, &["meeting", "title"]),
    (el::M_DATE, &["meeting", "date"]),
    (el::M_START, &["meeting", "start"]),
    (el::M_VENUE, &["meeting", "venue"]),
    (el::M_PERIOD_LABEL, &["meeting", "period", "label"]),
    (el::M_PERIOD_FROM, &["meeting", "period", "from"]),
    (el::M_PERIOD_TO, &["meeting", "period", "to"]),
];

fn meeting_cell(s: &Snapshot, row: usize, col: usize, lang: Lang) -> Option<Cell> {
    let (label, steps) = MEETING_FIELDS.get(row)?;
    if col == 0 {
        return Some(Cell::shown(label.get(lang).to_owned(), Tone::Muted));
    }
    if col > 1 {
        return None;
    }
    let m = &s.meeting;
    let path = EditPath(steps.iter().map(|k| key(k)).collect());
    let (text, kind) = match row {
        0 => (m.title.clone(), Kind::Text { required: true }),
        1 => (date_text(Some(m.date)), Kind::Date { optional: false }),
        2 => (
            m.start
                .map_or_else(String::new, |t| t.format("%H:%M").to_string()),
            Kind::Time,
        ),
        3 => (
            m.venue.clone().unwrap_or_default(),
            Kind::Text { required: false },
        ),
        4 => (
            m.period.label.clone().unwrap_or_default(),
            Kind::Text { required: false },
        ),
        5 => (
            date_text(Some(m.period.from)),
            Kind::Date { optional: true },
        ),
        _ => (date_text(Some(m.period.to)), Kind::Date { optional: false }),
    };
    Some(Cell::edit(text, kind, path))
}
