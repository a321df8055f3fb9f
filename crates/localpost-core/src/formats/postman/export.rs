//! Writing a stored collection, environment or workspace globals as Postman v2.1 JSON.

use serde_json::Value;

use super::report::{ExportReport, Warning};
use super::{collection, environment, item};
use crate::model::{Classification, CollectionId, EnvironmentId, Protocol, TreeNode, WorkspaceId};
use crate::store::{Result, Store, StoreError};
use crate::template::{Dynamic, SystemEntropy};

/// A fresh Postman id (a v4 UUID).
fn new_id() -> String {
    Dynamic::new(SystemEntropy)
        .value("$guid")
        .unwrap_or_default()
}

/// What a collection is written for.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Target {
    /// A Postman collection file: WebSocket requests are left out, each named in a warning.
    Collection,
    /// A data dump, which keeps everything of ours: WebSocket requests are written with
    /// Localpost's own `localpost` member (Postman reads them as plain `GET`s).
    Dump,
}

struct Walk<'a> {
    store: &'a Store,
    report: &'a mut ExportReport,
    class: Classification,
    target: Target,
}

fn write_nodes(walk: &mut Walk<'_>, nodes: &[TreeNode], prefix: &str) -> Result<Vec<Value>> {
    let store = walk.store;
    let class = walk.class;
    let mut items = Vec::with_capacity(nodes.len());
    for (i, node) in nodes.iter().enumerate() {
        let path = format!("{prefix}item[{i}]");
        items.push(match node {
            TreeNode::Folder { id, children, .. } => {
                let folder = store.folder(*id)?;
                let children = write_nodes(walk, children, &format!("{path}."))?;
                item::write_folder(&folder, children, &path, walk.report)
            }
            TreeNode::Request { id, .. } => {
                let report = &mut *walk.report;
                let mut request = store.request(*id)?;
                let kind = match request.protocol {
                    Protocol::WebSocket => Some("WebSocket"),
                    Protocol::Grpc => Some("gRPC"),
                    Protocol::SocketIo => Some("Socket.IO"),
                    Protocol::Http => None,
                };
                if let Some(kind) = kind {
                    let note = match walk.target {
                        Target::Collection => {
                            report.warnings.push(Warning::new(
                                path,
                                format!(
                                    "{kind} request {:?} left out: Postman collection v2.1 \
                                     has no place for {kind} requests",
                                    request.name
                                ),
                            ));
                            continue;
                        }
                        Target::Dump => format!(
                            "{kind} request {:?} kept in Localpost's own \"localpost\" member; \
                             Postman reads it as a plain {}",
                            request.name,
                            match request.protocol {
                                Protocol::Grpc => "request",
                                _ => "GET",
                            }
                        ),
                    };
                    report.warnings.push(Warning::new(path.clone(), note));
                }
                if !class.allows_examples() && !request.examples.is_empty() {
                    request.examples.clear();
                    report.warnings.push(Warning::new(
                        format!("{path}.response"),
                        "example responses withheld: the workspace is restricted",
                    ));
                }
                item::write_request(&request, &path, report)
            }
        });
    }
    Ok(items)
}

/// A collection as a v2.1 collection file, with what the export withheld (secret values)
/// or could not write. Fields kept from an import come back as they were read; a collection
/// without a Postman id gets a new one.
pub fn export_collection(store: &Store, id: CollectionId) -> Result<(Value, ExportReport)> {
    write_collection(store, id, Target::Collection)
}

/// [`export_collection`] for `target`.
pub(crate) fn write_collection(
    store: &Store,
    id: CollectionId,
    target: Target,
) -> Result<(Value, ExportReport)> {
    let coll = store.collection(id)?;
    let tree = store.tree(coll.workspace_id)?;
    let children = tree
        .collections
        .iter()
        .find(|c| c.id == id)
        .map(|c| c.children.as_slice())
        .ok_or(StoreError::NotFound {
            what: "collection",
            id: id.0,
        })?;
    let mut report = ExportReport::default();
    let class = store.workspace(coll.workspace_id)?.classification;
    let mut walk = Walk {
        store,
        report: &mut report,
        class,
        target,
    };
    let items = write_nodes(&mut walk, children, "")?;
    let value = collection::write(&coll, items, new_id, &mut report);
    report.secrets = scan_export(&value);
    Ok((value, report))
}

/// The secret scanner over an exported collection, read back as an import would read it.
fn scan_export(value: &Value) -> Vec<crate::secrets::Finding> {
    let Ok(parsed) = super::from_value("export", value) else {
        return Vec::new();
    };
    let Some(collection) = parsed.collection() else {
        return Vec::new();
    };
    let bundle = crate::store::ImportBundle {
        collections: vec![collection.clone()],
        ..Default::default()
    };
    crate::secrets::scan(&bundle)
}

/// An environment as a Postman environment file. Secret values are written empty.
pub fn export_environment(store: &Store, id: EnvironmentId) -> Result<(Value, ExportReport)> {
    let env = store.environment(id)?;
    let mut report = ExportReport::default();
    let value = environment::write(&env, new_id, &mut report);
    Ok((value, report))
}

/// A workspace's globals as a Postman globals file. Secret values are written empty.
pub fn export_globals(store: &Store, workspace: WorkspaceId) -> Result<(Value, ExportReport)> {
    let ws = store.workspace(workspace)?;
    let mut report = ExportReport::default();
    let name = format!("{} Globals", ws.name);
    let value = environment::write_globals(&name, &ws.globals, new_id(), &mut report);
    Ok((value, report))
}
