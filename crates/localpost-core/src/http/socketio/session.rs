//! One Socket.IO session over its WebSocket: reading frames into packets (answering pings,
//! putting binary packets together), recording what happens, emitting, carrying out the
//! caller's orders and leaving.

use std::time::Instant;

use futures_util::{SinkExt, StreamExt};
use serde_json::Value;
use tokio_tungstenite::tungstenite::Message;
use tokio_tungstenite::tungstenite::protocol::CloseFrame;
use tokio_tungstenite::tungstenite::protocol::frame::coding::CloseCode;

use super::super::PreparedRequest;
use super::super::websocket::{Direction, End, KEPT_FRAMES, Order, Recorder, Side, WebSocketError};
use super::converse::Emit;
use super::moment::{Happening, Moment, MomentWatch};
use super::outgoing::{arguments, masked};
use super::packet::{Assembler, EnginePacket, Packet, PacketKind};

/// The WebSocket's two halves.
pub(super) type Socket = super::super::websocket::Socket;

/// A session's socket and what it has recorded so far.
pub(super) struct Session<'a> {
    pub(super) socket: Socket,
    pub(super) recorder: Recorder<'a>,
    pub(super) opened: Instant,
    pub(super) moments: Vec<Moment>,
    pub(super) count: u64,
    pub(super) heartbeats: u64,
    pub(super) watch: Option<MomentWatch>,
    pub(super) assembler: Assembler,
    pub(super) namespace: String,
    pub(super) request: &'a PreparedRequest,
    /// The acknowledgement id the next emit asking for one gets.
    pub(super) next_ack: u64,
}

/// What one frame, the deadline or an order came to.
pub(super) enum Step {
    Go,
    Packet(Packet),
    End(End),
    /// The duration is up.
    Leave,
    /// The caller asks something.
    Order(Order),
}

impl Session<'_> {
    pub(super) fn note(&mut self, happening: Happening) {
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

    pub(super) async fn close(&mut self, code: u16, reason: &str) {
        let message = Message::Close(Some(CloseFrame {
            code: CloseCode::from(code),
            reason: reason.into(),
        }));
        self.recorder.push(Direction::Sent, &message);
        let _ = self.socket.send(message).await;
    }

    pub(super) async fn send_packet(&mut self, packet: &Packet) -> std::result::Result<(), End> {
        self.send_text(EnginePacket::Message(packet.encode()).encode())
            .await
    }

    /// Reads one frame: answers a ping, puts binary packets together, and returns a whole
    /// Socket.IO packet or the end.
    pub(super) async fn read(&mut self) -> Step {
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
    pub(super) fn heard(&mut self, packet: Packet) -> Option<End> {
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
    pub(super) async fn emit(
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
    pub(super) async fn carry_out(&mut self, order: Order) -> Option<End> {
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
    pub(super) async fn leave(&mut self, code: u16, reason: String) -> End {
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
