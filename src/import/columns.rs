//! What a column header names: a unit's id or name, a metric's target or
//! actual (`协议引资额目标（亿元）`, `investment target`, `investment.target`),
//! a column guotang computes, or nothing the snapshot has.

use std::collections::HashMap;

use crate::i18n::Lang;
use crate::model::Snapshot;
use crate::sanitize::one_line;
use crate::words::headers;

use super::plan::Field;

/// What a column is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Role {
    UnitId,
    UnitName,
    Metric(usize, Field),
    /// One judge's marks for a metric (`现场路演评委1`, `pitch judge 2`):
    /// the metric and the judge's number.
    Marks(usize, u32),
    /// A judge's column that names no metric (`评委1`): the sheet's only
    /// judged metric's, if the snapshot has exactly one.
    Judge(u32),
    /// A column guotang computes (rank, composite, completion, …) or a row
    /// number: expected in a sheet, never read.
    Computed,
    Unknown,
}

/// Text as matched: one line, no unit in brackets at the end, no spaces,
/// lower case. `协议引资额（亿元）` → `协议引资额`, `Investment Target` →
/// `investmenttarget`.
pub fn normalize(s: &str) -> String {
    let mut t = one_line(s).trim().to_owned();
    loop {
        let trimmed = t.trim_end();
        let close = trimmed.chars().last();
        let open = match close {
            Some(')') => '(',
            Some('）') => '（',
            Some(']') => '[',
            Some('】') => '【',
            _ => break,
        };
        match trimmed.rfind(open) {
            Some(i) if i > 0 => t = trimmed[..i].to_owned(),
            _ => break,
        }
    }
    t.chars()
        .filter(|c| !c.is_whitespace())
        .flat_map(char::to_lowercase)
        .collect()
}

const SEPARATORS: &[char] = &['.', '_', '-', '·', ':', '：', '/', '—', '－'];
const ID_HEADERS: &[&str] = &["id", "编号", "单位编号", "单位代码", "unitid", "unit_id"];
const NAME_HEADERS: &[&str] = &[
    "单位",
    "单位名称",
    "名称",
    "地区",
    "镇街",
    "乡镇",
    "name",
    "unit",
    "unitname",
    "unit_name",
];
const ROW_NUMBER_HEADERS: &[&str] = &["序号", "no.", "no", "#"];

/// What a word under (or after) a metric's name says its column holds.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Sub {
    Target,
    Actual,
    /// Computed from the others (完成率, %, 排名, 同比…) or another period's
    /// figure (本月, 上年同期): read past, never written.
    Computed,
}

/// Words that make a column computed, looked for first: 完成率 holds 完成.
const COMPUTED_WORDS: &[&str] = &[
    "率",
    "%",
    "％",
    "进度",
    "比重",
    "占比",
    "排名",
    "排序",
    "位次",
    "名次",
    "同比",
    "环比",
    "增长",
    "增幅",
    "增速",
    "增减",
    "差距",
    "差额",
    "序时",
    "completion",
    "rank",
    "ratio",
    "share",
    "growth",
];
/// Openings that name another period than the year to date.
const OTHER_PERIOD: &[&str] = &["本月", "当月", "上月", "本周", "上年", "去年", "同期"];
const TARGET_WORDS: &[&str] = &["目标", "任务", "计划", "target", "plan", "goal"];
const ACTUAL_WORDS: &[&str] = &["完成", "实际", "累计", "actual", "done", "achieved"];

/// What a header word says of its column: `目标`, `全年任务` and `计划数`
/// are targets; `完成`, `1—4月累计完成` and `实际` actuals; `完成率`, `%`
/// and `本月完成` computed; anything else nothing.
pub fn sub(text: &str) -> Option<Sub> {
    let t = normalize(text);
    let t = t.trim_matches(SEPARATORS);
    if t.is_empty() {
        return None;
    }
    let has = |words: &[&str]| words.iter().any(|w| t.contains(w));
    if has(COMPUTED_WORDS) || OTHER_PERIOD.iter().any(|w| t.starts_with(w)) {
        Some(Sub::Computed)
    } else if has(TARGET_WORDS) {
        Some(Sub::Target)
    } else if has(ACTUAL_WORDS) {
        Some(Sub::Actual)
    } else {
        None
    }
}

/// Text without spaces, in lower case (brackets kept).
fn squash(s: &str) -> String {
    one_line(s)
        .chars()
        .filter(|c| !c.is_whitespace())
        .flat_map(char::to_lowercase)
        .collect()
}

/// The snapshot's metrics by id and by name, both with and without the
/// bracketed part at the end of a name (`协议引资额（按合同口径）`), since a
/// header may carry the name's own brackets and then a unit's.
pub fn metric_names(s: &Snapshot) -> HashMap<String, usize> {
    let mut map = HashMap::new();
    for (i, m) in s.metrics.iter().enumerate().rev() {
        map.insert(normalize(&m.name), i);
        map.insert(squash(&m.name), i);
        map.insert(m.id.to_lowercase(), i);
    }
    map
}

/// The metric a header names, if it names exactly one.
pub fn metric_of(header: &str, metrics: &HashMap<String, usize>) -> Option<usize> {
    let h = normalize(header);
    metrics
        .get(&h)
        .or_else(|| metrics.get(&squash(header)))
        .copied()
}

/// What a one-cell header names. A metric's name alone is its actual; a
/// name followed by a word is what the word says ([`sub`]).
pub fn role(header: &str, metrics: &HashMap<String, usize>) -> Role {
    let h = normalize(header);
    if h.is_empty() {
        return Role::Unknown;
    }
    if let Some(mi) = metric_of(header, metrics) {
        return Role::Metric(mi, Field::Actual);
    }
    if ID_HEADERS.contains(&h.as_str()) {
        return Role::UnitId;
    }
    if NAME_HEADERS.contains(&h.as_str()) {
        return Role::UnitName;
    }
    // The longest metric name the header starts with, then the word after it.
    let longest = metrics
        .iter()
        .filter(|(name, _)| !name.is_empty() && h.starts_with(name.as_str()))
        .max_by_key(|(name, _)| name.len());
    if let Some((name, &mi)) = longest {
        if let Some(n) = judge(&h[name.len()..]) {
            return Role::Marks(mi, n);
        }
        match sub(&h[name.len()..]) {
            Some(Sub::Target) => return Role::Metric(mi, Field::Target),
            Some(Sub::Actual) => return Role::Metric(mi, Field::Actual),
            Some(Sub::Computed) => return Role::Computed,
            None => {}
        }
    }
    // The standings export's own unit columns, in either language.
    let computed = [Lang::Zh, Lang::En]
        .into_iter()
        .flat_map(|l| {
            headers::unit_headers(l)
                .into_iter()
                .skip(1)
                .chain(headers::tier_headers(l))
        })
        .map(normalize)
        .chain(ROW_NUMBER_HEADERS.iter().map(|s| (*s).to_owned()));
    if computed.into_iter().any(|c| c == h) {
        return Role::Computed;
    }
    judge(&h).map_or(Role::Unknown, Role::Judge)
}

/// Words that say a column is one judge's marks.
const JUDGE_WORDS: &[&str] = &[
    "评委", "裁判", "评分", "打分", "号", "judge", "marks", "mark", "no.",
];

/// The judge's number a header (normalised) names: `评委1`, `1号评委`,
/// `评委3打分`, `judge2`; a judge word and a number, nothing else.
pub fn judge(h: &str) -> Option<u32> {
    let mut rest = h.trim_matches(SEPARATORS).to_owned();
    let before = rest.len();
    for w in JUDGE_WORDS {
        rest = rest.replace(w, "");
    }
    let rest = rest.trim_matches(SEPARATORS);
    let named = rest.len() < before;
    (named && !rest.is_empty() && rest.bytes().all(|b| b.is_ascii_digit()))
        .then(|| rest.parse().ok())
        .flatten()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn metrics() -> HashMap<String, usize> {
        let mut m = HashMap::new();
        m.insert("协议引资额".to_owned(), 0);
        m.insert("investment".to_owned(), 0);
        m.insert("新开工项目".to_owned(), 1);
        m
    }

    #[test]
    fn headers_name_targets_actuals_and_computed_columns() {
        let m = metrics();
        assert_eq!(role("协议引资额目标", &m), Role::Metric(0, Field::Target));
        assert_eq!(
            role("协议引资额目标（亿元）", &m),
            Role::Metric(0, Field::Target)
        );
        assert_eq!(
            role("investment target", &m),
            Role::Metric(0, Field::Target)
        );
        assert_eq!(
            role("investment.target", &m),
            Role::Metric(0, Field::Target)
        );
        assert_eq!(
            role("Investment_Target", &m),
            Role::Metric(0, Field::Target)
        );
        assert_eq!(
            role("协议引资额（亿元）", &m),
            Role::Metric(0, Field::Actual)
        );
        assert_eq!(
            role("investment.actual", &m),
            Role::Metric(0, Field::Actual)
        );
        assert_eq!(
            role("新开工项目 实际完成", &m),
            Role::Metric(1, Field::Actual)
        );
        assert_eq!(role("协议引资额完成率", &m), Role::Computed);
        assert_eq!(role("综合完成", &m), Role::Computed);
        assert_eq!(role("序号", &m), Role::Computed);
        assert_eq!(role("id", &m), Role::UnitId);
        assert_eq!(role("单位名称", &m), Role::UnitName);
        assert_eq!(role("备注", &m), Role::Unknown);
        assert_eq!(role("利润目标", &m), Role::Unknown);
        assert_eq!(
            role("新开工项目全年任务", &m),
            Role::Metric(1, Field::Target)
        );
        assert_eq!(role("新开工项目累计", &m), Role::Metric(1, Field::Actual));
        assert_eq!(role("新开工项目本月完成", &m), Role::Computed);
        assert_eq!(role("新开工项目投资", &m), Role::Unknown);
        // One judge's marks: under a metric, or bare.
        assert_eq!(role("协议引资额评委1", &m), Role::Marks(0, 1));
        assert_eq!(role("investment judge 12", &m), Role::Marks(0, 12));
        assert_eq!(role("评委3", &m), Role::Judge(3));
        assert_eq!(role("2号评委", &m), Role::Judge(2));
        assert_eq!(role("评委", &m), Role::Unknown);
        assert_eq!(role("3", &m), Role::Unknown);
    }

    #[test]
    fn words_under_a_metric_say_what_its_column_holds() {
        for (t, want) in [
            ("目标", Some(Sub::Target)),
            ("全年任务", Some(Sub::Target)),
            ("计划数", Some(Sub::Target)),
            ("年度目标（亿元）", Some(Sub::Target)),
            ("完成", Some(Sub::Actual)),
            ("1—4月累计完成", Some(Sub::Actual)),
            ("实际", Some(Sub::Actual)),
            ("完成率", Some(Sub::Computed)),
            ("完成率（%）", Some(Sub::Computed)),
            ("%", Some(Sub::Computed)),
            ("本月完成", Some(Sub::Computed)),
            ("同比增长", Some(Sub::Computed)),
            ("排名", Some(Sub::Computed)),
            ("亿元", None),
            ("", None),
        ] {
            assert_eq!(sub(t), want, "{t}");
        }
    }
}
