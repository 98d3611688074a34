//! Changes in the meeting's words (`经济开发区 协议引资额完成 98.5 → 101`),
//! for the notice after an undo, a reload or a merge.

use crate::model::Word as _;
use serde_json::Value;

use crate::i18n::Lang;
use crate::model::Snapshot;
use crate::model::doubts::{Doubt, Figure};
use crate::model::edit::{Change, ChangeSet, Clash, Step};
use crate::words::edit_labels as el;

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
        // Judges' marks, as they are typed: 88 92 90.5.
        Some(Value::Array(a)) if !a.is_empty() && a.iter().all(Value::is_number) => {
            let t: Vec<String> = a.iter().map(Value::to_string).collect();
            cut(&t.join(" "))
        }
        Some(other) => cut(&other.to_string()),
    }
}

/// At most 24 characters, an ellipsis for the rest.
fn cut(t: &str) -> String {
    if t.chars().count() > 24 {
        let cut: String = t.chars().take(23).collect();
        format!("{cut}…")
    } else {
        t.to_owned()
    }
}

/// A word of the snapshot as the meeting says it (`red` → 红牌, a
/// meeting's own tier id → its label).
fn word(s: &Snapshot, field: Option<&str>, v: Option<&Value>, lang: Lang) -> String {
    let text = value(v);
    match (field, v) {
        (Some("card"), Some(Value::String(w))) => {
            let tiers = &s.cards.tiers;
            tiers
                .find(w)
                .map_or(text, |c| tiers.label(c, lang).to_owned())
        }
        (Some("stage"), Some(Value::String(w))) => crate::model::Stage::parse(w)
            .map_or(text, |st| crate::words::labels::stage(st, lang).to_owned()),
        (Some("pane"), Some(Value::String(w))) => crate::model::Pane::parse(w)
            .map_or(text, |p| crate::words::labels::pane(p, lang).to_owned()),
        _ => text,
    }
}

/// One change: the thing's name, the field's name, old → new. Every field
/// the format knows is named in the meeting's words; only a field it does
/// not know (kept as the secretary wrote it) shows its own key.
fn one(s: &Snapshot, c: &Change, lang: Lang) -> String {
    let field = match c.path.steps().last() {
        Some(Step::Key(k)) => Some(k.as_str()),
        _ => None,
    };
    let arrow = format!(
        "{} → {}",
        word(s, field, c.old.as_ref(), lang),
        word(s, field, c.new.as_ref(), lang)
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
    let mine = word(s, field, ch.new.as_ref(), lang);
    if c.gone {
        match lang {
            Lang::Zh => format!("{what}（已不存在；我的：{mine}）"),
            Lang::En => format!("{what} (no longer there; mine: {mine})"),
        }
    } else {
        let theirs = word(s, field, c.theirs.as_ref(), lang);
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
    // Two units of one name (a 高新区 in two cities) are told apart by group.
    let unit_name = |id: &str| match s.units.iter().find(|u| u.id == id) {
        Some(u) => {
            let twin = s.units.iter().filter(|o| o.name == u.name).count() > 1;
            crate::model::order::named(u, twin).into_owned()
        }
        None => id.to_owned(),
    };
    let steps = c.path.steps();
    match steps {
        [Step::Key(l), Step::Id { id }, Step::Key(f), Step::Key(m)]
            if l == "units" && (f == "targets" || f == "actuals") =>
        {
            let metric = s
                .metrics
                .iter()
                .find(|x| &x.id == m)
                .map_or(m.as_str(), |x| &x.name);
            Place::Field(format!("{} {metric}{}", unit_name(id), field(f)))
        }
        [Step::Key(l), Step::Id { id }, rest @ ..] if l == "units" => of(unit_name(id), rest),
        [Step::Key(l), Step::Id { id }, rest @ ..] if l == "projects" => {
            let name = s
                .projects
                .iter()
                .find(|p| *p.id == **id)
                .map_or(id.as_str(), |p| &p.name);
            of(name.to_owned(), rest)
        }
        [Step::Key(l), Step::Id { id }, rest @ ..] if l == "metrics" => {
            let name = s
                .metrics
                .iter()
                .find(|m| &m.id == id)
                .map_or(id.as_str(), |m| &m.name);
            of(name.to_owned(), rest)
        }
        [Step::Key(l), Step::Index(i), rest @ ..] if l == "metrics" => {
            of(format!("{} {}", lang.pick("指标", "metric"), i + 1), rest)
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
                    Step::Item { title, .. } => words.push(title.clone()),
                }
            }
            Place::Field(words.join(" "))
        }
        [Step::Key(k)] => Place::Field(field(k)),
        _ => Place::Field(c.path.to_string()),
    }
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

    /// Two units of one name (a 高新区 in two cities) are told apart by
    /// their group; a name of its own stands alone.
    #[test]
    fn a_banner_tells_twins_apart_by_group() {
        let text = include_str!("../../../tests/fixtures/real/zones_and_cards.json");
        let mut doc = Document::from_bytes(text.as_bytes()).unwrap();
        let a = [
            Assignment::parse("units.la_gx.actuals.amount=30").unwrap(),
            Assignment::parse("units.la_xd.actuals.amount=20").unwrap(),
        ];
        let changes = doc.edit(&a).unwrap();
        let said = changes_in(&doc.snapshot, &changes, Lang::Zh);
        assert!(said.starts_with("高新技术产业开发区（六安市） "), "{said}");
        assert!(said.contains("；现代产业园 "), "{said}");
    }

    /// A banner names fields in the meeting's words, never by their keys.
    #[test]
    fn banners_say_labels_not_field_names() {
        let text = described(&["agenda.3.minutes_each=4"], Lang::Zh);
        assert_eq!(text, "议程 3「红牌单位发言」 每人分钟 3 → 4");
        let text = described(&["meeting.venue=区政府一楼会议室"], Lang::Zh);
        assert_eq!(text, "会议 地点 区行政中心三楼大会议室 → 区政府一楼会议室");
        let text = described(&["agenda.3.warn_minutes=2"], Lang::En);
        assert_eq!(text, "agenda 3 \"红牌单位发言\" warning at 1 → 2");
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
