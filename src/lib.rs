//! guotang: a terminal console for review meetings (过堂会).
//!
//! The library holds everything the `guotang` binary wires together:
//! [`app`] (the presenter's console as state and one `update`), [`model`]
//! (pure snapshot types, validation, standings), [`store`] (the only code
//! that touches the disk), [`cli`] (commands), [`sanitize`] (the one
//! boundary strings cross before a terminal), [`text`] (widths in terminal
//! columns), [`i18n`] (languages and number formats) and, with the
//! `testgen` feature, `testgen` (generated snapshots of any size, for the
//! benchmarks and tests; not in the shipped tool).
#![deny(clippy::unwrap_used)]

pub mod app;
pub mod cli;
pub mod console;
pub mod export;
pub mod i18n;
pub mod import;
pub mod memory;
pub mod model;
pub mod presenting;
pub mod report;
pub mod sanitize;
pub mod store;
pub mod terminal;
#[cfg(feature = "testgen")]
pub mod testgen;
pub mod text;
pub mod ui;
pub mod words;
