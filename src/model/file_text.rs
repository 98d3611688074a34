//! The text a document was read from, shared by the record that holds its
//! projects as spans of it and by whoever reads it alongside (a hash on
//! another thread, a reload comparing a new version with it).

use std::fmt;
use std::ops::Deref;
use std::sync::{Arc, OnceLock};

/// Bytes held in memory, or a file's pages mapped by the store for a
/// command that reads the file once and ends: the model reads both alike.
#[derive(Clone)]
pub struct FileText(Arc<Shared<dyn AsRef<[u8]> + Send + Sync>>);

struct Shared<B: ?Sized> {
    /// Whether every project read from this text as a span is already in
    /// the save form, once found ([`super::record::SaveFormCheck`]).
    save_form: OnceLock<bool>,
    bytes: B,
}

impl FileText {
    /// Text held however its owner holds it (a `Vec`, a file mapping).
    pub fn new(bytes: impl AsRef<[u8]> + Send + Sync + 'static) -> FileText {
        FileText(Arc::new(Shared {
            save_form: OnceLock::new(),
            bytes,
        }))
    }

    /// Whether both are the one text (not merely equal bytes).
    pub fn same(a: &FileText, b: &FileText) -> bool {
        Arc::ptr_eq(&a.0, &b.0)
    }

    /// Whether every project span read from this text is known to be what
    /// the save writes of it, byte for byte.
    pub(crate) fn in_save_form(&self) -> bool {
        self.0.save_form.get() == Some(&true)
    }

    /// Records what a check of every project span read from this text
    /// found (the first finding stands: the text never changes).
    pub(crate) fn found_save_form(&self, yes: bool) {
        let _ = self.0.save_form.set(yes);
    }
}

impl From<Vec<u8>> for FileText {
    fn from(bytes: Vec<u8>) -> FileText {
        FileText::new(bytes)
    }
}

impl Deref for FileText {
    type Target = [u8];

    fn deref(&self) -> &[u8] {
        self.0.bytes.as_ref()
    }
}

impl fmt::Debug for FileText {
    // 27 MB of bytes in a debug print helps nobody.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "FileText({} bytes)", self.len())
    }
}

#[cfg(test)]
mod tests {
    use super::FileText;

    #[test]
    fn one_text_is_told_from_equal_bytes() {
        let a = FileText::from(b"{}".to_vec());
        let b = FileText::from(b"{}".to_vec());
        assert!(FileText::same(&a, &a.clone()));
        assert!(!FileText::same(&a, &b));
        assert_eq!(&*a, &*b);
        assert_eq!(format!("{a:?}"), "FileText(2 bytes)");
    }

    #[test]
    fn a_finding_is_shared_by_every_handle_and_stands() {
        let a = FileText::from(b"[]".to_vec());
        let b = a.clone();
        assert!(!a.in_save_form());
        b.found_save_form(true);
        assert!(a.in_save_form());
        a.found_save_form(false);
        assert!(b.in_save_form());
        let c = FileText::from(b"[]".to_vec());
        c.found_save_form(false);
        assert!(!c.in_save_form());
    }
}
