//! `localpost run` is a drop-in newman (issue 11): the same command line runs
//! `tests/fixtures/runner/flow.postman_collection.json` (two iterations from a CSV file,
//! `setNextRequest` jumping forward and stopping, variables handed from request to request,
//! `skipRequest`, a failing assertion) with newman 6.2.2 (`bench/node_modules`) and with
//! `localpost run`, each against its own loopback echo server. The JSON reports must agree on
//! the stats, on every execution (iteration, position, item, method, URL path and query,
//! status, every assertion with its error) in order, on the failures, and on the environment
//! and globals; the exported environment and globals files must hold the same variables.
//!
//! The junit reports of the same run, and of `reports.postman_collection.json` (markup in
//! every name and message, a skipped test, a script error), must be equal but for times,
//! timestamps and stacks.
//!
//! Not compared, and why: ids newman mints per run (cursor `ref`, `httpRequestId`, script and
//! execution ids, the exported files' `id`), timings and sizes, headers (each client sends its
//! own), `response.stream` and error stacks (not written by Localpost), the item's full
//! definition in `executions[].item` and `failures[].parent` (not written: `id` and `name`
//! only), newman's cursor flags (`bof`, `eof`, `cr`, `empty`), and `collection` beyond its
//! name and items' names and ids (Localpost writes the collection as its v2.1 export).

use crate::server;

use crate::echo;

use std::path::Path;
use std::process::Command;

use echo::{echo, repo};
use serde_json::{Map, Value, json};
use server::Server;

fn fixture(name: &str) -> String {
    let path = repo().join("tests/fixtures/runner").join(name);
    path.to_str().expect("UTF-8 path").to_owned()
}

/// newman's arguments (and Localpost's) for a run against `server`, writing into `dir`.
fn args(dir: &Path, server: &Server) -> Vec<String> {
    std::fs::create_dir_all(dir).expect("dir");
    let env = dir.join("env.json");
    let values = json!({
        "name": "Flow env",
        "values": [{"key": "baseUrl", "value": server.url("").trim_end_matches('/'), "enabled": true}],
    });
    std::fs::write(&env, values.to_string()).expect("environment written");
    let at = |name: &str| dir.join(name).to_str().expect("UTF-8").to_owned();
    [
        "run",
        &fixture("flow.postman_collection.json"),
        "-e",
        &at("env.json"),
        "-d",
        &fixture("flow.csv"),
        "-n",
        "2",
        "-r",
        "json",
        "--reporter-json-export",
        &at("report.json"),
        "--export-environment",
        &at("env-out.json"),
        "--export-globals",
        &at("globals-out.json"),
    ]
    .map(str::to_owned)
    .to_vec()
}

fn read(dir: &Path, name: &str) -> Value {
    let text = std::fs::read_to_string(dir.join(name)).expect("written");
    serde_json::from_str(&text).expect("JSON")
}

fn variables(scope: &Value) -> Map<String, Value> {
    scope["values"]
        .as_array()
        .expect("values")
        .iter()
        .map(|v| {
            (
                v["key"].as_str().unwrap_or_default().to_owned(),
                v["value"].clone(),
            )
        })
        .collect()
}

/// What both reports must agree on.
fn comparable(report: &Value) -> Value {
    let run = &report["run"];
    let executions: Vec<Value> = run["executions"]
        .as_array()
        .expect("executions")
        .iter()
        .map(|e| {
            let url = &e["request"]["url"];
            let assertions: Vec<Value> = e["assertions"]
                .as_array()
                .expect("assertions")
                .iter()
                .map(|a| {
                    let mut a = a.clone();
                    if let Some(error) = a.get_mut("error").and_then(Value::as_object_mut) {
                        error.retain(|k, _| {
                            matches!(k.as_str(), "name" | "index" | "test" | "message")
                        });
                    }
                    a
                })
                .collect();
            json!({
                "iteration": e["cursor"]["iteration"], "position": e["cursor"]["position"],
                "length": e["cursor"]["length"], "cycles": e["cursor"]["cycles"],
                "item": {"id": e["item"]["id"], "name": e["item"]["name"]}, "id": e["id"],
                "method": e["request"]["method"], "path": url["path"], "query": url["query"],
                "protocol": url["protocol"], "host": url["host"],
                "code": e["response"]["code"], "status": e["response"]["status"],
                "assertions": assertions,
            })
        })
        .collect();
    let failures: Vec<Value> = run["failures"]
        .as_array()
        .expect("failures")
        .iter()
        .map(|f| {
            let e = &f["error"];
            json!({
                "error": {"name": e["name"], "index": e["index"], "test": e["test"], "message": e["message"]},
                "at": f["at"], "source": {"id": f["source"]["id"], "name": f["source"]["name"]},
                "iteration": f["cursor"]["iteration"], "position": f["cursor"]["position"],
            })
        })
        .collect();
    let items = |c: &Value| -> Value {
        fn walk(items: &Value) -> Value {
            Value::Array(
                items
                    .as_array()
                    .map(|a| {
                        a.iter()
                            .map(|i| json!([i["id"], i["name"], walk(&i["item"])]))
                            .collect()
                    })
                    .unwrap_or_default(),
            )
        }
        walk(&c["item"])
    };
    let mut environment = variables(&report["environment"]);
    environment.remove("baseUrl");
    json!({
        "collection": {"name": report["collection"]["info"]["name"], "items": items(&report["collection"])},
        "environment": {"name": report["environment"]["name"], "values": environment},
        "globals": variables(&report["globals"]),
        "stats": run["stats"],
        "executions": executions,
        "failures": failures,
        "error": run["error"],
    })
}

#[test]
fn the_json_report_and_exports_equal_newmans() {
    let newman = repo().join("bench/node_modules/newman/bin/newman.js");
    assert!(
        newman.is_file(),
        "{} is missing: run `make test-deps` (npm ci --prefix bench)",
        newman.display()
    );
    let work = tempfile::tempdir().expect("temp dir");

    let newman_server = Server::start(echo);
    let newman_dir = work.path().join("newman");
    let out = Command::new("node")
        .arg(&newman)
        .args(args(&newman_dir, &newman_server))
        .output()
        .expect("node runs");
    // 1: the failing assertion.
    assert_eq!(
        out.status.code(),
        Some(1),
        "newman: {}",
        String::from_utf8_lossy(&out.stderr)
    );

    let server = Server::start(echo);
    let dir = work.path().join("localpost");
    let out = assert_cmd::Command::cargo_bin("localpost")
        .expect("the localpost binary is built")
        .env("LOCALPOST_DATA_DIR", work.path().join("user-data"))
        .args(args(&dir, &server))
        .output()
        .expect("localpost runs");
    assert_eq!(
        out.status.code(),
        Some(1),
        "localpost: {}",
        String::from_utf8_lossy(&out.stderr)
    );

    let strip_port = |hits: Vec<server::Recorded>| -> Vec<String> {
        hits.into_iter().map(|h| h.target).collect()
    };
    assert_eq!(
        strip_port(server.hits()),
        strip_port(newman_server.hits()),
        "requests in the same order"
    );

    let (want, got) = (
        comparable(&read(&newman_dir, "report.json")),
        comparable(&read(&dir, "report.json")),
    );
    for key in [
        "collection",
        "environment",
        "globals",
        "stats",
        "failures",
        "error",
    ] {
        assert_eq!(got[key], want[key], "{key}");
    }
    let (want_x, got_x) = (
        want["executions"].as_array().expect("x"),
        got["executions"].as_array().expect("x"),
    );
    assert_eq!(got_x.len(), want_x.len(), "executions");
    for (got, want) in got_x.iter().zip(want_x) {
        assert_eq!(got, want);
    }

    for file in ["env-out.json", "globals-out.json"] {
        let (mut want, mut got) = (
            variables(&read(&newman_dir, file)),
            variables(&read(&dir, file)),
        );
        want.remove("baseUrl");
        got.remove("baseUrl");
        assert_eq!(got, want, "{file}");
        assert!(
            !got.is_empty(),
            "{file} holds the variables the scripts set"
        );
    }
}

/// `text` without the attribute `name="…"` wherever it is.
fn without_attribute(text: &str, name: &str) -> String {
    let needle = format!(" {name}=\"");
    let mut out = String::new();
    let mut rest = text;
    while let Some(at) = rest.find(&needle) {
        out.push_str(&rest[..at]);
        let value = &rest[at + needle.len()..];
        rest = value.find('"').map_or("", |end| &value[end + 1..]);
    }
    out.push_str(rest);
    out
}

/// A junit report without what differs from run to run or is not recorded: times,
/// timestamps and the assertion's stack (Localpost writes its name and message there).
fn junit_comparable(xml: &str) -> String {
    let xml = without_attribute(&without_attribute(xml, "time"), "timestamp");
    let mut out = String::new();
    let mut rest = xml.as_str();
    while let Some(at) = rest.find("<![CDATA[Stacktrace: ") {
        out.push_str(&rest[..at]);
        rest = rest[at..]
            .find("]]>")
            .map_or("", |end| &rest[at + end + 3..]);
    }
    out.push_str(rest);
    out
}

/// Runs newman and Localpost with the arguments `args` gives for a directory and a server
/// (each its own), both exiting 1; their junit reports (`report.xml` in the directory).
fn junit_reports(args: impl Fn(&Path, &Server) -> Vec<String>) -> (String, String) {
    let newman = repo().join("bench/node_modules/newman/bin/newman.js");
    assert!(
        newman.is_file(),
        "{} is missing: run `make test-deps`",
        newman.display()
    );
    let work = tempfile::tempdir().expect("temp dir");
    let newman_server = Server::start(echo);
    let newman_dir = work.path().join("newman");
    std::fs::create_dir_all(&newman_dir).expect("dir");
    let out = Command::new("node")
        .arg(&newman)
        .args(args(&newman_dir, &newman_server))
        .output()
        .expect("node runs");
    let err = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(1), "newman: {err}");

    let server = Server::start(echo);
    let dir = work.path().join("localpost");
    std::fs::create_dir_all(&dir).expect("dir");
    let out = assert_cmd::Command::cargo_bin("localpost")
        .expect("the localpost binary is built")
        .env("LOCALPOST_DATA_DIR", work.path().join("user-data"))
        .args(args(&dir, &server))
        .output()
        .expect("localpost runs");
    let err = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(1), "localpost: {err}");

    let read = |dir: &Path| std::fs::read_to_string(dir.join("report.xml")).expect("written");
    (read(&newman_dir), read(&dir))
}

#[test]
fn the_junit_report_has_newmans_structure() {
    // The flow: iterations, jumps, a skipped request, a failing assertion.
    let (want, got) = junit_reports(|dir, server| {
        let mut args = args(dir, server);
        let at = args.iter().position(|a| a == "json").expect("-r json");
        args[at] = "junit".to_owned();
        args[at + 1] = "--reporter-junit-export".to_owned();
        args[at + 2] = dir.join("report.xml").to_str().expect("UTF-8").to_owned();
        args
    });
    assert!(
        want.contains("<failure type=\"AssertionFailure\""),
        "{want}"
    );
    assert_eq!(
        junit_comparable(&got),
        junit_comparable(&want),
        "\nnewman:\n{want}\nlocalpost:\n{got}"
    );

    // Markup in every name and message, a skipped test, a script error.
    let (want, got) = junit_reports(|dir, server| {
        let base = format!("baseUrl={}", server.url("").trim_end_matches('/'));
        let report = dir.join("report.xml").to_str().expect("UTF-8").to_owned();
        let collection = fixture("reports.postman_collection.json");
        ["run", &collection, "--env-var", &base, "-r", "junit"]
            .into_iter()
            .chain(["--reporter-junit-export", &report])
            .map(str::to_owned)
            .collect()
    });
    assert!(want.contains("prerequestScriptError"), "{want}");
    assert_eq!(
        junit_comparable(&got),
        junit_comparable(&want),
        "\nnewman:\n{want}\nlocalpost:\n{got}"
    );
}

/// A request that gets no response (a closed port) still runs its test scripts, with
/// `pm.response` undefined, as newman's runtime runs them; what they set is exported, and
/// `--bail` skips them (newman's `stopOnFailure`). Compared: the stats, each execution's
/// assertions by name and outcome (the messages of a `TypeError` differ between V8 and
/// QuickJS), the exported environment.
#[test]
fn a_request_with_no_response_runs_its_tests_as_newman_does() {
    let newman = repo().join("bench/node_modules/newman/bin/newman.js");
    assert!(newman.is_file(), "{} is missing", newman.display());
    let work = tempfile::tempdir().expect("temp dir");
    let server = Server::start(echo);
    let collection = json!({
        "info": {"name": "No response", "schema": "https://schema.getpostman.com/json/collection/v2.1.0/collection.json"},
        "item": [
            {"name": "refused", "request": {"method": "GET", "url": "http://127.0.0.1:1/x"},
             "event": [{"listen": "test", "script": {"exec": [
                 "pm.environment.set('ran', 'refused');",
                 "pm.test('no response', function () { pm.expect(pm.response).to.equal(undefined); });",
                 "pm.test('status', function () { pm.response.to.have.status(200); });"
             ]}}]},
            {"name": "after", "request": {"method": "GET", "url": server.url("/after")},
             "event": [{"listen": "test", "script": {"exec": [
                 "pm.environment.set('next', pm.environment.get('ran') + ' then ok');",
                 "pm.test('ok', function () { pm.response.to.have.status(200); });"
             ]}}]}
        ]
    });
    let file = work.path().join("c.json");
    std::fs::write(&file, collection.to_string()).expect("collection written");
    let env = work.path().join("env.json");
    std::fs::write(&env, json!({"name": "E", "values": []}).to_string()).expect("env");
    let at = |dir: &Path, name: &str| dir.join(name).to_str().expect("UTF-8").to_owned();
    let run_args = |dir: &Path, bail: bool| -> Vec<String> {
        std::fs::create_dir_all(dir).expect("dir");
        let mut args = vec![
            "run".to_owned(),
            file.to_str().expect("UTF-8").to_owned(),
            "-e".into(),
            env.to_str().expect("UTF-8").to_owned(),
            "-r".into(),
            "json".into(),
            "--reporter-json-export".into(),
            at(dir, "report.json"),
            "--export-environment".into(),
            at(dir, "env-out.json"),
        ];
        if bail {
            args.push("--bail".into());
        }
        args
    };
    let outcomes = |report: &Value| -> Value {
        let executions = report["run"]["executions"].as_array().expect("executions");
        Value::Array(
            executions
                .iter()
                .map(|e| {
                    let assertions: Vec<Value> = e["assertions"]
                        .as_array()
                        .map(|a| {
                            a.iter()
                                .map(|a| json!([a["assertion"], a.get("error").is_some()]))
                                .collect()
                        })
                        .unwrap_or_default();
                    json!({"item": e["item"]["name"], "assertions": assertions})
                })
                .collect(),
        )
    };
    for bail in [false, true] {
        let newman_dir = work.path().join(format!("newman-{bail}"));
        let out = Command::new("node")
            .arg(&newman)
            .args(run_args(&newman_dir, bail))
            .output()
            .expect("node runs");
        assert_eq!(out.status.code(), Some(1), "newman, bail {bail}");
        let dir = work.path().join(format!("localpost-{bail}"));
        let out = assert_cmd::Command::cargo_bin("localpost")
            .expect("the localpost binary is built")
            .env("LOCALPOST_DATA_DIR", work.path().join("user-data"))
            .args(run_args(&dir, bail))
            .output()
            .expect("localpost runs");
        assert_eq!(
            out.status.code(),
            Some(1),
            "localpost, bail {bail}: {}",
            String::from_utf8_lossy(&out.stderr)
        );
        let (want, got) = (read(&newman_dir, "report.json"), read(&dir, "report.json"));
        assert_eq!(
            got["run"]["stats"], want["run"]["stats"],
            "stats, bail {bail}"
        );
        assert_eq!(outcomes(&got), outcomes(&want), "assertions, bail {bail}");
        if !bail {
            let want_env = variables(&read(&newman_dir, "env-out.json"));
            assert_eq!(variables(&read(&dir, "env-out.json")), want_env, "exported");
            assert_eq!(want_env["next"], "refused then ok", "newman ran the tests");
        }
    }
}
