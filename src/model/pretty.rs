//! The save format written straight from JSON text: what
//! `serde_json::to_string_pretty` makes of the parsed value, byte for byte,
//! without building the value.
//!
//! A project held as its text span (see [`super::record`]) is saved this
//! way. Layout follows serde_json's `PrettyFormatter` (two-space indent, `{}`
//! and `[]` when empty, `": "` after a key); a scalar is copied when it is
//! already written the way serde_json writes it (a string without escapes, a
//! short integer), and otherwise parsed and written by serde_json itself, so
//! `1.50`, `1e2` or `"\u4e2d"` come out exactly as a parsed document would.

use serde_json::Value;

/// Appends the pretty form of `text`, one valid JSON value, to `out` as if
/// it stood `depth` levels deep in a pretty document (its first line is not
/// indented: the caller wrote that).
pub fn write_pretty(out: &mut Vec<u8>, text: &[u8], depth: usize) {
    let mut level = depth;
    let mut i = 0;
    while i < text.len() {
        let b = text[i];
        match b {
            b' ' | b'\n' | b'\r' | b'\t' => i += 1,
            b'{' | b'[' => {
                out.push(b);
                let close = if b == b'{' { b'}' } else { b']' };
                let next = skip_space(text, i + 1);
                if text.get(next) == Some(&close) {
                    out.push(close);
                    i = next + 1;
                } else {
                    level += 1;
                    newline(out, level);
                    i = next;
                }
            }
            b'}' | b']' => {
                level = level.saturating_sub(1);
                newline(out, level);
                out.push(b);
                i += 1;
            }
            b',' => {
                out.push(b',');
                newline(out, level);
                i += 1;
            }
            b':' => {
                out.extend_from_slice(b": ");
                i += 1;
            }
            b'"' => i = string(out, text, i),
            b't' | b'n' => i = copy(out, text, i, 4),
            b'f' => i = copy(out, text, i, 5),
            _ => i = number(out, text, i),
        }
    }
}

/// Appends `v` as `serde_json::to_string_pretty` writes it, nested `depth`
/// levels deep (every line after the first indented by `depth` steps).
pub fn write_value(out: &mut Vec<u8>, v: &Value, depth: usize) {
    let Ok(text) = serde_json::to_vec_pretty(v) else {
        return;
    };
    if depth == 0 {
        out.extend_from_slice(&text);
        return;
    }
    // Pretty output has a raw newline only between lines: strings escape theirs.
    for line in text.split_inclusive(|&b| b == b'\n') {
        out.extend_from_slice(line);
        if line.ends_with(b"\n") {
            indent(out, depth);
        }
    }
}

fn newline(out: &mut Vec<u8>, level: usize) {
    out.push(b'\n');
    indent(out, level);
}

fn indent(out: &mut Vec<u8>, level: usize) {
    const SPACES: &[u8; 64] = &[b' '; 64];
    match SPACES.get(..2 * level) {
        Some(spaces) => out.extend_from_slice(spaces),
        None => (0..level).for_each(|_| out.extend_from_slice(b"  ")),
    }
}

fn skip_space(text: &[u8], mut i: usize) -> usize {
    while matches!(text.get(i), Some(b' ' | b'\n' | b'\r' | b'\t')) {
        i += 1;
    }
    i
}

fn copy(out: &mut Vec<u8>, text: &[u8], i: usize, n: usize) -> usize {
    let end = (i + n).min(text.len());
    out.extend_from_slice(&text[i..end]);
    end
}

/// A string token starting at `i`: copied when it has no escape (serde_json
/// writes such a string as it is), else decoded and written by serde_json.
fn string(out: &mut Vec<u8>, text: &[u8], i: usize) -> usize {
    let mut j = i + 1;
    let mut escaped = false;
    // The next quote or backslash, found a vector at a time: names and
    // notes are most of a project's bytes.
    while let Some(k) = text
        .get(j..)
        .and_then(|rest| memchr::memchr2(b'"', b'\\', rest))
    {
        j += k;
        if text[j] == b'"' {
            break;
        }
        escaped = true;
        j += 2;
    }
    j = j.min(text.len());
    let end = (j + 1).min(text.len());
    let token = &text[i..end];
    if escaped {
        rewrite::<String>(out, token);
    } else {
        out.extend_from_slice(token);
    }
    end
}

/// A number token starting at `i`: copied when it is an integer serde_json
/// writes the same way, else parsed and written by serde_json.
fn number(out: &mut Vec<u8>, text: &[u8], i: usize) -> usize {
    let mut j = i;
    while j < text.len() && matches!(text[j], b'0'..=b'9' | b'-' | b'+' | b'.' | b'e' | b'E') {
        j += 1;
    }
    let token = &text[i..j.max(i + 1).min(text.len())];
    if plain_integer(token) || plain_decimal(token) {
        out.extend_from_slice(token);
    } else {
        rewrite::<Value>(out, token);
    }
    i + token.len()
}

/// Digits without a leading zero (or `0`), optionally negative, short
/// enough to be an `i64`/`u64`, which serde_json writes back unchanged.
fn plain_integer(token: &[u8]) -> bool {
    let (digits, max) = match token.strip_prefix(b"-") {
        Some(d) => (d, 18),
        None => (token, 19),
    };
    match digits {
        [b'0'] => token.len() == 1,
        [b'1'..=b'9', rest @ ..] => rest.len() < max && rest.iter().all(u8::is_ascii_digit),
        _ => false,
    }
}

/// A decimal serde_json writes back unchanged: `-?I.F`, with `I` either
/// `0` followed by an `F` that starts with a non-zero digit (at least 0.1:
/// smaller values may be written with an exponent), or 1 to 8 digits not
/// starting with 0; `F` 1 to 7 digits not ending in 0. At most 15
/// significant digits, so the shortest form that reads back as the same
/// `f64` is these very digits. Investments (`12.5`) are most of the
/// numbers a large file holds; parsing and formatting each was a tenth of
/// a save.
fn plain_decimal(token: &[u8]) -> bool {
    let digits = token.strip_prefix(b"-").unwrap_or(token);
    let Some(dot) = digits.iter().position(|&b| b == b'.') else {
        return false;
    };
    let (int, frac) = (&digits[..dot], &digits[dot + 1..]);
    let int_ok = match int {
        [b'0'] => frac.first().is_some_and(|&d| d != b'0'),
        [b'1'..=b'9', rest @ ..] => rest.len() < 8,
        _ => false,
    };
    int_ok
        && (1..=7).contains(&frac.len())
        && frac.last() != Some(&b'0')
        && int.iter().chain(frac).all(u8::is_ascii_digit)
}

/// Parses `token` as serde_json does and writes it back as serde_json does.
fn rewrite<T: serde::de::DeserializeOwned + serde::Serialize>(out: &mut Vec<u8>, token: &[u8]) {
    match serde_json::from_slice::<T>(token) {
        Ok(v) if serde_json::to_writer(&mut *out, &v).is_ok() => {}
        // Only reached for text that did not parse; the caller parsed it first.
        _ => out.extend_from_slice(token),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn via_value(text: &str, depth: usize) -> String {
        let v: Value = serde_json::from_str(text).unwrap();
        let mut out = Vec::new();
        write_value(&mut out, &v, depth);
        String::from_utf8(out).unwrap()
    }

    fn via_text(text: &str, depth: usize) -> String {
        let mut out = Vec::new();
        write_pretty(&mut out, text.as_bytes(), depth);
        String::from_utf8(out).unwrap()
    }

    #[test]
    fn writes_what_serde_json_writes() {
        for text in [
            r#"{"a":1,"b":[1,2,{"c":"d"}],"e":{},"f":[],"g":null,"h":true,"i":false}"#,
            r#"  { "x" : 1.50 , "y" : 1e2, "z": -0, "w": 12345678901234567890123 } "#,
            r#"{"s":"\u4e2d\/\"\\\n\u0001\u001F","t":"中文 plain","k\u0041":-12}"#,
            r#"[ [ ], { }, [ [ 0 ] ], -1, 0.1, 1E-7, 9007199254740993 ]"#,
            r#""just a string""#,
            "3.0",
            "{\n\t\"a\" :\r\n [1 ,\n 2]\n}",
        ] {
            for depth in [0, 1, 2] {
                assert_eq!(via_text(text, depth), via_value(text, depth), "{text}");
            }
        }
    }

    /// Every decimal the fast path copies is written so by serde_json;
    /// the ones it leaves to serde_json are near misses of every rule.
    #[test]
    fn plain_decimals_are_the_ones_serde_json_keeps() {
        let serde =
            |t: &str| serde_json::to_string(&serde_json::from_str::<Value>(t).unwrap()).unwrap();
        let mut copied = 0;
        let mut state = 0x9e37_79b9_7f4a_7c15_u64;
        let mut next = |n: u64| {
            state ^= state << 13;
            state ^= state >> 7;
            state ^= state << 17;
            state % n
        };
        for _ in 0..200_000 {
            let int = match next(4) {
                0 => "0".to_owned(),
                _ => {
                    let digits = 1 + next(9) as u32;
                    next(10u64.pow(digits)).to_string()
                }
            };
            let frac_len = 1 + next(8) as usize;
            let frac: String = (0..frac_len)
                .map(|_| char::from(b'0' + next(10) as u8))
                .collect();
            let sign = if next(3) == 0 { "-" } else { "" };
            let t = format!("{sign}{int}.{frac}");
            if plain_decimal(t.as_bytes()) {
                copied += 1;
                assert_eq!(serde(&t), t, "copied, but serde_json writes it otherwise");
            }
        }
        assert!(copied > 50_000, "{copied}");
        for (t, plain) in [
            ("12.5", true),
            ("-0.5", true),
            ("0.1", true),
            ("99999999.9999999", true),
            ("0.05", false),
            ("1.0", false),
            ("1.50", false),
            ("123456789.5", false),
            ("1.12345678", false),
            ("01.5", false),
            ("1.", false),
            (".5", false),
            ("1.5e3", false),
            ("1.5.5", false),
            ("12", false),
        ] {
            assert_eq!(plain_decimal(t.as_bytes()), plain, "{t}");
            if plain {
                assert_eq!(serde(t), t);
            }
        }
    }

    #[test]
    fn plain_integers_are_the_ones_serde_json_keeps() {
        for (t, plain) in [
            ("0", true),
            ("7", true),
            ("-7", true),
            ("-0", false),
            ("01", false),
            ("1.0", false),
            ("1e3", false),
            ("9999999999999999999", true),
            ("99999999999999999999", false),
            ("-999999999999999999", true),
            ("-9999999999999999999", false),
        ] {
            assert_eq!(plain_integer(t.as_bytes()), plain, "{t}");
        }
    }
}
