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

/// One row of a mode's keymap table.
#[derive(Debug, Clone, Copy)]
pub struct Binding<C: 'static> {
    pub command: C,
    /// The name used in `keys.json`.
    pub name: &'static str,
    pub defaults: &'static [&'static str],
    pub help: L,
    /// Footer priority: 0 = help only; otherwise the footer fills with the
    /// lowest numbers first, then shows them in table order.
    pub hint: u8,
    /// The help shows its keys on the line above, under that line's words
    /// (the editor's ↑ ↓ ← → share one line).
    pub fold: bool,
}

const fn b(
    command: Command,
    name: &'static str,
    defaults: &'static [&'static str],
    help: L,
    hint: u8,
) -> Binding<Command> {
    Binding {
        command,
        name,
        defaults,
        help,
        hint,
        fold: false,
    }
}

/// The commands of one mode (the presenter's console, the editor), each
/// with its table: the table drives the key handler, the help and the
/// footer hints of that mode, and `keys.json` rebinds it.
pub trait Bindable: Copy + Eq + std::hash::Hash + std::fmt::Debug + 'static {
    /// Every command of the mode, in the order the help lists them.
    const TABLE: &'static [Binding<Self>];
    /// The mode's section in `keys.json` (`None`: the top level).
    const SECTION: Option<&'static str>;
}

impl Bindable for Command {
    const TABLE: &'static [Binding<Command>] = BINDINGS;
    const SECTION: Option<&'static str> = None;
}

/// The table: every command, in the order the help lists them.
pub const BINDINGS: &[Binding<Command>] = &[
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
            "Delete" => KeyCode::Delete,
            f if f.starts_with('F') && f.len() > 1 => KeyCode::F(f[1..].parse().ok()?),
            c => {
                let mut chars = c.chars();
                let ch = chars.next()?;
                if chars.next().is_some() {
                    return None;
                }
                // A terminal sends Ctrl+S as Ctrl with 's': `Ctrl+S`
                // (as help writes it) is that key.
                KeyCode::Char(if ctrl { ch.to_ascii_lowercase() } else { ch })
            }
        };
        Some(Key { code, ctrl, alt })
    }
}

/// How a key is written in help and hints (arrows as arrows, the space
/// bar by name), its Ctrl+ and Alt+ kept.
pub fn display(spec: &str, lang: crate::i18n::Lang) -> String {
    let base = spec
        .rsplit_once('+')
        .filter(|(_, b)| !b.is_empty())
        .map_or(spec, |(_, b)| b);
    let prefix = &spec[..spec.len() - base.len()];
    let shown = match base {
        "Right" => "→",
        "Left" => "←",
        "Up" => "↑",
        "Down" => "↓",
        "BackTab" => "Shift+Tab",
        "Delete" => "Del",
        "Space" => lang.pick("空格", "Space"),
        other => other,
    };
    format!("{prefix}{shown}")
}

/// One mode's keys in force: its table with the user's overrides.
#[derive(Debug, Clone, PartialEq)]
pub struct ModeKeys<C: Bindable> {
    /// Per binding (same order as the mode's table): its key specs.
    pub keys: Vec<Vec<String>>,
    lookup: HashMap<Key, C>,
}

impl<C: Bindable> Default for ModeKeys<C> {
    fn default() -> Self {
        ModeKeys::build(Self::defaults()).unwrap_or_else(|_| ModeKeys {
            keys: Vec::new(),
            lookup: HashMap::new(),
        })
    }
}

impl<C: Bindable> ModeKeys<C> {
    /// The mode's table.
    pub fn table(&self) -> &'static [Binding<C>] {
        C::TABLE
    }

    fn defaults() -> Vec<Vec<String>> {
        C::TABLE
            .iter()
            .map(|b| b.defaults.iter().map(|s| (*s).to_owned()).collect())
            .collect()
    }

    /// The lookup of `keys`; a key bound twice in the mode is a conflict.
    fn build(keys: Vec<Vec<String>>) -> Result<ModeKeys<C>, Vec<String>> {
        let mut lookup = HashMap::new();
        let mut problems = Vec::new();
        let place = |name: &str| match C::SECTION {
            Some(section) => format!("{section}.{name}"),
            None => name.to_owned(),
        };
        for (b, specs) in C::TABLE.iter().zip(&keys) {
            for spec in specs {
                let Some(key) = Key::parse(spec) else {
                    problems.push(format!("{}: unknown key {spec:?}", place(b.name)));
                    continue;
                };
                if let Some(other) = lookup.insert(key, b.command) {
                    let other = C::TABLE
                        .iter()
                        .find(|x| x.command == other)
                        .map_or("?", |x| x.name);
                    problems.push(format!(
                        "{}: key {spec:?} is already bound to {other}",
                        place(b.name)
                    ));
                }
            }
        }
        if problems.is_empty() {
            Ok(ModeKeys { keys, lookup })
        } else {
            Err(problems)
        }
    }

    /// The defaults with the overrides of `map` (action name → list of
    /// keys); `skip` names a key of `map` that is not an action (another
    /// mode's section).
    fn with(
        map: &serde_json::Map<String, serde_json::Value>,
        skip: Option<&str>,
    ) -> Result<ModeKeys<C>, Vec<String>> {
        let mut keys = Self::defaults();
        let mut problems = Vec::new();
        let place = |name: &str| match C::SECTION {
            Some(section) => format!("{section}.{name}"),
            None => name.to_owned(),
        };
        for (name, specs) in map {
            if Some(name.as_str()) == skip {
                continue;
            }
            let Some(i) = C::TABLE.iter().position(|b| b.name == *name) else {
                problems.push(format!("{}: no such action", place(name)));
                continue;
            };
            match serde_json::from_value::<Vec<String>>(specs.clone()) {
                Ok(specs) => keys[i] = specs,
                Err(_) => problems.push(format!("{}: expected a list of keys", place(name))),
            }
        }
        if !problems.is_empty() {
            return Err(problems);
        }
        ModeKeys::build(keys)
    }

    /// The command bound to a key.
    pub fn command(&self, key: &KeyEvent) -> Option<C> {
        self.lookup.get(&Key::from_event(key)).copied()
    }

    /// The command bound to a key, else, for a key that is not a character
    /// (arrows, Enter, Delete…) held with Ctrl or Alt, the command of the
    /// key alone: Ctrl+→ moves like →.
    pub fn command_loose(&self, key: &KeyEvent) -> Option<C> {
        let k = Key::from_event(key);
        self.lookup.get(&k).copied().or_else(|| match k.code {
            KeyCode::Char(_) => None,
            code => self
                .lookup
                .get(&Key {
                    code,
                    ctrl: false,
                    alt: false,
                })
                .copied(),
        })
    }

    /// The keys of a binding (by index in the table) as help shows them.
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

    /// The help's lines: keys and what they do, a folded binding's keys on
    /// the line above.
    pub fn help_rows(&self, lang: crate::i18n::Lang) -> Vec<(String, String)> {
        let mut rows: Vec<(String, String)> = Vec::new();
        for (i, b) in C::TABLE.iter().enumerate() {
            let keys = self.keys_text(i, lang);
            match rows.last_mut() {
                Some((above, _)) if b.fold => {
                    if !keys.is_empty() {
                        above.push(' ');
                        above.push_str(&keys);
                    }
                }
                _ => rows.push((keys, b.help.get(lang).to_owned())),
            }
        }
        rows
    }
}

/// The keymap in force: each mode's table with the user's overrides.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Keymap {
    pub presenter: ModeKeys<Command>,
    pub editor: ModeKeys<super::editor::EditKey>,
}

impl Keymap {
    /// The defaults with a `keys.json` applied: presenter action name →
    /// list of keys, and the editor's under `"editor"`. Problems (unknown
    /// action or key, conflicts within a mode) are returned with their
    /// place; the defaults stay in force when there is any.
    pub fn from_json(text: &str) -> Result<Keymap, Vec<String>> {
        let map: serde_json::Map<String, serde_json::Value> = serde_json::from_str(text)
            .map_err(|e| vec![format!("{}:{}: {e}", e.line(), e.column())])?;
        let section = <super::editor::EditKey as Bindable>::SECTION.unwrap_or_default();
        let empty = serde_json::Map::new();
        let editor_map = match map.get(section) {
            None => Ok(&empty),
            Some(serde_json::Value::Object(m)) => Ok(m),
            Some(_) => Err(vec![format!("{section}: expected an object of actions")]),
        };
        let presenter = ModeKeys::with(&map, Some(section));
        let editor = editor_map.and_then(|m| ModeKeys::with(m, None));
        match (presenter, editor) {
            (Ok(presenter), Ok(editor)) => Ok(Keymap { presenter, editor }),
            (p, e) => Err(p
                .err()
                .into_iter()
                .flatten()
                .chain(e.err().into_iter().flatten())
                .collect()),
        }
    }

    /// The presenter's command bound to a key.
    pub fn command(&self, key: &KeyEvent) -> Option<Command> {
        self.presenter.command(key)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    use crate::app::editor::EditKey;

    /// A mode's defaults: no key bound twice, every key parses, every
    /// command once with a unique name.
    fn check_defaults<C: Bindable>() {
        let km = ModeKeys::<C>::build(ModeKeys::<C>::defaults()).expect("default keymap conflicts");
        assert_eq!(km.keys.len(), C::TABLE.len());
        let n: usize = C::TABLE.iter().map(|b| b.defaults.len()).sum();
        assert_eq!(km.lookup.len(), n);
        let mut names: Vec<_> = C::TABLE.iter().map(|b| b.name).collect();
        names.sort_unstable();
        names.dedup();
        assert_eq!(names.len(), C::TABLE.len());
        for (i, b) in C::TABLE.iter().enumerate() {
            assert_eq!(
                C::TABLE.iter().position(|x| x.command == b.command),
                Some(i),
                "{:?} twice",
                b.command
            );
        }
    }

    #[test]
    fn defaults_have_no_conflicts_and_every_key_parses() {
        check_defaults::<Command>();
        check_defaults::<EditKey>();
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

    fn key(code: KeyCode, modifiers: KeyModifiers) -> KeyEvent {
        KeyEvent::new(code, modifiers)
    }

    #[test]
    fn the_editor_table_gives_every_key_the_handler_took() {
        use KeyCode as K;
        let (none, ctrl, alt) = (KeyModifiers::NONE, KeyModifiers::CONTROL, KeyModifiers::ALT);
        let km = Keymap::default();
        let cases = [
            (K::Up, none, EditKey::Up),
            (K::Down, ctrl, EditKey::Down),
            (K::Left, none, EditKey::Left),
            (K::BackTab, KeyModifiers::SHIFT, EditKey::Left),
            (K::Tab, KeyModifiers::SHIFT, EditKey::Left),
            (K::Right, alt, EditKey::Right),
            (K::Tab, none, EditKey::Right),
            (K::Up, alt, EditKey::MoveUp),
            (K::Down, alt, EditKey::MoveDown),
            (K::PageUp, none, EditKey::PageUp),
            (K::PageDown, none, EditKey::PageDown),
            (K::Home, none, EditKey::Home),
            (K::End, none, EditKey::End),
            (K::Enter, none, EditKey::Open),
            (K::F(2), none, EditKey::Open),
            (K::Delete, none, EditKey::Clear),
            (K::Backspace, none, EditKey::Clear),
            (K::Char('z'), ctrl, EditKey::Undo),
            (K::Char('u'), none, EditKey::Undo),
            (K::Char('y'), ctrl, EditKey::Redo),
            (K::Char('r'), ctrl, EditKey::Redo),
            (K::Char('s'), ctrl, EditKey::Save),
            (K::Char('d'), ctrl, EditKey::RemoveRow),
            (K::Char('c'), ctrl, EditKey::Quit),
            (K::Char('q'), none, EditKey::Quit),
            (K::Char(']'), none, EditKey::NextSheet),
            (K::Char('['), none, EditKey::PrevSheet),
            (K::Char('+'), none, EditKey::AddRow),
            (K::Esc, none, EditKey::Leave),
            (K::Char('e'), none, EditKey::Leave),
            (K::Char('?'), KeyModifiers::SHIFT, EditKey::Help),
            (K::F(1), none, EditKey::Help),
        ];
        for (code, m, want) in cases {
            assert_eq!(
                km.editor.command_loose(&key(code, m)),
                Some(want),
                "{code:?} {m:?}"
            );
        }
        // Letters and digits are typed into the cell, not commands.
        for c in ['a', '7', 'Q', 's', 'z'] {
            assert_eq!(km.editor.command_loose(&key(K::Char(c), none)), None, "{c}");
        }
        assert_eq!(km.editor.command_loose(&key(K::Char('q'), ctrl)), None);
    }

    #[test]
    fn the_editor_help_shows_every_key_that_works() {
        // Backspace clears a cell: the help said only "Del".
        let km = Keymap::default();
        for lang in [crate::i18n::Lang::Zh, crate::i18n::Lang::En] {
            let rows = km.editor.help_rows(lang);
            let text: String = rows.iter().map(|(k, h)| format!("{k} {h}\n")).collect();
            for b in crate::app::editor::EDIT_KEYS {
                for spec in b.defaults {
                    let shown = display(spec, lang);
                    assert!(text.contains(&shown), "{shown} missing from\n{text}");
                }
            }
            let clear = rows
                .iter()
                .find(|(_, h)| h.contains("清空") || h.contains("clear"));
            assert_eq!(clear.map(|(k, _)| k.as_str()), Some("Del Backspace"));
            assert_eq!(rows[0].0, "↑ ↓ ← Shift+Tab → Tab");
            assert!(rows.iter().any(|(k, _)| k == "Alt+↑ Alt+↓"), "{rows:?}");
        }
    }

    #[test]
    fn editor_keys_are_rebound_under_editor_and_conflicts_are_per_mode() {
        let km =
            Keymap::from_json(r#"{"editor": {"save": ["Ctrl+W", "F5"]}, "next": ["x"]}"#).unwrap();
        let ctrl_w = key(KeyCode::Char('w'), KeyModifiers::CONTROL);
        assert_eq!(km.editor.command(&ctrl_w), Some(EditKey::Save));
        let ctrl_s = key(KeyCode::Char('s'), KeyModifiers::CONTROL);
        assert_eq!(km.editor.command(&ctrl_s), None);
        let x = key(KeyCode::Char('x'), KeyModifiers::NONE);
        assert_eq!(km.command(&x), Some(Command::Next));
        // The same key in two modes is no conflict: `q` quits both.
        let q = key(KeyCode::Char('q'), KeyModifiers::NONE);
        assert_eq!(km.command(&q), Some(Command::Quit));
        assert_eq!(km.editor.command(&q), Some(EditKey::Quit));
        let km = Keymap::from_json(r#"{"editor": {"undo": ["n"]}}"#).unwrap();
        let n = key(KeyCode::Char('n'), KeyModifiers::NONE);
        assert_eq!(km.command(&n), Some(Command::Next));
        assert_eq!(km.editor.command(&n), Some(EditKey::Undo));
        // Within the editor it is.
        let err = Keymap::from_json(r#"{"editor": {"save": ["q"]}}"#).unwrap_err();
        assert_eq!(
            err,
            vec![r#"editor.quit: key "q" is already bound to save"#.to_owned()]
        );
        let err = Keymap::from_json(r#"{"editor": {"sve": ["x"]}}"#).unwrap_err();
        assert_eq!(err, vec!["editor.sve: no such action".to_owned()]);
        let err = Keymap::from_json(r#"{"editor": ["x"]}"#).unwrap_err();
        assert_eq!(
            err,
            vec!["editor: expected an object of actions".to_owned()]
        );
        // The help and the hints follow the rebinding.
        let km = Keymap::from_json(r#"{"editor": {"save": ["F5"]}}"#).unwrap();
        let rows = km.editor.help_rows(crate::i18n::Lang::En);
        assert!(
            rows.iter().any(|(k, h)| k == "F5" && h == "save"),
            "{rows:?}"
        );
    }
}
