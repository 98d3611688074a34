//! What a change of the data can have reached, so that what is derived
//! from it is computed again only where it can differ. At 100,000
//! projects a secretary's figure must not walk every project, nor a
//! project's stage every unit.
//!
//! The derived data falls in two sides: the units' (standings, ranks,
//! tiers, seating, speaker queues; read from units, metrics, cards,
//! history and the meeting's period) and the projects' (pipelines,
//! overdue and stalled lists; read from the projects, the meeting's date
//! and the units' places). Any doubt reaches both; a new version whose
//! only change outside the projects is the meeting's title reaches neither.

use super::Snapshot;
use super::edit::{ChangeSet, Step};

/// The sides of the derived data a change can have reached.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Reach {
    /// The units' side is computed again.
    pub units: bool,
    pub projects: Projects,
}

/// What of the projects' side a change can have reached.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Projects {
    /// Nothing: it is kept as it is.
    Kept,
    /// These projects (indices, ascending, none repeated) changed where
    /// they stand, ids kept; none was added, removed or moved, the units
    /// and the meeting's date are as they were.
    These(Vec<usize>),
    /// Anything: computed again whole.
    All,
}

impl Reach {
    /// Everything: what a new document needs.
    pub const ALL: Reach = Reach {
        units: true,
        projects: Projects::All,
    };

    /// What an edit's changes reached, `s` the snapshot after them. A
    /// change inside one unit (not its id or group) reaches the units'
    /// side; inside one project (not its id), that project; anything
    /// else, everything.
    pub fn of_changes(changes: &ChangeSet, s: &Snapshot) -> Reach {
        let mut reach = Reach {
            units: false,
            projects: Projects::Kept,
        };
        let mut ids: Vec<&str> = Vec::new();
        for c in changes.iter() {
            let [Step::Key(list), Step::Id { id }, Step::Key(field), ..] = c.path.steps() else {
                return Reach::ALL;
            };
            match (list.as_str(), field.as_str()) {
                (_, "id") | ("units", "group") => return Reach::ALL,
                ("units", _) if s.units.iter().any(|u| u.id == *id) => reach.units = true,
                ("projects", _) => ids.push(id),
                _ => return Reach::ALL,
            }
        }
        if !ids.is_empty() {
            match project_indices(s, ids) {
                Some(found) => reach.projects = Projects::These(found),
                None => return Reach::ALL,
            }
        }
        reach
    }

    /// What a new version of the file reached against the old one, when
    /// the parts outside the projects list are as they were (`head` None)
    /// or are `head`, and the projects at `changed` (indices in the new
    /// list) were read anew where they stood (`None`: the list was
    /// rebuilt, projects added, removed or moved).
    pub fn of_reading(
        old: &Snapshot,
        head: Option<&Snapshot>,
        changed: Option<Vec<usize>>,
    ) -> Reach {
        let projects_read = |changed: Option<Vec<usize>>| match changed {
            Some(c) if c.is_empty() => Projects::Kept,
            Some(c) => Projects::These(c),
            None => Projects::All,
        };
        let Some(new) = head else {
            return Reach {
                units: false,
                projects: projects_read(changed),
            };
        };
        // What the projects' side reads outside the projects.
        let same_places = old.meeting.date == new.meeting.date
            && old.units.len() == new.units.len()
            && old.units.iter().zip(&new.units).all(|(a, b)| a.id == b.id);
        Reach {
            units: !units_side_same(old, new),
            projects: match same_places {
                true => projects_read(changed),
                false => Projects::All,
            },
        }
    }
}

/// The indices of the projects with these ids (ascending, once each), or
/// `None` when one is not there.
fn project_indices(s: &Snapshot, ids: Vec<&str>) -> Option<Vec<usize>> {
    let at = super::projects::positions(&s.projects, ids.iter().copied());
    let mut wanted = ids;
    wanted.sort_unstable();
    wanted.dedup();
    let mut found: Vec<usize> = wanted
        .iter()
        .map(|id| at.get(id).copied())
        .collect::<Option<_>>()?;
    found.sort_unstable();
    Some(found)
}

/// Whether everything the units' side reads is the same in both: all of
/// the snapshot but its projects, the meeting's title, start and venue
/// (drawn from the snapshot itself) and the warnings. Spelled out whole,
/// so that a field added to the snapshot must be placed here.
fn units_side_same(old: &Snapshot, new: &Snapshot) -> bool {
    let Snapshot {
        meeting,
        metrics,
        units,
        groups,
        cards,
        projects: _,
        agenda,
        seating,
        locale,
        format,
        scoring,
        history,
        warnings: _,
    } = old;
    let super::Meeting {
        title: _,
        date,
        start: _,
        venue: _,
        period,
    } = meeting;
    *date == new.meeting.date
        && *period == new.meeting.period
        && *format == new.format
        && *scoring == new.scoring
        && *locale == new.locale
        && *groups == new.groups
        && *metrics == new.metrics
        && *cards == new.cards
        && *agenda == new.agenda
        && *seating == new.seating
        && *history == new.history
        && *units == new.units
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::Document;
    use crate::model::edit::Assignment;

    fn doc() -> Document {
        let json = crate::testgen::generate(6, 80, 3);
        Document::from_bytes(crate::model::to_pretty(&json).as_bytes()).unwrap()
    }

    /// A few projects or a pasted block of many are found alike, in order;
    /// one that is not there (any more) reaches everything.
    #[test]
    fn projects_are_found_one_by_one_or_in_one_pass() {
        for n in [1, 3, 8, 9, 20] {
            let mut d = doc();
            // Every third project from the end backwards: not in list order.
            let picked: Vec<usize> = (0..n).map(|k| 79 - 3 * k).collect();
            let a: Vec<Assignment> = picked
                .iter()
                .map(|&i| {
                    let id = d.snapshot.projects[i].id.clone();
                    Assignment::parse(&format!("projects.{id}.investment={}", 1000 + i)).unwrap()
                })
                .collect();
            let changes = d.edit(&a).unwrap();
            let mut want = picked.clone();
            want.sort_unstable();
            let reach = Reach::of_changes(&changes, &d.snapshot);
            assert_eq!(reach.projects, Projects::These(want), "{n} projects");
            assert!(!reach.units);
            // Against a snapshot where the first of them has another id.
            let mut other = d.snapshot.clone();
            other.projects[picked[0]].id = "not-this-one".into();
            assert_eq!(
                Reach::of_changes(&changes, &other),
                Reach::ALL,
                "{n} projects"
            );
        }
    }
}
