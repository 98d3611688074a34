//! The standings as a plain-text table, aligned in terminal columns.

use crate::i18n::{Lang, num, pct};
use crate::model::explain::{card_name, explain};
use crate::model::{Scoring, Snapshot, Standings};
use crate::sanitize::one_line;
use crate::text::{pad_left, pad_right, width};

pub use crate::words::tier_labels::{rank_change, streak_note};

/// One table per group: rank (and its change, given a history), unit,
/// composite, gap to the first, card, why.
pub fn standings_table(s: &Snapshot, st: &Standings, lang: Lang) -> String {
    let points = s.scoring == Scoring::Points;
    let figure = |x: f64| match points {
        false => pct(x),
        true => format!("{}{}", num(x, 1), lang.pick("分", "")),
    };
    let mut out = String::new();
    out.push_str(&one_line(&s.meeting.title));
    if !points {
        out.push_str(&format!(
            "  {} {}",
            lang.pick("时间进度", "time progress"),
            pct(st.time_progress)
        ));
    }
    out.push('\n');
    let name_w = s
        .units
        .iter()
        .map(|u| width(&one_line(&u.name)))
        .max()
        .unwrap_or(4)
        .clamp(4, 24);
    let tiers = &s.cards.tiers;
    // The default tiers keep format v1's column; a meeting's own labels fit theirs.
    let card_w = if tiers.is_default() {
        6
    } else {
        tiers
            .cards()
            .map(|c| width(&one_line(tiers.label(c, lang))))
            .max()
            .unwrap_or(0)
            .clamp(6, 16)
    };
    let history = !s.history.is_empty();
    let head = [
        lang.pick("排名", "rank"),
        lang.pick("单位", "unit"),
        if points {
            lang.pick("综合得分", "points")
        } else {
            lang.pick("综合完成", "composite")
        },
        if points {
            lang.pick("与第一差距(分)", "behind 1st (points)")
        } else {
            lang.pick("与第一差距(个百分点)", "behind 1st (pp)")
        },
        lang.pick("牌", "card"),
        lang.pick("依据", "why"),
    ];
    let change_head = lang.pick("变化", "change");
    for g in &st.groups {
        out.push('\n');
        let gname = if g.name.is_empty() {
            lang.pick("全部单位", "all units").to_owned()
        } else {
            one_line(&g.name).into_owned()
        };
        out.push_str(&format!("{gname}\n"));
        let change = if history {
            format!("  {}", pad_left(change_head, 6))
        } else {
            String::new()
        };
        out.push_str(&format!(
            "{}{change}  {}  {}  {}  {}  {}\n",
            pad_left(head[0], 4),
            pad_right(head[1], name_w),
            pad_left(head[2], 8),
            pad_left(head[3], 20),
            pad_right(head[4], card_w),
            head[5]
        ));
        for &i in &g.members {
            let us = &st.units[i];
            let rank = us.rank.map_or("—".to_owned(), |r| r.to_string());
            let comp = us.composite.map_or("—".to_owned(), figure);
            // From the two composites as printed: percentage points, or 分.
            let gap = match crate::model::shown::composite_gaps(s, st, i).0 {
                Some(g) if us.rank != Some(1) => format!("-{}", num(g, 1)),
                _ => "—".to_owned(),
            };
            let card = match (us.card.is_none(), tiers.is_default()) {
                (true, _) => String::new(),
                (false, true) => card_name(us.card, lang).to_owned(),
                (false, false) => one_line(tiers.label(us.card, lang)).into_owned(),
            };
            let change = match (history, us.rank) {
                (false, _) => String::new(),
                (true, None) => format!("  {}", pad_left("", 6)),
                (true, Some(_)) => {
                    format!(
                        "  {}",
                        pad_left(&rank_change(us.trend.rank_change, lang), 6)
                    )
                }
            };
            out.push_str(&format!(
                "{}{change}  {}  {}  {}  {}  {}{}\n",
                pad_left(&rank, 4),
                pad_right(&one_line(&s.units[i].name), name_w),
                pad_left(&comp, 8),
                pad_left(&gap, 20),
                pad_right(&card, card_w),
                explain(s, st, i, lang),
                streak_note(s, us, lang),
            ));
        }
    }
    out
}
