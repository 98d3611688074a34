//! PATHs that name a place in a snapshot the way a secretary thinks of it:
//! by ids (`units.kfq.actuals.investment`, `projects.P007.stage`) and by
//! 1-based positions (`agenda.3.minutes`), not by JSON array indices that
//! shift when someone adds a unit.

use std::fmt;

use serde::{Deserialize, Serialize};

/// One step of a resolved path.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(untagged)]
pub enum Step {
    /// A member of an object.
    Key(String),
    /// A 0-based position in a list (written 1-based in PATH text).
    Index(usize),
    /// The element of a list whose `id` is this.
    Id {
        /// The element's `id`.
        id: String,
    },
    /// An element of a list without ids (an agenda item with no `id`),
    /// known by its place and its title: it is the element at `at` when the
    /// list still has `of` elements and that one still has this title,
    /// else the only element with this title; else it is gone. Never a
    /// neighbour that happens to be at `at` now.
    Item {
        /// 0-based position when the edit was made.
        at: usize,
        /// Its title then.
        title: String,
        /// The length of the list then.
        of: usize,
    },
}

impl Step {
    /// The step to an agenda item: by its `id` when it has one, else by
    /// its place and title in a list of `of` items.
    pub fn agenda_item(id: Option<&str>, title: &str, at: usize, of: usize) -> Step {
        match id {
            Some(id) => Step::Id { id: id.to_owned() },
            None => Step::Item {
                at,
                title: title.to_owned(),
                of,
            },
        }
    }
}

/// A resolved place in a snapshot: what a [`super::Change`] is made at. Ids
/// stay ids, so a change still finds its unit after someone reorders the
/// units (the journal and rebase rely on that).
#[derive(Debug, Clone, PartialEq, Eq, Hash, Default, Serialize, Deserialize)]
#[serde(transparent)]
pub struct EditPath(pub Vec<Step>);

impl EditPath {
    /// The steps, outermost first.
    pub fn steps(&self) -> &[Step] {
        &self.0
    }

    /// Whether `self` is `other` or lies inside it.
    pub fn starts_with(&self, other: &EditPath) -> bool {
        self.0.starts_with(&other.0)
    }
}

/// A segment of PATH text, before it is resolved against a document.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Token {
    pub text: String,
    /// Written in double quotes: always a key or an id, never a position.
    pub quoted: bool,
}

impl Token {
    /// The 1-based position this token names, if it is a plain number.
    pub fn position(&self) -> Option<usize> {
        if self.quoted || self.text.is_empty() || !self.text.bytes().all(|b| b.is_ascii_digit()) {
            return None;
        }
        self.text.parse().ok()
    }

    /// Whether this is the unquoted `+` that appends to a list.
    pub fn is_append(&self) -> bool {
        !self.quoted && self.text == "+"
    }
}

/// Splits PATH text into tokens: segments separated by `.`, a segment in
/// double quotes (JSON string syntax) may hold dots, `=` or anything else.
pub fn tokenize(text: &str) -> Result<Vec<Token>, String> {
    if text.is_empty() {
        return Err("the path is empty".into());
    }
    let mut tokens = Vec::new();
    let mut rest = text;
    loop {
        let (token, after) = if rest.starts_with('"') {
            let end = closing_quote(rest).ok_or_else(|| format!("unclosed quote in {rest}"))?;
            let text: String = serde_json::from_str(&rest[..=end])
                .map_err(|e| format!("bad quoted segment {}: {e}", &rest[..=end]))?;
            (Token { text, quoted: true }, &rest[end + 1..])
        } else {
            let end = rest.find('.').unwrap_or(rest.len());
            let seg = &rest[..end];
            if seg.is_empty() {
                return Err(format!(
                    "empty segment in \"{text}\" (two dots, or a dot at an end)"
                ));
            }
            (
                Token {
                    text: seg.to_owned(),
                    quoted: false,
                },
                &rest[end..],
            )
        };
        tokens.push(token);
        if after.is_empty() {
            return Ok(tokens);
        }
        match after.strip_prefix('.') {
            Some(r) if !r.is_empty() => rest = r,
            _ => {
                return Err(format!(
                    "expected a dot after a quoted segment in \"{text}\""
                ));
            }
        }
    }
}

/// The byte index of the quote closing the JSON string `s` starts with.
pub(crate) fn closing_quote(s: &str) -> Option<usize> {
    let mut escaped = false;
    for (i, c) in s.char_indices().skip(1) {
        match c {
            _ if escaped => escaped = false,
            '\\' => escaped = true,
            '"' => return Some(i),
            _ => {}
        }
    }
    None
}

/// How a key or id is written in PATH text: bare when it cannot be mistaken
/// for anything else, else quoted.
fn write_segment(f: &mut fmt::Formatter<'_>, s: &str) -> fmt::Result {
    let bare = !s.is_empty()
        && s != "+"
        && !s.bytes().all(|b| b.is_ascii_digit())
        && s.chars()
            .all(|c| !c.is_control() && !c.is_whitespace() && !matches!(c, '.' | '"' | '='));
    if bare {
        f.write_str(s)
    } else {
        write!(f, "{}", serde_json::Value::from(s))
    }
}

/// PATH text, the same form `guotang set` reads: positions 1-based.
impl fmt::Display for EditPath {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if self.0.is_empty() {
            return f.write_str("(the whole snapshot)");
        }
        for (i, step) in self.0.iter().enumerate() {
            if i > 0 {
                f.write_str(".")?;
            }
            match step {
                Step::Key(k) | Step::Id { id: k } => write_segment(f, k)?,
                Step::Index(n) | Step::Item { at: n, .. } => write!(f, "{}", n + 1)?,
            }
        }
        Ok(())
    }
}

/// A segment of the JSON paths validation reports (`units[3].actuals.x`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum JsonSeg {
    Key(String),
    Index(usize),
}

/// Splits a validation problem's JSON path (`units[3]["a.b"].c`) into
/// segments, to find which assignment a problem comes from.
pub fn split_json_path(path: &str) -> Vec<JsonSeg> {
    let mut segs = Vec::new();
    let mut rest = path;
    while !rest.is_empty() {
        if let Some(r) = rest.strip_prefix('[') {
            if r.starts_with('"') {
                let Some(end) = closing_quote(r) else { break };
                if let Ok(k) = serde_json::from_str::<String>(&r[..=end]) {
                    segs.push(JsonSeg::Key(k));
                }
                rest = r[end + 1..].strip_prefix(']').unwrap_or(&r[end + 1..]);
            } else {
                let end = r.find(']').unwrap_or(r.len());
                if let Ok(n) = r[..end].parse() {
                    segs.push(JsonSeg::Index(n));
                }
                rest = r.get(end + 1..).unwrap_or("");
            }
        } else {
            let r = rest.strip_prefix('.').unwrap_or(rest);
            let end = r.find(['.', '[']).unwrap_or(r.len());
            segs.push(JsonSeg::Key(r[..end].to_owned()));
            rest = &r[end..];
        }
    }
    segs
}

/// Renders segments the way validation does, for messages.
pub fn json_path_text(segs: &[JsonSeg]) -> String {
    let mut s = String::new();
    for seg in segs {
        match seg {
            JsonSeg::Key(k)
                if !k.is_empty() && k.chars().all(|c| c.is_alphanumeric() || c == '_') =>
            {
                if !s.is_empty() {
                    s.push('.');
                }
                s.push_str(k);
            }
            JsonSeg::Key(k) => s.push_str(&format!("[{}]", serde_json::Value::from(k.as_str()))),
            JsonSeg::Index(i) => s.push_str(&format!("[{i}]")),
        }
    }
    s
}

#[cfg(test)]
mod tests {
    use super::*;

    fn texts(t: &[Token]) -> Vec<&str> {
        t.iter().map(|t| t.text.as_str()).collect()
    }

    #[test]
    fn splits_on_dots_and_keeps_quoted_segments_whole() {
        let t = tokenize("units.kfq.actuals.investment").unwrap();
        assert_eq!(texts(&t), ["units", "kfq", "actuals", "investment"]);
        let t = tokenize(r#"units."k.q=1".name"#).unwrap();
        assert_eq!(texts(&t), ["units", "k.q=1", "name"]);
        assert!(t[1].quoted);
        assert_eq!(tokenize("agenda.3").unwrap()[1].position(), Some(3));
        assert_eq!(tokenize(r#"agenda."3""#).unwrap()[1].position(), None);
    }

    #[test]
    fn refuses_malformed_paths() {
        for bad in ["", "a..b", "a.", ".a", r#"a."b"#, r#"a."b"c"#] {
            assert!(tokenize(bad).is_err(), "{bad}");
        }
    }

    #[test]
    fn displays_as_path_text_that_reads_back() {
        let p = EditPath(vec![
            Step::Key("units".into()),
            Step::Id { id: "k.q".into() },
            Step::Key("actuals".into()),
            Step::Index(2),
            Step::Key("12".into()),
        ]);
        assert_eq!(p.to_string(), r#"units."k.q".actuals.3."12""#);
        let back = tokenize(&p.to_string()).unwrap();
        assert_eq!(texts(&back), ["units", "k.q", "actuals", "3", "12"]);
    }

    #[test]
    fn serialises_steps_compactly() {
        let p = EditPath(vec![
            Step::Key("units".into()),
            Step::Id { id: "kfq".into() },
            Step::Index(0),
        ]);
        let s = serde_json::to_string(&p).unwrap();
        assert_eq!(s, r#"["units",{"id":"kfq"},0]"#);
        assert_eq!(serde_json::from_str::<EditPath>(&s).unwrap(), p);
    }

    #[test]
    fn an_item_known_by_place_and_title_serialises_apart_from_an_id() {
        let p = EditPath(vec![
            Step::Key("agenda".into()),
            Step::Item {
                at: 4,
                title: "区领导点评".into(),
                of: 8,
            },
            Step::Key("minutes".into()),
        ]);
        let s = serde_json::to_string(&p).unwrap();
        assert_eq!(
            s,
            r#"["agenda",{"at":4,"title":"区领导点评","of":8},"minutes"]"#
        );
        assert_eq!(serde_json::from_str::<EditPath>(&s).unwrap(), p);
        assert_eq!(p.to_string(), "agenda.5.minutes");
        // A journal of an earlier version: a bare position still reads.
        let old: EditPath = serde_json::from_str(r#"["agenda",4,"minutes"]"#).unwrap();
        assert_eq!(old.0[1], Step::Index(4));
    }

    #[test]
    fn splits_validation_paths() {
        let segs = split_json_path(r#"units[3]["a.b"].actuals.x"#);
        assert_eq!(
            segs,
            [
                JsonSeg::Key("units".into()),
                JsonSeg::Index(3),
                JsonSeg::Key("a.b".into()),
                JsonSeg::Key("actuals".into()),
                JsonSeg::Key("x".into()),
            ]
        );
        assert_eq!(json_path_text(&segs), r#"units[3]["a.b"].actuals.x"#);
    }
}
