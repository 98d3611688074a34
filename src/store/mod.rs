//! The store alone touches the disk: it reads snapshots (refusing oversized
//! ones before reading them), saves them without losing anyone's work (one
//! save of a file at a time under an OS lock, hash check, backup, atomic
//! write), journals unsaved edits in journals that belong to their writer,
//! and tells a second editor who edits the file; it keeps the meeting log
//! and watches the snapshot for outside edits (natively, or by polling on
//! network shares).

pub mod atomic;
pub mod backup;
pub mod content;
pub mod data_dir;
pub mod fs_kind;
pub mod journal;
pub mod lock;
pub mod mapped;
pub mod meeting_log;
pub mod poll;
pub mod position;
pub mod read;
pub mod reload;
pub mod save;
pub mod watch;

pub use atomic::write_atomic;
pub use content::{OnDisk, hash_bytes};
pub use journal::{Journal, JournalError, Recovery};
pub use lock::{Lock, LockError, LockInfo};
pub use read::{LoadError, Loaded, load, load_if_changed, load_once, read_bytes};
pub use save::{Expect, SaveError, Saved, save, save_bytes, save_with};
