//! [`InFlight`]: the sends under way, each with the token that cancels it.

use std::collections::HashMap;
use std::fmt;
use std::sync::{Arc, Mutex, MutexGuard};

use serde::{Deserialize, Serialize};
use tokio_util::sync::CancellationToken;
use ts_rs::TS;

use super::{Result, SendError};

/// Names one send. The caller chooses it before the send starts, so that a cancel can target
/// the send while it runs (the desktop UI mints one per click).
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct SendId(pub String);

impl fmt::Display for SendId {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

type Tokens = Arc<Mutex<HashMap<SendId, CancellationToken>>>;

/// The sends under way. Share one (it is `Send + Sync`); registration and cancellation lock
/// internally, briefly, never across a send.
#[derive(Debug, Default)]
pub struct InFlight {
    tokens: Tokens,
}

impl InFlight {
    /// No sends under way.
    pub fn new() -> InFlight {
        InFlight::default()
    }

    /// Registers send `id`; the send is tracked until the returned [`Ticket`] is dropped.
    /// Fails with [`SendError::DuplicateSend`] if a send with that id is still under way.
    pub fn start(&self, id: SendId) -> Result<Ticket> {
        let token = CancellationToken::new();
        let mut tokens = lock(&self.tokens);
        if tokens.contains_key(&id) {
            return Err(SendError::DuplicateSend { id: id.0 });
        }
        tokens.insert(id.clone(), token.clone());
        Ok(Ticket {
            id,
            token,
            tokens: Arc::clone(&self.tokens),
        })
    }

    /// Cancels send `id`. Returns `false` when no such send is under way (it finished, or never
    /// started), which is not an error: a cancel can race the response.
    pub fn cancel(&self, id: &SendId) -> bool {
        match lock(&self.tokens).get(id) {
            Some(token) => {
                token.cancel();
                true
            }
            None => false,
        }
    }

    /// How many sends are under way.
    pub fn len(&self) -> usize {
        lock(&self.tokens).len()
    }

    /// Whether no send is under way.
    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }
}

/// One registered send: holds its cancellation token and unregisters it when dropped, however
/// the send ends.
#[derive(Debug)]
pub struct Ticket {
    id: SendId,
    token: CancellationToken,
    tokens: Tokens,
}

impl Ticket {
    /// The token to hand to [`Engine::send`](crate::http::Engine::send).
    pub fn token(&self) -> &CancellationToken {
        &self.token
    }
}

impl Drop for Ticket {
    fn drop(&mut self) {
        lock(&self.tokens).remove(&self.id);
    }
}

fn lock(tokens: &Tokens) -> MutexGuard<'_, HashMap<SendId, CancellationToken>> {
    // The map is only ever inserted into or removed from whole: a panic elsewhere cannot leave
    // it half-updated, so recover it.
    tokens.lock().unwrap_or_else(|e| e.into_inner())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn id(s: &str) -> SendId {
        SendId(s.into())
    }

    #[test]
    fn cancel_reaches_the_token_of_a_send_under_way() {
        let sends = InFlight::new();
        let a = sends.start(id("a")).expect("registers");
        let b = sends.start(id("b")).expect("registers");
        assert_eq!(sends.len(), 2);
        assert!(sends.cancel(&id("a")));
        assert!(a.token().is_cancelled());
        assert!(!b.token().is_cancelled());
    }

    #[test]
    fn a_finished_send_is_forgotten_and_its_id_can_be_used_again() {
        let sends = InFlight::new();
        drop(sends.start(id("a")).expect("registers"));
        assert!(sends.is_empty());
        assert!(!sends.cancel(&id("a")));
        assert!(sends.start(id("a")).is_ok());
    }

    #[test]
    fn an_id_under_way_cannot_start_twice() {
        let sends = InFlight::new();
        let _a = sends.start(id("a")).expect("registers");
        let err = sends.start(id("a")).expect_err("refused");
        assert_eq!(err.to_string(), "send a is already under way");
    }

    #[test]
    fn serialises_as_a_plain_string() {
        assert_eq!(
            serde_json::to_string(&id("send-1")).expect("serialises"),
            "\"send-1\""
        );
    }
}
