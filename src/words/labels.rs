//! The console's own words, in Simplified Chinese and English, in one table
//! per pane; panes look labels up here and never spell them inline.

use crate::i18n::Lang;
use crate::model::Word as _;

/// A label in both languages.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct L {
    pub zh: &'static str,
    pub en: &'static str,
}

impl L {
    pub const fn new(zh: &'static str, en: &'static str) -> L {
        L { zh, en }
    }
    /// The label in `lang`.
    pub fn get(self, lang: Lang) -> &'static str {
        lang.pick(self.zh, self.en)
    }
}

// Shared across panes.
pub const TIME_PROGRESS: L = L::new("时间进度", "Time progress");
pub const COMPOSITE: L = L::new("综合完成", "Composite");
pub const COMPLETION: L = L::new("完成率", "Completion");
pub const RANK: L = L::new("排名", "Rank");
pub const UNIT: L = L::new("单位", "Unit");
pub const TARGET: L = L::new("目标", "Target");
pub const ACTUAL: L = L::new("完成", "Actual");
pub const GAP_FIRST: L = L::new("与第一差距", "Behind 1st");
pub const GAP_ABOVE: L = L::new("与上一名差距", "Behind next");
/// The same gaps between composites: a difference of two percentages is
/// in percentage points (个百分点), never in %.
pub const GAP_FIRST_PP: L = L::new("与第一差距(个百分点)", "Behind 1st (pp)");
pub const GAP_ABOVE_PP: L = L::new("与上一名差距(个百分点)", "Behind next (pp)");
/// After a number of percentage points: `-14.9个百分点`, `-14.9 pp`.
pub const POINTS: L = L::new("个百分点", " pp");
pub const CARD: L = L::new("牌", "Card");
pub const RED_ZONE: L = L::new("红区", "Red zone");
pub const YELLOW_ZONE: L = L::new("黄区", "Yellow zone");
pub const ALL_UNITS: L = L::new("全部单位", "All units");
pub const UNRANKED: L = L::new("未排名", "Unranked");
pub const OVERDUE: L = L::new("逾期", "Overdue");
pub const STALLED: L = L::new("停工", "Stalled");
pub const DAYS_LATE: L = L::new("逾期天数", "Days late");
pub const START_RATE: L = L::new("开工率", "Start rate");
pub const NONE_DASH: L = L::new("—", "—");

/// The name of a project stage.
pub fn stage(stage: crate::model::Stage, lang: Lang) -> &'static str {
    use crate::model::Stage::*;
    let l = match stage {
        Negotiating => L::new("在谈", "negotiating"),
        Signed => L::new("签约", "signed"),
        Started => L::new("开工", "started"),
        Completed => L::new("竣工", "completed"),
        Producing => L::new("投产", "producing"),
        Stalled => L::new("停工", "stalled"),
        Lost => L::new("流失", "lost"),
    };
    l.get(lang)
}

/// The name of a pane, as the agenda rail and the help show it.
pub fn pane(pane: crate::model::Pane, lang: Lang) -> &'static str {
    use crate::model::Pane::*;
    let l = match pane {
        Overview => L::new("通报", "Overview"),
        Ranking => L::new("比较", "Ranking"),
        Seating => L::new("座次", "Seating"),
        Speakers => L::new("发言", "Speakers"),
        Projects => L::new("项目", "Projects"),
        Notes => L::new("讲话", "Notes"),
    };
    l.get(lang)
}

// Shared by the ranking, seating, speakers and projects panes ("{n}" is replaced).
pub const MORE_UNITS: L = L::new("…还有 {n} 个单位", "… {n} more units");
pub const MORE_ROWS: L = L::new("…还有 {n} 行", "… {n} more rows");
pub const MORE_PROJECTS: L = L::new("…还有 {n} 个项目", "… {n} more projects");
pub const NO_UNITS: L = L::new("没有单位", "no units");

// Ranking pane.
pub const RANKING_NO_DATA: L = L::new("本组无此项数据", "no data on this metric in this group");
pub const RANKING_BASIS: L = L::new("依据", "Why");
pub const RANKING_LOWER: L = L::new("越低越好", "lower is better");
/// After a decided unit's figure on a chart: its card came by decision.
pub const DECIDED_MARK: L = L::new("◆决定", "◆decided");
pub const DECIDED_LEGEND: L = L::new(
    "牌由决定给出，不按规则",
    "card given by decision, not by the rule",
);
pub const RANKING_BY_COMPLETION: L = L::new("按完成率排序", "by completion");
pub const RANKING_BY_VALUE: L = L::new("按完成值排序", "by actual");

// Seating pane.
pub const SEATING_NO_ZONES: L = L::new("未设置座次分区", "no seating zones in this snapshot");
pub const SEATING_OTHER_ZONE: L = L::new("其他区", "Other zone");
pub const SEATING_SEATS: L = L::new("{used}/{cap} 座", "{used}/{cap} seats");
pub const SEATING_ROWS: L = L::new("共 {n} 排", "{n} rows");
pub const SEATING_ROW: L = L::new("{n}排", "R{n}");
pub const SEATING_ZONE: L = L::new("区域", "Zone");
pub const SEATING_ROW_HEADER: L = L::new("排", "Row");
pub const SEATING_SEAT_HEADER: L = L::new("座", "Seat");
pub const SEATING_PERSON: L = L::new("参会人", "Attendee");
pub const SEATING_EMPTY: L = L::new("空", "empty");
pub const SEATING_OVERFLOW: L = L::new("未入座", "No seat");
pub const SEATING_OVERFLOW_COUNT: L = L::new("{n} 个单位未入座", "{n} units without a seat");
pub const SEATING_MISSING: L = L::new("缺 {n} 座", "{n} seats short");
pub const SEATING_STANDING: L = L::new("随员无座", "Aides without a seat");
pub const SEATING_MORE: L = L::new("等 {n} 个", " and {n} more");
pub const SEATING_UNZONED: L = L::new("未分区", "No zone");
pub const SEATING_UNZONED_WHY: L = L::new(
    "{card}，座次未设相应分区",
    "{card}: the seating has no zone for it",
);
pub const SEATING_AS_LIST: L = L::new(
    "座位图在此尺寸下放不下，改为列表显示",
    "the seat grid does not fit at this size: shown as a list",
);

// Speakers pane.
pub const SPEAKERS_EMPTY: L = L::new("本项无发言单位", "no unit speaks in this item");
pub const SPEAKERS_METRIC: L = L::new("指标", "Metric");
pub const SPEAKERS_PACE: L = L::new("进度差(个百分点)", "vs pace (pp)");
pub const SPEAKERS_PACE_SHORT: L = L::new("进度差", "vs pace");
pub const SPEAKERS_PROJECTS: L = L::new("项目 {n} 个", "Projects ({n})");
pub const SPEAKERS_LATE: L = L::new("逾期{n}天", "{n} d late");
pub const SPEAKERS_NO_PROJECTS: L = L::new("无在库项目", "no projects on record");
pub const SPEAKERS_PAUSED: L = L::new("暂停", "paused");
pub const SPEAKERS_STAGE: L = L::new("阶段", "Stage");

// Projects pane.
pub const PROJECTS_PIPELINE: L = L::new("项目推进", "Pipeline");
pub const PROJECTS_LATE: L = L::new("逾期和停工项目", "Overdue and stalled projects");
pub const PROJECTS_PROJECT: L = L::new("项目", "Project");
pub const PROJECTS_INVESTMENT: L = L::new("投资(亿元)", "Invest. (亿元)");
pub const PROJECTS_DUE: L = L::new("节点", "Due");
pub const PROJECTS_DUE_START: L = L::new("应开工", "start by");
pub const PROJECTS_DUE_COMPLETE: L = L::new("应竣工", "finish by");
pub const PROJECTS_NOTE: L = L::new("备注", "Note");
pub const PROJECTS_STATUS: L = L::new("状态", "Status");
pub const PROJECTS_DAYS: L = L::new("{n}天", "{n} d");
pub const PROJECTS_NONE_LATE: L = L::new("没有逾期或停工项目", "no overdue or stalled projects");
pub const PROJECTS_NONE: L = L::new("本组单位没有项目", "no projects in this group");
/// Column headers for the stages, short enough for seven columns side by side.
pub const PROJECTS_STAGE_HEADERS: [L; 7] = [
    L::new("在谈", "Talks"),
    L::new("签约", "Signed"),
    L::new("开工", "Started"),
    L::new("竣工", "Built"),
    L::new("投产", "Running"),
    L::new("停工", "Stalled"),
    L::new("流失", "Lost"),
];
pub const PROJECTS_TOTAL_INVESTMENT: L = L::new("总投资", "Invest.");

/// The snapshot's word for a choice typed as its label in either language
/// (开工 or started → `started`, 红牌 → `red`, 比较 → `ranking`), for
/// `guotang set`; case and spaces aside for the English labels.
pub fn word_for(choice: crate::model::edit::known::Choice, typed: &str) -> Option<&'static str> {
    use crate::model::edit::known::Choice;
    use crate::model::{Card, Pane, Stage};
    let t = typed.trim();
    let is = |label: &str| label == t || label.eq_ignore_ascii_case(t);
    let langs = [Lang::Zh, Lang::En];
    match choice {
        Choice::Stage => Stage::all()
            .iter()
            .copied()
            .find(|&s| langs.iter().any(|&l| is(stage(s, l))))
            .map(Stage::as_str),
        Choice::Pane => Pane::all()
            .iter()
            .copied()
            .find(|&p| langs.iter().any(|&l| is(pane(p, l))))
            .map(Pane::as_str),
        Choice::Card => [Card::RED, Card::YELLOW, Card::NONE]
            .into_iter()
            .find(|&c| {
                langs
                    .iter()
                    .any(|&l| is(crate::model::explain::card_name(c, l)))
            })
            // The default tiers' ids; a meeting's own tiers are matched by
            // their labels where the snapshot is at hand.
            .map(|c| match c {
                Card::RED => "red",
                Card::YELLOW => "yellow",
                _ => "none",
            }),
        Choice::Better | Choice::Rule | Choice::Locale => None,
    }
}
