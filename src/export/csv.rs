//! A [`Sheet`] as CSV: UTF-8 with a byte-order mark, so that Excel opens the
//! Chinese right, numbers unrounded, dates as `YYYY-MM-DD`.

use super::{Sheet, Value};

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

/// The CSV bytes of a sheet.
pub fn write(sheet: &Sheet) -> Result<Vec<u8>, csv::Error> {
    let mut w = csv::Writer::from_writer(BOM.as_bytes().to_vec());
    w.write_record(sheet.columns.iter().map(|c| defuse(&c.header).into_owned()))?;
    for row in &sheet.rows {
        w.write_record(row.iter().map(|v| match v {
            Value::Empty => String::new(),
            Value::Text(s) => defuse(s).into_owned(),
            // Display is the shortest text that reads back as the same f64.
            Value::Number(n) => n.to_string(),
            Value::Date(d) => d.to_string(),
        }))?;
    }
    w.into_inner().map_err(|e| e.into_error().into())
}
