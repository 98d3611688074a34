//! One sentence per unit that says why it holds its card, in the meeting's
//! language: `完成 36.7% ≥ 时间进度 33.1% → 红牌`.

use crate::i18n::{Lang, pct};

use super::snapshot::{Card, CardRule, Snapshot};
use super::standings::{CardSource, EPSILON, Standings};

/// The card's name: 红牌 / red card.
pub fn card_name(card: Card, lang: Lang) -> &'static str {
    match (card, lang) {
        (Card::Red, Lang::Zh) => "红牌",
        (Card::Yellow, Lang::Zh) => "黄牌",
        (Card::None, Lang::Zh) => "不挂牌",
        (Card::Red, Lang::En) => "red card",
        (Card::Yellow, Lang::En) => "yellow card",
        (Card::None, Lang::En) => "no card",
    }
}

/// Why unit `i` holds its card.
pub fn explain(s: &Snapshot, st: &Standings, i: usize, lang: Lang) -> String {
    let us = &st.units[i];
    if us.source == CardSource::Decision
        && let Some(d) = &s.units[i].decision
    {
        let reason = crate::sanitize::one_line(&d.reason);
        return match lang {
            Lang::Zh => format!("决定{}：{reason}", card_name(d.card, lang)),
            Lang::En => format!("decided {}: {reason}", card_name(d.card, lang)),
        };
    }
    let card = card_name(us.card, lang);
    let (Some(c), Some(rank)) = (us.composite, us.rank) else {
        return lang
            .pick(
                "无考核目标，不参与排名 → 不挂牌",
                "no weighted target, unranked → no card",
            )
            .to_owned();
    };
    let done = lang.pick("完成", "done");
    let p = st.time_progress;
    match s.cards.rule {
        CardRule::Pace { red_at } => {
            let line = red_at * p;
            let op = if c >= line - EPSILON { "≥" } else { "<" };
            let pace = lang.pick("时间进度", "time progress");
            if (red_at - 1.0).abs() <= EPSILON {
                format!("{done} {} {op} {pace} {} → {card}", pct(c), pct(p))
            } else {
                format!(
                    "{done} {} {op} {red_at} × {pace} {} = {} → {card}",
                    pct(c),
                    pct(p),
                    pct(line)
                )
            }
        }
        CardRule::Rank {
            red_top,
            yellow_bottom,
        } => {
            let n = st.groups[s.units[i].group_index].ranked;
            match lang {
                Lang::Zh => format!(
                    "组内第 {rank} 名（共 {n} 名；前 {red_top} 名红牌，后 {yellow_bottom} 名黄牌）→ {card}"
                ),
                Lang::En => format!(
                    "rank {rank} of {n} in group (top {red_top} red, bottom {yellow_bottom} yellow) → {card}"
                ),
            }
        }
        CardRule::Threshold {
            red_min,
            yellow_below,
        } => match us.card {
            Card::Red => format!(
                "{done} {} ≥ {} {} → {card}",
                pct(c),
                lang.pick("红牌线", "red line"),
                pct(red_min)
            ),
            Card::Yellow => format!(
                "{done} {} < {} {} → {card}",
                pct(c),
                lang.pick("黄牌线", "yellow line"),
                pct(yellow_below)
            ),
            Card::None => match lang {
                Lang::Zh => format!(
                    "完成 {} 介于黄牌线 {} 与红牌线 {} 之间 → {card}",
                    pct(c),
                    pct(yellow_below),
                    pct(red_min)
                ),
                Lang::En => format!(
                    "done {} between yellow line {} and red line {} → {card}",
                    pct(c),
                    pct(yellow_below),
                    pct(red_min)
                ),
            },
        },
    }
}
