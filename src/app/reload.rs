//! An outside change read against the version on screen
//! ([`crate::model::reload`]): the new version is put in force in place,
//! its unchanged projects moved from the old one, instead of a whole new
//! document replacing it.

use super::{App, Effect};
use crate::model::Record;
use crate::model::edit::Change;
use crate::model::reach::Reach;
use crate::model::reload::Plan;

/// A new version read against the data in force
/// ([`crate::store::reload::reread`]).
#[derive(Debug, Clone)]
pub struct Reading {
    pub plan: Plan,
    /// The new file's content hash.
    pub hash: u64,
    /// The [`super::data::Data::generation`] it was read against: the plan
    /// moves projects out of that version and no other.
    pub generation: u64,
}

impl Reading {
    /// Whether the data in force is still the version read against (an
    /// action queued before this one may have changed it).
    pub(crate) fn fits(&self, app: &App) -> bool {
        self.generation == app.data.generation
    }
}

impl App {
    /// A reload read against the data in force: taken like a loaded
    /// document ([`App::outside_change`]). Read against another version
    /// than the one in force, it is read again.
    pub(crate) fn reloaded(&mut self, reading: Reading) -> Vec<Effect> {
        if !reading.fits(self) {
            return vec![Effect::Reload];
        }
        let Reading { mut plan, hash, .. } = reading;
        self.data.error = None;
        self.data.gone = false;
        if self.data.content_hash == Some(hash) {
            return Vec::new();
        }
        if self.edit.dirty() {
            return self.outside_change_waits();
        }
        let reach = plan.reach().clone();
        let heads = plan.take_head_changes();
        let old = plan.replace(&mut self.data.doc);
        let effects = self.took_outside(&old.record, hash, &reach, heads);
        self.data.retired.keep(old);
        effects
    }

    /// The data in force changed in place (its document is the new one):
    /// what [`App::replace_data`] does after putting a document in.
    /// `reach` says what the change can have reached of the derived data.
    pub(crate) fn renew_data(&mut self, hash: Option<u64>, reach: &Reach) {
        let now = self.now();
        let data = &mut self.data;
        data.derive_again(reach);
        data.content_hash = hash;
        data.loaded_at = now;
        data.reloaded = true;
        data.error = None;
        data.gone = false;
        data.generation += 1;
    }

    /// For the room's screens: the plan put in force.
    pub(crate) fn room_reloaded(&mut self, plan: Plan, hash: u64) -> bool {
        self.data.error = None;
        self.data.gone = false;
        if self.data.content_hash == Some(hash) {
            return false;
        }
        let reach = plan.reach().clone();
        let old = plan.replace(&mut self.data.doc);
        self.data.retired.keep(old);
        self.renew_data(Some(hash), &reach);
        true
    }

    /// What the editor marks and says after an outside change, `old` the
    /// record replaced.
    /// `heads`: the changes outside the projects list, when already found.
    pub(crate) fn took_outside(
        &mut self,
        old: &Record,
        hash: u64,
        reach: &Reach,
        heads: Option<Vec<Change>>,
    ) -> Vec<Effect> {
        let changes = crate::model::edit::diff_records_given(old, &self.data.doc.json, heads);
        self.renew_data(Some(hash), reach);
        self.outside_marked(&changes)
    }
}
