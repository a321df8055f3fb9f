//! The result of a send, as plain data for the CLI, the UI and (later) scripts and reports:
//! the request as it was sent and the response as it was received.

use std::fmt;

use base64::Engine as _;
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use super::{Header, PeerCertificate, PreparedRequest, Unresolved};

/// Largest request body kept in a [`SentRequest`]; past it only the first bytes are kept.
pub const SENT_BODY_LIMIT: usize = 1024 * 1024;

/// One request and its response.
#[derive(Debug, Clone, Serialize, TS)]
#[serde(rename_all = "camelCase")]
#[ts(export)]
pub struct Exchange {
    /// The request as sent (the first one, when redirects were followed).
    pub request: SentRequest,
    /// The final response.
    pub response: Response,
}

/// The request as sent, with its secrets masked: it is shown, printed (`--output json`) and
/// reported, so credentials never leave through it. Sensitive header values read `***`; the
/// URL's password and API-key query values, and any vault value in the URL or a text body,
/// read `***` too. What went on the wire is in [`PreparedRequest`].
#[derive(Clone, Serialize, TS)]
#[serde(rename_all = "camelCase")]
#[ts(export)]
pub struct SentRequest {
    /// Method.
    pub method: String,
    /// URL, encoded.
    pub url: String,
    /// Headers in order, including automatic ones and the `Content-Length` the client adds.
    /// `Host` is not listed: the client sets it from the URL.
    pub headers: Vec<Header>,
    /// Body; empty when there is none.
    pub body: Payload,
    /// Variables that were left unresolved, for the UI to flag.
    pub unresolved: Vec<Unresolved>,
}

impl SentRequest {
    /// The masked view of `request` with `body` (the bytes that will be sent).
    pub(crate) fn new(request: &PreparedRequest, body: Option<&[u8]>) -> SentRequest {
        let mut headers: Vec<Header> = request
            .headers
            .iter()
            .map(|h| {
                let mut shown = h.clone();
                if shown.is_sensitive {
                    shown.value = "***".into();
                }
                shown
            })
            .collect();
        if let Some(body) = body
            && !headers.iter().any(|h| h.is_named("content-length"))
        {
            headers.push(Header::new("Content-Length", body.len().to_string()));
        }
        let mut shown_body = Payload::from_bytes(body.unwrap_or_default(), SENT_BODY_LIMIT);
        if let Content::Text { text } = &mut shown_body.content {
            *text = request.hide_secrets(std::mem::take(text));
        }
        SentRequest {
            method: request.method.clone(),
            url: request.redacted_url(),
            headers,
            body: shown_body,
            unresolved: request.unresolved.clone(),
        }
    }
}

impl fmt::Debug for SentRequest {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        // The query may hold an API key and the authority a password: show neither.
        let path = self.url.split('?').next().unwrap_or_default();
        let url = super::address::redact_userinfo(path);
        f.debug_struct("SentRequest")
            .field("method", &self.method)
            .field("url", &url)
            .field("headers", &self.headers)
            .field("body", &self.body)
            .finish_non_exhaustive()
    }
}

/// The response as received. In TypeScript it is `HttpResponse`, not to shadow the DOM's
/// `Response`.
#[derive(Debug, Clone, Serialize, TS)]
#[serde(rename_all = "camelCase")]
#[ts(export, rename = "HttpResponse")]
pub struct Response {
    /// Status code.
    pub status: u16,
    /// Reason phrase as the server sent it (HTTP/1), else the standard one for the code.
    pub reason: String,
    /// `HTTP/1.0`, `HTTP/1.1`, `HTTP/2` or `HTTP/3`, as negotiated.
    pub version: String,
    /// URL of this response (the request's, or the last redirect's target), with any password,
    /// API-key value or vault value masked as `***`.
    pub url: String,
    /// IP address and port of the server (or proxy) that answered.
    pub remote_address: Option<String>,
    /// Headers in the order received, duplicates kept.
    pub headers: Vec<Header>,
    /// The cookies set by `Set-Cookie` headers on the way: those of each redirect followed,
    /// in order, then this response's. Each names the response that set it.
    pub cookies: Vec<super::ResponseCookie>,
    /// Body, decoded from its `Content-Encoding`.
    pub body: Payload,
    /// Bytes of body received before decoding.
    #[ts(type = "number")]
    pub raw_size: u64,
    /// How long it took.
    pub timings: Timings,
    /// The certificate the server presented, when the connection was TLS.
    pub certificate: Option<PeerCertificate>,
}

/// Durations of a send, in milliseconds, from a monotonic clock.
///
/// The phases (`dnsMs` to `downloadMs`) are those of the last hop, the one whose response this
/// is; the hops before it (redirects followed) count as `redirectMs`. A phase that did not
/// happen is `null`, not 0, so it is not shown as having taken no time: a hop that reused a
/// pooled connection has no `dnsMs`, `connectMs` or `tlsMs` (and `isConnectionReused`), plain
/// HTTP has no `tlsMs`, and a send without redirects has no `redirectMs`. Where each phase is
/// measured (reqwest reports none of them):
/// - `dnsMs`: the system resolver's lookup; `null` for an IP-literal host, and for a proxy that
///   resolves names itself (`socks5h`).
/// - `connectMs`: from the end of the lookup until the TLS handshake starts (or, for plain
///   HTTP, until the connection is ready): TCP, plus the proxy handshake (`CONNECT`, SOCKS)
///   through a proxy.
/// - `tlsMs`: from the ClientHello being built until the handshake is done.
/// - `sendMs`: from the connection being ready until the request body's last chunk was handed
///   to it (chunks of 64 KiB, taken only as the connection drains). 0 without a body: the
///   head is written in the same step as the connection is handed over.
/// - `waitMs`: from then until the response head was parsed (the first byte is not observable
///   apart from the head; for a small head they coincide).
/// - `downloadMs`: reading and decoding the body.
#[derive(Debug, Clone, Copy, PartialEq, Default, Serialize, TS)]
#[serde(rename_all = "camelCase")]
#[ts(export)]
pub struct Timings {
    /// Name lookup, if there was one.
    pub dns_ms: Option<f64>,
    /// TCP connect (and proxy handshake), if a connection was made.
    pub connect_ms: Option<f64>,
    /// TLS handshake, if there was one.
    pub tls_ms: Option<f64>,
    /// Handing the request body to the connection.
    pub send_ms: f64,
    /// Waiting for the response head.
    pub wait_ms: f64,
    /// Reading the body.
    pub download_ms: f64,
    /// Time spent on the redirects followed before the last hop, if any were.
    pub redirect_ms: Option<f64>,
    /// From the start until the final response's head arrived (includes any redirects).
    pub first_byte_ms: f64,
    /// From the start until the whole body was read and decoded.
    pub total_ms: f64,
    /// The last hop reused a pooled connection.
    pub is_connection_reused: bool,
}

/// A body: all of it, or its first bytes when it was too large.
#[derive(Clone, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
#[ts(export)]
pub struct Payload {
    /// The bytes held: all of them, or the first ones when `isTruncated`.
    pub content: Content,
    /// Size of the whole body in bytes (decoded, for a response).
    #[ts(type = "number")]
    pub size: u64,
    /// `content` holds only the first bytes.
    pub is_truncated: bool,
    /// A response body too large to hold was saved whole to this file. The caller owns it and
    /// deletes it when done.
    pub file: Option<String>,
}

/// Bytes as text when they are UTF-8, else base64. Deserialised when the UI hands a body back
/// (to save it to a file).
#[derive(Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(tag = "encoding", rename_all = "camelCase")]
#[ts(export)]
pub enum Content {
    /// UTF-8 text.
    Text {
        /// The text.
        text: String,
    },
    /// Anything else.
    Base64 {
        /// Standard base64 with padding.
        base64: String,
    },
}

impl Content {
    /// `bytes` as text when they are UTF-8; `is_head` allows a character cut at the end, which
    /// is then dropped.
    pub(crate) fn from_bytes(bytes: &[u8], is_head: bool) -> Content {
        match std::str::from_utf8(bytes) {
            Ok(text) => Content::Text { text: text.into() },
            Err(e) if is_head && e.error_len().is_none() => Content::Text {
                text: String::from_utf8_lossy(&bytes[..e.valid_up_to()]).into_owned(),
            },
            Err(_) => Content::Base64 {
                base64: base64::engine::general_purpose::STANDARD.encode(bytes),
            },
        }
    }

    /// The bytes.
    pub fn to_bytes(&self) -> Vec<u8> {
        match self {
            Content::Text { text } => text.as_bytes().to_vec(),
            // We wrote it: it decodes.
            Content::Base64 { base64 } => base64::engine::general_purpose::STANDARD
                .decode(base64)
                .unwrap_or_default(),
        }
    }

    /// The text, if the bytes are UTF-8.
    pub fn as_text(&self) -> Option<&str> {
        match self {
            Content::Text { text } => Some(text),
            Content::Base64 { .. } => None,
        }
    }
}

impl fmt::Debug for Content {
    // The bytes may hold credentials: show only their size.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Content::Text { text } => write!(f, "Text({} bytes)", text.len()),
            Content::Base64 { base64 } => write!(f, "Base64({} chars)", base64.len()),
        }
    }
}

impl Payload {
    /// A body held in memory, keeping at most `limit` bytes.
    pub(crate) fn from_bytes(bytes: &[u8], limit: usize) -> Payload {
        let is_truncated = bytes.len() > limit;
        let held = &bytes[..bytes.len().min(limit)];
        Payload {
            content: Content::from_bytes(held, is_truncated),
            size: bytes.len() as u64,
            is_truncated,
            file: None,
        }
    }
}

impl fmt::Debug for Payload {
    // A body may hold credentials: show its shape, not its bytes.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let kind = match self.content {
            Content::Text { .. } => "text",
            Content::Base64 { .. } => "binary",
        };
        write!(f, "Payload({} bytes, {kind}", self.size)?;
        if self.is_truncated {
            f.write_str(", truncated")?;
        }
        if let Some(file) = &self.file {
            write!(f, ", file {file}")?;
        }
        f.write_str(")")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn text_heads_drop_a_cut_character_and_binary_becomes_base64() {
        let p = Payload::from_bytes("aé".as_bytes(), 2);
        assert!(p.is_truncated);
        assert_eq!(p.content.as_text(), Some("a"));
        assert_eq!(p.size, 3);
        let bin = Payload::from_bytes(&[0xff, 0x00], 10);
        assert_eq!(
            bin.content,
            Content::Base64 {
                base64: "/wA=".into()
            }
        );
        assert_eq!(bin.content.to_bytes(), [0xff, 0x00]);
        assert_eq!(format!("{bin:?}"), "Payload(2 bytes, binary)");
    }
}
