//! A real store file, a vault over the real OS keychain (a throwaway service), and sends
//! through [`send::Sender`]: what the cookie and history tests share.
#![allow(dead_code)]

use std::path::{Path, PathBuf};

use localpost_core::http::Engine;
use localpost_core::model::{Classification, NewRequest, Parent, Request, Workspace};
use localpost_core::send::{Options, Sender, Sent};
use localpost_core::store::Store;
use localpost_core::vault::{KEY_ACCOUNT, Keychain, OsKeychain, Vault};
use tokio_util::sync::CancellationToken;

/// A store in a temp dir, one workspace with one collection, a vault whose data key lives in a
/// throwaway keychain service (removed on drop). The store seals with a vault over the same
/// service, as the app's does.
pub struct Desk {
    pub dir: tempfile::TempDir,
    pub store: Store,
    pub vault: Vault<OsKeychain>,
    pub engine: Engine,
    pub workspace: Workspace,
    pub collection: localpost_core::model::CollectionId,
    service: String,
}

pub fn service(tag: &str) -> String {
    let nanos = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .expect("clock")
        .as_nanos();
    format!("localpost-test-{tag}-{}-{nanos}", std::process::id())
}

/// The store in `dir`, sealing with a vault over keychain `service`.
pub fn open_store(dir: &Path, service: &str) -> Store {
    Store::open_dir(dir)
        .expect("store opens")
        .with_sealer(std::sync::Arc::new(Vault::new(OsKeychain::new(service))))
}

impl Desk {
    pub fn new(tag: &str, class: Classification) -> Desk {
        let dir = tempfile::tempdir().expect("temp dir");
        let service = service(tag);
        let store = open_store(dir.path(), &service);
        let ws = store.create_workspace("Tests").expect("workspace");
        let workspace = store.set_classification(ws.id, class).expect("classified");
        let collection = store.create_collection(ws.id, "C").expect("collection").id;
        Desk {
            dir,
            store,
            vault: Vault::new(OsKeychain::new(&service)),
            engine: Engine::new(),
            workspace,
            collection,
            service,
        }
    }

    /// The store and vault opened afresh on the same file and keychain service.
    pub fn reopen(&mut self) {
        let dir = self.dir.path().to_path_buf();
        self.store = open_store(&dir, &self.service);
        self.vault = Vault::new(OsKeychain::new(&self.service));
        self.engine = Engine::new();
    }

    pub fn request(&self, name: &str, url: &str, edit: impl FnOnce(&mut Request)) -> Request {
        let mut req = self
            .store
            .create_request(NewRequest::new(Parent::Collection(self.collection), name).url(url))
            .expect("request");
        edit(&mut req);
        self.store.update_request(&req).expect("saved")
    }

    pub async fn send(&self, req: &Request) -> Sent {
        Sender::new(&self.store, &self.vault, &self.engine)
            .send(req.id, &Options::default(), &CancellationToken::new())
            .await
            .expect("sent")
    }

    /// The SQLite file and its write-ahead log, as bytes.
    pub fn at_rest(&self) -> Vec<(PathBuf, Vec<u8>)> {
        let db = self.store.path().to_path_buf();
        let mut wal = db.clone().into_os_string();
        wal.push("-wal");
        [db, PathBuf::from(wal)]
            .into_iter()
            .filter(|p| Path::exists(p))
            .map(|p| {
                let bytes = std::fs::read(&p).expect("readable");
                (p, bytes)
            })
            .collect()
    }
}

impl Desk {
    /// The keychain service holding the data key.
    pub fn service(&self) -> &str {
        &self.service
    }
}

impl Drop for Desk {
    fn drop(&mut self) {
        let _ = OsKeychain::new(&self.service).delete(KEY_ACCOUNT);
    }
}

pub fn contains(haystack: &[u8], needle: &str) -> bool {
    haystack
        .windows(needle.len())
        .any(|w| w == needle.as_bytes())
}
