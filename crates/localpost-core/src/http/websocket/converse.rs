//! [`Engine::converse`]: opens a WebSocket, sends its saved messages and records what arrives
//! until it closes, the duration elapses or the caller cancels.

use std::sync::{Mutex, MutexGuard};
use std::time::{Duration, Instant};

use futures_util::stream::{SplitSink, SplitStream};
use futures_util::{SinkExt, StreamExt};
use tokio_tungstenite::tungstenite::protocol::CloseFrame;
use tokio_tungstenite::tungstenite::protocol::frame::coding::CloseCode;
use tokio_tungstenite::tungstenite::{Error as WsError, Message};
use tokio_util::sync::CancellationToken;

use super::super::{Content, Engine, HttpError, PreparedMessage, PreparedRequest};
use super::open::{Socket, open};
use super::{Conversation, Direction, End, Frame, FrameKind, Result, Side, WebSocketError};

/// The writing half of an open socket.
pub(super) type Sink = SplitSink<Socket, Message>;
/// The reading half of an open socket.
pub(super) type Stream = SplitStream<Socket>;

/// How long the client waits for the server's close frame after sending its own.
const CLOSE_GRACE: Duration = Duration::from_secs(2);

/// What is told of each frame as it is sent or received (the CLI prints them live).
pub type FrameWatch = Box<dyn FnMut(&Frame) + Send>;

/// How a conversation runs.
#[derive(Default)]
pub struct Converse {
    /// How long to listen once the messages are sent, from when the socket opened; then the
    /// client closes with 1000. `None`: until the server closes or the caller cancels.
    pub duration: Option<Duration>,
    /// Sees each frame as it goes.
    pub watch: Option<FrameWatch>,
}

impl std::fmt::Debug for Converse {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Converse")
            .field("duration", &self.duration)
            .field("watch", &self.watch.is_some())
            .finish()
    }
}

/// A message read and ready to go.
enum Outgoing {
    Text(String),
    Binary(Vec<u8>),
}

/// The frames of a conversation as they happen.
pub(super) struct Recorder<'a> {
    pub(super) opened: Instant,
    pub(super) frames: Vec<Frame>,
    pub(super) watch: Option<FrameWatch>,
    pub(super) request: &'a PreparedRequest,
}

impl Recorder<'_> {
    pub(super) fn push(&mut self, direction: Direction, message: &Message) {
        let (kind, bytes, code): (FrameKind, &[u8], Option<u16>) = match message {
            Message::Text(text) => (FrameKind::Text, text.as_bytes(), None),
            Message::Binary(bytes) => (FrameKind::Binary, bytes, None),
            Message::Ping(bytes) => (FrameKind::Ping, bytes, None),
            Message::Pong(bytes) => (FrameKind::Pong, bytes, None),
            Message::Close(frame) => (
                FrameKind::Close,
                frame.as_ref().map_or(&[][..], |f| f.reason.as_bytes()),
                frame.as_ref().map(|f| u16::from(f.code)),
            ),
            // Raw frames only appear when writing them by hand, which this client does not.
            Message::Frame(_) => return,
        };
        let mut data = Content::from_bytes(bytes, false);
        if direction == Direction::Sent
            && let Content::Text { text } = &mut data
        {
            *text = self.request.hide_secrets(std::mem::take(text));
        }
        let frame = Frame {
            direction,
            kind,
            at_ms: self.opened.elapsed().as_secs_f64() * 1000.0,
            size: bytes.len() as u64,
            data,
            code,
        };
        if let Some(watch) = &mut self.watch {
            watch(&frame);
        }
        self.frames.push(frame);
    }
}

/// Reads the messages' files: all of them before anything connects, so a missing file fails
/// the send rather than half a conversation.
async fn read_messages(messages: &[PreparedMessage]) -> Result<Vec<Outgoing>> {
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
        let opened = Instant::now();
        let recorder = Mutex::new(Recorder {
            opened,
            frames: Vec::new(),
            watch: options.watch,
            request,
        });
        let deadline = options
            .duration
            .map(|d| tokio::time::Instant::from_std(opened) + d);
        let end = tokio::select! {
            biased;
            () = cancel.cancelled() => End::Cancelled,
            end = talk(socket, outgoing, deadline, &recorder) => end,
        };
        Ok(Conversation {
            handshake,
            frames: recorder
                .into_inner()
                .unwrap_or_else(|e| e.into_inner())
                .frames,
            end,
            total_ms: started.elapsed().as_secs_f64() * 1000.0,
        })
    }
}

/// What reading one frame came to.
enum Step {
    /// Go on reading.
    Go,
    /// The duration is up: the client closes.
    Deadline,
    /// The conversation is over.
    End(End),
}

/// Sends the messages while reading what arrives (an echo server answering a long message
/// must not wait for the client to finish sending them all), then reads until the end.
async fn talk(
    socket: Socket,
    outgoing: Vec<Outgoing>,
    deadline: Option<tokio::time::Instant>,
    recorder: &Shared<'_>,
) -> End {
    let (mut sink, mut stream) = socket.split();
    let mut step = {
        let sending = send_all(&mut sink, outgoing, recorder);
        tokio::pin!(sending);
        loop {
            tokio::select! {
                sent = &mut sending => break match sent {
                    Ok(()) => Step::Go,
                    Err(e) => Step::End(failed(&e)),
                },
                step = read(&mut stream, deadline, recorder) => match step {
                    Step::Go => {}
                    other => break other,
                },
            }
        }
    };
    loop {
        match step {
            Step::Go => step = read(&mut stream, deadline, recorder).await,
            Step::Deadline => return close(&mut sink, &mut stream, recorder).await,
            Step::End(end) => {
                if let End::Closed { .. } = end {
                    drain(&mut sink, &mut stream).await;
                }
                return end;
            }
        }
    }
}

/// Sends `outgoing` in order, recording each frame as it goes.
async fn send_all(
    sink: &mut Sink,
    outgoing: Vec<Outgoing>,
    recorder: &Shared<'_>,
) -> std::result::Result<(), WsError> {
    for message in outgoing {
        let message = match message {
            Outgoing::Text(text) => Message::text(text),
            Outgoing::Binary(bytes) => Message::binary(bytes),
        };
        lock(recorder).push(Direction::Sent, &message);
        sink.send(message).await?;
    }
    Ok(())
}

/// The recorder, shared by the sending and the reading halves (never locked across an await:
/// a `Mutex` rather than a `RefCell` keeps the conversation's future `Send`).
pub(super) type Shared<'a> = Mutex<Recorder<'a>>;

pub(super) fn lock<'g, 'a>(recorder: &'g Shared<'a>) -> MutexGuard<'g, Recorder<'a>> {
    // Only frames are pushed under it: a panic in a watcher cannot leave it half-written.
    recorder.lock().unwrap_or_else(|e| e.into_inner())
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

/// The client closes with 1000 and waits a little for the server's close frame.
pub(super) async fn close(sink: &mut Sink, stream: &mut Stream, recorder: &Shared<'_>) -> End {
    let frame = CloseFrame {
        code: CloseCode::Normal,
        reason: "".into(),
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
        code: Some(1000),
        reason: String::new(),
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
