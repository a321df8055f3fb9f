//! [`Engine`]: sends a [`PreparedRequest`] with reqwest and returns an [`Exchange`].
//!
//! The clients it sends with are built and kept in [`super::client`]; redirects are followed
//! here, one hop at a time, by the rules of [`super::redirect`], and each hop is timed by
//! [`super::timing`]. Cookies go through the jar in
//! scope (see `http/cookies.rs`).

use std::path::PathBuf;
use std::sync::Arc;
use std::time::Instant;

use bytes::Bytes;
use reqwest::header::HeaderMap;
use tokio_util::sync::CancellationToken;

use super::client::Clients;
use super::error::lower_first;
use super::redirect::{self, Hop};
use super::timing::HopProbe;
use super::{
    Exchange, Header, HttpError, PeerCertificate, PreparedRequest, Response, Result, SentRequest,
    Settings, Timings, auth, body, headers, response,
};
use crate::template::SystemEntropy;

/// Where and when the engine keeps response bodies out of memory, and who sees them arrive.
#[derive(Debug, Clone)]
pub struct Options {
    /// A decoded body larger than this (bytes) is saved to a file. Default 8 MiB.
    pub spill_at: u64,
    /// Bytes of a saved body kept in memory as its head. Default 64 KiB.
    pub head_size: usize,
    /// Directory for saved bodies. Default `localpost` in the system temporary directory.
    pub body_dir: PathBuf,
    /// Sees each response body as it arrives, decoded (the CLI prints an event stream live).
    pub watch: Option<Watch>,
}

impl Default for Options {
    fn default() -> Self {
        Options {
            spill_at: 8 * 1024 * 1024,
            head_size: 64 * 1024,
            body_dir: std::env::temp_dir().join("localpost"),
            watch: None,
        }
    }
}

/// What gets each decoded chunk of a watched body.
pub type BodySink = Box<dyn FnMut(&[u8]) + Send>;

/// What is told of a response body as it arrives.
pub trait BodyWatch: Send + Sync {
    /// The body of the response `head` (status, headers; its body still empty) starts: what
    /// gets each decoded chunk of it, or `None` to leave this body alone.
    fn start(&self, head: &Response) -> Option<BodySink>;
}

/// A shared [`BodyWatch`].
#[derive(Clone)]
pub struct Watch(pub std::sync::Arc<dyn BodyWatch>);

impl std::fmt::Debug for Watch {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("Watch(..)")
    }
}

/// Sends requests. Share one per process (it is `Send + Sync`): it pools connections.
#[derive(Debug, Default)]
pub struct Engine {
    clients: Clients,
    options: Options,
}

impl Engine {
    /// An engine with default [`Options`].
    pub fn new() -> Engine {
        Engine::default()
    }

    /// An engine with the given options.
    pub fn with_options(options: Options) -> Engine {
        Engine {
            clients: Clients::default(),
            options,
        }
    }

    /// Sends `request` and reads the whole response.
    ///
    /// Files named by the body are read now. Returns [`HttpError::Cancelled`] as soon as
    /// `cancel` fires (dropping the connection and any partly saved body), and
    /// [`HttpError::Timeout`] when the request's timeout elapses before the body has been read.
    /// Any status code is a success: only a missing response is an error.
    pub async fn send(
        &self,
        request: &PreparedRequest,
        cancel: &CancellationToken,
    ) -> Result<Exchange> {
        if request.is_websocket() {
            return Err(HttpError::WebSocketRequest {
                url: request.websocket_url(),
            });
        }
        if request.is_grpc() {
            return Err(HttpError::GrpcRequest {
                url: request.grpc_url(),
            });
        }
        if request.is_socketio() {
            return Err(HttpError::SocketIoRequest {
                url: request.websocket_url(),
            });
        }
        tokio::select! {
            biased;
            () = cancel.cancelled() => Err(HttpError::Cancelled),
            result = super::auth::send(self, request) => result,
        }
    }

    /// The shared client for `settings` (built on first use).
    pub(super) async fn client(&self, settings: &Settings) -> Result<reqwest::Client> {
        self.clients.get(settings).await
    }

    /// Sends `request` once on the shared client for its settings.
    pub(super) async fn run(&self, request: &PreparedRequest) -> Result<Exchange> {
        let client = self.clients.get(&request.settings).await?;
        self.run_on(&client, request).await
    }

    /// A client of its own for a handshake bound to one connection (NTLM): HTTP/1.1, at most
    /// one pooled connection, never shared with other sends. Dropped, it closes that connection.
    pub(super) async fn single_connection_client(
        &self,
        settings: &Settings,
    ) -> Result<reqwest::Client> {
        Clients::single_connection(settings).await
    }

    /// Sends `request` once on `client` (following redirects by the settings).
    pub(super) async fn run_on(
        &self,
        client: &reqwest::Client,
        request: &PreparedRequest,
    ) -> Result<Exchange> {
        let body = body::encode(&request.body).await?;
        let (signed, body) = auth::sign(request, body, &mut SystemEntropy)?;
        let request = &*signed;
        let sent = SentRequest::new(request, body.as_deref());

        let method = reqwest::Method::from_bytes(request.method.as_bytes()).map_err(|_| {
            HttpError::InvalidMethod {
                method: request.method.clone(),
            }
        })?;
        let mut map = HeaderMap::new();
        for header in &request.headers {
            let (name, value) = headers::to_pair(header)?;
            map.append(name, value);
        }
        let first = Hop {
            method,
            url: request.url.clone(),
            headers: map,
            body: body.map(Bytes::from),
        };

        let exchange = async {
            let start = Instant::now();
            let mut hop = first;
            let mut followed = 0;
            // Cookies the redirects followed set (the jar has them too), for the final response.
            let mut hop_cookies = Vec::new();
            loop {
                let hop_start = Instant::now();
                let probe = Arc::new(HopProbe::default());
                let received = probe
                    .scope(client.execute(hop.to_request(&probe)))
                    .await
                    .map_err(|e| classify(e, request))?;
                let head_at = Instant::now();
                let location = received.headers().get(reqwest::header::LOCATION);
                let rules = redirect::Rules {
                    first: &request.url,
                    settings: &request.settings,
                    same_origin_only: request.carries_vault_values(),
                };
                if let Some(next) = redirect::next(&hop, received.status(), location, &rules) {
                    if followed >= request.settings.max_redirects {
                        return Err(HttpError::TooManyRedirects {
                            url: request.redacted_url(),
                            max: request.settings.max_redirects,
                        });
                    }
                    followed += 1;
                    hop_cookies.extend(super::cookies::set_by(
                        &headers_of(&received),
                        &request.redact_url(received.url()),
                        received.status().as_u16(),
                    ));
                    discard(received).await;
                    hop = next;
                    continue;
                }
                let mut head = head_of(&received, request);
                hop_cookies.append(&mut head.cookies);
                head.cookies = hop_cookies;
                if head.certificate.is_none() {
                    head.certificate = probe
                        .peer_certificate()
                        .and_then(|der| PeerCertificate::from_der(&der));
                }
                let (payload, raw_size) =
                    response::read(received, &head, &self.options, |e| classify(e, request))
                        .await?;
                let end = Instant::now();
                let phases = probe.phases(hop_start, head_at, end);
                let ms = |from: Instant, to: Instant| {
                    to.saturating_duration_since(from).as_secs_f64() * 1000.0
                };
                let to_ms = |d: std::time::Duration| d.as_secs_f64() * 1000.0;
                let timings = Timings {
                    dns_ms: phases.dns.map(to_ms),
                    connect_ms: phases.connect.map(to_ms),
                    tls_ms: phases.tls.map(to_ms),
                    send_ms: to_ms(phases.send),
                    wait_ms: to_ms(phases.wait),
                    download_ms: to_ms(phases.download),
                    redirect_ms: (followed > 0).then(|| ms(start, hop_start)),
                    first_byte_ms: ms(start, head_at),
                    total_ms: ms(start, end),
                    is_connection_reused: phases.is_reused,
                };
                return Ok(Exchange {
                    request: sent,
                    response: Response {
                        body: payload,
                        raw_size,
                        timings,
                        ..head
                    },
                });
            }
        };
        match request.settings.timeout {
            None => exchange.await,
            Some(after) => {
                tokio::time::timeout(after, exchange)
                    .await
                    .map_err(|_| HttpError::Timeout {
                        origin: origin(request),
                        after,
                    })?
            }
        }
    }
}

/// Status line, address and headers of a response; the body is read separately. The final URL
/// is masked as the request's is (`request` may have put a key or password in it).
fn head_of(r: &reqwest::Response, request: &PreparedRequest) -> Response {
    let reason = r
        .extensions()
        .get::<hyper::ext::ReasonPhrase>()
        .map(|p| String::from_utf8_lossy(p.as_bytes()).into_owned())
        .unwrap_or_else(|| r.status().canonical_reason().unwrap_or_default().into());
    let version = match r.version() {
        reqwest::Version::HTTP_09 => "HTTP/0.9".to_string(),
        reqwest::Version::HTTP_10 => "HTTP/1.0".into(),
        reqwest::Version::HTTP_11 => "HTTP/1.1".into(),
        reqwest::Version::HTTP_2 => "HTTP/2".into(),
        reqwest::Version::HTTP_3 => "HTTP/3".into(),
        other => format!("{other:?}"),
    };
    let headers = headers_of(r);
    let url = request.redact_url(r.url());
    Response {
        cookies: super::cookies::set_by(&headers, &url, r.status().as_u16()),
        status: r.status().as_u16(),
        reason,
        version,
        url,
        remote_address: r.remote_addr().map(|a| a.to_string()),
        headers,
        body: super::Payload::from_bytes(&[], 0),
        raw_size: 0,
        timings: Timings::default(),
        certificate: r
            .extensions()
            .get::<reqwest::tls::TlsInfo>()
            .and_then(|info| info.peer_certificate())
            .and_then(PeerCertificate::from_der),
    }
}

/// A response's headers in the order received, duplicates kept.
pub(super) fn headers_of(r: &reqwest::Response) -> Vec<Header> {
    r.headers()
        .iter()
        .map(|(name, value)| Header::new(name.as_str(), String::from_utf8_lossy(value.as_bytes())))
        .collect()
}

/// Reads and drops the body of a redirect response (at most 1 MiB of it), so that its
/// connection can serve the next hop.
async fn discard(mut received: reqwest::Response) {
    let mut left = 1024 * 1024_usize;
    while let Ok(Some(chunk)) = received.chunk().await {
        left = left.saturating_sub(chunk.len());
        if left == 0 {
            break;
        }
    }
}

/// Scheme, host and port: what transport errors name (never the path or query).
fn origin(request: &PreparedRequest) -> String {
    request.url.origin().ascii_serialization()
}

/// The next error in a chain, looking inside `io::Error`s (whose `source` skips the error they
/// wrap).
fn next_cause<'a>(
    e: &'a (dyn std::error::Error + 'static),
) -> Option<&'a (dyn std::error::Error + 'static)> {
    if let Some(io) = e.downcast_ref::<std::io::Error>()
        && let Some(inner) = io.get_ref()
    {
        return Some(inner);
    }
    e.source()
}

pub(crate) fn innermost(e: &(dyn std::error::Error + 'static)) -> String {
    let mut current = e;
    while let Some(next) = next_cause(current) {
        current = next;
    }
    current.to_string()
}

/// Maps a reqwest failure to what the user needs to know.
pub(super) fn classify(e: reqwest::Error, request: &PreparedRequest) -> HttpError {
    let mut cause: Option<&(dyn std::error::Error + 'static)> = Some(&e);
    while let Some(current) = cause {
        if let Some(io) = current.downcast_ref::<std::io::Error>()
            && io.kind() == std::io::ErrorKind::ConnectionRefused
        {
            return HttpError::ConnectionRefused {
                origin: origin(request),
            };
        }
        if let Some(tls) = current.downcast_ref::<rustls::Error>() {
            let hint = match tls {
                rustls::Error::AlertReceived(rustls::AlertDescription::CertificateRequired) => {
                    " (the server wants a client certificate: add one for this host in the \
                     request's or collection's settings)"
                }
                _ => "",
            };
            return HttpError::Tls {
                origin: origin(request),
                reason: format!("{tls}{hint}"),
            };
        }
        if current.to_string() == "dns error" {
            return HttpError::Dns {
                host: request.url.host_str().unwrap_or_default().to_string(),
                reason: lower_first(&innermost(current)),
            };
        }
        cause = next_cause(current);
    }
    HttpError::Transport {
        origin: origin(request),
        reason: lower_first(&innermost(&e)),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn is_send<T: Send>(_: &T) {}

    #[test]
    fn send_futures_can_move_between_threads() {
        // The desktop shell awaits them in async Tauri commands, which must be Send.
        let engine = Engine::new();
        let request = crate::http::prepare(
            &crate::model::Request::unsaved("GET", "http://127.0.0.1:9/"),
            &crate::template::Variables::new(),
            &crate::http::Inheritance::new(),
        )
        .expect("prepares");
        let cancel = CancellationToken::new();
        let future = engine.send(&request, &cancel);
        is_send(&future);
        is_send(&engine);
    }
}
