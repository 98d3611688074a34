//! The bulletin's project tables: overdue projects (latest first, as the
//! standings list them) and stalled ones.

use crate::i18n::{Lang, num};
use crate::model::projects::Milestone;
use crate::model::{Snapshot, Stage, Standings};
use crate::sanitize::one_line;

use super::figures::dash;
use super::labels as l;
use super::table::{Cell, Column, Table};

fn investment_cell(v: Option<f64>) -> Cell {
    Cell::num(v.map_or_else(dash, |x| num(x, 1)), "investment", v)
}

/// The overdue projects, the latest first, as the standings list them.
pub fn overdue(s: &Snapshot, st: &Standings, lang: Lang) -> Table {
    let cols = vec![
        Column::left(l::PROJECT.get(lang)),
        Column::left(l::UNIT.get(lang)),
        Column::center(l::STAGE.get(lang)),
        Column::center(l::MISSED.get(lang)),
        Column::center(l::DUE.get(lang)),
        Column::right(l::DAYS_LATE.get(lang)),
        Column::right(l::INVESTMENT.get(lang)),
    ];
    let mut t = Table::new("overdue", l::OVERDUE.get(lang), cols);
    t.empty = l::NO_OVERDUE.get(lang).to_owned();
    for o in &st.overdue {
        let p = &s.projects[o.project];
        let missed = match o.missed {
            Milestone::Start => l::MISSED_START,
            Milestone::Complete => l::MISSED_COMPLETE,
        };
        t.push(
            Some(&p.id),
            vec![
                Cell::text(one_line(&p.name)),
                Cell::text(one_line(&s.units[p.unit].name)),
                Cell::text(l::stage(p.stage, lang)),
                Cell::text(missed.get(lang)),
                Cell::text(o.due.to_string()),
                Cell::num(
                    o.days_late.to_string(),
                    "days_late",
                    Some(o.days_late as f64),
                )
                .with_class("late"),
                investment_cell(p.investment),
            ],
        );
    }
    t
}

/// Stalled projects in snapshot order, with days late when also overdue.
pub fn stalled(s: &Snapshot, st: &Standings, lang: Lang) -> Table {
    let cols = vec![
        Column::left(l::PROJECT.get(lang)),
        Column::left(l::UNIT.get(lang)),
        Column::center(l::SIGNED_ON.get(lang)),
        Column::right(l::DAYS_LATE.get(lang)),
        Column::right(l::INVESTMENT.get(lang)),
        Column::left(l::NOTE.get(lang)),
    ];
    let mut t = Table::new("stalled", l::STALLED.get(lang), cols);
    t.empty = l::NO_STALLED.get(lang).to_owned();
    for (pi, p) in s.projects.iter().enumerate() {
        if p.stage != Stage::Stalled {
            continue;
        }
        let late = st
            .overdue
            .iter()
            .find(|o| o.project == pi)
            .map(|o| o.days_late);
        t.push(
            Some(&p.id),
            vec![
                Cell::text(one_line(&p.name)),
                Cell::text(one_line(&s.units[p.unit].name)),
                Cell::text(p.signed_on.map_or_else(dash, |d| d.to_string())),
                Cell::num(
                    late.map_or_else(dash, |d| d.to_string()),
                    "days_late",
                    late.map(|d| d as f64),
                ),
                investment_cell(p.investment),
                Cell::text(
                    p.note
                        .as_deref()
                        .map_or_else(dash, |n| one_line(n).into_owned()),
                ),
            ],
        );
    }
    t
}
