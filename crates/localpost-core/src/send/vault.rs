//! `{{vault:NAME}}`: vault secrets substituted into a prepared request, within their domains.
//!
//! Vault secrets are their own scope, as in Postman: only a `{{vault:NAME}}` token reaches
//! them (in any field, or in a variable's value). The URL a secret's domain limits are checked
//! against is only known once the request is rendered, and a token may itself sit in the URL,
//! so the order is:
//!
//! 1. The request is prepared with vault tokens left as written (the template does not know
//!    the `vault:` names, so they come back in [`PreparedRequest::unresolved`]). A token in the
//!    host is refused there: a host may not hold `{` or `}`.
//! 2. Each name is looked up ([`VaultSecrets::resolve`]) with its domain limits checked against
//!    that URL, before any value is read. An unknown name stays unresolved, as in Postman.
//! 3. The request is prepared again with the values in the highest scope, and every limit is
//!    checked again against the final URL, so a value in the user-info part that moves the
//!    host (`{{vault:user}}@api.example.com` with a value ending in `@elsewhere/#`) is caught.
//!    Headers whose value holds a secret are marked sensitive; URL text hides the values.
//!
//! Errors never hold a value: a request that becomes invalid with the values in it fails with
//! [`SendError::InvalidWithVault`], its message scrubbed.

use super::{Context, Result, SendError};
use crate::http::{self, PreparedRequest};
use crate::secrets::VaultSecrets;
use crate::store::Store;
use crate::template::Scope;
use crate::vault::{Keychain, Secret};

/// The prefix of a vault token's name.
const PREFIX: &str = "vault:";

/// `first` (prepared with vault tokens as written) with the vault secrets it names substituted.
pub(crate) fn substitute<K: Keychain>(
    store: &Store,
    keychain: &K,
    context: &Context,
    overrides: &[(String, String)],
    first: PreparedRequest,
) -> Result<PreparedRequest> {
    let mut names: Vec<&str> = Vec::new();
    for u in &first.unresolved {
        if let Some(name) = u.name.strip_prefix(PREFIX)
            && !names.contains(&name)
        {
            names.push(name);
        }
    }
    if names.is_empty() {
        return Ok(first);
    }
    let secrets = VaultSecrets::new(store, keychain);
    let mut values: Vec<(&str, Secret)> = Vec::new();
    for name in names {
        if let Some(value) = secrets.resolve(name, &first.url)? {
            values.push((name, value));
        }
    }
    if values.is_empty() {
        return Ok(first);
    }

    let mut vars = context.variables(overrides);
    for (name, value) in &values {
        let text = String::from_utf8_lossy(value.expose()).into_owned();
        vars.set(Scope::Local, format!("{PREFIX}{name}"), text);
    }
    let mut prepared = http::prepare(&context.request, &vars, &context.inheritance())
        .map_err(|e| invalid(&e, &values))?;
    for (name, _) in &values {
        secrets.check(name, &prepared.url)?;
    }

    prepared.redact = values.into_iter().map(|(_, v)| v).collect();
    let redact = prepared.redact.clone();
    mark_sensitive(&mut prepared, &redact);
    Ok(prepared)
}

/// The build error of a request holding vault values, with every value replaced by `***`.
fn invalid(error: &http::HttpError, values: &[(&str, Secret)]) -> SendError {
    let values: Vec<Secret> = values.iter().map(|(_, v)| v.clone()).collect();
    SendError::InvalidWithVault {
        reason: scrub(error.to_string(), &values),
    }
}

/// `text` with each of `values` (as written, and percent-encoded as a URL carries it) replaced
/// by `***`.
pub(crate) fn scrub(mut text: String, values: &[Secret]) -> String {
    for value in values {
        let value = String::from_utf8_lossy(value.expose());
        if value.is_empty() {
            continue;
        }
        for form in http::encoded_forms(&value) {
            text = text.replace(&form, "***");
        }
    }
    text
}

/// Marks sensitive every header of `prepared` whose value holds one of `values`, and every
/// query parameter whose value does, so that the request as shown and recorded masks them.
pub(crate) fn mark_sensitive(prepared: &mut PreparedRequest, values: &[Secret]) {
    let texts: Vec<String> = values
        .iter()
        .map(|v| String::from_utf8_lossy(v.expose()).into_owned())
        .filter(|t| !t.is_empty())
        .collect();
    if texts.is_empty() {
        return;
    }
    for header in &mut prepared.headers {
        if texts.iter().any(|t| header.value.contains(t.as_str())) {
            header.is_sensitive = true;
        }
    }
    let keys: Vec<String> = prepared
        .url
        .query_pairs()
        .filter(|(_, v)| texts.iter().any(|t| v.contains(t.as_str())))
        .map(|(k, _)| k.into_owned())
        .collect();
    for key in keys {
        if !prepared.sensitive_query.contains(&key) {
            prepared.sensitive_query.push(key);
        }
    }
}
