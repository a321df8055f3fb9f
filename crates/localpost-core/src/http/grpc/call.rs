//! [`Engine::grpc_call`], [`Engine::grpc_methods`] and [`Engine::grpc_descriptors`]: the
//! descriptors of a request's source, its JSON messages encoded, the exchange, the response
//! messages decoded to JSON.

use std::time::Instant;

use bytes::Bytes;
use prost::Message as _;
use prost_reflect::{DescriptorPool, DynamicMessage, MessageDescriptor, SerializeOptions};
use tokio_util::sync::CancellationToken;

use super::super::auth::{self, Challenge};
use super::super::{Engine, PreparedRequest};
use super::descriptors::{self, find_method};
use super::exchange::{Outbound, exchange, sent_request};
use super::wire;
use super::{Call, Direction, GrpcError, Message, Method, Result, reflection};
use crate::http::PreparedGrpc;
use crate::model::ProtoSource;
use crate::template::SystemEntropy;

/// What is told of each message as it is sent or received (the CLI prints them live).
pub type MessageWatch = Box<dyn FnMut(&Message) + Send>;

/// How a call runs.
#[derive(Default)]
pub struct CallOptions {
    /// Sees each message as it goes.
    pub watch: Option<MessageWatch>,
}

impl std::fmt::Debug for CallOptions {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("CallOptions")
            .field("watch", &self.watch.is_some())
            .finish()
    }
}

/// `message` as protobuf JSON, fields at their defaults included.
pub(super) fn to_json(message: &DynamicMessage) -> String {
    let mut out = Vec::new();
    let mut serializer = serde_json::Serializer::new(&mut out);
    let options = SerializeOptions::new().skip_default_fields(false);
    match message.serialize_with_options(&mut serializer, &options) {
        Ok(()) => String::from_utf8_lossy(&out).into_owned(),
        Err(e) => format!("{{\"error\": {:?}}}", e.to_string()),
    }
}

/// Message `index` of a request, from its JSON text (blank is `{}`).
fn from_json(input: &MessageDescriptor, index: usize, text: &str) -> Result<DynamicMessage> {
    let text = if text.trim().is_empty() { "{}" } else { text };
    let mut de = serde_json::Deserializer::from_str(text);
    let invalid = |reason: String| GrpcError::InvalidMessage {
        index,
        type_name: input.full_name().to_string(),
        reason,
    };
    let message =
        DynamicMessage::deserialize(input.clone(), &mut de).map_err(|e| invalid(e.to_string()))?;
    de.end().map_err(|e| invalid(e.to_string()))?;
    Ok(message)
}

/// The descriptors of a gRPC request's source: its files compiled, or the server asked.
/// Asking the server is limited to `service` (and its files) when one is given.
pub(super) async fn descriptors_of(
    engine: &Engine,
    request: &PreparedRequest,
    service: Option<&str>,
    cancel: &CancellationToken,
) -> Result<(DescriptorPool, &'static str)> {
    let grpc = grpc_of(request)?;
    match &grpc.source {
        ProtoSource::Reflection => Ok((
            reflection::pool(engine, request, service, cancel).await?,
            "server's reflection",
        )),
        ProtoSource::Files {
            files,
            import_paths,
        } => {
            let files: Vec<std::path::PathBuf> = files.iter().map(Into::into).collect();
            let imports: Vec<std::path::PathBuf> = import_paths.iter().map(Into::into).collect();
            let pool = compiling(move || descriptors::from_files(&files, &imports)).await?;
            Ok((pool, "proto files"))
        }
        ProtoSource::Embedded {
            files,
            entries,
            import_paths,
        } => {
            let (files, entries, imports) = (files.clone(), entries.clone(), import_paths.clone());
            let (pool, _) =
                compiling(move || descriptors::from_texts(&files, &entries, &imports)).await?;
            Ok((pool, "embedded proto files"))
        }
    }
}

/// Runs a compile on a blocking thread, off the runtime.
async fn compiling<T: Send + 'static>(
    job: impl FnOnce() -> Result<T> + Send + 'static,
) -> Result<T> {
    tokio::task::spawn_blocking(job)
        .await
        .map_err(|e| GrpcError::Proto {
            file: None,
            line: None,
            column: None,
            reason: e.to_string(),
        })?
}

fn grpc_of(request: &PreparedRequest) -> Result<&PreparedGrpc> {
    request.grpc.as_ref().ok_or_else(|| GrpcError::NotGrpc {
        url: request.redacted_url(),
    })
}

impl Engine {
    /// Every method the source of gRPC request `request` offers (its `.proto` files, or the
    /// server's reflection, which connects).
    pub async fn grpc_methods(
        &self,
        request: &PreparedRequest,
        cancel: &CancellationToken,
    ) -> Result<Vec<Method>> {
        let (pool, _) = descriptors_of(self, request, None, cancel).await?;
        Ok(descriptors::methods(&pool))
    }

    /// The descriptors of gRPC request `request`'s source, for [`super::template`].
    pub async fn grpc_descriptors(
        &self,
        request: &PreparedRequest,
        cancel: &CancellationToken,
    ) -> Result<DescriptorPool> {
        Ok(descriptors_of(self, request, None, cancel).await?.0)
    }

    /// Calls the method of gRPC request `request` with its messages and reads every response
    /// until the status. Fails only when the call could not be made (descriptors, method,
    /// messages, connection); a non-OK status is in the [`Call`].
    pub async fn grpc_call(
        &self,
        request: &PreparedRequest,
        options: CallOptions,
        cancel: &CancellationToken,
    ) -> Result<Call> {
        let started = Instant::now();
        grpc_of(request)?;
        // Signing schemes sign the POST without its body, as for a WebSocket handshake; digest
        // and NTLM need a second round trip a call has not.
        match &request.challenge {
            Some(Challenge::Digest(_)) => {
                return Err(GrpcError::ChallengeAuth { scheme: "digest" });
            }
            Some(Challenge::Ntlm(_)) => return Err(GrpcError::ChallengeAuth { scheme: "ntlm" }),
            None => {}
        }
        let (signed, _) = auth::sign(request, None, &mut SystemEntropy)?;
        let request = &*signed;
        let grpc = grpc_of(request)?;
        let (service, _) = descriptors::split_method(&grpc.method)?;
        let (pool, source_name) = descriptors_of(self, request, Some(service), cancel).await?;
        let method = find_method(&pool, &grpc.method, source_name)?;
        let shape = super::Shape::of(&method);
        if shape.is_single_request() && grpc.messages.len() != 1 {
            return Err(GrpcError::MessageCount {
                method: Method::of(&method).name,
                count: grpc.messages.len(),
            });
        }
        let mut watch = options.watch;
        let mut messages = Vec::new();
        let mut body = Vec::new();
        for (index, text) in grpc.messages.iter().enumerate() {
            let message = from_json(&method.input(), index, text)?;
            let bytes = message.encode_to_vec();
            wire::frame(&bytes, &mut body);
            messages.push(Message {
                direction: Direction::Sent,
                at_ms: started.elapsed().as_secs_f64() * 1000.0,
                size: bytes.len() as u64,
                json: request.hide_secrets(to_json(&message)),
            });
        }
        if let Some(watch) = &mut watch {
            for m in &messages {
                watch(m);
            }
        }
        let path = format!("/{}/{}", method.parent_service().full_name(), method.name());
        let sent = sent_request(request, &path);
        let output = method.output();
        let mut received = Vec::new();
        let mut on_message = |bytes: Bytes| -> Result<()> {
            let message = DynamicMessage::decode(output.clone(), bytes.as_ref()).map_err(|e| {
                GrpcError::Protocol {
                    url: request.grpc_url(),
                    reason: format!("a response is not a valid {}: {e}", output.full_name()),
                }
            })?;
            let message = Message {
                direction: Direction::Received,
                at_ms: started.elapsed().as_secs_f64() * 1000.0,
                size: bytes.len() as u64,
                json: to_json(&message),
            };
            if let Some(watch) = &mut watch {
                watch(&message);
            }
            received.push(message);
            Ok(())
        };
        let out = Outbound {
            request,
            path,
            body,
            cancel,
        };
        let inbound = exchange(self, out, &mut on_message).await?;
        messages.extend(received);
        Ok(Call {
            request: sent,
            method: Method::of(&method),
            headers: inbound.headers,
            messages,
            status: inbound.status,
            trailers: inbound.trailers,
            total_ms: started.elapsed().as_secs_f64() * 1000.0,
        })
    }
}
