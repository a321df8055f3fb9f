//! Sending commands: send a stored request, cancel a send under way, list the headers a send
//! adds.
//!
//! The UI mints the send's id before calling [`send_request`], so that [`cancel_request`] can
//! target it while it runs. The response body arrives as the engine returns it: whole when it
//! is small, else its first 64 KiB with its size and the file it was saved to, together with
//! what the request's scripts did.

use std::sync::Arc;

use localpost_core::http::live::{Listener, LiveEvent, listening};
use localpost_core::http::{Exchange, Header};
use localpost_core::model::{Request, RequestId};
use localpost_core::send::{Options, RunState, ScriptResult, SendError, SendId, Sender, Sent};
use serde::Serialize;
use tauri::State;
use tauri::ipc::Channel;
use ts_rs::TS;

use crate::error::UiError;
use crate::limits;
use crate::state::AppState;

/// Runs the request's pre-request scripts, sends it (its draft of unsaved edits when it has
/// one, as the editor shows it; nothing is saved) with the settings of the stored preferences
/// below its collection's, folders' and own, with the workspace's active environment (secret variables and
/// `{{vault:NAME}}` secrets read from the keychain, each vault secret only within its allowed
/// domains, as `localpost send` does) and the workspace's cookie jar; records it in history;
/// resolves when the whole response has arrived and the test scripts ran, with the exchange and
/// each script's tests, console lines, error and visualizer; their variable writes are saved.
/// Any status code is a response; no response is an error outcome, with the pre-request
/// scripts that ran before it.
///
/// A GraphQL subscription (a GraphQL body whose operation is a `subscription`) runs over
/// `graphql-transport-ws` instead, heard on `on_event` as an event stream: `opened` (101) when
/// the server acknowledges, then a `next`, `error` or `complete` event per message, until it
/// ends or `cancel_request`; its outcome is the handshake with the messages as a JSON body.
///
/// A `text/event-stream` response is also shown as it arrives: `on_event` hears the stream open
/// and each event as the server ends it; stopping it is `cancel_request`. `last_event_id`
/// reopens a stream the server ended: it is sent as `Last-Event-ID`.
#[tauri::command]
pub async fn send_request(
    state: State<'_, AppState>,
    request_id: RequestId,
    send_id: SendId,
    on_event: Channel<LiveEvent>,
    last_event_id: Option<String>,
) -> Result<SendOutcome, UiError> {
    limits::id("sendId", &send_id.0)?;
    if let Some(id) = &last_event_id {
        limits::name("lastEventId", id)?;
    }
    // Registered first, so a cancel that arrives while the request is prepared still counts.
    let ticket = state.sends.start(send_id)?;
    // What the user sees is what is sent: the draft, when the request has one.
    let sender = Sender::new(&state.store, &state.vault, &state.engine).scripts(&state.scripts);
    let mut run = RunState::default();
    let sent = match Options::preferred(&state.store) {
        Ok(preferred) => {
            let options = Options {
                draft: true,
                headers: last_event_id
                    .into_iter()
                    .map(|id| ("Last-Event-ID".to_owned(), id))
                    .collect(),
                ..preferred
            };
            let listener: Listener = Arc::new(move |event| {
                // A window that went away hears nothing; the send goes on.
                let _ = on_event.send(event);
            });
            if is_subscription(&state, request_id) {
                let subscription = super::graphql::Subscription {
                    sender: &sender,
                    id: request_id,
                    options: &options,
                };
                return Ok(subscription.run(listener, &ticket).await);
            }
            let sending = sender.send_in_run(request_id, &options, &mut run, ticket.token());
            listening(listener, sending).await
        }
        Err(e) => Err(e),
    };
    Ok(SendOutcome::of(sent, run.scripts))
}

/// Whether the request as edited is a GraphQL subscription (one that cannot be read is not:
/// the send then reports why).
fn is_subscription(state: &AppState, id: RequestId) -> bool {
    state
        .store
        .request_as_edited(id)
        .is_ok_and(|r| localpost_core::graphql::is_subscription(&r))
}

/// What came of a send, as the response panel shows it: each kind with what the request's
/// scripts did.
#[derive(Debug, Clone, Serialize, TS)]
#[serde(tag = "kind", rename_all = "camelCase")]
#[ts(export)]
pub enum SendOutcome {
    /// A response arrived (any status).
    Response {
        /// The request as sent and the response.
        exchange: Box<Exchange>,
        /// The scripts that ran, pre-request then test, outermost first.
        scripts: Vec<ScriptResult>,
    },
    /// A pre-request script called `pm.execution.skipRequest()`: nothing was sent.
    Skipped {
        /// The pre-request scripts that ran.
        scripts: Vec<ScriptResult>,
    },
    /// No response: the error, and the pre-request scripts that ran before it.
    Error {
        /// Why.
        error: UiError,
        /// The scripts that ran before it failed.
        scripts: Vec<ScriptResult>,
    },
}

impl SendOutcome {
    /// The outcome of a send; `ran` is what its scripts did when it failed.
    pub(crate) fn of(sent: Result<Sent, SendError>, ran: Vec<ScriptResult>) -> SendOutcome {
        match sent {
            Ok(sent) => {
                for warning in &sent.unsaved {
                    eprintln!("localpost: {warning}");
                }
                SendOutcome::Response {
                    exchange: Box::new(sent.exchange),
                    scripts: sent.scripts,
                }
            }
            Err(SendError::Skipped { scripts }) => SendOutcome::Skipped { scripts },
            Err(e) => SendOutcome::Error {
                error: e.into(),
                scripts: ran,
            },
        }
    }
}

/// Cancels a send under way; its `send_request` then fails with kind `cancelled`. Returns
/// whether such a send was under way (it may have just finished).
#[tauri::command]
pub async fn cancel_request(state: State<'_, AppState>, send_id: SendId) -> Result<bool, UiError> {
    limits::id("sendId", &send_id.0)?;
    Ok(state.sends.cancel(&send_id))
}

/// The headers a send of `request` (a stored request, maybe with unsaved edits) adds to its own
/// rows: automatic ones, auth's, `Host` and `Content-Length`. Secret variables are not read.
#[tauri::command]
pub async fn added_headers(
    state: State<'_, AppState>,
    request: Request,
) -> Result<Vec<Header>, UiError> {
    crate::commands::requests::check_request(&state.store, &request)?;
    Ok(localpost_core::send::added_headers(
        &state.store,
        &request,
        &Options::default(),
    )?)
}
