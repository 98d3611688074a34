//! The bulletin's figures: every table it prints, built once from
//! [`model::compute`](crate::model::compute)'s standings. Numbers are formatted
//! here and nowhere else; each cell keeps the exact value it shows.

use crate::i18n::{Lang, num, pct};
use crate::model::explain::{card_name, explain};
use crate::model::{Better, Card, Snapshot, Stage, Standings};
use crate::sanitize::one_line;

use super::labels as l;
use super::minutes::MinutesSection;
use super::project_tables;
use super::table::{Cell, Column, Table};

/// Everything the bulletin says, ready to render.
#[derive(Debug, Clone, PartialEq)]
pub struct Bulletin {
    pub lang: Lang,
    /// The meeting's title, one line.
    pub title: String,
    /// Label → value lines under the title (date, venue, period).
    pub facts: Vec<(String, String)>,
    pub time_progress: f64,
    /// One paragraph that sums the meeting up.
    pub summary: String,
    pub headline: Table,
    /// One ranking table per group, in the snapshot's group order.
    pub groups: Vec<Table>,
    pub red: Table,
    pub yellow: Table,
    pub overdue: Table,
    pub stalled: Table,
    /// How the meeting went, when the meeting log is given.
    pub minutes: Option<MinutesSection>,
}

/// A group's name as the bulletin shows it (the unnamed group is "all units").
pub fn group_name(name: &str, lang: Lang) -> String {
    if name.is_empty() {
        l::ALL_UNITS.get(lang).to_owned()
    } else {
        one_line(name).into_owned()
    }
}

/// Builds the bulletin's figures.
pub fn bulletin(s: &Snapshot, st: &Standings, lang: Lang) -> Bulletin {
    let m = &s.meeting;
    let mut facts = vec![(l::DATE.get(lang).to_owned(), m.date.to_string())];
    if let Some(v) = &m.venue {
        facts.push((l::VENUE.get(lang).to_owned(), one_line(v).into_owned()));
    }
    let range = format!("{} {} {}", m.period.from, l::TO.get(lang), m.period.to);
    let period = match &m.period.label {
        Some(label) => format!("{}（{range}）", one_line(label)),
        None => range,
    };
    facts.push((l::PERIOD.get(lang).to_owned(), period));
    Bulletin {
        lang,
        title: one_line(&m.title).into_owned(),
        facts,
        time_progress: st.time_progress,
        summary: summary(s, st, lang),
        headline: headline(s, st, lang),
        groups: (0..st.groups.len())
            .map(|g| ranking(s, st, g, lang))
            .collect(),
        red: card_list(s, st, Card::RED, lang),
        yellow: card_list(s, st, Card::YELLOW, lang),
        overdue: project_tables::overdue(s, st, lang),
        stalled: project_tables::stalled(s, st, lang),
        minutes: None,
    }
}

fn summary(s: &Snapshot, st: &Standings, lang: Lang) -> String {
    let count = |card: Card| st.units.iter().filter(|u| u.card == card).count();
    let (red, yellow) = (count(Card::RED), count(Card::YELLOW));
    let stalled = s
        .projects
        .iter()
        .filter(|p| p.stage == Stage::Stalled)
        .count();
    let late = st.overdue.len();
    let units = s.units.len();
    match lang {
        Lang::Zh => format!(
            "截至统计期末，时间进度 {}。参评单位 {units} 个，其中红牌 {red} 个、黄牌 {yellow} 个；逾期项目 {late} 个，停工项目 {stalled} 个。",
            pct(st.time_progress)
        ),
        Lang::En => format!(
            "At the end of the period {} of the year has gone. Of {units} units, {red} hold a red card and {yellow} a yellow card; {late} projects are overdue and {stalled} stalled.",
            pct(st.time_progress)
        ),
    }
}

/// A metric's display name with its unit: `协议引资额（亿元）`.
pub fn metric_label(s: &Snapshot, mi: usize) -> String {
    let m = &s.metrics[mi];
    let name = one_line(&m.name);
    if m.unit.is_empty() {
        name.into_owned()
    } else {
        format!("{name}（{}）", one_line(&m.unit))
    }
}

/// Per group and metric: the totals of targets and actuals, and how many
/// units keep pace. Completion counts only units with a target, as the
/// standings do.
fn headline(s: &Snapshot, st: &Standings, lang: Lang) -> Table {
    let multi = st.groups.len() > 1;
    let mut cols = Vec::new();
    if multi {
        cols.push(Column::left(l::GROUP.get(lang)));
    }
    cols.extend([
        Column::left(l::METRIC.get(lang)),
        Column::right(l::TARGET_SUM.get(lang)),
        Column::right(l::ACTUAL_SUM.get(lang)),
        Column::right(l::COMPLETION.get(lang)),
        Column::right(l::VS_PACE.get(lang)),
        Column::center(l::AT_PACE.get(lang)),
    ]);
    let mut t = Table::new("headline", l::HEADLINE.get(lang), cols);
    t.note = Some(l::HEADLINE_NOTE.get(lang).to_owned());
    let p = st.time_progress;
    for g in &st.groups {
        for (mi, m) in s.metrics.iter().enumerate() {
            let (mut target, mut actual, mut actual_targeted) = (0.0, 0.0, 0.0);
            let (mut with_target, mut at_pace, mut any) = (0, 0, false);
            for &u in &g.members {
                let ms = &st.units[u].metrics[mi];
                any |= ms.actual.is_some() || ms.target.is_some();
                actual += ms.value();
                if let Some(c) = ms.completion {
                    target += ms.target.unwrap_or(0.0);
                    actual_targeted += ms.value();
                    with_target += 1;
                    if c >= p - crate::model::standings::EPSILON {
                        at_pace += 1;
                    }
                }
            }
            if !any {
                continue;
            }
            let completion = (target > 0.0).then(|| actual_targeted / target);
            let higher = m.better == Better::Higher;
            let vs = completion.filter(|_| higher).map(|c| c - p);
            let field = |what: &str| format!("{}.{}.{what}", g.name, m.id);
            let mut cells = Vec::new();
            if multi {
                cells.push(Cell::text(group_name(&g.name, lang)));
            }
            cells.extend([
                Cell::text(metric_label(s, mi)),
                Cell::num(
                    if with_target > 0 {
                        num(target, m.decimals)
                    } else {
                        dash()
                    },
                    field("target"),
                    (with_target > 0).then_some(target),
                ),
                Cell::num(num(actual, m.decimals), field("actual"), Some(actual)),
                Cell::num(
                    completion.map_or_else(dash, pct),
                    field("completion"),
                    completion,
                ),
                Cell::num(vs.map_or_else(dash, signed_points), field("vs_pace"), vs).with_class(
                    match vs {
                        Some(d) if d < -crate::model::standings::EPSILON => "behind",
                        Some(_) => "ahead",
                        None => "muted",
                    },
                ),
                Cell::text(if higher && with_target > 0 {
                    format!("{at_pace}/{with_target}")
                } else {
                    dash()
                }),
            ]);
            t.push(None, cells);
        }
    }
    t
}

/// `+3.2` / `−8.7`: a difference of ratios in percentage points.
pub fn signed_points(d: f64) -> String {
    let v = d * 100.0;
    if v.abs() < 0.05 {
        "0.0".to_owned()
    } else if v > 0.0 {
        format!("+{v:.1}")
    } else {
        format!("−{:.1}", -v)
    }
}

pub fn dash() -> String {
    "—".to_owned()
}

/// The metrics a ranking table shows: those any unit of the snapshot has a
/// target or an actual for.
fn shown_metrics(s: &Snapshot) -> Vec<usize> {
    (0..s.metrics.len())
        .filter(|&mi| {
            s.units
                .iter()
                .any(|u| u.targets[mi].is_some() || u.actuals[mi].is_some())
        })
        .collect()
}

/// The ranking of group `gi`: rank, unit, composite, gap to the first, each
/// metric's actual / target and completion, and the card.
fn ranking(s: &Snapshot, st: &Standings, gi: usize, lang: Lang) -> Table {
    let g = &st.groups[gi];
    let metrics = shown_metrics(s);
    let mut cols = vec![
        Column::center(l::RANK.get(lang)).keep(4),
        Column::left(l::UNIT.get(lang)).keep(name_cols(s, &g.members)),
        Column::right(l::COMPOSITE.get(lang)),
        Column::right(l::GAP_FIRST.get(lang)),
    ];
    cols.extend(metrics.iter().map(|&mi| Column::right(metric_label(s, mi))));
    cols.push(Column::center(l::CARD.get(lang)));
    let caption = format!("{} {}", group_name(&g.name, lang), l::RANKING_OF.get(lang));
    let mut t = Table::new(format!("ranking-{gi}"), caption, cols);
    t.note = Some(l::RANKING_NOTE.get(lang).to_owned());
    for &u in &g.members {
        let us = &st.units[u];
        let unit = &s.units[u];
        let mut cells = vec![
            Cell::num(
                us.rank.map_or_else(dash, |r| r.to_string()),
                "rank",
                us.rank.map(f64::from),
            ),
            Cell::text(one_line(&unit.name)),
            Cell::num(
                us.composite.map_or_else(dash, pct),
                "composite",
                us.composite,
            ),
            Cell::num(
                match us.gap_first {
                    Some(gap) if gap > crate::model::standings::EPSILON => signed_points(-gap),
                    _ => dash(),
                },
                "gap_first",
                us.gap_first,
            ),
        ];
        for &mi in &metrics {
            let m = &s.metrics[mi];
            let ms = &us.metrics[mi];
            let shown = match (ms.actual, ms.target) {
                (None, None) => dash(),
                (a, Some(t)) => format!(
                    "{} / {}",
                    num(a.unwrap_or(0.0), m.decimals),
                    num(t, m.decimals)
                ),
                (Some(a), None) => num(a, m.decimals),
            };
            let mut cell = Cell::num(shown, format!("{}.completion", m.id), ms.completion);
            if let Some(c) = ms.completion {
                cell = cell.with_sub(pct(c));
            }
            cells.push(cell);
        }
        cells.push(card_cell(us.card, lang));
        t.push(Some(&unit.id), cells);
    }
    t
}

/// The widest of these units' names, in terminal columns.
fn name_cols(s: &Snapshot, units: &[usize]) -> usize {
    units
        .iter()
        .map(|&u| crate::text::width(&one_line(&s.units[u].name)))
        .max()
        .unwrap_or(4)
}

fn card_cell(card: Card, lang: Lang) -> Cell {
    match card {
        Card::RED => Cell::text(card_name(card, lang)).with_class("red"),
        Card::YELLOW => Cell::text(card_name(card, lang)).with_class("yellow"),
        _ => Cell::text(dash()).with_class("muted"),
    }
}

/// The units holding `card`, in standing order, each with the reason.
fn card_list(s: &Snapshot, st: &Standings, card: Card, lang: Lang) -> Table {
    let (id, caption, empty) = match card {
        Card::RED => ("red", l::RED_LIST, l::NO_RED),
        _ => ("yellow", l::YELLOW_LIST, l::NO_YELLOW),
    };
    let multi = st.groups.len() > 1;
    let members: Vec<usize> = st
        .order
        .iter()
        .copied()
        .filter(|&u| st.units[u].card == card)
        .collect();
    let mut cols = vec![Column::left(l::UNIT.get(lang)).keep(name_cols(s, &members))];
    if multi {
        let widest = st
            .groups
            .iter()
            .map(|g| crate::text::width(&group_name(&g.name, lang)))
            .max()
            .unwrap_or(4);
        cols.push(Column::left(l::GROUP.get(lang)).keep(widest));
    }
    cols.extend([
        Column::center(l::RANK.get(lang)).keep(4),
        Column::right(l::COMPOSITE.get(lang)),
        Column::left(l::REASON.get(lang)),
    ]);
    let mut t = Table::new(id, caption.get(lang), cols);
    t.empty = empty.get(lang).to_owned();
    for &u in &members {
        let us = &st.units[u];
        let unit = &s.units[u];
        let mut cells = vec![Cell::text(one_line(&unit.name))];
        if multi {
            cells.push(Cell::text(group_name(&unit.group, lang)));
        }
        cells.extend([
            Cell::num(
                us.rank.map_or_else(dash, |r| r.to_string()),
                "rank",
                us.rank.map(f64::from),
            ),
            Cell::num(
                us.composite.map_or_else(dash, pct),
                "composite",
                us.composite,
            ),
            Cell::text(one_line(&explain(s, st, u, lang))),
        ]);
        t.push(Some(&unit.id), cells);
    }
    t
}
