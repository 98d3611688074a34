//! The incremental reload (`model::reload`) against the full load: random
//! edits of a generated meeting — projects reordered, inserted, deleted or
//! changed, escapes in strings, a unit, metric or agenda item changed, the
//! file compact instead of pretty, or made invalid — must give the same
//! snapshot, the same saved text and the same standings as loading the new
//! file whole; and when the new file is invalid, no plan at all (the full
//! load then says why, as it always did).

use guotang::app::Derived;
use guotang::model::Word;
use guotang::model::reload;
use guotang::model::{self, Document};
use guotang::testgen;
use proptest::prelude::*;
use serde_json::{Value, json};

/// One edit of the document, as a value or as its text.
#[derive(Debug, Clone)]
enum Edit {
    Swap(usize, usize),
    Move(usize, usize),
    Delete(usize),
    /// A copy of project `.0` with a new id (and its name escaped).
    Insert(usize, usize),
    Rename(usize),
    Investment(usize, u32),
    /// A project's stage and due date (its lateness), its id.
    Stage(usize, usize),
    DueStart(usize, u32),
    NewId(usize),
    /// The meeting's date (every project's lateness), its title (nothing derived).
    MeetingDate(u32),
    Title,
    /// A unit's name, a metric's weight, an agenda item's title.
    UnitName(usize),
    UnitsSwapped(usize, usize),
    MetricWeight(usize),
    AgendaTitle(usize),
    /// Invalid: a project of no unit, a repeated id, a wrong type.
    NoUnit(usize),
    RepeatId(usize, usize),
    BadStage(usize),
}

fn edit() -> impl Strategy<Value = Edit> {
    let i = 0..1000usize;
    prop_oneof![
        4 => (i.clone(), i.clone()).prop_map(|(a, b)| Edit::Swap(a, b)),
        3 => (i.clone(), i.clone()).prop_map(|(a, b)| Edit::Move(a, b)),
        3 => i.clone().prop_map(Edit::Delete),
        3 => (i.clone(), i.clone()).prop_map(|(a, b)| Edit::Insert(a, b)),
        4 => i.clone().prop_map(Edit::Rename),
        3 => (i.clone(), 0..100_000u32).prop_map(|(a, n)| Edit::Investment(a, n)),
        3 => (i.clone(), 0..7usize).prop_map(|(a, s)| Edit::Stage(a, s)),
        2 => (i.clone(), 0..300u32).prop_map(|(a, d)| Edit::DueStart(a, d)),
        1 => i.clone().prop_map(Edit::NewId),
        1 => (0..300u32).prop_map(Edit::MeetingDate),
        1 => Just(Edit::Title),
        1 => i.clone().prop_map(Edit::UnitName),
        1 => (i.clone(), i.clone()).prop_map(|(a, b)| Edit::UnitsSwapped(a, b)),
        1 => i.clone().prop_map(Edit::MetricWeight),
        1 => i.clone().prop_map(Edit::AgendaTitle),
        1 => i.clone().prop_map(Edit::NoUnit),
        1 => (i.clone(), i.clone()).prop_map(|(a, b)| Edit::RepeatId(a, b)),
        1 => i.prop_map(Edit::BadStage),
    ]
}

fn list<'a>(doc: &'a mut Value, key: &str) -> &'a mut Vec<Value> {
    doc[key].as_array_mut().expect("a list")
}

fn apply(doc: &mut Value, e: &Edit, serial: usize) {
    let n = list(doc, "projects").len();
    let ps = list(doc, "projects");
    match *e {
        Edit::Swap(a, b) if n > 0 => ps.swap(a % n, b % n),
        Edit::Move(a, b) if n > 0 => {
            let p = ps.remove(a % n);
            ps.insert(b % n, p);
        }
        Edit::Delete(a) if n > 0 => {
            ps.remove(a % n);
        }
        Edit::Insert(a, b) if n > 0 => {
            let mut p = ps[a % n].clone();
            p["id"] = Value::from(format!("new-{serial}"));
            p["name"] = Value::from("新\"项目\"\n第二行\t\\ é 中");
            ps.insert(b % (n + 1), p);
        }
        Edit::Rename(a) if n > 0 => {
            ps[a % n]["name"] = Value::from(format!("改名 {serial} \"引号\""));
        }
        Edit::Investment(a, v) if n > 0 => ps[a % n]["investment"] = json!(f64::from(v) / 100.0),
        Edit::Stage(a, s) if n > 0 => {
            let stages = model::Stage::all();
            ps[a % n]["stage"] = Value::from(stages[s % stages.len()].as_str());
        }
        Edit::DueStart(a, d) if n > 0 => ps[a % n]["due_start"] = Value::from(day(d)),
        Edit::NewId(a) if n > 0 => ps[a % n]["id"] = Value::from(format!("renamed-{serial}")),
        Edit::MeetingDate(d) => doc["meeting"]["date"] = Value::from(day(d)),
        Edit::Title => doc["meeting"]["title"] = Value::from(format!("标题 {serial}")),
        Edit::NoUnit(a) if n > 0 => ps[a % n]["unit"] = Value::from("no-such-unit"),
        Edit::RepeatId(a, b) if n > 1 => {
            let id = ps[a % n]["id"].clone();
            ps[b % n]["id"] = id;
        }
        Edit::BadStage(a) if n > 0 => ps[a % n]["stage"] = Value::from(7),
        Edit::UnitName(a) => {
            let us = list(doc, "units");
            let k = a % us.len();
            us[k]["name"] = Value::from(format!("单位 {serial}"));
        }
        Edit::UnitsSwapped(a, b) => {
            let us = list(doc, "units");
            let k = us.len();
            us.swap(a % k, b % k);
        }
        Edit::MetricWeight(a) => {
            let ms = list(doc, "metrics");
            let k = a % ms.len();
            ms[k]["weight"] = json!(serial % 5 + 1);
        }
        Edit::AgendaTitle(a) => {
            let items = list(doc, "agenda");
            if !items.is_empty() {
                let k = a % items.len();
                items[k]["title"] = Value::from(format!("议程 {serial}"));
            }
        }
        _ => {}
    }
}

/// Day `d` of 2026 (from 1 January), as a snapshot writes a date.
fn day(d: u32) -> String {
    let first = chrono::NaiveDate::from_ymd_opt(2026, 1, 1).expect("a date");
    (first + chrono::Duration::days(i64::from(d))).to_string()
}

/// `\u` escapes for the first non-ASCII character of project `k`'s text:
/// the same value written another way (read anew, never reused).
fn escape_one(text: &str, k: usize) -> String {
    let Some(at) = text
        .match_indices("\"name\": \"")
        .nth(k)
        .map(|(i, m)| i + m.len())
    else {
        return text.to_owned();
    };
    let rest = &text[at..];
    let Some((off, c)) = rest
        .char_indices()
        .take_while(|&(_, c)| c != '"')
        .find(|(_, c)| !c.is_ascii())
    else {
        return text.to_owned();
    };
    let mut utf16 = [0u16; 2];
    let esc: String = c
        .encode_utf16(&mut utf16)
        .iter()
        .map(|u| format!("\\u{u:04x}"))
        .collect();
    format!(
        "{}{esc}{}",
        &text[..at + off],
        &text[at + off + c.len_utf8()..]
    )
}

/// The text around the projects list made wrong (or left right), where
/// the head's members before the list and after it are read apart: the
/// comma before the list's key taken out, a comma left after the last
/// member, a key before the list repeated after it, a key after it
/// repeated before; or spaces and a line break between the key and its
/// list (still valid).
fn glue(text: &str, how: usize) -> String {
    let key = text.find("\"projects\"").expect("a projects list");
    let comma = text[..key].rfind(',').expect("a member before the list");
    let close = text.rfind('}').expect("an object");
    let list_end = key + text[key..].find("\n  ]").map_or(0, |i| i + 4);
    match how % 5 {
        0 => format!("{}{}", &text[..comma], &text[comma + 1..]),
        1 => format!("{},{}", text[..close].trim_end(), &text[close - 1..]),
        2 => format!(
            "{},\n  \"format\": \"guotang/1\"{}",
            &text[..list_end],
            &text[list_end..]
        ),
        3 => format!("{}\"agenda\": [],\n  {}", &text[..key], &text[key..]),
        _ => text.replacen("\"projects\": [", "\"projects\"  :\n  [", 1),
    }
}

/// What became of a new version.
#[derive(Debug, PartialEq)]
enum Outcome {
    /// Invalid: no plan (the full load says why).
    Invalid,
    /// Valid, left to the full load.
    Full,
    /// Valid, read incrementally, the same as the full load.
    Incremental,
}

/// Checks the incremental reading of `new` against `old` with the full load.
fn same_as_full(old: &Document, new: &[u8]) -> Result<Outcome, TestCaseError> {
    same_in_pieces(old, new, None)
}

/// [`same_as_full`], the new file fed `piece` bytes at a time (as the
/// store feeds it, a piece ending anywhere: in a project, between two).
fn same_in_pieces(
    old: &Document,
    new: &[u8],
    piece: Option<usize>,
) -> Result<Outcome, TestCaseError> {
    let full = Document::from_bytes(new);
    let plan = match piece {
        None => reload::plan(old, new),
        Some(k) => {
            let mut d = reload::Differ::new(old).ok_or(reload::GaveUp);
            if let Ok(d) = &mut d {
                for c in new.chunks(k) {
                    d.feed(c);
                }
            }
            d.and_then(reload::Differ::finish)
        }
    };
    match (full, plan) {
        (Err(_), Ok(p)) => Err(TestCaseError::fail(format!(
            "an invalid file gave a plan: {p:?}"
        ))),
        (Err(_), Err(_)) => Ok(Outcome::Invalid),
        (Ok(_), Err(_)) => Ok(Outcome::Full),
        (Ok(full), Ok(mut plan)) => {
            let mut doc = old.clone();
            let reach = plan.reach().clone();
            let heads = plan.take_head_changes();
            let replaced = plan.apply(&mut doc);
            // The records' comparison (which compares only the projects
            // held apart as different spans) finds what comparing the
            // whole documents finds (the head's changes first).
            let sorted = |c: model::edit::ChangeSet| {
                let mut v: Vec<String> = c.iter().map(|c| format!("{c:?}")).collect();
                v.sort();
                v
            };
            prop_assert_eq!(
                sorted(model::edit::diff_records(&replaced, &doc.json)),
                sorted(model::edit::diff(
                    &replaced.to_value(),
                    &doc.json.to_value()
                ))
            );
            // The head's changes found while reading are the ones the
            // records' comparison finds.
            if let Some(heads) = heads {
                prop_assert_eq!(
                    format!(
                        "{:?}",
                        model::edit::diff_records_given(&replaced, &doc.json, Some(heads))
                    ),
                    format!("{:?}", model::edit::diff_records(&replaced, &doc.json))
                );
            }
            // What the plan says it reached, computed again from the old
            // derived data, is what the full load derives.
            let again = Derived::compute(&old.snapshot).again(&doc.snapshot, &reach);
            prop_assert!(
                format!("{again:?}") == format!("{:?}", Derived::compute(&full.snapshot)),
                "the derived data again for {reach:?} differs from the full load's"
            );
            prop_assert_eq!(
                replaced.to_pretty(),
                old.to_pretty(),
                "the old record comes back"
            );
            // Not printed whole: a snapshot is thousands of lines.
            let first = (0..doc
                .snapshot
                .projects
                .len()
                .max(full.snapshot.projects.len()))
                .find(|&i| doc.snapshot.projects.get(i) != full.snapshot.projects.get(i));
            prop_assert!(
                first.is_none(),
                "project {first:?} differs from the full load's"
            );
            prop_assert!(
                doc.snapshot == full.snapshot,
                "the snapshot differs from the full load's"
            );
            prop_assert_eq!(doc.to_pretty(), full.to_pretty());
            prop_assert_eq!(doc.json.to_value(), full.json.to_value());
            let (a, b) = (
                model::compute(&doc.snapshot),
                model::compute(&full.snapshot),
            );
            prop_assert_eq!(format!("{a:?}"), format!("{b:?}"));
            Ok(Outcome::Incremental)
        }
    }
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 96, max_shrink_iters: 200, ..ProptestConfig::default() })]

    #[test]
    fn an_incremental_reload_is_the_full_load(
        seed in 0u64..1000,
        v2 in any::<bool>(),
        edits in prop::collection::vec(edit(), 0..6),
        escapes in prop::collection::vec(0usize..200, 0..3),
        compact in prop::bool::weighted(0.15),
        cut in prop::option::weighted(0.1, 0.0f64..1.0),
        twice in any::<bool>(),
        glued in prop::option::weighted(0.2, 0usize..5),
        piece in prop::option::weighted(0.5, 1usize..700),
    ) {
        let base = if v2 { testgen::generate_v2(6, 120, seed, 2) } else { testgen::generate(6, 120, seed) };
        let old = Document::from_bytes(model::to_pretty(&base).as_bytes()).expect("generated is valid");
        let mut value = base;
        for (k, e) in edits.iter().enumerate() {
            apply(&mut value, e, k);
        }
        // A head changed before the list, so that its members are read apart.
        if glued.is_some() {
            apply(&mut value, &Edit::Title, edits.len());
        }
        let mut text = match compact {
            true => serde_json::to_string(&value).expect("json"),
            false => model::to_pretty(&value),
        };
        if let (Some(how), false) = (glued, compact) {
            text = glue(&text, how);
        }
        for k in &escapes {
            text = escape_one(&text, *k);
        }
        let mut bytes = text.into_bytes();
        if let Some(f) = cut {
            bytes.truncate((bytes.len() as f64 * f) as usize);
        }
        let outcome = same_in_pieces(&old, &bytes, piece)?;
        if !compact {
            prop_assert!(outcome != Outcome::Full, "a pretty file with a few edits is read incrementally");
        }
        let taken = outcome == Outcome::Incremental;
        // A second reload against the version the first one made: its
        // changed projects are held as values, not text.
        if twice && taken {
            let mut doc = old.clone();
            reload::plan(&old, &bytes).expect("planned").apply(&mut doc);
            let back = model::to_pretty(&doc.json.to_value());
            same_as_full(&doc, back.as_bytes())?;
            same_as_full(&doc, old.to_pretty().as_bytes())?;
        }
    }
}

#[test]
fn a_project_changed_is_read_anew_and_the_rest_reused() {
    let base = testgen::generate(4, 300, 7);
    let old = Document::from_bytes(model::to_pretty(&base).as_bytes()).expect("valid");
    let mut value = base;
    value["projects"][150]["name"] = Value::from("改过的名字");
    let new = model::to_pretty(&value);
    let plan = reload::plan(&old, new.as_bytes()).expect("read incrementally");
    assert_eq!(plan.read_anew(), 1);
    let mut doc = old.clone();
    plan.apply(&mut doc);
    assert_eq!(doc.snapshot.projects[150].name, "改过的名字");
    assert_eq!(doc.to_pretty(), new);
}

#[test]
fn the_store_reads_a_file_again_against_the_version_held() {
    use guotang::store::{self, reload::Reread};
    let dir = tempfile::tempdir().expect("a temporary directory");
    let path = dir.path().join("m.json");
    let mut value = testgen::generate(4, 200, 3);
    store::write_atomic(&path, model::to_pretty(&value).as_bytes()).expect("written");
    let held = store::load(&path).expect("loads");

    let reread = store::reload::reread(&path, Some(held.content_hash), &held.doc);
    assert!(matches!(reread, Ok(Reread::Unchanged)), "{reread:?}");

    value["projects"][7]["investment"] = json!(12.5);
    let text = model::to_pretty(&value);
    store::write_atomic(&path, text.as_bytes()).expect("written");
    let full = store::load(&path).expect("loads");
    match store::reload::reread(&path, Some(held.content_hash), &held.doc) {
        Ok(Reread::Incremental { plan, content_hash }) => {
            assert_eq!(content_hash, full.content_hash);
            assert_eq!(plan.read_anew(), 1);
            let mut doc = held.doc.clone();
            plan.apply(&mut doc);
            assert!(doc.snapshot == full.doc.snapshot);
            assert_eq!(doc.to_pretty(), text);
        }
        other => panic!("not incremental: {other:?}"),
    }

    // Half written: the error is the full load's, word for word.
    store::write_atomic(&path, &text.as_bytes()[..text.len() / 2]).expect("written");
    let want = store::load(&path).expect_err("broken").to_string();
    let got = store::reload::reread(&path, Some(held.content_hash), &held.doc);
    assert_eq!(got.expect_err("broken").to_string(), want);

    // Another layout (a byte order mark first): loaded in full.
    let mut bom = b"\xEF\xBB\xBF".to_vec();
    bom.extend_from_slice(text.as_bytes());
    store::write_atomic(&path, &bom).expect("written");
    let got = store::reload::reread(&path, Some(held.content_hash), &held.doc);
    assert!(matches!(got, Ok(Reread::Full(_))), "{got:?}");
}

/// Writers replace the file while a console reads it again, over and over:
/// two threads save whole versions atomically, a third writes in place
/// (truncate, then the text in two halves, as a copy over the file does)
/// and sometimes stops half way, as a writer killed mid-write leaves it.
/// Every reading is a whole version written, proven valid, or an error —
/// never a mix of two versions, never a plan for a broken file — and the
/// version the reader holds after each reading is the one it took.
/// Bounded by count: 150 readings, 60 saves per writer.
#[test]
fn readings_among_parallel_writers_are_always_one_whole_version() {
    use guotang::store::{self, reload::Reread};
    use std::io::Write as _;
    use std::sync::Arc;
    use std::sync::atomic::{AtomicBool, Ordering};

    let dir = tempfile::tempdir().expect("a temporary directory");
    let path = dir.path().join("m.json");
    let base = testgen::generate(6, 400, 11);
    // Six versions, each differing from the first in a few projects.
    let versions: Arc<Vec<String>> = Arc::new(
        (0..6)
            .map(|k| {
                let mut v = base.clone();
                if k > 0 {
                    for j in [k * 7, k * 31, k * 53] {
                        v["projects"][j]["name"] = json!(format!("第{k}版项目{j}\"\\n"));
                    }
                    v["projects"][k]["investment"] = json!(k as f64 + 0.5);
                }
                model::to_pretty(&v)
            })
            .collect(),
    );
    store::write_atomic(&path, versions[0].as_bytes()).expect("written");
    let mut held = store::load(&path).expect("loads");

    let stop = Arc::new(AtomicBool::new(false));
    let writers: Vec<_> = (0..3)
        .map(|w| {
            let (path, versions, stop) = (path.clone(), versions.clone(), stop.clone());
            std::thread::spawn(move || {
                for i in 0..60 {
                    if stop.load(Ordering::Relaxed) {
                        break;
                    }
                    let text = versions[(i * 5 + w) % versions.len()].as_bytes();
                    if w < 2 {
                        store::write_atomic(&path, text).expect("written");
                        continue;
                    }
                    // In place; one save in four is cut off half way.
                    let Ok(mut f) = std::fs::File::create(&path) else {
                        continue;
                    };
                    let half = text.len() / 2;
                    let _ = f.write_all(&text[..half]);
                    if i % 4 != 3 {
                        let _ = f.write_all(&text[half..]);
                    }
                }
            })
        })
        .collect();

    let (mut incremental, mut full, mut errors) = (0, 0, 0);
    for _ in 0..150 {
        match store::reload::reread(&path, Some(held.content_hash), &held.doc) {
            Ok(Reread::Unchanged) => {}
            Ok(Reread::Incremental { plan, content_hash }) => {
                incremental += 1;
                plan.apply(&mut held.doc);
                held.content_hash = content_hash;
                let text = held.doc.to_pretty();
                assert!(
                    versions.contains(&text),
                    "an incremental reading is no version written"
                );
            }
            Ok(Reread::Full(l)) => {
                full += 1;
                assert!(
                    versions.contains(&l.doc.to_pretty()),
                    "a full reading is no version written"
                );
                held = *l;
            }
            Err(_) => errors += 1,
        }
        // The held version is always a valid document of its own.
        assert!(
            held.doc.snapshot
                == Document::from_bytes(held.doc.to_pretty().as_bytes())
                    .expect("valid")
                    .snapshot
        );
    }
    stop.store(true, Ordering::Relaxed);
    for w in writers {
        w.join().expect("a writer");
    }
    // Finally whole again: read against what is held, it is that version.
    store::write_atomic(&path, versions[3].as_bytes()).expect("written");
    match store::reload::reread(&path, Some(held.content_hash), &held.doc) {
        Ok(Reread::Incremental { plan, .. }) => {
            plan.apply(&mut held.doc);
        }
        Ok(Reread::Full(l)) => held = *l,
        Ok(Reread::Unchanged) => {}
        Err(e) => panic!("a whole file refused: {e}"),
    }
    assert_eq!(held.doc.to_pretty(), versions[3]);
    eprintln!("readings: {incremental} incremental, {full} full, {errors} errors");
}

/// A head edited here since it was read is not the file's head any more:
/// a reload of the file as it was (its head's text unchanged, and so its
/// hash) must bring the file's figures back, not keep the edited ones.
#[test]
fn a_head_edited_since_it_was_read_is_read_again() {
    let base = testgen::generate(4, 300, 7);
    let text = model::to_pretty(&base);
    let mut doc = Document::from_bytes(text.as_bytes()).expect("valid");
    let unit = base["units"][1]["id"].as_str().expect("an id").to_owned();
    let path = format!("units.{unit}.name=改在这里的名字");
    doc.edit(&[model::edit::Assignment::parse(&path).expect("an assignment")])
        .expect("edited");
    // The file, with one project changed so that it is a new version.
    let mut value = base.clone();
    value["projects"][10]["name"] = Value::from("文件里改的");
    let new = model::to_pretty(&value);
    let plan = reload::plan(&doc, new.as_bytes()).expect("read incrementally");
    let reach = plan.reach().clone();
    plan.apply(&mut doc);
    assert_eq!(
        doc.snapshot.units[1].name,
        base["units"][1]["name"].as_str().unwrap()
    );
    assert_eq!(doc.to_pretty(), new);
    assert!(reach.units, "the units' side was reached: {reach:?}");
}
