//! What a pane may look at: borrowed, already-computed data. A pane draws from
//! a [`View`] and computes nothing the model already computed.

use crate::i18n::Lang;
use crate::model::order::SeatedZone;
use crate::model::{AgendaItem, Card, Scoring, Snapshot, Standings, Tiers};

use super::theme::Theme;

pub use crate::app::frames::Frames;
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
    /// For a speakers item: the widest name of its queue in columns, when
    /// measured ahead (once per data change); else the pane measures it.
    pub speaker_names: Option<usize>,
    /// For a speakers item: the current speaker's countdown.
    pub speaker_timer: Option<TimerView>,
    /// The current item's countdown.
    pub item_timer: Option<TimerView>,
    /// Per unit: its data changed a moment ago (an edit or a reload); the
    /// panes mark its name. Empty when nothing changed.
    pub changed: &'a [bool],
    /// What the panes would otherwise measure over the whole data on every
    /// frame, taken once per data change.
    pub frames: &'a Frames,
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

    /// The meeting's tiers, best first.
    pub fn tiers(&self) -> &Tiers {
        &self.snapshot.cards.tiers
    }

    /// A card's label: the meeting's own (流动红旗, 优秀), else 红牌 / red card.
    pub fn tier_label(&self, card: Card) -> &str {
        self.tiers().label(card, self.lang)
    }

    /// The style of a card's label, in its tier's colour.
    pub fn badge(&self, card: Card) -> ratatui::style::Style {
        self.theme.badge(self.tiers(), card)
    }

    /// The style of the bars, figures and names of a unit holding `card`.
    pub fn bar(&self, card: Card) -> ratatui::style::Style {
        self.theme.tier_bar(self.tiers(), card)
    }

    /// Whether the composite is a score in points (no time-progress line,
    /// figures and gaps in 分).
    pub fn points(&self) -> bool {
        self.snapshot.scoring == Scoring::Points
    }

    /// A composite as the room reads it: `85.7%`, or `85.7分` under points.
    pub fn composite(&self, x: f64) -> String {
        if self.points() {
            crate::words::tier_labels::points(x, self.lang)
        } else {
            crate::i18n::pct(x)
        }
    }

    /// The composite's name: 综合完成, or 综合得分 under points.
    pub fn composite_label(&self) -> &'static str {
        if self.points() {
            crate::words::tier_labels::COMPOSITE_POINTS.get(self.lang)
        } else {
            crate::words::labels::COMPOSITE.get(self.lang)
        }
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
