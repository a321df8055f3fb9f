//! Sending commands: send a stored request, cancel a send under way.
//!
//! The UI mints the send's id before calling [`send_request`], so that [`cancel_request`] can
//! target it while it runs. The response body arrives as the engine returns it: whole when it
//! is small, else its first 64 KiB with its size and the file it was saved to, together with
//! what the request's scripts did.

use localpost_core::model::RequestId;
use localpost_core::send::{Options, SendId, SendResult, Sender};
use tauri::State;

use crate::error::UiError;
use crate::state::AppState;

/// Runs the request's pre-request scripts, sends it with the workspace's active environment (secret variables and
/// `{{vault:NAME}}` secrets read from the keychain, each vault secret only within its allowed
/// domains, as `localpost send` does) and the workspace's cookie jar; records it in history;
/// resolves when the whole response has arrived and the test scripts ran, with the exchange and
/// each script's tests, console lines, error and visualizer; their variable writes are saved.
/// Any status code is a success; no response is an error.
#[tauri::command]
pub async fn send_request(
    state: State<'_, AppState>,
    request_id: RequestId,
    send_id: SendId,
) -> Result<SendResult, UiError> {
    // Registered first, so a cancel that arrives while the request is prepared still counts.
    let ticket = state.sends.start(send_id)?;
    let sender = Sender::new(&state.store, &state.vault, &state.engine).scripts(&state.scripts);
    let sent = sender
        .send(request_id, &Options::default(), ticket.token())
        .await?;
    for warning in &sent.unsaved {
        eprintln!("localpost: {warning}");
    }
    Ok(sent.into())
}

/// Cancels a send under way; its `send_request` then fails with kind `cancelled`. Returns
/// whether such a send was under way (it may have just finished).
#[tauri::command]
pub async fn cancel_request(state: State<'_, AppState>, send_id: SendId) -> Result<bool, UiError> {
    Ok(state.sends.cancel(&send_id))
}
