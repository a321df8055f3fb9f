//! [`Registry`]: the live conversations of an app (WebSocket, gRPC calls) under the ids their
//! callers gave them, each with the channel it hears its caller on and the token that drops it.
//! [`Sockets`](super::Sockets) and [`Calls`](super::Calls) are registries of their own talk.
//!
//! It holds no connection (those stay in [`crate::http`]).

use std::collections::HashMap;
use std::sync::{Arc, Mutex, MutexGuard};

use tokio::sync::mpsc;
use tokio_util::sync::CancellationToken;

use super::{Result, SendError, SendId};

/// One open conversation.
#[derive(Debug)]
struct Handle<T> {
    talk: mpsc::UnboundedSender<T>,
    cancel: CancellationToken,
}

type Open<T> = Arc<Mutex<HashMap<SendId, Handle<T>>>>;

/// The open conversations whose callers say `T`. It locks internally, briefly, never across a
/// send.
#[derive(Debug)]
pub struct Registry<T> {
    open: Open<T>,
}

impl<T> Default for Registry<T> {
    fn default() -> Self {
        Registry {
            open: Arc::default(),
        }
    }
}

impl<T> Registry<T> {
    /// Registers conversation `id`: returns its [`Registered`] (which unregisters it when
    /// dropped, however it ends) and the channel its caller's words arrive on. Fails with
    /// [`SendError::DuplicateSend`] if one with that id is still open.
    pub fn start(&self, id: SendId) -> Result<(Registered<T>, mpsc::UnboundedReceiver<T>)> {
        let (talk, heard) = mpsc::unbounded_channel();
        let cancel = CancellationToken::new();
        let mut open = lock(&self.open);
        if open.contains_key(&id) {
            return Err(SendError::DuplicateSend { id: id.0 });
        }
        let handle = Handle {
            talk,
            cancel: cancel.clone(),
        };
        open.insert(id.clone(), handle);
        let registered = Registered {
            id,
            cancel,
            open: Arc::clone(&self.open),
        };
        Ok((registered, heard))
    }

    /// The channel to conversation `id`; [`SendError::NotOpen`] when none is open.
    pub(crate) fn talk_of(&self, id: &SendId) -> Result<mpsc::UnboundedSender<T>> {
        lock(&self.open)
            .get(id)
            .map(|h| h.talk.clone())
            .ok_or_else(|| not_open(id))
    }

    /// Drops conversation `id` (its token is cancelled). Returns whether it was open.
    pub fn cancel(&self, id: &SendId) -> bool {
        match lock(&self.open).get(id) {
            Some(handle) => {
                handle.cancel.cancel();
                true
            }
            None => false,
        }
    }

    /// Tells every open conversation `word()`. Returns how many were open.
    pub(crate) fn tell_all(&self, word: impl Fn() -> T) -> usize {
        let open = lock(&self.open);
        for handle in open.values() {
            let _ = handle.talk.send(word());
        }
        open.len()
    }

    /// Drops every open conversation. Returns how many were open.
    pub fn cancel_all(&self) -> usize {
        let open = lock(&self.open);
        for handle in open.values() {
            handle.cancel.cancel();
        }
        open.len()
    }

    /// How many conversations are open.
    pub fn len(&self) -> usize {
        lock(&self.open).len()
    }

    /// Whether none is open.
    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }
}

pub(crate) fn not_open(id: &SendId) -> SendError {
    SendError::NotOpen { id: id.0.clone() }
}

/// One registered conversation: its cancellation token; unregisters it when dropped.
#[derive(Debug)]
pub struct Registered<T> {
    id: SendId,
    cancel: CancellationToken,
    open: Open<T>,
}

impl<T> Registered<T> {
    /// The token to hand to the conversation: cancelled by [`Registry::cancel`].
    pub fn token(&self) -> &CancellationToken {
        &self.cancel
    }
}

impl<T> Drop for Registered<T> {
    fn drop(&mut self) {
        lock(&self.open).remove(&self.id);
    }
}

fn lock<T>(open: &Open<T>) -> MutexGuard<'_, HashMap<SendId, Handle<T>>> {
    // Only whole entries are inserted or removed: a panic elsewhere cannot leave it
    // half-updated.
    open.lock().unwrap_or_else(|e| e.into_inner())
}

/// Runs `main` to its end while `relaying` (a caller's talk handed to it) runs beside it, until
/// that stops or `main` ends (when it is dropped).
pub(super) async fn alongside<T>(
    main: impl std::future::Future<Output = T>,
    relaying: impl std::future::Future<Output = ()>,
) -> T {
    tokio::pin!(main, relaying);
    let mut relayed = false;
    loop {
        tokio::select! {
            result = &mut main => break result,
            () = &mut relaying, if !relayed => relayed = true,
        }
    }
}
