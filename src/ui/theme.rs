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
//! Red means one thing on a screen: the red card (under format v2, the
//! tier the meeting colours red). Overdue and stalled projects, overruns and
//! errors use [`Theme::alarm`], a magenta; a tier coloured purple is a
//! blue-violet, its hue kept apart from the alarm's.
//! `projector` trades subtlety for contrast (no greys, bold where it matters).
//!
//! Each of the eight tier colours has two styles ([`TierStyle`]): the badge
//! (the tier's label on its colour) and the bar (its colour on the screen's
//! background, for bars, figures and names), both readable at 4.5:1.

use crate::model::Word as _;
use ratatui::style::{Color, Modifier, Style};

use crate::model::{Card, TierColor, Tiers};

pub use crate::app::theme_name::ThemeName;

/// Black that stays black when bold: palette entry 16 (#000000). xterm
/// draws bold `Color::Black` (entry 0) as its bright twin, grey #7f7f7f.
pub const INK: Color = Color::Indexed(16);

/// Orange on black: palette 208, #ff8700 (8.7:1).
const ORANGE: Color = Color::Indexed(208);
/// Purple: palette 55, #5f00af, a blue-violet (hue 272°) kept apart from
/// the alarm's magenta (300°); white reads on it at 10:1.
const VIOLET: Color = Color::Indexed(55);

/// The badges of the eight tier colours, over their `bars` (indexed like
/// `TierColor::all()`): white on red, blue, violet and black; black ink
/// on orange, yellow, green and grey. `yellow` and `black` are the theme's
/// own (a projector's yellow is brighter; black on a black screen is a
/// dark plate).
fn badges(bars: [Style; 8], yellow: Color, black: Color) -> [TierStyle; 8] {
    let b = Modifier::BOLD;
    let on = |fg: Color, bg: Color| Style::default().fg(fg).bg(bg).add_modifier(b);
    let badge = [
        on(Color::White, Color::Red),
        on(INK, ORANGE),
        on(INK, yellow),
        on(INK, Color::Green),
        on(Color::White, Color::Blue),
        on(Color::White, VIOLET),
        on(INK, Color::Indexed(248)),
        on(Color::White, black),
    ];
    let mut out = [TierStyle {
        badge: Style::default(),
        bar: Style::default(),
    }; 8];
    for (k, slot) in out.iter_mut().enumerate() {
        *slot = TierStyle {
            badge: badge[k],
            bar: bars[k],
        };
    }
    out
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
    /// Each tier colour's badge and bar, indexed like `TierColor::all()`.
    pub tiers: [TierStyle; 8],
    /// The label of a unit without a tier.
    pub no_card: Style,
    /// The bars, figures and names of a unit without a tier.
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

/// The two styles of a tier colour.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct TierStyle {
    /// The tier's label on its colour (红牌, 优秀, 流动红旗).
    pub badge: Style,
    /// The colour on the screen's background: bars, figures, names.
    pub bar: Style,
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

    /// The styles of tier colour `c`.
    pub fn tier(&self, c: TierColor) -> TierStyle {
        let k = TierColor::all().iter().position(|&x| x == c).unwrap_or(0);
        self.tiers[k]
    }

    /// The style of a card's label among the meeting's `tiers`.
    pub fn badge(&self, tiers: &Tiers, card: Card) -> Style {
        tiers
            .color(card)
            .map_or(self.no_card, |c| self.tier(c).badge)
    }

    /// The style of the bars, figures and names of a unit holding `card`
    /// among the meeting's `tiers`.
    pub fn tier_bar(&self, tiers: &Tiers, card: Card) -> Style {
        tiers
            .color(card)
            .map_or(self.bar_none, |c| self.tier(c).bar)
    }

    /// The style of a card's label among the default tiers (red, yellow):
    /// [`Theme::badge`] for a meeting's own.
    pub fn card(&self, card: Card) -> Style {
        // Without building the default tiers (a Vec) for every cell drawn.
        match card {
            Card::RED => self.tier(TierColor::Red).badge,
            Card::YELLOW => self.tier(TierColor::Yellow).badge,
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

    /// The style of a chart bar for a unit holding `card` among the
    /// default tiers: [`Theme::tier_bar`] for a meeting's own.
    pub fn bar(&self, card: Card) -> Style {
        match card {
            Card::RED => self.tier(TierColor::Red).bar,
            Card::YELLOW => self.tier(TierColor::Yellow).bar,
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
            tiers: badges(
                [
                    s().fg(Color::LightRed),
                    s().fg(ORANGE),
                    s().fg(Color::Yellow),
                    s().fg(Color::Green),
                    s().fg(Color::Indexed(69)),  // #5f87ff, 6.4:1 on black
                    s().fg(Color::Indexed(141)), // #af87ff, lavender
                    s().fg(Color::Indexed(250)), // #bcbcbc
                    s().fg(Color::Indexed(245)), // #8a8a8a: black on black would vanish
                ],
                Color::Yellow,
                Color::Indexed(236),
            ),
            no_card: s().fg(Color::Gray),
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
            tiers: badges(
                [
                    s().fg(Color::Red),
                    // No orange brighter than this reads on white; the
                    // badges (orange and yellow) tell it from the amber.
                    s().fg(Color::Indexed(94)), // #875f00, 5.7:1
                    s().fg(amber),
                    s().fg(green),
                    s().fg(Color::Indexed(25)), // #005faf, not the accent's blue
                    s().fg(VIOLET),
                    s().fg(Color::Indexed(239)), // #4e4e4e, darker than the muted grey
                    s().fg(INK),
                ],
                Color::Yellow,
                INK,
            ),
            no_card: s().fg(grey),
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
            tiers: badges(
                [
                    s().fg(Color::LightRed).add_modifier(b),
                    s().fg(Color::Indexed(214)).add_modifier(b), // #ffaf00
                    s().fg(Color::LightYellow).add_modifier(b),
                    s().fg(Color::LightGreen).add_modifier(b),
                    s().fg(Color::Indexed(75)).add_modifier(b), // #5fafff
                    s().fg(Color::Indexed(141)).add_modifier(b),
                    s().fg(Color::Indexed(250)).add_modifier(b),
                    s().fg(Color::Indexed(245)).add_modifier(b),
                ],
                Color::LightYellow,
                Color::Indexed(236),
            ),
            no_card: s().fg(Color::White),
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
            // Without colour the label says the tier; the badges differ
            // by what a monochrome terminal has.
            tiers: [
                (b | Modifier::REVERSED, b),
                (Modifier::REVERSED, Modifier::empty()),
                (Modifier::UNDERLINED, Modifier::empty()),
                (b, Modifier::empty()),
                (b | Modifier::UNDERLINED, Modifier::empty()),
                (Modifier::ITALIC | Modifier::UNDERLINED, Modifier::empty()),
                (Modifier::ITALIC, Modifier::empty()),
                (Modifier::REVERSED | Modifier::UNDERLINED, Modifier::empty()),
            ]
            .map(|(badge, bar)| TierStyle {
                badge: s().add_modifier(badge),
                bar: s().add_modifier(bar),
            }),
            no_card: s(),
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

    /// Red keeps one meaning: only the red tier's badge and bars are red.
    /// Overdue and stalled projects, overruns and errors were red too; the
    /// other tier colours (orange above all) must not read as red either.
    #[test]
    fn red_is_the_card_colour_only() {
        for &name in ThemeName::all() {
            let t = Theme::new(name);
            let mut others = vec![
                ("base", t.base),
                ("title", t.title),
                ("muted", t.muted),
                ("accent", t.accent),
                ("selected", t.selected),
                ("border", t.border),
                ("no_card", t.no_card),
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
            for c in TierColor::all()
                .iter()
                .copied()
                .filter(|&c| c != TierColor::Red)
            {
                others.push((c.as_str(), t.tier(c).badge));
                others.push((c.as_str(), t.tier(c).bar));
            }
            for (what, style) in others {
                assert!(
                    !is_red(style.fg) && !is_red(style.bg),
                    "{name:?}.{what} is red: {style:?}"
                );
            }
            // The alarm stands apart from the card's red and from the text.
            if name != ThemeName::Mono {
                assert_ne!(t.alarm.fg, t.tier(TierColor::Red).bar.fg, "{name:?}");
                assert_ne!(t.alarm.fg, t.base.fg, "{name:?}");
            }
        }
    }

    /// The hue of a colour in degrees, and its saturation.
    fn hue(c: Color) -> (f64, f64) {
        let (r, g, b) = match crate::ui::contrast::index(c) {
            Some(n) => crate::ui::contrast::xterm_rgb(n),
            None => crate::ui::contrast::rgb(c, true),
        };
        let (r, g, b) = (f64::from(r), f64::from(g), f64::from(b));
        let (max, min) = (r.max(g).max(b), r.min(g).min(b));
        let d = (max - min).max(1.0);
        let h = if max == r {
            60.0 * ((g - b) / d)
        } else if max == g {
            60.0 * (2.0 + (b - r) / d)
        } else {
            60.0 * (4.0 + (r - g) / d)
        };
        (h.rem_euclid(360.0), d / max.max(1.0))
    }

    /// A purple tier next to the alarm (magenta, overdue projects and
    /// overruns) must not read as the alarm: its hue stays 25° or more
    /// away, in its badge and its bar, in every coloured theme.
    #[test]
    fn purple_is_not_the_alarm() {
        for name in [ThemeName::Dark, ThemeName::Light, ThemeName::Projector] {
            let t = Theme::new(name);
            let (alarm, _) = hue(t.alarm.fg.expect("alarm colour"));
            let p = t.tier(TierColor::Purple);
            for c in [p.bar.fg, p.badge.bg].into_iter().flatten() {
                let (h, _) = hue(c);
                let apart = (h - alarm).abs().min(360.0 - (h - alarm).abs());
                assert!(
                    apart >= 25.0,
                    "{name:?}: purple {h:.0}° vs alarm {alarm:.0}°"
                );
            }
        }
    }

    /// Each tier colour looks different from every other in a theme: no
    /// two share a badge, and in colour themes no two share a bar.
    #[test]
    fn every_tier_colour_is_its_own() {
        for &name in ThemeName::all() {
            let t = Theme::new(name);
            for (i, a) in t.tiers.iter().enumerate() {
                for b in &t.tiers[i + 1..] {
                    assert_ne!(a.badge, b.badge, "{name:?}");
                    if name != ThemeName::Mono {
                        assert_ne!(a.bar, b.bar, "{name:?}");
                    }
                }
            }
        }
    }

    /// The default tiers keep format v1's styles: red and yellow as before.
    #[test]
    fn default_tiers_keep_their_styles() {
        let t = Theme::new(ThemeName::Dark);
        assert_eq!(
            t.card(Card::RED),
            Style::default()
                .fg(Color::White)
                .bg(Color::Red)
                .add_modifier(Modifier::BOLD)
        );
        assert_eq!(t.bar(Card::YELLOW), Style::default().fg(Color::Yellow));
        assert_eq!(t.bar(Card::NONE), t.bar_none);
        // The same as the default tiers give.
        let tiers = Tiers::default();
        for card in tiers.cards_and_none() {
            assert_eq!(t.card(card), t.badge(&tiers, card));
            assert_eq!(t.bar(card), t.tier_bar(&tiers, card));
        }
    }
}
