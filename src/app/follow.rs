//! The audience console (`guotang FILE --audience`): it shows the room
//! what the presenter's console shows, following the position the
//! presenter publishes beside the snapshot ([`crate::store::position`]).
//! Positions arrive as actions, like keys do; the follower keeps no meeting
//! log and writes nothing: its meeting clock is rebuilt from each position
//! (a short log replayed: the item started `item_ms` before the position
//! was written, the speaker `speaker_ms` before, paused at it), so its
//! timers run on between positions exactly as the presenter's do.
//!
//! Whatever the position file holds, the last good screen stays: a broken
//! file, one for another meeting, one naming an item this machine's copy
//! of the snapshot does not have yet (it lags), no presenter, or a
//! presenter gone quiet — each is said quietly in a corner.

use chrono::{Local, NaiveDate, NaiveDateTime};

use crate::model::Snapshot;
use crate::store::meeting_log::{Entry, Event};
use crate::store::position::{ItemRef, Position};

use super::failure::PositionFailure;
use super::{App, MeetingClock};

/// Without a new position for this long, the presenter is taken to be gone
/// (it writes one every [`crate::store::position::HEARTBEAT`]; a sync tool
/// may take a few seconds more).
pub const STALE_AFTER: chrono::Duration = chrono::Duration::seconds(30);

/// A position whose own time is older than this (by this machine's clock)
/// is stale at once: a file left by a presenter long gone. Generous, as
/// two machines' clocks may differ.
pub const OLD_AFTER: chrono::Duration = chrono::Duration::minutes(5);

/// A position written up to this far ahead of this machine's clock counts
/// as written now; further ahead, it is from the future: its place is
/// followed, its time is not trusted (timers run from when it was seen).
pub const CLOCK_SLACK: chrono::Duration = chrono::Duration::seconds(2);

/// What an audience console knows of the presenter.
#[derive(Debug, Clone, Default)]
pub struct Follow {
    /// The last good position, and when it was first seen here.
    pub heard: Option<Heard>,
    /// The position file could not be used the last time it was read.
    pub problem: Option<Problem>,
    /// What the corner says; `None` while all is well.
    pub note: Option<Note>,
}

/// A position, and when this machine first saw it.
#[derive(Debug, Clone)]
pub struct Heard {
    pub position: Box<Position>,
    pub seen_at: NaiveDateTime,
}

/// Why the position file was not used.
#[derive(Debug, Clone)]
pub enum Problem {
    /// There is none (no presenter has published on this file).
    Missing,
    /// It cannot be read or is not a position: the reason, with its place.
    Broken(PositionFailure),
}

/// What the audience screen says quietly in its corner.
#[derive(Debug, Clone, PartialEq)]
pub enum Note {
    /// No presenter publishes on this file.
    NoPresenter,
    /// The presenter has not been heard from since (this machine's time).
    Stale { since: NaiveDateTime },
    /// The presenter quit (at its time, shown in this machine's).
    Ended { at: NaiveDateTime },
    /// The position file is broken (the reason).
    Broken(String),
    /// The position is for a meeting on another date.
    OtherMeeting(NaiveDate),
    /// The presenter's snapshot differs from this one (it is on its way).
    Waiting,
    /// The position is from the future: this machine's clock is behind.
    ClockBehind,
}

impl App {
    /// Whether this console follows a presenter.
    pub fn following(&self) -> Option<&Follow> {
        match &self.room.role {
            super::room::Role::Audience(f) => Some(f),
            _ => None,
        }
    }

    fn follow_mut(&mut self) -> Option<&mut Follow> {
        match &mut self.room.role {
            super::room::Role::Audience(f) => Some(f),
            _ => None,
        }
    }

    /// A position file was read: `None` when there is none.
    pub(super) fn heard(&mut self, result: Result<Option<Box<Position>>, PositionFailure>) {
        let now = self.now();
        let Some(f) = self.follow_mut() else { return };
        match result {
            Err(e) => f.problem = Some(Problem::Broken(e)),
            Ok(None) => f.problem = Some(Problem::Missing),
            Ok(Some(p)) => {
                f.problem = None;
                // The same position read again (a poll, a touch) is no news.
                let same = f.heard.as_ref().is_some_and(|h| {
                    h.position.seq == p.seq
                        && h.position.written_at == p.written_at
                        && h.position.presenter == p.presenter
                });
                if !same {
                    f.heard = Some(Heard {
                        position: p,
                        seen_at: now,
                    });
                }
            }
        }
        self.apply_heard();
    }

    /// Shows the last good position on this machine's data (again, after
    /// the snapshot was reloaded), and says what is amiss.
    pub(super) fn apply_heard(&mut self) {
        let now = self.now();
        let Some(f) = self.following() else { return };
        let found = f.heard.as_ref().and_then(|h| {
            let p = &h.position.place;
            if p.date != self.data.snapshot().meeting.date {
                return None;
            }
            let item = match &p.item {
                Some(r) => Some(find_item(self.data.snapshot(), r)?),
                None => None,
            };
            Some((item, clock_of(h, item, now)?))
        });
        if let Some((item, clock)) = found
            && let Some(h) = self.following().and_then(|f| f.heard.clone())
        {
            let p = &h.position.place;
            self.meeting.clock = clock;
            if let Some(pane) = item.and_then(|i| self.nav.panes.get_mut(i)) {
                pane.metric = p.pane.metric;
                pane.group = p.pane.group;
                pane.tab = p.pane.tab;
                pane.scroll = p.pane.scroll;
            }
            self.prefs.fullscreen = p.fullscreen;
            self.prefs.big_timer = p.big_timer;
            // Speakers by unit id, switches within this data's ranges.
            self.sync_speakers();
            let groups = self.data.derived.standings.groups.len().max(1);
            let metrics = self.data.snapshot().metrics.len() + 1;
            for pane in &mut self.nav.panes {
                pane.group = pane.group.min(groups - 1);
                pane.metric = pane.metric.min(metrics - 1);
            }
        }
        self.refresh_note();
    }

    /// Works out what the corner says, now.
    pub(super) fn refresh_note(&mut self) {
        let now = self.now();
        let date = self.data.snapshot().meeting.date;
        let hash = self.data.content_hash;
        let found = |r: &Option<ItemRef>| {
            r.as_ref()
                .is_none_or(|r| find_item(self.data.snapshot(), r).is_some())
        };
        let Some(f) = self.following() else { return };
        let note = match (&f.problem, &f.heard) {
            (Some(Problem::Broken(e)), _) => Some(Note::Broken(e.to_string())),
            (Some(Problem::Missing), _) | (None, None) => Some(Note::NoPresenter),
            (None, Some(h)) => {
                let p = &h.position;
                let written = local(p);
                if p.ended {
                    Some(Note::Ended { at: written })
                } else if now - h.seen_at > STALE_AFTER
                    || (written <= now && now - written > OLD_AFTER)
                {
                    Some(Note::Stale {
                        since: h.seen_at.min(written),
                    })
                } else if p.place.date != date {
                    Some(Note::OtherMeeting(p.place.date))
                } else if !found(&p.place.item)
                    || p.place.snapshot_hash.is_some_and(|h| Some(h) != hash)
                {
                    Some(Note::Waiting)
                } else if written > h.seen_at + CLOCK_SLACK {
                    Some(Note::ClockBehind)
                } else {
                    None
                }
            }
        };
        if let Some(f) = self.follow_mut() {
            f.note = note;
        }
    }
}

/// The position's time in this machine's local time.
fn local(p: &Position) -> NaiveDateTime {
    p.written_at.with_timezone(&Local).naive_local()
}

/// The agenda item a position names, in this snapshot: by `id`, else at
/// its place with its title, else the nearest item with its title.
pub fn find_item(s: &Snapshot, r: &ItemRef) -> Option<usize> {
    if let Some(id) = &r.id
        && let Some(k) = s.agenda.iter().position(|it| it.id.as_ref() == Some(id))
    {
        return Some(k);
    }
    if s.agenda.get(r.index).is_some_and(|it| it.title == r.title) {
        return Some(r.index);
    }
    s.agenda
        .iter()
        .enumerate()
        .filter(|(_, it)| it.title == r.title)
        .min_by_key(|(k, _)| k.abs_diff(r.index))
        .map(|(k, _)| k)
}

/// The meeting clock a position stands for, at `now`: the item started
/// `item_ms` before the position's time, the speaker `speaker_ms` before,
/// paused then if it was (or if the presenter has left). A position from
/// the future counts from when it was seen. `None` if its times cannot be
/// placed on a calendar.
fn clock_of(h: &Heard, item: Option<usize>, now: NaiveDateTime) -> Option<MeetingClock> {
    let p = &h.position.place;
    let written = local(&h.position);
    let base = if written > h.seen_at.max(now) + CLOCK_SLACK {
        h.seen_at
    } else {
        written
    };
    let mut events = Vec::new();
    if let Some(i) = item {
        let ms = |m: i64| base.checked_sub_signed(chrono::Duration::milliseconds(m));
        events.push(Entry {
            at: ms(p.item_ms)?,
            event: Event::ItemStart {
                item: i,
                title: String::new(),
                planned_seconds: 0,
            },
        });
        if let Some(unit) = &p.speaker {
            events.push(Entry {
                at: ms(p.speaker_ms.min(p.item_ms))?,
                event: Event::Speaker {
                    item: i,
                    unit: unit.clone(),
                    name: String::new(),
                    planned_seconds: 0,
                },
            });
        }
        if p.paused || h.position.ended {
            events.push(Entry {
                at: base,
                event: Event::Pause,
            });
        }
    }
    let mut clock = MeetingClock::replay(&events);
    clock.tick(now);
    Some(clock)
}

#[cfg(test)]
mod tests;
