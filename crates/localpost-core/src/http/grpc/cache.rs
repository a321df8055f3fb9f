//! [`Descriptors`]: the descriptor pools an engine has compiled or asked a server for, so that
//! listing methods, writing a template and calling do not compile the `.proto` files or ask
//! reflection again each time.
//!
//! A pool is kept under what determines it. For `.proto` files: the files and import paths as
//! given, and it is used again only while every file it was compiled from (imports found on
//! the import paths included) has the modification time and length it had. For `.proto` files
//! embedded in the request: their paths and texts, the entries and import paths. For reflection: the
//! server's URL and the settings that reach it (TLS verification, CA and client certificates,
//! proxy), and the service asked for (`None`: all of them). At most [`KEPT`] pools are kept,
//! the least recently used going first; [`Descriptors::forget`] drops a source's pools (the
//! app's Refresh).
//!
//! Not here: compiling and asking (`descriptors.rs`, `reflection.rs`).

use std::path::PathBuf;
use std::sync::{Mutex, MutexGuard};
use std::time::SystemTime;

use prost_reflect::DescriptorPool;

use super::super::{Settings, settings::Proxy};

/// Most pools kept.
pub const KEPT: usize = 32;

/// Where a pool came from, as the cache tells sources apart.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum Key {
    /// Compiled `.proto` files.
    Files {
        files: Vec<PathBuf>,
        import_paths: Vec<PathBuf>,
    },
    /// `.proto` files embedded in the request (an Insomnia import): their texts decide.
    Embedded {
        files: Vec<crate::model::ProtoText>,
        entries: Vec<String>,
        import_paths: Vec<String>,
    },
    /// Asked of a server's reflection service.
    Reflection {
        /// `http(s)://host:port`.
        url: String,
        /// The settings that reach it (only those that choose the connection).
        reach: Reach,
        /// The service asked for; `None`: every service.
        service: Option<String>,
    },
}

/// The settings that decide which server answers and how it is reached.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Reach {
    verify_tls: bool,
    ca_certificates: Option<PathBuf>,
    client_certificates: Vec<super::super::settings::ClientCertificate>,
    proxy: Proxy,
}

impl Reach {
    pub(crate) fn of(settings: &Settings) -> Reach {
        Reach {
            verify_tls: settings.verify_tls,
            ca_certificates: settings.ca_certificates.clone(),
            client_certificates: settings.client_certificates.clone(),
            proxy: settings.proxy.clone(),
        }
    }
}

/// A file a compiled pool was read from, as it was.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Stamp {
    path: PathBuf,
    modified: Option<SystemTime>,
    len: u64,
}

impl Stamp {
    /// `path` as it is now; `None` when it cannot be read.
    pub(crate) fn of(path: PathBuf) -> Option<Stamp> {
        let meta = std::fs::metadata(&path).ok()?;
        Some(Stamp {
            modified: meta.modified().ok(),
            len: meta.len(),
            path,
        })
    }

    fn is_current(&self) -> bool {
        Stamp::of(self.path.clone()).as_ref() == Some(self)
    }
}

struct Entry {
    key: Key,
    pool: DescriptorPool,
    /// For compiled files: every file read, as it was.
    stamps: Vec<Stamp>,
}

/// The pools kept, most recently used last. Share it (it is `Send + Sync`); it locks briefly,
/// never across compiling or asking.
#[derive(Default)]
pub struct Descriptors {
    entries: Mutex<Vec<Entry>>,
    /// How many pools were compiled or asked for (not found here), for tests.
    misses: std::sync::atomic::AtomicU64,
}

impl std::fmt::Debug for Descriptors {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "Descriptors({})", self.lock().len())
    }
}

impl Descriptors {
    /// The pool kept under `key`, if its files (if any) are unchanged.
    pub(crate) fn get(&self, key: &Key) -> Option<DescriptorPool> {
        let mut entries = self.lock();
        let at = entries.iter().position(|e| &e.key == key)?;
        if !entries[at].stamps.iter().all(Stamp::is_current) {
            entries.remove(at);
            return None;
        }
        let entry = entries.remove(at);
        let pool = entry.pool.clone();
        entries.push(entry);
        Some(pool)
    }

    /// Keeps `pool` under `key`, read from `stamps`; the least recently used goes past
    /// [`KEPT`].
    pub(crate) fn put(&self, key: Key, pool: DescriptorPool, stamps: Vec<Stamp>) {
        self.misses
            .fetch_add(1, std::sync::atomic::Ordering::Relaxed);
        let mut entries = self.lock();
        entries.retain(|e| e.key != key);
        if entries.len() >= KEPT {
            entries.remove(0);
        }
        entries.push(Entry { key, pool, stamps });
    }

    /// Drops every pool of the source `key` names (for reflection, of every service of that
    /// server). Returns how many were dropped.
    pub(crate) fn forget(&self, key: &Key) -> usize {
        let mut entries = self.lock();
        let before = entries.len();
        entries.retain(|e| !same_source(&e.key, key));
        before - entries.len()
    }

    /// How many pools are kept.
    pub fn len(&self) -> usize {
        self.lock().len()
    }

    /// Whether none is.
    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    /// How many pools were compiled or asked of a server since the engine started (each put
    /// after a miss).
    pub fn misses(&self) -> u64 {
        self.misses.load(std::sync::atomic::Ordering::Relaxed)
    }

    fn lock(&self) -> MutexGuard<'_, Vec<Entry>> {
        // Only whole entries are added or removed: a panic elsewhere cannot leave it torn.
        self.entries.lock().unwrap_or_else(|e| e.into_inner())
    }
}

fn same_source(a: &Key, b: &Key) -> bool {
    match (a, b) {
        (
            Key::Reflection {
                url: u1, reach: r1, ..
            },
            Key::Reflection {
                url: u2, reach: r2, ..
            },
        ) => u1 == u2 && r1 == r2,
        _ => a == b,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn reflection(service: Option<&str>) -> Key {
        Key::Reflection {
            url: "http://127.0.0.1:1".into(),
            reach: Reach::of(&Settings::default()),
            service: service.map(str::to_string),
        }
    }

    #[test]
    fn keeps_the_most_recently_used_and_forgets_a_whole_server() {
        let cache = Descriptors::default();
        for i in 0..KEPT + 3 {
            let key = Key::Files {
                files: vec![PathBuf::from(format!("/nowhere/{i}.proto"))],
                import_paths: Vec::new(),
            };
            cache.put(key, DescriptorPool::new(), Vec::new());
        }
        assert_eq!(cache.len(), KEPT);
        let first = Key::Files {
            files: vec![PathBuf::from("/nowhere/0.proto")],
            import_paths: Vec::new(),
        };
        assert!(cache.get(&first).is_none(), "the oldest went first");
        cache.put(reflection(None), DescriptorPool::new(), Vec::new());
        cache.put(reflection(Some("a.B")), DescriptorPool::new(), Vec::new());
        assert!(cache.get(&reflection(Some("a.B"))).is_some());
        assert_eq!(cache.forget(&reflection(None)), 2);
        assert!(cache.get(&reflection(None)).is_none());
    }

    #[test]
    fn a_changed_file_is_compiled_again() {
        let dir = tempfile::tempdir().expect("temp dir");
        let path = dir.path().join("a.proto");
        std::fs::write(&path, "syntax = \"proto3\";").expect("write");
        let key = Key::Files {
            files: vec![path.clone()],
            import_paths: Vec::new(),
        };
        let stamp = Stamp::of(path.clone()).expect("stamp");
        cache_with(&key, stamp, |cache| {
            assert!(cache.get(&key).is_some());
            std::fs::write(&path, "syntax = \"proto3\"; // longer").expect("write");
            assert!(cache.get(&key).is_none(), "its length changed");
        });
    }

    fn cache_with(key: &Key, stamp: Stamp, f: impl FnOnce(&Descriptors)) {
        let cache = Descriptors::default();
        cache.put(key.clone(), DescriptorPool::new(), vec![stamp]);
        f(&cache);
    }
}
