//! The journals a console left in its data directory: one file per editing
//! session, under a folder per snapshot.
#![allow(dead_code)]

use std::path::{Path, PathBuf};

/// Every session's journal under `data`, sorted.
pub fn journals(data: &Path) -> Vec<PathBuf> {
    let Ok(dirs) = std::fs::read_dir(data.join("journal")) else {
        return Vec::new();
    };
    let mut files: Vec<_> = dirs
        .flatten()
        .filter_map(|d| std::fs::read_dir(d.path()).ok())
        .flatten()
        .flatten()
        .map(|f| f.path())
        .filter(|p| p.extension().is_some_and(|x| x == "jsonl"))
        .collect();
    files.sort();
    files
}

/// All journals' text, one after the other.
pub fn journal_text(data: &Path) -> String {
    journals(data)
        .iter()
        .filter_map(|p| std::fs::read_to_string(p).ok())
        .collect()
}
