//! Drawing blocks the ranking, seating, speakers and projects panes share:
//! bars with eighth-cell precision, tables whose columns give way on narrow
//! screens, and lines of styled pieces with the "… N more" note.
//!
//! Every function writes through [`crate::ui::draw::put`] or a checked
//! `cell_mut`, so nothing is ever written outside the area it is given.

pub mod bar;
pub mod cut;
pub mod figures;
pub mod line;
pub mod table;
