//! WebSocket commands: open a stored WebSocket request, send a message on it while it is open,
//! close it.
//!
//! The UI mints the connection's id before calling [`open_websocket`] (as it does a send's),
//! so no frame is missed and [`send_websocket_message`] and [`close_websocket`] can reach the
//! conversation while it runs; `open_websocket` resolves when the conversation ends. The open
//! ones are held in [`AppState::sockets`] and closed (1001, going away) when the window
//! closes.

use localpost_core::http::websocket::{End, Frame, Handshake};
use localpost_core::model::{RequestId, WebSocketMessage};
use localpost_core::send::{Options, SendId, Sender, Talking};
use serde::Serialize;
use tauri::ipc::Channel;
use tauri::{Manager, Runtime, State, Window, WindowEvent};
use ts_rs::TS;

use crate::error::UiError;
use crate::limits;
use crate::state::AppState;

/// What the UI hears of an open conversation, as it happens.
#[derive(Debug, Clone, Serialize, TS)]
#[serde(tag = "kind", rename_all = "camelCase")]
#[ts(export)]
pub enum SocketEvent {
    /// The handshake succeeded: the socket is open.
    Opened {
        /// The request as sent and the server's answer.
        handshake: Handshake,
    },
    /// Frames sent or received since the last batch, oldest first: at most
    /// [`BATCH_KEPT`] of them, `skipped` counting older ones of the batch that were left out.
    Frames {
        /// The frames.
        frames: Vec<Frame>,
        /// Frames of this batch not sent (more than [`BATCH_KEPT`] came within one
        /// [`BATCH_EVERY`]).
        #[ts(type = "number")]
        skipped: u64,
    },
}

/// How often the frames heard are handed to the window: at most this many channel messages a
/// second, however fast the socket talks (one message per frame, at 100,000 frames, queued
/// more work in the webview than it could do and its memory grew without bound).
const BATCH_EVERY: std::time::Duration = std::time::Duration::from_millis(50);

/// Most frames one batch carries: the timeline keeps 5,000 frames, so older ones of a bigger
/// batch are only counted.
const BATCH_KEPT: usize = 5_000;

/// Frames heard and not yet handed to the window.
#[derive(Default)]
struct Batch {
    frames: std::collections::VecDeque<Frame>,
    skipped: u64,
}

impl Batch {
    fn push(&mut self, frame: Frame) {
        if self.frames.len() == BATCH_KEPT {
            self.frames.pop_front();
            self.skipped += 1;
        }
        self.frames.push_back(frame);
    }

    /// The batch to send, leaving this one empty; `None` when nothing came.
    fn take(&mut self) -> Option<SocketEvent> {
        if self.frames.is_empty() && self.skipped == 0 {
            return None;
        }
        let taken = std::mem::take(self);
        Some(SocketEvent::Frames {
            frames: taken.frames.into(),
            skipped: taken.skipped,
        })
    }
}

fn lock(batch: &std::sync::Mutex<Batch>) -> std::sync::MutexGuard<'_, Batch> {
    batch.lock().unwrap_or_else(|e| e.into_inner())
}

/// How a conversation came out.
#[derive(Debug, Clone, Serialize, TS)]
#[serde(tag = "kind", rename_all = "camelCase")]
#[ts(export)]
pub enum SocketOutcome {
    /// The socket opened and has now ended (its frames came on the channel).
    #[serde(rename_all = "camelCase")]
    Ended {
        /// How it ended.
        end: End,
        /// Milliseconds from the start to the end.
        total_ms: f64,
        /// How many frames went both ways.
        #[ts(type = "number")]
        frames: u64,
    },
    /// The socket could not be opened (refused, unreachable, an unreadable message file, …).
    Error {
        /// Why.
        error: UiError,
    },
}

/// Opens stored WebSocket request `request_id` (its draft when it has one, as the editor shows
/// it) the way `send_request` sends: the preferences' settings below its own, the active
/// environment, secrets and vault values, the cookie jar on the handshake. Its saved messages
/// go out once it is open; `on_event` hears the handshake and every frame; it resolves when
/// the conversation ends, recorded in history as the workspace's classification says.
#[tauri::command]
pub async fn open_websocket(
    state: State<'_, AppState>,
    request_id: RequestId,
    connection_id: SendId,
    on_event: Channel<SocketEvent>,
) -> Result<SocketOutcome, UiError> {
    limits::id("connectionId", &connection_id.0)?;
    let (socket, talk) = state.sockets.start(connection_id)?;
    let options = Options {
        draft: true,
        ..Options::preferred(&state.store)?
    };
    let opened = on_event.clone();
    let mut talking = Talking {
        talk: Some(talk),
        ..Talking::default()
    };
    talking.converse.opened = Some(Box::new(move |handshake: &Handshake| {
        let handshake = handshake.clone();
        let _ = opened.send(SocketEvent::Opened { handshake });
    }));
    let batch = std::sync::Arc::new(std::sync::Mutex::new(Batch::default()));
    let heard = std::sync::Arc::clone(&batch);
    talking.converse.watch = Some(Box::new(move |frame: &Frame| {
        lock(&heard).push(frame.clone());
    }));
    // Hands the frames heard to the window every BATCH_EVERY, and the last ones once the
    // conversation is over, before the outcome. A window that went away hears nothing; the
    // socket is closed as it goes.
    let over = tokio_util::sync::CancellationToken::new();
    let flusher = {
        let (batch, over) = (std::sync::Arc::clone(&batch), over.clone());
        tauri::async_runtime::spawn(async move {
            loop {
                let last = tokio::select! {
                    () = tokio::time::sleep(BATCH_EVERY) => false,
                    () = over.cancelled() => true,
                };
                let taken = lock(&batch).take();
                if let Some(event) = taken {
                    let _ = on_event.send(event);
                }
                if last {
                    break;
                }
            }
        })
    };
    let sender = Sender::new(&state.store, &state.vault, &state.engine);
    let done = sender
        .talk(request_id, &options, talking, socket.token())
        .await;
    over.cancel();
    let _ = flusher.await;
    Ok(match done {
        Ok(done) => {
            for warning in &done.unsaved {
                eprintln!("localpost: {warning}");
            }
            SocketOutcome::Ended {
                end: done.conversation.end,
                total_ms: done.conversation.total_ms,
                frames: done.conversation.frame_count,
            }
        }
        Err(e) => SocketOutcome::Error { error: e.into() },
    })
}

/// Sends `message` (text, JSON or a binary file's bytes; `{{variables}}` rendered as the saved
/// messages are) on open connection `connection_id`; resolves once it went. A connection that
/// is not open is kind `notFound`.
#[tauri::command]
pub async fn send_websocket_message(
    state: State<'_, AppState>,
    connection_id: SendId,
    message: WebSocketMessage,
) -> Result<(), UiError> {
    limits::id("connectionId", &connection_id.0)?;
    limits::value("message", &message)?;
    Ok(state.sockets.send(&connection_id, message).await?)
}

/// Closes open connection `connection_id` with `code` (1000 to 1003, 1007 to 1011, 3000 to
/// 4999) and `reason` (at most 123 bytes); its `open_websocket` then resolves. Returns whether
/// it was open.
#[tauri::command]
pub async fn close_websocket(
    state: State<'_, AppState>,
    connection_id: SendId,
    code: u16,
    reason: String,
) -> Result<bool, UiError> {
    limits::id("connectionId", &connection_id.0)?;
    limits::name("reason", &reason)?;
    Ok(state.sockets.close(&connection_id, code, reason)?)
}

/// Closes every open connection (1001, going away) when the window closes.
pub fn on_window_event<R: Runtime>(window: &Window<R>, event: &WindowEvent) {
    if let WindowEvent::CloseRequested { .. } | WindowEvent::Destroyed = event {
        window.state::<AppState>().sockets.close_all();
    }
}
