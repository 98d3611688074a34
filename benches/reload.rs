//! What a presenter waits for when someone else saves the snapshot, end to
//! end: the file replaced atomically (written, fsynced, renamed), the
//! watcher noticing (`store::watch`), the file read again — against the
//! version held (`store::reload::reread`, the console's path) or in full
//! (`store::load`, the path before) — the new data put in force through
//! the app's `update` (standings recomputed) and a 200×60 frame rendered.
//!
//! Two parts of it are measured on their own as well: from the rename on
//! (the new text already written and flushed beside the file: renamed,
//! noticed, read again, put in force, drawn — what a reader can wait for at
//! all, since the file is the old one until the rename), and the console's
//! part alone (the file already replaced: read again, put in force, drawn).
//!
//! Each write alternates between two versions that differ in one project
//! and one unit's figure, so every write is a change the screen shows.
//!
//! `cargo bench --bench reload`; figures in docs/performance.md.

mod common;

use std::path::Path;
use std::sync::mpsc;
use std::time::{Duration, Instant};

use criterion::{Criterion, criterion_group, criterion_main};
use guotang::app::{Action, App};
use guotang::model;
use guotang::store::{self, reload::Reread};
use guotang::ui::theme::ThemeName;

/// The second version: one project renamed, one unit's first actual changed.
fn other_version(bytes: &[u8]) -> Vec<u8> {
    let mut v: serde_json::Value = serde_json::from_slice(bytes).expect("json");
    let n = v["projects"].as_array().map_or(0, Vec::len);
    if n > 0 {
        v["projects"][n / 2]["name"] = serde_json::Value::from("改过名的项目");
    }
    if let Some(actuals) = v["units"][0]["actuals"].as_object_mut()
        && let Some((_, x)) = actuals.iter_mut().next()
    {
        *x = serde_json::json!(x.as_f64().unwrap_or(0.0) + 1.0);
    }
    model::to_pretty(&v).into_bytes()
}

/// Reads the file again as the console does (`incremental`) or in full,
/// and puts it in force (the console gives the freed memory back after
/// the frame is drawn).
fn take(app: &mut App, path: &Path, incremental: bool) {
    let action = if incremental {
        match store::reload::reread(path, app.data.content_hash, &app.data.doc) {
            Ok(Reread::Incremental { plan, content_hash }) => {
                Action::Reloaded(Box::new(guotang::app::reload::Reading {
                    plan: *plan,
                    hash: content_hash,
                    generation: app.data.generation,
                }))
            }
            Ok(Reread::Full(l)) => Action::Loaded(Ok(Box::new((l.doc, l.content_hash)))),
            other => panic!("not reloaded: {other:?}"),
        }
    } else {
        let l = store::load(path).expect("loads");
        Action::Loaded(Ok(Box::new((l.doc, l.content_hash))))
    };
    app.update(action);
}

/// After a save began at `start`: the watcher's call awaited, the file read
/// again and put in force, a frame drawn; the time from `start` to the
/// frame. Then, untimed, as the console does, memory is given back, and
/// the file is left quiet so that the next save is a change of its own.
fn noticed_and_drawn(
    app: &mut App,
    file: &Path,
    noticed: &mpsc::Receiver<Instant>,
    incremental: bool,
    start: Instant,
) -> Duration {
    noticed
        .recv_timeout(Duration::from_secs(30))
        .expect("noticed");
    take(app, file, incremental);
    let frame = guotang::ui::screen::render(app, 200, 60);
    let took = start.elapsed();
    std::hint::black_box(frame);
    guotang::memory::release_free();
    std::thread::sleep(store::watch::DEBOUNCE + Duration::from_millis(50));
    while noticed.try_recv().is_ok() {}
    took
}

/// A watcher on `file` that sends the instant of each report, started and
/// settled (what it saw of the file being made is drained).
fn watched(file: &Path) -> (store::watch::Watcher, mpsc::Receiver<Instant>) {
    let (tx, rx) = mpsc::channel();
    let watch = store::watch::watch(file, store::watch::DEBOUNCE, move || {
        let _ = tx.send(Instant::now());
    })
    .expect("a watcher");
    std::thread::sleep(Duration::from_millis(300));
    while rx.try_recv().is_ok() {}
    (watch, rx)
}

/// A console's app on `file` as it is now, at the second agenda item.
fn app_on(file: &Path) -> App {
    let loaded = store::load(file).expect("loads");
    let mut app = guotang::cli::render::app_at_item(
        loaded.doc,
        1,
        ThemeName::Dark,
        Some("zh_CN.UTF-8".into()),
        (200, 60),
    );
    app.data.content_hash = Some(loaded.content_hash);
    app
}

/// Writes `bytes` beside `file` and flushes them to the disk, as an atomic
/// save does before its rename; returns the temporary file's path.
fn written_beside(file: &Path, bytes: &[u8]) -> std::path::PathBuf {
    use std::io::Write as _;
    let tmp = file.with_extension("json.saving");
    let mut f = std::fs::File::create(&tmp).expect("a temporary file");
    f.write_all(bytes).expect("written");
    f.sync_all().expect("flushed");
    tmp
}

fn reload(c: &mut Criterion) {
    guotang::memory::configure();
    for input in common::inputs() {
        let dir = tempfile::tempdir().expect("a temporary directory");
        let file = dir.path().join("meeting.json");
        let versions = [input.bytes.clone(), other_version(&input.bytes)];
        let mut g = c.benchmark_group(format!("reload/{}", input.name));
        g.sample_size(10).measurement_time(Duration::from_secs(8));
        for (name, incremental) in [
            ("atomic save->frame 200x60, incremental", true),
            ("atomic save->frame 200x60, full load", false),
        ] {
            store::write_atomic(&file, &versions[0]).expect("the file written");
            let mut app = app_on(&file);
            let (_watch, rx) = watched(&file);
            let mut k = 0;
            g.bench_function(name, |b| {
                b.iter_custom(|iters| {
                    let mut total = Duration::ZERO;
                    for _ in 0..iters {
                        k += 1;
                        let start = Instant::now();
                        store::write_atomic(&file, &versions[k % 2]).expect("the file written");
                        total += noticed_and_drawn(&mut app, &file, &rx, incremental, start);
                    }
                    total
                })
            });
        }
        // From the rename on: the new text already written beside the file
        // and flushed (untimed, the writer's part), then renamed over it,
        // noticed by the watcher, read again, put in force, drawn.
        store::write_atomic(&file, &versions[0]).expect("the file written");
        let mut app = app_on(&file);
        let (watch, rx) = watched(&file);
        let mut k = 0;
        g.bench_function("rename->watcher->frame 200x60, incremental", |b| {
            b.iter_custom(|iters| {
                let mut total = Duration::ZERO;
                for _ in 0..iters {
                    k += 1;
                    let tmp = written_beside(&file, &versions[k % 2]);
                    let start = Instant::now();
                    std::fs::rename(&tmp, &file).expect("renamed");
                    total += noticed_and_drawn(&mut app, &file, &rx, true, start);
                }
                total
            })
        });
        drop(watch);
        // The console's part alone: the file already replaced (untimed),
        // read again against the version held, put in force, drawn.
        store::write_atomic(&file, &versions[0]).expect("the file written");
        let mut app = app_on(&file);
        let mut k = 0;
        g.bench_function(
            "replaced->frame 200x60, incremental (the console's part)",
            |b| {
                b.iter_custom(|iters| {
                    let mut total = Duration::ZERO;
                    for _ in 0..iters {
                        k += 1;
                        store::write_atomic(&file, &versions[k % 2]).expect("the file written");
                        let start = Instant::now();
                        take(&mut app, &file, true);
                        let frame = guotang::ui::screen::render(&app, 200, 60);
                        total += start.elapsed();
                        std::hint::black_box(frame);
                        guotang::memory::release_free();
                    }
                    total
                })
            },
        );
        g.finish();
    }
}

criterion_group!(benches, reload);
criterion_main!(benches);
