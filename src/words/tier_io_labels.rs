//! The words of what goes into and out of a meeting of format v2 (the
//! editor's marks and history, the bulletin's and exports' tiers, trends
//! and escalations), in both languages; kept apart from the older tables
//! so that work on the screens and on input and output merges cleanly.

use super::labels::L;

// The editor.
pub const MARKS: L = L::new("评委打分", "marks");
/// `{n}`: the mark's place, `{text}`: what was typed.
pub const NEED_MARK: L = L::new(
    "第 {n} 个分数「{text}」需为不小于 0 的数，分数间用空格隔开，如 88 92 90.5",
    "mark {n} ({text}) must be a number ≥ 0; marks are separated by spaces, e.g. 88 92 90.5",
);

/// The message for a mark that is not a number ≥ 0.
pub fn need_mark(bad: &crate::model::typed::BadMark, lang: crate::i18n::Lang) -> String {
    NEED_MARK
        .get(lang)
        .replace("{n}", &bad.position.to_string())
        .replace("{text}", &bad.text)
}
