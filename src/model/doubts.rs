//! Figures that are allowed but probably wrong: a fraction in a metric
//! counted in whole numbers, a project signed after it started, an actual
//! more than five times its target. They never refuse anything (a unit may
//! really have done six times its target); the editor warns as they are
//! typed and after the edit, and `guotang check` lists them.

use chrono::NaiveDate;
use serde_json::Value;

use super::edit::{EditPath, Step};
use super::{Snapshot, Stage};

/// How many times its target an actual may be before it is doubted.
pub const FAR_OVER: f64 = 5.0;

/// Which of a unit's figures.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Figure {
    Target,
    Actual,
}

/// A value worth a second look.
#[derive(Debug, Clone, PartialEq)]
pub enum Doubt {
    /// A metric counted in whole numbers (decimals 0) given a fraction.
    Fraction {
        unit: usize,
        metric: usize,
        figure: Figure,
        value: f64,
    },
    /// An actual more than [`FAR_OVER`] times its target.
    FarOverTarget {
        unit: usize,
        metric: usize,
        actual: f64,
        target: f64,
    },
    /// A project signed (签约日) after it started (开工日).
    SignedAfterStart {
        project: usize,
        signed: NaiveDate,
        started: NaiveDate,
    },
}

/// Whether a whole-number metric's figure has a fraction.
pub fn fraction(decimals: u8, value: f64) -> bool {
    decimals == 0 && value.fract() != 0.0
}

/// Whether an actual is far over its target.
pub fn far_over(actual: f64, target: f64) -> bool {
    target > 0.0 && actual > FAR_OVER * target
}

/// The doubts of one unit's figures for one metric.
fn figures(
    s: &Snapshot,
    unit: usize,
    metric: usize,
    target: Option<f64>,
    actual: Option<f64>,
) -> Vec<Doubt> {
    let mut out = Vec::new();
    let decimals = s.metrics.get(metric).map_or(0, |m| m.decimals);
    for (figure, v) in [(Figure::Target, target), (Figure::Actual, actual)] {
        if let Some(value) = v.filter(|v| fraction(decimals, *v)) {
            out.push(Doubt::Fraction {
                unit,
                metric,
                figure,
                value,
            });
        }
    }
    if let (Some(actual), Some(target)) = (actual, target)
        && far_over(actual, target)
    {
        out.push(Doubt::FarOverTarget {
            unit,
            metric,
            actual,
            target,
        });
    }
    out
}

fn dates(project: usize, signed: Option<NaiveDate>, started: Option<NaiveDate>) -> Option<Doubt> {
    match (signed, started) {
        (Some(signed), Some(started)) if signed > started => Some(Doubt::SignedAfterStart {
            project,
            signed,
            started,
        }),
        _ => None,
    }
}

/// Every doubt of a snapshot, units first, then projects.
pub fn all(s: &Snapshot) -> Vec<Doubt> {
    let mut out = Vec::new();
    for (u, unit) in s.units.iter().enumerate() {
        for m in 0..s.metrics.len() {
            let t = unit.targets.get(m).copied().flatten();
            let a = unit.actuals.get(m).copied().flatten();
            out.extend(figures(s, u, m, t, a));
        }
    }
    for (p, project) in s.projects.iter().enumerate() {
        // A project that never started has no start to be after.
        if project.stage != Stage::Negotiating {
            out.extend(dates(p, project.signed_on, project.started_on));
        }
    }
    out
}

/// The doubts the place `path` raises if it holds `value` (the rest as
/// the snapshot has it): what the editor warns of as a cell is typed, and
/// after an edit with the value written.
pub fn if_set(s: &Snapshot, path: &EditPath, value: Option<&Value>) -> Vec<Doubt> {
    let number = value.and_then(Value::as_f64);
    let date = value
        .and_then(Value::as_str)
        .and_then(|t| super::fields::parse_date(t).ok());
    match path.steps() {
        [Step::Key(l), Step::Id { id }, Step::Key(f), Step::Key(m)] if l == "units" => {
            let (Some(u), Some(mi)) = (s.unit_index(id), s.metric_index(m)) else {
                return Vec::new();
            };
            let unit = &s.units[u];
            let t = unit.targets.get(mi).copied().flatten();
            let a = unit.actuals.get(mi).copied().flatten();
            match f.as_str() {
                "targets" => figures(s, u, mi, number, a),
                "actuals" => figures(s, u, mi, t, number),
                _ => Vec::new(),
            }
            .into_iter()
            // Only what this figure raises: a fraction in the other is
            // not news here.
            .filter(|d| match d {
                Doubt::Fraction { figure, .. } => (*figure == Figure::Target) == (f == "targets"),
                _ => true,
            })
            .collect()
        }
        [Step::Key(l), Step::Id { id }, Step::Key(f)] if l == "projects" => {
            let Some(p) = s.projects.iter().position(|p| p.id == id.as_str()) else {
                return Vec::new();
            };
            let project = &s.projects[p];
            let found = match f.as_str() {
                "signed_on" => dates(p, date, project.started_on),
                "started_on" => dates(p, project.signed_on, date),
                _ => None,
            };
            found.into_iter().collect()
        }
        _ => Vec::new(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::Document;

    fn doc() -> Document {
        Document::from_bytes(crate::model::DEMO.as_bytes()).unwrap()
    }

    fn path(steps: &[&str]) -> EditPath {
        EditPath(
            steps
                .iter()
                .enumerate()
                .map(|(i, s)| {
                    if i == 1 {
                        Step::Id { id: (*s).into() }
                    } else {
                        Step::Key((*s).into())
                    }
                })
                .collect(),
        )
    }

    #[test]
    fn the_demo_raises_no_doubt() {
        assert_eq!(all(&doc().snapshot), []);
    }

    #[test]
    fn a_typed_figure_is_judged_against_the_rest() {
        let d = doc();
        let s = &d.snapshot;
        let (u, unit) = s
            .units
            .iter()
            .enumerate()
            .find(|(_, u)| u.targets[0].is_some())
            .unwrap();
        let m = &s.metrics[0];
        let target = unit.targets[0].unwrap();
        let p = path(&["units", &unit.id, "actuals", &m.id]);
        assert_eq!(if_set(s, &p, Some(&Value::from(target))), []);
        let far = target * 6.0;
        assert_eq!(
            if_set(s, &p, Some(&Value::from(far))),
            [Doubt::FarOverTarget {
                unit: u,
                metric: 0,
                actual: far,
                target
            }]
        );
        let count = s.metrics.iter().position(|m| m.decimals == 0).unwrap();
        let p = path(&["units", &unit.id, "actuals", &s.metrics[count].id]);
        assert!(matches!(
            if_set(s, &p, Some(&Value::from(2.5))).as_slice(),
            [Doubt::Fraction {
                value: 2.5,
                figure: Figure::Actual,
                ..
            }]
        ));
    }
}
