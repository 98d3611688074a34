//! guotang: a terminal console for review meetings (过堂会).
//!
//! The library holds everything the `guotang` binary wires together:
//! [`model`] (pure snapshot types, validation, standings), [`store`] (the only
//! code that touches the disk), [`cli`] (commands), [`sanitize`] (the one
//! boundary strings cross before a terminal), [`text`] (widths in terminal
//! columns) and [`i18n`] (languages and number formats).
#![deny(clippy::unwrap_used)]

pub mod cli;
pub mod export;
pub mod i18n;
pub mod import;
pub mod model;
pub mod report;
pub mod sanitize;
pub mod store;
pub mod text;
pub mod ui;
