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
    /// Units of this zone's card that found no room, in standing order.
    pub overflow: Vec<usize>,
}

/// The people who take a unit's seats: its attendees (the leader by default),
/// or one seat under the unit's own name.
pub fn sitters(s: &Snapshot, unit: usize) -> Vec<String> {
    let u = &s.units[unit];
    if u.attendees.is_empty() {
        vec![u.name.clone()]
    } else {
        u.attendees.clone()
    }
}

/// Seats every zone: the units of its card in standing order, one seat per
/// sitter, row by row. A unit is never split: the first that does not fit, and
/// every unit after it, overflow (into the next zone of the same card, if any).
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
    // Overflow is only reported by the last zone of each card.
    for (zi, seated) in out.iter_mut().enumerate() {
        let card = s.seating[zi].card;
        if s.seating[zi + 1..].iter().any(|z| z.card == card) {
            seated.overflow.clear();
        }
    }
    out
}

fn fill(s: &Snapshot, zone: &Zone, zi: usize, queue: Vec<usize>) -> SeatedZone {
    let capacity = (zone.rows as usize) * (zone.seats_per_row as usize);
    let mut seats = Vec::new();
    let mut overflow = Vec::new();
    for unit in queue {
        let people = sitters(s, unit);
        if !overflow.is_empty() || seats.len() + people.len() > capacity {
            overflow.push(unit);
            continue;
        }
        for person in people {
            let k = seats.len() as u32;
            seats.push(Seat {
                row: k / zone.seats_per_row,
                seat: k % zone.seats_per_row,
                unit,
                person,
            });
        }
    }
    SeatedZone {
        zone: zi,
        seats,
        overflow,
    }
}
