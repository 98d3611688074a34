//! What users put into and get out of a meeting of format v2: `set` with
//! the meeting's own tiers, the bulletin, the exports and imports of
//! tiers, judges' marks and history.

use std::path::Path;

use crate::sandbox::{Sandbox, unit};
use serde_json::Value;

fn json(path: &Path) -> Value {
    serde_json::from_slice(&std::fs::read(path).unwrap()).unwrap()
}

#[test]
fn set_takes_the_meetings_own_tiers_by_label_or_id() {
    let sb = Sandbox::new();
    let file = sb.template("three-tiers");
    let f = file.to_str().unwrap();
    let (code, _, err) = sb.run(&[
        "set",
        f,
        "units.cn.card=绿牌",
        "units.cn.card_reason=提前完成",
        "units.cb.card=red",
        "units.cb.card_reason=整改不力",
        "units.jd.card=不亮牌",
        "units.jd.card_reason=新设单位",
    ]);
    assert_eq!(code, 0, "{err}");
    let doc = json(&file);
    assert_eq!(unit(&doc, "cn")["card"], "green");
    assert_eq!(unit(&doc, "cb")["card"], "red");
    assert_eq!(unit(&doc, "jd")["card"], "none");

    // A tier the meeting does not have is refused, naming the place and
    // the tiers it has; nothing is written.
    let before = std::fs::read(&file).unwrap();
    let (code, _, err) = sb.run(&["set", f, "units.cn.card=蓝牌"]);
    assert_ne!(code, 0);
    assert!(err.contains("units") && err.contains("green"), "{err}");
    assert_eq!(std::fs::read(&file).unwrap(), before);

    // The arena's flags, by their labels.
    let file = sb.template("arena");
    let f = file.to_str().unwrap();
    let (code, _, err) = sb.run(&[
        "set",
        f,
        "units.tq.card=流动黄旗",
        "units.tq.card_reason=评委一致意见",
    ]);
    assert_eq!(code, 0, "{err}");
    assert_eq!(unit(&json(&file), "tq")["card"], "yellow_flag");
}

const THREE_TIERS: &str = include_str!("../../assets/templates/three-tiers.json");
const POINTS: &str = include_str!("../../assets/templates/points.json");
const ARENA: &str = include_str!("../../assets/templates/arena.json");

fn bulletin(text: &str) -> String {
    use guotang::{i18n::Lang, model, report};
    let doc = model::Document::from_bytes(text.as_bytes()).unwrap();
    let st = model::compute(&doc.snapshot);
    report::to_html(&doc.snapshot, &st, Lang::Zh, None)
}

/// The rows (their keys, in order) of the HTML table `id`.
fn keys(html: &str, id: &str) -> Vec<String> {
    let Some(start) = html.find(&format!("<table id=\"t-{id}\"")) else {
        return Vec::new();
    };
    let body = &html[start..start + html[start..].find("</table>").unwrap()];
    body.split("<tr data-key=\"")
        .skip(1)
        .map(|r| r.split('"').next().unwrap().to_owned())
        .collect()
}

/// The HTML of the row of unit `key` in table `id`.
fn row<'h>(html: &'h str, id: &str, key: &str) -> &'h str {
    let start = html.find(&format!("<table id=\"t-{id}\"")).unwrap();
    let at = start
        + html[start..]
            .find(&format!("<tr data-key=\"{key}\""))
            .unwrap();
    &html[at..at + html[at..].find("</tr>").unwrap()]
}

#[test]
fn the_bulletin_lists_the_meetings_own_tiers_in_their_colours() {
    let html = bulletin(THREE_TIERS);
    // One list per tier, best first, under the meeting's own heading.
    let green = html.find("<table id=\"t-tier-green\"").unwrap();
    let yellow = html.find("<table id=\"t-tier-yellow\"").unwrap();
    let red = html.find("<table id=\"t-tier-red\"").unwrap();
    assert!(green < yellow && yellow < red);
    assert!(html.contains("三、各等次单位") && !html.contains("红黄牌单位"));
    assert!(html.contains("<caption>绿牌单位</caption>"));
    assert_eq!(keys(&html, "tier-green").len(), 5);
    // The tier cell says the label, in the tier's colour.
    let r = row(&html, "ranking-0", "bs");
    assert!(r.contains("<td class=\"c green\">绿牌</td>"), "{r}");
    assert!(html.contains("td.green { color: #fff; background: #2e7d32;"));
    // The summary counts each tier.
    assert!(
        html.contains("其中绿牌 5 个、黄牌 4 个、红牌 3 个"),
        "summary"
    );
}

#[test]
fn the_bulletin_shows_rank_changes_trends_and_the_escalations_by_severity() {
    let html = bulletin(THREE_TIERS);
    // 白沙县 moved up three places: an arrow, and colour as a second signal.
    let r = row(&html, "ranking-0", "bs");
    assert!(
        r.contains("<td class=\"c up\" data-field=\"rank_change\" data-v=\"3\">↑3</td>"),
        "{r}"
    );
    let r = row(&html, "ranking-0", "cn");
    assert!(
        r.contains("class=\"c down\" data-field=\"rank_change\" data-v=\"-1\">↓1<"),
        "{r}"
    );
    assert!(html.contains(
        "<th class=\"c\"><span class=\"keep\" style=\"min-width:2.0em\">进位/退位</span></th>"
    ));
    // A small chart per unit, its figures as its title.
    assert!(r.contains("<svg role=\"img\" class=\"spark\""), "{r}");
    assert!(r.contains("<title>1—2月 "), "{r}");
    assert!(r.contains("1—4月 40.0%</title>"), "{r}");
    // Who moved most, in the summary.
    assert!(
        html.contains("与上期相比，进位 2 个、退位 4 个，进位最多的是白沙县（↑3）"),
        "summary"
    );
    // The escalations: red before yellow (the worse tier first), each with
    // its streak, what follows and why.
    assert_eq!(keys(&html, "escalations"), ["lj", "ql", "lk", "cb", "sq"]);
    let r = row(&html, "escalations", "ql");
    assert!(
        r.contains(">连续 2 次<") && r.contains(">市政府常务会议专题汇报<"),
        "{r}"
    );
    assert!(r.contains("<td class=\"c red\">红牌</td>"), "{r}");
    // The tier lists say the streak and the escalation after the reason.
    let r = row(&html, "tier-yellow", "cb");
    assert!(r.contains("黄牌；连续 3 次黄牌 → 分管副市长约谈"), "{r}");
}

#[test]
fn a_bulletin_in_points_says_分_and_draws_no_time_progress_line() {
    let html = bulletin(POINTS);
    assert!(html.contains("<th class=\"r\">综合得分</th>"));
    assert!(html.contains(">与第一差距（分）<"), "gap in 分");
    let summary = html.split("<p>").nth(1).unwrap();
    assert!(!summary.starts_with("截至统计期末，时间进度"), "{summary}");
    let chart = &html[html.find("id=\"chart-pace-0\"").unwrap()..];
    let chart = &chart[..chart.find("</figure>").unwrap()];
    assert!(!chart.contains("时间进度"), "no pace line under points");
    assert!(
        chart.contains("综合得分") && chart.contains("分\n</text>"),
        "{chart}"
    );
    // Five grades, each its list.
    for id in ["excellent", "good", "fair", "poor", "bad"] {
        assert!(html.contains(&format!("id=\"t-tier-{id}\"")), "{id}");
    }
}

#[test]
fn a_judged_metric_says_how_many_marks_made_its_figure() {
    let html = bulletin(ARENA);
    let r = row(&html, "ranking-0", "kfq");
    assert!(r.contains("90.3% · 7 个评分"), "{r}");
    assert!(r.contains("流动红旗"), "{r}");
}

#[test]
fn the_standings_export_names_each_tier_with_its_colour_and_trend() {
    let sb = Sandbox::new();
    for name in ["three-tiers", "points", "arena"] {
        let file = sb.template(name);
        let f = file.to_str().unwrap();
        let (code, csv, err) = sb.run(&["export", f, "--format", "csv", "--what", "standings"]);
        assert_eq!(code, 0, "{err}");
        let mut lines = csv.lines();
        let head: Vec<&str> = lines.next().unwrap().split(',').collect();
        let col = |h: &str| {
            head.iter()
                .position(|x| *x == h)
                .unwrap_or_else(|| panic!("{h}: {head:?}"))
        };
        let (card, id, colour, change) = (col("牌"), col("牌id"), col("牌色"), col("进位/退位"));
        let row = |key: &str| -> Vec<String> {
            csv.lines()
                .find(|l| l.starts_with(&format!("{key},")))
                .unwrap()
                .split(',')
                .map(str::to_owned)
                .collect()
        };
        if name == "three-tiers" {
            let r = row("bs");
            assert_eq!(
                (r[card].as_str(), r[id].as_str(), r[colour].as_str()),
                ("绿牌", "green", "green")
            );
            assert_eq!(r[change], "3");
        }
        if name == "arena" {
            let r = row("kfq");
            assert_eq!(
                (r[card].as_str(), r[id].as_str(), r[colour].as_str()),
                ("流动红旗", "red_flag", "red")
            );
        }
        // Read back, the export changes nothing (judges' marks included).
        let sheet = sb.path(&format!("{name}.csv"));
        std::fs::write(&sheet, &csv).unwrap();
        let before = std::fs::read(&file).unwrap();
        let (code, out, err) = sb.run(&["import", f, "--from", sheet.to_str().unwrap()]);
        assert_eq!(code, 0, "{name}: {err}");
        assert!(
            out.contains("nothing to change") && !out.contains("skipped"),
            "{name}: {out}"
        );
        assert_eq!(std::fs::read(&file).unwrap(), before);
    }
}

/// The arena's `pitch` marks of unit `id`, as the file holds them.
fn pitch_marks(file: &Path, id: &str) -> Value {
    unit(&json(file), id)["actuals"]["pitch"].clone()
}

#[test]
fn judges_marks_import_from_one_column_per_judge_or_one_cell() {
    let sb = Sandbox::new();
    let file = sb.template("arena");
    let f = file.to_str().unwrap();
    // One column per judge, under the metric's name; an empty cell is a
    // judge who gave no mark.
    let sheet = sb.path("marks.csv");
    std::fs::write(
        &sheet,
        "单位,现场路演评委1,现场路演评委2,现场路演评委3\n铜官区,90,92,88\n义安区,80,,85\n",
    )
    .unwrap();
    let (code, out, err) = sb.run(&["import", f, "--from", sheet.to_str().unwrap()]);
    assert_eq!(code, 0, "{err}");
    assert!(out.contains("83.60 → 90 92 88 (= 90.00)"), "{out}");
    assert_eq!(pitch_marks(&file, "tq"), serde_json::json!([90, 92, 88]));
    assert_eq!(pitch_marks(&file, "ys"), serde_json::json!([80, 85]));
    // Bare judges' columns belong to the meeting's only judged metric;
    // a cell may hold several marks.
    std::fs::write(&sheet, "id,评委1,评委2\nkfq,91,93.5\n").unwrap();
    let (code, _, err) = sb.run(&["import", f, "--from", sheet.to_str().unwrap()]);
    assert_eq!(code, 0, "{err}");
    assert_eq!(pitch_marks(&file, "kfq"), serde_json::json!([91, 93.5]));
    // Two header rows: the metric's name over its judges (a merged cell
    // in the workbook, blanks after it in CSV), a title line above.
    std::fs::write(
        &sheet,
        "路演评分表,,,\n单位,现场路演,,\n,评委1,评委2,评委3\n郊区,70,75,80\n",
    )
    .unwrap();
    let (code, out, err) = sb.run(&["import", f, "--from", sheet.to_str().unwrap()]);
    assert_eq!(code, 0, "{err}");
    assert!(out.contains("70 75 80"), "{out}");
    assert_eq!(pitch_marks(&file, "jg"), serde_json::json!([70, 75, 80]));
    std::fs::write(&sheet, "id,pitch\nzy,\"88 92 90.5\"\n").unwrap();
    let (code, _, err) = sb.run(&["import", f, "--from", sheet.to_str().unwrap()]);
    assert_eq!(code, 0, "{err}");
    assert_eq!(pitch_marks(&file, "zy"), serde_json::json!([88, 92, 90.5]));
}

#[test]
fn a_bad_mark_is_named_by_its_cell_and_nothing_is_written() {
    let sb = Sandbox::new();
    let file = sb.template("arena");
    let f = file.to_str().unwrap();
    let before = std::fs::read(&file).unwrap();
    let sheet = sb.path("marks.csv");
    for (text, cell) in [
        ("id,评委1,评委2\ntq,90,九十\n", "C2"),
        ("id,评委1,评委2\ntq,90,-3\n", "C2"),
        ("id,pitch\ntq,\"88 x 90\"\n", "B2"),
    ] {
        std::fs::write(&sheet, text).unwrap();
        let (code, _, err) = sb.run(&["import", f, "--from", sheet.to_str().unwrap()]);
        assert_ne!(code, 0, "{text}");
        assert!(err.contains(cell), "{text}: {err}");
        assert_eq!(std::fs::read(&file).unwrap(), before, "{text}");
    }
    // One figure for a unit the judges marked is still refused.
    std::fs::write(&sheet, "id,pitch\ntq,95\n").unwrap();
    let (code, _, err) = sb.run(&["import", f, "--from", sheet.to_str().unwrap()]);
    assert_ne!(code, 0);
    assert!(err.contains("judges' marks"), "{err}");
}

/// The editor's sheets of each v2 template at 80×24 and 160×48: the
/// meeting's tiers, the judges' marks, the history.
#[test]
fn editor_sheets_of_the_v2_templates() {
    use guotang::app::editor::Sheet;
    use guotang::app::{Action, Command as Cmd};
    use guotang::cli::render::app_at_item;
    use guotang::ui::buffer_text::plain;
    use guotang::ui::screen::render;
    use guotang::ui::theme::ThemeName;
    use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
    let key = |c: KeyCode| Action::Key(KeyEvent::new(c, KeyModifiers::NONE));
    for (name, text) in [
        ("three_tiers", THREE_TIERS),
        ("points", POINTS),
        ("arena", ARENA),
    ] {
        let doc = guotang::model::Document::from_bytes(text.as_bytes()).unwrap();
        for (w, h) in [(80u16, 24u16), (160, 48)] {
            let mut app = app_at_item(doc.clone(), 0, ThemeName::Dark, None, (w, h));
            app.update(Action::Command(Cmd::Edit));
            for sheet in Sheet::ALL {
                assert_eq!(app.edit.sheet, sheet);
                let screen = plain(&render(&app, w, h));
                assert_eq!(screen.lines().count(), usize::from(h));
                for line in screen.lines() {
                    assert!(guotang::text::width(line) <= usize::from(w), "{line}");
                }
                if matches!(sheet, Sheet::Numbers | Sheet::Cards | Sheet::History) {
                    insta::assert_snapshot!(format!("editor_{name}_{w}x{h}_{sheet:?}"), screen);
                }
                app.update(key(KeyCode::Char(']')));
            }
        }
    }
}

#[test]
fn the_history_of_earlier_meetings_imports_from_a_sheet_of_rankings() {
    let sb = Sandbox::new();
    let file = sb.template("three-tiers");
    let f = file.to_str().unwrap();
    let sheet = sb.path("history.csv");
    std::fs::write(
        &sheet,
        "期别,单位,排名,牌,综合\n\
         2025年12月,城南区,3,黄牌,45.0%\n\
         2025年12月,cb,1,green,0.5\n\
         2025年12月,不存在区,2,红牌,0.3\n\
         1—2月,白沙县,5,红牌,0.2\n",
    )
    .unwrap();
    let before = std::fs::read(&file).unwrap();
    let (code, out, err) = sb.run(&["import", f, "--from", sheet.to_str().unwrap(), "--dry-run"]);
    assert_eq!(code, 0, "{err}");
    assert!(
        out.contains("历史 2025年12月: 2 个单位（新增一期）"),
        "{out}"
    );
    assert!(
        out.contains("历史 1—2月: 1 个单位（更新已有的一期）"),
        "{out}"
    );
    assert!(out.contains("B4 「不存在区」"), "{out}");
    assert_eq!(
        std::fs::read(&file).unwrap(),
        before,
        "a dry run writes nothing"
    );

    let (code, out, err) = sb.run(&["import", f, "--from", sheet.to_str().unwrap()]);
    assert_eq!(code, 0, "{err}\n{out}");
    let doc = json(&file);
    let h = &doc["history"];
    assert_eq!(
        h[0]["label"], "2025年12月",
        "the earlier meeting goes first"
    );
    assert_eq!(
        h[0]["units"]["cn"],
        serde_json::json!({"rank": 3, "tier": "yellow", "composite": 0.45})
    );
    assert_eq!(h[0]["units"]["cb"]["tier"], "green");
    assert_eq!(h[1]["label"], "1—2月");
    assert_eq!(
        h[1]["units"]["bs"],
        serde_json::json!({"rank": 5, "tier": "red", "composite": 0.2})
    );
    // The rest of the entry is kept.
    assert_eq!(h[1]["units"]["cn"]["rank"], 2);

    // A tier the meeting does not have, a rank that is not one: named, nothing written.
    let before = std::fs::read(&file).unwrap();
    for (text, cell) in [
        ("期别,单位,排名,牌\n2025年11月,城南区,2,蓝牌\n", "D2"),
        ("期别,单位,排名,牌\n2025年11月,城南区,二,红牌\n", "C2"),
        ("期别,单位,排名,牌\n2025年11月,城南区,0,红牌\n", "C2"),
    ] {
        std::fs::write(&sheet, text).unwrap();
        let (code, _, err) = sb.run(&["import", f, "--from", sheet.to_str().unwrap()]);
        assert_ne!(code, 0, "{text}");
        assert!(err.contains(cell), "{text}: {err}");
        assert_eq!(std::fs::read(&file).unwrap(), before, "{text}");
    }
}

#[test]
fn a_workbook_with_a_sheet_per_period_imports_every_period_at_once() {
    let sb = Sandbox::new();
    let file = sb.template("three-tiers");
    let f = file.to_str().unwrap();
    let mut wb = rust_xlsxwriter::Workbook::new();
    for (name, rows) in [
        ("2025年10月", [("城南区", 4, "红牌"), ("江东区", 1, "绿牌")]),
        ("2025年11月", [("城南区", 2, "黄牌"), ("江东区", 3, "黄牌")]),
    ] {
        let ws = wb.add_worksheet();
        ws.set_name(name).unwrap();
        ws.write_row(0, 0, ["单位", "排名", "牌"]).unwrap();
        for (r, (unit, rank, tier)) in rows.into_iter().enumerate() {
            let r = r as u32 + 1;
            ws.write_string(r, 0, unit).unwrap();
            ws.write_number(r, 1, f64::from(rank)).unwrap();
            ws.write_string(r, 2, tier).unwrap();
        }
    }
    // A sheet of notes among them is said and left.
    let notes = wb.add_worksheet();
    notes.set_name("说明").unwrap();
    notes.write_string(0, 0, "数据来源：市考核办").unwrap();
    let sheet = sb.path("history.xlsx");
    std::fs::write(&sheet, wb.save_to_buffer().unwrap()).unwrap();
    let file2 = sb.path("one-sheet.json");
    std::fs::copy(&file, &file2).unwrap();

    let (code, out, err) = sb.run(&["import", f, "--from", sheet.to_str().unwrap()]);
    assert_eq!(code, 0, "{err}\n{out}");
    assert!(
        out.contains("历史 2025年10月: 2 个单位（新增一期）"),
        "{out}"
    );
    assert!(
        out.contains("历史 2025年11月: 2 个单位（新增一期）"),
        "{out}"
    );
    assert!(out.contains("说明"), "{out}");
    let h = &json(&file)["history"];
    assert_eq!(h[0]["label"], "2025年10月", "the sheets' order is kept");
    assert_eq!(
        h[0]["units"]["cn"],
        serde_json::json!({"rank": 4, "tier": "red"})
    );
    assert_eq!(h[1]["label"], "2025年11月");
    assert_eq!(
        h[1]["units"]["jd"],
        serde_json::json!({"rank": 3, "tier": "yellow"})
    );

    // One sheet named: that period alone.
    let (code, out, err) = sb.run(&[
        "import",
        file2.to_str().unwrap(),
        "--from",
        sheet.to_str().unwrap(),
        "--sheet",
        "2025年11月",
    ]);
    assert_eq!(code, 0, "{err}\n{out}");
    assert_eq!(json(&file2)["history"][0]["label"], "2025年11月");
    assert_ne!(json(&file2)["history"][1]["label"], "2025年10月");
}
