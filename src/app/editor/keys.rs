//! The editor's keys, as one table: the help overlay and the footer hints are
//! generated from it, and the key handler looks keys up in it.

use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};

use crate::words::labels::L;

/// What a key does in the editor (outside an open field).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum EditKey {
    Up,
    Down,
    Left,
    Right,
    PageUp,
    PageDown,
    Home,
    End,
    Open,
    Clear,
    NextSheet,
    PrevSheet,
    Undo,
    Redo,
    Save,
    AddRow,
    RemoveRow,
    MoveUp,
    MoveDown,
    Leave,
    Quit,
    Help,
}

/// One row of the table: the command, its keys as shown, its help and its
/// footer priority (0: help only).
pub struct EditBinding {
    pub key: EditKey,
    pub keys: &'static str,
    pub help: L,
    pub hint: u8,
}

const fn b(key: EditKey, keys: &'static str, help: L, hint: u8) -> EditBinding {
    EditBinding {
        key,
        keys,
        help,
        hint,
    }
}

/// Every editor key, in the order the help lists them.
pub const EDIT_KEYS: &[EditBinding] = &[
    b(EditKey::Up, "↑ ↓ ← → Tab", L::new("移动", "move"), 0),
    b(
        EditKey::PageDown,
        "PgUp PgDn Home End",
        L::new("翻页、到行首行尾", "page, row start/end"),
        0,
    ),
    b(
        EditKey::Open,
        "Enter F2",
        L::new(
            "修改此格（数字、汉字可直接输入）",
            "edit cell (or just type)",
        ),
        1,
    ),
    b(EditKey::Clear, "Del", L::new("清空此格", "clear cell"), 0),
    b(
        EditKey::NextSheet,
        "[ ]",
        L::new("切换表（指标 项目 亮牌 议程 会议）", "switch sheet"),
        2,
    ),
    b(EditKey::Undo, "Ctrl+Z u", L::new("撤销", "undo"), 3),
    b(EditKey::Redo, "Ctrl+Y Ctrl+R", L::new("重做", "redo"), 5),
    b(EditKey::Save, "Ctrl+S", L::new("保存", "save"), 4),
    b(
        EditKey::AddRow,
        "+",
        L::new("添加一行（项目、议程）", "add a row (projects, agenda)"),
        0,
    ),
    b(
        EditKey::RemoveRow,
        "Ctrl+D",
        L::new("删除此行（项目、议程）", "remove row (projects, agenda)"),
        0,
    ),
    b(
        EditKey::MoveUp,
        "Alt+↑ Alt+↓",
        L::new("议程上移、下移", "move agenda item up/down"),
        0,
    ),
    b(
        EditKey::Leave,
        "Esc e",
        L::new(
            "回到会议画面（修改保留）",
            "back to the meeting (edits kept)",
        ),
        6,
    ),
    b(EditKey::Quit, "q Ctrl+C", L::new("退出", "quit"), 7),
    b(EditKey::Help, "? F1", L::new("键位", "keys"), 8),
];

/// The editor command of a key, outside an open field.
pub fn edit_key(k: &KeyEvent) -> Option<EditKey> {
    let ctrl = k.modifiers.contains(KeyModifiers::CONTROL);
    let alt = k.modifiers.contains(KeyModifiers::ALT);
    let key = match (k.code, ctrl, alt) {
        (KeyCode::Up, _, true) => EditKey::MoveUp,
        (KeyCode::Down, _, true) => EditKey::MoveDown,
        (KeyCode::Up, ..) => EditKey::Up,
        (KeyCode::Down, ..) => EditKey::Down,
        (KeyCode::Left | KeyCode::BackTab, ..) => EditKey::Left,
        (KeyCode::Right | KeyCode::Tab, ..) => EditKey::Right,
        (KeyCode::PageUp, ..) => EditKey::PageUp,
        (KeyCode::PageDown, ..) => EditKey::PageDown,
        (KeyCode::Home, ..) => EditKey::Home,
        (KeyCode::End, ..) => EditKey::End,
        (KeyCode::Enter | KeyCode::F(2), ..) => EditKey::Open,
        (KeyCode::Delete | KeyCode::Backspace, ..) => EditKey::Clear,
        (KeyCode::Char('z'), true, _) | (KeyCode::Char('u'), false, false) => EditKey::Undo,
        (KeyCode::Char('y' | 'r'), true, _) => EditKey::Redo,
        (KeyCode::Char('s'), true, _) => EditKey::Save,
        (KeyCode::Char('d'), true, _) => EditKey::RemoveRow,
        (KeyCode::Char('c'), true, _) | (KeyCode::Char('q'), false, false) => EditKey::Quit,
        (KeyCode::Char(']'), false, false) => EditKey::NextSheet,
        (KeyCode::Char('['), false, false) => EditKey::PrevSheet,
        (KeyCode::Char('+'), false, false) => EditKey::AddRow,
        (KeyCode::Esc, ..) | (KeyCode::Char('e'), false, false) => EditKey::Leave,
        (KeyCode::Char('?') | KeyCode::F(1), ..) => EditKey::Help,
        _ => return None,
    };
    Some(key)
}
