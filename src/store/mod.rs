//! The store alone touches the disk: it reads snapshots (refusing oversized
//! ones before reading them) and writes files atomically.

pub mod atomic;
pub mod read;

pub use atomic::write_atomic;
pub use read::{LoadError, Loaded, hash_bytes, load, read_bytes};
