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
