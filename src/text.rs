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
}
