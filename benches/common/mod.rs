//! Inputs shared by the benchmarks: the demo and a large generated meeting,
//! both as the bytes a file on disk holds (the console's pretty save format).
//!
//! Each `benches/*.rs` file is its own crate with `harness = false` and a
//! `[[bench]]` entry in Cargo.toml; it includes this module with `mod common;`.
//! Benchmarks: load, save, render (each pane at 200×60), edit (a cell edit,
//! derived data, a frame) and reload (an outside save to data ready).
#![allow(dead_code)] // each bench uses the part it needs

use guotang::model;

/// Units and projects of the large meeting: a whole province's review.
pub const LARGE_UNITS: usize = 2000;
pub const LARGE_PROJECTS: usize = 100_000;
pub const SEED: u64 = 1;

/// One benchmark input: a name for the report and the file's bytes.
pub struct Input {
    pub name: &'static str,
    pub bytes: Vec<u8>,
}

/// The demo meeting.
pub fn demo() -> Input {
    Input {
        name: "demo",
        bytes: model::DEMO.as_bytes().to_vec(),
    }
}

/// 2,000 units and 100,000 projects, pretty-printed as the console saves it.
pub fn large() -> Input {
    let json = guotang::testgen::generate(LARGE_UNITS, LARGE_PROJECTS, SEED);
    Input {
        name: "2000u-100000p",
        bytes: model::to_pretty(&json).into_bytes(),
    }
}

/// The large meeting as format v2 with 12 periods of history, tiers by
/// bands and judges' marks (issue 15: the benchmarks stay within target).
pub fn large_v2() -> Input {
    let json = guotang::testgen::generate_v2(LARGE_UNITS, LARGE_PROJECTS, SEED, 12);
    Input {
        name: "2000u-100000p-v2-12periods",
        bytes: model::to_pretty(&json).into_bytes(),
    }
}

/// Both inputs, the small one first.
pub fn inputs() -> Vec<Input> {
    vec![demo(), large()]
}

/// [`inputs`] and the large meeting in format v2 with history: for the
/// paths the v2 fields reach (opening, editing a figure).
pub fn inputs_with_v2() -> Vec<Input> {
    vec![demo(), large(), large_v2()]
}
