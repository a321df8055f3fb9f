//! Insomnia v4 exports: `{_type: "export", __export_format: 4, resources: […]}`, a flat list
//! of resources linked by `parentId`.
//!
//! Each `workspace` becomes a collection; `request_group`s become folders, `request`s
//! requests, `websocket_request`s WebSocket requests (their `websocket_payload`s saved
//! messages) and `grpc_request`s gRPC requests (their `proto_file` embedded), in
//! `metaSortKey` order. The workspace's base `environment` becomes collection variables, its
//! sub-environments become environments. Everything else (cookie jars, API specs, unit tests)
//! is named in a warning.

use std::collections::HashMap;

use serde_json::Value;

use super::grpc::{Protos, read_grpc};
use super::{folder, request};
use crate::formats::Parsed;
use crate::formats::node::Node;
use crate::formats::{Format, Warning, error::Result};
use crate::model::{Auth, Collection, CollectionId, RequestSettings, Scripts, WorkspaceId};
use crate::store::{CollectionImport, EnvironmentImport, NodeImport};

struct Resource<'a> {
    node: Node<'a>,
    kind: &'a str,
    id: &'a str,
    parent: Option<&'a str>,
    sort: f64,
}

/// The export's resources by parent, and its proto files.
struct Tree<'a, 'r> {
    by_parent: HashMap<&'a str, Vec<&'r Resource<'a>>>,
    protos: Protos<'a>,
}

fn children(
    parent: &str,
    tree: &Tree<'_, '_>,
    depth: usize,
    warnings: &mut Vec<Warning>,
) -> Result<Vec<NodeImport>> {
    let by_parent = &tree.by_parent;
    let mut out = Vec::new();
    let Some(list) = by_parent.get(parent) else {
        return Ok(out);
    };
    if depth > 64 {
        return Ok(out);
    }
    for r in list {
        match r.kind {
            "request" => out.push(NodeImport::Request(request::read(&r.node, warnings)?)),
            "websocket_request" => {
                let payloads: Vec<Node<'_>> = by_parent
                    .get(r.id)
                    .into_iter()
                    .flatten()
                    .filter(|p| p.kind == "websocket_payload")
                    .map(|p| p.node.clone())
                    .collect();
                out.push(NodeImport::Request(request::read_websocket(
                    &r.node, &payloads, warnings,
                )?));
            }
            "grpc_request" => out.push(NodeImport::Request(read_grpc(
                &r.node,
                &tree.protos,
                warnings,
            )?)),
            "request_group" => {
                let f = folder(&r.node, warnings)?;
                let kids = children(r.id, tree, depth + 1, warnings)?;
                out.push(NodeImport::Folder {
                    folder: f,
                    children: kids,
                });
            }
            _ => {}
        }
    }
    Ok(out)
}

/// Reads the export at `root`.
pub(crate) fn read(source: &str, root: &Node<'_>) -> Result<Vec<Parsed>> {
    let mut warnings = Vec::new();
    let mut resources = Vec::new();
    for node in root.require("resources", "an array")?.array()? {
        node.object()?;
        let kind = node.opt_str("_type")?.unwrap_or_default();
        let id = node.opt_str("_id")?.unwrap_or_default();
        let parent = node.opt_str("parentId")?;
        let sort = node
            .value
            .get("metaSortKey")
            .and_then(Value::as_f64)
            .unwrap_or(0.0);
        resources.push(Resource {
            node,
            kind,
            id,
            parent,
            sort,
        });
    }
    let mut by_parent: HashMap<&str, Vec<&Resource<'_>>> = HashMap::new();
    for r in &resources {
        if let Some(p) = r.parent {
            by_parent.entry(p).or_default().push(r);
        }
    }
    for list in by_parent.values_mut() {
        list.sort_by(|a, b| a.sort.total_cmp(&b.sort));
    }
    let ids: std::collections::HashSet<&str> = resources.iter().map(|r| r.id).collect();
    let mut protos = Protos::default();
    let used: std::collections::HashSet<&str> = resources
        .iter()
        .filter(|r| r.kind == "grpc_request")
        .filter_map(|r| r.node.value.get("protoFileId").and_then(Value::as_str))
        .collect();
    for r in &resources {
        if protos.add(r.kind, &r.node)? {
            continue;
        }
        match r.kind {
            "workspace" | "environment" => {}
            "request" | "request_group" | "websocket_request" | "grpc_request" => {
                if !r.parent.is_some_and(|p| ids.contains(p)) {
                    warnings.push(Warning::new(
                        r.node.path(),
                        format!("{} has no parent in the export; left out", r.kind),
                    ));
                }
            }
            "websocket_payload" => {
                let parent = r.parent.and_then(|p| resources.iter().find(|o| o.id == p));
                if parent.is_none_or(|p| p.kind != "websocket_request") {
                    warnings.push(Warning::new(
                        r.node.path(),
                        "websocket_payload has no WebSocket request in the export; left out",
                    ));
                }
            }
            "cookie_jar" => {
                warnings.push(Warning::new(r.node.path(), "cookie jars are not imported"))
            }
            other => warnings.push(Warning::new(
                r.node.path(),
                format!("{other:?} resources are not imported"),
            )),
        }
    }
    for (id, at) in protos.loose_files() {
        if !used.contains(id) {
            warnings.push(Warning::new(
                at,
                "no gRPC request uses this proto file; left out",
            ));
        }
    }
    let tree = Tree { by_parent, protos };
    let mut out = Vec::new();
    let mut environments = Vec::new();
    for ws in resources.iter().filter(|r| r.kind == "workspace") {
        let name = ws
            .node
            .opt_str("name")?
            .filter(|n| !n.trim().is_empty())
            .unwrap_or("Insomnia workspace")
            .to_string();
        let description = ws
            .node
            .opt_str("description")?
            .unwrap_or_default()
            .to_string();
        let nodes = children(ws.id, &tree, 0, &mut warnings)?;
        let mut variables = Vec::new();
        let envs = tree.by_parent.get(ws.id).cloned().unwrap_or_default();
        for base in envs.iter().filter(|r| r.kind == "environment") {
            if let Some(data) = base.node.get("data") {
                variables.extend(request::variables(&data, &mut warnings)?);
            }
            for sub in tree.by_parent.get(base.id).into_iter().flatten() {
                if sub.kind != "environment" {
                    continue;
                }
                let vars = match sub.node.get("data") {
                    Some(data) => request::variables(&data, &mut warnings)?,
                    None => Vec::new(),
                };
                environments.push(EnvironmentImport {
                    name: sub
                        .node
                        .opt_str("name")?
                        .filter(|n| !n.trim().is_empty())
                        .unwrap_or("Environment")
                        .to_string(),
                    variables: vars,
                    extra: Default::default(),
                });
            }
        }
        let collection = Collection {
            id: CollectionId(0),
            workspace_id: WorkspaceId(0),
            name,
            position: 0,
            description,
            auth: Auth::inherit(),
            scripts: Scripts::default(),
            variables,
            settings: RequestSettings::default(),
            extra: Default::default(),
        };
        out.push(Parsed::from_collection(
            source,
            Format::InsomniaV4,
            CollectionImport {
                collection,
                children: nodes,
            },
            std::mem::take(&mut warnings),
        ));
    }
    if out.is_empty() {
        warnings.push(Warning::new(
            root.path_of("resources"),
            "no workspace in the export",
        ));
        let collection = Collection {
            id: CollectionId(0),
            workspace_id: WorkspaceId(0),
            name: "Insomnia import".into(),
            position: 0,
            description: String::new(),
            auth: Auth::inherit(),
            scripts: Scripts::default(),
            variables: Vec::new(),
            settings: RequestSettings::default(),
            extra: Default::default(),
        };
        out.push(Parsed::from_collection(
            source,
            Format::InsomniaV4,
            CollectionImport {
                collection,
                children: Vec::new(),
            },
            std::mem::take(&mut warnings),
        ));
    }
    for env in environments {
        out.push(Parsed::from_environment(source, Format::Environment, env));
    }
    Ok(out)
}
