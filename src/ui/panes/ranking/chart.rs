//! The ranking chart: one bar per unit in ranking order, coloured by its
//! tier, with the time-progress line drawn across every bar (not under
//! points scoring, where the bars are scores against the full mark); with
//! a history, each rank's change beside it (`↑2`, `↓1`, `—`, `新`).

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;

use super::{Focus, Order, Subject};
use crate::app::frames::Chart;
use crate::i18n::{num, pct};
use crate::model::{Card, CardSource, MetricKind};
use crate::ui::draw::put;
use crate::ui::view::View;
use crate::ui::widgets::bar::{covered, hbar, marker_cell, set};
use crate::ui::widgets::line::{Window, cols, count, put_right};
use crate::words::labels::{DECIDED_LEGEND, DECIDED_MARK, MORE_UNITS, NONE_DASH, UNRANKED};
use crate::words::tier_labels::{VETO_LEGEND, VETO_MARK, rank_change};

/// Rows from one bar's top to the next's at most: bars of three rows and
/// a row of air.
const MAX_PITCH: usize = 4;

/// One unit's line of the chart.
struct Bar<'a> {
    rank: String,
    /// The rank's change since the last meeting (composite, with a history).
    change: String,
    name: &'a str,
    /// The unit changed a moment ago.
    changed: bool,
    /// The bar's length before scaling (completion, or the raw value).
    length: Option<f64>,
    /// The figure: the metric's value with its unit, or the composite.
    figure: String,
    /// The completion next to the value (completion views of a metric).
    completion: String,
    card: Card,
    /// The card was given by decision, not by the rule: the bar's colour
    /// needs the word (a decided yellow bar may well cross the pace line).
    decided: bool,
    /// A veto put the unit in its tier, whatever its score.
    vetoed: bool,
}

impl Bar<'_> {
    /// The word after the figures, if the bar needs one.
    fn mark(&self, lang: crate::i18n::Lang) -> Option<&'static str> {
        if self.vetoed {
            Some(VETO_MARK.get(lang))
        } else if self.decided {
            Some(DECIDED_MARK.get(lang))
        } else {
            None
        }
    }
}

/// Unit `u`'s bar, its rank among what the bars show (`by`).
fn bar<'a>(v: &'a View<'a>, f: &Focus, by: Order, u: usize) -> Bar<'a> {
    let dash = || NONE_DASH.get(v.lang).to_owned();
    let history = !v.snapshot.history.is_empty();
    let us = &v.standings.units[u];
    let name = v.snapshot.units[u].name.as_str();
    match f.subject {
        Subject::Composite => Bar {
            rank: us.rank.map_or_else(dash, |r| r.to_string()),
            change: match (history, us.rank) {
                (true, Some(_)) => rank_change(us.trend.rank_change, v.lang),
                _ => String::new(),
            },
            name,
            changed: v.changed(u),
            length: us.composite,
            figure: us
                .composite
                .map_or_else(|| UNRANKED.get(v.lang).to_owned(), |c| v.composite(c)),
            completion: String::new(),
            card: us.card,
            decided: us.source == CardSource::Decision,
            vetoed: us.veto.is_some(),
        },
        Subject::Metric(mi) => {
            let ms = us.metrics.get(mi).copied().unwrap_or_default();
            let has = ms.actual.is_some() || ms.target.is_some();
            let figure = match v.snapshot.metrics.get(mi) {
                Some(m) if has => format!("{}{}", num(ms.value(), m.decimals), m.unit),
                _ => dash(),
            };
            let (length, completion) = if f.completion {
                (ms.completion, ms.completion.map_or_else(dash, pct))
            } else {
                (has.then(|| ms.value()), String::new())
            };
            // The rank of what the bars show.
            let rank = match by {
                Order::Completion => ms.completion_rank,
                Order::Value => ms.rank,
            };
            Bar {
                rank: rank.map_or_else(dash, |r| r.to_string()),
                change: String::new(),
                name,
                changed: v.changed(u),
                length,
                figure,
                completion,
                card: us.card,
                decided: us.source == CardSource::Decision,
                vetoed: us.veto.is_some(),
            }
        }
    }
}

/// The chart's order and what it measures over all its bars: once per
/// data change, group, subject and language, not on every frame.
fn measure(v: &View, f: &Focus, by: Order) -> Chart {
    let order = f.order(by);
    let mut m = Chart::default();
    for &u in &order {
        let b = bar(v, f, by, u);
        m.change = m.change.max(cols(&b.change));
        m.rank = m.rank.max(cols(&b.rank));
        m.figure = m.figure.max(cols(&b.figure));
        m.completion = m.completion.max(cols(&b.completion));
        m.name = m.name.max(cols(b.name));
        m.mark = m.mark.max(b.mark(v.lang).map_or(0, cols));
        if let Some(x) = b.length.filter(|x| x.is_finite()) {
            m.top = m.top.max(x);
        }
        m.decided |= b.decided && !b.vetoed;
        m.vetoed |= b.vetoed;
    }
    m.order = order.into();
    m
}

/// The length a full bar stands for: at least 100% in completion views (so
/// the pace line sits where the year stands), at least the full mark for
/// scores in points (the weights of the score metrics: 100 of 100), the
/// largest value otherwise.
fn scale(v: &View, f: &Focus, top: f64) -> f64 {
    let full_mark: f64 = match f.subject {
        Subject::Composite if v.points() => v
            .snapshot
            .metrics
            .iter()
            .filter(|m| m.kind == MetricKind::Score && m.weight > 0.0)
            .map(|m| m.weight)
            .sum(),
        _ => 0.0,
    };
    if f.completion {
        top.max(1.0)
    } else if top.max(full_mark) > 0.0 && top.max(full_mark).is_finite() {
        top.max(full_mark)
    } else if top > 0.0 {
        top
    } else {
        1.0
    }
}

/// Column layout of a chart line.
struct Cols {
    rank: usize,
    /// The rank changes' column (0 without a history).
    change: usize,
    name: usize,
    bar_x: usize,
    bar: usize,
    figure: usize,
    completion: usize,
    /// The "◆决定" / "✕否决" mark after the figures (0 when no unit has one).
    mark: usize,
}

fn columns(m: &Chart, width: usize) -> Cols {
    let change = m.change;
    // The change sits after the rank, one space between: `1 ↑2`.
    let rank = m.rank + if change > 0 { change + 1 } else { 0 };
    let (figure, completion, names, mark) = (m.figure, m.completion, m.name, m.mark);
    let values = figure
        + if completion > 0 { 1 + completion } else { 0 }
        + if mark > 0 { 1 + mark } else { 0 };
    // Names whole as long as the bars keep a third of the line.
    let room_for_name = width.saturating_sub(rank + 1 + 1 + 1 + values + (width / 3).max(12));
    let mut name = names.min(room_for_name.max((width / 4).max(8)));
    let fixed = rank + 1 + name + 1 + 1 + values;
    let mut bar = width.saturating_sub(fixed);
    if bar < 4 {
        // No room for a bar worth reading: give the room to the name.
        bar = 0;
        name = names.min(width.saturating_sub(rank + 1 + 1 + values));
    }
    Cols {
        rank,
        change,
        name,
        bar_x: rank + 1 + name + 1,
        bar,
        figure,
        completion,
        mark,
    }
}

/// Draws the chart in `area` (below the pane's title).
pub(super) fn draw(v: &View, f: &Focus, area: Rect, buf: &mut Buffer) {
    let t = v.theme;
    let by = f.chart_order();
    let subject = match f.subject {
        Subject::Composite => 0,
        Subject::Metric(mi) => mi + 1,
    };
    let m = v
        .frames
        .charts
        .get_or((f.group_pos, subject, v.lang), || measure(v, f, by));
    let order = &m.order;
    let scale = scale(v, f, m.top);
    let c = columns(&m, usize::from(area.width));
    let axis = c.bar > 0 && area.height >= 4;
    let room = usize::from(area.height) - usize::from(axis);
    let win = Window::new(order.len(), room, v.pane.scroll);
    // Only the bars in the window are made.
    let bars: Vec<Bar> = order[win.range()]
        .iter()
        .map(|&u| bar(v, f, by, u))
        .collect();
    // A blank line between bars when they all fit twice over: a projected
    // chart reads better with air between its bars. With more room (a
    // wall), the bars thicken, up to three rows each.
    let pitch = (room / order.len().max(1)).clamp(1, MAX_PITCH) as u16;
    let thick = if pitch >= 3 { pitch - 1 } else { 1 };
    let pace = f
        .pace(v)
        .then(|| marker_cell(v.standings.time_progress / scale, c.bar))
        .flatten();
    let at = |dx: usize| area.x.saturating_add(dx.min(usize::from(u16::MAX)) as u16);
    for (line, b) in bars.iter().enumerate() {
        let top = area.y + line as u16 * pitch;
        // The words on the bar's middle row.
        let y = top + (thick - 1) / 2;
        if c.change > 0 {
            let rank_w = c.rank - c.change - 1;
            put_right(buf, area, area.x, y, rank_w, &b.rank, t.muted);
            let cx = area.x.saturating_add((rank_w + 1) as u16);
            put(buf, area, cx, y, &b.change, c.change, t.muted);
        } else {
            put_right(buf, area, area.x, y, c.rank, &b.rank, t.muted);
        }
        let name_style = if b.changed {
            t.base.patch(t.changed)
        } else {
            t.base
        };
        put(buf, area, at(c.rank + 1), y, b.name, c.name, name_style);
        let style = v.bar(b.card);
        let length = b.length.map(|x| (x / scale).max(0.0)).unwrap_or(0.0);
        if c.bar > 0 {
            for row in top..top + thick {
                hbar(buf, area, at(c.bar_x), row, c.bar, length, style);
                if let Some(m) = pace {
                    let under_bar = m < covered(length, c.bar);
                    let mark = match (under_bar, style.fg) {
                        (true, Some(fg)) => t.pace_over(fg),
                        _ => t.pace,
                    };
                    set(buf, area, at(c.bar_x + m), row, "│", mark);
                }
            }
        }
        let fx = c.bar_x + c.bar + usize::from(c.bar > 0);
        let (figure_style, completion_style) = match f.subject {
            Subject::Composite if b.length.is_none() => (t.muted, t.muted),
            Subject::Composite => (style, style),
            Subject::Metric(_) if f.completion => (t.base, style),
            Subject::Metric(_) => (style, style),
        };
        put_right(buf, area, at(fx), y, c.figure, &b.figure, figure_style);
        if c.completion > 0 {
            put_right(
                buf,
                area,
                at(fx + c.figure + 1),
                y,
                c.completion,
                &b.completion,
                completion_style,
            );
        }
        if let Some(mark) = b.mark(v.lang).filter(|_| c.mark > 0) {
            let mx = fx
                + c.figure
                + if c.completion > 0 {
                    1 + c.completion
                } else {
                    0
                }
                + 1;
            put(buf, area, at(mx), y, mark, c.mark, v.badge(b.card));
        }
    }
    let mut y = area.y + (win.len as u16 * pitch).saturating_sub(pitch - thick);
    if win.hidden > 0 {
        put(
            buf,
            area,
            area.x,
            y,
            &count(MORE_UNITS, v.lang, win.hidden),
            usize::from(area.width),
            t.muted,
        );
        y += 1;
    }
    if axis {
        draw_axis(
            v,
            f,
            &c,
            scale,
            pace,
            Rect {
                y,
                height: 1,
                ..area
            },
            buf,
        );
        y += 1;
    }
    // What the marks mean, under the chart when there is a line for it.
    if c.mark > 0 && y < area.bottom() {
        let mut said = Vec::new();
        if m.decided {
            said.push(format!(
                "{} {}",
                DECIDED_MARK.get(v.lang),
                DECIDED_LEGEND.get(v.lang)
            ));
        }
        if m.vetoed {
            said.push(format!(
                "{} {}",
                VETO_MARK.get(v.lang),
                VETO_LEGEND.get(v.lang)
            ));
        }
        let legend = said.join("  ");
        put(
            buf,
            area,
            area.x,
            y,
            &legend,
            usize::from(area.width),
            t.muted,
        );
    }
}

/// The scale under the bars: 0 at the start, the full length at the end,
/// and the time progress under its line.
fn draw_axis(
    v: &View,
    f: &Focus,
    c: &Cols,
    scale: f64,
    pace: Option<usize>,
    line: Rect,
    buf: &mut Buffer,
) {
    let t = v.theme;
    let x0 = line.x.saturating_add(c.bar_x as u16);
    let (zero, full) = if f.completion {
        (pct(0.0).replace(".0", ""), pct(scale).replace(".0%", "%"))
    } else {
        match f.metric(v) {
            Some(m) => (
                "0".to_owned(),
                format!("{}{}", num(scale, m.decimals), m.unit),
            ),
            None => (
                "0".to_owned(),
                format!(
                    "{}{}",
                    num(scale, 0),
                    crate::words::tier_labels::POINTS_UNIT.get(v.lang)
                ),
            ),
        }
    };
    let zero_w = put(buf, line, x0, line.y, &zero, c.bar, t.muted);
    let full_w = cols(&full).min(c.bar);
    let full_x = c.bar_x + c.bar - full_w;
    put(
        buf,
        line,
        line.x.saturating_add(full_x as u16),
        line.y,
        &full,
        full_w,
        t.muted,
    );
    if let Some(m) = pace {
        let label = format!("↑{}", pct(v.standings.time_progress));
        let lw = cols(&label);
        let start = c.bar_x + m;
        if start > c.bar_x + zero_w && start + lw < full_x {
            put(
                buf,
                line,
                line.x.saturating_add(start as u16),
                line.y,
                &label,
                lw,
                t.pace,
            );
        }
    }
}
