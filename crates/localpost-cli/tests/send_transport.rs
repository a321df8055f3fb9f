//! `localpost send`'s transport flags, black-box against loopback servers: `--proxy` (user
//! and password in its URL) and `--noproxy`; `-k`, `--cacert` and `--cert`/`--key` against a
//! TLS server whose CA the platform does not trust, and one that wants a client certificate.
//! Each applies only where the request, its folders and collection set nothing.

use crate::proxies;
use crate::server;
use crate::tls_server;

use std::path::{Path, PathBuf};

use assert_cmd::Command;
use localpost_core::model::{NewRequest, Parent, Request};
use localpost_core::store::Store;
use proxies::HttpProxy;
use server::{Reply, Server};
use tls_server::{Ca, ClientAuth, TlsServer};

/// A data directory with collection "API" holding request "Get" to `url` (edited by `edit`).
fn setup(home: &Path, url: &str, edit: impl FnOnce(&mut Request)) -> PathBuf {
    let data = home.join("data-dir");
    let store = Store::open_dir(&data).expect("store opens");
    let ws = store.create_workspace("Personal").expect("workspace");
    let coll = store.create_collection(ws.id, "API").expect("collection");
    let mut req = store
        .create_request(NewRequest::new(Parent::Collection(coll.id), "Get").url(url))
        .expect("request");
    edit(&mut req);
    store.update_request(&req).expect("saved");
    data
}

/// `localpost send API/Get` with `flags`, no proxy from the environment; its exit code.
fn send(home: &Path, data: &Path, flags: &[&str]) -> i32 {
    let mut cmd = Command::cargo_bin("localpost").expect("the localpost binary is built");
    for name in [
        "HTTP_PROXY",
        "http_proxy",
        "HTTPS_PROXY",
        "https_proxy",
        "ALL_PROXY",
        "all_proxy",
        "NO_PROXY",
        "no_proxy",
    ] {
        cmd.env_remove(name);
    }
    cmd.env("HOME", home)
        .env("XDG_DATA_HOME", home.join("xdg"))
        .arg("--data-dir")
        .arg(data)
        .args(["send", "API/Get"])
        .args(flags)
        .output()
        .expect("ran")
        .status
        .code()
        .unwrap_or(-1)
}

#[test]
fn proxy_and_noproxy() {
    let target = Server::start(|_| Reply::text("hello"));
    let proxy = HttpProxy::start("ada", "pr0xy");
    let home = tempfile::tempdir().expect("temp dir");
    let data = setup(home.path(), &target.url("/via"), |_| {});
    let url = format!("http://ada:pr0xy@{}", proxy.addr);
    assert_eq!(send(home.path(), &data, &["--proxy", &url]), 0);
    let seen = proxy.seen();
    assert_eq!(seen.len(), 1, "{seen:?}");
    assert_eq!(
        seen[0].request,
        format!("GET {} HTTP/1.1", target.url("/via"))
    );
    assert!(
        seen[0].is_allowed,
        "the credentials of the URL were sent: {seen:?}"
    );

    assert_eq!(
        send(
            home.path(),
            &data,
            &["--proxy", &url, "--noproxy", "127.0.0.1"]
        ),
        0
    );
    assert_eq!(proxy.seen().len(), 1, "--noproxy went direct");
    assert_eq!(target.hits().len(), 2);
    // Where the request says "no proxy", --proxy does not apply.
    let home = tempfile::tempdir().expect("temp dir");
    let data = setup(home.path(), &target.url("/own"), |r| {
        r.settings.proxy = Some(localpost_core::model::ProxySettings {
            mode: localpost_core::model::ProxyMode::None,
            ..Default::default()
        });
    });
    assert_eq!(send(home.path(), &data, &["--proxy", &url]), 0);
    assert_eq!(proxy.seen().len(), 1, "the request's own setting won");
}

#[test]
fn insecure_cacert_and_client_certificates() {
    let home = tempfile::tempdir().expect("temp dir");
    let ca = Ca::new();
    let ca_file = home.path().join("ca.pem");
    std::fs::write(&ca_file, ca.pem()).expect("CA written");
    let ca_file = ca_file.to_str().expect("UTF-8");

    let tls = TlsServer::start(&ca, ClientAuth::None);
    let data = setup(home.path(), &tls.url(), |_| {});
    assert_ne!(send(home.path(), &data, &[]), 0, "an unknown CA fails");
    assert_eq!(send(home.path(), &data, &["-k"]), 0);
    assert_eq!(send(home.path(), &data, &["--cacert", ca_file]), 0);

    let mtls = TlsServer::start(&ca, ClientAuth::Required);
    let home = tempfile::tempdir().expect("temp dir");
    let data = setup(home.path(), &mtls.url(), |_| {});
    assert_ne!(
        send(home.path(), &data, &["--cacert", ca_file]),
        0,
        "no certificate, no handshake"
    );
    let client = ca.issue("localpost test client", &["client"], true);
    let (cert, key) = client.write_pem(home.path(), "client");
    let (cert, key) = (cert.to_str().expect("UTF-8"), key.to_str().expect("UTF-8"));
    assert_eq!(
        send(
            home.path(),
            &data,
            &["--cacert", ca_file, "--cert", cert, "--key", key]
        ),
        0
    );
    let served = mtls.served.lock().expect("lock");
    assert!(
        served.last().is_some_and(Option::is_some),
        "the certificate was presented"
    );
}
