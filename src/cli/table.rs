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
        lang.pick("与第一差距(个百分点)", "behind 1st (pp)"),
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
            pad_left(head[3], 20),
            pad_right(head[4], 6),
            head[5]
        ));
        for &i in &g.members {
            let us = &st.units[i];
            let rank = us.rank.map_or("—".to_owned(), |r| r.to_string());
            let comp = us.composite.map_or("—".to_owned(), pct);
            // In points, from the two composites as printed.
            let gap = match crate::model::shown::composite_gaps(s, st, i).0 {
                Some(g) if us.rank != Some(1) => format!("-{}", crate::i18n::num(g, 1)),
                _ => "—".to_owned(),
            };
            let card = match us.card {
                Card::None => "",
                c => card_name(c, lang),
            };
            out.push_str(&format!(
                "{}  {}  {}  {}  {}  {}\n",
                pad_left(&rank, 4),
                pad_right(&one_line(&s.units[i].name), name_w),
                pad_left(&comp, 8),
                pad_left(&gap, 20),
                pad_right(card, 6),
                explain(s, st, i, lang)
            ));
        }
    }
    out
}
