//! Semantic styles: panes ask for `red_card` or `overrun`, never for a colour.
//!
//! Every theme uses the 16 basic colours only, so it reads the same on a Linux
//! console, in plain tmux and in a truecolor terminal; `projector` trades
//! subtlety for contrast (no dim greys, bold where it matters).

use ratatui::style::{Color, Modifier, Style};

use crate::model::Card;

/// The themes a presenter can cycle through with `t`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum ThemeName {
    #[default]
    Dark,
    Light,
    Projector,
    /// No colour at all (NO_COLOR): emphasis by bold, underline and reverse.
    Mono,
}

impl ThemeName {
    pub const ALL: [ThemeName; 4] = [
        ThemeName::Dark,
        ThemeName::Light,
        ThemeName::Projector,
        ThemeName::Mono,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            ThemeName::Dark => "dark",
            ThemeName::Light => "light",
            ThemeName::Projector => "projector",
            ThemeName::Mono => "mono",
        }
    }

    pub fn parse(s: &str) -> Option<ThemeName> {
        ThemeName::ALL.into_iter().find(|t| t.as_str() == s)
    }

    /// The next theme for the `t` key (mono stays out of the cycle: it is chosen by NO_COLOR).
    pub fn next(self) -> ThemeName {
        match self {
            ThemeName::Dark => ThemeName::Light,
            ThemeName::Light => ThemeName::Projector,
            ThemeName::Projector | ThemeName::Mono => ThemeName::Dark,
        }
    }
}

/// Named styles for every meaning the console draws.
#[derive(Debug, Clone, PartialEq)]
pub struct Theme {
    pub name: ThemeName,
    /// Background and default text of the whole screen.
    pub base: Style,
    /// The meeting title and pane titles.
    pub title: Style,
    /// Secondary text: labels, units, hints.
    pub muted: Style,
    /// Figures that matter (headline numbers, the clock).
    pub accent: Style,
    /// The highlighted row or item.
    pub selected: Style,
    pub border: Style,
    pub red_card: Style,
    pub yellow_card: Style,
    pub no_card: Style,
    /// Bars in charts, by card.
    pub bar_red: Style,
    pub bar_yellow: Style,
    pub bar_none: Style,
    /// The time-progress marker across charts.
    pub pace: Style,
    /// Timer states.
    pub timer_normal: Style,
    pub warning: Style,
    pub overrun: Style,
    /// Good news (ahead of pace, done items on time).
    pub good: Style,
    /// Overdue and stalled projects.
    pub overdue: Style,
    /// The banner for a broken outside edit or a message.
    pub banner: Style,
    /// Laid over what changed a moment ago (an edit, a reload).
    pub changed: Style,
}

impl Theme {
    pub fn new(name: ThemeName) -> Theme {
        match name {
            ThemeName::Dark => Theme::dark(),
            ThemeName::Light => Theme::light(),
            ThemeName::Projector => Theme::projector(),
            ThemeName::Mono => Theme::mono(),
        }
    }

    /// The style of a card's label.
    pub fn card(&self, card: Card) -> Style {
        match card {
            Card::RED => self.red_card,
            Card::YELLOW => self.yellow_card,
            _ => self.no_card,
        }
    }

    /// The style of a chart bar for a unit holding `card`.
    pub fn bar(&self, card: Card) -> Style {
        match card {
            Card::RED => self.bar_red,
            Card::YELLOW => self.bar_yellow,
            _ => self.bar_none,
        }
    }

    fn dark() -> Theme {
        let s = Style::default;
        Theme {
            name: ThemeName::Dark,
            base: s().fg(Color::White).bg(Color::Black),
            title: s().fg(Color::White).add_modifier(Modifier::BOLD),
            muted: s().fg(Color::Gray),
            accent: s().fg(Color::LightCyan).add_modifier(Modifier::BOLD),
            selected: s().fg(Color::Black).bg(Color::Cyan),
            border: s().fg(Color::Gray),
            red_card: s()
                .fg(Color::White)
                .bg(Color::Red)
                .add_modifier(Modifier::BOLD),
            yellow_card: s()
                .fg(Color::Black)
                .bg(Color::Yellow)
                .add_modifier(Modifier::BOLD),
            no_card: s().fg(Color::Gray),
            bar_red: s().fg(Color::LightRed),
            bar_yellow: s().fg(Color::Yellow),
            bar_none: s().fg(Color::Gray),
            pace: s().fg(Color::LightCyan).add_modifier(Modifier::BOLD),
            timer_normal: s().fg(Color::LightGreen).add_modifier(Modifier::BOLD),
            warning: s().fg(Color::Yellow).add_modifier(Modifier::BOLD),
            overrun: s().fg(Color::LightRed).add_modifier(Modifier::BOLD),
            good: s().fg(Color::LightGreen),
            overdue: s().fg(Color::LightRed),
            banner: s().fg(Color::Black).bg(Color::Yellow),
            changed: Style::default().add_modifier(Modifier::BOLD | Modifier::UNDERLINED),
        }
    }

    fn light() -> Theme {
        let s = Style::default;
        Theme {
            name: ThemeName::Light,
            base: s().fg(Color::Black).bg(Color::White),
            title: s().fg(Color::Black).add_modifier(Modifier::BOLD),
            muted: s().fg(Color::DarkGray),
            accent: s().fg(Color::Blue).add_modifier(Modifier::BOLD),
            selected: s().fg(Color::White).bg(Color::Blue),
            border: s().fg(Color::DarkGray),
            red_card: s()
                .fg(Color::White)
                .bg(Color::Red)
                .add_modifier(Modifier::BOLD),
            yellow_card: s()
                .fg(Color::Black)
                .bg(Color::Yellow)
                .add_modifier(Modifier::BOLD),
            no_card: s().fg(Color::DarkGray),
            bar_red: s().fg(Color::Red),
            bar_yellow: s().fg(Color::Yellow).add_modifier(Modifier::BOLD),
            bar_none: s().fg(Color::DarkGray),
            pace: s().fg(Color::Blue).add_modifier(Modifier::BOLD),
            timer_normal: s().fg(Color::Green).add_modifier(Modifier::BOLD),
            warning: s().fg(Color::Magenta).add_modifier(Modifier::BOLD),
            overrun: s().fg(Color::Red).add_modifier(Modifier::BOLD),
            good: s().fg(Color::Green),
            overdue: s().fg(Color::Red),
            banner: s().fg(Color::White).bg(Color::Magenta),
            changed: Style::default().add_modifier(Modifier::BOLD | Modifier::UNDERLINED),
        }
    }

    fn projector() -> Theme {
        let s = Style::default;
        let b = Modifier::BOLD;
        Theme {
            name: ThemeName::Projector,
            base: s().fg(Color::White).bg(Color::Black),
            title: s().fg(Color::White).add_modifier(b),
            muted: s().fg(Color::White),
            accent: s().fg(Color::LightCyan).add_modifier(b),
            selected: s().fg(Color::Black).bg(Color::White).add_modifier(b),
            border: s().fg(Color::White),
            red_card: s().fg(Color::White).bg(Color::Red).add_modifier(b),
            yellow_card: s().fg(Color::Black).bg(Color::LightYellow).add_modifier(b),
            no_card: s().fg(Color::White),
            bar_red: s().fg(Color::LightRed).add_modifier(b),
            bar_yellow: s().fg(Color::LightYellow).add_modifier(b),
            bar_none: s().fg(Color::White),
            pace: s().fg(Color::LightCyan).add_modifier(b),
            timer_normal: s().fg(Color::LightGreen).add_modifier(b),
            warning: s().fg(Color::LightYellow).add_modifier(b),
            overrun: s().fg(Color::LightRed).add_modifier(b),
            good: s().fg(Color::LightGreen).add_modifier(b),
            overdue: s().fg(Color::LightRed).add_modifier(b),
            banner: s().fg(Color::Black).bg(Color::LightYellow).add_modifier(b),
            changed: Style::default().add_modifier(Modifier::BOLD | Modifier::UNDERLINED),
        }
    }

    fn mono() -> Theme {
        let s = Style::default;
        let b = Modifier::BOLD;
        Theme {
            name: ThemeName::Mono,
            base: s(),
            title: s().add_modifier(b),
            muted: s(),
            accent: s().add_modifier(b),
            selected: s().add_modifier(Modifier::REVERSED),
            border: s(),
            red_card: s().add_modifier(b | Modifier::REVERSED),
            yellow_card: s().add_modifier(Modifier::UNDERLINED),
            no_card: s(),
            bar_red: s().add_modifier(b),
            bar_yellow: s(),
            bar_none: s(),
            pace: s().add_modifier(b),
            timer_normal: s().add_modifier(b),
            warning: s().add_modifier(b | Modifier::UNDERLINED),
            overrun: s().add_modifier(b | Modifier::REVERSED),
            good: s(),
            overdue: s().add_modifier(b),
            banner: s().add_modifier(Modifier::REVERSED),
            changed: Style::default().add_modifier(Modifier::BOLD | Modifier::UNDERLINED),
        }
    }
}
