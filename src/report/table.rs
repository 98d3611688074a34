//! A table of the bulletin, built once and rendered by both the HTML and the
//! Markdown writers, so that the two formats can never show different numbers.

/// How a column's cells line up.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Align {
    Left,
    Right,
    Center,
}

/// A column heading.
#[derive(Debug, Clone, PartialEq)]
pub struct Column {
    pub head: String,
    pub align: Align,
    /// Width the column keeps before its text wraps, in ems (HTML only): a
    /// unit's name should not break while a long header has room to.
    pub min_em: Option<f32>,
}

impl Column {
    pub fn left(head: impl Into<String>) -> Column {
        Column {
            head: head.into(),
            align: Align::Left,
            min_em: None,
        }
    }
    pub fn right(head: impl Into<String>) -> Column {
        Column {
            head: head.into(),
            align: Align::Right,
            min_em: None,
        }
    }
    /// Keeps at least `cols` terminal columns (half as many ems) unwrapped,
    /// up to 12 ems.
    pub fn keep(mut self, cols: usize) -> Column {
        self.min_em = Some((cols as f32 / 2.0).min(12.0));
        self
    }
    pub fn center(head: impl Into<String>) -> Column {
        Column {
            head: head.into(),
            align: Align::Center,
            min_em: None,
        }
    }
}

/// One cell: the text shown (already one line, not yet escaped), an optional
/// second line, and the exact number behind it so that tools and tests can
/// read the unrounded value from the HTML (`data-v`).
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Cell {
    pub text: String,
    pub sub: Option<String>,
    /// What the number is (`composite`, `investment.completion`, …).
    pub field: Option<String>,
    pub value: Option<f64>,
    /// A style hint: a tier's colour (`red`, `green`…), `late`, `muted`,
    /// `up`, `down`.
    pub class: Option<&'static str>,
    /// A small chart the HTML shows instead of the text (which carries the
    /// same figures, as its title and in Markdown).
    pub svg: Option<String>,
}

impl Cell {
    /// A text cell.
    pub fn text(text: impl Into<String>) -> Cell {
        Cell {
            text: text.into(),
            ..Cell::default()
        }
    }
    /// A cell showing `text` for the exact number `value` of `field`.
    pub fn num(text: impl Into<String>, field: impl Into<String>, value: Option<f64>) -> Cell {
        Cell {
            text: text.into(),
            field: Some(field.into()),
            value,
            ..Cell::default()
        }
    }
    /// Adds a second, smaller line.
    pub fn with_sub(mut self, sub: impl Into<String>) -> Cell {
        self.sub = Some(sub.into());
        self
    }
    /// Adds a style hint.
    pub fn with_class(mut self, class: &'static str) -> Cell {
        self.class = Some(class);
        self
    }
}

/// One row; `key` names what it is about (a unit or project id).
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Row {
    pub key: Option<String>,
    pub cells: Vec<Cell>,
}

/// A captioned table with an optional note under it.
#[derive(Debug, Clone, PartialEq)]
pub struct Table {
    /// A stable name for tools and tests (`ranking-0`, `red`, `overdue`).
    pub id: String,
    pub caption: String,
    pub columns: Vec<Column>,
    pub rows: Vec<Row>,
    /// Shown instead of the table when it has no rows.
    pub empty: String,
    pub note: Option<String>,
}

impl Table {
    pub fn new(id: impl Into<String>, caption: impl Into<String>, columns: Vec<Column>) -> Table {
        Table {
            id: id.into(),
            caption: caption.into(),
            columns,
            rows: Vec::new(),
            empty: String::new(),
            note: None,
        }
    }
    /// Appends a row about `key`.
    pub fn push(&mut self, key: Option<&str>, cells: Vec<Cell>) {
        debug_assert_eq!(cells.len(), self.columns.len());
        self.rows.push(Row {
            key: key.map(str::to_owned),
            cells,
        });
    }
}
