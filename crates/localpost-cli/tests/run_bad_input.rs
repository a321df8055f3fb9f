//! `localpost run` with bad input (issue 11), black-box: a file that is missing or malformed
//! (collection, environment, globals, data, cookie jar, certificate list) or an unknown folder
//! is one line on stderr naming the file and the place, exit 1, and nothing else written; an
//! unreachable host or a script that throws or never ends is a failure recorded in the run.

use crate::server;

use std::path::Path;

use serde_json::json;
use server::{Reply, Server};

/// Runs `localpost run ARGS` in `work` (with a data directory that must never be made);
/// returns exit code, stdout and stderr.
fn run(work: &Path, args: &[&str]) -> (i32, String, String) {
    let out = assert_cmd::Command::cargo_bin("localpost")
        .expect("the localpost binary")
        .current_dir(work)
        .env("LOCALPOST_DATA_DIR", work.join("user-data"))
        .env(
            "LOCALPOST_KEYCHAIN_SERVICE",
            "localpost-test-run-bad-input-unused",
        )
        .args(["run", "--color", "off", "--disable-unicode"])
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

/// A collection `C` with a folder `F` holding request `a` to `url`, written to `dir`.
fn collection(dir: &Path, url: &str) {
    let coll = json!({
        "info": {"name": "C", "schema": "https://schema.getpostman.com/json/collection/v2.1.0/collection.json"},
        "item": [{"name": "F", "item": [{"name": "a", "request": {"method": "GET", "url": url}}]}],
    });
    std::fs::write(dir.join("c.json"), coll.to_string()).expect("collection written");
}

#[test]
fn each_bad_file_is_one_line_naming_it_and_the_place_with_nothing_written() {
    let work = tempfile::tempdir().expect("temp dir");
    let server = Server::start(|_| Reply::text("ok")).allow_no_hits();
    let dir = work.path();
    collection(dir, &server.url("/a"));
    for (name, text) in [
        ("broken.json", "{\"info\": "),
        ("env.json", "{\"values\": [\n"),
        ("globals.json", "[1, 2"),
        ("rows.json", "[{\"a\": 1}, 2]"),
        ("rows.csv", "a\n\"open\n"),
        ("jar.json", "{\"cookies\": [{\"key\": \"k\"}]}"),
        ("bad-jar.json", "{\"cookies\": \n"),
        (
            "certs.json",
            "[{\"name\": \"x\", \"cert\": {\"src\": \"c.pem\"}}]",
        ),
    ] {
        std::fs::write(dir.join(name), text).expect("written");
    }
    let exports = ["--export-environment", "out-env.json", "-r", "cli,json"];
    let exports = [&exports[..], &["--reporter-json-export", "out-report.json"]].concat();
    let cases: [(&[&str], &str); 11] = [
        (&["missing.json"], "error: cannot read missing.json: "),
        (&["broken.json"], "error: broken.json: "),
        (
            &["c.json", "-e", "env.json"],
            "error: env.json: invalid JSON at line 2",
        ),
        (
            &["c.json", "-g", "globals.json"],
            "error: globals.json: invalid JSON at line 1",
        ),
        (
            &["c.json", "-d", "missing.csv"],
            "error: missing.csv: cannot read: ",
        ),
        (
            &["c.json", "-d", "rows.json"],
            "error: rows.json: [1]: not an object",
        ),
        (
            &["c.json", "-d", "rows.csv"],
            "error: rows.csv: line 2: a quoted field is not closed",
        ),
        (
            &["c.json", "--cookie-jar", "jar.json"],
            "error: jar.json: cookies[0].domain: missing",
        ),
        (
            &["c.json", "--cookie-jar", "bad-jar.json"],
            "error: bad-jar.json: invalid JSON at line 2",
        ),
        (
            &["c.json", "--ssl-client-cert-list", "certs.json"],
            "error: certs.json: [0].matches: not an array of URL patterns",
        ),
        (
            &["c.json", "--folder", "Nope"],
            "error: unable to find a folder or request: Nope",
        ),
    ];
    for (args, start) in cases {
        let args = [args, &exports[..]].concat();
        let (code, out, err) = run(dir, &args);
        assert_eq!((code, out.as_str()), (1, ""), "{args:?}: {err}");
        assert!(err.starts_with(start), "{args:?}: {err}");
        assert_eq!(err.lines().count(), 1, "{args:?}: {err}");
        for file in ["out-env.json", "out-report.json"] {
            assert!(!dir.join(file).exists(), "{args:?} wrote {file}");
        }
    }
    assert!(server.hits().is_empty());
}

#[test]
fn unreachable_hosts_and_failing_scripts_are_failures_recorded_in_the_run() {
    let work = tempfile::tempdir().expect("temp dir");
    let server = Server::start(|_| Reply::text("ok"));
    let script = |listen: &str, code: &str| json!([{"listen": listen, "script": {"exec": [code]}}]);
    let coll = json!({
        "info": {"name": "C", "schema": "https://schema.getpostman.com/json/collection/v2.1.0/collection.json"},
        "item": [
            {"name": "loops", "request": {"method": "GET", "url": server.url("/loops")},
             "event": script("prerequest", "while (true) {}")},
            {"name": "throws", "request": {"method": "GET", "url": server.url("/throws")},
             "event": script("test", "throw new TypeError('bad thing');")},
            {"name": "refused", "request": {"method": "GET", "url": "http://127.0.0.1:1/x"}},
            {"name": "unknown host", "request": {"method": "GET", "url": "http://no-such-host.invalid/"}},
            {"name": "last", "request": {"method": "GET", "url": server.url("/last")}},
        ],
    });
    std::fs::write(work.path().join("c.json"), coll.to_string()).expect("written");
    let (code, out, err) = run(
        work.path(),
        &[
            "c.json",
            "--timeout-script",
            "300",
            "-r",
            "cli,json",
            "--reporter-json-export",
            "r.json",
        ],
    );
    assert_eq!((code, err.as_str()), (1, ""), "{out}");
    let targets: Vec<String> = server.hits().into_iter().map(|h| h.target).collect();
    assert_eq!(targets, ["/loops", "/throws", "/last"]);
    for line in [
        " 1.  Error      the script ran longer than its time limit (300 ms)",
        "                at prerequest-script",
        " 2.  TypeError  bad thing",
        " 3.  Error      connection refused by http://127.0.0.1:1",
        " 4.  Error      cannot resolve host no-such-host.invalid",
    ] {
        assert!(out.contains(line), "missing {line:?} in:\n{out}");
    }
    let report: serde_json::Value = serde_json::from_str(
        &std::fs::read_to_string(work.path().join("r.json")).expect("report written"),
    )
    .expect("JSON");
    assert_eq!(report["run"]["failures"].as_array().map(Vec::len), Some(4));
}
