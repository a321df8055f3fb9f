//! GraphQL commands: fetch a request's schema by introspection, read the one cached.

use localpost_core::graphql::{CachedSchema, Schemas};
use localpost_core::model::RequestId;
use localpost_core::send::{Options, SendId, Sender};
use tauri::State;

use crate::error::UiError;
use crate::limits;
use crate::state::AppState;

/// Fetches request `request_id`'s schema by introspection as its Send would go (its draft,
/// the stored preferences' settings, the active environment, secrets, auth, cookie jar; not
/// recorded in history) and caches it as the workspace's classification allows. `send_id`
/// lets `cancel_request` stop it.
#[tauri::command]
pub async fn fetch_graphql_schema(
    state: State<'_, AppState>,
    request_id: RequestId,
    send_id: SendId,
) -> Result<CachedSchema, UiError> {
    limits::id("sendId", &send_id.0)?;
    let ticket = state.sends.start(send_id)?;
    let options = Options {
        draft: true,
        ..Options::preferred(&state.store)?
    };
    let sender = Sender::new(&state.store, &state.vault, &state.engine);
    Ok(sender
        .fetch_schema(request_id, &options, ticket.token())
        .await?)
}

/// Request `request_id`'s cached schema, `null` when none is kept.
#[tauri::command]
pub async fn graphql_schema(
    state: State<'_, AppState>,
    request_id: RequestId,
) -> Result<Option<CachedSchema>, UiError> {
    Ok(Schemas::new(&state.store, &state.vault).cached(request_id)?)
}
