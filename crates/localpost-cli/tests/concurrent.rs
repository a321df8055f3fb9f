//! Several `localpost` processes writing one store at once (issue 13): parallel CI jobs, or the
//! CLI beside the open app. Each must succeed, none waiting on a lock it cannot get, and nothing
//! written may be lost; on a new data directory they race the migrations too. Real binary,
//! real SQLite file.

use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};

const WRITERS: usize = 6;

fn fixture(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../../tests/fixtures/postman")
        .join(name)
}

/// `localpost` on the store in `home`, with a keychain service of its own (the test runs in
/// `scripts/test-session.sh`, whose keychain seals the imports' credentials).
fn localpost(home: &Path, args: &[&str]) -> Command {
    let service = format!(
        "localpost-test-concurrent-{}",
        home.file_name().and_then(|n| n.to_str()).unwrap_or("x")
    );
    let mut cmd = Command::new(env!("CARGO_BIN_EXE_localpost"));
    cmd.args(args)
        .env("LOCALPOST_KEYCHAIN_SERVICE", service)
        .env("LOCALPOST_DATA_DIR", home.join("data"))
        .env("HOME", home)
        .env("XDG_DATA_HOME", home.join("xdg"))
        .stdout(Stdio::piped())
        .stderr(Stdio::piped());
    cmd
}

fn finish(child: Child, what: &str) -> String {
    let out = child.wait_with_output().expect("it ran");
    assert!(
        out.status.success(),
        "{what} failed ({}): {}",
        out.status,
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8_lossy(&out.stdout).into_owned()
}

#[test]
fn parallel_imports_on_a_new_data_directory_all_land() {
    let collection = fixture("full.postman_collection.json");
    let collection = collection.to_str().expect("UTF-8 path");
    for round in 0..3 {
        let home = tempfile::tempdir().expect("temp dir");
        let children: Vec<Child> = (0..WRITERS)
            .map(|_| {
                localpost(home.path(), &["import", "--as-copy", collection])
                    .spawn()
                    .expect("spawned")
            })
            .collect();
        for (i, child) in children.into_iter().enumerate() {
            finish(child, &format!("round {round}, import {i}"));
        }
        let listed = finish(
            localpost(home.path(), &["list"]).spawn().expect("spawned"),
            "list",
        );
        let collections = listed
            .lines()
            .filter(|l| l.trim_start().starts_with("collection "))
            .count();
        assert_eq!(collections, WRITERS, "round {round}: {listed}");
        // Every import's sealed credentials open with the one data key the store kept.
        let ids: Vec<String> = listed
            .lines()
            .filter_map(|l| l.trim_start().strip_prefix("collection "))
            .filter_map(|l| l.split_whitespace().next().map(str::to_owned))
            .collect();
        for id in ids {
            let exported = finish(
                localpost(home.path(), &["export", "collection", &id, "--output", "-"])
                    .spawn()
                    .expect("spawned"),
                &format!("round {round}, export of collection {id}"),
            );
            assert!(exported.contains("Fixture Store API"), "{exported}");
        }
    }
}

/// Without `--as-copy` or `--replace`, the same collection imported by several processes at
/// once lands once: the others fail as they would have a moment later, naming the collection
/// already there, and write nothing (the check is inside the import's transaction).
#[test]
fn parallel_imports_of_one_collection_without_a_choice_land_once() {
    let collection = fixture("full.postman_collection.json");
    let collection = collection.to_str().expect("UTF-8 path");
    let home = tempfile::tempdir().expect("temp dir");
    let children: Vec<Child> = (0..WRITERS)
        .map(|_| {
            localpost(home.path(), &["import", collection])
                .spawn()
                .expect("spawned")
        })
        .collect();
    let mut landed = 0;
    for (i, child) in children.into_iter().enumerate() {
        let out = child.wait_with_output().expect("it ran");
        let stderr = String::from_utf8_lossy(&out.stderr);
        if out.status.success() {
            landed += 1;
        } else {
            assert!(
                stderr.contains("is already in this workspace as collection"),
                "import {i} failed otherwise ({}): {stderr}",
                out.status
            );
        }
    }
    assert_eq!(landed, 1, "exactly one import lands");
    let listed = finish(
        localpost(home.path(), &["list"]).spawn().expect("spawned"),
        "list",
    );
    let collections = listed
        .lines()
        .filter(|l| l.trim_start().starts_with("collection "))
        .count();
    assert_eq!(collections, 1, "{listed}");
}
