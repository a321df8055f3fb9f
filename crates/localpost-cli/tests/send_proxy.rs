//! `localpost send` and the environment's proxy, black-box: with the default settings the
//! real binary goes through the proxy that `HTTP_PROXY` names (an in-test recording proxy), and
//! a request whose settings say "no proxy" goes direct although the variable is set.

use crate::proxies;
use crate::server;

use std::path::Path;

use assert_cmd::Command;
use localpost_core::model::{NewRequest, Parent, ProxyMode, ProxySettings, Request};
use localpost_core::store::Store;
use proxies::HttpProxy;
use server::{Reply, Server};

/// A data directory with collection "API" holding request "Get" (edited by `edit`).
fn setup(home: &Path, url: &str, edit: impl FnOnce(&mut Request)) -> std::path::PathBuf {
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

/// `localpost --data-dir DATA send API/Get` with `HTTP_PROXY` (and only it) set to `proxy`.
fn send_via_env(home: &Path, data: &Path, proxy: &str) -> Command {
    let mut cmd = Command::cargo_bin("localpost").expect("the localpost binary is built");
    for name in [
        "LOCALPOST_DATA_DIR",
        "ALL_PROXY",
        "all_proxy",
        "NO_PROXY",
        "no_proxy",
        "HTTPS_PROXY",
        "https_proxy",
    ] {
        cmd.env_remove(name);
    }
    cmd.env("HOME", home)
        .env("XDG_DATA_HOME", home.join("data"))
        .env("TMPDIR", home.join("tmp"))
        .env("HTTP_PROXY", proxy)
        .env("http_proxy", proxy)
        .arg("--data-dir")
        .arg(data)
        .args(["send", "API/Get"]);
    cmd
}

#[test]
fn the_environment_proxy_is_the_default_and_none_goes_direct() {
    let target = Server::start(|_| Reply::text("hello"));
    let proxy = HttpProxy::start("env-user", "env-pw");
    let env_proxy = format!("http://env-user:env-pw@{}", proxy.addr);

    let home = tempfile::tempdir().expect("temp dir");
    let data = setup(home.path(), &target.url("/via"), |_| {});
    send_via_env(home.path(), &data, &env_proxy)
        .assert()
        .success();
    let seen = proxy.seen();
    assert_eq!(seen.len(), 1, "{seen:?}");
    assert_eq!(
        seen[0].request,
        format!("GET {} HTTP/1.1", target.url("/via"))
    );
    assert!(seen[0].is_allowed, "{seen:?}");

    let home = tempfile::tempdir().expect("temp dir");
    let data = setup(home.path(), &target.url("/direct"), |r| {
        r.settings.proxy = Some(ProxySettings {
            mode: ProxyMode::None,
            ..ProxySettings::default()
        })
    });
    send_via_env(home.path(), &data, &env_proxy)
        .assert()
        .success();
    assert_eq!(
        proxy.seen().len(),
        1,
        "the second send did not use the proxy"
    );
    let targets: Vec<_> = target.hits().into_iter().map(|h| h.target).collect();
    assert_eq!(targets, ["/via", "/direct"]);
}
