//! The integration tests of the desktop shell.
//!
//! One test binary for the whole crate: each file beside this one is a module of it (Cargo's
//! `autotests` is off in Cargo.toml). A file added to tests/ must be listed here:
//! `every_test_file_is_compiled` fails otherwise.

#[path = "ipc_limits.rs"]
mod ipc_limits;
#[path = "security_config.rs"]
mod security_config;

/// Every `*.rs` file in tests/ is declared above, so none is silently left out of the run.
#[test]
fn every_test_file_is_compiled() {
    let here = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests");
    let listed = include_str!("all.rs");
    let mut missing = Vec::new();
    for entry in std::fs::read_dir(&here).expect("tests/ is readable") {
        let name = entry.expect("a tests/ entry").file_name();
        let name = name.to_string_lossy();
        if name.ends_with(".rs")
            && name != "all.rs"
            && !listed.contains(&format!("#[path = \"{name}\"]"))
        {
            missing.push(name.into_owned());
        }
    }
    assert!(
        missing.is_empty(),
        "tests/all.rs does not declare {missing:?}"
    );
}
