//! A memo of figures a frame would otherwise measure over a whole list,
//! filled the first time a frame asks for a key and dropped with the data
//! it was measured on (it lives in [`super::Frames`], made anew on every
//! data change). For what has too many keys to measure ahead: every
//! group's chart on every metric, in both languages.

use std::collections::HashMap;
use std::hash::Hash;
use std::sync::Mutex;

/// Values by key, filled on first use.
pub struct Memo<K, V>(Mutex<HashMap<K, V>>);

impl<K: Eq + Hash, V: Clone> Memo<K, V> {
    /// The value of `key`, measured by `measure` the first time.
    pub fn get_or(&self, key: K, measure: impl FnOnce() -> V) -> V {
        // A panic while the lock was held left at worst a missing entry.
        let mut map = self
            .0
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner);
        map.entry(key).or_insert_with(measure).clone()
    }

    /// Itself when `keep` (the data it was measured on is unchanged), else
    /// an empty memo.
    pub fn kept(self, keep: bool) -> Self {
        match keep {
            true => self,
            false => Memo::default(),
        }
    }

    /// How many keys were measured (tests).
    pub fn len(&self) -> usize {
        self.0
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner)
            .len()
    }

    /// Whether no key was measured yet.
    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }
}

impl<K, V> Default for Memo<K, V> {
    fn default() -> Self {
        Memo(Mutex::new(HashMap::new()))
    }
}

/// A copy of the same data measures again what it needs.
impl<K, V> Clone for Memo<K, V> {
    fn clone(&self) -> Self {
        Memo::default()
    }
}

/// What a memo holds follows from the data: two memos of equal data are equal.
impl<K, V> PartialEq for Memo<K, V> {
    fn eq(&self, _: &Self) -> bool {
        true
    }
}

impl<K, V> std::fmt::Debug for Memo<K, V> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("Memo")
    }
}
