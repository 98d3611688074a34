//! The hall board's screen (`guotang board FILE`): the console's header
//! (meeting, clock, time progress, when the data was loaded), the page of
//! the loop — the overview, a group's ranking, the units of a card with
//! their reasons, the overdue projects — drawn by the console's own panes,
//! and the loop's progress: a rule filling up as the page's time runs,
//! a dot per page, and when the next comes.

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::widgets::Widget;

use crate::app::App;
use crate::app::board::Page;
use crate::app::layout;
use crate::i18n::{Lang, pct};
use crate::model::Card;
use crate::model::explain::explain;
use crate::text::width;
use crate::ui::draw::put;
use crate::ui::panes::{overview, projects, ranking};
use crate::ui::view::PaneState;
use crate::ui::widgets::line::group_name;
use crate::ui::widgets::table::{Align, Cell, Column, Row, Table};
use crate::ui::{header, overlay, rail, screen};
use crate::words::labels;
use crate::words::wall_labels as wl;

/// Draws the board of `app` into `buf`.
pub fn draw(app: &App, area: Rect, buf: &mut Buffer) {
    let t = crate::ui::theme::of(app.prefs.theme);
    rail::fill(buf, area, t.base);
    if layout::too_small(area) {
        overlay::draw_too_small(area, buf, t);
        return;
    }
    header::draw(app, Rect { height: 3, ..area }, buf);
    let Some((k, n, page)) = app.board_page() else {
        return;
    };
    let main = Rect::new(
        area.x + 1,
        area.y + 3,
        area.width.saturating_sub(2),
        area.height.saturating_sub(5),
    );
    draw_page(app, page, main, buf);
    progress(
        app,
        (k, n, page),
        Rect::new(area.x, area.bottom() - 2, area.width, 2),
        buf,
    );
}

/// The page's name, for the progress row.
fn page_name(app: &App, page: Page) -> String {
    let lang = app.prefs.lang;
    let st = &app.data.derived.standings;
    match page {
        Page::Overview => wl::BOARD_OVERVIEW.get(lang).to_owned(),
        Page::Ranking { group } => {
            let name = st.groups.get(group).map_or("", |g| g.name.as_str());
            format!("{} {}", group_name(name, lang), labels::RANK.get(lang))
        }
        Page::Card { card, part, parts } => {
            let tiers = &app.data.snapshot().cards.tiers;
            let mut s = format!("{}{}", tiers.label(card, lang), wl::BOARD_UNITS.get(lang));
            if parts > 1 {
                s.push_str(&format!(" ({}/{parts})", part + 1));
            }
            s
        }
        Page::Overdue => labels::PROJECTS_LATE.get(lang).to_owned(),
    }
}

fn draw_page(app: &App, page: Page, area: Rect, buf: &mut Buffer) {
    let mut pane = PaneState::default();
    match page {
        Page::Overview => {
            let v = screen::view(app, &pane);
            overview::OverviewPane(&v).render(area, buf);
        }
        Page::Ranking { group } => {
            pane.group = group;
            let v = screen::view(app, &pane);
            ranking::RankingPane(&v).render(area, buf);
        }
        Page::Card { card, part, .. } => card_page(app, card, part, area, buf),
        Page::Overdue => {
            // The projects pane's list of late projects: its last view
            // when it is tall enough to split, else its second.
            pane.tab = if area.height >= 24 { 2 } else { 1 };
            let v = screen::view(app, &pane);
            projects::ProjectsPane(&v).render(area, buf);
        }
    }
}

/// The units holding `card`, in standing order, with their group, their
/// composite and why they hold it: part `part` of the list.
fn card_page(app: &App, card: Card, part: usize, area: Rect, buf: &mut Buffer) {
    let t = crate::ui::theme::of(app.prefs.theme);
    let lang = app.prefs.lang;
    let s = app.data.snapshot();
    let st = &app.data.derived.standings;
    let units: Vec<usize> = st
        .order
        .iter()
        .copied()
        .filter(|&u| st.units[u].card == card)
        .collect();
    let rows = app.board_rows();
    let shown = units.iter().skip(part * rows).take(rows);
    let style = t.badge(&s.cards.tiers, card);
    let points = s.scoring == crate::model::Scoring::Points;
    let composite = |c: f64| {
        if points {
            crate::words::tier_labels::points(c, lang)
        } else {
            pct(c)
        }
    };
    let heading = format!(
        "{}{}  {}",
        s.cards.tiers.label(card, lang),
        wl::BOARD_UNITS.get(lang),
        count(units.len(), lang)
    );
    put(
        buf,
        area,
        area.x,
        area.y,
        &heading,
        usize::from(area.width),
        style,
    );
    let table = Table {
        columns: vec![
            Column::keep(labels::RANK.get(lang), Align::Right),
            Column::keep(labels::UNIT.get(lang), Align::Left).max(24),
            Column::optional(wl::BOARD_GROUP.get(lang), Align::Left, 2).max(16),
            Column::keep(
                if points {
                    crate::words::tier_labels::COMPOSITE_POINTS.get(lang)
                } else {
                    labels::COMPOSITE.get(lang)
                },
                Align::Right,
            ),
            Column::flex(labels::RANKING_BASIS.get(lang), 200),
        ],
        rows: shown
            .map(|&u| {
                let us = &st.units[u];
                let unit = &s.units[u];
                Row::new(vec![
                    Cell::new(us.rank.map_or_else(String::new, |r| r.to_string()), t.muted),
                    Cell::new(unit.name.clone(), t.title),
                    Cell::new(group_name(&unit.group, lang).to_owned(), t.muted),
                    Cell::new(us.composite.map_or_else(|| "—".into(), composite), t.base),
                    Cell::new(
                        explain(s, st, u, lang)
                            + &crate::words::tier_labels::streak_note(s, us, lang),
                        t.base,
                    ),
                ])
            })
            .collect(),
        header_style: t.muted,
    };
    let body = Rect {
        y: area.y + 2,
        height: area.height.saturating_sub(2),
        ..area
    };
    table.render(body, buf, 0);
}

fn count(n: usize, lang: Lang) -> String {
    wl::BOARD_COUNT.get(lang).replace("{n}", &n.to_string())
}

/// The loop's progress: a rule that fills as the page's time runs, then a
/// dot per page (the current one full), the page's name, and when the
/// next page comes.
fn progress(app: &App, (k, n, page): (usize, usize, Page), area: Rect, buf: &mut Buffer) {
    let t = crate::ui::theme::of(app.prefs.theme);
    let lang = app.prefs.lang;
    let filled = (app.board_progress() * f64::from(area.width)).round() as u16;
    for dx in 0..area.width {
        if let Some(c) = buf.cell_mut((area.x + dx, area.y)) {
            let (sym, style) = if dx < filled {
                ("━", t.accent)
            } else {
                ("─", t.border)
            };
            c.set_symbol(sym).set_style(style);
        }
    }
    let y = area.y + 1;
    // A dot per page while they fit a glance.
    let dots = if n <= 20 {
        let d: Vec<&str> = (0..n).map(|i| if i == k { "●" } else { "○" }).collect();
        format!("{}  ", d.join(" "))
    } else {
        String::new()
    };
    let left = format!("{dots}{}/{n}  {}", k + 1, page_name(app, page));
    let every = app.board_state().map_or(0, |b| b.every);
    let left_s = (f64::from(every) * (1.0 - app.board_progress())).ceil() as u32;
    let right = wl::NEXT_PAGE.get(lang).replace("{n}", &left_s.to_string());
    let rw = width(&right);
    let room = usize::from(area.width).saturating_sub(rw + 4);
    put(buf, area, area.x + 1, y, &left, room, t.accent);
    put(
        buf,
        area,
        area.right().saturating_sub(rw as u16 + 1),
        y,
        &right,
        rw,
        t.muted,
    );
}
