//! `localpost send` of a GraphQL subscription (a GraphQL body whose operation is a
//! `subscription`): the request's URL is opened as a WebSocket speaking `graphql-transport-ws`
//! with the variables, auth and settings it would have in the app, and each `next` payload is
//! printed as one line of JSON as it arrives, until the server completes it, an error, or
//! `--for` is up (then the client completes it and closes). The conversation is recorded in
//! the workspace's history.
//!
//! Exit codes are `send`'s: 0 when the subscription ended by `complete` or `--for`, 1 when the
//! server answered with `error` (its errors on standard error), 3 when the socket could not
//! open or the connection dropped, 4 when the handshake timed out.

use std::io::Write;

use localpost_core::http::Engine;
use localpost_core::http::websocket::{Conversation, End, Subscribe, SubscriptionEvent};
use localpost_core::model::Request;
use localpost_core::send::{Options, Sender};
use localpost_core::store::Store;
use localpost_core::vault::{OsKeychain, Vault};
use tokio_util::sync::CancellationToken;

use crate::cli::SendArgs;
use crate::exit::Failure;

/// Runs `request`'s subscription and prints each result as it arrives.
pub fn run(
    store: &Store,
    vault: &Vault<OsKeychain>,
    request: &Request,
    options: &Options,
    args: &SendArgs,
) -> Result<(), Failure> {
    let has_scripts =
        !request.scripts.pre_request.trim().is_empty() || !request.scripts.test.trim().is_empty();
    if has_scripts && !args.no_scripts {
        eprintln!("warning: scripts do not run for GraphQL subscriptions yet");
    }
    let runtime = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .map_err(|e| Failure::failed(format!("cannot start the async runtime: {e}")))?;
    let engine = Engine::new();
    let subscribe = Subscribe {
        duration: args.for_duration,
        watch: Some(Box::new(|event: &SubscriptionEvent| match event {
            SubscriptionEvent::Next { payload, .. } => {
                let mut stdout = std::io::stdout().lock();
                let _ = writeln!(stdout, "{payload}").and_then(|()| stdout.flush());
            }
            SubscriptionEvent::Error { errors, .. } => {
                eprintln!("error: the server ended the subscription with errors: {errors}");
            }
            _ => {}
        })),
    };
    let cancel = CancellationToken::new();
    let sender = Sender::new(store, vault, &engine);
    let done = runtime.block_on(sender.subscribe(request.id, options, subscribe, &cancel))?;
    let conversation = &done.conversation;
    super::send::warn(&conversation.handshake.request.unresolved, &done.unsaved);
    outcome(conversation)
}

/// The exit of a subscription that opened.
fn outcome(conversation: &Conversation) -> Result<(), Failure> {
    let url = &conversation.handshake.request.url;
    let errored = conversation.frames.iter().any(|f| {
        f.data
            .as_text()
            .and_then(|t| serde_json::from_str::<serde_json::Value>(t).ok())
            .is_some_and(|v| v["type"] == "error")
    });
    match &conversation.end {
        _ if errored => Err(Failure::failed(format!("{url}: the subscription failed"))),
        End::Closed { .. } => Ok(()),
        End::Failed { reason } => Err(Failure {
            code: 3,
            message: format!("{url}: {reason}"),
        }),
        End::Cancelled => Err(Failure::failed("cancelled")),
    }
}
