//! Cutting names to the room there is, keeping the part that tells them
//! apart. A column of project names sharing a long prefix cut at the end
//! reads as identical rows (`金安区固投亿元以上新签…` × 46); cut in the middle
//! or at the start they stay distinct. For each column the cut that keeps
//! the most names distinct wins; on a tie, the end cut (it reads most
//! naturally), then the middle.

use std::collections::HashSet;

use crate::sanitize::one_line;
use crate::text::{truncate, truncate_middle, truncate_start, width};

/// Where a name loses its characters.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Cut {
    /// `金安区固投亿元以…`
    #[default]
    End,
    /// `金安区固…光伏组件项目`
    Middle,
    /// `…年产20GW光伏组件项目`
    Start,
}

impl Cut {
    /// `s` (sanitised) in at most `cols` columns, cut this way.
    pub fn apply(self, s: &str, cols: usize) -> String {
        let s = one_line(s);
        match self {
            Cut::End => truncate(&s, cols),
            Cut::Middle => truncate_middle(&s, cols),
            Cut::Start => truncate_start(&s, cols),
        }
    }

    /// The cut that keeps the most of `texts` distinct in `cols` columns.
    pub fn best<'a>(texts: impl IntoIterator<Item = &'a str> + Clone, cols: usize) -> Cut {
        if texts
            .clone()
            .into_iter()
            .all(|t| width(&one_line(t)) <= cols)
        {
            return Cut::End;
        }
        let distinct = |cut: Cut| {
            texts
                .clone()
                .into_iter()
                .map(|t| cut.apply(t, cols))
                .collect::<HashSet<_>>()
                .len()
        };
        let end = distinct(Cut::End);
        let middle = distinct(Cut::Middle);
        let start = distinct(Cut::Start);
        if end >= middle && end >= start {
            Cut::End
        } else if start > middle || (start == middle && shared_head(texts, cols)) {
            // The middle cut would spend its head on what every name
            // shares (`金安区固投…`): the end alone says more.
            Cut::Start
        } else {
            Cut::Middle
        }
    }
}

/// Whether every text starts with what a middle cut keeps of the first: a
/// prefix they all share, at least a third of the room long.
fn shared_head<'a>(texts: impl IntoIterator<Item = &'a str>, cols: usize) -> bool {
    let mut texts = texts.into_iter().map(one_line);
    let Some(first) = texts.next() else {
        return false;
    };
    let mut shared = first.chars().count();
    for t in texts {
        shared = shared.min(
            first
                .chars()
                .zip(t.chars())
                .take_while(|(a, b)| a == b)
                .count(),
        );
    }
    let prefix: String = first.chars().take(shared).collect();
    width(&prefix) >= cols / 3
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_sharing_a_prefix_stay_apart() {
        let names = [
            "金安区固投亿元以上新签约项目——年产20GW光伏组件项目",
            "金安区固投亿元以上新签约项目——冷链物流中心项目",
            "金安区固投亿元以上新签约项目——数据中心项目",
        ];
        let cut = Cut::best(names.iter().copied(), 24);
        let shown: HashSet<String> = names.iter().map(|n| cut.apply(n, 24)).collect();
        assert_eq!(shown.len(), 3, "{shown:?}");
        assert!(shown.iter().all(|s| width(s) <= 24));
        // The shared prefix is dropped rather than shown in part.
        assert_eq!(cut, Cut::Start);
        assert_eq!(cut.apply(names[0], 24), "…——年产20GW光伏组件项目");
    }

    #[test]
    fn names_differing_at_the_start_are_cut_at_the_end() {
        let names = [
            "新签约亿元以上项目",
            "新开工亿元以上项目",
            "新竣工亿元以上项目",
        ];
        assert_eq!(Cut::best(names.iter().copied(), 8), Cut::End);
        assert_eq!(Cut::End.apply(names[0], 8), "新签约…");
    }
}
