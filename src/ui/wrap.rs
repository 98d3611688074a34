//! Wrapping text to a width in terminal columns: CJK lines break between any
//! two characters, Latin ones at spaces when a word would be cut.

use crate::text::{char_width, width};

/// `text` (already one line) broken into lines of at most `cols` columns.
pub fn wrap(text: &str, cols: usize) -> Vec<String> {
    let cols = cols.max(1);
    let mut lines = Vec::new();
    let mut line = String::new();
    let mut used = 0;
    for c in text.chars() {
        let w = char_width(c);
        if used + w > cols && !line.is_empty() {
            // Break at the last space when it keeps a Latin word whole.
            let cut = if c != ' ' && c.is_ascii_alphanumeric() {
                line.rfind(' ').filter(|&i| i > 0)
            } else {
                None
            };
            match cut {
                Some(i) => {
                    let rest = line[i + 1..].to_owned();
                    line.truncate(i);
                    lines.push(std::mem::take(&mut line));
                    line = rest;
                }
                None => lines.push(std::mem::take(&mut line)),
            }
            used = width(&line);
            if c == ' ' {
                continue;
            }
        }
        line.push(c);
        used += w;
    }
    if !line.is_empty() || lines.is_empty() {
        lines.push(line);
    }
    lines
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn wraps_cjk_anywhere_and_latin_at_spaces() {
        assert_eq!(wrap("一二三四五", 4), vec!["一二", "三四", "五"]);
        assert_eq!(wrap("one two three", 9), vec!["one two", "three"]);
        assert_eq!(wrap("", 5), vec![""]);
        for l in wrap("坚持落地为要，推动招商引资质效全面提升 and more words", 7)
        {
            assert!(width(&l) <= 7, "{l}");
        }
    }
}
