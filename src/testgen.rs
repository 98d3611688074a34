//! Valid, realistic snapshots of any size, for benchmarks, hostile-input tests
//! and `cargo run --example gen`.
//!
//! A generated meeting looks like the demo grown large: Chinese unit and
//! project names, several groups, the demo's seven metrics (with `stalled`
//! lower-is-better at weight 0), card decisions with reasons, projects in every
//! stage with due dates (some overdue), an agenda using every pane, seating
//! zones, and a few unknown fields that a save must keep.
//!
//! The same `(units, projects, seed)` always gives the same document, on every
//! platform and with every version of the `rand` crate: the generator carries
//! its own small PRNG (SplitMix64) because `rand`'s `SmallRng` promises no
//! reproducibility across versions or platforms, and benchmark figures are
//! only comparable on identical input.

use serde_json::{Map, Value, json};

/// SplitMix64 (Steele, Lea, Flood 2014): tiny, fast, and fixed forever.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }
    /// Uniform in `0..n` (n > 0); the modulo bias is irrelevant at these sizes.
    fn below(&mut self, n: usize) -> usize {
        (self.next() % n as u64) as usize
    }
    /// Uniform in `[0, 1)`.
    fn unit(&mut self) -> f64 {
        (self.next() >> 11) as f64 / (1u64 << 53) as f64
    }
    fn chance(&mut self, p: f64) -> bool {
        self.unit() < p
    }
    fn pick<'a>(&mut self, items: &[&'a str]) -> &'a str {
        items[self.below(items.len())]
    }
}

const PLACES: &[&str] = &[
    "东湖", "青山", "临港", "南屏", "北固", "西溪", "金沙", "白鹭", "龙泉", "凤凰", "翠峰", "安澜",
    "永丰", "长乐", "新桥", "清河", "柳塘", "石门", "云台", "桃源", "梅林", "松岗", "高桥", "天宁",
    "红旗", "平湖", "兴隆", "望江", "玉泉", "银山",
];
const TOWN_KINDS: &[&str] = &["镇", "街道", "乡", "经济开发区", "高新区", "园区"];
const DEPARTMENTS: &[&str] = &[
    "发改局",
    "工信局",
    "商务局",
    "科技局",
    "财政局",
    "自然资源局",
    "住建局",
    "交通局",
    "农业农村局",
    "文旅局",
    "市场监管局",
    "生态环境局",
    "投资促进中心",
    "数据局",
    "应急局",
    "税务局",
];
const SURNAMES: &[&str] = &[
    "王", "李", "张", "刘", "陈", "杨", "黄", "赵", "吴", "周", "徐", "孙", "马", "朱", "胡", "郭",
    "何", "林", "罗", "高", "郑", "梁", "谢", "宋", "唐", "许", "韩", "冯", "邓", "曹",
];
const GIVEN: &[&str] = &[
    "建国", "志强", "晓东", "明华", "文博", "立新", "国强", "志刚", "建平", "宏伟", "振华", "丽",
    "方", "海涛", "秀英", "桂兰", "子涵", "雨桐", "俊杰", "思远", "红梅", "春生", "卫东", "玉兰",
];
const INDUSTRIES: &[&str] = &[
    "新能源动力电池",
    "高端装备制造",
    "生物医药",
    "集成电路封测",
    "智能网联汽车零部件",
    "光伏组件",
    "精细化工新材料",
    "冷链物流",
    "数字文创",
    "低空经济",
    "机器人智能制造",
    "检验检测认证",
    "预制菜加工",
    "氢能装备",
    "跨境电商",
    "医疗器械",
    "绿色建材",
    "工业互联网",
];
const PROJECT_KINDS: &[&str] = &["项目", "产业园", "基地", "中心", "二期项目", "总部项目"];
const NOTES: &[&str] = &[
    "区委常委会专题研究推进",
    "用地指标待落实，倒排工期推进",
    "环评已批复，设备进场调试",
    "资金链紧张，停工整改",
    "已对接3家整机企业",
    "签约只是第一步，项目一天不落地，一切等于零",
];
const REASONS: &[&str] = &[
    "签约百亿级重大项目，经区委常委会研究给予红牌",
    "重点项目停工超过60天，经研究给予黄牌",
    "新引进世界500强企业区域总部，经研究给予红牌",
    "安全生产事故影响项目推进，经研究给予黄牌",
    "无招商目标任务，列席会议，不挂牌",
];
const GROUPS: &[&str] = &["镇街板块", "功能区", "部门", "国有平台"];

/// The demo's metrics: (id, name, unit, decimals, weight, lower is better).
const METRICS: &[(&str, &str, &str, u32, f64, bool)] = &[
    ("signed", "新签约亿元以上项目", "个", 0, 2.0, false),
    ("investment", "协议引资额", "亿元", 1, 2.0, false),
    ("started", "新开工亿元以上项目", "个", 0, 1.5, false),
    ("completed", "新竣工亿元以上项目", "个", 0, 1.0, false),
    ("funds", "实际到位资金", "亿元", 1, 1.5, false),
    ("trips", "主要负责人外出招商", "次", 0, 1.0, false),
    ("stalled", "停工流失项目", "个", 0, 0.0, true),
];

/// Rounds to `decimals` places, as a JSON integer when there are none.
fn amount(x: f64, decimals: u32) -> Value {
    if decimals == 0 {
        Value::from(x.round() as u64)
    } else {
        let f = 10f64.powi(decimals as i32);
        Value::from((x * f).round() / f)
    }
}

fn person(rng: &mut Rng) -> String {
    format!("{}{}", rng.pick(SURNAMES), rng.pick(GIVEN))
}

/// A date `days` after 2024-01-01 (the generated meeting is on 2026-05-08).
fn day(days: u64) -> String {
    let base = chrono::NaiveDate::from_ymd_opt(2024, 1, 1).unwrap_or_default();
    (base + chrono::Days::new(days)).to_string()
}

/// Day number of the meeting date, 2026-05-08, counted from 2024-01-01.
const MEETING_DAY: u64 = 858;

fn unit(rng: &mut Rng, i: usize, n: usize) -> Value {
    // Towns first, then zones, departments and platforms, like a real roster.
    let g = (i * GROUPS.len() / n.max(1)).min(GROUPS.len() - 1);
    let (name, kinds) = match GROUPS[g] {
        "部门" => (
            DEPARTMENTS[i % DEPARTMENTS.len()].to_owned(),
            DEPARTMENTS.len(),
        ),
        "国有平台" => (
            format!("{}城投集团", PLACES[i % PLACES.len()]),
            PLACES.len(),
        ),
        _ => (
            format!("{}{}", PLACES[i % PLACES.len()], rng.pick(TOWN_KINDS)),
            PLACES.len(),
        ),
    };
    // Large rosters repeat the names with a number, as 东湖镇2.
    let name = match i / kinds {
        0 => name,
        round => format!("{name}{}", round + 1),
    };
    let leader = person(rng);
    let mut attendees = vec![Value::from(leader.clone())];
    for _ in 0..rng.below(3) {
        attendees.push(Value::from(person(rng)));
    }
    let mut m = Map::new();
    m.insert("id".into(), Value::from(format!("u{i:04}")));
    m.insert("name".into(), Value::from(name));
    m.insert("group".into(), Value::from(GROUPS[g]));
    m.insert("leader".into(), Value::from(leader));
    m.insert("attendees".into(), Value::Array(attendees));
    // A few units have no target at all: they stay unranked, like the demo's 财政局.
    let unranked = rng.chance(0.02);
    let scale = 0.3 + 2.0 * rng.unit();
    let pace = 0.05 + 0.75 * rng.unit();
    let (mut targets, mut actuals) = (Map::new(), Map::new());
    for &(id, _, _, decimals, _, lower) in METRICS {
        if lower {
            if rng.chance(0.4) {
                actuals.insert(id.into(), Value::from(rng.below(4) as u64));
            }
            continue;
        }
        let base = match id {
            "signed" => 10.0,
            "investment" => 120.0,
            "started" | "completed" => 5.0,
            "funds" => 40.0,
            _ => 36.0,
        } * scale;
        if !unranked && !rng.chance(0.05) {
            targets.insert(id.into(), amount(base.max(1.0), decimals));
        }
        if !rng.chance(0.03) {
            let jitter = 0.7 + 0.6 * rng.unit();
            actuals.insert(id.into(), amount(base * pace * jitter, decimals));
        }
    }
    if !targets.is_empty() {
        m.insert("targets".into(), Value::Object(targets));
    }
    m.insert("actuals".into(), Value::Object(actuals));
    if rng.chance(0.03) {
        let reason = rng.pick(REASONS);
        let card = if reason.contains("红牌") {
            "red"
        } else if reason.contains("黄牌") {
            "yellow"
        } else {
            "none"
        };
        m.insert("card".into(), Value::from(card));
        m.insert("card_reason".into(), Value::from(reason));
    }
    if unranked {
        m.insert("remark".into(), Value::from("无招商目标任务，列席会议"));
    }
    Value::Object(m)
}

fn project(rng: &mut Rng, i: usize, units: usize) -> Value {
    // Stages weighted like a real ledger: mostly signed or started.
    const STAGES: &[(&str, u32)] = &[
        ("negotiating", 12),
        ("signed", 30),
        ("started", 28),
        ("completed", 10),
        ("producing", 10),
        ("stalled", 6),
        ("lost", 4),
    ];
    let mut roll = rng.below(100) as u32;
    let stage = STAGES
        .iter()
        .find(|(_, w)| {
            let hit = roll < *w;
            roll = roll.saturating_sub(*w);
            hit
        })
        .map_or("signed", |(s, _)| s);
    let mut m = Map::new();
    m.insert("id".into(), Value::from(format!("P{i:06}")));
    let name = format!("{}{}", rng.pick(INDUSTRIES), rng.pick(PROJECT_KINDS));
    m.insert("name".into(), Value::from(name));
    m.insert(
        "unit".into(),
        Value::from(format!("u{:04}", rng.below(units))),
    );
    let investment = 0.5 + 120.0 * rng.unit().powi(3);
    m.insert("investment".into(), amount(investment, 1));
    m.insert("stage".into(), Value::from(stage));
    let signed = 100 + rng.below(MEETING_DAY as usize - 130) as u64;
    let started = signed + 20 + rng.below(120) as u64;
    let completed = started + 60 + rng.below(300) as u64;
    let has = |s: &[&str]| s.contains(&stage);
    if stage != "negotiating" {
        m.insert("signed_on".into(), Value::from(day(signed)));
    }
    let began =
        has(&["started", "completed", "producing"]) || (stage == "stalled" && rng.chance(0.7));
    if began {
        m.insert(
            "started_on".into(),
            Value::from(day(started.min(MEETING_DAY))),
        );
    }
    if has(&["completed", "producing"]) {
        m.insert(
            "completed_on".into(),
            Value::from(day(completed.min(MEETING_DAY))),
        );
    }
    // Due dates: most in the future, some already missed (overdue).
    if stage != "negotiating" && rng.chance(0.8) {
        let due_start = signed + 60 + rng.below(240) as u64;
        m.insert("due_start".into(), Value::from(day(due_start)));
        m.insert(
            "due_complete".into(),
            Value::from(day(due_start + 300 + rng.below(500) as u64)),
        );
    }
    if rng.chance(0.15) {
        m.insert("note".into(), Value::from(rng.pick(NOTES)));
    }
    Value::Object(m)
}

fn agenda(units: usize) -> Value {
    let listed: Vec<Value> = (0..units.min(3))
        .map(|i| Value::from(format!("u{i:04}")))
        .collect();
    let mut items = vec![
        json!({"title": "通报1—4月招商引资工作情况", "pane": "overview", "minutes": 10,
               "speaker": "区投资促进中心主任",
               "notes": ["时间过去三分之一（32.9%），任务完成不均衡"]}),
        json!({"title": "各单位目标完成情况比较", "pane": "ranking", "minutes": 8,
               "notes": ["分组排名", "对照时间进度划分红黄牌"]}),
        json!({"title": "红牌单位发言", "pane": "speakers", "speakers": {"card": "red"},
               "minutes_each": 3, "warn_minutes": 1, "notes": ["讲成绩、讲经验、讲下步打算"]}),
        json!({"title": "黄牌单位发言", "pane": "speakers", "speakers": {"card": "yellow"},
               "minutes_each": 3, "notes": ["讲差距、讲原因、讲追赶措施和时限"]}),
    ];
    if units > GROUPS.len() {
        items.push(json!({"title": "部门表态发言", "pane": "speakers",
                          "speakers": {"group": "部门"}, "minutes": 12}));
    }
    if !listed.is_empty() {
        items.push(json!({"title": "重点单位汇报", "pane": "speakers",
                          "speakers": {"units": listed}, "minutes_each": 5}));
    }
    items.extend([
        json!({"title": "重点项目推进情况", "pane": "projects", "minutes": 8,
               "notes": ["逾期项目逐个说明原因和解决时限"]}),
        json!({"title": "红黄分区座次", "pane": "seating", "minutes": 3}),
        json!({"title": "主要领导讲话", "pane": "notes", "minutes": 20, "speaker": "区委书记",
               "notes": ["红牌单位：自信不自满", "黄牌单位：自强不自卑，知耻后勇、迎头赶上"]}),
    ]);
    Value::Array(items)
}

/// A valid snapshot with `units` units (at least one) and `projects` projects,
/// the same for the same seed.
pub fn generate(units: usize, projects: usize, seed: u64) -> Value {
    let units = units.max(1);
    let mut rng = Rng(seed);
    let metrics: Vec<Value> = METRICS
        .iter()
        .map(|&(id, name, unit, decimals, weight, lower)| {
            let mut m = json!({"id": id, "name": name, "unit": unit, "decimals": decimals});
            if lower {
                m["better"] = Value::from("lower");
            }
            m["weight"] = if weight.fract() == 0.0 {
                Value::from(weight as u64)
            } else {
                Value::from(weight)
            };
            m
        })
        .collect();
    let unit_list: Vec<Value> = (0..units).map(|i| unit(&mut rng, i, units)).collect();
    let project_list: Vec<Value> = (0..projects).map(|i| project(&mut rng, i, units)).collect();
    // Roughly half the units sit in each zone, two seats each on average.
    let rows = (units / 8).clamp(2, 1000);
    json!({
        "format": "guotang/1",
        "locale": "zh-Hans",
        "meeting": {
            "title": "全区招商引资工作过堂会（1—4月）",
            "date": day(MEETING_DAY),
            "start": "09:00",
            "venue": "区行政中心三楼大会议室",
            "period": {"label": "1—4月", "from": "2026-01-01", "to": "2026-04-30"},
            "host": "区委办公室、区投资促进中心",
        },
        "metrics": metrics,
        "cards": {"rule": "pace", "red_at": 1.0, "cap": 1.5},
        "units": unit_list,
        "projects": project_list,
        "agenda": agenda(units),
        "seating": {"zones": [
            {"card": "red", "label": "红区", "rows": rows, "seats_per_row": 8},
            {"card": "yellow", "label": "黄区", "rows": rows, "seats_per_row": 8},
        ]},
    })
}

/// [`generate`] as a `guotang/2` meeting that uses v2's fields: three tiers
/// best first (红 the worst) given by pace bands, escalations, a metric
/// scored by judges (3 to 7 marks a unit, the highest and lowest dropped),
/// and `periods` previous meetings in `history` (one of them naming a unit
/// that has since gone).
pub fn generate_v2(units: usize, projects: usize, seed: u64, periods: usize) -> Value {
    let mut v = generate(units, projects, seed);
    let mut rng = Rng(seed ^ 0x5EED_0002);
    v["format"] = json!("guotang/2");
    v["cards"] = json!({
        "tiers": [
            {"id": "green", "label": "绿牌", "color": "green"},
            {"id": "yellow", "label": "黄牌", "color": "yellow"},
            {"id": "red", "label": "红牌", "color": "red"},
        ],
        "bands": [
            {"tier": "green", "pace": 1.0},
            {"tier": "yellow", "lag_at_most": 0.1},
            {"tier": "red"},
        ],
        "cap": 1.5,
        "escalations": [
            {"tier": "yellow", "streak": 2, "label": "分管副区长约谈"},
            {"tier": "red", "streak": 1, "label": "书面说明"},
            {"tier": "red", "streak": 3, "label": "常委会说明"},
        ],
    });
    if let Some(metrics) = v["metrics"].as_array_mut() {
        metrics.push(
            json!({"id": "pitch", "name": "路演评分", "unit": "分", "decimals": 2,
                            "weight": 0, "judges": {"drop": 1}}),
        );
    }
    let n = v["units"].as_array().map_or(0, Vec::len);
    if let Some(list) = v["units"].as_array_mut() {
        for (i, u) in list.iter_mut().enumerate() {
            // Decisions naming the meeting's own tiers.
            if i % 4 == 1 {
                u["card"] = json!(["green", "yellow", "red", "none"][i / 4 % 4]);
                u["card_reason"] = json!("经区政府专题会议研究决定");
            }
            if rng.chance(0.8) {
                let marks: Vec<Value> = (0..3 + rng.below(5))
                    .map(|_| json!(f64::from(600 + rng.below(400) as u32) / 10.0))
                    .collect();
                u["actuals"]["pitch"] = Value::Array(marks);
            }
        }
    }
    let ids: Vec<String> = (0..n)
        .map(|i| v["units"][i]["id"].as_str().unwrap_or_default().to_owned())
        .collect();
    let tiers = ["green", "yellow", "red", "none"];
    let history: Vec<Value> = (0..periods)
        .map(|k| {
            // Month ends going back from March 2026, oldest first.
            let month = 2026 * 12 + 2 - (periods - k - 1);
            let (y, m) = ((month / 12) as i32, month % 12 + 1);
            let next = chrono::NaiveDate::from_ymd_opt(y, m as u32, 1)
                .and_then(|d| d.checked_add_months(chrono::Months::new(1)));
            let to = next.and_then(|d| d.pred_opt()).map(|d| d.to_string());
            let mut entry_units = Map::new();
            for (i, id) in ids.iter().enumerate() {
                if rng.chance(0.9) {
                    entry_units.insert(
                        id.clone(),
                        json!({"rank": 1 + rng.below(n.max(1)), "tier": rng.pick(&tiers),
                               "composite": (rng.unit() * 0.6 * 1e4).round() / 1e4}),
                    );
                } else if i % 7 == 0 {
                    entry_units.insert(id.clone(), json!({"tier": "yellow"}));
                }
            }
            if k == 0 {
                entry_units.insert("u_merged".into(), json!({"rank": 1, "tier": "green"}));
            }
            json!({"label": format!("{m}月"), "to": to, "units": entry_units})
        })
        .collect();
    if periods > 0 {
        v["history"] = Value::Array(history);
    }
    v
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{self, Document, Stage, Word as _};

    #[test]
    fn generated_snapshots_are_valid_and_deterministic() {
        for (units, projects, seed) in [(1, 0, 0), (5, 40, 1), (200, 3000, 7)] {
            let v = generate(units, projects, seed);
            assert_eq!(v, generate(units, projects, seed));
            let doc = Document::from_json(v).unwrap_or_else(|p| panic!("invalid:\n{p}"));
            assert_eq!(doc.snapshot.units.len(), units);
            assert_eq!(doc.snapshot.projects.len(), projects);
        }
        assert_ne!(generate(20, 20, 1), generate(20, 20, 2));
    }

    #[test]
    fn generated_v2_snapshots_are_valid() {
        for periods in [0, 1, 12, 30] {
            let v = generate_v2(40, 100, 5, periods);
            let doc = Document::from_json(v).unwrap_or_else(|p| panic!("invalid:\n{p}"));
            assert_eq!(doc.snapshot.history.len(), periods);
            assert_eq!(doc.snapshot.warnings.len(), usize::from(periods > 0));
            assert!(doc.snapshot.units.iter().any(|u| u.marks(7).is_some()));
        }
    }

    #[test]
    fn a_large_snapshot_has_what_a_real_meeting_has() {
        let doc = Document::from_json(generate(400, 5000, 3)).unwrap();
        let s = &doc.snapshot;
        let st = model::compute(s);
        assert_eq!(s.groups.len(), GROUPS.len());
        assert!(s.units.iter().any(|u| u.decision.is_some()));
        assert!(st.units.iter().any(|u| u.rank.is_none()));
        for &stage in Stage::all() {
            assert!(s.projects.iter().any(|p| p.stage == stage), "{stage:?}");
        }
        assert!(!st.overdue.is_empty());
        let panes: Vec<_> = s.agenda.iter().map(|a| a.pane).collect();
        for &pane in model::Pane::all() {
            assert!(panes.contains(&pane), "{pane:?}");
        }
        assert!(doc.json.to_value()["meeting"]["host"].is_string());
    }
}
