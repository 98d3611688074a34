//! Limits on what a workbook may make the reader hold, checked before the
//! reader sees it: a 1.5 KB xlsx that names cell XFD1048576 once asked for
//! 549 GB, and a 2 MB xlsx holding one 2 GB string grew past 4.9 GB.
//!
//! An xlsx (or ods, xlsb) is a zip of XML. Every part the reader parses is
//! decompressed here first, in small pieces and never kept, so that neither
//! a part's declared size nor its real one can make anyone allocate more
//! than [`MAX_PART_BYTES`]; the longest text between two tags bounds what
//! one cell can hold. The cells themselves are counted as they stream (see
//! `grid`), before any dense table is built.

use std::io::{Cursor, Read};

use super::ImportError;

/// The most cells (non-empty ones, and the rectangle they span) a sheet may
/// have. A unit × metric sheet has a few thousand.
pub const MAX_CELLS: u64 = 100_000;
/// The longest text a cell may hold.
pub const MAX_CELL_TEXT: u64 = 1024 * 1024;
/// The most one part of a workbook (a sheet's XML, its shared strings) may
/// hold once decompressed.
pub const MAX_PART_BYTES: u64 = 64 * 1024 * 1024;
/// The most all parsed parts may hold together.
pub const MAX_TOTAL_BYTES: u64 = 256 * 1024 * 1024;
/// The most parts a workbook may have.
const MAX_PARTS: usize = 10_000;

/// Whether `bytes` is a zip archive (xlsx, xlsb, ods), not an older xls.
pub fn is_zip(bytes: &[u8]) -> bool {
    bytes.starts_with(b"PK\x03\x04")
}

/// Parts a reader parses: XML (and xlsb's binary records).
fn parsed(name: &str) -> bool {
    let n = name.to_ascii_lowercase();
    [".xml", ".rels", ".bin", ".vml"]
        .iter()
        .any(|e| n.ends_with(e))
}

/// Checks every parsed part of a zipped workbook against the limits.
pub fn check_zip(bytes: &[u8]) -> Result<(), ImportError> {
    let mut zip = zip::ZipArchive::new(Cursor::new(bytes))
        .map_err(|e| ImportError::Workbook(e.to_string()))?;
    if zip.len() > MAX_PARTS {
        return Err(ImportError::TooLarge(format!(
            "the workbook has {} parts; more than {MAX_PARTS} are refused",
            zip.len()
        )));
    }
    let mut total = 0u64;
    let mut buf = vec![0u8; 64 * 1024];
    for i in 0..zip.len() {
        let mut part = zip
            .by_index(i)
            .map_err(|e| ImportError::Workbook(e.to_string()))?;
        let name = part
            .name()
            .map(|n| crate::sanitize::one_line(&n).into_owned())
            .unwrap_or_default();
        if part.is_dir() || !parsed(&name) {
            continue;
        }
        let xml = !name.to_ascii_lowercase().ends_with(".bin");
        let mut scan = Scan::default();
        loop {
            let n = match part.read(&mut buf) {
                Ok(0) => break,
                Ok(n) => n,
                Err(e) => return Err(ImportError::Workbook(format!("{name}: {e}"))),
            };
            scan.bytes += n as u64;
            total += n as u64;
            if scan.bytes > MAX_PART_BYTES {
                return Err(ImportError::TooLarge(format!(
                    "{name} holds more than {} MB once unpacked; parts over that are refused",
                    MAX_PART_BYTES / (1024 * 1024)
                )));
            }
            if total > MAX_TOTAL_BYTES {
                return Err(ImportError::TooLarge(format!(
                    "the workbook holds more than {} MB once unpacked; workbooks over that are refused",
                    MAX_TOTAL_BYTES / (1024 * 1024)
                )));
            }
            if xml {
                scan.text(&buf[..n]);
                if scan.longest > MAX_CELL_TEXT {
                    return Err(ImportError::TooLarge(format!(
                        "{name} holds a text of more than {} MB (a cell's text?); texts over that are refused",
                        MAX_CELL_TEXT / (1024 * 1024)
                    )));
                }
            }
        }
    }
    Ok(())
}

/// Bytes seen in one part, and the longest run of text between tags.
#[derive(Default)]
struct Scan {
    bytes: u64,
    in_tag: bool,
    run: u64,
    longest: u64,
}

impl Scan {
    fn text(&mut self, chunk: &[u8]) {
        for &b in chunk {
            match b {
                b'<' => {
                    self.in_tag = true;
                    self.run = 0;
                }
                b'>' => self.in_tag = false,
                _ if !self.in_tag => {
                    self.run += 1;
                    self.longest = self.longest.max(self.run);
                }
                _ => {}
            }
        }
    }
}

/// The cells a sheet spans, checked as they stream in.
#[derive(Debug, Default)]
pub struct Span {
    pub count: u64,
    /// First and last row and column of the non-empty cells.
    pub rows: Option<(u32, u32)>,
    pub cols: Option<(u32, u32)>,
}

impl Span {
    /// Counts a non-empty cell; refuses once there are too many.
    pub fn add(&mut self, sheet: &str, (row, col): (u32, u32)) -> Result<(), ImportError> {
        self.count += 1;
        let widen = |r: Option<(u32, u32)>, x: u32| {
            Some(r.map_or((x, x), |(lo, hi)| (lo.min(x), hi.max(x))))
        };
        self.rows = widen(self.rows, row);
        self.cols = widen(self.cols, col);
        if self.count > MAX_CELLS {
            return Err(ImportError::TooLarge(format!(
                "sheet \"{sheet}\" has more than {MAX_CELLS} cells; sheets over that are refused"
            )));
        }
        Ok(())
    }

    /// How many cells the rectangle from the first to the last cell holds.
    pub fn area(&self) -> u64 {
        match (self.rows, self.cols) {
            (Some((r0, r1)), Some((c0, c1))) => (u64::from(r1 - r0) + 1) * (u64::from(c1 - c0) + 1),
            _ => 0,
        }
    }

    /// Refuses a sheet whose cells are spread over too large a rectangle
    /// (a table would hold every cell of it).
    pub fn check_area(&self, sheet: &str) -> Result<(), ImportError> {
        let area = self.area();
        if area > MAX_CELLS
            && let (Some((r0, r1)), Some((c0, c1))) = (self.rows, self.cols)
        {
            return Err(ImportError::TooLarge(format!(
                "sheet \"{sheet}\" spans {}:{} ({area} cells); sheets over {MAX_CELLS} cells are refused",
                super::cell_name(r0, c0),
                super::cell_name(r1, c1),
            )));
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_longest_text_between_tags_is_measured_across_chunks() {
        let mut s = Scan::default();
        s.text(b"<a>hello</a><b attr=\"xxxxxxxxxxxxxxx\">he");
        s.text(b"llo world</b>");
        assert_eq!(s.longest, 11);
    }

    #[test]
    fn a_span_counts_its_rectangle() {
        let mut s = Span::default();
        s.add("x", (0, 0)).unwrap();
        s.add("x", (1_048_575, 16_383)).unwrap();
        assert_eq!(s.area(), 1_048_576 * 16_384);
        let e = s.check_area("x").unwrap_err().to_string();
        assert!(e.contains("A1:XFD1048576"), "{e}");
    }
}
