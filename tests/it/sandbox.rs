//! The `guotang` binary in a sandbox, for the tests that run it as a
//! command on format v2 (cli_v2, tiers_io): fixed language, no colour, its
//! own data, state and config folders.

use std::path::{Path, PathBuf};

use assert_cmd::Command;
use serde_json::Value;

/// The binary in a sandbox: fixed language, no colour, its own data,
/// state and config folders.
pub struct Sandbox {
    dir: tempfile::TempDir,
}

impl Sandbox {
    pub fn new() -> Sandbox {
        Sandbox {
            dir: tempfile::tempdir().unwrap(),
        }
    }
    pub fn path(&self, name: &str) -> PathBuf {
        self.dir.path().join(name)
    }
    pub fn cmd(&self) -> Command {
        let mut cmd = Command::cargo_bin("guotang").unwrap();
        cmd.env("LANG", "C.UTF-8")
            .env("NO_COLOR", "1")
            .env("GUOTANG_DATA_DIR", self.path("data"))
            .env("GUOTANG_STATE_DIR", self.path("state"))
            .env("GUOTANG_CONFIG_DIR", self.path("config"))
            .current_dir(self.dir.path());
        cmd
    }
    pub fn write(&self, name: &str, v: &Value) -> PathBuf {
        let path = self.path(name);
        std::fs::write(&path, guotang::model::to_pretty(v)).unwrap();
        path
    }
    /// Runs and returns (exit code, stdout, stderr).
    pub fn run(&self, args: &[&str]) -> (i32, String, String) {
        let out = self.cmd().args(args).output().unwrap();
        (
            out.status.code().unwrap_or(-1),
            String::from_utf8_lossy(&out.stdout)
                .replace(&self.dir.path().display().to_string(), "[dir]"),
            String::from_utf8_lossy(&out.stderr)
                .replace(&self.dir.path().display().to_string(), "[dir]"),
        )
    }
    pub fn standings(&self, file: &Path) -> Value {
        let (code, out, err) = self.run(&["standings", file.to_str().unwrap(), "--json"]);
        assert_eq!(code, 0, "{err}");
        serde_json::from_str(&out).unwrap()
    }
    /// `guotang init NAME.json --template NAME`.
    pub fn template(&self, name: &str) -> PathBuf {
        let file = self.path(&format!("{name}.json"));
        let (code, _, err) = self.run(&["init", file.to_str().unwrap(), "--template", name]);
        assert_eq!(code, 0, "{err}");
        file
    }
}

/// The element of `id` in a JSON object's `units` list (a snapshot, or
/// the standings `guotang table --json` writes).
pub fn unit<'v>(doc: &'v Value, id: &str) -> &'v Value {
    doc["units"]
        .as_array()
        .unwrap()
        .iter()
        .find(|u| u["id"] == id)
        .unwrap()
}
