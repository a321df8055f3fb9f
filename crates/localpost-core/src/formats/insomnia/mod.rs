//! Insomnia exports: v4 JSON (`_type: export`, a flat list of resources) and v5 YAML
//! (`type: collection.insomnia.rest/5.0`, a tree), as a collection per workspace plus its
//! sub-environments.
//!
//! Requests keep their method, URL (enabled `parameters` appended as the query), headers, body
//! (JSON and other text, form-urlencoded, multipart with files, a file, GraphQL) and auth
//! (basic, bearer, API key, digest, OAuth 1, OAuth 2, NTLM, Hawk, AWS IAM). WebSocket requests
//! keep the same, and v4's payloads become saved messages; so do v5's Socket.IO requests.
//! gRPC requests keep their URL, method, metadata and message, and a v4 export's proto file
//! travels in the request (see [`grpc`]). Insomnia's `{{ _.var }}` references become
//! `{{var}}`. Not here: template tags (`{% … %}`, kept as written), scripts, cookie jars, API
//! specs, unit tests, MCP requests, Socket.IO event listeners: each is named in a warning.

mod auth;
mod grpc;
mod request;
mod template;
mod v4;
mod v5;

use serde_json::Value;

use super::Parsed;
use super::node::Node;
use super::{Warning, error::Result};
use crate::model::{CollectionId, Folder, FolderId, RequestSettings, Scripts};

/// Reads an Insomnia v4 export or v5 collection: its collection(s), then its environments.
pub fn read(source: &str, value: &Value) -> Result<Vec<Parsed>> {
    let root = Node::root(value);
    root.object()?;
    if root.opt_str("_type")? == Some("export") {
        v4::read(source, &root)
    } else {
        v5::read(source, &root)
    }
}

/// A folder (`request_group`, or a v5 item with `children`).
fn folder(node: &Node<'_>, warnings: &mut Vec<Warning>) -> Result<Folder> {
    let variables = match node.get("environment") {
        Some(env) if env.value.as_object().is_some_and(|o| !o.is_empty()) => {
            request::variables(&env, warnings)?
        }
        _ => Vec::new(),
    };
    Ok(Folder {
        id: FolderId(0),
        collection_id: CollectionId(0),
        parent_id: None,
        name: node
            .opt_str("name")?
            .filter(|n| !n.trim().is_empty())
            .unwrap_or("Untitled folder")
            .to_string(),
        position: 0,
        description: node.opt_str("description")?.unwrap_or_default().to_string(),
        auth: auth::read(node, warnings),
        scripts: Scripts::default(),
        variables,
        settings: RequestSettings::default(),
        extra: Default::default(),
    })
}
