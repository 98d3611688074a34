//! Kills a process that keeps saving a ~1.5 MB snapshot, with SIGKILL at
//! random moments, hundreds of times: after every kill the snapshot must load
//! and be exactly the old or the new version, never a mix, never empty. The
//! same run shows a killed saver's lock is taken over by the next one.

use std::io::{BufRead, BufReader};
use std::path::Path;
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use rand::rngs::SmallRng;
use rand::{Rng, SeedableRng};
use serde_json::{Value, json};

use guotang::model::to_pretty;
use guotang::store;

const KILLS: usize = 200;

/// A meeting of `units` units and `projects` projects; `version` changes
/// the numbers, so the two versions differ all through the file.
fn snapshot(units: usize, projects: usize, version: u32) -> Value {
    let units: Vec<Value> = (0..units)
        .map(|i| {
            json!({
                "id": format!("u{i:03}"),
                "name": format!("第{i}街道办事处"),
                "group": if i.is_multiple_of(2) { "镇街板块" } else { "部门" },
                "leader": format!("负责人{i}"),
                "targets": {"investment": 100 + i, "signed": 10},
                "actuals": {"investment": (i * 7 + version as usize * 13) % 97, "signed": (i + version as usize) % 9},
                "x_note": "各单位按月报送",
            })
        })
        .collect();
    let projects: Vec<Value> = (0..projects)
        .map(|i| {
            json!({
                "id": format!("P{i:05}"),
                "name": format!("项目{i}：新能源装备制造基地（第{version}稿）"),
                "unit": format!("u{:03}", i % units.len()),
                "investment": (i % 50) as f64 + 0.25 * version as f64,
                "stage": if (i + version as usize).is_multiple_of(3) { "started" } else { "signed" },
                "signed_on": "2026-02-10",
                "due_start": "2026-06-30",
                "note": "按倒排工期推进",
            })
        })
        .collect();
    json!({
        "format": "guotang/1",
        "meeting": {"title": "全区招商引资工作过堂会", "date": "2026-05-08", "period": {"to": "2026-04-30"}},
        "metrics": [
            {"id": "investment", "name": "协议引资额", "unit": "亿元", "weight": 0.6},
            {"id": "signed", "name": "新签约项目", "unit": "个", "weight": 0.4}
        ],
        "units": units,
        "projects": projects,
        "x_revision": version,
    })
}

fn temp_files(dir: &Path) -> Vec<std::path::PathBuf> {
    std::fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| {
            let name = p.file_name().unwrap().to_string_lossy().into_owned();
            name.contains(".guotang-") && name.ends_with(".tmp")
        })
        .collect()
}

#[test]
fn a_save_killed_at_any_moment_leaves_the_old_or_the_new_version() {
    let dir = tempfile::tempdir().unwrap();
    let data = dir.path().join("data");
    let (a, b) = (
        to_pretty(&snapshot(400, 5000, 1)),
        to_pretty(&snapshot(400, 5200, 2)),
    );
    assert!(
        a.len() > 1_000_000 && a.len() < 2_000_000,
        "{} bytes",
        a.len()
    );
    let (a_path, b_path) = (dir.path().join("a.json"), dir.path().join("b.json"));
    std::fs::write(&a_path, &a).unwrap();
    std::fs::write(&b_path, &b).unwrap();
    let snap = dir.path().join("meeting.json");
    std::fs::write(&snap, &a).unwrap();
    let mut last = a.clone().into_bytes();
    // Both candidates load, and are what the console saves them as.
    for (path, text) in [(&a_path, &a), (&b_path, &b)] {
        assert_eq!(&store::load(path).unwrap().doc.to_pretty(), text);
    }
    let saver = |extra: &[&str]| {
        let mut c = Command::new(env!("CARGO_BIN_EXE_guotang"));
        c.arg("__save-loop")
            .args([&snap, &a_path, &b_path])
            .args(extra)
            .env("GUOTANG_DATA_DIR", &data);
        c
    };
    // Kills are spread over about two saves, however fast the disk is.
    let t = Instant::now();
    let out = saver(&["--count", "6"]).output().unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    // (capped, so a slow disk cannot stretch the test past half a minute).
    let window = (t.elapsed() / 3).clamp(Duration::from_millis(5), Duration::from_millis(150));

    let seed: u64 = std::env::var("CRASH_SEED")
        .ok()
        .and_then(|s| s.parse().ok())
        .unwrap_or_else(|| rand::rng().random());
    let mut rng = SmallRng::seed_from_u64(seed);
    let started = Instant::now();
    let (mut seen_a, mut seen_b, mut flips, mut leftovers) = (0, 0, 0, 0);
    let mut startup = Duration::ZERO;
    for kill in 0..KILLS {
        let mut child = saver(&[])
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .unwrap();
        let spawned = Instant::now();
        let mut ready = String::new();
        BufReader::new(child.stdout.take().unwrap())
            .read_line(&mut ready)
            .unwrap();
        assert_eq!(
            ready.trim(),
            "ready",
            "the saver did not start (kill {kill}, seed {seed})"
        );
        startup += spawned.elapsed();
        std::thread::sleep(Duration::from_micros(
            rng.random_range(0..window.as_micros() as u64),
        ));
        child.kill().unwrap(); // SIGKILL on Unix
        child.wait().unwrap();

        let now = std::fs::read(&snap).unwrap();
        let is_a = now == a.as_bytes();
        assert!(
            is_a || now == b.as_bytes(),
            "after kill {kill} (seed {seed}) the snapshot is neither version: {} bytes",
            now.len()
        );
        if is_a {
            seen_a += 1
        } else {
            seen_b += 1
        }
        // Byte-equal to a version that loaded (checked above) means it
        // loads: parsing 1.5 MB again per kill would only triple the time.
        if now != last {
            flips += 1;
            last = now;
        }
        // A save killed mid-write leaves its temporary file (until the
        // next save sweeps it).
        leftovers += temp_files(dir.path()).len();
    }
    let elapsed = started.elapsed();

    // The last killed saver's lock died with it: a new one takes it and
    // saves, and its save sweeps what killed saves left.
    let out = saver(&["--count", "1"]).output().unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert_eq!(temp_files(dir.path()), Vec::<std::path::PathBuf>::new());
    // Every backup kept is one of the two versions too.
    let mut backups = 0;
    for key in std::fs::read_dir(data.join("backups")).unwrap() {
        for f in std::fs::read_dir(key.unwrap().path()).unwrap() {
            let f = f.unwrap().path();
            if f.extension().is_some_and(|e| e == "json") {
                let bytes = std::fs::read(&f).unwrap();
                assert!(
                    bytes == a.as_bytes() || bytes == b.as_bytes(),
                    "{}",
                    f.display()
                );
                backups += 1;
            }
        }
    }
    assert!(
        backups > 0 && backups <= store::backup::KEEP,
        "{backups} backups"
    );
    eprintln!(
        "crash test: {KILLS} kills in {:.1} s (saver start-up {:.0} ms on average, kills within {:.0} ms of it; seed {seed}): {} bytes / {} bytes versions seen {seen_a}/{seen_b} times, changed between kills {flips} times, {leftovers} temporary files left by killed saves, {backups} backups checked",
        elapsed.as_secs_f64(),
        startup.as_secs_f64() * 1000.0 / KILLS as f64,
        window.as_secs_f64() * 1000.0,
        a.len(),
        b.len()
    );
    assert!(
        flips > KILLS / 10,
        "the saver rarely got a save done: {flips} changes"
    );
}
