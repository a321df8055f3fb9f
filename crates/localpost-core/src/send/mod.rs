//! Sending a stored request: what the CLI's `send` and the desktop app's Send button share.
//!
//! [`Context::load`] reads a request from the [`Store`](crate::store::Store) with everything it
//! draws on: its folders (nearest first), its collection, the collection's workspace (for the
//! globals) and an environment (the one asked for, else the workspace's active one).
//! [`Context::variables`] layers their variables as Postman does (globals < collection <
//! environment) and [`Context::inheritance`] chains auth and settings through folders and
//! collection; [`Context::prepare`] hands both to [`http::prepare`](crate::http::prepare).
//! [`prepare`] does all of it in one call. [`InFlight`] keeps the cancellation token of each
//! send under way, keyed by a caller-chosen [`SendId`], so a send can be cancelled by id while
//! it runs.
//!
//! ```
//! # fn demo(store: &localpost_core::store::Store, id: localpost_core::model::RequestId)
//! #     -> localpost_core::send::Result<()> {
//! use localpost_core::send::{self, Options};
//!
//! let prepared = send::prepare(store, id, &Options::default())?;
//! println!("{} {}", prepared.method, prepared.redacted_url());
//! # Ok(()) }
//! ```
//!
//! [`prepare_with`] also reads secret variables from a keychain and substitutes
//! `{{vault:NAME}}` tokens, each within its secret's domain limits, checked against the
//! request's final URL (the order is set out in `send/vault.rs`).
//!
//! [`Sender`] sends a stored request the way the CLI's `send` and the desktop app both do: it
//! prepares it, hands the engine the workspace's cookie jar (unless the request turns cookies
//! off), saves the cookies the responses set, and records the exchange in
//! [`history`](crate::history) as the workspace's classification allows. Given a script
//! worker, it runs the request's pre-request and test scripts around the send, and
//! [`Sent::scripts`] (or, when the send failed, [`RunState::scripts`]) says what they did.
//! [`Sender::send_in_run`] is the same send as one step of a collection run: a [`RunState`]
//! carries the iteration, its data row and the scripts' local variables from send to send.
//!
//! [`Sender::converse`] opens a stored WebSocket request the same way (context, secrets, vault
//! values, cookie jar on the handshake) and records the [`Conversed`] conversation in history;
//! scripts do not run for it. [`Sender::talk`] lets the caller send further messages and close
//! it while it is open, and [`Sockets`] keeps the open ones by id, as [`InFlight`] keeps sends.
//!
//! [`Sender::grpc_call`] calls a stored gRPC request the same way (context, secrets, vault
//! values, auth as metadata) and records the [`Called`] call in history;
//! [`Sender::grpc_methods`] lists what its descriptor source offers. Scripts do not run for it.
//! [`Sender::fetch_schema`] fetches a stored request's GraphQL schema by introspection through
//! the same path (its auth, settings, secrets and cookie jar), without recording it in history,
//! and caches it ([`graphql::Schemas`](crate::graphql::Schemas)).
//!
//! [`inherited_auth`] and [`variables_in_scope`] are the editor's views of the same context:
//! where an inherited auth is set, and which variables are in scope (secret values left out).
//!
//! This module does not send anything itself ([`http::Engine`](crate::http::Engine) does), and
//! does not evaluate scripts itself ([`script`](crate::script) does).

mod added;
mod calls;
mod context;
mod error;
mod files;
mod graphql;
mod grpc;
mod in_flight;
mod inspect;
pub mod oauth2;
mod registry;
mod run_state;
mod script_host;
mod scripts;
mod sender;
mod sockets;
mod vault;
mod websocket;
mod write_back;

pub use added::added_headers;
pub use calls::{CallTalk, Calls, OpenCall};
pub use context::{Context, Options, prepare, prepare_with};
pub use error::{Result, SendError};
pub use files::FileAccess;
pub use grpc::{Called, GrpcTalking};
pub use in_flight::{InFlight, SendId, Ticket};
pub use inspect::{
    AuthOrigin, InheritedAuth, VariableInScope, VariableSource, VariablesInScope, inherited_auth,
    variables_in_scope,
};
pub use registry::{Registered, Registry};
pub use run_state::RunState;
pub use scripts::{Changes, ScriptResult};
pub use sender::{Sender, Sent};
pub use sockets::{GOING_AWAY, OpenSocket, Sockets};
pub use websocket::{Conversed, SocketIoTalking, Talk, Talking};
