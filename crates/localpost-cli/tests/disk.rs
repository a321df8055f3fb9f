//! A full disk and a read-only one (issue 13), made real: the store sits on a small tmpfs
//! mounted in a private mount namespace (`unshare -m`, as root in CI), which fills up and is
//! then remounted read-only. Real binary, real SQLite file.
//!
//! - An import that does not fit fails with one line naming the store and saying the disk is
//!   full; nothing of it is written, and what was there before is intact (SQLite's integrity
//!   check on a copy of the files, and the listing).
//! - On a read-only file system, reading and writing fail with one line naming the store and
//!   the system's reason, never a panic; a data directory that cannot be created is named too.

use std::path::Path;
use std::process::Command;

use localpost_core::store::Store;
use serde_json::json;

fn collection(path: &Path, name: &str, requests: usize, body_len: usize) {
    let items: Vec<_> = (0..requests)
        .map(|i| {
            json!({"name": format!("r{i}"), "request": {"method": "POST", "url": "http://127.0.0.1:1/x",
                "body": {"mode": "raw", "raw": "x".repeat(body_len)}}})
        })
        .collect();
    let c = json!({
        "info": {"name": name, "schema": "https://schema.getpostman.com/json/collection/v2.1.0/collection.json"},
        "item": items,
    });
    std::fs::write(path, c.to_string()).expect("collection written");
}

#[test]
fn a_full_disk_and_a_read_only_one_are_named_and_lose_nothing() {
    let work = tempfile::tempdir().expect("temp dir");
    let dir = work.path();
    collection(&dir.join("small.json"), "Small", 1, 10);
    // 300 requests of 20 kB: 6 MB, twice the tmpfs.
    collection(&dir.join("big.json"), "Big", 300, 20_000);
    std::fs::create_dir(dir.join("mnt")).expect("mount point");
    std::fs::create_dir(dir.join("copy")).expect("copy dir");
    let bin = assert_cmd::cargo::cargo_bin("localpost");
    // Each step writes its stdout, stderr and exit code to files outside the tmpfs.
    let script = r#"
set -u
step() { name=$1; shift; "$@" >"out/$name.stdout" 2>"out/$name.stderr"; echo $? >"out/$name.code"; }
mount -t tmpfs -o size=3m tmpfs mnt || exit 90
export LOCALPOST_DATA_DIR="$PWD/mnt/data"
step small "$BIN" import small.json
step big "$BIN" import big.json
step list "$BIN" list
cp mnt/data/localpost.db* copy/
mount -o remount,ro mnt || exit 91
step ro_list "$BIN" list
step ro_import "$BIN" import small.json
umount mnt && mount -t tmpfs -o size=1m,ro tmpfs mnt || exit 92
step no_dir "$BIN" list
umount mnt
"#;
    std::fs::create_dir(dir.join("out")).expect("out dir");
    let status = Command::new("unshare")
        .args(["-m", "sh", "-c", script])
        .current_dir(dir)
        .env("BIN", &bin)
        .env_remove("LOCALPOST_DATA_DIR")
        .status()
        .expect("unshare runs (util-linux)");
    assert!(
        status.success(),
        "the mount namespace and tmpfs could not be set up ({status}): this test needs root or user namespaces"
    );
    let read = |step: &str, what: &str| {
        std::fs::read_to_string(dir.join("out").join(format!("{step}.{what}")))
            .unwrap_or_else(|e| panic!("{step}.{what}: {e}"))
    };
    let code = |step: &str| read(step, "code").trim().parse::<i32>().expect("a code");
    let store = dir.join("mnt/data/localpost.db");
    let store = store.display();

    assert_eq!(code("small"), 0, "{}", read("small", "stderr"));
    assert_eq!(code("big"), 1);
    assert_eq!(
        read("big", "stderr"),
        format!(
            "error: the disk holding {store} is full: the change was not saved (the store is as it was)\n"
        )
    );
    assert_eq!(code("list"), 0, "{}", read("list", "stderr"));
    let listing = read("list", "stdout");
    assert!(listing.contains("collection 1 Small"), "{listing}");
    assert!(
        !listing.contains("Big"),
        "nothing of the failed import: {listing}"
    );
    // The files as they were on the full disk: whole, and only the small collection.
    let copy = Store::open_dir(dir.join("copy")).expect("the copy opens");
    assert_eq!(
        copy.integrity_problems().expect("check runs"),
        Vec::<String>::new()
    );
    let workspaces = copy.workspaces().expect("workspaces");
    let tree = copy.tree(workspaces[0].id).expect("tree");
    let names: Vec<&str> = tree.collections.iter().map(|c| c.name.as_str()).collect();
    assert_eq!(names, ["Small"]);

    let read_only = format!(
        "error: cannot write to the store {store}: Read-only file system (os error 30); Localpost needs a writable data directory\n"
    );
    for step in ["ro_list", "ro_import"] {
        assert_eq!(code(step), 1, "{step}");
        assert_eq!(read(step, "stderr"), read_only, "{step}");
    }
    assert_eq!(code("no_dir"), 1);
    assert_eq!(
        read("no_dir", "stderr"),
        format!(
            "error: cannot create data directory {}: Read-only file system (os error 30)\n",
            dir.join("mnt/data").display()
        )
    );
}
