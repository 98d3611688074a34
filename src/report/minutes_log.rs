//! The minutes filled in from the meeting log. The log is replayed through
//! the console's own clock ([`MeetingClock`]), so the bulletin's times are
//! the ones the room saw on the screen, folded by the same code.

use std::collections::HashSet;

use crate::app::MeetingClock;
use crate::model::{Snapshot, Standings};
use crate::store::meeting_log::{Event, MeetingLog};

use super::minutes::{Minutes, SpeakerTime};

/// Whole seconds in the clock's milliseconds, rounded.
fn seconds(ms: i64) -> u32 {
    u32::try_from((ms.max(0) + 500) / 1000).unwrap_or(u32::MAX)
}

/// The plan from the snapshot with the actual times from `log`: for each
/// item its first start, last end and the time it ran; each speaker who had
/// the floor with the time spoken. Times run up to the log's last event (a
/// console that crashed stopped counting there). Items and speakers the log
/// names but the agenda no longer has are left out; speakers planned who
/// never had the floor are not listed.
pub fn from_log(s: &Snapshot, st: &Standings, log: &MeetingLog) -> Minutes {
    let clock = MeetingClock::replay(&log.events);
    let (mut m, keys) = Minutes::planned_with_keys(s, st);
    for (i, item) in m.items.iter_mut().enumerate() {
        if !clock.visited(i) {
            continue;
        }
        item.actual_start = clock.started_at(i).map(|t| t.time());
        item.actual_end = match clock.current {
            Some(c) if c == i => clock.now,
            _ => clock.ended_at(i),
        }
        .map(|t| t.time());
        item.actual_seconds = Some(seconds(clock.item_elapsed(i)));
    }

    let spoke = |item: usize, unit: &str| {
        clock.speaker_elapsed(item, unit) > 0 || clock.speaker(item) == Some(unit)
    };
    let planned = std::mem::take(&mut m.speakers);
    let mut listed: HashSet<(usize, String)> = HashSet::new();
    for (mut sp, (item, unit)) in planned.into_iter().zip(keys) {
        if spoke(item, &unit) {
            sp.actual_seconds = seconds(clock.speaker_elapsed(item, &unit));
            listed.insert((item, unit));
            m.speakers.push(sp);
        }
    }
    // Who spoke without being in the plan as it stands now (the snapshot was
    // edited after the meeting, or the order changed): as the log names them.
    for e in &log.events {
        let Event::Speaker {
            item,
            unit,
            name,
            planned_seconds,
        } = &e.event
        else {
            continue;
        };
        let Some(agenda) = s.agenda.get(*item) else {
            continue;
        };
        if listed.insert((*item, unit.clone())) {
            m.speakers.push(SpeakerTime {
                name: name.clone(),
                item: Some(agenda.title.clone()),
                planned_seconds: u32::try_from(*planned_seconds).ok(),
                actual_seconds: seconds(clock.speaker_elapsed(*item, unit)),
            });
        }
    }
    m
}

/// The plan alone, saying that no log was found (no speakers: nobody is
/// known to have spoken).
pub fn without_log(s: &Snapshot, st: &Standings) -> Minutes {
    Minutes {
        speakers: Vec::new(),
        no_log: true,
        ..Minutes::planned(s, st)
    }
}
