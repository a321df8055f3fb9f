//! Insomnia gRPC requests (v4 `grpc_request`, v5 items with `protoMethodName`) and the proto
//! files a v4 export holds (`proto_file`, in a tree of `proto_directory`s).
//!
//! Insomnia keeps a request's `.proto` file in its own database, not on disk, and compiles it
//! with every directory of its tree as an import path (the tree's root directory is left out
//! of the file's own path). We do the same with the file's text embedded in the request
//! ([`ProtoSource::Embedded`]): the import compiles it once to keep only the files it reads,
//! and to warn of a method the files do not have. A request with no proto file, or whose file
//! is not in the export (a v5 export never holds them), asks the server's reflection.

use std::collections::{HashMap, HashSet};

use serde_json::Value;

use super::request::{read, rows, text};
use crate::formats::node::Node;
use crate::formats::{Warning, error::Result};
use crate::http::grpc::{from_texts, methods};
use crate::model::{
    Body, GrpcCall, MessageKind, ProtoSource, ProtoText, Protocol, Request, WebSocketMessage,
};

/// How deep a tree of proto directories may be.
const MAX_DEPTH: usize = 64;

/// The proto files and directories of an export, by id.
#[derive(Default)]
pub(crate) struct Protos<'a> {
    files: HashMap<&'a str, Proto<'a>>,
    dirs: HashMap<&'a str, Proto<'a>>,
}

/// A `proto_file` (with its text) or a `proto_directory` (without).
struct Proto<'a> {
    /// Where it is in the export, for warnings.
    at: String,
    name: &'a str,
    parent: Option<&'a str>,
    text: &'a str,
}

impl<'a> Protos<'a> {
    /// Takes in resource `node` if it is a `proto_file` or `proto_directory`; says whether it
    /// was one.
    pub(crate) fn add(&mut self, kind: &str, node: &Node<'a>) -> Result<bool> {
        let (Some(id), name) = (node.opt_str("_id")?, node.opt_str("name")?.unwrap_or("")) else {
            return Ok(matches!(kind, "proto_file" | "proto_directory"));
        };
        let parent = node.opt_str("parentId")?;
        match kind {
            "proto_file" => {
                let text = node.opt_str("protoText")?.unwrap_or("");
                self.files.insert(
                    id,
                    Proto {
                        at: node.path(),
                        name,
                        parent,
                        text,
                    },
                );
            }
            "proto_directory" => {
                self.dirs.insert(
                    id,
                    Proto {
                        at: node.path(),
                        name,
                        parent,
                        text: "",
                    },
                );
            }
            _ => return Ok(false),
        }
        Ok(true)
    }

    /// The embedded source of proto file `id`: the file alone, or, in a directory, its
    /// directory tree from the topmost directory, every directory an import path.
    fn source(&self, id: &str) -> Option<Embedded> {
        let file = self.files.get(id)?;
        let mut chain = Vec::new();
        let mut seen = HashSet::new();
        let mut parent = file.parent;
        while let Some(p) = parent
            && let Some(dir) = self.dirs.get(p)
            && seen.insert(p)
            && chain.len() < MAX_DEPTH
        {
            chain.push(p);
            parent = dir.parent;
        }
        let Some(&root) = chain.last() else {
            return Some(Embedded {
                files: vec![ProtoText {
                    path: file.name.to_string(),
                    text: file.text.to_string(),
                }],
                entry: file.name.to_string(),
                import_paths: Vec::new(),
            });
        };
        // The file's path below the root: the directories under it, then its name.
        let mut entry: Vec<&str> = chain
            .iter()
            .rev()
            .skip(1)
            .map(|d| self.dirs[d].name)
            .collect();
        entry.push(file.name);
        let mut out = Embedded {
            files: Vec::new(),
            entry: entry.join("/"),
            import_paths: Vec::new(),
        };
        self.walk(root, String::new(), 0, &mut out);
        Some(out)
    }

    /// Adds directory `dir` (at tree path `path`), its files and its subdirectories to `out`.
    fn walk(&self, dir: &str, path: String, depth: usize, out: &mut Embedded) {
        if depth > MAX_DEPTH {
            return;
        }
        let join = |name: &str| {
            if path.is_empty() {
                name.to_string()
            } else {
                format!("{path}/{name}")
            }
        };
        let mut files: Vec<&Proto<'_>> = self
            .files
            .values()
            .filter(|f| f.parent == Some(dir))
            .collect();
        files.sort_by_key(|f| f.name);
        for f in files {
            out.files.push(ProtoText {
                path: join(f.name),
                text: f.text.to_string(),
            });
        }
        out.import_paths.push(path.clone());
        let mut dirs: Vec<(&str, &Proto<'_>)> = self
            .dirs
            .iter()
            .filter(|(_, d)| d.parent == Some(dir))
            .map(|(id, d)| (*id, d))
            .collect();
        dirs.sort_by_key(|(_, d)| d.name);
        for (id, d) in dirs {
            self.walk(id, join(d.name), depth + 1, out);
        }
    }

    /// The ids and places of the proto files that are in no directory.
    pub(crate) fn loose_files(&self) -> impl Iterator<Item = (&'a str, &str)> + '_ {
        self.files
            .iter()
            .filter(|(_, f)| f.parent.is_none_or(|p| !self.dirs.contains_key(p)))
            .map(|(id, f)| (*id, f.at.as_str()))
    }
}

/// An embedded source being built.
struct Embedded {
    files: Vec<ProtoText>,
    entry: String,
    import_paths: Vec<String>,
}

/// The gRPC request at `node`: its URL (`grpc://` added when it has no scheme, as Insomnia
/// reads it), method, metadata as headers, body as its one saved message, and the proto file
/// `protoFileId` names, found in `protos`.
pub(crate) fn read_grpc(
    node: &Node<'_>,
    protos: &Protos<'_>,
    warnings: &mut Vec<Warning>,
) -> Result<Request> {
    let mut req = read(node, warnings)?;
    req.protocol = Protocol::Grpc;
    req.method = "POST".to_string();
    req.body = Body::None;
    req.params.clear();
    let url = req.url.trim().to_string();
    req.url = if url.is_empty() || url.contains("://") || url.starts_with("{{") {
        url
    } else {
        format!("grpc://{url}")
    };
    if let Some((_, rest)) = req.url.split_once("://")
        && let Some((_, path)) = rest.split_once('/')
        && !path.trim_matches('/').is_empty()
    {
        warnings.push(Warning::new(
            node.path_of("url"),
            format!("the URL's path /{path} is not sent: a call goes to /package.Service/Method"),
        ));
    }
    req.headers = rows(node, "metadata", warnings)?;
    req.grpc = GrpcCall {
        method: node
            .opt_str("protoMethodName")?
            .unwrap_or_default()
            .trim()
            .trim_start_matches('/')
            .to_string(),
        source: ProtoSource::Reflection,
    };
    if let Some(body) = node.get("body") {
        let message = text(&body, "text", warnings)?;
        if !message.trim().is_empty() {
            req.messages
                .push(WebSocketMessage::new(MessageKind::Json, message));
        }
    }
    for key in ["reflectionApi", "bufReflectionApi"] {
        if node
            .value
            .get(key)
            .and_then(|r| r.get("enabled"))
            .and_then(Value::as_bool)
            == Some(true)
        {
            warnings.push(Warning::new(
                node.path_of(key),
                "the Buf Schema Registry is not asked: the proto file, or else the server's \
                 reflection, gives the methods",
            ));
        }
    }
    let file_id = node.opt_str("protoFileId")?.unwrap_or_default();
    if file_id.is_empty() {
        return Ok(req);
    }
    let Some(embedded) = protos.source(file_id) else {
        warnings.push(Warning::new(
            node.path_of("protoFileId"),
            format!(
                "its proto file {file_id:?} is not in the export (Insomnia v5 exports hold none): \
                 the server's reflection will be asked for the methods"
            ),
        ));
        return Ok(req);
    };
    req.grpc.source = compiled(embedded, &req.grpc.method, node, warnings);
    Ok(req)
}

/// `embedded` as a source, compiled once: only the files the compile read are kept, and a
/// method it does not offer is warned of. Files that do not compile are all kept, with a
/// warning saying why (the call will say it again).
fn compiled(
    embedded: Embedded,
    method: &str,
    node: &Node<'_>,
    warnings: &mut Vec<Warning>,
) -> ProtoSource {
    let entries = vec![embedded.entry];
    match from_texts(&embedded.files, &entries, &embedded.import_paths) {
        Ok((pool, used)) => {
            let offered = methods(&pool);
            if !method.is_empty() && !offered.iter().any(|m| m.name == method) {
                warnings.push(Warning::new(
                    node.path_of("protoMethodName"),
                    format!("its proto file has no method {method:?}"),
                ));
            }
            let files: Vec<ProtoText> = embedded
                .files
                .into_iter()
                .filter(|f| used.contains(&f.path))
                .collect();
            let import_paths = if embedded.import_paths.len() > 1 {
                embedded.import_paths
            } else {
                Vec::new()
            };
            ProtoSource::Embedded {
                files,
                entries,
                import_paths,
            }
        }
        Err(e) => {
            warnings.push(Warning::new(
                node.path_of("protoFileId"),
                format!("its proto file does not compile: {e}"),
            ));
            ProtoSource::Embedded {
                files: embedded.files,
                entries,
                import_paths: embedded.import_paths,
            }
        }
    }
}
