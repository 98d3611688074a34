//! The project pipeline per unit and the overdue list: "签约只是第一步，项目一天
//!不落地，一切等于零".

use std::collections::{HashMap, HashSet};

use chrono::NaiveDate;

use super::snapshot::{Project, Snapshot, Stage};

/// A unit's projects counted by stage.
#[derive(Debug, Clone, Copy, PartialEq, Default)]
pub struct Pipeline {
    /// Indexed by [`Stage::index`].
    pub counts: [u32; 7],
    /// Started, completed or producing ÷ signed or later (stalled included;
    /// negotiating and lost not); `None` when nothing is signed.
    pub start_rate: Option<f64>,
    /// Total investment of the unit's projects that are not lost.
    pub investment: f64,
    /// How many of those projects give an investment: with none, the total
    /// is unknown (—), not 0.
    pub invested: u32,
}

impl Pipeline {
    pub fn count(&self, stage: Stage) -> u32 {
        self.counts[stage.index()]
    }
    pub fn total(&self) -> u32 {
        self.counts.iter().sum()
    }
}

/// Which milestone a project missed.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Milestone {
    Start,
    Complete,
}

/// A project past one of its due dates.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Overdue {
    /// Index into the snapshot's projects.
    pub project: usize,
    pub missed: Milestone,
    pub due: NaiveDate,
    /// Days from the due date to the meeting date.
    pub days_late: i64,
}

/// Whether a project has started: by stage, or a stalled one with a start date.
pub fn has_started(p: &Project) -> bool {
    matches!(
        p.stage,
        Stage::Started | Stage::Completed | Stage::Producing
    ) || (p.stage == Stage::Stalled && p.started_on.is_some())
}

fn has_completed(p: &Project) -> bool {
    matches!(p.stage, Stage::Completed | Stage::Producing)
}

/// The pipeline of every unit, indexed like the snapshot's units.
pub fn pipelines(s: &Snapshot) -> Vec<Pipeline> {
    let mut out = vec![Pipeline::default(); s.units.len()];
    for p in &s.projects {
        let pl = &mut out[p.unit];
        pl.counts[p.stage.index()] += 1;
        if p.stage != Stage::Lost
            && let Some(x) = p.investment
        {
            // Clamped: a few absurd amounts must not add up to infinity.
            pl.investment = (pl.investment + x).min(f64::MAX);
            pl.invested += 1;
        }
    }
    for pl in &mut out {
        let started =
            pl.count(Stage::Started) + pl.count(Stage::Completed) + pl.count(Stage::Producing);
        let signed = started + pl.count(Stage::Signed) + pl.count(Stage::Stalled);
        pl.start_rate = (signed > 0).then(|| f64::from(started) / f64::from(signed));
    }
    out
}

/// How late a project is on the meeting day, if it is: the later of its missed
/// milestones. Lost projects are gone, not late.
pub fn lateness(p: &Project, today: NaiveDate) -> Option<(Milestone, NaiveDate, i64)> {
    if p.stage == Stage::Lost {
        return None;
    }
    let start = p
        .due_start
        .filter(|d| today > *d && !has_started(p))
        .map(|d| (Milestone::Start, d, (today - d).num_days()));
    let complete = p
        .due_complete
        .filter(|d| today > *d && !has_completed(p))
        .map(|d| (Milestone::Complete, d, (today - d).num_days()));
    match (start, complete) {
        (Some(a), Some(b)) => Some(if b.2 > a.2 { b } else { a }),
        (a, b) => a.or(b),
    }
}

/// Every overdue project, the latest first (ties in snapshot order).
pub fn overdue(s: &Snapshot) -> Vec<Overdue> {
    let today = s.meeting.date;
    let mut out: Vec<Overdue> = s
        .projects
        .iter()
        .enumerate()
        .filter_map(|(i, p)| {
            lateness(p, today).map(|(missed, due, days_late)| Overdue {
                project: i,
                missed,
                due,
                days_late,
            })
        })
        .collect();
    out.sort_by_key(|o| std::cmp::Reverse(o.days_late));
    out
}

/// Where the projects with these ids are, found in one pass over the
/// projects that stops once all are found. A few ids are compared as they
/// are; more than 8 are looked up in a set (a block of hundreds pasted on
/// 100,000 projects searched id by id took 0.3–0.6 s, and hashing every
/// project's id for one or two ids cost 5 ms an edit). An id no project
/// has is absent from the map.
pub fn positions<'a>(
    projects: &[Project],
    ids: impl IntoIterator<Item = &'a str>,
) -> HashMap<&'a str, usize, foldhash::fast::RandomState> {
    let mut wanted: Vec<&str> = ids.into_iter().collect();
    wanted.sort_unstable();
    wanted.dedup();
    let set: Option<HashSet<&str, foldhash::fast::RandomState>> =
        (wanted.len() > 8).then(|| wanted.iter().copied().collect());
    let mut found = HashMap::with_capacity_and_hasher(wanted.len(), Default::default());
    for (i, p) in projects.iter().enumerate() {
        if found.len() == wanted.len() {
            break;
        }
        let id = p.id.as_str();
        let hit = match &set {
            Some(set) => set.get(id).copied(),
            None => wanted.iter().copied().find(|w| *w == id),
        };
        // Ids are unique in a valid snapshot: the first is the one.
        if let Some(w) = hit {
            found.entry(w).or_insert(i);
        }
    }
    found
}
