//! `guotang init`: a complete meeting as a template to edit — the demo, or
//! one of the kinds of meeting format v2 describes (assets/templates).

use std::path::PathBuf;
use std::process::ExitCode;

use super::out::{errln, outln};
use crate::model::DEMO;
use crate::store::atomic;

/// A meeting to start from.
pub struct Template {
    pub name: &'static str,
    pub text: &'static str,
    /// What it is, in Chinese and English.
    pub zh: &'static str,
    pub en: &'static str,
}

/// Every template, the default first.
pub const TEMPLATES: [Template; 4] = [
    Template {
        name: "investment",
        text: DEMO,
        zh: "招商引资过堂会：对照时间进度亮红黄牌（示例会议，guotang/1）",
        en: "investment review: red and yellow cards by time progress (the demo, guotang/1)",
    },
    Template {
        name: "three-tiers",
        text: include_str!("../../assets/templates/three-tiers.json"),
        zh: "红黄绿亮牌：绿牌同步、黄牌过半、红牌最差，附前两次会议和升级处理",
        en: "green, yellow and red (red the worst) by pace, with two previous meetings and escalations",
    },
    Template {
        name: "points",
        text: include_str!("../../assets/templates/points.json"),
        zh: "百分制综合考评：加分、扣分、一票否决，五个等次",
        en: "100 points with bonus and deduction items, a veto and five grades",
    },
    Template {
        name: "arena",
        text: include_str!("../../assets/templates/arena.json"),
        zh: "擂台赛：三个组别、评委打分去高去低、每组流动红旗和黄旗、每人3分钟",
        en: "an arena (擂台赛): three classes, judges' marks, a red and a yellow flag per class, 3-minute slots",
    },
];

/// The template with this name.
pub fn template(name: &str) -> Option<&'static Template> {
    TEMPLATES.iter().find(|t| t.name == name)
}

pub fn run(path: Option<PathBuf>, name: &str, list: bool, force: bool) -> ExitCode {
    let lang = crate::i18n::Lang::detect(None, std::env::var("LANG").ok().as_deref());
    if list {
        for t in &TEMPLATES {
            outln!(
                "{}  {}",
                crate::text::pad_right(t.name, 12),
                lang.pick(t.zh, t.en)
            );
        }
        return ExitCode::SUCCESS;
    }
    let Some(t) = template(name) else {
        let names: Vec<&str> = TEMPLATES.iter().map(|t| t.name).collect();
        errln!(
            "error: no template {:?}; the templates are {} (guotang init --list)",
            crate::sanitize::one_line(name),
            names.join(", ")
        );
        return ExitCode::FAILURE;
    };
    let path = path.unwrap_or_else(|| PathBuf::from("guotang.json"));
    let shown = super::shown_path(&path);
    match atomic::create(&path, t.text.as_bytes(), force) {
        Ok(()) => {
            outln!("wrote {shown} (template {}): edit it, then run", t.name);
            outln!("  guotang check {shown}");
            outln!("  guotang {shown}");
            ExitCode::SUCCESS
        }
        Err(e) if e.kind() == std::io::ErrorKind::AlreadyExists => {
            errln!("error: {shown} already exists; use --force to overwrite it");
            ExitCode::FAILURE
        }
        Err(e) => {
            errln!("error: cannot write {shown}: {e}");
            ExitCode::FAILURE
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{self, Document, Format, Word as _};

    #[test]
    fn every_template_is_a_usable_meeting_with_every_pane() {
        for t in &TEMPLATES {
            let doc = Document::from_bytes(t.text.as_bytes())
                .unwrap_or_else(|p| panic!("template {} does not load:\n{p}", t.name));
            let s = &doc.snapshot;
            assert!(s.warnings.is_empty(), "{}: {:?}", t.name, s.warnings);
            let st = model::compute(s);
            for &pane in model::Pane::all() {
                assert!(
                    s.agenda.iter().any(|a| a.pane == pane)
                        || pane == model::Pane::Projects && t.name == "arena",
                    "{}: no {pane:?} item",
                    t.name
                );
            }
            // Every tier of the meeting is held by some unit: the template shows them all.
            for c in s.cards.tiers.cards() {
                assert!(
                    st.units.iter().any(|u| u.card == c),
                    "{}: nobody holds {}",
                    t.name,
                    s.cards.tiers.id(c)
                );
            }
            if t.name != "investment" {
                assert_eq!(s.format, Format::V2, "{}", t.name);
                assert!(!s.history.is_empty(), "{}: no history", t.name);
            }
        }
        assert_eq!(template("investment").map(|t| t.text), Some(DEMO));
    }
}
