//! A Socket.IO conversation over the engine's WebSocket: open the session, connect the
//! namespace, emit the saved events, then record what happens until the end.

use std::time::{Duration, Instant};

use futures_util::StreamExt;
use serde::Serialize;
use serde_json::Value;
use tokio_tungstenite::tungstenite::Message;
use tokio_util::sync::CancellationToken;

use super::super::websocket::{
    Conversation, End, OpenWatch, Orders, Recorder, Side, next_order, open_socket,
};
use super::super::{Engine, HttpError, PreparedRequest};
use super::moment::{Happening, Moment, MomentWatch};
use super::outgoing::{arguments, connect_auth, endpoint};
use super::packet::{Assembler, EnginePacket, OpenInfo, Packet, PacketKind};
use super::session::{Session, Step};
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
    /// Further events to emit, and a disconnect, once the namespace is connected (see
    /// [`Order`](super::super::websocket::Order)): a send emits its request's
    /// [`PreparedRequest::emits`] (asking for an acknowledgement under the next unused id when
    /// they ask for one); a close leaves the namespace and closes with its code. Orders wait
    /// for the connect.
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

/// A whole Socket.IO conversation, as plain data.
#[derive(Debug, Clone, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct SocketIoConversation {
    /// The WebSocket under it: the handshake (to the Engine.IO endpoint), every frame as it
    /// went (what history records), how it ended.
    pub conversation: Conversation,
    /// What happened, in order: the first
    /// [`KEPT_FRAMES`](super::super::websocket::KEPT_FRAMES) moments (the watcher heard all).
    pub moments: Vec<Moment>,
    /// How many moments there were in all.
    pub moment_count: u64,
    /// Heartbeats answered (Engine.IO pings).
    pub heartbeats: u64,
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
