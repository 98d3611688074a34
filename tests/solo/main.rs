//! The tests that each change something process-wide, which no other test
//! of this binary reads: `save_stress` sets `GUOTANG_DATA_DIR` so that its
//! in-process writers share the data directory of its `guotang set`
//! children, `panes_ambiguous` draws East-Asian ambiguous characters two
//! columns wide. Anything added here must keep to that; in tests/it either
//! would change what other tests see.

#[path = "../support/mod.rs"]
mod support;

mod panes_ambiguous;
mod save_stress;
