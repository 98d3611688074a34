//! What a secretary waits for after typing a cell: the edit made
//! (`Document::edit`, in place for a unit's figure or a project's stage),
//! the derived data computed again where the edit can reach
//! (`Derived::again`; and whole, `Derived::compute`: standings, seating,
//! speaker queues) and the ranking pane drawn at 200×60 — edit → updated
//! frame, on the demo and on 2,000 units / 100,000 projects; and the same
//! through the console editor's own path (`App::apply_edit`).
//!
//! `cargo bench --bench edit`; figures in docs/performance.md.

mod common;

use std::time::Duration;

use criterion::{Criterion, criterion_group, criterion_main};
use guotang::app::data::Derived;
use guotang::cli::render::app_at_item;
use guotang::model::edit::Assignment;
use guotang::model::reach::Reach;
use guotang::model::{Document, Pane};
use guotang::ui::theme::ThemeName;

fn edit(c: &mut Criterion) {
    for input in common::inputs_with_v2() {
        let doc = match Document::from_bytes(&input.bytes) {
            Ok(doc) => doc,
            Err(p) => panic!("{} does not load:\n{p}", input.name),
        };
        let s = &doc.snapshot;
        let ranking = s
            .agenda
            .iter()
            .position(|i| i.pane == Pane::Ranking)
            .unwrap_or(0);
        let unit = &s.units[s.units.len() / 2].id;
        let metric = &s.metrics[0].id;
        let project = &s.projects[s.projects.len() / 2].id;
        let cells = [
            (format!("units.{unit}.actuals.{metric}"), ["12.5", "13.5"]),
            (format!("projects.{project}.stage"), ["stalled", "started"]),
        ];
        let mut app = app_at_item(doc, ranking, ThemeName::Dark, None, (200, 60));
        let mut g = c.benchmark_group(format!("edit/{}", input.name));
        if input.bytes.len() > 1 << 20 {
            g.sample_size(20).measurement_time(Duration::from_secs(4));
        }
        for (path, values) in &cells {
            let field = path.rsplit('.').next().unwrap_or("");
            let edits = values.map(|v| [Assignment::parse(&format!("{path}={v}")).unwrap()]);
            let mut n = 0usize;
            g.bench_function(format!("{field}+derive+frame"), |b| {
                b.iter(|| {
                    // Alternate values, so that every edit changes something.
                    n += 1;
                    let changes = app.data.doc.edit(&edits[n % 2]).unwrap();
                    let reach = Reach::of_changes(&changes, &app.data.doc.snapshot);
                    app.data.derive_again(&reach);
                    let frame = guotang::ui::screen::render(&app, 200, 60);
                    (changes.len(), frame)
                })
            });
            // What the edit cost before the derived data was computed
            // again only where the edit could reach (and costs a reload
            // that reaches everything).
            g.bench_function(format!("{field}+whole derive+frame"), |b| {
                b.iter(|| {
                    n += 1;
                    let changes = app.data.doc.edit(&edits[n % 2]);
                    app.data.derived = Derived::compute(&app.data.doc.snapshot);
                    let frame = guotang::ui::screen::render(&app, 200, 60);
                    (changes.map(|c| c.len()), frame)
                })
            });
            // The whole path a key takes in the console's editor: the edit,
            // undo history, marks, derived data, the meeting kept in place.
            g.bench_function(format!("{field} via the editor+frame"), |b| {
                b.iter(|| {
                    n += 1;
                    let effects = app.apply_edit(&edits[n % 2]);
                    let frame = guotang::ui::screen::render(&app, 200, 60);
                    (effects.map(|e| e.len()), frame)
                })
            });
            g.bench_function(format!("{field} edit alone"), |b| {
                b.iter(|| {
                    n += 1;
                    app.data.doc.edit(&edits[n % 2]).map(|c| c.len())
                })
            });
        }
        g.finish();
    }
}

criterion_group!(benches, edit);
criterion_main!(benches);
