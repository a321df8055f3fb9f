//! [`Sockets`]: the WebSocket conversations open in an app, each under the id its caller gave
//! it, so that messages and a close can reach it while it runs ([`Sender::talk`]).
//!
//! It holds no socket (those stay in [`crate::http`]): only the channel a conversation hears
//! its caller's [`Talk`] on, and the token that drops it.
//!
//! [`Sender::talk`]: super::Sender::talk

use tokio::sync::{mpsc, oneshot};

use super::registry::{Registered, Registry, not_open};
use super::websocket::Talk;
use super::{Result, SendId};
use crate::http::websocket::check_close;
use crate::model::WebSocketMessage;

/// The close code sent to every open socket by [`Sockets::close_all`]: going away.
pub const GOING_AWAY: u16 = 1001;

/// One registered conversation: its cancellation token; unregisters it when dropped. Hand
/// its [`token`](Registered::token) to [`Sender::talk`](super::Sender::talk).
pub type OpenSocket = Registered<Talk>;

/// The open conversations. Share one (it is `Send + Sync`); it locks internally, briefly,
/// never across a send.
#[derive(Debug, Default)]
pub struct Sockets {
    open: Registry<Talk>,
}

impl Sockets {
    /// No conversation open.
    pub fn new() -> Sockets {
        Sockets::default()
    }

    /// Registers conversation `id`: returns its [`OpenSocket`] (which unregisters it when
    /// dropped, however it ends) and the channel to give [`Talking::talk`](super::Talking).
    /// Fails with [`SendError::DuplicateSend`](super::SendError::DuplicateSend) if one with
    /// that id is still open.
    pub fn start(&self, id: SendId) -> Result<(OpenSocket, mpsc::UnboundedReceiver<Talk>)> {
        self.open.start(id)
    }

    /// Sends `message` on conversation `id`, rendered as its saved messages are; resolves
    /// once it went. Fails with [`SendError::NotOpen`](super::SendError::NotOpen) when no
    /// such conversation is open, else as rendering or sending failed.
    pub async fn send(&self, id: &SendId, message: WebSocketMessage) -> Result<()> {
        let talk = self.open.talk_of(id)?;
        let (done, heard) = oneshot::channel();
        talk.send(Talk::Send { message, done })
            .map_err(|_| not_open(id))?;
        heard.await.map_err(|_| not_open(id))?
    }

    /// Asks conversation `id` to close with `code` and `reason`. Returns whether it was open
    /// (it may have just ended). A code or reason a client may not send is an error.
    pub fn close(&self, id: &SendId, code: u16, reason: String) -> Result<bool> {
        check_close(code, &reason)?;
        match self.open.talk_of(id) {
            Ok(talk) => Ok(talk.send(Talk::Close { code, reason }).is_ok()),
            Err(_) => Ok(false),
        }
    }

    /// Drops conversation `id` without a close frame (its end is `cancelled`). Returns
    /// whether it was open.
    pub fn cancel(&self, id: &SendId) -> bool {
        self.open.cancel(id)
    }

    /// Asks every open conversation to close with 1001 (going away), as when the window that
    /// opened them closes. Returns how many were open.
    pub fn close_all(&self) -> usize {
        self.open.tell_all(|| Talk::Close {
            code: GOING_AWAY,
            reason: String::new(),
        })
    }

    /// How many conversations are open.
    pub fn len(&self) -> usize {
        self.open.len()
    }

    /// Whether none is open.
    pub fn is_empty(&self) -> bool {
        self.open.is_empty()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::MessageKind;
    use crate::send::SendError;

    fn id(s: &str) -> SendId {
        SendId(s.into())
    }

    #[tokio::test]
    async fn talk_reaches_the_open_conversation_and_not_a_closed_one() {
        let sockets = Sockets::new();
        let (socket, mut heard) = sockets.start(id("a")).expect("registers");
        assert!(matches!(
            sockets.start(id("a")),
            Err(SendError::DuplicateSend { .. })
        ));
        assert!(sockets.close(&id("a"), 4001, "bye".into()).expect("valid"));
        match heard.recv().await {
            Some(Talk::Close { code, reason }) => {
                assert_eq!((code, reason.as_str()), (4001, "bye"))
            }
            other => panic!("expected a close, got {other:?}"),
        }
        assert!(sockets.close(&id("a"), 1005, String::new()).is_err());
        assert_eq!(sockets.close_all(), 1);
        assert!(matches!(
            heard.recv().await,
            Some(Talk::Close {
                code: GOING_AWAY,
                ..
            })
        ));
        assert!(sockets.cancel(&id("a")));
        assert!(socket.token().is_cancelled());
        drop(socket);
        assert!(sockets.is_empty());
        assert!(!sockets.close(&id("a"), 1000, String::new()).expect("valid"));
        let message = WebSocketMessage::new(MessageKind::Text, "hi");
        assert!(matches!(
            sockets.send(&id("a"), message).await,
            Err(SendError::NotOpen { .. })
        ));
    }
}
