//! `guotang check`: a one-screen summary of a usable snapshot, or every problem.

use std::path::Path;
use std::process::ExitCode;

use super::out::{out, outln};
use crate::i18n::{Lang, num, pct};
use crate::model::{self, Card, CardSource, Stage, order};
use crate::sanitize::one_line;
use crate::store;

pub fn run(file: &Path) -> ExitCode {
    let loaded = match store::load(file) {
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
    out.push_str(&doubts(s, lang));
    let title = one_line(&m.title);
    outln!("✓ {}: {title}", super::shown_path(file));
    out!("{out}");
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
    use crate::ui::edit_labels as el;
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
