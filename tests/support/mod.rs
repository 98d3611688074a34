//! Helpers shared by the test binaries (tests/it, tests/e2e, tests/solo).
pub mod data;
pub mod journal;
pub mod pty;
