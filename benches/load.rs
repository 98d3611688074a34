//! What a user waits for when a snapshot opens: bytes → record (projects
//! kept as spans of the text) → validated snapshot → standings, and stages
//! alone.
//!
//! `cargo bench --bench load`; figures in docs/performance.md.

mod common;

use std::time::Duration;

use criterion::{BatchSize, Criterion, Throughput, criterion_group, criterion_main};
use guotang::model::{self, Document, parse};

fn load(c: &mut Criterion) {
    for input in common::inputs_with_v2() {
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
        // The bytes as `store::load` hands them over (the document keeps them).
        g.bench_function("parse+validate+standings", |b| {
            b.iter_batched(
                || bytes.clone(),
                |bytes| {
                    let doc = Document::from_text(bytes).ok();
                    let st = doc.as_ref().map(|d| model::compute(&d.snapshot));
                    (doc, st)
                },
                BatchSize::PerIteration,
            )
        });
        g.bench_function("read top level (projects as spans)", |b| {
            b.iter_batched(
                || guotang::model::FileText::from(bytes.clone()),
                parse::parse_record,
                BatchSize::PerIteration,
            )
        });
        // The whole text as one JSON value: what the record no longer builds
        // (still the reading that finds the exact place of a syntax error).
        g.bench_function("parse to one value", |b| {
            b.iter_with_large_drop(|| parse::parse_json(bytes))
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
