//! [`EngineHost`]: what a send's scripts ask of the world, done with the send's engine:
//! `pm.sendRequest` goes out through the same [`Engine`] with the request's own settings
//! (proxy, certificates, TLS, timeout, redirects) and the workspace's cookie jar.

use std::sync::Arc;

use serde_json::Value;
use tokio_util::sync::CancellationToken;

use crate::cookies::{Cookie, Jar};
use crate::http::{self, CookieJar, Engine, Inheritance};
use crate::script::AsyncHost;
use crate::secrets::{self, VaultSecrets};
use crate::store::Store;
use crate::template::Variables;
use crate::vault::{Keychain, Overlay, Secret};

/// Performs a send's `pm.sendRequest` calls.
pub(crate) struct EngineHost<'a> {
    pub(crate) engine: &'a Engine,
    pub(crate) cancel: &'a CancellationToken,
    pub(crate) jar: Option<Arc<dyn CookieJar>>,
    /// The same jar, for `pm.cookies.jar()`.
    pub(crate) cookies: Option<Arc<Jar>>,
    /// The vault, for `pm.vault`.
    pub(crate) vault: VaultAccess<'a>,
    /// The settings the request itself is sent with (redirects, timeout, TLS, certificates,
    /// proxy); `pm.sendRequest` goes out with them too. `None` when the request cannot be
    /// prepared before its scripts run: the engine's defaults then.
    pub(crate) settings: Option<http::Settings>,
    /// Which files a `pm.sendRequest` body may read: the send's own rule, so that a script
    /// cannot read what its request may not.
    pub(crate) files: &'a super::FileAccess,
}

/// What `pm.vault` reads and writes: the vault secrets of a store and keychain, values given
/// for this send only (`--vault-var`) first, each secret within its domain limits checked
/// against the URL of the request the scripts run for.
pub(crate) struct VaultAccess<'a> {
    pub(crate) store: &'a Store,
    pub(crate) keychain: &'a dyn Keychain,
    pub(crate) given: &'a [(String, Secret)],
    pub(crate) target: Option<url::Url>,
    /// Where the values `pm.vault` reads and writes are noted, for a run to mask.
    pub(crate) read: std::sync::Arc<std::sync::Mutex<Vec<Secret>>>,
}

/// The header by which the sandbox extensions mark a `pm.vault` call (script/extensions.js).
const VAULT_CALL: &str = "X-Localpost-Vault";

/// The operation of a `pm.vault` call, if `request` is one.
fn vault_call(request: &Value) -> Option<String> {
    if !request.get("url")?.to_string().contains("localpost-vault") {
        return None;
    }
    request
        .get("header")?
        .as_array()?
        .iter()
        .find(|h| h.get("key").and_then(Value::as_str) == Some(VAULT_CALL))?
        .get("value")?
        .as_str()
        .map(str::to_owned)
}

impl VaultAccess<'_> {
    /// Performs `op` (`get`, `set`, `unset`) with the call's body (`{key, value}`); returns
    /// the value for a `get` (`None` when there is no such secret).
    fn call(&self, op: &str, request: &Value) -> Result<Option<String>, String> {
        let body: Value = request
            .get("body")
            .and_then(|b| b.get("raw"))
            .and_then(Value::as_str)
            .and_then(|raw| serde_json::from_str(raw).ok())
            .unwrap_or(Value::Null);
        let key = body
            .get("key")
            .and_then(Value::as_str)
            .ok_or("pm.vault: no key")?;
        let mut overlay = Overlay::new(self.keychain);
        for (name, value) in self.given {
            overlay.insert(secrets::account(name), value.clone());
        }
        let vault = VaultSecrets::new(self.store, &overlay);
        let fail = |e: secrets::SecretsError| format!("pm.vault.{op}: {e}");
        match op {
            "get" => {
                let Some(target) = &self.target else {
                    return Err(format!(
                        "pm.vault.get: the request's URL is not known, so {key}'s domain limits cannot be checked"
                    ));
                };
                let value = vault.resolve(key, target).map_err(fail)?;
                if let (Some(v), Ok(mut read)) = (&value, self.read.lock()) {
                    read.push(v.clone());
                }
                Ok(value.map(|v| String::from_utf8_lossy(v.expose()).into_owned()))
            }
            "set" => {
                let value = body
                    .get("value")
                    .and_then(Value::as_str)
                    .unwrap_or_default();
                let domains = self
                    .store
                    .vault_entry(key)
                    .map_err(|e| format!("pm.vault.set: {e}"))?
                    .map(|e| e.domains)
                    .unwrap_or_default();
                let value = Secret::from(value);
                vault.set(key, &value, &domains).map_err(fail)?;
                if let Ok(mut read) = self.read.lock() {
                    read.push(value);
                }
                Ok(None)
            }
            "unset" => match vault.remove(key) {
                Ok(()) | Err(secrets::SecretsError::NotFound { .. }) => Ok(None),
                Err(e) => Err(fail(e)),
            },
            other => Err(format!("pm.vault has no {other}")),
        }
    }
}

impl AsyncHost for EngineHost<'_> {
    async fn send_request(&mut self, request: Value) -> Result<Value, String> {
        if let Some(op) = vault_call(&request) {
            let value = self.vault.call(&op, &request)?;
            let body = serde_json::json!({ "value": value }).to_string();
            return Ok(serde_json::json!({
                "code": 200,
                "status": "OK",
                "header": [{"key": "Content-Type", "value": "application/json"}],
                "stream": {"type": "Buffer", "data": body.as_bytes()},
            }));
        }
        // A bare URL string is a GET of it, as in the sandbox.
        let request = match request {
            Value::String(url) => serde_json::json!({"url": url, "method": "GET"}),
            other => other,
        };
        let model =
            crate::formats::postman::request_from_json(&request).map_err(|e| e.to_string())?;
        // The script resolved its variables itself (pm.variables.replaceIn); what is left
        // of `{{…}}` is sent as written, as newman does.
        let mut prepared = http::prepare(&model, &Variables::new(), &Inheritance::new())
            .map_err(|e| e.to_string())?;
        self.files
            .resolve(&mut prepared.body)
            .map_err(|e| e.to_string())?;
        if let Some(settings) = &self.settings {
            prepared.settings = settings.clone();
        }
        let exchange = http::with_jar(self.jar.clone(), self.engine.send(&prepared, self.cancel))
            .await
            .map_err(|e| e.to_string())?;
        Ok(super::scripts::response_json(&exchange))
    }

    async fn cookie_store(&mut self, method: String, args: Vec<Value>) -> Result<Value, String> {
        let Some(jar) = &self.cookies else {
            return Err("cookies are turned off for this request".into());
        };
        cookie_store(jar, &method, &args)
    }
}

/// The jar's cookies that a request to `url` would carry, as tough-cookie JSON: `pm.cookies`.
pub(crate) fn cookies_for(jar: &Jar, url: &url::Url) -> Vec<Value> {
    let host = url.host_str().unwrap_or_default().to_lowercase();
    jar.cookies()
        .iter()
        .filter(|c| domain_matches(&host, &c.domain) && (!c.host_only || c.domain == host))
        .filter(|c| path_matches(url.path(), &c.path))
        .filter(|c| !c.secure || url.scheme() == "https")
        .map(to_json)
        .collect()
}

/// One call of the sandbox's cookie store (tough-cookie's `Store` interface, which
/// `pm.cookies.jar()` is built on) on the send's jar.
fn cookie_store(jar: &Jar, method: &str, args: &[Value]) -> Result<Value, String> {
    let text = |i: usize| args.get(i).and_then(Value::as_str);
    match method {
        "findCookie" => {
            let (domain, path, name) = (text(0), text(1), text(2));
            Ok(jar
                .cookies()
                .iter()
                .find(|c| {
                    Some(c.domain.as_str()) == domain
                        && Some(c.path.as_str()) == path
                        && Some(c.name.as_str()) == name
                })
                .map_or(Value::Null, to_json))
        }
        "findCookies" => {
            let domain = text(0)
                .unwrap_or_default()
                .trim_start_matches('.')
                .to_lowercase();
            let path = text(1);
            let found: Vec<Value> = jar
                .cookies()
                .iter()
                .filter(|c| domain_matches(&domain, &c.domain))
                .filter(|c| path.is_none_or(|p| path_matches(p, &c.path)))
                .map(to_json)
                .collect();
            Ok(Value::Array(found))
        }
        "getAllCookies" => Ok(Value::Array(jar.cookies().iter().map(to_json).collect())),
        "putCookie" | "updateCookie" => {
            let given = args.get(if method == "putCookie" { 0 } else { 1 });
            let cookie = given.and_then(from_json).ok_or("not a cookie")?;
            match jar.put(&cookie) {
                true => Ok(Value::Null),
                false => Err(format!("cookie {} cannot be stored", cookie.name)),
            }
        }
        "removeCookie" => {
            jar.remove(text(0).unwrap_or_default(), text(1), text(2));
            Ok(Value::Null)
        }
        "removeCookies" => {
            jar.remove(text(0).unwrap_or_default(), text(1), None);
            Ok(Value::Null)
        }
        "removeAllCookies" => {
            jar.clear();
            Ok(Value::Null)
        }
        other => Err(format!("unknown cookie store call {other}")),
    }
}

/// RFC 6265 §5.1.3, as tough-cookie's store applies it: the host is the cookie's domain or
/// one of its subdomains.
fn domain_matches(host: &str, domain: &str) -> bool {
    let domain = domain.trim_start_matches('.').to_lowercase();
    host == domain || host.ends_with(&format!(".{domain}"))
}

/// RFC 6265 §5.1.4.
fn path_matches(request: &str, cookie: &str) -> bool {
    request == cookie
        || (request.starts_with(cookie)
            && (cookie.ends_with('/') || request[cookie.len()..].starts_with('/')))
}

/// A cookie as tough-cookie writes one (`Cookie.toJSON`).
fn to_json(c: &Cookie) -> Value {
    let mut out = serde_json::json!({
        "key": c.name,
        "value": c.value,
        "domain": c.domain,
        "path": c.path,
        "secure": c.secure,
        "httpOnly": c.http_only,
        "hostOnly": c.host_only,
    });
    if let Some(expires) = c
        .expires
        .and_then(|t| time::OffsetDateTime::from_unix_timestamp(t).ok())
        && let Ok(text) = expires.format(&time::format_description::well_known::Rfc3339)
    {
        out["expires"] = Value::String(text);
    }
    if let Some(same_site) = &c.same_site {
        out["sameSite"] = Value::String(same_site.to_lowercase());
    }
    out
}

/// A cookie from tough-cookie's JSON; `None` without a name or domain.
fn from_json(v: &Value) -> Option<Cookie> {
    let text = |k: &str| v.get(k).and_then(Value::as_str);
    let flag = |k: &str| v.get(k).and_then(Value::as_bool).unwrap_or(false);
    let expires = text("expires")
        .and_then(|e| {
            time::OffsetDateTime::parse(e, &time::format_description::well_known::Rfc3339).ok()
        })
        .map(|t| t.unix_timestamp());
    let same_site = text("sameSite").and_then(|s| match s.to_ascii_lowercase().as_str() {
        "strict" => Some("Strict".to_owned()),
        "lax" => Some("Lax".to_owned()),
        "none" => Some("None".to_owned()),
        _ => None,
    });
    Some(Cookie {
        id: None,
        name: text("key")?.to_owned(),
        value: text("value").unwrap_or_default().to_owned(),
        domain: text("domain")?.trim_start_matches('.').to_lowercase(),
        host_only: v.get("hostOnly").and_then(Value::as_bool).unwrap_or(true),
        path: text("path")
            .filter(|p| p.starts_with('/'))
            .unwrap_or("/")
            .to_owned(),
        expires,
        secure: flag("secure"),
        http_only: flag("httpOnly"),
        same_site,
    })
}
