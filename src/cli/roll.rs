//! `guotang roll FILE --to DATE [--label L] -o NEXT`: the next meeting's
//! snapshot, with this meeting's standings as its newest history entry.
//! FILE is not changed; NEXT is written atomically and never overwritten
//! unless asked.

use std::path::Path;
use std::process::ExitCode;

use chrono::NaiveDate;

use super::out::{errln, out};
use crate::i18n::Lang;
use crate::model::{self, roll};
use crate::sanitize::one_line;
use crate::store;

/// The arguments of `roll`.
pub struct RollArgs<'a> {
    pub file: &'a Path,
    pub to: NaiveDate,
    pub label: Option<&'a str>,
    pub output: &'a Path,
    pub force: bool,
}

pub fn run(args: &RollArgs) -> ExitCode {
    let loaded = match store::load(args.file) {
        Ok(l) => l,
        Err(e) => {
            super::report_load_error(&e);
            return ExitCode::FAILURE;
        }
    };
    let doc = &loaded.doc;
    let lang = super::lang_for(doc);
    let (file, next) = (super::shown_path(args.file), super::shown_path(args.output));
    if same_file(args.file, args.output) {
        errln!(
            "error: {}",
            match lang {
                Lang::Zh => format!("{next} 就是 {file}：roll 不改动本期文件，请用 -o 指定新文件"),
                Lang::En => format!(
                    "{next} is {file}: roll leaves this meeting's file as it is; name a new file with -o"
                ),
            }
        );
        return ExitCode::FAILURE;
    }
    let st = model::compute(&doc.snapshot);
    let rolled = match roll::roll(doc, &st, args.to, args.label) {
        Ok(r) => r,
        Err(e) => {
            errln!("error: {}: {}", file, one_line(&e.to_string()));
            return ExitCode::FAILURE;
        }
    };
    // Through the save lock like every writer: a NEXT another editor is
    // saving is not written over mid-save, and a forced overwrite is backed up.
    let expect = if args.force {
        store::Expect::Anything
    } else {
        store::Expect::Absent
    };
    let saved = store::save::Writer::begin(args.output, "guotang roll")
        .and_then(|w| w.save(&rolled.doc, expect));
    match saved {
        Ok(_) => {}
        Err(store::SaveError::Exists { .. }) => {
            errln!("error: {next} already exists; use --force to overwrite it");
            return ExitCode::FAILURE;
        }
        Err(e) => {
            errln!("error: cannot write {next}: {}", one_line(&e.to_string()));
            return ExitCode::FAILURE;
        }
    }
    out!("{}", summary(&rolled, &file, &next, lang));
    ExitCode::SUCCESS
}

/// Whether two paths name one file (NEXT must not be FILE, even with --force).
fn same_file(a: &Path, b: &Path) -> bool {
    match (store::data_dir::canonical(a), store::data_dir::canonical(b)) {
        (Ok(a), Ok(b)) => a == b,
        _ => false,
    }
}

/// What roll did and what the secretary updates next.
fn summary(r: &roll::Rolled, file: &str, next: &str, lang: Lang) -> String {
    let s = &r.doc.snapshot;
    // `1—4月（至 2026-04-30）` / `1—4月 (to 2026-04-30)`.
    let named = |label: Option<&str>, to: NaiveDate| match (label, lang) {
        (Some(l), Lang::Zh) => format!("{}（至 {to}）", one_line(l)),
        (Some(l), Lang::En) => format!("{} (to {to})", one_line(l)),
        (None, Lang::Zh) => format!("至 {to}"),
        (None, Lang::En) => format!("to {to}"),
    };
    let period = named(r.label.as_deref(), r.to);
    let new_period = named(s.meeting.period.label.as_deref(), s.meeting.period.to);
    let cleared = r
        .cleared
        .iter()
        .map(|id| one_line(id))
        .collect::<Vec<_>>()
        .join(", ");
    let mut out = String::new();
    let mut say = |zh: String, en: String| {
        out.push_str(lang.pick(&zh, &en));
        out.push('\n');
    };
    say(
        format!("已写入 {next}：{file} 的下一次会议（{file} 未改动）"),
        format!("wrote {next}: the meeting after {file} ({file} is unchanged)"),
    );
    say(
        format!("  历史  新增 {period}：{} 个单位的排名、牌和综合", r.units),
        format!(
            "  history  + {period}: rank, tier and composite of {} units",
            r.units
        ),
    );
    say(
        format!("  统计期  改为 {new_period}"),
        format!("  period  now {new_period}"),
    );
    if let Some(from) = r.from_moved {
        say(
            format!("  统计期起点改为 {from}（新的一年）"),
            format!("  the period now starts {from} (a new year)"),
        );
    }
    if r.cleared.is_empty() {
        say("  亮牌决定  无".into(), "  decisions  none to clear".into());
    } else {
        say(
            format!("  亮牌决定  已清除 {} 个（{cleared}）", r.cleared.len()),
            format!(
                "  decisions  cleared for {} units ({cleared})",
                r.cleared.len()
            ),
        );
    }
    if r.upgraded {
        say(
            "  格式  改为 guotang/2（历史记录需要）；其余含义不变".into(),
            "  format  guotang/2 (history needs it); everything else means the same".into(),
        );
    }
    say("接下来请更新：".into(), "update next:".into());
    say(
        format!(
            "  - 各单位本期完成数（guotang import {next} --from 数据.xlsx，或 guotang edit {next}）"
        ),
        format!("  - the actuals (guotang import {next} --from data.xlsx, or guotang edit {next})"),
    );
    say(
        format!(
            "  - 会议日期（现为 {}）：guotang set {next} meeting.date=YYYY-MM-DD",
            s.meeting.date
        ),
        format!(
            "  - the meeting date (now {}): guotang set {next} meeting.date=YYYY-MM-DD",
            s.meeting.date
        ),
    );
    if r.label_removed {
        say(
            format!("  - 统计期名称：guotang set {next} meeting.period.label=…"),
            format!("  - the period's label: guotang set {next} meeting.period.label=…"),
        );
    }
    say(
        "  - 议程（发言单位、时长、要点）".into(),
        "  - the agenda (speakers, minutes, notes)".into(),
    );
    out
}
