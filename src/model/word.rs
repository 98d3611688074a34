//! Enums whose variants are words of the snapshot or the command line
//! (stages, panes, tier colours, themes): each is declared once, its
//! spelling, its list and its parser derived (strum, with serde's spelling
//! beside it for the schema), and read through this one trait.

use std::str::FromStr;

use strum::VariantArray;

/// A closed set of words, declared once as an enum deriving
/// `strum::{VariantArray, IntoStaticStr, EnumString}`.
pub trait Word: Copy + VariantArray + Into<&'static str> + FromStr + 'static {
    /// Every variant, in declaration order.
    fn all() -> &'static [Self] {
        Self::VARIANTS
    }
    /// The word as the file or the command line spells it.
    fn as_str(self) -> &'static str {
        self.into()
    }
    /// The variant spelled `s` exactly, if any.
    fn parse(s: &str) -> Option<Self> {
        s.parse().ok()
    }
    /// Every spelling, in declaration order (for messages and choices).
    fn words() -> Vec<&'static str> {
        Self::VARIANTS.iter().map(|v| v.as_str()).collect()
    }
}

impl<T: Copy + VariantArray + Into<&'static str> + FromStr + 'static> Word for T {}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::i18n::Locale;
    use crate::model::{Better, MetricKind, Pane, Stage, TierColor};

    /// serde (the file, the schema) and strum (lists, parsing) spell each
    /// word alike, and every word parses back to its variant.
    fn spelled_alike<T: Word + serde::Serialize + PartialEq + std::fmt::Debug>() {
        assert!(!T::all().is_empty());
        for &v in T::all() {
            assert_eq!(serde_json::to_value(v).unwrap(), v.as_str(), "{v:?}");
            assert_eq!(T::parse(v.as_str()), Some(v));
        }
        assert_eq!(T::parse(""), None);
        assert_eq!(T::words().len(), T::all().len());
    }

    #[test]
    fn serde_and_strum_spell_every_word_alike() {
        spelled_alike::<Stage>();
        spelled_alike::<Pane>();
        spelled_alike::<MetricKind>();
        spelled_alike::<Better>();
        spelled_alike::<TierColor>();
        spelled_alike::<Locale>();
        assert_eq!(Locale::words(), ["zh-Hans", "en"]);
        assert_eq!(Stage::parse("Signed"), None, "exact spelling only");
    }
}
