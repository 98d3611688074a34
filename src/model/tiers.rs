//! The meeting's tiers (best first) and the ordered bands that give them:
//! red and yellow by default, or a meeting's own (三亚's 红黄绿, five grades,
//! 红旗/黄旗/蓝旗). A unit's card is a [`Card`]: an index into the tiers, or
//! none, so it stays a small copyable value the panes can compare.

use crate::i18n::Lang;

/// The most tiers a meeting may define (real meetings use two to five).
pub const MAX_TIERS: usize = 64;

/// A unit's tier: an index into the meeting's [`Tiers`], best first, or
/// [`Card::NONE`]. Ordered best first, none last.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct Card(u8);

impl Card {
    /// The first default tier (`red`, 红牌).
    pub const RED: Card = Card(0);
    /// The second default tier (`yellow`, 黄牌).
    pub const YELLOW: Card = Card(1);
    /// No tier (`none`, 不挂牌).
    pub const NONE: Card = Card(u8::MAX);

    /// The tier at `index` of the meeting's tiers (best first).
    pub fn tier(index: usize) -> Card {
        // Validation keeps the list under MAX_TIERS.
        Card(u8::try_from(index.min(MAX_TIERS)).unwrap_or(u8::MAX - 1))
    }

    /// The index into the meeting's tiers; `None` for [`Card::NONE`].
    pub fn index(self) -> Option<usize> {
        (self != Card::NONE).then_some(usize::from(self.0))
    }

    pub fn is_none(self) -> bool {
        self == Card::NONE
    }
}

/// The colours a tier may have.
#[derive(
    Debug,
    Clone,
    Copy,
    PartialEq,
    Eq,
    Hash,
    serde::Serialize,
    serde::Deserialize,
    schemars::JsonSchema,
    strum::VariantArray,
    strum::IntoStaticStr,
    strum::EnumString,
)]
#[serde(rename_all = "lowercase")]
#[strum(serialize_all = "lowercase")]
pub enum TierColor {
    Red,
    Orange,
    Yellow,
    Green,
    Blue,
    Purple,
    Grey,
    Black,
}

/// One tier of the meeting.
#[derive(Debug, Clone, PartialEq)]
pub struct Tier {
    pub id: String,
    /// The label the file gives; `None` for a default tier, whose label
    /// follows the console's language (红牌 / red card).
    pub label: Option<String>,
    pub color: TierColor,
}

/// The meeting's tiers, best first, and the label of none.
#[derive(Debug, Clone, PartialEq)]
pub struct Tiers {
    list: Vec<Tier>,
    /// `cards.none_label`; `None`: 不挂牌 / no card.
    none_label: Option<String>,
    /// Any id names a tier: the list itself has a problem, already
    /// reported, and references to it would only repeat it.
    open: bool,
}

impl Default for Tiers {
    /// Red then yellow, as format v1 has them.
    fn default() -> Self {
        let tier = |id: &str, color| Tier {
            id: id.to_owned(),
            label: None,
            color,
        };
        Tiers {
            list: vec![
                tier("red", TierColor::Red),
                tier("yellow", TierColor::Yellow),
            ],
            none_label: None,
            open: false,
        }
    }
}

impl Tiers {
    /// The file's own tiers (1 to [`MAX_TIERS`], ids unique, checked by validation).
    pub(super) fn new(list: Vec<Tier>, none_label: Option<String>) -> Tiers {
        Tiers {
            list,
            none_label,
            open: false,
        }
    }

    /// Tiers that take any id, for checking the references of a snapshot
    /// whose tier list has a problem (never those of a valid snapshot).
    pub(super) fn open() -> Tiers {
        Tiers {
            open: true,
            ..Tiers::default()
        }
    }

    /// The default tiers with the file's `none_label`.
    pub(super) fn with_none_label(none_label: Option<String>) -> Tiers {
        Tiers {
            none_label,
            ..Tiers::default()
        }
    }

    /// How many tiers, none not counted.
    pub fn len(&self) -> usize {
        self.list.len()
    }

    pub fn is_empty(&self) -> bool {
        self.list.is_empty()
    }

    /// Whether these are the default red and yellow (labels by language).
    pub fn is_default(&self) -> bool {
        self.list.iter().all(|t| t.label.is_none()) && self.list.len() == 2
    }

    /// Every tier, best first, none not included.
    pub fn cards(&self) -> impl Iterator<Item = Card> + '_ {
        (0..self.list.len()).map(Card::tier)
    }

    /// Every tier, then none: the choices of a decision.
    pub fn cards_and_none(&self) -> impl Iterator<Item = Card> + '_ {
        self.cards().chain([Card::NONE])
    }

    /// The tier behind a card; `None` for none.
    pub fn get(&self, card: Card) -> Option<&Tier> {
        card.index().and_then(|i| self.list.get(i))
    }

    /// The worst tier: the default `veto_tier`.
    pub fn last(&self) -> Card {
        Card::tier(self.list.len().saturating_sub(1))
    }

    /// The card with this id (`"none"` included).
    pub fn find(&self, id: &str) -> Option<Card> {
        if id == "none" {
            return Some(Card::NONE);
        }
        let found = self.list.iter().position(|t| t.id == id).map(Card::tier);
        found.or(self.open.then_some(Card::NONE))
    }

    /// The card's id as the snapshot writes it (`"none"` for none).
    pub fn id(&self, card: Card) -> &str {
        self.get(card).map_or("none", |t| t.id.as_str())
    }

    /// The card's label: the file's, else the default's in `lang`.
    pub fn label(&self, card: Card, lang: Lang) -> &str {
        match self.get(card) {
            Some(Tier { label: Some(l), .. }) => l,
            Some(t) => default_label(&t.id, lang),
            None => self
                .none_label
                .as_deref()
                .unwrap_or_else(|| lang.pick("不挂牌", "no card")),
        }
    }

    /// The card's colour; `None` for none.
    pub fn color(&self, card: Card) -> Option<TierColor> {
        self.get(card).map(|t| t.color)
    }

    /// The ids a tier reference may name, for error messages.
    pub fn words(&self) -> Vec<&str> {
        self.list
            .iter()
            .map(|t| t.id.as_str())
            .chain(["none"])
            .collect()
    }
}

/// The label of a default tier (only `red` and `yellow` have no label of their own).
fn default_label(id: &str, lang: Lang) -> &'static str {
    match (id, lang) {
        ("red", Lang::Zh) => "红牌",
        ("red", Lang::En) => "red card",
        ("yellow", Lang::Zh) => "黄牌",
        ("yellow", Lang::En) => "yellow card",
        (_, lang) => lang.pick("牌", "card"),
    }
}

/// One condition of a band (snapshot-v2.md, "Bands").
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum Condition {
    /// `c ≥ k · p`.
    Pace(f64),
    /// `p − c ≤ d`.
    LagAtMost(f64),
    /// `c ≥ s`.
    Min(f64),
    /// `rank ≤ n`.
    Top(u32),
    /// `rank > N − n`.
    Bottom(u32),
    /// `c ≥ mean` (true) or `c < mean` (false), over the group's ranked units.
    AboveMean(bool),
}

impl Condition {
    /// The field's name in a band.
    pub fn key(self) -> &'static str {
        match self {
            Condition::Pace(_) => "pace",
            Condition::LagAtMost(_) => "lag_at_most",
            Condition::Min(_) => "min",
            Condition::Top(_) => "top",
            Condition::Bottom(_) => "bottom",
            Condition::AboveMean(_) => "above_mean",
        }
    }
}

/// A band: the tier its units get when all its conditions hold.
#[derive(Debug, Clone, PartialEq)]
pub struct Band {
    pub tier: Card,
    /// In the order the file gives them (explanations say them in that order).
    pub conditions: Vec<Condition>,
}

impl Band {
    fn new(tier: Card, conditions: Vec<Condition>) -> Band {
        Band { tier, conditions }
    }
}

/// Format v1's rule, shorthand for bands.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum CardRule {
    /// Red when the composite keeps pace with time (`c ≥ red_at · p`), else yellow.
    Pace { red_at: f64 },
    /// The top `red_top` of each group red, the bottom `yellow_bottom` yellow.
    Rank { red_top: u32, yellow_bottom: u32 },
    /// Red at or above `red_min`, yellow below `yellow_below`.
    Threshold { red_min: f64, yellow_below: f64 },
}

impl CardRule {
    /// The bands the rule stands for, on the default tiers, as
    /// snapshot-v2.md maps them.
    pub fn bands(self) -> Vec<Band> {
        let (red, yellow) = (Card::RED, Card::YELLOW);
        match self {
            CardRule::Pace { red_at } => vec![
                Band::new(red, vec![Condition::Pace(red_at)]),
                Band::new(yellow, vec![]),
            ],
            CardRule::Rank {
                red_top,
                yellow_bottom,
            } => vec![
                Band::new(red, vec![Condition::Top(red_top)]),
                Band::new(yellow, vec![Condition::Bottom(yellow_bottom)]),
                Band::new(Card::NONE, vec![]),
            ],
            CardRule::Threshold {
                red_min,
                yellow_below,
            } => vec![
                Band::new(red, vec![Condition::Min(red_min)]),
                Band::new(Card::NONE, vec![Condition::Min(yellow_below)]),
                Band::new(yellow, vec![]),
            ],
        }
    }
}

/// A consequence of holding a tier several times running (连续两次黄牌 → 约谈).
#[derive(Debug, Clone, PartialEq)]
pub struct Escalation {
    pub tier: Card,
    /// ≥ 1.
    pub streak: u32,
    pub label: String,
}

/// How tiers are given.
#[derive(Debug, Clone, PartialEq)]
pub struct CardPolicy {
    pub tiers: Tiers,
    /// Ordered: the first whose conditions all hold gives the tier.
    pub bands: Vec<Band>,
    /// The v1 rule the bands stand for, when they were given that way:
    /// explanations and charts say it as format v1 did.
    pub rule: Option<CardRule>,
    /// The cap on each completion ratio in effect (under points, 1 unless given).
    pub cap: Option<f64>,
    /// The tier a veto puts a unit in.
    pub veto_tier: Card,
    pub escalations: Vec<Escalation>,
}

impl Default for CardPolicy {
    fn default() -> Self {
        let rule = CardRule::Pace { red_at: 1.0 };
        let tiers = Tiers::default();
        CardPolicy {
            bands: rule.bands(),
            veto_tier: tiers.last(),
            tiers,
            rule: Some(rule),
            cap: None,
            escalations: Vec::new(),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn default_tiers_are_red_then_yellow() {
        let t = Tiers::default();
        assert_eq!(t.find("red"), Some(Card::RED));
        assert_eq!(t.find("yellow"), Some(Card::YELLOW));
        assert_eq!(t.find("none"), Some(Card::NONE));
        assert_eq!(t.find("green"), None);
        assert_eq!(t.label(Card::RED, Lang::Zh), "红牌");
        assert_eq!(t.label(Card::YELLOW, Lang::En), "yellow card");
        assert_eq!(t.label(Card::NONE, Lang::Zh), "不挂牌");
        assert_eq!(t.id(Card::NONE), "none");
        assert_eq!(t.last(), Card::YELLOW);
        assert!(Card::RED < Card::YELLOW && Card::YELLOW < Card::NONE);
        assert!(t.is_default());
    }
}
