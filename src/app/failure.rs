//! What went wrong on disk, as the event loop tells the app: typed values
//! (the store's errors, shared so an action stays `Clone`), turned into
//! words only where they are shown.

use std::sync::Arc;

use crate::store::journal::JournalError;
use crate::store::position::PositionError;
use crate::store::{LockInfo, SaveError};

use super::data::LoadFailure;

/// Why unsaved edits could not be journaled.
#[derive(Debug, Clone, thiserror::Error)]
pub enum JournalFailure {
    /// The built-in demo has no file, so no journal.
    #[error("the demo has no file to journal for")]
    NoFile,
    #[error(transparent)]
    Store(Arc<JournalError>),
}

impl From<JournalError> for JournalFailure {
    fn from(e: JournalError) -> Self {
        JournalFailure::Store(Arc::new(e))
    }
}

/// Why a save, or the reading of the file before a merge, did not happen
/// (a conflict is not a failure: see [`super::editor::SaveFailed`]).
#[derive(Debug, Clone, thiserror::Error)]
pub enum SaveTrouble {
    /// The built-in demo has no file to save to.
    #[error("no file")]
    NoFile,
    #[error(transparent)]
    Save(Arc<SaveError>),
    /// The file as it is now could not be read for the merge.
    #[error("{}", .0.message)]
    Load(LoadFailure),
}

impl From<SaveError> for SaveTrouble {
    fn from(e: SaveError) -> Self {
        SaveTrouble::Save(Arc::new(e))
    }
}

/// The presenter's position file could not be used.
pub type PositionFailure = Arc<PositionError>;

/// Who holds the editor's lock, as the editor's warning shows it: user@host,
/// pid, since when and any unsaved edits, in local time. The note is another
/// process's file: its text passes the sanitizer.
pub fn holder_text(h: &LockInfo, lang: crate::i18n::Lang) -> String {
    use crate::i18n::Lang;
    use crate::store::lock::local_time;
    if h.pid == 0 {
        return crate::words::edit_labels::SOMEONE.get(lang).to_owned();
    }
    let since = local_time(&h.started);
    let mut text = match lang {
        Lang::Zh => format!("{}@{}（pid {}，{since} 起", h.user, h.host, h.pid),
        Lang::En => format!("{}@{} (pid {}, since {since}", h.user, h.host, h.pid),
    };
    if let Some(t) = &h.unsaved_since {
        let t = local_time(t);
        text.push_str(&match lang {
            Lang::Zh => format!("；{t} 起有未保存的修改"),
            Lang::En => format!("; unsaved edits since {t}"),
        });
    }
    text.push_str(lang.pick("）", ")"));
    crate::sanitize::one_line(&text).into_owned()
}
