//! The panes on a terminal that draws East-Asian ambiguous characters two
//! columns wide (block elements, box lines, ·, …, ①): in tests/solo, since
//! that setting is global.

#[path = "../it/panes/util.rs"]
mod util;

use guotang::model::Pane;
use ratatui::buffer::CellDiffOption;
use util::*;

#[test]
fn panes_keep_their_columns_when_ambiguous_characters_are_wide() {
    guotang::text::set_ambiguous_wide(true);
    let fixtures = [Fixture::load(DEMO), Fixture::load(CJK)];
    for fx in &fixtures {
        for pane in [Pane::Ranking, Pane::Seating, Pane::Speakers, Pane::Projects] {
            for (w, h) in [(1, 1), (3, 2), (50, 15), (60, 18), (80, 24), (160, 48)] {
                for tab in 0..3 {
                    let mut setup = Setup::bare(pane);
                    setup.state.tab = tab;
                    setup.queue = Some((0..fx.snapshot.units.len()).collect());
                    let (buf, area) = render(fx, &setup, w, h);
                    assert!(untouched_outside(&buf, area), "{pane:?} {w}x{h}");
                }
            }
        }
    }
    // Every bar glyph takes two cells, the second skipped by the diff, so the
    // terminal's wide drawing of it lines up with the buffer.
    let fx = &fixtures[0];
    let setup = Setup::item(fx, Pane::Ranking, 0);
    let (buf, area) = render(fx, &setup, 60, 18);
    let mut blocks = 0;
    for y in area.top()..area.bottom() {
        for x in area.left()..area.right() - 1 {
            if buf[(x, y)].symbol() == "█" {
                blocks += 1;
                assert_eq!(
                    buf[(x + 1, y)].diff_option,
                    CellDiffOption::Skip,
                    "({x},{y})"
                );
            }
        }
    }
    assert!(blocks > 20, "bars drawn: {blocks}");
    let text = text(&buf, area);
    assert!(text.contains("54.4%") && text.contains("东湖镇"), "{text}");
}
