//! [`Sender`]: prepares a stored request, sends it with its workspace's cookie jar, saves the
//! cookies it set and records it in history, in that order.

use std::sync::Arc;

use tokio_util::sync::CancellationToken;

use super::{Options, Result};
use crate::cookies::Cookies;
use crate::history::{self, History};
use crate::http::{self, CookieJar, Engine, Exchange, Header};
use crate::model::{HistoryId, RequestId};
use crate::store::Store;
use crate::vault::{Keychain, Vault};

/// A send that got a response.
#[derive(Debug, Clone)]
pub struct Sent {
    /// The request as sent and the response.
    pub exchange: Exchange,
    /// Its history entry; `None` when it could not be recorded (see `unsaved`).
    pub history: Option<HistoryId>,
    /// Why the cookies it set or its history entry could not be saved (the keychain holding
    /// the data key is locked, say). The send itself succeeded; callers show these as warnings.
    pub unsaved: Vec<String>,
}

/// Sends stored requests the way the CLI and the desktop app both do.
#[derive(Debug)]
pub struct Sender<'a, K: Keychain> {
    store: &'a Store,
    vault: &'a Vault<K>,
    engine: &'a Engine,
    limits: history::Limits,
}

fn now_ms() -> i64 {
    std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map_or(0, |d| d.as_millis().min(i64::MAX as u128) as i64)
}

impl<'a, K: Keychain> Sender<'a, K> {
    /// Sends through `engine`, reading the store, secrets from `vault`'s keychain, and sealing
    /// cookies and history with its data key. History keeps [`history::Limits::default`].
    pub fn new(store: &'a Store, vault: &'a Vault<K>, engine: &'a Engine) -> Self {
        Sender {
            store,
            vault,
            engine,
            limits: history::Limits::default(),
        }
    }

    /// Keeps history within `limits` instead.
    pub fn history_limits(mut self, limits: history::Limits) -> Self {
        self.limits = limits;
        self
    }

    /// Prepares and sends stored request `id` (as [`super::prepare_with`] prepares it), with
    /// the workspace's cookie jar unless the request's settings turn cookies off. The cookies
    /// the jar sends are listed in the sent request's headers; cookies the responses set are
    /// saved; the exchange is recorded in history. A send that gets no response records
    /// nothing; failing to save cookies or history does not fail the send ([`Sent::unsaved`]).
    pub async fn send(
        &self,
        id: RequestId,
        options: &Options,
        cancel: &CancellationToken,
    ) -> Result<Sent> {
        let (context, prepared) =
            super::context::load_and_prepare(self.store, self.vault.keychain(), id, options)?;
        let workspace = &context.workspace;
        let cookies = Cookies::new(self.store, self.vault);
        let jar = match context.uses_cookies() {
            true => Some(Arc::new(cookies.jar(workspace.id)?)),
            false => None,
        };
        let sent_cookies = jar.as_ref().and_then(|j| j.header_for(&prepared.url));
        let sent_at_ms = now_ms();
        let dyn_jar = jar.clone().map(|j| j as Arc<dyn CookieJar>);
        let mut exchange = http::with_jar(dyn_jar, self.engine.send(&prepared, cancel)).await?;
        let mut unsaved = Vec::new();
        if let Some(jar) = &jar
            && let Err(e) = cookies.save(workspace.id, jar)
        {
            unsaved.push(format!("cookies not saved: {e}"));
        }
        let has_own = prepared.headers.iter().any(|h| h.is_named("cookie"));
        if let (Some(value), false) = (sent_cookies, has_own) {
            exchange.request.headers.push(Header::new("Cookie", value));
        }
        let recorded = History::new(self.store, self.vault).record(
            (workspace.id, workspace.classification),
            &context.request,
            &exchange,
            sent_at_ms,
            self.limits,
        );
        let history = match recorded {
            Ok(id) => Some(id),
            Err(e) => {
                unsaved.push(format!("history not recorded: {e}"));
                None
            }
        };
        Ok(Sent {
            exchange,
            history,
            unsaved,
        })
    }
}
