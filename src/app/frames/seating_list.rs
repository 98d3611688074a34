//! The seating list's texts, row by row: what each cell of the seating
//! pane's list (Tab) says, apart from its style. A frame builds the rows of
//! its window from here; the widest cell of each column, which sizes the
//! table over every row, is measured from here once per data change and
//! language ([`super::Frames`]).

use std::borrow::Cow;

use crate::i18n::Lang;
use crate::model::order::{SeatedZone, sitters, unit_label};
use crate::model::{Card, Snapshot, Standings};
use crate::sanitize::one_line;
use crate::text::width;
use crate::words::labels::{
    RED_ZONE, SEATING_OTHER_ZONE, SEATING_OVERFLOW, SEATING_UNZONED, YELLOW_ZONE,
};
use crate::words::tier_labels::TIER_ZONE;

/// Separates a unit's people (and the names the seating pane lists).
pub const SEP: &str = "、";

/// The widest text of each of the list's five columns, with its width.
pub type Widest = [(usize, String); 5];

/// A seated zone's card and name in `lang`: the zone's own label, else the
/// tier's zone (红牌区, or 绿牌区 after a meeting's own tier).
pub fn zone_label<'a>(s: &'a Snapshot, seated: &SeatedZone, lang: Lang) -> (Card, Cow<'a, str>) {
    let zone = s.seating.get(seated.zone);
    let card = zone.map_or(Card::NONE, |z| z.card);
    let tiers = &s.cards.tiers;
    let label: Cow<'a, str> = match zone.map(|z| z.label.as_str()) {
        Some(l) if !l.trim().is_empty() => Cow::Borrowed(l),
        _ if tiers.is_default() => Cow::Borrowed(match card {
            Card::RED => RED_ZONE.get(lang),
            Card::YELLOW => YELLOW_ZONE.get(lang),
            _ => SEATING_OTHER_ZONE.get(lang),
        }),
        // A meeting's own tier: 绿牌区, after its label.
        _ if !card.is_none() => Cow::Owned(
            TIER_ZONE
                .get(lang)
                .replace("{tier}", tiers.label(card, lang)),
        ),
        _ => Cow::Borrowed(SEATING_OTHER_ZONE.get(lang)),
    };
    (card, label)
}

/// What the list reads: the data and the language (no theme: the texts
/// and their widths do not depend on it).
#[derive(Clone, Copy)]
pub struct Source<'a> {
    pub snapshot: &'a Snapshot,
    pub standings: &'a Standings,
    pub seating: &'a [SeatedZone],
    pub unzoned: &'a [usize],
    pub twins: &'a [bool],
    pub lang: Lang,
}

/// Which kind of row, for its styles.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    /// A seat: zone, row, seat, unit, person.
    Seat,
    /// A unit of the zone without a seat.
    Overflow,
    /// An aide of the zone without a seat.
    Standing,
    /// A unit whose card has no zone.
    Unzoned,
}

/// A row's place: its zone (an index into the seating; none for the
/// unzoned), its kind and its index in that list.
#[derive(Debug, Clone, Copy)]
pub struct Place {
    pub zone: usize,
    pub kind: Kind,
    pub k: usize,
}

/// Every row's place, in the list's order: cheap, nothing is built.
pub fn places<'a>(src: &Source<'a>) -> impl Iterator<Item = Place> + 'a {
    let zones = src.seating.iter().enumerate().flat_map(|(zone, z)| {
        let seats = (0..z.seats.len()).map(|k| (Kind::Seat, k));
        let over = (0..z.overflow.len()).map(|k| (Kind::Overflow, k));
        let standing = (0..z.standing.len()).map(|k| (Kind::Standing, k));
        seats
            .chain(over)
            .chain(standing)
            .map(move |(kind, k)| Place { zone, kind, k })
    });
    let unzoned = (0..src.unzoned.len()).map(|k| Place {
        zone: usize::MAX,
        kind: Kind::Unzoned,
        k,
    });
    zones.chain(unzoned)
}

/// How many rows the list has.
pub fn total(src: &Source) -> usize {
    src.seating
        .iter()
        .map(|z| z.seats.len() + z.overflow.len() + z.standing.len())
        .sum::<usize>()
        + src.unzoned.len()
}

/// A row's texts, with its unit and, for a unit without a zone, its card
/// (whose colour the first cell takes). `labels` are the zones' names.
pub fn texts<'a>(
    src: &Source<'a>,
    labels: &[Cow<'a, str>],
    p: Place,
) -> ([Cow<'a, str>; 5], usize, Card) {
    let s = src.snapshot;
    let lang = src.lang;
    let b = Cow::Borrowed;
    let label = |u| unit_label(s, src.twins, u);
    let people = |u| Cow::Owned(sitters(s, u).join(SEP));
    match (p.kind, src.seating.get(p.zone)) {
        (Kind::Unzoned, _) | (_, None) => {
            let u = src.unzoned.get(p.k).copied().unwrap_or(0);
            let card = src.standings.units[u].card;
            // The card in the zone's column, "未分区" where the row would be.
            let texts = [
                b(s.cards.tiers.label(card, lang)),
                b(SEATING_UNZONED.get(lang)),
                b(""),
                label(u),
                people(u),
            ];
            (texts, u, card)
        }
        (kind, Some(z)) => {
            let zone = labels.get(p.zone).cloned().unwrap_or_default();
            match kind {
                Kind::Seat => {
                    let seat = &z.seats[p.k];
                    let texts = [
                        zone,
                        Cow::Owned((seat.row + 1).to_string()),
                        Cow::Owned((seat.seat + 1).to_string()),
                        // Twins read apart here as on the grid.
                        label(seat.unit),
                        b(seat.person.as_str()),
                    ];
                    (texts, seat.unit, Card::NONE)
                }
                Kind::Overflow => {
                    let u = z.overflow[p.k];
                    let over = b(SEATING_OVERFLOW.get(lang));
                    ([zone, over, b(""), label(u), people(u)], u, Card::NONE)
                }
                Kind::Standing | Kind::Unzoned => {
                    let (u, person) = &z.standing[p.k];
                    let texts = [
                        zone,
                        b(SEATING_OVERFLOW.get(lang)),
                        b(""),
                        label(*u),
                        b(person.as_str()),
                    ];
                    (texts, *u, Card::NONE)
                }
            }
        }
    }
}

/// The widest text of each column over every row of the list: measured
/// once per data change and language, not on every frame.
pub fn widest(src: &Source) -> Widest {
    let labels: Vec<Cow<str>> = src
        .seating
        .iter()
        .map(|z| zone_label(src.snapshot, z, src.lang).1)
        .collect();
    let mut widest: Widest = Default::default();
    for p in places(src) {
        let (cells, _, _) = texts(src, &labels, p);
        for (text, w) in cells.iter().zip(&mut widest) {
            // As the table measures a cell.
            let n = width(&one_line(text));
            if n > w.0 {
                *w = (n, text.as_ref().to_owned());
            }
        }
    }
    widest
}
