//! Credentials typed into auth settings rest sealed: the SQLite file and its WAL never hold
//! them, they read back whole through the data key in the real OS keychain, a store without the
//! key refuses to write them plain, a lost key is a clear error naming the row and field, and
//! wiping sealed fields leaves everything else usable. Runs in the test session's keyring.

use std::path::Path;
use std::sync::Arc;

use localpost_core::model::{Auth, AuthMode, NewFolder, NewRequest, Parent};
use localpost_core::store::{Store, StoreError};
use localpost_core::vault::{KEY_ACCOUNT, Keychain, OsKeychain, Vault};

const PASSWORD: &str = "pw-sealed-4a71c9";
const TOKEN: &str = "tok-sealed-99e0b3";
const SECRET_KEY: &str = "aws-sealed-1f2e3d";

fn keychain() -> OsKeychain {
    let nanos = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .expect("clock after 1970")
        .as_nanos();
    OsKeychain::new(format!("localpost-test-sealed-{nanos}"))
}

fn open(dir: &Path, keychain: &OsKeychain) -> Store {
    Store::open_dir(dir)
        .expect("store opens")
        .with_sealer(Arc::new(Vault::new(keychain.clone())))
}

fn contains(haystack: &[u8], needle: &str) -> bool {
    haystack
        .windows(needle.len())
        .any(|w| w == needle.as_bytes())
}

/// A collection (AWS secret key), a folder (bearer token) and a request (basic password, and
/// a `{{reference}}` that is not a credential).
fn fill(store: &Store) -> (i64, localpost_core::model::RequestId) {
    let ws = store.create_workspace("Sealed").expect("workspace");
    let mut coll = store.create_collection(ws.id, "API").expect("collection");
    coll.auth = Auth::with_params(
        AuthMode::Awsv4,
        &[("accessKey", "AKIDEXAMPLE"), ("secretKey", SECRET_KEY)],
    );
    store.update_collection(&coll).expect("collection saved");
    let mut folder = store
        .create_folder(NewFolder {
            parent: Parent::Collection(coll.id),
            name: "Users".into(),
        })
        .expect("folder");
    folder.auth = Auth::with_params(AuthMode::Bearer, &[("token", TOKEN)]);
    store.update_folder(&folder).expect("folder saved");
    let mut req = store
        .create_request(NewRequest::new(Parent::Folder(folder.id), "Me").url("https://x.test/me"))
        .expect("request");
    req.auth = Auth::with_params(
        AuthMode::Basic,
        &[("username", "ada"), ("password", PASSWORD)],
    );
    let saved = store.update_request(&req).expect("request saved");
    assert_eq!(saved.auth.param("password"), Some(PASSWORD));
    (coll.id.0, req.id)
}

#[test]
fn typed_credentials_are_sealed_in_the_file_and_read_back_whole() {
    let dir = tempfile::tempdir().expect("temp dir");
    let keychain = keychain();
    let store = open(dir.path(), &keychain);
    let (_, request) = fill(&store);

    for file in std::fs::read_dir(dir.path()).expect("dir") {
        let path = file.expect("entry").path();
        let bytes = std::fs::read(&path).expect("read");
        for secret in [PASSWORD, TOKEN, SECRET_KEY] {
            assert!(
                !contains(&bytes, secret),
                "{} holds {secret}",
                path.display()
            );
        }
    }
    drop(store);

    let store = open(dir.path(), &keychain);
    let req = store.request(request).expect("request");
    assert_eq!(req.auth.param("username"), Some("ada"));
    assert_eq!(req.auth.param("password"), Some(PASSWORD));
    let folder = store
        .folder_ancestry(req.folder_id.expect("in a folder"))
        .expect("ancestry");
    assert_eq!(folder[0].auth.param("token"), Some(TOKEN));
    let coll = store.collection(req.collection_id).expect("collection");
    assert_eq!(coll.auth.param("secretKey"), Some(SECRET_KEY));
    assert_eq!(coll.auth.param("accessKey"), Some("AKIDEXAMPLE"));
    keychain.delete(KEY_ACCOUNT).expect("cleanup");
}

#[test]
fn without_a_key_nothing_is_written_plain_and_a_lost_key_can_be_wiped() {
    let dir = tempfile::tempdir().expect("temp dir");
    let keychain = keychain();
    let (_, request) = fill(&open(dir.path(), &keychain));

    // A store with no sealer: refuses to write a typed credential, keeps references plain.
    let bare = Store::open_dir(dir.path()).expect("store opens");
    let err = bare.request(request).expect_err("cannot open");
    assert!(matches!(err, StoreError::Unsealable { .. }), "{err:?}");
    let ws = bare.workspaces().expect("workspaces")[0].id;
    let coll = bare.create_collection(ws, "Plain").expect("collection");
    let mut req = bare
        .create_request(NewRequest::new(Parent::Collection(coll.id), "R"))
        .expect("request");
    req.auth = Auth::with_params(AuthMode::Bearer, &[("token", "{{token}}")]);
    bare.update_request(&req)
        .expect("a reference is not a credential");
    req.auth = Auth::with_params(AuthMode::Bearer, &[("token", "typed-in")]);
    let err = bare.update_request(&req).expect_err("no plain credential");
    assert_eq!(
        err.to_string(),
        "cannot store auth.token: credentials are sealed with the data key in the OS keychain, and none is available (nothing was written)"
    );
    drop(bare);

    // The key is lost: a clear error naming row and field, never a crash.
    keychain.delete(KEY_ACCOUNT).expect("key removed");
    let store = open(dir.path(), &keychain);
    let err = store.request(request).expect_err("sealed with a lost key");
    let message = err.to_string();
    assert!(
        message.starts_with(&format!(
            "items row {}, auth.password: sealed data cannot be opened",
            request.0
        )),
        "{message}"
    );
    assert!(message.contains("localpost vault wipe-sealed"), "{message}");

    // Wiping empties the three sealed values and keeps everything else.
    assert_eq!(store.wipe_sealed().expect("wiped"), 3);
    let req = store.request(request).expect("readable again");
    assert_eq!(req.auth.param("password"), Some(""));
    assert_eq!(req.auth.param("username"), Some("ada"));
    assert_eq!(req.url, "https://x.test/me");
    assert_eq!(store.wipe_sealed().expect("nothing left"), 0);
    keychain.delete(KEY_ACCOUNT).expect("cleanup");
}

#[test]
fn rotating_the_data_key_reseals_everything_and_running_stores_follow() {
    use localpost_core::secrets;
    use localpost_core::vault::NEXT_KEY_ACCOUNT;

    let dir = tempfile::tempdir().expect("temp dir");
    let keychain = keychain();
    let running = open(dir.path(), &keychain);
    let (_, request) = fill(&running);
    let old_key = keychain.get(KEY_ACCOUNT).expect("read").expect("a key");
    let sealed_before = std::fs::read(dir.path().join("localpost.db")).expect("db");

    let rotator = open(dir.path(), &keychain);
    let count = secrets::rotate_data_key(&rotator, &Vault::new(keychain.clone())).expect("rotated");
    assert_eq!(count, 3);
    let new_key = keychain.get(KEY_ACCOUNT).expect("read").expect("a key");
    assert_ne!(new_key.expose(), old_key.expose(), "the key changed");
    assert_eq!(keychain.get(NEXT_KEY_ACCOUNT).expect("read"), None);
    drop(rotator);

    // A store that had cached the old key reads the keychain again and opens the new values.
    let req = running.request(request).expect("request after rotation");
    assert_eq!(req.auth.param("password"), Some(PASSWORD));
    // A fresh one too; and the sealed bytes on disk are new.
    let req = open(dir.path(), &keychain)
        .request(request)
        .expect("fresh store");
    assert_eq!(req.auth.param("password"), Some(PASSWORD));
    drop(running);
    let sealed_after = std::fs::read(dir.path().join("localpost.db")).expect("db");
    assert_ne!(sealed_before, sealed_after);

    // Put the old key back: the values sealed with the new one can no longer be opened.
    keychain.set(KEY_ACCOUNT, &old_key).expect("old key back");
    let err = open(dir.path(), &keychain)
        .request(request)
        .expect_err("old key");
    assert!(matches!(err, StoreError::Unsealable { .. }), "{err:?}");
    keychain.delete(KEY_ACCOUNT).expect("cleanup");
}

#[test]
fn a_rotation_cut_short_after_its_reseal_is_completed_by_the_next_without_losing_a_key() {
    use localpost_core::model::Auth;
    use localpost_core::secrets;
    use localpost_core::vault::{DataKey, NEXT_KEY_ACCOUNT};

    let dir = tempfile::tempdir().expect("temp dir");
    let keychain = keychain();
    let (_, request) = fill(&open(dir.path(), &keychain));
    // A rotation killed after its re-seal committed and before the keychain changed: the
    // store's values are sealed with the new key, which waits under NEXT; the keychain's key
    // is still the old one.
    let old = DataKey::from_stored(&keychain.get(KEY_ACCOUNT).expect("read").expect("a key"))
        .expect("a key");
    let waiting = DataKey::generate().expect("a key");
    keychain
        .set(NEXT_KEY_ACCOUNT, &waiting.to_stored())
        .expect("stored");
    Store::open_dir(dir.path())
        .expect("opens")
        .reseal(&old, &waiting)
        .expect("resealed");
    // Since then, a value sealed with the keychain's (old) key.
    let store = open(dir.path(), &keychain);
    let mut other = store
        .request(request)
        .expect("opens through the waiting key");
    other.auth = Auth::with_params(
        localpost_core::model::AuthMode::Bearer,
        &[("token", "tok-after-cut-7b1d")],
    );
    let other = store.update_request(&other).expect("saved");
    drop(store);

    // The next rotation moves both kinds to one new key and forgets the waiting one.
    let count =
        secrets::rotate_data_key(&open(dir.path(), &keychain), &Vault::new(keychain.clone()))
            .expect("rotated");
    assert_eq!(count, 3);
    assert_eq!(keychain.get(NEXT_KEY_ACCOUNT).expect("read"), None);
    let store = open(dir.path(), &keychain);
    let req = store.request(other.id).expect("opens");
    assert_eq!(req.auth.param("token"), Some("tok-after-cut-7b1d"));
    let coll = store.collection(req.collection_id).expect("opens");
    assert_eq!(coll.auth.param("secretKey"), Some(SECRET_KEY));
    keychain.delete(KEY_ACCOUNT).expect("cleanup");
}

#[test]
fn a_proxy_password_and_a_certificate_passphrase_are_sealed_too() {
    use localpost_core::model::{ClientCertificate, ProxyMode, ProxySettings};

    const PROXY_PASSWORD: &str = "proxy-pw-sealed-5d2a";
    const PASSPHRASE: &str = "pfx-pass-sealed-c41e";
    let dir = tempfile::tempdir().expect("temp dir");
    let keychain = keychain();
    let store = open(dir.path(), &keychain);
    let (collection, request) = fill(&store);
    let mut coll = store
        .collection(localpost_core::model::CollectionId(collection))
        .expect("collection");
    coll.settings.proxy = Some(ProxySettings {
        mode: ProxyMode::Custom,
        url: "http://127.0.0.1:3128".into(),
        username: "proxy-user".into(),
        password: PROXY_PASSWORD.into(),
        no_proxy: String::new(),
    });
    store.update_collection(&coll).expect("saved");
    let mut req = store.request(request).expect("request");
    req.settings.client_certificates = Some(vec![ClientCertificate {
        host: "x.test".into(),
        pfx: "/certs/client.p12".into(),
        passphrase: PASSPHRASE.into(),
        enabled: true,
        ..ClientCertificate::default()
    }]);
    store.update_request(&req).expect("saved");
    drop(store);

    for file in std::fs::read_dir(dir.path()).expect("dir") {
        let path = file.expect("entry").path();
        let bytes = std::fs::read(&path).expect("read");
        for secret in [PROXY_PASSWORD, PASSPHRASE] {
            assert!(
                !contains(&bytes, secret),
                "{} holds {secret}",
                path.display()
            );
        }
    }
    let store = open(dir.path(), &keychain);
    let coll = store
        .collection(localpost_core::model::CollectionId(collection))
        .expect("opens");
    let proxy = coll.settings.proxy.expect("proxy");
    assert_eq!(
        (proxy.username.as_str(), proxy.password.as_str()),
        ("proxy-user", PROXY_PASSWORD)
    );
    let req = store.request(request).expect("opens");
    let certs = req
        .settings
        .client_certificates
        .clone()
        .expect("certificates");
    assert_eq!(certs[0].passphrase, PASSPHRASE);

    // Without the key, no plain write; a wipe empties both and keeps the rest.
    let keyless = Store::open_dir(dir.path()).expect("opens");
    let err = keyless.update_request(&req).expect_err("no sealer");
    assert!(matches!(err, StoreError::NoSealer { .. }), "{err:?}");
    assert_eq!(
        store.wipe_sealed().expect("wiped"),
        5,
        "3 auth values and the 2 settings"
    );
    let req = store.request(request).expect("readable");
    let certs = req.settings.client_certificates.expect("certificates");
    assert_eq!(
        (certs[0].passphrase.as_str(), certs[0].pfx.as_str()),
        ("", "/certs/client.p12")
    );
    keychain.delete(KEY_ACCOUNT).expect("cleanup");
}
