//! The footer: the item's (and speaker's) timer on the left, key hints on
//! the right, generated from the keymap table.

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::style::Style;

use crate::app::App;
use crate::app::keymap::{Bindable, Binding, Command, ModeKeys, display};
use crate::i18n::Lang;
use crate::model::Pane;
use crate::text::width;
use crate::ui::draw::put;
use crate::ui::theme::Theme;
use crate::ui::view::{TimerState, TimerView};
use crate::words::shell_labels as sl;

/// The style of a timer in its state.
pub fn timer_style(t: &Theme, tv: &TimerView) -> Style {
    match tv.state {
        TimerState::Normal => t.timer_normal,
        TimerState::Warning => t.warning,
        TimerState::Overrun => t.overrun,
    }
}

/// Whether a command's hint means anything on the current item.
fn relevant(app: &App, c: Command) -> bool {
    let item = app.current();
    match c {
        Command::NextSpeaker => item.is_some_and(|i| !app.data.queue(i).is_empty()),
        Command::NextMetric => item
            .and_then(|i| app.data.snapshot().agenda.get(i))
            .is_some_and(|it| it.pane == Pane::Ranking),
        _ => true,
    }
}

/// The footer's key hints from the keymap table of the mode on screen
/// (the editor's, or the presenter's).
pub fn hints(app: &App, room: usize) -> String {
    let lang = app.prefs.lang;
    if app.edit.active {
        return fit(&app.prefs.keymap.editor, lang, room, |b| b.hint);
    }
    fit(&app.prefs.keymap.presenter, lang, room, |b| {
        match b.command {
            _ if b.hint == 0 || !relevant(app, b.command) => 0,
            // On an item with speakers, `]` matters as much as moving on:
            // nobody is called without it.
            Command::NextSpeaker => b.hint.min(3),
            _ => b.hint,
        }
    })
}

/// The hints of one mode: the most important (lowest `priority`; 0: never)
/// that fit in `room` columns, shown in the table's order, each as its
/// first key and its help without a parenthesis (hints stay short).
fn fit<C: Bindable>(
    keys: &ModeKeys<C>,
    lang: Lang,
    room: usize,
    priority: impl Fn(&Binding<C>) -> u8,
) -> String {
    let table = keys.table();
    let piece = |i: usize| -> Option<String> {
        let key = keys.keys.get(i)?.first()?;
        let help = table[i].help.get(lang);
        let help = help.split(['（', '(']).next().unwrap_or(help).trim_end();
        Some(format!("{} {help}", display(key, lang)))
    };
    let mut order: Vec<usize> = (0..table.len())
        .filter(|&i| priority(&table[i]) > 0)
        .collect();
    order.sort_by_key(|&i| priority(&table[i]));
    let mut chosen = Vec::new();
    let mut used = 0;
    for i in order {
        let Some(p) = piece(i) else { continue };
        let w = width(&p) + if chosen.is_empty() { 0 } else { 2 };
        if used + w > room {
            break;
        }
        used += w;
        chosen.push(i);
    }
    chosen.sort_unstable();
    chosen
        .into_iter()
        .filter_map(piece)
        .collect::<Vec<_>>()
        .join("  ")
}

/// Draws the footer in `area` (a rule on its first row when it has two).
pub fn draw(app: &App, area: Rect, buf: &mut Buffer) {
    if area.height == 0 {
        return;
    }
    let t = crate::ui::theme::of(app.prefs.theme);
    let lang = app.prefs.lang;
    if area.height >= 2 {
        crate::ui::header::rule(buf, area.x, area.y, area.width, t.border);
    }
    let y = area.bottom() - 1;
    let w = usize::from(area.width);
    let mut x = area.x + 1;
    let room = w.saturating_sub(2);
    let mut used = 0usize;
    let add = |buf: &mut Buffer, text: &str, style: Style, used: &mut usize, x: &mut u16| {
        let n = put(buf, area, *x, y, text, room.saturating_sub(*used), style);
        *used += n;
        *x += n as u16;
    };
    // The editor's console keeps no meeting clock of its own: no timers.
    let timers = !app.edit.active;
    if let Some(st) = app.speaker_timer().filter(|_| timers) {
        add(buf, sl::SPEAKER_TIMER.get(lang), t.muted, &mut used, &mut x);
        add(buf, " ", t.base, &mut used, &mut x);
        add(buf, &st.text(), timer_style(t, &st), &mut used, &mut x);
        add(buf, "  ", t.base, &mut used, &mut x);
    }
    if let Some(it) = app.item_timer().filter(|_| timers) {
        add(buf, sl::ITEM_TIMER.get(lang), t.muted, &mut used, &mut x);
        add(buf, " ", t.base, &mut used, &mut x);
        add(buf, &it.text(), timer_style(t, &it), &mut used, &mut x);
        let planned = format!(
            " / {}",
            TimerView {
                remaining: it.planned,
                ..it
            }
            .text()
        );
        add(buf, &planned, t.muted, &mut used, &mut x);
        if it.paused {
            add(buf, "  ", t.base, &mut used, &mut x);
            add(buf, sl::PAUSED.get(lang), t.banner, &mut used, &mut x);
        }
    }
    // How many units of the item have not spoken yet (none is skipped
    // unseen: one that gained the card mid-item counts here too).
    if let Some(item) = app.current().filter(|_| timers)
        && !app.data.queue(item).is_empty()
    {
        let left = app.unheard_count(item);
        let text = crate::ui::widgets::line::count(sl::TO_SPEAK, lang, left);
        add(buf, "  ", t.base, &mut used, &mut x);
        let style = if left > 0 { t.accent } else { t.muted };
        add(buf, &text, style, &mut used, &mut x);
    }
    let free = room.saturating_sub(used + 3);
    let h = hints(app, free);
    let hw = width(&h);
    if hw > 0 {
        let hx = area.right().saturating_sub(1 + hw as u16);
        put(buf, area, hx, y, &h, hw, t.muted);
    }
}
