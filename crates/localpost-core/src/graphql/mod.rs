//! GraphQL schemas: the introspection query, reading its answer, and the cache of each
//! request's schema.
//!
//! [`INTROSPECTION_QUERY`] is graphql-js's standard introspection query (kept equal to its
//! `getIntrospectionQuery()` by `tests/fixtures/graphql/make.mjs`).
//! [`Sender::fetch_schema`](crate::send::Sender::fetch_schema) sends it through a stored
//! request's normal send path and hands the answer to [`Schemas::keep`], which caches its
//! `data` per request as history keeps a response body under the workspace's
//! [`Classification`]: sealed with the installation's data key in an `internal` workspace,
//! plain in a `public` one, not written in a `restricted` one. [`Schemas::cached`] reads it
//! back as a [`CachedSchema`], the view the editor builds its completion, validation, hover
//! docs and schema browser from.
//!
//! [`operation_kind`] tells a subscription (sent over `graphql-transport-ws`) from a query or
//! mutation (sent as a POST), with a lexer of the language's top level, not a parser.
//!
//! This module sends nothing (the `send` module does), keeps no SQL (the store does) and no
//! cipher (the vault does). It does not parse GraphQL documents: the editor does, with
//! graphql-js.

mod answer;
mod error;
mod operation;

pub use error::{GraphqlError, Result};
pub use operation::{OperationKind, is_subscription, operation_kind};

pub(crate) use answer::read as read_answer;

use serde::Serialize;
use ts_rs::TS;

use crate::model::{Classification, RequestId};
use crate::store::{SchemaRow, Store, schema_context};
use crate::vault::{Keychain, Vault};

/// The standard introspection query, as graphql-js 16's `getIntrospectionQuery()` gives it.
pub const INTROSPECTION_QUERY: &str = include_str!("introspection.graphql");

/// The operation name of [`INTROSPECTION_QUERY`].
pub const INTROSPECTION_OPERATION: &str = "IntrospectionQuery";

/// A request's schema as fetched (and, where the classification allows, cached).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
#[ts(export)]
pub struct CachedSchema {
    /// The request it was fetched for.
    pub request_id: RequestId,
    /// The URL it was fetched from, credentials masked.
    pub url: String,
    /// When it was fetched, Unix milliseconds.
    #[ts(type = "number")]
    pub fetched_at_ms: i64,
    /// The introspection answer's `data` (`{"__schema": …}`) as JSON text, what graphql-js's
    /// `buildClientSchema` reads.
    pub introspection: String,
    /// Whether it is kept in the store; `false` in a `restricted` workspace, which keeps no
    /// response bodies (the schema then lasts as long as the editor holds it).
    pub is_kept: bool,
}

/// The cached schemas in a store, sealed and opened through the vault.
#[derive(Debug)]
pub struct Schemas<'a, K: Keychain> {
    store: &'a Store,
    vault: &'a Vault<K>,
}

impl<'a, K: Keychain> Schemas<'a, K> {
    /// Schemas in `store`, sealed with `vault`'s data key.
    pub fn new(store: &'a Store, vault: &'a Vault<K>) -> Self {
        Schemas { store, vault }
    }

    /// Keeps `schema` as its request's, in a workspace of `class`: sealed, plain or not at all
    /// as the class says (see the module notes). Returns it with `is_kept` set.
    pub fn keep(&self, class: Classification, mut schema: CachedSchema) -> Result<CachedSchema> {
        let id = schema.request_id;
        let (sealed, bytes) = match class {
            Classification::Restricted => {
                schema.is_kept = false;
                return Ok(schema);
            }
            Classification::Internal => {
                let sealed = self
                    .vault
                    .seal(schema.introspection.as_bytes(), &schema_context(id))
                    .map_err(|source| GraphqlError::Seal {
                        request: id,
                        source,
                    })?;
                (true, sealed)
            }
            Classification::Public => (false, schema.introspection.as_bytes().to_vec()),
        };
        self.store.put_graphql_schema(&SchemaRow {
            request_id: id,
            url: schema.url.clone(),
            fetched_at_ms: schema.fetched_at_ms,
            sealed,
            schema: bytes,
        })?;
        schema.is_kept = true;
        Ok(schema)
    }

    /// Request `id`'s cached schema, opened; `None` when none is kept.
    pub fn cached(&self, id: RequestId) -> Result<Option<CachedSchema>> {
        let Some(row) = self.store.graphql_schema(id)? else {
            return Ok(None);
        };
        let bytes = match row.sealed {
            true => self
                .vault
                .open(&row.schema, &schema_context(id))
                .map_err(|source| GraphqlError::Seal {
                    request: id,
                    source,
                })?,
            false => row.schema,
        };
        Ok(Some(CachedSchema {
            request_id: id,
            url: row.url,
            fetched_at_ms: row.fetched_at_ms,
            introspection: String::from_utf8_lossy(&bytes).into_owned(),
            is_kept: true,
        }))
    }
}
