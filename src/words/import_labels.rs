//! The words of `guotang import`'s report (what it read, what it would
//! change, what it skipped and why), in both languages.

use super::labels::L;

pub const ROWS_MATCHED: L = L::new("匹配单位行", "rows matched");
pub const CHANGES: L = L::new("处修改", "changes");
pub const ONE_CHANGE: L = L::new("处修改", "change");
pub const COLUMNS_READ: L = L::new("读取的列", "columns read");
pub const TARGETS: L = L::new("目标", "targets");
pub const ACTUALS: L = L::new("完成", "actuals");
pub const TOTAL_ROWS: L = L::new("合计行，已核对，不写入", "total rows, checked, not written");
pub const TOTAL_MISMATCH: L = L::new(
    "警告：合计与各行之和不符",
    "warning: a total is not the sum of its rows",
);
pub const ROWS_SUM: L = L::new("各行之和", "the rows add up to");
pub const ROWS: L = L::new("行", "rows");
pub const AMBIGUOUS_ROWS: L = L::new(
    "未读取的行，同名单位不止一个（请改用 id）",
    "rows not read, the name is shared by several units (use the id)",
);
pub const UNMATCHED_ROWS: L = L::new("跳过的行，无此单位", "skipped rows, no such unit");
pub const UNMATCHED_COLUMNS: L = L::new("跳过的列，无此指标", "skipped columns, no such metric");
pub const COMPUTED_COLUMNS: L = L::new("计算列，不读取", "computed columns, not read");
pub const NOTE_ROWS: L = L::new(
    "无数字的行（注释等），不读取",
    "rows without figures (notes), not read",
);
