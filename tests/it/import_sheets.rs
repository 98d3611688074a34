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

fn fixture(name: &str) -> PathBuf {
    root().join("tests/fixtures/spreadsheets").join(name)
}

/// The rows of a CSV fixture, as text.
fn csv_rows(name: &str) -> Vec<Vec<String>> {
    let text = std::fs::read_to_string(fixture(name)).unwrap();
    let text = text.trim_start_matches('\u{FEFF}');
    csv::ReaderBuilder::new()
        .has_headers(false)
        .flexible(true)
        .from_reader(text.as_bytes())
        .records()
        .map(|r| r.unwrap().iter().map(str::to_owned).collect())
        .collect()
}

/// The office's table as Excel keeps it: the title, the 填报单位 line, the
/// metric names and 序号/单位 merged over two header rows, figures as
/// numbers, 完成率 as percentages and the 合计 row as SUM formulas with
/// their results, the footnotes merged across the table.
fn office_xlsx(rows: &[Vec<String>]) -> Vec<u8> {
    use rust_xlsxwriter::{Format, Formula, Workbook};
    let mut wb = Workbook::new();
    let ws = wb.add_worksheet();
    ws.set_name("1-4月").unwrap();
    let plain = Format::new();
    let pct = Format::new().set_num_format("0.0%");
    let last = rows.len() as u32 - 1;
    for (r, row) in rows.iter().enumerate() {
        let r = r as u32;
        for (c, text) in row.iter().enumerate() {
            let c = c as u16;
            if text.is_empty() {
                continue;
            }
            let data_row = (4..last - 2).contains(&r);
            if r == last - 2 && c >= 2 {
                // 合计: the sum of the rows above, as Excel stores it.
                let letter = char::from(b'A' + c as u8);
                let f = if text.ends_with('%') {
                    Formula::new(format!("={letter}13")).set_result("0")
                } else {
                    Formula::new(format!("=SUM({letter}5:{letter}12)")).set_result(text.as_str())
                };
                ws.write_formula(r, c, f).unwrap();
            } else if let Some(p) = text.strip_suffix('%').filter(|_| data_row) {
                ws.write_number_with_format(r, c, p.parse::<f64>().unwrap() / 100.0, &pct)
                    .unwrap();
            } else if let (true, Ok(n)) = (data_row && c != 1, text.parse::<f64>()) {
                ws.write_number(r, c, n).unwrap();
            } else {
                ws.write_string(r, c, text).unwrap();
            }
        }
    }
    let text = |r: u32, c: u16| rows[r as usize][c as usize].clone();
    for (r0, c0, r1, c1) in [
        (0, 0, 0, 7),
        (1, 0, 1, 4),
        (1, 5, 1, 7),
        (2, 0, 3, 0),
        (2, 1, 3, 1),
        (2, 2, 2, 4),
        (2, 5, 2, 7),
        (last - 2, 0, last - 2, 1),
        (last - 1, 0, last - 1, 7),
        (last, 0, last, 7),
    ] {
        ws.merge_range(r0, c0, r1, c1, &text(r0, c0), &plain)
            .unwrap();
    }
    wb.save_to_buffer().unwrap()
}

/// What a dry run of the office's table must say, from xlsx or CSV.
fn assert_office_plan(r: &Run, merged: bool) {
    assert!(r.ok, "{}", r.stderr);
    let out = &r.stdout;
    // Each column says which header cells it was read from.
    let name = if merged { "C3:E3" } else { "C3" };
    for line in [
        format!("C  协议引资额 目标  ← {name} 「协议引资额（亿元）」 + C4 「目标」"),
        format!("D  协议引资额 完成  ← {name} 「协议引资额（亿元）」 + D4 「完成」"),
    ] {
        assert!(out.contains(&line), "{line}\n{out}");
    }
    assert!(out.contains("F  新签约项目 目标"), "{out}");
    assert!(out.contains("G  新签约项目 完成"), "{out}");
    // The actuals move on; no target is ever written into an actual.
    assert!(out.contains("D6   东湖镇 (donghu)"), "{out}");
    assert!(out.contains("9.0 → 10.0"), "{out}");
    assert!(
        !out.contains("9.0 → 20.0"),
        "a target read as an actual:\n{out}"
    );
    assert!(out.contains("匹配单位行 8，10 处修改"), "{out}");
    // 合计 is checked, not a unit; the footnotes are read past; 完成率 is computed.
    assert!(
        out.contains("合计行，已核对，不写入（1）：A13 「合计」"),
        "{out}"
    );
    assert!(!out.contains("合计与各行之和不符"), "{out}");
    assert!(!out.contains("跳过的行"), "{out}");
    assert!(
        out.contains("无数字的行（注释等），不读取（2）：A14"),
        "{out}"
    );
    let sn = if merged {
        "A3:A4 「序号」"
    } else {
        "A3 「序号」"
    };
    assert!(
        out.contains(&format!(
            "计算列，不读取（3）：{sn}、{name} + E4 「协议引资额（亿元） 完成率」"
        )),
        "{out}"
    );
}

#[test]
fn an_office_table_with_two_header_rows_reads_targets_and_actuals_apart() {
    let (dir, file) = copy(&fixture("county.json"));
    let rows = csv_rows("office_two_level.csv");
    let sheet = dir.path().join("统计表.xlsx");
    std::fs::write(&sheet, office_xlsx(&rows)).unwrap();
    let r = import(&file, &sheet, &["--dry-run"]);
    assert_office_plan(&r, true);

    let r = import(&file, &sheet, &[]);
    assert!(r.ok, "{}", r.stderr);
    let json: serde_json::Value = serde_json::from_slice(&std::fs::read(&file).unwrap()).unwrap();
    let donghu = &json["units"][1];
    assert_eq!(donghu["targets"]["investment"], 20);
    assert_eq!(donghu["actuals"]["investment"], 10);
    assert_eq!(json["units"][7]["actuals"]["investment"], 24.3);
    assert_eq!(json["units"][7]["actuals"]["signed"], 5);
}

#[test]
fn the_same_table_as_csv_reads_the_same() {
    let (_dir, file) = copy(&fixture("county.json"));
    let r = import(&file, &fixture("office_two_level.csv"), &["--dry-run"]);
    assert_office_plan(&r, false);
}

#[test]
fn a_total_that_does_not_add_up_is_warned_about() {
    let (dir, file) = copy(&fixture("county.json"));
    let text = std::fs::read_to_string(fixture("office_two_level.csv")).unwrap();
    let wrong = text.replace("合计,,170,68.4,", "合计,,170,70.4,");
    assert_ne!(wrong, text);
    let sheet = dir.path().join("wrong.csv");
    std::fs::write(&sheet, wrong).unwrap();
    let r = import(&file, &sheet, &["--dry-run"]);
    assert!(r.ok, "{}", r.stderr);
    assert!(
        r.stdout.contains(
            "警告：合计与各行之和不符：D13 「合计」 协议引资额 完成 70.4，各行之和 68.4（8 行）"
        ),
        "{}",
        r.stdout
    );
}

#[test]
fn subtotals_are_checked_against_their_own_rows() {
    let (dir, file) = copy(&fixture("county.json"));
    let sheet = dir.path().join("groups.csv");
    std::fs::write(
        &sheet,
        "单位,协议引资额,\n,全年任务,1—4月累计完成\n城关镇,30,13.5\n东湖镇,20,10\n乡镇小计,50,23.5\n经济开发区,60,24.3\n园区小计,60,25\n总计,110,47.8\n",
    )
    .unwrap();
    let r = import(&file, &sheet, &["--dry-run"]);
    assert!(r.ok, "{}", r.stderr);
    assert!(r.stdout.contains("A5 「乡镇小计」"), "{}", r.stdout);
    assert!(
        r.stdout
            .contains("C7 「园区小计」 协议引资额 完成 25.0，各行之和 24.3（1 行）"),
        "{}",
        r.stdout
    );
    assert!(!r.stdout.contains("「总计」 协议引资额"), "{}", r.stdout);
    assert!(
        !r.stdout.contains("「乡镇小计」 协议引资额"),
        "{}",
        r.stdout
    );
}

#[test]
fn a_name_two_units_share_is_refused_naming_both() {
    let (dir, file) = copy(&fixture("county.json"));
    let mut json: serde_json::Value =
        serde_json::from_slice(&std::fs::read(&file).unwrap()).unwrap();
    json["units"][6]["name"] = "东湖镇".into();
    std::fs::write(&file, serde_json::to_vec_pretty(&json).unwrap()).unwrap();
    let before = std::fs::read(&file).unwrap();
    let sheet = dir.path().join("names.csv");
    std::fs::write(&sheet, "单位,协议引资额\n东湖镇,11\n城关镇,14\n").unwrap();
    let r = import(&file, &sheet, &[]);
    assert!(r.ok, "{}", r.stderr);
    assert!(
        r.stdout.contains(
            "未读取的行，同名单位不止一个（请改用 id）（1）：A2 「东湖镇」 → donghu、baisha"
        ),
        "{}",
        r.stdout
    );
    assert!(r.stdout.contains("城关镇 (chengguan)"), "{}", r.stdout);
    let after: serde_json::Value = serde_json::from_slice(&std::fs::read(&file).unwrap()).unwrap();
    assert_eq!(after["units"][1]["actuals"]["investment"], 9.0);
    assert_eq!(after["units"][6]["actuals"]["investment"], 1.5);
    assert_eq!(after["units"][0]["actuals"]["investment"], 14);
    assert_ne!(std::fs::read(&file).unwrap(), before);
}
