//! `localpost auth token` through the real binary and the real keychain (run inside
//! `scripts/test-session.sh`): a client-credentials token is obtained from a loopback token
//! endpoint, stored as a vault secret, never printed, and `localpost send` then uses it.

use crate::server;

use assert_cmd::Command;
use server::{Reply, Server};

const TOKEN: &str = "at-cli-4e1f0a";

#[test]
fn a_token_is_obtained_stored_and_used_by_send() {
    let server = Server::start(|req| match req.target.as_str() {
        // base64("app:s3cret")
        "/token"
            if req.header("authorization") == Some("Basic YXBwOnMzY3JldA==")
                && req.text() == "grant_type=client_credentials" =>
        {
            Reply::text(format!(
                "{{\"access_token\":\"{TOKEN}\",\"token_type\":\"Bearer\",\"expires_in\":60}}"
            ))
            .header("content-type", "application/json")
        }
        "/token" => Reply::text("{\"error\":\"invalid_client\"}").with_status(401),
        "/data" if req.header("authorization") == Some(&format!("Bearer {TOKEN}")) => {
            Reply::text("granted")
        }
        _ => Reply::status(401),
    });
    let dir = tempfile::tempdir().expect("temp dir");
    let nanos = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .expect("clock")
        .as_nanos();
    let service = format!("localpost-cli-auth-token-{}-{nanos}", std::process::id());
    let collection = dir.path().join("api.postman_collection.json");
    std::fs::write(
        &collection,
        serde_json::json!({
            "info": {"name": "API", "schema":
                "https://schema.getpostman.com/json/collection/v2.1.0/collection.json"},
            "auth": {"type": "oauth2", "oauth2": [
                {"key": "grant_type", "value": "client_credentials", "type": "string"},
                {"key": "accessTokenUrl", "value": "{{base}}/token", "type": "string"},
                {"key": "clientId", "value": "app", "type": "string"},
                {"key": "clientSecret", "value": "s3cret", "type": "string"}
            ]},
            "variable": [{"key": "base", "value": server.url("")}],
            "item": [{"name": "Data", "request": {"method": "GET", "url": "{{base}}/data"}}]
        })
        .to_string(),
    )
    .expect("write collection");
    let data = dir.path().join("data");
    let cmd = || {
        let mut cmd = Command::cargo_bin("localpost").expect("binary");
        cmd.env("LOCALPOST_DATA_DIR", &data)
            .env("LOCALPOST_KEYCHAIN_SERVICE", &service);
        cmd
    };
    cmd().arg("import").arg(&collection).assert().success();

    let got = cmd().args(["auth", "token", "API/Data"]).assert().success();
    let out = String::from_utf8_lossy(&got.get_output().stdout).into_owned();
    assert!(
        out.starts_with("access token stored as {{vault:oauth2.collection-"),
        "{out}"
    );
    assert!(out.contains("expires in 60 s"), "{out}");
    let err = String::from_utf8_lossy(&got.get_output().stderr).into_owned();
    assert!(!out.contains(TOKEN) && !err.contains(TOKEN));

    let sent = cmd().args(["send", "API/Data"]).assert().success();
    let out = String::from_utf8_lossy(&sent.get_output().stdout).into_owned();
    assert!(out.starts_with("HTTP/1.1 200"), "{out}");

    let refused = cmd()
        .args(["auth", "token", "API/Data", "--refresh"])
        .assert()
        .code(2);
    let err = String::from_utf8_lossy(&refused.get_output().stderr).into_owned();
    assert!(err.contains("no vault secret named"), "{err}");
}
