//! What a presenter waits for when someone else saves the snapshot, end to
//! end: the file replaced atomically (written, fsynced, renamed), the
//! watcher noticing (`store::watch`), the file read again — against the
//! version held (`store::reload::reread`, the console's path) or in full
//! (`store::load`, the path before) — the new data put in force through
//! the app's `update` (standings recomputed) and a 200×60 frame rendered.
//!
//! The console's part alone (the file already replaced: read again, put
//! in force, drawn) is measured on its own as well.
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
use guotang::model::{self, Document};
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
            let loaded = store::load(&file).expect("loads");
            let doc: Document = loaded.doc;
            let mut app = guotang::cli::render::app_at_item(
                doc,
                1,
                ThemeName::Dark,
                Some("zh_CN.UTF-8".into()),
                (200, 60),
            );
            app.data.content_hash = Some(loaded.content_hash);
            let (tx, rx) = mpsc::channel();
            let _watch = store::watch::watch(&file, store::watch::DEBOUNCE, move || {
                let _ = tx.send(Instant::now());
            })
            .expect("a watcher");
            std::thread::sleep(Duration::from_millis(300));
            while rx.try_recv().is_ok() {}
            let mut k = 0;
            g.bench_function(name, |b| {
                b.iter_custom(|iters| {
                    let mut total = Duration::ZERO;
                    for _ in 0..iters {
                        k += 1;
                        let start = Instant::now();
                        store::write_atomic(&file, &versions[k % 2]).expect("the file written");
                        rx.recv_timeout(Duration::from_secs(30)).expect("noticed");
                        take(&mut app, &file, incremental);
                        let frame = guotang::ui::screen::render(&app, 200, 60);
                        total += start.elapsed();
                        std::hint::black_box(frame);
                        // As the console does: memory given back after the frame.
                        guotang::memory::release_free();
                        // Quiet, so that the next write is a change of its own.
                        std::thread::sleep(store::watch::DEBOUNCE + Duration::from_millis(50));
                        while rx.try_recv().is_ok() {}
                    }
                    total
                })
            });
        }
        // The console's part alone: the file already replaced (untimed),
        // read again against the version held, put in force, drawn.
        store::write_atomic(&file, &versions[0]).expect("the file written");
        let loaded = store::load(&file).expect("loads");
        let mut app = guotang::cli::render::app_at_item(
            loaded.doc,
            1,
            ThemeName::Dark,
            Some("zh_CN.UTF-8".into()),
            (200, 60),
        );
        app.data.content_hash = Some(loaded.content_hash);
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
