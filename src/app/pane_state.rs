//! Where the presenter is inside each item's pane (metric, group, view,
//! scroll, speaker): navigation state, changed only by `update`; the panes
//! read it to draw.

use crate::model::Pane;

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

/// How many views (Tab) a pane has; `PaneState::tab` cycles below this.
/// A pane that gains a view raises its number here.
pub fn tabs(pane: Pane) -> usize {
    match pane {
        Pane::Overview | Pane::Notes => 1,
        Pane::Ranking | Pane::Seating | Pane::Speakers | Pane::Projects => 2,
    }
}
