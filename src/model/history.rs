//! The meetings before this one (`history`, oldest first) and what a unit's
//! standing says against them: rank change (进位/退位), composite change,
//! how many times running it holds its tier, and the escalation that
//! follows (连续两次黄牌 → 约谈), exactly as snapshot-v2.md defines them.

use chrono::NaiveDate;

use super::tiers::{Card, Escalation};

/// A unit's standing at a previous meeting; every part may be missing.
#[derive(Debug, Clone, Copy, PartialEq, Default)]
pub struct Past {
    pub rank: Option<u32>,
    pub tier: Option<Card>,
    pub composite: Option<f64>,
}

/// One previous meeting.
#[derive(Debug, Clone, PartialEq)]
pub struct HistoryEntry {
    pub label: Option<String>,
    pub to: Option<NaiveDate>,
    /// Indexed like the snapshot's units: `None` when the entry does not
    /// name the unit. (Entries for units no longer in the meeting are kept
    /// in the file, with a warning, and play no part here.)
    pub units: Vec<Option<Past>>,
}

/// What the history says about one unit now.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Trend {
    /// Previous rank − rank: positive moved up (进位).
    pub rank_change: Option<i64>,
    /// Composite − previous composite.
    pub composite_change: Option<f64>,
    /// 1 + the entries, counted back from the last, whose tier is the
    /// unit's tier now.
    pub streak: u32,
    /// Index into `cards.escalations`: the escalation of the unit's tier
    /// with the largest streak ≤ the unit's.
    pub escalation: Option<usize>,
}

/// The trend of unit `i`, whose standing now is `rank`, `composite` and `card`.
pub fn trend(
    history: &[HistoryEntry],
    escalations: &[Escalation],
    i: usize,
    rank: Option<u32>,
    composite: Option<f64>,
    card: Card,
) -> Trend {
    let last = history
        .last()
        .and_then(|e| e.units.get(i).copied().flatten());
    let rank_change = match (last.and_then(|p| p.rank), rank) {
        (Some(before), Some(now)) => Some(i64::from(before) - i64::from(now)),
        _ => None,
    };
    let composite_change = match (last.and_then(|p| p.composite), composite) {
        // Clamped: two huge composites of opposite signs must not give infinity.
        (Some(before), Some(now)) => Some((now - before).clamp(-f64::MAX, f64::MAX)),
        _ => None,
    };
    let held = history
        .iter()
        .rev()
        .take_while(|e| e.units.get(i).copied().flatten().and_then(|p| p.tier) == Some(card))
        .count();
    let streak = u32::try_from(held).unwrap_or(u32::MAX - 1) + 1;
    let escalation = escalations
        .iter()
        .enumerate()
        .filter(|(_, e)| e.tier == card && e.streak <= streak)
        // The largest streak; the first given among equal ones.
        .fold(None::<(usize, u32)>, |best, (k, e)| match best {
            Some((_, s)) if s >= e.streak => best,
            _ => Some((k, e.streak)),
        })
        .map(|(k, _)| k);
    Trend {
        rank_change,
        composite_change,
        streak,
        escalation,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn entry(tier: Option<Card>, rank: Option<u32>) -> HistoryEntry {
        HistoryEntry {
            label: None,
            to: None,
            units: vec![Some(Past {
                rank,
                tier,
                composite: Some(0.5),
            })],
        }
    }

    fn esc(tier: Card, streak: u32, label: &str) -> Escalation {
        Escalation {
            tier,
            streak,
            label: label.into(),
        }
    }

    #[test]
    fn streak_counts_back_from_the_last_entry_until_another_tier() {
        let h = vec![
            entry(Some(Card::YELLOW), Some(3)),
            entry(Some(Card::RED), Some(1)),
            entry(Some(Card::YELLOW), Some(4)),
            entry(Some(Card::YELLOW), Some(2)),
        ];
        let t = trend(&h, &[], 0, Some(5), Some(0.25), Card::YELLOW);
        assert_eq!(t.streak, 3);
        assert_eq!(t.rank_change, Some(-3));
        assert_eq!(t.composite_change, Some(-0.25));
        let t = trend(&h, &[], 0, Some(1), None, Card::RED);
        assert_eq!(
            (t.streak, t.rank_change, t.composite_change),
            (1, Some(1), None)
        );
    }

    #[test]
    fn an_entry_without_the_unit_or_its_tier_stops_the_streak() {
        let mut h = vec![entry(Some(Card::YELLOW), None), entry(None, None)];
        assert_eq!(trend(&h, &[], 0, None, None, Card::YELLOW).streak, 1);
        h[1].units = vec![None];
        assert_eq!(trend(&h, &[], 0, None, None, Card::YELLOW).streak, 1);
        assert_eq!(trend(&[], &[], 0, None, None, Card::NONE).streak, 1);
    }

    #[test]
    fn the_escalation_is_the_largest_streak_reached() {
        let e = [
            esc(Card::YELLOW, 1, "约谈"),
            esc(Card::YELLOW, 3, "常委会"),
            esc(Card::YELLOW, 2, "常务会"),
            esc(Card::RED, 1, "表扬"),
        ];
        let h = vec![entry(Some(Card::YELLOW), None)];
        assert_eq!(
            trend(&h, &e, 0, None, None, Card::YELLOW).escalation,
            Some(2)
        );
        assert_eq!(
            trend(&[], &e, 0, None, None, Card::YELLOW).escalation,
            Some(0)
        );
        assert_eq!(trend(&h, &e, 0, None, None, Card::NONE).escalation, None);
    }
}
