//! Which band gives a ranked unit its tier: the first whose conditions all
//! hold (snapshot-v2.md, "Bands"), comparisons allowing [`EPSILON`].

use super::snapshot::{Band, Card, Condition};
use super::standings::EPSILON;

/// What a unit's conditions are measured against in its group.
pub struct Group {
    /// N: the ranked units of the group.
    pub ranked: u32,
    /// The mean composite of the group's ranked units.
    pub mean: Option<f64>,
    /// p.
    pub time_progress: f64,
}

/// The tier the bands give, and the band that gave it; none (and no band)
/// for an unranked unit or when no band holds.
pub fn tier(
    bands: &[Band],
    composite: Option<f64>,
    rank: Option<u32>,
    group: &Group,
) -> (Card, Option<usize>) {
    let (Some(c), Some(rank)) = (composite, rank) else {
        return (Card::NONE, None);
    };
    bands
        .iter()
        .position(|b| b.conditions.iter().all(|&k| holds(k, c, rank, group)))
        .map_or((Card::NONE, None), |i| (bands[i].tier, Some(i)))
}

/// `a ≥ b`, allowing [`EPSILON`].
pub fn at_least(a: f64, b: f64) -> bool {
    a >= b - EPSILON
}

/// Whether condition `k` holds for a unit of composite `c` and rank `rank`.
pub fn holds(k: Condition, c: f64, rank: u32, group: &Group) -> bool {
    let p = group.time_progress;
    match k {
        Condition::Pace(k) => at_least(c, k * p),
        Condition::LagAtMost(d) => p - c <= d + EPSILON,
        Condition::Min(s) => at_least(c, s),
        Condition::Top(n) => rank <= n,
        Condition::Bottom(n) => i64::from(rank) > i64::from(group.ranked) - i64::from(n),
        Condition::AboveMean(above) => {
            // A ranked unit's group always has a mean.
            let mean = group.mean.unwrap_or(c);
            at_least(c, mean) == above
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const G: Group = Group {
        ranked: 10,
        mean: Some(0.5),
        time_progress: 0.4,
    };

    #[test]
    fn each_condition_at_its_boundary() {
        let h = |k, c, rank| holds(k, c, rank, &G);
        assert!(h(Condition::Pace(1.0), 0.4 - 1e-10, 5));
        assert!(!h(Condition::Pace(1.0), 0.4 - 1e-8, 5));
        assert!(h(Condition::LagAtMost(0.1), 0.3, 5));
        assert!(!h(Condition::LagAtMost(0.1), 0.29, 5));
        assert!(h(Condition::Min(60.0), 60.0, 5));
        assert!(!h(Condition::Min(60.0), 59.9, 5));
        assert!(h(Condition::Top(3), 0.0, 3) && !h(Condition::Top(3), 0.0, 4));
        assert!(h(Condition::Bottom(2), 0.0, 9) && !h(Condition::Bottom(2), 0.0, 8));
        assert!(h(Condition::AboveMean(true), 0.5, 5));
        assert!(!h(Condition::AboveMean(false), 0.5, 5));
        assert!(h(Condition::AboveMean(false), 0.49, 5));
    }

    #[test]
    fn the_first_band_whose_conditions_all_hold() {
        let bands = vec![
            Band {
                tier: Card::RED,
                conditions: vec![Condition::Top(1), Condition::Min(0.9)],
            },
            Band {
                tier: Card::YELLOW,
                conditions: vec![Condition::AboveMean(false)],
            },
        ];
        assert_eq!(tier(&bands, Some(0.95), Some(1), &G), (Card::RED, Some(0)));
        // Top 1 but under 0.9: the first band fails as a whole.
        assert_eq!(
            tier(&bands, Some(0.45), Some(1), &G),
            (Card::YELLOW, Some(1))
        );
        assert_eq!(tier(&bands, Some(0.6), Some(2), &G), (Card::NONE, None));
        assert_eq!(tier(&bands, None, None, &G), (Card::NONE, None));
    }
}
