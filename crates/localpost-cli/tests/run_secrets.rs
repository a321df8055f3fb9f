//! `localpost run` of a stored collection masks what it reads from the OS keychain (issue 11):
//! a secret variable and a vault secret reach the server, but the cli and json reports, the
//! console lines, failure messages and exported variables show `********` in their place.
//! Uses the real keychain (run under `scripts/test-session.sh`).

use crate::server;

use assert_cmd::Command;
use server::{Recorded, Reply, Server};

const SECRET: &str = "s3cr3t-variable-7c2e91";
const VAULT: &str = "vault-value-0b44d3";

/// Answers the request's `X-Vault` header and query back, in a header and the body.
fn reflect(req: &Recorded) -> Reply {
    let vault = req.header("x-vault").unwrap_or_default().to_owned();
    Reply::text(format!("{} {vault}", req.target)).header("x-reflected", &vault)
}

#[test]
fn a_stored_run_masks_keychain_values_in_reports_console_and_exports() {
    let server = Server::start(reflect);
    let dir = tempfile::tempdir().expect("temp dir");
    let nanos = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .expect("clock")
        .as_nanos();
    let service = format!("localpost-cli-run-secrets-{}-{nanos}", std::process::id());
    let collection = dir.path().join("api.postman_collection.json");
    let environment = dir.path().join("dev.postman_environment.json");
    let test = [
        "console.log('token', pm.environment.get('token'), pm.response.text());",
        "pm.test('token is ' + pm.environment.get('token'), () => pm.expect(pm.environment.get('token')).to.equal('x'));",
        "pm.environment.set('copy', pm.environment.get('token'));",
        "pm.globals.set('vault copy', pm.response.headers.get('x-reflected'));",
    ];
    std::fs::write(
        &collection,
        serde_json::json!({
            "info": {"name": "API", "schema":
                "https://schema.getpostman.com/json/collection/v2.1.0/collection.json"},
            "item": [{"name": "Ping", "request": {
                "method": "GET",
                "url": server.url("/ping?t={{token}}"),
                "header": [{"key": "X-Vault", "value": "{{vault:apikey}}"}]
            }, "event": [{"listen": "test", "script": {"exec": test}}]}]
        })
        .to_string(),
    )
    .expect("write collection");
    std::fs::write(
        &environment,
        serde_json::json!({
            "name": "Dev",
            "values": [{"key": "token", "value": SECRET, "type": "secret", "enabled": true}]
        })
        .to_string(),
    )
    .expect("write environment");
    let data = dir.path().join("data");
    let cmd = || {
        let mut cmd = Command::cargo_bin("localpost").expect("binary");
        cmd.current_dir(dir.path())
            .env("LOCALPOST_DATA_DIR", &data)
            .env("LOCALPOST_KEYCHAIN_SERVICE", &service);
        cmd
    };
    cmd()
        .arg("import")
        .arg(&collection)
        .arg(&environment)
        .assert()
        .success();
    cmd()
        .args(["vault", "set", "apikey"])
        .write_stdin(format!("{VAULT}\n"))
        .assert()
        .success();

    let run = cmd()
        .args([
            "run",
            "API",
            "-e",
            "Dev",
            "--color",
            "off",
            "--verbose",
            "-r",
            "cli,json",
        ])
        .args(["--reporter-json-export", "report.json"])
        .args([
            "--export-environment",
            "env.json",
            "--export-globals",
            "globals.json",
        ])
        .args(["--export-collection", "coll.json"])
        .output()
        .expect("run runs");
    let stdout = String::from_utf8_lossy(&run.stdout).into_owned();
    let stderr = String::from_utf8_lossy(&run.stderr).into_owned();
    assert_eq!(
        run.status.code(),
        Some(1),
        "the test fails: {stdout}{stderr}"
    );
    let hit = server.hit();
    assert_eq!(hit.target, format!("/ping?t={SECRET}"));
    assert_eq!(hit.header("x-vault"), Some(VAULT));

    assert!(stdout.contains("token is ********"), "{stdout}");
    assert!(stdout.contains("/ping?t=********"), "{stdout}");
    let mut texts = vec![("stdout", stdout), ("stderr", stderr)];
    for file in ["report.json", "env.json", "globals.json", "coll.json"] {
        let text = std::fs::read_to_string(dir.path().join(file)).expect("written");
        texts.push((file, text));
    }
    for (name, text) in &texts {
        for value in [SECRET, VAULT] {
            assert!(!text.contains(value), "{name} holds {value}:\n{text}");
        }
    }
    let env = &texts[3].1;
    assert!(
        env.contains("\"copy\"") && env.contains("********"),
        "{env}"
    );
    assert!(texts[4].1.contains("********"), "{}", texts[4].1);

    cmd().args(["vault", "rm", "apikey"]).assert().success();
}
