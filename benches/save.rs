//! What a user waits for when the console saves: the whole `store::save`
//! (the file on disk hashed as it streams in, the document streamed to a
//! temporary file, the old version kept as a backup, fsync, rename,
//! directory fsync), a file's projects written anew and copied as they
//! stand; and its parts.
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
    // Backups into the temporary folder (same file system: hard links).
    // SAFETY: set before any thread of this benchmark starts.
    unsafe { std::env::set_var(guotang::store::data_dir::ENV, dir.path().join("data")) };
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
        // Two versions in turn, so that every save replaces the file and
        // keeps a backup, as a secretary's saves do.
        let mut other = doc.clone();
        let first_unit = doc.snapshot.units[0].id.clone();
        let at = format!("units.{first_unit}.name");
        if let Err(e) =
            other.edit(&[
                guotang::model::edit::Assignment::parse(&format!("{at}=另一个名字"))
                    .unwrap_or_else(|e| panic!("{e}")),
            ])
        {
            panic!("{e}");
        }
        let versions = [doc.clone(), other];
        let mut expect = store::Expect::Anything;
        let mut turn = 0;
        g.bench_function("store::save (check, backup, write)", |b| {
            b.iter(|| {
                turn += 1;
                match store::save(&path, &versions[turn % 2], expect) {
                    Ok(saved) => expect = store::Expect::Unchanged(saved.content_hash),
                    Err(e) => panic!("{e}"),
                }
            })
        });
        g.bench_function("to_pretty+write_atomic", |b| {
            b.iter(|| {
                let text = doc.to_pretty();
                store::atomic::write_atomic(&path, text.as_bytes())
            })
        });
        g.bench_function("to_pretty", |b| b.iter(|| doc.to_pretty()));
        // What the console finds on a thread of its own once a file is
        // read: whether its projects' text is already in the save form
        // (a file a save wrote, as these are). Then the saves copy it.
        let copied = versions[0].json.save_form_check().map(|c| c.run());
        let name = match copied {
            Some(true) => "store::save, projects copied (already in the save form)",
            _ => "store::save, projects not in the save form (written anew)",
        };
        let made = match copied {
            Some(true) => "to_pretty, projects copied",
            _ => "to_pretty, projects not in the save form",
        };
        g.bench_function(name, |b| {
            b.iter(|| {
                turn += 1;
                match store::save(&path, &versions[turn % 2], expect) {
                    Ok(saved) => expect = store::Expect::Unchanged(saved.content_hash),
                    Err(e) => panic!("{e}"),
                }
            })
        });
        g.bench_function(made, |b| b.iter(|| doc.to_pretty()));
        g.finish();
    }
}

criterion_group!(benches, save);
criterion_main!(benches);
