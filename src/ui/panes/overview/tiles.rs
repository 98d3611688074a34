//! The overview's headline figures in big digits, on a screen large enough
//! to spare the rows: time progress and how many units hold each tier, each
//! under its label, read from the back of the room.

use ratatui::buffer::Buffer;
use ratatui::layout::{Alignment, Rect};
use ratatui::style::Style;
use ratatui::text::Line;
use ratatui::widgets::Widget;
use tui_big_text::{BigText, PixelSize};

use crate::i18n::pct;
use crate::text::width;
use crate::ui::draw::put;
use crate::ui::view::View;
use crate::words::labels;

/// From this pane size the headline gets big digits.
pub const MIN_WIDTH: u16 = 100;
pub const MIN_HEIGHT: u16 = 44;
/// Rows the tiles take: the label and four rows of digits.
const ROWS: u16 = 5;
/// Columns a digit takes at half height.
const DIGIT: u16 = 8;
/// Columns between tiles.
const GAP: u16 = 6;

/// Draws the tiles at the top of `area` when it is large enough and they
/// fit; returns the rows used (0 when not drawn).
pub fn draw(v: &View, area: Rect, buf: &mut Buffer) -> u16 {
    if area.width < MIN_WIDTH || area.height < MIN_HEIGHT || crate::text::ambiguous_wide() {
        return 0;
    }
    let t = v.theme;
    let tiers = &v.snapshot.cards.tiers;
    // Label, figure, and the styles of each.
    let mut tiles: Vec<(String, String, Style, Style)> = Vec::new();
    // Under points a score is not measured against the calendar.
    if !v.points() {
        tiles.push((
            labels::TIME_PROGRESS.get(v.lang).to_owned(),
            pct(v.standings.time_progress),
            t.accent,
            t.accent,
        ));
    }
    for card in tiers.cards() {
        let n = v.standings.units.iter().filter(|u| u.card == card).count();
        let label = tiers.label(card, v.lang).to_owned();
        tiles.push((label, n.to_string(), v.badge(card), v.bar(card)));
    }
    let widths: Vec<u16> = tiles
        .iter()
        .map(|(label, figure, _, _)| {
            // The label is drawn with a space either side.
            (figure.chars().count() as u16 * DIGIT).max(width(label) as u16 + 2)
        })
        .collect();
    let total: u16 = widths.iter().sum::<u16>() + GAP * (tiles.len() as u16).saturating_sub(1);
    if total > area.width {
        return 0;
    }
    let mut x = area.x;
    for ((label, figure, label_style, style), w) in tiles.iter().zip(&widths) {
        put(
            buf,
            area,
            x,
            area.y,
            &format!(" {label} "),
            usize::from(*w),
            *label_style,
        );
        BigText::builder()
            .pixel_size(PixelSize::HalfHeight)
            .style(*style)
            .alignment(Alignment::Left)
            .lines(vec![Line::from(figure.clone())])
            .build()
            .render(Rect::new(x, area.y + 1, *w, ROWS - 1), buf);
        x += w + GAP;
    }
    ROWS
}
