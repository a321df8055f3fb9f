//! `snippets`: goldens for every language (tests/fixtures/snippets/), the curl
//! snippet read back by `formats::curl::parse`, and the curl and Python snippets run for real
//! against a loopback server, compared with what the engine itself sends.
//! `LOCALPOST_BLESS=1` rewrites the goldens; review the diff before committing it.

use crate::server;

use std::path::{Path, PathBuf};
use std::process::Command;

use localpost_core::formats::curl;
use localpost_core::http::{self, Engine, Inheritance, PreparedRequest};
use localpost_core::model::{Body, FormPart, FormValue, KeyValue, RawLanguage, Request};
use localpost_core::snippets::{self, Language};
use localpost_core::template::{Scope, Variables};
use server::{Recorded, Reply, Server};
use tokio_util::sync::CancellationToken;

fn request(method: &str, url: &str) -> Request {
    Request::unsaved(method, url)
}

/// Text every language must carry through unchanged.
const TRICKY: &str =
    "it's \"quoted\" $HOME `cmd` \\back\\slash\nsecond line\ttab café ☕ ‘curly’ %s {}";

/// POST with JSON full of quotes, `$`, backslashes, a line break and non-ASCII text, a
/// rendered variable and an unresolved `{{token}}`.
fn tricky(base: &str) -> Request {
    let mut r = request(
        "POST",
        &format!("{base}/items/{{{{id}}}}?q=caf%C3%A9&x=a'b"),
    );
    r.headers = vec![
        KeyValue::new("Authorization", "Bearer {{token}}"),
        KeyValue::new("X-Quote", "it's \"quoted\" $HOME \\ `x`"),
        KeyValue::new("X-Empty", ""),
        KeyValue::new("X-Dup", "1"),
        KeyValue::new("X-Dup", "2"),
    ];
    r.body = Body::Raw {
        text: serde_json::json!({ "msg": TRICKY }).to_string() + "\n" + TRICKY,
        language: RawLanguage::Json,
    };
    r
}

/// Multipart with a text and a file part; no redirects, no TLS verification.
fn form(base: &str) -> Request {
    let mut r = request("PUT", &format!("{base}/upload"));
    r.body = Body::Multipart {
        parts: vec![
            FormPart {
                key: "title".into(),
                value: FormValue::Text {
                    value: TRICKY.into(),
                },
                content_type: None,
                enabled: true,
                description: String::new(),
                extra: Default::default(),
            },
            FormPart {
                key: "photo".into(),
                value: FormValue::File {
                    paths: vec!["/tmp/it's here/beach.jpg".into()],
                },
                content_type: Some("image/jpeg".into()),
                enabled: true,
                description: String::new(),
                extra: Default::default(),
            },
        ],
    };
    r.settings.follow_redirects = Some(false);
    r.settings.verify_tls = Some(false);
    r
}

/// A custom method with a file body.
fn file_body(base: &str, path: &str) -> Request {
    let mut r = request("PURGE", &format!("{base}/cache"));
    r.headers = vec![KeyValue::new("Content-Type", "application/octet-stream")];
    r.body = Body::Binary { path: path.into() };
    r
}

fn vars() -> Variables {
    let mut v = Variables::new();
    v.set(Scope::Environment, "id", "7");
    v
}

fn prepare(r: &Request) -> PreparedRequest {
    http::prepare(r, &vars(), &Inheritance::new()).expect("prepares")
}

fn extension(l: Language) -> &'static str {
    match l {
        Language::Curl => "curl.sh",
        Language::Httpie => "httpie.sh",
        Language::Python => "py",
        Language::Fetch => "fetch.mjs",
        Language::Axios => "axios.mjs",
        Language::Go => "go",
        Language::Rust => "rs",
        Language::Java => "java",
        Language::Csharp => "cs",
        Language::PowerShell => "ps1",
    }
}

fn fixtures() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../../tests/fixtures/snippets")
}

#[test]
fn every_language_matches_its_golden() {
    let bless = std::env::var_os("LOCALPOST_BLESS").is_some();
    let base = "https://api.test";
    let cases = [
        ("tricky", tricky(base)),
        ("form", form(base)),
        ("file", file_body(base, "/tmp/payload.bin")),
    ];
    let mut failures = Vec::new();
    for (name, r) in &cases {
        let prepared = prepare(r);
        for language in Language::ALL {
            let got = snippets::render(&prepared, language);
            let path = fixtures().join(format!("{name}.{}", extension(language)));
            if bless {
                std::fs::write(&path, &got).expect("golden writes");
                continue;
            }
            match std::fs::read_to_string(&path) {
                Ok(want) if want == got => {}
                Ok(want) => failures.push(format!(
                    "{}:\n--- want\n{want}--- got\n{got}",
                    path.display()
                )),
                Err(_) => failures.push(format!("{}: no golden; got\n{got}", path.display())),
            }
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

#[test]
fn the_curl_snippet_parses_back_to_the_same_request() {
    for r in [
        tricky("https://api.test"),
        form("http://h.test"),
        file_body("http://h", "/p"),
    ] {
        let prepared = prepare(&r);
        let text = snippets::render(&prepared, Language::Curl);
        let parsed = curl::parse(&text).unwrap_or_else(|e| panic!("{e}:\n{text}"));
        assert_eq!(parsed.warnings, [], "{text}");
        let back = &parsed.requests[0];
        assert_eq!(back.method, prepared.method, "{text}");
        assert_eq!(back.url, prepared.url.as_str(), "{text}");
        let again = http::prepare(back, &Variables::new(), &Inheritance::new()).expect("prepares");
        let headers = |p: &PreparedRequest| -> Vec<(String, String)> {
            p.headers
                .iter()
                .filter(|h| {
                    !(h.is_named("content-type")
                        && matches!(p.body, http::PreparedBody::Multipart { .. }))
                })
                .map(|h| (h.name.to_ascii_lowercase(), h.value.clone()))
                .collect()
        };
        assert_eq!(headers(&again), headers(&prepared), "{text}");
        match (&again.body, &prepared.body) {
            (
                http::PreparedBody::Multipart { parts: a, .. },
                http::PreparedBody::Multipart { parts: b, .. },
            ) => assert_eq!(a, b, "{text}"),
            (a, b) => assert_eq!(a, b, "{text}"),
        }
        assert_eq!(
            again.settings.follow_redirects,
            prepared.settings.follow_redirects
        );
        assert_eq!(again.settings.verify_tls, prepared.settings.verify_tls);
    }
}

/// Headers every client sets its own way.
const CLIENT_HEADERS: [&str; 6] = [
    "user-agent",
    "accept",
    "accept-encoding",
    "host",
    "content-length",
    "connection",
];

/// What a server received, less what each client chooses for itself.
fn essence(r: &Recorded) -> (String, String, Vec<(String, String)>, Vec<u8>) {
    // Repeated headers joined with `, ` (as Python's dict holds them), then sorted by name.
    let mut headers: Vec<(String, String)> = Vec::new();
    for (k, v) in r
        .headers
        .iter()
        .filter(|(k, _)| !CLIENT_HEADERS.contains(&k.as_str()))
    {
        match headers.iter_mut().find(|(n, _)| n == k) {
            Some((_, joined)) => {
                joined.push_str(", ");
                joined.push_str(v);
            }
            None => headers.push((k.clone(), v.clone())),
        }
    }
    headers.sort();
    (r.method.clone(), r.target.clone(), headers, r.body.clone())
}

/// Sends `r` with the engine, then runs its snippet in `language` with `program args…`; the
/// server must see the same request twice.
async fn same_on_the_wire(r: &Request, language: Language, program: &str, args: &[&str]) {
    let server = Server::start(|_| Reply::text("ok"));
    let mut r = r.clone();
    r.url = r.url.replace("{base}", &server.url(""));
    let prepared = prepare(&r);
    Engine::new()
        .send(&prepared, &CancellationToken::new())
        .await
        .expect("engine sends");
    let snippet = snippets::render(&prepared, language);
    let output = Command::new(program)
        .args(args)
        .arg(&snippet)
        .output()
        .unwrap_or_else(|e| panic!("{program} runs: {e}"));
    assert!(
        output.status.success(),
        "{program} failed: {}\n{snippet}",
        String::from_utf8_lossy(&output.stderr)
    );
    let hits = server.hits();
    assert_eq!(hits.len(), 2, "{snippet}");
    assert_eq!(essence(&hits[1]), essence(&hits[0]), "{snippet}");
}

fn payload() -> tempfile::NamedTempFile {
    let file = tempfile::NamedTempFile::new().expect("temp file");
    std::fs::write(file.path(), b"\x00\x01binary\xff'\"$\n").expect("writes");
    file
}

#[tokio::test]
async fn the_curl_snippet_sends_what_the_engine_sends() {
    let mut r = tricky("{base}");
    r.headers.retain(|h| h.key != "X-Empty"); // curl and hyper differ on empty values' spacing
    same_on_the_wire(&r, Language::Curl, "bash", &["-c"]).await;
    let file = payload();
    let path = file.path().display().to_string();
    same_on_the_wire(&file_body("{base}", &path), Language::Curl, "bash", &["-c"]).await;
}

#[tokio::test]
async fn the_python_snippet_sends_what_the_engine_sends() {
    let has_requests = Command::new("python3")
        .args(["-c", "import requests"])
        .output()
        .is_ok_and(|o| o.status.success());
    if !has_requests {
        println!("skipped: python3 with the requests package is not installed here");
        return;
    }
    let mut r = tricky("{base}");
    r.headers.retain(|h| h.key != "X-Empty");
    same_on_the_wire(&r, Language::Python, "python3", &["-c"]).await;
    let file = payload();
    let path = file.path().display().to_string();
    same_on_the_wire(
        &file_body("{base}", &path),
        Language::Python,
        "python3",
        &["-c"],
    )
    .await;
}
