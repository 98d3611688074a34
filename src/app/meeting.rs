//! Moving through the meeting: items, speakers, pauses. Every transition is
//! recorded in the meeting log (and folded into the clock) the moment it
//! happens, so a restart resumes exactly here.

use crate::model::meeting_log::{Entry, Event};

use super::{App, Effect};

impl App {
    /// Appends an event at the current time and applies it to the clock.
    fn record(&mut self, event: Event) {
        let entry = Entry {
            at: self.now(),
            event,
        };
        self.meeting.clock.apply(&entry);
        self.meeting.log.events.push(entry);
    }

    /// The console opened: a fresh meeting starts its first item; a resumed
    /// one stays where its log left it.
    pub(super) fn open(&mut self) -> Vec<Effect> {
        self.record(Event::Open);
        if self.meeting.clock.current.is_none() && !self.data.snapshot().agenda.is_empty() {
            self.start_item(0);
        } else if let Some(i) = self.current()
            && self.meeting.clock.current != Some(i)
        {
            // The agenda shrank below the logged item while the console was away.
            self.start_item(i);
        }
        self.sync_speakers();
        vec![Effect::SaveLog]
    }

    /// Starts item `i` in a meeting that has no current item yet (a rendered
    /// screen, or a test), without an `open`.
    pub fn begin_at(&mut self, i: usize) {
        if self.meeting.clock.current.is_none() && i < self.data.snapshot().agenda.len() {
            self.start_item(i);
        }
    }

    /// The log's close: the clock stops with the console.
    pub(super) fn close(&mut self) -> Vec<Effect> {
        self.record(Event::Close);
        vec![Effect::SaveLog]
    }

    /// Makes item `i` current (ending the current one).
    pub(super) fn go(&mut self, i: usize) -> Vec<Effect> {
        if i >= self.data.snapshot().agenda.len() {
            return Vec::new();
        }
        let was = self.meeting.clock.current;
        if was == Some(i) {
            return Vec::new();
        }
        if let Some(prev) = was {
            self.record(Event::ItemEnd { item: prev });
        }
        self.start_item(i);
        vec![Effect::SaveLog]
    }

    fn start_item(&mut self, i: usize) {
        let title = self
            .data
            .snapshot()
            .agenda
            .get(i)
            .map(|it| it.title.clone())
            .unwrap_or_default();
        self.record(Event::ItemStart {
            item: i,
            title,
            planned_seconds: self.data.planned_seconds(i),
        });
        // An item's first speaker takes the floor with the item.
        if self.meeting.clock.speaker(i).is_none() && !self.data.queue(i).is_empty() {
            self.set_speaker(i, 0);
        }
        self.sync_speakers();
    }

    fn set_speaker(&mut self, item: usize, index: usize) {
        let Some(&unit) = self.data.queue(item).get(index) else {
            return;
        };
        let u = &self.data.snapshot().units[unit];
        let (id, name) = (u.id.clone(), u.name.clone());
        self.record(Event::Speaker {
            item,
            unit: id,
            name,
            planned_seconds: self.data.slot_seconds(item),
        });
        if let Some(p) = self.nav.panes.get_mut(item) {
            p.speaker = index;
        }
    }

    /// `]` / `[`: the next or previous unit in the queue. Past the last,
    /// `]` goes to the first unit not yet heard (one that gained the item's
    /// card during the item may stand above): nobody is skipped silently.
    pub(super) fn step_speaker(&mut self, delta: isize) -> Vec<Effect> {
        let Some(item) = self.current() else {
            return Vec::new();
        };
        let n = self.data.queue(item).len();
        let at = self.nav.panes.get(item).map_or(0, |p| p.speaker);
        let next = match at.checked_add_signed(delta).filter(|&k| k < n) {
            Some(k) => Some(k),
            None if delta > 0 => self.unheard(item).into_iter().find(|&k| k != at),
            None => None,
        };
        let Some(next) = next else {
            return Vec::new();
        };
        self.set_speaker(item, next);
        vec![Effect::SaveLog]
    }

    /// How many of an item's queue have not had the floor: what the footer
    /// counts on every frame, without a list (a queue can be every unit).
    pub fn unheard_count(&self, item: usize) -> usize {
        let queue = self.data.queue(item);
        let Some(heard) = self.meeting.clock.heard(item).filter(|h| !h.is_empty()) else {
            return queue.len();
        };
        let units = &self.data.snapshot().units;
        queue
            .iter()
            .filter(|&&u| units.get(u).is_none_or(|unit| !heard.contains(&unit.id)))
            .count()
    }

    /// The queue positions of an item's units that have not had the floor.
    pub fn unheard(&self, item: usize) -> Vec<usize> {
        let units = &self.data.snapshot().units;
        self.data
            .queue(item)
            .iter()
            .enumerate()
            .filter(|(_, u)| !self.meeting.clock.has_spoken(item, &units[**u].id))
            .map(|(k, _)| k)
            .collect()
    }

    pub(super) fn toggle_pause(&mut self) -> Vec<Effect> {
        if self.meeting.clock.current.is_none() {
            return Vec::new();
        }
        let event = if self.meeting.clock.paused {
            Event::Resume
        } else {
            Event::Pause
        };
        self.record(event);
        vec![Effect::SaveLog]
    }

    /// Points every item's `speaker` index at the unit the log says holds the
    /// floor (queues can change on reload, unit ids do not).
    pub(super) fn sync_speakers(&mut self) {
        let n = self.data.snapshot().agenda.len();
        self.nav.panes.resize(n, Default::default());
        for i in 0..n {
            let queue = self.data.queue(i);
            let unit = self.meeting.clock.speaker(i).and_then(|id| {
                let units = &self.data.snapshot().units;
                queue.iter().position(|&u| units[u].id == id)
            });
            let p = &mut self.nav.panes[i];
            p.speaker = match unit {
                Some(k) => k,
                None => p.speaker.min(queue.len().saturating_sub(1)),
            };
        }
    }

    /// After new data: keep the current item (or the last one if the agenda
    /// shrank), the current speaker (by unit) and every timer.
    pub(super) fn after_reload(&mut self) -> Vec<Effect> {
        let n = self.data.snapshot().agenda.len();
        let mut effects = Vec::new();
        if let Some(cur) = self.meeting.clock.current
            && cur >= n
            && n > 0
        {
            effects = self.go(n - 1);
        }
        // The speaker holding the floor keeps it, even when an edit takes
        // the unit out of the item's queue (its card changed mid-speech):
        // it stays in the queue where it stood until the item moves on.
        if let Some(i) = self.current()
            && let Some(id) = self.meeting.clock.speaker(i).map(str::to_owned)
        {
            let s = &self.data.doc.snapshot;
            let unit = s.units.iter().position(|u| u.id == id);
            let speakers = s
                .agenda
                .get(i)
                .is_some_and(|it| it.pane == crate::model::Pane::Speakers && it.speakers.is_some());
            let at = self.nav.panes.get(i).map_or(0, |p| p.speaker);
            if let (Some(unit), Some(queue)) = (unit, self.data.derived.queues.get_mut(i))
                && speakers
                && !queue.contains(&unit)
            {
                queue.insert(at.min(queue.len()), unit);
            }
        }
        self.sync_speakers();
        let max_group = self.data.derived.standings.groups.len().saturating_sub(1);
        let max_metric = self.data.snapshot().metrics.len();
        for p in &mut self.nav.panes {
            p.group = p.group.min(max_group);
            p.metric = p.metric.min(max_metric);
        }
        effects.dedup();
        effects
    }
}
