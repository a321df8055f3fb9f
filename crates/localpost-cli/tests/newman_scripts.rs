//! Scripts give the same results as newman (issue 10). One collection touching every area of
//! the `pm` API (`tests/fixtures/scripts/differential.postman_collection.json`) runs twice
//! against the same kind of loopback echo server: by newman 6.2 (pinned in `bench/`, through
//! `newman-driver.js`) and by `localpost send` request after request, in the collection's
//! order, in a data directory it was imported into. Per request, every assertion (name,
//! outcome, error message) and every console line (level, arguments) must be equal and in the
//! same order, a script error must carry the same message, and the environment and globals
//! must end equal.

use crate::server;

use crate::echo;

use std::path::Path;
use std::process::Command;

use echo::{echo, repo};
use serde_json::{Map, Value, json};
use server::Server;

const COLLECTION: &str = "Scripts differential";
const REQUESTS: [&str; 10] = [
    "Auth/Login",
    "Me",
    "Libraries",
    "Async and sendRequest",
    "Cookie jar",
    "Scopes and legacy",
    "Not found",
    "Skipped",
    "Auth by script",
    "Script error",
];

fn environment(base: &str) -> Value {
    json!({
        "name": "Scripts env",
        "_postman_variable_scope": "environment",
        "values": [
            {"key": "baseUrl", "value": base, "enabled": true},
            {"key": "temp", "value": "to be unset", "enabled": true},
            {"key": "user", "value": "nobody", "enabled": true},
        ],
    })
}

fn run_newman(collection: &Path, env: &Path) -> Value {
    let driver = repo().join("tests/fixtures/scripts/newman-driver.js");
    let newman_dir = repo().join("bench/node_modules");
    assert!(
        newman_dir.join("newman").is_dir(),
        "{} is missing: run `make test-deps` (npm ci --prefix bench)",
        newman_dir.display()
    );
    let out = Command::new("node")
        .arg(&driver)
        .arg(&newman_dir)
        .arg(collection)
        .arg(env)
        .output()
        .expect("node runs");
    assert!(
        out.status.success(),
        "newman driver failed: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    serde_json::from_slice(&out.stdout).expect("the driver prints JSON")
}

/// Runs `localpost` in `data`; returns its exit code and stdout.
fn localpost(data: &Path, args: &[&str]) -> (i32, String, String) {
    let out = assert_cmd::Command::cargo_bin("localpost")
        .expect("the localpost binary is built")
        .env("LOCALPOST_DATA_DIR", data)
        .args(args)
        .output()
        .expect("localpost runs");
    (
        out.status.code().unwrap_or(-1),
        String::from_utf8_lossy(&out.stdout).into_owned(),
        String::from_utf8_lossy(&out.stderr).into_owned(),
    )
}

/// What newman's driver prints for one request, from `localpost send --output json`.
fn as_newman(name: &str, sent: &Value) -> Value {
    let mut assertions = Vec::new();
    let mut console = Vec::new();
    let mut exception = Value::Null;
    for script in sent["scripts"].as_array().expect("scripts") {
        for a in script["assertions"].as_array().expect("assertions") {
            assertions.push(json!({
                "name": a["name"],
                "passed": a["passed"],
                "skipped": a["skipped"],
                "error": a["error"],
            }));
        }
        for line in script["console"].as_array().expect("console") {
            console.push(json!({"level": line["level"], "args": line["args"]}));
        }
        if !script["failure"].is_null() {
            exception = script["failure"]["message"].clone();
        }
    }
    let mut out = json!({"name": name, "assertions": assertions, "console": console});
    if !exception.is_null() {
        out["exception"] = exception;
    }
    out
}

fn values(exported: &Value) -> Value {
    let map: Map<String, Value> = exported["values"]
        .as_array()
        .or_else(|| exported["variable"].as_array())
        .expect("variables")
        .iter()
        .map(|v| {
            (
                v["key"].as_str().unwrap_or_default().to_owned(),
                v["value"].clone(),
            )
        })
        .collect();
    Value::Object(map)
}

#[test]
fn scripts_give_the_assertions_console_and_variables_newman_gives() {
    let work = tempfile::tempdir().expect("temp dir");
    let collection = repo().join("tests/fixtures/scripts/differential.postman_collection.json");

    let newman_server = Server::start(echo);
    let newman_env = work.path().join("newman.postman_environment.json");
    let env = environment(newman_server.url("").trim_end_matches('/'));
    std::fs::write(&newman_env, env.to_string()).expect("environment written");
    let expected = run_newman(&collection, &newman_env);

    let server = Server::start(echo);
    let env_file = work.path().join("localpost.postman_environment.json");
    let env = environment(server.url("").trim_end_matches('/'));
    std::fs::write(&env_file, env.to_string()).expect("environment written");
    let data = work.path().join("data");
    let path = |p: &Path| p.to_str().expect("UTF-8 path").to_owned();
    let (code, _, err) = localpost(&data, &["import", &path(&collection), &path(&env_file)]);
    assert_eq!(code, 0, "import: {err}");

    let mut got = Vec::new();
    for request in REQUESTS {
        let target = format!("{COLLECTION}/{request}");
        let (code, out, err) = localpost(
            &data,
            &["send", &target, "-e", "Scripts env", "--output", "json"],
        );
        // 5: a test failed or a script stopped, which three of the requests do on purpose.
        assert!(code == 0 || code == 5, "send {target} exited {code}: {err}");
        let sent: Value = serde_json::from_str(&out).expect("send prints JSON");
        let name = request.rsplit('/').next().unwrap_or(request);
        got.push(as_newman(name, &sent));
    }

    let expected_requests = expected["requests"].as_array().expect("requests");
    assert_eq!(got.len(), expected_requests.len());
    for (got, want) in got.iter().zip(expected_requests) {
        assert_eq!(
            got["assertions"], want["assertions"],
            "assertions of {}",
            want["name"]
        );
        assert_eq!(
            got["console"], want["console"],
            "console of {}",
            want["name"]
        );
        assert_eq!(
            got.get("exception"),
            want.get("exception"),
            "script error of {}",
            want["name"]
        );
    }
    // The tests that fail on purpose do fail, in both (and the collection's 2xx test on the 404).
    let failed: usize = got
        .iter()
        .map(|r| {
            r["assertions"]
                .as_array()
                .map_or(0, |a| a.iter().filter(|a| a["passed"] == false).count())
        })
        .sum();
    assert_eq!(failed, 5, "{got:#?}");

    let exported_env = work.path().join("env-out.json");
    let (code, _, err) = localpost(
        &data,
        &[
            "export",
            "environment",
            "Scripts env",
            "-o",
            &path(&exported_env),
        ],
    );
    assert_eq!(code, 0, "{err}");
    let env_out: Value =
        serde_json::from_str(&std::fs::read_to_string(&exported_env).expect("read")).expect("JSON");
    let mut want_env = expected["environment"].clone();
    // The base URLs differ: one server each.
    want_env["baseUrl"] = values(&env_out)["baseUrl"].clone();
    assert_eq!(values(&env_out), want_env);

    let exported_globals = work.path().join("globals-out.json");
    let (code, _, err) = localpost(
        &data,
        &["export", "globals", "-o", &path(&exported_globals)],
    );
    assert_eq!(code, 0, "{err}");
    let globals: Value =
        serde_json::from_str(&std::fs::read_to_string(&exported_globals).expect("read"))
            .expect("JSON");
    assert_eq!(values(&globals), expected["globals"]);

    let exported_coll = work.path().join("coll-out.json");
    let (code, _, err) = localpost(
        &data,
        &[
            "export",
            "collection",
            COLLECTION,
            "-o",
            &path(&exported_coll),
        ],
    );
    assert_eq!(code, 0, "{err}");
    let coll: Value = serde_json::from_str(&std::fs::read_to_string(&exported_coll).expect("read"))
        .expect("JSON");
    // newman keeps collection variables a script sets for the run only (its summary shows
    // the file's); the tests above saw them advance the same way in both. Localpost keeps
    // them, as the Postman app does: ten pre-request runs of the collection's script.
    assert_eq!(expected["collectionVariables"], json!({"runs": "0"}));
    assert_eq!(values(&coll), json!({"runs": "10"}));
}
