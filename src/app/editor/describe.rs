//! Changes in the meeting's words (`经济开发区 协议引资额完成 98.5 → 101`),
//! for the notice after an undo, a reload or a merge.

use serde_json::Value;

use crate::i18n::Lang;
use crate::model::Snapshot;
use crate::model::edit::{Change, ChangeSet, Step};

/// How many changes a notice names before it says "and N more".
const NAMED: usize = 2;

/// A short description of `changes` against the snapshot they led to.
pub fn changes(s: &Snapshot, changes: &ChangeSet, lang: Lang) -> String {
    let mut parts: Vec<String> = changes
        .iter()
        .take(NAMED)
        .map(|c| one(s, c, lang))
        .collect();
    let more = changes.len().saturating_sub(NAMED);
    if more > 0 {
        parts.push(match lang {
            Lang::Zh => format!("等 {} 处", changes.len()),
            Lang::En => format!("and {more} more"),
        });
    }
    parts.join("；")
}

fn value(v: Option<&Value>) -> String {
    match v {
        None | Some(Value::Null) => "—".into(),
        Some(Value::String(s)) => s.clone(),
        Some(Value::Number(n)) => n.to_string(),
        Some(other) => {
            let t = other.to_string();
            if t.chars().count() > 24 {
                let cut: String = t.chars().take(23).collect();
                format!("{cut}…")
            } else {
                t
            }
        }
    }
}

/// A word of the snapshot as the meeting says it (`red` → 红牌).
fn word(field: Option<&str>, v: Option<&Value>, lang: Lang) -> String {
    let text = value(v);
    match (field, v) {
        (Some("card"), Some(Value::String(w))) => crate::model::Card::parse(w).map_or(text, |c| {
            crate::model::explain::card_name(c, lang).to_owned()
        }),
        (Some("stage"), Some(Value::String(w))) => crate::model::Stage::parse(w)
            .map_or(text, |st| crate::ui::labels::stage(st, lang).to_owned()),
        (Some("pane"), Some(Value::String(w))) => crate::model::Pane::parse(w)
            .map_or(text, |p| crate::ui::labels::pane(p, lang).to_owned()),
        _ => text,
    }
}

/// One change: the thing's name, the field's name, old → new. Every field
/// the format knows is named in the meeting's words; only a field it does
/// not know (kept as the secretary wrote it) shows its own key.
fn one(s: &Snapshot, c: &Change, lang: Lang) -> String {
    let steps = c.path.steps();
    let field = match steps.last() {
        Some(Step::Key(k)) => Some(k.as_str()),
        _ => None,
    };
    let arrow = format!(
        "{} → {}",
        word(field, c.old.as_ref(), lang),
        word(field, c.new.as_ref(), lang)
    );
    let field = |k: &str| field_name(k, lang).unwrap_or(k).to_owned();
    let added = || if c.new.is_none() { "−" } else { "+" };
    let unit_name = |id: &str| {
        s.units
            .iter()
            .find(|u| u.id == id)
            .map_or(id.to_owned(), |u| u.name.clone())
    };
    let what = match steps {
        [Step::Key(l), Step::Id { id }, Step::Key(f), Step::Key(m)]
            if l == "units" && (f == "targets" || f == "actuals") =>
        {
            let metric = s
                .metrics
                .iter()
                .find(|x| &x.id == m)
                .map_or(m.as_str(), |x| &x.name);
            format!("{} {metric}{}", unit_name(id), field(f))
        }
        [Step::Key(l), Step::Id { id }, rest @ ..] if l == "units" => match rest.first() {
            Some(Step::Key(f)) => format!("{} {}", unit_name(id), field(f)),
            _ => return format!("{} {}", unit_name(id), added()),
        },
        [Step::Key(l), Step::Id { id }, rest @ ..] if l == "projects" => {
            let name = s
                .projects
                .iter()
                .find(|p| *p.id == **id)
                .map_or(id.as_str(), |p| &p.name);
            match rest.first() {
                Some(Step::Key(f)) => format!("{name} {}", field(f)),
                _ => return format!("{name} {}", added()),
            }
        }
        [Step::Key(l), Step::Id { id }, rest @ ..] if l == "metrics" => {
            let name = s
                .metrics
                .iter()
                .find(|m| &m.id == id)
                .map_or(id.as_str(), |m| &m.name);
            match rest.first() {
                Some(Step::Key(f)) => format!("{name} {}", field(f)),
                _ => return format!("{name} {}", added()),
            }
        }
        [Step::Key(l), Step::Index(i), rest @ ..] if l == "agenda" || l == "metrics" => {
            let label = match (l.as_str(), lang) {
                ("agenda", Lang::Zh) => format!("议程 {}", i + 1),
                ("agenda", Lang::En) => format!("agenda {}", i + 1),
                (_, Lang::Zh) => format!("指标 {}", i + 1),
                (_, Lang::En) => format!("metric {}", i + 1),
            };
            match rest.first() {
                Some(Step::Key(f)) => format!("{label} {}", field(f)),
                _ => return format!("{label} {}", added()),
            }
        }
        [Step::Key(l), rest @ ..] if l == "meeting" || l == "cards" || l == "seating" => {
            // 会议 名称, 会议 统计期间 起, 亮牌规则 规则, 座次 红区 排数 …
            let mut words = vec![field(l)];
            for step in rest {
                match step {
                    Step::Key(k) if k == "zones" => {}
                    Step::Key(k) => words.push(field(k)),
                    Step::Index(i) => words.push(match s.seating.get(*i) {
                        Some(z) if !z.label.trim().is_empty() => z.label.clone(),
                        _ => lang.pick("分区", "zone").to_owned() + &(i + 1).to_string(),
                    }),
                    Step::Id { id } => words.push(id.clone()),
                }
            }
            words.join(" ")
        }
        [Step::Key(k)] => field(k),
        _ => c.path.to_string(),
    };
    format!("{what} {arrow}")
}

/// The meeting's word for a field of the format, where it has one.
fn field_name(k: &str, lang: Lang) -> Option<&'static str> {
    let (zh, en) = match k {
        "targets" => ("目标", " target"),
        "actuals" => ("完成", " actual"),
        "card" => ("亮牌决定", "card decision"),
        "card_reason" => ("理由", "reason"),
        "name" => ("名称", "name"),
        "group" => ("分组", "group"),
        "leader" => ("负责人", "leader"),
        "attendees" => ("参会人", "attendees"),
        "stage" => ("阶段", "stage"),
        "investment" => ("投资额", "investment"),
        "signed_on" => ("签约日", "signed on"),
        "started_on" => ("开工日", "started on"),
        "completed_on" => ("竣工日", "completed on"),
        "due_start" => ("应开工日", "due start"),
        "due_complete" => ("应竣工日", "due complete"),
        "note" => ("备注", "note"),
        "unit" => ("单位", "unit"),
        "title" => ("标题", "title"),
        "minutes" => ("分钟", "minutes"),
        "pane" => ("画面", "pane"),
        "speaker" => ("发言人", "speaker"),
        "speakers" => ("发言单位", "speakers"),
        "minutes_each" => ("每人分钟", "minutes each"),
        "warn_minutes" => ("提醒分钟", "warning at"),
        "notes" => ("提纲", "outline"),
        "meeting" => ("会议", "meeting"),
        "date" => ("日期", "date"),
        "start" => ("开始时间", "start"),
        "venue" => ("地点", "venue"),
        "period" => ("统计期间", "period"),
        "label" => ("名称", "label"),
        "from" => ("起", "from"),
        "to" => ("止", "to"),
        "decimals" => ("小数位数", "decimals"),
        "better" => ("方向", "direction"),
        "weight" => ("权重", "weight"),
        "cards" => ("亮牌规则", "card rule"),
        "rule" => ("规则", "rule"),
        "red_at" => ("红牌线", "red at"),
        "red_top" => ("红牌名额", "red top"),
        "yellow_bottom" => ("黄牌名额", "yellow bottom"),
        "red_min" => ("红牌线", "red minimum"),
        "yellow_below" => ("黄牌线", "yellow below"),
        "cap" => ("完成率上限", "cap"),
        "seating" => ("座次", "seating"),
        "rows" => ("排数", "rows"),
        "seats_per_row" => ("每排座位", "seats per row"),
        "locale" => ("语言", "language"),
        _ => return None,
    };
    Some(lang.pick(zh, en))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::edit::Assignment;
    use crate::model::{DEMO, Document};

    fn described(assignments: &[&str], lang: Lang) -> String {
        let mut doc = Document::from_bytes(DEMO.as_bytes()).unwrap();
        let parsed: Vec<Assignment> = assignments
            .iter()
            .map(|a| Assignment::parse(a).unwrap())
            .collect();
        let changes = doc.edit(&parsed).unwrap();
        changes_in(&doc.snapshot, &changes, lang)
    }

    fn changes_in(s: &Snapshot, c: &ChangeSet, lang: Lang) -> String {
        changes(s, c, lang)
    }

    /// A banner names fields in the meeting's words, never by their keys.
    #[test]
    fn banners_say_labels_not_field_names() {
        let text = described(&["agenda.3.minutes_each=4"], Lang::Zh);
        assert_eq!(text, "议程 3 每人分钟 3 → 4");
        let text = described(&["meeting.venue=区政府一楼会议室"], Lang::Zh);
        assert_eq!(text, "会议 地点 区行政中心三楼大会议室 → 区政府一楼会议室");
        let text = described(&["agenda.3.warn_minutes=2"], Lang::En);
        assert_eq!(text, "agenda 3 warning at 1 → 2");
        for a in [
            "agenda.4.minutes_each=4",
            "meeting.period.label=1—5月",
            "cards.red_at=0.9",
            "metrics.signed.weight=3",
        ] {
            let text = described(&[a], Lang::Zh);
            let key = a.split('=').next().unwrap().rsplit('.').next().unwrap();
            assert!(!text.contains(key), "{a}: {text}");
            assert!(
                !text.contains("meeting.") && !text.contains("cards."),
                "{text}"
            );
        }
    }
}
