//! A Socket.IO conversation over the engine's WebSocket: open the session, connect the
//! namespace, emit the saved events, then record what happens until the end.

use std::time::{Duration, Instant};

use futures_util::{SinkExt, StreamExt};
use serde::Serialize;
use serde_json::Value;
use tokio_tungstenite::tungstenite::Message;
use tokio_tungstenite::tungstenite::protocol::CloseFrame;
use tokio_tungstenite::tungstenite::protocol::frame::coding::CloseCode;
use tokio_util::sync::CancellationToken;

use super::super::websocket::{
    Conversation, Direction, End, KEPT_FRAMES, Recorder, Side, open_socket,
};
use super::super::{Engine, HttpError, PreparedRequest};
use super::packet::{Assembler, EnginePacket, OpenInfo, Packet, PacketKind};
use super::{Result, SocketIoError};
use crate::model::MessageKind;

/// How long the server has to open the session and answer the namespace's connect when the
/// request sets no timeout.
const ANSWER_TIMEOUT: Duration = Duration::from_secs(20);

/// An event to emit once the namespace is connected.
#[derive(Debug, Clone, PartialEq)]
pub struct Emit {
    /// The event's name.
    pub event: String,
    /// Its arguments.
    pub args: Vec<Value>,
    /// Whether the server is asked to acknowledge it.
    pub ack: bool,
}

/// What is told of each moment as it happens (the CLI prints them live).
pub type MomentWatch = Box<dyn FnMut(&Moment) + Send>;

/// How a Socket.IO conversation runs. The namespace and the events emitted are the
/// request's (its URL's path, its [`PreparedRequest::emits`]).
#[derive(Default)]
pub struct SocketIo {
    /// The `auth` payload of the namespace's connect (the client's `auth` option).
    pub auth: Option<Value>,
    /// How long the session stays open after it opened; `None`: until the server ends it or
    /// the caller cancels.
    pub duration: Option<Duration>,
    /// Sees each moment as it happens.
    pub watch: Option<MomentWatch>,
}

impl std::fmt::Debug for SocketIo {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("SocketIo")
            .field("auth", &self.auth.is_some())
            .field("duration", &self.duration)
            .finish()
    }
}

/// Something that happened in a Socket.IO conversation.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase", tag = "kind")]
pub enum Happening {
    /// The Engine.IO session opened.
    Opened {
        /// Its id.
        sid: String,
        /// How often the server pings, in ms.
        ping_interval_ms: u64,
    },
    /// The namespace is connected.
    Connected {
        /// The namespace.
        namespace: String,
        /// The socket's id in it, as the server gave it.
        sid: Option<String>,
    },
    /// The server refused the namespace.
    Refused {
        /// The namespace.
        namespace: String,
        /// The server's message.
        message: String,
        /// The server's extra data, if any.
        data: Option<Value>,
    },
    /// An event went out or came in.
    Event {
        /// Who sent it.
        direction: Direction,
        /// Its namespace.
        namespace: String,
        /// Its name.
        event: String,
        /// Its arguments (binary attachments as `{"_binary": "<base64>"}`).
        args: Vec<Value>,
        /// The acknowledgement id its sender asked for.
        #[serde(skip_serializing_if = "Option::is_none")]
        ack_id: Option<u64>,
    },
    /// An acknowledgement went out or came in.
    Ack {
        /// Who sent it.
        direction: Direction,
        /// Its namespace.
        namespace: String,
        /// The id of the event it acknowledges.
        id: u64,
        /// Its arguments.
        args: Vec<Value>,
    },
    /// The namespace was left.
    Disconnected {
        /// The namespace.
        namespace: String,
        /// Who left.
        by: Side,
    },
}

/// A [`Happening`] and when.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Moment {
    /// Milliseconds since the socket opened.
    pub at_ms: f64,
    /// What happened.
    #[serde(flatten)]
    pub happening: Happening,
}

/// A whole Socket.IO conversation, as plain data.
#[derive(Debug, Clone, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct SocketIoConversation {
    /// The WebSocket under it: the handshake (to the Engine.IO endpoint), every frame as it
    /// went (what history records), how it ended.
    pub conversation: Conversation,
    /// What happened, in order: the first [`KEPT_FRAMES`] moments (the watcher heard all).
    pub moments: Vec<Moment>,
    /// How many moments there were in all.
    pub moment_count: u64,
    /// Heartbeats answered (Engine.IO pings).
    pub heartbeats: u64,
}

/// The WebSocket's two halves.
type Socket = super::super::websocket::Socket;

struct Session<'a> {
    socket: Socket,
    recorder: Recorder<'a>,
    opened: Instant,
    moments: Vec<Moment>,
    count: u64,
    heartbeats: u64,
    watch: Option<MomentWatch>,
    assembler: Assembler,
    namespace: String,
    request: &'a PreparedRequest,
}

/// What one frame came to.
enum Step {
    Go,
    Packet(Packet),
    End(End),
}

impl Session<'_> {
    fn note(&mut self, happening: Happening) {
        let moment = Moment {
            at_ms: self.opened.elapsed().as_secs_f64() * 1000.0,
            happening,
        };
        if let Some(watch) = &mut self.watch {
            watch(&moment);
        }
        self.count += 1;
        if self.moments.len() < KEPT_FRAMES {
            self.moments.push(moment);
        }
    }

    async fn send_text(&mut self, text: String) -> std::result::Result<(), End> {
        let message = Message::Text(text.into());
        self.recorder.push(Direction::Sent, &message);
        self.socket.send(message).await.map_err(|e| End::Failed {
            reason: e.to_string(),
        })
    }

    async fn close(&mut self) {
        let message = Message::Close(Some(CloseFrame {
            code: CloseCode::Normal,
            reason: "".into(),
        }));
        self.recorder.push(Direction::Sent, &message);
        let _ = self.socket.send(message).await;
    }

    async fn send_packet(&mut self, packet: &Packet) -> std::result::Result<(), End> {
        self.send_text(EnginePacket::Message(packet.encode()).encode())
            .await
    }

    /// Reads one frame: answers a ping, puts binary packets together, and returns a whole
    /// Socket.IO packet or the end.
    async fn read(&mut self) -> Step {
        let Some(next) = self.socket.next().await else {
            return Step::End(End::Failed {
                reason: "the connection closed without a close frame".into(),
            });
        };
        let message = match next {
            Ok(message) => message,
            Err(e) => {
                return Step::End(End::Failed {
                    reason: e.to_string(),
                });
            }
        };
        self.recorder.push(Direction::Received, &message);
        let outcome = match message {
            Message::Text(text) => match EnginePacket::parse(&text) {
                Ok(EnginePacket::Ping(data)) => {
                    self.heartbeats += 1;
                    return match self.send_text(EnginePacket::Pong(data).encode()).await {
                        Ok(()) => Step::Go,
                        Err(end) => Step::End(end),
                    };
                }
                Ok(EnginePacket::Close) => {
                    return Step::End(End::Closed {
                        by: Side::Server,
                        code: None,
                        reason: "the server closed the Engine.IO session".into(),
                    });
                }
                Ok(EnginePacket::Message(text)) => {
                    Packet::parse(&text).and_then(|p| self.assembler.text(p))
                }
                Ok(_) => return Step::Go,
                Err(e) => Err(e),
            },
            Message::Binary(bytes) => self.assembler.binary(bytes.to_vec()),
            Message::Close(frame) => {
                return Step::End(End::Closed {
                    by: Side::Server,
                    code: frame.as_ref().map(|f| u16::from(f.code)),
                    reason: frame.map(|f| f.reason.to_string()).unwrap_or_default(),
                });
            }
            Message::Ping(_) | Message::Pong(_) | Message::Frame(_) => return Step::Go,
        };
        match outcome {
            Ok(Some(packet)) => Step::Packet(packet),
            Ok(None) => Step::Go,
            Err(e) => Step::End(End::Failed {
                reason: e.to_string(),
            }),
        }
    }

    /// Records a packet of the conversation; `Some` when it ends it.
    fn heard(&mut self, packet: Packet) -> Option<End> {
        let namespace = packet.namespace.clone();
        match packet.kind {
            PacketKind::Event | PacketKind::BinaryEvent => {
                if let Some((event, args)) = packet.event_parts() {
                    let happening = Happening::Event {
                        direction: Direction::Received,
                        namespace,
                        event: event.to_owned(),
                        args: args.to_vec(),
                        ack_id: packet.id,
                    };
                    self.note(happening);
                }
                None
            }
            PacketKind::Ack | PacketKind::BinaryAck => {
                let args = match packet.data {
                    Some(Value::Array(args)) => args,
                    _ => Vec::new(),
                };
                self.note(Happening::Ack {
                    direction: Direction::Received,
                    namespace,
                    id: packet.id.unwrap_or_default(),
                    args,
                });
                None
            }
            PacketKind::Disconnect => {
                self.note(Happening::Disconnected {
                    namespace,
                    by: Side::Server,
                });
                (packet.namespace == self.namespace).then(|| End::Closed {
                    by: Side::Server,
                    code: None,
                    reason: "the server disconnected the namespace".into(),
                })
            }
            PacketKind::ConnectError => {
                let (message, data) = refusal(packet.data);
                self.note(Happening::Refused {
                    namespace,
                    message,
                    data,
                });
                None
            }
            PacketKind::Connect => None,
        }
    }

    /// Leaves the namespace and closes the socket (1000).
    async fn leave(&mut self) -> End {
        let namespace = self.namespace.clone();
        if self
            .send_packet(&Packet::disconnect(&namespace))
            .await
            .is_ok()
        {
            self.note(Happening::Disconnected {
                namespace,
                by: Side::Client,
            });
        }
        self.close().await;
        End::Closed {
            by: Side::Client,
            code: Some(1000),
            reason: String::new(),
        }
    }
}

/// A connect error's message and data (`{message, data}`, or a bare string).
fn refusal(data: Option<Value>) -> (String, Option<Value>) {
    match data {
        Some(Value::Object(mut map)) => (
            map.remove("message")
                .and_then(|m| m.as_str().map(str::to_owned))
                .unwrap_or_default(),
            map.remove("data"),
        ),
        Some(Value::String(message)) => (message, None),
        _ => (String::new(), None),
    }
}

impl Engine {
    /// Opens the Socket.IO session of `request` (a Socket.IO request: its URL the server, its
    /// path the namespace), at `/socket.io/` with the URL's query, connects the namespace,
    /// emits the request's events and records everything until the server ends it, the
    /// duration passes (the client leaves the namespace and closes) or the caller cancels.
    /// Fails when an event's argument is not what its kind says, the socket could not be
    /// opened, or the server did not open a session; a namespace the server refuses is a
    /// [`Happening::Refused`] and ends the conversation.
    pub async fn socket_io(
        &self,
        request: &PreparedRequest,
        options: SocketIo,
        cancel: &CancellationToken,
    ) -> Result<SocketIoConversation> {
        let Some(prepared) = &request.emits else {
            return Err(SocketIoError::NotSocketIo {
                url: request.redacted_url(),
            });
        };
        let emits = arguments(prepared)?;
        let (endpoint, namespace) = endpoint(request);
        let started = Instant::now();
        let (socket, handshake) = tokio::select! {
            biased;
            () = cancel.cancelled() => return Err(SocketIoError::from(HttpError::Cancelled)),
            opened = open_socket(self, &endpoint, started) => opened?,
        };
        let opened = Instant::now();
        let mut session = Session {
            socket,
            recorder: Recorder::new(opened, None, request),
            opened,
            moments: Vec::new(),
            count: 0,
            heartbeats: 0,
            watch: options.watch,
            assembler: Assembler::default(),
            namespace: namespace.clone(),
            request,
        };
        let answer_within = request.settings.timeout.unwrap_or(ANSWER_TIMEOUT);
        let deadline = options
            .duration
            .map(|d| tokio::time::Instant::from_std(session.opened) + d);
        let end = tokio::select! {
            biased;
            () = cancel.cancelled() => End::Cancelled,
            end = run(&mut session, &namespace, options.auth, emits, answer_within, deadline) => end?,
        };
        let total_ms = started.elapsed().as_secs_f64() * 1000.0;
        Ok(SocketIoConversation {
            conversation: session.recorder.finish(handshake, end, total_ms),
            moments: session.moments,
            moment_count: session.count,
            heartbeats: session.heartbeats,
        })
    }
}

/// The Engine.IO endpoint of a Socket.IO request (`/socket.io/` on its origin, its query
/// kept, `EIO=4&transport=websocket` added) and its namespace (its path, `/` when none).
fn endpoint(request: &PreparedRequest) -> (PreparedRequest, String) {
    let mut endpoint = request.clone();
    let namespace = match request.url.path().trim_end_matches('/') {
        "" => "/".to_owned(),
        path => path.to_owned(),
    };
    endpoint.url.set_path("/socket.io/");
    endpoint
        .url
        .query_pairs_mut()
        .append_pair("EIO", "4")
        .append_pair("transport", "websocket");
    // The engine's WebSocket opening wants a WebSocket request.
    endpoint.messages = Some(Vec::new());
    endpoint.emits = None;
    (endpoint, namespace)
}

/// The request's events with their arguments read: text as a string, JSON parsed; binary
/// arguments cannot be sent yet.
fn arguments(prepared: &[super::super::PreparedEmit]) -> Result<Vec<Emit>> {
    prepared
        .iter()
        .map(|e| {
            let args = match &e.argument {
                None => Vec::new(),
                Some((MessageKind::Text, text)) => vec![Value::String(text.clone())],
                Some((MessageKind::Json, json)) => {
                    vec![
                        serde_json::from_str(json).map_err(|err| SocketIoError::Argument {
                            event: e.event.clone(),
                            reason: format!("it is not JSON: {err}"),
                        })?,
                    ]
                }
                Some((MessageKind::Binary, _)) => {
                    return Err(SocketIoError::Argument {
                        event: e.event.clone(),
                        reason: "binary arguments cannot be sent yet".into(),
                    });
                }
            };
            Ok(Emit {
                event: e.event.clone(),
                args,
                ack: e.ack,
            })
        })
        .collect()
}

/// The session, from the server's open packet to the end.
async fn run(
    session: &mut Session<'_>,
    namespace: &str,
    auth: Option<Value>,
    emits: Vec<Emit>,
    answer_within: Duration,
    deadline: Option<tokio::time::Instant>,
) -> Result<End> {
    // The server opens the Engine.IO session first.
    let info = tokio::time::timeout(answer_within, first_open(session))
        .await
        .map_err(|_| SocketIoError::NoAnswer {
            what: "open the Engine.IO session",
            after: answer_within,
        })??;
    session.note(Happening::Opened {
        sid: info.sid.clone(),
        ping_interval_ms: info.ping_interval_ms,
    });
    if let Err(end) = session.send_packet(&Packet::connect(namespace, auth)).await {
        return Ok(end);
    }
    // Then it answers the namespace's connect.
    let answer = tokio::time::timeout(answer_within, async {
        loop {
            match session.read().await {
                Step::Go => continue,
                Step::End(end) => return Err(end),
                Step::Packet(p) if p.namespace == namespace && p.kind == PacketKind::Connect => {
                    return Ok(Ok(p));
                }
                Step::Packet(p)
                    if p.namespace == namespace && p.kind == PacketKind::ConnectError =>
                {
                    return Ok(Err(p));
                }
                Step::Packet(p) => {
                    if let Some(end) = session.heard(p) {
                        return Err(end);
                    }
                }
            }
        }
    })
    .await
    .map_err(|_| SocketIoError::NoAnswer {
        what: "answer the namespace's connect",
        after: answer_within,
    })?;
    match answer {
        Err(end) => return Ok(end),
        Ok(Err(refused)) => {
            let _ = session.heard(refused);
            session.close().await;
            return Ok(End::Closed {
                by: Side::Client,
                code: Some(1000),
                reason: "the server refused the namespace".into(),
            });
        }
        Ok(Ok(connected)) => {
            let sid = connected
                .data
                .as_ref()
                .and_then(|d| d.get("sid"))
                .and_then(Value::as_str)
                .map(str::to_owned);
            session.note(Happening::Connected {
                namespace: namespace.to_owned(),
                sid,
            });
        }
    }
    for (index, emit) in emits.into_iter().enumerate() {
        let id = emit.ack.then_some(index as u64);
        let packet = Packet::event(namespace, &emit.event, emit.args.clone(), id);
        if let Err(end) = session.send_packet(&packet).await {
            return Ok(end);
        }
        let args = emit
            .args
            .into_iter()
            .map(|a| masked(session.request, a))
            .collect();
        session.note(Happening::Event {
            direction: Direction::Sent,
            namespace: namespace.to_owned(),
            event: emit.event,
            args,
            ack_id: id,
        });
    }
    loop {
        let step = match deadline {
            Some(at) => tokio::select! {
                step = session.read() => step,
                () = tokio::time::sleep_until(at) => return Ok(session.leave().await),
            },
            None => session.read().await,
        };
        match step {
            Step::Go => {}
            Step::End(end) => return Ok(end),
            Step::Packet(p) => {
                if let Some(end) = session.heard(p) {
                    return Ok(end);
                }
            }
        }
    }
}

/// Reads until the server's Engine.IO open packet.
async fn first_open(session: &mut Session<'_>) -> Result<OpenInfo> {
    loop {
        let Some(next) = session.socket.next().await else {
            return Err(SocketIoError::Ended {
                reason: "the connection closed before the session opened".into(),
            });
        };
        match next {
            Ok(Message::Text(text)) => match EnginePacket::parse(&text)? {
                EnginePacket::Open(info) => return Ok(info),
                other => {
                    return Err(SocketIoError::Packet {
                        packet: other.encode(),
                        reason: "the server sent this before opening the session".into(),
                    });
                }
            },
            Ok(Message::Close(frame)) => {
                return Err(SocketIoError::Ended {
                    reason: format!(
                        "the server closed the socket before the session opened{}",
                        frame
                            .map(|f| format!(" ({} {})", u16::from(f.code), f.reason))
                            .unwrap_or_default()
                    ),
                });
            }
            Ok(_) => {}
            Err(e) => {
                return Err(SocketIoError::Ended {
                    reason: e.to_string(),
                });
            }
        }
    }
}

/// A sent argument with the request's secrets (vault values, secret variables) masked, for the
/// record: the wire got the real value.
fn masked(request: &PreparedRequest, value: Value) -> Value {
    match value {
        Value::String(text) => Value::String(request.hide_secrets(text)),
        Value::Array(items) => {
            Value::Array(items.into_iter().map(|v| masked(request, v)).collect())
        }
        Value::Object(map) => Value::Object(
            map.into_iter()
                .map(|(k, v)| (k, masked(request, v)))
                .collect(),
        ),
        other => other,
    }
}
