//! The speakers pane (发言): the queue in speaking order with the current
//! unit highlighted and those done dimmed, and the current unit's scorecard:
//! its tier and why (with its streak and what follows it, in the tier's
//! colour: `连续 2 次黄牌 → 分管副市长约谈`), each metric against target and
//! pace (or in points), its rank, change and gap, judges' marks, the
//! composite over the last meetings, its projects with the overdue ones
//! marked, and its countdown.

mod scorecard;

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::widgets::Widget;

use crate::model::explain::explain;
use crate::ui::draw::put;
use crate::ui::view::{TimerState, View};
use crate::ui::widgets::line::{Window, centered, cols, fill, group_name, right, spans};
use crate::words::labels::{SPEAKERS_EMPTY, SPEAKERS_PAUSED};
use crate::words::tier_labels::{escalation, streak};

/// Draws the speakers pane from a borrowed view.
pub struct SpeakersPane<'a>(pub &'a View<'a>);

/// Below this width the queue is a strip above the scorecard, not a column.
const QUEUE_COLUMN_MIN_WIDTH: u16 = 72;

impl Widget for SpeakersPane<'_> {
    fn render(self, area: Rect, buf: &mut Buffer) {
        let v = self.0;
        if area.is_empty() {
            return;
        }
        let queue: Vec<usize> = v
            .speakers
            .iter()
            .copied()
            .filter(|&u| u < v.snapshot.units.len())
            .collect();
        if queue.is_empty() {
            centered(buf, area, SPEAKERS_EMPTY.get(v.lang), v.theme.muted);
            return;
        }
        // Past the end stays on the last speaker: the item is over, not restarted.
        let current = v.pane.speaker.min(queue.len() - 1);
        let detail = if area.width >= QUEUE_COLUMN_MIN_WIDTH {
            // Measured once per data change when the console draws.
            let widest = v.speaker_names.unwrap_or_else(|| {
                let names = queue.iter().map(|&u| cols(&v.snapshot.units[u].name));
                names.max().unwrap_or(0)
            });
            // The scorecard needs the room more than the queue does.
            let cap = (area.width / 5).clamp(14, 26);
            let width = ((widest + 4) as u16).clamp(10, cap);
            let column = Rect { width, ..area };
            queue_column(v, &queue, current, column, buf);
            Rect {
                x: area.x + width + 2,
                width: area.width - width - 2,
                ..area
            }
        } else {
            queue_strip(v, &queue, current, area, buf);
            Rect {
                y: area.y + 1,
                height: area.height - 1,
                ..area
            }
        };
        if !detail.is_empty() {
            scorecard_header(v, queue[current], detail, buf);
            let rest = Rect {
                y: detail.y.saturating_add(2).min(detail.bottom()),
                height: detail.height.saturating_sub(2),
                ..detail
            };
            scorecard::draw(v, queue[current], rest, buf);
        }
    }
}

/// Whether the unit at queue position `k` has spoken: from the meeting log
/// when the view has it, else those before the current one.
fn spoken(v: &View, queue: &[usize], current: usize, k: usize) -> bool {
    match v.heard {
        Some(_) => k != current && v.has_spoken(queue[k]),
        None => k < current,
    }
}

/// The queue as a column: "✓1 经济开发区" for a unit that has spoken, the
/// current one highlighted; one that has not spoken stays bright wherever it
/// stands (a unit that gained the card during the item may sit above).
fn queue_column(v: &View, queue: &[usize], current: usize, area: Rect, buf: &mut Buffer) {
    let t = v.theme;
    let w = usize::from(area.width);
    let win = Window::around(queue.len(), usize::from(area.height), current);
    let digits = queue.len().to_string().len();
    for (line, k) in win.range().enumerate() {
        let y = area.y + line as u16;
        let name = v.unit_label(queue[k]);
        let done = spoken(v, queue, current, k);
        let (mark, style) = match (k == current, done) {
            (true, _) => ("▶", t.selected),
            (false, true) => ("✓", t.muted),
            (false, false) => (" ", t.base),
        };
        if k == current {
            fill(buf, area, area.x, y, w, style);
        }
        let number = format!("{mark}{:>digits$} ", k + 1);
        spans(buf, area, area.x, y, w, &[(&number, style), (&name, style)]);
    }
    if win.hidden > 0 {
        // The window keeps its last line for the note; say how far the queue goes.
        let y = area.y + win.len as u16;
        let note = format!(" … {}/{}", current + 1, queue.len());
        put(buf, area, area.x, y, &note, w, t.muted);
    }
}

/// The queue as one line: "2/8 ✓城关街道 · ▶经济开发区 · 临港物流园 · …";
/// units above the current one that have not spoken come first.
fn queue_strip(v: &View, queue: &[usize], current: usize, area: Rect, buf: &mut Buffer) {
    let t = v.theme;
    let pos = format!("{}/{} ", current + 1, queue.len());
    let name = |k: usize| v.unit_label(queue[k]).into_owned();
    let mut pieces: Vec<(String, ratatui::style::Style)> = vec![(pos, t.muted)];
    for k in (0..current).filter(|&k| !spoken(v, queue, current, k)) {
        pieces.push((name(k), t.base));
        pieces.push((" · ".to_owned(), t.muted));
    }
    if current > 0 && spoken(v, queue, current, current - 1) {
        pieces.push((format!("✓{}", name(current - 1)), t.muted));
        pieces.push((" · ".to_owned(), t.muted));
    }
    pieces.push((format!("▶{}", name(current)), t.selected));
    for k in current + 1..queue.len() {
        pieces.push((" · ".to_owned(), t.muted));
        if spoken(v, queue, current, k) {
            pieces.push((format!("✓{}", name(k)), t.muted));
        } else {
            pieces.push((name(k), t.base));
        }
    }
    let refs: Vec<(&str, ratatui::style::Style)> =
        pieces.iter().map(|(s, st)| (s.as_str(), *st)).collect();
    spans(buf, area, area.x, area.y, usize::from(area.width), &refs);
}

/// "经济开发区 红牌 连续 2 次红牌 → 约谈 园区" with the countdown on the
/// right, and why the tier.
fn scorecard_header(v: &View, unit: usize, area: Rect, buf: &mut Buffer) {
    let t = v.theme;
    let w = usize::from(area.width);
    let us = &v.standings.units[unit];
    let u = &v.snapshot.units[unit];
    let mut left = w;
    if let Some(timer) = v.speaker_timer {
        let style = match timer.state {
            TimerState::Normal => t.timer_normal,
            TimerState::Warning => t.warning,
            TimerState::Overrun => t.overrun,
        };
        let clock = timer.text();
        let paused = format!("{} ", SPEAKERS_PAUSED.get(v.lang));
        if timer.paused && w >= cols(&clock) + cols(&paused) + 12 {
            let x = right(buf, area, area.y, &clock, w, style);
            let px = x.saturating_sub(cols(&paused) as u16).max(area.x);
            put(buf, area, px, area.y, &paused, cols(&paused), t.warning);
            left = usize::from(px - area.x).saturating_sub(1);
        } else if w >= cols(&clock) + 8 {
            let x = right(buf, area, area.y, &clock, w, style);
            left = usize::from(x - area.x).saturating_sub(1);
        }
    }
    let card = format!(" {} ", v.tier_label(us.card));
    let mut follows = [streak(v.snapshot, us, v.lang), escalation(v.snapshot, us)]
        .into_iter()
        .filter(|p| !p.is_empty())
        .collect::<Vec<_>>()
        .join(" ");
    if !follows.is_empty() {
        follows.insert(0, ' ');
    }
    let group = format!("  {}", group_name(&u.group, v.lang));
    // A long name is cut before the card is: the card is the point.
    let name_room = left.saturating_sub(cols(&card) + 1).max(8).min(left);
    let used = put(buf, area, area.x, area.y, &u.name, name_room, t.title);
    spans(
        buf,
        area,
        area.x + used as u16,
        area.y,
        left.saturating_sub(used),
        &[
            (" ", t.base),
            (&card, v.badge(us.card)),
            (&follows, v.bar(us.card)),
            (&group, t.muted),
        ],
    );
    if area.height > 1 {
        let why = explain(v.snapshot, v.standings, unit, v.lang);
        put(buf, area, area.x, area.y + 1, &why, w, t.muted);
    }
}
