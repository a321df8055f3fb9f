//! [`Engine`]: sends a [`PreparedRequest`] with reqwest and returns an [`Exchange`].
//!
//! Clients are built once per combination of transport settings (redirect policy, TLS
//! verification, HTTP version) and kept, so connections are pooled across sends. TLS is rustls
//! with the `ring` provider and the platform's certificate verifier. A proxy from
//! `HTTP_PROXY`/`HTTPS_PROXY`/`ALL_PROXY` (and `NO_PROXY`) is used, reqwest's default, as are the
//! macOS and Windows system proxy settings. Cookies go through the jar in scope (see
//! `http/cookies.rs`).

use std::collections::HashMap;
use std::path::PathBuf;
use std::sync::Mutex;
use std::time::Instant;

use reqwest::header::HeaderMap;
use reqwest::redirect::Policy;
use tokio_util::sync::CancellationToken;

use super::error::lower_first;
use super::{
    Exchange, Header, HttpError, HttpVersion, PreparedRequest, Response, Result, SentRequest,
    Settings, Timings, auth, body, headers, response,
};
use crate::template::SystemEntropy;

/// Where and when the engine keeps response bodies out of memory.
#[derive(Debug, Clone)]
pub struct Options {
    /// A decoded body larger than this (bytes) is saved to a file. Default 8 MiB.
    pub spill_at: u64,
    /// Bytes of a saved body kept in memory as its head. Default 64 KiB.
    pub head_size: usize,
    /// Directory for saved bodies. Default `localpost` in the system temporary directory.
    pub body_dir: PathBuf,
}

impl Default for Options {
    fn default() -> Self {
        Options {
            spill_at: 8 * 1024 * 1024,
            head_size: 64 * 1024,
            body_dir: std::env::temp_dir().join("localpost"),
        }
    }
}

/// The settings that need a client of their own.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
struct ClientKey {
    redirects: Option<u32>,
    /// Redirects are followed within the first URL's origin only: set when the request carries
    /// vault values, which are limited to domains that a redirect could leave.
    same_origin_redirects: bool,
    verify_tls: bool,
    http_version: HttpVersion,
}

/// Sends requests. Share one per process (it is `Send + Sync`): it pools connections.
#[derive(Debug, Default)]
pub struct Engine {
    clients: Mutex<HashMap<ClientKey, reqwest::Client>>,
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
            clients: Mutex::default(),
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
        tokio::select! {
            biased;
            () = cancel.cancelled() => Err(HttpError::Cancelled),
            result = super::auth::send(self, request) => result,
        }
    }

    /// Sends `request` once on the shared client for its settings.
    pub(super) async fn run(&self, request: &PreparedRequest) -> Result<Exchange> {
        let client = self.client(&request.settings, request.carries_vault_values())?;
        self.run_on(&client, request).await
    }

    /// Sends `request` once on `client`.
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
        let mut outgoing = reqwest::Request::new(method, request.url.clone());
        let mut map = HeaderMap::new();
        for header in &request.headers {
            let (name, value) = headers::to_pair(header)?;
            map.append(name, value);
        }
        *outgoing.headers_mut() = map;
        if let Some(body) = body {
            *outgoing.body_mut() = Some(body.into());
        }

        let exchange = async {
            let start = Instant::now();
            let received = client
                .execute(outgoing)
                .await
                .map_err(|e| classify(e, request))?;
            let first_byte = start.elapsed();
            let head = head_of(&received, request);
            let (payload, raw_size) =
                response::read(received, &self.options, |e| classify(e, request)).await?;
            let total = start.elapsed();
            Ok(Exchange {
                request: sent,
                response: Response {
                    body: payload,
                    raw_size,
                    timings: Timings {
                        first_byte_ms: first_byte.as_secs_f64() * 1000.0,
                        total_ms: total.as_secs_f64() * 1000.0,
                    },
                    ..head
                },
            })
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

    /// The client for `settings`, built on first use.
    fn client(&self, settings: &Settings, same_origin_redirects: bool) -> Result<reqwest::Client> {
        self.client_for(settings, same_origin_redirects, false)
    }

    /// A client of its own for a handshake bound to one connection (NTLM): HTTP/1.1, at most
    /// one pooled connection, never shared with other sends. Dropped, it closes that connection.
    pub(super) fn single_connection_client(
        &self,
        settings: &Settings,
        same_origin_redirects: bool,
    ) -> Result<reqwest::Client> {
        self.client_for(settings, same_origin_redirects, true)
    }

    fn client_for(
        &self,
        settings: &Settings,
        same_origin_redirects: bool,
        single_connection: bool,
    ) -> Result<reqwest::Client> {
        let key = ClientKey {
            redirects: settings.follow_redirects.then_some(settings.max_redirects),
            same_origin_redirects,
            verify_tls: settings.verify_tls,
            http_version: settings.http_version,
        };
        // A panic elsewhere cannot leave the map half-updated: recover it.
        let mut clients = self.clients.lock().unwrap_or_else(|e| e.into_inner());
        if let Some(client) = clients.get(&key).filter(|_| !single_connection) {
            return Ok(client.clone());
        }
        // Either ours or one the embedding app installed first: both are fine.
        let _ = rustls::crypto::ring::default_provider().install_default();
        let mut builder = reqwest::Client::builder()
            .redirect(match key.redirects {
                Some(max) if key.same_origin_redirects => same_origin_policy(max as usize),
                Some(max) => Policy::limited(max as usize),
                None => Policy::none(),
            })
            .tls_danger_accept_invalid_certs(!key.verify_tls)
            .cookie_provider(std::sync::Arc::new(super::cookies::Provider));
        builder = match key.http_version {
            HttpVersion::Auto => builder,
            HttpVersion::Http1 => builder.http1_only(),
            HttpVersion::Http2 => builder.http2_prior_knowledge(),
        };
        if single_connection {
            builder = builder.http1_only().pool_max_idle_per_host(1);
        }
        let client = builder.build().map_err(|e| HttpError::Client {
            reason: lower_first(&innermost(&e)),
        })?;
        if !single_connection {
            clients.insert(key, client.clone());
        }
        Ok(client)
    }
}

/// Follows at most `max` redirects, and none that leaves the first URL's origin (scheme, host
/// and port): that 3xx response is returned as it is, so a header, query or body holding a
/// domain-limited vault value is never re-sent elsewhere. reqwest itself drops only
/// `Authorization`-type headers on a cross-host redirect, and would re-send a 307/308 body.
fn same_origin_policy(max: usize) -> Policy {
    Policy::custom(move |attempt| {
        let leaves_origin = attempt
            .previous()
            .first()
            .is_some_and(|first| first.origin() != attempt.url().origin());
        if leaves_origin {
            attempt.stop()
        } else if attempt.previous().len() > max {
            attempt.error("too many redirects")
        } else {
            attempt.follow()
        }
    })
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
    let headers: Vec<Header> = r
        .headers()
        .iter()
        .map(|(name, value)| Header::new(name.as_str(), String::from_utf8_lossy(value.as_bytes())))
        .collect();
    Response {
        cookies: super::cookies::set_by(&headers),
        status: r.status().as_u16(),
        reason,
        version,
        url: request.redact_url(r.url()),
        remote_address: r.remote_addr().map(|a| a.to_string()),
        headers,
        body: super::Payload::from_bytes(&[], 0),
        raw_size: 0,
        timings: Timings {
            first_byte_ms: 0.0,
            total_ms: 0.0,
        },
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

fn innermost(e: &(dyn std::error::Error + 'static)) -> String {
    let mut current = e;
    while let Some(next) = next_cause(current) {
        current = next;
    }
    current.to_string()
}

/// Maps a reqwest failure to what the user needs to know.
fn classify(e: reqwest::Error, request: &PreparedRequest) -> HttpError {
    if e.is_redirect() {
        return HttpError::TooManyRedirects {
            url: request.redacted_url(),
            max: request.settings.max_redirects,
        };
    }
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
            return HttpError::Tls {
                origin: origin(request),
                reason: tls.to_string(),
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
