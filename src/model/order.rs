//! Who speaks and who sits where: both follow the standing order.

use super::snapshot::{Card, Snapshot, SpeakerSelector, Zone};
use super::standings::Standings;

/// The units an agenda item's selector calls, in speaking order: by card or
/// group in standing order; listed units in the order given.
pub fn speakers(s: &Snapshot, st: &Standings, selector: &SpeakerSelector) -> Vec<usize> {
    match selector {
        SpeakerSelector::Card(card) => st
            .order
            .iter()
            .copied()
            .filter(|&i| st.units[i].card == *card)
            .collect(),
        SpeakerSelector::Group(g) => st
            .order
            .iter()
            .copied()
            .filter(|&i| s.units[i].group == *g)
            .collect(),
        SpeakerSelector::Units(list) => list.clone(),
    }
}

/// One occupied seat.
#[derive(Debug, Clone, PartialEq)]
pub struct Seat {
    /// 0-based row and seat within the zone.
    pub row: u32,
    pub seat: u32,
    pub unit: usize,
    /// Who sits there: an attendee, else the unit's name.
    pub person: String,
}

/// A zone with its seats filled.
#[derive(Debug, Clone, PartialEq)]
pub struct SeatedZone {
    /// Index into the snapshot's seating zones.
    pub zone: usize,
    pub seats: Vec<Seat>,
    /// Units of this zone's card that found no seat at all, in standing order.
    pub overflow: Vec<usize>,
    /// People of seated units who found no seat: when seats run short, every
    /// unit's first sitter (its leader) sits before any unit's second.
    pub standing: Vec<(usize, String)>,
    /// How many seats short the zone is for everyone of its card to sit
    /// (reported by the last zone of each card; 0 when all fit).
    pub missing: usize,
}

/// The people who take a unit's seats: its attendees (the leader by default),
/// or one seat under the unit's own name. Borrowed: the seating pane asks
/// for every unit on every frame.
pub fn sitters(s: &Snapshot, unit: usize) -> &[String] {
    let u = &s.units[unit];
    if u.attendees.is_empty() {
        std::slice::from_ref(&u.name)
    } else {
        &u.attendees
    }
}

/// Seats every zone: the units of its card in standing order, each unit's
/// people side by side, row by row. When the seats run short, every unit's
/// first sitter gets a seat before any unit's second, so no seat stays empty
/// while someone of the zone waits; the units that find no seat at all go to
/// the next zone of the same card, if any, else are listed as overflow.
pub fn seat(s: &Snapshot, st: &Standings) -> Vec<SeatedZone> {
    let mut out: Vec<SeatedZone> = Vec::with_capacity(s.seating.len());
    let mut waiting: Vec<(Card, Vec<usize>)> = Vec::new();
    for (zi, zone) in s.seating.iter().enumerate() {
        let queue = match waiting.iter().position(|(c, _)| *c == zone.card) {
            Some(k) => std::mem::take(&mut waiting[k].1),
            None => st
                .order
                .iter()
                .copied()
                .filter(|&i| st.units[i].card == zone.card)
                .collect(),
        };
        let seated = fill(s, zone, zi, queue);
        match waiting.iter_mut().find(|(c, _)| *c == zone.card) {
            Some(w) => w.1 = seated.overflow.clone(),
            None => waiting.push((zone.card, seated.overflow.clone())),
        }
        out.push(seated);
    }
    // Overflow is only reported by the last zone of each card, with the
    // seats the card's zones are short of together.
    for (zi, seated) in out.iter_mut().enumerate() {
        let card = s.seating[zi].card;
        if s.seating[zi + 1..].iter().any(|z| z.card == card) {
            seated.overflow.clear();
            continue;
        }
        let people: usize = st
            .order
            .iter()
            .filter(|&&i| st.units[i].card == card)
            .map(|&i| sitters(s, i).len())
            .sum();
        let capacity: usize = s
            .seating
            .iter()
            .filter(|z| z.card == card)
            .map(capacity)
            .fold(0, usize::saturating_add);
        seated.missing = people.saturating_sub(capacity);
    }
    out
}

/// The units that have no zone to sit in: their card (often 不挂牌) has no
/// zone in a seating that has zones. In standing order; empty without zones.
pub fn unzoned(s: &Snapshot, st: &Standings) -> Vec<usize> {
    if s.seating.is_empty() {
        return Vec::new();
    }
    st.order
        .iter()
        .copied()
        .filter(|&i| !s.seating.iter().any(|z| z.card == st.units[i].card))
        .collect()
}

/// Per unit: whether another unit has the same name (two 经济技术开发区 in
/// two cities); lists that mix groups then name the group too.
pub fn twins(s: &Snapshot) -> Vec<bool> {
    let mut seen: std::collections::HashMap<&str, usize> = std::collections::HashMap::new();
    for u in &s.units {
        *seen.entry(u.name.as_str()).or_default() += 1;
    }
    s.units.iter().map(|u| seen[u.name.as_str()] > 1).collect()
}

/// A unit's name as a list that mixes groups shows it: the name, and the
/// group after it when another unit has the same name.
pub fn unit_label<'a>(s: &'a Snapshot, twins: &[bool], unit: usize) -> std::borrow::Cow<'a, str> {
    named(&s.units[unit], twins.get(unit).copied().unwrap_or(false))
}

/// A unit's name, with its group after it when it has a `twin` (another
/// unit of the same name).
pub fn named(u: &super::Unit, twin: bool) -> std::borrow::Cow<'_, str> {
    if twin && !u.group.is_empty() {
        std::borrow::Cow::Owned(format!("{}（{}）", u.name, u.group))
    } else {
        std::borrow::Cow::Borrowed(u.name.as_str())
    }
}

fn capacity(zone: &Zone) -> usize {
    (zone.rows as usize).saturating_mul(zone.seats_per_row as usize)
}

fn fill(s: &Snapshot, zone: &Zone, zi: usize, queue: Vec<usize>) -> SeatedZone {
    let capacity = capacity(zone);
    let people: Vec<&[String]> = queue.iter().map(|&u| sitters(s, u)).collect();
    // How many seats each unit gets: one each in standing order while seats
    // last, then the rest of each unit's people in standing order.
    let mut given = vec![0usize; queue.len()];
    let mut used = 0usize;
    for g in given.iter_mut() {
        if used < capacity {
            *g = 1;
            used += 1;
        }
    }
    for (g, p) in given.iter_mut().zip(&people) {
        let more = (p.len() - 1).min(capacity - used);
        if *g == 1 {
            *g += more;
            used += more;
        }
    }
    let spr = zone.seats_per_row.max(1);
    let mut seats = Vec::with_capacity(used);
    let mut overflow = Vec::new();
    let mut standing = Vec::new();
    for ((unit, p), g) in queue.into_iter().zip(people).zip(given) {
        if g == 0 {
            overflow.push(unit);
            continue;
        }
        for (k, person) in p.iter().cloned().enumerate() {
            if k >= g {
                standing.push((unit, person));
                continue;
            }
            let n = seats.len() as u32;
            seats.push(Seat {
                row: n / spr,
                seat: n % spr,
                unit,
                person,
            });
        }
    }
    SeatedZone {
        zone: zi,
        seats,
        overflow,
        standing,
        missing: 0,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{Document, compute};

    const ZONES: &str = include_str!("../../tests/fixtures/real/zones_and_cards.json");

    #[test]
    fn no_seat_stays_empty_while_a_unit_waits() {
        let doc = Document::from_bytes(ZONES.as_bytes()).unwrap();
        let s = &doc.snapshot;
        let st = compute(s);
        let zones = seat(s, &st);
        let red = &zones[0];
        // Four seats, seven red units with thirteen people: every seat
        // taken, by four units' leaders, and nine seats missing.
        assert_eq!(red.seats.len(), 4);
        let units: Vec<usize> = red.seats.iter().map(|x| x.unit).collect();
        assert_eq!(
            units,
            st.order
                .iter()
                .copied()
                .filter(|&i| st.units[i].card == Card::RED)
                .take(4)
                .collect::<Vec<_>>()
        );
        assert_eq!(red.overflow.len(), 3);
        assert_eq!(red.missing, 9);
        // Nobody of a seated unit is lost: who has no seat is listed.
        let people: usize = units.iter().map(|&u| sitters(s, u).len()).sum();
        assert_eq!(red.standing.len(), people - 4);
        // The two units without a card have no zone, and are said to.
        let names: Vec<&str> = unzoned(s, &st)
            .iter()
            .map(|&u| s.units[u].id.as_str())
            .collect();
        assert_eq!(names, ["la_xj", "cz_sz"]);
    }
}
