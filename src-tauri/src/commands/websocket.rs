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
use localpost_core::send::{Conversed, Options, SendId, Sender, Talking};
use serde::Serialize;
use tauri::ipc::Channel;
use tauri::{Manager, Runtime, State, Window, WindowEvent};
use ts_rs::TS;

use crate::batch::Batcher;
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
    /// [`crate::batch::KEPT`] of them, `skipped` counting older ones of the batch that were left out.
    Frames {
        /// The frames.
        frames: Vec<Frame>,
        /// Frames of this batch not sent (more than [`crate::batch::KEPT`] came within one
        /// [`crate::batch::EVERY`]).
        #[ts(type = "number")]
        skipped: u64,
    },
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
    // The frames go to the window in batches, the last ones before the outcome.
    let batcher = Batcher::start(on_event, |frames, skipped| SocketEvent::Frames {
        frames,
        skipped,
    });
    let mut hear = batcher.hear();
    talking.converse.watch = Some(Box::new(move |frame: &Frame| hear(frame.clone())));
    let sender = Sender::new(&state.store, &state.vault, &state.engine);
    let done = sender
        .talk(request_id, &options, talking, socket.token())
        .await;
    batcher.finish().await;
    Ok(SocketOutcome::of(done))
}

impl SocketOutcome {
    /// How a conversation that ran came out (its warnings printed, as a send's are).
    pub(crate) fn of(done: localpost_core::send::Result<Conversed>) -> SocketOutcome {
        match done {
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
        }
    }
}

/// Sends `message` (text, JSON or a binary file's bytes; `{{variables}}` rendered as the saved
/// messages are) on open connection `connection_id`; resolves once it went. On a Socket.IO
/// connection ([`super::socketio::open_socketio`]) the message is an event: its `event`, its
/// content as the argument (or arguments, with `spread`), `ack` asking for an
/// acknowledgement. A connection that is not open is kind `notFound`.
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

/// Closes open connection `connection_id` (a Socket.IO one leaves its namespace first) with
/// `code` (1000 to 1003, 1007 to 1011, 3000 to
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
