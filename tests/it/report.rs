//! The bulletin: its numbers agree with `standings --json`, its text is
//! escaped, it is self-contained, and Markdown carries the same tables.

use std::collections::HashMap;
use std::path::{Path, PathBuf};

use assert_cmd::Command;
use serde_json::Value;

use guotang::i18n::{Lang, pct};
use guotang::model::{self, Document};
use guotang::report::{self, Minutes, MinutesItem, SpeakerTime};
use guotang::store::meeting_log;

fn guotang() -> Command {
    let mut cmd = Command::cargo_bin("guotang").unwrap();
    cmd.env("LANG", "C.UTF-8");
    // No meeting log from a console run on this machine may slip in.
    let no_state = Path::new(env!("CARGO_TARGET_TMPDIR")).join("report-tests-no-state");
    cmd.env(meeting_log::STATE_DIR_ENV, no_state);
    cmd
}

/// The demo, the CJK and English fixtures and every standings fixture.
fn snapshots() -> Vec<PathBuf> {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let mut out = vec![
        root.join("assets/demo.json"),
        root.join("tests/fixtures/cjk.json"),
        root.join("tests/fixtures/en.json"),
        root.join("tests/fixtures/real/counts_no_targets.json"),
        root.join("tests/fixtures/real/zones_and_cards.json"),
    ];
    let mut more: Vec<PathBuf> = std::fs::read_dir(root.join("tests/fixtures/standings"))
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| {
            let name = p.file_name().unwrap().to_string_lossy().into_owned();
            name.ends_with(".json") && !name.ends_with(".expected.json")
        })
        .collect();
    more.sort();
    out.extend(more);
    // The templates of format v2: a meeting's own tiers, points, judges' marks, history.
    for t in ["three-tiers", "points", "arena"] {
        out.push(root.join(format!("assets/templates/{t}.json")));
    }
    out
}

fn standings_json(path: &Path) -> Value {
    let out = guotang()
        .args(["standings", "--json"])
        .arg(path)
        .assert()
        .success()
        .get_output()
        .stdout
        .clone();
    serde_json::from_slice(&out).unwrap()
}

fn html_of(path: &Path) -> String {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("bulletin.html");
    guotang()
        .arg("report")
        .arg(path)
        .arg("-o")
        .arg(&out)
        .assert()
        .success();
    std::fs::read_to_string(&out).unwrap()
}

/// A table of the HTML bulletin: rows in order, each its key and its
/// numeric cells (field → exact value; `None` for a cell without one).
type Rows = Vec<(String, HashMap<String, Option<f64>>)>;

fn attr<'a>(tag: &'a str, name: &str) -> Option<&'a str> {
    let start = tag.find(&format!(" {name}=\""))? + name.len() + 3;
    let end = tag[start..].find('"')? + start;
    Some(&tag[start..end])
}

fn table(html: &str, id: &str) -> Option<Rows> {
    let start = html.find(&format!("<table id=\"t-{id}\""))?;
    let body = &html[start..start + html[start..].find("</table>")?];
    let mut rows = Vec::new();
    for tr in body.split("<tr").skip(1) {
        let Some(key) = attr(tr.split('>').next().unwrap(), "data-key") else {
            continue;
        };
        let mut cells = HashMap::new();
        for td in tr.split("<td").skip(1) {
            let open = td.split('>').next().unwrap();
            if let Some(field) = attr(open, "data-field") {
                let v = attr(open, "data-v").map(|v| v.parse::<f64>().unwrap());
                cells.insert(field.to_owned(), v);
            }
        }
        rows.push((key.to_owned(), cells));
    }
    Some(rows)
}

fn num(v: &Value) -> Option<f64> {
    v.as_f64()
}

#[test]
fn html_numbers_agree_with_standings_json() {
    for path in snapshots() {
        let json = standings_json(&path);
        let html = html_of(&path);
        let units: HashMap<&str, &Value> = json["units"]
            .as_array()
            .unwrap()
            .iter()
            .map(|u| (u["id"].as_str().unwrap(), u))
            .collect();
        let mut seen = 0;
        for g in 0.. {
            let Some(rows) = table(&html, &format!("ranking-{g}")) else {
                break;
            };
            let mut last_rank = 0.0;
            for (id, cells) in rows {
                let u = units[id.as_str()];
                seen += 1;
                assert_eq!(
                    cells["composite"],
                    num(&u["composite"]),
                    "{path:?} {id} composite"
                );
                assert_eq!(cells["rank"], num(&u["rank"]), "{path:?} {id} rank");
                assert_eq!(
                    cells["gap_first"],
                    num(&u["gap_first"]),
                    "{path:?} {id} gap"
                );
                if let Some(c) = cells.get("rank_change") {
                    assert_eq!(*c, num(&u["rank_change"]), "{path:?} {id} rank change");
                }
                for (mid, m) in u["metrics"].as_object().unwrap() {
                    if let Some(c) = cells.get(&format!("{mid}.completion")) {
                        assert_eq!(*c, num(&m["completion"]), "{path:?} {id} {mid}");
                    }
                }
                // Standing order: ranks never go down, unranked last.
                let rank = cells["rank"].unwrap_or(f64::INFINITY);
                assert!(rank >= last_rank, "{path:?}: {id} out of order");
                last_rank = rank;
            }
        }
        assert_eq!(
            seen,
            units.len(),
            "{path:?}: every unit appears in one ranking"
        );

        // One list per tier of the meeting: red and yellow by default
        // (their v1 table ids), else `tier-ID`.
        let doc = Document::from_bytes(&std::fs::read(&path).unwrap()).unwrap();
        let tiers = &doc.snapshot.cards.tiers;
        for c in tiers.cards() {
            let card = tiers.id(c);
            let id = report::figures::tier_table_id(&doc.snapshot, c);
            if tiers.is_default() {
                assert_eq!(id, card);
            }
            let want: Vec<&str> = json["units"]
                .as_array()
                .unwrap()
                .iter()
                .filter(|u| u["card"] == card)
                .map(|u| u["id"].as_str().unwrap())
                .collect();
            let got: Vec<String> = table(&html, &id)
                .unwrap_or_default()
                .into_iter()
                .map(|(k, _)| k)
                .collect();
            let mut sorted_got = got.clone();
            sorted_got.sort();
            let mut sorted_want: Vec<String> = want.iter().map(|s| s.to_string()).collect();
            sorted_want.sort();
            assert_eq!(sorted_got, sorted_want, "{path:?}: the {card} list");
        }

        let overdue: Vec<(String, Option<f64>)> = json["overdue"]
            .as_array()
            .unwrap()
            .iter()
            .map(|o| {
                (
                    o["project"].as_str().unwrap().to_owned(),
                    num(&o["days_late"]),
                )
            })
            .collect();
        let got: Vec<(String, Option<f64>)> = table(&html, "overdue")
            .unwrap_or_default()
            .into_iter()
            .map(|(k, c)| (k, c["days_late"]))
            .collect();
        assert_eq!(got, overdue, "{path:?}: overdue projects and days late");

        let tp = json["time_progress"].as_f64().unwrap();
        assert!(
            html.contains(&format!("class=\"progress\" data-v=\"{tp}\"")),
            "{path:?}"
        );
    }
}

/// The bulletin's totals are the ones `standings --json` gives: every unit's
/// actuals added up (a bulletin of counts without targets included), the
/// target total only where targets exist.
#[test]
fn headline_totals_agree_with_standings_json() {
    for path in snapshots() {
        let json = standings_json(&path);
        let html = html_of(&path);
        let rows: HashMap<String, HashMap<String, Option<f64>>> =
            table(&html, "headline").unwrap().into_iter().collect();
        for (mid, t) in json["totals"].as_object().unwrap() {
            let key = format!("all.{mid}");
            let Some(cells) = rows.get(&key) else {
                assert_eq!(t["reported"], 0, "{path:?} {mid} left out");
                assert_eq!(t["with_target"], 0, "{path:?} {mid} left out");
                continue;
            };
            assert_eq!(
                cells[&format!("{key}.actual")],
                num(&t["actual"]),
                "{path:?} {mid}"
            );
            assert_eq!(
                cells[&format!("{key}.target")],
                num(&t["target"]),
                "{path:?} {mid}"
            );
            assert_eq!(
                cells[&format!("{key}.completion")],
                num(&t["completion"]),
                "{path:?} {mid}"
            );
        }
    }
    // The published bulletin's figures: 344 projects signed and 161 trips,
    // with no targets (before, both were 0).
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let html = html_of(&root.join("tests/fixtures/real/counts_no_targets.json"));
    let rows: HashMap<String, HashMap<String, Option<f64>>> =
        table(&html, "headline").unwrap().into_iter().collect();
    assert_eq!(rows["all.signed"]["all.signed.actual"], Some(344.0));
    assert_eq!(rows["all.trips"]["all.trips.actual"], Some(161.0));
    assert_eq!(rows["all.trips"]["all.trips.target"], None);
    // The demo's stalled and lost projects have no target: 7 all the same.
    let html = html_of(&demo());
    let rows: HashMap<String, HashMap<String, Option<f64>>> =
        table(&html, "headline").unwrap().into_iter().collect();
    assert_eq!(rows["all.stalled"]["all.stalled.actual"], Some(7.0));
}

/// A difference of two percentages is in percentage points, computed from
/// the two as printed: 东湖镇 54.4% and 经济开发区 42.3% are 12.1 points
/// apart in the bulletin (the exact 12.18 printed 12.2).
#[test]
fn gaps_are_points_between_the_percentages_printed() {
    let html = html_of(&demo());
    let row = html
        .lines()
        .find(|l| l.contains("<tr data-key=\"kfq\">"))
        .expect("the kfq row");
    assert!(row.contains(">42.3%<"), "{row}");
    assert!(
        row.contains("data-field=\"gap_first\" data-v=\"0.12175925925925934\">−12.1<"),
        "{row}"
    );
    assert!(html.contains("与第一差距（个百分点）"));
    assert!(html.contains("较时间进度（个百分点）"));
}

/// Decided cards are marked on the bulletin's charts and in its ranking
/// table, with the mark explained in the chart's legend.
#[test]
fn decided_cards_are_marked_in_the_bulletin() {
    let html = html_of(&demo());
    // 青山镇 (decided yellow) and 临港镇 (decided red) in the pace chart.
    assert!(html.contains("39.5%  ◆决定"), "青山镇 on the chart");
    assert!(html.contains("28.9%  ◆决定"), "临港镇 on the chart");
    assert!(!html.contains("54.4%  ◆决定"), "东湖镇 is red by the rule");
    assert!(html.contains("决定：牌由决定给出，不按规则"));
    let row = html
        .lines()
        .find(|l| l.contains("<tr data-key=\"qsz\">"))
        .or_else(|| html.lines().find(|l| l.contains(">青山镇</td>")))
        .expect("青山镇's row");
    assert!(row.contains("◆决定"), "{row}");
}

#[test]
fn reasons_are_model_explain_sentences() {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("assets/demo.json");
    let doc = Document::from_bytes(&std::fs::read(&path).unwrap()).unwrap();
    let st = model::compute(&doc.snapshot);
    let html = report::to_html(&doc.snapshot, &st, Lang::Zh, None);
    let yellow = table(&html, "yellow").unwrap();
    assert!(!yellow.is_empty());
    for (i, _) in doc.snapshot.units.iter().enumerate() {
        if st.units[i].card == model::Card::YELLOW {
            let why = guotang::model::explain::explain(&doc.snapshot, &st, i, Lang::Zh);
            let escaped = guotang::report::html::escape(&why);
            assert!(html.contains(&escaped), "missing reason {why}");
        }
    }
}

#[test]
fn the_html_file_is_self_contained_and_prints_on_a4() {
    let html = html_of(&Path::new(env!("CARGO_MANIFEST_DIR")).join("assets/demo.json"));
    assert!(html.starts_with("<!DOCTYPE html>"));
    for forbidden in [
        "<script",
        "<link",
        "<img",
        "src=\"http",
        "href=\"http",
        "@import",
        "url(",
    ] {
        assert!(
            !html.contains(forbidden),
            "the bulletin reaches out: {forbidden}"
        );
    }
    // The only URL is the SVG namespace.
    assert_eq!(
        html.matches("http").count(),
        html.matches("http://www.w3.org/2000/svg").count()
    );
    assert!(html.contains("@page { size: A4"));
    assert!(html.contains("\"Noto Sans CJK SC\", \"Source Han Sans SC\", \"WenQuanYi Zen Hei\", \"PingFang SC\", \"Microsoft YaHei\", sans-serif"));
    assert!(html.contains("break-inside: avoid"));
    assert!(html.contains("thead { display: table-header-group; }"));
    let charts = html.matches("<svg ").count();
    assert!(charts >= 4, "{charts} charts");
    assert_eq!(charts, html.matches("</svg>").count());
    assert!(html.contains("id=\"chart-pace-0\""));
}

const HOSTILE: &str = r#"{
  "format": "guotang/1",
  "meeting": {"title": "<script>alert('x')</script> & \"会\"", "date": "2026-05-08",
              "venue": "\u001b]52;c;ZXZpbA==\u0007楼", "period": {"to": "2026-04-30"}},
  "metrics": [{"id": "investment", "name": "引资<b>额</b>", "unit": "亿|元"}],
  "units": [
    {"id": "a", "name": "<img src=x onerror=alert(1)>镇\u202e", "targets": {"investment": 10}, "actuals": {"investment": 5}},
    {"id": "b", "name": "B | *街道*", "targets": {"investment": 10}, "actuals": {"investment": 1},
     "card": "yellow", "card_reason": "</td><script>bad()</script>\u001b[2J"}
  ],
  "projects": [{"id": "p", "name": "<svg onload=x>", "unit": "a", "stage": "stalled", "note": "a\nb"}]
}"#;

#[test]
fn snapshot_text_is_escaped_and_sanitised() {
    let doc = Document::from_bytes(HOSTILE.as_bytes()).unwrap();
    let st = model::compute(&doc.snapshot);
    let html = report::to_html(&doc.snapshot, &st, Lang::Zh, None);
    for bad in [
        "<script",
        "<img",
        "<b>",
        "</td><script",
        "<svg onload",
        "\u{1b}",
        "\u{7}",
        "\u{202e}",
    ] {
        assert!(!html.contains(bad), "HTML contains {bad:?}");
    }
    assert!(html.contains("&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt; &amp; &quot;会&quot;"));
    assert!(html.contains("&lt;img src=x onerror=alert(1)&gt;镇"));
    let (md, files) = report::to_markdown(&doc.snapshot, &st, Lang::Zh, None, Some("b"));
    for bad in ["<script", "<img", "<b>", "\u{1b}", "\u{202e}"] {
        assert!(!md.contains(bad), "Markdown contains {bad:?}");
        for f in &files {
            assert!(!f.content.contains(bad), "{} contains {bad:?}", f.name);
        }
    }
    // A pipe in a name cannot split a Markdown cell.
    assert!(md.contains("B \\| \\*街道\\*"));
}

#[test]
fn markdown_has_the_same_tables_and_links_its_charts() {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("assets/demo.json");
    let json = standings_json(&path);
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("通报.md");
    guotang()
        .arg("report")
        .arg(&path)
        .arg("-o")
        .arg(&out)
        .assert()
        .success();
    let md = std::fs::read_to_string(&out).unwrap();
    for u in json["units"].as_array().unwrap() {
        let name = u["name"].as_str().unwrap();
        let composite = u["composite"].as_f64().map_or("—".to_owned(), pct);
        assert!(
            md.contains(&format!("| {name} | {composite} |")),
            "no ranking row for {name} with {composite}"
        );
    }
    let links: Vec<&str> = md
        .lines()
        .filter_map(|l| l.strip_prefix("![").and_then(|l| l.split("](<").nth(1)))
        .map(|l| l.trim_end_matches(">)"))
        .collect();
    assert!(links.len() >= 4);
    for l in &links {
        let svg = std::fs::read_to_string(dir.path().join(l)).unwrap();
        assert!(
            svg.starts_with("<svg") && svg.trim_end().ends_with("</svg>"),
            "{l}"
        );
        assert!(svg.contains("WenQuanYi Zen Hei"), "{l} names no CJK font");
    }
    // To standard output, the charts are left out with a note.
    let stdout = guotang()
        .args(["report", "--format", "md"])
        .arg(&path)
        .assert()
        .success()
        .get_output()
        .stdout
        .clone();
    let md = String::from_utf8(stdout).unwrap();
    assert!(!md.contains("!["));
    assert!(md.contains("图表未随 Markdown 输出到标准输出"));
}

#[test]
fn html_and_markdown_show_the_same_rows() {
    for path in snapshots().into_iter().take(3) {
        let doc = Document::from_bytes(&std::fs::read(&path).unwrap()).unwrap();
        let st = model::compute(&doc.snapshot);
        let b = report::figures(&doc.snapshot, &st, Lang::Zh, None);
        let html = report::html::render(&b, &[]);
        let (md, _) = report::to_markdown(&doc.snapshot, &st, Lang::Zh, None, None);
        for t in b
            .groups
            .iter()
            .chain(&b.tiers)
            .chain([&b.headline, &b.overdue, &b.stalled])
        {
            for row in &t.rows {
                for cell in &row.cells {
                    let text = report::html::escape(&cell.text);
                    assert!(html.contains(&text), "{path:?}: HTML lacks {text}");
                    let mdt = report::markdown::escape(&cell.text);
                    assert!(md.contains(&mdt), "{path:?}: Markdown lacks {mdt}");
                }
            }
        }
    }
}

#[test]
fn minutes_render_when_given() {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("assets/demo.json");
    let doc = Document::from_bytes(&std::fs::read(&path).unwrap()).unwrap();
    let s = &doc.snapshot;
    let st = model::compute(s);
    let without = report::to_html(s, &st, Lang::Zh, None);
    assert!(!without.contains("会议纪要"));

    let mut m = Minutes::planned(s, &st);
    assert_eq!(m.items.len(), s.agenda.len());
    let at = |h, mi| chrono::NaiveTime::from_hms_opt(h, mi, 0);
    // The first item starts 2 minutes late and runs 3 minutes over.
    let first = &mut m.items[0];
    let planned = first.planned_end.unwrap() - first.planned_start.unwrap();
    first.actual_start = at(9, 2);
    first.actual_end = at(9, 2).map(|t| t + planned + chrono::TimeDelta::minutes(3));
    m.speakers.push(SpeakerTime {
        name: "东湖镇".into(),
        item: Some("红牌单位发言".into()),
        planned_seconds: Some(300),
        actual_seconds: Some(345),
    });
    m.items.push(MinutesItem {
        title: "<临时>议题".into(),
        ..MinutesItem::default()
    });
    assert_eq!(m.total_overrun(), chrono::TimeDelta::minutes(3));
    let html = report::to_html(s, &st, Lang::Zh, Some(&m));
    assert!(html.contains("会议纪要"));
    assert!(html.contains("各项共超时 3分钟。"));
    assert!(html.contains("<table id=\"t-minutes-items\""));
    assert!(html.contains("<table id=\"t-minutes-speakers\""));
    assert!(html.contains("data-field=\"overrun_seconds\" data-v=\"180\">+3:00"));
    assert!(html.contains("data-v=\"45\">+0:45"));
    assert!(html.contains("&lt;临时&gt;议题"));
    let (md, _) = report::to_markdown(s, &st, Lang::Zh, Some(&m), None);
    assert!(md.contains("## 五、会议纪要"));
    assert!(md.contains("| 东湖镇 | 红牌单位发言 | 5:00 | 5:45 | +0:45 |"));
}

#[test]
fn english_snapshots_get_an_english_bulletin() {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/en.json");
    let html = html_of(&path);
    assert!(html.contains("<html lang=\"en\">"));
    assert!(html.contains("1. Overview"));
    assert!(!html.contains("排名情况"));
}

const LOG: &str = "tests/fixtures/meeting_log.json";

fn demo() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("assets/demo.json")
}

/// The minutes the log fixture gives the demo: pauses left out, the speakers
/// who had the floor with their own times.
fn check_minutes_of_the_log_fixture(md: &str) {
    let rows = [
        "| 通报1—4月招商引资工作情况 | 09:00 | 09:10 | 09:02 | 09:14 | 11:00 | +1:00 |",
        "| 各单位目标完成情况比较 | 09:10 | 09:18 | 09:14 | 09:20 | 6:00 | −2:00 |",
        "| 红牌单位发言 | 09:18 | 09:42 | 09:20 | 09:29 | 9:00 | −15:00 |",
        // The console closed on this item: it ran until the close.
        "| 黄牌单位发言 | 09:42 | 10:06 | 09:29 | 09:30 | 1:00 | −23:00 |",
        "| 区领导点评 | 10:06 | 10:16 | — | — | — | — |",
        "| 东湖镇 | 红牌单位发言 | 3:00 | 5:30 | +2:30 |",
        "| 经济开发区 | 红牌单位发言 | 3:00 | 3:30 | +0:30 |",
    ];
    for row in rows {
        assert!(md.contains(row), "{row} missing:\n{md}");
    }
    // The other red units never had the floor: 未发言, not 0:00.
    assert_eq!(
        md.matches("| 红牌单位发言 | 3:00 | 未发言 | — |").count(),
        6,
        "{md}"
    );
    assert!(!md.contains("| 0:00 |"), "{md}");
    // Items never reached list nobody.
    assert!(!md.contains("| 区领导点评 | 3:00"), "{md}");
    // Item 1 ran a minute over; the short and unfinished items do not offset it.
    assert!(md.contains("各项共超时 1分钟。"), "{md}");
}

#[test]
fn minutes_come_from_the_log_given() {
    let out = guotang()
        .current_dir(env!("CARGO_MANIFEST_DIR"))
        .arg("report")
        .arg(demo())
        .args(["--format", "md", "--log", LOG])
        .assert()
        .success()
        .get_output()
        .clone();
    check_minutes_of_the_log_fixture(&String::from_utf8_lossy(&out.stdout));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(
        err.contains("minutes from tests/fixtures/meeting_log.json"),
        "{err}"
    );

    let html = String::from_utf8(
        guotang()
            .current_dir(env!("CARGO_MANIFEST_DIR"))
            .arg("report")
            .arg(demo())
            .args(["--log", LOG])
            .assert()
            .success()
            .get_output()
            .stdout
            .clone(),
    )
    .unwrap();
    assert!(html.contains("data-field=\"actual_seconds\" data-v=\"660\">11:00"));
    assert!(html.contains("data-field=\"overrun_seconds\" data-v=\"150\">+2:30"));
}

#[test]
fn minutes_come_from_the_log_the_console_kept() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("meeting.json");
    std::fs::copy(demo(), &file).unwrap();
    let state = dir.path().join("state");
    std::fs::create_dir(&state).unwrap();
    // Where the console keeps the log of this snapshot on this date.
    let key = meeting_log::snapshot_key(Some(&file));
    let date = chrono::NaiveDate::from_ymd_opt(2026, 5, 8).unwrap();
    let at = meeting_log::log_path(&state, &key, date);
    std::fs::copy(Path::new(env!("CARGO_MANIFEST_DIR")).join(LOG), &at).unwrap();

    let out = guotang()
        .env(meeting_log::STATE_DIR_ENV, &state)
        .arg("report")
        .arg(&file)
        .args(["--format", "md"])
        .assert()
        .success()
        .get_output()
        .clone();
    check_minutes_of_the_log_fixture(&String::from_utf8_lossy(&out.stdout));
    assert!(String::from_utf8_lossy(&out.stderr).contains("minutes from"));

    // Another snapshot (another path) has no log: the bulletin says so.
    let other = dir.path().join("other.json");
    std::fs::copy(demo(), &other).unwrap();
    let out = guotang()
        .env(meeting_log::STATE_DIR_ENV, &state)
        .arg("report")
        .arg(&other)
        .args(["--format", "md"])
        .assert()
        .success()
        .get_output()
        .clone();
    let md = String::from_utf8_lossy(&out.stdout);
    assert!(md.contains("## 五、会议纪要"), "{md}");
    assert!(
        md.contains("未找到本次会议的会议记录：下表只列计划时间。"),
        "{md}"
    );
    assert!(
        md.contains("| 通报1—4月招商引资工作情况 | 09:00 | 09:10 | — | — | — | — |"),
        "{md}"
    );
    assert!(!md.contains("发言用时"), "{md}");
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains("no meeting log for this meeting"), "{err}");
}

#[test]
fn a_log_given_that_is_missing_or_broken_is_an_error() {
    let dir = tempfile::tempdir().unwrap();
    let missing = dir.path().join("none.json");
    guotang()
        .arg("report")
        .arg(demo())
        .arg("--log")
        .arg(&missing)
        .assert()
        .code(1)
        .stderr(predicates::str::contains("error: no meeting log at"));
    let broken = dir.path().join("broken.json");
    std::fs::write(&broken, "{\"format\": \"guotang-log/1\",\n oops").unwrap();
    guotang()
        .arg("report")
        .arg(demo())
        .arg("--log")
        .arg(&broken)
        .assert()
        .code(1)
        .stderr(predicates::str::contains("broken.json:2:"));
}

#[test]
fn english_minutes_without_a_log_say_so() {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/en.json");
    let html = html_of(&path);
    assert!(
        html.contains("No meeting log was found for this meeting: the table shows the plan only."),
        "{html}"
    );
}
