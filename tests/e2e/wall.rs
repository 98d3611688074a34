//! The room's screens end to end, in pseudo-terminals: a snapshot followed
//! by polling (as on a network share), the presenter's position followed by
//! an audience console with a state of its own (as on another machine), two
//! presenters on one file, and the hall board.

use std::ffi::OsStr;
use std::path::PathBuf;

use crate::support::pty::Term;
use guotang::model::DEMO;

const TITLE: &str = "全区招商引资工作过堂会（1—4月）";

fn meeting() -> (tempfile::TempDir, PathBuf) {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("meeting.json");
    std::fs::write(&file, DEMO).unwrap();
    (dir, file)
}

/// `--watch poll` (what a network share gets): the header says so, a file
/// that disappears gets the gone banner and the meeting goes on, and the
/// file back is shown.
#[test]
fn a_polled_snapshot_that_disappears_is_reported_and_followed_back() {
    let (dir, file) = meeting();
    let state = dir.path().join("state");
    let args = [file.as_os_str(), OsStr::new("--watch"), OsStr::new("poll")];
    let mut t = Term::with_state(&args, &state);
    t.wait_text("议程 1/8");
    t.wait_text("轮询");
    std::fs::remove_file(&file).unwrap();
    t.wait_text("数据文件不见了");
    assert!(t.contents().contains(TITLE));
    t.send("\x1b[C"); // →
    t.wait_text("议程 2/8");
    let revised = DEMO.replace(TITLE, "全区招商引资工作过堂会（修订）");
    guotang::store::write_atomic(&file, revised.as_bytes()).unwrap();
    t.wait_text("（修订）");
    t.wait_gone("数据文件不见了");
    t.quit();
}

/// An audience console on the folder, with a state of its own.
fn audience(file: &std::path::Path, state: &std::path::Path) -> Term {
    Term::with_state(&[file.as_os_str(), OsStr::new("--audience")], state)
}

/// Sends `keys` to the presenter and waits for the audience to show
/// `text`; returns how long that took, in milliseconds.
fn follows(p: &mut Term, a: &mut Term, keys: &str, text: &str) -> u128 {
    let start = std::time::Instant::now();
    p.send(keys);
    a.wait_text(text);
    start.elapsed().as_millis()
}

/// The presenter and the audience as two machines would run them: each
/// with its own state, data and config, on one shared folder. The
/// audience follows the item, the speaker and the pause; the time each
/// took is printed (no assertion on it: the machine is shared).
#[test]
fn the_audience_follows_the_presenter_from_a_state_of_its_own() {
    let (dir, file) = meeting();
    let mut p = Term::console(&file, &dir.path().join("presenter"));
    p.wait_text("议程 1/8");
    let mut a = audience(&file, &dir.path().join("audience"));
    a.wait_text("1/8");
    a.wait_text("通报1—4月招商引资工作情况");
    let screen = a.contents();
    for operator in ["议程 1/8", "→ 下一项", "? 帮助"] {
        assert!(
            !screen.contains(operator),
            "{operator} on the wall:\n{screen}"
        );
    }

    let mut took = Vec::new();
    took.push(("item", follows(&mut p, &mut a, "\x1b[C", "2/8")));
    took.push(("item", follows(&mut p, &mut a, "3", "3/8")));
    a.wait_text("(1/8)");
    took.push(("speaker", follows(&mut p, &mut a, "]", "(2/8)")));
    took.push(("pause", follows(&mut p, &mut a, " ", "已暂停")));
    took.push(("resume", {
        let start = std::time::Instant::now();
        p.send(" ");
        a.wait_gone("已暂停");
        start.elapsed().as_millis()
    }));
    let listed: Vec<String> = took
        .iter()
        .map(|(what, ms)| format!("{what} {ms} ms"))
        .collect();
    println!(
        "audience latency (key to the presenter → audience screen): {}",
        listed.join(", ")
    );

    // The presenter leaves: the audience says so, and keeps its screen.
    p.quit();
    a.wait_text("主讲端已退出");
    assert!(a.contents().contains("3/8"));
    // The audience wrote nothing beside the snapshot.
    let beside: Vec<String> = std::fs::read_dir(dir.path())
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .filter(|n| n.contains("meeting.json"))
        .collect();
    assert!(
        beside
            .iter()
            .all(|n| n == "meeting.json" || n == ".meeting.json.guotang-position.json"),
        "{beside:?}"
    );
    a.quit();
}

/// A follower started late catches up at once; one started before any
/// presenter says so, then follows the presenter when it comes; several
/// follow at once.
#[test]
fn late_and_early_followers_both_follow() {
    let (dir, file) = meeting();
    let mut early = audience(&file, &dir.path().join("early"));
    early.wait_text("未连接主讲端");
    let mut p = Term::console(&file, &dir.path().join("presenter"));
    p.wait_text("议程 1/8");
    early.wait_gone("未连接主讲端");
    p.send("5");
    p.wait_text("议程 5/8");
    early.wait_text("5/8");
    let mut late = audience(&file, &dir.path().join("late"));
    late.wait_text("5/8");
    late.wait_text("区领导点评");
    p.quit();
    early.quit();
    late.quit();
}

/// Two presenters on one file: the second is told who publishes and does
/// not publish; once the first leaves, it takes over.
#[test]
fn a_second_presenter_is_warned_and_does_not_publish() {
    let (dir, file) = meeting();
    let position = dir.path().join(".meeting.json.guotang-position.json");
    let mut first = Term::console(&file, &dir.path().join("first"));
    first.wait_text("议程 1/8");
    let first_pid = first.child.process_id().unwrap();
    let mut second = Term::console(&file, &dir.path().join("second"));
    second.wait_text("另一台主讲控制台正在向观众屏幕发布");
    second.send("4");
    second.wait_text("议程 4/8");
    // Published before the screen is drawn: had it published, it would be there.
    let pos = guotang::store::position::read(&file).unwrap().unwrap();
    assert_eq!(pos.presenter.pid, first_pid);
    assert_eq!(pos.place.item.unwrap().index, 0);
    assert!(position.exists());

    first.quit();
    // Within a heartbeat, the second takes over.
    second.wait_text("本机现在向观众屏幕发布位置");
    let pos = guotang::store::position::read(&file).unwrap().unwrap();
    assert_eq!(pos.presenter.pid, second.child.process_id().unwrap());
    assert_eq!(pos.place.item.unwrap().index, 3);
    second.quit();
}

/// The hall board turns its pages by itself, follows a save, and leaves
/// on `q`; it waits for no key in between.
#[test]
fn the_board_loops_unattended_and_follows_the_file() {
    let (dir, file) = meeting();
    let args = [
        OsStr::new("board"),
        file.as_os_str(),
        OsStr::new("--every"),
        OsStr::new("1"),
    ];
    let mut b = Term::with_state(&args, &dir.path().join("board"));
    b.wait_text("1/6  总览");
    b.wait_text("2/6  镇街板块 排名");
    b.wait_text("4/6  红牌单位");
    b.wait_text("6/6  逾期和停工项目");
    b.wait_text("1/6  总览");
    let revised = DEMO.replace(TITLE, "全区招商引资工作过堂会（修订）");
    guotang::store::write_atomic(&file, revised.as_bytes()).unwrap();
    b.wait_text("（修订）");
    b.wait_text("数据已更新");
    b.quit();
    // It wrote nothing beside the snapshot.
    let names: Vec<_> = std::fs::read_dir(dir.path())
        .unwrap()
        .map(|e| e.unwrap().file_name())
        .collect();
    assert!(
        !names
            .iter()
            .any(|n| n.to_string_lossy().starts_with(".meeting.json")),
        "{names:?}"
    );
}

/// Whatever lands in the position file — garbage, a position for another
/// meeting, one from the future — the audience goes on and says so
/// quietly; a good one is followed again.
#[test]
fn the_audience_survives_any_position_file() {
    use guotang::store::position::{Place, Position, position_path};
    let (dir, file) = meeting();
    let position = position_path(&file);
    let mut a = audience(&file, &dir.path().join("audience"));
    a.wait_text("未连接主讲端");
    a.wait_text("1/8");

    std::fs::write(&position, b"{\"format\": \"guotang-position/1\", \"seq\": ").unwrap();
    a.wait_text("主讲端位置文件有误");
    assert!(a.contents().contains("通报1—4月招商引资工作情况"));

    let doc = guotang::model::Document::from_bytes(DEMO.as_bytes()).unwrap();
    let date = doc.snapshot.meeting.date;
    let place = |item: usize, title: &str| Place {
        date,
        title: doc.snapshot.meeting.title.clone(),
        item: Some(guotang::store::position::ItemRef {
            index: item,
            id: None,
            title: title.to_owned(),
        }),
        snapshot_hash: Some(guotang::store::hash_bytes(DEMO.as_bytes())),
        ..Place::default()
    };
    let at = |secs: i64| (chrono::Local::now() + chrono::Duration::seconds(secs)).fixed_offset();
    let mut seq = 0;
    let mut write = |place: Place, secs: i64| {
        seq += 1;
        let p = Position {
            written_at: at(secs),
            seq,
            presenter: guotang::store::LockInfo::current("present"),
            ended: false,
            place,
        };
        guotang::store::write_atomic(&position, &p.to_bytes()).unwrap();
    };

    // Another meeting's (yesterday's file): not followed.
    let mut other = place(4, "区领导点评");
    other.date = date.pred_opt().unwrap();
    write(other, 0);
    a.wait_text("主讲端为另一场会议");
    assert!(a.contents().contains("1/8"));

    // A good one: followed.
    write(place(4, "区领导点评"), 0);
    a.wait_text("5/8");
    a.wait_gone("另一场会议");

    // From the future (the presenter's clock an hour ahead): followed, said.
    write(place(5, "重点项目推进情况"), 3600);
    a.wait_text("6/8");
    a.wait_text("本机时钟比主讲端慢");

    // An item this copy of the snapshot does not have (it lags): waits.
    write(place(12, "临时增加议程"), 0);
    a.wait_text("等待数据同步");
    assert!(a.contents().contains("6/8"));

    // Removed: no presenter, the screen stays.
    std::fs::remove_file(&position).unwrap();
    a.wait_text("未连接主讲端");
    assert!(a.contents().contains("6/8"));
    a.quit();
}
