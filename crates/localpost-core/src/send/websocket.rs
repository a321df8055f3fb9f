//! [`Sender::converse`]: a stored WebSocket request opened the way a send goes: its context
//! loaded, its secrets and vault values substituted, the workspace's cookie jar on the
//! handshake, and the conversation recorded in history as the workspace's classification
//! allows. Scripts do not run for WebSocket requests. [`Sender::subscribe`] is the same for a
//! GraphQL subscription over `graphql-transport-ws`.

use std::sync::Arc;

use tokio_util::sync::CancellationToken;

use super::sender::{Sender, now_ms};
use super::{Context, Options, Result, SendError};
use crate::cookies::Cookies;
use crate::history::History;
use crate::http::websocket::{Conversation, Converse, Subscribe};
use crate::http::{self, CookieJar, SentRequest};
use crate::model::{HistoryId, RequestId};
use crate::vault::Keychain;

/// A WebSocket conversation that took place (whatever way it ended).
#[derive(Debug, Clone)]
pub struct Conversed {
    /// The handshake and every frame.
    pub conversation: Conversation,
    /// Its history entry; `None` when it could not be recorded (see `unsaved`).
    pub history: Option<HistoryId>,
    /// Why cookies or history could not be saved; callers show these as warnings.
    pub unsaved: Vec<String>,
}

/// What is done once the socket is open.
enum Talk {
    /// The request's saved messages, then listening.
    Converse(Converse),
    /// A GraphQL subscription.
    Subscribe(Subscribe),
}

impl<K: Keychain> Sender<'_, K> {
    /// Opens stored WebSocket request `id` and converses as `converse` says (see
    /// [`Engine::converse`](crate::http::Engine::converse)), then records the conversation.
    /// A socket that could not open is recorded as a failed send and returned as the error
    /// ([`SendError::WebSocket`], or [`SendError::Http`]-like causes inside it).
    pub async fn converse(
        &self,
        id: RequestId,
        options: &Options,
        converse: Converse,
        cancel: &CancellationToken,
    ) -> Result<Conversed> {
        self.talk(id, options, Talk::Converse(converse), cancel)
            .await
    }

    /// Runs stored request `id`'s GraphQL body as a subscription over `graphql-transport-ws`
    /// (see [`Engine::subscribe`](crate::http::Engine::subscribe)), opened and recorded as
    /// [`Sender::converse`] opens and records a WebSocket: the request's context, secrets,
    /// auth and cookie jar on the handshake; the protocol's frames in history.
    pub async fn subscribe(
        &self,
        id: RequestId,
        options: &Options,
        subscribe: Subscribe,
        cancel: &CancellationToken,
    ) -> Result<Conversed> {
        self.talk(id, options, Talk::Subscribe(subscribe), cancel)
            .await
    }

    async fn talk(
        &self,
        id: RequestId,
        options: &Options,
        talk: Talk,
        cancel: &CancellationToken,
    ) -> Result<Conversed> {
        let sent_at_ms = now_ms();
        let keychain = self.vault.keychain();
        let loaded =
            super::context::load_revealed(self.store, keychain, id, options).map(|context| {
                let prepared =
                    super::context::prepare_loaded(self.store, keychain, &context, options);
                (context, prepared)
            });
        let (context, prepared) = match loaded {
            Ok((context, Ok(prepared))) => (context, prepared),
            Ok((context, Err(e))) => {
                let _ = self.record_failure(&context, None, &e, sent_at_ms, 0.0);
                return Err(e);
            }
            Err(e) => {
                if let Ok(context) = Context::load_for(self.store, id, options) {
                    let _ = self.record_failure(&context, None, &e, sent_at_ms, 0.0);
                }
                return Err(e);
            }
        };
        let workspace = &context.workspace;
        let cookies = Cookies::new(self.store, self.vault);
        let jar = match context.uses_cookies() {
            true => Some(Arc::new(cookies.jar(workspace.id)?)),
            false => None,
        };
        let started = std::time::Instant::now();
        let dyn_jar = jar.clone().map(|j| j as Arc<dyn CookieJar>);
        let result = match talk {
            Talk::Converse(converse) => {
                http::with_jar(dyn_jar, self.engine.converse(&prepared, converse, cancel)).await
            }
            Talk::Subscribe(subscribe) => {
                http::with_jar(dyn_jar, self.engine.subscribe(&prepared, subscribe, cancel)).await
            }
        };
        let mut unsaved = Vec::new();
        if let Some(jar) = &jar
            && let Err(e) = cookies.save(workspace.id, jar)
        {
            unsaved.push(format!("cookies not saved: {e}"));
        }
        let conversation = match result {
            Ok(conversation) => conversation,
            Err(e) => {
                let e = SendError::from(e);
                let elapsed_ms = started.elapsed().as_secs_f64() * 1000.0;
                let mut attempted = SentRequest::new(&prepared, None);
                attempted.url = prepared.websocket_url();
                let _ = self.record_failure(&context, Some(&attempted), &e, sent_at_ms, elapsed_ms);
                return Err(e);
            }
        };
        let recorded = History::new(self.store, self.vault).record_conversation(
            (workspace.id, workspace.classification),
            &context.request,
            &conversation,
            sent_at_ms,
            self.limits(),
        );
        let history = match recorded {
            Ok(id) => Some(id),
            Err(e) => {
                unsaved.push(format!("history not recorded: {e}"));
                None
            }
        };
        Ok(Conversed {
            conversation,
            history,
            unsaved,
        })
    }
}
