//! The ranking, seating, speakers and projects panes drawn from fixtures:
//! text snapshots at the sizes a presenter meets, the colours that carry
//! meaning, key figures checked against the model, and any size (and any
//! pane state) drawn without a panic or a cell written outside the pane.

mod figures;
mod sizes;
mod tiers;
mod util;

use guotang::i18n::Lang;
use guotang::model::Pane;
use guotang::ui::view::{TimerState, TimerView};
use util::*;

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
