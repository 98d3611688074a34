//! One pane per agenda item kind; this is the only place that maps a
//! [`Pane`] to the widget that draws it.

pub mod notes;
pub mod overview;
pub mod projects;
pub mod ranking;
pub mod seating;
pub mod speakers;

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::widgets::Widget;

use crate::model::Pane;

use super::view::View;

/// Draws the current item's pane (overview when the agenda is empty).
pub fn draw(view: &View, area: Rect, buf: &mut Buffer) {
    match view.item.map_or(Pane::Overview, |i| i.pane) {
        Pane::Overview => overview::OverviewPane(view).render(area, buf),
        Pane::Ranking => ranking::RankingPane(view).render(area, buf),
        Pane::Seating => seating::SeatingPane(view).render(area, buf),
        Pane::Speakers => speakers::SpeakersPane(view).render(area, buf),
        Pane::Projects => projects::ProjectsPane(view).render(area, buf),
        Pane::Notes => notes::NotesPane(view).render(area, buf),
    }
}

pub use crate::app::pane_state::tabs;
