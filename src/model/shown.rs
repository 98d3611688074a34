//! Figures as the room reads them. A figure derived from other figures on a
//! screen or a page (a gap, a completion of totals, a difference to time
//! progress) is computed from those figures as they are printed, rounded
//! first, so the room's own subtraction gives the same answer: 93.5% and
//! 86.5% are 7.0 points apart, never 6.9. Machine output (`standings --json`,
//! the exports) keeps the exact numbers.

use crate::i18n::{num, pct};

use super::snapshot::Snapshot;
use super::standings::Standings;

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

/// How far a unit's composite stands behind the group's first and behind
/// the unit ranked just above, in points, from the composites as printed;
/// `None` for an unranked unit (and for "above" at the top).
pub fn composite_gaps(s: &Snapshot, st: &Standings, u: usize) -> (Option<f64>, Option<f64>) {
    let us = &st.units[u];
    let Some(own) = us.composite else {
        return (None, None);
    };
    let first = st
        .groups
        .get(s.units[u].group_index)
        .and_then(|g| g.members.first())
        .and_then(|&f| st.units[f].composite);
    let above = us.above.and_then(|a| st.units[a].composite);
    // Under points scoring composites are printed in 分 with one decimal:
    // their gap is in 分, not in percentage points.
    let behind = |reference: f64| match s.scoring {
        super::Scoring::Points => value_gap(reference, own, 1).max(0.0),
        super::Scoring::Ratio => points(reference, own).max(0.0),
    };
    (first.map(behind), above.map(behind))
}

/// How far a unit stands behind the group's first and the unit ranked just
/// above on metric `mi`, from the values as printed with its decimals;
/// `None` for a unit without a rank on it (and for "above" at the top).
pub fn metric_gaps(
    s: &Snapshot,
    st: &Standings,
    u: usize,
    mi: usize,
) -> (Option<f64>, Option<f64>) {
    let Some(ms) = st.units[u].metrics.get(mi) else {
        return (None, None);
    };
    if ms.rank.is_none() {
        return (None, None);
    }
    let m = &s.metrics[mi];
    let value = |x: usize| st.units[x].metrics[mi].value();
    // The metric's kind decides the order as it does for the ranks: a
    // deduction of 2 分 stands 0.5 behind one of 1.5.
    let behind = |reference: f64| {
        if m.higher_first() {
            value_gap(reference, ms.value(), m.decimals)
        } else {
            value_gap(ms.value(), reference, m.decimals)
        }
        .max(0.0)
    };
    let first = st
        .groups
        .get(s.units[u].group_index)
        .and_then(|g| g.by_metric.get(mi))
        .and_then(|list| list.first())
        .map(|&f| behind(value(f)));
    (first, ms.above.map(|a| behind(value(a))))
}

/// The decimals a column of investments needs: those of its most precise
/// value, up to two.
pub fn investment_decimals(values: impl Iterator<Item = f64>) -> u8 {
    let mut most = 0;
    for x in values {
        let d = (0..2u8)
            .find(|&d| {
                let scaled = x * 10f64.powi(i32::from(d));
                (scaled - scaled.round()).abs() < 1e-9
            })
            .unwrap_or(2);
        most = most.max(d);
        // Two is the most there is: the rest cannot change the answer.
        if most == 2 {
            break;
        }
    }
    most
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

    #[test]
    fn a_deduction_is_behind_by_what_it_lost_more() {
        // The points template: 嘉鱼县 lost 1.5 分, 通城县 2, 通山县 3. The
        // ranks put 嘉鱼县 first; the gaps must agree (they said 0 for all).
        let text = include_str!("../../assets/templates/points.json");
        let doc =
            crate::model::Document::from_bytes(text.as_bytes()).expect("the points template loads");
        let (s, st) = (
            &doc.snapshot,
            crate::model::standings::compute(&doc.snapshot),
        );
        let mi = s
            .metrics
            .iter()
            .position(|m| m.id == "minus")
            .expect("a deduction");
        let unit = |name: &str| s.units.iter().position(|u| u.name == name).expect("a unit");
        assert_eq!(metric_gaps(s, &st, unit("嘉鱼县"), mi), (Some(0.0), None));
        assert_eq!(
            metric_gaps(s, &st, unit("通城县"), mi),
            (Some(0.5), Some(0.5))
        );
        assert_eq!(
            metric_gaps(s, &st, unit("通山县"), mi),
            (Some(1.5), Some(1.0))
        );
    }
}
