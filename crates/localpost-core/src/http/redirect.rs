//! Redirects, followed one hop at a time by the engine (the clients have no redirect policy),
//! with Postman's rules:
//!
//! - 301, 302 and 303 turn the request into a `GET` without a body (`HEAD` stays `HEAD`),
//!   unless `followOriginalHttpMethod` keeps method and body; 307 and 308 always keep both.
//! - On a redirect to another host (or port), `Authorization` is dropped unless
//!   `followAuthorizationHeader`; `Cookie` and `Proxy-Authorization` are always dropped (as
//!   reqwest did).
//! - When the request carries vault values, no redirect leaves the first URL's origin (scheme,
//!   host and port): that 3xx response is returned as it is, so a header, query or body holding
//!   a domain-limited vault value is never re-sent elsewhere.
//! - A `Location` that is missing, unparsable or not `http`/`https` ends the chain there.
//!
//! The caller counts hops against `maxRedirects`. No `Referer` is added: the previous URL may
//! hold an API key in its query.

use std::sync::Arc;

use bytes::Bytes;
use reqwest::header::{self, HeaderMap};
use reqwest::{Method, StatusCode};
use url::Url;

use super::Settings;
use super::timing::{HopProbe, TimedBody};

/// One request of a chain, as sent.
#[derive(Debug, Clone)]
pub(crate) struct Hop {
    pub method: Method,
    pub url: Url,
    pub headers: HeaderMap,
    pub body: Option<Bytes>,
}

impl Hop {
    /// The reqwest request for this hop; its body reports to `probe`.
    pub(crate) fn to_request(&self, probe: &Arc<HopProbe>) -> reqwest::Request {
        let mut out = reqwest::Request::new(self.method.clone(), self.url.clone());
        *out.headers_mut() = self.headers.clone();
        if let Some(body) = &self.body {
            *out.body_mut() = Some(reqwest::Body::wrap(TimedBody::new(body.clone(), probe)));
        }
        out
    }
}

/// What decides where a chain of redirects may go.
pub(crate) struct Rules<'a> {
    /// The chain's first URL.
    pub first: &'a Url,
    /// Whether to follow, and how.
    pub settings: &'a Settings,
    /// Stay on the first URL's origin (the request carries vault values).
    pub same_origin_only: bool,
}

/// Where `rules` say to go after `status` with `location`, or `None` to return this response.
pub(crate) fn next(
    hop: &Hop,
    status: StatusCode,
    location: Option<&header::HeaderValue>,
    rules: &Rules<'_>,
) -> Option<Hop> {
    let Rules {
        first,
        settings,
        same_origin_only,
    } = *rules;
    if !settings.follow_redirects {
        return None;
    }
    let keeps_method = match status.as_u16() {
        301..=303 => settings.follow_original_method,
        307 | 308 => true,
        _ => return None,
    };
    let target = hop.url.join(location?.to_str().ok()?).ok()?;
    if !matches!(target.scheme(), "http" | "https") {
        return None;
    }
    if same_origin_only && target.origin() != first.origin() {
        return None;
    }
    let mut next = Hop {
        method: hop.method.clone(),
        url: target,
        headers: hop.headers.clone(),
        body: hop.body.clone(),
    };
    if !keeps_method {
        if next.method != Method::HEAD {
            next.method = Method::GET;
        }
        next.body = None;
        for name in [
            header::CONTENT_TYPE,
            header::CONTENT_LENGTH,
            header::CONTENT_ENCODING,
            header::TRANSFER_ENCODING,
        ] {
            next.headers.remove(name);
        }
    }
    let other_host = next.url.host_str() != hop.url.host_str()
        || next.url.port_or_known_default() != hop.url.port_or_known_default();
    if other_host {
        if !settings.follow_authorization_header {
            next.headers.remove(header::AUTHORIZATION);
        }
        next.headers.remove(header::COOKIE);
        next.headers.remove(header::PROXY_AUTHORIZATION);
    }
    Some(next)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn post(url: &str) -> Hop {
        let mut headers = HeaderMap::new();
        headers.insert(header::AUTHORIZATION, "Bearer t".parse().expect("valid"));
        headers.insert(header::CONTENT_TYPE, "text/plain".parse().expect("valid"));
        Hop {
            method: Method::POST,
            url: Url::parse(url).expect("valid"),
            headers,
            body: Some(Bytes::from_static(b"hi")),
        }
    }

    fn go(hop: &Hop, status: u16, to: &str, settings: &Settings) -> Option<Hop> {
        let location = header::HeaderValue::from_str(to).expect("valid");
        let status = StatusCode::from_u16(status).expect("valid");
        let rules = Rules {
            first: &hop.url,
            settings,
            same_origin_only: false,
        };
        next(hop, status, Some(&location), &rules)
    }

    #[test]
    fn see_other_turns_into_get_unless_the_original_method_is_kept() {
        let hop = post("http://a.test/x");
        let n = go(&hop, 302, "/y", &Settings::default()).expect("followed");
        assert_eq!((n.method, n.url.as_str()), (Method::GET, "http://a.test/y"));
        assert!(n.body.is_none() && n.headers.get(header::CONTENT_TYPE).is_none());
        assert!(n.headers.get(header::AUTHORIZATION).is_some(), "same host");
        let keep = Settings {
            follow_original_method: true,
            ..Settings::default()
        };
        let n = go(&hop, 303, "/y", &keep).expect("followed");
        assert_eq!(n.method, Method::POST);
        assert_eq!(n.body.as_deref(), Some(&b"hi"[..]));
        let n = go(&hop, 307, "/y", &Settings::default()).expect("followed");
        assert_eq!(n.method, Method::POST);
    }

    #[test]
    fn authorization_crosses_hosts_only_when_asked() {
        let hop = post("http://a.test/x");
        let n = go(&hop, 308, "http://b.test/", &Settings::default()).expect("followed");
        assert!(n.headers.get(header::AUTHORIZATION).is_none());
        let keep = Settings {
            follow_authorization_header: true,
            ..Settings::default()
        };
        let n = go(&hop, 308, "http://a.test:81/", &keep).expect("followed");
        assert!(n.headers.get(header::AUTHORIZATION).is_some());
    }

    #[test]
    fn no_location_other_schemes_and_other_statuses_end_the_chain() {
        let hop = post("http://a.test/x");
        let s = Settings::default();
        assert!(go(&hop, 302, "ftp://a.test/", &s).is_none());
        assert!(go(&hop, 304, "/y", &s).is_none());
        let rules = Rules {
            first: &hop.url,
            settings: &s,
            same_origin_only: false,
        };
        assert!(next(&hop, StatusCode::FOUND, None, &rules).is_none());
        let first = Url::parse("http://a.test/").expect("valid");
        let loc = header::HeaderValue::from_static("http://b.test/");
        let vault = Rules {
            first: &first,
            same_origin_only: true,
            ..rules
        };
        assert!(next(&hop, StatusCode::FOUND, Some(&loc), &vault).is_none());
    }
}
