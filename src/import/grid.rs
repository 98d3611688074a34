//! A sheet as a grid of cells that remembers where it sits in the sheet, so
//! that every message can name a cell the way Excel does (`B7`).

use std::io::Cursor;

use calamine::{Data, Reader, open_workbook_auto_from_rs};

use super::ImportError;

/// One cell as read.
#[derive(Debug, Clone, PartialEq)]
pub enum Cell {
    Empty,
    Number(f64),
    Text(String),
    /// A value that is neither a number nor text (a date, a boolean, an
    /// error such as `#N/A`), described for messages.
    Other(String),
}

/// The cells of one sheet.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Grid {
    /// The sheet's name (empty for CSV).
    pub sheet: String,
    pub rows: Vec<Vec<Cell>>,
    /// 0-based row and column of `rows[0][0]` in the sheet.
    pub origin: (u32, u32),
}

impl Grid {
    /// The cell at a row and column of the grid, or `Empty` past its edge.
    pub fn get(&self, row: usize, col: usize) -> &Cell {
        self.rows
            .get(row)
            .and_then(|r| r.get(col))
            .unwrap_or(&Cell::Empty)
    }
    /// How many columns the widest row has.
    pub fn width(&self) -> usize {
        self.rows.iter().map(Vec::len).max().unwrap_or(0)
    }
    /// The Excel name of a grid cell: `B7`.
    pub fn name(&self, row: usize, col: usize) -> String {
        cell_name(self.origin.0 + row as u32, self.origin.1 + col as u32)
    }
}

/// The Excel name of a 0-based sheet position: (6, 1) → `B7`.
pub fn cell_name(row: u32, col: u32) -> String {
    let mut letters = Vec::new();
    let mut c = col + 1;
    while c > 0 {
        let rem = (c - 1) % 26;
        letters.push(char::from(b'A' + rem as u8));
        c = (c - 1) / 26;
    }
    letters.iter().rev().collect::<String>() + &(row + 1).to_string()
}

/// Which reader a file needs.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SheetKind {
    Csv,
    /// XLSX (and XLS, XLSB, ODS, which calamine also reads).
    Workbook,
}

impl SheetKind {
    /// By the file's extension: `.csv`/`.txt` are CSV, the rest workbooks.
    pub fn from_path(path: &std::path::Path) -> SheetKind {
        match path
            .extension()
            .and_then(|e| e.to_str())
            .map(str::to_ascii_lowercase)
            .as_deref()
        {
            Some("csv" | "txt") => SheetKind::Csv,
            _ => SheetKind::Workbook,
        }
    }
}

/// Reads a sheet: for a workbook the one named, else the first.
pub fn read(bytes: &[u8], kind: SheetKind, sheet: Option<&str>) -> Result<Grid, ImportError> {
    match kind {
        SheetKind::Csv => from_csv(bytes),
        SheetKind::Workbook => from_workbook(bytes, sheet),
    }
}

fn from_data(d: &Data) -> Cell {
    match d {
        Data::Empty => Cell::Empty,
        Data::Int(i) => Cell::Number(*i as f64),
        Data::Float(f) => Cell::Number(*f),
        Data::String(s) => Cell::Text(s.clone()),
        Data::Bool(b) => Cell::Other(format!("the boolean {}", if *b { "TRUE" } else { "FALSE" })),
        Data::DateTime(_) | Data::DateTimeIso(_) => Cell::Other("a date".to_owned()),
        Data::DurationIso(_) => Cell::Other("a duration".to_owned()),
        Data::Error(e) => Cell::Other(format!("the error {e}")),
    }
}

/// Reads a workbook's sheet.
pub fn from_workbook(bytes: &[u8], sheet: Option<&str>) -> Result<Grid, ImportError> {
    let mut wb = open_workbook_auto_from_rs(Cursor::new(bytes))
        .map_err(|e| ImportError::Workbook(e.to_string()))?;
    let names = wb.sheet_names();
    let name = match sheet {
        Some(n) => names
            .iter()
            .find(|s| s.as_str() == n)
            .cloned()
            .ok_or_else(|| ImportError::NoSheet {
                name: n.to_owned(),
                available: names.join(", "),
            })?,
        None => names.first().cloned().ok_or(ImportError::NoSheets)?,
    };
    let range = wb
        .worksheet_range(&name)
        .map_err(|e| ImportError::Workbook(format!("sheet \"{name}\": {e}")))?;
    let origin = range.start().unwrap_or((0, 0));
    let rows = range
        .rows()
        .map(|r| r.iter().map(from_data).collect())
        .collect();
    Ok(Grid {
        sheet: name,
        rows,
        origin,
    })
}

/// Reads a CSV file (UTF-8, with or without a byte-order mark). Every cell is
/// text; a leading `'` that guotang's export put before formula-like text is
/// taken off again.
pub fn from_csv(bytes: &[u8]) -> Result<Grid, ImportError> {
    let text = std::str::from_utf8(bytes).map_err(|e| ImportError::NotUtf8(e.to_string()))?;
    let text = text.strip_prefix('\u{FEFF}').unwrap_or(text);
    let mut reader = csv::ReaderBuilder::new()
        .has_headers(false)
        .flexible(true)
        .from_reader(text.as_bytes());
    let mut rows = Vec::new();
    for record in reader.records() {
        let record = record.map_err(|e| ImportError::Csv {
            line: e.position().map_or(0, |p| p.line()),
            message: e.to_string(),
        })?;
        rows.push(
            record
                .iter()
                .map(|f| {
                    let f = match f.strip_prefix('\'') {
                        Some(rest) if rest.starts_with(['=', '+', '-', '@', '\t', '\r']) => rest,
                        _ => f,
                    };
                    if f.trim().is_empty() {
                        Cell::Empty
                    } else {
                        Cell::Text(f.to_owned())
                    }
                })
                .collect(),
        );
    }
    Ok(Grid {
        sheet: String::new(),
        rows,
        origin: (0, 0),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cells_are_named_like_excel() {
        assert_eq!(cell_name(0, 0), "A1");
        assert_eq!(cell_name(6, 1), "B7");
        assert_eq!(cell_name(0, 25), "Z1");
        assert_eq!(cell_name(0, 26), "AA1");
        assert_eq!(cell_name(9, 701), "ZZ10");
        assert_eq!(cell_name(0, 702), "AAA1");
    }

    #[test]
    fn csv_drops_the_bom_and_the_formula_guard() {
        let g = from_csv("\u{FEFF}id,单位\nkfq,'=SUM(A1)\n".as_bytes()).unwrap();
        assert_eq!(g.get(0, 0), &Cell::Text("id".into()));
        assert_eq!(g.get(1, 1), &Cell::Text("=SUM(A1)".into()));
        assert_eq!(g.name(1, 1), "B2");
    }
}
