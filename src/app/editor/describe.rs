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
        (Some("card"), Some(Value::String(w))) => {
            crate::model::Tiers::default().find(w).map_or(text, |c| {
                crate::model::explain::card_name(c, lang).to_owned()
            })
        }
        (Some("stage"), Some(Value::String(w))) => crate::model::Stage::parse(w)
            .map_or(text, |st| crate::ui::labels::stage(st, lang).to_owned()),
        (Some("pane"), Some(Value::String(w))) => crate::model::Pane::parse(w)
            .map_or(text, |p| crate::ui::labels::pane(p, lang).to_owned()),
        _ => text,
    }
}

/// One change: the thing's name, the field's name, old → new.
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
    let what = match steps {
        [Step::Key(l), Step::Id { id }, Step::Key(f), Step::Key(m)]
            if l == "units" && (f == "targets" || f == "actuals") =>
        {
            let unit = s
                .units
                .iter()
                .find(|u| &u.id == id)
                .map_or(id.as_str(), |u| &u.name);
            let metric = s
                .metrics
                .iter()
                .find(|x| &x.id == m)
                .map_or(m.as_str(), |x| &x.name);
            format!("{unit} {metric}{}", field(f))
        }
        [Step::Key(l), Step::Id { id }, rest @ ..] if l == "units" => {
            let unit = s
                .units
                .iter()
                .find(|u| &u.id == id)
                .map_or(id.as_str(), |u| &u.name);
            match rest.first() {
                Some(Step::Key(f)) => format!("{unit} {}", field(f)),
                _ => unit.to_owned(),
            }
        }
        [Step::Key(l), Step::Id { id }, rest @ ..] if l == "projects" => {
            let name = s
                .projects
                .iter()
                .find(|p| *p.id == **id)
                .map_or(id.as_str(), |p| &p.name);
            match rest.first() {
                Some(Step::Key(f)) => format!("{name} {}", field(f)),
                _ => return format!("{name} {}", if c.new.is_none() { "−" } else { "+" }),
            }
        }
        [Step::Key(l), Step::Index(i), rest @ ..] if l == "agenda" => {
            let label = match lang {
                Lang::Zh => format!("议程 {}", i + 1),
                Lang::En => format!("agenda {}", i + 1),
            };
            match rest.first() {
                Some(Step::Key(f)) => format!("{label} {}", field(f)),
                _ => return format!("{label} {}", if c.new.is_none() { "−" } else { "+" }),
            }
        }
        _ => c.path.to_string(),
    };
    format!("{what} {arrow}")
}

/// The meeting's word for a field, where it has one.
fn field_name(k: &str, lang: Lang) -> Option<&'static str> {
    let (zh, en) = match k {
        "targets" => ("目标", " target"),
        "actuals" => ("完成", " actual"),
        "card" => ("亮牌决定", "card decision"),
        "card_reason" => ("理由", "reason"),
        "name" => ("名称", "name"),
        "stage" => ("阶段", "stage"),
        "investment" => ("投资额", "investment"),
        "signed_on" => ("签约日", "signed on"),
        "started_on" => ("开工日", "started on"),
        "completed_on" => ("竣工日", "completed on"),
        "due_start" => ("应开工日", "due start"),
        "due_complete" => ("应竣工日", "due complete"),
        "note" => ("备注", "note"),
        "title" => ("标题", "title"),
        "minutes" => ("分钟", "minutes"),
        "pane" => ("画面", "pane"),
        "speakers" => ("发言单位", "speakers"),
        _ => return None,
    };
    Some(lang.pick(zh, en))
}
