//! Legacy v1 collections (`{id, name, order, folders[], folders_order, requests[]}`),
//! converted to v2.1 JSON the way Postman's collection transformer documents it, then read as
//! v2.1.
//!
//! The tree: a folder holds its subfolders (`folders_order`) then its requests (`order`); the
//! collection holds its top-level folders (`folders_order`, else every folder that is nobody's
//! subfolder) then the requests in its `order`. Unlike the transformer, a request no order
//! mentions is not dropped: it is placed at the top level, with a warning. Ids are kept
//! (`_postman_id`, item `id`). Fields with no place in v2.1 are listed as warnings; pure
//! bookkeeping (owner, timestamps, parent ids) is ignored. Shape errors name v1 paths
//! (`requests[2].headerData[0]`).

mod body;
mod request;
mod response;

use std::collections::{HashMap, HashSet};

use serde_json::{Value, json};

use super::collection::{self, SCHEMA_V21};
use super::error::Result;
use super::fidelity::Obj;
use super::node::Node;
use super::report::Warning;
use crate::store::CollectionImport;

/// Bookkeeping fields of v1 entities that carry nothing a v2.1 collection could hold.
const BOOKKEEPING: &[&str] = &[
    "collectionId",
    "collection_id",
    "collection",
    "folder",
    "time",
    "timestamp",
    "owner",
    "public",
    "version",
    "fromCollection",
    "lastUpdatedBy",
    "lastRevision",
    "synced",
    "createdAt",
    "updatedAt",
    "isFromCollection",
    "write",
    "remote_id",
    "remoteLink",
    "hasRequests",
    "team",
    "subscribed",
    "published",
];

/// Warns about the members of `node` that are neither `used` nor bookkeeping.
pub(super) fn warn_unused(node: &Node<'_>, used: &[&str], warnings: &mut Vec<Warning>) {
    if let Some(o) = node.value.as_object() {
        for key in o.keys() {
            if !used.contains(&key.as_str()) && !BOOKKEEPING.contains(&key.as_str()) {
                warnings.push(Warning::new(
                    node.path_of(key),
                    "this v1 field has no place in a v2.1 collection: not kept",
                ));
            }
        }
    }
}

/// Copies `description` (a non-empty string) into `out`.
pub(super) fn copy_description(node: &Node<'_>, out: &mut Obj) -> Result<()> {
    if let Some(d) = node.opt_str("description")?
        && !d.is_empty()
    {
        out.insert("description".into(), json!(d));
    }
    Ok(())
}

/// Copies the members `event`, `variable`, `protocolProfileBehavior` and (for a collection or
/// folder: a request's goes into its `request`) `auth` of a v1 entity into `out`.
pub(super) fn copy_scope(node: &Node<'_>, out: &mut Obj, with_auth: bool) -> Result<()> {
    if with_auth && let Some(auth) = request::auth(node)? {
        out.insert("auth".into(), auth);
    }
    if let Some(events) = request::events(node)? {
        out.insert("event".into(), events);
    }
    let variables = request::variables(node)?;
    if !variables.is_empty() {
        out.insert("variable".into(), Value::Array(variables));
    }
    if let Some(ppb) = node.get("protocolProfileBehavior") {
        ppb.object()?;
        out.insert("protocolProfileBehavior".into(), ppb.value.clone());
    }
    Ok(())
}

const SCOPE_FIELDS: &[&str] = &[
    "id",
    "name",
    "description",
    "auth",
    "events",
    "variables",
    "currentHelper",
    "helperAttributes",
    "protocolProfileBehavior",
];

/// The ids listed in member `key` (`order`, `folders_order`).
fn ids(node: &Node<'_>, key: &str) -> Result<Vec<String>> {
    node.opt_array(key)?
        .iter()
        .map(|n| n.str().map(String::from))
        .collect()
}

struct Tree<'a> {
    requests: HashMap<String, Node<'a>>,
    folders: HashMap<String, Node<'a>>,
    placed: HashSet<String>,
}

impl<'a> Tree<'a> {
    fn request(&mut self, id: &str, warnings: &mut Vec<Warning>) -> Result<Option<Value>> {
        match self.requests.get(id) {
            Some(node) if self.placed.insert(id.to_string()) => {
                request::item(&node.clone(), warnings).map(Some)
            }
            _ => Ok(None),
        }
    }

    fn folder(&mut self, id: &str, warnings: &mut Vec<Warning>) -> Result<Option<Value>> {
        let Some(node) = self.folders.get(id).cloned() else {
            return Ok(None);
        };
        if !self.placed.insert(format!("folder:{id}")) {
            return Ok(None);
        }
        let mut out = Obj::new();
        out.insert(
            "name".into(),
            json!(node.opt_str("name")?.unwrap_or_default()),
        );
        out.insert("id".into(), json!(id));
        copy_description(&node, &mut out)?;
        let mut items = Vec::new();
        for sub in ids(&node, "folders_order")? {
            items.extend(self.folder(&sub, warnings)?);
        }
        for req in ids(&node, "order")? {
            items.extend(self.request(&req, warnings)?);
        }
        out.insert("item".into(), Value::Array(items));
        copy_scope(&node, &mut out, true)?;
        let mut used = SCOPE_FIELDS.to_vec();
        used.extend(["order", "folders_order"]);
        warn_unused(&node, &used, warnings);
        Ok(Some(Value::Object(out)))
    }
}

fn index<'a>(nodes: Vec<Node<'a>>) -> Result<HashMap<String, Node<'a>>> {
    let mut map = HashMap::new();
    for node in nodes {
        if node.value.is_null() {
            continue;
        }
        node.object()?;
        let id = node.require("id", "a string")?.str()?.to_string();
        map.entry(id).or_insert(node);
    }
    Ok(map)
}

/// The v2.1 JSON of a v1 collection.
pub(crate) fn convert(root: &Node<'_>, warnings: &mut Vec<Warning>) -> Result<Value> {
    root.object()?;
    let request_nodes = root.opt_array("requests")?;
    let folder_nodes = root.opt_array("folders")?;
    let mut tree = Tree {
        requests: index(request_nodes.clone())?,
        folders: index(folder_nodes.clone())?,
        placed: HashSet::new(),
    };
    let subfolders: HashSet<String> = folder_nodes
        .iter()
        .map(|f| ids(f, "folders_order"))
        .collect::<Result<Vec<_>>>()?
        .into_iter()
        .flatten()
        .collect();
    let top_folders = match root.get("folders_order") {
        Some(_) => ids(root, "folders_order")?,
        None => folder_nodes
            .iter()
            .filter_map(|f| f.opt_str("id").ok().flatten().map(String::from))
            .filter(|id| !subfolders.contains(id))
            .collect(),
    };
    let mut items = Vec::new();
    for id in top_folders {
        items.extend(tree.folder(&id, warnings)?);
    }
    for id in ids(root, "order")? {
        items.extend(tree.request(&id, warnings)?);
    }
    for node in &request_nodes {
        if let Some(id) = node.opt_str("id")?
            && !tree.placed.contains(id)
            && let Some(item) = tree.request(id, warnings)?
        {
            warnings.push(Warning::new(
                node.path(),
                "no folder or order lists this request: placed at the top level",
            ));
            items.push(item);
        }
    }

    let mut info = Obj::new();
    if let Some(id) = root.opt_str("id")? {
        info.insert("_postman_id".into(), json!(id));
    }
    info.insert(
        "name".into(),
        json!(root.opt_str("name")?.unwrap_or_default()),
    );
    copy_description(root, &mut info)?;
    info.insert("schema".into(), json!(SCHEMA_V21));
    let mut out = Obj::new();
    out.insert("info".into(), Value::Object(info));
    out.insert("item".into(), Value::Array(items));
    copy_scope(root, &mut out, true)?;
    let mut used = SCOPE_FIELDS.to_vec();
    used.extend(["order", "folders_order", "folders", "requests"]);
    warn_unused(root, &used, warnings);
    Ok(Value::Object(out))
}

/// Reads a v1 collection: converted to v2.1, then read as one.
pub(crate) fn read(root: &Node<'_>, warnings: &mut Vec<Warning>) -> Result<CollectionImport> {
    let converted = convert(root, warnings)?;
    collection::read(&Node::root(&converted), warnings)
}
