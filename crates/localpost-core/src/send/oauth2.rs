//! OAuth 2.0 tokens for a stored request: obtained through the engine, kept in the OS keychain
//! as vault secrets, and referenced from the auth that asked for them.
//!
//! [`TokenKeeper::obtain`] finds the OAuth 2.0 auth in force for a request (its own, a folder's or the
//! collection's), renders its grant settings with the request's variables (resolving
//! `{{vault:NAME}}` in them within each secret's domains), obtains tokens with
//! [`http::oauth2::TokenEndpoint`] and the request's settings, then stores the access token as
//! vault secret `oauth2.<owner>-<id>.access` (limited to the request's host) and any refresh
//! token as `oauth2.<owner>-<id>.refresh` (limited to the token endpoint's host). The auth's
//! `accessToken` becomes `{{vault:oauth2.<owner>-<id>.access}}`, so SQLite only ever holds the
//! reference, and every request under that auth sends the token. [`TokenKeeper::refresh`] trades the stored
//! refresh token for new tokens the same way.

use serde::Serialize;
use tokio_util::sync::CancellationToken;
use ts_rs::TS;
use url::Url;

use super::{Context, Options, Result};
use crate::http::{self, Engine, HttpError, oauth2};
use crate::model::{Auth, AuthMode, AuthParam, RequestId};
use crate::secrets::{self, VaultSecrets};
use crate::store::Store;
use crate::template::Scope;
use crate::vault::{Keychain, Overlay};

/// Tokens stored for an OAuth 2.0 auth: the vault secrets' names and what the endpoint said
/// about them. Never a token value.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
#[ts(export)]
pub struct StoredToken {
    /// Vault secret holding the access token; the auth's `accessToken` is `{{vault:<this>}}`.
    pub access_secret: String,
    /// Vault secret holding the refresh token, if one was issued (or kept from before).
    pub refresh_secret: Option<String>,
    /// `token_type` as issued (usually `Bearer`).
    pub token_type: String,
    /// Seconds until the access token expires, if the endpoint said.
    #[ts(type = "number | null")]
    pub expires_in: Option<u64>,
    /// Scope granted, if the endpoint said.
    pub scope: Option<String>,
}

/// Where the auth in force lives.
enum Owner {
    Request,
    Folder,
    Collection,
}

/// The OAuth 2.0 auth in force for a loaded request, its owner and its secrets' base name.
struct Found {
    owner: Owner,
    id: i64,
    auth: Auth,
    base: String,
}

fn find(context: &Context) -> Result<Found> {
    let levels = std::iter::once((Owner::Request, &context.request.auth, context.request.id.0))
        .chain(
            context
                .folders
                .iter()
                .map(|f| (Owner::Folder, &f.auth, f.id.0)),
        )
        .chain(std::iter::once((
            Owner::Collection,
            &context.collection.auth,
            context.collection.id.0,
        )));
    for (owner, auth, id) in levels {
        match auth.mode {
            AuthMode::Inherit => continue,
            AuthMode::Oauth2 => {
                let kind = match owner {
                    Owner::Request => "request",
                    Owner::Folder => "folder",
                    Owner::Collection => "collection",
                };
                return Ok(Found {
                    owner,
                    id,
                    auth: auth.clone(),
                    base: format!("oauth2.{kind}-{id}"),
                });
            }
            _ => break,
        }
    }
    Err(HttpError::InvalidAuth {
        field: "auth.type".into(),
        reason: format!(
            "request {:?} does not use OAuth 2.0 (its auth in force is another scheme)",
            context.request.name
        ),
    }
    .into())
}

/// Everything a token request needs, read from the store and keychain before any await.
struct Plan {
    found: Found,
    config: oauth2::Config,
    settings: http::Settings,
    resource: Option<Url>,
}

impl Plan {
    /// Its token endpoint, reached through `engine`.
    fn endpoint<'a>(&'a self, engine: &'a Engine) -> oauth2::TokenEndpoint<'a> {
        oauth2::TokenEndpoint {
            engine,
            config: &self.config,
            settings: &self.settings,
        }
    }
}

fn plan<K: Keychain>(
    store: &Store,
    keychain: &K,
    id: RequestId,
    options: &Options,
) -> Result<Plan> {
    let mut context = Context::load(store, id, options.environment)?;
    context.reveal_secrets(keychain, &options.overrides)?;
    let found = find(&context)?;
    let mut vars = context.variables(&options.overrides);
    let mut config = oauth2::Config::from_auth(&found.auth, &vars)?;
    // `{{vault:NAME}}` in the grant settings: checked against the token endpoint.
    let vault_names: Vec<String> = config
        .unresolved
        .iter()
        .filter_map(|u| u.name.strip_prefix("vault:").map(str::to_string))
        .collect();
    if !vault_names.is_empty()
        && let Ok(endpoint) = Url::parse(&config.access_token_url)
    {
        let mut layered = Overlay::new(keychain);
        for (name, value) in &options.vault {
            layered.insert(secrets::account(name), value.clone());
        }
        let vault = VaultSecrets::new(store, &layered);
        for name in vault_names {
            if let Some(value) = vault.resolve(&name, &endpoint)? {
                let text = String::from_utf8_lossy(value.expose()).into_owned();
                vars.set(Scope::Local, format!("vault:{name}"), text);
            }
        }
        config = oauth2::Config::from_auth(&found.auth, &vars)?;
    }
    let resource = context.prepare(&options.overrides).ok();
    let settings = match &resource {
        Some(prepared) => prepared.settings.clone(),
        None => http::Settings::default(),
    };
    Ok(Plan {
        found,
        config,
        settings,
        resource: resource.map(|p| p.url),
    })
}

/// Where tokens are obtained and kept: the store, the keychain and the engine.
pub struct TokenKeeper<'a, K: Keychain> {
    /// Holds the request, its auth and the vault secrets' records.
    pub store: &'a Store,
    /// Holds the tokens.
    pub keychain: &'a K,
    /// Asks the token endpoint.
    pub engine: &'a Engine,
}

impl<K: Keychain> TokenKeeper<'_, K> {
    /// Obtains tokens for stored request `id` with the OAuth 2.0 auth in force, stores them in
    /// the keychain and points the auth at them. `browser` is called with the authorisation
    /// URL for the authorization code grants (see [`oauth2::TokenEndpoint::obtain`]).
    pub async fn obtain(
        &self,
        id: RequestId,
        options: &Options,
        browser: impl FnOnce(&Url) + Send,
        cancel: &CancellationToken,
    ) -> Result<StoredToken> {
        let plan = plan(self.store, self.keychain, id, options)?;
        let tokens = plan.endpoint(self.engine).obtain(browser, cancel).await?;
        keep(self.store, self.keychain, &plan, tokens)
    }

    /// Trades the refresh token stored for request `id`'s OAuth 2.0 auth for new tokens, and
    /// stores them as [`TokenKeeper::obtain`] does. Fails with a message naming the secret
    /// when there is no stored refresh token.
    pub async fn refresh(
        &self,
        id: RequestId,
        options: &Options,
        cancel: &CancellationToken,
    ) -> Result<StoredToken> {
        let plan = plan(self.store, self.keychain, id, options)?;
        let name = format!("{}.refresh", plan.found.base);
        let endpoint = match plan.config.refresh_token_url.as_str() {
            "" => &plan.config.access_token_url,
            url => url,
        };
        let endpoint = Url::parse(endpoint).map_err(|_| HttpError::InvalidAuth {
            field: "auth.refreshTokenUrl".into(),
            reason: format!("{endpoint:?} is not a URL"),
        })?;
        let token = VaultSecrets::new(self.store, self.keychain).value_for(&name, &endpoint)?;
        let tokens = plan.endpoint(self.engine).refresh(&token, cancel).await?;
        keep(self.store, self.keychain, &plan, tokens)
    }
}

/// Stores `tokens` as vault secrets and points the auth's `accessToken` at the access token.
fn keep<K: Keychain>(
    store: &Store,
    keychain: &K,
    plan: &Plan,
    tokens: oauth2::Tokens,
) -> Result<StoredToken> {
    let vault = VaultSecrets::new(store, keychain);
    let access = format!("{}.access", plan.found.base);
    let domains: Vec<String> = plan
        .resource
        .as_ref()
        .and_then(|u| u.host_str())
        .map(|h| vec![h.to_string()])
        .unwrap_or_default();
    vault.set(&access, &tokens.access_token, &domains)?;
    let refresh = format!("{}.refresh", plan.found.base);
    let refresh_secret = match &tokens.refresh_token {
        Some(token) => {
            let endpoint = match plan.config.refresh_token_url.as_str() {
                "" => &plan.config.access_token_url,
                url => url,
            };
            let domains: Vec<String> = Url::parse(endpoint)
                .ok()
                .and_then(|u| u.host_str().map(str::to_string))
                .into_iter()
                .collect();
            vault.set(&refresh, token, &domains)?;
            Some(refresh)
        }
        None => store.vault_entry(&refresh)?.map(|e| e.name),
    };
    point_at(store, plan, &access, &tokens.token_type)?;
    Ok(StoredToken {
        access_secret: access,
        refresh_secret,
        token_type: tokens.token_type,
        expires_in: tokens.expires_in,
        scope: tokens.scope,
    })
}

/// Sets `accessToken` (and `tokenType`) of the owner's auth and saves the owner.
fn point_at(store: &Store, plan: &Plan, access: &str, token_type: &str) -> Result<()> {
    let edit = |auth: &mut Auth| {
        set_param(auth, "accessToken", &format!("{{{{vault:{access}}}}}"));
        if !token_type.is_empty() {
            set_param(auth, "tokenType", token_type);
        }
    };
    // Read fresh, so edits made while the user signed in are kept.
    let owner_id = plan.found.id;
    match plan.found.owner {
        Owner::Request => {
            let mut request = store.request(RequestId(owner_id))?;
            edit(&mut request.auth);
            store.update_request(&request)?;
        }
        Owner::Folder => {
            let mut folder = store.folder(crate::model::FolderId(owner_id))?;
            edit(&mut folder.auth);
            store.update_folder(&folder)?;
        }
        Owner::Collection => {
            let mut collection = store.collection(crate::model::CollectionId(owner_id))?;
            edit(&mut collection.auth);
            store.update_collection(&collection)?;
        }
    }
    Ok(())
}

fn set_param(auth: &mut Auth, key: &str, value: &str) {
    let value = serde_json::Value::String(value.into());
    match auth.params.iter_mut().find(|p| p.key == key) {
        Some(p) => p.value = value,
        None => auth.params.push(AuthParam {
            key: key.into(),
            value,
            kind: "string".into(),
        }),
    }
}
