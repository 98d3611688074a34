//! The presenter's position as the room's other screens need it: derived
//! from the console's state like the screen is, published by the event
//! loop when it changes ([`crate::store::position`]).

use crate::store::position::{ItemRef, PaneRef, Place};

use super::App;

impl App {
    /// Where the presenter is now: item, speaker, pause, timers, the pane's
    /// switches and the layout the room sees.
    pub fn place(&self) -> Place {
        let s = self.data.snapshot();
        let c = &self.meeting.clock;
        let item = self.current();
        let speaker = item
            .filter(|&i| !self.data.queue(i).is_empty())
            .and_then(|i| c.speaker(i))
            .map(str::to_owned);
        let pane = self.pane_state();
        Place {
            date: s.meeting.date,
            title: s.meeting.title.clone(),
            snapshot_hash: self.data.content_hash,
            item: item.and_then(|i| {
                s.agenda.get(i).map(|it| ItemRef {
                    index: i,
                    id: it.id.clone(),
                    title: it.title.clone(),
                })
            }),
            speaker_ms: match (item, &speaker) {
                (Some(i), Some(unit)) => c.speaker_elapsed(i, unit),
                _ => 0,
            },
            speaker,
            paused: c.paused,
            item_ms: item.map_or(0, |i| c.item_elapsed(i)),
            pane: PaneRef {
                metric: pane.metric,
                group: pane.group,
                tab: pane.tab,
                scroll: pane.scroll,
            },
            fullscreen: self.prefs.fullscreen,
            big_timer: self.prefs.big_timer,
        }
    }
}
