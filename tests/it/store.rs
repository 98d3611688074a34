//! The store's promises to a secretary: saves keep everything they did not
//! change, never overwrite someone else's save unseen, keep the last 20
//! versions, and journal unsaved edits so that a crash loses none.

use std::fs;
use std::io::Write;
use std::path::{Path, PathBuf};

use guotang::model::edit::{self, Assignment, EditHistory};
use guotang::store::{self, Expect, Journal, SaveError, backup, journal};

use crate::support::data::data_env;

const MEETING: &str = include_str!("../fixtures/edit/meeting.json");
const EDITED: &str = include_str!("../fixtures/edit/meeting.edited.json");

/// The binary's data directory set (see [`data_env`]), and a temporary
/// folder for this test's snapshot.
fn setup() -> tempfile::TempDir {
    data_env();
    tempfile::tempdir().unwrap()
}

fn snapshot_in(dir: &Path) -> PathBuf {
    let path = dir.join("meeting.json");
    fs::write(&path, MEETING).unwrap();
    path
}

fn set(json: &serde_json::Value, texts: &[&str]) -> edit::Edit {
    let a: Vec<Assignment> = texts
        .iter()
        .map(|t| Assignment::parse(t).unwrap())
        .collect();
    edit::apply(json, &a).unwrap()
}

const EDITS: &[&str] = &[
    "units.kfq.actuals.investment=101.5",
    "units.kfq.leader=null",
    "projects.P007.stage=started",
    "projects.P007.started_on=2026-05-06",
    "meeting.period.to=2026-05-31",
    "agenda.2.minutes=4",
    "x_trailer.revision=8",
];

#[test]
fn edit_save_load_keeps_unknown_fields_and_key_order() {
    let dir = setup();
    let path = snapshot_in(dir.path());
    let loaded = store::load(&path).unwrap();
    let e = set(&loaded.doc.json.to_value(), EDITS);
    let saved = store::save(&path, &e.doc, Expect::Unchanged(loaded.content_hash)).unwrap();
    assert!(saved.written);
    assert_eq!(fs::read_to_string(&path).unwrap(), EDITED);
    let again = store::load(&path).unwrap();
    assert_eq!(again.content_hash, saved.content_hash);
    assert_eq!(again.doc.to_pretty(), EDITED);
    // The version replaced is the newest backup, byte for byte.
    let list = backup::list(&path).unwrap();
    assert_eq!(fs::read_to_string(&list[0].path).unwrap(), MEETING);
}

#[test]
fn a_save_over_someone_elses_save_is_a_conflict_then_a_rebase() {
    let dir = setup();
    let path = snapshot_in(dir.path());
    let presenter = store::load(&path).unwrap();
    let secretary = store::load(&path).unwrap();

    let hers = set(
        &secretary.doc.json.to_value(),
        &["units.kfq.actuals.investment=101.5"],
    );
    let saved = store::save(&path, &hers.doc, Expect::Unchanged(secretary.content_hash)).unwrap();

    let mut history = EditHistory::new();
    let mine = set(
        &presenter.doc.json.to_value(),
        &["meeting.venue=礼堂", "units.cxz.actuals.signed=3"],
    );
    history.record(mine.changes.clone());
    let err = store::save(&path, &mine.doc, Expect::Unchanged(presenter.content_hash)).unwrap_err();
    let SaveError::Conflict { found, .. } = &err else {
        panic!("{err}")
    };
    assert_eq!(*found, Some(saved.content_hash));
    assert!(err.to_string().contains("changed by someone else"));
    assert_eq!(
        fs::read_to_string(&path).unwrap(),
        hers.doc.to_pretty(),
        "nothing written"
    );

    // Reload and re-apply: nothing clashes, both edits survive.
    let reloaded = store::load(&path).unwrap();
    let r = edit::rebase(&reloaded.doc.json.to_value(), history.done()).unwrap();
    assert!(r.clashes.is_empty());
    store::save(&path, &r.doc, Expect::Unchanged(reloaded.content_hash)).unwrap();
    let both = store::load(&path).unwrap().doc.json.to_value();
    assert_eq!(both["units"][0]["actuals"]["investment"], 101.5);
    assert_eq!(both["units"][1]["actuals"]["signed"], 3);
    assert_eq!(both["meeting"]["venue"], "礼堂");
}

#[test]
fn a_clash_leaves_the_choice_overwrite_or_save_as() {
    let dir = setup();
    let path = snapshot_in(dir.path());
    let a = store::load(&path).unwrap();
    let b = store::load(&path).unwrap();
    let theirs = set(
        &a.doc.json.to_value(),
        &["units.kfq.actuals.investment=101.5"],
    );
    store::save(&path, &theirs.doc, Expect::Unchanged(a.content_hash)).unwrap();
    let mine = set(
        &b.doc.json.to_value(),
        &["units.kfq.actuals.investment=99", "meeting.venue=礼堂"],
    );
    let now = store::load(&path).unwrap();
    let r = edit::rebase(
        &now.doc.json.to_value(),
        std::slice::from_ref(&mine.changes),
    )
    .unwrap();
    assert_eq!(r.clashes.len(), 1);
    assert_eq!(
        r.clashes[0].to_string(),
        "units.kfq.actuals.investment: yours 99, theirs 101.5 (was 98.5)"
    );
    assert_eq!(r.applied.len(), 1);

    // Save as: refused onto an existing file, fine onto a new one.
    let other = dir.path().join("mine.json");
    assert!(matches!(
        store::save(&path, &mine.doc, Expect::Absent),
        Err(SaveError::Exists { .. })
    ));
    store::save(&other, &mine.doc, Expect::Absent).unwrap();
    assert_eq!(fs::read_to_string(&other).unwrap(), mine.doc.to_pretty());
    // Overwrite: hers goes to the backups, mine is the file.
    store::save(&path, &mine.doc, Expect::Anything).unwrap();
    assert_eq!(fs::read_to_string(&path).unwrap(), mine.doc.to_pretty());
    let list = backup::list(&path).unwrap();
    assert_eq!(
        fs::read_to_string(&list[0].path).unwrap(),
        theirs.doc.to_pretty()
    );
}

#[test]
fn twenty_one_saves_keep_twenty_backups_and_one_restores() {
    let dir = setup();
    let path = snapshot_in(dir.path());
    let mut loaded = store::load(&path).unwrap();
    let mut versions = vec![MEETING.to_owned()];
    for i in 1..=21 {
        let e = set(
            &loaded.doc.json.to_value(),
            &[&format!("x_trailer.revision={}", 7 + i)],
        );
        store::save(&path, &e.doc, Expect::Unchanged(loaded.content_hash)).unwrap();
        versions.push(e.doc.to_pretty());
        loaded = store::load(&path).unwrap();
    }
    let list = backup::list(&path).unwrap();
    assert_eq!(list.len(), backup::KEEP);
    // Newest first: version 20 (the one the last save replaced) … version 1.
    for (i, b) in list.iter().enumerate() {
        assert_eq!(
            fs::read_to_string(&b.path).unwrap(),
            versions[20 - i],
            "backup {}",
            i + 1
        );
        assert_eq!(b.size, versions[20 - i].len() as u64);
    }
    assert!(list.windows(2).all(|w| w[0].time >= w[1].time));
    // Restoring (as `guotang backups --restore 3` does) backs up the current version first.
    let current = fs::read(&path).unwrap();
    let third = fs::read(&list[2].path).unwrap();
    store::save_bytes(
        &path,
        &third,
        Expect::Unchanged(store::hash_bytes(&current)),
    )
    .unwrap();
    assert_eq!(fs::read(&path).unwrap(), third);
    let list = backup::list(&path).unwrap();
    assert_eq!(list.len(), backup::KEEP);
    assert_eq!(fs::read(&list[0].path).unwrap(), current);
}

#[test]
fn saving_the_same_bytes_writes_nothing_and_keeps_no_backup() {
    let dir = setup();
    let path = snapshot_in(dir.path());
    let loaded = store::load(&path).unwrap();
    let saved = store::save(&path, &loaded.doc, Expect::Unchanged(loaded.content_hash)).unwrap();
    assert!(!saved.written);
    assert!(backup::list(&path).unwrap().is_empty());
}

/// The journal files of a snapshot now.
fn journals_of(path: &Path) -> Vec<PathBuf> {
    let Ok(entries) = fs::read_dir(journal::dir_for(path).unwrap()) else {
        return Vec::new();
    };
    let mut v: Vec<PathBuf> = entries
        .flatten()
        .map(|e| e.path())
        .filter(|p| p.extension().is_some_and(|x| x == "jsonl"))
        .collect();
    v.sort();
    v
}

#[test]
fn journaled_edits_are_recovered_after_a_crash() {
    let dir = setup();
    let path = snapshot_in(dir.path());
    let loaded = store::load(&path).unwrap();
    let mut j = Journal::start(&path, loaded.content_hash).unwrap();
    assert!(
        journal::pending(&path).unwrap().is_none(),
        "no edit, no journal"
    );
    assert!(j.path().is_none());
    let e1 = set(
        &loaded.doc.json.to_value(),
        &["units.kfq.actuals.investment=101.5"],
    );
    j.append(&e1.changes).unwrap();
    let e2 = set(
        &e1.doc.json.to_value(),
        &["projects.P007.stage=started", "meeting.venue=礼堂"],
    );
    j.append(&e2.changes).unwrap();
    drop(j); // the console dies here without saving

    let found = journal::scan(&path, None).unwrap();
    let (r, claim) = found.found.unwrap();
    assert!(found.live.is_empty());
    assert!(r.base_matches && !r.torn_tail && !r.legacy_hash);
    assert_eq!(r.damaged_lines, 0);
    assert_eq!(r.sets, vec![e1.changes.clone(), e2.changes.clone()]);
    let replay = r.replay.unwrap();
    assert!(replay.clashes.is_empty());
    assert_eq!(replay.doc.to_pretty(), e2.doc.to_pretty());
    assert_eq!(r.current_hash, Some(loaded.content_hash));
    // Claimed: no one else is offered it meanwhile.
    let other = journal::scan(&path, None).unwrap();
    assert!(other.found.is_none());
    assert_eq!(other.live.len(), 1);

    // A new session journals in a file of its own, never over the dead one.
    let mut k = Journal::start(&path, loaded.content_hash).unwrap();
    k.append(&set(&loaded.doc.json.to_value(), &["meeting.venue=x"]).changes)
        .unwrap();
    assert_eq!(journals_of(&path).len(), 2);
    k.discard().unwrap();

    // Recovered and saved: the journal ends.
    let saved = store::save(&path, &replay.doc, Expect::Unchanged(loaded.content_hash)).unwrap();
    let mut j = Journal::adopt(claim, saved.content_hash, &[]).unwrap();
    assert!(journal::pending(&path).unwrap().is_none());
    assert!(journals_of(&path).is_empty());
    let e3 = set(&replay.doc.json.to_value(), &["meeting.venue=null"]);
    j.append(&e3.changes).unwrap();
    assert_eq!(journals_of(&path).len(), 1);
    j.saved(saved.content_hash).unwrap();
    assert!(journals_of(&path).is_empty());
}

/// A journal whose writer lives is theirs: shown (who, since when), never
/// offered to recover or discard; offered once its writer is gone.
#[test]
fn a_live_writers_journal_is_shown_never_offered() {
    let dir = setup();
    let path = snapshot_in(dir.path());
    let loaded = store::load(&path).unwrap();
    let mut j = Journal::start(&path, loaded.content_hash).unwrap();
    let e = set(&loaded.doc.json.to_value(), &["meeting.venue=礼堂"]);
    j.append(&e.changes).unwrap();
    let scan = journal::scan(&path, None).unwrap();
    assert!(scan.found.is_none(), "not offered while its writer lives");
    assert_eq!(scan.live.len(), 1);
    let live = &scan.live[0];
    assert_eq!(live.writer.as_ref().unwrap().pid, std::process::id());
    assert!(!live.started.is_empty());
    // Its writer's own scan skips it.
    let own = journal::scan(&path, j.path()).unwrap();
    assert!(own.found.is_none() && own.live.is_empty());
    drop(j);
    assert!(journal::scan(&path, None).unwrap().found.is_some());
    let (_, claim) = journal::scan(&path, None).unwrap().found.unwrap();
    claim.discard().unwrap();
    assert!(journals_of(&path).is_empty());
}

#[test]
fn a_torn_last_line_is_ignored_never_fatal() {
    let dir = setup();
    let path = snapshot_in(dir.path());
    let loaded = store::load(&path).unwrap();
    let mut j = Journal::start(&path, loaded.content_hash).unwrap();
    let e1 = set(
        &loaded.doc.json.to_value(),
        &["units.kfq.actuals.investment=101.5"],
    );
    j.append(&e1.changes).unwrap();
    let file = j.path().unwrap().to_owned();
    drop(j);
    let whole = fs::read(&file).unwrap();
    // A power cut mid-write: half a line, no newline.
    let mut f = fs::OpenOptions::new().append(true).open(&file).unwrap();
    f.write_all(
        br#"{"time":"2026-05-08T10:00:00.000+08:00","changes":[{"path":["units",{"id":"kf"#,
    )
    .unwrap();
    drop(f);
    let r = journal::pending(&path).unwrap().unwrap();
    assert!(r.torn_tail);
    assert_eq!(r.sets, vec![e1.changes.clone()]);
    assert!(r.replay.unwrap().clashes.is_empty());

    // A line of zeros (what a power cut can leave in a block) is torn too.
    let mut zeros = whole.clone();
    zeros.extend_from_slice(&[0u8; 64]);
    zeros.push(b'\n');
    fs::write(&file, &zeros).unwrap();
    let r = journal::pending(&path).unwrap().unwrap();
    assert!(r.torn_tail);
    assert_eq!(r.damaged_lines, 0);
    assert_eq!(r.sets.len(), 1);

    // Damage before the last line is counted and skipped.
    let mut damaged = whole.clone();
    damaged.extend_from_slice(b"garbage\n");
    damaged.extend_from_slice(whole.split(|&b| b == b'\n').nth(1).unwrap());
    damaged.push(b'\n');
    fs::write(&file, &damaged).unwrap();
    let r = journal::pending(&path).unwrap().unwrap();
    assert_eq!((r.damaged_lines, r.sets.len(), r.torn_tail), (1, 2, false));

    // Only a header (or only a torn first entry): nothing to recover, and
    // the dead session's empty journal goes.
    let header: Vec<u8> = whole
        .split_inclusive(|&b| b == b'\n')
        .next()
        .unwrap()
        .to_vec();
    fs::write(&file, &header).unwrap();
    assert!(journal::pending(&path).unwrap().is_none());
    assert!(!file.exists());
}

#[test]
fn recovery_on_a_file_changed_since_reports_the_clashes() {
    let dir = setup();
    let path = snapshot_in(dir.path());
    let loaded = store::load(&path).unwrap();
    let mut j = Journal::start(&path, loaded.content_hash).unwrap();
    let mine = set(
        &loaded.doc.json.to_value(),
        &["units.kfq.actuals.investment=101.5", "meeting.venue=礼堂"],
    );
    j.append(&mine.changes).unwrap();
    drop(j);
    // Meanwhile someone else saved the same number differently.
    let theirs = set(
        &loaded.doc.json.to_value(),
        &["units.kfq.actuals.investment=120"],
    );
    store::save(&path, &theirs.doc, Expect::Unchanged(loaded.content_hash)).unwrap();

    let (r, claim) = journal::scan(&path, None).unwrap().found.unwrap();
    assert!(!r.base_matches);
    let replay = r.replay.unwrap();
    assert_eq!(replay.clashes.len(), 1);
    assert_eq!(
        replay.clashes[0].change.path.to_string(),
        "units.kfq.actuals.investment"
    );
    assert_eq!(replay.applied.len(), 1);
    assert_eq!(replay.doc.json.to_value()["meeting"]["venue"], "礼堂");
    // Keep what applied, on the new base: the journal now says just that,
    // and is this session's.
    let mut j = Journal::adopt(
        claim,
        r.current_hash.unwrap(),
        std::slice::from_ref(&replay.applied),
    )
    .unwrap();
    assert!(journal::pending(&path).unwrap().is_none(), "ours now");
    let file = j.path().unwrap().to_owned();
    let text = fs::read_to_string(&file).unwrap();
    assert_eq!(text.lines().count(), 2, "{text}");
    j.saved(0).unwrap();
    assert!(journal::pending(&path).unwrap().is_none());
    assert!(!file.exists());
}

#[test]
fn a_save_through_a_symlink_replaces_the_target_and_sweeps_old_temporaries() {
    let dir = setup();
    let path = snapshot_in(dir.path());
    let link = dir.path().join("link.json");
    std::os::unix::fs::symlink(&path, &link).unwrap();
    // What a save killed an hour ago left behind, and one being written now.
    let old = dir.path().join(".guotang-AbC123.tmp");
    let fresh = dir.path().join(".guotang-XyZ789.tmp");
    fs::write(&old, "half a snapsh").unwrap();
    fs::write(&fresh, "being writ").unwrap();
    let two_hours_ago = std::time::SystemTime::now() - std::time::Duration::from_secs(7200);
    fs::File::options()
        .write(true)
        .open(&old)
        .unwrap()
        .set_modified(two_hours_ago)
        .unwrap();

    let loaded = store::load(&link).unwrap();
    let e = set(&loaded.doc.json.to_value(), &["meeting.venue=礼堂"]);
    store::save(&link, &e.doc, Expect::Unchanged(loaded.content_hash)).unwrap();
    assert!(
        fs::symlink_metadata(&link)
            .unwrap()
            .file_type()
            .is_symlink()
    );
    assert_eq!(fs::read_to_string(&path).unwrap(), e.doc.to_pretty());
    assert!(!old.exists());
    assert!(fresh.exists());
}

#[test]
fn a_reload_of_the_content_already_held_reads_but_does_not_parse() {
    let dir = setup();
    let path = snapshot_in(dir.path());
    let loaded = store::load(&path).unwrap();
    assert!(matches!(
        store::load_if_changed(&path, Some(loaded.content_hash)),
        Ok(None)
    ));
    // Changed on disk: loaded, with the new hash.
    let text = std::fs::read_to_string(&path)
        .unwrap()
        .replace("2026-05-08", "2026-05-09");
    store::write_atomic(&path, text.as_bytes()).unwrap();
    let again = store::load_if_changed(&path, Some(loaded.content_hash))
        .unwrap()
        .expect("changed: loaded");
    assert_ne!(again.content_hash, loaded.content_hash);
    // No hash known: always loaded.
    assert!(matches!(store::load_if_changed(&path, None), Ok(Some(_))));
}

/// A journal written before the content hash was XXH3 (no `hash` in its
/// header, the file named by std's SipHash) still recognises its file, and
/// says it was recognised the old way.
#[test]
fn a_journal_of_an_earlier_version_is_recovered_by_its_old_hash() {
    let dir = setup();
    let path = snapshot_in(dir.path());
    let loaded = store::load(&path).unwrap();
    let e = set(
        &loaded.doc.json.to_value(),
        &["units.kfq.actuals.investment=101.5"],
    );
    let old_hash = store::content::legacy_hash(MEETING.as_bytes());
    assert_ne!(old_hash, loaded.content_hash);
    let header = serde_json::json!({
        "guotang_journal": 1,
        "snapshot": path.display().to_string(),
        "base_hash": format!("{old_hash:016x}"),
        "started": "2026-05-08T10:00:00.000+08:00",
    });
    let entry = serde_json::json!({"time": "2026-05-08T10:00:01.000+08:00", "changes": e.changes});
    // Where earlier versions kept it.
    let dir = journal::dir_for(&path).unwrap();
    fs::create_dir_all(&dir).unwrap();
    fs::write(dir.join("edits.jsonl"), format!("{header}\n{entry}\n")).unwrap();
    let (r, claim) = journal::scan(&path, None).unwrap().found.unwrap();
    assert!(r.legacy_hash, "told once that the old hash was used");
    assert!(r.base_matches, "the file is recognised by its old hash");
    assert_eq!(r.current_hash, Some(loaded.content_hash));
    assert_eq!(r.replay.unwrap().doc.to_pretty(), e.doc.to_pretty());
    // Taken, it is rewritten with today's hash.
    let j = Journal::adopt(claim, loaded.content_hash, std::slice::from_ref(&e.changes)).unwrap();
    let text = fs::read_to_string(j.path().unwrap()).unwrap();
    assert!(text.contains("\"hash\":\"xxh3-64\""), "{text}");
    assert!(
        text.contains(&format!("{:016x}", loaded.content_hash)),
        "{text}"
    );
}

/// Files guotang creates follow the umask, as any tool's do (they were
/// 0600 whatever the umask: the temporary file's mode); a file replaced
/// keeps its own mode.
#[test]
fn new_files_follow_the_umask_and_replaced_ones_keep_their_mode() {
    use std::os::unix::fs::PermissionsExt;
    let dir = setup();
    let run = |umask: &str, args: &str| {
        let status = std::process::Command::new("sh")
            .current_dir(dir.path())
            .env("GUOTANG_DATA_DIR", dir.path().join("data"))
            .args(["-c", &format!("umask {umask} && exec \"$0\" {args}")])
            .arg(env!("CARGO_BIN_EXE_guotang"))
            .status()
            .unwrap();
        assert!(status.success(), "{args}");
    };
    let mode = |name: &str| {
        fs::metadata(dir.path().join(name))
            .unwrap()
            .permissions()
            .mode()
            & 0o777
    };
    run("022", "init m.json");
    run("022", "report m.json -o r.html");
    run("022", "export m.json -o e.csv");
    for name in ["m.json", "r.html", "e.csv"] {
        assert_eq!(mode(name), 0o644, "{name}");
    }
    run("077", "init p.json");
    assert_eq!(mode("p.json"), 0o600);
    fs::set_permissions(dir.path().join("m.json"), fs::Permissions::from_mode(0o640)).unwrap();
    run("022", "set m.json meeting.venue=礼堂");
    assert_eq!(mode("m.json"), 0o640, "a save keeps the file's mode");
}

/// `check`'s way in (a large file mapped, a small one read) gives what the
/// console's gives: the same document, the same hash, the same problems.
#[test]
fn a_file_read_once_is_the_file_loaded() {
    let dir = setup();
    let big = dir.path().join("big.json");
    let value = guotang::testgen::generate(40, 8_000, 9);
    fs::write(&big, guotang::model::to_pretty(&value)).unwrap();
    assert!(fs::metadata(&big).unwrap().len() > store::mapped::MAP_FROM);
    let small = snapshot_in(dir.path());
    for path in [&big, &small] {
        let (once, loaded) = (store::load_once(path).unwrap(), store::load(path).unwrap());
        assert_eq!(once.doc.snapshot, loaded.doc.snapshot);
        assert_eq!(once.doc.to_pretty(), loaded.doc.to_pretty());
        assert_eq!(once.content_hash, loaded.content_hash);
    }
    let mut broken = fs::read(&big).unwrap();
    let at = broken.len() / 2;
    broken[at] = b'#';
    fs::write(&big, &broken).unwrap();
    let problems = |r: Result<store::Loaded, store::LoadError>| match r {
        Err(e) => e.to_string(),
        Ok(_) => panic!("a broken file read"),
    };
    assert_eq!(
        problems(store::load_once(&big)),
        problems(store::load(&big))
    );
}

/// A save says the stamp of the file it put in place: the name leads to
/// that very file until someone else writes it — in place or by a rename —
/// and a save that wrote nothing has none.
#[test]
fn a_save_knows_the_file_it_put_in_place() {
    let dir = setup();
    let path = snapshot_in(dir.path());
    let doc = store::load(&path).unwrap().doc;
    let mut edited = doc.clone();
    edited
        .edit(&[Assignment::parse("meeting.title=另一个标题").unwrap()])
        .unwrap();
    let saved = store::save(&path, &edited, Expect::Anything).unwrap();
    let stamp = saved.stamp.expect("written, so stamped");
    assert_eq!(store::content::FileStamp::at(&path).unwrap(), Some(stamp));
    // Read and hashed: still that file.
    store::load(&path).unwrap();
    assert_eq!(store::content::FileStamp::at(&path).unwrap(), Some(stamp));
    // Saved again with the same bytes: nothing written, no stamp.
    let again = store::save(&path, &edited, Expect::Anything).unwrap();
    assert!(!again.written && again.stamp.is_none());
    // Another writer's rename over it.
    store::write_atomic(&path, MEETING.as_bytes()).unwrap();
    assert_ne!(store::content::FileStamp::at(&path).unwrap(), Some(stamp));
    // A write in place, same length, after the stamp's times.
    let saved = store::save(&path, &edited, Expect::Anything).unwrap();
    let stamp = saved.stamp.unwrap();
    let file = fs::OpenOptions::new().write(true).open(&path).unwrap();
    file.set_modified(std::time::UNIX_EPOCH).unwrap();
    (&file).write_all(b"{").unwrap();
    assert_ne!(store::content::FileStamp::at(&path).unwrap(), Some(stamp));
}
