//! What a pane may look at: borrowed, already-computed data. A pane draws from
//! a [`View`] and computes nothing the model already computed.

use crate::i18n::Lang;
use crate::model::order::SeatedZone;
use crate::model::{AgendaItem, Snapshot, Standings};

use super::theme::Theme;

pub use crate::app::pane_state::PaneState;
pub use crate::app::timers::{TimerState, TimerView};

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
