//! The overview pane (通报): the headline figures against the annual targets
//! and time progress (no time progress under points scoring), how many
//! units hold each of the meeting's tiers, how many moved up and down since
//! the last meeting, the best and the worst unit of each group, and the
//! projects that are overdue or stalled.

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::style::{Modifier, Style};
use ratatui::widgets::Widget;

use crate::i18n::{num, pct};
use crate::model::projects::Milestone;
use crate::model::{Better, Card, Stage, shown};
use crate::text::{pad_left, width};
use crate::ui::draw::put;
use crate::ui::view::View;
use crate::ui::widgets::cut::Cut;
use crate::words::labels::{self, L};
use crate::words::shell_labels as sl;

mod moves;
mod tiles;

/// Draws the overview pane from a borrowed view.
pub struct OverviewPane<'a>(pub &'a View<'a>);

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
        let moved = moves::draw(v, area, y, buf);
        if moved > 0 {
            y += moved + 1 + u16::from(roomy);
        }
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
    // Under points a score is not measured against the calendar.
    let pace = !v.points();
    let title = if pace {
        format!(
            "{}  {} {}",
            sl::HEADLINE.get(lang),
            labels::TIME_PROGRESS.get(lang),
            pct(p)
        )
    } else {
        sl::HEADLINE.get(lang).to_owned()
    };
    put(buf, area, area.x, y, &title, w, t.title);
    // Tier counts at the right of the title line, best first; units
    // without a tier are counted too when there are any, so every unit
    // is accounted for.
    let count = |c: Card| v.standings.units.iter().filter(|u| u.card == c).count();
    let mut badges: Vec<(String, Style)> = v
        .tiers()
        .cards_and_none()
        .filter(|&c| c != Card::NONE || count(Card::NONE) > 0)
        .map(|c| {
            let style = if c == Card::NONE { t.muted } else { v.badge(c) };
            (format!(" {} {} ", v.tier_label(c), count(c)), style)
        })
        .collect();
    let badges_w = |b: &[(String, Style)]| {
        b.iter()
            .map(|(b, _)| width(b) + 1)
            .sum::<usize>()
            .saturating_sub(1)
    };
    // The no-tier count gives way first on a narrow screen.
    if badges.len() > v.tiers().len() && width(&title) + 2 + badges_w(&badges) > w {
        badges.pop();
    }
    let cards_w = badges_w(&badges);
    // No card at all (a bulletin of counts): no "红牌 0 黄牌 0" to read.
    let cards_in_use = v.tiers().cards().any(|c| count(c) > 0);
    let mut put_badges = |y: u16| {
        let mut x = area.right() - cards_w as u16;
        for (badge, style) in &badges {
            put(buf, area, x, y, badge, w, *style);
            x += width(badge) as u16 + 1;
        }
    };
    if cards_in_use && width(&title) + 2 + cards_w <= w {
        put_badges(y);
    } else if cards_in_use && !v.tiers().is_default() && cards_w <= w {
        // A meeting's own tiers (five grades) are the point of its
        // overview: a line of their own when the title leaves no room.
        y += 1;
        put_badges(y);
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
            // Every unit's actual counts; a target total and a completion
            // only where targets exist (a bulletin of counts has none).
            let total = v.standings.totals.get(mi).copied().unwrap_or_default();
            let dash = || labels::NONE_DASH.get(lang).to_owned();
            let actual = if total.any() {
                num(total.actual, m.decimals)
            } else {
                dash()
            };
            let target = total.target.map_or_else(dash, |t| num(t, m.decimals));
            (actual, target, total.completion(m.decimals))
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
    // Without a single target (a bulletin of counts), the target and rate
    // columns and the bars would be dashes only: the actuals stand alone.
    let targets = figures.iter().any(|f| f.2.is_some());
    let default_tiers = v.tiers().is_default();
    let (col_t, col_r) = if targets {
        (col_t, width(sl::RATE.get(lang)).max(6))
    } else {
        (0, 0)
    };
    // Names whole before bars: a bar only when at least 12 columns are left.
    let figures_w = if targets {
        2 + col_a + 2 + col_t + 2 + col_r + 2
    } else {
        2 + col_a
    };
    let mut name_w = longest.min(26);
    let mut bar_w = if targets {
        w.saturating_sub(name_w + figures_w).min(60)
    } else {
        0
    };
    if bar_w < 12 {
        bar_w = 0;
        name_w = longest.min(w.saturating_sub(figures_w));
    }

    // Column heads.
    let mut x = area.x + (name_w + 2) as u16;
    let heads = [
        (sl::DONE_SO_FAR.get(lang), col_a),
        (sl::YEAR_TARGET.get(lang), col_t),
        (sl::RATE.get(lang), col_r),
    ];
    for (label, cw) in heads.into_iter().filter(|(_, cw)| *cw > 0) {
        put(buf, area, x, y, &pad_left(label, cw), cw, t.muted);
        x += (cw + 2) as u16;
    }
    if bar_w >= 8 && pace {
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
        if !targets {
            y += 1 + u16::from(roomy);
            continue;
        }
        put(buf, area, x, y, &pad_left(tg, col_t), col_t, t.muted);
        x += (col_t + 2) as u16;
        let (rtext, rstyle) = match r {
            Some(r) if !pace => (pct(*r), t.base),
            Some(r) if shown::percent(*r) >= shown::percent(p) => (pct(*r), t.good),
            Some(r) => (pct(*r), t.warning),
            None => (labels::NONE_DASH.get(lang).to_owned(), t.muted),
        };
        put(buf, area, x, y, &pad_left(&rtext, col_r), col_r, rstyle);
        x += (col_r + 2) as u16;
        if bar_w >= 8
            && let Some(r) = r
        {
            let ahead = shown::percent(*r) >= shown::percent(p);
            // Format v1's red is keeping pace; a meeting's own tiers may
            // make red the worst, so its bars say ahead or behind plainly.
            let style = match (pace, ahead, default_tiers) {
                (false, _, _) => t.accent,
                (true, true, true) => t.bar(Card::RED),
                (true, false, true) => t.bar(Card::YELLOW),
                (true, true, false) => t.good,
                (true, false, false) => t.warning,
            };
            let mark = if pace { Some(p) } else { None };
            bar(buf, area, x, y, bar_w, *r, mark, style, t.muted, t.pace);
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
    pace: Option<f64>,
    fill: Style,
    track: Style,
    pace_style: Style,
) {
    let filled = ((ratio.clamp(0.0, 1.0)) * w as f64).round() as usize;
    let mark = pace.map(|p| ((p.clamp(0.0, 1.0)) * w as f64).round() as usize);
    // Block glyphs are East-Asian ambiguous: where they would draw two wide,
    // the bar is made of reversed spaces and ASCII instead.
    let wide_ambiguous = crate::text::ambiguous_wide();
    for k in 0..w {
        let cx = x + k as u16;
        if cx >= area.right() {
            break;
        }
        let (sym, style) = if mark.is_some_and(|m| k == m.min(w - 1)) {
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

/// How a unit's figure reads on the per-group line.
type Figure<'a> = Box<dyn Fn(usize) -> String + 'a>;

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
        if y >= area.bottom() {
            continue;
        }
        // Ranked units: the best and the worst composite. Without targets
        // nobody is ranked: the most and the least on the first metric that
        // has figures, so a bulletin of counts still names its leaders.
        let (best, worst, labels_, figure): (usize, usize, [L; 2], Figure) = if g.ranked > 0 {
            let figure = |u: usize| {
                v.standings.units[u]
                    .composite
                    .map_or_else(String::new, |c| v.composite(c))
            };
            (
                g.members[0],
                g.members[g.ranked - 1],
                [sl::BEST, sl::WORST],
                Box::new(figure),
            )
        } else {
            let Some((mi, m, list)) = v.snapshot.metrics.iter().enumerate().find_map(|(mi, m)| {
                let list = g.by_metric.get(mi)?;
                (m.better == Better::Higher && list.len() >= 2).then_some((mi, m, list))
            }) else {
                continue;
            };
            let figure = move |u: usize| {
                let value = v.standings.units[u].metrics[mi].value();
                format!("{} {}{}", m.name, num(value, m.decimals), m.unit)
            };
            (
                list[0],
                list[list.len() - 1],
                [sl::MOST, sl::LEAST],
                Box::new(figure),
            )
        };
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
        for (k, (label, unit, style)) in
            [(labels_[0], best, t.good), (labels_[1], worst, t.warning)]
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
            let c = figure(unit);
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
    // Counted once per data change: 100,000 projects are not read per frame.
    let n_stalled = v.frames.stalled_projects;
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
    let units = lines
        .iter()
        .map(|(p, _, _)| width(&v.unit_label(s.projects[*p].unit)))
        .max()
        .unwrap_or(0);
    let what_w = lines.iter().map(|(_, x, _)| width(x)).max().unwrap_or(0);
    let longest = lines
        .iter()
        .map(|(p, _, _)| width(&s.projects[*p].name))
        .max()
        .unwrap_or(0);
    // The unit's name whole when the projects' names leave it the room;
    // else a quarter of the line.
    let unit_w = units.min(w.saturating_sub(longest + what_w + 4).max(w / 4));
    let name_w = longest.min(w.saturating_sub(unit_w + what_w + 4));
    // Cut where the names differ (many share a long prefix).
    let cut = Cut::best(
        lines.iter().map(|(p, _, _)| s.projects[*p].name.as_str()),
        name_w,
    );
    for (p, what, style) in lines.iter().take(shown) {
        let pr = &s.projects[*p];
        put(
            buf,
            area,
            area.x,
            y,
            &cut.apply(&pr.name, name_w),
            name_w,
            t.base,
        );
        let x = area.x + (name_w + 2) as u16;
        put(buf, area, x, y, &v.unit_label(pr.unit), unit_w, t.muted);
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
