//! The real `localpost` binary, black-box: arguments, exit codes and output.
//!
//! Each test gets its own data directory; `HOME` and the XDG variables point into it too, so
//! nothing can fall back to the user's real store.

use std::path::Path;

use assert_cmd::Command;
use localpost_core::model::{NewRequest, Parent};
use localpost_core::store::{FILE_NAME, Store};

/// `localpost` with a clean environment rooted in `home`.
fn localpost(home: &Path) -> Command {
    let mut cmd = Command::cargo_bin("localpost").expect("the localpost binary is built");
    cmd.env_remove("LOCALPOST_DATA_DIR")
        .env("HOME", home)
        .env("XDG_DATA_HOME", home.join("data"))
        .env("XDG_CONFIG_HOME", home.join("config"));
    cmd
}

fn stdout_of(cmd: &mut Command) -> String {
    let output = cmd.assert().success().get_output().stdout.clone();
    String::from_utf8(output).expect("stdout is UTF-8")
}

#[test]
fn version_prints_name_and_version() {
    let home = tempfile::tempdir().expect("temp dir");
    let out = stdout_of(localpost(home.path()).arg("--version"));
    assert_eq!(out, format!("localpost {}\n", env!("CARGO_PKG_VERSION")));
}

#[test]
fn help_lists_the_commands_and_the_data_dir_option() {
    let home = tempfile::tempdir().expect("temp dir");
    let out = stdout_of(localpost(home.path()).arg("--help"));
    assert!(
        out.contains("Usage: localpost [OPTIONS] <COMMAND>"),
        "{out}"
    );
    assert!(out.contains("\n  list "), "{out}");
    assert!(out.contains("--data-dir <DIR>"), "{out}");
    assert!(out.contains("LOCALPOST_DATA_DIR"), "{out}");
}

#[test]
fn list_on_an_empty_data_dir_creates_the_store() {
    let home = tempfile::tempdir().expect("temp dir");
    let data = home.path().join("fresh");
    let out = stdout_of(
        localpost(home.path())
            .arg("--data-dir")
            .arg(&data)
            .arg("list"),
    );
    let file = data.join(FILE_NAME);
    assert_eq!(out, format!("no workspaces yet ({})\n", file.display()));
    assert!(file.is_file(), "{} was not created", file.display());
}

#[test]
fn list_shows_the_tree_with_ids() {
    let home = tempfile::tempdir().expect("temp dir");
    let data = home.path().join("data-dir");
    let (ws, coll, req) = {
        let store = Store::open_dir(&data).expect("store opens");
        let ws = store.create_workspace("Personal").expect("workspace");
        let coll = store
            .create_collection(ws.id, "Users API")
            .expect("collection");
        let req = store
            .create_request(
                NewRequest::new(Parent::Collection(coll.id), "Create user")
                    .method("POST")
                    .url("{{base}}/users"),
            )
            .expect("request");
        (ws.id, coll.id, req.id)
    };
    let out = stdout_of(
        localpost(home.path())
            .arg("--data-dir")
            .arg(&data)
            .arg("list"),
    );
    assert_eq!(
        out,
        format!(
            "workspace {ws} Personal\n  collection {coll} Users API\n    request {req} POST Create user\n"
        )
    );
}

#[test]
fn data_dir_comes_from_the_environment() {
    let home = tempfile::tempdir().expect("temp dir");
    let data = home.path().join("from-env");
    {
        let store = Store::open_dir(&data).expect("store opens");
        store.create_workspace("From env").expect("workspace");
    }
    let out = stdout_of(
        localpost(home.path())
            .env("LOCALPOST_DATA_DIR", &data)
            .arg("list"),
    );
    assert!(out.contains(" From env\n"), "{out}");
}

#[test]
fn default_data_dir_is_under_xdg_data_home() {
    let home = tempfile::tempdir().expect("temp dir");
    stdout_of(localpost(home.path()).arg("list"));
    let file = home.path().join("data/localpost").join(FILE_NAME);
    assert!(file.is_file(), "{} was not created", file.display());
}

#[test]
fn unknown_subcommand_is_bad_usage() {
    let home = tempfile::tempdir().expect("temp dir");
    let assert = localpost(home.path())
        .arg("frobnicate")
        .assert()
        .code(2)
        .stdout("");
    let stderr = String::from_utf8_lossy(&assert.get_output().stderr).into_owned();
    assert!(
        stderr.contains("unrecognized subcommand 'frobnicate'"),
        "{stderr}"
    );
}

#[test]
fn missing_subcommand_is_bad_usage() {
    let home = tempfile::tempdir().expect("temp dir");
    localpost(home.path()).assert().code(2).stdout("");
}

#[test]
fn unknown_workspace_is_bad_usage() {
    let home = tempfile::tempdir().expect("temp dir");
    let data = home.path().join("d");
    localpost(home.path())
        .args(["list", "--workspace", "Nope", "--data-dir"])
        .arg(&data)
        .assert()
        .code(2)
        .stderr("error: no workspace named \"Nope\"\n");
}

#[test]
fn unopenable_store_fails_with_exit_1() {
    let home = tempfile::tempdir().expect("temp dir");
    // A directory where the store file should be cannot be opened as SQLite.
    let data = home.path().join("blocked");
    std::fs::create_dir_all(data.join(FILE_NAME)).expect("blocking directory");
    let assert = localpost(home.path())
        .arg("--data-dir")
        .arg(&data)
        .arg("list")
        .assert()
        .code(1)
        .stdout("");
    let stderr = String::from_utf8_lossy(&assert.get_output().stderr).into_owned();
    assert!(stderr.starts_with("error: cannot open store "), "{stderr}");
}
