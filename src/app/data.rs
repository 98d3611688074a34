//! The data the console shows and what is derived from it. Derived data is
//! computed here, once per data change: a key press never recomputes it.

use std::sync::Arc;

use chrono::NaiveDateTime;

use super::editor::sheets::Word;
use super::frames::Frames;
use crate::model::order::{self, SeatedZone};
use crate::model::reach::Reach;
use crate::model::{self, Document, Pane, Problem, Snapshot, Standings};
use crate::store::LoadError;

/// Everything computed from a snapshot that panes draw from.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Derived {
    pub standings: Standings,
    pub seating: Vec<SeatedZone>,
    /// Units whose card has no seating zone, in standing order.
    pub unzoned: Vec<usize>,
    /// Per unit: another unit has the same name.
    pub twins: Vec<bool>,
    /// Per agenda item: its speaker queue (unit indices), empty unless `speakers`.
    pub queues: Vec<Vec<usize>>,
    /// The editor's choice of a project's unit: every unit, built once per
    /// data change rather than for each cell of each frame (2,000 units
    /// made a frame of the projects sheet 10 ms).
    pub unit_choices: Arc<[Word]>,
    /// What the panes would otherwise measure over every unit or project
    /// on every frame.
    pub frames: Frames,
}

impl Derived {
    /// Computes standings, seating and speaker queues.
    pub fn compute(s: &Snapshot) -> Derived {
        let standings = model::compute(s);
        let units = UnitSide::of(s, &standings);
        let frames = Frames::compute(s, &standings, &units.queues);
        units.with(standings, frames)
    }

    /// The derived data again after a change that reached what `reach`
    /// says (an edit, a reload read against the data in force): the side
    /// it did not reach is kept. Equal to [`Derived::compute`] of `s`
    /// whenever `reach` is true to the change; the tests hold it to that.
    pub fn again(self, s: &Snapshot, reach: &Reach) -> Derived {
        let Derived {
            standings,
            seating,
            unzoned,
            twins,
            queues,
            unit_choices,
            frames,
        } = self;
        let standings = model::standings::again(standings, s, reach);
        let units = match reach.units {
            true => UnitSide::of(s, &standings),
            false => UnitSide {
                seating,
                unzoned,
                twins,
                queues,
                unit_choices,
            },
        };
        let frames = Frames::again(frames, s, &standings, &units.queues, reach);
        units.with(standings, frames)
    }
}

/// What is derived from the units alone, beside their standings.
struct UnitSide {
    seating: Vec<SeatedZone>,
    unzoned: Vec<usize>,
    twins: Vec<bool>,
    queues: Vec<Vec<usize>>,
    unit_choices: Arc<[Word]>,
}

impl UnitSide {
    fn of(s: &Snapshot, standings: &Standings) -> UnitSide {
        UnitSide {
            seating: order::seat(s, standings),
            unzoned: order::unzoned(s, standings),
            twins: order::twins(s),
            queues: s
                .agenda
                .iter()
                .map(|item| match (&item.speakers, item.pane) {
                    (Some(sel), Pane::Speakers) => order::speakers(s, standings, sel),
                    _ => Vec::new(),
                })
                .collect(),
            unit_choices: s
                .units
                .iter()
                .map(|u| Word::new(u.id.clone(), u.name.clone()))
                .collect(),
        }
    }

    fn with(self, standings: Standings, frames: Frames) -> Derived {
        Derived {
            standings,
            seating: self.seating,
            unzoned: self.unzoned,
            twins: self.twins,
            queues: self.queues,
            unit_choices: self.unit_choices,
            frames,
        }
    }
}

/// The data in force, where it came from, and how the last reload went.
#[derive(Debug, Clone)]
pub struct Data {
    pub doc: Document,
    pub derived: Derived,
    /// Hash of the file's bytes as loaded (None for the built-in demo).
    pub content_hash: Option<u64>,
    /// When the data in force was loaded.
    pub loaded_at: NaiveDateTime,
    /// Whether the data in force came from a reload (not the first load).
    pub reloaded: bool,
    /// Why the file on disk is not what is shown: the last reload's error, with its place.
    pub error: Option<String>,
    /// The file on disk is gone (deleted or renamed away), not broken.
    pub gone: bool,
    /// Counts computations of the derived data (tests check that only data changes do it).
    pub generation: u64,
    /// What the last change replaced, freed once the new data is on screen.
    pub retired: Retired,
}

/// What a change of the data in force replaced, held until the new data
/// is on screen and then freed ([`Retired::free`]): freeing the old head
/// of a province's meeting (2,000 units as JSON values and as a snapshot)
/// takes 10 ms that the presenter would otherwise wait for. At most one
/// change's worth is held: the next one frees it first.
#[derive(Default)]
pub struct Retired(Vec<Box<dyn Send>>);

impl Retired {
    /// Holds `old` until [`Retired::free`], freeing what was held before.
    pub fn keep(&mut self, old: impl Send + 'static) {
        self.0.clear();
        self.0.push(Box::new(old));
    }

    /// Frees what is held.
    pub fn free(&mut self) {
        self.0.clear();
    }

    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }
}

impl Clone for Retired {
    /// A copy of the data holds nothing of what the original replaced.
    fn clone(&self) -> Retired {
        Retired::default()
    }
}

impl std::fmt::Debug for Retired {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "Retired({})", self.0.len())
    }
}

impl Data {
    pub fn new(doc: Document, content_hash: Option<u64>, now: NaiveDateTime) -> Data {
        let derived = Derived::compute(&doc.snapshot);
        Data {
            doc,
            derived,
            content_hash,
            loaded_at: now,
            reloaded: false,
            error: None,
            gone: false,
            generation: 0,
            retired: Retired::default(),
        }
    }

    /// The derived data again after a change of the document in force
    /// that reached what `reach` says ([`Derived::again`]).
    pub fn derive_again(&mut self, reach: &Reach) {
        let prev = std::mem::take(&mut self.derived);
        self.derived = prev.again(&self.doc.snapshot, reach);
    }

    pub fn snapshot(&self) -> &Snapshot {
        &self.doc.snapshot
    }

    /// The speaker queue of an agenda item.
    pub fn queue(&self, item: usize) -> &[usize] {
        self.derived.queues.get(item).map_or(&[], Vec::as_slice)
    }

    /// Planned seconds of an agenda item.
    pub fn planned_seconds(&self, item: usize) -> i64 {
        self.snapshot().agenda.get(item).map_or(0, |it| {
            minutes_to_seconds(it.planned_minutes(self.queue(item).len()))
        })
    }

    /// Planned seconds of each speaker's slot in an agenda item.
    pub fn slot_seconds(&self, item: usize) -> i64 {
        self.snapshot().agenda.get(item).map_or(0, |it| {
            minutes_to_seconds(it.slot_minutes(self.queue(item).len()))
        })
    }
}

/// Whole seconds in a number of minutes (snapshot minutes may be fractional).
pub fn minutes_to_seconds(m: f64) -> i64 {
    (m * 60.0).round() as i64
}

/// Why a reload failed, as the banner tells it, in both languages (the
/// banner follows the meeting's locale).
#[derive(Debug, Clone, PartialEq)]
pub struct LoadFailure {
    /// The first problem with its place ([`describe_load_error`]).
    pub message: String,
    /// The same in Chinese: the place, and what kind of problem it is
    /// ([`describe_load_error_zh`]).
    pub message_zh: String,
    /// The file is not there (deleted, or renamed away).
    pub gone: bool,
}

impl From<&str> for LoadFailure {
    fn from(message: &str) -> LoadFailure {
        LoadFailure {
            message: message.to_owned(),
            message_zh: message.to_owned(),
            gone: false,
        }
    }
}

impl LoadFailure {
    /// The banner's words for a load error; a file that is gone is named
    /// alone (the banner's label says the rest, in the console's language).
    pub fn of(e: &LoadError) -> LoadFailure {
        match e {
            LoadError::Io { path, source } if source.kind() == std::io::ErrorKind::NotFound => {
                let name = file_name(path);
                LoadFailure {
                    message: name.clone(),
                    message_zh: name,
                    gone: true,
                }
            }
            _ => LoadFailure {
                message: describe_load_error(e),
                message_zh: describe_load_error_zh(e),
                gone: false,
            },
        }
    }

    /// The words in the meeting's language.
    pub fn text(&self, lang: crate::i18n::Lang) -> &str {
        lang.pick(&self.message_zh, &self.message)
    }
}

/// A file's name alone, for a banner.
fn file_name(path: &std::path::Path) -> String {
    path.file_name().map_or_else(
        || path.display().to_string(),
        |n| n.to_string_lossy().into_owned(),
    )
}

/// A reload failure in Chinese: the place (line and column, or the field's
/// JSON path) and what kind of problem, without the parser's English; the
/// details are `guotang check`'s.
pub fn describe_load_error_zh(e: &LoadError) -> String {
    match e {
        LoadError::Io { path, source } => {
            let why = match source.kind() {
                std::io::ErrorKind::NotFound => "文件不见了（删除或改名），恢复后会自动重新读取",
                std::io::ErrorKind::PermissionDenied => "没有读取权限",
                std::io::ErrorKind::IsADirectory => "这是一个文件夹，不是数据文件",
                _ => "读取出错",
            };
            format!("{}：{why}", file_name(path))
        }
        LoadError::Invalid { path, problems } => {
            let name = file_name(path);
            let first = match problems.first() {
                Some(Problem::Syntax { line, column, .. }) => {
                    format!("{name} 第 {line} 行第 {column} 列：JSON 格式有误")
                }
                Some(Problem::Field { path, .. }) => format!("{name} 中 {path} 有误"),
                Some(Problem::Input { .. }) | None => format!("{name} 不是可用的数据文件"),
            };
            let more = problems.len().saturating_sub(1);
            if more > 0 {
                format!("{first}（另有 {more} 处问题，详见 guotang check）")
            } else {
                first
            }
        }
    }
}

/// A reload failure as the banner shows it: the first problem with its place
/// (line:column or JSON path), and how many more there are.
pub fn describe_load_error(e: &LoadError) -> String {
    let name = |path: &std::path::Path| {
        path.file_name().map_or_else(
            || path.display().to_string(),
            |n| n.to_string_lossy().into_owned(),
        )
    };
    match e {
        // Deleted, or renamed away (an editor's or a sync tool's save can
        // leave it so for a moment): the watch reloads it once it is back.
        LoadError::Io { path, source } if source.kind() == std::io::ErrorKind::NotFound => {
            format!(
                "{} is gone (deleted or renamed); it is read again when it is back",
                name(path)
            )
        }
        LoadError::Io { .. } => e.to_string(),
        LoadError::Invalid { path, problems } => {
            let name = name(path);
            let first = problems.first().map_or_else(String::new, |p| match p {
                Problem::Syntax {
                    line,
                    column,
                    message,
                    ..
                } => format!("{line}:{column}: {message}"),
                other => other
                    .to_string()
                    .lines()
                    .next()
                    .unwrap_or_default()
                    .to_owned(),
            });
            let more = problems.len().saturating_sub(1);
            if more > 0 {
                format!("{name}:{first} (+{more})")
            } else {
                format!("{name}:{first}")
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_missing_file_is_said_to_be_gone_by_name() {
        let e = LoadError::Io {
            path: "/srv/会议/meeting.json".into(),
            source: std::io::Error::from(std::io::ErrorKind::NotFound),
        };
        assert_eq!(
            describe_load_error(&e),
            "meeting.json is gone (deleted or renamed); it is read again when it is back"
        );
        let e = LoadError::Io {
            path: "/srv/meeting.json".into(),
            source: std::io::Error::from(std::io::ErrorKind::PermissionDenied),
        };
        assert!(describe_load_error(&e).starts_with("cannot read /srv/meeting.json: "));
    }

    /// The Chinese banner has no English in it: the place, and the kind.
    #[test]
    fn a_broken_file_is_described_in_chinese() {
        let broken = b"{\n  \"format\": \"guotang/1\",\n  oops\n}";
        let problems = crate::model::Document::from_bytes(broken).unwrap_err();
        let e = LoadError::Invalid {
            path: "/srv/会议/meeting.json".into(),
            problems,
        };
        let zh = describe_load_error_zh(&e);
        assert!(
            zh.starts_with("meeting.json 第 3 行第 3 列：JSON 格式有误"),
            "{zh}"
        );
        let words = zh.replace("meeting.json", "");
        assert!(!words.chars().any(|c| c.is_ascii_lowercase()), "{zh}");
        let mut value: serde_json::Value = serde_json::from_str(crate::model::DEMO).unwrap();
        value["units"][0]["actuals"]["investment"] = serde_json::json!("九十");
        let problems =
            crate::model::Document::from_bytes(value.to_string().as_bytes()).unwrap_err();
        let e = LoadError::Invalid {
            path: "meeting.json".into(),
            problems,
        };
        assert_eq!(
            describe_load_error_zh(&e),
            "meeting.json 中 units[0].actuals.investment 有误"
        );
        let failure = LoadFailure::of(&e);
        assert_eq!(
            failure.text(crate::i18n::Lang::Zh),
            describe_load_error_zh(&e)
        );
        assert!(
            failure
                .text(crate::i18n::Lang::En)
                .contains("units[0].actuals.investment")
        );
    }
}
