//! Spreadsheets out and in: exports agree with `standings --json` when read
//! back, import → export → import is stable, and a bad sheet names its cell
//! and leaves the snapshot byte-identical.

use std::collections::HashMap;
use std::io::Cursor;
use std::path::{Path, PathBuf};

use assert_cmd::Command;
use calamine::{Data, Reader, open_workbook_auto_from_rs};
use serde_json::Value;

fn guotang() -> Command {
    let mut cmd = Command::cargo_bin("guotang").unwrap();
    cmd.env("LANG", "C.UTF-8");
    // Imports save through the store, which keeps backups: keep them out of the user's data dir.
    cmd.env(
        "GUOTANG_DATA_DIR",
        std::env::temp_dir().join("guotang-test-data"),
    );
    cmd
}

fn root() -> &'static Path {
    Path::new(env!("CARGO_MANIFEST_DIR"))
}

fn fixtures() -> Vec<PathBuf> {
    let mut out = vec![
        root().join("assets/demo.json"),
        root().join("tests/fixtures/cjk.json"),
        root().join("tests/fixtures/en.json"),
    ];
    let mut more: Vec<PathBuf> = std::fs::read_dir(root().join("tests/fixtures/standings"))
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| {
            let n = p.to_string_lossy();
            n.ends_with(".json") && !n.ends_with(".expected.json")
        })
        .collect();
    more.sort();
    out.extend(more);
    out
}

/// A copy of a snapshot in a temporary directory.
fn copy(path: &Path) -> (tempfile::TempDir, PathBuf) {
    let dir = tempfile::tempdir().unwrap();
    let to = dir.path().join("meeting.json");
    std::fs::copy(path, &to).unwrap();
    (dir, to)
}

fn standings_json(path: &Path) -> Value {
    let out = guotang()
        .args(["standings", "--json"])
        .arg(path)
        .output()
        .unwrap();
    assert!(out.status.success());
    serde_json::from_slice(&out.stdout).unwrap()
}

fn export(path: &Path, format: &str, what: &str) -> Vec<u8> {
    let out = guotang()
        .arg("export")
        .arg(path)
        .args(["--format", format, "--what", what])
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    out.stdout
}

/// A sheet read back: header row and rows of cells as calamine sees them.
fn read_xlsx(bytes: &[u8]) -> (Vec<String>, Vec<Vec<Data>>) {
    let mut wb = open_workbook_auto_from_rs(Cursor::new(bytes.to_vec())).unwrap();
    let name = wb.sheet_names()[0].clone();
    let range = wb.worksheet_range(&name).unwrap();
    let mut rows = range.rows().map(|r| r.to_vec());
    let head = rows.next().unwrap().iter().map(|c| c.to_string()).collect();
    (head, rows.collect())
}

fn read_csv(bytes: &[u8]) -> (Vec<String>, Vec<Vec<String>>) {
    let text = std::str::from_utf8(bytes).unwrap();
    let text = text
        .strip_prefix('\u{FEFF}')
        .expect("CSV starts with a BOM");
    let mut r = csv::ReaderBuilder::new()
        .has_headers(false)
        .from_reader(text.as_bytes());
    let mut rows = r
        .records()
        .map(|r| r.unwrap().iter().map(str::to_owned).collect::<Vec<_>>());
    let head = rows.next().unwrap();
    (head, rows.collect())
}

fn xlsx_num(d: &Data) -> Option<f64> {
    match d {
        Data::Empty => None,
        Data::Float(f) => Some(*f),
        Data::Int(i) => Some(*i as f64),
        other => panic!("expected a number cell, found {other:?}"),
    }
}

fn csv_num(s: &str) -> Option<f64> {
    (!s.is_empty()).then(|| s.parse().unwrap())
}

/// Checks one standings export (header + rows of optional numbers by column)
/// against standings --json.
/// Whether a figure read back is the figure of standings --json: exactly
/// (xlsx), or to the 15 significant digits CSV writes (`relative` > 0).
fn same(a: Option<f64>, b: Option<f64>, relative: f64) -> bool {
    match (a, b) {
        (Some(a), Some(b)) => (a - b).abs() <= relative * b.abs(),
        _ => a == b,
    }
}

fn check_standings(
    path: &Path,
    head: &[String],
    rows: Vec<(String, Vec<Option<f64>>)>,
    json: &Value,
    relative: f64,
) {
    assert_eq!(head[0], "id");
    let col = |names: &[&str]| {
        head.iter()
            .position(|h| names.contains(&h.as_str()))
            .unwrap()
    };
    let (rank, comp, gap) = (
        col(&["排名", "rank"]),
        col(&["综合完成", "composite"]),
        col(&["与第一差距", "behind first"]),
    );
    let units: HashMap<&str, &Value> = json["units"]
        .as_array()
        .unwrap()
        .iter()
        .map(|u| (u["id"].as_str().unwrap(), u))
        .collect();
    assert_eq!(rows.len(), units.len(), "{path:?}: one row per unit");
    for (id, cells) in rows {
        let u = units[id.as_str()];
        let (got, want) = (cells[rank], u["rank"].as_f64());
        assert!(
            same(got, want, relative),
            "{path:?} {id} rank: {got:?} vs {want:?}"
        );
        let (got, want) = (cells[comp], u["composite"].as_f64());
        assert!(
            same(got, want, relative),
            "{path:?} {id} composite: {got:?} vs {want:?}"
        );
        let (got, want) = (cells[gap], u["gap_first"].as_f64());
        assert!(
            same(got, want, relative),
            "{path:?} {id} gap: {got:?} vs {want:?}"
        );
        // Then each metric's target, actual, completion, in snapshot order.
        for (k, (mid, m)) in u["metrics"].as_object().unwrap().iter().enumerate() {
            let base = 9 + 3 * k;
            let (got, want) = (cells[base], m["target"].as_f64());
            assert!(
                same(got, want, relative),
                "{path:?} {id} {mid} target: {got:?} vs {want:?}"
            );
            let (got, want) = (cells[base + 1], m["actual"].as_f64());
            assert!(
                same(got, want, relative),
                "{path:?} {id} {mid} actual: {got:?} vs {want:?}"
            );
            let (got, want) = (cells[base + 2], m["completion"].as_f64());
            assert!(
                same(got, want, relative),
                "{path:?} {id} {mid} completion: {got:?} vs {want:?}"
            );
        }
    }
}

/// Columns that hold text, never numbers.
const TEXT_COLUMNS: [usize; 6] = [0, 1, 2, 6, 7, 8];
/// Format v2's text columns, after the metrics: the tier's id and colour,
/// the escalation.
const TIER_TEXT: [&str; 6] = [
    "牌id",
    "牌色",
    "升级处理",
    "card id",
    "card colour",
    "escalation",
];

fn is_text(head: &[String], c: usize) -> bool {
    TEXT_COLUMNS.contains(&c) || head.get(c).is_some_and(|h| TIER_TEXT.contains(&h.as_str()))
}

#[test]
fn standings_exports_agree_with_standings_json() {
    for path in fixtures() {
        let json = standings_json(&path);

        let (head, rows) = read_xlsx(&export(&path, "xlsx", "standings"));
        let rows = rows
            .into_iter()
            .map(|r| {
                let id = r[0].to_string();
                let nums = (0..head.len())
                    .map(|c| match r.get(c) {
                        Some(d) if is_text(&head, c) => {
                            assert!(matches!(d, Data::String(_) | Data::Empty), "{d:?}");
                            None
                        }
                        Some(d) => xlsx_num(d),
                        None => None,
                    })
                    .collect();
                (id, nums)
            })
            .collect();
        check_standings(&path, &head, rows, &json, 0.0);

        let (head, rows) = read_csv(&export(&path, "csv", "standings"));
        let rows = rows
            .into_iter()
            .map(|r| {
                let nums = r
                    .iter()
                    .enumerate()
                    .map(|(c, s)| if is_text(&head, c) { None } else { csv_num(s) })
                    .collect();
                (r[0].clone(), nums)
            })
            .collect();
        check_standings(&path, &head, rows, &json, 5e-15);
    }
}

#[test]
fn csv_figures_carry_no_binary_noise() {
    let (_dir, file) = copy(&root().join("tests/fixtures/spreadsheets/county.json"));
    let mut json: Value = serde_json::from_slice(&std::fs::read(&file).unwrap()).unwrap();
    // 0.3 / 0.1 is 2.9999999999999996 in binary arithmetic.
    json["units"][1]["targets"]["investment"] = serde_json::json!(0.1);
    json["units"][1]["actuals"]["investment"] = serde_json::json!(0.3);
    std::fs::write(&file, serde_json::to_vec_pretty(&json).unwrap()).unwrap();
    let (head, rows) = read_csv(&export(&file, "csv", "standings"));
    let col = |h: &str| head.iter().position(|x| x == h).unwrap();
    let row = |id: &str| rows.iter().find(|r| r[0] == id).unwrap();
    assert_eq!(row("donghu")[col("协议引资额完成率")], "3");
    assert_eq!(row("donghu")[col("协议引资额（亿元）")], "0.3");
    // The metric's decimals, as the console shows them.
    assert_eq!(row("chengguan")[col("协议引资额目标（亿元）")], "30.0");
    assert_eq!(row("chengguan")[col("新签约项目目标（个）")], "6");
    for r in &rows {
        for cell in r {
            assert!(!cell.contains("0000000"), "{cell} in {r:?}");
            assert!(!cell.contains("9999999"), "{cell} in {r:?}");
        }
    }
}

#[test]
fn seating_export_lists_every_seat_of_the_model() {
    // The CJK fixture's zones overflow; the demo's do not.
    for path in [
        root().join("assets/demo.json"),
        root().join("tests/fixtures/cjk.json"),
        root().join("tests/fixtures/real/zones_and_cards.json"),
        root().join("tests/fixtures/real/counts_no_targets.json"),
    ] {
        seating_matches(&path);
    }
}

fn seating_matches(path: &Path) {
    let doc = guotang::model::Document::from_bytes(&std::fs::read(path).unwrap()).unwrap();
    let st = guotang::model::compute(&doc.snapshot);
    let zones = guotang::model::order::seat(&doc.snapshot, &st);
    let (head, rows) = read_xlsx(&export(path, "xlsx", "seating"));
    assert_eq!(head[..4], ["区域", "牌", "排", "座"]);
    let seats: usize = zones.iter().map(|z| z.seats.len()).sum();
    let overflow: usize = zones
        .iter()
        .flat_map(|z| &z.overflow)
        .map(|&u| guotang::model::order::sitters(&doc.snapshot, u).len())
        .sum();
    let standing: usize = zones.iter().map(|z| z.standing.len()).sum();
    let unzoned: usize = guotang::model::order::unzoned(&doc.snapshot, &st)
        .iter()
        .map(|&u| guotang::model::order::sitters(&doc.snapshot, u).len())
        .sum();
    assert_eq!(rows.len(), seats + overflow + standing + unzoned);
    // Every unit is on the name-card list, seated or not.
    for u in &doc.snapshot.units {
        assert!(
            rows.iter().any(|r| r[5].to_string() == u.id),
            "{path:?}: {} missing",
            u.id
        );
    }
    let mut k = 0;
    for z in &zones {
        for seat in &z.seats {
            let r = &rows[k];
            assert_eq!(r[0].to_string(), doc.snapshot.seating[z.zone].label);
            assert_eq!(xlsx_num(&r[2]), Some(f64::from(seat.row + 1)));
            assert_eq!(xlsx_num(&r[3]), Some(f64::from(seat.seat + 1)));
            assert_eq!(r[5].to_string(), doc.snapshot.units[seat.unit].id);
            assert_eq!(r[6].to_string(), seat.person);
            k += 1;
        }
        for &u in &z.overflow {
            for person in guotang::model::order::sitters(&doc.snapshot, u) {
                let r = &rows[k];
                assert_eq!((xlsx_num(&r[2]), xlsx_num(&r[3])), (None, None));
                assert_eq!(r[5].to_string(), doc.snapshot.units[u].id);
                assert_eq!(r[6].to_string(), *person);
                k += 1;
            }
        }
        for (u, person) in &z.standing {
            let r = &rows[k];
            assert_eq!((xlsx_num(&r[2]), xlsx_num(&r[3])), (None, None));
            assert_eq!(r[5].to_string(), doc.snapshot.units[*u].id);
            assert_eq!(&r[6].to_string(), person);
            k += 1;
        }
    }
}

#[test]
fn projects_export_has_days_late_of_the_standings() {
    for path in [
        root().join("assets/demo.json"),
        root().join("tests/fixtures/cjk.json"),
    ] {
        let json = standings_json(&path);
        let late: HashMap<&str, f64> = json["overdue"]
            .as_array()
            .unwrap()
            .iter()
            .map(|o| {
                (
                    o["project"].as_str().unwrap(),
                    o["days_late"].as_f64().unwrap(),
                )
            })
            .collect();
        let (head, rows) = read_xlsx(&export(&path, "xlsx", "projects"));
        let days = head.iter().position(|h| h == "逾期天数").unwrap();
        let due = head.iter().position(|h| h == "计划开工").unwrap();
        assert!(!rows.is_empty());
        for r in &rows {
            let id = r[0].to_string();
            assert_eq!(xlsx_num(&r[days]), late.get(id.as_str()).copied(), "{id}");
            assert!(
                matches!(r[due], Data::Empty | Data::DateTime(_)),
                "{:?}",
                r[due]
            );
        }
        let (_, csv_rows) = read_csv(&export(&path, "csv", "projects"));
        assert_eq!(csv_rows.len(), rows.len());
    }
}

#[test]
fn xlsx_refuses_a_terminal_but_not_a_pipe() {
    let out = export(&root().join("assets/demo.json"), "xlsx", "standings");
    assert!(out.starts_with(b"PK"), "an XLSX file is a zip");
}

fn import(file: &Path, from: &Path, extra: &[&str]) -> std::process::Output {
    guotang()
        .arg("import")
        .arg(file)
        .arg("--from")
        .arg(from)
        .args(extra)
        .output()
        .unwrap()
}

#[test]
fn an_export_imports_as_no_change() {
    for path in fixtures() {
        let (dir, file) = copy(&path);
        let before = std::fs::read(&file).unwrap();
        for fmt in ["xlsx", "csv"] {
            let sheet = dir.path().join(format!("standings.{fmt}"));
            std::fs::write(&sheet, export(&file, fmt, "standings")).unwrap();
            let out = import(&file, &sheet, &[]);
            let stdout = String::from_utf8_lossy(&out.stdout);
            assert!(
                out.status.success(),
                "{path:?}: {}",
                String::from_utf8_lossy(&out.stderr)
            );
            assert!(
                stdout.contains("nothing to change"),
                "{path:?} {fmt}: {stdout}"
            );
            assert!(!stdout.contains("skipped"), "{path:?} {fmt}: {stdout}");
            assert_eq!(
                std::fs::read(&file).unwrap(),
                before,
                "{path:?}: file touched"
            );
        }
    }
}

#[test]
fn import_then_export_then_import_is_stable() {
    let (dir, file) = copy(&root().join("tests/fixtures/cjk.json"));
    let doc = guotang::model::Document::from_bytes(&std::fs::read(&file).unwrap()).unwrap();
    let s = &doc.snapshot;
    let (u0, u1) = (&s.units[0], &s.units[1]);
    let (m0, m1) = (&s.metrics[0], &s.metrics[1]);
    // A sheet the way a secretary writes one: a title row, names for units,
    // a unit column in brackets, a totals row and a notes column.
    let sheet = dir.path().join("data.csv");
    std::fs::write(
        &sheet,
        format!(
            "\u{FEFF}1—4月完成情况,,,\n单位名称,{n0}目标,{n0}（{unit}）,{n1},备注\n{a},1234.5,\"1,000.25\",7,好\n{b},,12,,\n合计,,9999,,\n",
            n0 = m0.name,
            unit = m0.unit,
            n1 = m1.name,
            a = u0.name,
            b = u1.id,
        ),
    )
    .unwrap();
    let out = import(&file, &sheet, &[]);
    let stdout = String::from_utf8_lossy(&out.stdout).into_owned();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    // The totals row is a total, checked (it does not add up), not a unit.
    assert!(
        stdout.contains("合计行，已核对，不写入（1）：A5 「合计」"),
        "{stdout}"
    );
    assert!(
        stdout.contains("警告：合计与各行之和不符：C5 「合计」"),
        "{stdout}"
    );
    assert!(
        stdout.contains("跳过的列，无此指标（1）：E2 「备注」"),
        "{stdout}"
    );
    let json: Value = serde_json::from_slice(&std::fs::read(&file).unwrap()).unwrap();
    let unit = |i: usize| &json["units"][i];
    assert_eq!(unit(0)["targets"][&m0.id], 1234.5);
    assert_eq!(unit(0)["actuals"][&m0.id], 1000.25);
    assert_eq!(unit(0)["actuals"][&m1.id], 7);
    assert_eq!(unit(1)["actuals"][&m0.id], 12);

    // The new figures come out in the export and go back in as no change.
    let xlsx = dir.path().join("out.xlsx");
    guotang()
        .arg("export")
        .arg(&file)
        .args(["--what", "standings", "-o"])
        .arg(&xlsx)
        .assert()
        .success();
    let (head, rows) = read_xlsx(&std::fs::read(&xlsx).unwrap());
    let row = rows.iter().find(|r| r[0].to_string() == u0.id).unwrap();
    let t = head
        .iter()
        .position(|h| h.starts_with(&format!("{}目标", m0.name)))
        .unwrap();
    assert_eq!(xlsx_num(&row[t]), Some(1234.5));
    assert_eq!(xlsx_num(&row[t + 1]), Some(1000.25));
    let before = std::fs::read(&file).unwrap();
    let out = import(&file, &xlsx, &[]);
    assert!(String::from_utf8_lossy(&out.stdout).contains("nothing to change"));
    assert_eq!(std::fs::read(&file).unwrap(), before);
}

#[test]
fn unknown_fields_and_key_order_survive_an_import() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("m.json");
    std::fs::write(
        &file,
        r#"{"format": "guotang/1", "x_owner": "办公室",
 "meeting": {"title": "t", "date": "2026-05-08", "period": {"to": "2026-04-30"}},
 "metrics": [{"id": "investment", "name": "协议引资额", "unit": "亿元"}],
 "units": [{"name": "甲镇", "id": "a", "x_code": 7, "actuals": {"investment": 1}, "targets": {"investment": 10}},
           {"id": "b", "name": "乙镇"}]}"#,
    )
    .unwrap();
    let sheet = dir.path().join("s.csv");
    std::fs::write(&sheet, "id,investment.target,investment\na,12,\nb,5,2\n").unwrap();
    let out = import(&file, &sheet, &[]);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let text = std::fs::read_to_string(&file).unwrap();
    let json: Value = serde_json::from_str(&text).unwrap();
    assert_eq!(json["x_owner"], "办公室");
    assert_eq!(json["units"][0]["x_code"], 7);
    let keys: Vec<&String> = json["units"][0].as_object().unwrap().keys().collect();
    assert_eq!(keys, ["name", "id", "x_code", "actuals", "targets"]);
    assert_eq!(json["units"][0]["targets"]["investment"], 12);
    assert_eq!(json["units"][0]["actuals"]["investment"], 1);
    assert_eq!(json["units"][1]["targets"]["investment"], 5);
    assert_eq!(json["units"][1]["actuals"]["investment"], 2);
}

#[test]
fn dry_run_shows_the_diff_and_writes_nothing() {
    let (dir, file) = copy(&root().join("assets/demo.json"));
    let before = std::fs::read(&file).unwrap();
    let sheet = dir.path().join("s.csv");
    std::fs::write(&sheet, "id,investment\ndonghu,99.5\n").unwrap();
    let out = import(&file, &sheet, &["--dry-run"]);
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert!(out.status.success());
    assert!(stdout.contains("匹配单位行 1，1 处修改"), "{stdout}");
    assert!(
        stdout.contains("B  协议引资额 完成  ← B1 「investment」"),
        "{stdout}"
    );
    assert!(stdout.contains("B2  东湖镇 (donghu)"), "{stdout}");
    assert!(stdout.contains("→ 99.5"), "{stdout}");
    assert!(stdout.contains("dry run"), "{stdout}");
    assert_eq!(std::fs::read(&file).unwrap(), before);
}

/// Writes an XLSX sheet from rows of cells ("=n" numbers, other text).
fn xlsx(path: &Path, rows: &[&[&str]]) {
    let mut wb = rust_xlsxwriter::Workbook::new();
    let ws = wb.add_worksheet();
    for (r, row) in rows.iter().enumerate() {
        for (c, cell) in row.iter().enumerate() {
            match cell.strip_prefix('=') {
                Some(n) => ws.write_number(r as u32, c as u16, n.parse::<f64>().unwrap()),
                None if cell.is_empty() => continue,
                None => ws.write_string(r as u32, c as u16, *cell),
            }
            .unwrap();
        }
    }
    wb.save(path).unwrap();
}

#[test]
fn bad_sheets_name_the_cell_and_change_nothing() {
    let (dir, file) = copy(&root().join("assets/demo.json"));
    let before = std::fs::read(&file).unwrap();
    let cases: Vec<(&str, Vec<Vec<&str>>, &str)> = vec![
        (
            "text.xlsx",
            vec![
                vec!["id", "协议引资额", "协议引资额目标"],
                vec!["donghu", "=50", "=60"],
                vec!["kfq", "=90", "=200"],
                vec!["gxq", "=70", "=180"],
                vec!["qingshan", "=30", "=90"],
                vec!["chengdong", "=30", "=80"],
                vec!["wenlv", "九十", "=100"],
            ],
            "B7: expected a number, found \"九十\"",
        ),
        (
            "duplicate.xlsx",
            vec![
                vec!["单位", "协议引资额"],
                vec!["东湖镇", "=50"],
                vec!["经济开发区", "=90"],
                vec!["donghu", "=51"],
            ],
            "A4: unit 东湖镇 (donghu) appears a second time (first in A2)",
        ),
        (
            "nocolumn.xlsx",
            vec![vec!["单位", "利润", "税收"], vec!["东湖镇", "=1", "=2"]],
            "no usable column: no header in the first 12 rows names a metric",
        ),
        (
            "negative.xlsx",
            vec![vec!["id", "investment"], vec!["donghu", "=-5"]],
            "B2: expected a number ≥ 0, found -5",
        ),
        (
            "twice.xlsx",
            vec![
                vec!["id", "investment", "协议引资额（亿元）"],
                vec!["donghu", "=5", "=6"],
            ],
            "C1: a second column for 协议引资额 actuals (first in B1)",
        ),
    ];
    for (name, rows, message) in cases {
        let sheet = dir.path().join(name);
        let rows: Vec<&[&str]> = rows.iter().map(Vec::as_slice).collect();
        xlsx(&sheet, &rows);
        let out = import(&file, &sheet, &[]);
        let stderr = String::from_utf8_lossy(&out.stderr);
        assert!(!out.status.success(), "{name} was accepted");
        assert!(stderr.contains(message), "{name}: {stderr}");
        assert!(stderr.contains("nothing was changed"), "{name}: {stderr}");
        assert_eq!(
            std::fs::read(&file).unwrap(),
            before,
            "{name} changed the snapshot"
        );
    }
    // The same refusals from CSV.
    for (name, text, message) in [
        (
            "text.csv",
            "id,investment\ndonghu,1\nkfq,n/a\n",
            "B3: expected a number, found \"n/a\"",
        ),
        (
            "dup.csv",
            "id,investment\ndonghu,1\ndonghu,2\n",
            "A3: unit 东湖镇 (donghu) appears a second time",
        ),
        ("none.csv", "id,profit\ndonghu,1\n", "no usable column"),
    ] {
        let sheet = dir.path().join(name);
        std::fs::write(&sheet, text).unwrap();
        let out = import(&file, &sheet, &[]);
        let stderr = String::from_utf8_lossy(&out.stderr);
        assert!(
            !out.status.success() && stderr.contains(message),
            "{name}: {stderr}"
        );
        assert_eq!(
            std::fs::read(&file).unwrap(),
            before,
            "{name} changed the snapshot"
        );
    }
}

#[test]
fn a_snapshot_changed_since_reading_is_not_overwritten() {
    let (dir, file) = copy(&root().join("assets/demo.json"));
    let bytes = std::fs::read(&file).unwrap();
    let loaded = guotang::store::load(&file).unwrap();
    let grid = guotang::import::grid::from_csv(b"id,investment\ndonghu,99\n").unwrap();
    let plan = guotang::import::plan(&loaded.doc.snapshot, &grid).unwrap();
    let edited = guotang::import::edit::apply(&loaded.doc, &plan.changes).unwrap();
    // Someone saves in between.
    let mut other = bytes.clone();
    other.extend_from_slice(b"\n");
    std::fs::write(&file, &other).unwrap();
    let err = guotang::import::apply_to_file(&file, loaded.content_hash, &edited).unwrap_err();
    assert!(
        err.to_string()
            .contains("changed on disk since it was read"),
        "{err}"
    );
    assert_eq!(std::fs::read(&file).unwrap(), other);
    // Unchanged, it writes.
    std::fs::write(&file, &bytes).unwrap();
    guotang::import::apply_to_file(&file, loaded.content_hash, &edited).unwrap();
    let json: Value = serde_json::from_slice(&std::fs::read(&file).unwrap()).unwrap();
    let donghu = json["units"]
        .as_array()
        .unwrap()
        .iter()
        .find(|u| u["id"] == "donghu")
        .unwrap();
    assert_eq!(donghu["actuals"]["investment"], 99);
    drop(dir);
}

#[test]
fn a_named_sheet_is_read_and_a_missing_one_refused() {
    let (dir, file) = copy(&root().join("assets/demo.json"));
    let sheet = dir.path().join("two.xlsx");
    let mut wb = rust_xlsxwriter::Workbook::new();
    wb.add_worksheet()
        .set_name("说明")
        .unwrap()
        .write_string(0, 0, "本表为…")
        .unwrap();
    let ws = wb.add_worksheet().set_name("数据").unwrap();
    ws.write_string(0, 0, "id").unwrap();
    ws.write_string(0, 1, "investment").unwrap();
    ws.write_string(1, 0, "donghu").unwrap();
    ws.write_number(1, 1, 77.0).unwrap();
    wb.save(&sheet).unwrap();
    // The first sheet has no metric column.
    let out = import(&file, &sheet, &["--dry-run"]);
    assert!(String::from_utf8_lossy(&out.stderr).contains("no usable column"));
    let out = import(&file, &sheet, &["--dry-run", "--sheet", "数据"]);
    assert!(out.status.success());
    assert!(String::from_utf8_lossy(&out.stdout).contains("→ 77"));
    let out = import(&file, &sheet, &["--sheet", "缺"]);
    assert!(
        String::from_utf8_lossy(&out.stderr).contains("no sheet named \"缺\" (it has: 说明, 数据)")
    );
}
