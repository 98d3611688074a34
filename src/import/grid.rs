//! A sheet as a grid of cells that remembers where it sits in the sheet, so
//! that every message can name a cell the way Excel does (`B7`).

use std::io::Cursor;

use calamine::{Data, DataRef, Dimensions, Reader, Sheets, open_workbook_auto_from_rs};

use super::ImportError;
use super::bounds::{self, Span};

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
    /// Merged regions, in grid positions: the first and the last cell
    /// (row, column) of each; the text sits in the first.
    pub merged: Vec<((usize, usize), (usize, usize))>,
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
    /// A sheet region in grid positions, cut to the grid; `None` when it
    /// lies outside.
    fn clip(&self, start: (u32, u32), end: (u32, u32)) -> Option<((usize, usize), (usize, usize))> {
        let (r0, c0) = self.origin;
        let rows = self.rows.len() as u32;
        let cols = self.width() as u32;
        if end.0 < r0 || end.1 < c0 || start.0 >= r0 + rows || start.1 >= c0 + cols {
            return None;
        }
        let first = (start.0.max(r0) - r0, start.1.max(c0) - c0);
        let last = ((end.0 - r0).min(rows - 1), (end.1 - c0).min(cols - 1));
        Some((
            (first.0 as usize, first.1 as usize),
            (last.0 as usize, last.1 as usize),
        ))
    }
    /// The merged region `(row, col)` lies in, if any.
    pub fn merge_of(&self, row: usize, col: usize) -> Option<((usize, usize), (usize, usize))> {
        self.merged
            .iter()
            .copied()
            .find(|&((r0, c0), (r1, c1))| (r0..=r1).contains(&row) && (c0..=c1).contains(&col))
    }
    /// A grid of text cells (`""` empty), for tests.
    #[cfg(test)]
    pub(crate) fn from_texts(rows: &[&[&str]]) -> Grid {
        let cell = |t: &&str| match *t {
            "" => Cell::Empty,
            t => Cell::Text(t.to_owned()),
        };
        Grid {
            rows: rows.iter().map(|r| r.iter().map(cell).collect()).collect(),
            ..Grid::default()
        }
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

fn from_ref(d: &DataRef<'_>) -> Cell {
    match d {
        DataRef::Empty => Cell::Empty,
        DataRef::Int(i) => Cell::Number(*i as f64),
        DataRef::Float(f) => Cell::Number(*f),
        DataRef::String(s) => Cell::Text(s.clone()),
        DataRef::SharedString(s) => Cell::Text((*s).to_owned()),
        DataRef::Bool(b) => {
            Cell::Other(format!("the boolean {}", if *b { "TRUE" } else { "FALSE" }))
        }
        DataRef::DateTime(_) | DataRef::DateTimeIso(_) => Cell::Other("a date".to_owned()),
        DataRef::DurationIso(_) => Cell::Other("a duration".to_owned()),
        DataRef::Error(e) => Cell::Other(format!("the error {e}")),
    }
}

/// Cells as they stream from a reader, counted before any table is built.
struct Sparse {
    sheet: String,
    cells: Vec<((u32, u32), Cell)>,
    span: Span,
}

impl Sparse {
    fn new(sheet: &str) -> Sparse {
        Sparse {
            sheet: sheet.to_owned(),
            cells: Vec::new(),
            span: Span::default(),
        }
    }

    fn push(&mut self, pos: (u32, u32), cell: Cell) -> Result<(), ImportError> {
        if matches!(cell, Cell::Empty) {
            return Ok(());
        }
        self.span.add(&self.sheet, pos)?;
        self.cells.push((pos, cell));
        Ok(())
    }

    /// The table of the cells, once their rectangle is known to be small.
    fn into_grid(self, merged: &[Dimensions]) -> Result<Grid, ImportError> {
        self.span.check_area(&self.sheet)?;
        let (Some((r0, r1)), Some((c0, c1))) = (self.span.rows, self.span.cols) else {
            return Ok(Grid {
                sheet: self.sheet,
                ..Grid::default()
            });
        };
        let width = (c1 - c0) as usize + 1;
        let mut rows = vec![vec![Cell::Empty; width]; (r1 - r0) as usize + 1];
        for ((r, c), cell) in self.cells {
            rows[(r - r0) as usize][(c - c0) as usize] = cell;
        }
        let mut grid = Grid {
            sheet: self.sheet,
            rows,
            origin: (r0, c0),
            merged: Vec::new(),
        };
        grid.merged = merged
            .iter()
            .filter_map(|d| grid.clip(d.start, d.end))
            .take(MAX_MERGES)
            .collect();
        Ok(grid)
    }
}

/// The most merged regions kept (a header has a few dozen).
const MAX_MERGES: usize = 10_000;

/// The names of a workbook's sheets, in its order.
pub fn sheet_names(bytes: &[u8]) -> Result<Vec<String>, ImportError> {
    if bounds::is_zip(bytes) {
        bounds::check_zip(bytes)?;
    }
    let wb = open_workbook_auto_from_rs(Cursor::new(bytes))
        .map_err(|e| ImportError::Workbook(e.to_string()))?;
    Ok(wb.sheet_names())
}

/// Reads a workbook's sheet. Zipped workbooks are checked part by part
/// before the reader opens them, and cells are counted as they stream in
/// (see [`super::bounds`]).
pub fn from_workbook(bytes: &[u8], sheet: Option<&str>) -> Result<Grid, ImportError> {
    if bounds::is_zip(bytes) {
        bounds::check_zip(bytes)?;
    }
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
    let bad = |e: &dyn std::fmt::Display| ImportError::Workbook(format!("sheet \"{name}\": {e}"));
    let mut sparse = Sparse::new(&name);
    let merged = match &mut wb {
        Sheets::Xlsx(x) => {
            {
                let mut cells = x.worksheet_cells_reader(&name).map_err(|e| bad(&e))?;
                while let Some(c) = cells.next_cell().map_err(|e| bad(&e))? {
                    sparse.push(c.get_position(), from_ref(c.get_value()))?;
                }
            }
            x.merge_cells_by_sheet_name(&name).unwrap_or_default()
        }
        Sheets::Xlsb(x) => {
            let mut cells = x.worksheet_cells_reader(&name).map_err(|e| bad(&e))?;
            while let Some(c) = cells.next_cell().map_err(|e| bad(&e))? {
                sparse.push(c.get_position(), from_ref(c.get_value()))?;
            }
            Vec::new()
        }
        // An xls is parsed whole when opened (at most 65,536 × 256 cells);
        // an ods part was checked above.
        other => {
            let range = other.worksheet_range(&name).map_err(|e| bad(&e))?;
            for (r, c, d) in range.used_cells() {
                let (r0, c0) = range.start().unwrap_or((0, 0));
                sparse.push((r0 + r as u32, c0 + c as u32), from_data(d))?;
            }
            match other {
                Sheets::Xls(x) => x.merge_cells_by_sheet_name(&name).unwrap_or_default(),
                _ => Vec::new(),
            }
        }
    };
    sparse.into_grid(&merged)
}

/// The most fields (empty ones too) a CSV file may have.
const MAX_CSV_FIELDS: u64 = 10 * bounds::MAX_CELLS;

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
    let mut fields = 0u64;
    let mut span = Span::default();
    for record in reader.records() {
        let record = record.map_err(|e| ImportError::Csv {
            line: e.position().map_or(0, |p| p.line()),
            message: e.to_string(),
        })?;
        // Every field is kept, empty or not: a line of commas counts too.
        fields += record.len() as u64;
        if fields > MAX_CSV_FIELDS {
            return Err(ImportError::TooLarge(format!(
                "the file has more than {MAX_CSV_FIELDS} fields; files over that are refused"
            )));
        }
        for (c, f) in record.iter().enumerate() {
            if !f.trim().is_empty() {
                span.add("CSV", (rows.len() as u32, c as u32))?;
            }
        }
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
        merged: Vec::new(),
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
