//! Countdowns and the meeting's projected end, read from the clock.

use chrono::{NaiveDateTime, NaiveTime};

use super::App;
use super::data::minutes_to_seconds;

/// How a countdown stands.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TimerState {
    Normal,
    Warning,
    Overrun,
}

/// A countdown as the screen shows it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct TimerView {
    /// Seconds left; negative once over-run.
    pub remaining: i64,
    /// The slot's planned length in seconds.
    pub planned: i64,
    pub state: TimerState,
    pub paused: bool,
}

impl TimerView {
    /// `MM:SS` counting down, `+MM:SS` counting up once over-run.
    pub fn text(&self) -> String {
        let r = self.remaining;
        let a = r.unsigned_abs();
        let sign = if r < 0 { "+" } else { "" };
        format!("{sign}{:02}:{:02}", a / 60, a % 60)
    }
}

/// A countdown of `planned` seconds after `elapsed_ms`, turning to warning
/// `warn` seconds before the end.
pub fn countdown(planned: i64, warn: i64, elapsed_ms: i64, paused: bool) -> TimerView {
    // Whole seconds gone: 00:00 shows for the full last second, +00:01 after it.
    let remaining = planned - elapsed_ms.div_euclid(1000);
    let state = if remaining < 0 {
        TimerState::Overrun
    } else if remaining <= warn {
        TimerState::Warning
    } else {
        TimerState::Normal
    };
    TimerView {
        remaining,
        planned,
        state,
        paused,
    }
}

/// How an agenda item stands, for the rail.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ItemStatus {
    /// Not reached yet.
    Ahead,
    Current,
    /// Has run, and is not current.
    Done {
        elapsed_s: i64,
        over: bool,
    },
}

/// When the meeting will end at the present pace.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Projection {
    pub end: NaiveTime,
    /// Minutes past the planned end (negative: early).
    pub late_minutes: i64,
}

impl App {
    /// The current item's countdown.
    pub fn item_timer(&self) -> Option<TimerView> {
        let i = self.current()?;
        let item = self.data.snapshot().agenda.get(i)?;
        let planned = self.data.planned_seconds(i);
        let warn = minutes_to_seconds(item.warn_at(planned as f64 / 60.0));
        let c = &self.meeting.clock;
        Some(countdown(planned, warn, c.item_elapsed(i), c.paused))
    }

    /// The current speaker's countdown, for a speakers item.
    pub fn speaker_timer(&self) -> Option<TimerView> {
        let i = self.current()?;
        let item = self.data.snapshot().agenda.get(i)?;
        let c = &self.meeting.clock;
        let unit = c.speaker(i)?;
        if self.data.queue(i).is_empty() {
            return None;
        }
        let slot = self.data.slot_seconds(i);
        let warn = minutes_to_seconds(item.warn_at(slot as f64 / 60.0));
        Some(countdown(slot, warn, c.speaker_elapsed(i, unit), c.paused))
    }

    /// The timer the room watches: the speaker's during a speakers item, else the item's.
    pub fn main_timer(&self) -> Option<TimerView> {
        self.speaker_timer().or_else(|| self.item_timer())
    }

    /// How agenda item `i` stands.
    pub fn item_status(&self, i: usize) -> ItemStatus {
        let c = &self.meeting.clock;
        if self.current() == Some(i) {
            ItemStatus::Current
        } else if c.visited(i) {
            let elapsed_s = c.item_elapsed(i) / 1000;
            ItemStatus::Done {
                elapsed_s,
                over: elapsed_s > self.data.planned_seconds(i),
            }
        } else {
            ItemStatus::Ahead
        }
    }

    /// What the end is measured against: the snapshot's `start` when the
    /// meeting is held on its own day; otherwise (a rehearsal, the demo, no
    /// `start`) when this meeting's log began, so the lateness is the agenda's.
    pub fn planned_start(&self) -> NaiveDateTime {
        let m = &self.data.snapshot().meeting;
        let now = self.now();
        match m.start {
            Some(t) if now.date() == m.date => m.date.and_time(t),
            _ => self.meeting.clock.began.unwrap_or(now),
        }
    }

    /// When the meeting ends at this pace: now, plus what is left of the
    /// current item (nothing once over-run), plus every later item as planned.
    pub fn projection(&self) -> Option<Projection> {
        let cur = self.current()?;
        let n = self.data.snapshot().agenda.len();
        let planned_total: i64 = (0..n).map(|i| self.data.planned_seconds(i)).sum();
        let left_now = self.item_timer().map_or(0, |t| t.remaining.max(0));
        let later: i64 = (cur + 1..n).map(|i| self.data.planned_seconds(i)).sum();
        let end = self.now() + chrono::Duration::seconds(left_now + later);
        let planned_end = self.planned_start() + chrono::Duration::seconds(planned_total);
        let late_s = (end - planned_end).num_seconds();
        Some(Projection {
            end: end.time(),
            // Round to the nearest minute, halves away from zero.
            late_minutes: (late_s as f64 / 60.0).round() as i64,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn counts_down_warns_and_counts_up_when_over() {
        let t = countdown(300, 60, 0, false);
        assert_eq!((t.text(), t.state), ("05:00".into(), TimerState::Normal));
        let t = countdown(300, 60, 239_999, false);
        assert_eq!((t.text(), t.state), ("01:01".into(), TimerState::Normal));
        let t = countdown(300, 60, 240_000, false);
        assert_eq!((t.text(), t.state), ("01:00".into(), TimerState::Warning));
        let t = countdown(300, 60, 300_999, false);
        assert_eq!((t.text(), t.state), ("00:00".into(), TimerState::Warning));
        let t = countdown(300, 60, 433_000, true);
        assert_eq!((t.text(), t.state), ("+02:13".into(), TimerState::Overrun));
        assert!(t.paused);
    }
}
