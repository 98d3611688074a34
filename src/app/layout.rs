//! Where each part of the screen goes. Pure functions of the state and the
//! screen size, used both to draw (`ui`) and by `update` (what a mouse click
//! hit, how many rows the editor pages by), so the two can never disagree.

use ratatui::layout::Rect;

use super::App;

/// Below this size the console asks for a bigger window.
pub const MIN_WIDTH: u16 = 80;
pub const MIN_HEIGHT: u16 = 24;

/// The parts of the screen (a hidden part has zero size).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct ScreenLayout {
    /// Title, clock, period; the last row is a rule.
    pub header: Rect,
    /// One row drawn over the layout (never moving it): a broken-file banner
    /// or a passing notice, on the header's rule, or on the first row of the
    /// pane in full screen.
    pub banner: Rect,
    /// The agenda rail, with a rule on its right edge.
    pub rail: Rect,
    pub main: Rect,
    /// Timer and key hints; the first row is a rule when there is room.
    pub footer: Rect,
}

/// Whether the area is too small to show the console.
pub fn too_small(area: Rect) -> bool {
    area.width < MIN_WIDTH || area.height < MIN_HEIGHT
}

/// Columns of the agenda rail for a screen width.
pub fn rail_width(width: u16) -> u16 {
    (width / 4).clamp(26, 44)
}

/// Lays out the console on `area`.
pub fn compute(app: &App, area: Rect) -> ScreenLayout {
    // The banner comes and goes over a fixed layout: a screen that jumps
    // down a line for a few seconds is a visible jolt on the wall.
    let banner_rows = u16::from(app.data.error.is_some() || app.prefs.notice.is_some());
    let (header_rows, footer_rows) = if app.prefs.fullscreen { (0, 1) } else { (3, 2) };
    let header = Rect {
        height: header_rows.min(area.height),
        ..area
    };
    let footer_h = footer_rows.min(area.height.saturating_sub(header.height));
    let footer = Rect {
        y: area.bottom() - footer_h,
        height: footer_h,
        ..area
    };
    let middle = Rect {
        y: header.bottom(),
        height: footer.y.saturating_sub(header.bottom()),
        ..area
    };
    let banner = Rect {
        y: if header.height >= 3 {
            header.bottom() - 1
        } else {
            middle.y
        },
        height: banner_rows.min(if header.height >= 3 { 1 } else { middle.height }),
        ..area
    };
    // The editor wants every column it can get.
    let show_rail = app.prefs.rail
        && !app.prefs.fullscreen
        && !app.edit.active
        && !app.data.snapshot().agenda.is_empty();
    let rail_w = if show_rail {
        rail_width(area.width).min(middle.width / 2)
    } else {
        0
    };
    let rail = Rect {
        width: rail_w,
        ..middle
    };
    let main = Rect {
        x: middle.x + rail_w,
        width: middle.width - rail_w,
        ..middle
    };
    ScreenLayout {
        header,
        banner,
        rail,
        main,
        footer,
    }
}

/// Rows under the items: a rule, the next item, the projection (two rows).
pub const RAIL_BOTTOM_ROWS: u16 = 4;

/// The agenda rail's item rows (where they are, and which item the first
/// row shows).
pub fn rail_items(app: &App, rail: Rect) -> (Rect, usize) {
    let n = app.data.snapshot().agenda.len();
    let bottom = if rail.height > RAIL_BOTTOM_ROWS + 3 {
        RAIL_BOTTOM_ROWS
    } else {
        0
    };
    let area = Rect {
        x: rail.x,
        y: rail.y + 1,
        width: rail.width.saturating_sub(1),
        height: rail.height.saturating_sub(1 + bottom),
    };
    let rows = usize::from(area.height);
    let cur = app.current().unwrap_or(0);
    // Keep the current item in view, a third of the way down when scrolled.
    let first = if n <= rows {
        0
    } else {
        cur.saturating_sub(rows / 3).min(n - rows)
    };
    (area, first)
}

/// The agenda item drawn at a screen cell of the rail, if any.
pub fn rail_item_at(app: &App, rail: Rect, x: u16, y: u16) -> Option<usize> {
    let (area, first) = rail_items(app, rail);
    let inside = x >= area.x && x < area.right() && y >= area.y && y < area.bottom();
    let i = first + usize::from(y.checked_sub(area.y)?);
    (inside && i < app.data.snapshot().agenda.len()).then_some(i)
}

/// Rows above the grid (tabs) and below it (field and status lines).
pub const EDITOR_CHROME: u16 = 3;

/// How many data rows the grid shows in an editor area `height` rows tall
/// (two heading rows at most).
pub fn grid_rows(height: u16) -> usize {
    usize::from(height.saturating_sub(EDITOR_CHROME + 2))
}

/// Columns between the editor grid's cells.
pub const GRID_GAP: usize = 1;

/// The first scrolled column to show so that column `cursor` is in view in
/// `room` columns, starting from `left` (column 0 always shows).
pub fn scroll_left(widths: &[usize], left: usize, cursor: usize, room: usize) -> usize {
    let n = widths.len();
    if n <= 1 {
        return 1;
    }
    let mut left = left.clamp(1, n - 1);
    if cursor == 0 {
        return left;
    }
    if cursor < left {
        return cursor;
    }
    let first = widths.first().copied().unwrap_or(0) + GRID_GAP;
    let span = |l: usize| -> usize {
        widths[l..=cursor]
            .iter()
            .map(|w| w + GRID_GAP)
            .sum::<usize>()
    };
    while left < cursor && first + span(left) > room {
        left += 1;
    }
    left
}
