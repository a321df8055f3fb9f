//! The import goldens (`tests/fixtures/`, compared by `formats_golden.rs`) are our own output;
//! this test backs them with tools from outside, run on the same fixtures
//! (`bench/import-oracle.js`, packages pinned in `bench/package.json`):
//!
//! - each OpenAPI / Swagger fixture must validate against its specification's schema
//!   (`@apidevtools/swagger-parser`), and Postman's own converter (`openapi-to-postmanv2`,
//!   what the Postman app imports OpenAPI with) must make the same requests of it: the same
//!   folders, names, methods, URL paths (`{{baseUrl}}/dogs/:dogId`) and query parameters, in
//!   the same order;
//! - the HAR fixture must validate against the HAR 1.2 schema (`har-validator`), and
//!   Insomnia's HAR importer must read the same methods, URLs, raw bodies and form fields.
//!
//! Not covered, and why: Insomnia's v5 YAML has no reader outside the Insomnia app (its
//! importer packages on npm stop at v4), so `insomnia/collection-v5.yaml` has no oracle here.

use std::path::{Path, PathBuf};
use std::process::Command;

use localpost_core::formats::{self, Parsed};
use localpost_core::model::{Body, Request};
use localpost_core::store::NodeImport;
use serde_json::{Value, json};

fn repo() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../..")
        .canonicalize()
        .expect("repository root")
}

fn fixture(path: &str) -> PathBuf {
    repo()
        .join("crates/localpost-core/tests/fixtures")
        .join(path)
}

/// What `bench/import-oracle.js KIND FILE` prints.
fn oracle(kind: &str, file: &Path) -> Value {
    let script = repo().join("bench/import-oracle.js");
    assert!(
        repo()
            .join("bench/node_modules/openapi-to-postmanv2")
            .is_dir(),
        "bench/node_modules is missing: run `make test-deps` (npm ci in bench/)"
    );
    let out = Command::new("node")
        .arg(&script)
        .arg(kind)
        .arg(file)
        .output()
        .expect("node runs");
    assert!(
        out.status.success(),
        "{} is not valid {kind}: {}",
        file.display(),
        String::from_utf8_lossy(&out.stderr)
    );
    serde_json::from_slice(&out.stdout).expect("the oracle prints JSON")
}

fn parsed(file: &Path) -> Parsed {
    let mut all = formats::import_file(file).expect("Localpost imports it");
    assert_eq!(all.len(), 1, "one collection");
    all.remove(0)
}

/// Every request of `nodes`, depth first, with the names of the folders above it.
fn requests<'a>(
    nodes: &'a [NodeImport],
    folders: &[String],
    out: &mut Vec<(Vec<String>, &'a Request)>,
) {
    for node in nodes {
        match node {
            NodeImport::Folder { folder, children } => {
                let mut inner = folders.to_vec();
                inner.push(folder.name.clone());
                requests(children, &inner, out);
            }
            NodeImport::Request(r) => out.push((folders.to_vec(), r)),
        }
    }
}

fn ours(file: &Path) -> Vec<(Vec<String>, Request)> {
    let parsed = parsed(file);
    let collection = parsed.collection().expect("a collection");
    let mut out = Vec::new();
    requests(&collection.children, &[], &mut out);
    out.into_iter().map(|(f, r)| (f, r.clone())).collect()
}

#[test]
fn openapi_imports_make_the_requests_postmans_converter_makes() {
    for name in ["petstore-3.0.yaml", "swagger-2.0.json", "webhooks-3.1.yaml"] {
        let file = fixture(&format!("openapi/{name}"));
        let want = oracle("openapi", &file);
        let got: Vec<Value> = ours(&file)
            .into_iter()
            .map(|(folders, r)| {
                let path = r.url.split('?').next().unwrap_or_default().to_owned();
                let query: Vec<&str> = r.params.iter().map(|p| p.key.as_str()).collect();
                json!({"folders": folders, "name": r.name, "method": r.method, "path": path, "query": query})
            })
            .collect();
        assert_eq!(Value::Array(got), want, "{name}");
    }
}

#[test]
fn har_imports_read_what_insomnias_importer_reads() {
    let file = fixture("har/browser.har");
    let want = oracle("har", &file);
    let want = want.as_array().expect("a list");
    let got = ours(&file);
    assert_eq!(got.len(), want.len(), "as many requests");
    for ((_, r), w) in got.iter().zip(want) {
        let place = format!("{} {}", r.method, r.url);
        assert_eq!(r.method, w["method"], "{place}");
        assert_eq!(r.url, w["url"], "{place}");
        match &r.body {
            Body::Raw { text, .. } => {
                assert_eq!(Some(text.as_str()), w["body"].as_str(), "{place}")
            }
            Body::Urlencoded { fields } => {
                let rows: Vec<Value> = fields.iter().map(|kv| json!([kv.key, kv.value])).collect();
                assert_eq!(Value::Array(rows), w["form"], "{place}");
            }
            Body::Multipart { parts } => {
                let names: Vec<&str> = parts.iter().map(|p| p.key.as_str()).collect();
                let theirs: Vec<&str> = w["form"]
                    .as_array()
                    .expect("Insomnia reads the parts")
                    .iter()
                    .filter_map(|p| p[0].as_str())
                    .collect();
                assert_eq!(names, theirs, "{place}");
            }
            Body::None => {
                assert!(w["body"].is_null() && w["form"].is_null(), "{place}: {w}");
            }
            other => panic!("{place}: unexpected body {other:?}"),
        }
    }
}
