//! The presenter's console as state and one `update`: every change of state
//! goes through [`App::update`], which returns effects (save the log, reload
//! the file, quit) instead of doing I/O. The clock comes in as
//! [`Action::Tick`], so timers are tested without waiting.
//!
//! State is grouped by concern: the meeting (log and clock), navigation
//! (per-item pane state, overlays), data (snapshot and derived standings) and
//! ui preferences (theme, layout toggles, keymap).

pub mod board;
pub mod data;
mod editing;
pub mod editor;
pub mod failure;
pub mod follow;
pub mod frames;
pub mod keymap;
pub mod layout;
mod meeting;
pub mod mode;
pub mod pane_state;
mod pointer;
mod position;
pub mod reload;
pub mod room;
pub mod theme_name;
pub mod timers;

use chrono::NaiveDateTime;
use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyEventKind, MouseEvent};

use crate::i18n::Lang;
use crate::model::Document;
use crate::model::meeting_log::MeetingLog;

pub use crate::model::clock::MeetingClock;
pub use data::{Data, Derived};
pub use editor::EditState;
pub use keymap::{Command, Keymap};
pub use mode::Mode;
pub use pane_state::PaneState;
pub use theme_name::ThemeName;
pub use timers::{TimerState, TimerView};

/// Something that happened: a key, the clock, the file.
#[derive(Debug, Clone)]
pub enum Action {
    /// The time now (sent every second, and before every other action).
    Tick(NaiveDateTime),
    /// The console opened: log it, and start the first item of a fresh meeting.
    Open,
    Key(KeyEvent),
    /// A command without a key (tests, mouse).
    Command(Command),
    Mouse(MouseEvent),
    /// Text pasted into the terminal (bracketed paste): a cell's text, or a
    /// block of cells from a spreadsheet (tabs between columns).
    Paste(String),
    Resize(u16, u16),
    /// The snapshot file changed on disk.
    FileChanged,
    /// The file on disk is again the one in force (this console's own save,
    /// or a broken edit undone): nothing to load, no banner.
    FileUnchanged,
    /// A reload's result: the document and its content hash, or the error with its place.
    Loaded(Result<Box<(Document, u64)>, data::LoadFailure>),
    /// A reload read against the data in force: the new version, proven
    /// valid, to put in force in place.
    Reloaded(Box<reload::Reading>),
    /// A message for the status line (e.g. a failed save).
    Notice(String),
    /// SIGTERM, SIGHUP or SIGINT: close the meeting log and leave at once
    /// (unsaved edits stay in the journal for the next start).
    Terminate,
    /// A crashed session's unsaved edits were found: offer them.
    Recovery(Box<crate::store::journal::Recovery>),
    /// A save's result.
    Saved(Result<editor::SaveDone, editor::SaveFailed>),
    /// The file as it is now, loaded for a merge after a save conflict.
    MergeBase(Result<Box<(Document, u64)>, failure::SaveTrouble>),
    /// Someone else holds the file's lock (who, where, since when).
    LockHeld(Box<crate::store::LockInfo>),
    /// The journal could not be written.
    JournalFailed(failure::JournalFailure),
    /// How the snapshot is watched (said once the watch is set up).
    Watching(crate::store::watch::Watching),
    /// The presenter's position file changed (an audience console).
    PositionChanged,
    /// The presenter's position as read: `None` when there is none; the
    /// error, with its place, when it cannot be used.
    Position(Result<Option<Box<crate::store::position::Position>>, failure::PositionFailure>),
}

/// What `update` asks the event loop to do.
#[derive(Debug, Clone, PartialEq)]
pub enum Effect {
    /// Write the meeting log.
    SaveLog,
    /// Read the snapshot file again and send [`Action::Loaded`].
    Reload,
    Quit,
    /// Journal an edit durably (starting the journal on the first one).
    Journal(crate::model::edit::ChangeSet),
    /// Replace the journal: these sets, on the file with hash `base`.
    JournalRewrite {
        base: u64,
        sets: Vec<crate::model::edit::ChangeSet>,
    },
    /// The file was saved with this hash: nothing is unsaved.
    JournalSaved(u64),
    /// Discard this session's journal (the secretary chose not to keep the edits).
    JournalClear,
    /// The dead session's edits offered were not taken: discard its journal
    /// (`discard`), or leave it for a later start.
    RecoveryDeclined {
        discard: bool,
    },
    /// Save the document and send [`Action::Saved`].
    Save(editor::SaveRequest),
    /// Load the file as it is now and send [`Action::MergeBase`].
    LoadForMerge,
    /// Take the file's lock; send [`Action::LockHeld`] if someone has it.
    Lock,
    /// Let the file's lock go (if this console holds it).
    Unlock,
    /// Read the presenter's position and send [`Action::Position`].
    ReadPosition,
}

/// The meeting as it happens: the log (the record) and the clock folded from it.
#[derive(Debug, Clone)]
pub struct Meeting {
    pub log: MeetingLog,
    pub clock: MeetingClock,
}

/// Where the presenter is.
#[derive(Debug, Clone, Default)]
pub struct Navigation {
    /// Per agenda item: where the presenter is inside its pane.
    pub panes: Vec<PaneState>,
    pub help: bool,
    /// `q` was pressed during the meeting: "退出会议？" waits for a second `q`.
    pub quit_asked: bool,
    /// First agenda row shown in the rail.
    pub rail_scroll: usize,
}

/// How the presenter likes the screen.
#[derive(Debug, Clone)]
pub struct Prefs {
    /// The theme's name; `ui::theme::of` gives its styles.
    pub theme: ThemeName,
    /// NO_COLOR is set: the mono theme stays.
    pub no_color: bool,
    /// `LANG` as the console found it.
    pub env_lang: Option<String>,
    pub lang: Lang,
    pub rail: bool,
    pub fullscreen: bool,
    pub big_timer: bool,
    pub keymap: Keymap,
    /// Terminal size in cells.
    pub size: (u16, u16),
    /// A passing message and when it stops showing.
    pub notice: Option<(String, NaiveDateTime)>,
}

/// How a console starts.
#[derive(Debug, Clone, Default)]
pub struct Options {
    pub theme: Option<ThemeName>,
    pub no_color: bool,
    pub env_lang: Option<String>,
    pub keymap: Keymap,
    pub size: (u16, u16),
}

/// The presenter's console.
#[derive(Debug, Clone)]
pub struct App {
    pub meeting: Meeting,
    pub nav: Navigation,
    pub data: Data,
    pub prefs: Prefs,
    pub edit: EditState,
    pub room: room::Room,
}

/// How long a notice stays, in seconds.
const NOTICE_SECONDS: i64 = 8;

impl App {
    /// A console on `doc`, resuming from `log` (replayed), at time `now`.
    pub fn new(
        doc: Document,
        content_hash: Option<u64>,
        log: MeetingLog,
        opts: Options,
        now: NaiveDateTime,
    ) -> App {
        let data = Data::new(doc, content_hash, now);
        let mut clock = MeetingClock::replay(&log.events);
        clock.tick(now);
        let theme_name = if opts.no_color {
            ThemeName::Mono
        } else {
            opts.theme.unwrap_or_default()
        };
        let lang = Lang::detect(data.snapshot().locale, opts.env_lang.as_deref());
        let mut app = App {
            meeting: Meeting { log, clock },
            nav: Navigation {
                panes: vec![PaneState::default(); data.snapshot().agenda.len()],
                ..Navigation::default()
            },
            data,
            prefs: Prefs {
                theme: theme_name,
                no_color: opts.no_color,
                env_lang: opts.env_lang,
                lang,
                rail: true,
                fullscreen: false,
                big_timer: false,
                keymap: opts.keymap,
                size: opts.size,
                notice: None,
            },
            edit: EditState::new(),
            room: room::Room::default(),
        };
        app.sync_speakers();
        app
    }

    /// The time the console last heard.
    pub fn now(&self) -> NaiveDateTime {
        self.meeting.clock.now.unwrap_or(self.data.loaded_at)
    }

    /// The current agenda item's index (None for an empty agenda).
    pub fn current(&self) -> Option<usize> {
        let n = self.data.snapshot().agenda.len();
        match self.meeting.clock.current {
            Some(i) if i < n => Some(i),
            _ if n > 0 => Some(0),
            _ => None,
        }
    }

    /// The pane state of the current item (a default one for an empty agenda).
    pub fn pane_state(&self) -> PaneState {
        self.current()
            .and_then(|i| self.nav.panes.get(i).copied())
            .unwrap_or_default()
    }

    /// Whether quitting would lose something: edits not yet saved (the
    /// meeting log is written on every transition).
    pub fn has_unsaved(&self) -> bool {
        self.edit.dirty()
    }

    /// Changes state for one action; returns what the event loop must do.
    pub fn update(&mut self, action: Action) -> Vec<Effect> {
        if !self.is_console() {
            return self.room_update(action);
        }
        match action {
            Action::Tick(now) => {
                self.meeting.clock.tick(now);
                if self.edit.expire(now) {
                    self.edit.mark_units(&self.data.doc.snapshot);
                }
                if let Some((_, until)) = &self.prefs.notice
                    && now >= *until
                {
                    self.prefs.notice = None;
                }
                Vec::new()
            }
            Action::Open => self.open(),
            Action::Key(key) => self.key(key),
            Action::Command(c) => self.command(c),
            Action::Mouse(_) if self.nav.quit_asked => {
                self.nav.quit_asked = false;
                Vec::new()
            }
            Action::Mouse(m) => self.mouse(m),
            Action::Paste(text) => self.paste(&text),
            Action::Resize(w, h) => {
                self.prefs.size = (w, h);
                Vec::new()
            }
            Action::FileChanged => vec![Effect::Reload],
            Action::FileUnchanged => {
                self.data.error = None;
                self.data.gone = false;
                Vec::new()
            }
            Action::Loaded(result) => self.loaded(result),
            Action::Reloaded(r) => self.reloaded(*r),
            Action::Notice(text) => {
                self.notify(text);
                Vec::new()
            }
            Action::Terminate => {
                let mut effects = self.close();
                effects.push(Effect::Quit);
                effects
            }
            Action::Recovery(rec) => {
                self.edit.dialog = Some(editor::Dialog::Recover(rec));
                Vec::new()
            }
            Action::Saved(result) => self.saved(result),
            Action::MergeBase(result) => self.merge_onto(result),
            Action::LockHeld(holder) => {
                let lang = self.prefs.lang;
                self.notify(format!(
                    "⚠ {}{}{}",
                    crate::words::edit_labels::LOCKED_BY.get(lang),
                    lang.colon(),
                    failure::holder_text(&holder, lang)
                ));
                self.edit.lock_holder = Some(holder);
                Vec::new()
            }
            Action::Watching(kind) => {
                self.room.watching = kind;
                Vec::new()
            }
            // The presenter follows no one.
            Action::PositionChanged | Action::Position(_) => Vec::new(),
            Action::JournalFailed(failure) => {
                let lang = self.prefs.lang;
                self.edit.journal_failed = true;
                self.notify(format!(
                    "⚠ {}{}{failure}",
                    crate::words::edit_labels::JOURNAL_FAILED.get(lang),
                    lang.colon()
                ));
                Vec::new()
            }
        }
    }

    fn notify(&mut self, text: String) {
        let until = self.now() + chrono::Duration::seconds(NOTICE_SECONDS);
        self.prefs.notice = Some((text, until));
    }

    fn key(&mut self, key: KeyEvent) -> Vec<Effect> {
        if key.kind == KeyEventKind::Release {
            return Vec::new();
        }
        let command = self.prefs.keymap.command(&key);
        match self.mode() {
            Mode::Dialog => return self.dialog_key(key),
            Mode::EditorHelp => {
                self.nav.help = false;
                return Vec::new();
            }
            Mode::Field => return self.field_key(key),
            Mode::Editor => return self.edit_key(key),
            Mode::QuitAsked => {
                // The answer: quit again leaves, any other key stays (and
                // does nothing else: the box was in front of the room).
                self.nav.quit_asked = false;
                return match command {
                    Some(Command::Quit) if !self.has_unsaved() => self.quit_now(),
                    _ => Vec::new(),
                };
            }
            Mode::Help => {
                // Any key closes the help; quit still quits.
                self.nav.help = false;
                return match command {
                    Some(Command::Quit) => self.quit(),
                    _ => Vec::new(),
                };
            }
            Mode::Presenter => {}
        }
        match (command, key.code) {
            (Some(c), _) => self.command(c),
            (None, KeyCode::Esc) => {
                self.prefs.big_timer = false;
                self.prefs.fullscreen = false;
                Vec::new()
            }
            _ => Vec::new(),
        }
    }

    /// Runs one command.
    pub fn command(&mut self, c: Command) -> Vec<Effect> {
        let item = self.current();
        match c {
            Command::Next => return item.map_or_else(Vec::new, |i| self.go(i + 1)),
            Command::Prev => {
                return match item {
                    Some(i) if i > 0 => self.go(i - 1),
                    _ => Vec::new(),
                };
            }
            Command::Jump(0) => {}
            Command::Jump(n) => return self.go(usize::from(n) - 1),
            Command::Pause => return self.toggle_pause(),
            Command::NextSpeaker => return self.step_speaker(1),
            Command::PrevSpeaker => return self.step_speaker(-1),
            Command::Quit => return self.quit(),
            Command::NextMetric | Command::PrevMetric => {
                let n = self.data.snapshot().metrics.len() + 1;
                let fwd = c == Command::NextMetric;
                // Without a single composite the ranking starts on the first
                // metric (it stands in for position 0): the cycle skips 0.
                let composite =
                    crate::model::standings::composite_shown(&self.data.derived.standings);
                self.edit_pane(|p| {
                    let at = match p.metric % n {
                        0 if !composite => 1,
                        k => k,
                    };
                    let mut next = cycle(at, n, fwd);
                    if next == 0 && !composite {
                        next = cycle(next, n, fwd);
                    }
                    p.metric = next;
                });
            }
            Command::NextGroup | Command::PrevGroup => {
                let n = self.data.derived.standings.groups.len().max(1);
                let fwd = c == Command::NextGroup;
                self.edit_pane(|p| {
                    p.group = cycle(p.group, n, fwd);
                    p.scroll = 0;
                });
            }
            Command::Tab => {
                let pane = item
                    .and_then(|i| self.data.snapshot().agenda.get(i))
                    .map(|it| it.pane);
                let n = pane.map_or(1, pane_state::tabs);
                self.edit_pane(|p| {
                    p.tab = cycle(p.tab, n, true);
                    p.scroll = 0;
                });
            }
            Command::ScrollDown | Command::ScrollUp => self.scroll(c == Command::ScrollDown),
            Command::Theme => {
                if self.prefs.no_color {
                    self.notify(
                        crate::words::shell_labels::NO_COLOR_KEPT
                            .get(self.prefs.lang)
                            .into(),
                    );
                } else {
                    let name = self.prefs.theme.next();
                    self.prefs.theme = name;
                    // Say which: two themes can look alike on a projector.
                    let lang = self.prefs.lang;
                    self.notify(format!(
                        "{}{}",
                        crate::words::shell_labels::THEME_NOW.get(lang),
                        name.label().get(lang)
                    ));
                }
            }
            Command::FullScreen => self.prefs.fullscreen = !self.prefs.fullscreen,
            Command::Rail => self.prefs.rail = !self.prefs.rail,
            Command::BigTimer => self.prefs.big_timer = !self.prefs.big_timer,
            Command::Help => self.nav.help = !self.nav.help,
            Command::Edit => return self.enter_edit(),
        }
        Vec::new()
    }

    fn edit_pane(&mut self, f: impl FnOnce(&mut PaneState)) {
        if let Some(i) = self.current()
            && let Some(p) = self.nav.panes.get_mut(i)
        {
            f(p);
        }
    }

    /// Scrolls the current pane's list, within the longest list a pane can show.
    fn scroll(&mut self, down: bool) {
        let s = self.data.snapshot();
        let notes = self
            .current()
            .and_then(|i| s.agenda.get(i))
            .map_or(0, |it| it.notes.len());
        let most = s.units.len().max(s.projects.len()).max(notes);
        self.edit_pane(|p| {
            p.scroll = if down {
                (p.scroll + 1).min(most.saturating_sub(1))
            } else {
                p.scroll.saturating_sub(1)
            };
        });
    }

    fn quit(&mut self) -> Vec<Effect> {
        if self.has_unsaved() {
            self.edit.field = None;
            self.edit.dialog = Some(editor::Dialog::Quit);
            return Vec::new();
        }
        // In the presenter's console during a meeting a stray `q` would leave
        // a shell prompt on the projector: it asks once.
        if !self.edit.active && self.meeting.clock.current.is_some() {
            self.nav.help = false;
            self.nav.quit_asked = true;
            return Vec::new();
        }
        self.quit_now()
    }

    /// Leaves: the meeting log closed, the journal cleared when nothing in
    /// it is worth recovering.
    fn quit_now(&mut self) -> Vec<Effect> {
        let mut effects = self.close();
        // Edits undone back to the saved state leave nothing worth recovering.
        if !self.edit.unsaved.is_empty() {
            effects.push(Effect::JournalClear);
        }
        effects.push(Effect::Quit);
        effects
    }

    fn loaded(&mut self, result: Result<Box<(Document, u64)>, data::LoadFailure>) -> Vec<Effect> {
        match result {
            Err(failure) => {
                self.data.error = Some(failure.text(self.prefs.lang).to_owned());
                self.data.gone = failure.gone;
                Vec::new()
            }
            Ok(loaded) => {
                let (doc, hash) = *loaded;
                self.data.error = None;
                self.data.gone = false;
                if self.data.content_hash == Some(hash) {
                    return Vec::new();
                }
                self.outside_change(doc, hash)
            }
        }
    }
}

impl App {
    /// After the data in force changed (edit, reload, merge): every agenda
    /// item has its pane state, the meeting keeps its place, the editor's
    /// cursors stay inside their sheets.
    pub(crate) fn after_data_change(&mut self) -> Vec<Effect> {
        let n = self.data.snapshot().agenda.len();
        self.nav.panes.resize(n, PaneState::default());
        self.keep_cursor_in_view();
        self.edit.mark_units(&self.data.doc.snapshot);
        self.after_reload()
    }
}

/// The next (or previous) of `n` positions, wrapping.
fn cycle(i: usize, n: usize, forward: bool) -> usize {
    let n = n.max(1);
    if forward {
        (i + 1) % n
    } else {
        (i + n - 1) % n
    }
}

#[cfg(test)]
mod tests;
