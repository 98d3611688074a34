//! Text as large as the space it is given: the 8×8 glyphs tui-big-text
//! draws, scaled by whole cells, for the timer the room reads from the back
//! (tui-big-text stops at one cell per pixel, 8 rows: a fifth of a 60-row
//! wall). Each cell shows two pixel rows with half blocks (▀ ▄ █), so a
//! pixel of `sx` columns and `sy` half-rows is square when `sx == sy`;
//! pixels may be up to twice as tall as wide to use a tall pane.

use font8x8::UnicodeFonts as _;
use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::style::Style;

/// The scale that fits `text` in `area`: columns and half-rows per pixel,
/// or `None` when not even one column and one half-row do.
pub fn fit(text: &str, area: Rect) -> Option<(u16, u16)> {
    let n = u16::try_from(text.chars().count()).unwrap_or(u16::MAX);
    if n == 0 {
        return None;
    }
    let sx = area.width / n.saturating_mul(8);
    // Four rows per glyph at one half-row a pixel.
    let sy = (area.height / 4).min(2 * sx);
    (sx >= 1 && sy >= 1).then_some((sx, sy))
}

/// The cells `text` takes at scale (`sx`, `sy`): width and height.
pub fn size(text: &str, (sx, sy): (u16, u16)) -> (u16, u16) {
    let n = u16::try_from(text.chars().count()).unwrap_or(u16::MAX);
    (n.saturating_mul(8).saturating_mul(sx), sy.saturating_mul(4))
}

/// Draws `text` at scale `scale`, centred across `area`, from its top row;
/// returns the rows used.
pub fn draw(buf: &mut Buffer, area: Rect, text: &str, scale: (u16, u16), style: Style) -> u16 {
    let (sx, sy) = scale;
    let (w, h) = size(text, scale);
    let x0 = area.x + area.width.saturating_sub(w) / 2;
    let glyphs: Vec<[u8; 8]> = text
        .chars()
        .map(|c| font8x8::BASIC_FONTS.get(c).unwrap_or([0; 8]))
        .collect();
    let lit = |px: u16, half_row: u16| {
        let (g, bit) = (usize::from(px / 8), px % 8);
        let row = usize::from(half_row / sy);
        glyphs
            .get(g)
            .and_then(|glyph| glyph.get(row))
            .is_some_and(|r| r & (1 << bit) != 0)
    };
    for dy in 0..h.min(area.height) {
        for dx in 0..w.min(area.right().saturating_sub(x0)) {
            let px = dx / sx;
            let symbol = match (lit(px, 2 * dy), lit(px, 2 * dy + 1)) {
                (true, true) => "█",
                (true, false) => "▀",
                (false, true) => "▄",
                (false, false) => " ",
            };
            if let Some(cell) = buf.cell_mut((x0 + dx, area.y + dy)) {
                cell.set_symbol(symbol).set_style(style);
            }
        }
    }
    h.min(area.height)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn rows(buf: &Buffer) -> Vec<String> {
        (0..buf.area.height)
            .map(|y| (0..buf.area.width).map(|x| buf[(x, y)].symbol()).collect())
            .collect()
    }

    #[test]
    fn scales_to_the_space_and_keeps_pixels_square_or_tall() {
        // 200×45: "05:00" is 40 pixels wide → 4 columns a pixel, 8 half-rows.
        assert_eq!(fit("05:00", Rect::new(0, 0, 196, 45)), Some((4, 8)));
        assert_eq!(size("05:00", (4, 8)), (160, 32));
        // A wide, low pane: square pixels at most as tall as it allows.
        assert_eq!(fit("05:00", Rect::new(0, 0, 196, 9)), Some((4, 2)));
        assert_eq!(fit("05:00", Rect::new(0, 0, 39, 40)), None);
        assert_eq!(fit("", Rect::new(0, 0, 100, 40)), None);
        assert_eq!(fit(&"9".repeat(70_000), Rect::new(0, 0, 1000, 300)), None);
    }

    #[test]
    fn a_glyph_is_drawn_at_twice_its_size() {
        let area = Rect::new(0, 0, 16, 8);
        let mut buf = Buffer::empty(area);
        assert_eq!(draw(&mut buf, area, "1", (2, 2), Style::default()), 8);
        // font8x8's "1": rows 0x0C, 0x0E, 0x0C ×4, 0x3F, 0x00 (bit 0 leftmost),
        // each pixel two columns and a whole row.
        let r = rows(&buf);
        assert_eq!(r[0], "    ████        ");
        assert_eq!(r[1], "  ██████        ");
        assert_eq!(r[2], "    ████        ");
        assert_eq!(r[6], "████████████    ");
        assert_eq!(r[7], "                ");
        // Nothing drawn past the area.
        let small = Rect::new(0, 0, 5, 2);
        let mut buf = Buffer::empty(small);
        draw(&mut buf, small, "12", (3, 3), Style::default());
    }
}
