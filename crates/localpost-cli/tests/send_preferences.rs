//! `localpost send` and `localpost run` of a stored collection read the app's stored
//! preferences, black-box: the preferences' proxy and timeout apply where the request, its
//! folders and collection set none, and the command's flags go over them.

use crate::proxies;
use crate::server;

use std::path::{Path, PathBuf};
use std::time::Duration;

use assert_cmd::Command;
use localpost_core::model::{NewRequest, Parent, Preferences, ProxyMode, ProxySettings};
use localpost_core::store::Store;
use proxies::HttpProxy;
use server::{Reply, Server};

/// A data directory with collection "API" holding request "Get" of `url`, and `prefs` saved.
fn setup(home: &Path, url: &str, prefs: &Preferences) -> PathBuf {
    let data = home.join("data-dir");
    let store = Store::open_dir(&data).expect("store opens");
    let ws = store.create_workspace("Personal").expect("workspace");
    let coll = store.create_collection(ws.id, "API").expect("collection");
    store
        .create_request(NewRequest::new(Parent::Collection(coll.id), "Get").url(url))
        .expect("request");
    store.set_preferences(prefs).expect("preferences saved");
    data
}

/// `localpost --data-dir DATA ARGS…` with no proxy in the environment.
fn localpost(home: &Path, data: &Path, args: &[&str]) -> Command {
    let mut cmd = Command::cargo_bin("localpost").expect("the localpost binary is built");
    for name in [
        "LOCALPOST_DATA_DIR",
        "ALL_PROXY",
        "all_proxy",
        "NO_PROXY",
        "no_proxy",
        "HTTPS_PROXY",
        "https_proxy",
        "HTTP_PROXY",
        "http_proxy",
    ] {
        cmd.env_remove(name);
    }
    cmd.env("HOME", home)
        .env("XDG_DATA_HOME", home.join("data"))
        .env("TMPDIR", home.join("tmp"))
        .arg("--data-dir")
        .arg(data)
        .args(args);
    cmd
}

#[test]
fn the_preferences_proxy_is_used_and_the_proxy_flag_goes_over_it() {
    let target = Server::start(|_| Reply::text("hello"));
    let preferred = HttpProxy::start("pref-user", "");
    let flagged = HttpProxy::start("flag-user", "flag-pw");
    let mut prefs = Preferences::default();
    prefs.settings.proxy = Some(ProxySettings {
        mode: ProxyMode::Custom,
        url: format!("http://{}", preferred.addr),
        username: "pref-user".into(),
        ..ProxySettings::default()
    });
    let home = tempfile::tempdir().expect("temp dir");
    let data = setup(home.path(), &target.url("/via"), &prefs);

    localpost(home.path(), &data, &["send", "API/Get"])
        .assert()
        .success();
    let seen = preferred.seen();
    assert_eq!(seen.len(), 1, "{seen:?}");
    assert_eq!(
        seen[0].request,
        format!("GET {} HTTP/1.1", target.url("/via"))
    );

    let flag = format!("http://flag-user:flag-pw@{}", flagged.addr);
    localpost(home.path(), &data, &["send", "API/Get", "--proxy", &flag])
        .assert()
        .success();
    assert_eq!(
        preferred.seen().len(),
        1,
        "not through the preferences' proxy"
    );
    assert_eq!(flagged.seen().len(), 1);
}

#[test]
fn the_preferences_timeout_applies_to_send_and_to_a_stored_run() {
    let slow = Server::start(|_| Reply::text("late").delay(Duration::from_secs(3)));
    let mut prefs = Preferences::default();
    prefs.settings.timeout_ms = Some(300);
    let home = tempfile::tempdir().expect("temp dir");
    let data = setup(home.path(), &slow.url("/slow"), &prefs);

    let started = std::time::Instant::now();
    localpost(home.path(), &data, &["send", "API/Get"])
        .assert()
        .code(4);
    assert!(
        started.elapsed() < Duration::from_secs(2),
        "{:?}",
        started.elapsed()
    );

    let out = localpost(home.path(), &data, &["run", "API"])
        .assert()
        .code(1)
        .get_output()
        .stdout
        .clone();
    let text = String::from_utf8_lossy(&out);
    assert!(
        text.contains("timed out") || text.contains("timeout"),
        "{text}"
    );
    assert_eq!(slow.hits().len(), 2);
}
