//! Insomnia v5 YAML: `type: collection.insomnia.rest/5.0` with `name`, `collection` (a tree:
//! items with `children` are folders), `environments` (the base environment's `data` and its
//! `subEnvironments`) and `cookieJar` (not imported, with a warning). A design document
//! (`spec.insomnia.rest/5.0`) is read for its `collection` the same way.

use super::grpc::{Protos, read_grpc};
use super::{folder, request};
use crate::formats::Parsed;
use crate::formats::node::Node;
use crate::formats::{Format, ImportError, Warning, error::Result};
use crate::model::{Auth, Collection, CollectionId, RequestSettings, Scripts, WorkspaceId};
use crate::store::{CollectionImport, EnvironmentImport, NodeImport};

fn items(list: &[Node<'_>], depth: usize, warnings: &mut Vec<Warning>) -> Result<Vec<NodeImport>> {
    let mut out = Vec::new();
    for item in list {
        item.object()?;
        if let Some(kids) = item.get("children") {
            let f = folder(item, warnings)?;
            let children = if depth < 64 {
                items(&kids.array()?, depth + 1, warnings)?
            } else {
                Vec::new()
            };
            out.push(NodeImport::Folder {
                folder: f,
                children,
            });
        } else {
            match Kind::of(item)? {
                Kind::Http => out.push(NodeImport::Request(request::read(item, warnings)?)),
                Kind::WebSocket => out.push(NodeImport::Request(request::read_websocket(
                    item,
                    &[],
                    warnings,
                )?)),
                Kind::Grpc => out.push(NodeImport::Request(read_grpc(
                    item,
                    &Protos::default(),
                    warnings,
                )?)),
                Kind::SocketIo => {
                    let mut req = request::read_websocket(item, &[], warnings)?;
                    req.protocol = crate::model::Protocol::SocketIo;
                    if item.get("eventListeners").is_some() {
                        warnings.push(Warning::new(
                            item.path(),
                            "Socket.IO event listeners are not imported (every event is shown)",
                        ));
                    }
                    out.push(NodeImport::Request(req));
                }
                Kind::Other(what) => warnings.push(Warning::new(
                    item.path(),
                    format!("{what} are not imported"),
                )),
            }
        }
    }
    Ok(out)
}

/// What a collection item without `children` is, by its id's prefix (Insomnia's models name
/// their ids `req_…`, `ws-req_…`, `greq_…`, `socketio-req_…`, `mcp-req_…`) or, without an id,
/// by the members only gRPC requests have.
enum Kind {
    Http,
    WebSocket,
    SocketIo,
    Grpc,
    /// Not imported: what to call them in the warning.
    Other(&'static str),
}

impl Kind {
    fn of(item: &Node<'_>) -> Result<Kind> {
        let id = item
            .get("meta")
            .map(|meta| meta.opt_str("id"))
            .transpose()?
            .flatten()
            .unwrap_or_default();
        Ok(if id.starts_with("ws-req") {
            Kind::WebSocket
        } else if id.starts_with("greq")
            || item.get("protoMethodName").is_some()
            || item.get("reflectionApi").is_some()
        {
            Kind::Grpc
        } else if id.starts_with("socketio-req") {
            Kind::SocketIo
        } else if id.starts_with("mcp-req") {
            Kind::Other("MCP requests")
        } else {
            Kind::Http
        })
    }
}

/// Reads the collection at `root`.
pub(crate) fn read(source: &str, root: &Node<'_>) -> Result<Vec<Parsed>> {
    let kind = root.require("type", "a string")?.str()?;
    let version = kind.rsplit('/').next().unwrap_or_default();
    if !version.starts_with('5') {
        return Err(ImportError::UnsupportedVersion {
            path: root.path_of("type"),
            found: kind.to_string(),
        });
    }
    let mut warnings = Vec::new();
    let children = items(&root.opt_array("collection")?, 0, &mut warnings)?;
    if let Some(jar) = root.get("cookieJar") {
        warnings.push(Warning::new(jar.path(), "cookie jars are not imported"));
    }
    let mut variables = Vec::new();
    let mut environments = Vec::new();
    if let Some(envs) = root.get("environments") {
        envs.object()?;
        if let Some(data) = envs.get("data") {
            variables = request::variables(&data, &mut warnings)?;
        }
        for sub in envs.opt_array("subEnvironments")? {
            sub.object()?;
            let vars = match sub.get("data") {
                Some(data) => request::variables(&data, &mut warnings)?,
                None => Vec::new(),
            };
            environments.push(EnvironmentImport {
                name: sub
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
        name: root
            .opt_str("name")?
            .filter(|n| !n.trim().is_empty())
            .unwrap_or("Insomnia collection")
            .to_string(),
        position: 0,
        description: String::new(),
        auth: Auth::inherit(),
        scripts: Scripts::default(),
        variables,
        settings: RequestSettings::default(),
        extra: Default::default(),
    };
    let mut out = vec![Parsed::from_collection(
        source,
        Format::InsomniaV5,
        CollectionImport {
            collection,
            children,
        },
        warnings,
    )];
    for env in environments {
        out.push(Parsed::from_environment(source, Format::Environment, env));
    }
    Ok(out)
}
