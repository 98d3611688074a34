//! The words of what goes into and out of a meeting of format v2 (the
//! editor's marks and history, the bulletin's and exports' tiers, trends
//! and escalations), in both languages; kept apart from the older tables
//! so that work on the screens and on input and output merges cleanly.

use super::labels::L;
use crate::i18n::Lang;
use crate::model::Snapshot;
use crate::sanitize::one_line;

// The editor.
pub const MARKS: L = L::new("评委打分", "marks");
/// `{n}`: the mark's place, `{text}`: what was typed.
pub const NEED_MARK: L = L::new(
    "第 {n} 个分数「{text}」需为不小于 0 的数，分数间用空格隔开，如 88 92 90.5",
    "mark {n} ({text}) must be a number ≥ 0; marks are separated by spaces, e.g. 88 92 90.5",
);

/// The message for a mark that is not a number ≥ 0.
pub fn need_mark(bad: &crate::model::typed::BadMark, lang: Lang) -> String {
    NEED_MARK
        .get(lang)
        .replace("{n}", &bad.position.to_string())
        .replace("{text}", &bad.text)
}

// `rank_change` and `streak_note` are the screens' words too: crate::words::tier_labels.

// The bulletin.
pub const SEC_TIERS: L = L::new("各等次单位", "Units by tier");
pub const TIER: L = L::new("等次", "Tier");
/// `{tier}`: the tier's label.
pub const TIER_LIST: L = L::new("{tier}单位", "Units with {tier}");
pub const NO_TIER: L = L::new("本期无{tier}单位。", "No unit holds {tier}.");
pub const RANK_CHANGE: L = L::new("进位/退位", "Change");
pub const POINTS: L = L::new("综合得分", "Points");
pub const GAP_FIRST_POINTS: L = L::new("与第一差距（分）", "Behind 1st (points)");
pub const RANKING_NOTE_POINTS: L = L::new(
    "各指标格内为“完成／目标”及完成率；综合得分为各项得分之和，加分项加、扣分项减。",
    "Each metric shows actual / target and completion; the points add up each metric's score, plus bonus and minus deduction items.",
);
pub const TREND: L = L::new("走势", "Trend");
/// The meeting's own period in a trend, when it has no label.
pub const NOW: L = L::new("本期", "now");
pub const ESCALATIONS: L = L::new("升级处理", "Escalations");
pub const NO_ESCALATIONS: L = L::new("本期无升级处理事项。", "No unit faces an escalation.");
pub const STREAK: L = L::new("连续次数", "Times running");
pub const FOLLOWS: L = L::new("后续处理", "What follows");

/// `连续 3 次` / `3 times`.
pub fn times(n: u32, lang: Lang) -> String {
    match lang {
        Lang::Zh => format!("连续 {n} 次"),
        Lang::En if n == 1 => "once".to_owned(),
        Lang::En => format!("{n} times"),
    }
}

/// `7 个评分` / `7 marks`.
pub fn marks_count(n: usize, lang: Lang) -> String {
    match lang {
        Lang::Zh => format!("{n} 个评分"),
        Lang::En if n == 1 => "1 mark".to_owned(),
        Lang::En => format!("{n} marks"),
    }
}

/// How many units moved up and down since the last meeting, and who moved
/// most each way, as a sentence that follows the bulletin's summary.
pub fn moved(s: &Snapshot, st: &crate::model::Standings, lang: Lang) -> String {
    let changes: Vec<(usize, i64)> = st
        .order
        .iter()
        .filter_map(|&u| st.units[u].trend.rank_change.map(|c| (u, c)))
        .collect();
    let up = changes.iter().filter(|(_, c)| *c > 0).count();
    let down = changes.iter().filter(|(_, c)| *c < 0).count();
    // The first in standing order among equal moves.
    let most = |sign: i64| {
        changes
            .iter()
            .filter(|(_, c)| c * sign > 0)
            .fold(None::<(usize, i64)>, |best, &(u, c)| match best {
                Some((_, b)) if b * sign >= c * sign => best,
                _ => Some((u, c)),
            })
    };
    let name = |u: usize| one_line(&s.units[u].name).into_owned();
    let mut out = match lang {
        Lang::Zh => format!("与上期相比，进位 {up} 个、退位 {down} 个"),
        Lang::En => format!(" Since the last meeting {up} moved up and {down} down"),
    };
    for (sign, zh, en) in [(1, "进位最多", "most up"), (-1, "退位最多", "most down")] {
        if let Some((u, c)) = most(sign) {
            let arrow = super::tier_labels::rank_change(Some(c), lang);
            match lang {
                Lang::Zh => out.push_str(&format!("，{zh}的是{}（{arrow}）", name(u))),
                Lang::En => out.push_str(&format!("; {en}: {} ({arrow})", name(u))),
            }
        }
    }
    out.push_str(lang.pick("。", "."));
    out
}
pub const CHART_POINTS: L = L::new("综合得分", "Points");
pub const SHEET_HISTORY: L = L::new("历史", "History");
