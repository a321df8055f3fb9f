//! The proxy a client sends through: the environment's (reqwest's default), none, or one set in
//! the request's settings (HTTP, HTTPS or SOCKS5, with user and password, and hosts reached
//! directly).

use reqwest::ClientBuilder;
use url::Url;

use super::{HttpError, Result};
use crate::http::settings::Proxy;

/// Schemes a proxy URL may have.
const SCHEMES: [&str; 4] = ["http", "https", "socks5", "socks5h"];

/// `builder` set up to use `proxy`.
pub(crate) fn apply(builder: ClientBuilder, proxy: &Proxy) -> Result<ClientBuilder> {
    let Proxy::Custom {
        url,
        username,
        password,
        no_proxy,
    } = proxy
    else {
        return Ok(match proxy {
            Proxy::None => builder.no_proxy(),
            _ => builder,
        });
    };
    let url = parse(url)?;
    let shown = shown(&url);
    let mut p = reqwest::Proxy::all(url.as_str()).map_err(|e| HttpError::Proxy {
        url: shown.clone(),
        reason: super::error::lower_first(&e.to_string()),
    })?;
    if !username.is_empty() {
        let password = password.expose_str().ok_or_else(|| HttpError::Proxy {
            url: shown.clone(),
            reason: "the password is not UTF-8".into(),
        })?;
        p = p.basic_auth(username, password);
    }
    p = p.no_proxy(reqwest::NoProxy::from_string(no_proxy));
    Ok(builder.proxy(p))
}

/// The proxy URL, `http://` when it names no scheme.
fn parse(text: &str) -> Result<Url> {
    let text = text.trim();
    if text.is_empty() {
        return Err(HttpError::Proxy {
            url: String::new(),
            reason: "no proxy URL set (or choose the system proxy, or none)".into(),
        });
    }
    let with_scheme = if text.contains("://") {
        text.to_string()
    } else {
        format!("http://{text}")
    };
    let url = Url::parse(&with_scheme).map_err(|e| HttpError::Proxy {
        url: super::address::redact_userinfo(text),
        reason: e.to_string(),
    })?;
    if !SCHEMES.contains(&url.scheme()) {
        return Err(HttpError::Proxy {
            url: shown(&url),
            reason: "the scheme must be http, https, socks5 or socks5h".into(),
        });
    }
    if url.host_str().is_none_or(str::is_empty) {
        return Err(HttpError::Proxy {
            url: shown(&url),
            reason: "no host".into(),
        });
    }
    Ok(url)
}

/// The URL without any user or password, for messages.
fn shown(url: &Url) -> String {
    let mut url = url.clone();
    let _ = url.set_username("");
    let _ = url.set_password(None);
    url.to_string()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_bare_host_is_an_http_proxy_and_bad_schemes_are_named() {
        assert_eq!(
            parse("proxy.local:3128").expect("valid").as_str(),
            "http://proxy.local:3128/"
        );
        let e = parse("ftp://user:pw@p:2121").expect_err("ftp");
        assert_eq!(
            e.to_string(),
            "settings.proxy.url \"ftp://p:2121/\": the scheme must be http, https, socks5 or socks5h"
        );
        assert!(parse("  ").is_err());
    }
}
