//! [`Order`]: what a caller asks of a conversation while its socket is open (send a message,
//! close), heard by [`Engine::converse`](super::super::Engine::converse) between frames.

use tokio::sync::{mpsc, oneshot};

use super::super::PreparedRequest;
use super::{Result, WebSocketError};

/// The receiving end of a conversation's orders.
pub type Orders = mpsc::UnboundedReceiver<Order>;

/// One thing a caller asks of an open conversation.
#[derive(Debug)]
pub enum Order {
    /// Send the messages of `request` (a prepared WebSocket request whose messages are the
    /// ones to send now: typed ones are rendered as the saved ones are; for a Socket.IO
    /// conversation, a prepared Socket.IO request whose emits are). Sent texts are masked
    /// with that request's secrets. `done` hears when they went, or why not (an unreadable
    /// file, which does not end the conversation; a socket that closed, which does).
    Send {
        /// The messages to send, rendered.
        request: Box<PreparedRequest>,
        /// Told how the send went.
        done: oneshot::Sender<Result<()>>,
    },
    /// Close with this code and reason, then wait a little for the server's close frame.
    Close {
        /// A close code a client may send (see [`check_close`]).
        code: u16,
        /// At most 123 bytes.
        reason: String,
    },
}

/// The most bytes a close reason may have: a control frame's payload is at most 125 bytes,
/// two of which are the code.
pub const MAX_CLOSE_REASON: usize = 123;

/// Checks that a client may close with `code` and `reason` (RFC 6455 §7.4: 1000, 1001, 1002,
/// 1003, 1007 to 1011, or 3000 to 4999; a reason of at most [`MAX_CLOSE_REASON`] bytes).
pub fn check_close(code: u16, reason: &str) -> Result<()> {
    let allowed = matches!(code, 1000..=1003 | 1007..=1011 | 3000..=4999);
    if !allowed {
        return Err(WebSocketError::CloseCode { code });
    }
    if reason.len() > MAX_CLOSE_REASON {
        return Err(WebSocketError::CloseReason { len: reason.len() });
    }
    Ok(())
}

/// The next order, or never when there are none to come (no channel, or every sender
/// dropped: the conversation then goes on as if it had none).
pub(in crate::http) async fn next_order(orders: &mut Option<Orders>) -> Order {
    if let Some(channel) = orders {
        if let Some(order) = channel.recv().await {
            return order;
        }
        *orders = None;
    }
    std::future::pending().await
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn close_codes_a_client_may_send_pass_and_others_are_refused() {
        for ok in [1000, 1001, 1003, 1011, 3000, 4000, 4999] {
            assert!(check_close(ok, "").is_ok(), "{ok}");
        }
        for refused in [0, 999, 1004, 1005, 1006, 1015, 2000, 2999, 5000] {
            assert!(
                matches!(check_close(refused, ""), Err(WebSocketError::CloseCode { code }) if code == refused),
                "{refused}"
            );
        }
        assert!(check_close(1000, &"r".repeat(123)).is_ok());
        assert!(matches!(
            check_close(1000, &"r".repeat(124)),
            Err(WebSocketError::CloseReason { len: 124 })
        ));
    }
}
