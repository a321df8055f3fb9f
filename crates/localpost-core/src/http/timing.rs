//! Per-phase timings of one hop (one request and its response), measured where each phase
//! happens, since reqwest reports none of them.
//!
//! - The engine runs `Client::execute` inside a [`HopProbe`] scope (a task-local).
//! - [`TimingLayer`], a layer over reqwest's connector, sees every new connection: it stamps its
//!   start and end and runs the connect inside a [`ConnectionProbe`] scope.
//! - [`TimedResolver`] (reqwest's DNS hook) stamps the name lookup; IP-literal hosts skip it.
//! - The rustls session store (see [`super::tls`]) is asked for a ticket when the ClientHello
//!   is built, right after the TCP connection (or proxy tunnel) is up: [`mark_tls_start`].
//! - A request body is handed to the connection by [`TimedBody`], which stamps its last chunk.
//!
//! A hop that reuses a pooled connection has no connection probe: DNS, connect and TLS are
//! `None`, as are DNS without a lookup and TLS without a handshake (phases that did not happen).
//! What is not observable through reqwest is documented on [`super::Timings`].

use std::future::Future;
use std::pin::Pin;
use std::sync::{Arc, Mutex, MutexGuard};
use std::task::{Context, Poll};
use std::time::{Duration, Instant};

use bytes::Bytes;
use rustls::pki_types::ServerName;

tokio::task_local! {
    /// The hop being sent; set by the engine around `Client::execute`.
    static HOP: Arc<HopProbe>;
    /// The connection being made; set by [`TimingService`] around the connect.
    static CONNECTION: Arc<ConnectionProbe>;
}

fn lock<T>(m: &Mutex<T>) -> MutexGuard<'_, T> {
    // Marks are plain values: a panic elsewhere cannot leave them inconsistent.
    m.lock().unwrap_or_else(|e| e.into_inner())
}

/// What happened during one hop: the connections it opened and when its body was handed over.
#[derive(Debug, Default)]
pub(crate) struct HopProbe {
    connections: Mutex<Vec<Arc<ConnectionProbe>>>,
    body_sent: Mutex<Option<Instant>>,
}

/// Instants of one connection's phases.
#[derive(Debug, Default, Clone)]
struct Marks {
    start: Option<Instant>,
    dns_start: Option<Instant>,
    dns_end: Option<Instant>,
    tls_start: Option<Instant>,
    end: Option<Instant>,
    /// The TLS server name, once the handshake starts (for choosing a client certificate).
    server_name: Option<String>,
    /// The server's leaf certificate (DER), once received.
    peer_certificate: Option<Vec<u8>>,
}

/// One connection being made.
#[derive(Debug, Default)]
pub(crate) struct ConnectionProbe(Mutex<Marks>);

impl ConnectionProbe {
    fn mark(&self, f: impl FnOnce(&mut Marks)) {
        f(&mut lock(&self.0));
    }
}

/// Durations of a hop's phases; `None` for one that did not happen.
#[derive(Debug, Clone, Copy, Default, PartialEq)]
pub(crate) struct Phases {
    pub dns: Option<Duration>,
    pub connect: Option<Duration>,
    pub tls: Option<Duration>,
    pub send: Duration,
    pub wait: Duration,
    pub download: Duration,
    pub is_reused: bool,
}

impl HopProbe {
    /// Runs `f` (the `execute` future) with this probe in scope.
    pub(crate) async fn scope<F: Future>(self: &Arc<Self>, f: F) -> F::Output {
        HOP.scope(Arc::clone(self), f).await
    }

    /// The phases of a hop that started at `start`, whose response head arrived at `head` and
    /// whose body was read by `end`.
    pub(crate) fn phases(&self, start: Instant, head: Instant, end: Instant) -> Phases {
        let connection = lock(&self.connections)
            .iter()
            .rev()
            .map(|c| lock(&c.0).clone())
            .find(|m| m.end.is_some_and(|e| e <= head));
        let mut out = Phases {
            is_reused: connection.is_none(),
            ..Phases::default()
        };
        let ready = match connection {
            Some(m) => {
                let began = m.start.unwrap_or(start);
                let end = m.end.unwrap_or(began);
                let dns_end = match (m.dns_start, m.dns_end) {
                    (Some(s), Some(e)) => {
                        out.dns = Some(e.saturating_duration_since(s));
                        e
                    }
                    _ => began,
                };
                let tcp_end = m.tls_start.unwrap_or(end);
                out.connect = Some(tcp_end.saturating_duration_since(dns_end));
                out.tls = m.tls_start.map(|t| end.saturating_duration_since(t));
                end
            }
            None => start,
        };
        let sent = lock(&self.body_sent).map_or(ready, |t| t.max(ready));
        out.send = sent.saturating_duration_since(ready);
        out.wait = head.saturating_duration_since(sent);
        out.download = end.saturating_duration_since(head);
        out
    }
}

impl HopProbe {
    /// The server certificate (DER) seen by the connection this hop opened, if it opened one
    /// over TLS. reqwest reports it itself except through a proxy tunnel.
    pub(crate) fn peer_certificate(&self) -> Option<Vec<u8>> {
        lock(&self.connections)
            .iter()
            .rev()
            .find_map(|c| lock(&c.0).peer_certificate.clone())
    }
}

/// Records the server certificate of the connection in scope.
pub(crate) fn record_peer_certificate(der: &[u8]) {
    let _ = CONNECTION.try_with(|c| c.mark(|m| m.peer_certificate = Some(der.to_vec())));
}

/// Records that the TLS handshake of the connection in scope starts now, for `name`. Only the
/// first call per connection counts.
pub(crate) fn mark_tls_start(name: &ServerName<'_>) {
    let _ = CONNECTION.try_with(|c| {
        c.mark(|m| {
            if m.tls_start.is_none() {
                m.tls_start = Some(Instant::now());
                m.server_name = Some(match name {
                    ServerName::DnsName(d) => d.as_ref().to_string(),
                    ServerName::IpAddress(ip) => std::net::IpAddr::from(*ip).to_string(),
                    other => format!("{other:?}"),
                });
            }
        })
    });
}

/// The TLS server name of the connection being made, if its handshake has started.
pub(crate) fn server_name() -> Option<String> {
    CONNECTION
        .try_with(|c| lock(&c.0).server_name.clone())
        .ok()
        .flatten()
}

/// A layer over reqwest's connector that probes each new connection.
#[derive(Debug, Clone, Copy, Default)]
pub(crate) struct TimingLayer;

impl<S> tower_layer::Layer<S> for TimingLayer {
    type Service = TimingService<S>;

    fn layer(&self, inner: S) -> TimingService<S> {
        TimingService(inner)
    }
}

/// The connector wrapped by [`TimingLayer`].
#[derive(Debug, Clone)]
pub(crate) struct TimingService<S>(S);

type Boxed<T, E> = Pin<Box<dyn Future<Output = Result<T, E>> + Send>>;

impl<S, R> tower_service::Service<R> for TimingService<S>
where
    S: tower_service::Service<R>,
    S::Future: Send + 'static,
    S::Response: Send + 'static,
    S::Error: Send + 'static,
{
    type Response = S::Response;
    type Error = S::Error;
    type Future = Boxed<S::Response, S::Error>;

    fn poll_ready(&mut self, cx: &mut Context<'_>) -> Poll<Result<(), S::Error>> {
        self.0.poll_ready(cx)
    }

    fn call(&mut self, destination: R) -> Self::Future {
        let probe = Arc::new(ConnectionProbe::default());
        probe.mark(|m| m.start = Some(Instant::now()));
        let _ = HOP.try_with(|hop| lock(&hop.connections).push(Arc::clone(&probe)));
        let connecting = CONNECTION.sync_scope(Arc::clone(&probe), || self.0.call(destination));
        let scoped = Arc::clone(&probe);
        Box::pin(CONNECTION.scope(scoped, async move {
            let out = connecting.await;
            if out.is_ok() {
                probe.mark(|m| m.end = Some(Instant::now()));
            }
            out
        }))
    }
}

/// The system resolver (`getaddrinfo` on a blocking thread, as reqwest's default), timed.
#[derive(Debug, Clone, Copy, Default)]
pub(crate) struct TimedResolver;

impl reqwest::dns::Resolve for TimedResolver {
    fn resolve(&self, name: reqwest::dns::Name) -> reqwest::dns::Resolving {
        let probe = CONNECTION.try_with(Arc::clone).ok();
        if let Some(p) = &probe {
            p.mark(|m| m.dns_start = Some(Instant::now()));
        }
        let host = name.as_str().to_string();
        Box::pin(async move {
            let found = tokio::net::lookup_host((host.as_str(), 0)).await;
            if let Some(p) = &probe {
                p.mark(|m| m.dns_end = Some(Instant::now()));
            }
            let addrs: Vec<_> = found?.collect();
            Ok(Box::new(addrs.into_iter()) as reqwest::dns::Addrs)
        })
    }
}

/// Size of the chunks a request body is handed over in: small enough that the last one is
/// taken only when the rest has been written.
const CHUNK: usize = 64 * 1024;

/// A request body that stamps [`HopProbe`] when its last chunk is handed to the connection.
#[derive(Debug)]
pub(crate) struct TimedBody {
    rest: Bytes,
    probe: Arc<HopProbe>,
}

impl TimedBody {
    /// `bytes`, reporting to `probe`.
    pub(crate) fn new(bytes: Bytes, probe: &Arc<HopProbe>) -> TimedBody {
        TimedBody {
            rest: bytes,
            probe: Arc::clone(probe),
        }
    }
}

impl http_body::Body for TimedBody {
    type Data = Bytes;
    type Error = std::convert::Infallible;

    fn poll_frame(
        mut self: Pin<&mut Self>,
        _: &mut Context<'_>,
    ) -> Poll<Option<Result<http_body::Frame<Bytes>, Self::Error>>> {
        if self.rest.is_empty() {
            return Poll::Ready(None);
        }
        let take = self.rest.len().min(CHUNK);
        let chunk = self.rest.split_to(take);
        if self.rest.is_empty() {
            *lock(&self.probe.body_sent) = Some(Instant::now());
        }
        Poll::Ready(Some(Ok(http_body::Frame::data(chunk))))
    }

    fn is_end_stream(&self) -> bool {
        self.rest.is_empty()
    }

    fn size_hint(&self) -> http_body::SizeHint {
        http_body::SizeHint::with_exact(self.rest.len() as u64)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_new_connection_splits_into_dns_connect_and_tls() {
        let t0 = Instant::now();
        let at = |ms: u64| t0 + Duration::from_millis(ms);
        let hop = HopProbe::default();
        let c = Arc::new(ConnectionProbe::default());
        c.mark(|m| {
            m.start = Some(at(1));
            m.dns_start = Some(at(1));
            m.dns_end = Some(at(4));
            m.tls_start = Some(at(10));
            m.end = Some(at(30));
        });
        lock(&hop.connections).push(c);
        let p = hop.phases(t0, at(130), at(150));
        assert_eq!(
            (p.dns, p.connect, p.tls, p.send, p.wait, p.download),
            (
                Some(Duration::from_millis(3)),
                Some(Duration::from_millis(6)),
                Some(Duration::from_millis(20)),
                Duration::ZERO,
                Duration::from_millis(100),
                Duration::from_millis(20)
            )
        );
        assert!(!p.is_reused);
    }

    #[test]
    fn plain_http_to_an_ip_literal_has_no_lookup_and_no_handshake() {
        // Issue 12: these phases did not happen, so they are absent rather than 0 ms.
        let t0 = Instant::now();
        let hop = HopProbe::default();
        let c = Arc::new(ConnectionProbe::default());
        c.mark(|m| {
            m.start = Some(t0);
            m.end = Some(t0 + Duration::from_millis(2));
        });
        lock(&hop.connections).push(c);
        let p = hop.phases(
            t0,
            t0 + Duration::from_millis(5),
            t0 + Duration::from_millis(6),
        );
        assert_eq!(p.connect, Some(Duration::from_millis(2)));
        assert_eq!((p.dns, p.tls), (None, None));
    }

    #[test]
    fn a_pooled_connection_has_no_connect_phases() {
        let t0 = Instant::now();
        let hop = HopProbe::default();
        *lock(&hop.body_sent) = Some(t0 + Duration::from_millis(2));
        let p = hop.phases(
            t0,
            t0 + Duration::from_millis(12),
            t0 + Duration::from_millis(13),
        );
        assert!(p.is_reused);
        assert_eq!((p.dns, p.connect, p.tls), (None, None, None));
        assert_eq!(p.send, Duration::from_millis(2));
        assert_eq!(p.wait, Duration::from_millis(10));
    }
}
