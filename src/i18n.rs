//! The language of guotang's own labels, and the number formats the meeting uses.

/// Language of the console's own labels, as a snapshot names it.
#[derive(
    Debug,
    Clone,
    Copy,
    PartialEq,
    Eq,
    serde::Serialize,
    serde::Deserialize,
    schemars::JsonSchema,
    strum::VariantArray,
    strum::IntoStaticStr,
    strum::EnumString,
)]
pub enum Locale {
    #[serde(rename = "zh-Hans")]
    #[strum(serialize = "zh-Hans")]
    ZhHans,
    #[serde(rename = "en")]
    #[strum(serialize = "en")]
    En,
}

/// Language of the console's own labels.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
pub enum Lang {
    #[default]
    Zh,
    En,
}

impl Lang {
    /// The snapshot's `locale` wins; else `LANG`-style environment text
    /// (`en_US.UTF-8` → English); else Chinese, the meeting's own language.
    pub fn detect(locale: Option<Locale>, env_lang: Option<&str>) -> Lang {
        match locale {
            Some(Locale::En) => Lang::En,
            Some(Locale::ZhHans) => Lang::Zh,
            None => match env_lang {
                Some(l) if l.starts_with("en") => Lang::En,
                _ => Lang::Zh,
            },
        }
    }

    /// The colon between a label and its value (full width in Chinese).
    pub fn colon(self) -> &'static str {
        self.pick("：", ": ")
    }

    /// `text` in parentheses (full width in Chinese).
    pub fn paren(self, text: &str) -> String {
        match self {
            Lang::Zh => format!("（{text}）"),
            Lang::En => format!(" ({text})"),
        }
    }

    /// Picks the text for this language.
    pub fn pick<'a>(self, zh: &'a str, en: &'a str) -> &'a str {
        match self {
            Lang::Zh => zh,
            Lang::En => en,
        }
    }
}

/// A ratio as a percentage with one decimal: 0.3288 → `32.9%`.
pub fn pct(x: f64) -> String {
    let p = x * 100.0;
    if !p.is_finite() {
        return "—".into();
    }
    format!("{:.1}%", clean_zero(p, 1))
}

/// A number with the metric's decimals; never prints `-0`, `inf` or `NaN`
/// (a dash instead: the room must never read those).
pub fn num(x: f64, decimals: u8) -> String {
    if !x.is_finite() {
        return "—".into();
    }
    format!("{:.*}", decimals as usize, clean_zero(x, decimals))
}

/// Rounds values that would print as `-0.0` to plain zero.
fn clean_zero(x: f64, decimals: u8) -> f64 {
    let scale = 10f64.powi(i32::from(decimals));
    if (x * scale).round() == 0.0 { 0.0 } else { x }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn formats() {
        assert_eq!(pct(120.0 / 365.0), "32.9%");
        assert_eq!(pct(-0.00001), "0.0%");
        assert_eq!(num(98.45, 1), "98.5");
        assert_eq!(num(3.0, 0), "3");
        assert_eq!(num(-0.0, 0), "0");
        assert_eq!(pct(f64::MAX), "—");
        assert_eq!(num(f64::NAN, 1), "—");
        assert_eq!(num(f64::INFINITY, 0), "—");
    }
}
