//! Service descriptors from `.proto` files (on disk, or embedded in the request), compiled in
//! Rust by protox (no `protoc`), and the
//! lookups a call needs: a method by its full name, every method of every service.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex};

use miette::Diagnostic;
use prost_reflect::{DescriptorPool, MethodDescriptor};

use super::{GrpcError, Method, Result, Shape};
use crate::model::ProtoText;

/// Compiles `files` with `import_paths` searched for them and their imports, in order. With
/// no import paths, each file's own directory is one. Fails with [`GrpcError::Proto`] naming
/// the file, line and column of the first error.
pub fn from_files(files: &[PathBuf], import_paths: &[PathBuf]) -> Result<DescriptorPool> {
    let mut includes: Vec<PathBuf> = import_paths.to_vec();
    if includes.is_empty() {
        for file in files {
            let dir = file.parent().map(Path::to_path_buf).unwrap_or_default();
            let dir = if dir.as_os_str().is_empty() {
                PathBuf::from(".")
            } else {
                dir
            };
            if !includes.contains(&dir) {
                includes.push(dir);
            }
        }
    }
    for path in &includes {
        if !path.is_dir() {
            return Err(GrpcError::ProtoPath {
                path: path.clone(),
                reason: "not a directory (an import path must be one)".into(),
            });
        }
    }
    let mut compiler = protox::Compiler::new(&includes).map_err(|e| proto_error(&e))?;
    compiler.include_imports(true);
    for file in files {
        if !file.is_file() {
            return Err(GrpcError::ProtoPath {
                path: file.clone(),
                reason: "no such file".into(),
            });
        }
        compiler.open_file(file).map_err(|e| proto_error(&e))?;
    }
    Ok(compiler.descriptor_pool())
}

/// Compiles the `entries` of an embedded tree of `.proto` files (see
/// [`ProtoSource::Embedded`](crate::model::ProtoSource::Embedded)): an import is looked up in
/// each of `import_paths` of the tree in turn (the root, `""`, when none is given), then among
/// the well-known `google/protobuf` files. Returns the pool and the paths of the tree's files
/// the compile read, in the order it read them.
pub fn from_texts(
    files: &[ProtoText],
    entries: &[String],
    import_paths: &[String],
) -> Result<(DescriptorPool, Vec<String>)> {
    let tree = Tree::new(files, import_paths);
    let read = Arc::clone(&tree.read);
    let mut resolver = protox::file::ChainFileResolver::new();
    resolver.add(tree);
    resolver.add(protox::file::GoogleFileResolver::new());
    let mut compiler = protox::Compiler::with_file_resolver(resolver);
    compiler.include_imports(true);
    if entries.is_empty() {
        return Err(GrpcError::Proto {
            file: None,
            line: None,
            column: None,
            reason: "the embedded source names no file to compile".into(),
        });
    }
    for entry in entries {
        compiler
            .open_file(normalise(entry))
            .map_err(|e| proto_error(&e))?;
    }
    let used = read.lock().map(|r| r.clone()).unwrap_or_default();
    Ok((compiler.descriptor_pool(), used))
}

/// An embedded tree of `.proto` files as protox's file resolver.
struct Tree {
    files: BTreeMap<String, String>,
    import_paths: Vec<String>,
    /// The tree paths opened, in order.
    read: Arc<Mutex<Vec<String>>>,
}

impl Tree {
    fn new(files: &[ProtoText], import_paths: &[String]) -> Tree {
        let mut dirs: Vec<String> = import_paths.iter().map(|p| normalise(p)).collect();
        if dirs.is_empty() {
            dirs.push(String::new());
        }
        Tree {
            files: files
                .iter()
                .map(|f| (normalise(&f.path), f.text.clone()))
                .collect(),
            import_paths: dirs,
            read: Arc::default(),
        }
    }
}

impl protox::file::FileResolver for Tree {
    fn open_file(&self, name: &str) -> std::result::Result<protox::file::File, protox::Error> {
        for dir in &self.import_paths {
            let path = if dir.is_empty() {
                normalise(name)
            } else {
                normalise(&format!("{dir}/{name}"))
            };
            if let Some(text) = self.files.get(&path) {
                if let Ok(mut read) = self.read.lock()
                    && !read.contains(&path)
                {
                    read.push(path);
                }
                return protox::file::File::from_source(name, text);
            }
        }
        Err(protox::Error::file_not_found(name))
    }
}

/// A tree path with `\` as `/`, and no `.` or empty segments.
fn normalise(path: &str) -> String {
    path.replace('\\', "/")
        .split('/')
        .filter(|s| !s.is_empty() && *s != ".")
        .collect::<Vec<_>>()
        .join("/")
}

/// A protox error as a [`GrpcError::Proto`], with the place of its first label.
fn proto_error(e: &protox::Error) -> GrpcError {
    let mut line = None;
    let mut column = None;
    if let (Some(source), Some(label)) = (
        e.source_code(),
        e.labels().and_then(|mut labels| labels.next()),
    ) && let Ok(contents) = source.read_span(label.inner(), 0, 0)
    {
        line = Some(contents.line() + 1);
        column = Some(contents.column() + 1);
    }
    GrpcError::Proto {
        file: e.file().map(str::to_string),
        line,
        column,
        reason: e.to_string(),
    }
}

/// The method `full` (`package.Service/Method`, or `package.Service.Method`) in `pool`.
pub(crate) fn find_method(
    pool: &DescriptorPool,
    full: &str,
    source_name: &'static str,
) -> Result<MethodDescriptor> {
    let (service, method) = split_method(full)?;
    let Some(svc) = pool.get_service_by_name(service) else {
        return Err(GrpcError::UnknownMethod {
            method: full.to_string(),
            what: "service",
            source_name,
        });
    };
    svc.methods()
        .find(|m| m.name() == method)
        .ok_or_else(|| GrpcError::UnknownMethod {
            method: full.to_string(),
            what: "method",
            source_name,
        })
}

/// `package.Service/Method` (or `package.Service.Method`, or with a leading `/`) as service
/// and method names.
pub(crate) fn split_method(full: &str) -> Result<(&str, &str)> {
    let trimmed = full.trim().trim_start_matches('/');
    let split = trimmed
        .rsplit_once('/')
        .or_else(|| trimmed.rsplit_once('.'));
    match split {
        Some((service, method))
            if !service.is_empty() && !method.is_empty() && !service.contains('/') =>
        {
            Ok((service, method))
        }
        _ => Err(GrpcError::InvalidMethod {
            method: full.to_string(),
        }),
    }
}

/// Every method of every service in `pool`, by service then declaration order; the
/// reflection service itself is left out.
pub fn methods(pool: &DescriptorPool) -> Vec<Method> {
    let mut out = Vec::new();
    for service in pool.services() {
        if service.full_name().starts_with("grpc.reflection.") {
            continue;
        }
        for m in service.methods() {
            out.push(Method::of(&m));
        }
    }
    out
}

impl Method {
    pub(crate) fn of(m: &MethodDescriptor) -> Method {
        Method {
            name: format!("{}/{}", m.parent_service().full_name(), m.name()),
            input: m.input().full_name().to_string(),
            output: m.output().full_name().to_string(),
            shape: Shape::of(m),
        }
    }
}

impl Shape {
    pub(crate) fn of(m: &MethodDescriptor) -> Shape {
        match (m.is_client_streaming(), m.is_server_streaming()) {
            (false, false) => Shape::Unary,
            (false, true) => Shape::ServerStreaming,
            (true, false) => Shape::ClientStreaming,
            (true, true) => Shape::Bidirectional,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn methods_are_read_with_a_slash_or_a_dot() {
        assert_eq!(split_method("a.b.Svc/Do").unwrap(), ("a.b.Svc", "Do"));
        assert_eq!(split_method("/a.b.Svc/Do").unwrap(), ("a.b.Svc", "Do"));
        assert_eq!(split_method("a.b.Svc.Do").unwrap(), ("a.b.Svc", "Do"));
        assert!(split_method("Do").is_err());
        assert!(split_method("a/b/c").is_err());
        assert!(split_method("Svc/").is_err());
    }
}
