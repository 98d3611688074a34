//! `guotang check`: a one-screen summary of a usable snapshot, or every problem.

use std::path::Path;
use std::process::ExitCode;

use super::out::{out, outln};
use crate::i18n::{Lang, num, pct};
use crate::model::{self, Card, CardSource, Snapshot, Stage, Standings, order};
use crate::sanitize::one_line;
use crate::store;

pub fn run(file: &Path) -> ExitCode {
    let loaded = match store::load_once(file) {
        Ok(l) => l,
        Err(e) => {
            super::report_load_error(&e);
            return ExitCode::FAILURE;
        }
    };
    let doc = &loaded.doc;
    let s = &doc.snapshot;
    let lang = super::lang_for(doc);
    let st = model::compute(s);
    let l = |zh: &'static str, en: &'static str| lang.pick(zh, en);

    let mut out = String::new();
    let mut line = |label: &str, value: String| {
        out.push_str(&format!(
            "  {}  {value}\n",
            crate::text::pad_right(label, 10)
        ));
    };
    let m = &s.meeting;
    let when = match m.start {
        Some(t) => format!("{} {}", m.date, t.format("%H:%M")),
        None => m.date.to_string(),
    };
    let venue = m
        .venue
        .as_deref()
        .map(|v| format!(" · {}", one_line(v)))
        .unwrap_or_default();
    line(l("会议", "meeting"), format!("{when}{venue}"));
    let label = m
        .period
        .label
        .as_deref()
        .map(|v| format!("{} ", one_line(v)))
        .unwrap_or_default();
    line(
        l("统计期", "period"),
        format!(
            "{label}{} — {} · {} {}",
            m.period.from,
            m.period.to,
            l("时间进度", "time progress"),
            pct(st.time_progress)
        ),
    );
    let groups: Vec<String> = st
        .groups
        .iter()
        .map(|g| {
            let name = if g.name.is_empty() {
                l("（未分组）", "(no group)").to_owned()
            } else {
                one_line(&g.name).into_owned()
            };
            format!("{name} {}", g.members.len())
        })
        .collect();
    line(
        l("单位", "units"),
        format!("{} ({})", s.units.len(), groups.join(", ")),
    );
    let metrics: Vec<String> = s
        .metrics
        .iter()
        .map(|m| one_line(&m.name).into_owned())
        .collect();
    line(
        l("指标", "metrics"),
        format!("{}: {}", s.metrics.len(), metrics.join("、")),
    );
    let stalled = s
        .projects
        .iter()
        .filter(|p| p.stage == Stage::Stalled)
        .count();
    line(
        l("项目", "projects"),
        match lang {
            Lang::Zh => format!(
                "{} 个（逾期 {}，停工 {}）",
                s.projects.len(),
                st.overdue.len(),
                stalled
            ),
            Lang::En => format!(
                "{} ({} overdue, {} stalled)",
                s.projects.len(),
                st.overdue.len(),
                stalled
            ),
        },
    );
    let planned: f64 = s
        .agenda
        .iter()
        .map(|item| {
            let n = item
                .speakers
                .as_ref()
                .map_or(0, |sel| order::speakers(s, &st, sel).len());
            item.planned_minutes(n)
        })
        .sum();
    line(
        l("议程", "agenda"),
        match lang {
            Lang::Zh => format!("{} 项，计划 {} 分钟", s.agenda.len(), num(planned, 0)),
            Lang::En => format!(
                "{} items, {} minutes planned",
                s.agenda.len(),
                num(planned, 0)
            ),
        },
    );
    let count = |c: Card| st.units.iter().filter(|u| u.card == c).count();
    let decided = st
        .units
        .iter()
        .filter(|u| u.source == CardSource::Decision)
        .count();
    let unranked = st.units.iter().filter(|u| u.rank.is_none()).count();
    let tiers = &s.cards.tiers;
    if tiers.is_default() {
        line(
            l("红牌/黄牌", "red/yellow"),
            match lang {
                Lang::Zh => format!(
                    "红牌 {} · 黄牌 {} · 不挂牌 {}（其中决定 {}，未排名 {}）",
                    count(Card::RED),
                    count(Card::YELLOW),
                    count(Card::NONE),
                    decided,
                    unranked
                ),
                Lang::En => format!(
                    "red {} · yellow {} · none {} ({decided} by decision, {unranked} unranked)",
                    count(Card::RED),
                    count(Card::YELLOW),
                    count(Card::NONE)
                ),
            },
        );
    } else {
        // The meeting's own tiers, best first, then none.
        let counts: Vec<String> = tiers
            .cards_and_none()
            .map(|c| format!("{} {}", one_line(tiers.label(c, lang)), count(c)))
            .collect();
        line(
            l("分档", "tiers"),
            match lang {
                Lang::Zh => format!(
                    "{}（其中决定 {decided}，未排名 {unranked}）",
                    counts.join(" · ")
                ),
                Lang::En => format!(
                    "{} ({decided} by decision, {unranked} unranked)",
                    counts.join(" · ")
                ),
            },
        );
    }
    super::check_v2::lines(s, &st, lang, &mut line);
    for (k, text) in totals_lines(s, &st, lang).into_iter().enumerate() {
        let label = if k == 0 { l("合计", "totals") } else { "" };
        line(label, text);
    }
    out.push_str(&doubts(s, lang));
    let title = one_line(&m.title);
    outln!("✓ {}: {title}", super::shown_path(file));
    out!("{out}");
    // Usable, but not as it should be: said, without failing the check.
    for w in seating_warnings(s, &st, lang) {
        outln!("  ⚠ {w}");
    }
    super::check_v2::warnings(s, lang);
    // The process ends here: freeing a large document block by block (1.8
    // million of them at 100,000 projects) would take a third of the check.
    std::mem::forget(st);
    std::mem::forget(loaded);
    ExitCode::SUCCESS
}

/// How many doubted figures `check` lists before it says how many more.
const DOUBTS_LISTED: usize = 10;

/// Figures allowed but probably wrong (a fraction in a count, an actual
/// far over its target, a project signed after it started): listed, the
/// file still usable.
fn doubts(s: &model::Snapshot, lang: Lang) -> String {
    use crate::app::editor::describe;
    use crate::words::edit_labels as el;
    let all = model::doubts::all(s);
    if all.is_empty() {
        return String::new();
    }
    let mut out = format!(
        "  ⚠ {}{}\n",
        el::DOUBTS.get(lang),
        lang.paren(&all.len().to_string())
    );
    for d in all.iter().take(DOUBTS_LISTED) {
        out.push_str(&format!(
            "    {}\n",
            one_line(&describe::doubt(s, d, lang, false))
        ));
    }
    if all.len() > DOUBTS_LISTED {
        let more = all.len() - DOUBTS_LISTED;
        out.push_str(&match lang {
            Lang::Zh => format!("    …另有 {more} 处\n"),
            Lang::En => format!("    … and {more} more\n"),
        });
    }
    out
}

/// One line per metric with figures: every unit's actuals added up, and the
/// target total and completion where targets exist, as the console's
/// overview and the bulletin print them.
fn totals_lines(s: &Snapshot, st: &Standings, lang: Lang) -> Vec<String> {
    let names: Vec<String> = s
        .metrics
        .iter()
        .map(|m| one_line(&m.name).into_owned())
        .collect();
    let name_w = names
        .iter()
        .map(|n| crate::text::width(n))
        .max()
        .unwrap_or(0);
    s.metrics
        .iter()
        .zip(&st.totals)
        .zip(&names)
        .filter(|((_, t), _)| t.any())
        .map(|((m, t), name)| {
            let unit = one_line(&m.unit);
            let actual = format!("{}{unit}", num(t.actual, m.decimals));
            let rest = match (t.target, t.completion(m.decimals)) {
                (Some(target), Some(c)) => match lang {
                    Lang::Zh => {
                        format!("，目标 {}{unit}，完成 {}", num(target, m.decimals), pct(c))
                    }
                    Lang::En => {
                        format!(" of {}{unit} targeted, {}", num(target, m.decimals), pct(c))
                    }
                },
                _ => lang.pick("（无目标）", " (no targets)").to_owned(),
            };
            format!("{}  {actual}{rest}", crate::text::pad_right(name, name_w))
        })
        .collect()
}

/// What makes the seating fall short: a zone without the seats its units
/// need (named, with how many seats are missing), and units whose card has
/// no zone at all.
fn seating_warnings(s: &Snapshot, st: &Standings, lang: Lang) -> Vec<String> {
    let mut out = Vec::new();
    let twins = order::twins(s);
    let names = |units: &[usize]| {
        units
            .iter()
            .map(|&u| one_line(&order::unit_label(s, &twins, u)).into_owned())
            .collect::<Vec<_>>()
            .join("、")
    };
    for z in order::seat(s, st) {
        if z.missing == 0 {
            continue;
        }
        let zone = &s.seating[z.zone];
        let label = if zone.label.trim().is_empty() {
            one_line(s.cards.tiers.label(zone.card, lang)).into_owned()
        } else {
            one_line(&zone.label).into_owned()
        };
        let without = if z.overflow.is_empty() {
            String::new()
        } else {
            match lang {
                Lang::Zh => format!(
                    "，{} 个单位未入座：{}",
                    z.overflow.len(),
                    names(&z.overflow)
                ),
                Lang::En => format!(
                    "; {} units have no seat: {}",
                    z.overflow.len(),
                    names(&z.overflow)
                ),
            }
        };
        out.push(match lang {
            Lang::Zh => format!("座次：{label}座位不足，缺 {} 个座位{without}", z.missing),
            Lang::En => format!(
                "seating: zone {label} is {} seats short{without}",
                z.missing
            ),
        });
    }
    let unzoned = order::unzoned(s, st);
    if !unzoned.is_empty() {
        let mut cards: Vec<Card> = unzoned.iter().map(|&u| st.units[u].card).collect();
        cards.sort();
        cards.dedup();
        let cards: Vec<String> = cards
            .iter()
            .map(|&c| one_line(s.cards.tiers.label(c, lang)).into_owned())
            .collect();
        out.push(match lang {
            Lang::Zh => format!(
                "座次：{} 个单位未分区（{}，座次未设相应分区）：{}",
                unzoned.len(),
                cards.join("、"),
                names(&unzoned)
            ),
            Lang::En => format!(
                "seating: {} units have no zone ({}: no zone for that card): {}",
                unzoned.len(),
                cards.join(", "),
                names(&unzoned)
            ),
        });
    }
    out
}
