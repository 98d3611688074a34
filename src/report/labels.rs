//! The bulletin's own words, in Simplified Chinese and English. Snapshot text
//! (titles, names, reasons) never comes from here.

pub use crate::words::labels::{L, stage};

pub const BULLETIN: L = L::new("通报", "Bulletin");
pub const DATE: L = L::new("会议日期", "Date");
pub const VENUE: L = L::new("地点", "Venue");
pub const PERIOD: L = L::new("统计期", "Period");
pub const TIME_PROGRESS: L = L::new("时间进度", "Time progress");
pub const TO: L = L::new("至", "to");

pub const SEC_OVERVIEW: L = L::new("总体情况", "Overview");
pub const SEC_RANKING: L = L::new("排名情况", "Rankings");
pub const SEC_CARDS: L = L::new("红黄牌单位", "Red and yellow cards");
pub const SEC_PROJECTS: L = L::new("项目推进", "Projects");
pub const SEC_MINUTES: L = L::new("会议纪要", "Minutes");

pub const HEADLINE: L = L::new("主要指标完成情况", "Headline figures against targets");
pub const GROUP: L = L::new("分组", "Group");
pub const METRIC: L = L::new("指标", "Metric");
pub const TARGET_SUM: L = L::new("目标合计", "Target");
pub const ACTUAL_SUM: L = L::new("完成合计", "Actual");
pub const COMPLETION: L = L::new("完成率", "Completion");
pub const VS_PACE: L = L::new("较时间进度（个百分点）", "vs time (pp)");
pub const AT_PACE: L = L::new("达到时间进度", "At pace");
pub const HEADLINE_NOTE: L = L::new(
    "完成合计为各单位完成之和，目标合计为有目标单位的目标之和，完成率＝完成合计÷目标合计；无目标的指标不计完成率。“达到时间进度”为完成率不低于时间进度的单位数／有目标的单位数。",
    "Actual is every unit's actual added up, target the targets there are; completion is actual ÷ target, and none where no unit has a target. “At pace” is units whose completion keeps up with time, of those with a target.",
);

pub const RANK: L = L::new("排名", "Rank");
pub const UNIT: L = L::new("单位", "Unit");
pub const COMPOSITE: L = L::new("综合完成", "Composite");
pub const GAP_FIRST: L = L::new("与第一差距（个百分点）", "Behind 1st (pp)");
pub const CARD: L = L::new("牌", "Card");
pub const REASON: L = L::new("依据", "Why");
pub const ALL_UNITS: L = L::new("全部单位", "All units");
pub const RANKING_OF: L = L::new("排名", "ranking");
pub const RANKING_NOTE: L = L::new(
    "各指标格内为“完成／目标”及完成率；综合完成按权重加权。",
    "Each metric shows actual / target and completion; the composite is weighted.",
);

pub const RED_LIST: L = L::new("红牌单位", "Red card units");
pub const YELLOW_LIST: L = L::new("黄牌单位", "Yellow card units");
pub const NO_RED: L = L::new("本期无红牌单位。", "No unit holds a red card.");
pub const NO_YELLOW: L = L::new("本期无黄牌单位。", "No unit holds a yellow card.");

pub const OVERDUE: L = L::new("逾期项目", "Overdue projects");
pub const STALLED: L = L::new("停工项目", "Stalled projects");
pub const NO_OVERDUE: L = L::new("无逾期项目。", "No project is overdue.");
pub const NO_STALLED: L = L::new("无停工项目。", "No project is stalled.");
pub const PROJECT: L = L::new("项目", "Project");
pub const STAGE: L = L::new("阶段", "Stage");
pub const INVESTMENT: L = L::new("投资（亿元）", "Investment");
pub const MISSED: L = L::new("逾期节点", "Missed");
pub const DUE: L = L::new("应完成日期", "Due");
pub const DAYS_LATE: L = L::new("逾期天数", "Days late");
pub const SIGNED_ON: L = L::new("签约日期", "Signed");
pub const NOTE: L = L::new("备注", "Note");
pub const MISSED_START: L = L::new("开工", "start");
pub const MISSED_COMPLETE: L = L::new("竣工", "completion");

pub const CHART_PACE: L = L::new("综合完成与时间进度", "Composite against time progress");
pub const TARGET: L = L::new("目标", "target");
pub const DECIDED: L = L::new("◆决定", "◆decided");
pub const DECIDED_LEGEND: L = L::new(
    "决定：牌由决定给出，不按规则",
    "decided: card by decision, not by the rule",
);
pub const CHART_RANKING: L = L::new("排名", "ranking");
pub const CHARTS_OMITTED: L = L::new(
    "（图表未随 Markdown 输出到标准输出；用 -o 写文件时，图表作为 SVG 文件保存在旁边。）",
    "(Charts are left out when Markdown goes to standard output; with -o they are written as SVG files beside it.)",
);
pub const GENERATED: L = L::new("由 guotang 生成", "Made with guotang");
