//! The desktop shell's security settings grant nothing beyond what the app uses (issue 13):
//! the content security policy in `tauri.conf.json` allows no remote origin, no inline or
//! evaluated script, and frames only for the PDF preview (`blob:`) and the visualizer's own
//! scheme; the capability file grants the main window no permission (its own commands need
//! none, and answer on channels, so it does not even listen to events); the
//! global Tauri object stays off. A change to either file must change this test too, on purpose.

use std::collections::BTreeMap;
use std::path::Path;

use serde_json::Value;

fn read(relative: &str) -> Value {
    let path = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("..")
        .join(relative);
    let text = std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    serde_json::from_str(&text).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

/// The policy's directives, each with its sources.
fn directives(csp: &str) -> BTreeMap<String, Vec<String>> {
    csp.split(';')
        .filter_map(|d| {
            let mut words = d.split_whitespace();
            let name = words.next()?.to_owned();
            Some((name, words.map(str::to_owned).collect()))
        })
        .collect()
}

#[test]
fn the_content_security_policy_allows_nothing_remote_and_no_inline_script() {
    let config = read("tauri.conf.json");
    let csp = config["app"]["security"]["csp"]
        .as_str()
        .expect("a CSP string");
    let got = directives(csp);
    let want: BTreeMap<String, Vec<String>> = [
        ("default-src", vec!["'self'"]),
        // The IPC: Tauri's custom protocol on Linux and macOS, its localhost form on Windows.
        ("connect-src", vec!["ipc:", "http://ipc.localhost"]),
        ("style-src", vec!["'self'", "'unsafe-inline'"]),
        ("img-src", vec!["'self'", "data:"]),
        // The PDF preview's blob: URL; the visualizer's scheme (src-tauri/src/visualizer.rs).
        (
            "frame-src",
            vec!["blob:", "lpviz:", "http://lpviz.localhost"],
        ),
        ("object-src", vec!["'none'"]),
    ]
    .into_iter()
    .map(|(k, v)| (k.to_owned(), v.into_iter().map(str::to_owned).collect()))
    .collect();
    assert_eq!(got, want, "{csp}");
    // No script-src: scripts fall back to 'self', the bundled UI only.
    assert!(
        !csp.contains("unsafe-eval") && !csp.contains("script-src"),
        "{csp}"
    );
    assert_eq!(config["app"]["withGlobalTauri"], Value::Bool(false));
    assert_eq!(
        config["app"]["security"].get("dangerousDisableAssetCspModification"),
        None
    );
    assert_eq!(config["app"]["security"].get("assetProtocol"), None);
}

#[test]
fn the_main_window_holds_no_permission() {
    let capability = read("capabilities/main.json");
    assert_eq!(capability["windows"], serde_json::json!(["main"]));
    assert_eq!(
        capability["permissions"],
        serde_json::json!([]),
        "a new permission must be added here, with why the app needs it"
    );
    assert_eq!(
        capability.get("remote"),
        None,
        "no remote URL may call the commands"
    );
}
