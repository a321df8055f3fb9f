//! Socket.IO commands: open a stored Socket.IO request's session with a channel that hears
//! what happens in it. Emitting and disconnecting go through the WebSocket commands
//! ([`super::websocket::send_websocket_message`] with a message naming an event,
//! [`super::websocket::close_websocket`]), since the open session is held in
//! [`AppState::sockets`] as a WebSocket conversation is, and closed with the window too.

use localpost_core::http::socketio::{Moment, SocketIo};
use localpost_core::http::websocket::Handshake;
use localpost_core::model::RequestId;
use localpost_core::send::{Options, SendId, Sender, SocketIoTalking};
use serde::Serialize;
use tauri::State;
use tauri::ipc::Channel;
use ts_rs::TS;

use super::websocket::SocketOutcome;
use crate::batch::Batcher;
use crate::error::UiError;
use crate::limits;
use crate::state::AppState;

/// What the UI hears of an open Socket.IO session, as it happens.
#[derive(Debug, Clone, Serialize, TS)]
#[serde(tag = "kind", rename_all = "camelCase")]
#[ts(export)]
pub enum SocketIoEvent {
    /// The WebSocket under the session opened (its handshake, to the Engine.IO endpoint).
    Opened {
        /// The request as sent and the server's answer.
        handshake: Handshake,
    },
    /// What happened since the last batch (the session opened, the namespace connected or was
    /// refused, events and acknowledgements both ways, a disconnect), oldest first: at most
    /// [`crate::batch::KEPT`], `skipped` counting older ones left out.
    Moments {
        /// The moments.
        moments: Vec<Moment>,
        /// Moments of this batch not sent.
        #[ts(type = "number")]
        skipped: u64,
    },
}

/// Opens stored Socket.IO request `request_id` (its draft when it has one) as
/// [`super::websocket::open_websocket`] opens a WebSocket: its handshake path, the namespace of
/// its URL with its auth payload, its saved events emitted once connected; `on_event` hears
/// the handshake and every moment; it resolves when the session ends, recorded in history.
#[tauri::command]
pub async fn open_socketio(
    state: State<'_, AppState>,
    request_id: RequestId,
    connection_id: SendId,
    on_event: Channel<SocketIoEvent>,
) -> Result<SocketOutcome, UiError> {
    limits::id("connectionId", &connection_id.0)?;
    let (socket, talk) = state.sockets.start(connection_id)?;
    let options = Options {
        draft: true,
        ..Options::preferred(&state.store)?
    };
    let opened = on_event.clone();
    let batcher = Batcher::start(on_event, |moments, skipped| SocketIoEvent::Moments {
        moments,
        skipped,
    });
    let mut hear = batcher.hear();
    let talking = SocketIoTalking {
        socket_io: SocketIo {
            opened: Some(Box::new(move |handshake: &Handshake| {
                let handshake = handshake.clone();
                let _ = opened.send(SocketIoEvent::Opened { handshake });
            })),
            watch: Some(Box::new(move |moment: &Moment| hear(moment.clone()))),
            ..SocketIo::default()
        },
        talk: Some(talk),
    };
    let sender = Sender::new(&state.store, &state.vault, &state.engine);
    let done = sender
        .socket_io(request_id, &options, talking, socket.token())
        .await;
    batcher.finish().await;
    Ok(SocketOutcome::of(done))
}
