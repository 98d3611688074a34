//! What secretaries type, through `App::update`: dates as they write them,
//! a day that does not exist named as such, and figures that are allowed
//! but doubted, warned of under the field and after the edit.

use ratatui::crossterm::event::KeyCode;

use super::tests::{editor, goto, press, typed};
use crate::app::{Action, App};
use crate::words::edit_labels as el;

fn projects(app: &mut App) {
    press(app, KeyCode::Char(']'));
}

/// Clears the open field (or opens the cell) and types `text` into it.
fn retype(app: &mut App, text: &str) {
    press(app, KeyCode::Enter);
    for _ in 0..30 {
        press(app, KeyCode::Backspace);
    }
    typed(app, text);
}

fn notice(app: &App) -> String {
    app.prefs
        .notice
        .as_ref()
        .map(|n| n.0.clone())
        .unwrap_or_default()
}

/// The editor's status line on screen, at 120 columns.
fn screen_text(app: &App) -> String {
    let buf = crate::ui::screen::render(app, 120, 40);
    let mut out = String::new();
    for y in 0..buf.area.height {
        let mut x = 0;
        while x < buf.area.width {
            let sym = buf[(x, y)].symbol();
            out.push_str(sym);
            // A two-column character's second cell holds nothing of its own.
            x += crate::text::width(sym).max(1) as u16;
        }
        out.push('\n');
    }
    out
}

#[test]
fn a_day_that_does_not_exist_is_told_as_such() {
    let mut app = editor();
    let lang = app.prefs.lang;
    projects(&mut app);
    goto(&mut app, 0, 6);
    retype(&mut app, "2026-02-30");
    let f = app.edit.field.as_ref().unwrap();
    let p = f.problem(lang).unwrap();
    assert!(p.contains(el::NO_SUCH_DATE.get(lang)), "{p}");
    assert!(p.contains("28"), "{p}");
    assert!(
        !p.contains(el::NEED_DATE.get(lang)),
        "not a format problem: {p}"
    );
    press(&mut app, KeyCode::Enter);
    assert!(app.edit.field.is_some(), "refused: stays open");
    assert_eq!(app.data.snapshot().projects[0].started_on, None);
}

#[test]
fn dates_are_read_as_secretaries_write_them() {
    let mut app = editor();
    projects(&mut app);
    let day = |y, m, d| chrono::NaiveDate::from_ymd_opt(y, m, d);
    for (typed_text, want) in [
        ("2026/03/05", day(2026, 3, 5)),
        ("2026-3-6", day(2026, 3, 6)),
        ("2026年3月7日", day(2026, 3, 7)),
        ("２０２６年３月８日", day(2026, 3, 8)),
    ] {
        goto(&mut app, 0, 8);
        retype(&mut app, typed_text);
        press(&mut app, KeyCode::Enter);
        assert!(app.edit.field.is_none(), "{typed_text} refused");
        assert_eq!(
            app.data.snapshot().projects[0].due_start,
            want,
            "{typed_text}"
        );
    }
    // A pasted block reads them the same way.
    goto(&mut app, 0, 8);
    app.update(Action::Paste(
        "2026/4/1\t2026年12月31日\n2026/4/2\t2026-12-30".into(),
    ));
    let s = app.data.snapshot();
    assert_eq!(s.projects[0].due_start, day(2026, 4, 1));
    assert_eq!(s.projects[0].due_complete, day(2026, 12, 31));
    assert_eq!(s.projects[1].due_start, day(2026, 4, 2));
}

#[test]
fn a_fraction_in_a_count_is_written_with_a_warning() {
    let mut app = editor();
    let lang = app.prefs.lang;
    // kfq's 新签约项目 actual: a count (decimals 0).
    goto(&mut app, 0, 7);
    typed(&mut app, "2.5");
    let f = app.edit.field.as_ref().unwrap();
    assert_eq!(f.problem(lang), None, "a warning, not a refusal");
    let warning = app.field_doubt().expect("warned as typed");
    assert!(warning.contains(el::DOUBT_WHOLE.get(lang)), "{warning}");
    assert!(
        screen_text(&app).contains(&format!("⚠ {warning}")),
        "shown under the field:\n{}",
        screen_text(&app)
    );
    press(&mut app, KeyCode::Enter);
    assert_eq!(
        app.data.snapshot().units[0].actuals[1],
        Some(2.5),
        "written"
    );
    let n = notice(&app);
    assert!(
        n.contains("⚠") && n.contains("2.5") && n.contains("经济开发区"),
        "{n}"
    );
}

#[test]
fn a_figure_far_over_its_target_is_written_with_a_warning() {
    let mut app = editor();
    let lang = app.prefs.lang;
    // kfq's investment: target 240; 1300 is more than five times it.
    goto(&mut app, 0, 5);
    typed(&mut app, "1200");
    assert_eq!(
        app.field_doubt(),
        None,
        "five times is not more than five times"
    );
    retype(&mut app, "1300");
    let warning = app.field_doubt().expect("warned as typed");
    assert!(warning.contains(el::DOUBT_FAR_OVER.get(lang)), "{warning}");
    assert!(warning.contains("240"), "{warning}");
    press(&mut app, KeyCode::Enter);
    assert_eq!(app.data.snapshot().units[0].actuals[0], Some(1300.0));
    assert!(notice(&app).contains(el::DOUBT_FAR_OVER.get(lang)));
    // A pasted block says so after the count of cells.
    goto(&mut app, 1, 6);
    app.update(Action::Paste("17\t100\n12\t4".into()));
    let n = notice(&app);
    assert!(n.contains(el::PASTED.get(lang)), "{n}");
    assert!(n.contains(el::DOUBT_FAR_OVER.get(lang)), "{n}");
}

#[test]
fn a_project_signed_after_it_started_is_written_with_a_warning() {
    let mut app = editor();
    let lang = app.prefs.lang;
    projects(&mut app);
    // p02 started on 2026-03-02.
    goto(&mut app, 1, 5);
    retype(&mut app, "2026-03-10");
    let warning = app.field_doubt().expect("warned as typed");
    assert!(
        warning.contains(el::DOUBT_SIGNED_AFTER.get(lang)),
        "{warning}"
    );
    press(&mut app, KeyCode::Enter);
    assert!(app.edit.field.is_none(), "written");
    assert!(notice(&app).contains(el::DOUBT_SIGNED_AFTER.get(lang)));
}
