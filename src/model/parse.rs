//! Bytes to a JSON document, refusing anything that is not a snapshot-shaped
//! text before the parser can be made to work hard on it.

use std::fmt;

use serde::de::{self, DeserializeSeed, Deserializer, MapAccess, SeqAccess, Visitor};
use std::sync::Arc;

use serde_json::value::RawValue;
use serde_json::{Map, Number, Value};
use unicode_width::UnicodeWidthStr;

use super::FileText;
use super::fields::describe;
use super::problem::{Problem, Problems};
use super::record::{Item, Record};
use super::scan::{self, Span};

/// Files larger than this are refused unread: a real meeting is a few MB, and the
/// largest generated test (2,000 units, 100,000 projects) is about 20 MB.
pub const MAX_BYTES: u64 = 256 * 1024 * 1024;

/// Longest line shown under a syntax error; minified files have one huge line.
const MAX_SHOWN_LINE: usize = 120;

/// Parses snapshot text into a JSON value, keeping key order.
pub fn parse_json(bytes: &[u8]) -> Result<Value, Problems> {
    let bytes = precheck(bytes)?;
    let built = match build(bytes, false) {
        // Read again, slower, to find where the first repeated key is.
        Err(Built::Duplicate) => build(bytes, true),
        other => other,
    };
    match built {
        Ok(value) => Ok(value),
        Err(Built::Syntax(e)) => Err(Problems(vec![syntax_problem(bytes, &e)])),
        Err(Built::Duplicate) => Err(one("a key appears twice in an object".into())),
    }
}

fn one(message: String) -> Problems {
    Problems(vec![Problem::Input { message }])
}

/// Refuses what is not snapshot-shaped text before any parser sees it;
/// returns the text without its byte order mark.
fn precheck(bytes: &[u8]) -> Result<&[u8], Problems> {
    if bytes.len() as u64 > MAX_BYTES {
        return Err(one(too_large(bytes.len() as u64)));
    }
    let bytes = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
    if bytes.iter().all(|b| b.is_ascii_whitespace()) {
        return Err(one("the file is empty: a snapshot is a JSON object".into()));
    }
    if let Some(encoding) = wide_encoding(bytes) {
        return Err(one(format!(
            "the file is {encoding} text: save it as UTF-8 (a snapshot is UTF-8 JSON)"
        )));
    }
    // The memchr crate's SIMD search: std's word-at-a-time one took 29
    // million instructions on a 27 MB file, about a byte each.
    if let Some(pos) = memchr::memchr(0, bytes) {
        let (line, column) = line_col(bytes, pos);
        return Err(one(format!(
            "line {line}, column {column}: a NUL byte: this is a binary file, not a JSON snapshot"
        )));
    }
    Ok(bytes)
}

/// A snapshot's text read into a [`Record`]: everything but the projects
/// as a JSON value, each project as the span of text it was read from
/// (parsed, checked and dropped again as validation reaches it, see
/// [`element`]). Any text the fast reading refuses is read again by
/// [`parse_json`], so every error is the one it gives.
pub fn parse_record(text: FileText) -> Result<Record, Problems> {
    let bytes = precheck(&text)?;
    let base = text.len() - bytes.len();
    // The usual layout is delimited in one scan; anything else, read by
    // serde_json throughout.
    match scan::scan_top(bytes).or_else(|| build_top(bytes)) {
        Some((head, Some(spans))) => {
            // A reload reads none of the head when its text is the same
            // (a file with a byte order mark is always read whole).
            let head_hash = match base {
                0 => super::record::head_text_hash(bytes, &spans),
                _ => None,
            };
            let mut items: Vec<Item> = spans
                .into_iter()
                .map(|(s, e)| Item::span(base + s, base + e))
                .collect();
            // Held for the whole meeting: not the list's spare growth room.
            items.shrink_to_fit();
            Ok(Record::lazy_shared(Arc::new(head), head_hash, text, items))
        }
        Some((head, None)) => Ok(Record::from_value(head)),
        None => parse_json(&text).map(Record::from_value),
    }
}

/// Parses the text of one element of the projects list, as [`parse_json`]
/// would read it two levels deep in a snapshot; `None` when that would be
/// an error (then the whole text is read again for the exact one).
pub fn element(bytes: &[u8]) -> Option<Value> {
    let mut de = serde_json::Deserializer::from_slice(bytes);
    let mut stacks = Stacks {
        // serde_json refuses the 128th level (tests/it/hostile/paths.rs); the
        // snapshot and its projects list are two of them.
        depth_left: Some(125),
        ..Stacks::default()
    };
    let value = Node(&mut stacks).deserialize(&mut de).ok()?;
    de.end().ok()?;
    Some(value)
}

/// One JSON value read as [`parse_json`] reads it, allowing `depth_left`
/// more levels of `[` and `{` (a value inside a project: see [`element`]).
pub(crate) struct ElementValue {
    pub depth_left: usize,
}

impl<'de> DeserializeSeed<'de> for ElementValue {
    type Value = Value;
    fn deserialize<D: Deserializer<'de>>(self, d: D) -> Result<Value, D::Error> {
        let mut stacks = Stacks {
            depth_left: Some(self.depth_left),
            ..Stacks::default()
        };
        Node(&mut stacks).deserialize(d)
    }
}

/// The top-level object with the elements of its `projects` list as byte
/// ranges of `bytes`; `None` when the text does not read.
fn build_top(bytes: &[u8]) -> Option<(Value, Option<Vec<Span>>)> {
    let mut de = serde_json::Deserializer::from_slice(bytes);
    let mut stacks = Stacks::default();
    let mut spans = None;
    let top = Top {
        stacks: &mut stacks,
        spans: &mut spans,
        base: bytes.as_ptr() as usize,
    };
    let value = top.deserialize(&mut de).ok()?;
    de.end().ok()?;
    Some((value, spans))
}

/// The top level of a snapshot: an object whose `projects` list is kept as
/// spans of text; anything else is read as [`Node`] reads it.
struct Top<'s> {
    stacks: &'s mut Stacks,
    spans: &'s mut Option<Vec<(usize, usize)>>,
    base: usize,
}

impl<'de> DeserializeSeed<'de> for Top<'_> {
    type Value = Value;
    fn deserialize<D: Deserializer<'de>>(self, d: D) -> Result<Value, D::Error> {
        d.deserialize_any(self)
    }
}

macro_rules! forward_to_node {
    ($($name:ident($($arg:ident: $ty:ty),*)),* $(,)?) => {$(
        fn $name<E: de::Error>(self, $($arg: $ty),*) -> Result<Value, E> {
            Node(self.stacks).$name($($arg),*)
        }
    )*};
}

impl<'de> Visitor<'de> for Top<'_> {
    type Value = Value;

    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str("any valid JSON value")
    }
    forward_to_node!(
        visit_bool(b: bool),
        visit_i64(n: i64),
        visit_u64(n: u64),
        visit_f64(x: f64),
        visit_str(s: &str),
        visit_string(s: String),
        visit_unit(),
    );
    fn visit_seq<A: SeqAccess<'de>>(self, seq: A) -> Result<Value, A::Error> {
        Node(self.stacks).visit_seq(seq)
    }
    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Value, A::Error> {
        let mut out = Map::new();
        while let Some(key) = map.next_key::<String>()? {
            let value = if key == "projects" && out.get("projects").is_none() {
                let spans = map.next_value_seed(Spans {
                    stacks: &mut *self.stacks,
                    base: self.base,
                })?;
                match spans {
                    Ok(spans) => {
                        *self.spans = Some(spans);
                        Value::Array(Vec::new())
                    }
                    Err(v) => v,
                }
            } else {
                map.next_value_seed(Node(&mut *self.stacks))?
            };
            if out.insert(key, value).is_some() {
                // Where and which key: the slow reading tells.
                return Err(de::Error::custom("a key appears twice"));
            }
        }
        Ok(Value::Object(out))
    }
}

/// The `projects` member: a list as the byte ranges of its elements, or any
/// other value as a value (validation then reports it).
struct Spans<'s> {
    stacks: &'s mut Stacks,
    base: usize,
}

impl<'de> DeserializeSeed<'de> for Spans<'_> {
    type Value = Result<Vec<(usize, usize)>, Value>;
    fn deserialize<D: Deserializer<'de>>(self, d: D) -> Result<Self::Value, D::Error> {
        d.deserialize_any(self)
    }
}

macro_rules! forward_value {
    ($($name:ident($($arg:ident: $ty:ty),*)),* $(,)?) => {$(
        fn $name<E: de::Error>(self, $($arg: $ty),*) -> Result<Self::Value, E> {
            Node(self.stacks).$name($($arg),*).map(Err)
        }
    )*};
}

impl<'de> Visitor<'de> for Spans<'_> {
    type Value = Result<Vec<(usize, usize)>, Value>;

    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str("any valid JSON value")
    }
    forward_value!(
        visit_bool(b: bool),
        visit_i64(n: i64),
        visit_u64(n: u64),
        visit_f64(x: f64),
        visit_str(s: &str),
        visit_string(s: String),
        visit_unit(),
    );
    fn visit_map<A: MapAccess<'de>>(self, map: A) -> Result<Self::Value, A::Error> {
        Node(self.stacks).visit_map(map).map(Err)
    }
    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Self::Value, A::Error> {
        let mut spans = Vec::with_capacity(seq.size_hint().unwrap_or(0));
        while let Some(raw) = seq.next_element::<&'de RawValue>()? {
            let start = raw.get().as_ptr() as usize - self.base;
            spans.push((start, start + raw.get().len()));
        }
        Ok(Ok(spans))
    }
}

/// UTF-16 or UTF-32, told by a byte order mark or, as RFC 4627 does, by the
/// zero bytes around the first (ASCII) character of a JSON text.
fn wide_encoding(b: &[u8]) -> Option<&'static str> {
    match b {
        [0xFF, 0xFE, 0, 0, ..] | [0, 0, 0xFE, 0xFF, ..] => Some("UTF-32"),
        [0xFF, 0xFE, ..] | [0xFE, 0xFF, ..] => Some("UTF-16"),
        [0, 0, 0, x, ..] | [x, 0, 0, 0, ..] if *x != 0 => Some("UTF-32"),
        [0, x, 0, y, ..] | [x, 0, y, 0, ..] if *x != 0 && *y != 0 && x.is_ascii() => Some("UTF-16"),
        _ => None,
    }
}

/// Why [`build`] gave up.
enum Built {
    Syntax(serde_json::Error),
    /// A repeated key, seen in the fast pass, which does not know where it is.
    Duplicate,
}

/// What `serde_json::from_slice::<Value>` does, built faster, and refusing a
/// key repeated in an object (serde_json silently keeps the last value; here
/// the first would be lost without a word).
///
/// The same deserializer reads the text, so every syntax error, limit and
/// number is serde_json's. The fast pass collects each array and object on
/// one shared stack and then allocates it once at its final size, instead of
/// growing (and rehashing) it as it is read: on 100,000 projects that is a
/// quarter of the parse time, and no capacity is left unused. It notices a
/// repeated key only when the object is complete; the `checked` pass builds
/// each object as it reads it, to stop at the repeated key with its place.
fn build(bytes: &[u8], checked: bool) -> Result<Value, Built> {
    let mut de = serde_json::Deserializer::from_slice(bytes);
    let mut stacks = Stacks {
        checked,
        ..Stacks::default()
    };
    let value = Node(&mut stacks).deserialize(&mut de);
    let value = value.and_then(|v| de.end().map(|()| v));
    match value {
        Ok(v) => Ok(v),
        Err(_) if stacks.duplicate && !checked => Err(Built::Duplicate),
        Err(e) => Err(Built::Syntax(e)),
    }
}

/// Items and members of the arrays and objects being read, innermost last.
#[derive(Default)]
struct Stacks {
    items: Vec<Value>,
    members: Vec<(String, Value)>,
    checked: bool,
    duplicate: bool,
    /// Levels of `[` and `{` still allowed, when counted here (see [`element`]).
    depth_left: Option<usize>,
}

impl Stacks {
    /// Enters an array or object: an error past the allowed depth.
    fn enter<E: de::Error>(&mut self) -> Result<(), E> {
        match &mut self.depth_left {
            Some(0) => Err(E::custom("nested too deeply")),
            Some(n) => {
                *n -= 1;
                Ok(())
            }
            None => Ok(()),
        }
    }
    fn leave(&mut self) {
        if let Some(n) = &mut self.depth_left {
            *n += 1;
        }
    }
}

/// Reads one JSON value, using the shared stacks for its children.
struct Node<'s>(&'s mut Stacks);

impl<'de> DeserializeSeed<'de> for Node<'_> {
    type Value = Value;
    fn deserialize<D: Deserializer<'de>>(self, d: D) -> Result<Value, D::Error> {
        d.deserialize_any(self)
    }
}

impl<'de> Visitor<'de> for Node<'_> {
    type Value = Value;

    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str("any valid JSON value")
    }
    fn visit_bool<E>(self, b: bool) -> Result<Value, E> {
        Ok(Value::Bool(b))
    }
    fn visit_i64<E>(self, n: i64) -> Result<Value, E> {
        Ok(Value::from(n))
    }
    fn visit_u64<E>(self, n: u64) -> Result<Value, E> {
        Ok(Value::from(n))
    }
    fn visit_f64<E>(self, x: f64) -> Result<Value, E> {
        Ok(Number::from_f64(x).map_or(Value::Null, Value::Number))
    }
    fn visit_str<E>(self, s: &str) -> Result<Value, E> {
        Ok(Value::String(s.to_owned()))
    }
    fn visit_string<E>(self, s: String) -> Result<Value, E> {
        Ok(Value::String(s))
    }
    fn visit_unit<E>(self) -> Result<Value, E> {
        Ok(Value::Null)
    }
    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Value, A::Error> {
        let stacks = self.0;
        stacks.enter()?;
        let start = stacks.items.len();
        while let Some(item) = seq.next_element_seed(Node(&mut *stacks))? {
            stacks.items.push(item);
        }
        stacks.leave();
        Ok(Value::Array(stacks.items.drain(start..).collect()))
    }
    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Value, A::Error> {
        let stacks = self.0;
        stacks.enter()?;
        if stacks.checked {
            let mut out = Map::new();
            while let Some(key) = map.next_key::<String>()? {
                if out.contains_key(&key) {
                    // serde_json gives this error the place just after the key.
                    return Err(de::Error::custom(format_args!(
                        "the key {} appears twice in this object (each key may appear once)",
                        describe(&Value::String(key))
                    )));
                }
                let value = map.next_value_seed(Node(&mut *stacks))?;
                out.insert(key, value);
            }
            stacks.leave();
            return Ok(Value::Object(out));
        }
        let start = stacks.members.len();
        while let Some(key) = map.next_key::<String>()? {
            let value = map.next_value_seed(Node(&mut *stacks))?;
            stacks.members.push((key, value));
        }
        let mut out = Map::with_capacity(stacks.members.len() - start);
        for (key, value) in stacks.members.drain(start..) {
            if out.insert(key, value).is_some() {
                stacks.duplicate = true;
                return Err(de::Error::custom("a key appears twice"));
            }
        }
        stacks.leave();
        Ok(Value::Object(out))
    }
}
/// The message for a file over [`MAX_BYTES`].
pub fn too_large(len: u64) -> String {
    format!(
        "the file is {} MB, over the {} MB limit for a snapshot",
        len / (1024 * 1024),
        MAX_BYTES / (1024 * 1024)
    )
}

fn syntax_problem(bytes: &[u8], e: &serde_json::Error) -> Problem {
    let (line, column) = (e.line().max(1), e.column());
    let mut message = e.to_string();
    // serde_json appends " at line L column C"; the place is given separately.
    if let Some(cut) = message.rfind(" at line ") {
        message.truncate(cut);
    }
    if message == "recursion limit exceeded" {
        message = "nested too deeply (more than 128 levels of [ and {)".into();
    } else if message == "EOF while parsing a value" || message.starts_with("EOF while parsing") {
        message = format!("{message}: the file ends too early (is it cut off?)");
    }
    let raw_line = bytes.split(|&b| b == b'\n').nth(line - 1).unwrap_or(&[]);
    let text = String::from_utf8_lossy(raw_line);
    let text = text.trim_end_matches('\r');
    // serde_json counts columns in bytes; the caret is placed in display columns.
    let byte_col = column.saturating_sub(1).min(text.len());
    let mut cut = byte_col;
    while !text.is_char_boundary(cut) {
        cut -= 1;
    }
    let (shown, caret) = window(text, cut);
    Problem::Syntax {
        line,
        column,
        message,
        source_line: shown,
        caret,
    }
}

/// A readable window of a possibly very long line around byte `at`, with
/// control characters made visible, and the caret's display column in it.
fn window(text: &str, at: usize) -> (String, usize) {
    let before: Vec<char> = text[..at].chars().collect();
    let after: Vec<char> = text[at..].chars().collect();
    let keep_before = before.len().min(MAX_SHOWN_LINE / 2);
    let keep_after = after.len().min(MAX_SHOWN_LINE - keep_before);
    let mut head: String = before[before.len() - keep_before..].iter().collect();
    if keep_before < before.len() {
        head.insert(0, '…');
    }
    let head = crate::sanitize::one_line(&head);
    let mut tail: String = after[..keep_after].iter().collect();
    if keep_after < after.len() {
        tail.push('…');
    }
    let tail = crate::sanitize::one_line(&tail);
    let caret = head.width();
    (format!("{head}{tail}"), caret)
}

fn line_col(bytes: &[u8], pos: usize) -> (usize, usize) {
    let before = &bytes[..pos];
    let line = before.iter().filter(|&&b| b == b'\n').count() + 1;
    let start = before
        .iter()
        .rposition(|&b| b == b'\n')
        .map_or(0, |i| i + 1);
    (line, pos - start + 1)
}
