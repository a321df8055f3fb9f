//! OpenAPI 3.0 / 3.1 and Swagger 2.0 descriptions (JSON or YAML) as a collection.
//!
//! One request per operation, in a folder named after its first tag (untagged operations at
//! the top level, after the folders), named as Postman's importer names it: its
//! `summary`, else its `operationId` with spaces put in (`createUser`: "create User"), else its
//! `description`, else its path. The URL is `{{baseUrl}}/path/:pathVar?required=value`: `baseUrl` is a
//! collection variable holding `servers[0].url` with its variables' defaults (Swagger:
//! `schemes[0]://host basePath`). Path parameters become path variables; query and header
//! parameters become rows, enabled when required. Bodies and responses get an example: the
//! document's own (`example`, `examples`) or one generated from the schema (`$ref`s followed,
//! cycles cut; see `sample`). Responses become saved examples. Security requirements become
//! auth (the document's on the collection, an operation's own on its request; see `security`).
//!
//! Not here: external `$ref`s, callbacks, links, webhooks, cookie parameters and servers
//! other than the first: each is named in a warning.

mod body;
mod operation;
mod refs;
mod sample;
mod security;

use serde_json::Value;

use super::Parsed;
use super::node::Node;
use super::{Format, ImportError, Warning, error::Result};
use crate::model::{
    Auth, Collection, CollectionId, Folder, FolderId, RequestSettings, Scripts, Variable,
    WorkspaceId,
};
use crate::store::{CollectionImport, NodeImport};
use operation::Doc;

/// The HTTP methods a path item may hold, in the order OpenAPI lists them.
const METHODS: [&str; 8] = [
    "get", "put", "post", "delete", "options", "head", "patch", "trace",
];

/// Name of a description without `info.title`.
const UNTITLED: &str = "Untitled API";

/// Reads an OpenAPI 3.x or Swagger 2.0 document (already parsed from JSON or YAML).
pub fn read(source: &str, value: &Value) -> Result<Parsed> {
    let root = Node::root(value);
    root.object()?;
    let (format, v2) = version(&root)?;
    let doc = Doc { root: value, v2 };
    let mut warnings = Vec::new();
    let info = root.get("info");
    let name = match &info {
        Some(info) => info.opt_str("title")?.unwrap_or(UNTITLED),
        None => UNTITLED,
    };
    let description = match &info {
        Some(info) => info.opt_str("description")?.unwrap_or_default(),
        None => "",
    };
    let mut variables = vec![Variable {
        key: "baseUrl".into(),
        value: base_url(&root, v2, &mut warnings)?,
        ..Variable::default()
    }];
    let auth = match root.get("security") {
        Some(s) => security::for_requirements(value, &s, v2, &mut warnings),
        None => Auth::inherit(),
    };
    let mut auth_vars = security::variables(&auth);
    let mut folders: Vec<(String, Folder, Vec<NodeImport>)> = Vec::new();
    for tag in root.opt_array("tags")? {
        let name = folder_name(tag.require("name", "a string")?.str()?);
        let description = tag.opt_str("description")?.unwrap_or_default();
        folders.push((name.to_string(), folder(name, description), Vec::new()));
    }
    let mut top = Vec::new();
    if let Some(paths) = root.get("paths") {
        for (path, item) in paths.object()? {
            let item = Node::at(item, paths.path_of(path));
            let Some(item) = refs::deref(value, item, &mut warnings) else {
                continue;
            };
            item.object()?;
            // In the document's order, as Postman's converter takes them.
            let methods: Vec<String> = item
                .object()?
                .keys()
                .filter(|k| METHODS.contains(&k.as_str()))
                .cloned()
                .collect();
            for method in methods.iter().map(String::as_str) {
                let Some(op) = item.get(method) else {
                    continue;
                };
                let operation = operation::Operation {
                    path,
                    path_item: &item,
                    method,
                    op: &op,
                };
                let mut request = operation::request(&doc, &operation, &mut warnings)?;
                if let Some(s) = op.get("security") {
                    request.auth = security::for_requirements(value, &s, v2, &mut warnings);
                    auth_vars.extend(security::variables(&request.auth));
                }
                let tag = op
                    .opt_array("tags")?
                    .first()
                    .map(|t| t.str().map(folder_name))
                    .transpose()?;
                match tag {
                    Some(tag) => {
                        if !folders.iter().any(|(n, _, _)| n == tag) {
                            folders.push((tag.to_string(), folder(tag, ""), Vec::new()));
                        }
                        if let Some((_, _, children)) =
                            folders.iter_mut().find(|(n, _, _)| n == tag)
                        {
                            children.push(NodeImport::Request(request));
                        }
                    }
                    None => top.push(NodeImport::Request(request)),
                }
            }
        }
    }
    for key in ["webhooks", "x-webhooks"] {
        if root.get(key).is_some() {
            warnings.push(Warning::new(key, "webhooks are not imported"));
        }
    }
    for key in auth_vars {
        if !variables.iter().any(|v| v.key == key) {
            variables.push(Variable {
                key,
                ..Variable::default()
            });
        }
    }
    let mut children: Vec<NodeImport> = folders
        .into_iter()
        .filter(|(_, _, children)| !children.is_empty())
        .map(|(_, folder, children)| NodeImport::Folder { folder, children })
        .collect();
    children.extend(top);
    let collection = Collection {
        id: CollectionId(0),
        workspace_id: WorkspaceId(0),
        name: name.to_string(),
        position: 0,
        description: description.to_string(),
        auth,
        scripts: Scripts::default(),
        variables,
        settings: RequestSettings::default(),
        extra: Default::default(),
    };
    Ok(Parsed::from_collection(
        source,
        format,
        CollectionImport {
            collection,
            children,
        },
        warnings,
    ))
}

/// OpenAPI 3.x or Swagger 2.0, from `openapi` or `swagger`.
fn version(root: &Node<'_>) -> Result<(Format, bool)> {
    if let Some(v) = root.get("openapi") {
        let text = v
            .value
            .as_str()
            .map(str::to_string)
            .unwrap_or_else(|| v.value.to_string());
        if text.starts_with("3.") {
            return Ok((Format::Openapi3, false));
        }
        return Err(ImportError::UnsupportedVersion {
            path: v.path(),
            found: text,
        });
    }
    let v = root.require("swagger", "a version")?;
    let text = v
        .value
        .as_str()
        .map(str::to_string)
        .unwrap_or_else(|| v.value.to_string());
    if text == "2.0" {
        Ok((Format::Swagger2, true))
    } else {
        Err(ImportError::UnsupportedVersion {
            path: v.path(),
            found: text,
        })
    }
}

/// `servers[0].url` with its variables' defaults, or Swagger's `schemes[0]://host basePath`,
/// without a trailing `/`; empty (with a warning) when the document names none.
fn base_url(root: &Node<'_>, v2: bool, warnings: &mut Vec<Warning>) -> Result<String> {
    if v2 {
        let scheme = root
            .opt_array("schemes")?
            .first()
            .map(|s| s.str())
            .transpose()?
            .unwrap_or("https");
        let base_path = root.opt_str("basePath")?.unwrap_or_default();
        let url = match root.opt_str("host")? {
            Some(host) => format!("{scheme}://{host}{base_path}"),
            None => base_path.to_string(),
        };
        return Ok(url.trim_end_matches('/').to_string());
    }
    let servers = root.opt_array("servers")?;
    let Some(server) = servers.first() else {
        warnings.push(Warning::new(
            "servers",
            "no server: set the baseUrl variable to the API's address",
        ));
        return Ok(String::new());
    };
    if servers.len() > 1 {
        warnings.push(Warning::new(
            root.path_of("servers"),
            format!(
                "only the first of {} servers is used as baseUrl",
                servers.len()
            ),
        ));
    }
    let mut url = server.require("url", "a string")?.str()?.to_string();
    if let Some(vars) = server.get("variables") {
        for (name, var) in vars.object()? {
            let default = var.get("default").map(operation::text).unwrap_or_default();
            url = url.replace(&format!("{{{name}}}"), &default);
        }
    }
    Ok(url.trim_end_matches('/').to_string())
}

/// A tag as a folder name (a blank tag would be refused by the store).
fn folder_name(tag: &str) -> &str {
    if tag.trim().is_empty() {
        "(untagged)"
    } else {
        tag
    }
}

fn folder(name: &str, description: &str) -> Folder {
    Folder {
        id: FolderId(0),
        collection_id: CollectionId(0),
        parent_id: None,
        name: name.to_string(),
        position: 0,
        description: description.to_string(),
        auth: Auth::inherit(),
        scripts: Scripts::default(),
        variables: Vec::new(),
        settings: RequestSettings::default(),
        extra: Default::default(),
    }
}
