//! The words of the room's screens — the audience view, the hall board —
//! and of how the file is watched, in both languages.

use super::labels::L;

/// The header's note when the file is polled, not watched natively.
pub const POLLING: L = L::new("轮询", "polling");
pub const POLLING_FAILED: L = L::new("系统监视不可用", "native watching failed");
pub const WATCH_FAILED: L = L::new(
    "无法监视数据文件，修改不会自动显示",
    "cannot watch the data file: changes will not show by themselves",
);
