//! The standings export's column headings, shared with the import so that a
//! sheet guotang wrote reads back in: `协议引资额目标（亿元）` is a target,
//! `协议引资额（亿元）` an actual, `协议引资额完成率` a computed column.

use crate::i18n::Lang;
use crate::model::Metric;
use crate::sanitize::one_line;

/// The unit's id column; the same word in both languages.
pub const ID: &str = "id";

/// The unit-level headings, in order after `id`: name, group, rank,
/// composite, gap to the first, card, card source, reason.
pub fn unit_headers(lang: Lang) -> [&'static str; 8] {
    match lang {
        Lang::Zh => [
            "单位",
            "分组",
            "排名",
            "综合完成",
            "与第一差距",
            "牌",
            "牌来源",
            "依据",
        ],
        Lang::En => [
            "unit",
            "group",
            "rank",
            "composite",
            "behind first",
            "card",
            "card source",
            "reason",
        ],
    }
}

/// The standings export's columns of format v2, after the reason: the
/// tier's colour (its id is the card's label's twin), then, given a
/// history, the rank change, the times running and the escalation.
pub fn tier_headers(lang: Lang) -> [&'static str; 5] {
    match lang {
        Lang::Zh => ["牌id", "牌色", "进位/退位", "连续次数", "升级处理"],
        Lang::En => [
            "card id",
            "card colour",
            "rank change",
            "times running",
            "escalation",
        ],
    }
}

/// Index of the unit's name in [`unit_headers`].
pub const NAME: usize = 0;

/// The word that marks a target column.
pub fn target_word(lang: Lang) -> &'static str {
    lang.pick("目标", " target")
}

/// The word that marks a completion column.
pub fn completion_word(lang: Lang) -> &'static str {
    lang.pick("完成率", " completion")
}

fn with_unit(base: String, m: &Metric) -> String {
    if m.unit.is_empty() {
        base
    } else {
        format!("{base}（{}）", one_line(&m.unit))
    }
}

/// `协议引资额目标（亿元）` / `Agreed investment target (亿元)`.
pub fn target(m: &Metric, lang: Lang) -> String {
    with_unit(format!("{}{}", one_line(&m.name), target_word(lang)), m)
}

/// `协议引资额（亿元）`: a plain metric column holds actuals.
pub fn actual(m: &Metric) -> String {
    with_unit(one_line(&m.name).into_owned(), m)
}

/// `协议引资额完成率`.
pub fn completion(m: &Metric, lang: Lang) -> String {
    format!("{}{}", one_line(&m.name), completion_word(lang))
}
