//! Typed readers for JSON fields that record a problem with its path instead of
//! stopping, so that one pass over a snapshot reports everything wrong with it.

use std::fmt::{self, Write as _};

use chrono::{NaiveDate, NaiveTime};
use serde_json::{Map, Value};

use super::problem::Problem;

/// A JSON path built on the stack and only rendered when a problem needs it,
/// so that validating 100,000 projects allocates no path strings.
#[derive(Clone, Copy)]
pub struct Path<'a> {
    parent: Option<&'a Path<'a>>,
    seg: Seg<'a>,
}

#[derive(Clone, Copy)]
enum Seg<'a> {
    Root,
    Key(&'a str),
    Index(usize),
}

impl<'a> Path<'a> {
    pub const ROOT: Path<'static> = Path {
        parent: None,
        seg: Seg::Root,
    };
    pub fn key(&'a self, key: &'a str) -> Path<'a> {
        Path {
            parent: Some(self),
            seg: Seg::Key(key),
        }
    }
    pub fn index(&'a self, i: usize) -> Path<'a> {
        Path {
            parent: Some(self),
            seg: Seg::Index(i),
        }
    }
}

fn plain_key(k: &str) -> bool {
    !k.is_empty() && k.chars().all(|c| c.is_alphanumeric() || c == '_')
}

impl fmt::Display for Path<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let root_level = matches!(self.parent, Some(p) if matches!(p.seg, Seg::Root));
        if let Some(p) = self.parent {
            p.fmt(f)?;
        }
        match self.seg {
            Seg::Root => Ok(()),
            Seg::Key(k) if plain_key(k) => {
                if !root_level {
                    f.write_char('.')?;
                }
                f.write_str(&crate::sanitize::one_line(k))
            }
            // Quoted as JSON, with what serde_json leaves raw escaped too.
            Seg::Key(k) => {
                let quoted = serde_json::Value::from(k).to_string();
                write!(f, "[{}]", crate::sanitize::json_text(&quoted))
            }
            Seg::Index(i) => write!(f, "[{i}]"),
        }
    }
}

/// The members of `obj` named in `keys`, in the order of `keys`, found in one
/// pass over its entries. Validating 100,000 projects reads a dozen fields of
/// each; one hashed lookup per field was half of the validation time.
pub fn members<'v, const N: usize>(
    obj: &'v Map<String, Value>,
    keys: [&str; N],
) -> [Option<&'v Value>; N] {
    let mut out = [None; N];
    // Files list fields in much the same order object after object: the search
    // starts just after the last key found, so it usually hits at once.
    let mut next = 0;
    for (k, v) in obj {
        let found = (0..N)
            .map(|j| (next + j) % N)
            .find(|&i| same_word(keys[i], k));
        if let Some(i) = found {
            out[i] = Some(v);
            next = i + 1;
        }
    }
    out
}

/// String equality for short words (keys, stages): an inline loop, where `==`
/// calls memcmp, which costs more than the comparison itself at these sizes.
#[inline]
pub fn same_word(a: &str, b: &str) -> bool {
    let (a, b) = (a.as_bytes(), b.as_bytes());
    a.len() == b.len() && a.iter().zip(b).all(|(x, y)| x == y)
}

/// The longest agenda item or speaking slot: a day.
pub const MAX_MINUTES: f64 = 1440.0;

/// The largest figure any meeting has (a quadrillion: 1e15). Beyond it a
/// number is a slip (`1e308`, a pasted serial number) and would print as a
/// row of digits wider than the room, or overflow the arithmetic.
pub const MAX_MAGNITUDE: f64 = 1e15;

/// The smallest target above zero (1e-9): below it the completion
/// (actual ÷ target) overflows to infinity, and no meeting sets such a target.
pub const MIN_TARGET: f64 = 1e-9;

/// True for a number a snapshot may hold: finite, at most [`MAX_MAGNITUDE`].
pub fn in_range(x: f64) -> bool {
    x.is_finite() && x.abs() <= MAX_MAGNITUDE
}

/// Collects problems while fields are read.
#[derive(Default)]
pub struct Reader {
    pub problems: Vec<Problem>,
}

/// How a value is described after "found": strings quoted (and shortened),
/// numbers as written, containers by kind.
pub fn describe(v: &Value) -> String {
    match v {
        Value::Null => "null".into(),
        Value::Bool(b) => b.to_string(),
        Value::Number(n) => n.to_string(),
        Value::String(s) => {
            let short: String = s.chars().take(40).collect();
            let short = if short.len() < s.len() {
                format!("{short}…")
            } else {
                short
            };
            Value::from(crate::sanitize::one_line(&short).into_owned()).to_string()
        }
        Value::Array(_) => "an array".into(),
        Value::Object(_) => "an object".into(),
    }
}

impl Reader {
    pub fn problem(&mut self, path: &Path, message: impl Into<String>) {
        self.problems
            .push(Problem::field(path.to_string(), message));
    }

    fn wrong(&mut self, path: &Path, expected: &str, v: &Value) {
        self.problem(path, format!("expected {expected}, found {}", describe(v)));
    }

    pub fn missing(&mut self, path: &Path) {
        self.problem(path, "required field is missing");
    }

    /// A required member found by [`members`], or a "missing" problem at `path.key`.
    pub fn required<'v>(
        &mut self,
        v: Option<&'v Value>,
        path: &Path,
        key: &str,
    ) -> Option<&'v Value> {
        if v.is_none() {
            self.missing(&path.key(key));
        }
        v
    }

    pub fn object<'v>(&mut self, v: &'v Value, path: &Path) -> Option<&'v Map<String, Value>> {
        match v {
            Value::Object(m) => Some(m),
            _ => {
                self.wrong(path, "an object", v);
                None
            }
        }
    }

    pub fn array<'v>(&mut self, v: &'v Value, path: &Path) -> Option<&'v [Value]> {
        match v {
            Value::Array(a) => Some(a),
            _ => {
                self.wrong(path, "an array", v);
                None
            }
        }
    }

    pub fn string<'v>(&mut self, v: &'v Value, path: &Path) -> Option<&'v str> {
        match v {
            Value::String(s) => Some(s),
            _ => {
                self.wrong(path, "a string", v);
                None
            }
        }
    }

    /// A string that must say something (ids, names, reasons).
    pub fn text<'v>(&mut self, v: &'v Value, path: &Path) -> Option<&'v str> {
        let s = self.string(v, path)?;
        if s.trim().is_empty() {
            self.problem(path, "must not be empty");
            return None;
        }
        Some(s)
    }

    /// A number ≥ 0 (or > 0 when `positive`); -0 reads as 0.
    pub fn number(&mut self, v: &Value, path: &Path, positive: bool) -> Option<f64> {
        let expected = if positive {
            "a number > 0"
        } else {
            "a number ≥ 0"
        };
        match v.as_f64() {
            Some(x) if x > MAX_MAGNITUDE && x.is_finite() => {
                self.wrong(path, &format!("{expected}, at most 1e15"), v);
                None
            }
            Some(x) if x.is_finite() && (x > 0.0 || (!positive && x == 0.0)) => {
                Some(if x == 0.0 { 0.0 } else { x })
            }
            _ => {
                self.wrong(path, expected, v);
                None
            }
        }
    }

    /// Any number within ±1e15 (a composite in points may be negative).
    pub fn finite(&mut self, v: &Value, path: &Path) -> Option<f64> {
        match v.as_f64() {
            Some(x) if x.is_finite() && x.abs() > MAX_MAGNITUDE => {
                self.wrong(path, "a number from -1e15 to 1e15", v);
                None
            }
            Some(x) if x.is_finite() => Some(if x == 0.0 { 0.0 } else { x }),
            _ => {
                self.wrong(path, "a number", v);
                None
            }
        }
    }

    /// `true` or `false`.
    pub fn boolean(&mut self, v: &Value, path: &Path) -> Option<bool> {
        match v {
            Value::Bool(b) => Some(*b),
            _ => {
                self.wrong(path, "true or false", v);
                None
            }
        }
    }

    /// A target: 0 (none set), or from 1e-9 to 1e15.
    pub fn target(&mut self, v: &Value, path: &Path) -> Option<f64> {
        let x = self.number(v, path, false)?;
        if x > 0.0 && x < MIN_TARGET {
            self.wrong(path, "a target of 0 or at least 1e-9", v);
            return None;
        }
        Some(x)
    }

    /// A length of time in minutes: > 0 and at most a day. Timers count it
    /// down in seconds; an absurd length (1e308) would overflow them.
    pub fn minutes(&mut self, v: &Value, path: &Path) -> Option<f64> {
        if v.as_f64().is_some_and(|x| x > MAX_MINUTES) {
            self.wrong(path, "a number of minutes > 0 and at most 1440 (a day)", v);
            return None;
        }
        self.number(v, path, true)
    }

    /// A whole number in `lo..=hi`.
    pub fn integer(&mut self, v: &Value, path: &Path, lo: u32, hi: u32) -> Option<u32> {
        match v.as_f64() {
            Some(x) if x.fract() == 0.0 && x >= f64::from(lo) && x <= f64::from(hi) => {
                Some(x as u32)
            }
            _ => {
                self.wrong(path, &format!("a whole number from {lo} to {hi}"), v);
                None
            }
        }
    }

    /// A calendar date written `YYYY-MM-DD` that exists.
    pub fn date(&mut self, v: &Value, path: &Path) -> Option<NaiveDate> {
        let s = self.string(v, path)?;
        match parse_date(s) {
            Ok(d) => Some(d),
            Err(DateError::Shape) => {
                self.wrong(path, "a date YYYY-MM-DD", v);
                None
            }
            Err(DateError::NoSuchDay) => {
                self.problem(path, format!("no such date {}", describe(v)));
                None
            }
        }
    }

    /// A time of day written `HH:MM`.
    pub fn time(&mut self, v: &Value, path: &Path) -> Option<NaiveTime> {
        let s = self.string(v, path)?;
        let ok = s.len() == 5 && s.as_bytes()[2] == b':';
        match NaiveTime::parse_from_str(s, "%H:%M") {
            Ok(t) if ok => Some(t),
            _ => {
                self.wrong(path, "a time HH:MM", v);
                None
            }
        }
    }

    /// One of a fixed set of words.
    pub fn choice<T>(
        &mut self,
        v: &Value,
        path: &Path,
        words: &[&str],
        parse: impl Fn(&str) -> Option<T>,
    ) -> Option<T> {
        if let Some(t) = v.as_str().and_then(&parse) {
            return Some(t);
        }
        let list: Vec<String> = words.iter().map(|w| format!("\"{w}\"")).collect();
        self.wrong(path, &format!("one of {}", list.join(", ")), v);
        None
    }
}

/// Why a date string was refused.
#[derive(Debug, PartialEq, Eq)]
pub enum DateError {
    /// Not written `YYYY-MM-DD`.
    Shape,
    /// Written right, but the day does not exist (2024-02-30).
    NoSuchDay,
}

/// Parses a strict `YYYY-MM-DD` date.
pub fn parse_date(s: &str) -> Result<NaiveDate, DateError> {
    let b = s.as_bytes();
    let digits = |r: std::ops::Range<usize>| b[r].iter().all(u8::is_ascii_digit);
    if b.len() != 10
        || b[4] != b'-'
        || b[7] != b'-'
        || !digits(0..4)
        || !digits(5..7)
        || !digits(8..10)
    {
        return Err(DateError::Shape);
    }
    let num = |r: std::ops::Range<usize>| s[r].parse::<u32>().unwrap_or(0);
    NaiveDate::from_ymd_opt(num(0..4) as i32, num(5..7), num(8..10)).ok_or(DateError::NoSuchDay)
}
