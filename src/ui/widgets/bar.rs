//! Horizontal bars with eighth-block ends (▏▎▍▌▋▊▉█), so a bar of 40 cells
//! tells 320 lengths apart, and the marker drawn across them.

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::style::Style;

use crate::text::char_width;
use crate::ui::draw::put;

/// The partial blocks, one eighth to eight eighths of a cell.
const EIGHTHS: [&str; 8] = ["▏", "▎", "▍", "▌", "▋", "▊", "▉", "█"];

/// Draws one block or line `symbol` at (`x`, `y`) if it fits in `area`,
/// taking two cells where the terminal draws it two wide (these characters
/// are East-Asian ambiguous); returns the cells it took.
pub fn set(buf: &mut Buffer, area: Rect, x: u16, y: u16, symbol: &str, style: Style) -> usize {
    put(buf, area, x, y, symbol, usize::from(u16::MAX), style)
}

/// Cells one bar glyph takes: 1, or 2 when ambiguous characters are wide.
pub fn glyph_cells() -> usize {
    char_width('█').max(1)
}

/// How many eighths of a cell a bar of `fraction` (of `cells` cells) takes.
/// Any value above zero shows at least one eighth, so "a little" never reads
/// as "nothing"; a value that is not a number shows nothing.
pub fn eighths(fraction: f64, cells: usize) -> usize {
    if fraction.is_nan() || fraction <= 0.0 || cells == 0 {
        return 0;
    }
    let total = cells * 8;
    let n = (fraction.min(1.0) * total as f64).round() as usize;
    n.clamp(1, total)
}

/// Draws a bar `fraction` (0 to 1) of `cells` cells long from (`x`, `y`).
pub fn hbar(
    buf: &mut Buffer,
    area: Rect,
    x: u16,
    y: u16,
    cells: usize,
    fraction: f64,
    style: Style,
) {
    let g = glyph_cells();
    let n = eighths(fraction, cells / g);
    let (full, part) = (n / 8, n % 8);
    let at = |k: usize| u16::try_from(usize::from(x) + k * g).ok();
    for k in 0..full {
        if let Some(cx) = at(k) {
            set(buf, area, cx, y, EIGHTHS[7], style);
        }
    }
    if part > 0
        && let Some(cx) = at(full)
    {
        set(buf, area, cx, y, EIGHTHS[part - 1], style);
    }
}

/// How many cells of a bar `fraction` long are fully covered (a marker
/// there sits on the bar, not beside it).
pub fn covered(fraction: f64, cells: usize) -> usize {
    let g = glyph_cells();
    eighths(fraction, cells / g) / 8 * g
}

/// The cell a marker at `fraction` (0 to 1) of `cells` cells falls in.
pub fn marker_cell(fraction: f64, cells: usize) -> Option<usize> {
    if fraction.is_nan() || cells == 0 || !(0.0..=1.0).contains(&fraction) {
        return None;
    }
    let g = glyph_cells();
    let slots = cells / g;
    if slots == 0 {
        return None;
    }
    Some(((fraction * slots as f64) as usize).min(slots - 1) * g)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn eighths_round_and_never_hide_a_small_value() {
        assert_eq!(eighths(0.0, 10), 0);
        assert_eq!(eighths(f64::NAN, 10), 0);
        assert_eq!(eighths(1e-6, 10), 1);
        assert_eq!(eighths(0.5, 10), 40);
        assert_eq!(eighths(0.3288, 10), 26);
        assert_eq!(eighths(2.0, 10), 80);
        assert_eq!(eighths(0.5, 0), 0);
    }

    #[test]
    fn bar_ends_with_a_partial_block() {
        let area = Rect::new(0, 0, 6, 1);
        let mut buf = Buffer::empty(area);
        hbar(&mut buf, area, 0, 0, 6, 0.3, Style::default());
        let row: String = (0..6).map(|x| buf[(x, 0)].symbol().to_owned()).collect();
        assert_eq!(row, "█▊    ");
    }

    #[test]
    fn bar_stays_inside_its_area() {
        let mut buf = Buffer::empty(Rect::new(0, 0, 10, 2));
        let area = Rect::new(2, 0, 3, 1);
        hbar(&mut buf, area, 2, 0, 50, 1.0, Style::default());
        hbar(&mut buf, area, 2, 1, 50, 1.0, Style::default());
        let row: String = (0..10).map(|x| buf[(x, 0)].symbol().to_owned()).collect();
        assert_eq!(row, "  ███     ");
        assert_eq!(buf[(2, 1)].symbol(), " ");
    }

    #[test]
    fn marker_cell_is_within_the_bar() {
        assert_eq!(marker_cell(0.3288, 40), Some(13));
        assert_eq!(marker_cell(1.0, 40), Some(39));
        assert_eq!(marker_cell(1.5, 40), None);
        assert_eq!(marker_cell(0.5, 0), None);
    }
}
