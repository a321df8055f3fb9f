//! What the newman tests share: the repository root, and a loopback echo handler that both
//! newman and Localpost are sent to.

use std::path::{Path, PathBuf};

use serde_json::{Map, Value, json};

use super::server::{Recorded, Reply};

/// The repository root.
pub fn repo() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../..")
        .canonicalize()
        .expect("repository root")
}

/// Answers every request with a JSON echo of it: method, target, headers (first of each
/// name, lower case) and body as text. `/set-cookie` also sets cookie `session=abc`;
/// `/missing` answers 404.
pub fn echo(req: &Recorded) -> Reply {
    let mut headers = Map::new();
    for (name, value) in &req.headers {
        headers
            .entry(name.clone())
            .or_insert_with(|| Value::String(value.clone()));
    }
    let body = json!({
        "method": req.method,
        "target": req.target,
        "headers": headers,
        "body": req.text(),
    });
    let reply = Reply::text(body.to_string()).header("content-type", "application/json");
    let reply = match req.target.as_str() {
        "/missing" => reply.with_status(404),
        _ => reply,
    };
    match req.target.starts_with("/set-cookie") {
        true => reply.header("set-cookie", "session=abc; Path=/"),
        false => reply,
    }
}
