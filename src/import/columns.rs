//! What a column header names: a unit's id or name, a metric's target or
//! actual (`协议引资额目标（亿元）`, `investment target`, `investment.target`),
//! a column guotang computes, or nothing the snapshot has.

use std::collections::HashMap;

use crate::export::headers;
use crate::i18n::Lang;
use crate::model::Snapshot;
use crate::sanitize::one_line;

use super::plan::Field;

/// What a column is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Role {
    UnitId,
    UnitName,
    Metric(usize, Field),
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

const SEPARATORS: &[char] = &['.', '_', '-', '·', ':', '：', '/'];
const TARGET_WORDS: &[&str] = &[
    "年度目标",
    "全年目标",
    "目标任务",
    "目标值",
    "目标",
    "target",
];
const ACTUAL_WORDS: &[&str] = &["实际完成", "完成值", "完成数", "实际", "完成", "actual"];
const COMPUTED_WORDS: &[&str] = &["完成率", "完成进度", "completion", "排名", "rank", "%"];
const ID_HEADERS: &[&str] = &["id", "编号", "单位编号", "单位代码", "unitid", "unit_id"];
const NAME_HEADERS: &[&str] = &[
    "单位",
    "单位名称",
    "名称",
    "name",
    "unit",
    "unitname",
    "unit_name",
];
const ROW_NUMBER_HEADERS: &[&str] = &["序号", "no.", "no", "#"];

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

pub fn role(header: &str, metrics: &HashMap<String, usize>) -> Role {
    let h = normalize(header);
    if h.is_empty() {
        return Role::Unknown;
    }
    if let Some(&mi) = metrics.get(&h).or_else(|| metrics.get(&squash(header))) {
        return Role::Metric(mi, Field::Actual);
    }
    if ID_HEADERS.contains(&h.as_str()) {
        return Role::UnitId;
    }
    if NAME_HEADERS.contains(&h.as_str()) {
        return Role::UnitName;
    }
    let metric = |rest: &str| {
        let rest = rest.trim_matches(SEPARATORS);
        metrics
            .get(rest)
            .or_else(|| metrics.get(&normalize(rest)))
            .copied()
    };
    for (words, field) in [
        (COMPUTED_WORDS, None),
        (TARGET_WORDS, Some(Field::Target)),
        (ACTUAL_WORDS, Some(Field::Actual)),
    ] {
        for w in words {
            if let Some(rest) = h.strip_suffix(w)
                && let Some(mi) = metric(rest)
            {
                return field.map_or(Role::Computed, |f| Role::Metric(mi, f));
            }
        }
    }
    // The standings export's own unit columns, in either language.
    let computed = [Lang::Zh, Lang::En]
        .into_iter()
        .flat_map(|l| headers::unit_headers(l).into_iter().skip(1))
        .map(normalize)
        .chain(ROW_NUMBER_HEADERS.iter().map(|s| (*s).to_owned()));
    if computed.into_iter().any(|c| c == h) {
        return Role::Computed;
    }
    Role::Unknown
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
    }
}
