//! The words of format v2 on screen: a meeting's own tiers, points, judges'
//! marks, vetoes and the history against previous meetings (进位/退位,
//! 连续 3 次黄牌 → 约谈), in Simplified Chinese and English.

use crate::i18n::{Lang, num};
use crate::model::{Snapshot, UnitStanding};
use crate::sanitize::one_line;

use super::labels::L;

/// The composite under points scoring.
pub const COMPOSITE_POINTS: L = L::new("综合得分", "Score");
/// After a number of points: `85.7分`, `85.7 pts`.
pub const POINTS_UNIT: L = L::new("分", " pts");
/// Gaps between scores are in points.
pub const GAP_FIRST_PTS: L = L::new("与第一差距(分)", "Behind 1st (pts)");
pub const GAP_ABOVE_PTS: L = L::new("与上一名差距(分)", "Behind next (pts)");
/// A zone of a meeting's own tier without a label of its own: `绿牌区`.
pub const TIER_ZONE: L = L::new("{tier}区", "{tier} zone");
/// Beside a vetoed unit's figure, and what it means under the chart.
pub const VETO_MARK: L = L::new("✕否决", "✕veto");
pub const VETO_LEGEND: L = L::new("一票否决，不论得分", "vetoed, whatever the score");
/// A veto metric's row on the scorecard, when it vetoes.
pub const VETOED: L = L::new("一票否决", "veto");
/// The judges' marks of a metric on the scorecard, the mean used first
/// (it is what counts): `现场路演 7 位评委，平均 90.30：89.50 (93.50) …`.
pub const MARKS_HEAD: L = L::new(
    "{metric} {n} 位评委，平均 {mean}：",
    "{metric}: {n} judges, mean {mean}: ",
);
/// After the marks, when some were dropped.
pub const MARKS_DROPPED: L = L::new(
    "（括号内为去掉的最高、最低各 {d} 个）",
    " (in brackets: the {d} highest and lowest, dropped)",
);
/// The column of rank changes against the last meeting.
pub const CHANGE: L = L::new("变化", "Change");
/// The sparkline's label on the scorecard: the composite over the periods.
pub const TREND: L = L::new("历次", "Periods");
/// The overview's line of rank changes.
pub const MOVES: L = L::new("与上次比", "Since last time");
pub const MOVED_UP: L = L::new("进位 {n} 个", "{n} up");
pub const MOVED_DOWN: L = L::new("退位 {n} 个", "{n} down");
pub const MOVED_LEVEL: L = L::new("持平 {n} 个", "{n} level");
pub const MOVED_MOST_UP: L = L::new("进位最多", "most up");
pub const MOVED_MOST_DOWN: L = L::new("退位最多", "most down");

/// A score as the room reads it: `85.7分` / `85.7 pts`.
pub fn points(x: f64, lang: Lang) -> String {
    format!("{}{}", num(x, 1), POINTS_UNIT.get(lang))
}

/// A rank's change against the last meeting: `↑2`, `↓1`, `—` (none),
/// `新` / `new` for a unit with no previous rank (the same arrows in both
/// languages; the arrow, not a colour, carries the direction).
pub fn rank_change(change: Option<i64>, lang: Lang) -> String {
    match change {
        Some(n) if n > 0 => format!("↑{n}"),
        Some(n) if n < 0 => format!("↓{}", n.unsigned_abs()),
        Some(_) => "—".to_owned(),
        None => lang.pick("新", "new").to_owned(),
    }
}

/// `连续 3 次黄牌` / `yellow card 3 times running`: a unit's streak when it
/// holds a tier more than once running; empty otherwise.
pub fn streak(s: &Snapshot, us: &UnitStanding, lang: Lang) -> String {
    if us.trend.streak <= 1 || us.card.is_none() {
        return String::new();
    }
    let label = one_line(s.cards.tiers.label(us.card, lang));
    let n = us.trend.streak;
    match lang {
        Lang::Zh => format!("连续 {n} 次{label}"),
        Lang::En => format!("{label} {n} times running"),
    }
}

/// `→ 分管副市长约谈`: what follows the unit's streak, if anything.
pub fn escalation(s: &Snapshot, us: &UnitStanding) -> String {
    us.trend
        .escalation
        .and_then(|k| s.cards.escalations.get(k))
        .map_or_else(String::new, |e| format!("→ {}", one_line(&e.label)))
}

/// The streak and escalation said after a unit's reason: `；连续 3 次黄牌
/// → 分管副区长约谈`; empty for a streak of one without escalation.
pub fn streak_note(s: &Snapshot, us: &UnitStanding, lang: Lang) -> String {
    let note = [streak(s, us, lang), escalation(s, us)]
        .into_iter()
        .filter(|p| !p.is_empty())
        .collect::<Vec<_>>()
        .join(" ");
    if note.is_empty() {
        note
    } else {
        format!("{}{note}", lang.pick("；", "; "))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rank_changes_read_without_colour() {
        assert_eq!(rank_change(Some(2), Lang::Zh), "↑2");
        assert_eq!(rank_change(Some(-1), Lang::En), "↓1");
        assert_eq!(rank_change(Some(0), Lang::Zh), "—");
        assert_eq!(rank_change(None, Lang::Zh), "新");
        assert_eq!(rank_change(None, Lang::En), "new");
        assert_eq!(points(85.66, Lang::Zh), "85.7分");
    }
}
