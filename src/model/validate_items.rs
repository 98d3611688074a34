//! Validation of the lists that refer to units: projects, agenda and seating.

use crate::model::Word as _;
use std::collections::{HashMap, HashSet};
use std::sync::atomic::{AtomicUsize, Ordering};

use rayon::prelude::*;
use serde_json::Value;

use super::fields::{Path, Reader, describe, members, same_word};
use super::record::{Held, Record};
use super::snapshot::*;
use super::validate::{IdSet, Ids, required, strings, unique};
use super::validate_rules::tier_ref;
use super::{parse, project_text};
use std::borrow::Cow;

/// The project fields validation reads, in the order their problems are reported.
const PROJECT_FIELDS: [&str; 11] = [
    "id",
    "name",
    "unit",
    "investment",
    "stage",
    "signed_on",
    "started_on",
    "completed_on",
    "due_start",
    "due_complete",
    "note",
];

/// [`Stage::parse`] without a memcmp call per candidate stage.
fn stage_word(s: &str) -> Option<Stage> {
    Stage::all()
        .iter()
        .copied()
        .find(|st| same_word(st.as_str(), s))
}

pub(super) fn projects(r: &mut Reader, v: &Value, path: &Path, unit_ids: &Ids) -> Vec<Project> {
    let Some(items) = r.array(v, path) else {
        return Vec::new();
    };
    let mut seen: HashMap<&str, usize> = HashMap::with_capacity(items.len());
    let mut out = Vec::with_capacity(items.len());
    for (i, item) in items.iter().enumerate() {
        if let Some(p) = project(r, item, &path.index(i), i, &mut seen, unit_ids) {
            out.push(p);
        }
    }
    out
}

/// The projects a [`Record`] holds apart as text, checked one by one as
/// each is read, in the order and with the problems of [`projects`];
/// `Err(i)` when the text of project `i` does not read.
///
/// Most files are valid: their projects are read straight from the text
/// and their ids compared afterwards, borrowed from the projects read (an
/// owned key per project, allocated and freed, was a fifth of the time a
/// large meeting took to open). From the first project that is not valid
/// as it stands, the projects are checked in order with the ids seen so
/// far; a repeated id among the first ones checks them all again in order,
/// which says where it is.
pub(super) fn held_projects(
    r: &mut Reader,
    record: &Record,
    path: &Path,
    unit_ids: &Ids,
) -> Result<Vec<Project>, usize> {
    let n = record.held_projects().unwrap_or(0);
    let (mut out, stopped) = valid_as_they_stand(record, n, unit_ids);
    if ids_repeat(&out) {
        out.clear();
        let seen = HashMap::with_capacity(n);
        in_order(r, record.held_from(0), seen, path, unit_ids, &mut out)?;
    } else if let Some(first) = stopped {
        let seen = out
            .iter()
            .enumerate()
            .map(|(i, p)| (Box::from(p.id.as_str()), i));
        let seen = seen.collect();
        in_order(r, record.held_from(first), seen, path, unit_ids, &mut out)?;
    }
    Ok(out)
}

/// Below this many projects, one thread reads them all, in one piece.
const ONE_THREAD: usize = 4096;

/// The fewest projects one core reads in a row: enough that handing work
/// between cores costs nothing beside it.
const MIN_PIECE: usize = 1024;

/// The projects valid as their text stands, read straight into the
/// snapshot up to the first that is not (its index). A large list is read
/// on every core, each project written straight into its place in the
/// list: gathering pieces read apart into one list afterwards copied 11 MB
/// into fresh memory on one core, a tenth of the time `check` took on
/// 100,000 projects.
fn valid_as_they_stand(record: &Record, n: usize, unit_ids: &Ids) -> (Vec<Project>, Option<usize>) {
    if n < ONE_THREAD {
        return read_run(record, 0..n, unit_ids);
    }
    // The first project not valid as it stands: those after it are not
    // read (they go the in-order way), only given a place.
    let stop = AtomicUsize::new(usize::MAX);
    let mut out = Vec::with_capacity(n);
    crate::memory::advise_huge_pages(&mut out);
    (0..n)
        .into_par_iter()
        .with_min_len(MIN_PIECE)
        .map(|i| {
            if i < stop.load(Ordering::Relaxed)
                && let Some(Held::Text(text)) = record.held_at(i)
                && let Some(p) = project_text::read(text, unit_ids)
            {
                return p;
            }
            stop.fetch_min(i, Ordering::Relaxed);
            Project::unread()
        })
        .collect_into_vec(&mut out);
    let stop = stop.into_inner();
    if stop < n {
        out.truncate(stop);
        (out, Some(stop))
    } else {
        (out, None)
    }
}

/// [`valid_as_they_stand`] over the projects at `range`.
fn read_run(
    record: &Record,
    range: std::ops::Range<usize>,
    unit_ids: &Ids,
) -> (Vec<Project>, Option<usize>) {
    let mut out = Vec::with_capacity(range.len());
    for (i, held) in record.held_from(range.start).take(range.len()) {
        if let Held::Text(text) = held
            && let Some(p) = project_text::read(text, unit_ids)
        {
            out.push(p);
            continue;
        }
        return (out, Some(i));
    }
    (out, None)
}

/// Whether two of `projects` have the same id.
fn ids_repeat(projects: &[Project]) -> bool {
    let mut ids: HashSet<&str, foldhash::fast::RandomState> =
        HashSet::with_capacity_and_hasher(projects.len(), Default::default());
    !projects.iter().all(|p| ids.insert(&*p.id))
}

/// Checks projects in order, each id against those seen before it.
fn in_order<'a>(
    r: &mut Reader,
    held: impl Iterator<Item = (usize, Held<'a>)>,
    // The texts are dropped as they are checked: the ids seen are kept owned.
    mut seen: HashMap<Box<str>, usize>,
    path: &Path,
    unit_ids: &Ids,
    out: &mut Vec<Project>,
) -> Result<(), usize> {
    for (i, held) in held {
        let value = match held {
            Held::Text(text) => {
                if let Some(p) = project_text::read(text, unit_ids)
                    && seen.first(&p.id, i).is_none()
                {
                    out.push(p);
                    continue;
                }
                Cow::Owned(parse::element(text).ok_or(i)?)
            }
            Held::Value(v) => Cow::Borrowed(v),
        };
        if let Some(p) = project(r, &value, &path.index(i), i, &mut seen, unit_ids) {
            out.push(p);
        }
    }
    Ok(())
}

/// One project, at `p` (index `i` of the list).
pub(super) fn project<'v>(
    r: &mut Reader,
    item: &'v Value,
    p: &Path,
    i: usize,
    seen: &mut impl IdSet<'v>,
    unit_ids: &Ids,
) -> Option<Project> {
    let m = r.object(item, p)?;
    let [
        id,
        name,
        unit,
        investment,
        stage,
        signed_on,
        started_on,
        completed_on,
        due_start,
        due_complete,
        note,
    ] = members(m, PROJECT_FIELDS);
    let id = r
        .required(id, p, "id")
        .and_then(|v| r.text(v, &p.key("id")))
        .filter(|id| unique(r, seen, id, i, &p.key("id"), "projects"));
    let name = r
        .required(name, p, "name")
        .and_then(|v| r.text(v, &p.key("name")));
    let unit = r
        .required(unit, p, "unit")
        .and_then(|v| r.string(v, &p.key("unit")))
        .and_then(|id| {
            let found = unit_ids.get(id).copied();
            if found.is_none() {
                r.problem(
                    &p.key("unit"),
                    format!("no unit with id {}", describe(&Value::from(id))),
                );
            }
            found
        });
    let investment = investment.map(|v| r.number(v, &p.key("investment"), false));
    let stage = r
        .required(stage, p, "stage")
        .and_then(|v| r.choice(v, &p.key("stage"), &Stage::words(), stage_word));
    let mut date = |v: Option<&Value>, key: &str| v.map(|v| r.date(v, &p.key(key)));
    let dates = [
        date(signed_on, "signed_on"),
        date(started_on, "started_on"),
        date(completed_on, "completed_on"),
        date(due_start, "due_start"),
        date(due_complete, "due_complete"),
    ];
    let note = note.map(|v| r.string(v, &p.key("note")));
    if dates.iter().any(|d| matches!(d, Some(None)))
        || matches!(investment, Some(None))
        || matches!(note, Some(None))
    {
        return None;
    }
    let [signed_on, started_on, completed_on, due_start, due_complete] = dates.map(Option::flatten);
    let (id, name, unit, stage) = (id?, name?, unit?, stage?);
    Some(Project {
        id: id.into(),
        name: name.into(),
        unit,
        investment: investment.flatten(),
        stage,
        signed_on,
        started_on,
        completed_on,
        due_start,
        due_complete,
        note: note.flatten().map(Box::from),
    })
}

pub(super) fn agenda(
    r: &mut Reader,
    v: &Value,
    path: &Path,
    unit_ids: &Ids,
    groups: &[String],
    tiers: &Tiers,
) -> Vec<AgendaItem> {
    let Some(items) = r.array(v, path) else {
        return Vec::new();
    };
    let mut out = Vec::with_capacity(items.len());
    let mut ids: HashMap<&str, usize> = HashMap::new();
    for (i, item) in items.iter().enumerate() {
        let p = path.index(i);
        let Some(m) = r.object(item, &p) else {
            continue;
        };
        // Optional: an item with an id is known by it when edits are
        // replayed (a journal, a merge), however the agenda moved.
        let id = m.get("id").map(|v| {
            r.text(v, &p.key("id"))
                .filter(|id| unique(r, &mut ids, id, i, &p.key("id"), "agenda"))
        });
        let title = required(r, m, &p, "title").and_then(|v| r.text(v, &p.key("title")));
        let pane = required(r, m, &p, "pane")
            .and_then(|v| r.choice(v, &p.key("pane"), &Pane::words(), Pane::parse));
        let minutes = m.get("minutes").map(|v| r.minutes(v, &p.key("minutes")));
        let minutes_each = m
            .get("minutes_each")
            .map(|v| r.minutes(v, &p.key("minutes_each")));
        let warn_minutes = m
            .get("warn_minutes")
            .map(|v| r.minutes(v, &p.key("warn_minutes")));
        let speaker = m.get("speaker").map(|v| r.string(v, &p.key("speaker")));
        let notes = m.get("notes").map(|v| strings(r, v, &p.key("notes")));
        let speakers = match m.get("speakers") {
            Some(v) => Some(speakers(r, v, &p.key("speakers"), unit_ids, groups, tiers)),
            None => {
                if pane == Some(Pane::Speakers) {
                    r.problem(
                        &p.key("speakers"),
                        "required with pane \"speakers\": {\"card\": \"red\"}, {\"group\": …} or {\"units\": […]}",
                    );
                }
                None
            }
        };
        let parts_ok = [
            minutes.is_some_and(|x| x.is_none()),
            minutes_each.is_some_and(|x| x.is_none()),
        ]
        .into_iter()
        .chain([
            id.is_some_and(|x| x.is_none()),
            warn_minutes.is_some_and(|x| x.is_none()),
            speaker.is_some_and(|x| x.is_none()),
            notes.as_ref().is_some_and(|x| x.is_none()),
            speakers.as_ref().is_some_and(|x| x.is_none()),
        ])
        .all(|bad| !bad);
        if let (Some(title), Some(pane), true) = (title, pane, parts_ok) {
            out.push(AgendaItem {
                id: id.flatten().map(str::to_owned),
                title: title.to_owned(),
                pane,
                minutes: minutes.flatten(),
                speaker: speaker.flatten().map(str::to_owned),
                speakers: speakers.flatten(),
                minutes_each: minutes_each.flatten(),
                warn_minutes: warn_minutes.flatten(),
                notes: notes.flatten().unwrap_or_default(),
            });
        }
    }
    out
}

fn speakers(
    r: &mut Reader,
    v: &Value,
    path: &Path,
    unit_ids: &Ids,
    groups: &[String],
    tiers: &Tiers,
) -> Option<SpeakerSelector> {
    let m = r.object(v, path)?;
    let keys: Vec<&str> = ["card", "group", "units"]
        .into_iter()
        .filter(|k| m.contains_key(*k))
        .collect();
    if keys.len() != 1 {
        r.problem(
            path,
            "expected exactly one of \"card\", \"group\" or \"units\"",
        );
        return None;
    }
    let key = keys[0];
    let val = &m[key];
    let p = path.key(key);
    match key {
        "card" => tier_ref(r, val, &p, tiers).map(SpeakerSelector::Card),
        "group" => {
            let g = r.string(val, &p)?;
            if groups.iter().any(|x| x == g) {
                Some(SpeakerSelector::Group(g.to_owned()))
            } else {
                r.problem(&p, format!("no unit in group {}", describe(val)));
                None
            }
        }
        _ => {
            let ids = strings(r, val, &p)?;
            if ids.is_empty() {
                r.problem(&p, "names no unit");
                return None;
            }
            let mut out = Vec::with_capacity(ids.len());
            for (i, id) in ids.iter().enumerate() {
                match unit_ids.get(id.as_str()) {
                    Some(&u) => out.push(u),
                    None => r.problem(
                        &p.index(i),
                        format!("no unit with id {}", describe(&Value::from(id.as_str()))),
                    ),
                }
            }
            (out.len() == ids.len()).then_some(SpeakerSelector::Units(out))
        }
    }
}

pub(super) fn seating(r: &mut Reader, v: &Value, path: &Path, tiers: &Tiers) -> Vec<Zone> {
    let Some(m) = r.object(v, path) else {
        return Vec::new();
    };
    let Some(zones) = required(r, m, path, "zones").and_then(|v| r.array(v, &path.key("zones")))
    else {
        return Vec::new();
    };
    let zp = path.key("zones");
    let mut out = Vec::new();
    for (i, item) in zones.iter().enumerate() {
        let p = zp.index(i);
        let Some(z) = r.object(item, &p) else {
            continue;
        };
        let card = required(r, z, &p, "card").and_then(|v| tier_ref(r, v, &p.key("card"), tiers));
        let label = z.get("label").map(|v| r.string(v, &p.key("label")));
        let rows = required(r, z, &p, "rows").and_then(|v| r.integer(v, &p.key("rows"), 1, 1000));
        let seats = required(r, z, &p, "seats_per_row")
            .and_then(|v| r.integer(v, &p.key("seats_per_row"), 1, 1000));
        if let (Some(card), Some(rows), Some(seats_per_row)) = (card, rows, seats) {
            let Some(label) = label.unwrap_or(Some("")) else {
                continue;
            };
            out.push(Zone {
                card,
                label: label.to_owned(),
                rows,
                seats_per_row,
            });
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn stage_words_are_the_stages() {
        for word in Stage::words()
            .into_iter()
            .chain(["", "Signed", "signe", "signedx"])
        {
            assert_eq!(stage_word(word), Stage::parse(word), "{word:?}");
        }
    }
}
