//! What a presenter waits for when someone else saves the snapshot: the
//! file replaced atomically, the watcher noticing (`store::watch`), the file
//! read and validated (`store::load`) and the derived data computed
//! (`Derived::compute`) — from the write to the data ready to draw. Measured
//! with the console's 75 ms debounce and without it (the work alone plus the
//! watcher's own latency).
//!
//! `cargo bench --bench reload`; figures in docs/performance.md.

mod common;

use std::sync::mpsc;
use std::time::{Duration, Instant};

use criterion::{Criterion, criterion_group, criterion_main};
use guotang::app::data::Derived;
use guotang::store;

fn reload(c: &mut Criterion) {
    for input in common::inputs() {
        let dir = tempfile::tempdir().expect("a temporary directory");
        let file = dir.path().join("meeting.json");
        store::write_atomic(&file, &input.bytes).expect("the file written");
        let mut g = c.benchmark_group(format!("reload/{}", input.name));
        g.sample_size(10).measurement_time(Duration::from_secs(5));
        for (name, debounce) in [
            ("write->data ready, 75ms debounce", store::watch::DEBOUNCE),
            ("write->data ready, no debounce", Duration::ZERO),
        ] {
            let (tx, rx) = mpsc::channel();
            let path = file.clone();
            let _watch = store::watch::watch(&file, debounce, move || {
                let ready = store::load(&path)
                    .ok()
                    .map(|l| (Derived::compute(&l.doc.snapshot), l));
                let _ = tx.send((Instant::now(), ready.is_some()));
            })
            .expect("a watcher");
            // Let the watcher settle and drain anything from the first write.
            std::thread::sleep(Duration::from_millis(300));
            while rx.try_recv().is_ok() {}
            g.bench_function(name, |b| {
                b.iter_custom(|iters| {
                    let mut total = Duration::ZERO;
                    for _ in 0..iters {
                        let start = Instant::now();
                        store::write_atomic(&file, &input.bytes).expect("the file written");
                        let (at, ok) = rx.recv_timeout(Duration::from_secs(30)).expect("reloaded");
                        assert!(ok, "the reload failed");
                        total += at - start;
                        // Quiet, so that the next write is a change of its own.
                        std::thread::sleep(debounce + Duration::from_millis(50));
                        while rx.try_recv().is_ok() {}
                    }
                    total
                })
            });
        }
        g.finish();
    }
}

criterion_group!(benches, reload);
criterion_main!(benches);
