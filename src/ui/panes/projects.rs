//! The projects pane (scaffolding: the interface the console calls; drawn by its owner).

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::widgets::Widget;

use crate::ui::view::View;

/// Draws the projects pane from a borrowed view.
pub struct ProjectsPane<'a>(pub &'a View<'a>);

impl Widget for ProjectsPane<'_> {
    fn render(self, area: Rect, buf: &mut Buffer) {
        let title = self.0.item.map_or("", |i| i.title.as_str());
        crate::ui::draw::put(
            buf,
            area,
            area.x,
            area.y,
            title,
            usize::from(area.width),
            self.0.theme.title,
        );
    }
}
