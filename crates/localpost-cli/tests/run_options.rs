//! `localpost run`'s newman options beyond the basics (issue 11), black-box: the real binary
//! runs small collections written by each test against loopback servers (plain, TLS with
//! certificates made in the test, a recording proxy).

use crate::proxies;
use crate::server;
use crate::tls_server;

use std::path::Path;
use std::time::Duration;

use serde_json::{Value, json};
use server::{Recorded, Reply, Server};
use tls_server::{Ca, ClientAuth, TlsServer};

/// A request item named `name` getting `url`, with test script `test` (if not empty).
fn item(name: &str, url: &str, test: &str) -> Value {
    let mut item = json!({"name": name, "request": {"method": "GET", "url": url}});
    if !test.is_empty() {
        item["event"] = json!([{"listen": "test", "script": {"exec": [test]}}]);
    }
    item
}

/// Writes collection `C` holding `items` (and collection variable `v=1`) into `dir`.
fn collection(dir: &Path, items: Vec<Value>) -> String {
    let path = dir.join("c.postman_collection.json");
    let coll = json!({
        "info": {"name": "C", "schema": "https://schema.getpostman.com/json/collection/v2.1.0/collection.json"},
        "variable": [{"key": "v", "value": "1"}],
        "item": items,
    });
    std::fs::write(&path, coll.to_string()).expect("collection written");
    path.to_str().expect("UTF-8 path").to_owned()
}

/// Runs `localpost` in `work` with a data directory that must never be made; returns exit
/// code, stdout and stderr.
fn localpost(work: &Path, args: &[&str], env: &[(&str, &str)]) -> (i32, String, String) {
    let mut cmd = assert_cmd::Command::cargo_bin("localpost").expect("the localpost binary");
    for name in [
        "ALL_PROXY",
        "all_proxy",
        "NO_PROXY",
        "no_proxy",
        "HTTP_PROXY",
        "http_proxy",
    ] {
        cmd.env_remove(name);
    }
    let out = cmd
        .current_dir(work)
        .env("LOCALPOST_DATA_DIR", work.join("user-data"))
        .env(
            "LOCALPOST_KEYCHAIN_SERVICE",
            "localpost-test-run-options-unused",
        )
        .envs(env.iter().copied())
        .args(["run", "--color", "off"])
        .args(args)
        .output()
        .expect("localpost runs");
    assert!(
        !work.join("user-data").exists(),
        "a file run made a data directory"
    );
    (
        out.status.code().unwrap_or(-1),
        String::from_utf8_lossy(&out.stdout).into_owned(),
        String::from_utf8_lossy(&out.stderr).into_owned(),
    )
}

fn targets(server: &Server) -> Vec<String> {
    server.hits().into_iter().map(|h| h.target).collect()
}

/// `/slow` answers after 2 s, `/redirect` sends to `/end`, `/set-cookie` sets `session=abc`;
/// everything else answers its `Cookie` header.
fn handler(req: &Recorded) -> Reply {
    match req.target.as_str() {
        "/slow" => Reply::text("late").delay(Duration::from_secs(2)),
        "/redirect" => Reply::status(302).header("location", "/end"),
        "/set-cookie" => Reply::text("set").header("set-cookie", "session=abc; Path=/"),
        _ => Reply::text(req.header("cookie").unwrap_or_default().to_owned()),
    }
}

const FAILS: &str = "pm.test('fails', () => pm.expect(1).to.equal(2));";
const THROWS: &str = "throw new Error('boom');";

#[test]
fn timeout_request_fails_the_slow_request_and_the_run_goes_on() {
    let work = tempfile::tempdir().expect("temp dir");
    let server = Server::start(handler);
    let coll = collection(
        work.path(),
        vec![
            item("slow", &server.url("/slow"), ""),
            item("fast", &server.url("/fast"), ""),
        ],
    );
    let (code, out, err) = localpost(work.path(), &[&coll, "--timeout-request", "300"], &[]);
    assert_eq!((code, err.as_str()), (1, ""), "{out}");
    assert_eq!(targets(&server), ["/slow", "/fast"]);
    assert!(out.contains("timed out"), "{out}");
    assert!(squeezed(&out).contains("│ requests │ 2 │ 1 │"), "{out}");
}

#[test]
fn timeout_ends_the_whole_run_with_newmans_error() {
    let work = tempfile::tempdir().expect("temp dir");
    let server = Server::start(handler);
    let coll = collection(
        work.path(),
        vec![
            item("slow", &server.url("/slow"), ""),
            item("never", &server.url("/never"), ""),
        ],
    );
    let started = std::time::Instant::now();
    let (code, out, err) = localpost(work.path(), &[&coll, "--timeout", "300"], &[]);
    assert_eq!(
        (code, err.as_str()),
        (1, "error: callback timed out\n"),
        "{out}"
    );
    assert!(
        started.elapsed() < Duration::from_secs(2),
        "did not wait for the response"
    );
    assert_eq!(targets(&server), ["/slow"]);
    let (code, _, err) = localpost(work.path(), &[&coll, "--timeout", "300", "-x"], &[]);
    assert_eq!((code, err.as_str()), (0, "error: callback timed out\n"));
}

#[test]
fn bail_folder_ends_the_run_at_a_script_error_not_at_a_failed_test() {
    let work = tempfile::tempdir().expect("temp dir");
    let server = Server::start(handler);
    let coll = collection(
        work.path(),
        vec![
            item("fails", &server.url("/a"), FAILS),
            item("throws", &server.url("/b"), THROWS),
            item("last", &server.url("/c"), ""),
        ],
    );
    let files = ["-r", "cli,json", "--reporter-json-export", "r.json"];
    let files = [&files[..], &["--export-environment", "e.json"]].concat();
    let args = [&[coll.as_str(), "--bail", "folder"][..], &files].concat();
    let (code, out, err) = localpost(work.path(), &args, &[]);
    assert_eq!((code, err.as_str()), (1, "error: boom\n"), "{out}");
    assert_eq!(targets(&server), ["/a", "/b"]);
    assert!(squeezed(&out).contains("│ test-scripts │ 2 │ 1 │"), "{out}");
    // As newman: no json report and no exports for a run that ended with an error.
    assert!(!work.path().join("r.json").exists() && !work.path().join("e.json").exists());

    // --bail failure is the bare --bail: stop after the first request with a failure.
    for bail in [&["--bail"][..], &["--bail", "failure"]] {
        let server = Server::start(handler);
        let coll = collection(
            work.path(),
            vec![
                item("fails", &server.url("/a"), FAILS),
                item("last", &server.url("/c"), ""),
            ],
        );
        let mut args = vec![coll.as_str()];
        args.extend_from_slice(bail);
        let (code, out, err) = localpost(work.path(), &args, &[]);
        assert_eq!((code, err.as_str()), (1, ""), "{out}");
        assert_eq!(targets(&server), ["/a"], "{bail:?}");
    }
    let (code, _, err) = localpost(work.path(), &[&coll, "--bail", "sometimes"], &[]);
    assert_eq!(code, 2, "{err}");
}

#[test]
fn bail_folder_ends_the_run_at_a_request_error() {
    let work = tempfile::tempdir().expect("temp dir");
    let server = Server::start(handler);
    let coll = collection(
        work.path(),
        vec![
            item("down", "http://127.0.0.1:1/x", ""),
            item("last", &server.url("/c"), ""),
        ],
    );
    let (code, out, err) = localpost(work.path(), &[&coll, "--bail", "folder"], &[]);
    assert_eq!(code, 1, "{out}");
    assert!(
        err.starts_with("error: ") && err.contains("127.0.0.1:1"),
        "{err}"
    );
    assert_eq!(err.lines().count(), 1, "{err}");
    // Without it, the run goes on to the next request.
    let (code, _, err) = localpost(work.path(), &[&coll], &[]);
    assert_eq!((code, err.as_str()), (1, ""));
    assert_eq!(targets(&server), ["/c"]);
}

#[test]
fn ignore_redirects_follows_none() {
    let work = tempfile::tempdir().expect("temp dir");
    let server = Server::start(handler);
    let coll = collection(
        work.path(),
        vec![item(
            "r",
            &server.url("/redirect"),
            "pm.test('status', () => pm.response.to.have.status(302));",
        )],
    );
    let (code, out, _) = localpost(work.path(), &[&coll, "--ignore-redirects"], &[]);
    assert_eq!(code, 0, "{out}");
    assert_eq!(targets(&server), ["/redirect"]);
    let (code, _, _) = localpost(work.path(), &[&coll], &[]);
    assert_eq!(code, 1, "followed by default, so the status is 200");
    assert_eq!(targets(&server), ["/redirect", "/redirect", "/end"]);
}

#[test]
fn insecure_and_extra_ca_certs_against_a_tls_server() {
    let work = tempfile::tempdir().expect("temp dir");
    let ca = Ca::new();
    let tls = TlsServer::start(&ca, ClientAuth::None);
    let coll = collection(work.path(), vec![item("tls", &tls.url(), "")]);
    let (code, out, _) = localpost(work.path(), &[&coll], &[]);
    assert_eq!(code, 1, "an unknown CA fails: {out}");
    let (code, out, _) = localpost(work.path(), &[&coll, "-k"], &[]);
    assert_eq!(code, 0, "{out}");
    let ca_file = work.path().join("ca.pem");
    std::fs::write(&ca_file, ca.pem()).expect("CA written");
    let ca_file = ca_file.to_str().expect("UTF-8");
    let (code, out, _) = localpost(work.path(), &[&coll, "--ssl-extra-ca-certs", ca_file], &[]);
    assert_eq!(code, 0, "{out}");
    assert_eq!(tls.served.lock().expect("lock").len(), 2);
}

#[test]
fn client_certificates_from_flags_and_from_newmans_list() {
    let work = tempfile::tempdir().expect("temp dir");
    let ca = Ca::new();
    let tls = TlsServer::start(&ca, ClientAuth::Required);
    let coll = collection(work.path(), vec![item("mtls", &tls.url(), "")]);
    let ca_file = work.path().join("ca.pem");
    std::fs::write(&ca_file, ca.pem()).expect("CA written");
    let ca_file = ca_file.to_str().expect("UTF-8");
    let client = ca.issue("localpost test client", &["client"], true);
    let (cert, key) = client.write_pem(work.path(), "client");
    let (cert, key) = (cert.to_str().expect("UTF-8"), key.to_str().expect("UTF-8"));
    let base = [coll.as_str(), "--ssl-extra-ca-certs", ca_file];

    let (code, out, _) = localpost(work.path(), &base, &[]);
    assert_eq!(code, 1, "no certificate, no handshake: {out}");
    let mut args = base.to_vec();
    args.extend(["--ssl-client-cert", cert, "--ssl-client-key", key]);
    let (code, out, _) = localpost(work.path(), &args, &[]);
    assert_eq!(code, 0, "{out}");

    // newman's list: a PKCS#12 entry matching this host, a relative path from --working-dir.
    tls_write_pkcs12(&client, work.path());
    let list = work.path().join("certs.json");
    let entries = json!([
        {"name": "other", "matches": ["https://other.test/*"], "cert": {"src": cert}, "key": {"src": key}},
        {"name": "here", "matches": [format!("https://127.0.0.1:{}/*", tls.port())],
         "pfx": {"src": "client.p12"}, "passphrase": "pw"}
    ]);
    std::fs::write(&list, entries.to_string()).expect("list written");
    let mut args = base.to_vec();
    let wd = work.path().to_str().expect("UTF-8");
    args.extend(["--ssl-client-cert-list", "certs.json", "--working-dir", wd]);
    let (code, out, _) = localpost(work.path(), &args, &[]);
    assert_eq!(code, 0, "{out}");
    let served = tls.served.lock().expect("lock").clone();
    assert_eq!(served.len(), 2);
    assert!(served.iter().all(|c| c.as_ref() == Some(&client.der)));
}

/// `--ssl-client-passphrase` opens a client key that OpenSSL encrypted, in both of its forms
/// (PKCS#8 PBES2, and the legacy `Proc-Type: 4,ENCRYPTED` PEM), as newman does: newman is
/// run on the same files against the same server first, so the keys are known to be good.
#[test]
fn encrypted_client_keys_open_with_the_passphrase_as_in_newman() {
    let newman = echo_repo().join("bench/node_modules/newman/bin/newman.js");
    assert!(newman.is_file(), "{} is missing", newman.display());
    let work = tempfile::tempdir().expect("temp dir");
    let ca = Ca::new();
    let tls = TlsServer::start(&ca, ClientAuth::Required);
    let coll = collection(work.path(), vec![item("mtls", &tls.url(), "")]);
    let ca_file = work.path().join("ca.pem");
    std::fs::write(&ca_file, ca.pem()).expect("CA written");
    let client = ca.issue("localpost test client", &["client"], true);
    let (cert, key) = client.write_pem(work.path(), "client");
    let openssl = |args: &[&str]| {
        let out = std::process::Command::new("openssl")
            .args(args)
            .output()
            .expect("openssl runs (scripts/install-deps.sh installs it)");
        assert!(
            out.status.success(),
            "openssl {args:?}: {}",
            String::from_utf8_lossy(&out.stderr)
        );
    };
    let path = |name: &str| work.path().join(name).to_str().expect("UTF-8").to_owned();
    let key = key.to_str().expect("UTF-8");
    openssl(&[
        "pkcs8",
        "-topk8",
        "-v2",
        "aes-256-cbc",
        "-in",
        key,
        "-passout",
        "pass:s3cret",
        "-out",
        &path("pkcs8.key"),
    ]);
    openssl(&[
        "ec",
        "-aes256",
        "-in",
        key,
        "-passout",
        "pass:s3cret",
        "-out",
        &path("legacy.key"),
    ]);
    openssl(&[
        "ec",
        "-des3",
        "-in",
        key,
        "-passout",
        "pass:s3cret",
        "-out",
        &path("des3.key"),
    ]);
    let legacy = std::fs::read_to_string(path("legacy.key")).expect("legacy key");
    assert!(legacy.contains("Proc-Type: 4,ENCRYPTED"), "{legacy}");
    let cert = cert.to_str().expect("UTF-8");
    let ca_file = ca_file.to_str().expect("UTF-8");
    for file in ["pkcs8.key", "legacy.key", "des3.key"] {
        let key = path(file);
        let args = [
            coll.as_str(),
            "--ssl-extra-ca-certs",
            ca_file,
            "--ssl-client-cert",
            cert,
            "--ssl-client-key",
            &key,
            "--ssl-client-passphrase",
            "s3cret",
        ];
        let out = std::process::Command::new("node")
            .arg(&newman)
            .arg("run")
            .args(args)
            .output()
            .expect("node runs");
        assert_eq!(
            out.status.code(),
            Some(0),
            "newman, {file}: {}",
            String::from_utf8_lossy(&out.stdout)
        );
        let (code, out, _) = localpost(work.path(), &args, &[]);
        assert_eq!(code, 0, "{file}: {out}");
        let mut wrong = args.to_vec();
        wrong[8] = "nope";
        let (code, out, _err) = localpost(work.path(), &wrong, &[]);
        assert_eq!(code, 1, "{file}, wrong passphrase: {out} {_err}");
        assert!(
            out.contains("wrong passphrase for the private key"),
            "{file}: {out}"
        );
        let (code, out, _) = localpost(work.path(), &args[..7], &[]);
        assert_eq!(code, 1, "{file}, no passphrase: {out}");
        assert!(
            out.contains("the private key is encrypted: give its passphrase"),
            "{file}: {out}"
        );
    }
    let served = tls.served.lock().expect("lock").clone();
    assert_eq!(served.len(), 6, "newman and localpost, three keys each");
    assert!(served.iter().all(|c| c.as_ref() == Some(&client.der)));
}

/// The repository root.
fn echo_repo() -> std::path::PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../..")
        .canonicalize()
        .expect("repository root")
}

fn tls_write_pkcs12(client: &tls_server::Issued, dir: &Path) {
    client.write_pkcs12(dir, "client", "pw");
}

#[test]
fn the_environments_proxy_is_used() {
    let work = tempfile::tempdir().expect("temp dir");
    let server = Server::start(handler);
    let proxy = proxies::HttpProxy::start("u", "p");
    let coll = collection(work.path(), vec![item("via", &server.url("/via"), "")]);
    let url = format!("http://u:p@{}", proxy.addr);
    let (code, out, _) = localpost(
        work.path(),
        &[&coll],
        &[("HTTP_PROXY", &url), ("http_proxy", &url)],
    );
    assert_eq!(code, 0, "{out}");
    let seen = proxy.seen();
    assert_eq!(seen.len(), 1);
    assert_eq!(
        seen[0].request,
        format!("GET {} HTTP/1.1", server.url("/via"))
    );
}

#[test]
fn cookie_jar_in_and_out_in_newmans_format() {
    let work = tempfile::tempdir().expect("temp dir");
    let server = Server::start(handler);
    let coll = collection(
        work.path(),
        vec![
            item("set", &server.url("/set-cookie"), ""),
            item(
                "echo",
                &server.url("/echo"),
                "pm.test('cookies', () => pm.expect(pm.response.text()).to.include('sid=from-file'));",
            ),
        ],
    );
    let jar = json!({
        "version": "tough-cookie@4.1.3-postman.1",
        "storeType": "MemoryCookieStore",
        "cookies": [{"key": "sid", "value": "from-file", "domain": "127.0.0.1", "path": "/",
                     "hostOnly": true, "creation": "2026-12-06T05:15:33.521Z"}]
    });
    std::fs::write(work.path().join("jar.json"), jar.to_string()).expect("jar written");
    let (code, out, err) = localpost(
        work.path(),
        &[
            &coll,
            "--cookie-jar",
            "jar.json",
            "--export-cookie-jar",
            "out/jar.json",
        ],
        &[],
    );
    assert_eq!((code, err.as_str()), (0, ""), "{out}");
    let hits = server.hits();
    let mut sent: Vec<&str> = hits[1]
        .header("cookie")
        .unwrap_or_default()
        .split("; ")
        .collect();
    sent.sort_unstable();
    assert_eq!(sent, ["session=abc", "sid=from-file"]);
    let out: Value = serde_json::from_str(
        &std::fs::read_to_string(work.path().join("out/jar.json")).expect("exported"),
    )
    .expect("JSON");
    assert_eq!(out["version"], "tough-cookie@4.1.3-postman.1");
    let mut names: Vec<&str> = out["cookies"]
        .as_array()
        .expect("cookies")
        .iter()
        .filter_map(|c| c["key"].as_str())
        .collect();
    names.sort_unstable();
    assert_eq!(names, ["session", "sid"]);
    assert_eq!(out["cookies"][0]["domain"], "127.0.0.1");
}

#[test]
fn export_collection_is_the_collection_as_the_run_found_it() {
    let work = tempfile::tempdir().expect("temp dir");
    let server = Server::start(handler);
    let coll = collection(
        work.path(),
        vec![item(
            "a",
            &server.url("/a"),
            "pm.collectionVariables.set('v', '2');",
        )],
    );
    let (code, out, _) = localpost(work.path(), &[&coll, "--export-collection", "c.json"], &[]);
    assert_eq!(code, 0, "{out}");
    let exported: Value = serde_json::from_str(
        &std::fs::read_to_string(work.path().join("c.json")).expect("exported"),
    )
    .expect("JSON");
    assert_eq!(exported["info"]["name"], "C");
    // As newman: the scripts' change (v = 2) is the run's, not the exported file's.
    assert_eq!(exported["variable"][0]["key"], "v");
    assert_eq!(exported["variable"][0]["value"], "1");
    assert_eq!(exported["item"][0]["name"], "a");
}

/// A POST of the binary body file `path`.
fn upload(name: &str, url: &str, path: &str) -> Value {
    json!({"name": name, "request": {"method": "POST", "url": url,
        "body": {"mode": "file", "file": {"src": path}}}})
}

#[test]
fn body_files_resolve_against_the_working_dir_and_may_be_kept_inside() {
    let work = tempfile::tempdir().expect("temp dir");
    let server = Server::start(handler);
    let wd = work.path().join("files");
    std::fs::create_dir(&wd).expect("dir");
    std::fs::write(wd.join("inside.txt"), "inside").expect("written");
    std::fs::write(work.path().join("outside.txt"), "outside").expect("written");
    let coll = collection(
        work.path(),
        vec![
            upload("in", &server.url("/in"), "inside.txt"),
            upload("out", &server.url("/out"), "../outside.txt"),
        ],
    );
    let wd = wd.to_str().expect("UTF-8");
    let (code, out, _) = localpost(work.path(), &[&coll, "--working-dir", wd], &[]);
    assert_eq!(code, 0, "{out}");
    let bodies: Vec<String> = server.hits().iter().map(Recorded::text).collect();
    assert_eq!(bodies, ["inside", "outside"]);

    let (code, out, _) = localpost(
        work.path(),
        &[&coll, "--working-dir", wd, "--no-insecure-file-read"],
        &[],
    );
    assert_eq!(code, 1, "{out}");
    assert!(
        out.contains("PPERM: insecure file access outside working directory"),
        "{out}"
    );
    assert_eq!(targets(&server), ["/in", "/out", "/in"]);
}

#[test]
fn verbose_shows_sizes_the_body_and_each_phase() {
    let work = tempfile::tempdir().expect("temp dir");
    let server = Server::start(|_| Reply::text("hello body").header("content-type", "text/plain"));
    let coll = collection(work.path(), vec![item("a", &server.url("/a"), "")]);
    let (code, out, _) = localpost(work.path(), &[&coll, "--verbose"], &[]);
    assert_eq!(code, 0, "{out}");
    for line in [
        format!("\n  GET {}\n  200 OK ★ ", server.url("/a")),
        " headers ★ 0 cookies\n  ┌ ↓ text/plain ★ 10B\n  │ hello body\n  └\n  dns-lookup   tcp-handshake".into(),
    ] {
        assert!(out.contains(&line), "missing {line:?} in:\n{out}");
    }
    let (_, out, _) = localpost(work.path(), &[&coll], &[]);
    assert!(
        !out.contains("hello body") && !out.contains("dns-lookup"),
        "{out}"
    );
}

/// `text` with each run of spaces made one: the summary table's columns widen with its
/// longest line (the response times), as newman's do.
fn squeezed(text: &str) -> String {
    text.split(' ')
        .filter(|s| !s.is_empty())
        .collect::<Vec<_>>()
        .join(" ")
}
