//! The presenter's position, published for the room's other screens: a
//! small JSON file beside the snapshot (`.NAME.guotang-position.json`),
//! written atomically by the one presenter's console that holds the
//! presenter's lock, on every change and every [`HEARTBEAT`]. Audience
//! consoles follow it through the same watcher as the snapshot — on this
//! machine, or on any machine that sees the folder (a network share, a
//! sync tool): the folder is the transport, there is no server.
//!
//! The file is another process's (or another machine's) words: it is read
//! with a size limit, checked field by field ([`PositionError`] names the
//! place), and a reader that cannot use it keeps what it had.
//!
//! ```json
//! {
//!   "format": "guotang-position/1",
//!   "written_at": "2026-05-08T09:12:03.120+08:00",
//!   "seq": 42,
//!   "presenter": {"pid": 4242, "host": "laptop", "user": "li", "started": "2026-05-08T08:55:00+08:00", "purpose": "present"},
//!   "ended": false,
//!   "meeting": {"date": "2026-05-08", "title": "全区招商引资工作过堂会"},
//!   "snapshot_hash": "9f86d081884c7d65",
//!   "item": {"index": 2, "id": null, "title": "红牌单位发言"},
//!   "speaker": "kfq",
//!   "paused": false,
//!   "timers": {"item_ms": 400000, "speaker_ms": 95000},
//!   "pane": {"metric": 0, "group": 0, "tab": 0, "scroll": 0},
//!   "fullscreen": false,
//!   "big_timer": false
//! }
//! ```
//!
//! Timers are the elapsed times at `written_at`; a reader adds the time
//! since while the clock runs (`paused` false).

use std::fs::File;
use std::io::{self, Read};
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use chrono::{DateTime, FixedOffset, NaiveDate};
use serde::{Deserialize, Serialize};

use super::lock::{self, LockError, LockInfo};

/// The format's name and version.
pub const FORMAT: &str = "guotang-position/1";

/// How often an unchanged position is written again, so followers know
/// the presenter is there.
pub const HEARTBEAT: Duration = Duration::from_secs(5);

/// A position written by another presenter this recently (either way, for
/// clocks that differ) is taken to be live.
pub const LIVE_WITHIN: chrono::TimeDelta = chrono::TimeDelta::seconds(60);

/// A position file is read only up to this size.
pub const MAX_BYTES: u64 = 64 * 1024;

/// The longest elapsed time a position may carry (no meeting lasts a week).
pub const MAX_ELAPSED_MS: i64 = 7 * 24 * 3600 * 1000;

/// The position file beside `snapshot`.
pub fn position_path(snapshot: &Path) -> PathBuf {
    let name = snapshot
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    snapshot.with_file_name(format!(".{name}.guotang-position.json"))
}

/// Where the presenter is: everything a follower needs to show the same
/// screen.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Place {
    /// The meeting's date and title, as the presenter's snapshot has them.
    pub date: NaiveDate,
    pub title: String,
    /// The content hash of the presenter's snapshot (a follower whose own
    /// differs is waiting for it to arrive).
    pub snapshot_hash: Option<u64>,
    /// The current agenda item.
    pub item: Option<ItemRef>,
    /// The unit id holding the floor.
    pub speaker: Option<String>,
    pub paused: bool,
    /// The current item's and the speaker's elapsed time, in milliseconds.
    pub item_ms: i64,
    pub speaker_ms: i64,
    pub pane: PaneRef,
    pub fullscreen: bool,
    pub big_timer: bool,
}

impl Place {
    /// The same place, whatever the timers say: what makes a change worth
    /// writing at once (timers move by themselves between changes).
    fn same_as(&self, other: &Place) -> bool {
        let still = |p: &Place| Place {
            item_ms: 0,
            speaker_ms: 0,
            ..p.clone()
        };
        still(self) == still(other)
    }
}

/// An agenda item, as a follower finds it: by `id` when it has one, else
/// by its place and title.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ItemRef {
    pub index: usize,
    #[serde(default)]
    pub id: Option<String>,
    pub title: String,
}

/// Where the presenter is inside the pane (the console's `PaneState`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
pub struct PaneRef {
    #[serde(default)]
    pub metric: usize,
    #[serde(default)]
    pub group: usize,
    #[serde(default)]
    pub tab: usize,
    #[serde(default)]
    pub scroll: usize,
}

/// A published position, checked.
#[derive(Debug, Clone, PartialEq)]
pub struct Position {
    pub written_at: DateTime<FixedOffset>,
    /// Counts the writes of one presenter's session.
    pub seq: u64,
    pub presenter: LockInfo,
    /// The presenter quit: the screen it left is the last one.
    pub ended: bool,
    pub place: Place,
}

/// The file as written: strings where the checked form has dates.
#[derive(Debug, Serialize, Deserialize)]
struct Raw {
    format: String,
    written_at: String,
    seq: u64,
    presenter: LockInfo,
    #[serde(default)]
    ended: bool,
    meeting: RawMeeting,
    #[serde(default)]
    snapshot_hash: Option<String>,
    #[serde(default)]
    item: Option<ItemRef>,
    #[serde(default)]
    speaker: Option<String>,
    #[serde(default)]
    paused: bool,
    timers: RawTimers,
    #[serde(default)]
    pane: PaneRef,
    #[serde(default)]
    fullscreen: bool,
    #[serde(default)]
    big_timer: bool,
}

#[derive(Debug, Serialize, Deserialize)]
struct RawMeeting {
    date: String,
    title: String,
}

#[derive(Debug, Serialize, Deserialize)]
struct RawTimers {
    item_ms: i64,
    #[serde(default)]
    speaker_ms: i64,
}

/// Why a position file cannot be used, with its place.
#[derive(Debug, thiserror::Error)]
pub enum PositionError {
    #[error("cannot read {}: {source}", path.display())]
    Io {
        path: PathBuf,
        #[source]
        source: io::Error,
    },
    #[error("{}: larger than {MAX_BYTES} bytes", path.display())]
    TooLarge { path: PathBuf },
    #[error("{}:{line}:{column}: {message}", path.display())]
    Syntax {
        path: PathBuf,
        line: usize,
        column: usize,
        message: String,
    },
    #[error("{}: {place}: {message}", path.display())]
    Field {
        path: PathBuf,
        place: &'static str,
        message: String,
    },
}

impl Position {
    /// Reads the bytes of a position file (`path` only names it in errors).
    pub fn parse(path: &Path, bytes: &[u8]) -> Result<Position, PositionError> {
        let raw: Raw = serde_json::from_slice(bytes).map_err(|e| PositionError::Syntax {
            path: path.to_owned(),
            line: e.line(),
            column: e.column(),
            message: e.to_string(),
        })?;
        let field = |place: &'static str, message: String| PositionError::Field {
            path: path.to_owned(),
            place,
            message,
        };
        if raw.format != FORMAT {
            return Err(field(
                "format",
                format!("expected {FORMAT:?}, found {:?}", raw.format),
            ));
        }
        let written_at = DateTime::parse_from_rfc3339(&raw.written_at).map_err(|e| {
            field(
                "written_at",
                format!("{:?} is not a time: {e}", raw.written_at),
            )
        })?;
        let date = NaiveDate::parse_from_str(&raw.meeting.date, "%Y-%m-%d").map_err(|e| {
            field(
                "meeting.date",
                format!("{:?} is not a date: {e}", raw.meeting.date),
            )
        })?;
        for (place, ms) in [
            ("timers.item_ms", raw.timers.item_ms),
            ("timers.speaker_ms", raw.timers.speaker_ms),
        ] {
            if !(0..=MAX_ELAPSED_MS).contains(&ms) {
                return Err(field(
                    place,
                    format!("{ms} is not between 0 and {MAX_ELAPSED_MS}"),
                ));
            }
        }
        let snapshot_hash =
            match &raw.snapshot_hash {
                None => None,
                Some(h) => Some(u64::from_str_radix(h, 16).map_err(|_| {
                    field("snapshot_hash", format!("{h:?} is not a hexadecimal hash"))
                })?),
            };
        Ok(Position {
            written_at,
            seq: raw.seq,
            presenter: raw.presenter,
            ended: raw.ended,
            place: Place {
                date,
                title: raw.meeting.title,
                snapshot_hash,
                item: raw.item,
                speaker: raw.speaker,
                paused: raw.paused,
                item_ms: raw.timers.item_ms,
                speaker_ms: raw.timers.speaker_ms,
                pane: raw.pane,
                fullscreen: raw.fullscreen,
                big_timer: raw.big_timer,
            },
        })
    }

    /// The file's bytes.
    pub fn to_bytes(&self) -> Vec<u8> {
        let p = &self.place;
        let raw = Raw {
            format: FORMAT.to_owned(),
            written_at: self
                .written_at
                .to_rfc3339_opts(chrono::SecondsFormat::Millis, false),
            seq: self.seq,
            presenter: self.presenter.clone(),
            ended: self.ended,
            meeting: RawMeeting {
                date: p.date.format("%Y-%m-%d").to_string(),
                title: p.title.clone(),
            },
            snapshot_hash: p.snapshot_hash.map(|h| format!("{h:016x}")),
            item: p.item.clone(),
            speaker: p.speaker.clone(),
            paused: p.paused,
            timers: RawTimers {
                item_ms: p.item_ms,
                speaker_ms: p.speaker_ms,
            },
            pane: p.pane,
            fullscreen: p.fullscreen,
            big_timer: p.big_timer,
        };
        let mut bytes = serde_json::to_vec_pretty(&raw).unwrap_or_default();
        bytes.push(b'\n');
        bytes
    }
}

/// The position published beside `snapshot`; `None` when there is none.
/// Reads nothing but the file (a follower writes nothing).
pub fn read(snapshot: &Path) -> Result<Option<Position>, PositionError> {
    let path = position_path(snapshot);
    let io_err = |source| PositionError::Io {
        path: path.clone(),
        source,
    };
    // A FIFO or a device in its place would hang or flood the reader.
    match super::read::regular_file(&path) {
        Ok(_) => {}
        Err(e) if e.kind() == io::ErrorKind::NotFound => return Ok(None),
        Err(e) => return Err(io_err(e)),
    }
    let file = match File::open(&path) {
        Ok(f) => f,
        Err(e) if e.kind() == io::ErrorKind::NotFound => return Ok(None),
        Err(e) => return Err(io_err(e)),
    };
    let mut bytes = Vec::new();
    file.take(MAX_BYTES + 1)
        .read_to_end(&mut bytes)
        .map_err(io_err)?;
    if bytes.len() as u64 > MAX_BYTES {
        return Err(PositionError::TooLarge { path });
    }
    Position::parse(&path, &bytes).map(Some)
}

/// What [`Publisher::offer`] did.
#[derive(Debug, Clone, PartialEq)]
pub enum Offered {
    Wrote,
    /// Nothing new, and the heartbeat is not due.
    NotDue,
    /// Another presenter publishes on the file (from a machine the lock
    /// does not reach) and started first: nothing written.
    Elsewhere(Box<LockInfo>),
}

/// Whether `found`, read from the file, is another presenter's live
/// position that started before `me`: the earlier session keeps the room.
pub fn publishes_first(found: &Position, me: &LockInfo, now: DateTime<FixedOffset>) -> bool {
    let started = |i: &LockInfo| DateTime::parse_from_rfc3339(&i.started).ok();
    let earlier = match (started(&found.presenter), started(me)) {
        (Some(theirs), Some(mine)) => {
            theirs < mine || (theirs == mine && found.presenter.pid < me.pid)
        }
        _ => false,
    };
    found.presenter != *me
        && !found.ended
        && earlier
        && (now - found.written_at).abs() <= LIVE_WITHIN
}

/// The presenter's console publishing its position: it holds the
/// presenter's lock, so a second presenter on the same file does not
/// publish.
#[derive(Debug)]
pub struct Publisher {
    snapshot: PathBuf,
    path: PathBuf,
    _lock: lock::PresenterLock,
    presenter: LockInfo,
    seq: u64,
    /// The place last written, and when.
    last: Option<(Place, Instant)>,
}

impl Publisher {
    /// Takes the presenter's lock on `snapshot`: [`LockError::Held`] (with
    /// the holder's note) when another presenter publishes.
    pub fn start(snapshot: &Path) -> Result<Publisher, LockError> {
        let lock = lock::presenter(snapshot)?;
        Ok(Publisher {
            snapshot: snapshot.to_owned(),
            path: position_path(snapshot),
            _lock: lock,
            presenter: LockInfo::current("present"),
            seq: 0,
            last: None,
        })
    }

    /// Writes `place` (as it stands at `at`) when it is not the place last
    /// written, or the heartbeat is due at `now` — unless another presenter,
    /// on another machine (where the presenter's lock does not reach),
    /// publishes on the file and started first.
    pub fn offer(
        &mut self,
        place: &Place,
        at: DateTime<FixedOffset>,
        now: Instant,
    ) -> io::Result<Offered> {
        let due = match &self.last {
            None => true,
            Some((last, when)) => {
                !last.same_as(place) || now.saturating_duration_since(*when) >= HEARTBEAT
            }
        };
        if !due {
            return Ok(Offered::NotDue);
        }
        if let Ok(Some(found)) = read(&self.snapshot)
            && publishes_first(&found, &self.presenter, at)
        {
            return Ok(Offered::Elsewhere(Box::new(found.presenter)));
        }
        self.write(place, at, false)?;
        self.last = Some((place.clone(), now));
        Ok(Offered::Wrote)
    }

    /// Writes the last place, saying the presenter left.
    pub fn end(&mut self, place: &Place, at: DateTime<FixedOffset>) -> io::Result<()> {
        self.write(place, at, true)
    }

    fn write(&mut self, place: &Place, at: DateTime<FixedOffset>, ended: bool) -> io::Result<()> {
        self.seq += 1;
        let pos = Position {
            written_at: at,
            seq: self.seq,
            presenter: self.presenter.clone(),
            ended,
            place: place.clone(),
        };
        super::write_atomic(&self.path, &pos.to_bytes())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn at(s: &str) -> DateTime<FixedOffset> {
        DateTime::parse_from_rfc3339(s).unwrap()
    }

    fn place() -> Place {
        Place {
            date: NaiveDate::from_ymd_opt(2026, 5, 8).unwrap(),
            title: "过堂会".into(),
            snapshot_hash: Some(0xfeed),
            item: Some(ItemRef {
                index: 2,
                id: None,
                title: "红牌单位发言".into(),
            }),
            speaker: Some("kfq".into()),
            item_ms: 400_000,
            speaker_ms: 95_000,
            ..Place::default()
        }
    }

    #[test]
    fn a_position_round_trips_through_its_file() {
        let pos = Position {
            written_at: at("2026-05-08T09:12:03.120+08:00"),
            seq: 7,
            presenter: LockInfo::current("present"),
            ended: false,
            place: place(),
        };
        let bytes = pos.to_bytes();
        assert_eq!(Position::parse(Path::new("p"), &bytes).unwrap(), pos);
        let text = String::from_utf8(bytes).unwrap();
        assert!(
            text.contains("\"format\": \"guotang-position/1\""),
            "{text}"
        );
        assert!(
            text.contains("\"snapshot_hash\": \"000000000000feed\""),
            "{text}"
        );
    }

    #[test]
    fn a_bad_position_is_refused_naming_the_place() {
        let good = String::from_utf8(
            Position {
                written_at: at("2026-05-08T09:12:03+08:00"),
                seq: 1,
                presenter: LockInfo::current("present"),
                ended: false,
                place: place(),
            }
            .to_bytes(),
        )
        .unwrap();
        let cases = [
            (good[..good.len() / 2].to_owned(), "p:"),
            (
                good.replace("guotang-position/1", "guotang-position/9"),
                "p: format: ",
            ),
            (
                good.replace("2026-05-08T09:12:03", "yesterday"),
                "p: written_at: ",
            ),
            (
                good.replace("\"2026-05-08\"", "\"2026-02-30\""),
                "p: meeting.date: ",
            ),
            (good.replace("400000", "-5"), "p: timers.item_ms: "),
            (
                good.replace("95000", "99999999999999"),
                "p: timers.speaker_ms: ",
            ),
            (
                good.replace("000000000000feed", "xyz"),
                "p: snapshot_hash: ",
            ),
            ("[]".to_owned(), "p:1:2: "),
            ("".to_owned(), "p:1:0: "),
        ];
        for (text, place) in cases {
            let e = Position::parse(Path::new("p"), text.as_bytes()).unwrap_err();
            assert!(e.to_string().starts_with(place), "{place}: {e}");
        }
    }

    #[test]
    fn one_presenter_publishes_and_beats_its_heart() {
        let dir = tempfile::tempdir().unwrap();
        let snap = dir.path().join("m.json");
        std::fs::write(&snap, "{}").unwrap();
        assert!(read(&snap).unwrap().is_none(), "nothing published yet");
        let mut p = Publisher::start(&snap).unwrap();
        // A second presenter is told who publishes.
        let Err(LockError::Held { holder, .. }) = Publisher::start(&snap) else {
            panic!("a second presenter publishes too")
        };
        assert_eq!(holder.pid, std::process::id());
        assert_eq!(holder.purpose, "present");

        let t0 = Instant::now();
        let when = at("2026-05-08T09:00:00+08:00");
        assert_eq!(
            p.offer(&place(), when, t0).unwrap(),
            Offered::Wrote,
            "the first is written"
        );
        let mut later = place();
        later.item_ms += 1000;
        assert!(
            p.offer(&later, when, t0 + Duration::from_secs(1)).unwrap() == Offered::NotDue,
            "timers alone wait"
        );
        assert!(
            p.offer(&later, when, t0 + HEARTBEAT).unwrap() == Offered::Wrote,
            "the heartbeat"
        );
        later.paused = true;
        assert!(
            p.offer(&later, when, t0 + HEARTBEAT).unwrap() == Offered::Wrote,
            "a change at once"
        );
        let got = read(&snap).unwrap().unwrap();
        assert_eq!(got.seq, 3);
        assert!(got.place.paused && !got.ended);
        p.end(&later, when).unwrap();
        assert!(read(&snap).unwrap().unwrap().ended);
        drop(p);
        // The lock went with it.
        assert!(Publisher::start(&snap).is_ok());
        assert!(position_path(&snap).ends_with(".m.json.guotang-position.json"));
    }

    /// Two machines whose presenter's locks do not meet (a share that does
    /// not pass locks on): the presenter who started first keeps the room.
    #[test]
    fn a_presenter_on_another_machine_who_started_first_keeps_the_room() {
        let dir = tempfile::tempdir().unwrap();
        let snap = dir.path().join("m.json");
        let now = at("2026-05-08T09:00:10+08:00");
        let mut theirs = LockInfo::current("present");
        theirs.host = "other-laptop".into();
        theirs.pid = 7;
        theirs.started = "2026-05-08T08:00:00+08:00".into();
        let foreign = |presenter: &LockInfo, ended, written_at| Position {
            written_at,
            seq: 9,
            presenter: presenter.clone(),
            ended,
            place: place(),
        };
        super::super::write_atomic(
            &position_path(&snap),
            &foreign(&theirs, false, now).to_bytes(),
        )
        .unwrap();
        let mut p = Publisher::start(&snap).unwrap();
        let got = p.offer(&place(), now, Instant::now()).unwrap();
        assert_eq!(got, Offered::Elsewhere(Box::new(theirs.clone())));
        assert_eq!(
            read(&snap).unwrap().unwrap().presenter,
            theirs,
            "nothing written"
        );

        // Theirs ended, gone quiet, or started after me: mine is written.
        let me = p.presenter.clone();
        for (ended, written_at, started) in [
            (true, now, theirs.started.clone()),
            (
                false,
                now - chrono::TimeDelta::minutes(5),
                theirs.started.clone(),
            ),
            (false, now, "2999-01-01T00:00:00+00:00".to_owned()),
        ] {
            let mut other = theirs.clone();
            other.started = started;
            let found = foreign(&other, ended, written_at);
            assert!(
                !publishes_first(&found, &me, now),
                "{ended} {written_at} {}",
                other.started
            );
        }
        // Mine is never someone else's.
        assert!(!publishes_first(&foreign(&me, false, now), &me, now));
    }

    #[test]
    fn an_oversized_or_special_position_file_is_refused() {
        let dir = tempfile::tempdir().unwrap();
        let snap = dir.path().join("m.json");
        std::fs::write(position_path(&snap), vec![b' '; MAX_BYTES as usize + 1]).unwrap();
        assert!(matches!(read(&snap), Err(PositionError::TooLarge { .. })));
        std::fs::remove_file(position_path(&snap)).unwrap();
        std::fs::create_dir(position_path(&snap)).unwrap();
        assert!(matches!(read(&snap), Err(PositionError::Io { .. })));
    }
}
