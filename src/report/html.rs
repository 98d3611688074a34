//! The bulletin as one self-contained HTML file: inline CSS and SVG, no
//! network, CJK font fallbacks, and print rules for A4 (no row cut across a
//! page, table headers repeated, colours kept).

use std::fmt::Write as _;

use crate::i18n::Lang;

use super::charts::{Chart, FONT_STACK};
use super::figures::Bulletin;
use super::labels as l;
use super::table::{Align, Table};

/// Escapes text for HTML element content and quoted attribute values.
pub fn escape(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            // A report printed to a terminal must not carry escape sequences;
            // as references they are inert everywhere.
            c if crate::sanitize::is_unsafe(c) && !matches!(c, '\n' | '\t' | '\r') => {
                out.push_str(&format!("&#x{:X};", u32::from(c)));
            }
            c => out.push(c),
        }
    }
    out
}

/// A section heading's number: 一、 or 1.
pub fn section_number(k: usize, lang: Lang) -> String {
    const ZH: [&str; 10] = ["一", "二", "三", "四", "五", "六", "七", "八", "九", "十"];
    match lang {
        Lang::Zh => format!("{}、", ZH.get(k).copied().unwrap_or("十")),
        Lang::En => format!("{}. ", k + 1),
    }
}

const CSS: &str = r#"
@page { size: A4; margin: 14mm 12mm 16mm; }
* { box-sizing: border-box; }
html { -webkit-print-color-adjust: exact; print-color-adjust: exact; }
body { font-family: FONTS; color: #212121; margin: 0 auto; max-width: 190mm; padding: 8mm 0; font-size: 10.5pt; line-height: 1.5; background: #fff; }
header { border-bottom: 3px solid #c62828; padding-bottom: 4mm; margin-bottom: 5mm; }
h1 { font-size: 20pt; margin: 0; color: #b71c1c; letter-spacing: 0.05em; text-align: center; }
.kind { text-align: center; font-size: 13pt; margin: 1mm 0 3mm; letter-spacing: 0.5em; color: #b71c1c; }
.facts { display: flex; flex-wrap: wrap; justify-content: center; gap: 1mm 6mm; margin: 0; font-size: 10pt; }
.facts div { white-space: nowrap; }
.facts dt { display: inline; color: #616161; }
.facts dt::after { content: "："; }
.facts dd { display: inline; margin: 0; }
.progress { display: flex; align-items: center; gap: 3mm; margin: 3mm 12mm 0; font-size: 10pt; }
.progress .label { white-space: nowrap; color: #1565c0; font-weight: bold; }
.progress .track { flex: 1; height: 4mm; background: #eceff1; border-radius: 1mm; overflow: hidden; }
.progress .done { height: 100%; background: #1565c0; }
h2 { font-size: 14pt; margin: 6mm 0 2mm; border-left: 4px solid #c62828; padding-left: 2mm; break-after: avoid; page-break-after: avoid; }
h3 { font-size: 12pt; margin: 4mm 0 1.5mm; break-after: avoid; page-break-after: avoid; }
p { margin: 1.5mm 0; }
table { border-collapse: collapse; width: 100%; margin: 1.5mm 0 1mm; font-size: 9.5pt; }
caption { text-align: left; font-weight: bold; padding: 1mm 0; caption-side: top; }
thead { display: table-header-group; }
tr { break-inside: avoid; page-break-inside: avoid; }
th, td { border: 0.5pt solid #9e9e9e; padding: 0.8mm 1.5mm; vertical-align: middle; }
th { background: #eceff1; font-weight: bold; }
td small { display: block; color: #616161; font-size: 8.5pt; }
.l { text-align: left; } .r { text-align: right; font-variant-numeric: tabular-nums; } .c { text-align: center; }
td.r, td.c { white-space: nowrap; }
th .keep { display: inline-block; }
td.red { color: #fff; background: #c62828; font-weight: bold; }
td.yellow { color: #212121; background: #f2a900; font-weight: bold; }
td.orange { color: #212121; background: #ef6c00; font-weight: bold; }
td.green { color: #fff; background: #2e7d32; font-weight: bold; }
td.blue { color: #fff; background: #1565c0; font-weight: bold; }
td.purple { color: #fff; background: #6a1b9a; font-weight: bold; }
td.grey { color: #fff; background: #616161; font-weight: bold; }
td.black { color: #fff; background: #212121; font-weight: bold; }
td.up { color: #2e7d32; font-weight: bold; }
td.down { color: #c62828; font-weight: bold; }
svg.spark { display: inline-block; width: 24mm; height: auto; vertical-align: middle; }
td.late, td.behind { color: #c62828; }
td.ahead { color: #2e7d32; }
td.muted { color: #9e9e9e; }
.note { color: #616161; font-size: 8.5pt; margin: 0 0 3mm; }
.empty { color: #616161; font-style: italic; }
figure { margin: 2mm 0 3mm; break-inside: avoid; page-break-inside: avoid; }
figure svg { display: block; width: 100%; height: auto; }
.charts { margin-top: 2mm; }
section.group { break-before: auto; }
footer { margin-top: 8mm; border-top: 0.5pt solid #9e9e9e; padding-top: 2mm; color: #9e9e9e; font-size: 8pt; text-align: right; }
@media print { body { padding: 0; max-width: none; } section.ranking > section.group + section.group { break-before: page; page-break-before: always; } }
"#;

/// Renders the bulletin and its charts as one HTML document.
pub fn render(b: &Bulletin, charts: &[Chart]) -> String {
    let lang = b.lang;
    let mut h = String::new();
    let html_lang = lang.pick("zh-Hans", "en");
    let title = escape(&b.title);
    let _ = write!(
        h,
        "<!DOCTYPE html>\n<html lang=\"{html_lang}\">\n<head>\n<meta charset=\"utf-8\">\n<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n<title>{title} {}</title>\n<style>{}</style>\n</head>\n<body>\n",
        escape(l::BULLETIN.get(lang)),
        CSS.replace("FONTS", FONT_STACK)
    );
    let _ = write!(
        h,
        "<header>\n<h1>{title}</h1>\n<p class=\"kind\">{}</p>\n<dl class=\"facts\">\n",
        escape(l::BULLETIN.get(lang))
    );
    for (k, v) in &b.facts {
        let _ = writeln!(h, "<div><dt>{}</dt><dd>{}</dd></div>", escape(k), escape(v));
    }
    let share = (b.time_progress * 100.0).clamp(0.0, 100.0);
    let _ = write!(
        h,
        "</dl>\n<div class=\"progress\" data-v=\"{}\"><span class=\"label\">{} {}</span><div class=\"track\"><div class=\"done\" style=\"width:{share:.2}%\"></div></div></div>\n</header>\n",
        b.time_progress,
        escape(l::TIME_PROGRESS.get(lang)),
        escape(&crate::i18n::pct(b.time_progress))
    );

    let mut k = 0;
    let mut section = |h: &mut String, class: &str, label: l::L| {
        let _ = write!(
            h,
            "<section class=\"{class}\">\n<h2>{}{}</h2>\n",
            section_number(k, lang),
            escape(label.get(lang))
        );
        k += 1;
    };

    section(&mut h, "overview", l::SEC_OVERVIEW);
    let _ = writeln!(h, "<p>{}</p>", escape(&b.summary));
    table(&mut h, &b.headline);
    h.push_str("</section>\n");

    section(&mut h, "ranking", l::SEC_RANKING);
    for (gi, t) in b.groups.iter().enumerate() {
        let _ = writeln!(h, "<section class=\"group\" id=\"group-{gi}\">");
        table(&mut h, t);
        let mine: Vec<&Chart> = charts.iter().filter(|c| c.group == gi).collect();
        if !mine.is_empty() {
            h.push_str("<div class=\"charts\">\n");
            for c in mine {
                let _ = write!(
                    h,
                    "<figure id=\"chart-{}\" aria-label=\"{}\">\n{}</figure>\n",
                    escape(&c.id),
                    escape(&c.title),
                    c.svg
                );
            }
            h.push_str("</div>\n");
        }
        h.push_str("</section>\n");
    }
    h.push_str("</section>\n");

    section(&mut h, "cards", b.cards_section);
    for t in &b.tiers {
        table(&mut h, t);
    }
    if let Some(t) = &b.escalations {
        table(&mut h, t);
    }
    h.push_str("</section>\n");

    section(&mut h, "projects", l::SEC_PROJECTS);
    table(&mut h, &b.overdue);
    table(&mut h, &b.stalled);
    h.push_str("</section>\n");

    if let Some(m) = &b.minutes {
        section(&mut h, "minutes", l::SEC_MINUTES);
        let _ = writeln!(h, "<p>{}</p>", escape(&m.summary));
        for t in &m.tables {
            table(&mut h, t);
        }
        h.push_str("</section>\n");
    }

    let _ = write!(
        h,
        "<footer>{} · guotang {}</footer>\n</body>\n</html>\n",
        escape(l::GENERATED.get(lang)),
        env!("CARGO_PKG_VERSION")
    );
    h
}

fn align_class(a: Align) -> &'static str {
    match a {
        Align::Left => "l",
        Align::Right => "r",
        Align::Center => "c",
    }
}

/// One table; an empty one prints its "nothing to list" sentence instead.
fn table(h: &mut String, t: &Table) {
    let id = escape(&t.id);
    if t.rows.is_empty() {
        let _ = writeln!(
            h,
            "<h3>{}</h3>\n<p class=\"empty\" id=\"t-{id}\">{}</p>",
            escape(&t.caption),
            escape(&t.empty)
        );
        return;
    }
    let _ = write!(
        h,
        "<table id=\"t-{id}\">\n<caption>{}</caption>\n<thead><tr>",
        escape(&t.caption)
    );
    for c in &t.columns {
        // Table cells ignore min-width; an inline block inside one does not.
        let head = match c.min_em {
            Some(em) => format!(
                "<span class=\"keep\" style=\"min-width:{em:.1}em\">{}</span>",
                escape(&c.head)
            ),
            None => escape(&c.head),
        };
        let _ = write!(h, "<th class=\"{}\">{head}</th>", align_class(c.align));
    }
    h.push_str("</tr></thead>\n<tbody>\n");
    for row in &t.rows {
        match &row.key {
            Some(k) => {
                let _ = write!(h, "<tr data-key=\"{}\">", escape(k));
            }
            None => h.push_str("<tr>"),
        }
        for (cell, col) in row.cells.iter().zip(&t.columns) {
            let mut class = align_class(col.align).to_owned();
            if let Some(c) = cell.class {
                class.push(' ');
                class.push_str(c);
            }
            let _ = write!(h, "<td class=\"{class}\"");
            if let Some(f) = &cell.field {
                let _ = write!(h, " data-field=\"{}\"", escape(f));
                if let Some(v) = cell.value {
                    let _ = write!(h, " data-v=\"{v}\"");
                }
            }
            match &cell.svg {
                // Ours, drawn by plotters; snapshot text in it is escaped.
                Some(svg) => {
                    let _ = write!(h, ">{svg}");
                }
                None => {
                    let _ = write!(h, ">{}", escape(&cell.text));
                }
            }
            if let Some(sub) = &cell.sub {
                let _ = write!(h, "<small>{}</small>", escape(sub));
            }
            h.push_str("</td>");
        }
        h.push_str("</tr>\n");
    }
    h.push_str("</tbody>\n</table>\n");
    if let Some(n) = &t.note {
        let _ = writeln!(h, "<p class=\"note\">{}</p>", escape(n));
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escapes_markup_and_quotes() {
        assert_eq!(
            escape("<script>\"a\" & 'b'</script>"),
            "&lt;script&gt;&quot;a&quot; &amp; &#39;b&#39;&lt;/script&gt;"
        );
    }

    #[test]
    fn numbers_sections_in_both_languages() {
        assert_eq!(section_number(0, Lang::Zh), "一、");
        assert_eq!(section_number(3, Lang::En), "4. ");
    }
}
