//! A horizontal bar chart drawn as SVG with plotters: one bar per unit, an
//! optional target band behind each, vertical reference lines (time
//! progress, the card lines), a legend, and value labels on top.
//!
//! The layout is computed here (label widths in terminal columns, where a CJK
//! character is two) rather than by plotters' naive font estimate, which
//! counts UTF-8 bytes; the SVG's own `<style>` names the CJK font fallbacks so
//! a standalone file renders Chinese as well as an embedded one does.

use plotters::element::DashedPathElement;
use plotters::prelude::*;
use plotters::style::text_anchor::{HPos, Pos, VPos};

use crate::i18n::num;
use crate::model::TierColor;
use crate::text::{truncate, width};

use super::charts::FONT_STACK;

/// One unit's bar.
pub struct Bar {
    /// The unit's name (cut to fit).
    pub label: String,
    pub value: f64,
    /// The unit's target, drawn as a pale band behind the bar.
    pub marker: Option<f64>,
    /// The figure written after the bar.
    pub text: String,
    /// The bar's colour: its unit's tier's.
    pub color: RGBColor,
}

/// A dashed vertical reference line with its label above the bars.
pub struct Line {
    pub at: f64,
    pub label: String,
    pub color: RGBColor,
}

/// How the value axis is labelled.
pub enum Axis {
    Percent,
    Number(u8),
}

/// What a legend entry's swatch looks like.
pub enum Swatch {
    Fill(RGBColor),
    Outline,
    /// A glyph standing for a mark written beside the bars (`◆`).
    Glyph(&'static str),
}

/// Everything one chart shows.
pub struct Spec {
    pub title: String,
    pub legend: Vec<(Swatch, String)>,
    pub bars: Vec<Bar>,
    pub lines: Vec<Line>,
    pub axis: Axis,
}

const WIDTH: u32 = 720;
const FONT_PX: f64 = 13.0;
/// Pixels per terminal column at [`FONT_PX`]: a CJK character (two columns)
/// is about one em wide.
const PX_PER_COL: f64 = 7.0;
const ROW: i32 = 24;
const BAR: i32 = 16;
const TITLE_H: i32 = 30;
const LINE_LABEL_H: i32 = 18;
const AXIS_H: i32 = 24;
const MAX_LABEL_COLS: usize = 24;

/// The red card's colour.
pub const RED: RGBColor = RGBColor(0xc6, 0x28, 0x28);
/// The yellow card's colour.
pub const YELLOW: RGBColor = RGBColor(0xf2, 0xa9, 0x00);
const NEUTRAL: RGBColor = RGBColor(0x90, 0xa4, 0xae);
/// Time progress's colour.
pub const PACE: RGBColor = RGBColor(0x15, 0x65, 0xc0);
const INK: RGBColor = RGBColor(0x21, 0x21, 0x21);
const GRID: RGBColor = RGBColor(0xe0, 0xe0, 0xe0);
const MUTED: RGBColor = RGBColor(0x61, 0x61, 0x61);
const TARGET_FILL: RGBColor = RGBColor(0xec, 0xef, 0xf1);
const TARGET_EDGE: RGBColor = RGBColor(0x90, 0x9a, 0xa0);

/// A tier's colour on paper; none is a neutral grey.
pub fn tier_color(color: Option<TierColor>) -> RGBColor {
    match color {
        Some(TierColor::Red) => RED,
        Some(TierColor::Orange) => RGBColor(0xef, 0x6c, 0x00),
        Some(TierColor::Yellow) => YELLOW,
        Some(TierColor::Green) => RGBColor(0x2e, 0x7d, 0x32),
        Some(TierColor::Blue) => RGBColor(0x15, 0x65, 0xc0),
        Some(TierColor::Purple) => RGBColor(0x6a, 0x1b, 0x9a),
        Some(TierColor::Grey) => RGBColor(0x61, 0x61, 0x61),
        Some(TierColor::Black) => INK,
        None => NEUTRAL,
    }
}

/// A step of 1, 2 or 5 × 10ⁿ that cuts `max` into about five intervals.
fn nice_step(max: f64) -> f64 {
    let raw = max / 5.0;
    let mag = 10f64.powf(raw.log10().floor());
    let norm = raw / mag;
    let k = if norm <= 1.0 {
        1.0
    } else if norm <= 2.0 {
        2.0
    } else if norm <= 5.0 {
        5.0
    } else {
        10.0
    };
    k * mag
}

fn font(px: f64, color: &RGBColor, pos: Pos) -> TextStyle<'static> {
    // The SVG backend writes size ÷ 1.24 as the CSS pixel size.
    ("sans-serif", px * 1.24).into_font().color(color).pos(pos)
}

fn px(cols: usize) -> i32 {
    (cols as f64 * PX_PER_COL).ceil() as i32
}

/// Draws a horizontal bar chart; a drawing error (which the string backend
/// does not produce) leaves what was drawn so far.
pub fn draw(spec: &Spec) -> String {
    let mut svg = String::new();
    let _ = draw_into(spec, &mut svg);
    let style = format!(
        "<style>text{{font-family:{FONT_STACK};paint-order:stroke;stroke:#fff;stroke-width:3px;stroke-linejoin:round;}}</style>\n"
    );
    // Right after the opening <svg …> tag, so a standalone file has the fonts.
    match svg.find(">\n") {
        Some(i) => svg.insert_str(i + 2, &style),
        None => svg.push_str(&style),
    }
    svg
}

fn draw_into(spec: &Spec, svg: &mut String) -> Result<(), Box<dyn std::error::Error>> {
    let labels: Vec<String> = spec
        .bars
        .iter()
        .map(|b| truncate(&b.label, MAX_LABEL_COLS))
        .collect();
    let label_w = px(labels.iter().map(|s| width(s)).max().unwrap_or(4)) + 12;
    let text_w = px(spec.bars.iter().map(|b| width(&b.text)).max().unwrap_or(4)) + 12;
    let left = label_w.max(48);
    let right = WIDTH as i32 - text_w.max(40);
    // The legend sits right of the title, or on its own row when both do
    // not fit; a title too long even alone is cut.
    let title = truncate(
        &spec.title,
        ((WIDTH as f64 - 16.0) / (PX_PER_COL * 15.0 / FONT_PX)) as usize,
    );
    let title_w = (f64::from(px(width(&title))) * 15.0 / FONT_PX) as i32 + 16;
    let legend_w: i32 = spec.legend.iter().map(|(_, l)| px(width(l)) + 26).sum();
    let legend_row = title_w + legend_w > WIDTH as i32 - 8;
    let head = TITLE_H + if legend_row { LINE_LABEL_H } else { 0 };
    let legend_y = if legend_row {
        TITLE_H + LINE_LABEL_H / 2 - 2
    } else {
        15
    };
    let top = head + LINE_LABEL_H * spec.lines.len() as i32 + 6;
    let n = spec.bars.len() as i32;
    let bottom = top + n * ROW;
    let height = (bottom + AXIS_H + 4) as u32;

    let mut max = spec
        .bars
        .iter()
        .flat_map(|b| [Some(b.value), b.marker])
        .flatten()
        .chain(spec.lines.iter().map(|l| l.at))
        .fold(0.0f64, f64::max);
    if max <= 0.0 || !max.is_finite() {
        max = 1.0;
    }
    let mut step = nice_step(max);
    if matches!(spec.axis, Axis::Number(0)) {
        // Counts (projects, trips) have no half ticks.
        step = step.max(1.0);
    }
    let max = (max / step).ceil() * step;
    let tick_decimals = if step >= 1.0 {
        0
    } else {
        (-step.log10()).ceil().clamp(0.0, 6.0) as u8
    };
    let x = |v: f64| left + ((v / max) * f64::from(right - left)).round() as i32;

    let root = SVGBackend::with_string(svg, (WIDTH, height)).into_drawing_area();
    root.fill(&WHITE)?;
    root.draw(&Text::new(
        title,
        (8, 8),
        ("sans-serif", 15.0 * 1.24)
            .into_font()
            .style(FontStyle::Bold)
            .color(&INK)
            .pos(Pos::new(HPos::Left, VPos::Top)),
    ))?;

    // Grid and axis labels.
    let mut k = 0.0;
    while k <= max + step / 2.0 {
        let gx = x(k);
        root.draw(&PathElement::new(vec![(gx, top - 2), (gx, bottom)], GRID))?;
        let label = match spec.axis {
            Axis::Percent => format!("{:.0}%", k * 100.0),
            Axis::Number(_) => num(k, tick_decimals),
        };
        root.draw(&Text::new(
            label,
            (gx, bottom + 4),
            font(11.0, &MUTED, Pos::new(HPos::Center, VPos::Top)),
        ))?;
        k += step;
    }
    root.draw(&PathElement::new(
        vec![(left, top - 2), (left, bottom)],
        INK,
    ))?;

    // The legend, right-aligned on the title's line.
    let mut lx = WIDTH as i32 - 8;
    for (swatch, label) in spec.legend.iter().rev() {
        lx -= px(width(label));
        root.draw(&Text::new(
            label.clone(),
            (lx, legend_y),
            font(11.5, &MUTED, Pos::new(HPos::Left, VPos::Center)),
        ))?;
        lx -= 16;
        let corners = [(lx, legend_y - 5), (lx + 11, legend_y + 6)];
        match swatch {
            Swatch::Fill(c) => root.draw(&Rectangle::new(corners, c.filled()))?,
            Swatch::Outline => {
                root.draw(&Rectangle::new(corners, TARGET_FILL.filled()))?;
                root.draw(&Rectangle::new(corners, TARGET_EDGE))?;
            }
            Swatch::Glyph(g) => root.draw(&Text::new(
                g.to_string(),
                (lx + 5, legend_y),
                font(11.5, &INK, Pos::new(HPos::Center, VPos::Center)),
            ))?,
        }
        lx -= 10;
    }

    // Bars first, then the lines over them, then every text on top (with a
    // white halo from the style sheet) so that no line crosses a figure.
    let mut texts: Vec<(String, (i32, i32), TextStyle<'static>)> = Vec::new();
    for (i, (bar, label)) in spec.bars.iter().zip(&labels).enumerate() {
        let y0 = top + i as i32 * ROW + (ROW - BAR) / 2;
        let mid = y0 + BAR / 2;
        texts.push((
            label.clone(),
            (left - 6, mid),
            font(FONT_PX, &INK, Pos::new(HPos::Right, VPos::Center)),
        ));
        let x1 = x(bar.value.max(0.0)).max(left + 1);
        // A bullet bar: the target as a pale band, the actual inside it.
        let inset = match bar.marker {
            Some(t) => {
                let tx = x(t.max(0.0)).max(left + 1);
                root.draw(&Rectangle::new(
                    [(left, y0), (tx, y0 + BAR)],
                    TARGET_FILL.filled(),
                ))?;
                root.draw(&Rectangle::new([(left, y0), (tx, y0 + BAR)], TARGET_EDGE))?;
                4
            }
            None => 0,
        };
        root.draw(&Rectangle::new(
            [(left, y0 + inset), (x1, y0 + BAR - inset)],
            bar.color.filled(),
        ))?;
        let end = x1.max(bar.marker.map_or(left, x));
        texts.push((
            bar.text.clone(),
            (end + 6, mid),
            font(12.0, &INK, Pos::new(HPos::Left, VPos::Center)),
        ));
    }

    for (k, line) in spec.lines.iter().enumerate() {
        let lx = x(line.at);
        let ly = head + LINE_LABEL_H * k as i32 + LINE_LABEL_H / 2;
        root.draw(&DashedPathElement::new(
            vec![(lx, ly + 6), (lx, bottom)],
            5,
            3,
            line.color.stroke_width(2),
        ))?;
        let w = px(width(&line.label));
        // Keep the label inside the picture when the line is near an edge.
        let (anchor, tx) = if lx + w / 2 > WIDTH as i32 - 4 {
            (HPos::Right, lx)
        } else if lx - w / 2 < 4 {
            (HPos::Left, lx)
        } else {
            (HPos::Center, lx)
        };
        root.draw(&Text::new(
            line.label.clone(),
            (tx, ly),
            font(12.0, &line.color, Pos::new(anchor, VPos::Center)),
        ))?;
    }
    for (text, at, style) in texts {
        root.draw(&Text::new(text, at, style))?;
    }
    root.present()?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn steps_are_round() {
        assert_eq!(nice_step(1.0), 0.2);
        assert_eq!(nice_step(150.0), 50.0);
        assert_eq!(nice_step(12.0), 5.0);
    }
}
