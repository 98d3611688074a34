//! A table whose columns give way on a narrow screen: each column is as wide
//! as its widest cell; when the row does not fit, the columns least worth
//! keeping go first, then the one flexible column (a name) is cut with an
//! ellipsis. Widths are measured over every row, not the visible ones, so the
//! columns stay put while the presenter scrolls.

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::style::Style;

use super::cut::Cut;
use super::line::{cols, fill};
use crate::ui::draw::put;

/// Where a cell's text sits.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Align {
    Left,
    Right,
}

/// A column's header and how it behaves when room runs short.
#[derive(Debug, Clone)]
pub struct Column {
    pub header: String,
    pub align: Align,
    /// 0: always kept; otherwise columns with the highest number go first.
    pub drop: u8,
    /// The column that shrinks to fit (at most one is honoured: the first).
    pub flex: bool,
    /// The widest this column grows.
    pub max: usize,
    /// The narrowest a flexible column is cut to before other columns give way.
    pub min: usize,
    /// A shorter header used when the full one would cost another column
    /// its room (`进度差` for `进度差(个百分点)`).
    pub short: Option<String>,
}

impl Column {
    /// A column kept to the last.
    pub fn keep(header: impl Into<String>, align: Align) -> Column {
        Column {
            header: header.into(),
            align,
            drop: 0,
            flex: false,
            max: 40,
            min: FLEX_MIN,
            short: None,
        }
    }
    /// The flexible column (usually the unit's or project's name).
    pub fn flex(header: impl Into<String>, max: usize) -> Column {
        Column {
            header: header.into(),
            align: Align::Left,
            drop: 0,
            flex: true,
            max,
            min: FLEX_MIN,
            short: None,
        }
    }
    /// A column dropped when room runs short: higher `drop` goes first.
    pub fn optional(header: impl Into<String>, align: Align, drop: u8) -> Column {
        Column {
            header: header.into(),
            align,
            drop,
            flex: false,
            max: 40,
            min: FLEX_MIN,
            short: None,
        }
    }
    pub fn max(mut self, max: usize) -> Column {
        self.max = max;
        self
    }
    /// A shorter header for a narrow screen.
    pub fn short(mut self, header: impl Into<String>) -> Column {
        self.short = Some(header.into());
        self
    }
    /// Keeps a flexible column at least `min` wide while others can give way.
    pub fn shrink_to(mut self, min: usize) -> Column {
        self.min = min;
        self
    }
}

/// One cell: its text (snapshot text is sanitised when drawn) and style.
#[derive(Debug, Clone)]
pub struct Cell {
    pub text: String,
    pub style: Style,
}

impl Cell {
    pub fn new(text: impl Into<String>, style: Style) -> Cell {
        Cell {
            text: text.into(),
            style,
        }
    }
}

/// A row; `highlight` paints the whole row (the current item).
#[derive(Debug, Clone)]
pub struct Row {
    pub cells: Vec<Cell>,
    pub highlight: Option<Style>,
}

impl Row {
    pub fn new(cells: Vec<Cell>) -> Row {
        Row {
            cells,
            highlight: None,
        }
    }

    /// A row of texts, each in its style.
    pub fn styled<T: Into<String>>(
        texts: impl IntoIterator<Item = T>,
        styles: impl IntoIterator<Item = Style>,
    ) -> Row {
        Row::new(
            texts
                .into_iter()
                .zip(styles)
                .map(|(text, style)| Cell::new(text, style))
                .collect(),
        )
    }

    /// The row put after a window of rows, never drawn, that carries each
    /// column's widest cell: the rows off screen count towards the
    /// columns' widths without being built.
    pub fn widest<T: Into<String>>(texts: impl IntoIterator<Item = T>) -> Row {
        Row::new(
            texts
                .into_iter()
                .map(|text| Cell::new(text, Style::default()))
                .collect(),
        )
    }
}

/// Columns with a drop priority from here on are extras: a full header may
/// cost them their place.
const EXTRA: u8 = 10;
/// The narrowest a flexible column is cut to by default.
const FLEX_MIN: usize = 8;
/// Columns between cells.
const GAP: usize = 1;

/// A table to draw.
#[derive(Debug, Clone)]
pub struct Table {
    pub columns: Vec<Column>,
    pub rows: Vec<Row>,
    pub header_style: Style,
}

impl Table {
    /// Each column's (offset, width), `None` for a column that gave way.
    pub fn layout(&self, width: usize) -> Vec<Option<(usize, usize)>> {
        self.plan(width).0
    }

    /// The layout, and whether the short headers are used: only when the
    /// full ones would make a column give way or cut the flexible one.
    fn plan(&self, width: usize) -> (Vec<Option<(usize, usize)>>, bool) {
        // The widest cell of each column, measured once.
        let cells: Vec<usize> = (0..self.columns.len())
            .map(|i| {
                self.rows
                    .iter()
                    .filter_map(|r| r.cells.get(i))
                    .map(|cell| cols(&cell.text))
                    .max()
                    .unwrap_or(0)
            })
            .collect();
        let natural = |short: bool| -> Vec<usize> {
            self.columns
                .iter()
                .zip(&cells)
                .map(|(c, w)| (*w).max(cols(Self::header(c, short))).min(c.max))
                .collect()
        };
        let full = self.layout_with(width, &natural(false));
        if self.columns.iter().all(|c| c.short.is_none()) {
            return (full, false);
        }
        let short = self.layout_with(width, &natural(true));
        // The full headers unless they cost the flexible column room, or a
        // column the short ones keep that is not one of the extras (a drop
        // priority of 10 or more: the composite view's per-metric columns).
        let lost = (0..self.columns.len())
            .any(|i| full[i].is_none() && short[i].is_some() && self.columns[i].drop < EXTRA);
        let flex_w = |l: &[Option<(usize, usize)>]| {
            self.columns
                .iter()
                .position(|c| c.flex)
                .and_then(|f| l.get(f).copied().flatten())
                .map_or(0, |(_, w)| w)
        };
        if lost || flex_w(&full) < flex_w(&short) {
            (short, true)
        } else {
            (full, false)
        }
    }

    fn header(c: &Column, short: bool) -> &str {
        match (&c.short, short) {
            (Some(h), true) => h,
            _ => &c.header,
        }
    }

    fn layout_with(&self, width: usize, natural: &[usize]) -> Vec<Option<(usize, usize)>> {
        let flex = self.columns.iter().position(|c| c.flex);
        let mut shown: Vec<bool> = vec![true; self.columns.len()];
        loop {
            let need = self.need(natural, &shown, flex);
            if need <= width {
                break;
            }
            let victim = (0..self.columns.len())
                .filter(|&i| shown[i] && self.columns[i].drop > 0)
                .max_by_key(|&i| (self.columns[i].drop, i));
            match victim {
                Some(i) => shown[i] = false,
                None => break,
            }
        }
        let fixed: usize = (0..self.columns.len())
            .filter(|&i| shown[i] && Some(i) != flex)
            .map(|i| natural[i])
            .sum();
        let gaps = shown.iter().filter(|s| **s).count().saturating_sub(1) * GAP;
        let mut out = Vec::with_capacity(self.columns.len());
        let mut x = 0usize;
        for (i, &on) in shown.iter().enumerate() {
            if !on {
                out.push(None);
                continue;
            }
            let w = if Some(i) == flex {
                natural[i].min(width.saturating_sub(fixed + gaps))
            } else {
                natural[i]
            };
            out.push(Some((x, w)));
            x += w + GAP;
        }
        out
    }

    fn need(&self, natural: &[usize], shown: &[bool], flex: Option<usize>) -> usize {
        let mut need = 0;
        let mut n = 0usize;
        for (i, w) in natural.iter().enumerate() {
            if !shown[i] {
                continue;
            }
            n += 1;
            need += if Some(i) == flex {
                (*w).min(self.columns[i].min)
            } else {
                *w
            };
        }
        need + n.saturating_sub(1) * GAP
    }

    /// Draws the header and the rows from `scroll` in `area`; when not all
    /// fit, the last line says how many more there are (`more`, with `{n}`).
    pub fn render_scrolled(
        &self,
        area: Rect,
        buf: &mut Buffer,
        scroll: usize,
        more: (crate::words::labels::L, crate::i18n::Lang),
        note_style: Style,
    ) {
        let room = usize::from(area.height).saturating_sub(1);
        let win = super::line::Window::new(self.rows.len(), room, scroll);
        self.render_window(area, buf, win.start, win, more, note_style);
    }

    /// Draws the header and the window's rows, found from `start` in
    /// `self.rows` (0 when the rows are the window's alone), then the note
    /// of how many more there are.
    pub fn render_window(
        &self,
        area: Rect,
        buf: &mut Buffer,
        start: usize,
        win: super::line::Window,
        (more, lang): (crate::words::labels::L, crate::i18n::Lang),
        note_style: Style,
    ) {
        let body = Rect {
            height: (1 + win.len) as u16,
            ..area
        };
        self.render(body, buf, start);
        if win.hidden > 0 {
            let y = area.y + 1 + win.len as u16;
            let note = super::line::count(more, lang, win.hidden);
            put(
                buf,
                area,
                area.x,
                y,
                &note,
                usize::from(area.width),
                note_style,
            );
        }
    }

    /// Draws the header on the first line of `area` and the rows from `start`
    /// on the lines below, as many as fit; returns how many rows it drew.
    pub fn render(&self, area: Rect, buf: &mut Buffer, start: usize) -> usize {
        if area.is_empty() {
            return 0;
        }
        let (layout, short) = self.plan(usize::from(area.width));
        for (c, slot) in self.columns.iter().zip(&layout) {
            if let Some((x, w)) = slot {
                self.cell(
                    buf,
                    area,
                    *x,
                    *w,
                    area.y,
                    Self::header(c, short),
                    c.align,
                    self.header_style,
                );
            }
        }
        // The flexible column (names) is cut where its visible names differ.
        let flex = self.columns.iter().position(|c| c.flex);
        let visible = usize::from(area.height.saturating_sub(1));
        let cut = flex
            .and_then(|f| layout.get(f).copied().flatten().map(|(_, w)| (f, w)))
            .map(|(f, w)| {
                let texts = self
                    .rows
                    .iter()
                    .skip(start)
                    .take(visible)
                    .filter_map(|r| r.cells.get(f))
                    .map(|c| c.text.as_str());
                (f, Cut::best(texts, w))
            });
        let mut drawn = 0;
        for (k, row) in self.rows.iter().skip(start).enumerate() {
            let Some(y) = area
                .y
                .checked_add(1 + k as u16)
                .filter(|y| *y < area.bottom())
            else {
                break;
            };
            if let Some(h) = row.highlight {
                fill(buf, area, area.x, y, usize::from(area.width), h);
            }
            for (i, ((c, slot), cell)) in
                self.columns.iter().zip(&layout).zip(&row.cells).enumerate()
            {
                if let Some((x, w)) = slot {
                    let style = match row.highlight {
                        Some(h) => cell.style.patch(h),
                        None => cell.style,
                    };
                    match cut {
                        Some((f, how)) if f == i => {
                            let text = how.apply(&cell.text, *w);
                            self.cell(buf, area, *x, *w, y, &text, c.align, style);
                        }
                        _ => self.cell(buf, area, *x, *w, y, &cell.text, c.align, style),
                    }
                }
            }
            drawn += 1;
        }
        drawn
    }

    #[allow(clippy::too_many_arguments)]
    fn cell(
        &self,
        buf: &mut Buffer,
        area: Rect,
        x: usize,
        w: usize,
        y: u16,
        text: &str,
        align: Align,
        style: Style,
    ) {
        let pad = match align {
            Align::Left => 0,
            Align::Right => w.saturating_sub(cols(text)),
        };
        if let Ok(cx) = u16::try_from(usize::from(area.x) + x + pad) {
            put(buf, area, cx, y, text, w - pad.min(w), style);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn table() -> Table {
        let s = Style::default;
        Table {
            columns: vec![
                Column::keep("#", Align::Right),
                Column::flex("单位", 20),
                Column::keep("完成率", Align::Right),
                Column::optional("与第一差距", Align::Right, 2),
                Column::optional("备注", Align::Left, 3),
            ],
            rows: vec![Row::new(vec![
                Cell::new("1", s()),
                Cell::new("经济开发区管理委员会", s()),
                Cell::new("51.2%", s()),
                Cell::new("—", s()),
                Cell::new("很长的备注很长的备注", s()),
            ])],
            header_style: s(),
        }
    }

    #[test]
    fn wide_enough_keeps_every_column() {
        let l = table().layout(80);
        assert!(l.iter().all(Option::is_some));
        assert_eq!(l[1], Some((2, 20)));
    }

    #[test]
    fn narrow_drops_the_least_needed_columns_first() {
        let l = table().layout(30);
        assert_eq!(l[4], None);
        assert!(l[3].is_some());
        let l = table().layout(20);
        assert_eq!((l[3], l[4]), (None, None));
        // The name shrinks to what is left: 20 − 1 − 6 − 2 gaps.
        assert_eq!(l[1], Some((2, 11)));
    }

    #[test]
    fn rows_never_leave_the_area() {
        let t = table();
        for w in 0..40 {
            for h in 0..4 {
                let mut buf = Buffer::empty(Rect::new(0, 0, 50, 6));
                let area = Rect::new(3, 1, w, h);
                t.render(area, &mut buf, 0);
                for y in 0..6 {
                    for x in 0..50 {
                        if !area.contains((x, y).into()) {
                            assert_eq!(buf[(x, y)].symbol(), " ", "{w}x{h} wrote ({x},{y})");
                        }
                    }
                }
            }
        }
    }
}
