//! The hall board (`guotang board FILE`): the lobby's screen before and
//! after the meeting, looping unattended through the overview, each
//! group's ranking, the units of each card with their reasons, and the
//! overdue projects, a page every few seconds. It follows the file like
//! the console; it never waits for a key (`q` or Ctrl+C leave, ←/→ turn a
//! page by hand).

use chrono::NaiveDateTime;

use crate::model::Card;

use super::room::Role;
use super::{App, MeetingLog, Options};

/// Seconds a page shows, unless `--every` says otherwise.
pub const DEFAULT_EVERY: u32 = 15;

/// Rows of a screen the board's own parts take (header, page title, the
/// progress row): what is left lists units.
const CHROME_ROWS: u16 = 8;

/// Where the loop is.
#[derive(Debug, Clone, PartialEq)]
pub struct Board {
    /// Seconds each page shows.
    pub every: u32,
    /// The page shown (an index into [`App::board_pages`]).
    pub page: usize,
    /// When it came up.
    pub since: NaiveDateTime,
}

/// One page of the loop.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Page {
    Overview,
    /// A group's ranking (index into the standings' groups).
    Ranking {
        group: usize,
    },
    /// The units holding `card`, with their reasons: part `part` of `parts`
    /// when they do not fit one screen.
    Card {
        card: Card,
        part: usize,
        parts: usize,
    },
    /// The overdue and stalled projects.
    Overdue,
}

impl App {
    /// A hall board on `doc`, turning a page every `every` seconds.
    pub fn board(
        doc: crate::model::Document,
        content_hash: Option<u64>,
        opts: Options,
        now: NaiveDateTime,
        every: u32,
    ) -> App {
        let m = &doc.snapshot.meeting;
        let log = MeetingLog::new("board", m.date, &m.title);
        let mut app = App::new(doc, content_hash, log, opts, now);
        app.room.role = Role::Board(Board {
            every: every.max(1),
            page: 0,
            since: now,
        });
        app
    }

    /// The board's state, if this console is one.
    pub fn board_state(&self) -> Option<&Board> {
        match &self.room.role {
            Role::Board(b) => Some(b),
            _ => None,
        }
    }

    /// How many units a card's page lists at the present screen size.
    pub fn board_rows(&self) -> usize {
        usize::from(self.prefs.size.1.saturating_sub(CHROME_ROWS)).max(3)
    }

    /// The pages of the loop for the data in force; empty ones left out.
    pub fn board_pages(&self) -> Vec<Page> {
        let st = &self.data.derived.standings;
        let mut pages = vec![Page::Overview];
        pages.extend((0..st.groups.len()).map(|group| Page::Ranking { group }));
        let rows = self.board_rows();
        // Each of the meeting's tiers, best first.
        for card in self.data.snapshot().cards.tiers.cards() {
            let n = st.units.iter().filter(|u| u.card == card).count();
            let parts = n.div_ceil(rows);
            pages.extend((0..parts).map(|part| Page::Card { card, part, parts }));
        }
        if !st.overdue.is_empty() || !st.stalled.is_empty() {
            pages.push(Page::Overdue);
        }
        pages
    }

    /// The page shown: its number (from 0), how many there are, and the page.
    pub fn board_page(&self) -> Option<(usize, usize, Page)> {
        let b = self.board_state()?;
        let pages = self.board_pages();
        let k = b.page % pages.len().max(1);
        pages.get(k).map(|&p| (k, pages.len(), p))
    }

    /// How far into its time the page is, from 0 to 1.
    pub fn board_progress(&self) -> f64 {
        self.board_state().map_or(0.0, |b| {
            let ms = (self.now() - b.since).num_milliseconds().max(0) as f64;
            (ms / (f64::from(b.every) * 1000.0)).min(1.0)
        })
    }

    /// The clock moved: turns the page when its time is up.
    pub(super) fn board_tick(&mut self, now: NaiveDateTime) {
        let n = self.board_pages().len().max(1);
        if let Role::Board(b) = &mut self.room.role
            && (now - b.since).num_seconds() >= i64::from(b.every)
        {
            b.page = (b.page + 1) % n;
            b.since = now;
        }
    }

    /// Turns a page by hand (`forward` or back); the page's time starts again.
    pub(super) fn board_turn(&mut self, forward: bool) {
        let n = self.board_pages().len().max(1);
        let now = self.now();
        if let Role::Board(b) = &mut self.room.role {
            b.page = if forward {
                (b.page + 1) % n
            } else {
                (b.page % n + n - 1) % n
            };
            b.since = now;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::app::tests::{doc, t0};
    use crate::app::{Action, Effect};
    use chrono::Duration;
    use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};

    fn board(every: u32) -> App {
        let opts = Options {
            size: (120, 40),
            ..Options::default()
        };
        let mut app = App::board(doc(), Some(1), opts, t0(), every);
        app.update(Action::Resize(120, 40));
        app
    }

    fn at(app: &mut App, secs: i64) {
        app.update(Action::Tick(t0() + Duration::seconds(secs)));
    }

    #[test]
    fn the_board_loops_through_its_pages_by_itself() {
        let mut b = board(10);
        let pages = b.board_pages();
        let groups = b.data.derived.standings.groups.len();
        assert_eq!(pages[0], Page::Overview);
        assert_eq!(pages[1], Page::Ranking { group: 0 });
        assert_eq!(pages[groups], Page::Ranking { group: groups - 1 });
        assert!(pages.contains(&Page::Card {
            card: Card::RED,
            part: 0,
            parts: 1
        }));
        assert!(pages.contains(&Page::Card {
            card: Card::YELLOW,
            part: 0,
            parts: 1
        }));
        assert_eq!(pages.last(), Some(&Page::Overdue));
        let mut seen = Vec::new();
        for s in 0..(pages.len() as i64 * 10 + 1) {
            at(&mut b, s);
            let (k, n, p) = b.board_page().unwrap();
            assert_eq!(n, pages.len());
            if seen.last() != Some(&p) {
                seen.push(p);
            }
            assert_eq!(k, (s / 10) as usize % n, "at {s} s");
        }
        // Every page once, then the first again.
        assert_eq!(seen[..pages.len()], pages[..]);
        assert_eq!(seen.last(), Some(&Page::Overview));
        at(&mut b, pages.len() as i64 * 10 + 5);
        assert!((b.board_progress() - 0.5).abs() < 1e-9);
    }

    #[test]
    fn keys_turn_pages_and_quit_nothing_else_waits() {
        let mut b = board(10);
        let key = |c| Action::Key(KeyEvent::new(c, KeyModifiers::NONE));
        assert_eq!(b.update(key(KeyCode::Right)), Vec::new());
        assert_eq!(b.board_page().unwrap().0, 1);
        b.update(key(KeyCode::Left));
        b.update(key(KeyCode::Left));
        assert_eq!(b.board_page().unwrap().0, b.board_pages().len() - 1);
        // Keys of the presenter's do nothing here.
        for c in [KeyCode::Char(' '), KeyCode::Char('e'), KeyCode::Char('?')] {
            assert_eq!(b.update(key(c)), Vec::new());
        }
        assert!(!b.edit.active && !b.nav.help);
        assert_eq!(b.update(key(KeyCode::Char('q'))), vec![Effect::Quit]);
        let ctrl_c = Action::Key(KeyEvent::new(KeyCode::Char('c'), KeyModifiers::CONTROL));
        assert_eq!(b.update(ctrl_c), vec![Effect::Quit]);
    }

    #[test]
    fn long_lists_are_split_over_pages_and_data_changes_keep_the_loop_going() {
        let mut b = board(10);
        // A short screen: 3 units a page.
        b.update(Action::Resize(80, 11));
        let reds = b
            .data
            .derived
            .standings
            .units
            .iter()
            .filter(|u| u.card == Card::RED)
            .count();
        let parts = reds.div_ceil(3);
        let red_pages: Vec<_> = b
            .board_pages()
            .into_iter()
            .filter(|p| {
                matches!(
                    p,
                    Page::Card {
                        card: Card::RED,
                        ..
                    }
                )
            })
            .collect();
        assert_eq!(red_pages.len(), parts);
        // On the last page, the data shrinks: the loop goes on from a page that exists.
        let n = b.board_pages().len();
        for _ in 0..n - 1 {
            b.board_turn(true);
        }
        b.update(Action::Resize(120, 40));
        at(&mut b, 10);
        let (k, n, _) = b.board_page().unwrap();
        assert!(k < n);
    }
}
