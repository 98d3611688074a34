//! The mouse: a click on an agenda item goes there, the wheel scrolls lists.
//! Hit-testing uses the same layout the screen is drawn with.

use ratatui::crossterm::event::{MouseButton, MouseEvent, MouseEventKind};
use ratatui::layout::Rect;

use super::{App, Effect, layout};

impl App {
    pub(super) fn mouse(&mut self, m: MouseEvent) -> Vec<Effect> {
        let (w, h) = self.prefs.size;
        let area = Rect::new(0, 0, w, h);
        if layout::too_small(area) || self.nav.help || self.edit.dialog.is_some() {
            return Vec::new();
        }
        if self.edit.active {
            // The wheel moves the editor's cursor; clicks do nothing yet.
            match m.kind {
                MouseEventKind::ScrollDown => self.edit_scroll(3),
                MouseEventKind::ScrollUp => self.edit_scroll(-3),
                _ => {}
            }
            return Vec::new();
        }
        match m.kind {
            MouseEventKind::Down(MouseButton::Left) => {
                let l = layout::compute(self, area);
                match layout::rail_item_at(self, l.rail, m.column, m.row) {
                    Some(i) => self.go(i),
                    None => Vec::new(),
                }
            }
            MouseEventKind::ScrollDown => {
                self.scroll(true);
                Vec::new()
            }
            MouseEventKind::ScrollUp => {
                self.scroll(false);
                Vec::new()
            }
            _ => Vec::new(),
        }
    }
}
