//! What a frame would otherwise measure over every unit or project: taken
//! once per data change, beside the derived standings. A frame at 2,000
//! units / 100,000 projects must stay under a millisecond, and it shows a
//! screenful of them. Nothing here depends on the theme; what depends on
//! the language is kept for both.

use crate::i18n::Lang;
use crate::model::reach::{Projects, Reach};
use crate::model::{Snapshot, Standings};
use crate::sanitize::one_line;
use crate::text::width;
use std::sync::Arc;

use seating_list::Widest;

pub mod memo;
pub mod pipeline;
pub mod seating_list;

use memo::Memo;

/// The panes' per-data-change figures.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Frames {
    /// The decimals of the late projects' investment column: those of the
    /// most precise of them all, so the column reads aligned as it scrolls.
    pub late_decimals: u8,
    /// Per project: the decimals of its investment (none without one). The
    /// late list is read from this after a project's edit, not from each
    /// late project scattered over 11 MB of projects (3 ms).
    decimals: Vec<Option<u8>>,
    /// Projects at the stalled stage, overdue or not (the overview's count).
    pub stalled_projects: usize,
    /// Columns of the editor's project id column (the longest id, 6 to 12).
    pub project_id_width: usize,
    /// Each unit's projects as its scorecard lists them, laid out when a
    /// scorecard is first drawn after a data change (an edit pays for it
    /// only if the screen shows one).
    unit_projects: Memo<(), Arc<UnitProjects>>,
    /// The seating list's widest cell per column, per language, measured
    /// when the list is first drawn.
    seating_widest: Memo<Lang, Arc<Widest>>,
    /// Per agenda item: the widest unit name of its speaker queue, in
    /// columns (the speakers pane sizes its queue column by it).
    queue_names: Vec<usize>,
    /// The ranking chart's measures per (group, subject: 0 the composite,
    /// else metric + 1, language), measured when first drawn.
    pub charts: Memo<(usize, usize, Lang), Chart>,
    /// The projects pane's pipeline table per (group, language): its
    /// widest cells and the group's investment decimals, measured when
    /// first drawn.
    pub pipelines: Memo<(usize, Lang), pipeline::Pipeline>,
}

/// What a ranking chart measures over all its bars: its bars' order, its
/// columns' widths, the longest bar, and which marks need a legend.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Chart {
    /// The group's units in the bars' order (a metric's ranking, then the
    /// units without a figure): shared, a frame takes its window of it.
    pub order: std::sync::Arc<[usize]>,
    pub rank: usize,
    pub change: usize,
    pub figure: usize,
    pub completion: usize,
    pub name: usize,
    pub mark: usize,
    /// The longest finite bar, before scaling (0 when none).
    pub top: f64,
    /// Some unit's card is by decision (and not by veto).
    pub decided: bool,
    /// Some unit's tier is by veto.
    pub vetoed: bool,
}

impl Frames {
    /// Measures the data once; the derived data computes it with the rest.
    /// What only some panes need is measured when first drawn.
    pub fn compute(s: &Snapshot, st: &Standings, queues: &[Vec<usize>]) -> Frames {
        let decimals = s.projects.iter().map(decimals_of).collect::<Vec<_>>();
        Frames {
            late_decimals: late_decimals(st, &decimals),
            decimals,
            stalled_projects: stalled_projects(st),
            project_id_width: super::editor::sheets::id_width(s),
            unit_projects: Memo::default(),
            seating_widest: Memo::default(),
            queue_names: queue_names(s, queues),
            charts: Memo::default(),
            pipelines: Memo::default(),
        }
    }

    /// The figures again after a change that reached what `reach` says:
    /// what reads only the side it did not reach is kept, memos included.
    /// Equal to [`Frames::compute`] whenever `reach` is true to the change.
    pub fn again(
        prev: Frames,
        s: &Snapshot,
        st: &Standings,
        queues: &[Vec<usize>],
        reach: &Reach,
    ) -> Frames {
        let projects_kept = reach.projects == Projects::Kept;
        let mut decimals = prev.decimals;
        match &reach.projects {
            Projects::Kept => {}
            Projects::These(changed) => {
                for &i in changed {
                    if let (Some(d), Some(p)) = (decimals.get_mut(i), s.projects.get(i)) {
                        *d = decimals_of(p);
                    }
                }
            }
            Projects::All => decimals = s.projects.iter().map(decimals_of).collect(),
        }
        Frames {
            late_decimals: match projects_kept {
                true => prev.late_decimals,
                false => late_decimals(st, &decimals),
            },
            decimals,
            stalled_projects: stalled_projects(st),
            // Ids are kept unless the change reached every project.
            project_id_width: match reach.projects {
                Projects::All => super::editor::sheets::id_width(s),
                _ => prev.project_id_width,
            },
            unit_projects: prev.unit_projects.kept(projects_kept),
            // The seating list, the queues and the charts read no project.
            seating_widest: prev.seating_widest.kept(!reach.units),
            queue_names: match reach.units {
                true => queue_names(s, queues),
                false => prev.queue_names,
            },
            charts: prev.charts.kept(!reach.units),
            // The pipeline table reads both sides (names, pipelines).
            pipelines: prev.pipelines.kept(!reach.units && projects_kept),
        }
    }

    /// Every unit's projects as its scorecard lists them.
    pub fn unit_projects(&self, s: &Snapshot, st: &Standings) -> Arc<UnitProjects> {
        self.unit_projects
            .get_or((), || Arc::new(UnitProjects::of(s, st)))
    }

    /// The widest unit name of agenda item `item`'s speaker queue, in columns.
    pub fn queue_names(&self, item: usize) -> usize {
        self.queue_names.get(item).copied().unwrap_or(0)
    }

    /// The seating list's widest cell per column in `src.lang`.
    pub fn seating_widest(&self, src: &seating_list::Source) -> Arc<Widest> {
        self.seating_widest
            .get_or(src.lang, || Arc::new(seating_list::widest(src)))
    }
}

/// Each unit's projects as its scorecard lists them, the overdue first
/// (latest first, as the model sorts them) with their days late, then the
/// rest in the snapshot's order (days -1).
#[derive(Debug, Clone, PartialEq, Default)]
pub struct UnitProjects {
    /// Unit `u`'s are `list[starts[u]..starts[u + 1]]`.
    list: Vec<(usize, i64)>,
    starts: Vec<usize>,
}

impl UnitProjects {
    /// Unit `u`'s projects: (project, days late, or -1 when not overdue).
    pub fn of_unit(&self, u: usize) -> &[(usize, i64)] {
        match (self.starts.get(u), self.starts.get(u + 1)) {
            (Some(&a), Some(&b)) => self.list.get(a..b).unwrap_or(&[]),
            _ => &[],
        }
    }

    fn of(s: &Snapshot, st: &Standings) -> UnitProjects {
        let (list, starts) = unit_projects(s, st);
        UnitProjects { list, starts }
    }
}

/// Every unit's projects, grouped by unit, overdue first: one pass to count,
/// one to place (a frame then reads a unit's slice, not 100,000 projects).
fn unit_projects(s: &Snapshot, st: &Standings) -> (Vec<(usize, i64)>, Vec<usize>) {
    let n = s.units.len();
    let mut counts = vec![0usize; n + 1];
    for p in &s.projects {
        if p.unit < n {
            counts[p.unit + 1] += 1;
        }
    }
    for u in 0..n {
        counts[u + 1] += counts[u];
    }
    let starts = counts.clone();
    let mut next = counts;
    let mut out = vec![(0usize, -1i64); starts[n]];
    let mut overdue = vec![false; s.projects.len()];
    let mut place = |u: usize, item: (usize, i64)| {
        if let Some(slot) = next.get_mut(u)
            && let Some(cell) = out.get_mut(*slot)
        {
            *cell = item;
            *slot += 1;
        }
    };
    for o in &st.overdue {
        if let Some(p) = s.projects.get(o.project)
            && p.unit < n
        {
            overdue[o.project] = true;
            place(p.unit, (o.project, o.days_late));
        }
    }
    for (i, p) in s.projects.iter().enumerate() {
        if p.unit < n && !overdue[i] {
            place(p.unit, (i, -1));
        }
    }
    (out, starts)
}

/// The decimals of the late projects' investment column: those of the
/// most precise of them all.
fn late_decimals(st: &Standings, decimals: &[Option<u8>]) -> u8 {
    let late = st
        .overdue
        .iter()
        .map(|o| o.project)
        .chain(st.stalled.iter().copied());
    late.filter_map(|i| decimals.get(i).copied().flatten())
        .max()
        .unwrap_or(0)
}

/// The decimals a project's investment is shown with, if it has one.
fn decimals_of(p: &crate::model::Project) -> Option<u8> {
    p.investment
        .map(|x| crate::model::shown::investment_decimals(std::iter::once(x)))
}

/// Projects at the stalled stage, overdue or not: every project is in its
/// unit's pipeline, so the pipelines count them without a walk over the
/// projects.
fn stalled_projects(st: &Standings) -> usize {
    st.pipelines
        .iter()
        .map(|pl| pl.count(crate::model::Stage::Stalled) as usize)
        .sum()
}

/// Per agenda item: the widest unit name of its speaker queue, in columns.
fn queue_names(s: &Snapshot, queues: &[Vec<usize>]) -> Vec<usize> {
    queues
        .iter()
        .map(|q| {
            q.iter()
                .filter_map(|&u| s.units.get(u))
                .map(|u| width(&one_line(&u.name)))
                .max()
                .unwrap_or(0)
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::app::data::Derived;
    use crate::app::tests::t0;
    use crate::app::{Action, App, Options};
    use crate::model::Document;
    use crate::model::edit::Assignment;
    use crate::store::meeting_log::MeetingLog;

    /// 60 units and 400 projects: more than a screen of the seating list.
    fn doc() -> Document {
        let json = crate::testgen::generate(60, 400, 7);
        Document::from_bytes(crate::model::to_pretty(&json).as_bytes()).unwrap()
    }

    fn app() -> App {
        let d = doc();
        let log = MeetingLog::new("test", d.snapshot.meeting.date, &d.snapshot.meeting.title);
        App::new(d, Some(1), log, Options::default(), t0())
    }

    /// What a frame would read, measured afresh from the data in force.
    fn fresh(app: &App) -> Frames {
        Derived::compute(app.data.snapshot()).frames
    }

    fn source(app: &App, lang: Lang) -> seating_list::Source<'_> {
        let d = &app.data.derived;
        seating_list::Source {
            snapshot: app.data.snapshot(),
            standings: &d.standings,
            seating: &d.seating,
            unzoned: &d.unzoned,
            twins: &d.twins,
            lang,
        }
    }

    /// The seating list's widest cells as the data in force's frames give them.
    fn widest(app: &App, lang: Lang) -> Widest {
        (*app.data.derived.frames.seating_widest(&source(app, lang))).clone()
    }

    /// Unit `u`'s projects as the data in force's frames give them.
    fn projects_of(app: &App, u: usize) -> Vec<(usize, i64)> {
        let d = &app.data.derived;
        d.frames
            .unit_projects(app.data.snapshot(), &d.standings)
            .of_unit(u)
            .to_vec()
    }

    /// Every cache of the data in force, the ones measured when first drawn
    /// too, equals a fresh measure of the data.
    fn as_fresh(app: &App) {
        let f = fresh(app);
        let d = &app.data.derived;
        assert_eq!(d.frames, f);
        for lang in [Lang::Zh, Lang::En] {
            assert_eq!(widest(app, lang), *f.seating_widest(&source(app, lang)));
        }
        let s = app.data.snapshot();
        assert_eq!(
            *d.frames.unit_projects(s, &d.standings),
            *f.unit_projects(s, &d.standings)
        );
    }

    /// The console at 200×60 on the first agenda item showing `pane`.
    fn at_pane(d: Document, pane: crate::model::Pane) -> App {
        let item = d.snapshot.agenda.iter().position(|it| it.pane == pane);
        let item = item.unwrap_or_else(|| panic!("an item showing {pane:?}"));
        let dark = crate::app::theme_name::ThemeName::Dark;
        crate::cli::render::app_at_item(d, item, dark, None, (200, 60))
    }

    fn edit(app: &mut App, text: &str) {
        app.apply_edit(&[Assignment::parse(text).unwrap()]).unwrap();
    }

    #[test]
    fn the_frame_caches_follow_edits_undo_and_reloads() {
        let mut app = app();
        as_fresh(&app);
        let s = app.data.snapshot();
        // The last unit of the list (off any screen) gets the longest name.
        let last = app.data.derived.standings.order.last().copied().unwrap();
        let id = s.units[last].id.clone();
        let long = "一个名字很长很长很长很长很长很长很长的经济技术开发区管理委员会";
        let before = widest(&app, Lang::Zh)[3].clone();
        assert_ne!(before.1, long);
        edit(&mut app, &format!("units.{id}.name={long}"));
        assert_eq!(widest(&app, Lang::Zh)[3].1, long);
        assert_eq!(widest(&app, Lang::En)[3].1, long);
        as_fresh(&app);

        // A project moves to another unit: its scorecard lists it.
        let (pid, from) = {
            let p = &app.data.snapshot().projects[0];
            (p.id.clone(), p.unit)
        };
        let to = (from + 1) % app.data.snapshot().units.len();
        let to_id = app.data.snapshot().units[to].id.clone();
        assert!(!projects_of(&app, to).iter().any(|&(i, _)| i == 0));
        edit(&mut app, &format!("projects.{pid}.unit={to_id}"));
        assert!(projects_of(&app, to).iter().any(|&(i, _)| i == 0));
        assert!(!projects_of(&app, from).iter().any(|&(i, _)| i == 0));
        // A longer id widens the editor's id column.
        edit(&mut app, &format!("projects.{pid}.id=P-2026-0000042"));
        assert_eq!(app.data.derived.frames.project_id_width, 12);
        let stalled = app.data.derived.frames.stalled_projects;
        let was = app.data.snapshot().projects[0].stage == crate::model::Stage::Stalled;
        let stage = if was { "producing" } else { "stalled" };
        edit(&mut app, &format!("projects.P-2026-0000042.stage={stage}"));
        let now = app.data.derived.frames.stalled_projects;
        assert_eq!(now, if was { stalled - 1 } else { stalled + 1 });
        as_fresh(&app);

        // Undone, all of it: the caches as they were.
        app.update(Action::Command(crate::app::Command::Edit));
        let undo = ratatui::crossterm::event::KeyEvent::new(
            ratatui::crossterm::event::KeyCode::Char('z'),
            ratatui::crossterm::event::KeyModifiers::CONTROL,
        );
        for _ in 0..4 {
            app.update(Action::Key(undo));
        }
        assert_eq!(widest(&app, Lang::Zh)[3], before);
        as_fresh(&app);
        assert_eq!(
            app.data.derived.frames,
            Derived::compute(&doc().snapshot).frames
        );

        // A reload of the edited file: the caches of the new data.
        let mut edited = doc();
        edited
            .edit(&[Assignment::parse(&format!("units.{id}.name={long}")).unwrap()])
            .unwrap();
        app.update(Action::Loaded(Ok(Box::new((edited, 2)))));
        assert_eq!(widest(&app, Lang::Zh)[3].1, long);
        as_fresh(&app);
    }

    #[test]
    fn a_units_projects_are_its_overdue_latest_first_then_the_rest_in_order() {
        let d = doc();
        let s = &d.snapshot;
        let st = crate::model::compute(s);
        let (list, starts) = unit_projects(s, &st);
        assert_eq!(list.len(), s.projects.len());
        assert_eq!(starts.len(), s.units.len() + 1);
        let f = UnitProjects { list, starts };
        let mut late_seen = 0;
        for u in 0..s.units.len() {
            // As the scorecard listed them before: a scan of every project.
            let late: Vec<(usize, i64)> = st
                .overdue
                .iter()
                .filter(|o| s.projects[o.project].unit == u)
                .map(|o| (o.project, o.days_late))
                .collect();
            let rest = (0..s.projects.len())
                .filter(|&i| s.projects[i].unit == u && !late.iter().any(|(k, _)| *k == i))
                .map(|i| (i, -1));
            let want: Vec<(usize, i64)> = late.iter().copied().chain(rest).collect();
            late_seen += late.len();
            assert_eq!(f.of_unit(u), want.as_slice(), "unit {u}");
        }
        assert!(late_seen > 0, "the fixture has overdue projects");
        assert_eq!(f.of_unit(s.units.len()), &[]);
    }

    /// The ranking chart's measures are taken when first drawn and dropped
    /// with the data: after an edit the chart is measured on the new data.
    #[test]
    fn the_chart_memo_is_measured_on_first_draw_and_dropped_on_an_edit() {
        let d = doc();
        let mut app = at_pane(d, crate::model::Pane::Ranking);
        assert!(app.data.derived.frames.charts.is_empty());
        let before = crate::ui::screen::render(&app, 200, 60);
        assert_eq!(app.data.derived.frames.charts.len(), 1);
        // Drawn again from the memo: the same frame.
        assert_eq!(crate::ui::screen::render(&app, 200, 60), before);
        let name_width = |app: &App| {
            let key = (0, 0, app.prefs.lang);
            app.data
                .derived
                .frames
                .charts
                .get_or(key, || panic!("measured"))
                .name
        };
        let was = name_width(&app);
        // The longest name in the first group, on a unit off the screen.
        let group = &app.data.derived.standings.groups[0];
        let last = *group.members.last().unwrap();
        let id = app.data.snapshot().units[last].id.clone();
        let long = "名".repeat(was / 2 + 3);
        edit(&mut app, &format!("units.{id}.name={long}"));
        assert!(app.data.derived.frames.charts.is_empty());
        let _ = crate::ui::screen::render(&app, 200, 60);
        assert_eq!(name_width(&app), crate::text::width(&long));
        assert!(name_width(&app) > was);
        // The bars' order is kept with the measures: the composite's is the
        // group's standing order, of the data in force.
        let order = app
            .data
            .derived
            .frames
            .charts
            .get_or((0, 0, app.prefs.lang), || panic!("measured"))
            .order;
        assert_eq!(&*order, &app.data.derived.standings.groups[0].members[..]);
    }

    /// The pipeline table's widest cells are measured per group and
    /// language when first drawn and dropped with the data: a long name on
    /// a unit off the screen widens the unit column after an edit, and is
    /// gone again after the undo.
    #[test]
    fn the_pipeline_memo_follows_the_language_edits_and_undo() {
        // Groups of about 100 units: more than the pane's pipeline shows.
        let json = crate::testgen::generate(400, 2000, 7);
        let d = Document::from_bytes(crate::model::to_pretty(&json).as_bytes()).unwrap();
        let mut app = at_pane(d, crate::model::Pane::Projects);
        app.prefs.lang = Lang::Zh;
        assert!(app.data.derived.frames.pipelines.is_empty());
        let before = crate::ui::screen::render(&app, 200, 60);
        assert_eq!(app.data.derived.frames.pipelines.len(), 1);
        assert_eq!(crate::ui::screen::render(&app, 200, 60), before);
        let widest = |app: &App, lang| {
            app.data
                .derived
                .frames
                .pipelines
                .get_or((0, lang), || panic!("measured"))
                .widest
        };
        // The dash of a start rate or an investment is the language's.
        app.prefs.lang = Lang::En;
        let _ = crate::ui::screen::render(&app, 200, 60);
        assert_eq!(app.data.derived.frames.pipelines.len(), 2);
        let (zh, en) = (widest(&app, Lang::Zh), widest(&app, Lang::En));
        let fresh = |lang| {
            let (s, st) = (app.data.snapshot(), &app.data.derived.standings);
            pipeline::measure(s, st, &st.groups[0], lang)
        };
        assert_eq!(zh, fresh(Lang::Zh).widest);
        assert_eq!(en, fresh(Lang::En).widest);
        app.prefs.lang = Lang::Zh;

        // The last unit of the first group, off the screen, gets the
        // longest name: the unit column widens to it after the edit.
        let group = &app.data.derived.standings.groups[0];
        let last = *group.members.last().unwrap();
        assert!(group.members.len() > 60, "more units than the screen shows");
        let id = app.data.snapshot().units[last].id.clone();
        let long = "名".repeat(12);
        // The unit column grows to 20 columns at most.
        assert!(crate::text::width(&zh[0]) < 20);
        edit(&mut app, &format!("units.{id}.name={long}"));
        assert!(app.data.derived.frames.pipelines.is_empty());
        let after = crate::ui::screen::render(&app, 200, 60);
        assert_eq!(widest(&app, Lang::Zh)[0], long);
        // The header's 签约 column moved right: the name column is wider.
        let signed = |buf: &ratatui::buffer::Buffer| {
            let a = buf.area;
            (a.top()..a.bottom())
                .flat_map(|y| (a.left()..a.right()).map(move |x| (x, y)))
                .find(|&(x, y)| buf[(x, y)].symbol() == "签")
                .expect("the pipeline's header")
        };
        let (x0, _) = signed(&before);
        let (x1, _) = signed(&after);
        assert_eq!(x1 - x0, 20 - crate::text::width(&zh[0]) as u16);

        // Undone: measured again on the data as it was.
        app.update(Action::Command(crate::app::Command::Edit));
        let undo = ratatui::crossterm::event::KeyEvent::new(
            ratatui::crossterm::event::KeyCode::Char('z'),
            ratatui::crossterm::event::KeyModifiers::CONTROL,
        );
        app.update(Action::Key(undo));
        app.leave_edit();
        assert!(app.data.derived.frames.pipelines.is_empty());
        let undone = crate::ui::screen::render(&app, 200, 60);
        assert_eq!(signed(&undone), signed(&before));
        assert_eq!(widest(&app, Lang::Zh), zh);
    }
}
