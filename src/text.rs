//! Widths in terminal columns, not bytes or chars: CJK characters are two
//! columns wide, and East-Asian ambiguous characters (—, …, ○) may be too.

use std::sync::atomic::{AtomicBool, Ordering};

use unicode_width::UnicodeWidthChar;

static AMBIGUOUS_WIDE: AtomicBool = AtomicBool::new(false);

/// Counts East-Asian ambiguous characters as two columns, as CJK terminals
/// draw them. Set once at start-up from the command line or config.
pub fn set_ambiguous_wide(wide: bool) {
    AMBIGUOUS_WIDE.store(wide, Ordering::Relaxed);
}

/// Whether ambiguous characters count as two columns.
pub fn ambiguous_wide() -> bool {
    AMBIGUOUS_WIDE.load(Ordering::Relaxed)
}

/// Columns one character takes (control characters take none).
pub fn char_width(c: char) -> usize {
    if ambiguous_wide() {
        c.width_cjk().unwrap_or(0)
    } else {
        c.width().unwrap_or(0)
    }
}

/// Columns a string takes.
pub fn width(s: &str) -> usize {
    s.chars().map(char_width).sum()
}

/// The longest prefix of `s` that fits in `cols` columns, with `…` when cut.
pub fn truncate(s: &str, cols: usize) -> String {
    if width(s) <= cols {
        return s.to_owned();
    }
    if cols == 0 {
        return String::new();
    }
    let ell = '…';
    let room = cols.saturating_sub(char_width(ell));
    let mut out = String::new();
    let mut used = 0;
    for c in s.chars() {
        let w = char_width(c);
        if used + w > room {
            break;
        }
        out.push(c);
        used += w;
    }
    if used + char_width(ell) <= cols {
        out.push(ell);
    }
    out
}

/// `s` in `cols` columns with `…` in the middle when cut: the start and,
/// twice as long, the end, which is where names sharing a long prefix
/// (`金安区固投亿元以上新签约项目——…`) differ.
pub fn truncate_middle(s: &str, cols: usize) -> String {
    if width(s) <= cols {
        return s.to_owned();
    }
    let ell = '…';
    let room = cols.saturating_sub(char_width(ell));
    if room < 2 {
        return truncate(s, cols);
    }
    let head_room = room / 3;
    let (head, used) = prefix_within(s, head_room);
    let tail = suffix_within(s, room - used);
    format!("{head}{ell}{tail}")
}

/// `s` in `cols` columns with `…` at the start when cut: its end.
pub fn truncate_start(s: &str, cols: usize) -> String {
    if width(s) <= cols {
        return s.to_owned();
    }
    let ell = '…';
    if cols < char_width(ell) {
        return String::new();
    }
    format!("{ell}{}", suffix_within(s, cols - char_width(ell)))
}

/// `s` split where its first `cols` columns end (a wide character that would
/// straddle the line goes to the second part).
pub fn split_at_width(s: &str, cols: usize) -> (&str, &str) {
    let (head, _) = prefix_within(s, cols);
    (head, &s[head.len()..])
}

/// The longest prefix of `s` within `cols` columns, and its width.
fn prefix_within(s: &str, cols: usize) -> (&str, usize) {
    let mut used = 0;
    for (i, c) in s.char_indices() {
        let w = char_width(c);
        if used + w > cols {
            return (&s[..i], used);
        }
        used += w;
    }
    (s, used)
}

/// The longest suffix of `s` within `cols` columns.
fn suffix_within(s: &str, cols: usize) -> &str {
    let mut used = 0;
    for (i, c) in s.char_indices().rev() {
        let w = char_width(c);
        if used + w > cols {
            return &s[i + c.len_utf8()..];
        }
        used += w;
    }
    s
}

/// `s` cut to `cols` and padded with spaces to exactly `cols` columns.
pub fn pad_right(s: &str, cols: usize) -> String {
    let t = truncate(s, cols);
    let w = width(&t);
    format!("{t}{}", " ".repeat(cols.saturating_sub(w)))
}

/// `s` cut to `cols` and right-aligned in exactly `cols` columns.
pub fn pad_left(s: &str, cols: usize) -> String {
    let t = truncate(s, cols);
    let w = width(&t);
    format!("{}{t}", " ".repeat(cols.saturating_sub(w)))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cjk_is_two_columns() {
        assert_eq!(width("经济开发区"), 10);
        assert_eq!(width("kfq"), 3);
        assert_eq!(pad_right("开发区", 8), "开发区  ");
        assert_eq!(pad_left("开发区", 8), "  开发区");
    }

    #[test]
    fn truncation_never_splits_a_wide_character() {
        assert_eq!(truncate("经济开发区", 6), "经济…");
        assert_eq!(width(&truncate("经济开发区", 5)), 5);
        assert_eq!(truncate("经济开发区", 10), "经济开发区");
        assert_eq!(truncate("abc", 0), "");
    }

    #[test]
    fn middle_and_start_cuts_keep_the_end() {
        let a = "金安区固投亿元以上新签约项目——年产20GW光伏组件项目";
        let b = "金安区固投亿元以上新签约项目——冷链物流中心项目";
        assert_eq!(truncate(a, 20), truncate(b, 20));
        assert_ne!(truncate_middle(a, 20), truncate_middle(b, 20));
        for w in 0..40 {
            assert!(width(&truncate_middle(a, w)) <= w, "{w}");
            assert!(width(&truncate_start(a, w)) <= w, "{w}");
        }
        assert_eq!(truncate_middle("经济开发区", 10), "经济开发区");
        assert_eq!(truncate_start("经济开发区", 7), "…开发区");
    }
}
