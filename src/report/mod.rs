//! What happens after the meeting: the bulletin (通报) sent to every unit, as
//! one self-contained HTML file or as Markdown. Every number comes from
//! [`model::compute`](crate::model::compute); this module only arranges and
//! formats it.

pub mod bars;
pub mod charts;
pub mod figures;
pub mod html;
pub mod labels;
pub mod markdown;
pub mod minutes;
pub mod minutes_log;
pub mod project_tables;
pub mod sparkline;
pub mod table;

pub use figures::{Bulletin, bulletin};
pub use minutes::{Minutes, MinutesItem, SpeakerTime};

use crate::i18n::Lang;
use crate::model::{Snapshot, Standings};

/// The bulletin's figures, with the minutes section when a log is given.
pub fn figures(s: &Snapshot, st: &Standings, lang: Lang, minutes: Option<&Minutes>) -> Bulletin {
    let mut b = bulletin(s, st, lang);
    b.minutes = minutes.map(|m| minutes::section(m, lang));
    b
}

/// The bulletin as one self-contained HTML document.
pub fn to_html(s: &Snapshot, st: &Standings, lang: Lang, minutes: Option<&Minutes>) -> String {
    let b = figures(s, st, lang, minutes);
    html::render(&b, &charts::all(s, st, lang))
}

/// A file to write beside the Markdown bulletin.
#[derive(Debug, Clone, PartialEq)]
pub struct SideFile {
    /// A bare file name, relative to the Markdown file's directory.
    pub name: String,
    pub content: String,
}

/// The bulletin as Markdown. With `chart_prefix` (the Markdown file's stem),
/// the charts become SVG files `PREFIX-CHART.svg` linked from the text;
/// without it they are left out with a note.
pub fn to_markdown(
    s: &Snapshot,
    st: &Standings,
    lang: Lang,
    minutes: Option<&Minutes>,
    chart_prefix: Option<&str>,
) -> (String, Vec<SideFile>) {
    let b = figures(s, st, lang, minutes);
    let Some(prefix) = chart_prefix else {
        return (markdown::render(&b, None), Vec::new());
    };
    let mut files = Vec::new();
    let mut links = Vec::new();
    for c in charts::all(s, st, lang) {
        let name = format!("{prefix}-{}.svg", c.id);
        links.push(markdown::ChartLink {
            group: c.group,
            title: c.title,
            path: name.clone(),
        });
        files.push(SideFile {
            name,
            content: c.svg,
        });
    }
    (markdown::render(&b, Some(&links)), files)
}
