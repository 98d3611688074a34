//! A metric's totals over a set of units, the one computation behind every
//! total guotang prints: the overview pane, the bulletin, `check` and the
//! totals export. The total of a metric is the sum of every unit's actual,
//! whether or not the unit has a target (a bulletin of counts has none); the
//! target total and the completion exist only where targets do.

use super::shown;
use super::snapshot::{Better, Snapshot};
use super::standings::{EPSILON, Standings};

/// One metric's totals over some units.
#[derive(Debug, Clone, Copy, PartialEq, Default)]
pub struct MetricTotal {
    /// The sum of every unit's actual (a missing actual adds nothing).
    pub actual: f64,
    /// How many units have an actual.
    pub reported: usize,
    /// The sum of the targets > 0; `None` when no unit has one.
    pub target: Option<f64>,
    /// How many units have a target > 0.
    pub with_target: usize,
    /// Of those, how many keep pace with time (completion ≥ time progress;
    /// counted for "higher is better" metrics only).
    pub at_pace: usize,
}

impl MetricTotal {
    /// Whether any unit has a figure (actual or target) on the metric.
    pub fn any(&self) -> bool {
        self.reported > 0 || self.with_target > 0
    }

    /// The total actual ÷ the total target, from the two totals as printed
    /// with the metric's `decimals`, so the room can check it on the line.
    /// `None` without targets.
    pub fn completion(&self, decimals: u8) -> Option<f64> {
        shown::ratio(self.actual, self.target?, decimals)
    }
}

/// Per metric (indexed like the snapshot's metrics), the totals over `units`.
pub fn totals(
    s: &Snapshot,
    st: &Standings,
    units: impl IntoIterator<Item = usize>,
) -> Vec<MetricTotal> {
    let mut out = vec![MetricTotal::default(); s.metrics.len()];
    let p = st.time_progress;
    for u in units {
        for (mi, total) in out.iter_mut().enumerate() {
            let Some(ms) = st.units.get(u).and_then(|us| us.metrics.get(mi)) else {
                continue;
            };
            if let Some(a) = ms.actual {
                total.actual = (total.actual + a).min(f64::MAX);
                total.reported += 1;
            }
            if let Some(t) = ms.target.filter(|t| *t > 0.0) {
                total.target = Some((total.target.unwrap_or(0.0) + t).min(f64::MAX));
                total.with_target += 1;
                if s.metrics[mi].better == Better::Higher
                    && ms.completion.is_some_and(|c| c >= p - EPSILON)
                {
                    total.at_pace += 1;
                }
            }
        }
    }
    out
}

/// The totals over every unit of the snapshot.
pub fn all(s: &Snapshot, st: &Standings) -> Vec<MetricTotal> {
    totals(s, st, 0..s.units.len())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{DEMO, Document, compute};

    #[test]
    fn every_actual_counts_whether_or_not_it_has_a_target() {
        let doc = Document::from_bytes(DEMO.as_bytes()).unwrap();
        let s = &doc.snapshot;
        let st = compute(s);
        let t = all(s, &st);
        let stalled = s.metrics.iter().position(|m| m.id == "stalled").unwrap();
        // 停工流失项目 has no targets: 7 reported, no target, no completion.
        assert_eq!(t[stalled].actual, 7.0);
        assert_eq!(t[stalled].target, None);
        assert_eq!(t[stalled].completion(0), None);
        let signed = s.metrics.iter().position(|m| m.id == "signed").unwrap();
        assert_eq!((t[signed].actual, t[signed].target), (52.0, Some(143.0)));
        assert_eq!(t[signed].completion(0), Some(52.0 / 143.0));
    }
}
