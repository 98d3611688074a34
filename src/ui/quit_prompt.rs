//! The presenter's "quit the meeting?" box: `q` (or Ctrl+C) in the middle
//! of a meeting would otherwise leave a shell prompt on the projector. A
//! second `q` (or Ctrl+C) quits; any other key goes back to the meeting.

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;

use crate::app::App;
use crate::app::keymap::{BINDINGS, Command, display};
use crate::text::width;
use crate::ui::draw::put;
use crate::ui::overlay::framed;
use crate::words::shell_labels as sl;

/// The keys that quit, as the keymap has them (`q`, `Ctrl+c`).
fn quit_keys(app: &App) -> String {
    let lang = app.prefs.lang;
    BINDINGS
        .iter()
        .position(|b| b.command == Command::Quit)
        .and_then(|i| app.prefs.keymap.presenter.keys.get(i))
        .map(|keys| {
            keys.iter()
                .map(|k| display(k, lang))
                .collect::<Vec<_>>()
                .join(lang.pick(" 或 ", " or "))
        })
        .unwrap_or_default()
}

/// Draws the question in the middle of `area`.
pub fn draw(app: &App, area: Rect, buf: &mut Buffer) {
    let t = crate::ui::theme::of(app.prefs.theme);
    let lang = app.prefs.lang;
    let again = sl::QUIT_AGAIN.get(lang).replace("{keys}", &quit_keys(app));
    let stay = sl::QUIT_STAY.get(lang);
    let want_w = width(&again)
        .max(width(stay))
        .max(width(sl::QUIT_ASK.get(lang)))
        + 6;
    let inner = framed(area, buf, t, sl::QUIT_ASK.get(lang), want_w, 5);
    let w = usize::from(inner.width);
    put(buf, inner, inner.x, inner.y + 1, &again, w, t.warning);
    put(buf, inner, inner.x, inner.y + 2, stay, w, t.muted);
}
