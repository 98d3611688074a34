//! Which theme the presenter chose (`t` cycles, NO_COLOR forces mono): a
//! preference the app keeps; the styles themselves are the ui's
//! (`ui::theme`).

/// The themes a presenter can cycle through with `t`.
#[derive(
    Debug,
    Clone,
    Copy,
    PartialEq,
    Eq,
    Default,
    clap::ValueEnum,
    strum::VariantArray,
    strum::IntoStaticStr,
    strum::EnumString,
)]
#[strum(serialize_all = "lowercase")]
pub enum ThemeName {
    /// Light text on black.
    #[default]
    Dark,
    /// Dark text on white.
    Light,
    /// Light text on black, muted text as bright as the rest: for a
    /// projector, which washes out grey.
    Projector,
    /// No colour at all (NO_COLOR): emphasis by bold, underline and reverse.
    Mono,
}

impl ThemeName {
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

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::Word as _;
    use clap::ValueEnum;

    #[test]
    fn clap_and_strum_name_the_same_themes() {
        let clap: Vec<_> = ThemeName::value_variants()
            .iter()
            .filter_map(|t| t.to_possible_value())
            .map(|p| p.get_name().to_owned())
            .collect();
        assert_eq!(clap, ThemeName::words());
        assert_eq!(ThemeName::words(), ["dark", "light", "projector", "mono"]);
    }
}
