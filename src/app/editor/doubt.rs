//! Warnings, never refusals, for figures that are allowed but probably
//! wrong (a fraction in a count, an actual six times its target, a project
//! signed after it started): under the open field as it is typed, and in
//! the notice after the edit. The judging is the model's (`doubts`).

use serde_json::Value;

use super::describe;
use crate::app::App;
use crate::model::doubts;
use crate::model::edit::EditPath;
use crate::words::edit_labels as el;

impl App {
    /// What the open field's text would raise, if written (shown under it).
    pub fn field_doubt(&self) -> Option<String> {
        let f = self.edit.field.as_ref()?;
        let lang = self.prefs.lang;
        let value = f.value(lang).ok()??;
        let s = self.data.snapshot();
        doubts::if_set(s, &f.path, Some(&value))
            .first()
            .map(|d| describe::doubt(s, d, lang, true))
    }

    /// What the places just written raise, for the notice after an edit:
    /// the first in full, and how many more.
    pub(crate) fn doubts_after(&self, written: &[(EditPath, Option<Value>)]) -> Option<String> {
        let lang = self.prefs.lang;
        let s = self.data.snapshot();
        let mut found = Vec::new();
        for (path, value) in written {
            for d in doubts::if_set(s, path, value.as_ref()) {
                if !found.contains(&d) {
                    found.push(d);
                }
            }
        }
        let first = found.first()?;
        let mut text = format!("⚠ {}", describe::doubt(s, first, lang, false));
        if found.len() > 1 {
            text.push_str(&match lang {
                crate::i18n::Lang::Zh => {
                    format!("（另有 {} 处{}）", found.len() - 1, el::DOUBTS.get(lang))
                }
                crate::i18n::Lang::En => {
                    format!(" (and {} more {})", found.len() - 1, el::DOUBTS.get(lang))
                }
            });
        }
        Some(text)
    }
}
