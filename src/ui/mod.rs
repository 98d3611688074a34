//! The terminal UI: panes that only draw from borrowed, precomputed data.

pub mod draw;
pub mod labels;
pub mod panes;
pub mod theme;
pub mod view;
pub mod widgets;
