//! The store alone touches the disk: it reads snapshots (refusing oversized
//! ones before reading them), writes files atomically, keeps the meeting log
//! and watches the snapshot for outside edits.

pub mod atomic;
pub mod meeting_log;
pub mod read;
pub mod watch;

pub use atomic::write_atomic;
pub use read::{LoadError, Loaded, hash_bytes, load, read_bytes};
