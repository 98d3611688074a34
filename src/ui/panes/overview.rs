//! The overview pane (通报): the headline figures against the annual targets
//! and time progress, the red/yellow count, the best and the worst unit of
//! each group, and the projects that are overdue or stalled.

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::style::{Modifier, Style};
use ratatui::widgets::Widget;

use crate::i18n::{num, pct};
use crate::model::explain::card_name;
use crate::model::projects::Milestone;
use crate::model::{Card, Stage};
use crate::text::{pad_left, width};
use crate::ui::draw::put;
use crate::ui::labels;
use crate::ui::shell_labels as sl;
use crate::ui::view::View;

mod tiles;

/// Draws the overview pane from a borrowed view.
pub struct OverviewPane<'a>(pub &'a View<'a>);

/// Sum of actuals and of targets of one metric over the units that have a target.
fn totals(v: &View, m: usize) -> (f64, f64) {
    let mut actual = 0.0;
    let mut target = 0.0;
    for u in &v.snapshot.units {
        if let Some(t) = u.targets[m].filter(|t| *t > 0.0) {
            target += t;
            actual += u.actuals[m].unwrap_or(0.0);
        }
    }
    (actual, target)
}

impl Widget for OverviewPane<'_> {
    fn render(self, area: Rect, buf: &mut Buffer) {
        let v = self.0;
        if area.width < 10 || area.height == 0 {
            return;
        }
        let roomy = area.height >= 36;
        let mut y = area.y;
        // A large screen gets the headline figures in big digits first.
        let tiles = tiles::draw(v, area, buf);
        if tiles > 0 {
            y += tiles + 2;
        }
        y = headline(v, area, y, buf, roomy);
        y += 1 + u16::from(roomy);
        y = groups(v, area, y, buf);
        y += 1 + u16::from(roomy);
        alerts(v, area, y, buf);
    }
}

/// The title line with the card counts, then one row per metric.
fn headline(v: &View, area: Rect, mut y: u16, buf: &mut Buffer, roomy: bool) -> u16 {
    let t = v.theme;
    let lang = v.lang;
    let w = usize::from(area.width);
    let p = v.standings.time_progress;
    let title = format!(
        "{}  {} {}",
        sl::HEADLINE.get(lang),
        labels::TIME_PROGRESS.get(lang),
        pct(p)
    );
    put(buf, area, area.x, y, &title, w, t.title);
    // Card counts at the right of the title line.
    let count = |c: Card| v.standings.units.iter().filter(|u| u.card == c).count();
    let red = format!(" {} {} ", card_name(Card::RED, lang), count(Card::RED));
    let yellow = format!(
        " {} {} ",
        card_name(Card::YELLOW, lang),
        count(Card::YELLOW)
    );
    let cards_w = width(&red) + 1 + width(&yellow);
    if width(&title) + 2 + cards_w <= w {
        let x = area.right() - cards_w as u16;
        put(buf, area, x, y, &red, w, t.red_card);
        put(
            buf,
            area,
            x + width(&red) as u16 + 1,
            y,
            &yellow,
            w,
            t.yellow_card,
        );
    }
    y += 1 + u16::from(roomy);

    let names: Vec<String> = v
        .snapshot
        .metrics
        .iter()
        .map(|m| {
            if m.unit.is_empty() {
                m.name.clone()
            } else {
                format!("{} {}", m.name, m.unit)
            }
        })
        .collect();
    let longest = names.iter().map(|n| width(n)).max().unwrap_or(0);
    let figures: Vec<(String, String, Option<f64>)> = v
        .snapshot
        .metrics
        .iter()
        .enumerate()
        .map(|(mi, m)| {
            let (a, tg) = totals(v, mi);
            let r = (tg > 0.0).then(|| a / tg);
            (num(a, m.decimals), num(tg, m.decimals), r)
        })
        .collect();
    let col_a = figures
        .iter()
        .map(|f| width(&f.0))
        .chain([width(sl::DONE_SO_FAR.get(lang))])
        .max()
        .unwrap_or(0);
    let col_t = figures
        .iter()
        .map(|f| width(&f.1))
        .chain([width(sl::YEAR_TARGET.get(lang))])
        .max()
        .unwrap_or(0);
    let col_r = width(sl::RATE.get(lang)).max(6);
    // Names whole before bars: a bar only when at least 12 columns are left.
    let figures_w = 2 + col_a + 2 + col_t + 2 + col_r + 2;
    let mut name_w = longest.min(26);
    let mut bar_w = w.saturating_sub(name_w + figures_w).min(60);
    if bar_w < 12 {
        bar_w = 0;
        name_w = longest.min(w.saturating_sub(figures_w));
    }

    // Column heads.
    let mut x = area.x + (name_w + 2) as u16;
    for (label, cw) in [
        (sl::DONE_SO_FAR.get(lang), col_a),
        (sl::YEAR_TARGET.get(lang), col_t),
        (sl::RATE.get(lang), col_r),
    ] {
        put(buf, area, x, y, &pad_left(label, cw), cw, t.muted);
        x += (cw + 2) as u16;
    }
    if bar_w >= 8 {
        let pace = format!("│ {}", labels::TIME_PROGRESS.get(lang));
        let px = x + (p * bar_w as f64).round() as u16;
        put(
            buf,
            area,
            px.min(area.right().saturating_sub(1)),
            y,
            &pace,
            w,
            t.pace,
        );
    }
    y += 1;

    for (mi, name) in names.iter().enumerate() {
        if y >= area.bottom() {
            break;
        }
        let (a, tg, r) = &figures[mi];
        put(buf, area, area.x, y, name, name_w, t.base);
        let mut x = area.x + (name_w + 2) as u16;
        put(buf, area, x, y, &pad_left(a, col_a), col_a, t.accent);
        x += (col_a + 2) as u16;
        put(buf, area, x, y, &pad_left(tg, col_t), col_t, t.muted);
        x += (col_t + 2) as u16;
        let (rtext, rstyle) = match r {
            Some(r) if *r + 1e-9 >= p => (pct(*r), t.good),
            Some(r) => (pct(*r), t.warning),
            None => (labels::NONE_DASH.get(lang).to_owned(), t.muted),
        };
        put(buf, area, x, y, &pad_left(&rtext, col_r), col_r, rstyle);
        x += (col_r + 2) as u16;
        if bar_w >= 8
            && let Some(r) = r
        {
            let style = if *r + 1e-9 >= p {
                t.bar_red
            } else {
                t.bar_yellow
            };
            bar(buf, area, x, y, bar_w, *r, p, style, t.muted, t.pace);
        }
        y += 1 + u16::from(roomy);
    }
    y
}

/// A completion bar with the time-progress mark (`│`) across it.
#[allow(clippy::too_many_arguments)]
fn bar(
    buf: &mut Buffer,
    area: Rect,
    x: u16,
    y: u16,
    w: usize,
    ratio: f64,
    pace: f64,
    fill: Style,
    track: Style,
    pace_style: Style,
) {
    let filled = ((ratio.clamp(0.0, 1.0)) * w as f64).round() as usize;
    let mark = ((pace.clamp(0.0, 1.0)) * w as f64).round() as usize;
    // Block glyphs are East-Asian ambiguous: where they would draw two wide,
    // the bar is made of reversed spaces and ASCII instead.
    let wide_ambiguous = crate::text::ambiguous_wide();
    for k in 0..w {
        let cx = x + k as u16;
        if cx >= area.right() {
            break;
        }
        let (sym, style) = if k == mark.min(w - 1) {
            (
                "│",
                if k < filled {
                    pace_style.add_modifier(Modifier::REVERSED)
                } else {
                    pace_style
                },
            )
        } else if k < filled {
            if wide_ambiguous {
                (" ", fill.add_modifier(Modifier::REVERSED))
            } else {
                ("█", fill)
            }
        } else if wide_ambiguous {
            (".", track)
        } else {
            ("·", track)
        };
        if let Some(c) = buf.cell_mut((cx, y)) {
            c.set_symbol(sym).set_style(style);
        }
    }
}

/// One line per group: its best and its worst ranked unit.
fn groups(v: &View, area: Rect, mut y: u16, buf: &mut Buffer) -> u16 {
    let t = v.theme;
    let lang = v.lang;
    let w = usize::from(area.width);
    if y >= area.bottom() {
        return y;
    }
    put(buf, area, area.x, y, sl::BY_GROUP.get(lang), w, t.title);
    y += 1;
    let gname_w = v
        .standings
        .groups
        .iter()
        .map(|g| width(&g.name))
        .max()
        .unwrap_or(0)
        .min(w / 4);
    for g in &v.standings.groups {
        if y >= area.bottom() || g.ranked == 0 {
            continue;
        }
        let best = g.members[0];
        let worst = g.members[g.ranked - 1];
        let mut x = area.x;
        let name = if g.name.is_empty() {
            labels::ALL_UNITS.get(lang)
        } else {
            g.name.as_str()
        };
        put(buf, area, x, y, name, gname_w, t.muted);
        x += (gname_w + 2) as u16;
        let x0 = x;
        let rest = w.saturating_sub(gname_w + 2);
        // Side by side when both fit well, else the worst under the best.
        let stacked = rest / 2 < 30;
        let half = if stacked { rest } else { rest / 2 };
        for (k, (label, unit, style)) in [(sl::BEST, best, t.good), (sl::WORST, worst, t.warning)]
            .into_iter()
            .enumerate()
        {
            if stacked && k == 1 {
                y += 1;
                x = x0;
                if y >= area.bottom() {
                    break;
                }
            }
            let c = v.standings.units[unit]
                .composite
                .map_or_else(String::new, pct);
            let lw = put(buf, area, x, y, label.get(lang), half, t.muted);
            let cw = width(&c);
            let name_room = half.saturating_sub(lw + 1 + cw + 3);
            let nw = put(
                buf,
                area,
                x + lw as u16 + 1,
                y,
                &v.snapshot.units[unit].name,
                name_room,
                t.base,
            );
            put(buf, area, x + (lw + 1 + nw + 1) as u16, y, &c, cw, style);
            x += half as u16;
        }
        y += 1;
    }
    y
}

/// The overdue projects (most days late first) and the stalled ones.
fn alerts(v: &View, area: Rect, mut y: u16, buf: &mut Buffer) {
    let t = v.theme;
    let lang = v.lang;
    let w = usize::from(area.width);
    if y >= area.bottom() {
        return;
    }
    let s = v.snapshot;
    let stalled = &v.standings.stalled;
    let n_stalled = s
        .projects
        .iter()
        .filter(|p| p.stage == Stage::Stalled)
        .count();
    let head = format!(
        "{}  {} {} · {} {}",
        sl::PROJECTS_ALERT.get(lang),
        labels::OVERDUE.get(lang),
        v.standings.overdue.len(),
        labels::STALLED.get(lang),
        n_stalled
    );
    put(buf, area, area.x, y, &head, w, t.title);
    y += 1;
    let total = v.standings.overdue.len() + stalled.len();
    if total == 0 {
        put(buf, area, area.x, y, sl::NO_ALERTS.get(lang), w, t.good);
        return;
    }
    let rows = usize::from(area.bottom().saturating_sub(y));
    let shown = if total > rows {
        rows.saturating_sub(1)
    } else {
        total
    };
    // Only the lines that fit are made: a provincial meeting can have
    // thousands of late projects, and this runs on every frame.
    let lines: Vec<(usize, String, Style)> = v
        .standings
        .overdue
        .iter()
        .map(|o| {
            let what = match o.missed {
                Milestone::Start => sl::NOT_STARTED_LATE,
                Milestone::Complete => sl::NOT_DONE_LATE,
            };
            let text = format!("{} {} {}", what.get(lang), o.days_late, sl::DAYS.get(lang));
            (o.project, text, t.alarm)
        })
        .chain(
            stalled
                .iter()
                .map(|&i| (i, labels::stage(Stage::Stalled, lang).to_owned(), t.alarm)),
        )
        .take(shown)
        .collect();
    let unit_w = lines
        .iter()
        .map(|(p, _, _)| width(&s.units[s.projects[*p].unit].name))
        .max()
        .unwrap_or(0)
        .min(w / 4);
    let what_w = lines.iter().map(|(_, x, _)| width(x)).max().unwrap_or(0);
    let longest = lines
        .iter()
        .map(|(p, _, _)| width(&s.projects[*p].name))
        .max()
        .unwrap_or(0);
    let name_w = longest.min(w.saturating_sub(unit_w + what_w + 4));
    for (p, what, style) in lines.iter().take(shown) {
        let pr = &s.projects[*p];
        put(buf, area, area.x, y, &pr.name, name_w, t.base);
        let x = area.x + (name_w + 2) as u16;
        put(buf, area, x, y, &s.units[pr.unit].name, unit_w, t.muted);
        put(buf, area, x + (unit_w + 2) as u16, y, what, what_w, *style);
        y += 1;
    }
    if shown < total && y < area.bottom() {
        let more = format!(
            "{} {} {}",
            sl::MORE.get(lang),
            total - shown,
            sl::MORE_TAIL.get(lang)
        );
        put(buf, area, area.x, y, &more, w, t.muted);
    }
}
