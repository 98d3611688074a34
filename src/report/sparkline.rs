//! A unit's composite over the last periods as a small SVG line (drawn
//! with plotters, like the bulletin's bar charts), for the ranking table's
//! trend column: the room sees at a glance who climbs and who slips.

use plotters::prelude::*;

use super::html::escape;

/// How many periods a trend shows at most (the meeting's own included).
pub const PERIODS: usize = 7;

const WIDTH: u32 = 96;
const HEIGHT: u32 = 26;
/// Room kept around the line for the dots, in pixels.
const PAD: i32 = 4;
const LINE: RGBColor = RGBColor(0x54, 0x6e, 0x7a);
const LAST_UP: RGBColor = RGBColor(0x2e, 0x7d, 0x32);
const LAST_DOWN: RGBColor = RGBColor(0xc6, 0x28, 0x28);

/// The SVG of `values` (oldest first; a missing one leaves a gap), titled
/// `title` (what a reader hovering or a screen reader gets); `None` when
/// fewer than two values are known.
pub fn svg(values: &[Option<f64>], title: &str) -> Option<String> {
    let known: Vec<f64> = values
        .iter()
        .flatten()
        .copied()
        .filter(|v| v.is_finite())
        .collect();
    if known.len() < 2 {
        return None;
    }
    let (lo, hi) = known
        .iter()
        .fold((f64::MAX, f64::MIN), |(a, b), &v| (a.min(v), b.max(v)));
    let mut out = String::new();
    draw(values, lo, hi, &mut out).ok()?;
    // The title goes right after the opening tag: hovering shows it, and a
    // screen reader reads it rather than the shape.
    let title = format!(
        "<title>{}</title>\n",
        escape(&crate::sanitize::one_line(title))
    );
    match out.find(">\n") {
        Some(i) => out.insert_str(i + 2, &title),
        None => return None,
    }
    Some(out.replacen("<svg ", "<svg role=\"img\" class=\"spark\" ", 1))
}

fn draw(
    values: &[Option<f64>],
    lo: f64,
    hi: f64,
    out: &mut String,
) -> Result<(), Box<dyn std::error::Error>> {
    let n = values.len().max(2);
    let (w, h) = (WIDTH as i32 - 2 * PAD, HEIGHT as i32 - 2 * PAD);
    let x = |i: usize| PAD + (w as f64 * i as f64 / (n - 1) as f64).round() as i32;
    let y = |v: f64| {
        // A flat line sits in the middle.
        let share = if hi - lo > 1e-12 {
            (v - lo) / (hi - lo)
        } else {
            0.5
        };
        PAD + h - (h as f64 * share).round() as i32
    };
    let root = SVGBackend::with_string(out, (WIDTH, HEIGHT)).into_drawing_area();
    // Runs of known values are drawn as lines; a gap breaks the line.
    let mut run: Vec<(i32, i32)> = Vec::new();
    let line = LINE.stroke_width(2);
    for (i, v) in values.iter().enumerate() {
        match v.filter(|v| v.is_finite()) {
            Some(v) => run.push((x(i), y(v))),
            None => {
                if run.len() > 1 {
                    root.draw(&PathElement::new(std::mem::take(&mut run), line))?;
                }
                run.clear();
            }
        }
    }
    if run.len() > 1 {
        root.draw(&PathElement::new(run, line))?;
    }
    for (i, v) in values.iter().enumerate() {
        if let Some(v) = v.filter(|v| v.is_finite()) {
            root.draw(&Circle::new((x(i), y(v)), 2, LINE.filled()))?;
        }
    }
    // The last dot, larger, says which way the unit went since the one before.
    let known: Vec<(usize, f64)> = values
        .iter()
        .enumerate()
        .filter_map(|(i, v)| v.filter(|v| v.is_finite()).map(|v| (i, v)))
        .collect();
    if let [.., (_, before), (i, last)] = known.as_slice() {
        let color = if last >= before { LAST_UP } else { LAST_DOWN };
        root.draw(&Circle::new((x(*i), y(*last)), 3, color.filled()))?;
    }
    root.present()?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_line_through_the_known_values_titled_and_escaped() {
        let s = svg(&[Some(0.3), None, Some(0.5), Some(0.4)], "1—2月 <30%>").expect("drawn");
        assert!(s.starts_with("<svg role=\"img\" class=\"spark\" "), "{s}");
        assert!(s.contains("<title>1—2月 &lt;30%&gt;</title>"), "{s}");
        assert!(s.trim_end().ends_with("</svg>"));
        // Two dots of the line, the gap, two more, and the last one marked down.
        assert_eq!(s.matches("<circle").count(), 4, "{s}");
        assert!(s.contains("#C62828") || s.contains("#c62828"), "{s}");
        assert_eq!(svg(&[Some(0.3), None], "x"), None);
        assert_eq!(svg(&[], "x"), None);
        assert!(svg(&[Some(1.0), Some(1.0)], "flat").is_some());
    }
}
