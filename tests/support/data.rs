//! One data directory (backups, journals) for the in-process saves of a
//! whole test binary: the environment is process-wide, so every module of
//! the binary shares it. Each test's snapshot lives in its own temporary
//! folder, which keys its own backups and journal, so sharing is safe.
#![allow(dead_code)]

use std::path::{Path, PathBuf};
use std::sync::Once;

/// Sets `GUOTANG_DATA_DIR` once for this binary (emptied first) and
/// returns it. Call it first in any test that saves or journals in-process.
pub fn data_env() -> PathBuf {
    static DATA: Once = Once::new();
    let dir = Path::new(env!("CARGO_TARGET_TMPDIR"))
        .join(format!("{}-data", module_path!().replace("::", "-")));
    DATA.call_once(|| {
        let _ = std::fs::remove_dir_all(&dir);
        // SAFETY: set once, through std, whose readers (`env::var`,
        // `Command::spawn`) take the same environment lock.
        unsafe { std::env::set_var(guotang::store::data_dir::ENV, &dir) };
    });
    dir
}
