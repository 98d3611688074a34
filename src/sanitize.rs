//! The one boundary every snapshot string crosses before it reaches a terminal.
//!
//! Snapshots come from shared folders and other people's laptops: a unit name
//! may carry ESC sequences (clipboard writes, title changes, screen clears),
//! bidi overrides or zero-width tricks. Strings are stored as they are and made
//! safe here, at the moment they are drawn or printed.

use std::borrow::Cow;

/// True for characters that must never reach the terminal as they are.
fn is_unsafe(c: char) -> bool {
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
    fn plain_text_is_borrowed() {
        assert!(matches!(one_line("经济开发区 — 1"), Cow::Borrowed(_)));
        assert_eq!(one_line("a\tb\nc"), "a b c");
    }
}
