//! The bulletin's figures: every table it prints, built once from
//! [`model::compute`](crate::model::compute)'s standings. Numbers are formatted
//! here and nowhere else; each cell keeps the exact value it shows.

use crate::i18n::{Lang, num, pct};
use crate::model::Word as _;
use crate::model::explain::explain;
use crate::model::shown::{points, value_gap};
use crate::model::totals::{MetricTotal, totals};
use crate::model::{Better, Card, CardSource, Scoring, Snapshot, Stage, Standings};
use crate::sanitize::one_line;
use crate::words::tier_io_labels as tl;

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
    /// The heading over the tier lists (红黄牌单位, or the meeting's own).
    pub cards_section: l::L,
    /// One list per tier, best first: its units, each with the reason.
    pub tiers: Vec<Table>,
    /// Who faces an escalation, why and what follows, most severe first;
    /// `None` when the meeting defines no escalations.
    pub escalations: Option<Table>,
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
        cards_section: if s.cards.tiers.is_default() {
            l::SEC_CARDS
        } else {
            tl::SEC_TIERS
        },
        tiers: s
            .cards
            .tiers
            .cards()
            .map(|c| card_list(s, st, c, lang))
            .collect(),
        escalations: (!s.cards.escalations.is_empty()).then(|| escalations(s, st, lang)),
        overdue: project_tables::overdue(s, st, lang),
        stalled: project_tables::stalled(s, st, lang),
        minutes: None,
    }
}

fn summary(s: &Snapshot, st: &Standings, lang: Lang) -> String {
    let tiers = &s.cards.tiers;
    let count = |card: Card| st.units.iter().filter(|u| u.card == card).count();
    let stalled = s
        .projects
        .iter()
        .filter(|p| p.stage == Stage::Stalled)
        .count();
    let late = st.overdue.len();
    let units = s.units.len();
    // Time progress says nothing about a meeting scored in points.
    let progress = match (s.scoring, lang) {
        (Scoring::Points, _) => String::new(),
        (Scoring::Ratio, Lang::Zh) => format!("截至统计期末，时间进度 {}。", pct(st.time_progress)),
        (Scoring::Ratio, Lang::En) => format!(
            "At the end of the period {} of the year has gone. ",
            pct(st.time_progress)
        ),
    };
    let held = if tiers.is_default() {
        let (red, yellow) = (count(Card::RED), count(Card::YELLOW));
        lang.pick(
            &format!("其中红牌 {red} 个、黄牌 {yellow} 个"),
            &format!("{red} hold a red card and {yellow} a yellow card"),
        )
        .to_owned()
    } else {
        let parts: Vec<String> = tiers
            .cards()
            .map(|c| {
                let label = one_line(tiers.label(c, lang));
                match lang {
                    Lang::Zh => format!("{label} {} 个", count(c)),
                    Lang::En => format!("{label}: {}", count(c)),
                }
            })
            .collect();
        match lang {
            Lang::Zh => format!("其中{}", parts.join("、")),
            Lang::En => parts.join(", "),
        }
    };
    let mut text = match lang {
        Lang::Zh => format!(
            "{progress}参评单位 {units} 个，{held}；逾期项目 {late} 个，停工项目 {stalled} 个。"
        ),
        Lang::En => format!(
            "{progress}Of {units} units, {held}; {late} projects are overdue and {stalled} stalled."
        ),
    };
    if !s.history.is_empty() {
        text.push_str(&tl::moved(s, st, lang));
    }
    text
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

/// Per metric: the totals of actuals (every unit's) and of targets (where
/// there are any), the completion of the totals, and how many units keep
/// pace; over every unit first, then per group when there are several. The
/// same [`totals`](crate::model::totals) the console's overview shows.
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
    // Every unit first (`all`), then each group when there are several;
    // rows are keyed `all.signed`, `镇街板块.signed` for tools and tests.
    let mut blocks: Vec<(String, String, Vec<MetricTotal>)> = Vec::new();
    if multi {
        blocks.push((
            "all".to_owned(),
            l::ALL_UNITS.get(lang).to_owned(),
            st.totals.clone(),
        ));
        for g in &st.groups {
            blocks.push((
                g.name.clone(),
                group_name(&g.name, lang),
                totals(s, st, g.members.iter().copied()),
            ));
        }
    } else {
        let name = st
            .groups
            .first()
            .map_or_else(String::new, |g| g.name.clone());
        blocks.push(("all".to_owned(), group_name(&name, lang), st.totals.clone()));
    }
    for (key, shown_name, sums) in &blocks {
        for (mi, m) in s.metrics.iter().enumerate() {
            let total = &sums[mi];
            if !total.any() {
                continue;
            }
            // Printed from the totals as printed; the exact values stay
            // behind the cells (`data-v`) for tools.
            let completion = total.completion(m.decimals);
            let exact = total.target.filter(|t| *t > 0.0).map(|t| total.actual / t);
            let higher = m.better == Better::Higher;
            let vs = completion.filter(|_| higher).map(|c| points(c, p));
            let vs_exact = exact.filter(|_| higher).map(|c| c - p);
            let field = |what: &str| format!("{key}.{}.{what}", m.id);
            let mut cells = Vec::new();
            if multi {
                cells.push(Cell::text(shown_name.clone()));
            }
            cells.extend([
                Cell::text(metric_label(s, mi)),
                Cell::num(
                    total.target.map_or_else(dash, |x| num(x, m.decimals)),
                    field("target"),
                    total.target,
                ),
                Cell::num(
                    num(total.actual, m.decimals),
                    field("actual"),
                    Some(total.actual),
                ),
                Cell::num(
                    completion.map_or_else(dash, pct),
                    field("completion"),
                    exact,
                ),
                Cell::num(vs.map_or_else(dash, signed), field("vs_pace"), vs_exact).with_class(
                    match vs {
                        Some(d) if d < 0.0 => "behind",
                        Some(_) => "ahead",
                        None => "muted",
                    },
                ),
                Cell::text(if higher && total.with_target > 0 {
                    format!("{}/{}", total.at_pace, total.with_target)
                } else {
                    dash()
                }),
            ]);
            t.push(Some(&format!("{key}.{}", m.id)), cells);
        }
    }
    t
}

/// `+3.2` / `−8.7` / `0.0`: a number of percentage points, signed.
pub fn signed(points: f64) -> String {
    if points.abs() < 0.05 {
        "0.0".to_owned()
    } else if points > 0.0 {
        format!("+{points:.1}")
    } else {
        format!("−{:.1}", -points)
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

/// A composite as the meeting states it: a percentage, or 分 under points.
pub fn composite_text(s: &Snapshot, c: f64, lang: Lang) -> String {
    match s.scoring {
        Scoring::Ratio => pct(c),
        Scoring::Points => format!("{}{}", num(c, 1), lang.pick("分", "")),
    }
}

/// The ranking of group `gi`: rank (and its change, given a history),
/// unit, composite, gap to the first, each metric's actual / target and
/// completion, the trend over the last periods, and the tier.
fn ranking(s: &Snapshot, st: &Standings, gi: usize, lang: Lang) -> Table {
    let g = &st.groups[gi];
    let metrics = shown_metrics(s);
    let history = !s.history.is_empty();
    let points_scored = s.scoring == Scoring::Points;
    let mut cols = vec![Column::center(l::RANK.get(lang)).keep(4)];
    if history {
        cols.push(Column::center(tl::RANK_CHANGE.get(lang)).keep(4));
    }
    cols.extend([
        Column::left(l::UNIT.get(lang)).keep(name_cols(s, &g.members)),
        Column::right(if points_scored {
            tl::POINTS.get(lang)
        } else {
            l::COMPOSITE.get(lang)
        }),
        Column::right(if points_scored {
            tl::GAP_FIRST_POINTS.get(lang)
        } else {
            l::GAP_FIRST.get(lang)
        }),
    ]);
    cols.extend(metrics.iter().map(|&mi| Column::right(metric_label(s, mi))));
    if history {
        cols.push(Column::center(tl::TREND.get(lang)));
    }
    cols.push(Column::center(tier_head(s, lang)));
    let caption = format!("{} {}", group_name(&g.name, lang), l::RANKING_OF.get(lang));
    let mut t = Table::new(format!("ranking-{gi}"), caption, cols);
    t.note = Some(
        if points_scored {
            tl::RANKING_NOTE_POINTS
        } else {
            l::RANKING_NOTE
        }
        .get(lang)
        .to_owned(),
    );
    let first = g.members.first().and_then(|&f| st.units[f].composite);
    for &u in &g.members {
        let us = &st.units[u];
        let unit = &s.units[u];
        let mut cells = vec![Cell::num(
            us.rank.map_or_else(dash, |r| r.to_string()),
            "rank",
            us.rank.map(f64::from),
        )];
        if history {
            cells.push(rank_change_cell(us.rank, us.trend.rank_change, lang));
        }
        cells.extend([
            Cell::text(one_line(&unit.name)),
            Cell::num(
                us.composite
                    .map_or_else(dash, |c| composite_text(s, c, lang)),
                "composite",
                us.composite,
            ),
            Cell::num(
                // From the two composites as printed: the room's subtraction.
                match (first, us.composite) {
                    (Some(f), Some(c)) if us.rank != Some(1) => signed(-match s.scoring {
                        Scoring::Ratio => points(f, c),
                        Scoring::Points => value_gap(f, c, 1),
                    }),
                    _ => dash(),
                },
                "gap_first",
                us.gap_first,
            ),
        ]);
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
            let marks = unit.marks(mi).map(|list| tl::marks_count(list.len(), lang));
            match (ms.completion.map(pct), marks) {
                (Some(c), Some(n)) => cell = cell.with_sub(format!("{c} · {n}")),
                (Some(c), None) => cell = cell.with_sub(c),
                (None, Some(n)) => cell = cell.with_sub(n),
                (None, None) => {}
            }
            cells.push(cell);
        }
        if history {
            cells.push(trend_cell(s, st, u, lang));
        }
        let mut card = card_cell(s, us.card, lang);
        if us.source == CardSource::Decision {
            card = card.with_sub(l::DECIDED.get(lang));
        }
        cells.push(card);
        t.push(Some(&unit.id), cells);
    }
    t
}

/// The heading of the tier column: 牌 for red and yellow, 等次 for a
/// meeting's own tiers.
fn tier_head(s: &Snapshot, lang: Lang) -> &'static str {
    if s.cards.tiers.is_default() {
        l::CARD.get(lang)
    } else {
        tl::TIER.get(lang)
    }
}

/// `↑2` (进位), `↓1` (退位), `—`, `新`; colour never the only signal.
fn rank_change_cell(rank: Option<u32>, change: Option<i64>, lang: Lang) -> Cell {
    if rank.is_none() {
        return Cell::num(dash(), "rank_change", None).with_class("muted");
    }
    let cell = Cell::num(
        crate::words::tier_labels::rank_change(change, lang),
        "rank_change",
        change.map(|c| c as f64),
    );
    match change {
        Some(c) if c > 0 => cell.with_class("up"),
        Some(c) if c < 0 => cell.with_class("down"),
        _ => cell,
    }
}

/// Unit `u`'s composite over the last periods and now, as a small chart;
/// its text (the figures, period by period) is what Markdown shows.
fn trend_cell(s: &Snapshot, st: &Standings, u: usize, lang: Lang) -> Cell {
    let from = s
        .history
        .len()
        .saturating_sub(super::sparkline::PERIODS - 1);
    let mut values = Vec::new();
    let mut parts = Vec::new();
    for (k, e) in s.history.iter().enumerate().skip(from) {
        let c = e.units.get(u).copied().flatten().and_then(|p| p.composite);
        values.push(c);
        let label = e
            .label
            .as_deref()
            .map(|l| one_line(l).into_owned())
            .or_else(|| e.to.map(|d| d.to_string()))
            .unwrap_or_else(|| format!("#{}", k + 1));
        parts.push(format!(
            "{label} {}",
            c.map_or_else(dash, |c| composite_text(s, c, lang))
        ));
    }
    let now = st.units[u].composite;
    values.push(now);
    let label = s.meeting.period.label.as_deref().map_or_else(
        || tl::NOW.get(lang).to_owned(),
        |l| one_line(l).into_owned(),
    );
    parts.push(format!(
        "{label} {}",
        now.map_or_else(dash, |c| composite_text(s, c, lang))
    ));
    let text = parts.join(" → ");
    let mut cell = Cell::num(text.clone(), "trend", st.units[u].trend.composite_change);
    cell.svg = super::sparkline::svg(&values, &text);
    cell
}

/// The widest of these units' names, in terminal columns.
fn name_cols(s: &Snapshot, units: &[usize]) -> usize {
    units
        .iter()
        .map(|&u| crate::text::width(&one_line(&s.units[u].name)))
        .max()
        .unwrap_or(4)
}

/// A tier's cell: its label, coloured as the meeting colours it (the
/// class names the colour); none is a muted dash.
fn card_cell(s: &Snapshot, card: Card, lang: Lang) -> Cell {
    let tiers = &s.cards.tiers;
    match tiers.color(card) {
        Some(color) => Cell::text(one_line(tiers.label(card, lang))).with_class(color.as_str()),
        None => Cell::text(dash()).with_class("muted"),
    }
}

/// The table id of a tier's list: `red` and `yellow` for the default tiers
/// (as format v1 had them), `tier-ID` for a meeting's own.
pub fn tier_table_id(s: &Snapshot, card: Card) -> String {
    let id = s.cards.tiers.id(card);
    if s.cards.tiers.is_default() {
        id.to_owned()
    } else {
        format!("tier-{id}")
    }
}

/// The units holding `card`, in standing order, each with the reason (and
/// its streak and escalation, given a history).
fn card_list(s: &Snapshot, st: &Standings, card: Card, lang: Lang) -> Table {
    let tiers = &s.cards.tiers;
    let (caption, empty) = match (tiers.is_default(), card) {
        (true, Card::RED) => (
            l::RED_LIST.get(lang).to_owned(),
            l::NO_RED.get(lang).to_owned(),
        ),
        (true, _) => (
            l::YELLOW_LIST.get(lang).to_owned(),
            l::NO_YELLOW.get(lang).to_owned(),
        ),
        (false, _) => {
            let label = one_line(tiers.label(card, lang));
            (
                tl::TIER_LIST.get(lang).replace("{tier}", &label),
                tl::NO_TIER.get(lang).replace("{tier}", &label),
            )
        }
    };
    let multi = st.groups.len() > 1;
    let members: Vec<usize> = st
        .order
        .iter()
        .copied()
        .filter(|&u| st.units[u].card == card)
        .collect();
    let mut cols = name_columns(s, st, &members, lang);
    cols.extend([
        Column::center(l::RANK.get(lang)).keep(4),
        Column::right(composite_head(s, lang)),
        Column::left(l::REASON.get(lang)),
    ]);
    let mut t = Table::new(tier_table_id(s, card), caption, cols);
    t.empty = empty;
    for &u in &members {
        let us = &st.units[u];
        let unit = &s.units[u];
        let mut cells = name_cells(unit, multi, lang);
        cells.extend([
            Cell::num(
                us.rank.map_or_else(dash, |r| r.to_string()),
                "rank",
                us.rank.map(f64::from),
            ),
            Cell::num(
                us.composite
                    .map_or_else(dash, |c| composite_text(s, c, lang)),
                "composite",
                us.composite,
            ),
            Cell::text(format!(
                "{}{}",
                one_line(&explain(s, st, u, lang)),
                crate::words::tier_labels::streak_note(s, us, lang)
            )),
        ]);
        t.push(Some(&unit.id), cells);
    }
    t
}

fn composite_head(s: &Snapshot, lang: Lang) -> &'static str {
    match s.scoring {
        Scoring::Ratio => l::COMPOSITE.get(lang),
        Scoring::Points => tl::POINTS.get(lang),
    }
}

/// The group column, as wide as the widest group's name.
fn group_column(st: &Standings, lang: Lang) -> Column {
    let widest = st
        .groups
        .iter()
        .map(|g| crate::text::width(&group_name(&g.name, lang)))
        .max()
        .unwrap_or(4);
    Column::left(l::GROUP.get(lang)).keep(widest)
}

/// Who faces an escalation (连续两次黄牌 → 约谈): the unit, its tier, how
/// many times running, what follows and why; the worst tier first, then
/// the longest streak, then standing order.
fn escalations(s: &Snapshot, st: &Standings, lang: Lang) -> Table {
    let multi = st.groups.len() > 1;
    let mut members: Vec<(usize, usize)> = st
        .order
        .iter()
        .filter_map(|&u| st.units[u].trend.escalation.map(|k| (u, k)))
        .collect();
    // Stable: standing order among equals.
    members.sort_by_key(|&(u, k)| {
        (
            std::cmp::Reverse(st.units[u].card.index()),
            std::cmp::Reverse(s.cards.escalations[k].streak),
        )
    });
    let units: Vec<usize> = members.iter().map(|&(u, _)| u).collect();
    let mut cols = name_columns(s, st, &units, lang);
    cols.extend([
        Column::center(tier_head(s, lang)),
        Column::center(tl::STREAK.get(lang)),
        Column::left(tl::FOLLOWS.get(lang)),
        Column::left(l::REASON.get(lang)),
    ]);
    let mut t = Table::new("escalations", tl::ESCALATIONS.get(lang), cols);
    t.empty = tl::NO_ESCALATIONS.get(lang).to_owned();
    for &(u, k) in &members {
        let us = &st.units[u];
        let unit = &s.units[u];
        let mut cells = name_cells(unit, multi, lang);
        cells.extend([
            card_cell(s, us.card, lang),
            Cell::num(
                tl::times(us.trend.streak, lang),
                "streak",
                Some(f64::from(us.trend.streak)),
            ),
            Cell::text(one_line(&s.cards.escalations[k].label)),
            Cell::text(one_line(&explain(s, st, u, lang))),
        ]);
        t.push(Some(&unit.id), cells);
    }
    t
}

/// The unit's column, sized for `members`' names, and the group's when the
/// meeting has several: the first columns of a table of units.
fn name_columns(s: &Snapshot, st: &Standings, members: &[usize], lang: Lang) -> Vec<Column> {
    let mut cols = vec![Column::left(l::UNIT.get(lang)).keep(name_cols(s, members))];
    if st.groups.len() > 1 {
        cols.push(group_column(st, lang));
    }
    cols
}

/// A unit's name, and its group's when the meeting has several: the first
/// cells of a row of units (under [`name_columns`]).
fn name_cells(unit: &crate::model::Unit, multi: bool, lang: Lang) -> Vec<Cell> {
    let mut cells = vec![Cell::text(one_line(&unit.name))];
    if multi {
        cells.push(Cell::text(group_name(&unit.group, lang)));
    }
    cells
}
