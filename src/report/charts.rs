//! The bulletin's charts: completion against time progress, and the ranking
//! on each metric, one chart per group (drawn by [`super::bars`]).

use crate::i18n::{Lang, num, pct};
use crate::model::{CardRule, CardSource, Scoring, Snapshot, Standings};
use crate::sanitize::one_line;

use super::bars::{Axis, Bar, Line, PACE, RED, Spec, Swatch, YELLOW, draw, tier_color};
use super::figures::{composite_text, group_name};
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

/// Legend entries for the tiers the bars show, best first, none last, and
/// for the decision mark when a bar carries it.
fn card_legend(s: &Snapshot, st: &Standings, units: &[usize], lang: Lang) -> Vec<(Swatch, String)> {
    let tiers = &s.cards.tiers;
    let mut out: Vec<(Swatch, String)> = tiers
        .cards_and_none()
        .filter(|&c| units.iter().any(|&u| st.units[u].card == c))
        .map(|c| {
            (
                Swatch::Fill(tier_color(tiers.color(c))),
                one_line(tiers.label(c, lang)).into_owned(),
            )
        })
        .collect();
    if units
        .iter()
        .any(|&u| st.units[u].source == CardSource::Decision)
    {
        out.push((Swatch::Glyph("◆"), l::DECIDED_LEGEND.get(lang).to_owned()));
    }
    out
}

/// The colour of unit `u`'s bar: its tier's.
fn bar_color(s: &Snapshot, st: &Standings, u: usize) -> plotters::style::RGBColor {
    tier_color(s.cards.tiers.color(st.units[u].card))
}

/// The figure after a bar, with the decision mark when the unit's card came
/// by decision: its colour is then not the rule's, and the chart says so.
fn figure_text(figure: String, st: &Standings, u: usize, lang: Lang) -> String {
    if st.units[u].source == CardSource::Decision {
        format!("{figure}  {}", l::DECIDED.get(lang))
    } else {
        figure
    }
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
    let ranked: Vec<usize> = g.members[..g.ranked]
        .iter()
        .copied()
        .filter(|&u| st.units[u].composite.is_some())
        .collect();
    let bars: Vec<Bar> = ranked
        .iter()
        .filter_map(|&u| {
            st.units[u].composite.map(|c| Bar {
                label: one_line(&s.units[u].name).into_owned(),
                value: c,
                marker: None,
                text: figure_text(composite_text(s, c, lang), st, u, lang),
                color: bar_color(s, st, u),
            })
        })
        .collect();
    if bars.is_empty() {
        return None;
    }
    let legend = card_legend(s, st, &ranked, lang);
    // Points are not measured against the year's time.
    if s.scoring == Scoring::Points {
        let title = format!(
            "{} · {}",
            group_name(&g.name, lang),
            crate::words::tier_io_labels::CHART_POINTS.get(lang)
        );
        let spec = Spec {
            title: title.clone(),
            legend,
            bars,
            lines: Vec::new(),
            axis: Axis::Number(1),
        };
        return Some(Chart {
            id: format!("pace-{gi}"),
            group: gi,
            title,
            svg: draw(&spec),
        });
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
        legend,
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
                text: figure_text(text, st, u, lang),
                color: bar_color(s, st, u),
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
    let mut legend = card_legend(s, st, order, lang);
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
