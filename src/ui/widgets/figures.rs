//! Figures as the panes write them, so the same number reads the same in
//! every pane: gaps behind, pace in points, investments.

use crate::i18n::num;
pub use crate::model::shown::investment_decimals;

/// A gap behind someone: "—" for the first (nothing to catch up), else
/// `-x` with `fmt` giving x's form (a percentage, or a value with its unit).
pub fn behind(
    rank: Option<u32>,
    gap: Option<f64>,
    fmt: impl Fn(f64) -> String,
    dash: &str,
) -> String {
    match (rank, gap) {
        (Some(1), _) | (_, None) => dash.to_owned(),
        (_, Some(g)) => format!("-{}", fmt(g)),
    }
}

/// A composite gap in percentage points (`-12.4`), already computed from
/// the composites as printed ([`crate::model::shown::composite_gaps`]).
pub fn behind_points(rank: Option<u32>, points: Option<f64>, dash: &str) -> String {
    behind(rank, points, |p| num(p, 1), dash)
}

/// Completion against time progress in percentage points, signed: `+11.0`
/// ahead, `-5.1` behind, from the two percentages as printed (so 43.9% at a
/// time progress of 32.9% is +11.0, whatever the digits behind); the flag is
/// true when ahead or level.
pub fn pace_points(completion: f64, time_progress: f64) -> (String, bool) {
    let points = crate::model::shown::points(completion, time_progress);
    let text = num(points.abs(), 1);
    let level = text.trim_start_matches(['0', '.']).is_empty();
    if level {
        (text, true)
    } else if points > 0.0 {
        (format!("+{text}"), true)
    } else {
        (format!("-{text}"), false)
    }
}

/// A column of investments with one precision for all of them: as many
/// decimals as the most precise needs (up to two), so the column reads
/// aligned (`6.5`, `11.0`, `4.5`, not `6.5`, `11`, `4.5`); a missing one is
/// `dash`, never 0.
pub fn investments(values: &[Option<f64>], dash: &str) -> Vec<String> {
    let decimals = investment_decimals(values.iter().flatten().copied());
    values
        .iter()
        .map(|v| v.map_or_else(|| dash.to_owned(), |x| num(x, decimals)))
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn pace_is_signed_and_never_minus_zero() {
        assert_eq!(pace_points(0.439, 0.3288), ("+11.0".to_owned(), true));
        assert_eq!(pace_points(0.2, 0.3288), ("-12.9".to_owned(), false));
        assert_eq!(pace_points(0.32879, 0.3288), ("0.0".to_owned(), true));
    }

    #[test]
    fn a_column_of_investments_has_one_precision() {
        let v = [Some(6.5), Some(11.0), None, Some(4.25)];
        assert_eq!(investments(&v, "—"), ["6.50", "11.00", "—", "4.25"]);
        assert_eq!(investments(&[Some(7.0), Some(45.0)], "—"), ["7", "45"]);
        assert_eq!(investments(&[Some(120.754)], "—"), ["120.75"]);
    }

    #[test]
    fn the_first_is_behind_nobody() {
        assert_eq!(behind_points(Some(1), Some(0.0), "—"), "—");
        assert_eq!(behind_points(Some(2), Some(12.4), "—"), "-12.4");
        assert_eq!(behind_points(None, None, "—"), "—");
    }

    #[test]
    fn pace_is_the_difference_of_the_percentages_shown() {
        // 32.94% shows 32.9%, 43.86% shows 43.9%: 11.0 points, not 10.9.
        assert_eq!(crate::i18n::pct(0.4386), "43.9%");
        assert_eq!(crate::i18n::pct(0.3294), "32.9%");
        assert_eq!(pace_points(0.4386, 0.3294), ("+11.0".to_owned(), true));
    }
}
