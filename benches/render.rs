//! What a presenter waits for on every key press and tick: one frame of the
//! console at 200×60, for every agenda item (every pane), the audience's
//! screen on every item, every sheet of the secretary's editor and every
//! page of the hall board, on the demo and on 2,000 units / 100,000
//! projects. Standings are computed once, before measuring: a frame only
//! draws.
//!
//! `cargo bench --bench render`; figures in the README.

mod common;

use criterion::{Criterion, criterion_group, criterion_main};
use guotang::app::editor::Sheet;
use guotang::app::{Action, Command};
use guotang::cli::render::app_at_item;
use guotang::cli::render_room::{audience_at_item, board_at_page};
use guotang::model::Document;
use guotang::model::Word as _;
use guotang::ui::theme::ThemeName;

fn render(c: &mut Criterion) {
    for input in common::inputs() {
        let doc = match Document::from_bytes(&input.bytes) {
            Ok(doc) => doc,
            Err(p) => panic!("{} does not load:\n{p}", input.name),
        };
        let mut g = c.benchmark_group(format!("frame_200x60/{}", input.name));
        for item in 0..doc.snapshot.agenda.len() {
            let pane = doc.snapshot.agenda[item].pane.as_str();
            let app = app_at_item(doc.clone(), item, ThemeName::Dark, None, (200, 60));
            g.bench_function(format!("item{}_{pane}", item + 1), |b| {
                b.iter(|| guotang::ui::screen::render(&app, 200, 60))
            });
        }
        // The audience's screen: the item's big number and title, the
        // pane, the speaker and the countdown.
        for item in 0..doc.snapshot.agenda.len() {
            let pane = doc.snapshot.agenda[item].pane.as_str();
            let app = audience_at_item(doc.clone(), item, ThemeName::Dark, (200, 60));
            g.bench_function(format!("audience_item{}_{pane}", item + 1), |b| {
                b.iter(|| guotang::ui::screen::render(&app, 200, 60))
            });
        }
        let mut app = app_at_item(doc.clone(), 0, ThemeName::Dark, None, (200, 60));
        app.update(Action::Command(Command::Edit));
        for sheet in Sheet::ALL {
            app.edit.sheet = sheet;
            g.bench_function(format!("editor_{sheet:?}").to_lowercase(), |b| {
                b.iter(|| guotang::ui::screen::render(&app, 200, 60))
            });
        }
        // The hall board (`guotang board`): every page of its loop.
        let board = board_at_page(doc.clone(), 0, ThemeName::Dark, (200, 60));
        for page in 0..board.board_pages().len() {
            let app = board_at_page(doc.clone(), page, ThemeName::Dark, (200, 60));
            g.bench_function(format!("board_page{}", page + 1), |b| {
                b.iter(|| guotang::ui::screen::render(&app, 200, 60))
            });
        }
        g.finish();
    }
}

criterion_group!(benches, render);
criterion_main!(benches);
