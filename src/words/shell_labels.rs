//! The console shell's own words (header, agenda rail, footer, overlays) and
//! those of the overview and notes panes, in both languages.

use super::labels::L;

pub const AGENDA: L = L::new("议程", "Agenda");
pub const NEXT_ITEM: L = L::new("下一项", "Next");
pub const LAST_ITEM: L = L::new("最后一项", "Last item");
pub const AT_THIS_PACE: L = L::new("按当前进度", "Projected end");
pub const ENDS: L = L::new("结束", "");
pub const LATE_BY: L = L::new("超时", "late by");
pub const EARLY_BY: L = L::new("提前", "early by");
pub const ON_TIME: L = L::new("准时", "on time");
pub const MINUTES: L = L::new("分钟", "min");
pub const MIN_SHORT: L = L::new("分", "m");
pub const DATA_LOADED: L = L::new("数据载入", "Data loaded");
pub const DATA_UPDATED: L = L::new("数据已更新", "Data updated");
pub const DATA_GONE: L = L::new(
    "数据文件不见了（删除或改名），仍显示上次的数据",
    "The data file is gone (deleted or renamed); showing the last data until it is back",
);
pub const DATA_BROKEN: L = L::new(
    "数据文件有误，仍显示上次的数据",
    "The data file is broken; still showing the last good data",
);
pub const PAUSED: L = L::new("已暂停", "PAUSED");
pub const ITEM_TIMER: L = L::new("本项", "Item");
pub const SPEAKER_TIMER: L = L::new("发言", "Speaker");
pub const TO_SPEAK: L = L::new("待发言 {n}", "{n} to speak");
pub const PLANNED: L = L::new("计划", "planned");
pub const NO_AGENDA: L = L::new("本次会议没有议程", "This meeting has no agenda");
pub const HELP_TITLE: L = L::new("键位（任意键关闭）", "Keys (any key closes)");
pub const HELP_JUMP: L = L::new("跳到第 1–9 项", "go to item 1–9");
pub const HELP_MOUSE: L = L::new(
    "鼠标：点击议程跳转，滚轮滚动列表",
    "Mouse: click an agenda item to go there, wheel scrolls lists",
);
pub const NO_COLOR_KEPT: L = L::new("已设置 NO_COLOR：保持单色", "NO_COLOR is set: staying mono");
/// The too-small message shows both languages: the snapshot's may be unknown yet.
pub const TOO_SMALL_ZH: [&str; 3] = ["窗口太小", "请放大到至少", "当前"];
pub const TOO_SMALL_EN: [&str; 3] = ["Window too small", "please enlarge to at least", "now"];
pub const KEYS_PROBLEM: L = L::new(
    "键位配置有误，使用默认键位",
    "keys.json has problems; using the default keys",
);
pub const QUIT_ASK: L = L::new("退出会议？", "Quit the meeting?");
pub const QUIT_AGAIN: L = L::new("再按 {keys} 退出", "press {keys} again to quit");
pub const QUIT_STAY: L = L::new("按其他键继续开会", "any other key goes back to the meeting");
pub const LOG_PROBLEM: L = L::new("会议记录无法保存", "cannot save the meeting log");

// Overview pane.
pub const HEADLINE: L = L::new("主要指标", "Headline figures");
pub const YEAR_TARGET: L = L::new("全年目标", "Target");
pub const RATE: L = L::new("完成率", "Rate");
pub const DONE_SO_FAR: L = L::new("累计完成", "So far");
pub const VS_PACE: L = L::new("对比时间进度", "vs time progress");
pub const BEST: L = L::new("最好", "Best");
pub const WORST: L = L::new("最差", "Worst");
pub const MOST: L = L::new("最多", "Most");
pub const LEAST: L = L::new("最少", "Least");
pub const BY_GROUP: L = L::new("各组首末", "Top and bottom per group");
pub const PROJECTS_ALERT: L = L::new("项目预警", "Project alerts");
pub const NOT_STARTED_LATE: L = L::new("开工逾期", "start overdue");
pub const NOT_DONE_LATE: L = L::new("竣工逾期", "completion overdue");
pub const DAYS: L = L::new("天", "d");
pub const NO_ALERTS: L = L::new("无逾期、停工项目", "No overdue or stalled projects");
pub const MORE: L = L::new("另有", "and");
pub const MORE_TAIL: L = L::new("项", "more");

// Notes pane.
pub const SPEAKER: L = L::new("主讲", "Speaker");
pub const NO_NOTES: L = L::new("（本项无提纲）", "(no outline for this item)");

// `t`: which theme is now on, e.g. 配色：投影.
pub const THEME_NOW: L = L::new("配色：", "Theme: ");
pub const THEME_DARK: L = L::new("深色", "dark");
pub const THEME_LIGHT: L = L::new("浅色", "light");
pub const THEME_PROJECTOR: L = L::new("投影", "projector");
pub const THEME_MONO: L = L::new("黑白", "mono");
