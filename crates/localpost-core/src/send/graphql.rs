//! [`Sender::fetch_schema`]: a stored request's GraphQL schema, fetched by introspection
//! through the request's own send path and cached.
//!
//! The request is loaded as a send loads it (its draft when asked, its folders, collection,
//! environment, secret variables and vault secrets, inherited auth and settings: proxy,
//! certificates, timeouts) and sent with the workspace's cookie jar, with two changes: the
//! method is `POST` and the body is the standard introspection query (its own variables and
//! operation name are not sent). So whatever reaches the server for a Send reaches it for the
//! introspection.
//!
//! It is not recorded in history: it is not a send the user made, a large schema would crowd
//! the user's own sends out of history's byte limit, and the cache is its record (the URL and
//! time it was fetched). Scripts do not run for it: a pre-request script's variable writes
//! and a test script's results belong to the user's sends. Cookies the server sets are saved,
//! as for any send.

use std::sync::Arc;

use tokio_util::sync::CancellationToken;

use super::sender::{Sender, now_ms};
use super::{Options, Result};
use crate::cookies::Cookies;
use crate::graphql::{self, CachedSchema, GraphqlError, Schemas};
use crate::http::{self, CookieJar};
use crate::model::{Body, Protocol, RequestId};
use crate::vault::Keychain;

impl<K: Keychain> Sender<'_, K> {
    /// Fetches stored request `id`'s schema by introspection (see the module notes) and keeps
    /// it as the workspace's classification allows ([`Schemas::keep`]). Every failure past
    /// loading the request is a [`GraphqlError`] naming the request and what failed: no
    /// response, an HTTP status other than 2xx, an answer that is not JSON, GraphQL `errors`,
    /// or no `data.__schema`.
    pub async fn fetch_schema(
        &self,
        id: RequestId,
        options: &Options,
        cancel: &CancellationToken,
    ) -> Result<CachedSchema> {
        let keychain = self.vault.keychain();
        let mut context = super::context::load_revealed(self.store, keychain, id, options)?;
        let name = context.request.name.clone();
        let not_sent = |e: super::SendError| GraphqlError::Send {
            request: name.clone(),
            reason: e.to_string(),
        };
        context.request.protocol = Protocol::Http;
        context.request.method = "POST".into();
        context.request.body = Body::Graphql {
            query: graphql::INTROSPECTION_QUERY.into(),
            variables: String::new(),
            operation_name: Some(graphql::INTROSPECTION_OPERATION.into()),
        };
        let prepared = super::context::prepare_loaded(self.store, keychain, &context, options)
            .map_err(not_sent)?;
        let workspace = &context.workspace;
        let cookies = Cookies::new(self.store, self.vault);
        let jar = match context.uses_cookies() {
            true => Some(Arc::new(cookies.jar(workspace.id)?)),
            false => None,
        };
        let dyn_jar = jar.clone().map(|j| j as Arc<dyn CookieJar>);
        let fetched_at_ms = now_ms();
        let result = http::with_jar(dyn_jar, self.engine.send(&prepared, cancel)).await;
        if let Some(jar) = &jar {
            // As a send does; failing to save them does not fail the fetch.
            let _ = cookies.save(workspace.id, jar);
        }
        let exchange = result.map_err(|e| not_sent(e.into()))?;
        let response = exchange.response;
        let body = match &response.body.file {
            Some(file) => {
                let read = std::fs::read(file);
                let _ = std::fs::remove_file(file);
                read.map_err(|e| GraphqlError::Unreadable {
                    request: name.clone(),
                    reason: e.to_string(),
                })?
            }
            None => response.body.content.to_bytes(),
        };
        let introspection = graphql::read_answer(&name, response.status, &response.reason, &body)?;
        let schema = CachedSchema {
            request_id: id,
            url: exchange.request.url,
            fetched_at_ms,
            introspection,
            is_kept: false,
        };
        Ok(Schemas::new(self.store, self.vault).keep(workspace.classification, schema)?)
    }
}
