//! The editor's keys, as one table: the key handler looks keys up in it
//! (through [`crate::app::keymap::ModeKeys`], with the user's `keys.json`),
//! and the help overlay and the footer hints are generated from it.

use crate::words::labels::L;

/// What a key does in the editor (outside an open field).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
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

use crate::app::keymap::{Bindable, Binding};

/// A row of the table; `fold`: its keys go on the help line above.
const fn b(
    key: EditKey,
    name: &'static str,
    defaults: &'static [&'static str],
    help: L,
    hint: u8,
    fold: bool,
) -> Binding<EditKey> {
    Binding {
        command: key,
        name,
        defaults,
        help,
        hint,
        fold,
    }
}

const MOVE: L = L::new("移动", "move");
const PAGE: L = L::new("翻页、到行首行尾", "page, row start/end");
const SHEET: L = L::new("切换表（指标 项目 亮牌 议程 会议）", "switch sheet");
const REORDER: L = L::new("议程上移、下移", "move agenda item up/down");

/// Every editor key, in the order the help lists them; `keys.json` rebinds
/// them under `"editor"`.
pub const EDIT_KEYS: &[Binding<EditKey>] = &[
    b(EditKey::Up, "up", &["Up"], MOVE, 0, false),
    b(EditKey::Down, "down", &["Down"], MOVE, 0, true),
    b(EditKey::Left, "left", &["Left", "BackTab"], MOVE, 0, true),
    b(EditKey::Right, "right", &["Right", "Tab"], MOVE, 0, true),
    b(EditKey::PageUp, "page_up", &["PageUp"], PAGE, 0, false),
    b(EditKey::PageDown, "page_down", &["PageDown"], PAGE, 0, true),
    b(EditKey::Home, "row_start", &["Home"], PAGE, 0, true),
    b(EditKey::End, "row_end", &["End"], PAGE, 0, true),
    b(
        EditKey::Open,
        "open",
        &["Enter", "F2"],
        L::new(
            "修改此格（数字、汉字可直接输入）",
            "edit cell (or just type)",
        ),
        1,
        false,
    ),
    b(
        EditKey::Clear,
        "clear",
        &["Delete", "Backspace"],
        L::new("清空此格", "clear cell"),
        0,
        false,
    ),
    b(EditKey::PrevSheet, "prev_sheet", &["["], SHEET, 2, false),
    b(EditKey::NextSheet, "next_sheet", &["]"], SHEET, 0, true),
    b(
        EditKey::Undo,
        "undo",
        &["Ctrl+Z", "u"],
        L::new("撤销", "undo"),
        3,
        false,
    ),
    b(
        EditKey::Redo,
        "redo",
        &["Ctrl+Y", "Ctrl+R"],
        L::new("重做", "redo"),
        5,
        false,
    ),
    b(
        EditKey::Save,
        "save",
        &["Ctrl+S"],
        L::new("保存", "save"),
        4,
        false,
    ),
    b(
        EditKey::AddRow,
        "add_row",
        &["+"],
        L::new("添加一行（项目、议程）", "add a row (projects, agenda)"),
        0,
        false,
    ),
    b(
        EditKey::RemoveRow,
        "remove_row",
        &["Ctrl+D"],
        L::new("删除此行（项目、议程）", "remove row (projects, agenda)"),
        0,
        false,
    ),
    b(EditKey::MoveUp, "move_up", &["Alt+Up"], REORDER, 0, false),
    b(
        EditKey::MoveDown,
        "move_down",
        &["Alt+Down"],
        REORDER,
        0,
        true,
    ),
    b(
        EditKey::Leave,
        "leave",
        &["Esc", "e"],
        L::new(
            "回到会议画面（修改保留）",
            "back to the meeting (edits kept)",
        ),
        6,
        false,
    ),
    b(
        EditKey::Quit,
        "quit",
        &["q", "Ctrl+C"],
        L::new("退出", "quit"),
        7,
        false,
    ),
    b(
        EditKey::Help,
        "help",
        &["?", "F1"],
        L::new("键位", "keys"),
        8,
        false,
    ),
];

impl Bindable for EditKey {
    const TABLE: &'static [Binding<EditKey>] = EDIT_KEYS;
    const SECTION: Option<&'static str> = Some("editor");
}
