//! The console's own words, in Simplified Chinese and English, in one table
//! per pane; panes look labels up here and never spell them inline.

use crate::i18n::Lang;

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
