//! The ranking pane (比较): the current group's units on one metric (or the
//! composite) as a bar chart against the time-progress line, or as a table
//! with ranks and gaps. `m` picks the metric, `g` the group, Tab the view;
//! the pane only reads what the model computed.

mod chart;
mod table;

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::widgets::Widget;

use crate::i18n::pct;
use crate::model::Metric;
use crate::model::standings::GroupStanding;
use crate::ui::draw::put;
use crate::ui::view::View;
use crate::ui::widgets::line::{centered, cols, group_name, right, spans};
use crate::words::labels::{self, TIME_PROGRESS};

/// Draws the ranking pane from a borrowed view.
pub struct RankingPane<'a>(pub &'a View<'a>);

/// What a metric's units are ordered by: completion (the bars of a metric
/// with targets) or the value itself (the bars of counts, and the table,
/// whose gaps are between values).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Order {
    Completion,
    Value,
}

pub use crate::model::standings::composite_shown;

/// What the pane shows: the composite, or one metric (index into metrics).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Subject {
    Composite,
    Metric(usize),
}

/// The state of the pane resolved against the data: every index in range.
struct Focus<'a> {
    group: &'a GroupStanding,
    group_pos: usize,
    subject: Subject,
    /// Bars show completion against the pace line (composite, or a metric
    /// some unit of the group has a target for); else raw values.
    completion: bool,
}

impl<'a> Focus<'a> {
    fn new(v: &'a View<'a>) -> Option<Focus<'a>> {
        let groups = &v.standings.groups;
        if groups.is_empty() {
            return None;
        }
        let group_pos = v.pane.group % groups.len();
        let group = &groups[group_pos];
        // Without a single composite (a bulletin of counts, no targets) the
        // composite would be a column of 未排名: the first metric stands in.
        let subject = match v.pane.metric % (v.snapshot.metrics.len() + 1) {
            0 if composite_shown(v.standings) => Subject::Composite,
            0 => Subject::Metric(0),
            k => Subject::Metric(k - 1),
        };
        // Under points the composite is a score: bars of its value.
        let completion = match subject {
            Subject::Composite => !v.points(),
            Subject::Metric(mi) => group.members.iter().any(|&u| {
                v.standings.units[u]
                    .metrics
                    .get(mi)
                    .is_some_and(|m| m.completion.is_some())
            }),
        };
        Some(Focus {
            group,
            group_pos,
            subject,
            completion,
        })
    }

    fn metric<'s>(&self, v: &'s View<'_>) -> Option<&'s Metric> {
        match self.subject {
            Subject::Composite => None,
            Subject::Metric(mi) => v.snapshot.metrics.get(mi),
        }
    }

    /// Whether any unit of the group has a figure on the subject.
    fn has_data(&self, v: &View) -> bool {
        match self.subject {
            Subject::Composite => !self.group.members.is_empty(),
            Subject::Metric(mi) => self.group.members.iter().any(|&u| {
                let m = &v.snapshot.units[u];
                m.actuals.get(mi).is_some_and(Option::is_some)
                    || m.targets.get(mi).is_some_and(Option::is_some)
            }),
        }
    }

    /// The group's units in the order of what `by` ranks; for a metric,
    /// the units without a figure on it follow, so that none goes missing.
    fn order(&self, by: Order) -> Vec<usize> {
        match self.subject {
            Subject::Composite => self.group.members.clone(),
            Subject::Metric(mi) => {
                let list = match by {
                    Order::Completion => self.group.by_completion.get(mi),
                    Order::Value => None,
                };
                let mut seen = std::collections::HashSet::new();
                list.into_iter()
                    .flatten()
                    .chain(self.group.by_metric.get(mi).into_iter().flatten())
                    .chain(&self.group.members)
                    .copied()
                    .filter(|u| seen.insert(*u))
                    .collect()
            }
        }
    }

    /// Whether the time-progress line is drawn: over completions, never
    /// under points scoring (a score is not measured against the calendar).
    fn pace(&self, v: &View) -> bool {
        self.completion && !v.points()
    }

    /// What the chart's bars show, and so its order.
    fn chart_order(&self) -> Order {
        if self.completion {
            Order::Completion
        } else {
            Order::Value
        }
    }
}

impl Widget for RankingPane<'_> {
    fn render(self, area: Rect, buf: &mut Buffer) {
        let v = self.0;
        if area.is_empty() {
            return;
        }
        let Some(focus) = Focus::new(v) else {
            centered(buf, area, labels::NO_UNITS.get(v.lang), v.theme.muted);
            return;
        };
        title(v, &focus, area, buf);
        let body = Rect {
            y: area.y + 1,
            height: area.height - 1,
            ..area
        };
        if body.is_empty() {
            return;
        }
        if !focus.has_data(v) {
            centered(
                buf,
                body,
                labels::RANKING_NO_DATA.get(v.lang),
                v.theme.muted,
            );
        } else if v.pane.tab.is_multiple_of(2) {
            chart::draw(v, &focus, body, buf);
        } else {
            table::draw(v, &focus, body, buf);
        }
    }
}

/// "镇街板块 (2/3)  协议引资额 亿元 2/7" on the left; the pace legend on the right.
fn title(v: &View, f: &Focus, area: Rect, buf: &mut Buffer) {
    let t = v.theme;
    let w = usize::from(area.width);
    let legend = format!(
        " {} {}",
        TIME_PROGRESS.get(v.lang),
        pct(v.standings.time_progress)
    );
    let mut left_room = w;
    if f.pace(v) && w >= 40 {
        let x = right(buf, area, area.y, &legend, w, t.muted);
        let line = "│";
        if let Some(lx) = x.checked_sub(cols(line) as u16).filter(|lx| *lx >= area.x) {
            crate::ui::widgets::bar::set(buf, area, lx, area.y, line, t.pace);
        }
        left_room = w.saturating_sub(cols(&legend) + cols(line) + 1);
    }
    let groups = v.standings.groups.len();
    let group_pos = if groups > 1 {
        format!(" ({}/{groups})", f.group_pos + 1)
    } else {
        String::new()
    };
    let subject = match f.metric(v) {
        Some(m) => m.name.as_str(),
        None => v.composite_label(),
    };
    let unit = match f.metric(v) {
        Some(m) if !m.unit.is_empty() => format!(" ({})", m.unit),
        _ => String::new(),
    };
    let lower = match f.metric(v) {
        Some(m) if !m.higher_first() => format!(" {}", labels::RANKING_LOWER.get(v.lang)),
        _ => String::new(),
    };
    // A metric says what its units are ordered by: the bars' completion, or
    // the value (the table's gaps are between values).
    let by = match (f.subject, v.pane.tab % 2 == 1 || !f.completion) {
        (Subject::Composite, _) => String::new(),
        (Subject::Metric(_), false) => format!(" · {}", labels::RANKING_BY_COMPLETION.get(v.lang)),
        (Subject::Metric(_), true) => format!(" · {}", labels::RANKING_BY_VALUE.get(v.lang)),
    };
    // Where `m` is in its cycle (which has no composite when nobody has one).
    let with_composite = usize::from(composite_shown(v.standings));
    let pos = match f.subject {
        Subject::Composite => 1,
        Subject::Metric(mi) => mi + 1 + with_composite,
    };
    let pos = format!("  {pos}/{}", v.snapshot.metrics.len() + with_composite);
    // The metric is what the presenter just switched to: a long group name is
    // cut first, down to a few characters.
    let group = group_name(&f.group.name, v.lang);
    let rest =
        cols(&group_pos) + 2 + cols(subject) + cols(&unit) + cols(&lower) + cols(&by) + cols(&pos);
    let group_room = left_room.saturating_sub(rest).max(cols(group).min(10));
    let used = put(
        buf,
        area,
        area.x,
        area.y,
        group,
        group_room.min(left_room),
        t.title,
    );
    spans(
        buf,
        area,
        area.x + used as u16,
        area.y,
        left_room.saturating_sub(used),
        &[
            (&group_pos, t.muted),
            ("  ", t.muted),
            (subject, t.accent),
            (&unit, t.muted),
            (&lower, t.muted),
            (&by, t.accent),
            (&pos, t.muted),
        ],
    );
}
