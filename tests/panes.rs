//! The ranking, seating, speakers and projects panes drawn from fixtures:
//! text snapshots at the sizes a presenter meets, the colours that carry
//! meaning, figures checked against the model, and any size without a panic.

#[path = "panes/util.rs"]
mod util;

use guotang::model::Pane;
use util::*;

fn shot(json: &str, pane: Pane, skip: usize, f: impl Fn(&mut Setup), w: u16, h: u16) -> String {
    let fx = Fixture::load(json);
    let mut setup = Setup::new(fx.item(pane, skip));
    f(&mut setup);
    let (buf, area) = render(&fx, setup, w, h);
    assert!(untouched_outside(&buf, area), "wrote outside its area");
    text(&buf, area)
}

#[test]
fn ranking_composite_chart() {
    insta::assert_snapshot!(shot(
        MEETING,
        Pane::Ranking,
        0,
        |s| s.pane.group = 1,
        60,
        18
    ));
}
