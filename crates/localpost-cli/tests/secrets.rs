//! Secret variables end to end through the real binary: `localpost import` puts a Postman
//! environment's secret into the OS keychain (not the store), and `localpost send` reads it
//! back from there into the request the loopback server receives.

use crate::server;

use assert_cmd::Command;
use server::{Reply, Server};

const SECRET: &str = "s3cr3t-only-in-the-keychain-4b1e";

#[test]
fn an_imported_secret_is_sent_from_the_keychain_and_never_stored() {
    let server = Server::start(|_| Reply::text("ok"));
    let dir = tempfile::tempdir().expect("temp dir");
    let nanos = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .expect("clock")
        .as_nanos();
    let service = format!("localpost-cli-secrets-{}-{nanos}", std::process::id());
    let collection = dir.path().join("api.postman_collection.json");
    let environment = dir.path().join("dev.postman_environment.json");
    std::fs::write(
        &collection,
        serde_json::json!({
            "info": {"name": "API", "schema":
                "https://schema.getpostman.com/json/collection/v2.1.0/collection.json"},
            "item": [{"name": "Ping", "request": {
                "method": "GET",
                "url": server.url("/ping"),
                "header": [{"key": "X-Token", "value": "{{token}}"}]
            }}]
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
        cmd.env("LOCALPOST_DATA_DIR", &data)
            .env("LOCALPOST_KEYCHAIN_SERVICE", &service);
        cmd
    };

    cmd()
        .arg("import")
        .arg(&collection)
        .arg(&environment)
        .assert()
        .success();
    for file in ["localpost.db", "localpost.db-wal"] {
        let bytes = std::fs::read(data.join(file)).unwrap_or_default();
        assert!(
            !bytes.windows(SECRET.len()).any(|w| w == SECRET.as_bytes()),
            "{file} holds the secret"
        );
    }

    cmd()
        .args(["send", "API/Ping", "-e", "Dev"])
        .assert()
        .success();
    assert_eq!(server.hit().header("x-token"), Some(SECRET));

    // Another keychain (service) does not have it: the send fails naming the variable, rather
    // than sending an empty token.
    let other = cmd()
        .env("LOCALPOST_KEYCHAIN_SERVICE", format!("{service}-other"))
        .args(["send", "API/Ping", "-e", "Dev"])
        .assert()
        .code(1);
    let stderr = String::from_utf8_lossy(&other.get_output().stderr).into_owned();
    assert!(
        stderr.contains("secret \"token\" has no value in the OS keychain"),
        "{stderr}"
    );
    assert_eq!(server.hits().len(), 1, "nothing sent without the secret");
}
