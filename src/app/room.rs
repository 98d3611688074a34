//! What this console shows the room, and how it hears of the file: the
//! presenter's console (or the secretary's), an audience screen following
//! the presenter ([`super::follow`]), the hall board ([`super::board`]);
//! and how its snapshot is watched
//! (natively, or polled on a network share).
//!
//! A console that is not the presenter's takes only the actions that make
//! sense for it ([`App::room_update`]): it records nothing, opens no editor,
//! shows no operator's notices.

use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyEventKind, KeyModifiers};

use crate::store::watch::Watching;

use super::follow::Follow;
use super::{Action, App, Command, Effect, MeetingLog, Options};

/// The console's place in the room.
#[derive(Debug, Clone, Default)]
pub struct Room {
    pub role: Role,
    /// How the snapshot is watched (the header says so when it is polled).
    pub watching: Watching,
}

/// Whose screen this is.
#[derive(Debug, Clone, Default)]
pub enum Role {
    /// The presenter's console (or the secretary's, `guotang edit`).
    #[default]
    Console,
    /// The audience's screen, following the presenter.
    Audience(Box<Follow>),
    /// The hall board, looping through the standings.
    Board(super::board::Board),
}

impl App {
    /// An audience console on `doc`: it follows the presenter's position
    /// and keeps no meeting log.
    pub fn audience(
        doc: crate::model::Document,
        content_hash: Option<u64>,
        opts: Options,
        now: chrono::NaiveDateTime,
    ) -> App {
        let m = &doc.snapshot.meeting;
        let log = MeetingLog::new("audience", m.date, &m.title);
        let mut app = App::new(doc, content_hash, log, opts, now);
        app.room.role = Role::Audience(Box::default());
        app.refresh_note();
        app
    }

    /// Whether this is the presenter's (or the secretary's) console.
    pub fn is_console(&self) -> bool {
        matches!(self.room.role, Role::Console)
    }

    /// `update` for a console that is not the presenter's.
    pub(super) fn room_update(&mut self, action: Action) -> Vec<Effect> {
        match action {
            Action::Tick(now) => {
                self.meeting.clock.tick(now);
                self.refresh_note();
                self.board_tick(now);
                Vec::new()
            }
            Action::Key(key) => self.room_key(key),
            Action::Command(c) => self.room_command(c),
            Action::Resize(w, h) => {
                self.prefs.size = (w, h);
                Vec::new()
            }
            Action::FileChanged => vec![Effect::Reload],
            Action::PositionChanged => vec![Effect::ReadPosition],
            Action::Position(result) => {
                self.heard(result);
                Vec::new()
            }
            Action::FileUnchanged => {
                self.data.error = None;
                self.data.gone = false;
                Vec::new()
            }
            Action::Reloaded(r) => {
                let reading = *r;
                if !reading.fits(self) {
                    return vec![Effect::Reload];
                }
                if self.room_reloaded(reading.plan, reading.hash) {
                    self.room_took_new_data();
                }
                Vec::new()
            }
            Action::Loaded(Ok(loaded)) => {
                let (doc, hash) = *loaded;
                self.data.error = None;
                self.data.gone = false;
                if self.data.content_hash != Some(hash) {
                    self.replace_data(doc, Some(hash));
                    self.room_took_new_data();
                }
                Vec::new()
            }
            Action::Loaded(Err(failure)) => {
                // The last good data stays; the room is not told.
                self.data.error = Some(failure.message);
                self.data.gone = failure.gone;
                Vec::new()
            }
            Action::Watching(kind) => {
                self.room.watching = kind;
                Vec::new()
            }
            Action::Terminate => vec![Effect::Quit],
            // Nothing else is the room's business: no editor, no notices,
            // no meeting log.
            Action::Open
            | Action::Mouse(_)
            | Action::Paste(_)
            | Action::Notice(_)
            | Action::Recovery(_)
            | Action::Saved(_)
            | Action::MergeBase(_)
            | Action::LockHeld(_)
            | Action::JournalFailed(_) => Vec::new(),
        }
    }

    /// Keys on a room's screen: `q` or Ctrl+C leaves, `t` changes the
    /// theme here, ←/→ turn the board's page; nothing else.
    fn room_key(&mut self, key: KeyEvent) -> Vec<Effect> {
        if key.kind == KeyEventKind::Release {
            return Vec::new();
        }
        let ctrl_c =
            key.code == KeyCode::Char('c') && key.modifiers.contains(KeyModifiers::CONTROL);
        match self.prefs.keymap.command(&key) {
            _ if ctrl_c => vec![Effect::Quit],
            Some(c) => self.room_command(c),
            None => Vec::new(),
        }
    }

    /// The commands a room's screen takes.
    fn room_command(&mut self, c: Command) -> Vec<Effect> {
        match c {
            Command::Quit => vec![Effect::Quit],
            Command::Theme if !self.prefs.no_color => {
                self.prefs.theme = self.prefs.theme.next();
                Vec::new()
            }
            Command::Next | Command::Prev => {
                self.board_turn(c == Command::Next);
                Vec::new()
            }
            _ => Vec::new(),
        }
    }
}

impl App {
    /// After the room's screen took new data: its language, a pane state
    /// for every item, and the presenter's position applied again.
    fn room_took_new_data(&mut self) {
        self.prefs.lang =
            crate::i18n::Lang::detect(self.data.snapshot().locale, self.prefs.env_lang.as_deref());
        let n = self.data.snapshot().agenda.len();
        self.nav.panes.resize(n, Default::default());
        // The position may name what only the new data has.
        self.apply_heard();
    }
}
