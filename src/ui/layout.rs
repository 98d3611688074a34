//! Where each part of the screen goes. One pure function used both to draw
//! and to find what a mouse click hit, so the two can never disagree.

use ratatui::layout::Rect;

use crate::app::App;

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
