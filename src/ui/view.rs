//! What a pane may look at: borrowed, already-computed data. A pane draws from
//! a [`View`] and computes nothing the model already computed.

use crate::i18n::Lang;
use crate::model::order::SeatedZone;
use crate::model::{AgendaItem, Snapshot, Standings};

use super::theme::Theme;

/// Where the presenter is inside the current pane (changed only by `update`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct PaneState {
    /// Ranking: the metric shown (0 = composite, 1.. = metrics[k-1]).
    pub metric: usize,
    /// Ranking, speakers, projects: the group shown (index into standings.groups).
    pub group: usize,
    /// Which view of the pane (Tab): e.g. chart ↔ table, grid ↔ list.
    pub tab: usize,
    /// First row shown in a scrolled list.
    pub scroll: usize,
    /// Speakers: index into the item's speaker queue.
    pub speaker: usize,
}

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

/// Everything a pane may read to draw itself.
#[derive(Debug, Clone, Copy)]
pub struct View<'a> {
    pub snapshot: &'a Snapshot,
    pub standings: &'a Standings,
    /// The seating zones, filled (computed with the standings).
    pub seating: &'a [SeatedZone],
    /// Units whose card has no seating zone, in standing order.
    pub unzoned: &'a [usize],
    /// Per unit: another unit has the same name.
    pub twins: &'a [bool],
    pub theme: &'a Theme,
    pub lang: Lang,
    /// The current agenda item, if the agenda has one.
    pub item: Option<&'a AgendaItem>,
    pub pane: &'a PaneState,
    /// For a speakers item: the queue, in speaking order.
    pub speakers: &'a [usize],
    /// For a speakers item: the units (by id) that have had the floor.
    pub heard: Option<&'a std::collections::HashSet<String>>,
    /// For a speakers item: the current speaker's countdown.
    pub speaker_timer: Option<TimerView>,
    /// The current item's countdown.
    pub item_timer: Option<TimerView>,
    /// Per unit: its data changed a moment ago (an edit or a reload); the
    /// panes mark its name. Empty when nothing changed.
    pub changed: &'a [bool],
}

impl View<'_> {
    /// Whether unit `u` has had the floor in the current item.
    pub fn has_spoken(&self, u: usize) -> bool {
        let Some(heard) = self.heard else {
            return false;
        };
        self.snapshot
            .units
            .get(u)
            .is_some_and(|unit| heard.contains(&unit.id))
    }

    /// Unit `u`'s name as lists that mix groups show it (with its group
    /// when another unit has the same name).
    pub fn unit_label(&self, u: usize) -> std::borrow::Cow<'_, str> {
        crate::model::order::unit_label(self.snapshot, self.twins, u)
    }

    /// Whether unit `u` changed a moment ago.
    pub fn changed(&self, u: usize) -> bool {
        self.changed.get(u).copied().unwrap_or(false)
    }

    /// The style of unit `u`'s name: `base`, or marked if it just changed.
    pub fn name_style(&self, u: usize, base: ratatui::style::Style) -> ratatui::style::Style {
        if self.changed(u) {
            base.patch(self.theme.changed)
        } else {
            base
        }
    }
}
