//! The integration tests, one module each, in one binary: linking a test
//! binary costs about as much as compiling its tests, and twenty of them
//! dominated `cargo test` on a two-core machine (ripgrep and helix do the
//! same). The tests that drive the real binary in a pseudo-terminal are in
//! tests/e2e; the two that change something process-wide are in tests/solo.
//!
//! Snapshots are in tests/it/snapshots, named `it__MODULE__NAME.snap`.

#[path = "../support/mod.rs"]
mod support;

mod cli;
mod cli_v2;
mod console_screens;
mod crash;
mod derive_again;
mod edit_in_place;
mod export_import;
mod faults;
mod hostile;
mod import_sheets;
mod layers;
mod model_errors;
mod panes;
mod reload_diff;
mod report;
mod roundtrip;
mod sandbox;
mod screen_sizes;
mod set;
mod standings_oracle;
mod store;
mod tiers_io;
mod wall_screens;
