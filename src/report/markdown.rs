//! The bulletin as Markdown: the same tables as the HTML file, with the
//! charts linked as SVG files beside it (or left out, with a note).

use std::fmt::Write as _;

use super::figures::Bulletin;
use super::html::section_number;
use super::labels as l;
use super::table::{Align, Table};

/// Escapes text for a Markdown table cell: pipes, emphasis and link
/// characters lose their meaning, and raw HTML cannot slip in.
pub fn escape(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '|' | '\\' | '*' | '_' | '`' | '[' | ']' | '#' | '~' | '!' => {
                out.push('\\');
                out.push(c);
            }
            c => out.push(c),
        }
    }
    out
}

/// A chart linked from the Markdown file: its title and relative path.
#[derive(Debug, Clone, PartialEq)]
pub struct ChartLink {
    pub group: usize,
    pub title: String,
    pub path: String,
}

/// Renders the bulletin; `charts` is `None` when the charts are left out.
pub fn render(b: &Bulletin, charts: Option<&[ChartLink]>) -> String {
    let lang = b.lang;
    let mut m = String::new();
    let _ = writeln!(
        m,
        "# {} {}\n",
        escape(&b.title),
        escape(l::BULLETIN.get(lang))
    );
    for (k, v) in &b.facts {
        let _ = writeln!(m, "- **{}**：{}", escape(k), escape(v));
    }
    let _ = writeln!(
        m,
        "- **{}**：{}",
        escape(l::TIME_PROGRESS.get(lang)),
        crate::i18n::pct(b.time_progress)
    );
    m.push('\n');
    let mut k = 0;
    let mut heading = |m: &mut String, label: l::L| {
        let _ = writeln!(
            m,
            "## {}{}\n",
            section_number(k, lang),
            escape(label.get(lang))
        );
        k += 1;
    };

    heading(&mut m, l::SEC_OVERVIEW);
    let _ = writeln!(m, "{}\n", escape(&b.summary));
    table(&mut m, &b.headline);

    heading(&mut m, l::SEC_RANKING);
    if charts.is_none() {
        let _ = writeln!(m, "{}\n", escape(l::CHARTS_OMITTED.get(lang)));
    }
    for (gi, t) in b.groups.iter().enumerate() {
        table(&mut m, t);
        for c in charts.unwrap_or_default().iter().filter(|c| c.group == gi) {
            // The path is ours (a file name we chose), so it needs no escaping
            // beyond what a Markdown link target forbids.
            let _ = writeln!(
                m,
                "![{}](<{}>)\n",
                escape(&c.title),
                c.path.replace('>', "%3E")
            );
        }
    }

    heading(&mut m, b.cards_section);
    for t in &b.tiers {
        table(&mut m, t);
    }
    if let Some(t) = &b.escalations {
        table(&mut m, t);
    }

    heading(&mut m, l::SEC_PROJECTS);
    table(&mut m, &b.overdue);
    table(&mut m, &b.stalled);

    if let Some(min) = &b.minutes {
        heading(&mut m, l::SEC_MINUTES);
        let _ = writeln!(m, "{}\n", escape(&min.summary));
        for t in &min.tables {
            table(&mut m, t);
        }
    }
    let _ = writeln!(
        m,
        "---\n\n*{} · guotang {}*",
        escape(l::GENERATED.get(lang)),
        env!("CARGO_PKG_VERSION")
    );
    m
}

fn table(m: &mut String, t: &Table) {
    let _ = writeln!(m, "### {}\n", escape(&t.caption));
    if t.rows.is_empty() {
        let _ = writeln!(m, "{}\n", escape(&t.empty));
        return;
    }
    m.push('|');
    for c in &t.columns {
        let _ = write!(m, " {} |", escape(&c.head));
    }
    m.push_str("\n|");
    for c in &t.columns {
        m.push_str(match c.align {
            Align::Left => " :--- |",
            Align::Right => " ---: |",
            Align::Center => " :---: |",
        });
    }
    m.push('\n');
    for row in &t.rows {
        m.push('|');
        for cell in &row.cells {
            let text = match &cell.sub {
                Some(sub) => format!("{}（{}）", cell.text, sub),
                None => cell.text.clone(),
            };
            let _ = write!(m, " {} |", escape(&text));
        }
        m.push('\n');
    }
    m.push('\n');
    if let Some(n) = &t.note {
        let _ = writeln!(m, "*{}*\n", escape(n));
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cells_cannot_break_the_table_or_inject_html() {
        assert_eq!(escape("a|b"), "a\\|b");
        assert_eq!(escape("<img src=x>"), "&lt;img src=x&gt;");
        assert_eq!(escape("**粗**"), "\\*\\*粗\\*\\*");
    }
}
