//! What a user waits for when a snapshot opens: bytes → JSON document →
//! validated snapshot → standings, and each stage alone.
//!
//! `cargo bench --bench load`; figures in docs/performance.md.

mod common;

use std::time::Duration;

use criterion::{BatchSize, Criterion, Throughput, criterion_group, criterion_main};
use guotang::model::{self, Document, parse, validate};

fn load(c: &mut Criterion) {
    for input in common::inputs() {
        let bytes = &input.bytes;
        let mut g = c.benchmark_group(format!("load/{}", input.name));
        g.throughput(Throughput::Bytes(bytes.len() as u64));
        if bytes.len() > 1 << 20 {
            g.sample_size(10).measurement_time(Duration::from_secs(12));
        }
        let doc = match Document::from_bytes(bytes) {
            Ok(doc) => doc,
            Err(p) => panic!("{} does not load:\n{p}", input.name),
        };
        // The document is dropped outside the timing: the console frees the
        // previous one after the new one is on screen. Drop is measured apart.
        g.bench_function("parse+validate+standings", |b| {
            b.iter_with_large_drop(|| {
                let doc = Document::from_bytes(bytes).ok();
                let st = doc.as_ref().map(|d| model::compute(&d.snapshot));
                (doc, st)
            })
        });
        g.bench_function("parse", |b| {
            b.iter_with_large_drop(|| parse::parse_json(bytes))
        });
        g.bench_function("validate", |b| {
            b.iter_with_large_drop(|| validate::validate(&doc.json))
        });
        g.bench_function("standings", |b| {
            b.iter_with_large_drop(|| model::compute(&doc.snapshot))
        });
        g.bench_function("drop", |b| {
            b.iter_batched(
                || Document::from_bytes(bytes).ok(),
                drop,
                BatchSize::PerIteration,
            )
        });
        g.finish();
    }
}

criterion_group!(benches, load);
criterion_main!(benches);
