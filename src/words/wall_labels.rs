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
pub const OTHER_PRESENTER: L = L::new(
    "另一台主讲控制台正在向观众屏幕发布，本机不发布",
    "another presenter's console publishes to the audience screens; this one does not",
);
pub const NOW_PUBLISHING: L = L::new(
    "本机现在向观众屏幕发布位置",
    "this console now publishes its position to the audience screens",
);
pub const PUBLISH_FAILED: L = L::new(
    "无法向观众屏幕发布位置",
    "cannot publish the position to the audience screens",
);
pub const NO_PRESENTER: L = L::new("未连接主讲端", "no presenter");
pub const PRESENTER_QUIET: L = L::new("主讲端无响应，最后一次", "presenter not heard from since");
pub const PRESENTER_LEFT: L = L::new("主讲端已退出", "presenter left at");
pub const POSITION_BROKEN: L = L::new("主讲端位置文件有误", "presenter's position file is broken");
pub const OTHER_MEETING: L = L::new("主讲端为另一场会议", "presenter is on another meeting");
pub const WAITING_FOR_DATA: L = L::new("等待数据同步", "waiting for the data to sync");
pub const CLOCK_BEHIND: L = L::new("本机时钟比主讲端慢", "this clock is behind the presenter's");
pub const BOARD_OVERVIEW: L = L::new("总览", "Overview");
pub const BOARD_UNITS: L = L::new("单位", " units");
pub const BOARD_GROUP: L = L::new("板块", "Group");
pub const BOARD_COUNT: L = L::new("{n} 个", "{n}");
pub const NEXT_PAGE: L = L::new("{n} 秒后下一页", "next page in {n} s");
pub const PODIUM: L = L::new("主席台", "Podium");
