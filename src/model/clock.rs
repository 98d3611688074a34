//! The meeting clock: the meeting log folded into "which item is current, who
//! has the floor, how long each has run". Replaying a saved log gives exactly
//! the state the console had, which is how a restart resumes.

use std::collections::{HashMap, HashSet};

use chrono::NaiveDateTime;

use super::meeting_log::{Entry, Event};

/// Milliseconds, the clock's unit.
pub type Millis = i64;

/// The folded state of a meeting log, plus the current time.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct MeetingClock {
    /// The time of the last tick (or of the last event, before any tick).
    pub now: Option<NaiveDateTime>,
    /// The agenda index of the current item.
    pub current: Option<usize>,
    /// Whether the presenter paused the clock (or the console closed).
    pub paused: bool,
    /// Since when the current stretch runs (None while stopped).
    running_since: Option<NaiveDateTime>,
    /// Time settled into each item, by agenda index.
    item_ms: HashMap<usize, Millis>,
    /// The unit id holding the floor, per item.
    speaker: HashMap<usize, String>,
    /// The unit ids that have had the floor, per item.
    heard: HashMap<usize, HashSet<String>>,
    /// Time settled into each (item, unit id).
    speaker_ms: HashMap<(usize, String), Millis>,
    /// When each item first became current.
    first_start: HashMap<usize, NaiveDateTime>,
    /// When each item last stopped being current.
    last_end: HashMap<usize, NaiveDateTime>,
    /// The first event's time: when the meeting actually began.
    pub began: Option<NaiveDateTime>,
}

impl MeetingClock {
    /// Replays a log from the start.
    pub fn replay(events: &[Entry]) -> MeetingClock {
        let mut c = MeetingClock::default();
        for e in events {
            c.apply(e);
        }
        c
    }

    /// Applies one event: settles the time run since the last one, then changes state.
    pub fn apply(&mut self, e: &Entry) {
        self.settle(e.at);
        self.began.get_or_insert(e.at);
        match &e.event {
            Event::Open => {}
            Event::ItemStart { item, .. } => {
                self.current = Some(*item);
                // Moving on is the presenter saying the meeting goes on: it unpauses.
                self.paused = false;
                self.running_since = Some(e.at);
                self.first_start.entry(*item).or_insert(e.at);
            }
            Event::ItemEnd { item } => {
                if self.current == Some(*item) {
                    self.current = None;
                }
                self.running_since = None;
                self.last_end.insert(*item, e.at);
            }
            Event::Speaker { item, unit, .. } => {
                self.speaker.insert(*item, unit.clone());
                self.heard.entry(*item).or_default().insert(unit.clone());
            }
            Event::Pause | Event::Close => {
                self.paused = true;
                self.running_since = None;
            }
            Event::Resume => {
                self.paused = false;
                if self.current.is_some() {
                    self.running_since = Some(e.at);
                }
            }
        }
        self.now = Some(self.now.map_or(e.at, |n| n.max(e.at)));
    }

    /// Moves the clock to `now` (time never runs backwards here).
    pub fn tick(&mut self, now: NaiveDateTime) {
        self.now = Some(self.now.map_or(now, |n| n.max(now)));
    }

    fn settle(&mut self, at: NaiveDateTime) {
        let (Some(since), Some(item)) = (self.running_since, self.current) else {
            return;
        };
        let ms = (at - since).num_milliseconds().max(0);
        *self.item_ms.entry(item).or_default() += ms;
        if let Some(unit) = self.speaker.get(&item) {
            *self.speaker_ms.entry((item, unit.clone())).or_default() += ms;
        }
        self.running_since = Some(at);
    }

    /// Milliseconds run since the last settle, if the clock runs.
    fn live_ms(&self) -> Millis {
        match (self.running_since, self.now) {
            (Some(since), Some(now)) => (now - since).num_milliseconds().max(0),
            _ => 0,
        }
    }

    /// How long an item has run in all.
    pub fn item_elapsed(&self, item: usize) -> Millis {
        let settled = self.item_ms.get(&item).copied().unwrap_or(0);
        if self.current == Some(item) {
            settled + self.live_ms()
        } else {
            settled
        }
    }

    /// Whether an item has been current at some time.
    pub fn visited(&self, item: usize) -> bool {
        self.first_start.contains_key(&item)
    }

    /// The unit id holding the floor in an item.
    pub fn speaker(&self, item: usize) -> Option<&str> {
        self.speaker.get(&item).map(String::as_str)
    }

    /// The units (by id) that have had the floor in an item, the current
    /// speaker included.
    pub fn heard(&self, item: usize) -> Option<&HashSet<String>> {
        self.heard.get(&item)
    }

    /// Whether a unit has had the floor in an item.
    pub fn has_spoken(&self, item: usize, unit: &str) -> bool {
        self.heard.get(&item).is_some_and(|h| h.contains(unit))
    }

    /// How long a unit has spoken in an item.
    pub fn speaker_elapsed(&self, item: usize, unit: &str) -> Millis {
        let settled = self
            .speaker_ms
            .get(&(item, unit.to_owned()))
            .copied()
            .unwrap_or(0);
        if self.current == Some(item) && self.speaker(item) == Some(unit) {
            settled + self.live_ms()
        } else {
            settled
        }
    }

    /// When an item first became current.
    pub fn started_at(&self, item: usize) -> Option<NaiveDateTime> {
        self.first_start.get(&item).copied()
    }

    /// When an item last stopped being current.
    pub fn ended_at(&self, item: usize) -> Option<NaiveDateTime> {
        self.last_end.get(&item).copied()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::NaiveDate;

    fn at(m: u32, s: u32) -> NaiveDateTime {
        NaiveDate::from_ymd_opt(2026, 5, 8)
            .unwrap()
            .and_hms_opt(9, m, s)
            .unwrap()
    }
    fn e(t: NaiveDateTime, event: Event) -> Entry {
        Entry { at: t, event }
    }
    fn start(item: usize) -> Event {
        Event::ItemStart {
            item,
            title: String::new(),
            planned_seconds: 60,
        }
    }
    fn speaker(item: usize, unit: &str) -> Event {
        Event::Speaker {
            item,
            unit: unit.into(),
            name: unit.into(),
            planned_seconds: 60,
        }
    }

    #[test]
    fn pauses_count_for_nobody_and_revisits_accumulate() {
        let log = vec![
            e(at(0, 0), start(0)),
            e(at(1, 0), Event::Pause),
            e(at(3, 0), Event::Resume),
            e(at(3, 30), Event::ItemEnd { item: 0 }),
            e(at(3, 30), start(1)),
            e(at(4, 0), Event::ItemEnd { item: 1 }),
            e(at(4, 0), start(0)),
        ];
        let mut c = MeetingClock::replay(&log);
        c.tick(at(4, 10));
        assert_eq!(c.item_elapsed(0), 100_000);
        assert_eq!(c.item_elapsed(1), 30_000);
        assert_eq!(c.current, Some(0));
        assert_eq!(c.started_at(1), Some(at(3, 30)));
        assert_eq!(c.ended_at(1), Some(at(4, 0)));
    }

    #[test]
    fn speakers_get_their_own_time() {
        let log = vec![
            e(at(0, 0), start(2)),
            e(at(0, 0), speaker(2, "a")),
            e(at(2, 0), speaker(2, "b")),
        ];
        let mut c = MeetingClock::replay(&log);
        c.tick(at(2, 45));
        assert_eq!(c.speaker_elapsed(2, "a"), 120_000);
        assert_eq!(c.speaker_elapsed(2, "b"), 45_000);
        assert_eq!(c.item_elapsed(2), 165_000);
        assert_eq!(c.speaker(2), Some("b"));
    }

    #[test]
    fn a_crash_keeps_the_clock_running_a_close_stops_it() {
        let crashed = vec![e(at(0, 0), start(0)), e(at(5, 0), Event::Open)];
        let mut c = MeetingClock::replay(&crashed);
        c.tick(at(6, 0));
        assert_eq!(c.item_elapsed(0), 360_000);
        assert!(!c.paused);

        let closed = vec![
            e(at(0, 0), start(0)),
            e(at(1, 0), Event::Close),
            e(at(5, 0), Event::Open),
        ];
        let mut c = MeetingClock::replay(&closed);
        c.tick(at(6, 0));
        assert_eq!(c.item_elapsed(0), 60_000);
        assert!(c.paused);
    }
}
