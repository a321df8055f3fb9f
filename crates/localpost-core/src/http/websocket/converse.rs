//! [`Engine::converse`]: opens a WebSocket, sends its saved messages and records what arrives
//! until it closes, the duration elapses or the caller cancels.

use std::sync::Mutex;
use std::time::{Duration, Instant};

use futures_util::stream::{SplitSink, SplitStream};
use futures_util::{SinkExt, StreamExt};
use tokio_tungstenite::tungstenite::protocol::CloseFrame;
use tokio_tungstenite::tungstenite::protocol::frame::coding::CloseCode;
use tokio_tungstenite::tungstenite::{Error as WsError, Message};
use tokio_util::sync::CancellationToken;

use super::super::{Engine, HttpError, PreparedMessage, PreparedRequest};
use super::open::{Socket, open};
use super::order::{Order, Orders, next_order};
use super::recorder::{Recorder, Shared, lock};
use super::{Conversation, Direction, End, Frame, Handshake, Result, Side, WebSocketError};

/// The writing half of an open socket.
pub(super) type Sink = SplitSink<Socket, Message>;
/// The reading half of an open socket.
pub(super) type Stream = SplitStream<Socket>;

/// How long the client waits for the server's close frame after sending its own.
const CLOSE_GRACE: Duration = Duration::from_secs(2);

/// What is told of each frame as it is sent or received (the CLI prints them live).
pub type FrameWatch = Box<dyn FnMut(&Frame) + Send>;

/// What is told of the handshake once the socket is open, before any frame.
pub type OpenWatch = Box<dyn FnOnce(&Handshake) + Send>;

/// How a conversation runs.
#[derive(Default)]
pub struct Converse {
    /// How long to listen once the messages are sent, from when the socket opened; then the
    /// client closes with 1000. `None`: until the server closes or the caller cancels.
    pub duration: Option<Duration>,
    /// Sees each frame as it goes.
    pub watch: Option<FrameWatch>,
    /// Sees the handshake as soon as the socket is open.
    pub opened: Option<OpenWatch>,
    /// Further messages to send, and a close, while the socket is open (see [`Order`]). Orders
    /// that arrive while the saved messages are going out wait until they have gone. `None`,
    /// or a channel whose senders are all dropped: only the saved messages are sent.
    pub orders: Option<Orders>,
}

impl std::fmt::Debug for Converse {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Converse")
            .field("duration", &self.duration)
            .field("watch", &self.watch.is_some())
            .field("opened", &self.opened.is_some())
            .field("orders", &self.orders.is_some())
            .finish()
    }
}

/// A message read and ready to go.
pub(super) enum Outgoing {
    Text(String),
    Binary(Vec<u8>),
}

/// Reads the messages' files: all of them before anything connects, so a missing file fails
/// the send rather than half a conversation.
pub(super) async fn read_messages(messages: &[PreparedMessage]) -> Result<Vec<Outgoing>> {
    let mut out = Vec::with_capacity(messages.len());
    for (index, message) in messages.iter().enumerate() {
        out.push(match message {
            PreparedMessage::Text(text) => Outgoing::Text(text.clone()),
            PreparedMessage::Binary(path) => {
                let bytes =
                    tokio::fs::read(path)
                        .await
                        .map_err(|e| WebSocketError::MessageFile {
                            index,
                            path: path.clone(),
                            reason: e.to_string(),
                        })?;
                Outgoing::Binary(bytes)
            }
        });
    }
    Ok(out)
}

/// How a read or write failure ends the conversation.
pub(super) fn failed(e: &WsError) -> End {
    let reason = match e {
        WsError::Protocol(
            tokio_tungstenite::tungstenite::error::ProtocolError::ResetWithoutClosingHandshake,
        ) => "the connection was closed without a close frame".to_string(),
        other => super::super::error::lower_first(&other.to_string()),
    };
    End::Failed { reason }
}

impl Engine {
    /// Opens the WebSocket of `request`, sends its messages in order and records every frame
    /// until the conversation ends (see [`End`]). Fails only when the socket could not be
    /// opened (or a message file read): what happens after that is in the [`Conversation`].
    pub async fn converse(
        &self,
        request: &PreparedRequest,
        options: Converse,
        cancel: &CancellationToken,
    ) -> Result<Conversation> {
        let Some(messages) = &request.messages else {
            return Err(WebSocketError::NotWebSocket {
                url: request.redacted_url(),
            });
        };
        let started = Instant::now();
        let outgoing = read_messages(messages).await?;
        let (socket, handshake) = tokio::select! {
            biased;
            () = cancel.cancelled() => return Err(HttpError::Cancelled.into()),
            opened = open(self, request, started) => opened?,
        };
        if let Some(watch) = options.opened {
            watch(&handshake);
        }
        let opened = Instant::now();
        let recorder = Mutex::new(Recorder::new(opened, options.watch, request));
        let deadline = options
            .duration
            .map(|d| tokio::time::Instant::from_std(opened) + d);
        let end = tokio::select! {
            biased;
            () = cancel.cancelled() => End::Cancelled,
            end = talk(socket, outgoing, deadline, &recorder, options.orders) => end,
        };
        let recorded = recorder.into_inner().unwrap_or_else(|e| e.into_inner());
        Ok(recorded.finish(handshake, end, started.elapsed().as_secs_f64() * 1000.0))
    }
}

/// What reading one frame, or hearing one order, came to.
enum Step {
    /// Go on reading.
    Go,
    /// The duration is up: the client closes with 1000.
    Deadline,
    /// The caller asked to close with this code and reason.
    Close(u16, String),
    /// The conversation is over.
    End(End),
}

/// Sends the messages while reading what arrives (an echo server answering a long message
/// must not wait for the client to finish sending them all), then reads until the end,
/// carrying out the caller's orders as they come.
async fn talk(
    socket: Socket,
    outgoing: Vec<Outgoing>,
    deadline: Option<tokio::time::Instant>,
    recorder: &Shared<'_>,
    mut orders: Option<Orders>,
) -> End {
    let (mut sink, mut stream) = socket.split();
    let mut half = Halves {
        sink: &mut sink,
        stream: &mut stream,
        deadline,
        recorder,
    };
    let mut step = half
        .send_reading(outgoing, None)
        .await
        .unwrap_or_else(|s| s);
    loop {
        match step {
            Step::Go => {
                step = tokio::select! {
                    step = read(&mut *half.stream, deadline, recorder) => step,
                    order = next_order(&mut orders) => half.carry_out(order).await,
                }
            }
            Step::Deadline => return close(&mut half, 1000, "").await,
            Step::Close(code, reason) => return close(&mut half, code, &reason).await,
            Step::End(end) => {
                if let End::Closed { .. } = end {
                    drain(half.sink, half.stream).await;
                }
                return end;
            }
        }
    }
}

/// Both halves of an open socket, for sending while reading.
pub(super) struct Halves<'h, 'r> {
    pub(super) sink: &'h mut Sink,
    pub(super) stream: &'h mut Stream,
    pub(super) deadline: Option<tokio::time::Instant>,
    pub(super) recorder: &'h Shared<'r>,
}

impl Halves<'_, '_> {
    /// Sends `outgoing` in order while reading what arrives. `Ok(step)` once all went (the
    /// step is [`Step::Go`], or what a read came to meanwhile); `Err(step)` when a write
    /// failed or a read ended the conversation first.
    async fn send_reading(
        &mut self,
        outgoing: Vec<Outgoing>,
        masked: Option<&PreparedRequest>,
    ) -> std::result::Result<Step, Step> {
        let sending = send_all(&mut *self.sink, outgoing, self.recorder, masked);
        tokio::pin!(sending);
        loop {
            tokio::select! {
                sent = &mut sending => break match sent {
                    Ok(()) => Ok(Step::Go),
                    Err(e) => Err(Step::End(failed(&e))),
                },
                step = read(&mut *self.stream, self.deadline, self.recorder) => match step {
                    Step::Go => {}
                    other => break Err(other),
                },
            }
        }
    }

    /// Carries out one order of the caller's, telling it how a send went.
    async fn carry_out(&mut self, order: Order) -> Step {
        match order {
            Order::Close { code, reason } => Step::Close(code, reason),
            Order::Send { request, done } => {
                let messages = request.messages.as_deref().unwrap_or_default();
                let outgoing = match read_messages(messages).await {
                    Ok(outgoing) => outgoing,
                    Err(e) => {
                        let _ = done.send(Err(e));
                        return Step::Go;
                    }
                };
                let step = self.send_reading(outgoing, Some(&request)).await;
                let answer = match &step {
                    Ok(_) => Ok(()),
                    Err(Step::End(End::Failed { reason })) => Err(WebSocketError::Closed {
                        reason: reason.clone(),
                    }),
                    Err(_) => Err(WebSocketError::Closed {
                        reason: "the conversation ended before the message went".into(),
                    }),
                };
                let _ = done.send(answer);
                step.unwrap_or_else(|s| s)
            }
        }
    }
}

/// Sends `outgoing` in order, recording each frame as it goes (a sent text's secrets masked
/// as `masked` knows them, else as the conversation's request does).
async fn send_all(
    sink: &mut Sink,
    outgoing: Vec<Outgoing>,
    recorder: &Shared<'_>,
    masked: Option<&PreparedRequest>,
) -> std::result::Result<(), WsError> {
    for message in outgoing {
        let message = match message {
            Outgoing::Text(text) => Message::text(text),
            Outgoing::Binary(bytes) => Message::binary(bytes),
        };
        {
            let mut recorder = lock(recorder);
            match masked {
                Some(request) => recorder.push_masked(Direction::Sent, &message, request),
                None => recorder.push(Direction::Sent, &message),
            }
        }
        sink.send(message).await?;
    }
    Ok(())
}

/// Reads one frame (or the deadline) and records it.
async fn read(
    stream: &mut Stream,
    deadline: Option<tokio::time::Instant>,
    recorder: &Shared<'_>,
) -> Step {
    let next = match deadline {
        Some(at) => match tokio::time::timeout_at(at, stream.next()).await {
            Ok(next) => next,
            Err(_) => return Step::Deadline,
        },
        None => stream.next().await,
    };
    let message = match next {
        None | Some(Err(WsError::ConnectionClosed | WsError::AlreadyClosed)) => {
            return Step::End(End::Failed {
                reason: "the connection was closed without a close frame".into(),
            });
        }
        Some(Err(e)) => return Step::End(failed(&e)),
        Some(Ok(message)) => message,
    };
    let mut recorder = lock(recorder);
    recorder.push(Direction::Received, &message);
    match &message {
        // tungstenite queues the pong; it goes out with the next read or write.
        Message::Ping(payload) => {
            recorder.push(Direction::Sent, &Message::Pong(payload.clone()));
            Step::Go
        }
        Message::Close(frame) => {
            // tungstenite answers with the same frame; reading on sends it.
            recorder.push(Direction::Sent, &Message::Close(frame.clone()));
            let (code, reason) = frame.as_ref().map_or((None, String::new()), |f| {
                (Some(u16::from(f.code)), f.reason.to_string())
            });
            Step::End(End::Closed {
                by: Side::Server,
                code,
                reason,
            })
        }
        _ => Step::Go,
    }
}

/// The client closes with `code` and `reason` and waits a little for the server's close
/// frame.
pub(super) async fn close(half: &mut Halves<'_, '_>, code: u16, reason: &str) -> End {
    let (sink, stream, recorder) = (&mut *half.sink, &mut *half.stream, half.recorder);
    let frame = CloseFrame {
        code: CloseCode::from(code),
        reason: reason.into(),
    };
    let message = Message::Close(Some(frame));
    lock(recorder).push(Direction::Sent, &message);
    if let Err(e) = sink.send(message).await {
        return failed(&e);
    }
    let _ = tokio::time::timeout(CLOSE_GRACE, async {
        // Frames in flight when the client closed still arrive, then the server's close.
        while let Some(Ok(message)) = stream.next().await {
            lock(recorder).push(Direction::Received, &message);
            if matches!(message, Message::Close(_)) {
                break;
            }
        }
    })
    .await;
    End::Closed {
        by: Side::Client,
        code: Some(code),
        reason: reason.to_string(),
    }
}

/// Reads on after the server's close so that tungstenite sends the reply, until the
/// connection ends (bounded by [`CLOSE_GRACE`]).
pub(super) async fn drain(sink: &mut Sink, stream: &mut Stream) {
    let _ = tokio::time::timeout(CLOSE_GRACE, async {
        let _ = sink.flush().await;
        while let Some(Ok(_)) = stream.next().await {}
    })
    .await;
}
