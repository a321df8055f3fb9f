//! newman accepts and runs what `localpost export collection` writes (issue 5): a collection
//! with folders, inherited and overridden auth, scripts at every level, variables and every
//! text body mode (`tests/fixtures/postman/newman-run.postman_collection.json`) is imported
//! with the real binary, exported again, and run by newman (pinned in `bench/package.json`,
//! installed by `make test-deps`) against a loopback echo server, once as written and once as
//! exported. Both runs must pass every one of the collection's own tests, and the server must
//! receive the same requests from both. The same collection in v2.0 form (auth as maps, string
//! URLs) checks the conversion to v2.1 the same way.

use crate::server;

use crate::echo;

use std::path::{Path, PathBuf};
use std::process::Command;

use echo::{echo, repo};
use serde_json::{Value, json};
use server::{Recorded, Server};

/// newman as `make test-deps` installs it; a missing newman fails the test (it is not skipped).
fn newman() -> PathBuf {
    let bin = repo().join("bench/node_modules/.bin/newman");
    assert!(
        bin.is_file(),
        "{} is missing: run `make test-deps` (npm ci --prefix bench)",
        bin.display()
    );
    bin
}

/// What of a request both runs must agree on: method, target, body and the headers the
/// collection decides (newman adds a random `Postman-Token` and its own `User-Agent`; a
/// multipart boundary is random too, so multipart bodies are compared without it).
fn essentials(req: &Recorded) -> Value {
    let boundary = req
        .header("content-type")
        .and_then(|t| t.split_once("boundary="))
        .map(|(_, b)| b.to_string());
    let mut body = req.text();
    let mut content_type = req.header("content-type").unwrap_or_default().to_string();
    if let Some(b) = boundary {
        body = body.replace(&b, "BOUNDARY");
        content_type = content_type.replace(&b, "BOUNDARY");
    }
    json!({
        "method": req.method,
        "target": req.target,
        "body": body,
        "content-type": content_type,
        "authorization": req.header("authorization"),
        "x-greeting": req.header("x-greeting"),
        "x-from-script": req.header("x-from-script"),
        "x-disabled": req.header("x-disabled"),
    })
}

/// Runs `collection` with newman against `server`; returns its JSON report's run stats and
/// failures, and the requests the server received.
fn run_newman(collection: &Path, work: &Path, label: &str) -> (Value, Vec<Value>) {
    let server = Server::start(echo);
    let report = work.join(format!("{label}-report.json"));
    let out = Command::new(newman())
        .arg("run")
        .arg(collection)
        .args(["--env-var", &format!("baseUrl={}", server.url(""))])
        .args(["--reporters", "cli,json", "--reporter-json-export"])
        .arg(&report)
        .args(["--disable-unicode", "--color", "off"])
        .env("HOME", work)
        .output()
        .expect("newman runs");
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert!(
        out.status.success(),
        "newman failed on the {label} collection ({}):\n{stdout}\n{}",
        out.status,
        String::from_utf8_lossy(&out.stderr)
    );
    let report: Value = serde_json::from_str(&std::fs::read_to_string(&report).expect("report"))
        .expect("newman's JSON report");
    let run = &report["run"];
    assert_eq!(run["failures"], json!([]), "{label}: {stdout}");
    let hits = server.hits().iter().map(essentials).collect();
    (run["stats"].clone(), hits)
}

/// Imports `fixture` (named `name` inside), exports it as v2.1, runs newman on both and
/// compares the runs.
fn round_trip(fixture: &str, name: &str) {
    let work = tempfile::tempdir().expect("temp dir");
    let original = repo().join("tests/fixtures/postman").join(fixture);
    let exported = work.path().join("exported.postman_collection.json");

    let localpost = |args: &[&str]| {
        let out = assert_cmd::Command::cargo_bin("localpost")
            .expect("the localpost binary is built")
            .env("LOCALPOST_DATA_DIR", work.path().join("data"))
            .args(args)
            .output()
            .expect("localpost runs");
        assert!(
            out.status.success(),
            "localpost {args:?}: {}",
            String::from_utf8_lossy(&out.stderr)
        );
    };
    localpost(&["import", original.to_str().expect("UTF-8 path")]);
    let out = exported.to_str().expect("UTF-8 path");
    localpost(&["export", "collection", name, "-o", out]);
    let written: Value =
        serde_json::from_str(&std::fs::read_to_string(&exported).expect("exported")).expect("JSON");
    assert_eq!(
        written["info"]["schema"],
        "https://schema.getpostman.com/json/collection/v2.1.0/collection.json"
    );

    let (original_stats, original_hits) = run_newman(&original, work.path(), "original");
    let (exported_stats, exported_hits) = run_newman(&exported, work.path(), "exported");

    // Seven requests, every test script ran and every assertion passed (checked above).
    assert_eq!(original_stats["requests"]["total"], 7, "{original_stats}");
    assert_eq!(original_stats["assertions"]["failed"], 0);
    assert_eq!(
        original_stats["assertions"]["total"], 31,
        "{original_stats}"
    );
    assert_eq!(exported_stats, original_stats);
    assert_eq!(exported_hits.len(), 7);
    for (exported, original) in exported_hits.iter().zip(&original_hits) {
        assert_eq!(exported, original);
    }
}

#[test]
fn newman_runs_an_exported_v21_collection_as_it_runs_the_original() {
    round_trip("newman-run.postman_collection.json", "Newman round trip");
}

#[test]
fn newman_runs_a_v20_collection_converted_to_v21_as_it_runs_the_original() {
    round_trip(
        "newman-run-v20.postman_collection.json",
        "Newman round trip v2.0",
    );
}
