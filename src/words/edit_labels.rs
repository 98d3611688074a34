//! The editor's own words, in both languages.

use super::labels::L;

pub const SHEET_NUMBERS: L = L::new("指标", "Numbers");
pub const SHEET_PROJECTS: L = L::new("项目", "Projects");
pub const SHEET_CARDS: L = L::new("亮牌", "Cards");
pub const SHEET_AGENDA: L = L::new("议程", "Agenda");
pub const SHEET_MEETING: L = L::new("会议", "Meeting");

pub const EDITING: L = L::new("编辑", "EDIT");
pub const MODIFIED: L = L::new("● 未保存", "● unsaved");
pub const SAVED: L = L::new("已保存", "saved");

pub const UNIT: L = L::new("单位", "Unit");
pub const COMPOSITE: L = L::new("综合", "Compos.");
pub const RANK: L = L::new("名次", "Rank");
pub const CARD: L = L::new("牌", "Card");
pub const TARGET: L = L::new("目标", "target");
pub const ACTUAL: L = L::new("完成", "actual");
pub const PROJECT: L = L::new("项目", "Project");
pub const STAGE: L = L::new("阶段", "Stage");
pub const INVESTMENT: L = L::new("投资额", "Invest.");
pub const SIGNED_ON: L = L::new("签约日", "Signed");
pub const STARTED_ON: L = L::new("开工日", "Started");
pub const COMPLETED_ON: L = L::new("竣工日", "Completed");
pub const DUE_START: L = L::new("应开工", "Due start");
pub const DUE_COMPLETE: L = L::new("应竣工", "Due done");
pub const NOTE: L = L::new("备注", "Note");
pub const RULE_CARD: L = L::new("按规则", "By rule");
pub const DECISION: L = L::new("决定", "Decision");
pub const REASON: L = L::new("理由", "Reason");
pub const ITEM_TITLE: L = L::new("议程", "Item");
pub const PANE: L = L::new("画面", "Pane");
pub const MINUTES: L = L::new("分钟", "Min");
pub const SPEAKER: L = L::new("发言人", "Speaker");
pub const SPEAKERS: L = L::new("发言单位", "Speakers");
pub const MINUTES_EACH: L = L::new("每人分钟", "Min each");
pub const WARN: L = L::new("提醒分钟", "Warn at");
pub const FIELD: L = L::new("栏目", "Field");
pub const VALUE: L = L::new("内容", "Value");

pub const M_TITLE: L = L::new("会议名称", "Title");
pub const M_DATE: L = L::new("会议日期", "Date");
pub const M_START: L = L::new("开始时间", "Start");
pub const M_VENUE: L = L::new("地点", "Venue");
pub const M_PERIOD_LABEL: L = L::new("统计期间", "Period");
pub const M_PERIOD_FROM: L = L::new("期间起", "Period from");
pub const M_PERIOD_TO: L = L::new("期间止", "Period to");

pub const READ_ONLY: L = L::new("此格由数据算出，不能直接修改", "computed: not edited here");
pub const NEED_NUMBER: L = L::new("需为不小于 0 的数，如 98.5", "a number ≥ 0, e.g. 98.5");
pub const NEED_MINUTES: L = L::new("需为 0 到 1440 之间的分钟数", "minutes between 0 and 1440");
pub const NEED_DATE: L = L::new("日期格式为 2026-04-30", "a date like 2026-04-30");
pub const NEED_TIME: L = L::new("时间格式为 09:00", "a time like 09:00");
pub const NEED_TEXT: L = L::new("不能为空", "cannot be empty");
pub const NEED_CHOICE: L = L::new("请从列出的选项中选择", "pick one of the listed words");
pub const NEED_SPEAKERS: L = L::new(
    "写作 card:red、group:部门 或 units:kfq,ctj",
    "write card:red, group:部门 or units:kfq,ctj",
);
pub const NEED_REASON: L = L::new(
    "亮牌须写明理由：请输入理由后回车",
    "a card decision needs its reason: type it, then Enter",
);
pub const CHOICE_HINT: L = L::new(
    "←→ 选择  回车确定  Esc 取消",
    "←→ pick  Enter set  Esc cancel",
);
pub const ROW_OPS_HINT: L = L::new(
    "+ 添加一行  Ctrl+D 删除此行",
    "+ add a row  Ctrl+D remove this row",
);
pub const REORDER_HINT: L = L::new("Alt+↑↓ 调整顺序", "Alt+↑↓ reorder");
pub const FIELD_HINT: L = L::new("回车确定  Esc 取消", "Enter set  Esc cancel");

pub const HELP_PASTE: L = L::new(
    "粘贴表格：从光标处起向右、向下填入；滚轮移动光标",
    "Paste a block: it fills from the cursor right and down; the wheel moves the cursor",
);
pub const PASTED: L = L::new("已粘贴", "pasted");
pub const CELLS: L = L::new("格", "cells");
pub const PASTE_TOO_BIG: L = L::new("粘贴内容太大，未写入", "too much pasted; nothing written");
pub const PASTE_OUTSIDE: L = L::new(
    "粘贴区域超出表格，未写入",
    "the paste runs past the sheet; nothing written",
);
pub const PASTE_READ_ONLY: L = L::new(
    "此格由数据算出，粘贴未写入",
    "computed cell: nothing pasted",
);
pub const PASTE_REFUSED: L = L::new("粘贴未写入", "nothing pasted");
pub const NOTHING_TO_UNDO: L = L::new("没有可撤销的修改", "nothing to undo");
pub const NOTHING_TO_REDO: L = L::new("没有可重做的修改", "nothing to redo");
pub const UNDONE: L = L::new("已撤销", "undone");
pub const REDONE: L = L::new("已重做", "redone");
pub const CLASHED: L = L::new(
    "此处已被他人修改，不能撤销",
    "changed by someone else since: cannot undo",
);
pub const ROW_ADDED: L = L::new("已添加", "added");
pub const ROW_REMOVED: L = L::new("已删除（u 撤销）", "removed (u undoes)");
pub const NEW_PROJECT: L = L::new("新项目", "New project");
pub const NEW_ITEM: L = L::new("新议程", "New item");

pub const SAVED_AT: L = L::new("已保存", "Saved");
pub const BACKUP_AT: L = L::new("备份", "backup");
pub const SAVE_FAILED: L = L::new(
    "保存失败，修改仍在，可重试",
    "save failed; your edits are kept, try again",
);
pub const JOURNAL_FAILED: L = L::new(
    "修改日志写不进去，崩溃时可能丢失修改",
    "the edit journal cannot be written: a crash could lose edits",
);
pub const OUTSIDE_CHANGE: L = L::new(
    "文件已被他人修改；保存时可合并",
    "the file was changed by someone else; saving will offer to merge",
);
pub const LOCKED_BY: L = L::new("另有人在编辑此文件", "someone else is editing this file");
pub const SOMEONE: L = L::new("另一进程", "another process");
pub const OTHERS_UNSAVED: L = L::new(
    "有未保存的修改（归其所有，此处不恢复也不丢弃），开始于",
    "has unsaved edits (theirs: not recovered or discarded here), since",
);
pub const LOCK_NOTE_FAILED: L = L::new(
    "无法在锁文件中注明未保存的修改",
    "cannot note the unsaved edits in the lock file",
);
pub const NO_FILE: L = L::new(
    "演示数据没有文件：请另存为",
    "the demo has no file: save as",
);
pub const MERGED: L = L::new(
    "已载入对方的修改并合并",
    "their changes loaded and yours re-applied",
);
pub const MERGE_CLASHES: L = L::new("处修改未能重做", "of your edits could not be re-applied");
pub const MERGE_REST: L = L::new("其余已重做，尚未保存", "the rest were, not saved yet");
pub const RECOVERED: L = L::new("已恢复上次未保存的修改", "unsaved edits recovered");

pub const DLG_QUIT_TITLE: L = L::new("有未保存的修改", "Unsaved changes");
pub const DLG_QUIT: L = L::new(
    "s 保存并退出    d 不保存退出    Esc 返回",
    "s save and quit    d quit without saving    Esc back",
);
pub const DLG_CONFLICT_TITLE: L =
    L::new("文件已被他人修改", "The file was changed by someone else");
pub const DLG_CONFLICT_BODY: L = L::new(
    "自您载入后，磁盘上的文件已变。请选择：",
    "Since you loaded it, the file on disk changed. Choose:",
);
pub const DLG_CONFLICT: L = L::new(
    "r 载入对方修改并重做我的修改    o 覆盖    a 另存为    Esc 取消",
    "r reload and re-apply mine    o overwrite    a save as    Esc cancel",
);
pub const CONFLICT_UNREADABLE: L = L::new(
    "无法载入对方的文件，请覆盖或另存为",
    "their file cannot be loaded: overwrite or save as",
);
pub const DLG_SAVE_AS_TITLE: L = L::new("另存为", "Save as");
pub const DLG_SAVE_AS: L = L::new(
    "输入文件名，回车保存，Esc 取消",
    "file name, Enter saves, Esc cancels",
);
pub const DLG_RECOVER_TITLE: L = L::new("发现未保存的修改", "Unsaved edits found");
pub const DLG_RECOVER: L = L::new(
    "r 恢复    d 丢弃    Esc 暂不处理",
    "r recover    d discard    Esc not now",
);
pub const RECOVER_STARTED: L = L::new("上次编辑开始于", "that session began");
pub const RECOVER_SETS: L = L::new("处修改", "edits");
pub const RECOVER_CLASHES: L = L::new(
    "处与文件现状冲突，不恢复",
    "clash with the file now and are not applied",
);
pub const RECOVER_LEGACY: L = L::new(
    "（日志来自旧版本，已按旧的校验方式核对文件）",
    "(a journal of an earlier version: the file was checked by its old hash)",
);
pub const RECOVER_BROKEN: L = L::new("无法恢复", "cannot be recovered");
pub const RECOVER_TORN: L = L::new(
    "最后一处写了一半，已忽略",
    "the last one was cut short and is ignored",
);

// Figures allowed but doubted (a warning, never a refusal).
pub const NO_SUCH_DATE: L = L::new("没有这一天", "there is no such date");
pub const MONTH_HAS: L = L::new("月只有", "has only");
pub const DAYS: L = L::new("天", "days");
pub const NO_SUCH_MONTH: L = L::new("一年只有 12 个月", "a year has 12 months");
pub const DOUBT_WHOLE: L = L::new(
    "按整数计，此数带小数",
    "counts whole numbers; this has a fraction",
);
pub const DOUBT_FAR_OVER: L = L::new("超过目标的 5 倍", "is more than 5× the target");
pub const DOUBT_SIGNED_AFTER: L = L::new("签约日晚于开工日", "signed after it started");
pub const DOUBTS: L = L::new("请核对", "to check");
