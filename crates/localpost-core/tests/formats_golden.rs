//! Golden tests for the importers of issue 5 (OpenAPI, Swagger, Insomnia, HAR, Postman dumps):
//! each fixture under `tests/fixtures/<format>/` is read by `formats::parse_any` exactly as the
//! CLI and the app read it, and what it gives (the model values, the warnings) is compared with
//! `<fixture>.out.json`; a fixture that must fail is compared with `<fixture>.err`, the spec of
//! its message. `UPDATE_GOLDENS=1 cargo test -p localpost-core --test all formats_golden` rewrites the goldens (read
//! the diff before committing it).

use std::path::{Path, PathBuf};

use localpost_core::formats::{self, Parsed};
use localpost_core::store::NodeImport;
use serde_json::{Value, json};

fn fixtures() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures")
}

/// A model value as JSON without the placeholder ids an unsaved value carries.
fn plain(value: impl serde::Serialize) -> Value {
    let mut v = serde_json::to_value(value).expect("serialisable");
    if let Value::Object(o) = &mut v {
        for key in [
            "id",
            "workspaceId",
            "collectionId",
            "folderId",
            "parentId",
            "position",
        ] {
            o.remove(key);
        }
    }
    v
}

fn nodes(children: &[NodeImport]) -> Value {
    Value::Array(
        children
            .iter()
            .map(|node| match node {
                NodeImport::Folder { folder, children } => {
                    let mut f = plain(folder);
                    f["children"] = nodes(children);
                    json!({ "folder": f })
                }
                NodeImport::Request(r) => json!({ "request": plain(r) }),
            })
            .collect(),
    )
}

fn view(parsed: &[Parsed]) -> Value {
    Value::Array(
        parsed
            .iter()
            .map(|p| {
                let mut out = json!({ "source": p.source, "format": p.format.to_string() });
                if let Some(c) = p.collection() {
                    let mut coll = plain(&c.collection);
                    coll["children"] = nodes(&c.children);
                    out["collection"] = coll;
                }
                if let Some(e) = p.environment() {
                    out["environment"] = json!({"name": e.name, "variables": e.variables});
                }
                if let Some(g) = p.globals() {
                    out["globals"] = json!(g);
                }
                out["warnings"] =
                    json!(p.warnings.iter().map(|w| w.to_string()).collect::<Vec<_>>());
                out
            })
            .collect(),
    )
}

/// Reads `<format>/<name>` and compares with its golden.
fn check(format: &str, name: &str) {
    let path = fixtures().join(format).join(name);
    let bytes = std::fs::read(&path).expect("fixture readable");
    let got = match formats::parse_any(name, &bytes) {
        Ok(parsed) => (
            "out.json",
            serde_json::to_string_pretty(&view(&parsed)).expect("json") + "\n",
        ),
        Err(e) => ("err", format!("{e}\n")),
    };
    let golden = PathBuf::from(format!("{}.{}", path.display(), got.0));
    if std::env::var_os("UPDATE_GOLDENS").is_some() {
        std::fs::write(&golden, &got.1).expect("golden written");
        return;
    }
    let want = std::fs::read_to_string(&golden)
        .unwrap_or_else(|_| panic!("{} missing; got:\n{}", golden.display(), got.1));
    assert_eq!(got.1, want, "{} differs", golden.display());
    let other = if got.0 == "err" { "out.json" } else { "err" };
    assert!(
        !Path::new(&format!("{}.{other}", path.display())).exists(),
        "{name} has both goldens"
    );
}

#[test]
fn insomnia_v4_websocket_requests_and_payloads() {
    check("insomnia", "websocket-v4.json");
}

#[test]
fn insomnia_v4_grpc_requests_with_their_proto_files_embedded() {
    check("insomnia", "grpc-v4.json");
}

#[test]
fn insomnia_v5_websocket_request_and_what_is_left_out() {
    check("insomnia", "websocket-v5.yaml");
}

#[test]
fn openapi_3_0_yaml() {
    check("openapi", "petstore-3.0.yaml");
}

#[test]
fn swagger_2_0_json() {
    check("openapi", "swagger-2.0.json");
}

#[test]
fn openapi_3_1_unsupported_pieces_are_warnings() {
    check("openapi", "webhooks-3.1.yaml");
}

#[test]
fn openapi_wrong_shape_names_the_parameter() {
    check("openapi", "bad-parameter.yaml");
}

#[test]
fn openapi_invalid_yaml_gives_line_and_column() {
    check("openapi", "bad-yaml.yaml");
}

#[test]
fn swagger_1_2_is_refused() {
    check("openapi", "old-swagger.json");
}

#[test]
fn insomnia_v4_export() {
    check("insomnia", "export-v4.json");
}

#[test]
fn insomnia_v5_collection() {
    check("insomnia", "collection-v5.yaml");
}

#[test]
fn insomnia_wrong_body_names_the_resource() {
    check("insomnia", "bad-body.json");
}

#[test]
fn har_browser_recording() {
    check("har", "browser.har");
}

#[test]
fn har_wrong_url_names_the_entry() {
    check("har", "bad-url.har");
}

#[test]
fn postman_data_dump_zip() {
    check("dump", "postman-export.zip");
}

#[test]
fn postman_legacy_dump() {
    check("dump", "legacy.postman_dump");
}
