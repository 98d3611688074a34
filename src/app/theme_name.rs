//! Which theme the presenter chose (`t` cycles, NO_COLOR forces mono): a
//! preference the app keeps; the styles themselves are the ui's
//! (`ui::theme`).

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

    /// The theme's name as the console shows it.
    pub fn label(self) -> crate::words::labels::L {
        use crate::words::shell_labels as sl;
        match self {
            ThemeName::Dark => sl::THEME_DARK,
            ThemeName::Light => sl::THEME_LIGHT,
            ThemeName::Projector => sl::THEME_PROJECTOR,
            ThemeName::Mono => sl::THEME_MONO,
        }
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
