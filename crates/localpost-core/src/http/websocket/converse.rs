//! [`Engine::converse`]: opens a WebSocket, sends its saved messages and records what arrives
//! until it closes, the duration elapses or the caller cancels.

use std::time::{Duration, Instant};

use futures_util::{SinkExt, StreamExt};
use tokio_tungstenite::tungstenite::protocol::CloseFrame;
use tokio_tungstenite::tungstenite::protocol::frame::coding::CloseCode;
use tokio_tungstenite::tungstenite::{Error as WsError, Message};
use tokio_util::sync::CancellationToken;

use super::super::{Content, Engine, HttpError, PreparedMessage, PreparedRequest};
use super::open::{Socket, open};
use super::{Conversation, Direction, End, Frame, FrameKind, Result, Side, WebSocketError};

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
struct Recorder<'a> {
    opened: Instant,
    frames: Vec<Frame>,
    watch: Option<FrameWatch>,
    request: &'a PreparedRequest,
}

impl Recorder<'_> {
    fn push(&mut self, direction: Direction, message: &Message) {
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
fn failed(e: &WsError) -> End {
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
        let (mut socket, handshake) = tokio::select! {
            biased;
            () = cancel.cancelled() => return Err(HttpError::Cancelled.into()),
            opened = open(self, request, started) => opened?,
        };
        let mut recorder = Recorder {
            opened: Instant::now(),
            frames: Vec::new(),
            watch: options.watch,
            request,
        };
        let deadline = options
            .duration
            .map(|d| tokio::time::Instant::from_std(recorder.opened) + d);
        let end = tokio::select! {
            biased;
            () = cancel.cancelled() => End::Cancelled,
            end = talk(&mut socket, outgoing, deadline, &mut recorder) => end,
        };
        Ok(Conversation {
            handshake,
            frames: recorder.frames,
            end,
            total_ms: started.elapsed().as_secs_f64() * 1000.0,
        })
    }
}

/// Sends the messages, then reads until the end.
async fn talk(
    socket: &mut Socket,
    outgoing: Vec<Outgoing>,
    deadline: Option<tokio::time::Instant>,
    recorder: &mut Recorder<'_>,
) -> End {
    for message in outgoing {
        let message = match message {
            Outgoing::Text(text) => Message::text(text),
            Outgoing::Binary(bytes) => Message::binary(bytes),
        };
        recorder.push(Direction::Sent, &message);
        if let Err(e) = socket.send(message).await {
            return failed(&e);
        }
    }
    loop {
        let next = match deadline {
            Some(at) => match tokio::time::timeout_at(at, socket.next()).await {
                Ok(next) => next,
                Err(_) => return close(socket, recorder).await,
            },
            None => socket.next().await,
        };
        match next {
            None | Some(Err(WsError::ConnectionClosed | WsError::AlreadyClosed)) => {
                return End::Failed {
                    reason: "the connection was closed without a close frame".into(),
                };
            }
            Some(Err(e)) => return failed(&e),
            Some(Ok(message)) => {
                recorder.push(Direction::Received, &message);
                match &message {
                    // tungstenite queues the pong; it goes out with the next read or write.
                    Message::Ping(payload) => {
                        recorder.push(Direction::Sent, &Message::Pong(payload.clone()));
                    }
                    Message::Close(frame) => {
                        // tungstenite answers with the same code; reading on sends it.
                        let (code, reason) = frame.as_ref().map_or((None, String::new()), |f| {
                            (Some(u16::from(f.code)), f.reason.to_string())
                        });
                        if let Some(f) = frame {
                            recorder.push(Direction::Sent, &Message::Close(Some(f.clone())));
                        } else {
                            recorder.push(Direction::Sent, &Message::Close(None));
                        }
                        drain(socket).await;
                        return End::Closed {
                            by: Side::Server,
                            code,
                            reason,
                        };
                    }
                    _ => {}
                }
            }
        }
    }
}

/// The client closes with 1000 and waits a little for the server's close frame.
async fn close(socket: &mut Socket, recorder: &mut Recorder<'_>) -> End {
    let frame = CloseFrame {
        code: CloseCode::Normal,
        reason: "".into(),
    };
    recorder.push(Direction::Sent, &Message::Close(Some(frame.clone())));
    if let Err(e) = socket.close(Some(frame)).await {
        return failed(&e);
    }
    let _ = tokio::time::timeout(CLOSE_GRACE, async {
        while let Some(Ok(message)) = socket.next().await {
            if !matches!(message, Message::Close(_)) {
                // Frames in flight when the client closed still arrived.
                recorder.push(Direction::Received, &message);
                continue;
            }
            recorder.push(Direction::Received, &message);
            break;
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
async fn drain(socket: &mut Socket) {
    let _ = tokio::time::timeout(CLOSE_GRACE, async {
        while let Some(Ok(_)) = socket.next().await {}
    })
    .await;
}
