//! The standings engine: time progress, completion, composite (ratio or
//! points), shared ranks, gaps, tiers by bands, vetoes and the trend
//! against history, exactly as snapshot-v1.md and snapshot-v2.md define them.
//!
//! Pure and computed once per data change; panes only read the result.

use chrono::{Datelike, NaiveDate};

use super::bands;
use super::history::{self, Trend};
use super::projects::{self, Overdue, Pipeline};
use super::reach::{Projects, Reach};
use super::snapshot::{Card, MetricKind, Scoring, Snapshot, Stage};

/// Values closer than this are equal: they share a rank, and meet a card line.
pub const EPSILON: f64 = 1e-9;

/// Which rule, or whose decision, gave a unit its card.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum CardSource {
    Rule,
    Decision,
}

impl CardSource {
    pub fn as_str(self) -> &'static str {
        match self {
            CardSource::Rule => "rule",
            CardSource::Decision => "decision",
        }
    }
}

/// A unit's result on one metric.
#[derive(Debug, Clone, Copy, PartialEq, Default)]
pub struct MetricStanding {
    pub actual: Option<f64>,
    pub target: Option<f64>,
    /// Actual ÷ target (capped), when the target is > 0.
    pub completion: Option<f64>,
    /// Rank in the group by actual, when the unit has an actual or a target.
    pub rank: Option<u32>,
    /// How far behind the group's first on this metric (≥ 0).
    pub gap_first: Option<f64>,
    /// How far behind the unit ranked just above (≥ 0).
    pub gap_above: Option<f64>,
    /// The unit ranked just above on this metric (the nearest better rank).
    pub above: Option<usize>,
    /// Rank in the group by completion, highest first, when the unit has a
    /// target (a chart of completions is ordered by it).
    pub completion_rank: Option<u32>,
}

impl MetricStanding {
    /// The actual value, a missing one counting as 0.
    pub fn value(&self) -> f64 {
        self.actual.unwrap_or(0.0)
    }
}

/// One unit's standing.
#[derive(Debug, Clone, PartialEq)]
pub struct UnitStanding {
    /// Weighted completion; `None` for an unranked unit.
    pub composite: Option<f64>,
    pub rank: Option<u32>,
    /// Composite behind the group's first / the unit ranked just above.
    pub gap_first: Option<f64>,
    pub gap_above: Option<f64>,
    /// The unit ranked just above (the nearest better rank in the group).
    pub above: Option<usize>,
    pub card: Card,
    pub source: CardSource,
    /// What the rule alone would give (the unit's decision may differ).
    pub rule_card: Card,
    /// The band that gave `rule_card` (index into `cards.bands`), when one did.
    pub band: Option<usize>,
    /// The veto metric that put the unit in the veto tier, when one did.
    pub veto: Option<usize>,
    /// Against the previous meetings.
    pub trend: Trend,
    /// Indexed like the snapshot's metrics.
    pub metrics: Vec<MetricStanding>,
}

/// A group's units in standing order.
#[derive(Debug, Clone, PartialEq)]
pub struct GroupStanding {
    pub name: String,
    /// Unit indices: ranked by rank (snapshot order among ties), then unranked.
    pub members: Vec<usize>,
    /// How many of `members` are ranked.
    pub ranked: usize,
    /// The mean composite of the ranked members.
    pub mean: Option<f64>,
    /// Per metric: the members that have a per-metric rank, in that rank's order.
    pub by_metric: Vec<Vec<usize>>,
    /// Per metric: the members that have a completion, highest first (ties
    /// in the order of `by_metric`).
    pub by_completion: Vec<Vec<usize>>,
}

/// Everything derived from a snapshot.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Standings {
    pub time_progress: f64,
    /// Indexed like the snapshot's units.
    pub units: Vec<UnitStanding>,
    /// In the order groups first appear among the units.
    pub groups: Vec<GroupStanding>,
    /// All units in standing order: group by group, then rank, unranked last.
    pub order: Vec<usize>,
    /// Per unit: the project pipeline.
    pub pipelines: Vec<Pipeline>,
    /// Overdue projects, latest first.
    pub overdue: Vec<Overdue>,
    /// Stalled projects that are not overdue, in snapshot order (the lists
    /// of late projects show them after the overdue ones).
    pub stalled: Vec<usize>,
    /// Per metric: its totals over every unit.
    pub totals: Vec<super::totals::MetricTotal>,
}

/// Whether any unit has a composite: otherwise the ranking skips the
/// composite view (and `update`'s metric cycle skips position 0).
pub fn composite_shown(st: &Standings) -> bool {
    st.groups.iter().any(|g| g.ranked > 0)
}

/// Time progress: day of year of `to` ÷ days in that year.
pub fn time_progress(to: NaiveDate) -> f64 {
    let days = if to.leap_year() { 366.0 } else { 365.0 };
    f64::from(to.ordinal()) / days
}

/// Shared ranks (1, 2, 2, 4) for values already sorted best first.
fn shared_ranks(sorted: &[f64]) -> Vec<u32> {
    let mut ranks = Vec::with_capacity(sorted.len());
    for (i, v) in sorted.iter().enumerate() {
        let rank = match i {
            0 => 1,
            _ if (sorted[i - 1] - v).abs() <= EPSILON => ranks[i - 1],
            _ => i as u32 + 1,
        };
        ranks.push(rank);
    }
    ranks
}

/// Gaps behind the first and behind the nearest strictly better rank, for
/// values sorted best first, measured in the "behind" direction; and the
/// position of that nearest better rank.
fn gaps(
    sorted: &[f64],
    ranks: &[u32],
    behind: impl Fn(f64, f64) -> f64,
) -> Vec<(f64, f64, Option<usize>)> {
    let mut out = Vec::with_capacity(sorted.len());
    let mut above: Option<usize> = None;
    for i in 0..sorted.len() {
        if i > 0 && ranks[i] != ranks[i - 1] {
            above = Some(i - 1);
        }
        // Clamped: points may be negative, and a gap must stay a number.
        let first = behind(sorted[0], sorted[i]).clamp(0.0, f64::MAX);
        let up = above.map_or(0.0, |a| behind(sorted[a], sorted[i]).clamp(0.0, f64::MAX));
        out.push((first, up, above));
    }
    out
}

/// Computes the standings of a validated snapshot.
pub fn compute(s: &Snapshot) -> Standings {
    of_units(s, ProjectSide::of(s))
}

/// The standings again after a change that reached what `reach` says:
/// the side it did not reach is kept, the projects it names are read
/// again. Equal to [`compute`] of `s` whenever `reach` is true to the change.
pub fn again(mut prev: Standings, s: &Snapshot, reach: &Reach) -> Standings {
    match &reach.projects {
        Projects::Kept => {}
        Projects::These(changed) => projects_changed(&mut prev, s, changed),
        Projects::All => ProjectSide::of(s).put(&mut prev),
    }
    if !reach.units {
        return prev;
    }
    of_units(s, ProjectSide::take(&mut prev))
}

/// What the standings read from the projects (and the meeting's date).
struct ProjectSide {
    pipelines: Vec<Pipeline>,
    overdue: Vec<Overdue>,
    stalled: Vec<usize>,
}

impl ProjectSide {
    fn of(s: &Snapshot) -> ProjectSide {
        let overdue = projects::overdue(s);
        let mut is_overdue = vec![false; s.projects.len()];
        for o in &overdue {
            is_overdue[o.project] = true;
        }
        let stalled = (0..s.projects.len())
            .filter(|&i| s.projects[i].stage == Stage::Stalled && !is_overdue[i])
            .collect();
        ProjectSide {
            pipelines: projects::pipelines(s),
            overdue,
            stalled,
        }
    }

    fn take(st: &mut Standings) -> ProjectSide {
        ProjectSide {
            pipelines: std::mem::take(&mut st.pipelines),
            overdue: std::mem::take(&mut st.overdue),
            stalled: std::mem::take(&mut st.stalled),
        }
    }

    fn put(self, st: &mut Standings) {
        (st.pipelines, st.overdue, st.stalled) = (self.pipelines, self.overdue, self.stalled);
    }
}

/// The projects at `changed` (ascending) changed where they stand: each
/// leaves the overdue and stalled lists and comes back where its new
/// state puts it, in the order [`ProjectSide::of`] gives (latest first,
/// ties in snapshot order; stalled in snapshot order). The pipelines are
/// summed again whole, in the same order, so the sums are the same bits.
fn projects_changed(st: &mut Standings, s: &Snapshot, changed: &[usize]) {
    let is_changed = |i: usize| changed.binary_search(&i).is_ok();
    st.overdue.retain(|o| !is_changed(o.project));
    st.stalled.retain(|&i| !is_changed(i));
    let today = s.meeting.date;
    for &i in changed {
        let Some(p) = s.projects.get(i) else { continue };
        match projects::lateness(p, today) {
            Some((missed, due, days_late)) => {
                let key = (std::cmp::Reverse(days_late), i);
                let at = st
                    .overdue
                    .partition_point(|o| (std::cmp::Reverse(o.days_late), o.project) < key);
                let o = Overdue {
                    project: i,
                    missed,
                    due,
                    days_late,
                };
                st.overdue.insert(at, o);
            }
            None if p.stage == Stage::Stalled => {
                let at = st.stalled.partition_point(|&x| x < i);
                st.stalled.insert(at, i);
            }
            None => {}
        }
    }
    st.pipelines = projects::pipelines(s);
}

fn of_units(s: &Snapshot, side: ProjectSide) -> Standings {
    let p = time_progress(s.meeting.period.to);
    let cap = s.cards.cap;
    let mut units: Vec<UnitStanding> = s
        .units
        .iter()
        .map(|u| {
            let metrics: Vec<MetricStanding> = s
                .metrics
                .iter()
                .enumerate()
                .map(|(mi, _)| {
                    let (actual, target) = (u.actuals[mi], u.targets[mi]);
                    let completion = target.filter(|t| *t > 0.0).map(|t| {
                        // A tiny target (1e-310) makes the ratio overflow:
                        // the largest number, not infinity, reaches the room.
                        let r = (actual.unwrap_or(0.0) / t).min(f64::MAX);
                        cap.map_or(r, |c| r.min(c))
                    });
                    MetricStanding {
                        actual,
                        target,
                        completion,
                        ..Default::default()
                    }
                })
                .collect();
            let composite = match s.scoring {
                Scoring::Ratio => ratio_composite(s, &metrics),
                Scoring::Points => points_composite(s, &metrics),
            };
            let veto = s.metrics.iter().zip(&metrics).position(|(m, ms)| {
                m.kind == MetricKind::Veto && ms.actual.is_some_and(|a| a > 0.0)
            });
            UnitStanding {
                composite,
                rank: None,
                gap_first: None,
                gap_above: None,
                above: None,
                card: Card::NONE,
                source: CardSource::Rule,
                rule_card: Card::NONE,
                band: None,
                veto,
                trend: Trend::default(),
                metrics,
            }
        })
        .collect();

    let mut members: Vec<Vec<usize>> = vec![Vec::new(); s.groups.len()];
    for (i, u) in s.units.iter().enumerate() {
        members[u.group_index].push(i);
    }
    let mut groups = Vec::with_capacity(s.groups.len());
    for (gi, mut list) in members.into_iter().enumerate() {
        // Stable sort: snapshot order among equal composites; unranked last.
        list.sort_by(|&a, &b| {
            let (ca, cb) = (units[a].composite, units[b].composite);
            match (ca, cb) {
                (Some(x), Some(y)) => y.total_cmp(&x),
                (Some(_), None) => std::cmp::Ordering::Less,
                (None, Some(_)) => std::cmp::Ordering::Greater,
                (None, None) => std::cmp::Ordering::Equal,
            }
        });
        let ranked = list
            .iter()
            .take_while(|&&i| units[i].composite.is_some())
            .count();
        let values: Vec<f64> = list[..ranked]
            .iter()
            .filter_map(|&i| units[i].composite)
            .collect();
        let ranks = shared_ranks(&values);
        let gap = gaps(&values, &ranks, |best, own| best - own);
        let mean = mean(&values);
        for (k, &i) in list[..ranked].iter().enumerate() {
            units[i].rank = Some(ranks[k]);
            (units[i].gap_first, units[i].gap_above) = (Some(gap[k].0), Some(gap[k].1));
            units[i].above = gap[k].2.map(|a| list[a]);
        }
        let by_metric: Vec<Vec<usize>> = s
            .metrics
            .iter()
            .enumerate()
            .map(|(mi, m)| rank_metric(s, &mut units, &list, mi, m.higher_first()))
            .collect();
        let by_completion = by_metric
            .iter()
            .enumerate()
            .map(|(mi, order)| rank_completion(&mut units, order, mi))
            .collect();
        groups.push(GroupStanding {
            name: s.groups[gi].clone(),
            members: list,
            ranked,
            mean,
            by_metric,
            by_completion,
        });
    }

    for g in &groups {
        let group = bands::Group {
            ranked: g.ranked as u32,
            mean: g.mean,
            time_progress: p,
        };
        for &i in &g.members {
            let us = &mut units[i];
            (us.rule_card, us.band) = bands::tier(&s.cards.bands, us.composite, us.rank, &group);
            if us.veto.is_some() {
                (us.rule_card, us.band) = (s.cards.veto_tier, None);
            }
            (us.card, us.source) = match &s.units[i].decision {
                Some(d) => (d.card, CardSource::Decision),
                None => (us.rule_card, CardSource::Rule),
            };
            us.trend = history::trend(
                &s.history,
                &s.cards.escalations,
                i,
                us.rank,
                us.composite,
                us.card,
            );
        }
    }

    let order = groups
        .iter()
        .flat_map(|g| g.members.iter().copied())
        .collect();
    let mut st = Standings {
        time_progress: p,
        units,
        groups,
        order,
        pipelines: Vec::new(),
        overdue: Vec::new(),
        stalled: Vec::new(),
        totals: Vec::new(),
    };
    side.put(&mut st);
    st.totals = super::totals::all(s, &st);
    st
}

/// Format v1's composite: the weighted mean of completions, over the
/// metrics with weight > 0 that have a completion.
fn ratio_composite(s: &Snapshot, metrics: &[MetricStanding]) -> Option<f64> {
    let (mut num, mut den) = (0.0, 0.0);
    for (m, ms) in s.metrics.iter().zip(metrics) {
        if let Some(r) = ms.completion
            && m.weight > 0.0
        {
            num += m.weight * r;
            den += m.weight;
        }
    }
    (den > 0.0).then(|| composite(num, den, s, metrics))
}

/// A sum that stays a number: huge points saturate at the largest.
fn add(a: f64, b: f64) -> f64 {
    (a + b).clamp(-f64::MAX, f64::MAX)
}

/// Points: Σ weight × s(r) over the score metrics with weight > 0 that
/// have a completion, + bonus actuals − deduction actuals; none without
/// such a score metric.
fn points_composite(s: &Snapshot, metrics: &[MetricStanding]) -> Option<f64> {
    let mut total = 0.0;
    let mut scored = false;
    for (m, ms) in s.metrics.iter().zip(metrics) {
        if let (MetricKind::Score, Some(r)) = (m.kind, ms.completion)
            && m.weight > 0.0
        {
            scored = true;
            let share = match m.score_bands.as_slice() {
                [] => r,
                bands => bands
                    .iter()
                    .find(|b| r >= b.at_least - EPSILON)
                    .map_or(0.0, |b| b.share),
            };
            total = add(total, (m.weight * share).min(f64::MAX));
        }
    }
    if !scored {
        return None;
    }
    for (m, ms) in s.metrics.iter().zip(metrics) {
        match m.kind {
            MetricKind::Bonus => total = add(total, ms.value()),
            MetricKind::Deduction => total = add(total, -ms.value()),
            MetricKind::Score | MetricKind::Veto => {}
        }
    }
    Some(total)
}

/// The mean of `values` (a group's composites, judges' marks); none of none.
pub(crate) fn mean(values: &[f64]) -> Option<f64> {
    if values.is_empty() {
        return None;
    }
    let n = values.len() as f64;
    let sum: f64 = values.iter().sum();
    // Huge values overflow the sum: the same mean, each divided first.
    Some(if sum.is_finite() {
        sum / n
    } else {
        values.iter().map(|c| c / n).sum()
    })
}

/// The weighted mean `num / den`, exactly as the sums give it when they are
/// finite; when huge weights or completions overflow them, the same mean
/// computed with weights scaled by the largest, which cannot overflow the
/// denominator, and clamped to the largest number.
fn composite(num: f64, den: f64, s: &Snapshot, metrics: &[MetricStanding]) -> f64 {
    let c = num / den;
    if c.is_finite() {
        return c;
    }
    let terms = || {
        s.metrics.iter().zip(metrics).filter_map(|(m, ms)| {
            ms.completion
                .filter(|_| m.weight > 0.0)
                .map(|r| (m.weight, r))
        })
    };
    let top = terms().map(|(w, _)| w).fold(0.0, f64::max);
    let (mut num, mut den) = (0.0f64, 0.0f64);
    for (w, r) in terms() {
        let w = w / top;
        num = (num + w * r).min(f64::MAX);
        den += w;
    }
    (num / den).min(f64::MAX)
}

/// Ranks one metric within one group; returns the ranked members in order.
fn rank_metric(
    s: &Snapshot,
    units: &mut [UnitStanding],
    members: &[usize],
    mi: usize,
    higher_first: bool,
) -> Vec<usize> {
    let mut list: Vec<usize> = members
        .iter()
        .copied()
        .filter(|&i| s.units[i].actuals[mi].is_some() || s.units[i].targets[mi].is_some())
        .collect();
    // Snapshot order among equals, whatever the composite order was.
    list.sort_by_key(|&i| i);
    let value = |i: usize| units[i].metrics[mi].value();
    if higher_first {
        list.sort_by(|&a, &b| value(b).total_cmp(&value(a)));
    } else {
        list.sort_by(|&a, &b| value(a).total_cmp(&value(b)));
    }
    let values: Vec<f64> = list.iter().map(|&i| value(i)).collect();
    let ranks = shared_ranks(&values);
    let gap = if higher_first {
        gaps(&values, &ranks, |best, own| best - own)
    } else {
        gaps(&values, &ranks, |best, own| own - best)
    };
    for (k, &i) in list.iter().enumerate() {
        let ms = &mut units[i].metrics[mi];
        ms.rank = Some(ranks[k]);
        (ms.gap_first, ms.gap_above) = (Some(gap[k].0), Some(gap[k].1));
        ms.above = gap[k].2.map(|a| list[a]);
    }
    list
}

/// Ranks the units of `order` that have a completion on metric `mi` by it,
/// highest first (shared on ties, stable otherwise); returns them in order.
fn rank_completion(units: &mut [UnitStanding], order: &[usize], mi: usize) -> Vec<usize> {
    let mut list: Vec<usize> = order
        .iter()
        .copied()
        .filter(|&i| units[i].metrics[mi].completion.is_some())
        .collect();
    let c = |units: &[UnitStanding], i: usize| units[i].metrics[mi].completion.unwrap_or(0.0);
    list.sort_by(|&a, &b| c(units, b).total_cmp(&c(units, a)));
    let values: Vec<f64> = list.iter().map(|&i| c(units, i)).collect();
    for (&i, r) in list.iter().zip(shared_ranks(&values)) {
        units[i].metrics[mi].completion_rank = Some(r);
    }
    list
}
