//! `formats::curl::parse` over the fixtures in tests/fixtures/curl/: each input (`.sh`,
//! `.cmd`, `.ps1`) beside the requests it gives (`.json`) or its error message (`.err`).
//! `LOCALPOST_BLESS=1` rewrites the goldens; review the diff before committing it.

use std::path::{Path, PathBuf};

use localpost_core::formats::curl;
use serde_json::json;

fn fixtures() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../../tests/fixtures/curl")
}

/// What a parse gives, as the golden holds it.
fn describe(text: &str) -> (String, &'static str) {
    match curl::parse(text) {
        Ok(parsed) => {
            let requests: Vec<_> = parsed
                .requests
                .iter()
                .map(|r| {
                    json!({
                        "name": r.name,
                        "method": r.method,
                        "url": r.url,
                        "headers": r.headers.iter().map(|h| [&h.key, &h.value]).collect::<Vec<_>>(),
                        "body": r.body,
                        "auth": r.auth,
                        "settings": r.settings,
                    })
                })
                .collect();
            let warnings: Vec<String> = parsed.warnings.iter().map(|w| w.to_string()).collect();
            let value = json!({ "requests": requests, "warnings": warnings });
            let mut text = serde_json::to_string_pretty(&value).expect("serialises");
            text.push('\n');
            (text, "json")
        }
        Err(e) => (format!("{e}\n"), "err"),
    }
}

#[test]
fn every_fixture_parses_to_its_golden() {
    let bless = std::env::var_os("LOCALPOST_BLESS").is_some();
    let mut inputs: Vec<PathBuf> = std::fs::read_dir(fixtures())
        .expect("fixtures dir")
        .map(|e| e.expect("entry").path())
        .filter(|p| {
            matches!(
                p.extension().and_then(|e| e.to_str()),
                Some("sh" | "cmd" | "ps1")
            )
        })
        .collect();
    inputs.sort();
    assert!(inputs.len() >= 20, "fixtures missing: {inputs:?}");
    let mut failures = Vec::new();
    for input in &inputs {
        let text = std::fs::read_to_string(input).expect("fixture reads");
        let (got, ext) = describe(&text);
        let golden = input.with_extension(ext);
        let other = input.with_extension(if ext == "json" { "err" } else { "json" });
        if bless {
            std::fs::write(&golden, &got).expect("golden writes");
            let _ = std::fs::remove_file(&other);
            continue;
        }
        match std::fs::read_to_string(&golden) {
            Ok(want) if want == got => {}
            Ok(want) => failures.push(format!(
                "{}:\n--- want\n{want}--- got\n{got}",
                golden.display()
            )),
            Err(_) => failures.push(format!("{}: no golden; got\n{got}", golden.display())),
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

#[test]
fn is_curl_detects_commands_after_comments() {
    assert!(curl::is_curl("\n# fetch it\n  curl https://a.test\n"));
    assert!(curl::is_curl("curl.exe 'https://a.test'"));
    assert!(!curl::is_curl("{\"info\": {}}"));
    assert!(!curl::is_curl("# curl\nwget x"));
}
