//! Auth commands: obtain an OAuth 2.0 token for a stored request.
//!
//! The system browser is opened with the `open` crate from Rust, so the webview needs no
//! opener permission and the CSP and capabilities stay as strict as they were.

use localpost_core::model::RequestId;
use localpost_core::send::oauth2::StoredToken;
use localpost_core::send::{self, Options, SendId};
use tauri::State;

use crate::error::UiError;
use crate::limits;
use crate::state::AppState;

/// Obtains an OAuth 2.0 token with the request's auth in force (authorization code grants open
/// the system browser and wait on a loopback redirect), or refreshes it when `refresh`, and
/// stores it in the keychain. `send_id` lets `cancel_request` stop the wait.
#[tauri::command]
pub async fn get_oauth2_token(
    state: State<'_, AppState>,
    request_id: RequestId,
    send_id: SendId,
    refresh: bool,
) -> Result<StoredToken, UiError> {
    limits::id("sendId", &send_id.0)?;
    let ticket = state.sends.start(send_id)?;
    let keeper = send::oauth2::TokenKeeper {
        store: &state.store,
        keychain: &state.keychain,
        engine: &state.engine,
    };
    let options = Options::default();
    let (cancel, open) = (ticket.token(), |url: &_| {
        drop(open::that_detached(format!("{url}")))
    });
    Ok(if refresh {
        keeper.refresh(request_id, &options, cancel).await?
    } else {
        keeper.obtain(request_id, &options, open, cancel).await?
    })
}
