//! `localpost run`'s newman options against newman 6.2 itself (issue 11): the same command
//! line with `--ignore-redirects`, `--timeout-request`, `--cookie-jar`, `--export-cookie-jar`,
//! `--export-collection` and `--working-dir` runs a small collection with newman
//! (`bench/node_modules`) and with Localpost, each against its own loopback server. They must
//! send the same requests (bodies included), agree on the stats and on each test's outcome,
//! and export the same cookies and collection items. `--bail folder` must end both runs at
//! the same request error, with no report.
//!
//! `--export-collection` writes the collection as the run found it (its scripts' variable
//! changes are the run's), in both.
//!
//! Not compared: the text of request errors (newman says `ESOCKETTIMEDOUT`, Localpost says
//! what timed out), cookies' `creation` and `lastAccessed` times.

use crate::server;

use crate::echo;

use std::path::Path;
use std::process::Command;
use std::time::Duration;

use echo::{echo, repo};
use serde_json::{Value, json};
use server::{Recorded, Reply, Server};

/// The echo server, with `/redirect` (302 to `/end`) and `/slow` (answers after 2 s). Every
/// answer closes its connection: a kept-alive socket can keep newman's process from exiting
/// after its request timed out.
fn handler(req: &Recorded) -> Reply {
    let reply = match req.target.as_str() {
        "/redirect" => Reply::status(302).header("location", "/end"),
        "/slow" => Reply::text("late").delay(Duration::from_secs(2)),
        _ => echo(req),
    };
    reply.header("connection", "close")
}

fn test(name: &str, code: &str) -> Value {
    json!([{"listen": "test", "script": {"exec": [format!("pm.test('{name}', () => {{ {code} }});")]}}])
}

/// The collection, its files and the arguments, written under `dir` for `server`.
fn setup(dir: &Path, server: &Server, extra: &[&str]) -> Vec<String> {
    std::fs::create_dir_all(dir.join("wd")).expect("dir");
    std::fs::write(dir.join("wd/inside.txt"), "inside").expect("written");
    let url = |path: &str| server.url(path);
    let coll = json!({
        "info": {"name": "Options", "schema": "https://schema.getpostman.com/json/collection/v2.1.0/collection.json"},
        "variable": [{"key": "seen", "value": "no"}],
        "item": [
            {"name": "redirect", "request": {"method": "GET", "url": url("/redirect")},
             "event": test("not followed", "pm.response.to.have.status(302);")},
            {"name": "jar", "request": {"method": "GET", "url": url("/jar")},
             "event": test("cookie from the file", "pm.expect(pm.response.json().headers.cookie).to.include('sid=from-file'); pm.collectionVariables.set('seen', 'yes');")},
            {"name": "set", "request": {"method": "GET", "url": url("/set-cookie")}},
            {"name": "upload", "request": {"method": "POST", "url": url("/upload"),
              "body": {"mode": "file", "file": {"src": "inside.txt"}}},
             "event": test("the file bytes", "pm.expect(pm.response.json().body).to.equal('inside');")},
            {"name": "slow", "request": {"method": "GET", "url": url("/slow")}},
            {"name": "throws", "request": {"method": "GET", "url": url("/throws")},
             "event": [{"listen": "test", "script": {"exec": ["throw new Error('boom');"]}}]},
            {"name": "last", "request": {"method": "GET", "url": url("/last")}},
        ],
    });
    std::fs::write(dir.join("c.json"), coll.to_string()).expect("written");
    let jar = json!({"version": "tough-cookie@4.1.3-postman.1", "storeType": "MemoryCookieStore",
        "rejectPublicSuffixes": false, "enableLooseMode": true, "allowSpecialUseDomain": true,
        "prefixSecurity": "silent",
        "cookies": [{"key": "sid", "value": "from-file", "domain": "127.0.0.1", "path": "/",
                     "hostOnly": true, "creation": "2026-12-06T05:15:33.521Z"}]});
    std::fs::write(dir.join("jar.json"), jar.to_string()).expect("written");
    let at = |name: &str| dir.join(name).to_str().expect("UTF-8").to_owned();
    let mut args: Vec<String> = [
        "run",
        &at("c.json"),
        "--ignore-redirects",
        "--timeout-request",
        "500",
        "--cookie-jar",
        &at("jar.json"),
        "--export-cookie-jar",
        &at("jar-out.json"),
        "--export-collection",
        &at("coll-out.json"),
        "--working-dir",
        &at("wd"),
        "-r",
        "json",
        "--reporter-json-export",
        &at("report.json"),
    ]
    .map(str::to_owned)
    .to_vec();
    args.extend(extra.iter().map(|s| s.to_string()));
    args
}

/// Exit code and stderr of newman, then of Localpost, each run in its own directory under
/// `work` against its own server.
fn both(work: &Path, extra: &[&str]) -> [(i32, String, Server); 2] {
    let newman = repo().join("bench/node_modules/newman/bin/newman.js");
    assert!(
        newman.is_file(),
        "{} is missing: run `make test-deps` (npm ci --prefix bench)",
        newman.display()
    );
    let server = Server::start(handler);
    let out = Command::new("node")
        .arg(&newman)
        .args(setup(&work.join("newman"), &server, extra))
        .output()
        .expect("node runs");
    let theirs = (
        out.status.code().unwrap_or(-1),
        String::from_utf8_lossy(&out.stderr).into_owned(),
        server,
    );
    let server = Server::start(handler);
    let out = assert_cmd::Command::cargo_bin("localpost")
        .expect("the localpost binary is built")
        .env("LOCALPOST_DATA_DIR", work.join("user-data"))
        .args(setup(&work.join("localpost"), &server, extra))
        .output()
        .expect("localpost runs");
    let ours = (
        out.status.code().unwrap_or(-1),
        String::from_utf8_lossy(&out.stderr).into_owned(),
        server,
    );
    [theirs, ours]
}

fn read(dir: &Path, name: &str) -> Value {
    let text = std::fs::read_to_string(dir.join(name)).expect("written");
    serde_json::from_str(&text).expect("JSON")
}

/// Each execution's item name and its tests' names and outcomes.
fn outcomes(report: &Value) -> Vec<Value> {
    report["run"]["executions"]
        .as_array()
        .expect("executions")
        .iter()
        .map(|e| {
            let tests: Vec<Value> = e["assertions"]
                .as_array()
                .map(|a| {
                    a.iter()
                        .map(|a| json!([a["assertion"], a["error"].is_object()]))
                        .collect()
                })
                .unwrap_or_default();
            json!([e["item"]["name"], e["requestError"].is_object(), tests])
        })
        .collect()
}

/// The cookies of a jar file, without their times.
fn cookies(jar: &Value) -> Vec<Value> {
    let mut list: Vec<Value> = jar["cookies"]
        .as_array()
        .expect("cookies")
        .iter()
        .map(|c| json!([c["key"], c["value"], c["domain"], c["path"], c["hostOnly"]]))
        .collect();
    list.sort_by_key(Value::to_string);
    list
}

/// What the hits were: target and body.
fn hits(server: &Server) -> Vec<(String, String)> {
    server
        .hits()
        .iter()
        .map(|h| (h.target.clone(), h.text()))
        .collect()
}

#[test]
fn transport_cookie_jar_export_and_working_dir_options_equal_newmans() {
    let work = tempfile::tempdir().expect("temp dir");
    let [(their_code, their_err, theirs), (our_code, our_err, ours)] = both(work.path(), &[]);
    assert_eq!(
        (our_code, their_code),
        (1, 1),
        "newman: {their_err}\nlocalpost: {our_err}"
    );
    assert_eq!(hits(&ours), hits(&theirs));
    let (n, l) = (work.path().join("newman"), work.path().join("localpost"));
    let (want, got) = (read(&n, "report.json"), read(&l, "report.json"));
    assert_eq!(got["run"]["stats"], want["run"]["stats"]);
    assert_eq!(outcomes(&got), outcomes(&want));
    assert_eq!(
        cookies(&read(&l, "jar-out.json")),
        cookies(&read(&n, "jar-out.json"))
    );
    // newman 6.2 exports the collection's variables as they were before the run (its
    // scripts change a copy), and so does Localpost.
    let variables = |dir: &Path| -> Vec<(Value, Value)> {
        let coll = read(dir, "coll-out.json");
        coll["variable"]
            .as_array()
            .expect("variables")
            .iter()
            .map(|v| (v["key"].clone(), v["value"].clone()))
            .collect()
    };
    assert_eq!(variables(&n), [(json!("seen"), json!("no"))]);
    assert_eq!(variables(&l), variables(&n));
    let items = |dir: &Path| -> Vec<Value> {
        let coll = read(dir, "coll-out.json");
        coll["item"]
            .as_array()
            .expect("items")
            .iter()
            .map(|i| i["name"].clone())
            .collect()
    };
    assert_eq!(items(&l), items(&n));
}

#[test]
fn bail_folder_ends_both_runs_with_the_scripts_error_and_no_report() {
    let work = tempfile::tempdir().expect("temp dir");
    let [(their_code, their_err, theirs), (our_code, our_err, ours)] =
        both(work.path(), &["--bail", "folder"]);
    assert_eq!((our_code, their_code), (1, 1));
    // The slow request's timeout is the first request error: it ends both runs. newman
    // says ESOCKETTIMEDOUT (and adds a blank line), Localpost says what timed out.
    assert_eq!(their_err, "error: ESOCKETTIMEDOUT\n\n");
    assert!(
        our_err.starts_with("error: request to ") && our_err.ends_with("timed out after 500 ms\n"),
        "{our_err}"
    );
    assert_eq!(hits(&ours), hits(&theirs));
    for dir in ["newman", "localpost"] {
        assert!(
            !work.path().join(dir).join("report.json").exists(),
            "{dir} wrote a report"
        );
    }
}
