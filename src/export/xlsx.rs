//! A [`Sheet`] as an XLSX workbook: a bold header row, frozen panes, numbers
//! stored as numbers with a display format, real dates, and column widths
//! that fit Chinese (a CJK character takes two terminal columns, about two
//! units of Excel's width).

use rust_xlsxwriter::{Color, ExcelDateTime, Format, FormatBorder, Workbook, XlsxError};

use crate::i18n::num;
use crate::text::width;

use super::{Kind, Sheet, Value};

const MIN_WIDTH: usize = 6;
/// The widest a column gets; longer text wraps.
pub const MAX_WIDTH: usize = 60;

fn num_format(kind: Kind) -> Format {
    match kind {
        Kind::Text => Format::new(),
        Kind::Int => Format::new().set_num_format("0"),
        Kind::Number(0) => Format::new().set_num_format("#,##0"),
        Kind::Number(d) => {
            Format::new().set_num_format(format!("#,##0.{}", "0".repeat(usize::from(d))))
        }
        Kind::Percent => Format::new().set_num_format("0.0%"),
        Kind::Date => Format::new().set_num_format("yyyy-mm-dd"),
    }
}

/// The text a cell shows, to size its column.
fn shown(v: &Value, kind: Kind) -> String {
    match (v, kind) {
        (Value::Empty, _) => String::new(),
        (Value::Text(s), _) => s.clone(),
        (Value::Number(n), Kind::Percent) => format!("{:.1}%", n * 100.0),
        (Value::Number(n), Kind::Number(d)) => num(*n, d),
        (Value::Number(n), _) => num(*n, 0),
        (Value::Figure(n, d), _) => num(*n, *d),
        (Value::Date(_), _) => "2026-01-01".to_owned(),
    }
}

/// The XLSX bytes of a sheet.
pub fn write(sheet: &Sheet) -> Result<Vec<u8>, XlsxError> {
    let mut wb = Workbook::new();
    let ws = wb.add_worksheet();
    ws.set_name(&sheet.name)?;
    let head = Format::new()
        .set_bold()
        .set_background_color(Color::RGB(0xECEFF1))
        .set_border_bottom(FormatBorder::Thin);
    let mut formats: Vec<Format> = sheet.columns.iter().map(|c| num_format(c.kind)).collect();
    for (c, col) in sheet.columns.iter().enumerate() {
        let c16 = c as u16;
        ws.write_string_with_format(0, c16, &col.header, &head)?;
        let widest = sheet
            .rows
            .iter()
            .filter_map(|r| r.get(c))
            .map(|v| width(&shown(v, col.kind)))
            .chain(std::iter::once(width(&col.header)))
            .max()
            .unwrap_or(0);
        ws.set_column_width(c16, (widest + 2).clamp(MIN_WIDTH, MAX_WIDTH) as f64)?;
        if widest + 2 > MAX_WIDTH {
            // Long reasons and notes wrap inside the widest column allowed.
            formats[c] = formats[c].clone().set_text_wrap();
        }
    }
    for (r, row) in sheet.rows.iter().enumerate() {
        let r32 = r as u32 + 1;
        for (c, v) in row.iter().enumerate() {
            let c16 = c as u16;
            let f = &formats[c.min(formats.len().saturating_sub(1))];
            match v {
                Value::Empty => {}
                Value::Text(s) => {
                    ws.write_string_with_format(r32, c16, s, f)?;
                }
                Value::Number(n) => {
                    ws.write_number_with_format(r32, c16, *n, f)?;
                }
                Value::Figure(n, d) => {
                    ws.write_number_with_format(r32, c16, *n, &num_format(Kind::Number(*d)))?;
                }
                Value::Date(d) => {
                    use chrono::Datelike;
                    let dt =
                        ExcelDateTime::from_ymd(d.year() as u16, d.month() as u8, d.day() as u8)?;
                    ws.write_datetime_with_format(r32, c16, &dt, f)?;
                }
            }
        }
    }
    ws.set_freeze_panes(1, sheet.frozen_columns)?;
    wb.save_to_buffer()
}
