//! What a user waits for when the console saves: the document to its pretty
//! text, then an atomic replace of the file (temporary file, fsync, rename,
//! directory fsync).
//!
//! `cargo bench --bench save`; figures in docs/performance.md.

mod common;

use std::time::Duration;

use criterion::{Criterion, Throughput, criterion_group, criterion_main};
use guotang::model::Document;
use guotang::store;

fn save(c: &mut Criterion) {
    let dir = match tempfile::tempdir() {
        Ok(d) => d,
        Err(e) => panic!("no temporary directory: {e}"),
    };
    for input in common::inputs() {
        let doc = match Document::from_bytes(&input.bytes) {
            Ok(doc) => doc,
            Err(p) => panic!("{} does not load:\n{p}", input.name),
        };
        let path = dir.path().join(format!("{}.json", input.name));
        let mut g = c.benchmark_group(format!("save/{}", input.name));
        g.throughput(Throughput::Bytes(input.bytes.len() as u64));
        if input.bytes.len() > 1 << 20 {
            g.sample_size(10).measurement_time(Duration::from_secs(10));
        }
        g.bench_function("to_pretty+write_atomic", |b| {
            b.iter(|| {
                let text = doc.to_pretty();
                store::atomic::write_atomic(&path, text.as_bytes())
            })
        });
        g.bench_function("to_pretty", |b| b.iter(|| doc.to_pretty()));
        g.finish();
    }
}

criterion_group!(benches, save);
criterion_main!(benches);
