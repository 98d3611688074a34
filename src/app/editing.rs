//! The editor's keys and edits: moving between cells, opening and committing
//! a field, undo/redo, adding, removing and moving rows. Every data change
//! goes through [`App::apply_edit`] (or undo/redo), which recomputes the
//! derived data once, records the change for undo, marks it and asks for it
//! to be journaled.

use ratatui::crossterm::event::{Event, KeyCode, KeyEvent, KeyModifiers};
use serde_json::{Value, json};

use super::editor::{EditKey, Field, Kind, MARK_SECONDS, Sheet, describe, sheets};
use super::{App, Effect};
use crate::model::edit::{Assignment, ChangeSet, EditError, EditPath, Step};
use crate::model::reach::Reach;
use crate::words::edit_labels as el;

impl App {
    /// Shows the editor (asking once for the file's lock).
    pub fn enter_edit(&mut self) -> Vec<Effect> {
        self.edit.active = true;
        self.prefs.big_timer = false;
        if !self.edit.lock_asked && self.data.content_hash.is_some() {
            self.edit.lock_asked = true;
            return vec![Effect::Lock];
        }
        Vec::new()
    }

    /// Hides the editor. With nothing unsaved the lock goes too: a console
    /// that only looked at the sheets must not keep `guotang set` or a
    /// second editor waiting for the rest of the meeting.
    pub fn leave_edit(&mut self) -> Vec<Effect> {
        self.edit.active = false;
        if self.edit.lock_asked && !self.edit.dirty() {
            self.edit.lock_asked = false;
            self.edit.lock_holder = None;
            return vec![Effect::Unlock];
        }
        Vec::new()
    }

    /// The cell under the cursor.
    pub fn edit_cell(&self) -> Option<sheets::Cell> {
        let c = self.edit.cursor();
        sheets::cell(
            self.data.snapshot(),
            &self.data.derived,
            self.edit.sheet,
            c.row,
            c.col,
            self.prefs.lang,
        )
    }

    /// A key on the editor's sheets ([`super::mode::Mode::Editor`]).
    pub(super) fn edit_key(&mut self, key: KeyEvent) -> Vec<Effect> {
        let Some(cmd) = self.prefs.keymap.editor.command_loose(&key) else {
            return self.type_into_cell(key);
        };
        let cols = self.sheet_columns();
        let page = self.edit_page_rows();
        match cmd {
            EditKey::Up => self.move_cursor(-1, 0),
            EditKey::Down => self.move_cursor(1, 0),
            EditKey::Left => self.move_cursor(0, -1),
            EditKey::Right => self.move_cursor(0, 1),
            EditKey::PageUp => self.move_cursor(-(page as isize), 0),
            EditKey::PageDown => self.move_cursor(page as isize, 0),
            EditKey::Home => self.edit.cursor_mut().col = 0,
            EditKey::End => self.edit.cursor_mut().col = cols.saturating_sub(1),
            EditKey::Open => self.open_field(None),
            EditKey::Clear => return self.clear_cell(),
            EditKey::NextSheet | EditKey::PrevSheet => {
                let n = Sheet::ALL.len();
                let i = self.edit.sheet.index();
                let j = if cmd == EditKey::NextSheet {
                    (i + 1) % n
                } else {
                    (i + n - 1) % n
                };
                self.edit.sheet = Sheet::ALL[j];
            }
            EditKey::Undo => return self.undo_redo(false),
            EditKey::Redo => return self.undo_redo(true),
            EditKey::Save => return self.request_save(),
            EditKey::AddRow => return self.add_row(),
            EditKey::RemoveRow => return self.remove_row(),
            EditKey::MoveUp | EditKey::MoveDown => {
                return self.move_row(cmd == EditKey::MoveDown);
            }
            EditKey::Leave => return self.leave_edit(),
            EditKey::Quit => return self.quit(),
            EditKey::Help => self.nav.help = true,
        }
        self.keep_cursor_in_view();
        Vec::new()
    }

    fn sheet_columns(&self) -> usize {
        sheets::columns(
            self.data.snapshot(),
            &self.data.derived,
            self.edit.sheet,
            self.prefs.lang,
        )
        .len()
    }

    /// Rows of the grid on screen now.
    pub fn edit_page_rows(&self) -> usize {
        let (w, h) = self.prefs.size;
        let l = super::layout::compute(self, ratatui::layout::Rect::new(0, 0, w, h));
        super::layout::grid_rows(l.main.height).max(1)
    }

    fn move_cursor(&mut self, drow: isize, dcol: isize) {
        let rows = sheets::rows(self.data.snapshot(), self.edit.sheet);
        let cols = self.sheet_columns();
        let c = self.edit.cursor_mut();
        c.row = c
            .row
            .saturating_add_signed(drow)
            .min(rows.saturating_sub(1));
        c.col = c
            .col
            .saturating_add_signed(dcol)
            .min(cols.saturating_sub(1));
    }

    /// Keeps every sheet's cursor inside its sheet (after data changed) and
    /// the current one on screen.
    pub(super) fn keep_cursor_in_view(&mut self) {
        let s = self.data.snapshot();
        for sheet in Sheet::ALL {
            let rows = sheets::rows(s, sheet);
            let cols = sheets::columns(s, &self.data.derived, sheet, self.prefs.lang).len();
            if let Some(c) = self.edit.cursors.get_mut(sheet.index()) {
                c.row = c.row.min(rows.saturating_sub(1));
                c.col = c.col.min(cols.saturating_sub(1));
            }
        }
        let page = self.edit_page_rows();
        let c = self.edit.cursor_mut();
        if c.row < c.top {
            c.top = c.row;
        } else if c.row >= c.top + page {
            c.top = c.row + 1 - page;
        }
        let widths: Vec<usize> = sheets::columns(
            self.data.snapshot(),
            &self.data.derived,
            self.edit.sheet,
            self.prefs.lang,
        )
        .iter()
        .map(|c| c.width)
        .collect();
        let room = usize::from(self.prefs.size.0);
        let c = self.edit.cursor_mut();
        c.left = super::layout::scroll_left(&widths, c.left, c.col, room);
    }

    /// Opens the cell under the cursor, typed over with `typed` if given.
    fn open_field(&mut self, typed: Option<char>) {
        let lang = self.prefs.lang;
        let Some(cell) = self.edit_cell() else { return };
        let (Some(path), true) = (cell.path.clone(), cell.kind.editable()) else {
            self.notify(el::READ_ONLY.get(lang).into());
            return;
        };
        let c = self.edit.cursor();
        let mut f = Field::open(self.edit.sheet, c.row, c.col, path, cell.kind, &cell.text);
        match typed {
            Some(ch) if f.is_choice() => f.pick_initial(ch),
            Some(ch) => f = f.typed_over(ch),
            None => {}
        }
        self.edit.field = Some(f);
    }

    /// A printable key outside a field: digits and CJK text start typing
    /// over the cell (letters are commands).
    fn type_into_cell(&mut self, key: KeyEvent) -> Vec<Effect> {
        let plain = !key
            .modifiers
            .intersects(KeyModifiers::CONTROL | KeyModifiers::ALT);
        if let (KeyCode::Char(c), true) = (key.code, plain)
            && (c.is_ascii_digit() || c == '.' || !c.is_ascii())
        {
            self.open_field(Some(c));
        }
        Vec::new()
    }

    pub(super) fn field_key(&mut self, key: KeyEvent) -> Vec<Effect> {
        let Some(f) = self.edit.field.as_mut() else {
            return Vec::new();
        };
        let ctrl = key.modifiers.contains(KeyModifiers::CONTROL);
        match key.code {
            KeyCode::Esc => {
                self.edit.field = None;
                Vec::new()
            }
            KeyCode::Enter => self.commit(0, 0),
            KeyCode::Tab => self.commit(0, 1),
            KeyCode::BackTab => self.commit(0, -1),
            KeyCode::Up => self.commit(-1, 0),
            KeyCode::Down => self.commit(1, 0),
            KeyCode::Left | KeyCode::Right if f.is_choice() => {
                f.pick(key.code == KeyCode::Right);
                Vec::new()
            }
            KeyCode::Char(' ') if f.is_choice() => {
                f.pick(true);
                Vec::new()
            }
            KeyCode::Char(c) if f.is_choice() && !ctrl => {
                f.pick_initial(c);
                Vec::new()
            }
            KeyCode::Char('c') if ctrl => {
                self.edit.field = None;
                Vec::new()
            }
            _ => {
                if !f.is_choice()
                    && let Some(req) =
                        tui_input::backend::crossterm::to_input_request(&Event::Key(key))
                {
                    f.handle(req);
                }
                Vec::new()
            }
        }
    }

    /// Writes the open field where it is.
    pub(crate) fn commit_field(&mut self) -> Vec<Effect> {
        self.commit(0, 0)
    }

    /// Writes the open field, then moves by (`drow`, `dcol`). A field whose
    /// text or result is refused stays open with the reason beside it.
    fn commit(&mut self, drow: isize, dcol: isize) -> Vec<Effect> {
        let lang = self.prefs.lang;
        let Some(f) = self.edit.field.take() else {
            return Vec::new();
        };
        if f.unchanged() {
            self.move_cursor(drow, dcol);
            self.keep_cursor_in_view();
            return Vec::new();
        }
        let mut assignments = match f.assignments(lang) {
            Ok(a) => a,
            Err(problem) => {
                self.edit.field = Some(Field {
                    refused: Some(problem),
                    ..f
                });
                return Vec::new();
            }
        };
        // A card decision needs its reason; removing the decision removes it.
        if f.sheet == Sheet::Cards && last_key(&f.path) == Some("card") {
            let reason_path = sibling(&f.path, "card_reason");
            // By the unit's id, not the row: a reload may have moved it.
            let s = self.data.snapshot();
            let unit = match f.path.steps() {
                [_, Step::Id { id }, ..] => s.unit_index(id),
                _ => None,
            };
            let has_reason = unit
                .and_then(|u| s.units.get(u))
                .and_then(|u| u.decision.as_ref())
                .is_some_and(|d| !d.reason.trim().is_empty());
            let setting = assignments.last().is_some_and(|a| a.value.is_some());
            if setting && !has_reason {
                let mut reason = Field::open(
                    Sheet::Cards,
                    f.row,
                    4,
                    reason_path,
                    Kind::Text { required: true },
                    "",
                );
                reason.with = assignments;
                reason.prompt = Some(el::NEED_REASON);
                self.edit.cursor_mut().col = 4;
                self.edit.field = Some(reason);
                return Vec::new();
            }
            if !setting && let Ok(a) = Assignment::new(&reason_path.to_string(), None) {
                assignments.push(a);
            }
        }
        match self.apply_edit(&assignments) {
            Ok(effects) => {
                // Allowed but doubted (a fraction in a count…): said, not refused.
                if let Some(doubt) =
                    self.doubts_after(&[(f.path.clone(), f.value(lang).ok().flatten())])
                {
                    self.notify(doubt);
                }
                self.move_cursor(drow, dcol);
                self.keep_cursor_in_view();
                effects
            }
            Err(problem) => {
                self.edit.field = Some(Field {
                    refused: Some(problem),
                    ..f
                });
                Vec::new()
            }
        }
    }

    /// Clears the cell under the cursor (removes the field).
    fn clear_cell(&mut self) -> Vec<Effect> {
        let Some(cell) = self.edit_cell() else {
            return Vec::new();
        };
        let (Some(path), true) = (cell.path, cell.kind.editable()) else {
            self.notify(el::READ_ONLY.get(self.prefs.lang).into());
            return Vec::new();
        };
        if cell.text.is_empty() {
            return Vec::new();
        }
        let c = self.edit.cursor();
        let mut f = Field::open(self.edit.sheet, c.row, c.col, path, cell.kind, &cell.text);
        f.input = tui_input::Input::default();
        f.choice = f
            .words()
            .iter()
            .position(|w| w.value.is_empty())
            .unwrap_or(f.choice);
        self.edit.field = Some(f);
        let effects = self.commit(0, 0);
        // A required cell refuses to be empty: say so rather than open a field.
        if let Some(f) = self.edit.field.take()
            && let Some(p) = f.problem(self.prefs.lang)
        {
            self.notify(p);
        }
        effects
    }

    /// Applies assignments together; on success the derived data is
    /// recomputed once and the change recorded, marked and journaled. The
    /// error is the first problem, with its place.
    pub fn apply_edit(&mut self, assignments: &[Assignment]) -> Result<Vec<Effect>, String> {
        match self.data.doc.edit(assignments) {
            Ok(changes) => {
                self.edit.history.record(changes.clone());
                Ok(self.data_edited(changes))
            }
            Err(e) => Err(first_problem(&e)),
        }
    }

    /// After the document changed here (edit, undo, redo): derive, mark, journal.
    fn data_edited(&mut self, changes: ChangeSet) -> Vec<Effect> {
        if changes.is_empty() {
            return Vec::new();
        }
        let reach = Reach::of_changes(&changes, self.data.snapshot());
        self.data.derive_again(&reach);
        self.data.generation += 1;
        let until = self.now() + chrono::Duration::seconds(MARK_SECONDS);
        self.edit.mark(&changes, until);
        self.edit.unsaved.push(changes.clone());
        let mut effects = self.after_data_change();
        effects.push(Effect::Journal(changes));
        effects
    }

    /// Undoes (or redoes) the last edit; a refusal is told, never written.
    fn undo_redo(&mut self, redo: bool) -> Vec<Effect> {
        let lang = self.prefs.lang;
        let (result, nothing, done) = if redo {
            let r = self.edit.history.redo(&mut self.data.doc);
            (r, el::NOTHING_TO_REDO, el::REDONE)
        } else {
            let r = self.edit.history.undo(&mut self.data.doc);
            (r, el::NOTHING_TO_UNDO, el::UNDONE)
        };
        match result {
            None => {
                self.notify(nothing.get(lang).into());
                Vec::new()
            }
            Some(Err(e)) => {
                self.notify(format!("{}: {}", el::CLASHED.get(lang), first_problem(&e)));
                Vec::new()
            }
            Some(Ok(changes)) => {
                let what = describe::changes(self.data.snapshot(), &changes, lang);
                self.notify(format!("{} {what}", done.get(lang)));
                self.data_edited(changes)
            }
        }
    }

    /// Adds a project (for the unit under the cursor's project) or an agenda
    /// item after the cursor's row.
    fn add_row(&mut self) -> Vec<Effect> {
        let lang = self.prefs.lang;
        let s = self.data.snapshot();
        let row = self.edit.cursor().row;
        let assignment = match self.edit.sheet {
            Sheet::Projects => {
                let unit = s
                    .projects
                    .get(row)
                    .and_then(|p| s.units.get(p.unit))
                    .or_else(|| s.units.first())
                    .map(|u| u.id.clone());
                let Some(unit) = unit else { return Vec::new() };
                let id = free_id(s.projects.iter().map(|p| &*p.id));
                let v = json!({"id": id, "name": el::NEW_PROJECT.get(lang), "unit": unit, "stage": "negotiating"});
                Assignment::new("projects.+", Some(v))
            }
            Sheet::Agenda => {
                let v = json!({"title": el::NEW_ITEM.get(lang), "pane": "notes"});
                Assignment::new("agenda.+", Some(v))
            }
            _ => return Vec::new(),
        };
        let Ok(a) = assignment else { return Vec::new() };
        match self.apply_edit(&[a]) {
            Ok(effects) => {
                let last = sheets::rows(self.data.snapshot(), self.edit.sheet).saturating_sub(1);
                let c = self.edit.cursor_mut();
                c.row = last;
                c.col = 0;
                self.keep_cursor_in_view();
                self.notify(el::ROW_ADDED.get(lang).into());
                effects
            }
            Err(p) => {
                self.notify(p);
                Vec::new()
            }
        }
    }

    fn remove_row(&mut self) -> Vec<Effect> {
        let lang = self.prefs.lang;
        let s = self.data.snapshot();
        let row = self.edit.cursor().row;
        let (path, name) = match self.edit.sheet {
            Sheet::Projects => match s.projects.get(row) {
                Some(p) => (
                    EditPath(vec![
                        Step::Key("projects".into()),
                        Step::Id {
                            id: p.id.to_string(),
                        },
                    ]),
                    p.name.to_string(),
                ),
                None => return Vec::new(),
            },
            Sheet::Agenda => match s.agenda.get(row) {
                Some(it) => (
                    EditPath(vec![Step::Key("agenda".into()), Step::Index(row)]),
                    it.title.clone(),
                ),
                None => return Vec::new(),
            },
            _ => return Vec::new(),
        };
        let Ok(a) = Assignment::new(&path.to_string(), None) else {
            return Vec::new();
        };
        match self.apply_edit(&[a]) {
            Ok(effects) => {
                self.keep_cursor_in_view();
                self.notify(format!("{} {name}", el::ROW_REMOVED.get(lang)));
                effects
            }
            Err(p) => {
                self.notify(p);
                Vec::new()
            }
        }
    }

    /// Swaps the agenda item under the cursor with its neighbour.
    fn move_row(&mut self, down: bool) -> Vec<Effect> {
        if self.edit.sheet != Sheet::Agenda {
            return Vec::new();
        }
        let row = self.edit.cursor().row;
        let n = self.data.snapshot().agenda.len();
        let other = if down { row + 1 } else { row.wrapping_sub(1) };
        if other >= n {
            return Vec::new();
        }
        let list = self
            .data
            .doc
            .json
            .head()
            .get("agenda")
            .and_then(Value::as_array);
        let (Some(a), Some(b)) = (
            list.and_then(|l| l.get(row)).cloned(),
            list.and_then(|l| l.get(other)).cloned(),
        ) else {
            return Vec::new();
        };
        let assignments = [
            Assignment::new(&format!("agenda.{}", row + 1), Some(b)),
            Assignment::new(&format!("agenda.{}", other + 1), Some(a)),
        ];
        let Ok(assignments) = assignments.into_iter().collect::<Result<Vec<_>, _>>() else {
            return Vec::new();
        };
        match self.apply_edit(&assignments) {
            Ok(effects) => {
                self.edit.cursor_mut().row = other;
                // The presenter's place in each item moves with it.
                self.nav.panes.swap(row, other);
                self.keep_cursor_in_view();
                effects
            }
            Err(p) => {
                self.notify(p);
                Vec::new()
            }
        }
    }
}

/// The first problem of a refused edit, one line, with its place.
pub fn first_problem(e: &EditError) -> String {
    let text = match e {
        EditError::Invalid(list) => list
            .first()
            .map_or_else(|| e.to_string(), |c| c.problem.to_string()),
        EditError::Clash(list) => list
            .first()
            .map_or_else(|| e.to_string(), |c| c.to_string()),
        other => other.to_string(),
    };
    text.lines().next().unwrap_or_default().to_owned()
}

fn last_key(p: &EditPath) -> Option<&str> {
    match p.steps().last() {
        Some(Step::Key(k)) => Some(k),
        _ => None,
    }
}

/// The path of a sibling field (`…card` → `…card_reason`).
fn sibling(p: &EditPath, name: &str) -> EditPath {
    let mut steps = p.steps().to_vec();
    steps.pop();
    steps.push(Step::Key(name.to_owned()));
    EditPath(steps)
}

/// The next free `P001`-style id.
fn free_id<'a>(ids: impl Iterator<Item = &'a str>) -> String {
    let taken: std::collections::HashSet<&str> = ids.collect();
    (1..)
        .map(|n| format!("P{n:03}"))
        .find(|id| !taken.contains(id.as_str()))
        .unwrap_or_default()
}
