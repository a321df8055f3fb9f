//! `localpost vault` against the real OS keychain, run as the real binary.

use assert_cmd::Command;

struct Env {
    dir: tempfile::TempDir,
    service: String,
}

impl Env {
    fn new() -> Self {
        let nanos = std::time::SystemTime::now()
            .duration_since(std::time::UNIX_EPOCH)
            .unwrap()
            .as_nanos();
        Env {
            dir: tempfile::tempdir().unwrap(),
            service: format!("localpost-cli-test-{}-{nanos}", std::process::id()),
        }
    }

    fn cmd(&self) -> Command {
        let mut cmd = Command::cargo_bin("localpost").unwrap();
        cmd.env("LOCALPOST_DATA_DIR", self.dir.path())
            .env("LOCALPOST_KEYCHAIN_SERVICE", &self.service);
        cmd
    }
}

#[test]
fn set_list_rm_round_trip_with_the_value_from_stdin() {
    let env = Env::new();
    let value = "tok_6c1d9e2f8a7b";
    env.cmd()
        .args(["vault", "set", "api_token", "--domain", "api.example.test"])
        .write_stdin(format!("{value}\n"))
        .assert()
        .success()
        .stdout("stored vault secret api_token in the OS keychain\n");
    let listed = env.cmd().args(["vault", "list"]).assert().success();
    let out = String::from_utf8(listed.get_output().stdout.clone()).unwrap();
    assert_eq!(out, "api_token\tapi.example.test\n");
    assert!(!out.contains(value));
    // The value is in the keychain under the service, not on disk.
    let db = std::fs::read(env.dir.path().join("localpost.db")).unwrap();
    assert!(!db.windows(value.len()).any(|w| w == value.as_bytes()));

    env.cmd()
        .args(["vault", "rm", "api_token"])
        .assert()
        .success()
        .stdout("removed vault secret api_token\n");
    env.cmd()
        .args(["vault", "list"])
        .assert()
        .success()
        .stdout("no vault secrets\n");
}

#[test]
fn usage_errors_exit_2_with_a_message() {
    let env = Env::new();
    env.cmd()
        .args(["vault", "rm", "missing"])
        .assert()
        .code(2)
        .stderr("error: no vault secret named \"missing\"\n");
    let bad = env
        .cmd()
        .args(["vault", "set", "bad name"])
        .write_stdin("v")
        .assert()
        .code(2);
    let stderr = String::from_utf8_lossy(&bad.get_output().stderr).into_owned();
    assert!(
        stderr.contains("invalid vault secret name \"bad name\""),
        "{stderr}"
    );
    env.cmd()
        .args(["vault", "set", "empty"])
        .write_stdin("")
        .assert()
        .code(2)
        .stderr("error: the value is empty; nothing stored\n");
}

#[test]
fn rotate_key_reseals_and_wipe_sealed_asks_first() {
    const PASSWORD: &str = "pw-cli-rotate-62b1";
    let env = Env::new();
    let file = env.dir.path().join("auth.postman_collection.json");
    std::fs::write(
        &file,
        format!(
            r#"{{"info": {{"name": "Auth", "schema": "https://schema.getpostman.com/json/collection/v2.1.0/collection.json"}},
               "auth": {{"type": "basic", "basic": [{{"key": "username", "value": "ada"}}, {{"key": "password", "value": "{PASSWORD}"}}]}},
               "item": [{{"name": "Me", "request": {{"method": "GET", "url": "https://x.test/me"}}}}]}}"#
        ),
    )
    .unwrap();
    env.cmd().arg("import").arg(&file).assert().success();
    let db = std::fs::read(env.dir.path().join("localpost.db")).unwrap();
    assert!(!db.windows(PASSWORD.len()).any(|w| w == PASSWORD.as_bytes()));

    env.cmd()
        .args(["vault", "rotate-key"])
        .assert()
        .success()
        .stdout("rotated the data key; re-sealed 1 sealed value\n");
    env.cmd()
        .args(["vault", "wipe-sealed"])
        .assert()
        .code(2)
        .stderr(
            "error: wipe-sealed empties every sealed credential for good; pass --yes to confirm\n",
        );
    env.cmd()
        .args(["vault", "wipe-sealed", "--yes"])
        .assert()
        .success()
        .stdout("emptied 1 sealed value\n");
    // The export still reads: the password is simply empty now.
    let exported = env.dir.path().join("out.json");
    env.cmd()
        .args(["export", "collection", "Auth", "--output"])
        .arg(&exported)
        .assert()
        .success();
    let text = std::fs::read_to_string(&exported).unwrap();
    assert!(text.contains("\"username\""), "{text}");
    assert!(!text.contains(PASSWORD));
}

#[test]
fn import_lists_plain_secrets_and_moves_them_to_the_vault_when_asked() {
    let fixture = std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../../tests/fixtures/scan/leaky.postman_collection.json");
    let env = Env::new();
    let listed = env.cmd().arg("import").arg(&fixture).assert().success();
    let stderr = String::from_utf8(listed.get_output().stderr.clone()).unwrap();
    assert!(
        stderr.contains(
            "warning: plain-text secret? Leaky/Orders/Create › headers.Authorization: JSON web token (78 characters)\n"
        ),
        "{stderr}"
    );
    assert_eq!(stderr.matches("plain-text secret?").count(), 7, "{stderr}");
    assert!(!stderr.contains("q-key-4412"), "{stderr}");

    let env = Env::new();
    let moved = env
        .cmd()
        .arg("import")
        .arg("--move-secrets-to-vault")
        .arg(&fixture)
        .assert()
        .success();
    let stdout = String::from_utf8(moved.get_output().stdout.clone()).unwrap();
    assert!(
        stdout.contains(
            "  moved Leaky/Orders/Create › url: credential (10 characters) to {{vault:leaky_orders_create_url}}\n"
        ),
        "{stdout}"
    );
    assert!(
        stdout.contains("  made secret: Leaky › variables.ticket"),
        "{stdout}"
    );
    env.cmd().args(["vault", "list"]).assert().success().stdout(
        "leaky_orders_create_body\tshop.example.com\n\
             leaky_orders_create_headers_authorization\tshop.example.com\n\
             leaky_orders_create_url\tshop.example.com\n",
    );
    let db = std::fs::read(env.dir.path().join("localpost.db")).unwrap();
    for secret in [
        "c0ll-pa55word",
        "q-key-4412",
        "Zx9Qm2Lr7TvB4nW8kJ3pY6sD1fH5gA0c",
    ] {
        assert!(!db.windows(secret.len()).any(|w| w == secret.as_bytes()));
    }
    for name in [
        "leaky_orders_create_body",
        "leaky_orders_create_headers_authorization",
        "leaky_orders_create_url",
    ] {
        env.cmd().args(["vault", "rm", name]).assert().success();
    }
}
