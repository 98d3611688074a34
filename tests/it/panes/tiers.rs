//! Format v2 on screen: a meeting's own tiers in their labels and colours,
//! points without a time-progress line, vetoes, judges' marks, and the
//! history's rank changes, streaks and escalations.

use guotang::i18n::Lang;
use guotang::model::{Card, Pane, TierColor, dropped_marks};
use guotang::words::tier_labels::rank_change;

use super::util::*;

pub const THREE_TIERS: &str = include_str!("../../../assets/templates/three-tiers.json");
pub const POINTS: &str = include_str!("../../../assets/templates/points.json");
pub const ARENA: &str = include_str!("../../../assets/templates/arena.json");

fn unit(fx: &Fixture, id: &str) -> usize {
    fx.snapshot.unit_index(id).expect("unit")
}

/// The colour of the first cell of `needle` on screen.
fn fg_bg(
    buf: &ratatui::buffer::Buffer,
    area: ratatui::layout::Rect,
    needle: &str,
) -> (ratatui::style::Color, ratatui::style::Color) {
    let (x, y) = find(buf, area, needle).unwrap_or_else(|| panic!("{needle} on screen"));
    (buf[(x, y)].fg, buf[(x, y)].bg)
}

/// 三亚's 红黄绿: green keeps pace, red is the worst. Before, the green units'
/// bars were drawn in the red card's colour and their badge said 红牌.
#[test]
fn a_meetings_own_tiers_wear_their_own_colours_and_words() {
    let fx = Fixture::load(THREE_TIERS);
    let green = fx.snapshot.cards.tiers.find("green").expect("green tier");
    let t = &fx.theme;
    let (buf, area) = render(&fx, &Setup::item(&fx, Pane::Ranking, 0), 80, 24);
    for &u in &fx.standings.order {
        let us = &fx.standings.units[u];
        let name = &fx.snapshot.units[u].name;
        let Some((_, y)) = find(&buf, area, name) else {
            continue;
        };
        let bar = (area.left()..area.right()).find(|&x| buf[(x, y)].symbol() == "█");
        let color = fx.snapshot.cards.tiers.color(us.card).expect("a tier");
        assert_eq!(
            bar.map(|x| buf[(x, y)].fg),
            t.tier(color).bar.fg,
            "{name} holds {:?}",
            us.card
        );
    }
    // The green speakers' header says 绿牌 on green; never 红牌.
    let mut setup = Setup::item(&fx, Pane::Speakers, 0);
    setup.state.speaker = 0;
    let (buf, area) = render(&fx, &setup, 80, 24);
    let screen = text(&buf, area);
    assert!(!screen.contains("红牌"), "{screen}");
    let (_, bg) = fg_bg(&buf, area, "绿牌");
    assert_eq!(Some(bg), t.tier(TierColor::Green).badge.bg);
    // The queue is the green units, in standing order.
    let queue = fx.queue(setup.item.expect("item"));
    assert!(!queue.is_empty());
    assert!(queue.iter().all(|&u| fx.standings.units[u].card == green));
}

/// Seating zones select by tier id: the 绿牌区 seats the green units only,
/// its label on green.
#[test]
fn a_zone_for_a_meetings_own_tier_seats_its_units() {
    let fx = Fixture::load(THREE_TIERS);
    let green = fx.snapshot.cards.tiers.find("green").expect("green tier");
    let zone = fx
        .seating
        .iter()
        .find(|z| fx.snapshot.seating[z.zone].card == green)
        .expect("a green zone");
    assert!(!zone.seats.is_empty());
    assert!(
        zone.seats
            .iter()
            .all(|s| fx.standings.units[s.unit].card == green)
    );
    let (buf, area) = render(&fx, &Setup::item(&fx, Pane::Seating, 0), 160, 48);
    let (_, bg) = fg_bg(&buf, area, "绿牌区");
    assert_eq!(Some(bg), fx.theme.tier(TierColor::Green).badge.bg);
}

/// Under points the chart shows scores in 分 with no time-progress line;
/// a vetoed unit is marked and the mark explained. Before: 10200.0% against
/// a time-progress line.
#[test]
fn points_are_scores_without_a_time_progress_line() {
    let fx = Fixture::load(POINTS);
    let (buf, area) = render(&fx, &Setup::item(&fx, Pane::Ranking, 0), 80, 24);
    let screen = text(&buf, area);
    assert!(!screen.contains("时间进度"), "{screen}");
    assert!(!screen.contains('%'), "{screen}");
    assert!(screen.contains("综合得分"), "{screen}");
    let vetoed = (0..fx.snapshot.units.len())
        .find(|&u| fx.standings.units[u].veto.is_some())
        .expect("the template has a vetoed unit");
    let name = &fx.snapshot.units[vetoed].name;
    let line = line_with(&screen, name);
    let score = fx.standings.units[vetoed].composite.expect("a score");
    assert!(line.contains(&format!("{:.1}分", score)), "{line}");
    assert!(line.contains("✕否决"), "{line}");
    assert!(screen.contains("✕否决 一票否决"), "{screen}");
    // No pace marker across any bar.
    for y in area.top()..area.bottom() {
        let row: String = (area.left()..area.right())
            .map(|x| buf[(x, y)].symbol().to_owned())
            .collect();
        assert!(!row.contains('│'), "{row}");
    }
    // The table's gaps are in 分.
    let mut setup = Setup::item(&fx, Pane::Ranking, 0);
    setup.state.tab = 1;
    let table = draw(&fx, &setup, 160, 48);
    assert!(table.contains("与第一差距(分)"), "{table}");
    assert!(!table.contains("个百分点"), "{table}");
}

/// A judged metric's marks on the scorecard: how many, the dropped ones in
/// brackets, the mean used.
#[test]
fn the_scorecard_shows_the_judges_marks() {
    let fx = Fixture::load(ARENA);
    let setup = Setup::item(&fx, Pane::Speakers, 0);
    let queue = fx.queue(setup.item.expect("item"));
    let u = queue[0];
    let mi = fx.snapshot.metric_index("pitch").expect("pitch");
    let marks = fx.snapshot.units[u].marks(mi).expect("marks");
    let drop = fx.snapshot.metrics[mi].judges.expect("judged");
    let screen = draw(&fx, &setup, 160, 48);
    let line = line_with(&screen, "位评委");
    assert!(line.contains(&format!("{} 位评委", marks.len())), "{line}");
    for (x, d) in marks.iter().zip(dropped_marks(marks, drop)) {
        let shown = format!("{x:.2}");
        if d {
            assert!(
                line.contains(&format!("({shown})")),
                "{shown} dropped: {line}"
            );
        } else {
            assert!(line.contains(&shown), "{shown}: {line}");
        }
    }
    let mean = fx.standings.units[u].metrics[mi].actual.expect("mean");
    assert!(line.contains(&format!("平均 {mean:.2}：")), "{line}");
}

/// Rank changes beside the ranks of the chart, the table and the
/// scorecard, the arrow saying the direction; a streak and its escalation
/// on the speaker's header in the tier's colour; the composite's sparkline.
#[test]
fn history_shows_where_ranks_are_shown() {
    let fx = Fixture::load(THREE_TIERS);
    let lang = Lang::Zh;
    let chart = draw(&fx, &Setup::item(&fx, Pane::Ranking, 0), 80, 24);
    let mut setup = Setup::item(&fx, Pane::Ranking, 0);
    setup.state.tab = 1;
    let table = draw(&fx, &setup, 160, 48);
    assert!(table.contains("变化"), "{table}");
    let group = &fx.standings.groups[0];
    let mut moved = 0;
    for &u in &group.members[..group.ranked] {
        let us = &fx.standings.units[u];
        let change = rank_change(us.trend.rank_change, lang);
        let name = &fx.snapshot.units[u].name;
        let rank = us.rank.expect("ranked");
        for screen in [&chart, &table] {
            let line = line_with(screen, name);
            assert!(line.contains(&format!("{rank} {change}")), "{line}");
        }
        moved += usize::from(us.trend.rank_change.is_some_and(|c| c != 0));
    }
    assert!(moved > 0, "the template has units that moved");

    // 临江区: red three times running → the 常务会.
    let red = fx.snapshot.cards.tiers.find("red").expect("red");
    let mut setup = Setup::item(&fx, Pane::Speakers, 2);
    let queue = fx.queue(setup.item.expect("item"));
    let lj = unit(&fx, "lj");
    setup.state.speaker = queue.iter().position(|&u| u == lj).expect("lj speaks");
    let us = &fx.standings.units[lj];
    assert_eq!(us.card, red);
    assert!(us.trend.streak > 1);
    let escalation = &fx.snapshot.cards.escalations[us.trend.escalation.expect("escalates")];
    let (buf, area) = render(&fx, &setup, 160, 48);
    let screen = text(&buf, area);
    let streak = format!("连续 {} 次红牌", us.trend.streak);
    let line = line_with(&screen, &streak);
    assert!(line.contains(&format!("→ {}", escalation.label)), "{line}");
    let (fg, _) = fg_bg(&buf, area, &streak);
    assert_eq!(Some(fg), fx.theme.tier(TierColor::Red).bar.fg);
    let group = &fx.standings.groups[fx.snapshot.units[lj].group_index];
    let rank = format!(
        "{}/{} {}",
        us.rank.expect("ranked"),
        group.ranked,
        rank_change(us.trend.rank_change, lang)
    );
    assert!(line_with(&screen, "综合完成").contains(&rank), "{screen}");
    let trend = line_with(&screen, "历次");
    assert!(
        trend.contains(&guotang::i18n::pct(us.composite.expect("c"))),
        "{trend}"
    );
    assert!(trend.chars().any(|c| ('▁'..='█').contains(&c)), "{trend}");
}

/// The overview counts who moved up and down, and names who moved most.
#[test]
fn the_overview_counts_the_moves() {
    let fx = Fixture::load(THREE_TIERS);
    let screen = draw(&fx, &Setup::item(&fx, Pane::Overview, 0), 160, 48);
    let changes: Vec<i64> = fx
        .standings
        .units
        .iter()
        .filter_map(|u| u.trend.rank_change)
        .collect();
    let up = changes.iter().filter(|&&c| c > 0).count();
    let down = changes.iter().filter(|&&c| c < 0).count();
    let line = line_with(&screen, "与上次比");
    assert!(line.contains(&format!("进位 {up} 个")), "{line}");
    assert!(line.contains(&format!("退位 {down} 个")), "{line}");
    let best = changes.iter().copied().max().expect("changes");
    let who = fx
        .standings
        .order
        .iter()
        .find(|&&u| fx.standings.units[u].trend.rank_change == Some(best))
        .expect("someone");
    assert!(
        line.contains(&format!("进位最多 {}", fx.snapshot.units[*who].name)),
        "{line}"
    );
    // Every tier is counted, best first.
    let counts = line_with(&screen, "主要指标");
    let mut at = 0;
    for card in fx.snapshot.cards.tiers.cards() {
        let n = fx.standings.units.iter().filter(|u| u.card == card).count();
        let badge = format!("{} {n}", fx.snapshot.cards.tiers.label(card, Lang::Zh));
        let k = counts[at..]
            .find(&badge)
            .unwrap_or_else(|| panic!("{badge}: {counts}"));
        at += k;
    }
    assert_ne!(Card::NONE, fx.snapshot.cards.tiers.last());
}

/// On a wall-sized pane the overview's big tiles name each tier whole: the
/// label's padding was taken from its own width, so `流动红旗` showed as
/// `流动红…` with room to spare.
#[test]
fn the_big_tiles_name_each_tier_whole() {
    let fx = Fixture::load(ARENA);
    let screen = draw(&fx, &Setup::item(&fx, Pane::Overview, 0), 160, 48);
    let first = screen.lines().take(3).collect::<Vec<_>>().join("\n");
    assert!(first.contains("流动红旗"), "{screen}");
    assert!(first.contains("流动黄旗"), "{screen}");
}
