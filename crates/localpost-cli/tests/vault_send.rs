//! `{{vault:NAME}}` through the real binary, for CI: `--vault-var NAME=VALUE` and
//! `LOCALPOST_VAULT_<NAME>` give values with no keychain entry (a throwaway keychain service),
//! and a name `localpost vault set` limited to other domains stays refused.

use crate::server;

use assert_cmd::Command;
use server::{Reply, Server};

const FROM_FLAG: &str = "flag-value-5d0c9e";
const FROM_ENV: &str = "env-value-a81f37";

#[test]
fn vault_values_come_from_flags_and_the_environment_without_a_keychain_entry() {
    let server = Server::start(|_| Reply::text("ok"));
    let dir = tempfile::tempdir().expect("temp dir");
    let nanos = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .expect("clock")
        .as_nanos();
    let service = format!("localpost-cli-vault-send-{}-{nanos}", std::process::id());
    let collection = dir.path().join("api.postman_collection.json");
    std::fs::write(
        &collection,
        serde_json::json!({
            "info": {"name": "API", "schema":
                "https://schema.getpostman.com/json/collection/v2.1.0/collection.json"},
            "item": [{"name": "Ping", "request": {
                "method": "GET",
                "url": server.url("/ping?env={{vault:from_env}}"),
                "header": [
                    {"key": "X-Flag", "value": "{{vault:from_flag}}"},
                    {"key": "X-Limited", "value": "{{vault:limited}}"}
                ]
            }}]
        })
        .to_string(),
    )
    .expect("write collection");
    let data = dir.path().join("data");
    let cmd = || {
        let mut cmd = Command::cargo_bin("localpost").expect("binary");
        cmd.env("LOCALPOST_DATA_DIR", &data)
            .env("LOCALPOST_KEYCHAIN_SERVICE", &service)
            .env("LOCALPOST_VAULT_from_env", FROM_ENV)
            .env("LOCALPOST_VAULT_from_flag", "overridden-by-the-flag");
        cmd
    };
    cmd().arg("import").arg(&collection).assert().success();

    let sent = cmd()
        .args(["send", "API/Ping", "--vault-var"])
        .arg(format!("from_flag={FROM_FLAG}"))
        .args(["--vault-var", "limited=open-for-now"])
        .assert()
        .success();
    let stderr = String::from_utf8_lossy(&sent.get_output().stderr).into_owned();
    assert!(!stderr.contains("unresolved"), "{stderr}");
    let hit = server.hit();
    assert_eq!(hit.target, format!("/ping?env={FROM_ENV}"));
    assert_eq!(hit.header("x-flag"), Some(FROM_FLAG));
    assert_eq!(hit.header("x-limited"), Some("open-for-now"));

    // Once the vault limits the name to another domain, a value given on the command line is
    // refused too: exit 3, the secret and host named, the value never shown, nothing sent.
    cmd()
        .args(["vault", "set", "limited", "--domain", "api.example.com"])
        .write_stdin("stored-value\n")
        .assert()
        .success();
    let refused = cmd()
        .args(["send", "API/Ping", "--vault-var"])
        .arg(format!("from_flag={FROM_FLAG}"))
        .args(["--vault-var", "limited=open-for-now"])
        .assert()
        .code(3);
    let stderr = String::from_utf8_lossy(&refused.get_output().stderr).into_owned();
    assert_eq!(
        stderr,
        format!(
            "error: vault secret \"limited\" may not be sent to http://{}: it is limited to \
             api.example.com\n",
            server.addr()
        )
    );
    assert_eq!(server.hits().len(), 1, "nothing sent once refused");

    cmd().args(["vault", "rm", "limited"]).assert().success();
}

#[test]
fn a_malformed_vault_var_is_bad_usage_and_its_text_is_not_echoed() {
    for given in ["no-equals-sign-secret", "=nameless-secret"] {
        let out = Command::cargo_bin("localpost")
            .expect("binary")
            .args(["send", "API/Ping", "--vault-var", given])
            .assert()
            .code(2);
        let stderr = String::from_utf8_lossy(&out.get_output().stderr).into_owned();
        assert!(
            stderr.contains("--vault-var expects NAME=VALUE"),
            "{stderr}"
        );
        assert!(!stderr.contains("secret"), "{stderr}");
    }
}
