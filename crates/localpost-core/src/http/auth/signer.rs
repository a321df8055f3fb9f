//! Signing schemes: parameters rendered at prepare time, the signature computed at send time.
//!
//! OAuth 1.0, AWS Signature V4, Hawk, Akamai EdgeGrid, JWT and ASAP sign (or hash) the final method,
//! URL, headers and body bytes, and the body of a file or multipart request is only read by
//! [`super::super::Engine::send`]. So [`signer`] renders and checks each parameter when the
//! request is prepared (an unknown algorithm fails there) and keeps them in the
//! [`PreparedRequest`]; [`sign`] runs once the body is in memory, with the clock and random
//! source it is handed, and returns the request as it goes on the wire. Keys and JSON are parsed
//! at send time only: a `{{vault:…}}` token is still unresolved on the first preparation.
//!
//! Signed headers replace any of the same name; `Authorization` and other credentials are
//! marked sensitive, and query parameters that carry one are listed in
//! [`PreparedRequest::sensitive_query`], so [`super::super::SentRequest`] masks them.

use std::borrow::Cow;

use percent_encoding::{AsciiSet, NON_ALPHANUMERIC, percent_decode_str, utf8_percent_encode};
use url::Url;

use super::super::build::Renderer;
use super::super::{Header, HttpError, PreparedRequest, Result, headers};
use super::{asap, awsv4, edgegrid, hawk, jwt, oauth1};
use crate::model::{Auth, AuthMode};
use crate::template::Entropy;
use crate::vault::Secret;

/// Percent-encoded by [`rfc3986`]: everything but RFC 3986's unreserved characters.
const UNRESERVED: &AsciiSet = &NON_ALPHANUMERIC
    .remove(b'-')
    .remove(b'.')
    .remove(b'_')
    .remove(b'~');

/// A signing scheme with its parameters rendered, waiting for the body.
#[derive(Clone)]
pub(crate) enum Signer {
    Oauth1(oauth1::Oauth1),
    Awsv4(awsv4::Awsv4),
    Hawk(hawk::Hawk),
    Edgegrid(edgegrid::Edgegrid),
    Jwt(jwt::Jwt),
    Asap(asap::Asap),
}

/// The signer for `auth`, its parameters rendered; `None` for schemes signed at prepare time.
/// Fails on a parameter no request could be signed with (an unknown algorithm, say).
pub(crate) fn signer(auth: &Auth, r: &mut Renderer<'_>) -> Result<Option<Signer>> {
    let mut p = Params { auth, r };
    Ok(Some(match auth.mode {
        AuthMode::Oauth1 => Signer::Oauth1(oauth1::Oauth1::read(&mut p)?),
        AuthMode::Awsv4 => Signer::Awsv4(awsv4::Awsv4::read(&mut p)?),
        AuthMode::Hawk => Signer::Hawk(hawk::Hawk::read(&mut p)?),
        AuthMode::Edgegrid => Signer::Edgegrid(edgegrid::Edgegrid::read(&mut p)?),
        AuthMode::Jwt => Signer::Jwt(jwt::Jwt::read(&mut p)?),
        AuthMode::Asap => Signer::Asap(asap::Asap::read(&mut p)?),
        _ => return Ok(None),
    }))
}

/// `request` signed, with `body` (its bytes, read) as it will be sent. Borrows `request` back
/// unchanged when it has no signer.
pub(crate) fn sign<'a>(
    request: &'a PreparedRequest,
    body: Option<Vec<u8>>,
    entropy: &mut dyn Entropy,
) -> Result<(Cow<'a, PreparedRequest>, Option<Vec<u8>>)> {
    let Some(signer) = &request.signer else {
        return Ok((Cow::Borrowed(request), body));
    };
    let mut signed = request.clone();
    signed.signer = None;
    let mut body = body;
    let mut message = Message {
        method: &signed.method,
        url: &mut signed.url,
        headers: &mut signed.headers,
        body: &mut body,
        sensitive_query: &mut signed.sensitive_query,
        hidden: &mut signed.redact,
    };
    match signer {
        Signer::Oauth1(s) => s.sign(&mut message, entropy)?,
        Signer::Awsv4(s) => s.sign(&mut message, entropy)?,
        Signer::Hawk(s) => s.sign(&mut message, entropy)?,
        Signer::Edgegrid(s) => s.sign(&mut message, entropy)?,
        Signer::Jwt(s) => s.sign(&mut message, entropy)?,
        Signer::Asap(s) => s.sign(&mut message, entropy)?,
    }
    headers::validate(&signed.headers)?;
    Ok((Cow::Owned(signed), body))
}

/// Reads a scheme's parameters, each rendered like any other field (`auth.<key>` is its place).
pub(super) struct Params<'a, 'r, 'v> {
    auth: &'a Auth,
    r: &'r mut Renderer<'v>,
}

impl Params<'_, '_, '_> {
    /// The parameter as text, rendered: strings as written, numbers and booleans as JSON
    /// prints them, objects as JSON; empty when absent or null.
    pub(super) fn text(&mut self, key: &str) -> String {
        let raw = match self.auth.params.iter().find(|p| p.key == key) {
            None => return String::new(),
            Some(p) => match &p.value {
                serde_json::Value::Null => return String::new(),
                serde_json::Value::String(s) => s.clone(),
                other => other.to_string(),
            },
        };
        self.r.render(&raw, || format!("auth.{key}"))
    }

    /// Whether a boolean parameter is on: `true`, or text that renders to `true`.
    pub(super) fn flag(&mut self, key: &str) -> bool {
        self.text(key).trim().eq_ignore_ascii_case("true")
    }

    /// Whether the parameter is present with a non-null value.
    pub(super) fn has(&self, key: &str) -> bool {
        self.auth
            .params
            .iter()
            .any(|p| p.key == key && !p.value.is_null())
    }
}

/// The request being signed: what a scheme reads and changes.
pub(super) struct Message<'a> {
    /// Method, as sent.
    pub(super) method: &'a str,
    /// URL, encoded.
    pub(super) url: &'a mut Url,
    /// Headers in order.
    pub(super) headers: &'a mut Vec<Header>,
    /// Body bytes, `None` for no body.
    pub(super) body: &'a mut Option<Vec<u8>>,
    /// Query keys whose values are credentials.
    pub(super) sensitive_query: &'a mut Vec<String>,
    /// Secret values written into the URL or body, masked wherever they are shown.
    pub(super) hidden: &'a mut Vec<Secret>,
}

impl Message<'_> {
    /// Masks `value` wherever the URL or a text body is shown (a secret sent in the clear).
    pub(super) fn hide(&mut self, value: &str) {
        if !value.is_empty() {
            self.hidden.push(Secret::from(value));
        }
    }

    /// The body bytes (empty for no body).
    pub(super) fn body(&self) -> &[u8] {
        self.body.as_deref().unwrap_or_default()
    }

    /// The first header named `name`, ignoring case.
    pub(super) fn header(&self, name: &str) -> Option<&str> {
        self.headers
            .iter()
            .find(|h| h.is_named(name))
            .map(|h| h.value.as_str())
    }

    /// Removes every header named `name`.
    pub(super) fn remove_header(&mut self, name: &str) {
        self.headers.retain(|h| !h.is_named(name));
    }

    /// Replaces every header named `name` with one (sensitive if it carries a credential).
    pub(super) fn set_header(&mut self, name: &str, value: String, sensitive: bool) {
        self.remove_header(name);
        self.headers.push(if sensitive {
            Header::sensitive(name, value)
        } else {
            Header::new(name, value)
        });
    }

    /// Whether the body is `application/x-www-form-urlencoded`, by its `Content-Type`.
    pub(super) fn is_form(&self) -> bool {
        self.header("content-type").is_some_and(|ct| {
            ct.split(';')
                .next()
                .is_some_and(|t| t.trim().eq_ignore_ascii_case(FORM_TYPE))
        })
    }

    /// The query as `(key, value)` pairs, decoded as a form decodes them (`+` is a space).
    pub(super) fn query_pairs(&self) -> Vec<(String, String)> {
        self.url
            .query_pairs()
            .map(|(k, v)| (k.into_owned(), v.into_owned()))
            .collect()
    }

    /// Removes query parameters whose decoded name is in `names`, then appends `pairs`
    /// (RFC 3986 encoded). Names in `sensitive` are masked wherever the URL is shown.
    pub(super) fn replace_query(
        &mut self,
        names: &[&str],
        pairs: &[(String, String)],
        sensitive: &[&str],
    ) {
        let mut kept: Vec<String> = self
            .url
            .query()
            .unwrap_or_default()
            .split('&')
            .filter(|s| !s.is_empty())
            .filter(|s| {
                let name = s.split('=').next().unwrap_or_default();
                let name = percent_decode_str(name).decode_utf8_lossy();
                !names.contains(&name.as_ref())
            })
            .map(str::to_string)
            .collect();
        kept.extend(
            pairs
                .iter()
                .map(|(k, v)| format!("{}={}", rfc3986(k), rfc3986(v))),
        );
        self.url
            .set_query((!kept.is_empty()).then(|| kept.join("&")).as_deref());
        for name in sensitive {
            if pairs.iter().any(|(k, _)| k == name)
                && !self.sensitive_query.iter().any(|s| s == name)
            {
                self.sensitive_query.push((*name).to_string());
            }
        }
    }
}

/// The `Content-Type` of a urlencoded body.
pub(super) const FORM_TYPE: &str = "application/x-www-form-urlencoded";

/// `text` percent-encoded except RFC 3986's unreserved characters (`A-Z a-z 0-9 - . _ ~`), in
/// upper-case hex: the encoding OAuth 1.0 and AWS Signature V4 both specify.
pub(super) fn rfc3986(text: &str) -> String {
    utf8_percent_encode(text, UNRESERVED).to_string()
}

/// An `auth.<field>` error.
pub(super) fn invalid(field: &str, reason: impl Into<String>) -> HttpError {
    HttpError::InvalidAuth {
        field: format!("auth.{field}"),
        reason: reason.into(),
    }
}

/// `len` random characters from `[A-Za-z0-9]`.
pub(super) fn random_alphanumeric(entropy: &mut dyn Entropy, len: usize) -> String {
    const SOURCE: &[u8] = b"abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789";
    let mut bytes = vec![0u8; len];
    entropy.fill(&mut bytes);
    bytes
        .iter()
        .map(|b| SOURCE[*b as usize % SOURCE.len()] as char)
        .collect()
}

/// A random (version 4) UUID.
pub(super) fn uuid(entropy: &mut dyn Entropy) -> String {
    let mut b = [0u8; 16];
    entropy.fill(&mut b);
    crate::model::uuid_v4(b)
}

/// Unix seconds now.
pub(super) fn now_secs(entropy: &dyn Entropy) -> i64 {
    entropy.now_millis().div_euclid(1000)
}

/// The host as a `Host` header carries it: with the port only when it is not the scheme's
/// default.
pub(super) fn host_header(url: &Url) -> String {
    let host = url.host_str().unwrap_or_default();
    match url.port() {
        Some(port) => format!("{host}:{port}"),
        None => host.to_string(),
    }
}

#[cfg(test)]
pub(super) mod tests {
    use super::*;

    /// A fixed clock and a counter for random bytes.
    pub(crate) struct Fixed(pub(crate) i64);

    impl Entropy for Fixed {
        fn now_millis(&self) -> i64 {
            self.0
        }
        fn fill(&mut self, buf: &mut [u8]) {
            for (i, b) in buf.iter_mut().enumerate() {
                *b = i as u8;
            }
        }
    }

    #[test]
    fn rfc3986_keeps_only_unreserved_characters() {
        assert_eq!(rfc3986("a b+c~d*é/"), "a%20b%2Bc~d%2A%C3%A9%2F");
    }

    #[test]
    fn replace_query_drops_old_values_and_marks_sensitive_keys() {
        let mut url = Url::parse("http://h/p?oauth_nonce=old&x=1").expect("url");
        let mut headers = Vec::new();
        let mut body = None;
        let mut sensitive = Vec::new();
        let mut m = Message {
            method: "GET",
            url: &mut url,
            headers: &mut headers,
            body: &mut body,
            sensitive_query: &mut sensitive,
            hidden: &mut Vec::new(),
        };
        m.replace_query(
            &["oauth_nonce", "oauth_signature"],
            &[
                ("oauth_nonce".into(), "n".into()),
                ("oauth_signature".into(), "a+b=".into()),
            ],
            &["oauth_signature"],
        );
        assert_eq!(
            url.as_str(),
            "http://h/p?x=1&oauth_nonce=n&oauth_signature=a%2Bb%3D"
        );
        assert_eq!(sensitive, ["oauth_signature"]);
    }
}
