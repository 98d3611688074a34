//! What this console shows the room, and how it hears of the file: the
//! presenter's console (or the secretary's), and how its snapshot is
//! watched (natively, or polled on a network share).

use crate::store::watch::Watching;

/// The console's place in the room.
#[derive(Debug, Clone, Default)]
pub struct Room {
    /// How the snapshot is watched (the header says so when it is polled).
    pub watching: Watching,
}
