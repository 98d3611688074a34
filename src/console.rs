//! The presenter's console event loop: one channel that a key reader, a
//! ticker (aligned to the second), the file watcher and the signal handler
//! all send into; the loop blocks on it (no busy loop), updates the app,
//! carries out the effects and redraws.

use std::path::{Path, PathBuf};
use std::process::ExitCode;
use std::sync::mpsc::{self, Receiver, Sender};
use std::time::{Duration, Instant};

use chrono::{Local, NaiveDateTime, Timelike};
use ratatui::crossterm::event::{self, Event};

use crate::app::editor::{SaveDone, SaveFailed, SaveRequest};
use crate::app::failure::{JournalFailure, SaveTrouble};
use crate::app::{Action, App, Effect, Keymap, Options};
use crate::cli::out::errln;
use crate::model::{self, Document};
use crate::store::{self, meeting_log};
use crate::ui::theme::ThemeName;
use crate::words::shell_labels as sl;
use crate::words::wall_labels as wl;

/// The environment variable that overrides where `keys.json` is looked for.
pub const CONFIG_DIR_ENV: &str = "GUOTANG_CONFIG_DIR";

/// How the console was asked to start.
#[derive(Debug, Clone, Default)]
pub struct ConsoleArgs {
    /// The snapshot; None for the built-in demo.
    pub file: Option<PathBuf>,
    pub theme: Option<ThemeName>,
    /// Start in the secretary's editor (`guotang edit`).
    pub edit: bool,
    /// How to follow the file (`--watch`).
    pub watch: store::watch::Mode,
    /// Show the audience's screen, following the presenter (`--audience`).
    pub audience: bool,
    /// Show the hall board, a page every this many seconds (`guotang board`).
    pub board: Option<u32>,
}

fn now() -> NaiveDateTime {
    Local::now().naive_local()
}

/// The directory `keys.json` lives in.
pub fn config_dir() -> Option<PathBuf> {
    if let Some(d) = std::env::var_os(CONFIG_DIR_ENV).filter(|d| !d.is_empty()) {
        return Some(PathBuf::from(d));
    }
    directories::ProjectDirs::from("", "", "guotang").map(|d| d.config_dir().to_owned())
}

/// The keymap: defaults with `keys.json` applied; problems come back as a notice.
fn load_keymap() -> (Keymap, Option<String>) {
    let Some(path) = config_dir().map(|d| d.join("keys.json")) else {
        return (Keymap::default(), None);
    };
    match std::fs::read_to_string(&path) {
        Err(_) => (Keymap::default(), None),
        Ok(text) => match Keymap::from_json(&text) {
            Ok(k) => (k, None),
            Err(problems) => {
                let first = problems.first().cloned().unwrap_or_default();
                let msg = format!("{}: {}: {first}", sl::KEYS_PROBLEM.en, path.display());
                (Keymap::default(), Some(msg))
            }
        },
    }
}

/// Opens the meeting log for this snapshot, setting a broken one aside.
fn open_log(
    file: Option<&Path>,
    doc: &Document,
) -> (Option<PathBuf>, meeting_log::MeetingLog, Option<String>) {
    let key = meeting_log::snapshot_key(file);
    let m = &doc.snapshot.meeting;
    let fresh = || meeting_log::MeetingLog::new(&key, m.date, &m.title);
    let Some(dir) = meeting_log::state_dir() else {
        return (
            None,
            fresh(),
            Some("no state directory: the meeting log is not kept".into()),
        );
    };
    let path = meeting_log::log_path(&dir, &key, m.date);
    match meeting_log::load(&path) {
        Ok(Some(log)) => (Some(path), log, None),
        Ok(None) => (Some(path), fresh(), None),
        Err(e) => {
            let note = match meeting_log::set_aside(&path) {
                Ok(aside) => format!("{e}; set aside as {}", aside.display()),
                Err(e2) => format!("{e}; cannot set it aside: {e2}"),
            };
            (Some(path), fresh(), Some(note))
        }
    }
}

/// Runs the console until the presenter quits; returns the exit code.
pub fn run(args: ConsoleArgs) -> ExitCode {
    let (doc, hash) = match &args.file {
        None => match Document::from_bytes(model::DEMO.as_bytes()) {
            Ok(doc) => (doc, None),
            Err(p) => {
                errln!("error: the built-in demo is broken:\n{p}");
                return ExitCode::FAILURE;
            }
        },
        Some(path) => match store::load(path) {
            Ok(l) => {
                learn_save_form(&l.doc);
                (l.doc, Some(l.content_hash))
            }
            Err(e) => {
                crate::cli::report_load_error(&e);
                return ExitCode::FAILURE;
            }
        },
    };
    let (keymap, keys_note) = load_keymap();
    // The secretary's console keeps no meeting log: the presenter's does,
    // and two consoles writing one log would garble the timers.
    // Where saves really land (links resolved, once): the watcher, the
    // lock, the journal and the backups all follow that file.
    let real = args.file.as_deref().map(store::data_dir::real_path);
    // The audience's screen and the hall board keep no log and write nothing.
    let audience = args.audience && real.is_some();
    let board = args.board;
    let (log_path, log, log_note) = if audience || board.is_some() {
        let m = &doc.snapshot.meeting;
        let log = meeting_log::MeetingLog::new("audience", m.date, &m.title);
        (None, log, None)
    } else {
        open_log(real.as_deref(), &doc)
    };
    let log_path = log_path.filter(|_| !args.edit);
    let opts = Options {
        theme: args.theme,
        no_color: std::env::var_os("NO_COLOR").is_some_and(|v| !v.is_empty()),
        env_lang: std::env::var("LANG").ok(),
        keymap,
        size: (0, 0),
    };
    let mut app = if audience {
        App::audience(doc, hash, opts, now())
    } else if let Some(every) = board {
        App::board(doc, hash, opts, now(), every)
    } else {
        App::new(doc, hash, log, opts, now())
    };

    let mut terminal = match crate::terminal::setup() {
        Ok(t) => t,
        Err(e) => {
            let file = args
                .file
                .as_ref()
                .map_or_else(String::new, |p| format!(" {}", p.display()));
            errln!("error: {e}");
            errln!("  to print a screen instead: guotang render{file} --item 1 --size 120x40");
            return ExitCode::FAILURE;
        }
    };

    let (tx, rx) = mpsc::channel::<Action>();
    spawn_input(tx.clone());
    spawn_ticker(tx.clone());
    spawn_signals(tx.clone());
    let (_watcher, watch_note) =
        start_watch(real.as_deref(), args.watch, audience, &tx, app.prefs.lang);
    drop(tx);

    let mut ctx = Ctx {
        file: real.as_deref(),
        log_path: log_path.as_deref(),
        journal: None,
        claim: None,
        merging: None,
        lock: None,
        release_after_draw: false,
        own_save: None,
    };
    if let Ok(size) = terminal.size() {
        app.update(Action::Resize(size.width, size.height));
    }
    if let Some(w) = &_watcher {
        app.update(Action::Watching(w.kind().clone()));
    }
    for note in [keys_note, log_note, watch_note].into_iter().flatten() {
        app.update(Action::Notice(note));
    }
    let mut effects = if audience {
        // Where the presenter is now: a late follower catches up at once.
        vec![Effect::ReadPosition]
    } else if board.is_some() {
        Vec::new()
    } else if args.edit {
        app.update(Action::Command(crate::app::Command::Edit))
    } else {
        app.update(Action::Open)
    };
    // Edits a dead session left: offer them before anything else. Those of
    // a session still alive are theirs: only said.
    if let Some(path) = real.as_deref().filter(|_| !audience && board.is_none()) {
        match store::journal::scan(path, None) {
            Ok(scan) => {
                for live in &scan.live {
                    let note = others_unsaved(live, app.prefs.lang);
                    effects.extend(app.update(Action::Notice(note)));
                }
                if let Some((rec, claim)) = scan.found {
                    ctx.claim = Some(claim);
                    effects.extend(app.update(Action::Recovery(Box::new(rec))));
                }
            }
            Err(e) => effects.extend(app.update(Action::JournalFailed(e.into()))),
        }
    }
    // The presenter's console tells the room's other screens where it is;
    // the secretary's does not.
    let mut presenting = match real.as_deref() {
        Some(path) if !args.edit && !audience && board.is_none() => {
            let (p, note) = crate::presenting::Presenting::start(path, app.prefs.lang);
            if let Some(note) = note {
                effects.extend(app.update(Action::Notice(note)));
            }
            Some(p)
        }
        _ => None,
    };
    let mut quit = ctx.carry_out(&mut app, effects);
    while !quit {
        if let Some(note) = presenting
            .as_mut()
            .and_then(|p| p.offer(&app, Instant::now()))
        {
            app.update(Action::Notice(note));
        }
        if let Err(e) = terminal.draw(|f| {
            let area = f.area();
            if let Some(p) = crate::ui::screen::draw(&app, area, f.buffer_mut()) {
                f.set_cursor_position(p);
            }
        }) {
            crate::terminal::restore();
            // Not `eprintln!`: the terminal may be gone, and it would panic.
            use std::io::Write as _;
            let _ = writeln!(std::io::stderr(), "error: cannot draw: {e}");
            return ExitCode::FAILURE;
        }
        // What the last change replaced goes once the new data is drawn.
        app.data.retired.free();
        if std::mem::take(&mut ctx.release_after_draw) {
            crate::memory::release_free();
        }
        quit = next_batch(&rx, &mut app, &mut ctx);
    }
    if let Some(p) = &mut presenting {
        p.end(&app);
    }
    crate::terminal::restore();
    ExitCode::SUCCESS
}

/// Follows the snapshot as `mode` asks: `FileChanged` into the loop when it
/// changes (and `PositionChanged` when the presenter's position does, for
/// the audience). A watch that cannot be had comes back as a notice (the
/// console still shows the file as loaded).
fn start_watch(
    file: Option<&Path>,
    mode: store::watch::Mode,
    audience: bool,
    tx: &Sender<Action>,
    lang: crate::i18n::Lang,
) -> (Option<store::watch::Watcher>, Option<String>) {
    let Some(file) = file else {
        return (None, None);
    };
    let tx = tx.clone();
    let mut files = vec![file.to_owned()];
    if audience {
        files.push(store::position::position_path(file));
    }
    match store::watch::watch_files(&files, mode, move |k| {
        let action = if k == 0 {
            Action::FileChanged
        } else {
            Action::PositionChanged
        };
        let _ = tx.send(action);
    }) {
        Ok(w) => (Some(w), None),
        Err(e) => (
            None,
            Some(format!(
                "⚠ {}{}{e}",
                wl::WATCH_FAILED.get(lang),
                lang.colon()
            )),
        ),
    }
}

/// Where the loop writes and reads, and what it holds for the editor.
struct Ctx<'a> {
    file: Option<&'a Path>,
    log_path: Option<&'a Path>,
    /// Started with the first edit.
    journal: Option<store::Journal>,
    /// A dead session's journal, held while its recovery is offered.
    claim: Option<store::journal::Claim>,
    /// The save lock, held from a merge's reading of the file to its save.
    merging: Option<store::save::Writer>,
    /// Taken when the editor first opens; released on exit.
    lock: Option<store::lock::Lock>,
    /// A version was replaced: its memory goes back after the next frame.
    release_after_draw: bool,
    /// This console's last save of its file, until the file is read again.
    own_save: Option<OwnSave>,
}

/// A save this console made of its own file: what the watcher reports
/// next is most likely that very file, which holds what is in force.
struct OwnSave {
    /// The stamp of the file the save put in place, and its content hash.
    stamp: store::content::FileStamp,
    hash: u64,
    /// When the file is read by content all the same: a write in place
    /// within the clock tick of the save can leave the stamp as it was.
    verify_at: Option<Instant>,
}

/// How long after its own save came back a console reads the file by
/// content: the other consoles have read the new version by then.
const VERIFY_OWN_SAVE: Duration = Duration::from_secs(1);

impl OwnSave {
    /// Whether the file at `path` is still the one this save put there
    /// with the data in force (`held`, its hash), told without reading it.
    fn stands(&self, path: &Path, held: Option<u64>) -> bool {
        held == Some(self.hash)
            && store::content::FileStamp::at(path).is_ok_and(|now| now == Some(self.stamp))
    }
}

impl Ctx<'_> {
    /// Does what `update` asked; returns whether to quit.
    fn carry_out(&mut self, app: &mut App, effects: Vec<Effect>) -> bool {
        let mut quit = false;
        let mut queue: std::collections::VecDeque<Effect> = effects.into();
        while let Some(effect) = queue.pop_front() {
            match effect {
                Effect::Quit => quit = true,
                Effect::SaveLog => {
                    if let Some(path) = self.log_path
                        && let Err(e) = meeting_log::save(path, &app.meeting.log)
                    {
                        let msg = format!(
                            "{}: {}: {e}",
                            sl::LOG_PROBLEM.get(app.prefs.lang),
                            path.display()
                        );
                        queue.extend(app.update(Action::Notice(msg)));
                    }
                }
                Effect::Reload => {
                    if let Some(path) = self.file {
                        use store::reload::Reread;
                        // Its own save coming back: not read now, when the
                        // other consoles read it (on a 2-core laptop that
                        // reading took a core from the presenter's), but a
                        // moment later, by content.
                        if let Some(own) = &mut self.own_save
                            && own.stands(path, app.data.content_hash)
                        {
                            own.verify_at
                                .get_or_insert(Instant::now() + VERIFY_OWN_SAVE);
                            queue.extend(app.update(Action::FileUnchanged));
                            continue;
                        }
                        self.own_save = None;
                        let reread =
                            store::reload::reread(path, app.data.content_hash, &app.data.doc);
                        let action = match reread {
                            Ok(Reread::Unchanged) => Action::FileUnchanged,
                            Ok(Reread::Incremental { plan, content_hash }) => {
                                Action::Reloaded(Box::new(crate::app::reload::Reading {
                                    plan: *plan,
                                    hash: content_hash,
                                    generation: app.data.generation,
                                }))
                            }
                            Ok(Reread::Full(l)) => {
                                learn_save_form(&l.doc);
                                Action::Loaded(Ok(Box::new((l.doc, l.content_hash))))
                            }
                            Err(e) => Action::Loaded(Err(crate::app::data::LoadFailure::of(&e))),
                        };
                        let replaced =
                            matches!(action, Action::Loaded(Ok(_)) | Action::Reloaded(_));
                        queue.extend(app.update(action));
                        // The version replaced is freed by now: given back
                        // once the new one is on screen (it takes 3–60 ms).
                        self.release_after_draw |= replaced;
                    }
                }
                Effect::LoadForMerge => {
                    if let Some(path) = self.file {
                        // The save lock, taken before the file is read and
                        // held until the merge is saved (the `Save` that
                        // follows in this same batch), so no other save can
                        // land in between and make the merge stale — under
                        // a stream of `set`s it would never get through.
                        let result = match store::save::Writer::begin(path, "edit") {
                            Ok(w) => {
                                self.merging = Some(w);
                                load(path).map_err(SaveTrouble::Load)
                            }
                            Err(e) => Err(e.into()),
                        };
                        queue.extend(app.update(Action::MergeBase(result)));
                    }
                }
                Effect::Save(req) => {
                    let result = self.save(app, &req);
                    queue.extend(app.update(Action::Saved(result)));
                }
                Effect::Journal(changes) => {
                    match self.journal(app).and_then(|j| Ok(j.append(&changes)?)) {
                        // An undo back to what was saved leaves nothing unsaved.
                        Ok(()) => queue.extend(self.tell_unsaved(app, app.edit.dirty())),
                        Err(e) => queue.extend(app.update(Action::JournalFailed(e))),
                    }
                }
                Effect::JournalRewrite { base, sets } => {
                    let result = match (&mut self.journal, self.claim.take(), self.file) {
                        (Some(j), _, _) => j.rewrite(base, &sets),
                        // The recovered session's journal becomes this one's.
                        (None, Some(claim), _) => {
                            store::Journal::adopt(claim, base, &sets).map(|j| {
                                self.journal = Some(j);
                            })
                        }
                        (None, None, Some(path)) => store::Journal::start(path, base)
                            .and_then(|mut j| j.rewrite(base, &sets).map(|()| j))
                            .map(|j| {
                                self.journal = Some(j);
                            }),
                        (None, None, None) => Ok(()),
                    };
                    match result {
                        Ok(()) => queue.extend(self.tell_unsaved(app, app.edit.dirty())),
                        Err(e) => queue.extend(app.update(Action::JournalFailed(e.into()))),
                    }
                }
                Effect::JournalSaved(hash) => {
                    let result = match &mut self.journal {
                        Some(j) => j.saved(hash),
                        None => Ok(()),
                    };
                    queue.extend(self.tell_unsaved(app, false));
                    if let Err(e) = result {
                        queue.extend(app.update(Action::JournalFailed(e.into())));
                    }
                }
                Effect::JournalClear => {
                    // This session's own journal only: another's is never
                    // removed from here.
                    let result = match &mut self.journal {
                        Some(j) => j.discard(),
                        None => Ok(()),
                    };
                    queue.extend(self.tell_unsaved(app, false));
                    if let Err(e) = result {
                        queue.extend(app.update(Action::JournalFailed(e.into())));
                    }
                }
                Effect::RecoveryDeclined { discard } => {
                    if let Some(claim) = self.claim.take()
                        && discard
                        && let Err(e) = claim.discard()
                    {
                        queue.extend(app.update(Action::JournalFailed(e.into())));
                    }
                }
                Effect::Unlock => self.lock = None,
                Effect::ReadPosition => {
                    if let Some(path) = self.file {
                        let heard = store::position::read(path)
                            .map(|p| p.map(Box::new))
                            .map_err(std::sync::Arc::new);
                        queue.extend(app.update(Action::Position(heard)));
                    }
                }
                Effect::Lock => {
                    if let Some(path) = self.file {
                        match store::lock::acquire(path, "edit") {
                            Ok(lock) => {
                                self.lock = Some(lock);
                                queue.extend(self.tell_unsaved(app, app.edit.dirty()));
                            }
                            Err(store::lock::LockError::Held { holder, .. }) => {
                                queue.extend(app.update(Action::LockHeld(holder)));
                            }
                            // No lock (a read-only folder): editing still works, saving will say why.
                            Err(e) => queue.extend(app.update(Action::Notice(e.to_string()))),
                        }
                    }
                }
            }
        }
        // A merge that was not saved (it clashed) lets the file go.
        self.merging = None;
        quit
    }
}

impl Ctx<'_> {
    /// The journal, started on the file as loaded when the first edit comes.
    fn journal(&mut self, app: &App) -> Result<&mut store::Journal, JournalFailure> {
        let Some(path) = self.file else {
            return Err(JournalFailure::NoFile);
        };
        let journal = match self.journal.take() {
            Some(j) => j,
            None => store::Journal::start(path, app.data.content_hash.unwrap_or_default())?,
        };
        Ok(self.journal.insert(journal))
    }

    /// Tells others, through the editor's lock, whether this console has
    /// unsaved edits (so that `guotang set` waits for them to be saved).
    fn tell_unsaved(&mut self, app: &mut App, unsaved: bool) -> Vec<Effect> {
        match self.lock.as_mut().map(|l| l.set_unsaved(unsaved)) {
            Some(Err(e)) => app.update(Action::Notice(format!(
                "{}: {e}",
                crate::words::edit_labels::LOCK_NOTE_FAILED.get(app.prefs.lang)
            ))),
            _ => Vec::new(),
        }
    }

    /// Saves the document as asked (to its own file under the save lock a
    /// merge holds, if one does); a conflict is told apart from other
    /// failures.
    fn save(&mut self, app: &App, req: &SaveRequest) -> Result<SaveDone, SaveFailed> {
        let target = match (&req.to, self.file) {
            (Some(to), _) => to.clone(),
            (None, Some(f)) => f.to_owned(),
            (None, None) => return Err(SaveFailed::Error(SaveTrouble::NoFile)),
        };
        let writer = match self.merging.take().filter(|_| req.to.is_none()) {
            Some(w) => w,
            None => store::save::Writer::begin(&target, "edit")
                .map_err(|e| SaveFailed::Error(e.into()))?,
        };
        match writer.save(&app.data.doc, req.expect) {
            Ok(saved) => {
                self.own_save = match saved.stamp {
                    Some(stamp) if req.to.is_none() => Some(OwnSave {
                        stamp,
                        hash: saved.content_hash,
                        verify_at: None,
                    }),
                    _ => None,
                };
                Ok(SaveDone {
                    content_hash: saved.content_hash,
                    // The name is enough to find it in `guotang backups`.
                    backup: saved
                        .backup
                        .and_then(|b| b.file_name().map(|n| n.to_string_lossy().into_owned())),
                    to: req.to.clone(),
                })
            }
            Err(store::SaveError::Conflict { found, .. }) => Err(SaveFailed::Conflict { found }),
            Err(e) => Err(SaveFailed::Error(e.into())),
        }
    }
}

/// Another session's unsaved edits, found alive: who, and since when.
fn others_unsaved(live: &store::journal::Live, lang: crate::i18n::Lang) -> String {
    let who = live.writer.as_ref().map_or_else(
        || crate::words::edit_labels::SOMEONE.get(lang).to_owned(),
        |w| format!("{}@{} (pid {})", w.user, w.host, w.pid),
    );
    crate::sanitize::one_line(&format!(
        "⚠ {who} {} {}",
        crate::words::edit_labels::OTHERS_UNSAVED.get(lang),
        store::lock::local_time(&live.started)
    ))
    .into_owned()
}

/// Finds out on a thread of its own, the document just read and not yet
/// edited, whether its projects' text is already what a save writes: a
/// secretary's save of a province's file then copies it (see
/// [`model::SaveFormCheck`]). Nothing waits for it; a save before it ends
/// writes the text anew, as every save did before.
fn learn_save_form(doc: &Document) {
    if let Some(check) = doc.json.save_form_check() {
        let _ = std::thread::Builder::new()
            .name("save-form".into())
            .spawn(move || check.run());
    }
}

/// Loads the snapshot, the error as the banner shows it.
fn load(path: &Path) -> Result<Box<(Document, u64)>, crate::app::data::LoadFailure> {
    store::load(path)
        .map(|l| Box::new((l.doc, l.content_hash)))
        .map_err(|e| crate::app::data::LoadFailure::of(&e))
}

/// Blocks for the next message, then takes every one already waiting, so a
/// burst of input is drawn once; returns whether to quit.
fn next_batch(rx: &Receiver<Action>, app: &mut App, ctx: &mut Ctx) -> bool {
    let Ok(first) = rx.recv() else {
        return true;
    };
    let mut pending = vec![first];
    pending.extend(rx.try_iter());
    for action in pending {
        // Every action happens at a time: the clock moves first.
        app.update(Action::Tick(now()));
        let mut effects = match action {
            Action::Tick(_) => Vec::new(),
            a => app.update(a),
        };
        // Its own save, taken on its stamp a moment ago: read by content now.
        if let Some(own) = &ctx.own_save
            && own.verify_at.is_some_and(|at| Instant::now() >= at)
        {
            ctx.own_save = None;
            effects.push(Effect::Reload);
        }
        if ctx.carry_out(app, effects) {
            return true;
        }
    }
    false
}

fn spawn_input(tx: Sender<Action>) {
    let _ = std::thread::Builder::new()
        .name("guotang-input".into())
        .spawn(move || {
            loop {
                let action = match event::read() {
                    Ok(Event::Key(k)) => Action::Key(k),
                    Ok(Event::Mouse(m)) => Action::Mouse(m),
                    Ok(Event::Resize(w, h)) => Action::Resize(w, h),
                    Ok(Event::Paste(text)) => Action::Paste(text),
                    Ok(_) => continue,
                    // The terminal is gone: leave as if asked to.
                    Err(_) => Action::Terminate,
                };
                let stop = matches!(action, Action::Terminate);
                if tx.send(action).is_err() || stop {
                    return;
                }
            }
        });
}

/// Ticks just after each whole second, so the clock and the timers turn
/// together; sleeping in between keeps an idle console at rest.
fn spawn_ticker(tx: Sender<Action>) {
    let _ = std::thread::Builder::new()
        .name("guotang-tick".into())
        .spawn(move || {
            loop {
                let ms = 1000 - u64::from(Local::now().nanosecond() / 1_000_000).min(999);
                std::thread::sleep(Duration::from_millis(ms + 2));
                if tx.send(Action::Tick(now())).is_err() {
                    return;
                }
            }
        });
}

/// The signals that end the console through its normal path (terminal
/// restored, meeting log closed, lock removed, journal kept): every one
/// whose default action ends the process and that a person or a script
/// sends on purpose. Left at their default, SIGQUIT, SIGUSR1, SIGUSR2 and
/// SIGALRM left the terminal raw on the alternate screen and the lock behind.
pub const ENDING_SIGNALS: [i32; 7] = {
    use signal_hook::consts::{SIGALRM, SIGHUP, SIGINT, SIGQUIT, SIGTERM, SIGUSR1, SIGUSR2};
    [SIGTERM, SIGHUP, SIGINT, SIGQUIT, SIGUSR1, SIGUSR2, SIGALRM]
};

fn spawn_signals(tx: Sender<Action>) {
    let Ok(mut signals) = signal_hook::iterator::Signals::new(ENDING_SIGNALS) else {
        return;
    };
    let _ = std::thread::Builder::new()
        .name("guotang-signals".into())
        .spawn(move || {
            for _ in signals.forever() {
                if tx.send(Action::Terminate).is_err() {
                    return;
                }
            }
        });
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A console's own save stands while the name leads to the very file it
    /// put there and the data in force is what it wrote; someone else's
    /// save over it, or other data in force, and it is read by content.
    #[test]
    fn its_own_save_is_known_by_its_stamp_until_someone_else_writes() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("meeting.json");
        std::fs::write(&path, crate::model::DEMO).unwrap();
        let doc = store::load(&path).unwrap().doc;
        let mut edited = doc.clone();
        edited
            .edit(&[crate::model::edit::Assignment::parse("meeting.title=新的标题").unwrap()])
            .unwrap();
        let saved = store::save(&path, &edited, store::Expect::Anything).unwrap();
        let own = OwnSave {
            stamp: saved.stamp.unwrap(),
            hash: saved.content_hash,
            verify_at: None,
        };
        assert!(own.stands(&path, Some(saved.content_hash)));
        assert!(!own.stands(&path, Some(saved.content_hash ^ 1)));
        assert!(!own.stands(&path, None));
        store::write_atomic(&path, crate::model::DEMO.as_bytes()).unwrap();
        assert!(!own.stands(&path, Some(saved.content_hash)));
        std::fs::remove_file(&path).unwrap();
        assert!(!own.stands(&path, Some(saved.content_hash)));
    }
}
