//! GraphQL commands: fetch a request's schema by introspection, read the one cached; and the
//! subscription half of `send_request`.

use localpost_core::graphql::{CachedSchema, Schemas};
use localpost_core::http::HttpError;
use localpost_core::http::live::{Listener, LiveEvent};
use localpost_core::http::websocket::{End, Subscribe, SubscriptionEvent, to_exchange};
use localpost_core::model::RequestId;
use localpost_core::send::{Options, SendError, SendId, Sender, Sent, Ticket};
use localpost_core::vault::Keychain;
use tauri::State;

use super::http::SendOutcome;

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

/// `send_request` of a GraphQL subscription: stored request `id` as `sender` sends it.
pub(crate) struct Subscription<'a, K: Keychain> {
    pub sender: &'a Sender<'a, K>,
    pub id: RequestId,
    pub options: &'a Options,
}

impl<K: Keychain> Subscription<'_, K> {
    /// Runs it (`ticket` cancels it): its events go to `listener` as an event stream's (see
    /// [`LiveEvent::from_subscription`]); a cancel is the outcome `cancelled`, anything else
    /// that opened is a response (the handshake, the messages as a JSON array).
    pub async fn run(self, listener: Listener, ticket: &Ticket) -> SendOutcome {
        let subscribe = Subscribe {
            duration: None,
            watch: Some(Box::new(move |event: &SubscriptionEvent| {
                listener(LiveEvent::from_subscription(event))
            })),
        };
        let done = self
            .sender
            .subscribe(self.id, self.options, subscribe, ticket.token())
            .await;
        let sent = match done {
            Ok(done) if done.conversation.end == End::Cancelled => {
                Err(SendError::Http(HttpError::Cancelled))
            }
            Ok(done) => Ok(Sent {
                exchange: to_exchange(&done.conversation),
                history: done.history,
                unsaved: done.unsaved,
                scripts: Vec::new(),
            }),
            Err(e) => Err(e),
        };
        SendOutcome::of(sent, Vec::new())
    }
}
