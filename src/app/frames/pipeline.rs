//! The projects pane's pipeline table, row by row: what each cell of a
//! unit's row says (name, a count per stage, start rate, investment),
//! apart from its style. A group has hundreds of units and the screen shows
//! a few dozen: a frame builds the rows of its window from here, and the
//! widest cell of each column, which sizes the table over every row, is
//! measured from here once per data change, group and language
//! ([`super::Frames::pipelines`]).

use crate::i18n::{Lang, num, pct};
use crate::model::Word as _;
use crate::model::shown::investment_decimals;
use crate::model::standings::GroupStanding;
use crate::model::{Snapshot, Stage, Standings};
use crate::text::width;
use crate::words::labels::NONE_DASH;

/// The table's columns: the unit, a count per stage, the start rate and
/// the total investment.
pub const COLUMNS: usize = 10;

/// What a group's pipeline table measures over all its rows.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Pipeline {
    /// The investment column's decimals: those of the most precise unit of
    /// the group, so the column reads aligned (`6.50`, `11.00`).
    pub decimals: u8,
    /// The widest text of each column (as the table measures a cell).
    pub widest: [String; COLUMNS],
    /// Some unit of the group has a project.
    pub has_projects: bool,
}

/// Unit `u`'s cells, the investment with `decimals`; a count of 0 reads
/// `·`, a unit whose projects give no investment `—`, not 0.
pub fn texts(
    s: &Snapshot,
    st: &Standings,
    u: usize,
    decimals: u8,
    lang: Lang,
) -> [String; COLUMNS] {
    let pl = st.pipelines.get(u).copied().unwrap_or_default();
    let dash = NONE_DASH.get(lang);
    let mut out: [String; COLUMNS] = Default::default();
    out[0] = s.units.get(u).map_or("", |x| x.name.as_str()).to_owned();
    for (k, &stage) in Stage::all().iter().enumerate().take(COLUMNS - 3) {
        let c = pl.count(stage);
        out[1 + k] = if c == 0 {
            "·".to_owned()
        } else {
            c.to_string()
        };
    }
    out[COLUMNS - 2] = pl.start_rate.map_or_else(|| dash.to_owned(), pct);
    out[COLUMNS - 1] = if pl.invested > 0 {
        num(pl.investment, decimals)
    } else {
        dash.to_owned()
    };
    out
}

/// The group's investment decimals, widest cells and whether it has any
/// project: over every unit of the group, once per data change.
pub fn measure(s: &Snapshot, st: &Standings, group: &GroupStanding, lang: Lang) -> Pipeline {
    let pipeline = |u: usize| st.pipelines.get(u).copied().unwrap_or_default();
    let decimals = investment_decimals(group.members.iter().filter_map(|&u| {
        let pl = pipeline(u);
        (pl.invested > 0).then_some(pl.investment)
    }));
    let has_projects = group.members.iter().any(|&u| pipeline(u).total() > 0);
    let mut widths = [0usize; COLUMNS];
    let mut widest: [String; COLUMNS] = Default::default();
    for &u in &group.members {
        for (k, text) in texts(s, st, u, decimals, lang).into_iter().enumerate() {
            // As the table measures a cell.
            let n = width(&crate::sanitize::one_line(&text));
            if n > widths[k] {
                widths[k] = n;
                widest[k] = text;
            }
        }
    }
    Pipeline {
        decimals,
        widest,
        has_projects,
    }
}
