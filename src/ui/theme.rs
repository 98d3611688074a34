//! Semantic styles: panes ask for `red_card` or `overrun`, never for a colour.
//!
//! Every pair of text and background colour reaches WCAG contrast 4.5:1 in
//! xterm's palette (`ui::contrast` checks every screen of every theme).
//! Two facts shape the choices:
//! - xterm draws bold text in colours 0–7 with their bright twins: bold
//!   black on white is grey on white. Dark text that is bold uses [`INK`],
//!   the palette's black past the 16 basic colours, which bold leaves black.
//! - No basic colour reads on white as grey, amber or green: the light
//!   theme takes those from the 256-colour palette (tmux and the Linux
//!   console map them to the nearest basic colour).
//!
//! Red means one thing on a screen: the red card. Overdue and stalled
//! projects, overruns and errors use [`Theme::alarm`], a magenta.
//! `projector` trades subtlety for contrast (no greys, bold where it matters).

use crate::model::Word as _;
use ratatui::style::{Color, Modifier, Style};

use crate::model::Card;

pub use crate::app::theme_name::ThemeName;

/// Black that stays black when bold: palette entry 16 (#000000). xterm
/// draws bold `Color::Black` (entry 0) as its bright twin, grey #7f7f7f.
pub const INK: Color = Color::Indexed(16);

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
    /// Something needs action: overdue and stalled projects, units left
    /// without a seat, an editor's error. Never red, which is the card's.
    pub alarm: Style,
    /// The banner for a broken outside edit or a message.
    pub banner: Style,
    /// Laid over what changed a moment ago (an edit, a reload).
    pub changed: Style,
}

/// The styles of theme `name`, built once: the app keeps only the name.
pub fn of(name: ThemeName) -> &'static Theme {
    static THEMES: std::sync::LazyLock<Vec<Theme>> =
        std::sync::LazyLock::new(|| ThemeName::all().iter().copied().map(Theme::new).collect());
    let i = ThemeName::all()
        .iter()
        .position(|&t| t == name)
        .unwrap_or(0);
    &THEMES[i]
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

    /// The time-progress marker where it crosses a bar of colour `bar`: a
    /// notch in the screen's background colour, which reads on every bar.
    pub fn pace_over(&self, bar: Color) -> Style {
        let notch = match self.base.bg {
            Some(Color::Black) | None => INK,
            Some(c) => c,
        };
        Style::default().fg(notch).bg(bar)
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
        let b = Modifier::BOLD;
        Theme {
            name: ThemeName::Dark,
            base: s().fg(Color::White).bg(Color::Black),
            title: s().fg(Color::White).add_modifier(b),
            muted: s().fg(Color::Gray),
            accent: s().fg(Color::LightCyan).add_modifier(b),
            selected: s().fg(INK).bg(Color::Cyan),
            border: s().fg(Color::Gray),
            red_card: s().fg(Color::White).bg(Color::Red).add_modifier(b),
            yellow_card: s().fg(INK).bg(Color::Yellow).add_modifier(b),
            no_card: s().fg(Color::Gray),
            bar_red: s().fg(Color::LightRed),
            bar_yellow: s().fg(Color::Yellow),
            bar_none: s().fg(Color::Gray),
            pace: s().fg(Color::LightCyan).add_modifier(b),
            timer_normal: s().fg(Color::LightGreen).add_modifier(b),
            warning: s().fg(Color::Yellow).add_modifier(b),
            overrun: s().fg(Color::LightMagenta).add_modifier(b),
            good: s().fg(Color::LightGreen),
            alarm: s().fg(Color::LightMagenta).add_modifier(b),
            banner: s().fg(INK).bg(Color::Yellow),
            changed: Style::default().add_modifier(Modifier::BOLD | Modifier::UNDERLINED),
        }
    }

    fn light() -> Theme {
        let s = Style::default;
        let b = Modifier::BOLD;
        // From the 256-colour palette: no basic colour reads on white as these.
        let grey = Color::Indexed(242); // #6c6c6c, 5.3:1 on white
        let amber = Color::Indexed(130); // #af5f00, 4.7:1
        let green = Color::Indexed(28); // #008700, 4.7:1
        let magenta = Color::Indexed(127); // #af00af, 6.1:1
        Theme {
            name: ThemeName::Light,
            base: s().fg(INK).bg(Color::White),
            title: s().fg(INK).add_modifier(b),
            muted: s().fg(grey),
            accent: s().fg(Color::Blue).add_modifier(b),
            selected: s().fg(Color::White).bg(Color::Blue),
            border: s().fg(grey),
            red_card: s().fg(Color::White).bg(Color::Red).add_modifier(b),
            yellow_card: s().fg(INK).bg(Color::Yellow).add_modifier(b),
            no_card: s().fg(grey),
            bar_red: s().fg(Color::Red),
            bar_yellow: s().fg(amber),
            bar_none: s().fg(grey),
            pace: s().fg(Color::Blue).add_modifier(b),
            timer_normal: s().fg(green).add_modifier(b),
            warning: s().fg(amber).add_modifier(b),
            overrun: s().fg(magenta).add_modifier(b),
            good: s().fg(green),
            alarm: s().fg(magenta).add_modifier(b),
            banner: s().fg(INK).bg(Color::LightYellow),
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
            selected: s().fg(INK).bg(Color::White).add_modifier(b),
            border: s().fg(Color::White),
            red_card: s().fg(Color::White).bg(Color::Red).add_modifier(b),
            yellow_card: s().fg(INK).bg(Color::LightYellow).add_modifier(b),
            no_card: s().fg(Color::White),
            bar_red: s().fg(Color::LightRed).add_modifier(b),
            bar_yellow: s().fg(Color::LightYellow).add_modifier(b),
            bar_none: s().fg(Color::White),
            pace: s().fg(Color::LightCyan).add_modifier(b),
            timer_normal: s().fg(Color::LightGreen).add_modifier(b),
            warning: s().fg(Color::LightYellow).add_modifier(b),
            overrun: s().fg(Color::LightMagenta).add_modifier(b),
            good: s().fg(Color::LightGreen).add_modifier(b),
            alarm: s().fg(Color::LightMagenta).add_modifier(b),
            banner: s().fg(INK).bg(Color::LightYellow).add_modifier(b),
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
            alarm: s().add_modifier(b),
            banner: s().add_modifier(Modifier::REVERSED),
            changed: Style::default().add_modifier(Modifier::BOLD | Modifier::UNDERLINED),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A colour a room reads as red: a saturated hue within 20° of red.
    fn is_red(c: Option<Color>) -> bool {
        let Some(c) = c else { return false };
        let (r, g, b) = match crate::ui::contrast::index(c) {
            Some(n) => crate::ui::contrast::xterm_rgb(n),
            None => crate::ui::contrast::rgb(c, true),
        };
        let (r, g, b) = (f64::from(r), f64::from(g), f64::from(b));
        let (max, min) = (r.max(g).max(b), r.min(g).min(b));
        if max < 96.0 || (max - min) / max < 0.5 || max != r {
            return false;
        }
        // Hue in degrees, with red at 0 (the largest channel is red).
        let hue = 60.0 * (g - b) / (max - min);
        hue.abs() <= 20.0
    }

    /// Red keeps one meaning: only the red card's badge and bars are red.
    /// Overdue and stalled projects, overruns and errors were red too.
    #[test]
    fn red_is_the_card_colour_only() {
        for &name in ThemeName::all() {
            let t = Theme::new(name);
            let others = [
                ("base", t.base),
                ("title", t.title),
                ("muted", t.muted),
                ("accent", t.accent),
                ("selected", t.selected),
                ("border", t.border),
                ("yellow_card", t.yellow_card),
                ("no_card", t.no_card),
                ("bar_yellow", t.bar_yellow),
                ("bar_none", t.bar_none),
                ("pace", t.pace),
                ("timer_normal", t.timer_normal),
                ("warning", t.warning),
                ("overrun", t.overrun),
                ("good", t.good),
                ("alarm", t.alarm),
                ("banner", t.banner),
                ("changed", t.changed),
            ];
            for (what, style) in others {
                assert!(
                    !is_red(style.fg) && !is_red(style.bg),
                    "{name:?}.{what} is red: {style:?}"
                );
            }
            // The alarm stands apart from the card's red and from the text.
            if name != ThemeName::Mono {
                assert_ne!(t.alarm.fg, t.bar_red.fg, "{name:?}");
                assert_ne!(t.alarm.fg, t.base.fg, "{name:?}");
            }
        }
    }
}
