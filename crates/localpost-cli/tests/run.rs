//! `localpost run` (issue 11), black-box: the real binary runs the runner fixtures
//! (`tests/fixtures/runner/`) against a loopback echo server.

use crate::server;

use crate::echo;

use std::path::Path;

use echo::{echo, repo};
use serde_json::{Value, json};
use server::Server;

fn fixture(name: &str) -> String {
    let path = repo().join("tests/fixtures/runner").join(name);
    path.to_str().expect("UTF-8 path").to_owned()
}

/// An environment file with `baseUrl` pointing at `server`.
fn env_file(dir: &Path, server: &Server) -> String {
    let path = dir.join("flow.postman_environment.json");
    let env = json!({
        "name": "Flow env",
        "values": [{"key": "baseUrl", "value": server.url("").trim_end_matches('/'), "enabled": true}],
    });
    std::fs::write(&path, env.to_string()).expect("environment written");
    path.to_str().expect("UTF-8 path").to_owned()
}

/// Runs `localpost` with a data directory that must never be created; returns exit code,
/// stdout and stderr.
fn localpost(work: &Path, args: &[&str]) -> (i32, String, String) {
    let data = work.join("user-data");
    let out = assert_cmd::Command::cargo_bin("localpost")
        .expect("the localpost binary is built")
        .current_dir(work)
        .env("LOCALPOST_DATA_DIR", &data)
        .env(
            "LOCALPOST_KEYCHAIN_SERVICE",
            "localpost-test-run-must-not-be-used",
        )
        .args(args)
        .output()
        .expect("localpost runs");
    (
        out.status.code().unwrap_or(-1),
        String::from_utf8_lossy(&out.stdout).into_owned(),
        String::from_utf8_lossy(&out.stderr).into_owned(),
    )
}

fn flow(work: &Path, server: &Server, extra: &[&str]) -> (i32, String, String) {
    let (coll, env, data) = (
        fixture("flow.postman_collection.json"),
        env_file(work, server),
        fixture("flow.csv"),
    );
    let mut args = vec!["run", &coll, "-e", &env, "-d", &data];
    args.extend_from_slice(extra);
    localpost(work, &args)
}

fn targets(server: &Server) -> Vec<String> {
    server.hits().iter().map(|h| h.target.clone()).collect()
}

#[test]
fn a_file_run_follows_newmans_flow_and_exits_1_on_a_failed_assertion() {
    let work = tempfile::tempdir().expect("temp dir");
    let server = Server::start(echo);
    let (code, out, err) = flow(work.path(), &server, &["--color", "off"]);
    assert_eq!(code, 1, "{out}\n{err}");
    assert_eq!(err, "");
    // Iteration 1 jumps from Me to Final; both iterations stop at Final; Skip me is skipped.
    assert_eq!(
        targets(&server),
        [
            "/login",
            "/me?token=t-alice&local=L0",
            "/final",
            "/login",
            "/me?token=t-bob&local=L1",
            "/between",
            "/final"
        ]
    );
    for line in [
        "Iteration 1/2",
        "❏ Auth\n↳ Login\n  POST ",
        "  ✓  login sends the data row user",
        "→ Skip me\n\n→ Final",
        "  1. status is the expected one",
        "│ assertions │ 15 │ 1 │",
        "│ requests │ 7 │ 0 │",
        "│ prerequest-scripts │ 9 │ 0 │",
        " 1.  AssertionError  status is the expected one",
        "     iteration: 2    expected response to have status code 201 but got 200",
        "                     at assertion:3 in test-script",
    ] {
        assert!(
            squeezed(&out).contains(&squeezed(line)),
            "missing {line:?} in:\n{out}"
        );
    }
    assert!(!out.contains("never runs"), "{out}");
    assert!(!out.contains('\x1b'), "no colour with --color off");
    // Nothing of the user's: no data directory was made.
    assert!(!work.path().join("user-data").exists());
}

#[test]
fn suppress_exit_code_silent_and_json_report() {
    let work = tempfile::tempdir().expect("temp dir");
    let server = Server::start(echo);
    let (code, out, err) = flow(
        work.path(),
        &server,
        &[
            "-x",
            "--silent",
            "-r",
            "cli,json",
            "--reporter-json-export",
            "out/report.json",
        ],
    );
    assert_eq!((code, out.as_str(), err.as_str()), (0, "", ""));
    let report: Value = serde_json::from_str(
        &std::fs::read_to_string(work.path().join("out/report.json")).expect("report written"),
    )
    .expect("JSON");
    assert_eq!(
        report["run"]["stats"]["assertions"],
        json!({"total": 15, "pending": 0, "failed": 1})
    );
    assert_eq!(
        report["run"]["executions"].as_array().map(Vec::len),
        Some(7)
    );
    assert_eq!(report["run"]["failures"][0]["source"]["name"], "Me");
    assert_eq!(
        report["environment"]["values"][1],
        json!({"type": "any", "value": "t-bob", "key": "token"})
    );
}

#[test]
fn bail_stops_after_the_first_failing_request() {
    let work = tempfile::tempdir().expect("temp dir");
    let server = Server::start(echo);
    let (code, out, _) = flow(work.path(), &server, &["--bail", "--color", "off"]);
    assert_eq!(code, 1, "{out}");
    assert_eq!(
        targets(&server).last().map(String::as_str),
        Some("/me?token=t-bob&local=L1")
    );
    assert!(squeezed(&out).contains("│ requests │ 5 │"), "{out}");
}

#[test]
fn folder_iteration_count_env_and_global_vars_and_exports() {
    let work = tempfile::tempdir().expect("temp dir");
    let server = Server::start(echo);
    let data = work.path().join("rows.json");
    std::fs::write(&data, r#"[{"user": "carol"}]"#).expect("data written");
    let (code, out, err) = localpost(
        work.path(),
        &[
            "run",
            &fixture("flow.postman_collection.json"),
            "--folder",
            "Auth",
            "-n",
            "3",
            "-d",
            data.to_str().expect("UTF-8"),
            "--env-var",
            &format!("baseUrl={}", server.url("").trim_end_matches('/')),
            "--global-var",
            "g=1",
            "--export-environment",
            "env.json",
            "--export-globals",
            "globals.json",
        ],
    );
    // iterationCount is 3, not the 2 the test expects: one failure per iteration.
    assert_eq!(code, 1, "{out}\n{err}");
    assert_eq!(targets(&server), ["/login", "/login", "/login"]);
    assert!(out.contains("Iteration 3/3"), "{out}");
    let read = |name: &str| -> Value {
        serde_json::from_str(&std::fs::read_to_string(work.path().join(name)).expect("exported"))
            .expect("JSON")
    };
    let env = read("env.json");
    let keys: Vec<&str> = env["values"]
        .as_array()
        .expect("values")
        .iter()
        .filter_map(|v| v["key"].as_str())
        .collect();
    assert_eq!(keys, ["baseUrl", "token"]);
    assert_eq!(env["values"][1]["value"], "t-carol");
    assert_eq!(read("globals.json")["values"][0]["key"], "g");
}

#[test]
fn a_stored_collection_runs_by_name() {
    let work = tempfile::tempdir().expect("temp dir");
    let server = Server::start(echo);
    let env = env_file(work.path(), &server);
    let data = work.path().join("user-data");
    let import = assert_cmd::Command::cargo_bin("localpost")
        .expect("binary")
        .env("LOCALPOST_DATA_DIR", &data)
        .env("LOCALPOST_KEYCHAIN_SERVICE", "localpost-test-run-stored")
        .args(["import", &fixture("flow.postman_collection.json"), &env])
        .output()
        .expect("import runs");
    assert!(
        import.status.success(),
        "{}",
        String::from_utf8_lossy(&import.stderr)
    );
    let out = assert_cmd::Command::cargo_bin("localpost")
        .expect("binary")
        .env("LOCALPOST_DATA_DIR", &data)
        .env("LOCALPOST_KEYCHAIN_SERVICE", "localpost-test-run-stored")
        .args([
            "run",
            "Runner flow",
            "-e",
            "Flow env",
            "-d",
            &fixture("flow.csv"),
            "-x",
            "--color",
            "off",
        ])
        .output()
        .expect("run runs");
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert_eq!(
        out.status.code(),
        Some(0),
        "{stdout}{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(
        squeezed(&stdout).contains("│ assertions │ 15 │ 1 │"),
        "{stdout}"
    );
    assert_eq!(server.hits().len(), 7);
}

#[test]
fn bad_input_is_one_line_naming_the_file_or_folder() {
    let work = tempfile::tempdir().expect("temp dir");
    let server = Server::start(echo).allow_no_hits();
    let broken = work.path().join("broken.json");
    std::fs::write(&broken, "{\"info\": ").expect("written");
    let broken = broken.to_str().expect("UTF-8").to_owned();
    let (code, out, err) = localpost(work.path(), &["run", &broken]);
    assert_eq!((code, out.as_str()), (1, ""));
    assert!(
        err.starts_with("error: ") && err.contains("broken.json") && err.lines().count() == 1,
        "{err}"
    );

    let (code, _, err) = flow(work.path(), &server, &["--folder", "Nope"]);
    assert_eq!(code, 1);
    assert_eq!(err, "error: unable to find a folder or request: Nope\n");

    let csv = work.path().join("bad.csv");
    std::fs::write(&csv, "a\n\"open\n").expect("written");
    let (code, _, err) = localpost(
        work.path(),
        &[
            "run",
            &fixture("flow.postman_collection.json"),
            "-d",
            csv.to_str().expect("UTF-8"),
        ],
    );
    assert_eq!(code, 1);
    assert!(
        err.contains("bad.csv: line 2: a quoted field is not closed"),
        "{err}"
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
