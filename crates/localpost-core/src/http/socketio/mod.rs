//! Socket.IO requests: the Socket.IO v5 protocol over Engine.IO v4, spoken over the engine's
//! own WebSocket (see [`super::websocket`]), so that the handshake gets the request's
//! variables, auth, proxy, certificates and cookies like any other send.
//!
//! No maintained Rust client crate can run over a socket it did not open itself (they dial
//! their own connections, with their own TLS), which would bypass the network module's
//! settings; the protocol is small, so it is read and written here ([`packet`]) and checked
//! against the reference server, socket.io's own (Node) implementation, in the tests.

mod converse;
mod error;
mod moment;
mod outgoing;
pub mod packet;
mod session;

pub use converse::{Emit, SocketIo, SocketIoConversation};
pub use error::{Result, SocketIoError};
pub use moment::{Happening, Moment, MomentWatch};
