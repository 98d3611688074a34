//! Building a [`View`] from a fixture the way the console does (parse →
//! compute → seat → speakers for the item) and reading a buffer back as text.

#![allow(dead_code)]

use guotang::i18n::Lang;
use guotang::model::order::{SeatedZone, seat, speakers, twins, unzoned};
use guotang::model::{Document, Pane, Snapshot, Standings, compute};
use guotang::ui::panes::{
    projects::ProjectsPane, ranking::RankingPane, seating::SeatingPane, speakers::SpeakersPane,
};
use guotang::ui::theme::{Theme, ThemeName};
use guotang::ui::view::{Frames, PaneState, TimerState, TimerView, View};
use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::widgets::Widget;
use unicode_width::UnicodeWidthStr;

/// The fixtures the panes are tested on.
pub const DEMO: &str = guotang::model::DEMO;
/// CJK-heavy names, ambiguous-width characters, a leap-year period.
pub const CJK: &str = include_str!("../../fixtures/cjk.json");
/// The extremes: escape sequences in a name, zones too small for anyone,
/// a unit with no figures at all, a "none" zone, huge figures.
pub const EXTREME: &str = include_str!("../../fixtures/panes/extreme.json");
/// Snapshots without an agenda, projects or seating.
pub const BARE: [&str; 3] = [
    include_str!("../../fixtures/standings/multi_groups.json"),
    include_str!("../../fixtures/standings/unranked_units.json"),
    include_str!("../../fixtures/standings/decisions_override.json"),
];

/// A snapshot with everything the console derives from it.
pub struct Fixture {
    pub snapshot: Snapshot,
    pub standings: Standings,
    pub seating: Vec<SeatedZone>,
    pub unzoned: Vec<usize>,
    pub twins: Vec<bool>,
    pub frames: Frames,
    pub theme: Theme,
}

impl Fixture {
    pub fn load(json: &str) -> Fixture {
        let doc = Document::from_bytes(json.as_bytes()).expect("fixture is valid");
        let standings = compute(&doc.snapshot);
        let seating = seat(&doc.snapshot, &standings);
        let unzoned = unzoned(&doc.snapshot, &standings);
        let twins = twins(&doc.snapshot);
        let frames = Frames::compute(&doc.snapshot, &standings, &[]);
        Fixture {
            snapshot: doc.snapshot,
            standings,
            seating,
            unzoned,
            twins,
            frames,
            theme: Theme::new(ThemeName::Dark),
        }
    }

    /// The first agenda item that shows `pane` after skipping `skip` of them.
    pub fn item(&self, pane: Pane, skip: usize) -> usize {
        self.snapshot
            .agenda
            .iter()
            .enumerate()
            .filter(|(_, i)| i.pane == pane)
            .nth(skip)
            .map(|(k, _)| k)
            .expect("fixture has such an item")
    }

    pub fn queue(&self, item: usize) -> Vec<usize> {
        self.snapshot.agenda[item]
            .speakers
            .as_ref()
            .map(|sel| speakers(&self.snapshot, &self.standings, sel))
            .unwrap_or_default()
    }
}

/// What to draw: which pane for which item, in which state and language.
#[derive(Clone)]
pub struct Setup {
    pub pane: Pane,
    pub item: Option<usize>,
    pub state: PaneState,
    pub lang: Lang,
    pub timer: Option<TimerView>,
    /// The speakers queue; by default the item's selector's.
    pub queue: Option<Vec<usize>>,
    /// The units (ids) that have had the floor.
    pub heard: Option<std::collections::HashSet<String>>,
}

impl Setup {
    /// The pane of the `skip`-th agenda item that shows `pane`.
    pub fn item(fx: &Fixture, pane: Pane, skip: usize) -> Setup {
        Setup {
            item: Some(fx.item(pane, skip)),
            ..Setup::bare(pane)
        }
    }

    /// The pane without an agenda item (fixtures without an agenda).
    pub fn bare(pane: Pane) -> Setup {
        Setup {
            pane,
            item: None,
            state: PaneState::default(),
            lang: Lang::Zh,
            timer: Some(TimerView {
                remaining: 272,
                planned: 300,
                state: TimerState::Normal,
                paused: false,
            }),
            queue: None,
            heard: None,
        }
    }
}

/// Margin around the pane's area that must stay untouched.
pub const MARGIN: u16 = 2;

/// Renders the pane in an area of `w`×`h` inset by [`MARGIN`] in a larger buffer.
pub fn render(fx: &Fixture, setup: &Setup, w: u16, h: u16) -> (Buffer, Rect) {
    let queue = match &setup.queue {
        Some(q) => q.clone(),
        None => setup.item.map(|i| fx.queue(i)).unwrap_or_default(),
    };
    let view = View {
        snapshot: &fx.snapshot,
        standings: &fx.standings,
        seating: &fx.seating,
        unzoned: &fx.unzoned,
        twins: &fx.twins,
        theme: &fx.theme,
        lang: setup.lang,
        item: setup.item.and_then(|i| fx.snapshot.agenda.get(i)),
        pane: &setup.state,
        speakers: &queue,
        speaker_names: None,
        heard: setup.heard.as_ref(),
        speaker_timer: setup.timer,
        item_timer: None,
        changed: &[],
        frames: &fx.frames,
    };
    let area = Rect::new(MARGIN, MARGIN, w, h);
    let mut buf = Buffer::empty(Rect::new(0, 0, w + 2 * MARGIN, h + 2 * MARGIN));
    match setup.pane {
        Pane::Ranking => RankingPane(&view).render(area, &mut buf),
        Pane::Seating => SeatingPane(&view).render(area, &mut buf),
        Pane::Speakers => SpeakersPane(&view).render(area, &mut buf),
        Pane::Projects => ProjectsPane(&view).render(area, &mut buf),
        // The other panes belong to the shell; through the one dispatch.
        _ => guotang::ui::panes::draw(&view, area, &mut buf),
    }
    (buf, area)
}

/// The visible text of `area`, one line per row, trailing blanks trimmed:
/// the cell after a wide character is skipped, as a terminal shows it.
pub fn text(buf: &Buffer, area: Rect) -> String {
    let mut out = String::new();
    for y in area.top()..area.bottom() {
        let mut line = String::new();
        let mut x = area.left();
        while x < area.right() {
            let sym = buf[(x, y)].symbol();
            line.push_str(sym);
            x += sym.width().max(1) as u16;
        }
        out.push_str(line.trim_end());
        out.push('\n');
    }
    out
}

/// Whether every cell outside `area` is still blank.
pub fn untouched_outside(buf: &Buffer, area: Rect) -> bool {
    let all = buf.area;
    (all.top()..all.bottom()).all(|y| {
        (all.left()..all.right()).all(|x| {
            area.contains((x, y).into()) || buf[(x, y)] == ratatui::buffer::Cell::default()
        })
    })
}

/// The first position of `needle` in the rendered rows, as (x, y).
pub fn find(buf: &Buffer, area: Rect, needle: &str) -> Option<(u16, u16)> {
    let area = area.intersection(buf.area);
    for y in area.top()..area.bottom() {
        let mut line = String::new();
        let mut xs = Vec::new();
        let mut x = area.left();
        while x < area.right() {
            let sym = buf[(x, y)].symbol();
            for _ in sym.chars() {
                xs.push(x);
            }
            line.push_str(sym);
            x += sym.width().max(1) as u16;
        }
        if let Some(byte) = line.find(needle) {
            let k = line[..byte].chars().count();
            return Some((xs[k], y));
        }
    }
    None
}

/// Renders and returns the visible text, checking nothing leaked outside.
pub fn draw(fx: &Fixture, setup: &Setup, w: u16, h: u16) -> String {
    let (buf, area) = render(fx, setup, w, h);
    assert!(untouched_outside(&buf, area), "wrote outside its area");
    text(&buf, area)
}

/// The rendered line that contains `needle`.
pub fn line_with<'a>(text: &'a str, needle: &str) -> &'a str {
    text.lines()
        .find(|l| l.contains(needle))
        .unwrap_or_else(|| panic!("no line with {needle:?} in\n{text}"))
}
