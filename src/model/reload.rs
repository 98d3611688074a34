//! An outside save read against the text held: the new file streams in a
//! piece at a time, each project compared byte for byte with the span of
//! the version on screen, and only the projects that differ are read. The
//! version on screen is not touched until the new one is proven valid; then
//! the unchanged projects are moved into it, not copied, and the record
//! keeps pointing into the text it already holds. A reload of a province's
//! meeting so never holds two full versions at once.
//!
//! Whatever does not fit the usual case (another layout, many projects
//! changed, anything a full load would refuse) gives up: the caller then
//! loads the file in full, which says exactly what is wrong.

use std::collections::{HashMap, HashSet};
use std::sync::Arc;
use std::thread::JoinHandle;

use serde::Deserialize;
use serde_json::Value;

use super::edit::{Change, diff_heads};
use super::parse::{self, MAX_BYTES};
use super::project_text;
use super::reach::Reach;
use super::record::{HeadHash, Item, Record};
use super::snapshot::{Project, Snapshot};
use super::{Document, FileText, validate};

/// Where a project of the new version comes from.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Source {
    /// The project at this index of the version held, unchanged.
    Old(u32),
    /// The project at this index of the ones read anew.
    New(u32),
}

/// Reads a new version of the file against a document held, fed the
/// file's bytes in pieces of any size ([`Differ::feed`]).
pub struct Differ<'a> {
    old: &'a Document,
    text: &'a FileText,
    items: &'a [Item],
    /// The new file without the elements of its projects list.
    head: Vec<u8>,
    /// The hash of `head` up to the projects list's `[`, once met.
    before: Option<u64>,
    /// Where in `head` the projects list's `]` ends.
    closed_at: usize,
    /// The head's members before the projects list, read on a thread of
    /// their own while the projects stream in, when they changed.
    early: Option<JoinHandle<Option<Value>>>,
    lex: Lex,
    /// Where the top level is on the way to the `projects` list.
    key: Key,
    /// The top-level object was opened.
    opened: bool,
    /// The projects list was met (once).
    listed: bool,
    /// Inside the projects list, and how far into it.
    slot: Option<Slot>,
    /// The old project expected next.
    next_old: usize,
    /// The element being read when it is not an old one's text.
    elem: Vec<u8>,
    sources: Vec<Source>,
    /// The texts of the projects read anew, one after the other.
    news: Vec<u8>,
    /// Where each project read anew is in `news`, and the old project
    /// with its id (`None`: no old project has it).
    new_spans: Vec<(usize, usize, Option<usize>)>,
    /// The old projects' ids, built when first needed.
    old_ids: Option<HashMap<&'a str, u32>>,
    len: u64,
    gave_up: bool,
}

/// A JSON text's lexical state, as much as finding where values end needs.
#[derive(Debug, Default, Clone, Copy)]
struct Lex {
    depth: u32,
    in_str: bool,
    escaped: bool,
    /// Where the string being read started (in the buffer it goes to).
    str_start: usize,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Key {
    None,
    /// The top level's key `"projects"` was just read.
    Projects,
    /// … and its colon.
    Colon,
}

#[derive(Debug, Clone, Copy)]
enum Slot {
    /// Between elements: `want` an element next (after `[` or `,`).
    Between { want: bool, first: bool },
    /// The element so far equals the first `off` bytes of old project `old`.
    Matching { old: usize, off: usize },
    /// Read into `elem`.
    Reading(Lex),
}

/// Why the new file is not read against the old one: the full path reads it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct GaveUp;

type Step = Result<(), GaveUp>;

impl<'a> Differ<'a> {
    /// A differ against `old`, when it holds its projects as text.
    pub fn new(old: &'a Document) -> Option<Differ<'a>> {
        let (text, items) = old.json.held_parts()?;
        if items.len() != old.snapshot.projects.len() || items.len() >= u32::MAX as usize {
            return None;
        }
        Some(Differ {
            old,
            text,
            items,
            head: Vec::with_capacity(64 * 1024),
            before: None,
            closed_at: 0,
            early: None,
            lex: Lex::default(),
            key: Key::None,
            opened: false,
            listed: false,
            slot: None,
            next_old: 0,
            elem: Vec::new(),
            sources: Vec::with_capacity(items.len() + 16),
            news: Vec::new(),
            new_spans: Vec::new(),
            old_ids: None,
            len: 0,
            gave_up: false,
        })
    }

    /// Whether the reading gave up (feeding more is then useless).
    pub fn gave_up(&self) -> bool {
        self.gave_up
    }

    /// Reads the next piece of the file.
    pub fn feed(&mut self, piece: &[u8]) {
        if self.gave_up {
            return;
        }
        self.len += piece.len() as u64;
        if self.len > MAX_BYTES || self.feed_inner(piece).is_err() {
            self.give_up();
        }
    }

    fn give_up(&mut self) {
        self.gave_up = true;
        // Nothing read is kept for the full reading (a thread reading the
        // head ends on its own, unheard).
        self.early = None;
        self.head = Vec::new();
        self.elem = Vec::new();
        self.news = Vec::new();
        self.sources = Vec::new();
    }

    fn feed_inner(&mut self, piece: &[u8]) -> Step {
        let mut i = 0;
        while i < piece.len() {
            match self.slot {
                None => {
                    // Bytes that change nothing but the text gathered are
                    // taken in runs: inside a string up to a quote or a
                    // backslash; outside, up to a quote or a bracket.
                    let rest = &piece[i..];
                    let lex = self.lex;
                    let run = if lex.in_str && !lex.escaped {
                        memchr::memchr2(b'"', b'\\', rest).unwrap_or(rest.len())
                    } else if !lex.in_str && lex.depth >= 1 && self.key == Key::None {
                        rest.iter()
                            .position(|b| matches!(b, b'"' | b'{' | b'}' | b'[' | b']'))
                            .unwrap_or(rest.len())
                    } else {
                        0
                    };
                    if run > 0 {
                        self.head.extend_from_slice(&rest[..run]);
                        i += run;
                        continue;
                    }
                    self.top_byte(piece[i])?;
                    i += 1;
                }
                Some(Slot::Between { want, first }) => {
                    self.between(piece[i], want, first)?;
                    i += 1;
                }
                Some(Slot::Matching { old, off }) => {
                    let span = self.span(old).ok_or(GaveUp)?;
                    let rest = &span[off..];
                    let n = rest.len().min(piece.len() - i);
                    let same = common_len(rest, &piece[i..]);
                    i += same;
                    if same == rest.len() {
                        self.sources.push(Source::Old(old as u32));
                        self.next_old = old + 1;
                        self.slot = Some(Slot::Between {
                            want: false,
                            first: false,
                        });
                        i = self.run(piece, i);
                    } else if same == n && i == piece.len() {
                        self.slot = Some(Slot::Matching {
                            old,
                            off: off + same,
                        });
                    } else {
                        // Differs here: read it as text of its own.
                        self.elem.clear();
                        self.elem.extend_from_slice(&span[..off + same]);
                        let mut lex = Lex::default();
                        for k in 0..self.elem.len() {
                            lex.element_byte(self.elem[k], k);
                        }
                        self.slot = Some(Slot::Reading(lex));
                    }
                }
                Some(Slot::Reading(mut lex)) => {
                    let b = piece[i];
                    i += 1;
                    self.elem.push(b);
                    if lex.element_byte(b, self.elem.len() - 1) {
                        self.element_read()?;
                    } else {
                        self.slot = Some(Slot::Reading(lex));
                    }
                }
            }
        }
        Ok(())
    }

    /// Right after old project `next_old - 1` matched whole: the projects
    /// that follow it in the old text are compared with the new bytes
    /// together with the separators between them, one comparison per
    /// project instead of a step per byte, for as long as they match and
    /// follow one another in the old text. Returns where reading goes on,
    /// in the state it would have reached byte by byte.
    fn run(&mut self, piece: &[u8], mut i: usize) -> usize {
        loop {
            let k = self.next_old;
            let Some(Item::Span { end: from, .. }) =
                k.checked_sub(1).and_then(|p| self.items.get(p))
            else {
                return i;
            };
            let Some(Item::Span { start, end }) = self.items.get(k) else {
                return i;
            };
            let (from, start, end) = (*from as usize, *start as usize, *end as usize);
            // The next in the old text, after a comma: the usual file.
            let next = start >= from
                && self.text.get(start) == Some(&b'{')
                && self.text.get(from..start).is_some_and(separator);
            let Some(want) = self.text.get(from..end).filter(|_| next) else {
                return i;
            };
            let same = common_len(want, &piece[i..]);
            i += same;
            if same == want.len() {
                self.sources.push(Source::Old(k as u32));
                self.next_old = k + 1;
                continue;
            }
            // Stopped (the piece ended, or the text differs) in the
            // separator or in the project.
            let gap = start - from;
            self.slot = Some(match same.checked_sub(gap) {
                Some(off) if off > 0 => Slot::Matching { old: k, off },
                _ => Slot::Between {
                    want: self.text[from..from + same].contains(&b','),
                    first: false,
                },
            });
            return i;
        }
    }

    /// The text of old project `i`, when it is held as text.
    fn span(&self, i: usize) -> Option<&'a [u8]> {
        match self.items.get(i)? {
            Item::Span { start, end } => self.text.get(*start as usize..*end as usize),
            Item::Value(_) => None,
        }
    }

    /// A byte of the top level (outside the projects list's elements).
    fn top_byte(&mut self, b: u8) -> Step {
        self.head.push(b);
        let lex = &mut self.lex;
        if lex.in_str {
            if lex.escaped {
                lex.escaped = false;
            } else if b == b'\\' {
                lex.escaped = true;
            } else if b == b'"' {
                lex.in_str = false;
                if lex.depth == 1 {
                    self.key = match &self.head[lex.str_start..] {
                        b"\"projects\"" => Key::Projects,
                        _ => Key::None,
                    };
                }
            }
            return Ok(());
        }
        if is_space(b) {
            return Ok(());
        }
        if lex.depth == 0 {
            // Not an object, or something after it: the full reading says.
            if b != b'{' || self.opened {
                return Err(GaveUp);
            }
            self.opened = true;
        }
        let key = std::mem::replace(&mut self.key, Key::None);
        match (key, b) {
            (Key::Projects, b':') => self.key = Key::Colon,
            (Key::Colon, b'[') if !self.listed => {
                self.listed = true;
                self.slot = Some(Slot::Between {
                    want: true,
                    first: true,
                });
                // The key `"projects"` was the last string read.
                let key_at = lex.str_start;
                self.read_before(key_at);
            }
            (Key::Colon, _) => return Err(GaveUp),
            (_, b'"') => {
                lex.in_str = true;
                lex.str_start = self.head.len() - 1;
            }
            (_, b'{' | b'[') => lex.depth += 1,
            (_, b'}' | b']') => lex.depth = lex.depth.checked_sub(1).ok_or(GaveUp)?,
            _ => {}
        }
        Ok(())
    }

    /// A byte between the elements of the projects list.
    fn between(&mut self, b: u8, want: bool, first: bool) -> Step {
        match b {
            b if is_space(b) => {}
            b']' if !want || first => {
                self.head.push(b']');
                self.closed_at = self.head.len();
                self.slot = None;
            }
            b',' if !want => {
                self.slot = Some(Slot::Between {
                    want: true,
                    first: false,
                });
            }
            b'{' if want => {
                // An object's span starts with `{` as well.
                if self.span(self.next_old).and_then(|s| s.first()) == Some(&b'{') {
                    self.slot = Some(Slot::Matching {
                        old: self.next_old,
                        off: 1,
                    });
                } else {
                    self.elem.clear();
                    self.elem.push(b);
                    let mut lex = Lex::default();
                    lex.element_byte(b, 0);
                    self.slot = Some(Slot::Reading(lex));
                }
            }
            _ => return Err(GaveUp),
        }
        Ok(())
    }

    /// The head up to the projects list's `[` is read (`key_at` where its
    /// key starts): when it is not the text held, its members are read on
    /// a thread of their own while the projects stream in, as the object
    /// they make with an empty projects list. Every byte between them is
    /// the file's own, so that object reads exactly when this part of the
    /// file does.
    fn read_before(&mut self, key_at: usize) {
        let before = xxhash_rust::xxh3::xxh3_64(&self.head);
        self.before = Some(before);
        if self.old.json.head_hash().map(|h| h.before) == Some(before) {
            return;
        }
        let mut text = Vec::with_capacity(key_at + EMPTY_LIST.len() + 1);
        text.extend_from_slice(&self.head[..key_at]);
        text.extend_from_slice(EMPTY_LIST);
        text.push(b'}');
        self.early = std::thread::Builder::new()
            .name("guotang-head".into())
            .spawn(move || parse::parse_json(&text).ok())
            .ok();
    }

    /// The head read as a value: the members before the projects list
    /// from the thread that read them, when it did, and the rest here (as
    /// the object it makes after an empty projects list); otherwise whole.
    fn read_head(&mut self) -> Result<Value, GaveUp> {
        let early = self.early.take().and_then(|t| t.join().ok().flatten());
        if let Some(Value::Object(mut top)) = early {
            let mut text = Vec::with_capacity(self.head.len() - self.closed_at + 32);
            text.push(b'{');
            text.extend_from_slice(EMPTY_LIST);
            text.extend_from_slice(&self.head[self.closed_at..]);
            if let Ok(Value::Object(after)) = parse::parse_json(&text) {
                let want = top.len() + after.len() - 1;
                // Its first member is the projects list, already in `top`.
                top.extend(after.into_iter().skip(1));
                // Fewer: a key on both sides of the list, which the whole
                // reading refuses.
                if top.len() == want {
                    return Ok(Value::Object(top));
                }
            }
        }
        parse::parse_json(&self.head).map_err(|_| GaveUp)
    }

    /// An element read whole into `elem` that is not the expected old text.
    fn element_read(&mut self) -> Step {
        #[derive(Deserialize)]
        struct Id<'t> {
            #[serde(borrow)]
            id: std::borrow::Cow<'t, str>,
        }
        let id = serde_json::from_slice::<Id>(&self.elem)
            .map_err(|_| GaveUp)?
            .id;
        let old = &self.old.snapshot.projects;
        // The expected one, or one of the next few (projects deleted), or
        // any (moved): the ids are gathered only then.
        let near = (self.next_old..old.len().min(self.next_old + NEAR)).find(|&j| old[j].id == *id);
        let found = match near {
            Some(j) => Some(j),
            None => {
                let ids = self.old_ids.get_or_insert_with(|| ids_of(old));
                ids.get(&*id).map(|&j| j as usize)
            }
        };
        if let Some(j) = found {
            self.next_old = j + 1;
            if self.span(j) == Some(&self.elem[..]) {
                self.sources.push(Source::Old(j as u32));
                self.slot = Some(Slot::Between {
                    want: false,
                    first: false,
                });
                return Ok(());
            }
        }
        let start = self.news.len();
        self.news.extend_from_slice(&self.elem);
        self.new_spans.push((start, self.news.len(), found));
        self.sources
            .push(Source::New(self.new_spans.len() as u32 - 1));
        // Many projects changed (or another layout): read whole instead.
        let n = self.items.len();
        if self.new_spans.len() > (n / 16).max(256)
            || self.news.len() > (self.text.len() / 16).max(1 << 20)
        {
            return Err(GaveUp);
        }
        self.slot = Some(Slot::Between {
            want: false,
            first: false,
        });
        Ok(())
    }

    /// The new version, proven valid, ready to replace the old one; or
    /// [`GaveUp`] when only the full reading can tell (or it is invalid).
    pub fn finish(mut self) -> Result<Plan, GaveUp> {
        if self.gave_up
            || self.slot.is_some()
            || !self.listed
            || !self.opened
            || self.lex.depth != 0
        {
            return Err(GaveUp);
        }
        let old = &self.old.snapshot;
        // The parts of the snapshot outside the projects list: the old
        // ones when that part of the file is as it was — as text (by its
        // hash: nothing read), or as a value.
        let whole = xxhash_rust::xxh3::xxh3_64(&self.head);
        let head_hash = self.before.map(|before| HeadHash { before, whole });
        let old_head = self.old.json.shared_head();
        let (head, head_snapshot, head_changes) =
            match self.old.json.head_hash().map(|h| h.whole) == Some(whole) {
                true => (Arc::clone(old_head), None, None),
                false => {
                    let head = self.read_head()?;
                    match head == **old_head {
                        true => (Arc::clone(old_head), None, None),
                        false => {
                            let head = Arc::new(head);
                            // What the marks will say, found beside the validation.
                            let (old, new) = (Arc::clone(old_head), Arc::clone(&head));
                            let changes = std::thread::Builder::new()
                                .name("guotang-diff".into())
                                .spawn(move || diff_heads(&old, &new));
                            let s = validate::validate(&head).map_err(|_| GaveUp)?;
                            let changes = changes.ok().and_then(|t| t.join().ok());
                            (head, Some(Box::new(s)), changes)
                        }
                    }
                }
            };
        let units = head_snapshot.as_ref().map_or(&old.units, |s| &s.units);
        let unit_ids: validate::Ids<'_> = units
            .iter()
            .enumerate()
            .map(|(i, u)| (u.id.as_str(), i))
            .collect();
        // A unit's index in the new list, for each old unit; none when every
        // unit stays where it was (a title or a figure changed), so that
        // the 100,000 projects need not be visited for their units.
        let unit_map = head_snapshot
            .as_ref()
            .map(|_| {
                old.units
                    .iter()
                    .map(|u| unit_ids.get(u.id.as_str()).copied())
                    .collect::<Vec<_>>()
            })
            .filter(|map| {
                map.len() != units.len() || map.iter().enumerate().any(|(i, &j)| j != Some(i))
            });
        let mut reused = vec![false; old.projects.len()];
        for s in &self.sources {
            if let Source::Old(j) = *s {
                let j = j as usize;
                // The same text twice is the same id twice: invalid.
                if std::mem::replace(&mut reused[j], true) {
                    return Err(GaveUp);
                }
                if let Some(map) = &unit_map {
                    let unit = old.projects.get(j).map(|p| p.unit);
                    if unit.and_then(|u| map.get(u).copied().flatten()).is_none() {
                        return Err(GaveUp);
                    }
                }
            }
        }
        let mut news = Vec::with_capacity(self.new_spans.len());
        let mut values = Vec::with_capacity(self.new_spans.len());
        let mut new_ids = HashSet::with_capacity(self.new_spans.len());
        for &(start, end, same_id) in &self.new_spans {
            let text = &self.news[start..end];
            let project = project_text::read(text, &unit_ids).ok_or(GaveUp)?;
            let value = parse::element(text).ok_or(GaveUp)?;
            // Its id is an old project's that stays, or another new one's.
            let clash = same_id.is_some_and(|j| reused[j]);
            if clash || !new_ids.insert(project.id.clone()) {
                return Err(GaveUp);
            }
            news.push(project);
            values.push(value);
        }
        let mut values = values.into_iter();
        let mut items: Vec<Item> = Vec::with_capacity(self.sources.len());
        for s in &self.sources {
            items.push(match *s {
                Source::Old(j) => self.items[j as usize].clone(),
                Source::New(_) => Item::Value(Box::new(values.next().ok_or(GaveUp)?)),
            });
        }
        // The projects read anew where an old one with the same id stood,
        // when every other stayed in its place.
        let aligned = in_place(&self.sources, old.projects.len(), |i, k| {
            news.get(k)
                .zip(old.projects.get(i))
                .is_some_and(|(n, o)| n.id == o.id)
        });
        let changed = aligned.then(|| {
            let new = |(i, s): (usize, &Source)| matches!(s, Source::New(_)).then_some(i);
            self.sources.iter().enumerate().filter_map(new).collect()
        });
        let reach = Reach::of_reading(old, head_snapshot.as_deref(), changed);
        Ok(Plan {
            record: Record::lazy_shared(head, head_hash, self.text.clone(), items),
            reach,
            head_snapshot,
            head_changes,
            unit_map: unit_map.map(|m| m.into_iter().map(|u| u.unwrap_or(0)).collect()),
            sources: self.sources,
            news,
        })
    }
}

/// The projects list as the head holds it: what the members read apart
/// from the list are joined around.
const EMPTY_LIST: &[u8] = b"\"projects\": []";

/// How many old projects past the one expected are looked at for an id
/// before all the old ids are gathered.
const NEAR: usize = 8;

/// The projects' ids and their indices.
fn ids_of(projects: &[Project]) -> HashMap<&str, u32> {
    projects
        .iter()
        .enumerate()
        .map(|(i, p)| (p.id.as_str(), i as u32))
        .collect()
}

/// How many bytes `a` and `b` have in common from the start (at most the
/// shorter's length): compared whole first, the usual case.
fn common_len(a: &[u8], b: &[u8]) -> usize {
    let n = a.len().min(b.len());
    match a[..n] == b[..n] {
        true => n,
        false => a.iter().zip(b).take_while(|(x, y)| x == y).count(),
    }
}

/// The longest separator between two projects taken for one.
const MAX_GAP: usize = 64;

/// Whether `gap` is what may stand between two elements of a list: one
/// comma amid white space.
fn separator(gap: &[u8]) -> bool {
    gap.len() <= MAX_GAP
        && gap.iter().all(|&b| b == b',' || is_space(b))
        && gap.iter().filter(|&&b| b == b',').count() == 1
}

fn is_space(b: u8) -> bool {
    matches!(b, b' ' | b'\n' | b'\r' | b'\t')
}

impl Lex {
    /// One byte of a value read on its own (`at` its place); whether the
    /// value ends with it.
    fn element_byte(&mut self, b: u8, at: usize) -> bool {
        if self.in_str {
            if self.escaped {
                self.escaped = false;
            } else if b == b'\\' {
                self.escaped = true;
            } else if b == b'"' {
                self.in_str = false;
            }
            return false;
        }
        match b {
            b'"' => {
                self.in_str = true;
                self.str_start = at;
                false
            }
            b'{' | b'[' => {
                self.depth += 1;
                false
            }
            b'}' | b']' => {
                self.depth = self.depth.saturating_sub(1);
                self.depth == 0
            }
            _ => false,
        }
    }
}

/// A new version read against the old one and found valid: applying it
/// cannot fail.
#[derive(Clone)]
pub struct Plan {
    record: Record,
    /// What of the derived data the new version can have changed.
    reach: Reach,
    /// The snapshot's parts outside the projects, when they changed.
    head_snapshot: Option<Box<Snapshot>>,
    /// The changes between the old head and the new, when it changed and
    /// they were found ([`diff_heads`]).
    head_changes: Option<Vec<Change>>,
    /// Old unit index → new unit index, when the units may have moved.
    unit_map: Option<Vec<usize>>,
    sources: Vec<Source>,
    /// The projects read anew, in the order of their [`Source::New`].
    news: Vec<Project>,
}

impl std::fmt::Debug for Plan {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Plan")
            .field("projects", &self.sources.len())
            .field("read_anew", &self.news.len())
            .field("head_changed", &self.head_snapshot.is_some())
            .finish()
    }
}

impl Plan {
    /// What of the derived data the new version can have changed.
    pub fn reach(&self) -> &Reach {
        &self.reach
    }

    /// How many projects were read anew (the rest were the old ones').
    pub fn read_anew(&self) -> usize {
        self.news.len()
    }

    /// Takes the changes between the old head and the new, when found
    /// while reading: what [`super::edit::diff_records`] would find outside
    /// the projects list for the record [`Plan::apply`] gives back.
    pub fn take_head_changes(&mut self) -> Option<Vec<Change>> {
        self.head_changes.take()
    }

    /// Makes `doc` the new version: its unchanged projects are moved, not
    /// copied; the old record comes back (it shares the text the new one
    /// holds), for saying what changed.
    pub fn apply(self, doc: &mut Document) -> Record {
        self.replace(doc).record
    }

    /// [`Plan::apply`], giving back all it took out of `doc`, so that the
    /// caller chooses when to free it (the old head of a province's meeting
    /// takes 10 ms to free).
    pub fn replace(self, doc: &mut Document) -> Replaced {
        let record = std::mem::replace(&mut doc.json, self.record);
        let remap = |p: &mut Project, map: &Option<Vec<usize>>| {
            if let Some(map) = map {
                p.unit = map.get(p.unit).copied().unwrap_or(p.unit);
            }
        };
        let aligned = in_place(&self.sources, doc.snapshot.projects.len(), |_, _| true);
        if aligned {
            // Projects changed where they stand: replaced in place.
            let mut news = self.news.into_iter();
            for (p, s) in doc.snapshot.projects.iter_mut().zip(&self.sources) {
                match s {
                    Source::Old(_) => remap(p, &self.unit_map),
                    Source::New(_) => {
                        if let Some(new) = news.next() {
                            *p = new;
                        }
                    }
                }
            }
            let head = self.head_snapshot.map(|head| {
                let projects = std::mem::take(&mut doc.snapshot.projects);
                std::mem::replace(&mut doc.snapshot, Snapshot { projects, ..*head })
            });
            return Replaced { record, head };
        }
        let mut old: Vec<Option<Project>> = std::mem::take(&mut doc.snapshot.projects)
            .into_iter()
            .map(Some)
            .collect();
        let mut news = self.news.into_iter();
        let mut projects = Vec::with_capacity(self.sources.len());
        for s in &self.sources {
            let p = match *s {
                Source::Old(j) => old.get_mut(j as usize).and_then(Option::take).map(|mut p| {
                    remap(&mut p, &self.unit_map);
                    p
                }),
                Source::New(_) => news.next(),
            };
            // Every source was checked when the plan was made.
            debug_assert!(p.is_some(), "a project of the plan is missing");
            projects.extend(p);
        }
        drop(old);
        let head = match self.head_snapshot {
            Some(head) => Some(std::mem::replace(
                &mut doc.snapshot,
                Snapshot { projects, ..*head },
            )),
            None => {
                doc.snapshot.projects = projects;
                None
            }
        };
        Replaced { record, head }
    }
}

/// What [`Plan::replace`] took out of a document: the old record, and the
/// old snapshot without its projects when the parts outside them changed.
pub struct Replaced {
    pub record: Record,
    pub head: Option<Snapshot>,
}

/// Whether the new list of `sources` keeps `n` projects where they were:
/// each old one at its own index, and each read anew (the `k`th) at an
/// index `i` where `fits(i, k)`.
fn in_place(sources: &[Source], n: usize, fits: impl Fn(usize, usize) -> bool) -> bool {
    sources.len() == n
        && sources.iter().enumerate().all(|(i, s)| match *s {
            Source::Old(j) => j as usize == i,
            Source::New(k) => fits(i, k as usize),
        })
}

/// Reads `bytes` against `old` in one piece (tests and benchmarks; the
/// store feeds a file piece by piece).
pub fn plan(old: &Document, bytes: &[u8]) -> Result<Plan, GaveUp> {
    let mut d = Differ::new(old).ok_or(GaveUp)?;
    d.feed(bytes);
    d.finish()
}
