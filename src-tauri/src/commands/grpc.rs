//! gRPC commands: list a request's methods, write a method's example message, open a call
//! and, while it is open, send more messages, end the request stream or cancel it; choose an
//! import path for `.proto` files.
//!
//! As for a WebSocket, the UI mints the call's id before calling [`open_grpc_call`], so no
//! message is missed and [`send_grpc_message`], [`end_grpc_stream`] and [`cancel_grpc_call`]
//! reach it while it runs; `open_grpc_call` resolves when the call has its status. Open calls
//! are held in [`AppState::calls`] and cancelled when the window closes. Proto files are
//! chosen with `choose_request_file` (purpose `protoFile`); the webview never names one.

use localpost_core::http::Header;
use localpost_core::http::grpc::{CallOptions, Message, Method, Status};
use localpost_core::model::{ChosenFile, RequestId};
use localpost_core::send::{GrpcTalking, Options, SendId, Sender};
use serde::Serialize;
use tauri::ipc::Channel;
use tauri::{AppHandle, Manager, Runtime, State, Window, WindowEvent};
use tokio_util::sync::CancellationToken;
use ts_rs::TS;

use crate::batch::Batcher;
use crate::dialog;
use crate::error::UiError;
use crate::limits;
use crate::state::AppState;

/// What the UI hears of an open call, as it happens.
#[derive(Debug, Clone, Serialize, TS)]
#[serde(tag = "kind", rename_all = "camelCase")]
#[ts(export)]
pub enum CallEvent {
    /// The server answered: its response metadata.
    Opened {
        /// The response headers, in order.
        headers: Vec<Header>,
    },
    /// Messages sent or received since the last batch, oldest first: at most
    /// [`crate::batch::KEPT`], `skipped` counting older ones of the batch left out.
    Messages {
        /// The messages.
        messages: Vec<Message>,
        /// Messages of this batch not sent over.
        #[ts(type = "number")]
        skipped: u64,
    },
}

/// How a call came out.
#[derive(Debug, Clone, Serialize, TS)]
#[serde(tag = "kind", rename_all = "camelCase")]
#[ts(export)]
pub enum CallOutcome {
    /// The call was made and has its status (its messages came on the channel).
    #[serde(rename_all = "camelCase")]
    Ended {
        /// The method called.
        method: Method,
        /// The status: OK, the server's error, `CANCELLED` or `DEADLINE_EXCEEDED`.
        status: Status,
        /// The response metadata.
        headers: Vec<Header>,
        /// The trailing metadata (without `grpc-status` and `grpc-message`).
        trailers: Vec<Header>,
        /// Milliseconds from the start to the status.
        total_ms: f64,
        /// How many messages went both ways.
        #[ts(type = "number")]
        messages: u64,
    },
    /// The call could not be made (descriptors, method, a message, the connection).
    Error {
        /// Why.
        error: UiError,
    },
}

fn options(state: &AppState) -> Result<Options, UiError> {
    Ok(Options {
        draft: true,
        ..Options::preferred(&state.store)?
    })
}

/// The methods stored gRPC request `request_id`'s descriptor source offers (its draft's
/// source, when it has one): its `.proto` files compiled, or the server's reflection asked;
/// kept by the engine, and made again first when `refresh`.
#[tauri::command]
pub async fn grpc_methods(
    state: State<'_, AppState>,
    request_id: RequestId,
    refresh: bool,
) -> Result<Vec<Method>, UiError> {
    let options = options(&state)?;
    let sender = Sender::new(&state.store, &state.vault, &state.engine);
    if refresh {
        sender.grpc_forget(request_id, &options)?;
    }
    Ok(sender
        .grpc_methods(request_id, &options, &CancellationToken::new())
        .await?)
}

/// A JSON example of `method`'s input type (`package.Service/Method`): every field with a
/// placeholder, for "Use example message".
#[tauri::command]
pub async fn grpc_template(
    state: State<'_, AppState>,
    request_id: RequestId,
    method: String,
) -> Result<String, UiError> {
    limits::name("method", &method)?;
    let options = options(&state)?;
    let sender = Sender::new(&state.store, &state.vault, &state.engine);
    Ok(sender
        .grpc_template(request_id, &options, &method, &CancellationToken::new())
        .await?)
}

/// Calls stored gRPC request `request_id` (its draft when it has one) the way `send_request`
/// sends: preferences, environment, secrets, vault values, auth as metadata. Its enabled
/// messages go first; a client-streaming or bidirectional call then stays open for
/// [`send_grpc_message`] until [`end_grpc_stream`]. `on_event` hears the response metadata
/// and every message; it resolves with the status, recorded in history as the workspace's
/// classification says.
#[tauri::command]
pub async fn open_grpc_call(
    state: State<'_, AppState>,
    request_id: RequestId,
    call_id: SendId,
    on_event: Channel<CallEvent>,
) -> Result<CallOutcome, UiError> {
    limits::id("callId", &call_id.0)?;
    let (call, talk) = state.calls.start(call_id)?;
    let options = options(&state)?;
    let opened = on_event.clone();
    let batcher = Batcher::start(on_event, |messages, skipped| CallEvent::Messages {
        messages,
        skipped,
    });
    let mut heard = batcher.hear();
    let talking = GrpcTalking {
        call: CallOptions {
            watch: Some(Box::new(move |m: &Message| heard(m.clone()))),
            opened: Some(Box::new(move |headers: &[Header]| {
                let headers = headers.to_vec();
                let _ = opened.send(CallEvent::Opened { headers });
            })),
            ..CallOptions::default()
        },
        talk: Some(talk),
    };
    let sender = Sender::new(&state.store, &state.vault, &state.engine);
    let done = sender
        .grpc_talk(request_id, &options, talking, call.token())
        .await;
    batcher.finish().await;
    Ok(match done {
        Ok(done) => {
            for warning in &done.unsaved {
                eprintln!("localpost: {warning}");
            }
            let call = done.call;
            CallOutcome::Ended {
                messages: call.messages.len() as u64,
                method: call.method,
                status: call.status,
                headers: call.headers,
                trailers: call.trailers,
                total_ms: call.total_ms,
            }
        }
        Err(e) => CallOutcome::Error { error: e.into() },
    })
}

/// Sends JSON `message` (`{{variables}}` rendered as the saved messages are) on open call
/// `call_id`'s request stream; resolves once it went. A call that is not open is kind
/// `notFound`; a message that is not valid for the input type, or a stream that has ended,
/// fails that message only.
#[tauri::command]
pub async fn send_grpc_message(
    state: State<'_, AppState>,
    call_id: SendId,
    message: String,
) -> Result<(), UiError> {
    limits::id("callId", &call_id.0)?;
    limits::text("message", &message, limits::BODY)?;
    Ok(state.calls.send(&call_id, message).await?)
}

/// Ends open call `call_id`'s request stream (the server then ends the call). Returns
/// whether it was open.
#[tauri::command]
pub async fn end_grpc_stream(state: State<'_, AppState>, call_id: SendId) -> Result<bool, UiError> {
    limits::id("callId", &call_id.0)?;
    Ok(state.calls.end(&call_id))
}

/// Cancels open call `call_id` (its status is `CANCELLED`). Returns whether it was open.
#[tauri::command]
pub async fn cancel_grpc_call(
    state: State<'_, AppState>,
    call_id: SendId,
) -> Result<bool, UiError> {
    limits::id("callId", &call_id.0)?;
    Ok(state.calls.cancel(&call_id))
}

/// Asks for a directory `.proto` imports are looked up in, in the native folder dialog, and
/// returns it as a request keeps it (and sends may read it from then on); `None` when
/// cancelled.
#[tauri::command]
pub async fn choose_import_path(
    app: AppHandle,
    state: State<'_, AppState>,
) -> Result<Option<ChosenFile>, UiError> {
    let Some(dir) = dialog::choose_folder(&app, "Import path") else {
        return Ok(None);
    };
    Ok(Some(state.store.choose_file(&dir)?))
}

/// Cancels every open call when the window closes.
pub fn on_window_event<R: Runtime>(window: &Window<R>, event: &WindowEvent) {
    if let WindowEvent::CloseRequested { .. } | WindowEvent::Destroyed = event {
        window.state::<AppState>().calls.cancel_all();
    }
}
