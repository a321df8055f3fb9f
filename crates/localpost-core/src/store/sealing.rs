//! Credentials typed into auth settings, sealed at rest.
//!
//! A password, token, client secret or private key typed directly into a request's, folder's or
//! collection's auth ([`Auth::is_credential`]; a lone `{{variable}}` is a reference, not a
//! credential, and stays plain) is written as `{"sealed": "<base64>"}` in the
//! `auth` column, sealed by the [`Sealer`] the store was given (the vault's AES-256-GCM data
//! key, held in the OS keychain) and opened again when read. A store opened without a sealer
//! refuses to write such a value rather than keep it plain ([`StoreError::NoSealer`]), and a
//! value that cannot be opened (the keychain lost the key) is a [`StoreError::Unsealable`]
//! naming the row and field; [`Store::wipe_sealed`] clears sealed values so the rest of the
//! data stays usable, and [`Store::reseal`] moves them to another key (rotation).
//!
//! The two secrets of request settings, a custom proxy's password and a client certificate's
//! PKCS#12 passphrase, are sealed the same way (unless empty or a lone `{{reference}}`); as
//! those fields are text, a sealed one is written as `sealed:v1:<base64>` in its place.
//!
//! A request's draft (the app's unsaved edits, `drafts`) keeps its auth and settings in columns
//! of the same form, sealed the same way. Cookie values, history blobs, past runs' results and
//! saved examples are sealed by their own files (`cookies`, `history`, `runs`, `examples`); the
//! wipe and the rotation here cover them all.
//!
//! This file decides what is sealed in the auth and settings columns; the cryptography is the
//! vault's.

use std::sync::Arc;

use base64::Engine as _;
use serde_json::{Map, Value};

use super::{ImportBundle, NodeImport, Result, Store, StoreError};
use crate::model::{Auth, RequestSettings};
use crate::vault::{self, Keychain, Vault};

/// Seals and opens values; implemented by [`Vault`].
pub trait Sealer: Send + Sync {
    /// Seals `plain`, authenticating `context`.
    fn seal(&self, plain: &[u8], context: &str) -> vault::Result<Vec<u8>>;
    /// Opens a value sealed for `context`.
    fn open(&self, sealed: &[u8], context: &str) -> vault::Result<Vec<u8>>;
}

impl<K: Keychain + Send + Sync> Sealer for Vault<K> {
    fn seal(&self, plain: &[u8], context: &str) -> vault::Result<Vec<u8>> {
        Vault::seal(self, plain, context)
    }

    fn open(&self, sealed: &[u8], context: &str) -> vault::Result<Vec<u8>> {
        Vault::open(self, sealed, context)
    }
}

impl Sealer for vault::DataKey {
    fn seal(&self, plain: &[u8], context: &str) -> vault::Result<Vec<u8>> {
        vault::DataKey::seal(self, plain, context)
    }

    fn open(&self, sealed: &[u8], context: &str) -> vault::Result<Vec<u8>> {
        vault::DataKey::open(self, sealed, context)
    }
}

/// Rewrites one sealed blob given its context: the new sealed bytes, or `None` to drop it.
pub(crate) type BlobRewrite<'a> = dyn Fn(&str, &[u8]) -> Result<Option<Vec<u8>>> + 'a;

/// Member name of a sealed value's JSON object.
const SEALED: &str = "sealed";

/// The associated data of a sealed auth parameter: the field it belongs to.
fn context(key: &str) -> String {
    format!("auth.{key}")
}

/// The sealed bytes of a `{"sealed": …}` value.
pub(super) fn sealed_bytes(value: &Value) -> Option<Vec<u8>> {
    let object = value.as_object()?;
    let text = object.get(SEALED)?.as_str()?;
    if object.len() != 1 {
        return None;
    }
    base64::engine::general_purpose::STANDARD.decode(text).ok()
}

pub(super) fn sealed_value(bytes: &[u8]) -> Value {
    let mut object = Map::new();
    object.insert(
        SEALED.into(),
        Value::String(base64::engine::general_purpose::STANDARD.encode(bytes)),
    );
    Value::Object(object)
}

/// How a sealed settings secret starts: the field is text, so the sealed bytes follow in base64.
const SEALED_TEXT: &str = "sealed:v1:";

/// The associated data of the proxy password and of client certificate passphrases.
const PROXY_PASSWORD: &str = "settings.proxy.password";
const PASSPHRASE: &str = "settings.clientCertificates.passphrase";

/// Whether a settings secret typed as `plain` is sealed when written: not empty and not a lone
/// `{{reference}}`.
fn seals_text(plain: &str) -> bool {
    !plain.is_empty() && !crate::template::is_lone_reference(plain)
}

/// The sealed bytes of a `sealed:v1:…` settings value.
fn sealed_text_bytes(text: &str) -> Option<Vec<u8>> {
    let encoded = text.strip_prefix(SEALED_TEXT)?;
    base64::engine::general_purpose::STANDARD
        .decode(encoded)
        .ok()
}

fn sealed_text(bytes: &[u8]) -> String {
    format!(
        "{SEALED_TEXT}{}",
        base64::engine::general_purpose::STANDARD.encode(bytes)
    )
}

/// The settings' secrets, each with its context, to seal, open or rewrite in place.
fn settings_secrets(settings: &mut RequestSettings) -> Vec<(&'static str, &mut String)> {
    let mut out = Vec::new();
    if let Some(proxy) = settings.proxy.as_mut() {
        out.push((PROXY_PASSWORD, &mut proxy.password));
    }
    for cert in settings.client_certificates.iter_mut().flatten() {
        out.push((PASSPHRASE, &mut cert.passphrase));
    }
    out
}

/// Whether `plain`, the value of `auth`'s parameter `key`, is sealed when written: a credential
/// typed in, not empty and not a lone `{{reference}}`.
fn seals(auth: &Auth, key: &str, plain: &str) -> bool {
    !plain.is_empty() && !crate::template::is_lone_reference(plain) && auth.is_credential(key)
}

impl Store {
    /// This store with `sealer` for credentials typed into auth settings.
    pub fn with_sealer(mut self, sealer: Arc<dyn Sealer>) -> Store {
        self.sealer = Some(sealer);
        self
    }

    /// `auth` as it is written: every credential value sealed.
    pub(crate) fn seal_auth(&self, auth: &Auth) -> Result<Auth> {
        let mut out = auth.clone();
        for param in &mut out.params {
            let Value::String(plain) = &param.value else {
                continue;
            };
            if !seals(auth, &param.key, plain) {
                continue;
            }
            let sealer = self.sealer.as_ref().ok_or_else(|| StoreError::NoSealer {
                field: context(&param.key),
            })?;
            let sealed = sealer
                .seal(plain.as_bytes(), &context(&param.key))
                .map_err(|source| StoreError::Seal {
                    field: context(&param.key),
                    source,
                })?;
            param.value = sealed_value(&sealed);
        }
        Ok(out)
    }

    /// `settings` as they are written: the proxy password and certificate passphrases sealed.
    pub(crate) fn seal_settings(&self, settings: &RequestSettings) -> Result<RequestSettings> {
        let mut out = settings.clone();
        for (field, text) in settings_secrets(&mut out) {
            if !seals_text(text) {
                continue;
            }
            let sealer = self.sealer.as_ref().ok_or_else(|| StoreError::NoSealer {
                field: field.into(),
            })?;
            let sealed =
                sealer
                    .seal(text.as_bytes(), field)
                    .map_err(|source| StoreError::Seal {
                        field: field.into(),
                        source,
                    })?;
            *text = sealed_text(&sealed);
        }
        Ok(out)
    }

    /// Opens the sealed secrets of `settings`, read from `table` row `id`.
    pub(crate) fn open_settings(
        &self,
        settings: &mut RequestSettings,
        table: &'static str,
        id: i64,
    ) -> Result<()> {
        for (field, text) in settings_secrets(settings) {
            let Some(bytes) = sealed_text_bytes(text) else {
                continue;
            };
            let unsealable = |source| StoreError::Unsealable {
                table,
                id,
                field: field.into(),
                source,
            };
            let sealer = self.sealer.as_ref().ok_or_else(|| {
                unsealable(vault::VaultError::Unavailable {
                    reason: "this store was opened without the data key".into(),
                })
            })?;
            let plain = sealer.open(&bytes, field).map_err(unsealable)?;
            *text = String::from_utf8_lossy(&plain).into_owned();
        }
        Ok(())
    }

    /// Whether writing `settings` would seal any of their values.
    fn has_settings_secrets(settings: &RequestSettings) -> bool {
        let mut settings = settings.clone();
        settings_secrets(&mut settings)
            .iter()
            .any(|(_, text)| seals_text(text))
    }

    /// Whether writing `auth` would seal any of its values.
    fn has_credentials(auth: &Auth) -> bool {
        auth.params.iter().any(
            |param| matches!(&param.value, Value::String(plain) if seals(auth, &param.key, plain)),
        )
    }

    /// `bundle` with every auth credential sealed, ready to write: `bundle` itself when it has
    /// none (the usual case: copying a large import cost more than writing it).
    pub(crate) fn sealed_bundle<'b>(
        &self,
        bundle: &'b ImportBundle,
    ) -> Result<std::borrow::Cow<'b, ImportBundle>> {
        fn any(items: &[NodeImport]) -> bool {
            items.iter().any(|item| match item {
                NodeImport::Folder { folder, children } => {
                    Store::has_credentials(&folder.auth)
                        || Store::has_settings_secrets(&folder.settings)
                        || any(children)
                }
                NodeImport::Request(request) => {
                    Store::has_credentials(&request.auth)
                        || Store::has_settings_secrets(&request.settings)
                }
            })
        }
        fn nodes(store: &Store, items: &mut [NodeImport]) -> Result<()> {
            for item in items {
                match item {
                    NodeImport::Folder { folder, children } => {
                        folder.auth = store.seal_auth(&folder.auth)?;
                        folder.settings = store.seal_settings(&folder.settings)?;
                        nodes(store, children)?;
                    }
                    NodeImport::Request(request) => {
                        request.auth = store.seal_auth(&request.auth)?;
                        request.settings = store.seal_settings(&request.settings)?;
                    }
                }
            }
            Ok(())
        }
        let needed = bundle.collections.iter().any(|c| {
            Store::has_credentials(&c.collection.auth)
                || Store::has_settings_secrets(&c.collection.settings)
                || any(&c.children)
        });
        if !needed {
            return Ok(std::borrow::Cow::Borrowed(bundle));
        }
        let mut out = bundle.clone();
        for coll in &mut out.collections {
            coll.collection.auth = self.seal_auth(&coll.collection.auth)?;
            coll.collection.settings = self.seal_settings(&coll.collection.settings)?;
            nodes(self, &mut coll.children)?;
        }
        Ok(std::borrow::Cow::Owned(out))
    }

    /// Opens every sealed value of `auth`, read from `table` row `id`.
    pub(crate) fn open_auth(&self, auth: &mut Auth, table: &'static str, id: i64) -> Result<()> {
        for param in &mut auth.params {
            let Some(bytes) = sealed_bytes(&param.value) else {
                continue;
            };
            let unsealable = |source| StoreError::Unsealable {
                table,
                id,
                field: context(&param.key),
                source,
            };
            let sealer = self.sealer.as_ref().ok_or_else(|| {
                unsealable(vault::VaultError::Unavailable {
                    reason: "this store was opened without the data key".into(),
                })
            })?;
            let plain = sealer
                .open(&bytes, &context(&param.key))
                .map_err(unsealable)?;
            param.value = Value::String(String::from_utf8_lossy(&plain).into_owned());
        }
        Ok(())
    }

    /// Empties every sealed value (for when the data key is lost): auth credentials become
    /// empty, sealed cookies go, history entries keep their summary, requests lose their saved
    /// examples and cached GraphQL schemas. Returns how many values it cleared. Needs no key. Everything else is kept.
    pub fn wipe_sealed(&self) -> Result<usize> {
        let cleared =
            self.rewrite_sealed(|_, _| Ok(Value::String(String::new())), |_, _| Ok(None))?;
        self.checkpoint();
        Ok(cleared)
    }

    /// Opens every sealed value (auth credentials, cookies, history, examples, GraphQL schemas) with `from` and
    /// seals it again with `to`, in one transaction: all values move to the new key, or none.
    /// Returns how many moved.
    pub fn reseal(&self, from: &dyn Sealer, to: &dyn Sealer) -> Result<usize> {
        let move_to_new = |field: &str, bytes: &[u8]| {
            let plain = from.open(bytes, field).map_err(|source| StoreError::Seal {
                field: field.into(),
                source,
            })?;
            to.seal(&plain, field).map_err(|source| StoreError::Seal {
                field: field.into(),
                source,
            })
        };
        self.rewrite_sealed(
            |field, bytes| Ok(sealed_value(&move_to_new(field, bytes)?)),
            |field, bytes| move_to_new(field, bytes).map(Some),
        )
    }

    /// Replaces every sealed value in the auth columns with `f(field, sealed bytes)`, and every
    /// sealed cookie value, history blob and examples list with `blob(context, sealed bytes)`
    /// (`None` drops it).
    fn rewrite_sealed(
        &self,
        f: impl Fn(&str, &[u8]) -> Result<Value>,
        blob: impl Fn(&str, &[u8]) -> Result<Option<Vec<u8>>>,
    ) -> Result<usize> {
        self.write(|tx| {
            let mut count = super::cookies::rewrite_sealed(tx, &blob)?;
            count += super::history::rewrite_sealed(tx, &blob)?;
            count += super::runs::rewrite_sealed(tx, &blob)?;
            count += super::examples::rewrite_sealed(tx, &blob)?;
            count += super::graphql_schemas::rewrite_sealed(tx, &blob)?;
            for table in ["items", "collections", "drafts"] {
                let rows =
                    super::rows::all(tx, &format!("SELECT id, auth FROM {table}"), [], |row| {
                        Ok((row.get::<_, i64>(0)?, row.get::<_, String>(1)?))
                    })?;
                for (id, text) in rows {
                    let mut auth: Value =
                        super::codec::decode(table_name(table), id, "auth", &text)?;
                    let mut changed = 0;
                    let params = auth.get_mut("params").and_then(Value::as_array_mut);
                    for param in params.into_iter().flatten() {
                        let key = param.get("key").and_then(Value::as_str).unwrap_or_default();
                        let field = context(key);
                        let Some(value) = param.get_mut("value") else {
                            continue;
                        };
                        if let Some(bytes) = sealed_bytes(value) {
                            *value = f(&field, &bytes)?;
                            changed += 1;
                        }
                    }
                    if changed > 0 {
                        let text = super::codec::encode(&auth)?;
                        tx.execute(
                            &format!("UPDATE {table} SET auth = ?1 WHERE id = ?2"),
                            (&text, id),
                        )?;
                        count += changed;
                    }
                }
                count += rewrite_settings(tx, table, &f)?;
            }
            count += super::preferences::rewrite_sealed(tx, &f)?;
            Ok(count)
        })
    }
}

/// Rewrites the sealed secrets of every settings column of `table` with `f` (a sealed value
/// back, re-sealed; or an empty text, wiped).
fn rewrite_settings(
    tx: &rusqlite::Transaction<'_>,
    table: &str,
    f: &impl Fn(&str, &[u8]) -> Result<Value>,
) -> Result<usize> {
    let rows = super::rows::all(
        tx,
        &format!("SELECT id, settings FROM {table}"),
        [],
        |row| Ok((row.get::<_, i64>(0)?, row.get::<_, String>(1)?)),
    )?;
    let mut count = 0;
    for (id, text) in rows {
        if !text.contains(SEALED_TEXT) {
            continue;
        }
        let mut settings: RequestSettings =
            super::codec::decode(table_name(table), id, "settings", &text)?;
        let changed = rewrite_settings_secrets(&mut settings, f)?;
        if changed > 0 {
            tx.execute(
                &format!("UPDATE {table} SET settings = ?1 WHERE id = ?2"),
                (super::codec::encode(&settings)?, id),
            )?;
            count += changed;
        }
    }
    Ok(count)
}

/// Rewrites the sealed secrets of one settings value with `f`; returns how many it rewrote.
pub(super) fn rewrite_settings_secrets(
    settings: &mut RequestSettings,
    f: &impl Fn(&str, &[u8]) -> Result<Value>,
) -> Result<usize> {
    let mut changed = 0;
    for (field, secret) in settings_secrets(settings) {
        let Some(bytes) = sealed_text_bytes(secret) else {
            continue;
        };
        let value = f(field, &bytes)?;
        *secret = match sealed_bytes(&value) {
            Some(resealed) => sealed_text(&resealed),
            None => value.as_str().unwrap_or_default().to_owned(),
        };
        changed += 1;
    }
    Ok(changed)
}

fn table_name(table: &str) -> &'static str {
    match table {
        "items" => "items",
        "drafts" => "drafts",
        _ => "collections",
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_a_lone_sealed_member_is_sealed() {
        assert_eq!(sealed_bytes(&sealed_value(b"xy")), Some(b"xy".to_vec()));
        assert_eq!(sealed_bytes(&Value::String("AAAA".into())), None);
        let mut two = Map::new();
        two.insert(SEALED.into(), Value::String("AAAA".into()));
        two.insert("other".into(), Value::Null);
        assert_eq!(sealed_bytes(&Value::Object(two)), None);
    }
}
