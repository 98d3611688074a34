//! The ranking, seating, speakers and projects panes drawn from fixtures:
//! text snapshots at the sizes a presenter meets, the colours that carry
//! meaning, key figures checked against the model, and any size (and any
//! pane state) drawn without a panic or a cell written outside the pane.

#[path = "panes/util.rs"]
mod util;

use guotang::i18n::{Lang, pct};
use guotang::model::{Card, Pane};
use guotang::ui::view::{TimerState, TimerView};
use proptest::prelude::*;
use ratatui::layout::Rect;
use util::*;

/// Renders and returns the visible text, checking nothing leaked outside.
fn draw(fx: &Fixture, setup: &Setup, w: u16, h: u16) -> String {
    let (buf, area) = render(fx, setup, w, h);
    assert!(untouched_outside(&buf, area), "wrote outside its area");
    text(&buf, area)
}

/// The rendered line that contains `needle`.
fn line_with<'a>(text: &'a str, needle: &str) -> &'a str {
    text.lines()
        .find(|l| l.contains(needle))
        .unwrap_or_else(|| panic!("no line with {needle:?} in\n{text}"))
}

// ---------------------------------------------------------------- snapshots

/// One snapshot: `json` fixture, the `skip`-th item showing `pane`, the state
/// set by `f`, at `w`×`h`.
fn snap(json: &str, pane: Pane, skip: usize, f: impl Fn(&mut Setup), w: u16, h: u16) -> String {
    let fx = Fixture::load(json);
    let mut setup = Setup::item(&fx, pane, skip);
    f(&mut setup);
    draw(&fx, &setup, w, h)
}

macro_rules! snapshots {
    ($($name:ident: $json:expr, $pane:expr, $skip:expr, $f:expr, $w:expr, $h:expr;)*) => {
        $(
            #[test]
            fn $name() {
                insta::assert_snapshot!(snap($json, $pane, $skip, $f, $w, $h));
            }
        )*
    };
}

fn none(_: &mut Setup) {}

snapshots! {
    ranking_composite_60x18: DEMO, Pane::Ranking, 0, none, 60, 18;
    ranking_composite_80x24: DEMO, Pane::Ranking, 0, none, 80, 24;
    ranking_composite_160x48: DEMO, Pane::Ranking, 0, |s: &mut Setup| s.state.group = 1, 160, 48;
    ranking_metric_60x18: DEMO, Pane::Ranking, 0, |s: &mut Setup| s.state.metric = 2, 60, 18;
    ranking_raw_metric_80x24: DEMO, Pane::Ranking, 0, |s: &mut Setup| s.state.metric = 6, 80, 24;
    ranking_lower_metric_80x24: DEMO, Pane::Ranking, 0, |s: &mut Setup| s.state.metric = 7, 80, 24;
    ranking_table_60x18: DEMO, Pane::Ranking, 0, |s: &mut Setup| s.state.tab = 1, 60, 18;
    ranking_table_80x24: DEMO, Pane::Ranking, 0, |s: &mut Setup| s.state.tab = 1, 80, 24;
    ranking_table_160x48: DEMO, Pane::Ranking, 0, |s: &mut Setup| { s.state.group = 1; s.state.tab = 1 }, 160, 48;
    ranking_metric_table_80x24: DEMO, Pane::Ranking, 0, |s: &mut Setup| { s.state.metric = 2; s.state.tab = 1 }, 80, 24;
    ranking_scrolled_50x8: DEMO, Pane::Ranking, 0, |s: &mut Setup| s.state.scroll = 3, 50, 8;
    ranking_table_en_80x24: DEMO, Pane::Ranking, 0, |s: &mut Setup| { s.state.tab = 1; s.lang = Lang::En }, 80, 24;
    ranking_cjk_50x15: CJK, Pane::Ranking, 0, none, 50, 15;
    ranking_cjk_80x24: CJK, Pane::Ranking, 0, |s: &mut Setup| s.state.metric = 1, 80, 24;
    ranking_cjk_table_80x24: CJK, Pane::Ranking, 0, |s: &mut Setup| { s.state.group = 2; s.state.tab = 1 }, 80, 24;
    ranking_cjk_160x48: CJK, Pane::Ranking, 0, |s: &mut Setup| { s.state.group = 1; s.state.tab = 1 }, 160, 48;
    ranking_extreme_no_data_60x18: EXTREME, Pane::Ranking, 0, |s: &mut Setup| { s.state.group = 1; s.state.metric = 1 }, 60, 18;

    seating_grid_60x18: DEMO, Pane::Seating, 0, none, 60, 18;
    seating_grid_80x24: DEMO, Pane::Seating, 0, none, 80, 24;
    seating_grid_160x48: DEMO, Pane::Seating, 0, none, 160, 48;
    seating_list_60x18: DEMO, Pane::Seating, 0, |s: &mut Setup| s.state.tab = 1, 60, 18;
    seating_list_scrolled_60x18: DEMO, Pane::Seating, 0, |s: &mut Setup| { s.state.tab = 1; s.state.scroll = 99 }, 60, 18;
    seating_too_narrow_30x18: DEMO, Pane::Seating, 0, none, 30, 18;
    seating_cjk_50x15: CJK, Pane::Seating, 0, none, 50, 15;
    seating_cjk_80x24: CJK, Pane::Seating, 0, none, 80, 24;
    seating_cjk_160x48: CJK, Pane::Seating, 0, none, 160, 48;
    seating_cjk_list_80x24: CJK, Pane::Seating, 0, |s: &mut Setup| s.state.tab = 1, 80, 24;
    seating_extreme_80x24: EXTREME, Pane::Seating, 0, none, 80, 24;

    speakers_red_60x18: DEMO, Pane::Speakers, 0, none, 60, 18;
    speakers_red_80x24: DEMO, Pane::Speakers, 0, |s: &mut Setup| s.state.speaker = 2, 80, 24;
    speakers_red_160x48: DEMO, Pane::Speakers, 0, |s: &mut Setup| s.state.speaker = 1, 160, 48;
    speakers_yellow_60x18: DEMO, Pane::Speakers, 1, |s: &mut Setup| s.state.speaker = 3, 60, 18;
    speakers_yellow_en_80x24: DEMO, Pane::Speakers, 1, |s: &mut Setup| { s.state.speaker = 3; s.lang = Lang::En }, 80, 24;
    speakers_paused_overrun_80x24: DEMO, Pane::Speakers, 1, |s: &mut Setup| {
        s.timer = Some(TimerView { remaining: -75, planned: 300, state: TimerState::Overrun, paused: true });
    }, 80, 24;
    speakers_empty_60x18: DEMO, Pane::Speakers, 0, |s: &mut Setup| s.queue = Some(Vec::new()), 60, 18;
    speakers_cjk_50x15: CJK, Pane::Speakers, 0, none, 50, 15;
    speakers_cjk_80x24: CJK, Pane::Speakers, 0, |s: &mut Setup| s.state.speaker = 4, 80, 24;
    speakers_cjk_160x48: CJK, Pane::Speakers, 0, none, 160, 48;
    speakers_extreme_80x24: EXTREME, Pane::Speakers, 0, |s: &mut Setup| s.state.speaker = 4, 80, 24;

    projects_pipeline_60x18: DEMO, Pane::Projects, 0, none, 60, 18;
    projects_late_60x18: DEMO, Pane::Projects, 0, |s: &mut Setup| s.state.tab = 1, 60, 18;
    projects_split_80x24: DEMO, Pane::Projects, 0, |s: &mut Setup| s.state.group = 1, 80, 24;
    projects_split_160x48: DEMO, Pane::Projects, 0, none, 160, 48;
    projects_late_en_80x24: DEMO, Pane::Projects, 0, |s: &mut Setup| { s.state.tab = 2; s.lang = Lang::En }, 80, 24;
    projects_cjk_50x15: CJK, Pane::Projects, 0, |s: &mut Setup| s.state.tab = 1, 50, 15;
    projects_cjk_80x24: CJK, Pane::Projects, 0, none, 80, 24;
    projects_cjk_160x48: CJK, Pane::Projects, 0, none, 160, 48;
}

// ------------------------------------------------------ figures and colours

/// Every unit's composite (as the model computed it) is on its own line of
/// the chart, next to its name and its rank.
#[test]
fn ranking_chart_shows_the_models_composites() {
    let fx = Fixture::load(DEMO);
    for (gi, g) in fx.standings.groups.iter().enumerate() {
        let mut setup = Setup::item(&fx, Pane::Ranking, 0);
        setup.state.group = gi;
        let text = draw(&fx, &setup, 80, 24);
        for &u in &g.members {
            let us = &fx.standings.units[u];
            let line = line_with(&text, &format!(" {} ", fx.snapshot.units[u].name));
            match (us.composite, us.rank) {
                (Some(c), Some(r)) => {
                    assert!(line.ends_with(&pct(c)), "{line}");
                    assert!(line.trim_start().starts_with(&r.to_string()), "{line}");
                }
                _ => assert!(line.contains("未排名"), "{line}"),
            }
        }
    }
    // Figures from `guotang standings assets/demo.json` (the oracle-checked engine).
    let fx_text = draw(&fx, &Setup::item(&fx, Pane::Ranking, 0), 80, 24);
    assert!(line_with(&fx_text, "东湖镇").ends_with("54.4%"));
    assert!(line_with(&fx_text, "经济开发区").ends_with("42.3%"));
    assert!(line_with(&fx_text, "白沙镇").ends_with("10.6%"));
}

/// The table's gaps are the model's, and those the standings command prints
/// (经济开发区 12.2 points behind 东湖镇, 发改局 1.5 behind 科技局).
#[test]
fn ranking_table_gaps_are_the_models() {
    let fx = Fixture::load(DEMO);
    for gi in 0..fx.standings.groups.len() {
        let mut setup = Setup::item(&fx, Pane::Ranking, 0);
        setup.state.group = gi;
        setup.state.tab = 1;
        let text = draw(&fx, &setup, 80, 24);
        for &u in &fx.standings.groups[gi].members {
            let us = &fx.standings.units[u];
            let line = line_with(&text, &fx.snapshot.units[u].name);
            if us.rank.is_some_and(|r| r > 1) {
                let first = format!("-{}", pct(us.gap_first.expect("ranked")));
                let above = format!("-{}", pct(us.gap_above.expect("ranked")));
                assert!(line.contains(&format!("{first} ")), "{first} in {line}");
                assert!(line.contains(&format!("{above} ")), "{above} in {line}");
            }
        }
        let check = [("经济开发区", "-12.2%"), ("发改局", "-1.5%")][gi];
        assert!(line_with(&text, check.0).contains(check.1), "{check:?}");
    }
}

/// `m` past the last metric wraps to the composite; `g` past the last group
/// wraps to the first: any value is safe.
#[test]
fn ranking_state_wraps() {
    let fx = Fixture::load(DEMO);
    let base = draw(&fx, &Setup::item(&fx, Pane::Ranking, 0), 60, 18);
    let mut setup = Setup::item(&fx, Pane::Ranking, 0);
    setup.state.metric = fx.snapshot.metrics.len() + 1;
    setup.state.group = fx.standings.groups.len();
    setup.state.tab = 2;
    assert_eq!(draw(&fx, &setup, 60, 18), base);
    // usize::MAX % 8 == 7: the last metric.
    setup.state.metric = usize::MAX;
    assert!(draw(&fx, &setup, 60, 18).contains("停工流失项目"));
}

/// Bars carry their unit's card colour; the pace line its own.
#[test]
fn ranking_bars_are_coloured_by_card() {
    let fx = Fixture::load(DEMO);
    let setup = Setup::item(&fx, Pane::Ranking, 0);
    let (buf, area) = render(&fx, &setup, 60, 18);
    let t = &fx.theme;
    for (name, card) in [
        ("东湖镇", Card::Red),
        ("临港镇", Card::Red),
        ("青山镇", Card::Yellow),
        ("白沙镇", Card::Yellow),
    ] {
        let (_, y) = find(&buf, area, name).expect("row");
        let bar = (area.left()..area.right())
            .find(|&x| buf[(x, y)].symbol() == "█")
            .expect("a bar");
        assert_eq!(
            buf[(bar, y)].fg,
            t.bar(card).fg.expect("bar colour"),
            "{name}"
        );
    }
    // 青山镇 and 临港镇 hold their cards by decision, against the rule.
    assert_ne!(t.bar_red.fg, t.bar_yellow.fg);
    let (_, y) = find(&buf, area, "白沙镇").expect("row");
    let mark = (area.left()..area.right())
        .find(|&x| buf[(x, y)].symbol() == "│")
        .expect("the pace line");
    assert_eq!(buf[(mark, y)].fg, t.pace.fg.expect("pace colour"));
}

#[test]
fn seating_zone_labels_wear_their_card() {
    let fx = Fixture::load(DEMO);
    let (buf, area) = render(&fx, &Setup::item(&fx, Pane::Seating, 0), 60, 18);
    let (x, y) = find(&buf, area, "红区").expect("red zone");
    assert_eq!(
        buf[(x, y)].bg,
        fx.theme.red_card.bg.expect("red card background")
    );
    let (x, y) = find(&buf, area, "黄区").expect("yellow zone");
    assert_eq!(
        buf[(x, y)].bg,
        fx.theme.yellow_card.bg.expect("yellow card background")
    );
}

/// Every seat's unit and person, and every overflowing unit, is on screen
/// (grid or list): nobody is dropped.
#[test]
fn seating_shows_every_seat_and_every_overflow() {
    for json in [DEMO, CJK, EXTREME] {
        let fx = Fixture::load(json);
        let mut setup = Setup::item(&fx, Pane::Seating, 0);
        setup.state.tab = 1;
        let text = draw(&fx, &setup, 200, 60);
        for z in &fx.seating {
            for s in &z.seats {
                let unit = &fx.snapshot.units[s.unit].name;
                let person = guotang::sanitize::one_line(&s.person).into_owned();
                assert!(
                    text.lines()
                        .any(|l| l.contains(unit.as_str()) && l.contains(&person)),
                    "{unit} {person}"
                );
            }
            for &u in &z.overflow {
                let name = &fx.snapshot.units[u].name;
                assert!(line_with(&text, name).contains("未入座"));
            }
        }
    }
    // The extreme snapshot overflows both zones; the grid names them all too.
    let fx = Fixture::load(EXTREME);
    let grid = draw(&fx, &Setup::item(&fx, Pane::Seating, 0), 160, 48);
    let overflow: usize = fx.seating.iter().map(|z| z.overflow.len()).sum();
    assert_eq!(overflow, 5);
    for z in &fx.seating {
        for &u in &z.overflow {
            assert!(
                grid.contains(fx.snapshot.units[u].name.as_str()),
                "{u} in\n{grid}"
            );
        }
    }
}

/// Too narrow for the seats: the list, with a word saying so.
#[test]
fn seating_falls_back_to_the_list_and_says_so() {
    let fx = Fixture::load(DEMO);
    let text = draw(&fx, &Setup::item(&fx, Pane::Seating, 0), 30, 18);
    assert!(text.starts_with("座位图在此尺寸下放不下"));
    assert!(text.contains("区域"));
}

#[test]
fn speakers_highlight_the_current_and_dim_the_done() {
    let fx = Fixture::load(DEMO);
    let mut setup = Setup::item(&fx, Pane::Speakers, 0);
    setup.state.speaker = 2;
    let (buf, area) = render(&fx, &setup, 100, 30);
    let queue = fx.queue(setup.item.expect("item"));
    let t = &fx.theme;
    let name = |k: usize| fx.snapshot.units[queue[k]].name.as_str();
    let column = Rect { width: 20, ..area };
    let (x, y) = find(&buf, column, name(0)).expect("first");
    assert_eq!(buf[(x, y)].fg, t.muted.fg.expect("muted"));
    let (x, y) = find(&buf, column, name(2)).expect("current");
    assert_eq!(buf[(x, y)].bg, t.selected.bg.expect("selected"));
    let (x, y) = find(&buf, column, name(3)).expect("next");
    assert_eq!(buf[(x, y)].fg, t.base.fg.expect("base"));
    // The scorecard is the current unit's.
    let text = text(&buf, area);
    assert!(
        text.lines()
            .next()
            .expect("line")
            .contains(&format!("{}  红牌", name(2)))
    );
    // Past the end stays on the last speaker.
    setup.state.speaker = usize::MAX;
    let (buf, area) = render(&fx, &setup, 100, 30);
    let column = Rect { width: 20, ..area };
    let (x, y) = find(&buf, column, name(queue.len() - 1)).expect("last");
    assert_eq!(buf[(x, y)].bg, t.selected.bg.expect("selected"));
}

/// Pace in points (completion − time progress), signed and coloured; the
/// rank out of the group's ranked; the unit's overdue projects with the
/// model's days late.
#[test]
fn speakers_scorecard_figures() {
    let fx = Fixture::load(DEMO);
    let p = fx.standings.time_progress;
    let t = &fx.theme;
    let mut checked_late = false;
    for skip in 0..2 {
        let item = fx.item(Pane::Speakers, skip);
        let queue = fx.queue(item);
        for (k, &u) in queue.iter().enumerate() {
            let mut setup = Setup::item(&fx, Pane::Speakers, skip);
            setup.state.speaker = k;
            let (buf, area) = render(&fx, &setup, 120, 40);
            let text = text(&buf, area);
            let us = &fx.standings.units[u];
            let group = &fx.standings.groups[fx.snapshot.units[u].group_index];
            let c = us.composite.expect("speakers are ranked here");
            let line = line_with(&text, "综合完成");
            let points = format!("{:+.1}", (c - p) * 100.0);
            assert!(
                line.contains(&pct(c)) && line.contains(&points),
                "{points} in {line}"
            );
            let rank = format!("{}/{}", us.rank.expect("ranked"), group.ranked);
            assert!(line.contains(&rank), "{rank} in {line}");
            for (mi, m) in fx.snapshot.metrics.iter().enumerate() {
                let Some(done) = us.metrics[mi].completion else {
                    continue;
                };
                let prefix: String = m.name.chars().take(3).collect();
                let (x, y) = find(&buf, area, &prefix).expect("metric row");
                let row = text.lines().nth(usize::from(y - area.y)).expect("row");
                let points = format!("{:+.1}", (done - p) * 100.0).replace("+-", "-");
                let shown = if points.trim_start_matches(['+', '-']) == "0.0" {
                    "0.0".into()
                } else {
                    points.clone()
                };
                assert!(row.contains(&shown), "{shown} in {row}");
                let (px, py) = find(
                    &buf,
                    Rect {
                        x: x + 1,
                        y,
                        height: 1,
                        ..area
                    },
                    &shown,
                )
                .expect("pace cell");
                let want = if done >= p - 0.0005 {
                    t.good
                } else {
                    t.overdue
                };
                assert_eq!(Some(buf[(px, py)].fg), want.fg, "{row}");
            }
            for o in fx
                .standings
                .overdue
                .iter()
                .filter(|o| fx.snapshot.projects[o.project].unit == u)
            {
                // The last line naming it: a decision's reason may name it too.
                let name = &fx.snapshot.projects[o.project].name;
                let line = text
                    .lines()
                    .rev()
                    .find(|l| l.contains(name.as_str()))
                    .expect("listed");
                assert!(line.contains(&format!("逾期{}天", o.days_late)), "{line}");
                checked_late = true;
            }
        }
    }
    assert!(checked_late, "some speaker has an overdue project");
}

#[test]
fn speakers_timer_wears_its_state() {
    let fx = Fixture::load(DEMO);
    let t = &fx.theme;
    for (state, style) in [
        (TimerState::Normal, t.timer_normal),
        (TimerState::Warning, t.warning),
        (TimerState::Overrun, t.overrun),
    ] {
        let mut setup = Setup::item(&fx, Pane::Speakers, 0);
        let remaining = if state == TimerState::Overrun {
            -75
        } else {
            42
        };
        setup.timer = Some(TimerView {
            remaining,
            planned: 300,
            state,
            paused: false,
        });
        let (buf, area) = render(&fx, &setup, 80, 24);
        let clock = if remaining < 0 { "+01:15" } else { "00:42" };
        let (x, y) = find(&buf, area, clock).expect("the clock");
        assert_eq!(Some(buf[(x, y)].fg), style.fg, "{state:?}");
    }
}

#[test]
fn speakers_without_a_queue_are_calm() {
    let fx = Fixture::load(DEMO);
    let mut setup = Setup::item(&fx, Pane::Speakers, 0);
    setup.queue = Some(Vec::new());
    let text = draw(&fx, &setup, 60, 18);
    assert_eq!(text.trim(), "本项无发言单位");
}

/// The overdue list is the model's, latest first, with its days late; the
/// stalled ones that are not late follow.
#[test]
fn projects_late_list_is_the_models() {
    let fx = Fixture::load(DEMO);
    let mut setup = Setup::item(&fx, Pane::Projects, 0);
    setup.state.tab = 1;
    let (buf, area) = render(&fx, &setup, 100, 20);
    let text = text(&buf, area);
    let mut last = 0;
    for o in &fx.standings.overdue {
        let name = &fx.snapshot.projects[o.project].name;
        let (_, y) = find(&buf, area, name).expect("listed");
        assert!(y > last, "{name} out of order");
        last = y;
        assert!(line_with(&text, name).contains(&format!("{}天", o.days_late)));
    }
    let stalled = fx.snapshot.projects.iter().enumerate().filter(|(i, p)| {
        p.stage == guotang::model::Stage::Stalled
            && !fx.standings.overdue.iter().any(|o| o.project == *i)
    });
    for (_, p) in stalled {
        let (_, y) = find(&buf, area, &p.name).expect("the stalled one");
        assert!(y > last, "{} after the overdue", p.name);
    }
    let days = format!("{}天", fx.standings.overdue[0].days_late);
    let (x, y) = find(&buf, area, &days).expect("days");
    assert_eq!(Some(buf[(x, y)].fg), fx.theme.overdue.fg);
}

/// The pipeline counts and start rate are the model's, in standing order.
#[test]
fn projects_pipeline_is_the_models() {
    let fx = Fixture::load(DEMO);
    let text = draw(&fx, &Setup::item(&fx, Pane::Projects, 0), 80, 20);
    let g = &fx.standings.groups[0];
    let mut last = 0;
    for &u in &g.members {
        let name = &fx.snapshot.units[u].name;
        let pos = text.find(name.as_str()).expect("listed");
        assert!(pos > last, "{name} out of standing order");
        last = pos;
        let pl = &fx.standings.pipelines[u];
        let line = line_with(&text, name);
        let cells: Vec<&str> = line.split_whitespace().collect();
        let counts: Vec<String> = pl
            .counts
            .iter()
            .map(|c| if *c == 0 { "·".into() } else { c.to_string() })
            .collect();
        assert_eq!(&cells[1..8], counts.as_slice(), "{line}");
        assert_eq!(cells[8], pl.start_rate.map_or("—".into(), pct), "{line}");
    }
}

// ----------------------------------------------------------- any size, any state

fn fixtures() -> Vec<Fixture> {
    let mut all = vec![
        Fixture::load(DEMO),
        Fixture::load(CJK),
        Fixture::load(EXTREME),
    ];
    all.extend(BARE.iter().map(|j| Fixture::load(j)));
    all
}

const PANES: [Pane; 4] = [Pane::Ranking, Pane::Seating, Pane::Speakers, Pane::Projects];

proptest! {
    #![proptest_config(ProptestConfig::with_cases(192))]

    #[test]
    fn any_size_and_state_draws_inside_its_area(
        w in 1u16..=300,
        h in 1u16..=100,
        fixture in 0usize..6,
        pane in 0usize..4,
        state in (any::<usize>(), 0usize..50, any::<usize>(), prop_oneof![0usize..100, any::<usize>()], any::<usize>()),
        english in any::<bool>(),
        queue in proptest::collection::vec(0usize..20, 0..12),
    ) {
        thread_local!(static FIXTURES: Vec<Fixture> = fixtures());
        FIXTURES.with(|all| {
            let fx = &all[fixture];
            let mut setup = Setup::bare(PANES[pane]);
            setup.state.metric = state.0;
            setup.state.group = state.1;
            setup.state.tab = state.2;
            setup.state.scroll = state.3;
            setup.state.speaker = state.4;
            setup.lang = if english { Lang::En } else { Lang::Zh };
            // Unit indices from the queue may be past the end: never trusted.
            setup.queue = Some(queue.clone());
            let (buf, area) = render(fx, &setup, w, h);
            prop_assert!(untouched_outside(&buf, area));
            Ok(())
        })?;
    }
}

#[test]
fn the_smallest_sizes_draw() {
    for fx in fixtures() {
        for pane in PANES {
            for (w, h) in [(1, 1), (2, 1), (1, 5), (3, 2), (10, 3), (0, 0), (5, 0)] {
                let mut setup = Setup::bare(pane);
                setup.queue = Some((0..fx.snapshot.units.len()).collect());
                let (buf, area) = render(&fx, &setup, w, h);
                assert!(untouched_outside(&buf, area));
            }
        }
    }
}
