//! [`Documents`]: the documents open in the desktop app, by id.
//!
//! Each response panel opens one document per view (pretty, raw, filtered) and closes it when
//! it goes; at most [`Documents::LIMIT`] stay open, the oldest let go first, so a panel that
//! never closed its document cannot hold memory for ever. Each document has its own lock, so a
//! search in one does not wait for a scroll in another.

use std::sync::{Arc, Mutex, MutexGuard, PoisonError};

use super::{Document, DocumentInfo, Result, ViewerError};

#[derive(Debug, Default)]
struct Open {
    next: u32,
    /// Oldest first.
    documents: Vec<(u32, Arc<Mutex<Document>>)>,
}

/// The open documents, by id. `Send + Sync`: share one per app; a clone shares the same
/// documents (so a blocking task can take one).
#[derive(Debug, Default, Clone)]
pub struct Documents {
    open: Arc<Mutex<Open>>,
}

fn lock<T>(mutex: &Mutex<T>) -> MutexGuard<'_, T> {
    mutex.lock().unwrap_or_else(PoisonError::into_inner)
}

impl Documents {
    /// Most documents open at once.
    pub const LIMIT: usize = 8;

    /// No documents open.
    pub fn new() -> Documents {
        Documents::default()
    }

    /// Keeps `document` open and returns its info, with its new id.
    pub fn insert(&self, document: Document) -> DocumentInfo {
        let mut open = lock(&self.open);
        open.next = open.next.wrapping_add(1);
        let id = open.next;
        let info = document.info(id);
        open.documents.push((id, Arc::new(Mutex::new(document))));
        if open.documents.len() > Self::LIMIT {
            open.documents.remove(0);
        }
        info
    }

    /// Runs `f` on document `id`.
    pub fn with<T>(&self, id: u32, f: impl FnOnce(&mut Document) -> T) -> Result<T> {
        let document = lock(&self.open)
            .documents
            .iter()
            .find(|(d, _)| *d == id)
            .map(|(_, doc)| Arc::clone(doc))
            .ok_or(ViewerError::NotOpen { id })?;
        let mut document = lock(&document);
        Ok(f(&mut document))
    }

    /// Lets document `id` go (nothing happens when it is not open).
    pub fn close(&self, id: u32) {
        lock(&self.open).documents.retain(|(d, _)| *d != id);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn doc() -> Document {
        Document::open(b"[1]".to_vec(), &Default::default()).expect("opens")
    }

    #[test]
    fn documents_are_read_by_id_until_closed_or_crowded_out() {
        let documents = Documents::new();
        let first = documents.insert(doc());
        assert_eq!(
            documents.with(first.id, |d| d.line_count()).expect("open"),
            3
        );
        documents.close(first.id);
        assert!(matches!(
            documents.with(first.id, |_| ()),
            Err(ViewerError::NotOpen { .. })
        ));
        let ids: Vec<u32> = (0..=Documents::LIMIT)
            .map(|_| documents.insert(doc()).id)
            .collect();
        assert!(
            documents.with(ids[0], |_| ()).is_err(),
            "the oldest was let go"
        );
        assert!(
            ids[1..]
                .iter()
                .all(|&id| documents.with(id, |_| ()).is_ok())
        );
    }
}
