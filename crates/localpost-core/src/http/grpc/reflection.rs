//! Descriptors asked of the server: the gRPC reflection service, `grpc.reflection.v1` and,
//! when a server offers only that, `grpc.reflection.v1alpha` (the same messages).

use std::collections::{BTreeMap, BTreeSet};

use bytes::Bytes;
use prost::Message as _;
use prost_reflect::DescriptorPool;
use prost_types::{FileDescriptorProto, FileDescriptorSet};
use tokio_util::sync::CancellationToken;

use super::super::{Engine, PreparedRequest};
use super::exchange::{Outbound, exchange};
use super::{GrpcError, Result, wire};

/// The reflection services, newest first.
const SERVICES: [&str; 2] = [
    "/grpc.reflection.v1.ServerReflection/ServerReflectionInfo",
    "/grpc.reflection.v1alpha.ServerReflection/ServerReflectionInfo",
];

/// How many rounds of imports are asked for before giving up (a cycle, a server looping).
const MAX_ROUNDS: usize = 32;

/// `ServerReflectionRequest`, with the requests this client makes.
#[derive(Clone, PartialEq, prost::Message)]
struct ReflectionRequest {
    #[prost(string, tag = "1")]
    host: String,
    #[prost(oneof = "Ask", tags = "3, 4, 7")]
    ask: Option<Ask>,
}

#[derive(Clone, PartialEq, prost::Oneof)]
enum Ask {
    #[prost(string, tag = "3")]
    FileByFilename(String),
    #[prost(string, tag = "4")]
    FileContainingSymbol(String),
    #[prost(string, tag = "7")]
    ListServices(String),
}

/// `ServerReflectionResponse`, with the answers this client reads.
#[derive(Clone, PartialEq, prost::Message)]
struct ReflectionResponse {
    #[prost(oneof = "Answer", tags = "4, 6, 7")]
    answer: Option<Answer>,
}

#[derive(Clone, PartialEq, prost::Oneof)]
enum Answer {
    #[prost(message, tag = "4")]
    Files(FileDescriptorResponse),
    #[prost(message, tag = "6")]
    Services(ListServiceResponse),
    #[prost(message, tag = "7")]
    Error(ErrorResponse),
}

#[derive(Clone, PartialEq, prost::Message)]
struct FileDescriptorResponse {
    #[prost(bytes = "vec", repeated, tag = "1")]
    file_descriptor_proto: Vec<Vec<u8>>,
}

#[derive(Clone, PartialEq, prost::Message)]
struct ListServiceResponse {
    #[prost(message, repeated, tag = "1")]
    service: Vec<ServiceResponse>,
}

#[derive(Clone, PartialEq, prost::Message)]
struct ServiceResponse {
    #[prost(string, tag = "1")]
    name: String,
}

#[derive(Clone, PartialEq, prost::Message)]
struct ErrorResponse {
    #[prost(int32, tag = "1")]
    error_code: i32,
    #[prost(string, tag = "2")]
    error_message: String,
}

/// One conversation with the server's reflection service.
struct Reflector<'a> {
    engine: &'a Engine,
    request: &'a PreparedRequest,
    cancel: &'a CancellationToken,
    /// Which of [`SERVICES`] answers.
    service: &'static str,
}

impl Reflector<'_> {
    fn failed(&self, reason: impl Into<String>) -> GrpcError {
        GrpcError::Reflection {
            url: self.request.grpc_url(),
            reason: reason.into(),
        }
    }

    /// Sends `asks` on one stream and reads one answer for each.
    async fn ask(&mut self, asks: Vec<Ask>) -> Result<Vec<Answer>> {
        let mut body = Vec::new();
        for ask in asks {
            let message = ReflectionRequest {
                host: String::new(),
                ask: Some(ask),
            };
            wire::frame(&message.encode_to_vec(), &mut body);
        }
        loop {
            let mut answers = Vec::new();
            let mut on_message = |bytes: Bytes| -> Result<()> {
                let response = ReflectionResponse::decode(bytes.as_ref()).map_err(|e| {
                    GrpcError::Reflection {
                        url: self.request.grpc_url(),
                        reason: format!("an answer cannot be read: {e}"),
                    }
                })?;
                answers.extend(response.answer);
                Ok(())
            };
            let out = Outbound {
                request: self.request,
                path: self.service.to_string(),
                body: body.clone().into(),
                cancel: self.cancel,
                opened: None,
            };
            let inbound = exchange(self.engine, out, &mut on_message).await?;
            // UNIMPLEMENTED: this server has the older service only.
            if inbound.status.code == 12 && self.service == SERVICES[0] {
                self.service = SERVICES[1];
                continue;
            }
            if !inbound.status.is_ok() {
                let mut reason = inbound.status.name.clone();
                if !inbound.status.message.is_empty() {
                    reason = format!("{reason}: {}", inbound.status.message);
                }
                return Err(self.failed(reason));
            }
            return Ok(answers);
        }
    }
}

/// The descriptors the server's reflection gives for `service` (or every service it lists),
/// with all their imports.
pub(super) async fn pool(
    engine: &Engine,
    request: &PreparedRequest,
    service: Option<&str>,
    cancel: &CancellationToken,
) -> Result<DescriptorPool> {
    let mut reflector = Reflector {
        engine,
        request,
        cancel,
        service: SERVICES[0],
    };
    let services: Vec<String> = match service {
        Some(s) => vec![s.to_string()],
        None => {
            let answers = reflector
                .ask(vec![Ask::ListServices(String::new())])
                .await?;
            let mut names = Vec::new();
            for answer in answers {
                match answer {
                    Answer::Services(list) => {
                        names.extend(list.service.into_iter().map(|s| s.name))
                    }
                    Answer::Error(e) => return Err(reflector.failed(e.error_message)),
                    Answer::Files(_) => {}
                }
            }
            names
        }
    };
    let mut files: BTreeMap<String, FileDescriptorProto> = BTreeMap::new();
    let mut asks: Vec<Ask> = services
        .into_iter()
        .map(Ask::FileContainingSymbol)
        .collect();
    let mut asked: BTreeSet<String> = BTreeSet::new();
    for _ in 0..MAX_ROUNDS {
        if asks.is_empty() {
            break;
        }
        for answer in reflector.ask(std::mem::take(&mut asks)).await? {
            match answer {
                Answer::Files(found) => {
                    for bytes in found.file_descriptor_proto {
                        let file = FileDescriptorProto::decode(bytes.as_slice()).map_err(|e| {
                            reflector.failed(format!("a file descriptor cannot be read: {e}"))
                        })?;
                        files.insert(file.name().to_string(), file);
                    }
                }
                Answer::Error(e) => {
                    return Err(
                        reflector.failed(format!("{} (code {})", e.error_message, e.error_code))
                    );
                }
                Answer::Services(_) => {}
            }
        }
        // Imports not sent yet are asked for by name.
        let missing: BTreeSet<String> = files
            .values()
            .flat_map(|f| f.dependency.iter().cloned())
            .filter(|d| !files.contains_key(d) && !asked.contains(d))
            .collect();
        for name in missing {
            asked.insert(name.clone());
            asks.push(Ask::FileByFilename(name));
        }
    }
    DescriptorPool::from_file_descriptor_set(FileDescriptorSet {
        file: ordered(files),
    })
    .map_err(|e| reflector.failed(format!("the descriptors do not fit together: {e}")))
}

/// `files` with every file after the files it imports.
fn ordered(mut files: BTreeMap<String, FileDescriptorProto>) -> Vec<FileDescriptorProto> {
    fn visit(
        name: &str,
        files: &mut BTreeMap<String, FileDescriptorProto>,
        out: &mut Vec<FileDescriptorProto>,
    ) {
        let Some(file) = files.remove(name) else {
            return;
        };
        for dep in &file.dependency {
            visit(dep, files, out);
        }
        out.push(file);
    }
    let mut out = Vec::new();
    let names: Vec<String> = files.keys().cloned().collect();
    for name in names {
        visit(&name, &mut files, &mut out);
    }
    out
}
