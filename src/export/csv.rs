//! A [`Sheet`] as CSV: UTF-8 with a byte-order mark, so that Excel opens the
//! Chinese right, numbers as they were entered (never `0.49000000000000005`),
//! dates as `YYYY-MM-DD`.

use super::{Kind, Sheet, Value};

/// The byte-order mark Excel needs to read UTF-8.
pub const BOM: &str = "\u{FEFF}";

/// Text that a spreadsheet would run as a formula gets a leading `'`, which
/// Excel shows as text (OWASP's advice for CSV injection); the import drops
/// it again.
pub fn defuse(s: &str) -> std::borrow::Cow<'_, str> {
    match s.chars().next() {
        Some('=' | '+' | '-' | '@' | '\t' | '\r') => format!("'{s}").into(),
        _ => s.into(),
    }
}

/// Significant digits a figure keeps: every decimal typed with 15 digits or
/// fewer comes back as typed; what arithmetic adds beyond (0.1 + 0.39 =
/// 0.49000000000000005) is binary noise, not a figure.
const SIGNIFICANT: usize = 15;

/// A number as the CSV writes it: the shortest text of its first 15
/// significant digits, with at least the column's decimals (a metric with
/// one decimal gives `12.0`, as the console shows it).
pub fn number(n: f64, kind: Kind) -> String {
    if !n.is_finite() {
        return String::new();
    }
    let rounded: f64 = format!("{:.*e}", SIGNIFICANT - 1, n).parse().unwrap_or(n);
    let mut text = (rounded + 0.0).to_string();
    if let Kind::Number(d) = kind {
        let have = text.split_once('.').map_or(0, |(_, f)| f.len());
        let want = usize::from(d);
        if have < want {
            if have == 0 {
                text.push('.');
            }
            text.extend(std::iter::repeat_n('0', want - have));
        }
    }
    text
}

/// The CSV bytes of a sheet.
pub fn write(sheet: &Sheet) -> Result<Vec<u8>, csv::Error> {
    let mut w = csv::Writer::from_writer(BOM.as_bytes().to_vec());
    w.write_record(sheet.columns.iter().map(|c| defuse(&c.header).into_owned()))?;
    for row in &sheet.rows {
        w.write_record(row.iter().enumerate().map(|(c, v)| match v {
            Value::Empty => String::new(),
            Value::Text(s) => defuse(s).into_owned(),
            Value::Number(n) => {
                let kind = sheet.columns.get(c).map_or(Kind::Text, |col| col.kind);
                number(*n, kind)
            }
            Value::Figure(n, d) => number(*n, Kind::Number(*d)),
            Value::Date(d) => d.to_string(),
        }))?;
    }
    w.into_inner().map_err(|e| e.into_error().into())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn figures_lose_their_binary_noise_and_keep_their_decimals() {
        assert_eq!(number(0.1 + 0.39, Kind::Percent), "0.49");
        assert_eq!(number(0.3 / 0.1, Kind::Percent), "3");
        assert_eq!(number(0.49000000000000005, Kind::Number(2)), "0.49");
        assert_eq!(number(12.0, Kind::Number(1)), "12.0");
        assert_eq!(number(98.25, Kind::Number(1)), "98.25");
        assert_eq!(number(1234.5, Kind::Number(0)), "1234.5");
        assert_eq!(number(3.0, Kind::Int), "3");
        assert_eq!(number(-0.0, Kind::Number(0)), "0");
        assert_eq!(
            number(123456789.123456, Kind::Number(2)),
            "123456789.123456"
        );
        assert_eq!(number(1e-7, Kind::Percent), "0.0000001");
        // Every decimal typed with 15 significant digits reads back as typed.
        for typed in [
            "0.1",
            "2.675",
            "99.99",
            "123456789012345",
            "0.000123456789012345",
        ] {
            let x: f64 = typed.parse().unwrap();
            assert_eq!(
                number(x, Kind::Percent).parse::<f64>().unwrap(),
                x,
                "{typed}"
            );
        }
    }
}
