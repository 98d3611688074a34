//! One sentence per unit that says why it holds its tier, in the meeting's
//! language, naming the band's conditions and the unit's figures:
//! `完成 36.7% ≥ 时间进度 33.1% → 红牌`,
//! `综合 61.0 分 < 组均值 70.6 分，≥ 60 分 → 较差`.

use crate::i18n::{Lang, num, pct};

use super::bands::{self, Group};
use super::snapshot::{Card, CardRule, Condition, Scoring, Snapshot};
use super::standings::{CardSource, EPSILON, Standings};

/// The default tiers' names: 红牌 / red card. A meeting's own tiers are
/// named by [`super::Tiers::label`].
pub fn card_name(card: Card, lang: Lang) -> &'static str {
    match (card, lang) {
        (Card::RED, Lang::Zh) => "红牌",
        (Card::YELLOW, Lang::Zh) => "黄牌",
        (Card::NONE, Lang::Zh) => "不挂牌",
        (Card::RED, Lang::En) => "red card",
        (Card::YELLOW, Lang::En) => "yellow card",
        (Card::NONE, Lang::En) => "no card",
        (_, lang) => lang.pick("牌", "card"),
    }
}

/// Why unit `i` holds its card.
pub fn explain(s: &Snapshot, st: &Standings, i: usize, lang: Lang) -> String {
    let us = &st.units[i];
    let tiers = &s.cards.tiers;
    if us.source == CardSource::Decision
        && let Some(d) = &s.units[i].decision
    {
        let reason = crate::sanitize::one_line(&d.reason);
        let label = crate::sanitize::one_line(tiers.label(d.card, lang));
        return match lang {
            Lang::Zh => format!("决定{label}：{reason}"),
            Lang::En => format!("decided {label}: {reason}"),
        };
    }
    let card = crate::sanitize::one_line(tiers.label(us.card, lang)).into_owned();
    if let Some(mi) = us.veto {
        let m = &s.metrics[mi];
        let actual = num(us.metrics[mi].value(), m.decimals);
        let name = crate::sanitize::one_line(&m.name);
        let unit = crate::sanitize::one_line(&m.unit);
        let figure = match (unit.is_empty(), lang) {
            (true, _) => actual,
            (false, Lang::Zh) => format!("{actual}{unit}"),
            (false, Lang::En) => format!("{actual} {unit}"),
        };
        return match lang {
            Lang::Zh => format!("一票否决：{name} {figure} → {card}"),
            Lang::En => format!("veto: {name} {figure} → {card}"),
        };
    }
    let (Some(c), Some(rank)) = (us.composite, us.rank) else {
        return match lang {
            Lang::Zh => format!("无考核目标，不参与排名 → {card}"),
            Lang::En => format!("no weighted target, unranked → {card}"),
        };
    };
    match s.cards.rule {
        Some(rule) => legacy(s, st, i, lang, rule, c, rank),
        _ => by_bands(s, st, i, lang, c, rank, &card),
    }
}

/// The sentence of a band: the unit's figure, then each condition.
fn by_bands(
    s: &Snapshot,
    st: &Standings,
    i: usize,
    lang: Lang,
    c: f64,
    rank: u32,
    card: &str,
) -> String {
    let us = &st.units[i];
    let g = &st.groups[s.units[i].group_index];
    let group = Group {
        ranked: g.ranked as u32,
        mean: g.mean,
        time_progress: st.time_progress,
    };
    let f = Figures {
        lang,
        points: s.scoring == Scoring::Points,
        c,
        rank,
        group: &group,
    };
    let clauses: Vec<String> = match us.band {
        Some(b) => {
            let band = &s.cards.bands[b];
            if band.conditions.is_empty() {
                // It holds because the band before it did not: say why.
                b.checked_sub(1)
                    .and_then(|prev| {
                        s.cards.bands[prev]
                            .conditions
                            .iter()
                            .find(|&&k| !bands::holds(k, c, rank, &group))
                    })
                    .map(|&k| vec![f.clause(k)])
                    .unwrap_or_default()
            } else {
                band.conditions.iter().map(|&k| f.clause(k)).collect()
            }
        }
        None => vec![
            lang.pick("不满足任何一档", "no band's conditions hold")
                .to_owned(),
        ],
    };
    let mut text = f.subject();
    if !clauses.is_empty() {
        text.push(' ');
        text.push_str(&clauses.join(lang.pick("，", ", ")));
    }
    let arrow = if text.ends_with('）') {
        "→ "
    } else {
        " → "
    };
    format!("{text}{arrow}{card}")
}

/// A unit's figures, to say a condition with.
struct Figures<'a> {
    lang: Lang,
    points: bool,
    c: f64,
    rank: u32,
    group: &'a Group,
}

impl Figures<'_> {
    /// `完成 36.7%` / `综合 61.0 分`.
    fn subject(&self) -> String {
        match (self.points, self.lang) {
            (false, lang) => format!("{} {}", lang.pick("完成", "done"), pct(self.c)),
            (true, Lang::Zh) => format!("综合 {} 分", num(self.c, 1)),
            (true, Lang::En) => format!("composite {} points", num(self.c, 1)),
        }
    }

    /// A line the file gives, on the composite's scale: `45.0%` / `60 分`.
    fn line(&self, x: f64) -> String {
        self.scaled(x, short(x))
    }

    /// A figure computed, on the composite's scale: `45.3%` / `70.6 分`.
    fn figure(&self, x: f64) -> String {
        self.scaled(x, num(x, 1))
    }

    fn scaled(&self, x: f64, points: String) -> String {
        match (self.points, self.lang) {
            (false, _) => pct(x),
            (true, Lang::Zh) => format!("{points} 分"),
            (true, Lang::En) => format!("{points} points"),
        }
    }

    /// One condition with the unit's figures, whether or not it holds.
    fn clause(&self, k: Condition) -> String {
        let (lang, c, rank, p) = (self.lang, self.c, self.rank, self.group.time_progress);
        let holds = bands::holds(k, c, rank, self.group);
        let op = |ok: bool| if ok { "≥" } else { "<" };
        match k {
            Condition::Pace(k) => {
                let pace = lang.pick("时间进度", "time progress");
                if (k - 1.0).abs() <= EPSILON {
                    format!("{} {pace} {}", op(holds), pct(p))
                } else {
                    format!("{} {k} × {pace} {} = {}", op(holds), pct(p), pct(k * p))
                }
            }
            Condition::LagAtMost(d) => {
                let lag = p - c;
                let limit = format!("{} {}", if holds { "≤" } else { ">" }, short(d * 100.0));
                match (lag > 0.0, lang) {
                    (true, Lang::Zh) => {
                        format!("落后时间进度 {} 个百分点（{limit}）", num(lag * 100.0, 1))
                    }
                    (true, Lang::En) => format!(
                        "{} points behind time progress ({limit})",
                        num(lag * 100.0, 1)
                    ),
                    (false, Lang::Zh) => format!("领先时间进度 {} 个百分点", num(-lag * 100.0, 1)),
                    (false, Lang::En) => {
                        format!("{} points ahead of time progress", num(-lag * 100.0, 1))
                    }
                }
            }
            Condition::Min(m) => format!("{} {}", op(holds), self.line(m)),
            Condition::Top(n) => match (holds, lang) {
                (true, Lang::Zh) => format!("组内第 {rank} 名（前 {n} 名）"),
                (false, Lang::Zh) => format!("组内第 {rank} 名（未进前 {n} 名）"),
                (true, Lang::En) => format!("rank {rank} in group (top {n})"),
                (false, Lang::En) => format!("rank {rank} in group (not in top {n})"),
            },
            Condition::Bottom(n) => {
                let total = self.group.ranked;
                match (holds, lang) {
                    (true, Lang::Zh) => format!("组内第 {rank} 名，共 {total} 名（后 {n} 名）"),
                    (false, Lang::Zh) => {
                        format!("组内第 {rank} 名，共 {total} 名（不在后 {n} 名）")
                    }
                    (true, Lang::En) => format!("rank {rank} of {total} in group (bottom {n})"),
                    (false, Lang::En) => {
                        format!("rank {rank} of {total} in group (not in bottom {n})")
                    }
                }
            }
            Condition::AboveMean(_) => {
                let mean = self.group.mean.unwrap_or(c);
                format!(
                    "{} {} {}",
                    op(bands::at_least(c, mean)),
                    lang.pick("组均值", "group mean"),
                    self.figure(mean)
                )
            }
        }
    }
}

/// A line as the file wrote it, without float noise: `15`, `0.5`, `92.25`.
fn short(x: f64) -> String {
    let t = format!("{:.2}", x);
    let t = t.trim_end_matches('0').trim_end_matches('.');
    if t == "-0" { "0".into() } else { t.to_owned() }
}

/// Format v1's sentences, for a meeting that gives cards by its rule with
/// the default tiers: exactly as before format v2.
fn legacy(
    s: &Snapshot,
    st: &Standings,
    i: usize,
    lang: Lang,
    rule: CardRule,
    c: f64,
    rank: u32,
) -> String {
    let us = &st.units[i];
    let card = card_name(us.card, lang);
    let done = lang.pick("完成", "done");
    let p = st.time_progress;
    match rule {
        CardRule::Pace { red_at } => {
            let line = red_at * p;
            let op = if c >= line - EPSILON { "≥" } else { "<" };
            let pace = lang.pick("时间进度", "time progress");
            if (red_at - 1.0).abs() <= EPSILON {
                format!("{done} {} {op} {pace} {} → {card}", pct(c), pct(p))
            } else {
                format!(
                    "{done} {} {op} {red_at} × {pace} {} = {} → {card}",
                    pct(c),
                    pct(p),
                    pct(line)
                )
            }
        }
        CardRule::Rank {
            red_top,
            yellow_bottom,
        } => {
            let n = st.groups[s.units[i].group_index].ranked;
            match lang {
                Lang::Zh => format!(
                    "组内第 {rank} 名（共 {n} 名；前 {red_top} 名红牌，后 {yellow_bottom} 名黄牌）→ {card}"
                ),
                Lang::En => format!(
                    "rank {rank} of {n} in group (top {red_top} red, bottom {yellow_bottom} yellow) → {card}"
                ),
            }
        }
        CardRule::Threshold {
            red_min,
            yellow_below,
        } => match us.card {
            Card::RED => format!(
                "{done} {} ≥ {} {} → {card}",
                pct(c),
                lang.pick("红牌线", "red line"),
                pct(red_min)
            ),
            Card::YELLOW => format!(
                "{done} {} < {} {} → {card}",
                pct(c),
                lang.pick("黄牌线", "yellow line"),
                pct(yellow_below)
            ),
            _ => match lang {
                Lang::Zh => format!(
                    "完成 {} 介于黄牌线 {} 与红牌线 {} 之间 → {card}",
                    pct(c),
                    pct(yellow_below),
                    pct(red_min)
                ),
                Lang::En => format!(
                    "done {} between yellow line {} and red line {} → {card}",
                    pct(c),
                    pct(yellow_below),
                    pct(red_min)
                ),
            },
        },
    }
}

#[cfg(test)]
mod tests {
    use serde_json::json;

    use super::*;
    use crate::model::{Document, compute};

    /// The reasons of every unit of a document.
    fn reasons(v: serde_json::Value, lang: Lang) -> Vec<String> {
        let doc = Document::from_json(v).unwrap_or_else(|p| panic!("{p}"));
        let st = compute(&doc.snapshot);
        (0..doc.snapshot.units.len())
            .map(|i| explain(&doc.snapshot, &st, i, lang))
            .collect()
    }

    fn meeting(extra: serde_json::Value) -> serde_json::Value {
        let mut v = json!({
            "format": "guotang/2",
            "meeting": {"title": "会", "date": "2026-05-08", "period": {"to": "2026-04-30"}},
        });
        for (k, x) in extra.as_object().unwrap() {
            v[k] = x.clone();
        }
        v
    }

    #[test]
    fn the_sentences_the_docs_quote() {
        let lag = meeting(json!({
            "metrics": [{"id": "m", "name": "投资"}],
            "cards": {
                "tiers": [{"id": "green", "label": "绿牌", "color": "green"},
                          {"id": "yellow", "label": "黄牌", "color": "yellow"},
                          {"id": "red", "label": "红牌", "color": "red"}],
                "bands": [{"tier": "green", "pace": 1}, {"tier": "yellow", "lag_at_most": 0.15}, {"tier": "red"}]
            },
            "units": [
                {"id": "a", "name": "甲", "targets": {"m": 100}, "actuals": {"m": 21}},
                {"id": "b", "name": "乙", "targets": {"m": 100}, "actuals": {"m": 10}}
            ]
        }));
        assert_eq!(
            reasons(lag.clone(), Lang::Zh),
            [
                "完成 21.0% 落后时间进度 11.9 个百分点（≤ 15）→ 黄牌",
                "完成 10.0% 落后时间进度 22.9 个百分点（> 15）→ 红牌",
            ]
        );
        assert_eq!(
            reasons(lag, Lang::En)[0],
            "done 21.0% 11.9 points behind time progress (≤ 15) → 黄牌"
        );
        let points = meeting(json!({
            "scoring": {"method": "points"},
            "metrics": [{"id": "m", "name": "得分", "weight": 100},
                        {"id": "accident", "name": "重大安全生产事故", "unit": "起", "kind": "veto"}],
            "cards": {
                "tiers": [{"id": "good", "label": "较好", "color": "green"},
                          {"id": "poor", "label": "较差", "color": "orange"},
                          {"id": "bad", "label": "差", "color": "red"}],
                "bands": [{"tier": "good", "above_mean": true},
                          {"tier": "poor", "above_mean": false, "min": 60},
                          {"tier": "bad"}]
            },
            "units": [
                {"id": "a", "name": "甲", "targets": {"m": 100}, "actuals": {"m": 61}},
                {"id": "b", "name": "乙", "targets": {"m": 100}, "actuals": {"m": 80.2}},
                {"id": "c", "name": "丙", "targets": {"m": 100}, "actuals": {"m": 90, "accident": 1}}
            ]
        }));
        let got = reasons(points, Lang::Zh);
        // The mean of 61.0, 80.2 and 90.0 is 77.1.
        assert_eq!(got[0], "综合 61.0 分 < 组均值 77.1 分，≥ 60 分 → 较差");
        assert_eq!(got[1], "综合 80.2 分 ≥ 组均值 77.1 分 → 较好");
        assert_eq!(got[2], "一票否决：重大安全生产事故 1起 → 差");
    }
}
