//! Figures as the room reads them. A figure derived from other figures on a
//! screen or a page (a gap, a completion of totals, a difference to time
//! progress) is computed from those figures as they are printed, rounded
//! first, so the room's own subtraction gives the same answer: 93.5% and
//! 86.5% are 7.0 points apart, never 6.9. Machine output (`standings --json`,
//! the exports) keeps the exact numbers.

use crate::i18n::{num, pct};

/// `x` as [`num`] prints it with `decimals`, read back: 98.45 at one decimal
/// is 98.5 (the printed text decides, ties included).
pub fn rounded(x: f64, decimals: u8) -> f64 {
    if !x.is_finite() {
        return x;
    }
    num(x, decimals).parse().unwrap_or(x)
}

/// A ratio as [`pct`] prints it, in percent: 0.93456 → 93.5.
pub fn percent(ratio: f64) -> f64 {
    if !ratio.is_finite() {
        return ratio * 100.0;
    }
    pct(ratio)
        .trim_end_matches('%')
        .parse()
        .unwrap_or(ratio * 100.0)
}

/// How many percentage points ratio `a` stands above ratio `b`, from the two
/// percentages as printed (one decimal): 0.935 and 0.865 → 7.0.
pub fn points(a: f64, b: f64) -> f64 {
    // Both sides carry one decimal: rounding the difference to one decimal
    // removes the float noise of the subtraction (54.4 − 42.3 = 12.1000…01).
    ((percent(a) - percent(b)) * 10.0).round() / 10.0
}

/// How far `own` stands behind `reference` on a metric, from the two values
/// as printed with the metric's decimals: 108.6 and 41.2 → 67.4.
pub fn value_gap(reference: f64, own: f64, decimals: u8) -> f64 {
    rounded(
        rounded(reference, decimals) - rounded(own, decimals),
        decimals,
    )
}

/// A ratio of two figures as printed: the completion the room can check
/// with a calculator from the actual and the target on the same line.
pub fn ratio(actual: f64, target: f64, decimals: u8) -> Option<f64> {
    let t = rounded(target, decimals);
    (t > 0.0).then(|| rounded(actual, decimals) / t)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn gaps_add_up_as_printed() {
        // 93.5% and 86.5% as printed are 7.0 points apart, although the exact
        // difference (7.09) would print 7.1.
        assert_eq!(pct(0.93549), "93.5%");
        assert_eq!(pct(0.86459), "86.5%");
        assert_eq!(num((0.93549 - 0.86459) * 100.0, 1), "7.1");
        assert_eq!(points(0.93549, 0.86459), 7.0);
        // And the other way: 6.91 exact, 7.0 as printed.
        assert_eq!(num((0.93451 - 0.8654) * 100.0, 1), "6.9");
        assert_eq!(points(0.93451, 0.8654), 7.0);
        assert_eq!(num(points(0.544, 0.423), 1), "12.1");
        assert_eq!(points(0.3288, 0.3288), 0.0);
    }

    #[test]
    fn values_round_as_printed() {
        assert_eq!(rounded(98.45, 1), 98.5);
        assert_eq!(rounded(3.0, 0), 3.0);
        assert_eq!(value_gap(108.64, 41.24, 1), 67.4);
        assert_eq!(value_gap(10.4, 9.6, 0), 0.0);
        assert_eq!(ratio(553.24, 1350.0, 1), Some(553.2 / 1350.0));
        assert_eq!(ratio(5.0, 0.04, 1), None);
    }
}
