//! The minutes filled in from the meeting log. The log is replayed through
//! the console's own clock ([`MeetingClock`]), so the bulletin's times are
//! the ones the room saw on the screen, folded by the same code.

use std::collections::HashSet;

use crate::model::clock::MeetingClock;
use crate::model::meeting_log::{Event, MeetingLog};
use crate::model::{Snapshot, Standings};

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

    // Seconds spoken, or None for a unit that never really had the floor.
    let spoken = |item: usize, unit: &str| {
        Some(seconds(clock.speaker_elapsed(item, unit))).filter(|s| *s > 0)
    };
    let planned = std::mem::take(&mut m.speakers);
    let mut listed: HashSet<(usize, String)> = HashSet::new();
    for (mut sp, (item, unit)) in planned.into_iter().zip(keys) {
        if clock.visited(item) {
            sp.actual_seconds = spoken(item, &unit);
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
                actual_seconds: spoken(*item, unit),
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

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{DEMO, Document, compute};
    use crate::store::meeting_log::Entry;
    use chrono::{NaiveDate, NaiveDateTime};

    fn at(m: u32, s: u32) -> NaiveDateTime {
        NaiveDate::from_ymd_opt(2026, 5, 8)
            .unwrap()
            .and_hms_opt(9, m, s)
            .unwrap()
    }

    #[test]
    fn a_crashed_log_counts_to_its_last_event_and_keeps_unplanned_speakers() {
        let doc = Document::from_bytes(DEMO.as_bytes()).unwrap();
        let st = compute(&doc.snapshot);
        let mut log = MeetingLog::new("demo", at(0, 0).date(), "t");
        let e = |t, event| Entry { at: t, event };
        log.events = vec![
            e(at(0, 0), Event::Open),
            e(
                at(0, 0),
                Event::ItemStart {
                    item: 2,
                    title: String::new(),
                    planned_seconds: 1440,
                },
            ),
            e(
                at(0, 0),
                Event::Speaker {
                    item: 2,
                    unit: "gone".into(),
                    name: "撤并的镇".into(),
                    planned_seconds: 180,
                },
            ),
            // No close: the console died; the last event ends the count.
            e(at(4, 0), Event::Pause),
        ];
        let m = from_log(&doc.snapshot, &st, &log);
        let item = &m.items[2];
        assert_eq!(item.actual_seconds, Some(240));
        assert_eq!(item.actual_end, Some(at(4, 0).time()));
        // The item took place: its planned speakers are listed, as 未发言
        // (None) since none had the floor, then who spoke unplanned.
        let planned = m.speakers.len() - 1;
        assert!(
            m.speakers[..planned]
                .iter()
                .all(|sp| sp.actual_seconds.is_none())
        );
        let gone = &m.speakers[planned];
        assert_eq!(gone.name, "撤并的镇");
        assert_eq!(gone.actual_seconds, Some(240));
        assert_eq!(gone.overrun_seconds(), Some(60));
        assert!(m.items[0].actual_start.is_none());
    }
}
