//! The bulletin's charts: completion against time progress, and the ranking
//! on each metric, one chart per group (drawn by [`super::bars`]).

use crate::i18n::{Lang, num, pct};
use crate::model::explain::card_name;
use crate::model::{Card, CardRule, Snapshot, Standings};
use crate::sanitize::one_line;

use super::bars::{Axis, Bar, Line, PACE, RED, Spec, Swatch, YELLOW, card_color, draw};
use super::figures::group_name;
use super::labels as l;

/// The font list every chart and the HTML page ask for.
pub const FONT_STACK: &str = "\"Noto Sans CJK SC\", \"Source Han Sans SC\", \"WenQuanYi Zen Hei\", \"PingFang SC\", \"Microsoft YaHei\", sans-serif";

/// One drawn chart.
#[derive(Debug, Clone, PartialEq)]
pub struct Chart {
    /// A file-name-safe name: `pace-0`, `ranking-0-investment`.
    pub id: String,
    /// The group index the chart belongs to.
    pub group: usize,
    pub title: String,
    pub svg: String,
}

/// Legend entries for the cards the bars show, in red, yellow, none order.
fn card_legend(bars: &[Bar], lang: Lang) -> Vec<(Swatch, String)> {
    [Card::RED, Card::YELLOW, Card::NONE]
        .into_iter()
        .filter(|c| bars.iter().any(|b| b.card == *c))
        .map(|c| (Swatch::Fill(card_color(c)), card_name(c, lang).to_owned()))
        .collect()
}

/// Every chart of the bulletin, group by group: the pace chart, then one
/// ranking chart per metric that the group has figures for.
pub fn all(s: &Snapshot, st: &Standings, lang: Lang) -> Vec<Chart> {
    let mut out = Vec::new();
    for gi in 0..st.groups.len() {
        if let Some(c) = pace(s, st, gi, lang) {
            out.push(c);
        }
        for mi in 0..s.metrics.len() {
            if let Some(c) = ranking(s, st, gi, mi, lang) {
                out.push(c);
            }
        }
    }
    out
}

/// Composite completion of group `gi`'s ranked units against time progress
/// (and the rule's lines); `None` when no unit of the group is ranked.
pub fn pace(s: &Snapshot, st: &Standings, gi: usize, lang: Lang) -> Option<Chart> {
    let g = &st.groups[gi];
    let bars: Vec<Bar> = g.members[..g.ranked]
        .iter()
        .filter_map(|&u| {
            let us = &st.units[u];
            us.composite.map(|c| Bar {
                label: one_line(&s.units[u].name).into_owned(),
                value: c,
                marker: None,
                text: pct(c),
                card: us.card,
            })
        })
        .collect();
    if bars.is_empty() {
        return None;
    }
    let p = st.time_progress;
    let mut lines = vec![Line {
        at: p,
        label: format!("{} {}", l::TIME_PROGRESS.get(lang), pct(p)),
        color: PACE,
    }];
    match s.cards.rule {
        Some(CardRule::Pace { red_at }) if (red_at - 1.0).abs() > 1e-9 => lines.push(Line {
            at: red_at * p,
            label: format!("{} {}", lang.pick("红牌线", "red line"), pct(red_at * p)),
            color: RED,
        }),
        Some(CardRule::Threshold {
            red_min,
            yellow_below,
        }) => {
            lines.push(Line {
                at: red_min,
                label: format!("{} {}", lang.pick("红牌线", "red line"), pct(red_min)),
                color: RED,
            });
            lines.push(Line {
                at: yellow_below,
                label: format!(
                    "{} {}",
                    lang.pick("黄牌线", "yellow line"),
                    pct(yellow_below)
                ),
                color: YELLOW,
            });
        }
        _ => {}
    }
    let title = format!(
        "{} · {}",
        group_name(&g.name, lang),
        l::CHART_PACE.get(lang)
    );
    let spec = Spec {
        title: title.clone(),
        legend: card_legend(&bars, lang),
        bars,
        lines,
        axis: Axis::Percent,
    };
    Some(Chart {
        id: format!("pace-{gi}"),
        group: gi,
        title,
        svg: draw(&spec),
    })
}

/// Group `gi`'s ranking on metric `mi`: actuals in rank order, each unit's
/// target as a tick; `None` when no unit of the group has a figure for it.
pub fn ranking(s: &Snapshot, st: &Standings, gi: usize, mi: usize, lang: Lang) -> Option<Chart> {
    let g = &st.groups[gi];
    let m = &s.metrics[mi];
    let order = &g.by_metric[mi];
    if order.is_empty() {
        return None;
    }
    let bars: Vec<Bar> = order
        .iter()
        .map(|&u| {
            let ms = &st.units[u].metrics[mi];
            let text = match ms.target {
                Some(t) => format!("{} / {}", num(ms.value(), m.decimals), num(t, m.decimals)),
                None => num(ms.value(), m.decimals),
            };
            Bar {
                label: one_line(&s.units[u].name).into_owned(),
                value: ms.value(),
                marker: ms.target,
                text,
                card: st.units[u].card,
            }
        })
        .collect();
    let unit = if m.unit.is_empty() {
        String::new()
    } else {
        format!("（{}）", one_line(&m.unit))
    };
    let title = format!(
        "{} · {}{unit} {}",
        group_name(&g.name, lang),
        one_line(&m.name),
        l::CHART_RANKING.get(lang)
    );
    let mut legend = card_legend(&bars, lang);
    if bars.iter().any(|b| b.marker.is_some()) {
        legend.push((Swatch::Outline, l::TARGET.get(lang).to_owned()));
    }
    let spec = Spec {
        title: title.clone(),
        legend,
        bars,
        lines: Vec::new(),
        axis: Axis::Number(m.decimals),
    };
    Some(Chart {
        id: format!("ranking-{gi}-{}", m.id),
        group: gi,
        title,
        svg: draw(&spec),
    })
}
