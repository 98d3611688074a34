//! The words guotang itself shows, in Simplified Chinese and English: one
//! table per screen or report ([`labels`] for the panes, [`shell_labels`]
//! for the console around them, [`edit_labels`] for the editor, [`wall_labels`] for the audience and the board,
//! [`import_labels`] for `guotang import`, [`tier_labels`] for a meeting's
//! own tiers, points, marks and history on screen, [`tier_io_labels`] for
//! format v2's input and output, [`headers`] for the columns the
//! export writes and the import reads back). Every layer may use them: they
//! depend only on the model's names and on [`crate::i18n`].

pub mod edit_labels;
pub mod headers;
pub mod import_labels;
pub mod labels;
pub mod shell_labels;
pub mod tier_io_labels;
pub mod tier_labels;
pub mod wall_labels;
