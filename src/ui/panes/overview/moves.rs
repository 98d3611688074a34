//! The overview's line of rank changes since the last meeting, given a
//! history: how many units moved up (进位), down (退位) and stayed, and who
//! moved most each way, the arrows saying the direction (never the colour
//! alone).

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::style::Style;

use crate::ui::view::View;
use crate::ui::widgets::line::{cols, spans};
use crate::words::tier_labels::{
    MOVED_DOWN, MOVED_LEVEL, MOVED_MOST_DOWN, MOVED_MOST_UP, MOVED_UP, MOVES, rank_change,
};

/// The units (standing order) whose rank changed the most in `up`'s
/// direction, and by how much; none when nobody moved that way.
fn most(v: &View, up: bool) -> Option<(Vec<usize>, i64)> {
    let change = |u: usize| {
        v.standings.units[u]
            .trend
            .rank_change
            .map(|c| if up { c } else { -c })
    };
    let best = v
        .standings
        .order
        .iter()
        .filter_map(|&u| change(u))
        .filter(|&c| c > 0)
        .max()?;
    let who = v
        .standings
        .order
        .iter()
        .copied()
        .filter(|&u| change(u) == Some(best))
        .collect();
    Some((who, if up { best } else { -best }))
}

/// Draws the line at `y` when the meeting has a history (who moved most
/// on a second line when the first has no room for them); returns the
/// lines used.
pub fn draw(v: &View, area: Rect, y: u16, buf: &mut Buffer) -> u16 {
    if v.snapshot.history.is_empty() || y >= area.bottom() {
        return 0;
    }
    let t = v.theme;
    let lang = v.lang;
    let w = usize::from(area.width);
    let changes: Vec<i64> = v
        .standings
        .units
        .iter()
        .filter_map(|u| u.trend.rank_change)
        .collect();
    let n = |f: fn(i64) -> bool| changes.iter().filter(|&&c| f(c)).count().to_string();
    let counts = format!(
        "{} · {} · {}",
        MOVED_UP.get(lang).replace("{n}", &n(|c| c > 0)),
        MOVED_DOWN.get(lang).replace("{n}", &n(|c| c < 0)),
        MOVED_LEVEL.get(lang).replace("{n}", &n(|c| c == 0)),
    );
    let head = format!("{}  ", MOVES.get(lang));
    let first: Vec<(String, Style)> = vec![(head.clone(), t.title), (counts, t.base)];
    let mut most_parts: Vec<(String, Style)> = Vec::new();
    for (up, label) in [(true, MOVED_MOST_UP), (false, MOVED_MOST_DOWN)] {
        if let Some((who, by)) = most(v, up) {
            let names: Vec<String> = who.iter().map(|&u| v.unit_label(u).into_owned()).collect();
            let sep = if most_parts.is_empty() { "" } else { "   " };
            most_parts.push((format!("{sep}{} ", label.get(lang)), t.muted));
            most_parts.push((names.join("、"), t.base));
            let style = if up { t.good } else { t.warning };
            most_parts.push((format!(" {}", rank_change(Some(by), lang)), style));
        }
    }
    let line_w = |p: &[(String, Style)]| p.iter().map(|(s, _)| cols(s)).sum::<usize>();
    let draw_line = |buf: &mut Buffer, y: u16, parts: &[(String, Style)]| {
        let refs: Vec<(&str, Style)> = parts.iter().map(|(s, st)| (s.as_str(), *st)).collect();
        spans(buf, area, area.x, y, w, &refs);
    };
    if most_parts.is_empty() {
        draw_line(buf, y, &first);
        return 1;
    }
    if line_w(&first) + 3 + line_w(&most_parts) <= w {
        let mut one = first;
        one.push(("   ".to_owned(), t.muted));
        one.extend(most_parts);
        draw_line(buf, y, &one);
        return 1;
    }
    draw_line(buf, y, &first);
    if y + 1 < area.bottom() {
        let mut second = vec![(" ".repeat(cols(&head)), t.muted)];
        second.extend(most_parts);
        draw_line(buf, y + 1, &second);
    }
    2
}
