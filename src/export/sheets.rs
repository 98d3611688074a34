//! The three exports as [`Sheet`]s, from the standings, the seating and the
//! project list the model computes.

use crate::i18n::Lang;
use crate::model::Word;
use crate::model::explain::explain;
use crate::model::projects::Milestone;
use crate::model::{Card, CardSource, Format, Scoring, Snapshot, Standings, order};
use crate::words::labels::stage;

use super::{Column, Kind, Sheet, Value};
use crate::words::headers;

/// A tier as the meeting names it (红牌, or its own label: 绿牌, 优秀).
fn card_text(s: &Snapshot, card: Card, lang: Lang) -> Value {
    Value::text(s.cards.tiers.label(card, lang))
}

/// One row per unit in standing order (group by group, rank, unranked last).
pub fn standings(s: &Snapshot, st: &Standings, lang: Lang) -> Sheet {
    let h = headers::unit_headers(lang);
    // Points are a number of 分, not a share.
    let figure = match s.scoring {
        Scoring::Ratio => Kind::Percent,
        Scoring::Points => Kind::Number(1),
    };
    let mut columns = vec![
        Column::new(headers::ID, Kind::Text),
        Column::new(h[0], Kind::Text),
        Column::new(h[1], Kind::Text),
        Column::new(h[2], Kind::Int),
        Column::new(h[3], figure),
        Column::new(h[4], figure),
        Column::new(h[5], Kind::Text),
        Column::new(h[6], Kind::Text),
        Column::new(h[7], Kind::Text),
    ];
    for m in &s.metrics {
        columns.push(Column::new(
            headers::target(m, lang),
            Kind::Number(m.decimals),
        ));
        columns.push(Column::new(headers::actual(m), Kind::Number(m.decimals)));
        columns.push(Column::new(headers::completion(m, lang), Kind::Percent));
    }
    // Format v2: the tier's id and colour; given a history, the trend.
    let v2 = s.format == Format::V2;
    let history = !s.history.is_empty();
    let t = headers::tier_headers(lang);
    if v2 {
        columns.push(Column::new(t[0], Kind::Text));
        columns.push(Column::new(t[1], Kind::Text));
    }
    if history {
        columns.push(Column::new(t[2], Kind::Int));
        columns.push(Column::new(t[3], Kind::Int));
        columns.push(Column::new(t[4], Kind::Text));
    }
    let rows = st
        .order
        .iter()
        .map(|&u| {
            let unit = &s.units[u];
            let us = &st.units[u];
            let source = match us.source {
                CardSource::Rule => lang.pick("规则", "rule"),
                CardSource::Decision => lang.pick("决定", "decision"),
            };
            let mut row = vec![
                Value::text(&unit.id),
                Value::text(&unit.name),
                Value::text(&unit.group),
                Value::num(us.rank.map(f64::from)),
                Value::num(us.composite),
                Value::num(us.gap_first),
                card_text(s, us.card, lang),
                Value::Text(source.to_owned()),
                Value::text(&explain(s, st, u, lang)),
            ];
            for ms in &us.metrics {
                row.extend([
                    Value::num(ms.target),
                    Value::num(ms.actual),
                    Value::num(ms.completion),
                ]);
            }
            let tiers = &s.cards.tiers;
            if v2 {
                row.push(Value::text(tiers.id(us.card)));
                row.push(
                    tiers
                        .color(us.card)
                        .map_or(Value::Empty, |c| Value::Text(c.as_str().to_owned())),
                );
            }
            if history {
                row.push(Value::num(us.trend.rank_change.map(|c| c as f64)));
                row.push(Value::Number(f64::from(us.trend.streak)));
                row.push(
                    us.trend
                        .escalation
                        .map_or(Value::Empty, |k| Value::text(&s.cards.escalations[k].label)),
                );
            }
            row
        })
        .collect();
    Sheet {
        name: lang.pick("排名", "standings").to_owned(),
        columns,
        rows,
        frozen_columns: 2,
    }
}

/// One row per metric: the total of every unit's actuals, how many units
/// report it, and the target total and completion where there are targets,
/// as the overview pane, the bulletin and `check` show them (exact numbers;
/// the sheet shows them with the metric's decimals).
pub fn totals(s: &Snapshot, st: &Standings, lang: Lang) -> Sheet {
    // Each row's figures carry their metric's decimals; the column's own
    // format (the finest any metric uses) only sizes it.
    let decimals = s.metrics.iter().map(|m| m.decimals).max().unwrap_or(0);
    let columns = vec![
        Column::new(headers::ID, Kind::Text),
        Column::new(lang.pick("指标", "metric"), Kind::Text),
        Column::new(lang.pick("计量单位", "unit"), Kind::Text),
        Column::new(lang.pick("完成合计", "actual"), Kind::Number(decimals)),
        Column::new(lang.pick("填报单位数", "units reporting"), Kind::Int),
        Column::new(lang.pick("目标合计", "target"), Kind::Number(decimals)),
        Column::new(lang.pick("有目标单位数", "units with a target"), Kind::Int),
        Column::new(lang.pick("完成率", "completion"), Kind::Percent),
    ];
    let rows = s
        .metrics
        .iter()
        .zip(&st.totals)
        .filter(|(_, t)| t.any())
        .map(|(m, t)| {
            vec![
                Value::text(&m.id),
                Value::text(&m.name),
                Value::text(&m.unit),
                Value::Figure(t.actual, m.decimals),
                Value::Number(t.reported as f64),
                t.target
                    .map_or(Value::Empty, |x| Value::Figure(x, m.decimals)),
                Value::Number(t.with_target as f64),
                Value::num(t.target.filter(|x| *x > 0.0).map(|x| t.actual / x)),
            ]
        })
        .collect();
    Sheet {
        name: lang.pick("合计", "totals").to_owned(),
        columns,
        rows,
        frozen_columns: 2,
    }
}

/// One row per seat, zone by zone, row by row; units that found no seat
/// follow their zone with the row and seat left empty and a note.
pub fn seating(s: &Snapshot, st: &Standings, lang: Lang) -> Sheet {
    let columns = vec![
        Column::new(lang.pick("区域", "zone"), Kind::Text),
        Column::new(lang.pick("牌", "card"), Kind::Text),
        Column::new(lang.pick("排", "row"), Kind::Int),
        Column::new(lang.pick("座", "seat"), Kind::Int),
        Column::new(lang.pick("单位", "unit"), Kind::Text),
        Column::new(headers::ID, Kind::Text),
        Column::new(lang.pick("参会人", "attendee"), Kind::Text),
        Column::new(lang.pick("备注", "note"), Kind::Text),
    ];
    let mut rows = Vec::new();
    for zone in order::seat(s, st) {
        let z = &s.seating[zone.zone];
        for seat in &zone.seats {
            let unit = &s.units[seat.unit];
            rows.push(vec![
                Value::text(&z.label),
                card_text(s, z.card, lang),
                Value::Number(f64::from(seat.row + 1)),
                Value::Number(f64::from(seat.seat + 1)),
                Value::text(&unit.name),
                Value::text(&unit.id),
                Value::text(&seat.person),
                Value::Empty,
            ]);
        }
        let full = lang.pick("区内座位不足，未安排座位", "no seat: the zone is full");
        let unseated = zone
            .overflow
            .iter()
            .flat_map(|&u| order::sitters(s, u).iter().cloned().map(move |p| (u, p)))
            .chain(zone.standing.iter().cloned());
        for (u, person) in unseated {
            let unit = &s.units[u];
            rows.push(vec![
                Value::text(&z.label),
                card_text(s, z.card, lang),
                Value::Empty,
                Value::Empty,
                Value::text(&unit.name),
                Value::text(&unit.id),
                Value::text(&person),
                Value::Text(full.to_owned()),
            ]);
        }
    }
    // Units whose card has no zone: listed, never dropped from the name cards.
    for u in order::unzoned(s, st) {
        let unit = &s.units[u];
        for person in order::sitters(s, u) {
            rows.push(vec![
                Value::Text(lang.pick("未分区", "no zone").to_owned()),
                card_text(s, st.units[u].card, lang),
                Value::Empty,
                Value::Empty,
                Value::text(&unit.name),
                Value::text(&unit.id),
                Value::text(person),
                Value::Text(
                    lang.pick("座次未设相应分区", "the seating has no zone for its card")
                        .to_owned(),
                ),
            ]);
        }
    }
    Sheet {
        name: lang.pick("座次", "seating").to_owned(),
        columns,
        rows,
        frozen_columns: 0,
    }
}

/// One row per project in snapshot order, with the milestone it missed and
/// the days late on the meeting day.
pub fn projects(s: &Snapshot, st: &Standings, lang: Lang) -> Sheet {
    let columns = vec![
        Column::new(headers::ID, Kind::Text),
        Column::new(lang.pick("项目", "project"), Kind::Text),
        Column::new(lang.pick("单位", "unit"), Kind::Text),
        Column::new(lang.pick("单位id", "unit id"), Kind::Text),
        Column::new(lang.pick("阶段", "stage"), Kind::Text),
        Column::new(lang.pick("投资（亿元）", "investment"), Kind::Number(2)),
        Column::new(lang.pick("签约日期", "signed on"), Kind::Date),
        Column::new(lang.pick("开工日期", "started on"), Kind::Date),
        Column::new(lang.pick("竣工日期", "completed on"), Kind::Date),
        Column::new(lang.pick("计划开工", "due start"), Kind::Date),
        Column::new(lang.pick("计划竣工", "due complete"), Kind::Date),
        Column::new(lang.pick("逾期节点", "missed"), Kind::Text),
        Column::new(lang.pick("逾期天数", "days late"), Kind::Int),
        Column::new(lang.pick("备注", "note"), Kind::Text),
    ];
    let date = |d: Option<chrono::NaiveDate>| d.map_or(Value::Empty, Value::Date);
    let rows = s
        .projects
        .iter()
        .enumerate()
        .map(|(pi, p)| {
            let late = st.overdue.iter().find(|o| o.project == pi);
            let unit = &s.units[p.unit];
            vec![
                Value::text(&p.id),
                Value::text(&p.name),
                Value::text(&unit.name),
                Value::text(&unit.id),
                Value::Text(stage(p.stage, lang).to_owned()),
                Value::num(p.investment),
                date(p.signed_on),
                date(p.started_on),
                date(p.completed_on),
                date(p.due_start),
                date(p.due_complete),
                late.map_or(Value::Empty, |o| {
                    Value::Text(
                        match o.missed {
                            Milestone::Start => lang.pick("开工", "start"),
                            Milestone::Complete => lang.pick("竣工", "completion"),
                        }
                        .to_owned(),
                    )
                }),
                Value::num(late.map(|o| o.days_late as f64)),
                p.note.as_deref().map_or(Value::Empty, Value::text),
            ]
        })
        .collect();
    Sheet {
        name: lang.pick("项目", "projects").to_owned(),
        columns,
        rows,
        frozen_columns: 2,
    }
}
