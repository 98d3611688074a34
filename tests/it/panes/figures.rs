//! Figures the panes show checked against the model (and against what
//! `guotang standings` prints for the demo), and the colours that carry meaning.

use guotang::i18n::pct;
use guotang::model::{Card, Pane};
use guotang::ui::view::{TimerState, TimerView};
use ratatui::layout::Rect;

use super::util::*;

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
                    assert!(line.trim_end_matches(" ◆决定").ends_with(&pct(c)), "{line}");
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

/// A composite as printed, in percent: what the room reads off the screen.
fn printed(ratio: f64) -> f64 {
    pct(ratio)
        .trim_end_matches('%')
        .parse()
        .expect("a percentage")
}

/// The table's gaps are the differences of the composites as printed, in
/// percentage points (never %): 东湖镇 54.4% and 经济开发区 42.3% are 12.1
/// points apart, although the exact gap (12.17) would print 12.2.
#[test]
fn ranking_table_gaps_add_up_as_shown() {
    let fx = Fixture::load(DEMO);
    for gi in 0..fx.standings.groups.len() {
        let mut setup = Setup::item(&fx, Pane::Ranking, 0);
        setup.state.group = gi;
        setup.state.tab = 1;
        let text = draw(&fx, &setup, 120, 24);
        assert!(text.contains("与第一差距(个百分点)"), "{text}");
        let g = &fx.standings.groups[gi];
        let first = fx.standings.units[g.members[0]].composite.expect("ranked");
        for &u in &g.members {
            let us = &fx.standings.units[u];
            let line = line_with(&text, &fx.snapshot.units[u].name);
            if us.rank.is_some_and(|r| r > 1) {
                let own = printed(us.composite.expect("ranked"));
                let gap = format!("-{:.1} ", printed(first) - own);
                assert!(line.contains(&gap), "{gap} in {line}");
                let above = us.above.and_then(|a| fx.standings.units[a].composite);
                let gap = format!("-{:.1} ", printed(above.expect("above")) - own);
                assert!(line.contains(&gap), "{gap} in {line}");
                assert!(!line.contains(&format!("-{}", pct(us.gap_first.expect("gap")))));
            }
        }
        let check = [("经济开发区", "-12.1 "), ("发改局", "-1.5 ")][gi];
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
        ("东湖镇", Card::RED),
        ("临港镇", Card::RED),
        ("青山镇", Card::YELLOW),
        ("白沙镇", Card::YELLOW),
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
    assert_ne!(t.bar(Card::RED).fg, t.bar(Card::YELLOW).fg);
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
        fx.theme.card(Card::RED).bg.expect("red card background")
    );
    let (x, y) = find(&buf, area, "黄区").expect("yellow zone");
    assert_eq!(
        buf[(x, y)].bg,
        fx.theme
            .card(Card::YELLOW)
            .bg
            .expect("yellow card background")
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
    // The extreme snapshot's zones are too small: every seat is taken by a
    // unit's leader before any aide, one unit finds no seat, and the grid
    // names it and every aide left standing.
    let fx = Fixture::load(EXTREME);
    let grid = draw(&fx, &Setup::item(&fx, Pane::Seating, 0), 160, 48);
    let overflow: usize = fx.seating.iter().map(|z| z.overflow.len()).sum();
    assert_eq!(overflow, 1);
    for z in &fx.seating {
        let zone = &fx.snapshot.seating[z.zone];
        if !z.overflow.is_empty() || !z.standing.is_empty() {
            assert_eq!(z.seats.len(), (zone.rows * zone.seats_per_row) as usize);
        }
        for &u in &z.overflow {
            assert!(
                grid.contains(fx.snapshot.units[u].name.as_str()),
                "{u} in\n{grid}"
            );
        }
        for (_, person) in &z.standing {
            let person = guotang::sanitize::one_line(person).into_owned();
            assert!(grid.contains(&person), "{person} in\n{grid}");
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
            // Pace in points from the two percentages as printed.
            let points = format!("{:+.1}", printed(c) - printed(p));
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
                let points = format!("{:+.1}", printed(done) - printed(p)).replace("+-", "-");
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
                let want = if done >= p - 0.0005 { t.good } else { t.alarm };
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
                    .find(|l| l.contains(&**name))
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
    assert_eq!(Some(buf[(x, y)].fg), fx.theme.alarm.fg);
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

/// Columns a bar fills on a chart line: full blocks count 8, partial ones
/// their eighths (the pace mark under a bar counts as filled).
fn bar_eighths(line: &str) -> usize {
    line.chars()
        .map(|c| match c {
            '█' => 8,
            '▉' => 7,
            '▊' => 6,
            '▋' => 5,
            '▌' => 4,
            '▍' => 3,
            '▎' => 2,
            '▏' => 1,
            _ => 0,
        })
        .sum()
}

/// `m` on a metric with targets: the bars show completion, so the units are
/// ordered by completion and ranked by it, and the heading says so (before,
/// they were ordered by value while the bars drew completion: the unit
/// ranked 3rd had the longest bar).
#[test]
fn metric_chart_orders_by_what_its_bars_show() {
    let fx = Fixture::load(DEMO);
    for metric in 1..fx.snapshot.metrics.len() {
        let mut setup = Setup::item(&fx, Pane::Ranking, 0);
        setup.state.metric = metric;
        let text = draw(&fx, &setup, 120, 40);
        let head = text.lines().next().expect("title");
        let mi = metric - 1;
        let g = &fx.standings.groups[0];
        let with_targets = !g.by_completion[mi].is_empty();
        let expected = if with_targets {
            "按完成率排序"
        } else {
            "按完成值排序"
        };
        assert!(head.contains(expected), "{head}");
        // The bars never grow down the chart, and the first drawn unit is the
        // first of the order the heading names.
        let bars: Vec<usize> = text
            .lines()
            .skip(1)
            .map(bar_eighths)
            .filter(|b| *b > 0)
            .collect();
        assert!(
            bars.windows(2).all(|w| w[0] >= w[1]),
            "{metric}: {bars:?}\n{text}"
        );
        let first = if with_targets {
            g.by_completion[mi][0]
        } else {
            g.by_metric[mi][0]
        };
        let line = text.lines().nth(1).expect("first bar");
        assert!(
            line.contains(fx.snapshot.units[first].name.as_str()),
            "{line}"
        );
        assert!(line.trim_start().starts_with('1'), "{line}");
    }
    // The table ranks by value, and says so.
    let mut setup = Setup::item(&fx, Pane::Ranking, 0);
    setup.state.metric = 2;
    setup.state.tab = 1;
    let text = draw(&fx, &setup, 120, 40);
    assert!(
        text.lines().next().expect("title").contains("按完成值排序"),
        "{text}"
    );
}

/// A unit whose card came by decision carries "◆决定" after its figure on
/// the chart, and the chart says what the mark means (before, a decided
/// yellow bar crossing the pace line had no explanation).
#[test]
fn decided_cards_are_marked_on_the_chart() {
    let fx = Fixture::load(DEMO);
    for metric in [0, 2] {
        let mut setup = Setup::item(&fx, Pane::Ranking, 0);
        setup.state.metric = metric;
        let text = draw(&fx, &setup, 100, 30);
        for &u in &fx.standings.groups[0].members {
            let line = line_with(&text, &format!(" {} ", fx.snapshot.units[u].name));
            let decided = fx.standings.units[u].source == guotang::model::CardSource::Decision;
            assert_eq!(line.contains("◆决定"), decided, "{line}");
        }
        assert!(text.contains("◆决定 牌由决定给出，不按规则"), "{text}");
    }
    // A group without decisions has no mark and no legend.
    let mut setup = Setup::item(&fx, Pane::Ranking, 0);
    setup.state.group = 1;
    assert!(!draw(&fx, &setup, 100, 30).contains("◆"));
}
