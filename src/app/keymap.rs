//! Keys are data: one table of commands with their default keys and help
//! text. The `?` overlay and the footer hints are generated from it, and a
//! user's `keys.json` (action name → list of keys) overrides it.

use std::collections::HashMap;

use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};

use crate::words::labels::L;

/// What the presenter can ask for.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Command {
    Next,
    Prev,
    /// Jump to agenda item n (1-based).
    Jump(u8),
    Pause,
    NextSpeaker,
    PrevSpeaker,
    NextMetric,
    PrevMetric,
    NextGroup,
    PrevGroup,
    Tab,
    ScrollDown,
    ScrollUp,
    Theme,
    FullScreen,
    Rail,
    BigTimer,
    /// Show the secretary's editor.
    Edit,
    Help,
    Quit,
}

/// One row of the keymap table.
#[derive(Debug, Clone, Copy)]
pub struct Binding {
    pub command: Command,
    /// The name used in `keys.json`.
    pub name: &'static str,
    pub defaults: &'static [&'static str],
    pub help: L,
    /// Footer priority: 0 = help only; otherwise the footer fills with the
    /// lowest numbers first, then shows them in table order.
    pub hint: u8,
}

const fn b(
    command: Command,
    name: &'static str,
    defaults: &'static [&'static str],
    help: L,
    hint: u8,
) -> Binding {
    Binding {
        command,
        name,
        defaults,
        help,
        hint,
    }
}

/// The table: every command, in the order the help lists them.
pub const BINDINGS: &[Binding] = &[
    b(
        Command::Next,
        "next",
        &["Right", "PageDown", "n"],
        L::new("下一项", "next item"),
        3,
    ),
    b(
        Command::Prev,
        "prev",
        &["Left", "PageUp", "p"],
        L::new("上一项", "previous item"),
        4,
    ),
    b(
        Command::Jump(1),
        "jump_1",
        &["1"],
        L::new("跳到第 1 项", "go to item 1"),
        0,
    ),
    b(
        Command::Jump(2),
        "jump_2",
        &["2"],
        L::new("跳到第 2 项", "go to item 2"),
        0,
    ),
    b(
        Command::Jump(3),
        "jump_3",
        &["3"],
        L::new("跳到第 3 项", "go to item 3"),
        0,
    ),
    b(
        Command::Jump(4),
        "jump_4",
        &["4"],
        L::new("跳到第 4 项", "go to item 4"),
        0,
    ),
    b(
        Command::Jump(5),
        "jump_5",
        &["5"],
        L::new("跳到第 5 项", "go to item 5"),
        0,
    ),
    b(
        Command::Jump(6),
        "jump_6",
        &["6"],
        L::new("跳到第 6 项", "go to item 6"),
        0,
    ),
    b(
        Command::Jump(7),
        "jump_7",
        &["7"],
        L::new("跳到第 7 项", "go to item 7"),
        0,
    ),
    b(
        Command::Jump(8),
        "jump_8",
        &["8"],
        L::new("跳到第 8 项", "go to item 8"),
        0,
    ),
    b(
        Command::Jump(9),
        "jump_9",
        &["9"],
        L::new("跳到第 9 项", "go to item 9"),
        0,
    ),
    b(
        Command::Pause,
        "pause",
        &["Space"],
        L::new("暂停/继续", "pause/resume"),
        5,
    ),
    b(
        Command::NextSpeaker,
        "next_speaker",
        &["]"],
        L::new("下一位发言", "next speaker"),
        6,
    ),
    b(
        Command::PrevSpeaker,
        "prev_speaker",
        &["["],
        L::new("上一位发言", "previous speaker"),
        0,
    ),
    b(
        Command::NextMetric,
        "next_metric",
        &["m"],
        L::new("下一个指标", "next metric"),
        6,
    ),
    b(
        Command::PrevMetric,
        "prev_metric",
        &["M"],
        L::new("上一个指标", "previous metric"),
        0,
    ),
    b(
        Command::NextGroup,
        "next_group",
        &["g"],
        L::new("下一个分组", "next group"),
        0,
    ),
    b(
        Command::PrevGroup,
        "prev_group",
        &["G"],
        L::new("上一个分组", "previous group"),
        0,
    ),
    b(
        Command::Tab,
        "tab",
        &["Tab"],
        L::new("切换视图", "switch view"),
        0,
    ),
    b(
        Command::ScrollDown,
        "scroll_down",
        &["Down", "j"],
        L::new("向下滚动", "scroll down"),
        0,
    ),
    b(
        Command::ScrollUp,
        "scroll_up",
        &["Up", "k"],
        L::new("向上滚动", "scroll up"),
        0,
    ),
    b(
        Command::Theme,
        "theme",
        &["t"],
        L::new("切换配色", "cycle theme"),
        0,
    ),
    b(
        Command::FullScreen,
        "fullscreen",
        &["f"],
        L::new("全屏显示", "full-screen pane"),
        0,
    ),
    b(
        Command::Rail,
        "rail",
        &["a"],
        L::new("显示/隐藏议程", "show/hide agenda"),
        0,
    ),
    b(
        Command::BigTimer,
        "big_timer",
        &["b"],
        L::new("大字计时", "big timer"),
        7,
    ),
    b(
        Command::Edit,
        "edit",
        &["e"],
        L::new("编辑数据", "edit the data"),
        0,
    ),
    b(
        Command::Help,
        "help",
        &["?", "F1"],
        L::new("帮助", "help"),
        1,
    ),
    b(
        Command::Quit,
        "quit",
        &["q", "Ctrl+c"],
        L::new("退出", "quit"),
        2,
    ),
];

/// A key as the keymap matches it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct Key {
    pub code: KeyCode,
    pub ctrl: bool,
    pub alt: bool,
}

impl Key {
    /// The key of a terminal event. Shift is folded into the character
    /// ('M' is shift+m), so it is not compared separately.
    pub fn from_event(e: &KeyEvent) -> Key {
        let code = match e.code {
            // Some terminals send Shift+Tab as Tab with SHIFT.
            KeyCode::Tab if e.modifiers.contains(KeyModifiers::SHIFT) => KeyCode::BackTab,
            c => c,
        };
        Key {
            code,
            ctrl: e.modifiers.contains(KeyModifiers::CONTROL),
            alt: e.modifiers.contains(KeyModifiers::ALT),
        }
    }

    /// Parses `Right`, `PageDown`, `Space`, `n`, `M`, `?`, `F1`, `Ctrl+c`, `Alt+x`.
    pub fn parse(s: &str) -> Option<Key> {
        let (mut ctrl, mut alt) = (false, false);
        let mut rest = s;
        loop {
            if let Some(r) = rest.strip_prefix("Ctrl+") {
                ctrl = true;
                rest = r;
            } else if let Some(r) = rest.strip_prefix("Alt+") {
                alt = true;
                rest = r;
            } else {
                break;
            }
        }
        let code = match rest {
            "Right" => KeyCode::Right,
            "Left" => KeyCode::Left,
            "Up" => KeyCode::Up,
            "Down" => KeyCode::Down,
            "PageDown" => KeyCode::PageDown,
            "PageUp" => KeyCode::PageUp,
            "Home" => KeyCode::Home,
            "End" => KeyCode::End,
            "Space" => KeyCode::Char(' '),
            "Tab" => KeyCode::Tab,
            "BackTab" => KeyCode::BackTab,
            "Enter" => KeyCode::Enter,
            "Esc" => KeyCode::Esc,
            "Backspace" => KeyCode::Backspace,
            f if f.starts_with('F') && f.len() > 1 => KeyCode::F(f[1..].parse().ok()?),
            c => {
                let mut chars = c.chars();
                let ch = chars.next()?;
                if chars.next().is_some() {
                    return None;
                }
                KeyCode::Char(ch)
            }
        };
        Some(Key { code, ctrl, alt })
    }
}

/// How a key is written in help and hints (arrows as arrows, the space bar by name).
pub fn display(spec: &str, lang: crate::i18n::Lang) -> String {
    match spec {
        "Right" => "→".into(),
        "Left" => "←".into(),
        "Up" => "↑".into(),
        "Down" => "↓".into(),
        "Space" => lang.pick("空格", "Space").into(),
        other => other.to_owned(),
    }
}

/// The keymap in force: the table with the user's overrides.
#[derive(Debug, Clone, PartialEq)]
pub struct Keymap {
    /// Per binding (same order as [`BINDINGS`]): its key specs.
    pub keys: Vec<Vec<String>>,
    lookup: HashMap<Key, Command>,
}

impl Default for Keymap {
    fn default() -> Self {
        let keys = BINDINGS
            .iter()
            .map(|b| b.defaults.iter().map(|s| (*s).to_owned()).collect())
            .collect();
        Keymap::build(keys).unwrap_or_else(|_| Keymap {
            keys: Vec::new(),
            lookup: HashMap::new(),
        })
    }
}

impl Keymap {
    fn build(keys: Vec<Vec<String>>) -> Result<Keymap, Vec<String>> {
        let mut lookup = HashMap::new();
        let mut problems = Vec::new();
        for (b, specs) in BINDINGS.iter().zip(&keys) {
            for spec in specs {
                let Some(key) = Key::parse(spec) else {
                    problems.push(format!("{}: unknown key {spec:?}", b.name));
                    continue;
                };
                if let Some(other) = lookup.insert(key, b.command) {
                    let other = BINDINGS
                        .iter()
                        .find(|x| x.command == other)
                        .map_or("?", |x| x.name);
                    problems.push(format!(
                        "{}: key {spec:?} is already bound to {other}",
                        b.name
                    ));
                }
            }
        }
        if problems.is_empty() {
            Ok(Keymap { keys, lookup })
        } else {
            Err(problems)
        }
    }

    /// The defaults with a `keys.json` applied (action name → list of keys).
    /// Problems (unknown action or key, conflicts) are returned with their
    /// place; the defaults stay in force when there is any.
    pub fn from_json(text: &str) -> Result<Keymap, Vec<String>> {
        let map: HashMap<String, Vec<String>> = serde_json::from_str(text)
            .map_err(|e| vec![format!("{}:{}: {e}", e.line(), e.column())])?;
        let mut keys: Vec<Vec<String>> = Keymap::default().keys;
        let mut problems = Vec::new();
        for (name, specs) in map {
            match BINDINGS.iter().position(|b| b.name == name) {
                Some(i) => keys[i] = specs,
                None => problems.push(format!("{name}: no such action")),
            }
        }
        if !problems.is_empty() {
            return Err(problems);
        }
        Keymap::build(keys)
    }

    /// The command bound to a key.
    pub fn command(&self, key: &KeyEvent) -> Option<Command> {
        self.lookup.get(&Key::from_event(key)).copied()
    }

    /// The keys of a binding (by index in [`BINDINGS`]) as help shows them.
    pub fn keys_text(&self, i: usize, lang: crate::i18n::Lang) -> String {
        self.keys
            .get(i)
            .map(|ks| {
                ks.iter()
                    .map(|k| display(k, lang))
                    .collect::<Vec<_>>()
                    .join(" ")
            })
            .unwrap_or_default()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn defaults_have_no_conflicts_and_every_key_parses() {
        let keys = BINDINGS
            .iter()
            .map(|b| b.defaults.iter().map(|s| (*s).to_owned()).collect())
            .collect();
        let km = Keymap::build(keys).expect("default keymap conflicts");
        assert_eq!(km.keys.len(), BINDINGS.len());
        let n: usize = BINDINGS.iter().map(|b| b.defaults.len()).sum();
        assert_eq!(km.lookup.len(), n);
    }

    #[test]
    fn every_command_has_one_binding_with_a_unique_name() {
        let mut names: Vec<_> = BINDINGS.iter().map(|b| b.name).collect();
        names.sort_unstable();
        names.dedup();
        assert_eq!(names.len(), BINDINGS.len());
    }

    #[test]
    fn user_overrides_apply_and_conflicts_are_named() {
        let km = Keymap::from_json(r#"{"next": ["Right", "j"], "scroll_down": ["Down"]}"#).unwrap();
        let j = KeyEvent::new(KeyCode::Char('j'), KeyModifiers::NONE);
        assert_eq!(km.command(&j), Some(Command::Next));
        let n = KeyEvent::new(KeyCode::Char('n'), KeyModifiers::NONE);
        assert_eq!(km.command(&n), None);

        let err = Keymap::from_json(r#"{"next": ["q"]}"#).unwrap_err();
        assert!(err.iter().any(|p| p.contains("already bound")), "{err:?}");
        let err = Keymap::from_json(r#"{"nxt": ["x"]}"#).unwrap_err();
        assert_eq!(err, vec!["nxt: no such action".to_owned()]);
        let err = Keymap::from_json(r#"{"next": ["Hyper+x"]}"#).unwrap_err();
        assert!(err[0].contains("unknown key"), "{err:?}");
    }

    #[test]
    fn shifted_letters_and_control_keys_match() {
        let km = Keymap::default();
        let shift_m = KeyEvent::new(KeyCode::Char('M'), KeyModifiers::SHIFT);
        assert_eq!(km.command(&shift_m), Some(Command::PrevMetric));
        let ctrl_c = KeyEvent::new(KeyCode::Char('c'), KeyModifiers::CONTROL);
        assert_eq!(km.command(&ctrl_c), Some(Command::Quit));
        let space = KeyEvent::new(KeyCode::Char(' '), KeyModifiers::NONE);
        assert_eq!(km.command(&space), Some(Command::Pause));
    }
}
