//! The record of a snapshot: what is saved, unknown fields and key order
//! included, held so that a province's meeting costs little more memory
//! than its file.
//!
//! A `serde_json::Value` of 100,000 projects is 4.3 times the file (every
//! key its own `String`, every object an `IndexMap`). So the record keeps
//! the snapshot as a value except for the elements of its top-level
//! `projects` list, which stay the spans of text they were read from,
//! sharing one copy of the file's bytes. A project becomes a value when it
//! is edited; saving writes the spans in the save format straight from the
//! text ([`super::pretty`]), byte for byte what the value would give.

use std::borrow::Cow;
use std::fmt;
use std::io::{self, Write};
use std::sync::Arc;

use rayon::prelude::*;
use serde_json::Value;

use super::FileText;
use super::parse;
use super::pretty::{write_pretty, write_value};

/// A snapshot document: the record saved, read and edited.
#[derive(Clone)]
pub struct Record {
    /// The document; when `projects` is set, its `projects` member is an
    /// empty list that only keeps the member's place among the keys.
    /// Shared: a reload whose file differs only in projects keeps the head
    /// it had (copied only if edited while still shared).
    head: Arc<Value>,
    /// The hashes of the head's text as the file had it (the file without
    /// the projects list's elements, see [`head_text_hash`]), when they are
    /// known and the head not edited since: a reload whose head text has
    /// the same hash has the same head, and reads none of it.
    head_hash: Option<HeadHash>,
    projects: Option<Lazy>,
}

/// The hashes of a head's text (the file without the elements of its
/// projects list): the part up to the list's `[`, and the whole.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct HeadHash {
    /// Everything up to the projects list's `[`, that included.
    pub before: u64,
    pub whole: u64,
}

/// The elements of the top-level `projects` list, held apart.
#[derive(Clone)]
struct Lazy {
    /// The text the spans point into (shared by clones of the record).
    text: FileText,
    items: Vec<Item>,
}

impl Lazy {
    /// One of `items`, as it is held.
    fn held<'a>(&'a self, item: &'a Item) -> Held<'a> {
        match item {
            Item::Span { start, end } => Held::Text(&self.text[*start as usize..*end as usize]),
            Item::Value(v) => Held::Value(v),
        }
    }
}

/// A project held apart, as it is held.
pub(crate) enum Held<'a> {
    Text(&'a [u8]),
    Value(&'a Value),
}

/// One project: its span of text, or its value once edited.
#[derive(Clone)]
pub(crate) enum Item {
    Span { start: u32, end: u32 },
    Value(Box<Value>),
}

impl Item {
    /// A span; files are at most [`parse::MAX_BYTES`], far below `u32::MAX`.
    pub(crate) fn span(start: usize, end: usize) -> Item {
        Item::Span {
            start: start as u32,
            end: end as u32,
        }
    }
}

impl Record {
    /// A record holding `value` as it is.
    pub fn from_value(value: Value) -> Record {
        Record {
            head: Arc::new(value),
            head_hash: None,
            projects: None,
        }
    }

    /// A record of `value` with the projects held apart as compact text:
    /// a document built or edited as a value costs no more than one read.
    pub fn holding_projects(value: Value) -> Record {
        let Value::Object(mut top) = value else {
            return Record::from_value(value);
        };
        let list = match top.get_mut("projects") {
            // Deeper than a file may nest could not be read back from text.
            Some(Value::Array(list)) if list.iter().all(|p| depth(p) <= MAX_ELEMENT_DEPTH) => {
                std::mem::take(list)
            }
            _ => return Record::from_value(Value::Object(top)),
        };
        let mut text = Vec::new();
        let items = list
            .into_iter()
            .map(|p| {
                let start = text.len();
                match serde_json::to_writer(&mut text, &p) {
                    Ok(()) => Item::span(start, text.len()),
                    Err(_) => {
                        text.truncate(start);
                        Item::Value(Box::new(p))
                    }
                }
            })
            .collect();
        text.shrink_to_fit();
        Record::lazy(Value::Object(top), FileText::from(text), items)
    }

    pub(crate) fn lazy(head: Value, text: FileText, items: Vec<Item>) -> Record {
        Record::lazy_shared(Arc::new(head), None, text, items)
    }

    /// [`Record::lazy`] of a head shared with another record, whose text
    /// hashed to `head_hash`.
    pub(crate) fn lazy_shared(
        head: Arc<Value>,
        head_hash: Option<HeadHash>,
        text: FileText,
        items: Vec<Item>,
    ) -> Record {
        Record {
            head,
            head_hash,
            projects: Some(Lazy { text, items }),
        }
    }

    /// The head, shared.
    pub(crate) fn shared_head(&self) -> &Arc<Value> {
        &self.head
    }

    /// The hashes of the head's text as read, unless edited since.
    pub(crate) fn head_hash(&self) -> Option<HeadHash> {
        self.head_hash
    }

    /// Whether both records hold the very same head (one kept by a reload).
    pub(crate) fn same_head(&self, other: &Record) -> bool {
        Arc::ptr_eq(&self.head, &other.head)
    }

    /// The whole document as a value (every project parsed): for code that
    /// compares or rewrites documents wholesale (diff, import, rebase).
    pub fn to_value(&self) -> Value {
        self.clone().into_value()
    }

    /// The whole document as a value, consuming the record.
    pub fn into_value(self) -> Value {
        let mut head = Arc::unwrap_or_clone(self.head);
        if let (Some(lazy), Value::Object(top)) = (self.projects, &mut head)
            && let Some(slot) = top.get_mut("projects")
        {
            let text = &lazy.text;
            *slot = Value::Array(
                lazy.items
                    .into_iter()
                    .map(|item| match item {
                        Item::Span { start, end } => span_value(text, start, end),
                        Item::Value(v) => *v,
                    })
                    .collect(),
            );
        }
        head
    }

    /// The document with the projects left out when they are held apart
    /// (their member is then an empty list): everything else, as a value.
    pub fn head(&self) -> &Value {
        &self.head
    }

    pub(crate) fn head_mut(&mut self) -> &mut Value {
        self.head_hash = None;
        Arc::make_mut(&mut self.head)
    }

    /// The text the projects are held in, and the projects held apart as
    /// they are held (spans of that text, or values): what a reload reads
    /// the new file against ([`super::reload`]).
    pub(crate) fn held_parts(&self) -> Option<(&FileText, &[Item])> {
        self.projects
            .as_ref()
            .map(|l| (&l.text, l.items.as_slice()))
    }

    /// The check of whether the projects held as text are already in the
    /// save form ([`SaveFormCheck`]): take it as the record is read, before
    /// any edit. `None` when there is nothing to find out.
    pub fn save_form_check(&self) -> Option<SaveFormCheck> {
        let lazy = self.projects.as_ref()?;
        if lazy.text.in_save_form() {
            return None;
        }
        let spans = lazy
            .items
            .iter()
            .filter_map(|item| match item {
                Item::Span { start, end } => Some((*start, *end)),
                Item::Value(_) => None,
            })
            .collect();
        Some(SaveFormCheck {
            text: lazy.text.clone(),
            spans,
        })
    }

    /// The projects held apart, if they are: how many there are.
    pub(crate) fn held_projects(&self) -> Option<usize> {
        self.projects.as_ref().map(|l| l.items.len())
    }

    /// The project at `i` of the projects held apart, as a value.
    pub(crate) fn project(&self, i: usize) -> Option<Cow<'_, Value>> {
        let lazy = self.projects.as_ref()?;
        match lazy.items.get(i)? {
            Item::Span { start, end } => Some(Cow::Owned(span_value(&lazy.text, *start, *end))),
            Item::Value(v) => Some(Cow::Borrowed(v)),
        }
    }

    /// Where the projects of two records may differ, when both hold them
    /// apart, as many, in one text (a record a reload made and the one it
    /// replaced): at every other index both hold the same span of it.
    pub(crate) fn projects_apart(&self, other: &Record) -> Option<Vec<usize>> {
        let (a, b) = (self.projects.as_ref()?, other.projects.as_ref()?);
        if !FileText::same(&a.text, &b.text) || a.items.len() != b.items.len() {
            return None;
        }
        let same = |x: &Item, y: &Item| match (x, y) {
            (Item::Span { start, end }, Item::Span { start: s, end: e }) => start == s && end == e,
            _ => false,
        };
        let apart = a.items.iter().zip(&b.items).enumerate();
        Some(
            apart
                .filter(|(_, (x, y))| !same(x, y))
                .map(|(i, _)| i)
                .collect(),
        )
    }

    /// The project at `i` of the projects held apart, as it is held.
    pub(crate) fn held_at(&self, i: usize) -> Option<Held<'_>> {
        let lazy = self.projects.as_ref()?;
        Some(lazy.held(lazy.items.get(i)?))
    }

    /// Replaces the project at `i` of the projects held apart.
    pub(crate) fn set_project(&mut self, i: usize, value: Value) {
        if let Some(item) = self.projects.as_mut().and_then(|l| l.items.get_mut(i)) {
            *item = Item::Value(Box::new(value));
        }
    }

    /// The projects held apart, in order: each its text, or its value.
    pub(crate) fn held(&self) -> impl Iterator<Item = Held<'_>> {
        self.held_from(0).map(|(_, h)| h)
    }

    /// The projects held apart from index `from` on, with their indices.
    pub(crate) fn held_from(&self, from: usize) -> impl Iterator<Item = (usize, Held<'_>)> {
        self.projects.iter().flat_map(move |lazy| {
            let from = from.min(lazy.items.len());
            lazy.items[from..]
                .iter()
                .enumerate()
                .map(move |(k, item)| (from + k, lazy.held(item)))
        })
    }

    /// Whether every project held as text reads as JSON (as the whole
    /// text, read as one value, would read it).
    pub(crate) fn held_text_reads(&self) -> bool {
        self.held().all(|h| match h {
            Held::Text(t) => parse::element(t).is_some(),
            Held::Value(_) => true,
        })
    }

    /// The record as the console saves it: pretty-printed (two-space
    /// indent, non-ASCII as is), keys in their order, a final newline.
    pub fn to_pretty(&self) -> String {
        let size = self.projects.as_ref().map_or(0, |l| l.text.len()) + 4096;
        let mut out = Vec::with_capacity(size);
        // Writing to a Vec cannot fail.
        let _ = self.write_pretty(&mut out);
        // Valid UTF-8 by construction (parsed text, serde_json output).
        String::from_utf8(out).unwrap_or_else(|_| super::to_pretty(&self.to_value()))
    }

    /// Writes [`Record::to_pretty`] to `w` a piece at a time (a few hundred
    /// kilobytes), so that saving a 27 MB snapshot holds no copy of it.
    pub fn write_pretty(&self, w: &mut dyn Write) -> io::Result<()> {
        let (Some(lazy), Value::Object(top)) = (&self.projects, &*self.head) else {
            serde_json::to_writer_pretty(&mut *w, &*self.head)?;
            return w.write_all(b"\n");
        };
        let mut out = Vec::with_capacity(PIECE + 64 * 1024);
        out.push(b'{');
        for (i, (key, value)) in top.iter().enumerate() {
            out.extend_from_slice(if i == 0 { b"\n  " } else { b",\n  " });
            write_value(&mut out, &Value::from(key.as_str()), 0);
            out.extend_from_slice(b": ");
            if key == "projects" {
                write_projects(&mut out, w, lazy)?;
            } else {
                write_value(&mut out, value, 1);
            }
            if out.len() >= PIECE {
                w.write_all(&out)?;
                out.clear();
            }
        }
        out.extend_from_slice(if top.is_empty() { b"}\n" } else { b"\n}\n" });
        w.write_all(&out)
    }
}

/// Whether the projects read from a text are already what the save writes
/// of them: then a save copies each one's text instead of writing it anew
/// (100,000 projects: the save's text made in 50 ms, copied in 20, which
/// the secretary waits for before the room sees the save).
///
/// Taken from a record as it was read, before any edit, and run later on
/// any thread: it then sees every span read from the text. A record
/// edited since may have let some go, and an undo could bring them back.
pub struct SaveFormCheck {
    text: FileText,
    spans: Vec<(u32, u32)>,
}

impl SaveFormCheck {
    /// Checks every span (a core for 60–65 ms at 100,000 projects; a
    /// compact file is told at its first project) and records the finding
    /// on the text, which every record holding it then reads. Returns the
    /// finding.
    pub fn run(self) -> bool {
        let mut made = Vec::new();
        let yes = self.spans.iter().all(|&(start, end)| {
            let span = &self.text[start as usize..end as usize];
            made.clear();
            write_pretty(&mut made, span, 2);
            made == span
        });
        self.text.found_save_form(yes);
        yes
    }
}

/// How much of the save text is gathered before it is written out.
const PIECE: usize = 256 * 1024;

/// Projects written out in one turn: while one turn's text is written, the
/// next turn's is made on the other cores.
const TURN: usize = 2048;

/// Projects one core makes the text of at a time.
const STRETCH: usize = 256;

/// The projects list, as `to_string_pretty` writes it. Making the text of
/// 100,000 projects was half of a large save on one core: the text of each
/// turn is made on every core while the turn before is written.
fn write_projects(out: &mut Vec<u8>, w: &mut dyn Write, lazy: &Lazy) -> io::Result<()> {
    let n = lazy.items.len();
    if n == 0 {
        out.extend_from_slice(b"[]");
        return Ok(());
    }
    out.push(b'[');
    if n <= TURN || lazy.text.in_save_form() {
        // A short list, or one mostly copied, is made here: no other core
        // is woken for it.
        for (k, stretch) in lazy.items.chunks(STRETCH).enumerate() {
            stretch_text(out, lazy, k * STRETCH, stretch);
            if out.len() >= PIECE {
                w.write_all(out)?;
                out.clear();
            }
        }
        out.extend_from_slice(b"\n  ]");
        return Ok(());
    }
    w.write_all(out)?;
    out.clear();
    let make = |from: usize| -> Vec<Vec<u8>> {
        lazy.items[from..(from + TURN).min(n)]
            .par_chunks(STRETCH)
            .enumerate()
            .map(|(k, stretch)| {
                let mut text = Vec::with_capacity(stretch.len() * 320);
                stretch_text(&mut text, lazy, from + k * STRETCH, stretch);
                text
            })
            .collect()
    };
    let mut ready = make(0);
    for next in (TURN..n).step_by(TURN).map(Some).chain([None]) {
        let mut made = Vec::new();
        let written = rayon::in_place_scope(|s| {
            if let Some(from) = next {
                let (made, make) = (&mut made, &make);
                s.spawn(move |_| *made = make(from));
            }
            ready.iter().try_for_each(|text| w.write_all(text))
        });
        written?;
        ready = made;
    }
    out.extend_from_slice(b"\n  ]");
    Ok(())
}

/// Appends the text of `items`, the projects from index `from` on, each
/// after its separator.
fn stretch_text(text: &mut Vec<u8>, lazy: &Lazy, from: usize, items: &[Item]) {
    // The finding may land in the middle of a save: a span copied or
    // written anew is then the same bytes, which is what it found.
    let as_is = lazy.text.in_save_form();
    for (j, item) in items.iter().enumerate() {
        text.extend_from_slice(if from + j == 0 { b"\n    " } else { b",\n    " });
        match item {
            Item::Span { start, end } => {
                let span = &lazy.text[*start as usize..*end as usize];
                if as_is {
                    text.extend_from_slice(span);
                } else {
                    write_pretty(text, span, 2)
                }
            }
            Item::Value(v) => write_value(text, v, 2),
        }
    }
}

/// Levels of `[` and `{` a project may hold (see [`parse::element`]).
const MAX_ELEMENT_DEPTH: usize = 125;

/// Levels of `[` and `{` in `v`, itself included.
fn depth(v: &Value) -> usize {
    match v {
        Value::Array(a) => 1 + a.iter().map(depth).max().unwrap_or(0),
        Value::Object(m) => 1 + m.values().map(depth).max().unwrap_or(0),
        _ => 0,
    }
}

/// The value of a span that was read and validated when the record was made.
fn span_value(text: &[u8], start: u32, end: u32) -> Value {
    let parsed = parse::element(&text[start as usize..end as usize]);
    debug_assert!(parsed.is_some(), "a project's text read once reads again");
    parsed.unwrap_or(Value::Null)
}

/// The hashes of a snapshot's text without the elements of its projects
/// list (`spans`, non-empty): everything up to the list's `[` and from its
/// `]` on — the bytes a reload's [`super::reload::Differ`] gathers as the
/// head. `None` when the spans are not a top-level list's elements.
pub(crate) fn head_text_hash(text: &[u8], spans: &[(usize, usize)]) -> Option<HeadHash> {
    let (first, last) = (spans.first()?.0, spans.last()?.1);
    let space = |b: &u8| matches!(b, b' ' | b'\n' | b'\r' | b'\t');
    let open = text.get(..first)?.iter().rposition(|b| !space(b))?;
    let close = last + text.get(last..)?.iter().position(|b| !space(b))?;
    if text[open] != b'[' || text[close] != b']' {
        return None;
    }
    // Hashed as the reload hashes what it gathers: the part before the
    // list in one piece, then the whole.
    let mut h = xxhash_rust::xxh3::Xxh3Default::new();
    h.update(&text[..=open]);
    h.update(&text[close..]);
    Some(HeadHash {
        before: xxhash_rust::xxh3::xxh3_64(&text[..=open]),
        whole: h.digest(),
    })
}

impl fmt::Debug for Record {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Record")
            .field("head", &self.head)
            .field("held_projects", &self.held_projects())
            .finish()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Takes at most 1,000 bytes a call, and counts the calls.
    struct Trickle(Vec<u8>, usize);
    impl Write for Trickle {
        fn write(&mut self, buf: &[u8]) -> io::Result<usize> {
            let n = buf.len().min(1000);
            self.0.extend_from_slice(&buf[..n]);
            self.1 += 1;
            Ok(n)
        }
        fn flush(&mut self) -> io::Result<()> {
            Ok(())
        }
    }

    #[test]
    fn written_in_pieces_is_the_save_text() {
        let projects: Vec<Value> = (0..8000)
            .map(|i| serde_json::json!({"id": format!("p{i}"), "name": "项目\n\"引号\"", "n": [i, 1.50, {"x": null}]}))
            .collect();
        let value = serde_json::json!({"meta": {"a": 1}, "projects": projects, "tail": []});
        let mut record = Record::holding_projects(value.clone());
        assert!(record.held_projects().is_some());
        let mut value = value;
        // Some projects held as values (edited), at the edges of the turns
        // and stretches the text is made in, the first and the last.
        for i in [
            0,
            1,
            STRETCH - 1,
            STRETCH,
            TURN - 1,
            TURN,
            2 * TURN + 7,
            7999,
        ] {
            let edited = serde_json::json!({"id": format!("p{i}"), "edited": [i, 0.25]});
            record.set_project(i, edited.clone());
            value["projects"][i] = edited;
        }
        let whole = record.to_pretty();
        assert_eq!(whole, super::super::to_pretty(&value));
        assert!(
            whole.len() > 2 * PIECE,
            "big enough to be written in pieces"
        );
        let mut sink = Trickle(Vec::new(), 0);
        record.write_pretty(&mut sink).unwrap();
        assert_eq!(String::from_utf8(sink.0).unwrap(), whole);
        // Not gathered whole first: write_all loops over pieces of PIECE or so.
        assert!(sink.1 > whole.len() / 1000);
        let plain = Record::from_value(value);
        let mut out = Vec::new();
        plain.write_pretty(&mut out).unwrap();
        assert_eq!(String::from_utf8(out).unwrap(), whole);
        // A list short enough to be made in one piece, on this core.
        let mut value = serde_json::json!({"projects": projects[..TURN].to_vec(), "tail": 1});
        let mut record = Record::holding_projects(value.clone());
        let edited = serde_json::json!({"id": "x", "edited": 0.25});
        record.set_project(TURN - 1, edited.clone());
        value["projects"][TURN - 1] = edited;
        assert_eq!(record.to_pretty(), super::super::to_pretty(&value));
    }

    /// A snapshot's text with these projects' texts, each standing where
    /// the save puts a project (two levels deep).
    fn file_with(projects: &[String]) -> String {
        format!(
            "{{\n  \"meta\": {{\n    \"a\": 1\n  }},\n  \"projects\": [\n    {}\n  ],\n  \"tail\": []\n}}\n",
            projects.join(",\n    ")
        )
    }

    fn saved_form(p: &Value) -> String {
        let mut out = Vec::new();
        write_value(&mut out, p, 2);
        String::from_utf8(out).unwrap()
    }

    #[test]
    fn projects_already_in_the_save_form_are_copied_as_they_are() {
        let projects: Vec<Value> = (0..3 * TURN)
            .map(|i| serde_json::json!({"id": format!("p{i}"), "name": "项目\n\"引号\"", "n": [i, 0.5, -3, {"x": null, "t": true}], "e": {}, "l": []}))
            .collect();
        let texts: Vec<String> = projects.iter().map(saved_form).collect();
        let saved = file_with(&texts);
        let mut record = parse::parse_record(FileText::from(saved.clone().into_bytes())).unwrap();
        assert!(!record.projects.as_ref().unwrap().text.in_save_form());
        assert!(record.save_form_check().unwrap().run());
        assert!(record.projects.as_ref().unwrap().text.in_save_form());
        // Known now, for this text and every record holding it.
        assert!(record.save_form_check().is_none());
        assert_eq!(record.to_pretty(), saved);
        // Edited ones are written anew, at the edges of the stretches and
        // of the pieces written out.
        let mut value = record.to_value();
        for i in [0, 1, STRETCH - 1, STRETCH, TURN, 3 * TURN - 1] {
            let edited =
                serde_json::json!({"id": format!("p{i}"), "edited": [i, 0.25, "\u{4e2d}"]});
            record.set_project(i, edited.clone());
            value["projects"][i] = edited;
        }
        let whole = record.to_pretty();
        assert_eq!(whole, super::super::to_pretty(&value));
        let mut sink = Trickle(Vec::new(), 0);
        record.write_pretty(&mut sink).unwrap();
        assert_eq!(String::from_utf8(sink.0).unwrap(), whole);
        assert!(sink.1 > whole.len() / 1000, "written out in pieces");
    }

    #[test]
    fn one_project_written_otherwise_keeps_every_project_written_anew() {
        let projects: Vec<Value> = (0..500)
            .map(|i| serde_json::json!({"id": format!("p{i}"), "n": 1.5, "s": "中"}))
            .collect();
        let texts: Vec<String> = projects.iter().map(saved_form).collect();
        // Each reads as the value in its place, but the save writes it otherwise.
        let others = [
            "{\"id\":\"p250\",\"n\":1.5,\"s\":\"中\"}".to_string(),
            "{\n      \"id\": \"p250\",\n      \"n\": 1.50,\n      \"s\": \"中\"\n    }"
                .to_string(),
            "{\n      \"id\": \"p250\",\n      \"n\": 1.5,\n      \"s\": \"\\u4e2d\"\n    }"
                .to_string(),
            "{\n        \"id\": \"p250\",\n        \"n\": 1.5,\n        \"s\": \"中\"\n    }"
                .to_string(),
            "{ \"id\": \"p250\", \"n\": 15e-1, \"s\": \"中\" }".to_string(),
        ];
        for other in others {
            let mut with = texts.clone();
            with[250] = other.clone();
            let text = file_with(&with);
            let record = parse::parse_record(FileText::from(text.clone().into_bytes())).unwrap();
            assert!(!record.save_form_check().unwrap().run(), "{other}");
            assert!(!record.projects.as_ref().unwrap().text.in_save_form());
            let whole = record.to_pretty();
            assert_eq!(
                whole,
                super::super::to_pretty(&record.to_value()),
                "{other}"
            );
            assert_eq!(whole, file_with(&texts), "{other}");
        }
    }

    #[test]
    fn a_failing_writer_fails_the_write() {
        struct Full;
        impl Write for Full {
            fn write(&mut self, _: &[u8]) -> io::Result<usize> {
                Err(io::Error::other("disk full"))
            }
            fn flush(&mut self) -> io::Result<()> {
                Ok(())
            }
        }
        let projects: Vec<Value> = (0..10).map(|i| serde_json::json!({"id": i})).collect();
        let record = Record::holding_projects(serde_json::json!({"projects": projects}));
        let err = record.write_pretty(&mut Full).unwrap_err();
        assert_eq!(err.to_string(), "disk full");
    }
}
