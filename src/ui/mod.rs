//! The terminal UI: the console shell (header, agenda rail, footer,
//! overlays) around panes that only draw from borrowed, precomputed data.

pub mod big_timer;
pub mod buffer_text;
#[cfg(test)]
pub mod contrast;
pub mod draw;
pub mod editor;
pub mod footer;
pub mod header;
pub mod overlay;
pub mod panes;
pub mod quit_prompt;
pub mod rail;
pub mod screen;
pub mod theme;
pub mod view;
pub mod widgets;
pub mod wrap;

// The label tables moved to `crate::words` (issue 17) so that every layer
// may use them; these names keep code written before the move compiling.
pub use crate::words::{edit_labels, import_labels, labels, shell_labels};
// The screen's geometry moved to `app::layout`: `update` needs it too.
pub use crate::app::layout;
