//! The projects pane (项目): the current group's pipeline per unit in
//! standing order (negotiating → producing, stalled, lost, start rate), and
//! the overdue projects, latest first, then the stalled ones. Tab switches
//! between the two, or shows both when the pane is tall enough.

use crate::model::Word as _;
use chrono::Datelike;
use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::widgets::Widget;

use crate::app::frames::pipeline;
use crate::i18n::num;
use crate::model::projects::Milestone;
use crate::model::standings::GroupStanding;
use crate::model::{Snapshot, Stage};
use crate::ui::draw::put;
use crate::ui::view::View;
use crate::ui::widgets::line::{Window, centered, count, group_name, spans};
use crate::ui::widgets::table::{Align, Cell, Column, Row, Table};
use crate::words::labels::{
    self, MORE_ROWS, MORE_UNITS, NO_UNITS, NONE_DASH, OVERDUE, PROJECTS_DAYS, PROJECTS_DUE,
    PROJECTS_DUE_COMPLETE, PROJECTS_DUE_START, PROJECTS_INVESTMENT, PROJECTS_LATE, PROJECTS_NONE,
    PROJECTS_NONE_LATE, PROJECTS_NOTE, PROJECTS_PIPELINE, PROJECTS_PROJECT, PROJECTS_STAGE_HEADERS,
    PROJECTS_TOTAL_INVESTMENT, SPEAKERS_STAGE, STALLED, START_RATE, UNIT,
};

/// Draws the projects pane from a borrowed view.
pub struct ProjectsPane<'a>(pub &'a View<'a>);

/// From this height both views share the pane.
const SPLIT_MIN_HEIGHT: u16 = 24;
/// The fewest lines the overdue list keeps in a split (title, header, rows).
const LATE_MIN_LINES: usize = 6;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Mode {
    Split,
    Pipeline,
    Late,
}

impl Widget for ProjectsPane<'_> {
    fn render(self, area: Rect, buf: &mut Buffer) {
        let v = self.0;
        if area.is_empty() {
            return;
        }
        let groups = &v.standings.groups;
        if groups.is_empty() {
            centered(buf, area, NO_UNITS.get(v.lang), v.theme.muted);
            return;
        }
        let gi = v.pane.group % groups.len();
        let mode = if area.height >= SPLIT_MIN_HEIGHT {
            [Mode::Split, Mode::Pipeline, Mode::Late][v.pane.tab % 3]
        } else {
            [Mode::Pipeline, Mode::Late][v.pane.tab % 2]
        };
        match mode {
            Mode::Pipeline => pipeline(v, gi, area, v.pane.scroll, buf),
            Mode::Late => late(v, area, v.pane.scroll, buf),
            Mode::Split => {
                let h = usize::from(area.height);
                let want = 2 + groups[gi].members.len();
                let top = want.min(h.saturating_sub(LATE_MIN_LINES + 1)).max(3) as u16;
                pipeline(
                    v,
                    gi,
                    Rect {
                        height: top,
                        ..area
                    },
                    0,
                    buf,
                );
                let rest = Rect {
                    y: area.y + top + 1,
                    height: area.height.saturating_sub(top + 1),
                    ..area
                };
                late(v, rest, v.pane.scroll, buf);
            }
        }
    }
}

/// Draws `table` below a title line in `area`, scrolled, with the note.
fn titled(
    v: &View,
    title: &[(&str, ratatui::style::Style)],
    table: &Table,
    more: labels::L,
    area: Rect,
    // The scroll position, how many rows there are in all, and which of
    // them is the table's first (a table may hold only the visible rows).
    (scroll, total, first): (usize, usize, usize),
    buf: &mut Buffer,
) {
    if area.is_empty() {
        return;
    }
    spans(buf, area, area.x, area.y, usize::from(area.width), title);
    let room = usize::from(area.height).saturating_sub(2);
    let win = Window::new(total, room, scroll);
    let body = Rect {
        y: area.y + 1,
        height: (1 + win.len as u16).min(area.height.saturating_sub(1)),
        ..area
    };
    table.render(body, buf, win.start.saturating_sub(first));
    if win.hidden > 0 {
        let y = area.y + 2 + win.len as u16;
        put(
            buf,
            area,
            area.x,
            y,
            &count(more, v.lang, win.hidden),
            usize::from(area.width),
            v.theme.muted,
        );
    }
}

fn pipeline(v: &View, gi: usize, area: Rect, scroll: usize, buf: &mut Buffer) {
    let t = v.theme;
    let lang = v.lang;
    let group: &GroupStanding = &v.standings.groups[gi];
    let n = v.standings.groups.len();
    let pos = if n > 1 {
        format!(" ({}/{n})", gi + 1)
    } else {
        String::new()
    };
    let name = group_name(&group.name, lang);
    let title = [
        (PROJECTS_PIPELINE.get(lang), t.title),
        ("  ", t.muted),
        (name, t.accent),
        (pos.as_str(), t.muted),
    ];
    let memo = v.frames.pipelines.get_or((gi, lang), || {
        pipeline::measure(v.snapshot, v.standings, group, lang)
    });
    if !memo.has_projects {
        spans(buf, area, area.x, area.y, usize::from(area.width), &title);
        let rest = Rect {
            y: area.y.saturating_add(1).min(area.bottom()),
            height: area.height.saturating_sub(1),
            ..area
        };
        centered(buf, rest, PROJECTS_NONE.get(lang), t.muted);
        return;
    }
    let mut columns = vec![Column::flex(UNIT.get(lang), 20)];
    // Talks and lost say least about delivery: they give way first.
    let drop = [5u8, 0, 0, 0, 0, 0, 6];
    for (k, stage) in Stage::all().iter().enumerate() {
        let header = PROJECTS_STAGE_HEADERS[stage.index()].get(lang);
        columns.push(Column::optional(header, Align::Right, drop[k]));
    }
    columns.push(Column::keep(START_RATE.get(lang), Align::Right));
    columns.push(Column::optional(
        PROJECTS_TOTAL_INVESTMENT.get(lang),
        Align::Right,
        4,
    ));
    // Only the rows in the window are made (a group can have hundreds of
    // units); the columns' widths over every row come from the memo.
    let n = group.members.len();
    let win = Window::new(n, usize::from(area.height).saturating_sub(2), scroll);
    let mut rows: Vec<Row> = group.members[win.range()]
        .iter()
        .map(|&u| {
            let pl = v.standings.pipelines.get(u).copied().unwrap_or_default();
            let card = v.standings.units[u].card;
            let texts = pipeline::texts(v.snapshot, v.standings, u, memo.decimals, lang);
            let styles = std::iter::once(v.bar(card))
                .chain(
                    Stage::all()
                        .iter()
                        .map(|&stage| match (pl.count(stage), stage) {
                            (0, _) => t.muted,
                            (_, Stage::Stalled | Stage::Lost) => t.alarm,
                            _ => t.base,
                        }),
                )
                .chain([t.accent, t.base]);
            Row::styled(texts, styles)
        })
        .collect();
    if win.hidden > 0 {
        rows.push(Row::widest(memo.widest.iter().map(String::as_str)));
    }
    let table = Table {
        columns,
        rows,
        header_style: t.muted,
    };
    titled(
        v,
        &title,
        &table,
        MORE_UNITS,
        area,
        (scroll, n, win.start),
        buf,
    );
}

/// A due date as the meeting reads it: "应开工 04-15" (the year only when
/// it is not the meeting's).
fn due(s: &Snapshot, v: &View, missed: Milestone, date: chrono::NaiveDate) -> String {
    let what = match missed {
        Milestone::Start => PROJECTS_DUE_START.get(v.lang),
        Milestone::Complete => PROJECTS_DUE_COMPLETE.get(v.lang),
    };
    let when = if date.year() == s.meeting.date.year() {
        date.format("%m-%d").to_string()
    } else {
        date.format("%Y-%m-%d").to_string()
    };
    format!("{what} {when}")
}

fn late(v: &View, area: Rect, scroll: usize, buf: &mut Buffer) {
    let t = v.theme;
    let lang = v.lang;
    let s = v.snapshot;
    let dash = NONE_DASH.get(lang);
    // Only the rows that fit are made: a provincial meeting can have
    // thousands of late projects, and this runs on every frame. The
    // column's precision is measured over all of them once per data change.
    let n_late = v.standings.overdue.len() + v.standings.stalled.len();
    let decimals = v.frames.late_decimals;
    let win = Window::new(n_late, usize::from(area.height).saturating_sub(2), scroll);
    // The window's slice of each list: overdue first, then stalled.
    let n_over = v.standings.overdue.len();
    let over = &v.standings.overdue[win.start.min(n_over)..(win.start + win.len).min(n_over)];
    let stalled_from = win.start.saturating_sub(n_over);
    let stalled_to = (win.start + win.len).saturating_sub(n_over);
    let stalled = &v.standings.stalled
        [stalled_from.min(v.standings.stalled.len())..stalled_to.min(v.standings.stalled.len())];
    let overdue = over.iter().filter(|o| o.project < s.projects.len());
    let stalled = stalled
        .iter()
        .filter_map(|&i| s.projects.get(i).map(|p| (i, p)));
    let mut rows: Vec<Row> = overdue
        .map(|o| {
            let p = &s.projects[o.project];
            let days = PROJECTS_DAYS
                .get(lang)
                .replace("{n}", &o.days_late.to_string());
            (
                p,
                Cell::new(days, t.alarm),
                Cell::new(due(s, v, o.missed, o.due), t.muted),
            )
        })
        .chain(stalled.map(|(_, p)| {
            // Not late on a date, but stopped: said where the days would be.
            (
                p,
                Cell::new(STALLED.get(lang), t.alarm),
                Cell::new(dash, t.muted),
            )
        }))
        .map(|(p, days, due)| {
            let stage_style = if p.stage == Stage::Stalled {
                t.alarm
            } else {
                t.muted
            };
            Row::new(vec![
                Cell::new(s.units.get(p.unit).map_or("", |u| u.name.as_str()), t.base),
                Cell::new(&*p.name, t.base),
                Cell::new(
                    p.investment
                        .map_or_else(|| dash.to_owned(), |x| num(x, decimals)),
                    t.base,
                ),
                days,
                due,
                Cell::new(labels::stage(p.stage, lang), stage_style),
                Cell::new(p.note.as_deref().unwrap_or(""), t.muted),
            ])
        })
        .collect();
    let total = format!("  {n_late}");
    let title = [
        (PROJECTS_LATE.get(lang), t.title),
        (total.as_str(), t.alarm),
    ];
    if n_late == 0 {
        spans(
            buf,
            area,
            area.x,
            area.y,
            usize::from(area.width),
            &title[..1],
        );
        let rest = Rect {
            y: area.y.saturating_add(1).min(area.bottom()),
            height: area.height.saturating_sub(1),
            ..area
        };
        centered(buf, rest, PROJECTS_NONE_LATE.get(lang), t.good);
        return;
    }
    rows.shrink_to_fit();
    let table = Table {
        columns: vec![
            Column::keep(UNIT.get(lang), Align::Left).max(10),
            Column::flex(PROJECTS_PROJECT.get(lang), 80).shrink_to(16),
            Column::optional(PROJECTS_INVESTMENT.get(lang), Align::Right, 4),
            Column::keep(OVERDUE.get(lang), Align::Right),
            Column::optional(PROJECTS_DUE.get(lang), Align::Left, 3),
            Column::optional(SPEAKERS_STAGE.get(lang), Align::Left, 5),
            Column::optional(PROJECTS_NOTE.get(lang), Align::Left, 6).max(30),
        ],
        rows,
        header_style: t.muted,
    };
    titled(
        v,
        &title,
        &table,
        MORE_ROWS,
        area,
        (scroll, n_late, win.start),
        buf,
    );
}
