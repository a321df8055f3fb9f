//! The check every crate's one integration-test binary runs: each `*.rs` file in its `tests/`
//! is declared in its `tests/all.rs` (`#[path = "name.rs"]`), so none is silently left out of
//! the run. Each `tests/all.rs` includes this file with `#[path]`.

/// Panics naming each `*.rs` file of `manifest_dir/tests` that `all_rs` (the text of
/// `tests/all.rs`) does not declare.
pub fn check(manifest_dir: &str, all_rs: &str) {
    let here = std::path::Path::new(manifest_dir).join("tests");
    let mut missing = Vec::new();
    for entry in std::fs::read_dir(&here).expect("tests/ is readable") {
        let name = entry.expect("a tests/ entry").file_name();
        let name = name.to_string_lossy();
        if name.ends_with(".rs")
            && name != "all.rs"
            && !all_rs.contains(&format!("#[path = \"{name}\"]"))
        {
            missing.push(name.into_owned());
        }
    }
    assert!(
        missing.is_empty(),
        "tests/all.rs does not declare {missing:?}"
    );
}
