//! The room's screens without a terminal, for tests and benchmarks: an
//! audience console following a presenter on an agenda item, and the hall
//! board on a page — timers at zero and the clock at the item's planned
//! start, as `guotang render` has them.

use crate::app::{Action, App, Keymap, Options};
use crate::model::Document;
use crate::store::lock::LockInfo;
use crate::store::position::Position;
use crate::ui::theme::ThemeName;

use super::render::{app_at_item, planned_start};

fn options(theme: ThemeName, size: (u16, u16)) -> Options {
    Options {
        theme: Some(theme),
        no_color: false,
        env_lang: None,
        keymap: Keymap::default(),
        size,
    }
}

/// An audience console on `doc` that has heard the presenter's position on
/// agenda item `item` (0-based), as [`app_at_item`] has the presenter.
pub fn audience_at_item(doc: Document, item: usize, theme: ThemeName, size: (u16, u16)) -> App {
    let presenter = app_at_item(doc.clone(), item, theme, None, size);
    audience_of(&presenter, doc, theme, size)
}

/// An audience console on `doc` that has heard `presenter`'s position now.
pub fn audience_of(presenter: &App, doc: Document, theme: ThemeName, size: (u16, u16)) -> App {
    let now = presenter.now();
    let mut app = App::audience(doc, presenter.data.content_hash, options(theme, size), now);
    app.data.loaded_at = presenter.data.loaded_at;
    let position = Position {
        written_at: crate::presenting::local(now),
        seq: 1,
        presenter: LockInfo::current("present"),
        ended: false,
        place: presenter.place(),
    };
    app.update(Action::Position(Ok(Some(Box::new(position)))));
    app
}

/// A hall board on `doc` showing page `page` (0-based) of its loop.
pub fn board_at_page(doc: Document, page: usize, theme: ThemeName, size: (u16, u16)) -> App {
    let start = planned_start(&doc);
    let mut app = App::board(doc, None, options(theme, size), start, 15);
    app.data.loaded_at = start;
    app.update(Action::Resize(size.0, size.1));
    for _ in 0..page {
        app.update(Action::Command(crate::app::Command::Next));
    }
    app
}
