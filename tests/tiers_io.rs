//! What users put into and get out of a meeting of format v2: `set` with
//! the meeting's own tiers, the bulletin, the exports and imports of
//! tiers, judges' marks and history.

use std::path::{Path, PathBuf};

use assert_cmd::Command;
use serde_json::Value;

/// The binary in a sandbox: fixed language, no colour, its own data,
/// state and config folders.
struct Sandbox {
    dir: tempfile::TempDir,
}

impl Sandbox {
    fn new() -> Sandbox {
        Sandbox {
            dir: tempfile::tempdir().unwrap(),
        }
    }
    fn path(&self, name: &str) -> PathBuf {
        self.dir.path().join(name)
    }
    fn cmd(&self) -> Command {
        let mut cmd = Command::cargo_bin("guotang").unwrap();
        cmd.env("LANG", "C.UTF-8")
            .env("NO_COLOR", "1")
            .env("GUOTANG_DATA_DIR", self.path("data"))
            .env("GUOTANG_STATE_DIR", self.path("state"))
            .env("GUOTANG_CONFIG_DIR", self.path("config"))
            .current_dir(self.dir.path());
        cmd
    }
    /// Runs and returns (exit code, stdout, stderr).
    fn run(&self, args: &[&str]) -> (i32, String, String) {
        let out = self.cmd().args(args).output().unwrap();
        (
            out.status.code().unwrap_or(-1),
            String::from_utf8_lossy(&out.stdout).into_owned(),
            String::from_utf8_lossy(&out.stderr).into_owned(),
        )
    }
    /// `guotang init NAME.json --template NAME`.
    fn template(&self, name: &str) -> PathBuf {
        let file = self.path(&format!("{name}.json"));
        let (code, _, err) = self.run(&["init", file.to_str().unwrap(), "--template", name]);
        assert_eq!(code, 0, "{err}");
        file
    }
}

fn json(path: &Path) -> Value {
    serde_json::from_slice(&std::fs::read(path).unwrap()).unwrap()
}

fn unit<'v>(doc: &'v Value, id: &str) -> &'v Value {
    doc["units"]
        .as_array()
        .unwrap()
        .iter()
        .find(|u| u["id"] == id)
        .unwrap()
}

#[test]
fn set_takes_the_meetings_own_tiers_by_label_or_id() {
    let sb = Sandbox::new();
    let file = sb.template("three-tiers");
    let f = file.to_str().unwrap();
    let (code, _, err) = sb.run(&[
        "set",
        f,
        "units.cn.card=绿牌",
        "units.cn.card_reason=提前完成",
        "units.cb.card=red",
        "units.cb.card_reason=整改不力",
        "units.jd.card=不亮牌",
        "units.jd.card_reason=新设单位",
    ]);
    assert_eq!(code, 0, "{err}");
    let doc = json(&file);
    assert_eq!(unit(&doc, "cn")["card"], "green");
    assert_eq!(unit(&doc, "cb")["card"], "red");
    assert_eq!(unit(&doc, "jd")["card"], "none");

    // A tier the meeting does not have is refused, naming the place and
    // the tiers it has; nothing is written.
    let before = std::fs::read(&file).unwrap();
    let (code, _, err) = sb.run(&["set", f, "units.cn.card=蓝牌"]);
    assert_ne!(code, 0);
    assert!(err.contains("units") && err.contains("green"), "{err}");
    assert_eq!(std::fs::read(&file).unwrap(), before);

    // The arena's flags, by their labels.
    let file = sb.template("arena");
    let f = file.to_str().unwrap();
    let (code, _, err) = sb.run(&[
        "set",
        f,
        "units.tq.card=流动黄旗",
        "units.tq.card_reason=评委一致意见",
    ]);
    assert_eq!(code, 0, "{err}");
    assert_eq!(unit(&json(&file), "tq")["card"], "yellow_flag");
}
