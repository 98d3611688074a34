//! What `guotang check` adds for a `guotang/2` meeting: its scoring, its
//! history and escalations, and the warnings about a usable snapshot (a
//! history entry for a unit no longer in the meeting), which never make
//! the check fail.

use super::out::outln;
use crate::i18n::Lang;
use crate::model::{Scoring, Snapshot, Standings};
use crate::sanitize::one_line;

/// The summary lines of a v2 meeting's own fields (none for a v1 file).
pub fn lines(s: &Snapshot, st: &Standings, lang: Lang, line: &mut impl FnMut(&str, String)) {
    let l = |zh: &'static str, en: &'static str| lang.pick(zh, en);
    if s.scoring == Scoring::Points {
        let (bonus, other) = s.metrics.iter().fold((0, 0), |(b, o), m| match m.kind {
            crate::model::MetricKind::Score => (b, o),
            crate::model::MetricKind::Bonus => (b + 1, o),
            _ => (b, o + 1),
        });
        line(
            l("计分", "scoring"),
            match lang {
                Lang::Zh => format!("计分制（加分项 {bonus}，扣分和否决项 {other}）"),
                Lang::En => format!("points ({bonus} bonus, {other} deduction or veto)"),
            },
        );
    }
    let judged = s.metrics.iter().filter(|m| m.judges.is_some()).count();
    if judged > 0 {
        line(
            l("评委打分", "judges"),
            match lang {
                Lang::Zh => format!("{judged} 项指标由评委打分"),
                Lang::En => format!("{judged} metrics marked by judges"),
            },
        );
    }
    if let Some(last) = s.history.last() {
        let name = last
            .label
            .as_deref()
            .map(|l| one_line(l).into_owned())
            .or_else(|| last.to.map(|d| d.to_string()))
            .unwrap_or_default();
        let escalated = st
            .units
            .iter()
            .filter(|u| u.trend.escalation.is_some())
            .count();
        line(
            l("历史", "history"),
            match lang {
                Lang::Zh => format!(
                    "{} 期（最近 {name}），本期升级处理 {escalated} 个单位",
                    s.history.len()
                ),
                Lang::En => format!(
                    "{} periods (last {name}), {escalated} units escalated now",
                    s.history.len()
                ),
            },
        );
    }
}

/// The snapshot's warnings, after the summary.
pub fn warnings(s: &Snapshot, lang: Lang) {
    if s.warnings.is_empty() {
        return;
    }
    outln!(
        "{}",
        match lang {
            Lang::Zh => format!("警告 {} 条（仍可使用）：", s.warnings.len()),
            Lang::En => {
                let n = s.warnings.len();
                let plural = if n == 1 { "" } else { "s" };
                format!("{n} warning{plural} (the snapshot is usable):")
            }
        }
    );
    for w in &s.warnings {
        outln!("  - {}", one_line(&w.to_string()));
    }
}
