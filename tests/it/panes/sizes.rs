//! Any size from 1×1 to 300×100, any pane state, any queue: no panic and
//! no cell written outside the pane's area.

use guotang::i18n::Lang;
use guotang::model::Pane;
use proptest::prelude::*;

use super::util::*;

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
