//! The terminal UI: the console shell (header, agenda rail, footer,
//! overlays) around panes that only draw from borrowed, precomputed data.

pub mod audience;
pub mod big_timer;
pub mod board;
pub mod buffer_text;
#[cfg(test)]
pub mod contrast;
pub mod draw;
pub mod editor;
pub mod footer;
pub mod header;
pub mod huge;
pub mod overlay;
pub mod panes;
pub mod quit_prompt;
pub mod rail;
pub mod screen;
pub mod theme;
pub mod title;
pub mod view;
pub mod widgets;
pub mod wrap;
