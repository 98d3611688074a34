//! The presenter's console publishing its position for the room's other
//! screens (`guotang FILE --audience`, here or on another machine that sees
//! the folder): after every batch of actions the event loop offers the
//! app's [`crate::app::App::place`], written when it changed and on the
//! heartbeat ([`store::position::Publisher`]).
//!
//! One presenter publishes per file: the presenter's lock says which. A
//! second presenter is told who publishes and does not; it tries again on
//! each heartbeat, so it takes over once the first has left. On a share
//! that does not pass locks between machines, the file itself tells: a
//! live position from a presenter who started first keeps the room.

use std::path::{Path, PathBuf};
use std::time::Instant;

use chrono::{DateTime, FixedOffset, Local, NaiveDateTime, TimeZone};

use crate::app::App;
use crate::i18n::Lang;
use crate::store::lock::{LockError, LockInfo, local_time};
use crate::store::position::{HEARTBEAT, Offered, Publisher};
use crate::words::wall_labels as wl;

/// The publishing side of a presenter's console.
pub struct Presenting {
    snapshot: PathBuf,
    state: State,
    /// A failed write has been told (once, until one succeeds).
    failing: bool,
    /// Another machine's presenter has been told of (once, until this one
    /// publishes).
    elsewhere: bool,
}

enum State {
    On(Box<Publisher>),
    /// Another presenter publishes; look again at `retry_at`.
    Blocked {
        retry_at: Instant,
    },
}

impl Presenting {
    /// Takes the presenter's lock on `snapshot` if it is free; returns the
    /// notice to show when it is not (who publishes).
    pub fn start(snapshot: &Path, lang: Lang) -> (Presenting, Option<String>) {
        let (state, note) = take(snapshot, lang, Instant::now());
        let p = Presenting {
            snapshot: snapshot.to_owned(),
            state,
            failing: false,
            elsewhere: false,
        };
        (p, note)
    }

    /// Whether this console publishes.
    pub fn publishing(&self) -> bool {
        matches!(self.state, State::On(_))
    }

    /// Publishes the app's place if it is due; returns a notice to show,
    /// if any (a write that failed, a lock taken over).
    pub fn offer(&mut self, app: &App, now: Instant) -> Option<String> {
        let lang = app.prefs.lang;
        if let State::Blocked { retry_at } = self.state {
            if now < retry_at {
                return None;
            }
            let (state, _) = take(&self.snapshot, lang, now);
            self.state = state;
            if !self.publishing() {
                return None;
            }
            let note = self.write(app, now);
            if !self.publishing() {
                return note;
            }
            self.elsewhere = false;
            return note.or_else(|| Some(wl::NOW_PUBLISHING.get(lang).to_owned()));
        }
        self.write(app, now)
    }

    fn write(&mut self, app: &App, now: Instant) -> Option<String> {
        let State::On(p) = &mut self.state else {
            return None;
        };
        match p.offer(&app.place(), local(app.now()), now) {
            Ok(Offered::Wrote | Offered::NotDue) => {
                self.failing = false;
                None
            }
            Ok(Offered::Elsewhere(holder)) => {
                // Let the lock go, and look again on the next heartbeat.
                self.state = State::Blocked {
                    retry_at: now + HEARTBEAT,
                };
                if std::mem::replace(&mut self.elsewhere, true) {
                    return None;
                }
                let lang = app.prefs.lang;
                let note = format!(
                    "⚠ {}{}{}",
                    wl::OTHER_PRESENTER.get(lang),
                    lang.colon(),
                    who(&holder, lang)
                );
                Some(crate::sanitize::one_line(&note).into_owned())
            }
            Err(_) if self.failing => None,
            Err(e) => {
                self.failing = true;
                let lang = app.prefs.lang;
                Some(format!(
                    "⚠ {}{}{e}",
                    wl::PUBLISH_FAILED.get(lang),
                    lang.colon()
                ))
            }
        }
    }

    /// The presenter leaves: the last place is written saying so.
    pub fn end(&mut self, app: &App) {
        if let State::On(p) = &mut self.state {
            let _ = p.end(&app.place(), local(app.now()));
        }
    }
}

fn take(snapshot: &Path, lang: Lang, now: Instant) -> (State, Option<String>) {
    match Publisher::start(snapshot) {
        Ok(p) => (State::On(Box::new(p)), None),
        Err(e) => {
            let note = match &e {
                LockError::Held { holder, .. } => format!(
                    "⚠ {}{}{}",
                    wl::OTHER_PRESENTER.get(lang),
                    lang.colon(),
                    who(holder, lang)
                ),
                other => format!("⚠ {}{}{other}", wl::PUBLISH_FAILED.get(lang), lang.colon()),
            };
            (
                State::Blocked {
                    retry_at: now + HEARTBEAT,
                },
                Some(crate::sanitize::one_line(&note).into_owned()),
            )
        }
    }
}

/// Who holds the presenter's lock: user@host, pid, since when (local time).
fn who(h: &LockInfo, lang: Lang) -> String {
    if h.pid == 0 {
        return crate::words::edit_labels::SOMEONE.get(lang).to_owned();
    }
    let since = local_time(&h.started);
    match lang {
        Lang::Zh => format!("{}@{}（pid {}，{since} 起）", h.user, h.host, h.pid),
        Lang::En => format!("{}@{} (pid {}, since {since})", h.user, h.host, h.pid),
    }
}

/// The console's local time with this machine's offset (another machine
/// may be in another zone).
pub fn local(at: NaiveDateTime) -> DateTime<FixedOffset> {
    Local
        .from_local_datetime(&at)
        .earliest()
        .map_or_else(|| Local::now().fixed_offset(), |t| t.fixed_offset())
}
