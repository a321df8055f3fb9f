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
use ts_rs::TS;

use super::super::websocket::{
    Conversation, Direction, End, KEPT_FRAMES, OpenWatch, Order, Orders, Recorder, Side,
    WebSocketError, next_order, open_socket,
};
use super::super::{Engine, HttpError, PreparedRequest};
use super::outgoing::{arguments, connect_auth, endpoint, masked};
use super::packet::{Assembler, EnginePacket, OpenInfo, Packet, PacketKind};
use super::{Result, SocketIoError};

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

/// How a Socket.IO conversation runs. The namespace, the handshake path, the connect's
/// payload and the events emitted are the request's (its URL's path, its
/// [`PreparedRequest::socketio`] and [`PreparedRequest::emits`]).
#[derive(Default)]
pub struct SocketIo {
    /// The `auth` payload of the namespace's connect (the client's `auth` option), in place
    /// of the request's.
    pub auth: Option<Value>,
    /// How long the session stays open after it opened; `None`: until the server ends it or
    /// the caller cancels.
    pub duration: Option<Duration>,
    /// Sees each moment as it happens.
    pub watch: Option<MomentWatch>,
    /// Sees the WebSocket's handshake as soon as the socket is open.
    pub opened: Option<OpenWatch>,
    /// Further events to emit, and a disconnect, once the namespace is connected: an
    /// [`Order::Send`] emits its request's [`PreparedRequest::emits`] (asking for an
    /// acknowledgement under the next unused id when they ask for one); an [`Order::Close`]
    /// leaves the namespace and closes with its code. Orders wait for the connect.
    pub orders: Option<Orders>,
}

impl std::fmt::Debug for SocketIo {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("SocketIo")
            .field("auth", &self.auth.is_some())
            .field("duration", &self.duration)
            .field("orders", &self.orders.is_some())
            .finish()
    }
}

/// Something that happened in a Socket.IO conversation.
#[derive(Debug, Clone, PartialEq, Serialize, TS)]
#[serde(
    rename_all = "camelCase",
    rename_all_fields = "camelCase",
    tag = "kind"
)]
#[ts(export)]
pub enum Happening {
    /// The Engine.IO session opened.
    Opened {
        /// Its id.
        sid: String,
        /// How often the server pings, in ms.
        #[ts(type = "number")]
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
        #[ts(type = "unknown")]
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
        #[ts(type = "Array<unknown>")]
        args: Vec<Value>,
        /// The acknowledgement id its sender asked for.
        #[serde(skip_serializing_if = "Option::is_none")]
        #[ts(optional, type = "number")]
        ack_id: Option<u64>,
    },
    /// An acknowledgement went out or came in.
    Ack {
        /// Who sent it.
        direction: Direction,
        /// Its namespace.
        namespace: String,
        /// The id of the event it acknowledges.
        #[ts(type = "number")]
        id: u64,
        /// Its arguments.
        #[ts(type = "Array<unknown>")]
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
#[derive(Debug, Clone, PartialEq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
#[ts(export)]
pub struct Moment {
    /// Milliseconds since the socket opened.
    pub at_ms: f64,
    /// What happened.
    #[serde(flatten)]
    #[ts(flatten)]
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
    /// The acknowledgement id the next emit asking for one gets.
    next_ack: u64,
}

/// What one frame, the deadline or an order came to.
enum Step {
    Go,
    Packet(Packet),
    End(End),
    /// The duration is up.
    Leave,
    /// The caller asks something.
    Order(Order),
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

    async fn close(&mut self, code: u16, reason: &str) {
        let message = Message::Close(Some(CloseFrame {
            code: CloseCode::from(code),
            reason: reason.into(),
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

    /// Emits `emit` on the namespace and records it, its arguments masked as `masking` (the
    /// prepared request it was rendered from) knows the secrets.
    async fn emit(
        &mut self,
        emit: Emit,
        masking: &PreparedRequest,
    ) -> std::result::Result<(), End> {
        let id = emit.ack.then(|| {
            let id = self.next_ack;
            self.next_ack += 1;
            id
        });
        let namespace = self.namespace.clone();
        let packet = Packet::event(&namespace, &emit.event, emit.args.clone(), id);
        self.send_packet(&packet).await?;
        let args = emit.args.into_iter().map(|a| masked(masking, a)).collect();
        self.note(Happening::Event {
            direction: Direction::Sent,
            namespace,
            event: emit.event,
            args,
            ack_id: id,
        });
        Ok(())
    }

    /// Carries out a caller's order: emits its events (telling the caller how that went) or
    /// leaves. `Some` when the conversation is over.
    async fn carry_out(&mut self, order: Order) -> Option<End> {
        match order {
            Order::Close { code, reason } => Some(self.leave(code, reason).await),
            Order::Send { request, done } => {
                let emits = match request.emits.as_deref().map(arguments) {
                    Some(Ok(emits)) if !emits.is_empty() => emits,
                    Some(Err(e)) => {
                        let reason = e.to_string();
                        let _ = done.send(Err(WebSocketError::Unsendable { reason }));
                        return None;
                    }
                    _ => {
                        let reason = "an event needs a name".to_owned();
                        let _ = done.send(Err(WebSocketError::Unsendable { reason }));
                        return None;
                    }
                };
                for emit in emits {
                    if let Err(end) = self.emit(emit, &request).await {
                        let reason = match &end {
                            End::Failed { reason } => reason.clone(),
                            _ => "the conversation ended before the event went".into(),
                        };
                        let _ = done.send(Err(WebSocketError::Closed { reason }));
                        return Some(end);
                    }
                }
                let _ = done.send(Ok(()));
                None
            }
        }
    }

    /// Leaves the namespace and closes the socket with `code` and `reason`.
    async fn leave(&mut self, code: u16, reason: String) -> End {
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
        self.close(code, &reason).await;
        End::Closed {
            by: Side::Client,
            code: Some(code),
            reason,
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
    /// path the namespace), at its handshake path (`/socket.io/` unless it sets another) with
    /// the URL's query, connects the namespace with the request's `auth` payload, emits the
    /// request's events, then carries out the caller's orders (see [`SocketIo::orders`]) and
    /// records everything until the server ends it, the duration passes or the caller asks
    /// (the client leaves the namespace and closes) or the caller cancels. Fails when an
    /// event's argument or the auth payload is not what it should be, the socket could not be
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
        let auth = connect_auth(request, options.auth)?;
        let (endpoint, namespace) = endpoint(request);
        let started = Instant::now();
        let (socket, handshake) = tokio::select! {
            biased;
            () = cancel.cancelled() => return Err(SocketIoError::from(HttpError::Cancelled)),
            opened = open_socket(self, &endpoint, started) => opened?,
        };
        if let Some(watch) = options.opened {
            watch(&handshake);
        }
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
            next_ack: 0,
        };
        let plan = Plan {
            auth,
            emits,
            answer_within: request.settings.timeout.unwrap_or(ANSWER_TIMEOUT),
            deadline: options
                .duration
                .map(|d| tokio::time::Instant::from_std(session.opened) + d),
            orders: options.orders,
        };
        let end = tokio::select! {
            biased;
            () = cancel.cancelled() => End::Cancelled,
            end = run(&mut session, &namespace, plan) => end?,
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

/// What a session does once its socket is open.
struct Plan {
    /// The connect's payload.
    auth: Option<Value>,
    /// The saved events, emitted once connected.
    emits: Vec<Emit>,
    /// How long the server has for each of its answers.
    answer_within: Duration,
    /// When the client leaves.
    deadline: Option<tokio::time::Instant>,
    /// The caller's orders.
    orders: Option<Orders>,
}

/// The session, from the server's open packet to the end.
async fn run(session: &mut Session<'_>, namespace: &str, plan: Plan) -> Result<End> {
    let Plan {
        auth,
        emits,
        answer_within,
        deadline,
        mut orders,
    } = plan;
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
                // Only reads happen here: no deadline or order yet.
                Step::Go | Step::Leave | Step::Order(_) => continue,
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
            session.close(1000, "").await;
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
    let request = session.request;
    for emit in emits {
        if let Err(end) = session.emit(emit, request).await {
            return Ok(end);
        }
    }
    loop {
        let deadline_passes = async {
            match deadline {
                Some(at) => tokio::time::sleep_until(at).await,
                None => std::future::pending().await,
            }
        };
        let step = tokio::select! {
            step = session.read() => step,
            () = deadline_passes => Step::Leave,
            order = next_order(&mut orders) => Step::Order(order),
        };
        match step {
            Step::Leave => return Ok(session.leave(1000, String::new()).await),
            Step::Order(order) => {
                if let Some(end) = session.carry_out(order).await {
                    return Ok(end);
                }
            }
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
