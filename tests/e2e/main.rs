//! The real binary in pseudo-terminals, end to end: keys in, the screen read
//! back through a terminal emulator (tests/support/pty.rs). One binary for
//! all of them, apart from the in-process tests of tests/it, so a slow
//! terminal test never shares a process with a proptest storm.

#[path = "../support/mod.rs"]
mod support;

mod console_e2e;
mod console_faults;
mod editor_e2e;
mod symlinks;
mod wall;
