//! The standings as a plain-text table, aligned in terminal columns.

use crate::i18n::{Lang, pct};
use crate::model::explain::{card_name, explain};
use crate::model::{Card, Snapshot, Standings};
use crate::sanitize::one_line;
use crate::text::{pad_left, pad_right, width};

/// One table per group: rank, unit, composite, gap to the first, card, why.
pub fn standings_table(s: &Snapshot, st: &Standings, lang: Lang) -> String {
    let mut out = String::new();
    out.push_str(&format!(
        "{}  {} {}\n",
        one_line(&s.meeting.title),
        lang.pick("时间进度", "time progress"),
        pct(st.time_progress)
    ));
    let name_w = s
        .units
        .iter()
        .map(|u| width(&one_line(&u.name)))
        .max()
        .unwrap_or(4)
        .clamp(4, 24);
    let head = [
        lang.pick("排名", "rank"),
        lang.pick("单位", "unit"),
        lang.pick("综合完成", "composite"),
        lang.pick("与第一差距", "behind 1st"),
        lang.pick("牌", "card"),
        lang.pick("依据", "why"),
    ];
    for g in &st.groups {
        out.push('\n');
        let gname = if g.name.is_empty() {
            lang.pick("全部单位", "all units").to_owned()
        } else {
            one_line(&g.name).into_owned()
        };
        out.push_str(&format!("{gname}\n"));
        out.push_str(&format!(
            "{}  {}  {}  {}  {}  {}\n",
            pad_left(head[0], 4),
            pad_right(head[1], name_w),
            pad_left(head[2], 8),
            pad_left(head[3], 10),
            pad_right(head[4], 6),
            head[5]
        ));
        for &i in &g.members {
            let us = &st.units[i];
            let rank = us.rank.map_or("—".to_owned(), |r| r.to_string());
            let comp = us.composite.map_or("—".to_owned(), pct);
            let gap = us.gap_first.map_or("—".to_owned(), |g| {
                if g <= 0.0 {
                    "—".to_owned()
                } else {
                    format!("-{}", pct(g))
                }
            });
            let card = match us.card {
                Card::NONE => "",
                c => card_name(c, lang),
            };
            out.push_str(&format!(
                "{}  {}  {}  {}  {}  {}\n",
                pad_left(&rank, 4),
                pad_right(&one_line(&s.units[i].name), name_w),
                pad_left(&comp, 8),
                pad_left(&gap, 10),
                pad_right(card, 6),
                explain(s, st, i, lang)
            ));
        }
    }
    out
}
