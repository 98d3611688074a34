//! The first reading of a snapshot's text when it is laid out the usual
//! way: the top-level members read one by one by serde_json, the elements
//! of the `projects` list only delimited here, by a scan of their brackets
//! and strings, once. (serde_json's own reading of the list, to find each
//! element's span, went through every byte of the projects and checked
//! their UTF-8, only for validation to read them all again: a third of the
//! time to open a large meeting.)
//!
//! Why delimiting is enough: the text between the elements is checked
//! here byte for byte against the grammar (whitespace, commas, the closing
//! bracket); every element is then read in full by serde_json when it is
//! validated ([`super::project_text::read`], or [`super::parse::element`]),
//! which checks its syntax, its strings' UTF-8 and its depth, and reports
//! an element it cannot read, upon which the whole file is read again by
//! [`super::parse::parse_json`] for the exact error. On valid JSON the
//! delimiting cannot be wrong: if each piece is a JSON value and the
//! pieces are separated as the grammar says, the list is valid JSON, and
//! its elements are those pieces.
//!
//! Anything unusual — a top level that is not an object, a repeated key, a
//! `projects` member that is not a list, an element that is not an object,
//! a head value nested deeper than a file may be — gives `None`, and the
//! caller reads the text the general way, which gives the same record or
//! the exact error.

use serde::Deserialize;
use serde_json::{Map, Value};

use super::parse::ElementValue;

mod pieces;

/// Where an element starts and ends in the text.
pub(super) type Span = (usize, usize);

/// The top-level object with the elements of its `projects` list as spans
/// of `bytes` (`None` for the spans when there is no such member); `None`
/// when the text is not laid out the usual way.
pub(super) fn scan_top(bytes: &[u8]) -> Option<(Value, Option<Vec<Span>>)> {
    let mut at = skip_ws(bytes, 0);
    expect(bytes, &mut at, b'{')?;
    let mut out = Map::new();
    let mut spans = None;
    at = skip_ws(bytes, at);
    if bytes.get(at) == Some(&b'}') {
        at += 1;
    } else {
        loop {
            if bytes.get(at) != Some(&b'"') {
                return None;
            }
            let key: String = read_one(bytes, &mut at)?;
            at = skip_ws(bytes, at);
            expect(bytes, &mut at, b':')?;
            at = skip_ws(bytes, at);
            let value = if key == "projects" {
                spans = Some(elements(bytes, &mut at)?);
                Value::Array(Vec::new())
            } else {
                read_one::<HeadValue>(bytes, &mut at)?.0
            };
            if out.insert(key, value).is_some() {
                return None;
            }
            at = skip_ws(bytes, at);
            match bytes.get(at)? {
                b',' => at = skip_ws(bytes, at + 1),
                b'}' => {
                    at += 1;
                    break;
                }
                _ => return None,
            }
        }
    }
    (skip_ws(bytes, at) == bytes.len()).then_some((Value::Object(out), spans))
}

/// A value of the top-level object, read as [`super::parse::parse_json`]
/// reads it, with a stricter depth (a deeper one is left to that reading).
struct HeadValue(Value);

impl<'de> Deserialize<'de> for HeadValue {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        use serde::de::DeserializeSeed;
        ElementValue { depth_left: 125 }
            .deserialize(d)
            .map(HeadValue)
    }
}

/// Reads one JSON value at `*at` with serde_json and moves past it.
fn read_one<'de, T: Deserialize<'de>>(bytes: &'de [u8], at: &mut usize) -> Option<T> {
    let mut stream = serde_json::Deserializer::from_slice(bytes.get(*at..)?).into_iter::<T>();
    let value = stream.next()?.ok()?;
    *at += stream.byte_offset();
    Some(value)
}

fn expect(bytes: &[u8], at: &mut usize, byte: u8) -> Option<()> {
    (bytes.get(*at) == Some(&byte)).then(|| *at += 1)
}

/// The first byte at or after `at` that is not JSON whitespace.
fn skip_ws(bytes: &[u8], mut at: usize) -> usize {
    while let Some(b' ' | b'\n' | b'\r' | b'\t') = bytes.get(at) {
        at += 1;
    }
    at
}

/// The spans of the elements of the list at `*at`, each an object, and
/// moves past the list. A long list is delimited in pieces
/// ([`pieces::delimit`]), with the same result.
fn elements(bytes: &[u8], at: &mut usize) -> Option<Vec<Span>> {
    expect(bytes, at, b'[')?;
    let i = skip_ws(bytes, *at);
    if bytes.get(i) == Some(&b']') {
        *at = i + 1;
        return Some(Vec::new());
    }
    let (spans, end) = pieces::delimit(bytes, i)?;
    *at = end;
    Some(spans)
}

/// Just past the bracket that closes the one at `start`, counting
/// brackets outside strings; `None` when the text ends first.
fn object_end(bytes: &[u8], start: usize) -> Option<usize> {
    let mut depth = 0usize;
    let mut i = start;
    loop {
        i = next_structural(bytes, i);
        match *bytes.get(i)? {
            b'{' | b'[' => depth += 1,
            b'}' | b']' => {
                depth -= 1;
                if depth == 0 {
                    return Some(i + 1);
                }
            }
            b'"' => i = string_end(bytes, i + 1)?,
            _ => {}
        }
        i += 1;
    }
}

/// The first quote or bracket at or after `i` (or where the last eight
/// bytes start, to be looked at one by one), eight bytes at a time: between
/// the strings of a pretty file are mostly indentation.
fn next_structural(bytes: &[u8], mut i: usize) -> usize {
    // `[` and `]` are `{` and `}` with bit 5 clear; no other byte is.
    const CASE: u64 = u64::from_ne_bytes([0x20; 8]);
    while let Some(chunk) = bytes.get(i..i + 8) {
        let Ok(chunk) = chunk.try_into() else {
            break;
        };
        let word = u64::from_le_bytes(chunk);
        let found =
            has_byte(word, b'"') | has_byte(word | CASE, b'{') | has_byte(word | CASE, b'}');
        if found != 0 {
            return i + (found.trailing_zeros() / 8) as usize;
        }
        i += 8;
    }
    i
}

/// The index of the quote that closes a string whose text starts at `i`.
fn string_end(bytes: &[u8], mut i: usize) -> Option<usize> {
    loop {
        // Eight bytes at a time up to the first quote or backslash (names
        // are mostly CJK: three bytes a character, none of them ASCII).
        while let Some(chunk) = bytes.get(i..i + 8) {
            let word = u64::from_le_bytes(chunk.try_into().ok()?);
            let found = has_byte(word, b'"') | has_byte(word, b'\\');
            if found != 0 {
                i += (found.trailing_zeros() / 8) as usize;
                break;
            }
            i += 8;
        }
        match *bytes.get(i)? {
            b'"' => return Some(i),
            // An escape: the next byte is never the end (`\"`, `\\`).
            b'\\' => i += 2,
            _ => i += 1,
        }
    }
}

/// A word with the high bit set in the lowest byte of `word` equal to
/// `byte` (higher bytes may be marked wrongly after a match: only the
/// lowest mark is used).
fn has_byte(word: u64, byte: u8) -> u64 {
    const ONES: u64 = u64::from_ne_bytes([1; 8]);
    const HIGHS: u64 = ONES << 7;
    let x = word ^ (ONES * u64::from(byte));
    x.wrapping_sub(ONES) & !x & HIGHS
}

#[cfg(test)]
mod tests {
    use super::*;

    fn spans_of(text: &str) -> Option<Vec<&str>> {
        let (_, spans) = scan_top(text.as_bytes())?;
        Some(spans?.into_iter().map(|(s, e)| &text[s..e]).collect())
    }

    #[test]
    fn elements_are_delimited_by_brackets_outside_strings() {
        let text = r#" {"a": [1, {"b": "}"}], "projects" : [ {"x": "a\"}]"} ,{"y":[{}]},{} ] , "c": null } "#;
        assert_eq!(
            spans_of(text),
            Some(vec![r#"{"x": "a\"}]"}"#, r#"{"y":[{}]}"#, "{}"])
        );
        let (head, _) = scan_top(text.as_bytes()).unwrap_or_else(|| panic!("not scanned"));
        assert_eq!(
            head,
            serde_json::json!({"a": [1, {"b": "}"}], "projects": [], "c": null})
        );
        assert_eq!(spans_of(r#"{"projects":[]}"#), Some(vec![]));
        // Long strings, escapes at every offset of an eight-byte word.
        for pad in 0..20 {
            let name = format!("{}\\\"}}{}\\\\", "项".repeat(pad), "x".repeat(pad));
            let element = format!(r#"{{"name": "{name}", "b": ["]"]}}"#);
            let text = format!(r#"{{"projects": [{element}, {element}]}}"#);
            assert_eq!(spans_of(&text), Some(vec![element.as_str(); 2]), "{text}");
            assert!(serde_json::from_str::<Value>(&element).is_ok(), "{element}");
        }
    }

    #[test]
    fn brackets_are_found_at_every_offset_of_a_word() {
        for pad in 0..20 {
            let sp = " ".repeat(pad);
            let element = format!(
                r#"{{{sp}"a":{sp}[{sp}[]{sp},{sp}{{"b":{sp}"[{{"}}{sp}]{sp},"c":{sp}1{sp}}}"#
            );
            assert!(serde_json::from_str::<Value>(&element).is_ok(), "{element}");
            let text = format!(r#"{{"projects": [{element},{sp}{element}{sp}]{sp}}}"#);
            assert_eq!(spans_of(&text), Some(vec![element.as_str(); 2]), "{text}");
        }
    }

    #[test]
    fn anything_unusual_is_left_to_the_general_reading() {
        for text in [
            "[]",
            r#"{"projects": [1]}"#,
            r#"{"projects": {}}"#,
            r#"{"projects": [{}], "projects": []}"#,
            r#"{"a": 1, "a": 2}"#,
            r#"{"projects": [{},]}"#,
            r#"{"projects": [{} {}]}"#,
            r#"{"projects": [{"a": "}"#,
            r#"{"a": 1,}"#,
            r#"{"a": 1} x"#,
            r#"{"a" 1}"#,
            r#"{a: 1}"#,
            r#"{"a": 1x}"#,
            "{\"a\": 1}\u{c}",
        ] {
            assert!(scan_top(text.as_bytes()).is_none(), "{text}");
        }
        let deep = format!("{{\"a\": {}{}}}", "[".repeat(126), "]".repeat(126));
        assert!(scan_top(deep.as_bytes()).is_none());
        assert!(scan_top(r#"{"a": {"b": 1}}"#.as_bytes()).is_some());
    }
}
