//! What happens in a Socket.IO conversation ([`Happening`]) and when ([`Moment`]): plain data
//! the CLI prints and the app's timeline shows.

use serde::Serialize;
use serde_json::Value;
use ts_rs::TS;

use super::super::websocket::{Direction, Side};

/// What is told of each moment as it happens (the CLI prints them live).
pub type MomentWatch = Box<dyn FnMut(&Moment) + Send>;

/// Something that happened in a Socket.IO conversation.
#[derive(Debug, Clone, PartialEq, Serialize, TS)]
#[serde(
    rename_all = "camelCase",
    rename_all_fields = "camelCase",
    tag = "kind"
)]
#[ts(export)]
pub enum Happening {
    /// The Engine.IO session opened.
    Opened {
        /// Its id.
        sid: String,
        /// How often the server pings, in ms.
        #[ts(type = "number")]
        ping_interval_ms: u64,
    },
    /// The namespace is connected.
    Connected {
        /// The namespace.
        namespace: String,
        /// The socket's id in it, as the server gave it.
        sid: Option<String>,
    },
    /// The server refused the namespace.
    Refused {
        /// The namespace.
        namespace: String,
        /// The server's message.
        message: String,
        /// The server's extra data, if any.
        #[ts(type = "unknown")]
        data: Option<Value>,
    },
    /// An event went out or came in.
    Event {
        /// Who sent it.
        direction: Direction,
        /// Its namespace.
        namespace: String,
        /// Its name.
        event: String,
        /// Its arguments (binary attachments as `{"_binary": "<base64>"}`).
        #[ts(type = "Array<unknown>")]
        args: Vec<Value>,
        /// The acknowledgement id its sender asked for.
        #[serde(skip_serializing_if = "Option::is_none")]
        #[ts(optional, type = "number")]
        ack_id: Option<u64>,
    },
    /// An acknowledgement went out or came in.
    Ack {
        /// Who sent it.
        direction: Direction,
        /// Its namespace.
        namespace: String,
        /// The id of the event it acknowledges.
        #[ts(type = "number")]
        id: u64,
        /// Its arguments.
        #[ts(type = "Array<unknown>")]
        args: Vec<Value>,
    },
    /// The namespace was left.
    Disconnected {
        /// The namespace.
        namespace: String,
        /// Who left.
        by: Side,
    },
}

/// A [`Happening`] and when.
#[derive(Debug, Clone, PartialEq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
#[ts(export)]
pub struct Moment {
    /// Milliseconds since the socket opened.
    pub at_ms: f64,
    /// What happened.
    #[serde(flatten)]
    #[ts(flatten)]
    pub happening: Happening,
}
