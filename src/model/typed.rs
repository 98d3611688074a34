//! Dates and numbers as people type them, read the same way wherever they
//! are typed: the editor's cells, a pasted block, `guotang set` and a
//! spreadsheet's cells. Secretaries write 2026/3/5, 2026年3月5日 and
//! full-width digits (a Chinese input method gives ２０２６); the snapshot
//! keeps one form, `2026-03-05`, and numbers as typed (`100` stays whole).

use std::borrow::Cow;

use chrono::{Datelike, NaiveDate};
use serde_json::{Number, Value};

/// Full-width ASCII (０–９, ．, －, ／, ，…) as plain ASCII, and the
/// ideographic space as a space.
pub fn halfwidth(s: &str) -> Cow<'_, str> {
    let wide = |c: char| matches!(c, '\u{FF01}'..='\u{FF5E}' | '\u{3000}');
    if !s.chars().any(wide) {
        return Cow::Borrowed(s);
    }
    s.chars()
        .map(|c| match c {
            '\u{3000}' => ' ',
            '\u{FF01}'..='\u{FF5E}' => char::from_u32(c as u32 - 0xFF01 + 0x21).unwrap_or(c),
            c => c,
        })
        .collect::<String>()
        .into()
}

/// A number as typed: `98.5`, `100` (kept whole), `1,234.5` (thousands
/// separators in groups of three), `１２３`, `1e3`, `-5` (the caller says
/// whether negatives are allowed). Not `九十`, `12%`, `.5`, `1,5` (a decimal
/// comma is refused rather than guessed) or anything beyond an f64.
pub fn number(text: &str) -> Option<Number> {
    let t = halfwidth(text.trim()).into_owned();
    let t = without_thousands(&t)?;
    let digits = t.strip_prefix('-').unwrap_or(&t);
    if !digits.starts_with(|c: char| c.is_ascii_digit()) {
        return None;
    }
    match serde_json::from_str::<Value>(&t) {
        Ok(Value::Number(n)) if n.as_f64().is_some_and(f64::is_finite) => Some(n),
        _ => None,
    }
}

/// A judge's mark that is not a number ≥ 0: its place among the marks
/// (from 1) and its text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct BadMark {
    pub position: usize,
    pub text: String,
}

/// Judges' marks as typed or pasted into one cell: `88 92 90.5`,
/// `88，92、90.5`, `88;92` (full-width digits too), each a number ≥ 0.
/// Commas separate marks here, so `1,234` is two marks. No text, no marks.
pub fn marks(text: &str) -> Result<Vec<Number>, BadMark> {
    let t = halfwidth(text);
    t.split(|c: char| c.is_whitespace() || matches!(c, ',' | ';' | '、' | '|'))
        .filter(|p| !p.is_empty())
        .enumerate()
        .map(|(i, p)| {
            number(p)
                .filter(|n| n.as_f64().is_some_and(|x| x >= 0.0))
                .ok_or_else(|| BadMark {
                    position: i + 1,
                    text: p.to_owned(),
                })
        })
        .collect()
}

/// `1,234.5` as `1234.5`; a comma anywhere else refuses the text.
fn without_thousands(t: &str) -> Option<String> {
    if !t.contains(',') {
        return Some(t.to_owned());
    }
    let (int, frac) = t.split_once('.').map_or((t, None), |(i, f)| (i, Some(f)));
    let groups: Vec<&str> = int.strip_prefix('-').unwrap_or(int).split(',').collect();
    let grouped = groups.len() > 1
        && groups.first().is_some_and(|g| (1..=3).contains(&g.len()))
        && groups[1..].iter().all(|g| g.len() == 3)
        && groups.iter().all(|g| g.bytes().all(|b| b.is_ascii_digit()))
        && frac.is_none_or(|f| !f.contains(','));
    if !grouped {
        return None;
    }
    let mut out = if int.starts_with('-') {
        "-".to_owned()
    } else {
        String::new()
    };
    out.push_str(&groups.concat());
    if let Some(f) = frac {
        out.push('.');
        out.push_str(f);
    }
    Some(out)
}

/// Why typed text is not a date.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum DateError {
    /// Not written as a date at all.
    Shape,
    /// Written as a date, but that day does not exist (2026-02-30, month 13).
    NoSuchDay { year: i32, month: u32, day: u32 },
}

impl DateError {
    /// How many days the month has, when the month exists.
    pub fn days_in_month(self) -> Option<u32> {
        let DateError::NoSuchDay { year, month, .. } = self else {
            return None;
        };
        let first = NaiveDate::from_ymd_opt(year, month, 1)?;
        let next = if month == 12 {
            NaiveDate::from_ymd_opt(year + 1, 1, 1)?
        } else {
            NaiveDate::from_ymd_opt(year, month + 1, 1)?
        };
        Some(next.signed_duration_since(first).num_days() as u32)
    }
}

/// A date as typed: `2026-03-05`, `2026-3-5`, `2026/03/05`, `2026.3.5`,
/// `2026年3月5日` (日 may be left off), in full-width digits too.
pub fn date(text: &str) -> Result<NaiveDate, DateError> {
    let t = halfwidth(text.trim()).into_owned();
    let t = t.strip_suffix('日').unwrap_or(&t);
    let parts: Vec<&str> = if t.contains('年') {
        let Some((y, rest)) = t.split_once('年') else {
            return Err(DateError::Shape);
        };
        let Some((m, d)) = rest.split_once('月') else {
            return Err(DateError::Shape);
        };
        vec![y.trim(), m.trim(), d.trim()]
    } else {
        let sep = ['-', '/', '.']
            .into_iter()
            .find(|c| t.contains(*c))
            .ok_or(DateError::Shape)?;
        t.split(sep).collect()
    };
    let [y, m, d] = parts.as_slice() else {
        return Err(DateError::Shape);
    };
    let all_digits = |s: &str, lo: usize, hi: usize| {
        (lo..=hi).contains(&s.len()) && s.bytes().all(|b| b.is_ascii_digit())
    };
    if !all_digits(y, 4, 4) || !all_digits(m, 1, 2) || !all_digits(d, 1, 2) {
        return Err(DateError::Shape);
    }
    let (year, month, day) = (
        y.parse::<i32>().map_err(|_| DateError::Shape)?,
        m.parse::<u32>().map_err(|_| DateError::Shape)?,
        d.parse::<u32>().map_err(|_| DateError::Shape)?,
    );
    NaiveDate::from_ymd_opt(year, month, day).ok_or(DateError::NoSuchDay { year, month, day })
}

/// A time of day as typed (`9:05`, `０９：０５`), as the snapshot writes it
/// (`09:05`); `None` when it is not a time of day.
pub fn time(text: &str) -> Option<String> {
    let t = halfwidth(text.trim()).into_owned();
    let (h, m) = t.split_once(':')?;
    let ok = (1..=2).contains(&h.len())
        && m.len() == 2
        && h.bytes().chain(m.bytes()).all(|b| b.is_ascii_digit());
    let (hh, mm) = (h.parse::<u32>().ok()?, m.parse::<u32>().ok()?);
    (ok && hh < 24 && mm < 60).then(|| format!("{hh:02}:{mm:02}"))
}

/// A date as the snapshot writes it.
pub fn date_text(d: NaiveDate) -> String {
    format!("{:04}-{:02}-{:02}", d.year(), d.month(), d.day())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ymd(y: i32, m: u32, d: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, d).unwrap()
    }

    #[test]
    fn dates_are_read_as_secretaries_write_them() {
        for t in [
            "2026-03-05",
            "2026-3-5",
            "2026/03/05",
            "2026/3/5",
            "2026.3.5",
            "2026年3月5日",
            "2026年3月5",
            "２０２６年３月５日",
            "２０２６－０３－０５",
            " 2026-03-05 ",
        ] {
            assert_eq!(date(t), Ok(ymd(2026, 3, 5)), "{t}");
        }
        for t in [
            "",
            "2026",
            "26-3-5",
            "2026-03-05x",
            "3/5/2026",
            "2026-003-05",
            "明天",
        ] {
            assert_eq!(date(t), Err(DateError::Shape), "{t}");
        }
    }

    #[test]
    fn a_day_that_does_not_exist_is_told_apart_from_a_shape() {
        let e = date("2026-02-30").unwrap_err();
        assert_eq!(
            e,
            DateError::NoSuchDay {
                year: 2026,
                month: 2,
                day: 30
            }
        );
        assert_eq!(e.days_in_month(), Some(28));
        assert_eq!(date("2024-2-30").unwrap_err().days_in_month(), Some(29));
        assert_eq!(date("2026-13-01").unwrap_err().days_in_month(), None);
        assert!(matches!(
            date("2026年4月31日"),
            Err(DateError::NoSuchDay { .. })
        ));
    }

    #[test]
    fn times_are_read_as_typed() {
        assert_eq!(time("9:05").as_deref(), Some("09:05"));
        assert_eq!(time("０９：３０").as_deref(), Some("09:30"));
        assert_eq!(time("14:00").as_deref(), Some("14:00"));
        for bad in ["24:00", "9:60", "9", "9:5", "09-00", ""] {
            assert_eq!(time(bad), None, "{bad}");
        }
    }

    #[test]
    fn numbers_are_read_as_typed() {
        let n = |t: &str| number(t).map(|n| n.to_string());
        assert_eq!(n("100").as_deref(), Some("100"));
        assert_eq!(n("98.5").as_deref(), Some("98.5"));
        assert_eq!(n("1,234.5").as_deref(), Some("1234.5"));
        assert_eq!(n("１２３.５").as_deref(), Some("123.5"));
        assert_eq!(n("１，２３４").as_deref(), Some("1234"));
        assert_eq!(n("-5").as_deref(), Some("-5"));
        assert_eq!(n("1e3").as_deref(), Some("1000.0"));
        for bad in [
            "九十", "12%", ".5", "1.", "1,5", "1,23", "NaN", "inf", "1e400", "", "+5",
        ] {
            assert_eq!(n(bad), None, "{bad}");
        }
    }

    #[test]
    fn marks_are_read_from_one_cell_and_a_bad_one_is_named() {
        let f = |t: &str| marks(t).map(|v| v.iter().filter_map(|n| n.as_f64()).collect::<Vec<_>>());
        assert_eq!(f("88 92 90.5"), Ok(vec![88.0, 92.0, 90.5]));
        assert_eq!(f(" 88，92、90.5；91 "), Ok(vec![88.0, 92.0, 90.5, 91.0]));
        assert_eq!(f("８８\t９２"), Ok(vec![88.0, 92.0]));
        assert_eq!(f(""), Ok(vec![]));
        assert_eq!(
            f("88 九十 -1"),
            Err(BadMark {
                position: 2,
                text: "九十".into()
            })
        );
        assert_eq!(
            f("88 -1"),
            Err(BadMark {
                position: 2,
                text: "-1".into()
            })
        );
    }
}
