//! The minutes seam: what the meeting log knows about how the meeting went
//! (each item's planned and actual times, each speaker's time), in a shape
//! the bulletin can print. The planned side comes from the snapshot with
//! [`Minutes::planned`]; `minutes_log` fills in the actual side from a log.

use chrono::{NaiveTime, TimeDelta};

use crate::i18n::Lang;
use crate::model::{Pane, Snapshot, Standings, order};
use crate::sanitize::one_line;

use super::labels::L;
use super::table::{Cell, Column, Table};

/// How the meeting went, item by item and speaker by speaker.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Minutes {
    pub items: Vec<MinutesItem>,
    pub speakers: Vec<SpeakerTime>,
    /// No meeting log was found: the items hold the plan only, and the
    /// bulletin says so.
    pub no_log: bool,
}

/// One agenda item's planned and actual times (local clock).
#[derive(Debug, Clone, PartialEq, Default)]
pub struct MinutesItem {
    pub title: String,
    pub planned_start: Option<NaiveTime>,
    pub planned_end: Option<NaiveTime>,
    /// The planned length (known even when the meeting has no start time).
    pub planned_seconds: Option<u32>,
    pub actual_start: Option<NaiveTime>,
    pub actual_end: Option<NaiveTime>,
    /// The time the item actually ran: pauses left out, returns to it added
    /// (which the span from start to end cannot tell).
    pub actual_seconds: Option<u32>,
}

impl MinutesItem {
    /// Actual length minus planned length, when both are known; the lengths
    /// are the seconds when given, else the spans from start to end.
    pub fn overrun(&self) -> Option<TimeDelta> {
        let span = |a: Option<NaiveTime>, b: Option<NaiveTime>| Some(b? - a?);
        let seconds = |s: Option<u32>| s.map(|s| TimeDelta::seconds(s.into()));
        let planned =
            seconds(self.planned_seconds).or_else(|| span(self.planned_start, self.planned_end))?;
        let actual =
            seconds(self.actual_seconds).or_else(|| span(self.actual_start, self.actual_end))?;
        Some(actual - planned)
    }
}

/// One speaker's turn.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct SpeakerTime {
    /// Who spoke: a unit's name or a person.
    pub name: String,
    /// The agenda item the turn belongs to.
    pub item: Option<String>,
    pub planned_seconds: Option<u32>,
    /// How long the unit spoke; `None` when it never had the floor (未发言).
    pub actual_seconds: Option<u32>,
}

impl SpeakerTime {
    pub fn overrun_seconds(&self) -> Option<i64> {
        Some(i64::from(self.actual_seconds?) - i64::from(self.planned_seconds?))
    }
}

impl Minutes {
    /// The plan from the snapshot: items back to back from the meeting's
    /// start, and each speaker's slot, with no actual times yet.
    pub fn planned(s: &Snapshot, st: &Standings) -> Minutes {
        Minutes::planned_with_keys(s, st).0
    }

    /// The plan, and for each speaker in it its agenda index and unit id
    /// (what the meeting log knows it by).
    pub(super) fn planned_with_keys(
        s: &Snapshot,
        st: &Standings,
    ) -> (Minutes, Vec<(usize, String)>) {
        let mut at = s.meeting.start;
        let mut m = Minutes::default();
        let mut keys = Vec::new();
        for (index, item) in s.agenda.iter().enumerate() {
            let speakers = match (&item.speakers, item.pane) {
                (Some(sel), Pane::Speakers) => order::speakers(s, st, sel),
                _ => Vec::new(),
            };
            let minutes = item.planned_minutes(speakers.len());
            let seconds = (minutes * 60.0).round() as i64;
            let end = at.map(|t| t + TimeDelta::seconds(seconds));
            m.items.push(MinutesItem {
                title: item.title.clone(),
                planned_start: at,
                planned_end: end,
                planned_seconds: u32::try_from(seconds).ok(),
                ..MinutesItem::default()
            });
            let slot = (item.slot_minutes(speakers.len()) * 60.0).round() as u32;
            for u in speakers {
                keys.push((index, s.units[u].id.clone()));
                m.speakers.push(SpeakerTime {
                    name: s.units[u].name.clone(),
                    item: Some(item.title.clone()),
                    planned_seconds: Some(slot),
                    actual_seconds: None,
                });
            }
            at = end;
        }
        (m, keys)
    }

    /// The meeting's total over-run as the meeting log defines it: the sum
    /// of max(0, actual − planned) over the items where both are known (an
    /// item kept short does not pay for another that ran over).
    pub fn total_overrun(&self) -> TimeDelta {
        self.items
            .iter()
            .filter_map(MinutesItem::overrun)
            .filter(|d| *d > TimeDelta::zero())
            .fold(TimeDelta::zero(), |a, b| a + b)
    }

    /// The items' actual length minus their planned length, all together:
    /// negative when the meeting as a whole took less time than planned.
    pub fn net_difference(&self) -> TimeDelta {
        self.items
            .iter()
            .filter_map(MinutesItem::overrun)
            .fold(TimeDelta::zero(), |a, b| a + b)
    }
}

/// The minutes as the bulletin prints them.
#[derive(Debug, Clone, PartialEq)]
pub struct MinutesSection {
    pub summary: String,
    pub tables: Vec<Table>,
}

/// `5:00`: a length of time in minutes and seconds.
pub fn duration(seconds: u32) -> String {
    format!("{}:{:02}", seconds / 60, seconds % 60)
}

/// `+3:20`, `−0:45`, `0:00`.
pub fn signed_duration(seconds: i64) -> String {
    let sign = match seconds.signum() {
        1 => "+",
        -1 => "−",
        _ => "",
    };
    let a = seconds.unsigned_abs();
    format!("{sign}{}:{:02}", a / 60, a % 60)
}

/// A length of time in words, for a sentence where `99:17` could be read as
/// a time of day: `1小时39分17秒`, `3分钟`, `1 h 39 min 17 s`.
pub fn in_words(seconds: i64, lang: Lang) -> String {
    let a = seconds.unsigned_abs();
    let (h, m, s) = (a / 3600, a / 60 % 60, a % 60);
    let mut parts = Vec::new();
    match lang {
        Lang::Zh => {
            if h > 0 {
                parts.push(format!("{h}小时"));
            }
            if m > 0 {
                // 分钟 alone ("3分钟"), 分 before seconds ("3分17秒").
                parts.push(format!("{m}{}", if s > 0 || h > 0 { "分" } else { "分钟" }));
            }
            if s > 0 || parts.is_empty() {
                parts.push(format!("{s}秒"));
            }
            parts.concat()
        }
        Lang::En => {
            if h > 0 {
                parts.push(format!("{h} h"));
            }
            if m > 0 {
                parts.push(format!("{m} min"));
            }
            if s > 0 || parts.is_empty() {
                parts.push(format!("{s} s"));
            }
            parts.join(" ")
        }
    }
}

fn clock(t: Option<NaiveTime>) -> String {
    t.map_or_else(|| "—".to_owned(), |t| t.format("%H:%M").to_string())
}

fn overrun_cell(seconds: Option<i64>) -> Cell {
    let text = seconds.map_or_else(|| "—".to_owned(), signed_duration);
    let cell = Cell::num(text, "overrun_seconds", seconds.map(|s| s as f64));
    match seconds {
        Some(s) if s > 0 => cell.with_class("late"),
        _ => cell,
    }
}

const ITEMS: L = L::new("议程用时", "Agenda timing");
const SPEAKERS: L = L::new("发言用时", "Speaking time");
const ITEM: L = L::new("议程", "Item");
const SPEAKER: L = L::new("发言单位", "Speaker");
const PLANNED_START: L = L::new("计划开始", "Planned start");
const PLANNED_END: L = L::new("计划结束", "Planned end");
const ACTUAL_START: L = L::new("实际开始", "Started");
const ACTUAL_END: L = L::new("实际结束", "Ended");
const RAN: L = L::new("实际用时", "Ran");
const PLANNED: L = L::new("计划", "Planned");
const ACTUAL: L = L::new("实际", "Actual");
const OVERRUN: L = L::new("超时", "Over");
const NOT_HEARD: L = L::new("未发言", "did not speak");

/// Builds the minutes section: the summary sentence and two tables.
pub fn section(m: &Minutes, lang: Lang) -> MinutesSection {
    let over = m.total_overrun().num_seconds();
    // Over-run wins the sentence; early is told only when nothing ran over.
    let total = if over > 0 {
        over
    } else {
        m.net_difference().num_seconds().min(0)
    };
    let summary = match (lang, total.signum()) {
        _ if m.no_log => match lang {
            Lang::Zh => "未找到本次会议的会议记录：下表只列计划时间。".to_owned(),
            Lang::En => "No meeting log was found for this meeting: the table shows the plan only."
                .to_owned(),
        },
        // A sentence says its lengths in words: "提前 99:17 结束" reads as a
        // time of day.
        (Lang::Zh, 1) => format!("各项共超时 {}。", in_words(total, lang)),
        (Lang::Zh, -1) => format!("会议比计划提前 {} 结束。", in_words(total, lang)),
        (Lang::Zh, _) => "会议按计划时间进行。".to_owned(),
        (Lang::En, 1) => format!("The items ran {} over in all.", in_words(total, lang)),
        (Lang::En, -1) => format!("The meeting ended {} early.", in_words(total, lang)),
        (Lang::En, _) => "The meeting kept to time.".to_owned(),
    };
    let mut items = Table::new(
        "minutes-items",
        ITEMS.get(lang),
        vec![
            Column::left(ITEM.get(lang)),
            Column::center(PLANNED_START.get(lang)),
            Column::center(PLANNED_END.get(lang)),
            Column::center(ACTUAL_START.get(lang)),
            Column::center(ACTUAL_END.get(lang)),
            Column::right(RAN.get(lang)),
            Column::right(OVERRUN.get(lang)),
        ],
    );
    for it in &m.items {
        items.push(
            None,
            vec![
                Cell::text(one_line(&it.title)),
                Cell::text(clock(it.planned_start)),
                Cell::text(clock(it.planned_end)),
                Cell::text(clock(it.actual_start)),
                Cell::text(clock(it.actual_end)),
                it.actual_seconds.map_or_else(
                    || Cell::text("—"),
                    |s| Cell::num(duration(s), "actual_seconds", Some(f64::from(s))),
                ),
                overrun_cell(it.overrun().map(|d| d.num_seconds())),
            ],
        );
    }
    let mut speakers = Table::new(
        "minutes-speakers",
        SPEAKERS.get(lang),
        vec![
            Column::left(SPEAKER.get(lang)),
            Column::left(ITEM.get(lang)),
            Column::right(PLANNED.get(lang)),
            Column::right(ACTUAL.get(lang)),
            Column::right(OVERRUN.get(lang)),
        ],
    );
    for sp in &m.speakers {
        speakers.push(
            None,
            vec![
                Cell::text(one_line(&sp.name)),
                Cell::text(
                    sp.item
                        .as_deref()
                        .map_or_else(|| "—".to_owned(), |i| one_line(i).into_owned()),
                ),
                Cell::text(sp.planned_seconds.map_or_else(|| "—".to_owned(), duration)),
                match sp.actual_seconds {
                    Some(s) => Cell::num(duration(s), "actual_seconds", Some(f64::from(s))),
                    // Never had the floor: said so, not timed as 0:00.
                    None => Cell::text(NOT_HEARD.get(lang)).with_class("late"),
                },
                overrun_cell(sp.overrun_seconds()),
            ],
        );
    }
    let mut tables = vec![items];
    if !speakers.rows.is_empty() {
        tables.push(speakers);
    }
    MinutesSection { summary, tables }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn t(h: u32, m: u32) -> Option<NaiveTime> {
        NaiveTime::from_hms_opt(h, m, 0)
    }

    #[test]
    fn overrun_is_actual_minus_planned_length() {
        let it = MinutesItem {
            title: "通报".into(),
            planned_start: t(9, 0),
            planned_end: t(9, 10),
            actual_start: t(9, 2),
            actual_end: t(9, 15),
            ..MinutesItem::default()
        };
        assert_eq!(it.overrun(), Some(TimeDelta::minutes(3)));
        let mut m = Minutes {
            items: vec![it, MinutesItem::default()],
            ..Minutes::default()
        };
        assert_eq!(m.total_overrun(), TimeDelta::minutes(3));
        // Pauses and returns: the time run counts, not the span; an item
        // kept short is no over-run, and does not offset another's.
        m.items[0].actual_seconds = Some(8 * 60);
        assert_eq!(m.total_overrun(), TimeDelta::zero());
        assert_eq!(m.net_difference(), TimeDelta::minutes(-2));
        let mut late = m.items[0].clone();
        late.actual_seconds = Some(15 * 60);
        m.items.push(late);
        assert_eq!(m.total_overrun(), TimeDelta::minutes(5));
        assert_eq!(m.net_difference(), TimeDelta::minutes(3));
        assert_eq!(signed_duration(200), "+3:20");
        assert_eq!(signed_duration(-45), "−0:45");
        assert_eq!(signed_duration(0), "0:00");
    }

    #[test]
    fn sentences_say_lengths_in_words() {
        // "提前 99:17 结束" read as a time of day.
        assert_eq!(in_words(-5957, Lang::Zh), "1小时39分17秒");
        assert_eq!(in_words(180, Lang::Zh), "3分钟");
        assert_eq!(in_words(45, Lang::Zh), "45秒");
        assert_eq!(in_words(5957, Lang::En), "1 h 39 min 17 s");
        let m = Minutes {
            items: vec![MinutesItem {
                planned_seconds: Some(6000),
                actual_seconds: Some(43),
                ..MinutesItem::default()
            }],
            ..Minutes::default()
        };
        assert_eq!(
            section(&m, Lang::Zh).summary,
            "会议比计划提前 1小时39分17秒 结束。"
        );
    }
}
