//! An open cell: the text being typed (tui-input: cursor, CJK widths, word
//! moves), checked as it is typed, and turned into the value written. A
//! choice cell is picked from its words instead of typed.

use serde_json::Value;
use tui_input::{Input, InputRequest};

use super::sheets::{Kind, Sheet, Word};
use crate::i18n::Lang;
use crate::model::edit::{Assignment, EditPath};
use crate::model::typed;
use crate::words::edit_labels as el;

/// The cell being edited.
#[derive(Debug, Clone)]
pub struct Field {
    pub sheet: Sheet,
    pub row: usize,
    pub col: usize,
    pub path: EditPath,
    pub kind: Kind,
    pub input: Input,
    /// The text the cell held when opened (Esc puts nothing back: nothing was written).
    pub original: String,
    /// For a choice: the word picked.
    pub choice: usize,
    /// What the last commit was refused for (the model's word, with its place).
    pub refused: Option<String>,
    /// Assignments that must go with this one (a card needs its reason).
    pub with: Vec<Assignment>,
    /// Why this field was opened by the editor itself (shown as a hint).
    pub prompt: Option<crate::words::labels::L>,
}

impl Field {
    /// Opens a cell showing `text` (a choice's label).
    pub fn open(
        sheet: Sheet,
        row: usize,
        col: usize,
        path: EditPath,
        kind: Kind,
        text: &str,
    ) -> Field {
        let choice = match &kind {
            Kind::Choice(words) => words
                .iter()
                .position(|w| w.label == text || (text.is_empty() && w.value.is_empty()))
                .unwrap_or(0),
            _ => 0,
        };
        Field {
            sheet,
            row,
            col,
            path,
            kind,
            input: Input::new(text.to_owned()),
            original: text.to_owned(),
            choice,
            refused: None,
            with: Vec::new(),
            prompt: None,
        }
    }

    /// Opens a cell to be typed over, starting with `c` (spreadsheet habit).
    pub fn typed_over(mut self, c: char) -> Field {
        self.input = Input::new(c.to_string());
        self
    }

    pub fn is_choice(&self) -> bool {
        matches!(self.kind, Kind::Choice(_))
    }

    /// The choice words, if a choice.
    pub fn words(&self) -> &[Word] {
        match &self.kind {
            Kind::Choice(w) => w,
            _ => &[],
        }
    }

    /// Moves the picked word (wrapping).
    pub fn pick(&mut self, forward: bool) {
        let n = self.words().len().max(1);
        self.choice = if forward {
            (self.choice + 1) % n
        } else {
            (self.choice + n - 1) % n
        };
        self.refused = None;
    }

    /// Picks the next word starting with `c` after the current one.
    pub fn pick_initial(&mut self, c: char) {
        let words = self.words();
        let n = words.len();
        let found = (1..=n).map(|k| (self.choice + k) % n.max(1)).find(|&i| {
            words
                .get(i)
                .is_some_and(|w| w.value.starts_with(c) || w.label.starts_with(c))
        });
        if let Some(i) = found {
            self.choice = i;
            self.refused = None;
        }
    }

    /// Typing in a text field; control characters never get in (a pasted
    /// escape sequence stays out of the snapshot).
    pub fn handle(&mut self, req: InputRequest) {
        if let InputRequest::InsertChar(c) = req
            && (c.is_control() || crate::sanitize::is_unsafe(c))
        {
            return;
        }
        self.input.handle(req);
        self.refused = None;
    }

    /// The text as shown (the picked word's label for a choice).
    pub fn text(&self) -> String {
        match &self.kind {
            Kind::Choice(words) => words
                .get(self.choice)
                .map(|w| w.label.clone())
                .unwrap_or_default(),
            _ => self.input.value().to_owned(),
        }
    }

    /// The value to write, `Ok(None)` to remove the field, or why the text
    /// cannot be written, checked as the secretary types.
    pub fn value(&self, lang: Lang) -> Result<Option<Value>, String> {
        match &self.kind {
            Kind::Choice(words) => {
                let word = words.get(self.choice).map_or("", |w| w.value.as_str());
                parse(&self.kind, word, lang)
            }
            _ => parse(&self.kind, self.input.value(), lang),
        }
    }

    /// What is wrong now: the model's refusal, else the text's own problem.
    pub fn problem(&self, lang: Lang) -> Option<String> {
        self.refused.clone().or_else(|| self.value(lang).err())
    }

    /// Whether the field holds what the cell held (committing writes nothing).
    pub fn unchanged(&self) -> bool {
        self.text() == self.original && self.with.is_empty()
    }

    /// The assignment this field makes, with any that must go with it.
    pub fn assignments(&self, lang: Lang) -> Result<Vec<Assignment>, String> {
        let value = self.value(lang)?;
        let a = Assignment::new(&self.path.to_string(), value).map_err(|e| e.to_string())?;
        let mut all = self.with.clone();
        all.push(a);
        Ok(all)
    }
}

/// Reads cell text as the value of a `kind` cell.
pub fn parse(kind: &Kind, text: &str, lang: Lang) -> Result<Option<Value>, String> {
    let t = text.trim();
    let must = |l: crate::words::labels::L| Err(l.get(lang).to_owned());
    match kind {
        Kind::ReadOnly => must(el::READ_ONLY),
        Kind::Number { optional } => {
            if t.is_empty() {
                return if *optional {
                    Ok(None)
                } else {
                    must(el::NEED_NUMBER)
                };
            }
            match typed::number(t) {
                Some(n) if n.as_f64().is_some_and(|x| x >= 0.0) => Ok(Some(Value::Number(n))),
                _ => must(el::NEED_NUMBER),
            }
        }
        Kind::Minutes => {
            if t.is_empty() {
                return Ok(None);
            }
            match typed::number(t) {
                Some(n) if n.as_f64().is_some_and(|x| x > 0.0 && x <= 1440.0) => {
                    Ok(Some(Value::Number(n)))
                }
                _ => must(el::NEED_MINUTES),
            }
        }
        Kind::Marks => match typed::marks(t) {
            Ok(marks) if marks.is_empty() => Ok(None),
            Ok(marks) => Ok(Some(Value::Array(
                marks.into_iter().map(Value::Number).collect(),
            ))),
            Err(bad) => Err(crate::words::tier_io_labels::need_mark(&bad, lang)),
        },
        Kind::Date { optional } => {
            if t.is_empty() {
                return if *optional {
                    Ok(None)
                } else {
                    must(el::NEED_DATE)
                };
            }
            // 2026/3/5, 2026年3月5日 and full-width digits too; a day that
            // does not exist is told as such, not as a format.
            match typed::date(t) {
                Ok(d) => Ok(Some(Value::String(typed::date_text(d)))),
                Err(e) => Err(super::describe::date_problem(e, lang)),
            }
        }
        Kind::Time => {
            if t.is_empty() {
                return Ok(None);
            }
            match typed::time(t) {
                Some(hm) => Ok(Some(Value::String(hm))),
                None => must(el::NEED_TIME),
            }
        }
        Kind::Text { required } => {
            if t.is_empty() {
                return if *required {
                    must(el::NEED_TEXT)
                } else {
                    Ok(None)
                };
            }
            Ok(Some(Value::String(t.to_owned())))
        }
        Kind::Choice(words) => {
            if t.is_empty() {
                Ok(None)
            } else if words.iter().any(|w| w.value == t) {
                Ok(Some(Value::String(t.to_owned())))
            } else {
                must(el::NEED_CHOICE)
            }
        }
        Kind::Speakers => speakers(t, lang),
    }
}

/// Whether `t` has the shape of a tier id (`[a-z0-9_]+`, snapshot-v2.md).
fn is_tier_id(t: &str) -> bool {
    !t.is_empty()
        && t.bytes()
            .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'_')
}

/// `card:red`, `group:部门`, `units:kfq,ctj` (or the JSON object itself).
fn speakers(t: &str, lang: Lang) -> Result<Option<Value>, String> {
    if t.is_empty() {
        return Ok(None);
    }
    if t.starts_with('{') {
        return match serde_json::from_str::<Value>(t) {
            Ok(v @ Value::Object(_)) => Ok(Some(v)),
            _ => Err(el::NEED_SPEAKERS.get(lang).to_owned()),
        };
    }
    let bad = || Err(el::NEED_SPEAKERS.get(lang).to_owned());
    let Some((what, rest)) = t.split_once([':', '：']) else {
        return bad();
    };
    let rest = rest.trim();
    match what.trim() {
        // Any tier id: the meeting's own tiers are checked when it is written.
        "card" if is_tier_id(rest) => Ok(Some(serde_json::json!({ "card": rest }))),
        "group" if !rest.is_empty() => Ok(Some(serde_json::json!({ "group": rest }))),
        "units" => {
            let ids: Vec<&str> = rest
                .split([',', '，', ' '])
                .map(str::trim)
                .filter(|s| !s.is_empty())
                .collect();
            if ids.is_empty() {
                bad()
            } else {
                Ok(Some(serde_json::json!({ "units": ids })))
            }
        }
        _ => bad(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn p(kind: Kind, t: &str) -> Result<Option<Value>, String> {
        parse(&kind, t, Lang::En)
    }

    #[test]
    fn numbers_are_checked_as_typed_and_kept_as_typed() {
        let k = Kind::Number { optional: true };
        assert_eq!(p(k.clone(), "100"), Ok(Some(json!(100))));
        assert_eq!(p(k.clone(), "101.5"), Ok(Some(json!(101.5))));
        assert_eq!(p(k.clone(), " 7 "), Ok(Some(json!(7))));
        assert_eq!(p(k.clone(), ""), Ok(None));
        for bad in ["-1", "九十", "1e400", "1,5", "NaN", ".5", "1."] {
            assert!(p(k.clone(), bad).is_err(), "{bad} must be refused");
        }
        assert_eq!(p(k.clone(), "１２３.５"), Ok(Some(json!(123.5))));
        assert_eq!(p(k.clone(), "1,234"), Ok(Some(json!(1234))));
        assert!(p(Kind::Number { optional: false }, "").is_err());
    }

    #[test]
    fn dates_times_minutes_and_text() {
        let d = Kind::Date { optional: true };
        for typed in [
            "2026-04-30",
            "2026-4-30",
            "2026/04/30",
            "2026年4月30日",
            "２０２６年４月３０日",
        ] {
            assert_eq!(
                p(d.clone(), typed),
                Ok(Some(json!("2026-04-30"))),
                "{typed}"
            );
        }
        for bad in ["30/04/2026", "2026-04-30x", "明天"] {
            assert_eq!(
                p(d.clone(), bad),
                Err("a date like 2026-04-30".into()),
                "{bad}"
            );
        }
        // A day that does not exist is not a format problem.
        assert_eq!(
            p(d.clone(), "2026-02-30"),
            Err("there is no such date 2026-02-30 (2026-02 has only 28 days)".into())
        );
        assert_eq!(
            parse(&d, "2026-02-30", Lang::Zh),
            Err("没有这一天 2026-02-30（2026年2月只有 28 天）".into())
        );
        assert_eq!(p(Kind::Time, "09:00"), Ok(Some(json!("09:00"))));
        assert_eq!(p(Kind::Time, "9:00"), Ok(Some(json!("09:00"))));
        assert!(p(Kind::Time, "25:00").is_err());
        assert!(p(Kind::Minutes, "0").is_err());
        assert!(p(Kind::Minutes, "1441").is_err());
        assert_eq!(p(Kind::Minutes, "2.5"), Ok(Some(json!(2.5))));
        assert!(p(Kind::Text { required: true }, "  ").is_err());
        assert_eq!(p(Kind::Text { required: false }, ""), Ok(None));
        assert_eq!(
            p(Kind::Text { required: true }, "经济开发区"),
            Ok(Some(json!("经济开发区")))
        );
    }

    #[test]
    fn speakers_read_the_short_forms() {
        assert_eq!(
            p(Kind::Speakers, "card:red"),
            Ok(Some(json!({"card": "red"})))
        );
        assert_eq!(
            p(Kind::Speakers, "group：部门"),
            Ok(Some(json!({"group": "部门"})))
        );
        assert_eq!(
            p(Kind::Speakers, "units: kfq，ctj"),
            Ok(Some(json!({"units": ["kfq", "ctj"]})))
        );
        // A meeting's own tier id (checked against its tiers when written).
        assert_eq!(
            p(Kind::Speakers, "card:yellow_flag"),
            Ok(Some(json!({"card": "yellow_flag"})))
        );
        assert!(p(Kind::Speakers, "card:Blue").is_err());
        assert!(p(Kind::Speakers, "card:").is_err());
        assert!(p(Kind::Speakers, "kfq").is_err());
    }

    #[test]
    fn control_characters_never_get_typed_in() {
        let mut f = Field::open(
            Sheet::Numbers,
            0,
            0,
            EditPath::default(),
            Kind::Text { required: true },
            "",
        );
        for c in ['\u{1b}', '\u{7}', '\u{202e}', '\u{200b}', '甲'] {
            f.handle(InputRequest::InsertChar(c));
        }
        assert_eq!(f.text(), "甲");
    }
}
