//! Saving without losing anyone's work, as state and effects: the save
//! request (checked against the hash loaded), what its result does, the
//! dialogs (quit with unsaved edits, a conflict, save as, recovery) and the
//! merge that re-applies the secretary's edits on someone else's file.

use ratatui::crossterm::event::{Event, KeyCode, KeyEvent, KeyModifiers};
use tui_input::Input;

use super::{Dialog, MARK_SECONDS, SaveDone, SaveFailed, SaveRequest, describe};
use crate::app::{App, Effect};
use crate::model::Document;
use crate::model::edit::rebase;
use crate::model::reach::Reach;
use crate::store::Expect;
use crate::words::edit_labels as el;

impl App {
    /// Saves to the console's own file, expecting it as loaded; the demo
    /// (no file) asks for a name.
    pub fn request_save(&mut self) -> Vec<Effect> {
        match self.data.content_hash {
            Some(hash) => vec![Effect::Save(SaveRequest {
                to: None,
                expect: Expect::Unchanged(hash),
            })],
            None => {
                self.notify(el::NO_FILE.get(self.prefs.lang).into());
                self.edit.dialog = Some(Dialog::SaveAs(Input::new("meeting.json".into())));
                Vec::new()
            }
        }
    }

    /// What a save's result does.
    pub(crate) fn saved(&mut self, result: Result<SaveDone, SaveFailed>) -> Vec<Effect> {
        let lang = self.prefs.lang;
        match result {
            Ok(done) => {
                let at = self.now().format("%H:%M:%S");
                let backup = done
                    .backup
                    .map(|b| format!(" · {} {b}", el::BACKUP_AT.get(lang)))
                    .unwrap_or_default();
                let mut effects = Vec::new();
                match &done.to {
                    Some(to) => {
                        self.notify(format!(
                            "{} {at} → {}",
                            el::SAVED_AT.get(lang),
                            to.display()
                        ));
                    }
                    None => {
                        self.edit.history.mark_saved();
                        self.edit.unsaved.clear();
                        self.edit.adopted = false;
                        self.edit.outside_change = false;
                        self.edit.journal_failed = false;
                        self.data.content_hash = Some(done.content_hash);
                        self.notify(format!("{} {at}{backup}", el::SAVED_AT.get(lang)));
                        effects.push(Effect::JournalSaved(done.content_hash));
                    }
                }
                if std::mem::take(&mut self.edit.quit_after_save) && done.to.is_none() {
                    effects.extend(self.close());
                    effects.push(Effect::Quit);
                }
                effects
            }
            Err(SaveFailed::Conflict { found }) => {
                self.edit.dialog = Some(Dialog::Conflict {
                    found,
                    problem: None,
                });
                Vec::new()
            }
            Err(SaveFailed::Error(trouble)) => {
                self.edit.quit_after_save = false;
                self.notify(format!("{}: {trouble}", el::SAVE_FAILED.get(lang)));
                Vec::new()
            }
        }
    }

    /// A key while a dialog is open.
    pub(crate) fn dialog_key(&mut self, key: KeyEvent) -> Vec<Effect> {
        let Some(dialog) = self.edit.dialog.take() else {
            return Vec::new();
        };
        let ch = match key.code {
            KeyCode::Char(c) if !key.modifiers.contains(KeyModifiers::CONTROL) => Some(c),
            _ => None,
        };
        let esc = key.code == KeyCode::Esc;
        match dialog {
            Dialog::Quit => match ch {
                Some('s') => {
                    self.edit.quit_after_save = true;
                    self.request_save()
                }
                Some('d') => {
                    let mut effects = vec![Effect::JournalClear];
                    effects.extend(self.close());
                    effects.push(Effect::Quit);
                    effects
                }
                _ if esc => Vec::new(),
                _ => {
                    self.edit.dialog = Some(Dialog::Quit);
                    Vec::new()
                }
            },
            Dialog::Conflict { found, problem } => match ch {
                // The dialog stays until the merge is made: a file that
                // cannot be loaded (emptied, broken) is said in it.
                Some('r') if found.is_some() => {
                    self.edit.dialog = Some(Dialog::Conflict {
                        found,
                        problem: None,
                    });
                    vec![Effect::LoadForMerge]
                }
                // Over the version the secretary was told of, not whatever
                // lands meanwhile: a save after this one is a new conflict.
                Some('o') => vec![Effect::Save(SaveRequest {
                    to: None,
                    expect: found.map_or(Expect::Absent, Expect::Unchanged),
                })],
                Some('a') => {
                    self.edit.dialog = Some(Dialog::SaveAs(Input::new(String::new())));
                    Vec::new()
                }
                _ if esc => {
                    self.edit.quit_after_save = false;
                    Vec::new()
                }
                _ => {
                    self.edit.dialog = Some(Dialog::Conflict { found, problem });
                    Vec::new()
                }
            },
            Dialog::SaveAs(mut input) => match key.code {
                KeyCode::Esc => {
                    self.edit.quit_after_save = false;
                    Vec::new()
                }
                KeyCode::Enter if !input.value().trim().is_empty() => {
                    vec![Effect::Save(SaveRequest {
                        to: Some(input.value().trim().into()),
                        expect: Expect::Absent,
                    })]
                }
                _ => {
                    if let Some(req) =
                        tui_input::backend::crossterm::to_input_request(&Event::Key(key))
                        && !matches!(req, tui_input::InputRequest::InsertChar(c) if c.is_control())
                    {
                        input.handle(req);
                    }
                    self.edit.dialog = Some(Dialog::SaveAs(input));
                    Vec::new()
                }
            },
            Dialog::Recover(rec) => match ch {
                Some('r') => self.recover(*rec),
                Some('d') => vec![Effect::RecoveryDeclined { discard: true }],
                _ if esc => vec![Effect::RecoveryDeclined { discard: false }],
                _ => {
                    self.edit.dialog = Some(Dialog::Recover(rec));
                    Vec::new()
                }
            },
        }
    }

    /// Takes a crashed session's edits, as replayed on the file now.
    fn recover(&mut self, rec: crate::store::journal::Recovery) -> Vec<Effect> {
        let lang = self.prefs.lang;
        // Not recoverable now: the journal stays for a later start.
        let r = match rec.replay {
            Ok(r) => r,
            Err(message) => {
                self.notify(format!("{}: {message}", el::RECOVER_BROKEN.get(lang)));
                return vec![Effect::RecoveryDeclined { discard: false }];
            }
        };
        let Some(hash) = rec.current_hash else {
            self.notify(el::RECOVER_BROKEN.get(lang).into());
            return vec![Effect::RecoveryDeclined { discard: false }];
        };
        let clashes = r.clashes.len();
        let named = self.clash_names(&r, lang);
        self.replace_data(r.doc, Some(hash));
        let applied = r.applied;
        self.edit.history.record(applied.clone());
        let until = self.now() + chrono::Duration::seconds(MARK_SECONDS);
        self.edit.mark(&applied, until);
        self.edit.unsaved = if applied.is_empty() {
            Vec::new()
        } else {
            vec![applied]
        };
        self.edit.adopted = !self.edit.unsaved.is_empty();
        self.edit.active = true;
        let mut note = el::RECOVERED.get(lang).to_owned();
        if clashes > 0 {
            note.push_str(&format!(
                "；{clashes} {}{}{named}",
                el::RECOVER_CLASHES.get(lang),
                lang.colon()
            ));
        }
        self.notify(note);
        let mut effects = self.after_data_change();
        effects.push(Effect::JournalRewrite {
            base: hash,
            sets: self.edit.unsaved.clone(),
        });
        effects.extend(self.enter_edit());
        effects
    }

    /// The file as someone else saved it: re-apply this session's unsaved
    /// edits on it; save at once when nothing clashed, else show what did.
    pub(crate) fn merge_onto(
        &mut self,
        result: Result<Box<(Document, u64)>, crate::app::failure::SaveTrouble>,
    ) -> Vec<Effect> {
        let lang = self.prefs.lang;
        let (theirs, hash) = match result {
            Ok(b) => *b,
            Err(trouble) => {
                match &mut self.edit.dialog {
                    Some(Dialog::Conflict { problem, .. }) => *problem = Some(trouble.to_string()),
                    _ => self.notify(format!("{}: {trouble}", el::SAVE_FAILED.get(lang))),
                }
                return Vec::new();
            }
        };
        self.edit.dialog = None;
        // A merge is rare: the whole document as a value is affordable here.
        let r = match rebase(&theirs.json.to_value(), &self.edit.unsaved) {
            Ok(r) => r,
            Err(e) => {
                self.edit.dialog = Some(Dialog::Conflict {
                    found: Some(hash),
                    problem: Some(crate::app::editing::first_problem(&e)),
                });
                return Vec::new();
            }
        };
        let clashes = r.clashes.len();
        let named = self.clash_names(&r, lang);
        self.replace_data(r.doc, Some(hash));
        let until = self.now() + chrono::Duration::seconds(MARK_SECONDS);
        self.edit.mark(&r.applied, until);
        self.edit.unsaved = if r.applied.is_empty() {
            Vec::new()
        } else {
            vec![r.applied]
        };
        self.edit.outside_change = false;
        self.edit.adopted = !self.edit.unsaved.is_empty();
        let mut effects = self.after_data_change();
        effects.push(Effect::JournalRewrite {
            base: hash,
            sets: self.edit.unsaved.clone(),
        });
        if clashes == 0 {
            self.notify(el::MERGED.get(lang).into());
            effects.extend(self.request_save());
        } else {
            // Not saved: what could not be re-applied is named, the rest
            // waits for Ctrl+S.
            self.edit.quit_after_save = false;
            self.notify(format!(
                "{clashes} {}{}{named}{}{}",
                el::MERGE_CLASHES.get(lang),
                lang.colon(),
                lang.pick("；", "; "),
                el::MERGE_REST.get(lang)
            ));
        }
        effects
    }

    /// The first clashes of a replay in the meeting's words (`议程 5「区领导点评」
    /// 分钟（已不存在；我的：12）`), against the document they were replayed on.
    fn clash_names(&self, r: &crate::model::edit::Rebased, lang: crate::i18n::Lang) -> String {
        let mut names: Vec<String> = r
            .clashes
            .iter()
            .take(2)
            .map(|c| describe::clash(&r.doc.snapshot, c, lang))
            .collect();
        if r.clashes.len() > 2 {
            names.push(lang.pick("等", "and more").to_owned());
        }
        crate::sanitize::one_line(&names.join(lang.pick("；", "; "))).into_owned()
    }

    /// Puts a new document in force (a reload, a merge, a recovery).
    pub(crate) fn replace_data(&mut self, doc: Document, hash: Option<u64>) {
        let old = std::mem::replace(&mut self.data.doc, doc);
        self.data.retired.keep(old);
        self.renew_data(hash, &Reach::ALL);
    }

    /// An outside change, loaded: taken at once unless there are unsaved
    /// edits here (then saving offers the merge). What changed is marked.
    pub(crate) fn outside_change(&mut self, doc: Document, hash: u64) -> Vec<Effect> {
        if self.edit.dirty() {
            return self.outside_change_waits();
        }
        let old = std::mem::replace(&mut self.data.doc, doc);
        let effects = self.took_outside(&old.json, hash, &Reach::ALL, None);
        self.data.retired.keep(old);
        effects
    }

    /// An outside change while there are unsaved edits: said, not taken.
    pub(crate) fn outside_change_waits(&mut self) -> Vec<Effect> {
        self.edit.outside_change = true;
        self.notify(el::OUTSIDE_CHANGE.get(self.prefs.lang).into());
        Vec::new()
    }

    /// After an outside change was put in force: `changes` marked and said.
    pub(crate) fn outside_marked(
        &mut self,
        changes: &crate::model::edit::ChangeSet,
    ) -> Vec<Effect> {
        self.prefs.lang =
            crate::i18n::Lang::detect(self.data.snapshot().locale, self.prefs.env_lang.as_deref());
        let until = self.now() + chrono::Duration::seconds(MARK_SECONDS);
        self.edit.mark(changes, until);
        if !changes.is_empty() {
            let what = describe::changes(self.data.snapshot(), changes, self.prefs.lang);
            self.notify(what);
        }
        self.after_data_change()
    }
}
