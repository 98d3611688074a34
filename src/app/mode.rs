//! Who takes a key: one answer, worked out in one place from the state,
//! so the key handler is one `match` and no combination of the screen's
//! flags (help, dialog, field, editor, the quit question) is read two ways.

use super::App;

/// What a key goes to now, the first of these that is on screen.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Mode {
    /// An editor dialog (quit, conflict, recovery, save as): its own keys.
    Dialog,
    /// The help over the editor: any key closes it.
    EditorHelp,
    /// A field open in the editor: keys edit its text.
    Field,
    /// The editor's sheets: the editor's keymap.
    Editor,
    /// "退出会议？": quit again leaves, any other key stays.
    QuitAsked,
    /// The presenter's help: any key closes it, quit still quits.
    Help,
    /// The presenter's console: the presenter's keymap.
    Presenter,
}

impl Mode {
    /// Whether the editor's keymap (its help, its hints) is the one in force.
    pub fn is_editor(self) -> bool {
        matches!(
            self,
            Mode::Dialog | Mode::EditorHelp | Mode::Field | Mode::Editor
        )
    }
}

impl App {
    /// Who takes the next key.
    pub fn mode(&self) -> Mode {
        if self.edit.dialog.is_some() {
            Mode::Dialog
        } else if self.edit.active && self.nav.help {
            Mode::EditorHelp
        } else if self.edit.active && self.edit.field.is_some() {
            Mode::Field
        } else if self.edit.active {
            Mode::Editor
        } else if self.nav.quit_asked {
            Mode::QuitAsked
        } else if self.nav.help {
            Mode::Help
        } else {
            Mode::Presenter
        }
    }
}
