//! `guotang import` on spreadsheets as they come: tables laid out the way
//! government offices lay them out (tests/fixtures/spreadsheets), crafted
//! workbooks that would make a reader allocate without bound, and units
//! that share a name.

use std::io::{Cursor, Read, Write};
use std::path::{Path, PathBuf};

use assert_cmd::Command;

fn root() -> &'static Path {
    Path::new(env!("CARGO_MANIFEST_DIR"))
}

/// A copy of a snapshot in a temporary directory.
fn copy(path: &Path) -> (tempfile::TempDir, PathBuf) {
    let dir = tempfile::tempdir().unwrap();
    let to = dir.path().join("meeting.json");
    std::fs::copy(path, &to).unwrap();
    (dir, to)
}

fn guotang(dir: &Path) -> Command {
    let mut cmd = Command::cargo_bin("guotang").unwrap();
    cmd.env("LANG", "C.UTF-8")
        .env("GUOTANG_DATA_DIR", dir.join("data"))
        .env("GUOTANG_STATE_DIR", dir.join("state"));
    cmd
}

struct Run {
    ok: bool,
    code: Option<i32>,
    stdout: String,
    stderr: String,
}

fn import_with(cmd: &mut Command, file: &Path, from: &Path, extra: &[&str]) -> Run {
    let out = cmd
        .arg("import")
        .arg(file)
        .arg("--from")
        .arg(from)
        .args(extra)
        .output()
        .unwrap();
    Run {
        ok: out.status.success(),
        code: out.status.code(),
        stdout: String::from_utf8_lossy(&out.stdout).into_owned(),
        stderr: String::from_utf8_lossy(&out.stderr).into_owned(),
    }
}

fn import(file: &Path, from: &Path, extra: &[&str]) -> Run {
    let dir = file.parent().unwrap().to_owned();
    import_with(&mut guotang(&dir), file, from, extra)
}

/// The address space a child may use: enough for guotang, far from enough
/// for a reader that builds what a crafted workbook asks for.
#[cfg(all(target_os = "linux", target_env = "gnu"))]
const ADDRESS_SPACE: u64 = 512 * 1024 * 1024;

/// `guotang` with its address space limited, so a reader that allocates
/// what a crafted file asks for fails at once instead of paging the machine.
#[cfg(all(target_os = "linux", target_env = "gnu"))]
fn bounded(dir: &Path) -> Command {
    use std::os::unix::process::CommandExt;
    let mut std_cmd = std::process::Command::new(assert_cmd::cargo::cargo_bin("guotang"));
    std_cmd
        .env("LANG", "C.UTF-8")
        .env("GUOTANG_DATA_DIR", dir.join("data"))
        .env("GUOTANG_STATE_DIR", dir.join("state"));
    // SAFETY: setrlimit is async-signal-safe; nothing else runs between
    // fork and exec.
    unsafe {
        std_cmd.pre_exec(|| {
            let lim = libc::rlimit {
                rlim_cur: ADDRESS_SPACE,
                rlim_max: ADDRESS_SPACE,
            };
            if libc::setrlimit(libc::RLIMIT_AS, &lim) != 0 {
                return Err(std::io::Error::last_os_error());
            }
            Ok(())
        });
    }
    Command::from_std(std_cmd)
}

#[cfg(not(all(target_os = "linux", target_env = "gnu")))]
fn bounded(dir: &Path) -> Command {
    guotang(dir)
}

/// A workbook's parts, to be rewritten.
fn parts(xlsx: &[u8]) -> Vec<(String, Vec<u8>)> {
    let mut zip = zip::ZipArchive::new(Cursor::new(xlsx)).unwrap();
    (0..zip.len())
        .map(|i| {
            let mut f = zip.by_index(i).unwrap();
            let mut bytes = Vec::new();
            f.read_to_end(&mut bytes).unwrap();
            (f.name().unwrap().to_string(), bytes)
        })
        .collect()
}

/// A workbook with one part replaced by what `write` streams into it.
fn with_part(xlsx: &[u8], name: &str, write: impl Fn(&mut dyn Write)) -> Vec<u8> {
    let mut out = zip::ZipWriter::new(Cursor::new(Vec::new()));
    let opts = zip::write::SimpleFileOptions::default()
        .compression_method(zip::CompressionMethod::Deflated)
        .compression_level(Some(1))
        .large_file(true);
    for (n, bytes) in parts(xlsx) {
        out.start_file(n.as_str(), opts).unwrap();
        if n == name {
            write(&mut out);
        } else {
            out.write_all(&bytes).unwrap();
        }
    }
    out.finish().unwrap().into_inner()
}

fn small_xlsx(build: impl Fn(&mut rust_xlsxwriter::Worksheet)) -> Vec<u8> {
    let mut wb = rust_xlsxwriter::Workbook::new();
    let ws = wb.add_worksheet();
    build(ws);
    wb.save_to_buffer().unwrap()
}

#[test]
fn a_sheet_spanning_a_million_rows_is_refused_before_it_is_read() {
    let (dir, file) = copy(&root().join("assets/demo.json"));
    let before = std::fs::read(&file).unwrap();
    // Two cells: A1 and the last cell a sheet can have. A dense table of
    // the rectangle between them would take 549 GB.
    let bytes = small_xlsx(|ws| {
        ws.write_string(0, 0, "id").unwrap();
        ws.write_number(1_048_575, 16_383, 1.0).unwrap();
    });
    assert!(bytes.len() < 8 * 1024, "{} bytes", bytes.len());
    let sheet = dir.path().join("far.xlsx");
    std::fs::write(&sheet, &bytes).unwrap();
    let r = import_with(&mut bounded(dir.path()), &file, &sheet, &["--dry-run"]);
    assert_eq!(r.code, Some(1), "{}", r.stderr);
    assert!(r.stderr.contains("A1:XFD1048576"), "{}", r.stderr);
    assert!(r.stderr.contains("100000 cells"), "{}", r.stderr);
    assert!(r.stderr.contains("nothing was changed"), "{}", r.stderr);
    assert_eq!(std::fs::read(&file).unwrap(), before);
}

#[test]
fn a_huge_string_in_a_small_workbook_is_refused_before_it_is_read() {
    let (dir, file) = copy(&root().join("assets/demo.json"));
    let base = small_xlsx(|ws| {
        ws.write_string(0, 0, "id").unwrap();
    });
    // 640 MB of one inline string, deflated to well under a MB: past the address
    // space a reader that holds it would need.
    const CHUNK: usize = 1 << 20;
    const CHUNKS: usize = 640;
    let bytes = with_part(&base, "xl/worksheets/sheet1.xml", |w| {
        w.write_all(
            br#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?><worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData><row r="1"><c r="A1" t="inlineStr"><is><t>"#,
        )
        .unwrap();
        let chunk = vec![b'a'; CHUNK];
        for _ in 0..CHUNKS {
            w.write_all(&chunk).unwrap();
        }
        w.write_all(b"</t></is></c></row></sheetData></worksheet>")
            .unwrap();
    });
    assert!(bytes.len() < 8 * 1024 * 1024, "{} bytes", bytes.len());
    let sheet = dir.path().join("long.xlsx");
    std::fs::write(&sheet, &bytes).unwrap();
    let r = import_with(&mut bounded(dir.path()), &file, &sheet, &[]);
    assert_eq!(r.code, Some(1), "{}", r.stderr);
    assert!(
        r.stderr
            .contains("xl/worksheets/sheet1.xml holds a text of more than 1 MB"),
        "{}",
        r.stderr
    );
}

#[test]
fn a_cell_text_over_a_megabyte_is_refused() {
    let (dir, file) = copy(&root().join("assets/demo.json"));
    let base = small_xlsx(|ws| {
        ws.write_string(0, 0, "id").unwrap();
        ws.write_string(0, 1, "investment").unwrap();
    });
    // Shared strings are read when the workbook opens, before any sheet.
    let bytes = with_part(&base, "xl/sharedStrings.xml", |w| {
        w.write_all(
            br#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?><sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" count="2" uniqueCount="2"><si><t>"#,
        )
        .unwrap();
        w.write_all(&vec![b'x'; 2 << 20]).unwrap();
        w.write_all(b"</t></si><si><t>investment</t></si></sst>")
            .unwrap();
    });
    let sheet = dir.path().join("text.xlsx");
    std::fs::write(&sheet, &bytes).unwrap();
    let r = import(&file, &sheet, &["--dry-run"]);
    assert_eq!(r.code, Some(1), "{}", r.stderr);
    assert!(
        r.stderr
            .contains("xl/sharedStrings.xml holds a text of more than 1 MB"),
        "{}",
        r.stderr
    );
}

#[test]
fn a_csv_of_commas_is_refused_before_it_is_held() {
    let (dir, file) = copy(&root().join("assets/demo.json"));
    let sheet = dir.path().join("commas.csv");
    // 4 million empty fields on one line: 128 MB as a table of cells.
    let mut text = String::from("id,investment\n");
    text.push_str(&",".repeat(4_000_000));
    std::fs::write(&sheet, text).unwrap();
    let r = import(&file, &sheet, &["--dry-run"]);
    assert_eq!(r.code, Some(1), "{}", r.stderr);
    assert!(
        r.stderr.contains("more than 1000000 fields"),
        "{}",
        r.stderr
    );
}

#[test]
fn an_ordinary_workbook_still_imports() {
    let (dir, file) = copy(&root().join("assets/demo.json"));
    let bytes = small_xlsx(|ws| {
        ws.write_string(0, 0, "id").unwrap();
        ws.write_string(0, 1, "investment").unwrap();
        ws.write_string(1, 0, "donghu").unwrap();
        ws.write_number(1, 1, 77.0).unwrap();
    });
    let sheet = dir.path().join("ok.xlsx");
    std::fs::write(&sheet, &bytes).unwrap();
    let r = import(&file, &sheet, &["--dry-run"]);
    assert!(r.ok, "{}", r.stderr);
    assert!(r.stdout.contains("→ 77"), "{}", r.stdout);
}
