//! Changes in the meeting's words (`经济开发区 协议引资额完成 98.5 → 101`),
//! for the notice after an undo, a reload or a merge.

use serde_json::Value;

use crate::i18n::Lang;
use crate::model::Snapshot;
use crate::model::doubts::{Doubt, Figure};
use crate::model::edit::{Change, ChangeSet, Clash, Step};
use crate::ui::edit_labels as el;

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
    let field = match c.path.steps().last() {
        Some(Step::Key(k)) => Some(k.as_str()),
        _ => None,
    };
    let arrow = format!(
        "{} → {}",
        word(field, c.old.as_ref(), lang),
        word(field, c.new.as_ref(), lang)
    );
    match place(s, c, lang) {
        Place::Field(what) => format!("{what} {arrow}"),
        Place::Element(what) => what,
    }
}

/// A change that could not be replayed, in the meeting's words: the place
/// (`议程 5「区领导点评」 分钟`), and that it is gone, or what each side has.
pub fn clash(s: &Snapshot, c: &Clash, lang: Lang) -> String {
    let ch = &c.change;
    let field = match ch.path.steps().last() {
        Some(Step::Key(k)) => Some(k.as_str()),
        _ => None,
    };
    let what = match place(s, ch, lang) {
        Place::Field(w) | Place::Element(w) => w,
    };
    let mine = word(field, ch.new.as_ref(), lang);
    if c.gone {
        match lang {
            Lang::Zh => format!("{what}（已不存在；我的：{mine}）"),
            Lang::En => format!("{what} (no longer there; mine: {mine})"),
        }
    } else {
        let theirs = word(field, c.theirs.as_ref(), lang);
        match lang {
            Lang::Zh => format!("{what}（我的：{mine}，对方：{theirs}）"),
            Lang::En => format!("{what} (mine: {mine}, theirs: {theirs})"),
        }
    }
}

/// Where a change is, named: a field of a thing, or a thing itself (added
/// or removed: the name says which).
enum Place {
    Field(String),
    Element(String),
}

fn place(s: &Snapshot, c: &Change, lang: Lang) -> Place {
    let field = |k: &str| field_name(k, lang).unwrap_or(k).to_owned();
    let sign = if c.new.is_none() { "−" } else { "+" };
    let of = |name: String, rest: &[Step]| match rest.first() {
        Some(Step::Key(f)) => Place::Field(format!("{name} {}", field(f))),
        _ => Place::Element(format!("{name} {sign}")),
    };
    let agenda = |n: Option<usize>, title: Option<&str>| {
        let n = n.map(|i| format!(" {}", i + 1)).unwrap_or_default();
        let title = title
            .map(|t| match lang {
                Lang::Zh => format!("「{t}」"),
                Lang::En => format!(" \"{t}\""),
            })
            .unwrap_or_default();
        format!("{}{n}{title}", lang.pick("议程", "agenda"))
    };
    let steps = c.path.steps();
    match steps {
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
            Place::Field(format!("{unit} {metric}{}", field(f)))
        }
        [Step::Key(l), Step::Id { id }, rest @ ..] if l == "units" => {
            let unit = s
                .units
                .iter()
                .find(|u| &u.id == id)
                .map_or(id.as_str(), |u| &u.name);
            match rest.first() {
                Some(Step::Key(f)) => Place::Field(format!("{unit} {}", field(f))),
                _ => Place::Field(unit.to_owned()),
            }
        }
        [Step::Key(l), Step::Id { id }, rest @ ..] if l == "projects" => {
            let name = s
                .projects
                .iter()
                .find(|p| *p.id == **id)
                .map_or(id.as_str(), |p| &p.name);
            of(name.to_owned(), rest)
        }
        [Step::Key(l), Step::Index(i), rest @ ..] if l == "agenda" => {
            of(agenda(Some(*i), None), rest)
        }
        [Step::Key(l), Step::Item { at, title, .. }, rest @ ..] if l == "agenda" => {
            of(agenda(Some(*at), Some(title)), rest)
        }
        [Step::Key(l), Step::Id { id }, rest @ ..] if l == "agenda" => {
            let found = s.agenda.iter().position(|it| it.id.as_deref() == Some(id));
            let title = found.map_or(id.as_str(), |i| s.agenda[i].title.as_str());
            of(agenda(found, Some(title)), rest)
        }
        _ => Place::Field(c.path.to_string()),
    }
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

/// A doubt in the meeting's words, with the thing it is about
/// (`白沙镇 新签约项目完成 2.5：按整数计，此数带小数`), or without it
/// (`short`) under a field that already names its place.
pub fn doubt(s: &Snapshot, d: &Doubt, lang: Lang, short: bool) -> String {
    let c = lang.colon();
    let unit = |u: usize| s.units.get(u).map_or("", |u| u.name.as_str());
    let metric = |m: usize| s.metrics.get(m).map_or("", |m| m.name.as_str());
    let figure = |f: Figure| match f {
        Figure::Target => el::TARGET.get(lang),
        Figure::Actual => el::ACTUAL.get(lang),
    };
    let gap = lang.pick("", " ");
    let (place, what) = match d {
        Doubt::Fraction {
            unit: u,
            metric: m,
            figure: f,
            value,
        } => (
            format!("{} {}{gap}{} {value}", unit(*u), metric(*m), figure(*f)),
            el::DOUBT_WHOLE.get(lang).to_owned(),
        ),
        Doubt::FarOverTarget {
            unit: u,
            metric: m,
            actual,
            target,
        } => (
            format!(
                "{} {}{gap}{} {actual}",
                unit(*u),
                metric(*m),
                el::ACTUAL.get(lang)
            ),
            format!(
                "{}{}",
                el::DOUBT_FAR_OVER.get(lang),
                lang.paren(&format!("{} {target}", el::TARGET.get(lang)))
            ),
        ),
        Doubt::SignedAfterStart {
            project,
            signed,
            started,
        } => (
            s.projects
                .get(*project)
                .map_or_else(String::new, |p| p.name.to_string()),
            format!(
                "{}{}",
                el::DOUBT_SIGNED_AFTER.get(lang),
                lang.paren(&format!("{signed} > {started}"))
            ),
        ),
    };
    if short {
        what
    } else {
        format!("{place}{c}{what}")
    }
}

/// Why a typed date is refused: there is no such day (2026-02-30), or it
/// is not written as a date.
pub fn date_problem(e: crate::model::typed::DateError, lang: Lang) -> String {
    use crate::model::typed::DateError;
    match e {
        DateError::Shape => el::NEED_DATE.get(lang).to_owned(),
        DateError::NoSuchDay { year, month, day } => {
            let why = match (e.days_in_month(), lang) {
                (Some(n), Lang::Zh) => format!(
                    "{year}年{month}{} {n} {}",
                    el::MONTH_HAS.get(lang),
                    el::DAYS.get(lang)
                ),
                (Some(n), Lang::En) => format!(
                    "{year}-{month:02} {} {n} {}",
                    el::MONTH_HAS.get(lang),
                    el::DAYS.get(lang)
                ),
                (None, _) => el::NO_SUCH_MONTH.get(lang).to_owned(),
            };
            format!(
                "{} {year:04}-{month:02}-{day:02}{}",
                el::NO_SUCH_DATE.get(lang),
                lang.paren(&why)
            )
        }
    }
}
