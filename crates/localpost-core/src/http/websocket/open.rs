//! The opening handshake: an HTTP/1.1 upgrade sent on the engine's client for the request's
//! settings, checked (101, `Sec-WebSocket-Accept`) and turned into a frame stream.

use std::sync::Arc;
use std::time::Instant;

use reqwest::header::{self, HeaderMap, HeaderValue};
use tokio_tungstenite::WebSocketStream;
use tokio_tungstenite::tungstenite::handshake::client::generate_key;
use tokio_tungstenite::tungstenite::handshake::derive_accept_key;
use tokio_tungstenite::tungstenite::protocol::Role;

use super::super::auth::{self, Challenge};
use super::super::send::{classify, headers_of};
use super::super::timing::HopProbe;
use super::super::{
    Engine, Header, HttpError, HttpVersion, PreparedRequest, SentRequest, Settings,
};
use super::{Handshake, Result, WebSocketError};
use crate::template::SystemEntropy;

/// An open socket.
pub(in crate::http) type Socket = WebSocketStream<reqwest::Upgraded>;

/// The handshake headers the client adds, in the order they are listed in the sent request.
const UPGRADE_HEADERS: [(&str, &str); 3] = [
    ("Connection", "Upgrade"),
    ("Upgrade", "websocket"),
    ("Sec-WebSocket-Version", "13"),
];

/// Opens the socket of `request` (a WebSocket request: its URL is the handshake's `http(s)`).
/// `started` is when the send began, for [`Handshake::ms`]. Digest and NTLM answer the
/// server's challenge with a second handshake (NTLM's on the same connection), as an HTTP send
/// does.
pub(in crate::http) async fn open(
    engine: &Engine,
    request: &PreparedRequest,
    started: Instant,
) -> Result<(Socket, Handshake)> {
    // Signing schemes sign the GET (no body) as they would sign an HTTP one.
    let (signed, _) = auth::sign(request, None, &mut SystemEntropy)?;
    let request = &*signed;
    // An upgrade is HTTP/1.1: over HTTP/2 it would need extended CONNECT, which servers rarely
    // offer. The settings otherwise stay the request's, so it gets their client.
    let settings = Settings {
        http_version: HttpVersion::Http1,
        ..request.settings.clone()
    };
    let attempt = match &request.challenge {
        None => handshake(&engine.client(&settings).await?, request, started).await?,
        Some(challenge) => {
            let client = match challenge {
                Challenge::Ntlm(_) => engine.single_connection_client(&settings).await?,
                Challenge::Digest(_) => engine.client(&settings).await?,
            };
            auth::answer_with(challenge, request, &Handshaker { client, started }).await?
        }
    };
    match attempt {
        Attempt::Opened(opened) => Ok(*opened),
        Attempt::Refused {
            url,
            status,
            reason,
            ..
        } => Err(WebSocketError::Refused {
            url,
            status,
            reason,
        }),
    }
}

/// One handshake: the socket, or the server's refusal (its body read, so that the connection
/// can carry the next try).
enum Attempt {
    Opened(Box<(Socket, Handshake)>),
    Refused {
        url: String,
        status: u16,
        reason: String,
        headers: Vec<Header>,
    },
}

impl auth::Answered for Attempt {
    fn status(&self) -> u16 {
        match self {
            Attempt::Opened(opened) => opened.1.status,
            Attempt::Refused { status, .. } => *status,
        }
    }

    fn headers(&self) -> &[Header] {
        match self {
            Attempt::Opened(opened) => &opened.1.headers,
            Attempt::Refused { headers, .. } => headers,
        }
    }
}

/// Handshakes on one client, for [`auth::answer_with`].
struct Handshaker {
    client: reqwest::Client,
    started: Instant,
}

impl auth::Attempt for Handshaker {
    type Answer = Attempt;
    type Error = WebSocketError;

    async fn attempt(&self, request: &PreparedRequest) -> Result<Attempt> {
        handshake(&self.client, request, self.started).await
    }
}

/// Sends the upgrade `GET` of `request` on `client` and reads the answer.
async fn handshake(
    client: &reqwest::Client,
    request: &PreparedRequest,
    started: Instant,
) -> Result<Attempt> {
    let key = generate_key();
    let mut map = HeaderMap::new();
    for h in &request.headers {
        let (name, value) = super::super::headers::to_pair(h)?;
        map.append(name, value);
    }
    for (name, value) in UPGRADE_HEADERS {
        map.insert(name, HeaderValue::from_static(value));
    }
    let key_value = HeaderValue::from_str(&key).map_err(|_| HttpError::InvalidHeaderValue {
        name: "Sec-WebSocket-Key".into(),
        reason: "not a header value",
    })?;
    map.insert(header::SEC_WEBSOCKET_KEY, key_value);

    let mut sent = SentRequest::new(request, None);
    sent.url = request.websocket_url();
    for (name, value) in UPGRADE_HEADERS {
        sent.headers.push(Header::new(name, value));
    }
    sent.headers
        .push(Header::new("Sec-WebSocket-Key", key.clone()));

    let get = client
        .get(request.url.clone())
        .headers(map)
        .build()
        .map_err(|e| classify(e, request))?;
    let probe = Arc::new(HopProbe::default());
    let execute = probe.scope(client.execute(get));
    let response = match request.settings.timeout {
        Some(after) => {
            tokio::time::timeout(after, execute)
                .await
                .map_err(|_| HttpError::Timeout {
                    origin: request.url.origin().ascii_serialization(),
                    after,
                })?
        }
        None => execute.await,
    }
    .map_err(|e| classify(e, request))?;

    let status = response.status();
    let reason = status.canonical_reason().unwrap_or_default().to_string();
    if status != reqwest::StatusCode::SWITCHING_PROTOCOLS {
        let headers = headers_of(&response);
        // Read to its end, the connection can carry another handshake (NTLM's second).
        let _ = response.bytes().await;
        return Ok(Attempt::Refused {
            url: sent.url,
            status: status.as_u16(),
            reason,
            headers,
        });
    }
    let expected = derive_accept_key(key.as_bytes());
    let accept = response.headers().get(header::SEC_WEBSOCKET_ACCEPT);
    if accept.is_none_or(|a| a.as_bytes() != expected.as_bytes()) {
        return Err(WebSocketError::BadAccept { url: sent.url });
    }
    let headers = headers_of(&response);
    let upgraded = response.upgrade().await.map_err(|e| classify(e, request))?;
    let socket = WebSocketStream::from_raw_socket(upgraded, Role::Client, None).await;
    let handshake = Handshake {
        request: sent,
        status: status.as_u16(),
        reason,
        headers,
        ms: started.elapsed().as_secs_f64() * 1000.0,
    };
    Ok(Attempt::Opened(Box::new((socket, handshake))))
}
