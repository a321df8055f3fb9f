//! [`Calls`]: the gRPC calls open in an app, each under the id its caller gave it, so that
//! further messages, the end of the request stream and a cancel can reach it while it runs
//! ([`Sender::grpc_talk`](super::Sender::grpc_talk)). A [`Registry`] of [`CallTalk`].

use tokio::sync::{mpsc, oneshot};

use super::registry::{Registered, Registry, not_open};
use super::{Result, SendId};

/// What a caller asks of an open call.
#[derive(Debug)]
pub enum CallTalk {
    /// Render `message` (JSON, `{{variables}}` unrendered) as the saved messages are and send
    /// it on the request stream; `done` hears how it went.
    Send {
        /// The message's JSON text.
        message: String,
        /// Told when it went, or why not.
        done: oneshot::Sender<Result<()>>,
    },
    /// End the request stream (Postman's "End streaming").
    End,
}

/// One registered call; unregisters it when dropped. Hand its
/// [`token`](Registered::token) to [`Sender::grpc_talk`](super::Sender::grpc_talk).
pub type OpenCall = Registered<CallTalk>;

/// The open calls. Share one (it is `Send + Sync`).
#[derive(Debug, Default)]
pub struct Calls {
    open: Registry<CallTalk>,
}

impl Calls {
    /// No call open.
    pub fn new() -> Calls {
        Calls::default()
    }

    /// Registers call `id`: returns its [`OpenCall`] and the channel to give
    /// [`GrpcTalking::talk`](super::GrpcTalking). Fails with
    /// [`SendError::DuplicateSend`](super::SendError::DuplicateSend) if one with that id is
    /// open.
    pub fn start(&self, id: SendId) -> Result<(OpenCall, mpsc::UnboundedReceiver<CallTalk>)> {
        self.open.start(id)
    }

    /// Sends JSON `message` on call `id`'s request stream; resolves once it went. Fails with
    /// [`SendError::NotOpen`](super::SendError::NotOpen) when no such call is open, else as
    /// rendering or encoding failed, or when the stream has ended.
    pub async fn send(&self, id: &SendId, message: String) -> Result<()> {
        let talk = self.open.talk_of(id)?;
        let (done, heard) = oneshot::channel();
        talk.send(CallTalk::Send { message, done })
            .map_err(|_| not_open(id))?;
        heard.await.map_err(|_| not_open(id))?
    }

    /// Ends call `id`'s request stream. Returns whether it was open.
    pub fn end(&self, id: &SendId) -> bool {
        match self.open.talk_of(id) {
            Ok(talk) => talk.send(CallTalk::End).is_ok(),
            Err(_) => false,
        }
    }

    /// Cancels call `id` (its status is `CANCELLED`). Returns whether it was open.
    pub fn cancel(&self, id: &SendId) -> bool {
        self.open.cancel(id)
    }

    /// Cancels every open call, as when the window that opened them closes. Returns how many
    /// were open.
    pub fn cancel_all(&self) -> usize {
        self.open.cancel_all()
    }

    /// How many calls are open.
    pub fn len(&self) -> usize {
        self.open.len()
    }

    /// Whether none is.
    pub fn is_empty(&self) -> bool {
        self.open.is_empty()
    }
}
