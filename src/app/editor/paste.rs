//! Pasting: secretaries copy blocks of numbers from spreadsheets. A block
//! (tabs between columns, lines between rows) lands on the cells from the
//! cursor right and down as one edit — all of it or none, undone in one
//! step — and a cell that cannot take its text is named with its row.

use serde_json::Value;

use super::field::{Field, parse};
use super::sheets::{self, Kind};
use crate::app::{App, Effect};
use crate::model::edit::Assignment;
use crate::words::edit_labels as el;

/// The most cells one paste may write (a runaway clipboard is refused).
const MAX_CELLS: usize = 200_000;

impl App {
    /// Text pasted into the terminal.
    pub(crate) fn paste(&mut self, text: &str) -> Vec<Effect> {
        let first_line = text.split(['\r', '\n']).next().unwrap_or_default();
        match (&mut self.edit.dialog, &mut self.edit.field) {
            (Some(super::Dialog::SaveAs(input)), _) => {
                for c in first_line.chars().filter(|c| !c.is_control()) {
                    input.handle(tui_input::InputRequest::InsertChar(c));
                }
                Vec::new()
            }
            (Some(_), _) => Vec::new(),
            (None, Some(f)) => {
                for c in first_line.chars() {
                    f.handle(tui_input::InputRequest::InsertChar(c));
                }
                Vec::new()
            }
            (None, None) if self.edit.active => self.paste_block(text),
            (None, None) => Vec::new(),
        }
    }

    /// Moves the editor's cursor by `rows` (the mouse wheel).
    pub(crate) fn edit_scroll(&mut self, rows: isize) {
        let n = sheets::rows(self.data.snapshot(), self.edit.sheet);
        let c = self.edit.cursor_mut();
        c.row = c.row.saturating_add_signed(rows).min(n.saturating_sub(1));
        self.keep_cursor_in_view();
    }

    fn paste_block(&mut self, text: &str) -> Vec<Effect> {
        let lang = self.prefs.lang;
        let c = lang.colon();
        // Terminals send lines ended by CR, LF or both.
        let text = text.replace("\r\n", "\n").replace('\r', "\n");
        let mut rows: Vec<Vec<&str>> = text.split('\n').map(|l| l.split('\t').collect()).collect();
        while rows
            .last()
            .is_some_and(|r| r.iter().all(|c| c.trim().is_empty()))
        {
            rows.pop();
        }
        let cells: usize = rows.iter().map(Vec::len).sum();
        if cells == 0 {
            return Vec::new();
        }
        if cells > MAX_CELLS {
            self.notify(format!("{} ({cells})", el::PASTE_TOO_BIG.get(lang)));
            return Vec::new();
        }
        // One cell: as if typed, so a problem shows in its field.
        if let [row] = rows.as_slice()
            && let [one] = row.as_slice()
        {
            return self.paste_one(one);
        }
        let at = self.edit.cursor();
        let s = self.data.snapshot();
        let sheet = self.edit.sheet;
        let n_rows = sheets::rows(s, sheet);
        let cols = sheets::columns(s, &self.data.derived, sheet, lang);
        let mut assignments = Vec::with_capacity(cells);
        let mut written = Vec::with_capacity(cells);
        for (dr, line) in rows.iter().enumerate() {
            let row = at.row + dr;
            for (dc, &text) in line.iter().enumerate() {
                let col = at.col + dc;
                let place = || {
                    let name = sheets::cell(s, &self.data.derived, sheet, row, 0, lang)
                        .map_or_else(|| format!("{}", row + 1), |c| c.text);
                    let head = cols.get(col).map_or_else(String::new, |c| match &c.group {
                        Some(g) => format!("{g} {}", c.head),
                        None => c.head.clone(),
                    });
                    format!("{name} · {head}")
                };
                let cell = (row < n_rows)
                    .then(|| sheets::cell(s, &self.data.derived, sheet, row, col, lang))
                    .flatten();
                let Some(cell) = cell else {
                    self.notify(el::PASTE_OUTSIDE.get(lang).to_owned());
                    return Vec::new();
                };
                let (Some(path), true) = (cell.path.clone(), cell.kind.editable()) else {
                    self.notify(format!("{}{c}{}", place(), el::PASTE_READ_ONLY.get(lang)));
                    return Vec::new();
                };
                // One column per judge: a marks cell takes the rest of its row.
                let joined;
                let text = if cell.kind == Kind::Marks {
                    joined = line[dc..].join(" ");
                    joined.as_str()
                } else {
                    text
                };
                let value = match pasted_value(&cell.kind, text, lang) {
                    Ok(v) => v,
                    Err(problem) => {
                        self.notify(format!("{}{c}{problem}", place()));
                        return Vec::new();
                    }
                };
                written.push((path.clone(), value.clone()));
                match Assignment::new(&path.to_string(), value) {
                    Ok(a) => assignments.push(a),
                    Err(e) => {
                        self.notify(format!("{}{c}{e}", place()));
                        return Vec::new();
                    }
                }
                if cell.kind == Kind::Marks {
                    break;
                }
            }
        }
        match self.apply_edit(&assignments) {
            Ok(effects) => {
                let mut text = format!("{} {cells} {}", el::PASTED.get(lang), el::CELLS.get(lang));
                if let Some(doubt) = self.doubts_after(&written) {
                    text = format!("{text}{}{doubt}", lang.pick("；", "; "));
                }
                self.notify(text);
                effects
            }
            Err(problem) => {
                self.notify(format!("{}{c}{problem}", el::PASTE_REFUSED.get(lang)));
                Vec::new()
            }
        }
    }

    /// One pasted value: into the cell as if typed, then written.
    fn paste_one(&mut self, text: &str) -> Vec<Effect> {
        let Some(cell) = self.edit_cell() else {
            return Vec::new();
        };
        let (Some(path), true) = (cell.path.clone(), cell.kind.editable()) else {
            self.notify(el::READ_ONLY.get(self.prefs.lang).into());
            return Vec::new();
        };
        let c = self.edit.cursor();
        let mut f = Field::open(self.edit.sheet, c.row, c.col, path, cell.kind, &cell.text);
        if f.is_choice() {
            let t = text.trim();
            if let Some(i) = f.words().iter().position(|w| w.value == t || w.label == t) {
                f.choice = i;
            }
        } else {
            f.input = tui_input::Input::default();
            for ch in text.chars() {
                f.handle(tui_input::InputRequest::InsertChar(ch));
            }
        }
        self.edit.field = Some(f);
        self.commit_field()
    }
}

/// A pasted cell's value: a choice may come as its word or its label (a
/// spreadsheet exported from the bulletin says 开工, the file says started);
/// numbers and dates are read as typed (`1,234.5`, 2026/3/5).
fn pasted_value(kind: &Kind, text: &str, lang: crate::i18n::Lang) -> Result<Option<Value>, String> {
    let t = text.trim();
    match kind {
        Kind::Choice(words) => {
            let word = words
                .iter()
                .find(|w| w.value == t || w.label == t)
                .map_or(t, |w| w.value.as_str());
            parse(kind, word, lang)
        }
        _ => parse(kind, t, lang),
    }
}
