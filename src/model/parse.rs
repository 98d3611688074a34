//! Bytes to a JSON document, refusing anything that is not a snapshot-shaped
//! text before the parser can be made to work hard on it.

use serde_json::Value;
use unicode_width::UnicodeWidthStr;

use super::problem::{Problem, Problems};

/// Files larger than this are refused unread: a real meeting is a few MB, and the
/// largest generated test (2,000 units, 100,000 projects) is about 20 MB.
pub const MAX_BYTES: u64 = 256 * 1024 * 1024;

/// Longest line shown under a syntax error; minified files have one huge line.
const MAX_SHOWN_LINE: usize = 120;

/// Parses snapshot text into a JSON value, keeping key order.
pub fn parse_json(bytes: &[u8]) -> Result<Value, Problems> {
    let one = |message: String| Problems(vec![Problem::Input { message }]);
    if bytes.len() as u64 > MAX_BYTES {
        return Err(one(too_large(bytes.len() as u64)));
    }
    let bytes = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
    if bytes.iter().all(|b| b.is_ascii_whitespace()) {
        return Err(one("the file is empty: a snapshot is a JSON object".into()));
    }
    if bytes.starts_with(b"\xFF\xFE") || bytes.starts_with(b"\xFE\xFF") {
        return Err(one(
            "the file is UTF-16 text: save it as UTF-8 (a snapshot is UTF-8 JSON)".into(),
        ));
    }
    if let Some(pos) = bytes.iter().position(|&b| b == 0) {
        let (line, column) = line_col(bytes, pos);
        return Err(one(format!(
            "line {line}, column {column}: a NUL byte: this is a binary file, not a JSON snapshot"
        )));
    }
    match serde_json::from_slice::<Value>(bytes) {
        Ok(value) => Ok(value),
        Err(e) => Err(Problems(vec![syntax_problem(bytes, &e)])),
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
