//! The one boundary every snapshot string crosses before it reaches a terminal.
//!
//! Snapshots come from shared folders and other people's laptops: a unit name
//! may carry ESC sequences (clipboard writes, title changes, screen clears),
//! bidi overrides or zero-width tricks. Strings are stored as they are and made
//! safe here, at the moment they are drawn or printed.

use std::borrow::Cow;

/// True for characters that must never reach the terminal as they are:
/// control characters (C0 and C1), bidi controls, zero-width and line
/// separator characters. Writers of other formats (HTML, JSON) escape these.
pub fn is_unsafe(c: char) -> bool {
    c.is_control()
        || matches!(c,
            // bidi embeddings, overrides and isolates, marks
            '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}' | '\u{200E}' | '\u{200F}' | '\u{061C}'
            // zero-width characters and the BOM
            | '\u{200B}'..='\u{200D}' | '\u{2060}'..='\u{2064}' | '\u{FEFF}'
            // line and paragraph separators
            | '\u{2028}' | '\u{2029}'
            // interlinear annotation and object replacement
            | '\u{FFF9}'..='\u{FFFC}')
}

/// A string made safe to show on one terminal line: whitespace controls become
/// spaces, other control and invisible formatting characters are dropped.
pub fn one_line(s: &str) -> Cow<'_, str> {
    if !s.chars().any(is_unsafe) {
        return Cow::Borrowed(s);
    }
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '\t' | '\n' | '\r' | '\u{2028}' | '\u{2029}' => out.push(' '),
            c if is_unsafe(c) => {}
            c => out.push(c),
        }
    }
    Cow::Owned(out)
}

/// JSON text made safe to print: the unsafe characters inside its strings
/// become `\uXXXX` escapes. serde_json escapes only C0 controls, so C1
/// controls (U+009B is a one-character CSI), bidi overrides and zero-width
/// characters would reach the terminal raw. The result is the same JSON:
/// outside strings JSON text holds ASCII only, and these escapes decode to
/// the same strings.
pub fn json_text(s: &str) -> Cow<'_, str> {
    // Whitespace between tokens stays: inside strings serde_json already
    // wrote it as an escape.
    let unsafe_here = |c: char| is_unsafe(c) && !matches!(c, '\n' | '\r' | '\t');
    if !s.chars().any(unsafe_here) {
        return Cow::Borrowed(s);
    }
    let mut out = String::with_capacity(s.len() + 16);
    for c in s.chars() {
        if unsafe_here(c) {
            let mut units = [0u16; 2];
            for u in c.encode_utf16(&mut units) {
                out.push_str(&format!("\\u{:04x}", u));
            }
        } else {
            out.push(c);
        }
    }
    Cow::Owned(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escape_sequences_lose_their_escape() {
        let s = "kfq\u{1b}]52;c;ZXZpbA==\u{7}\u{1b}[2J";
        let safe = one_line(s);
        assert!(!safe.contains('\u{1b}') && !safe.contains('\u{7}'));
        assert_eq!(safe, "kfq]52;c;ZXZpbA==[2J");
    }

    #[test]
    fn bidi_and_zero_width_are_dropped() {
        assert_eq!(one_line("a\u{202E}b\u{200B}c\u{2066}d"), "abcd");
    }

    #[test]
    fn json_text_escapes_what_serde_json_leaves_raw() {
        let v = serde_json::Value::from("a\u{9b}2J\u{202e}b\u{1b}c");
        let text = v.to_string();
        let safe = json_text(&text);
        assert_eq!(safe, r#""a\u009b2J\u202eb\u001bc""#);
        let back: serde_json::Value = serde_json::from_str(&safe).unwrap();
        assert_eq!(back, v);
        assert!(matches!(json_text("{\n  \"经济\": 1\n}"), Cow::Borrowed(_)));
    }

    #[test]
    fn plain_text_is_borrowed() {
        assert!(matches!(one_line("经济开发区 — 1"), Cow::Borrowed(_)));
        assert_eq!(one_line("a\tb\nc"), "a b c");
    }
}
