//! The one HTTP/2 exchange every gRPC call and reflection query is: the framed request
//! messages out on the engine's client for the request's settings (forced to HTTP/2), then the
//! response messages, status and trailers in.

use bytes::Bytes;
use http_body::Body as _;
use reqwest::header::{HeaderMap, HeaderValue};
use tokio_util::sync::CancellationToken;

use super::super::send::classify;
use super::super::{Engine, Header, HttpVersion, PreparedRequest, SentRequest, Settings};
use super::wire::{self, Deframer};
use super::{GrpcError, Result, Status};

/// Metadata names the client sets itself; the user's are not sent twice.
const RESERVED: [&str; 8] = [
    "content-type",
    "te",
    "grpc-timeout",
    "content-length",
    "host",
    "connection",
    "accept-encoding",
    "grpc-accept-encoding",
];

/// Hears the response metadata of an exchange.
pub(super) type Opened<'a> = &'a (dyn Fn(&[Header]) + Sync);

/// One exchange: where it goes and the framed messages it sends.
pub(super) struct Outbound<'a> {
    /// The gRPC request (URL `http(s)://host:port`, metadata, settings).
    pub(super) request: &'a PreparedRequest,
    /// `/package.Service/Method`.
    pub(super) path: String,
    /// The framed request messages: all of them, or a stream that ends when the caller
    /// ends it (an interactive call).
    pub(super) body: reqwest::Body,
    /// Ends the exchange with `CANCELLED`.
    pub(super) cancel: &'a CancellationToken,
    /// Hears the response metadata (the HTTP/2 response headers) as soon as they arrive.
    pub(super) opened: Option<Opened<'a>>,
}

/// What an exchange came to (its messages went to the caller as they arrived).
pub(super) struct Inbound {
    pub(super) headers: Vec<Header>,
    pub(super) status: Status,
    pub(super) trailers: Vec<Header>,
}

impl Inbound {
    fn client(code: u32, message: impl Into<String>) -> Inbound {
        Inbound {
            headers: Vec::new(),
            status: Status::new(code, message),
            trailers: Vec::new(),
        }
    }
}

/// The request as it goes: the user's metadata and the client's own headers.
pub(super) fn sent_request(request: &PreparedRequest, path: &str) -> SentRequest {
    let mut sent = SentRequest::new(request, None);
    sent.headers
        .retain(|h| !RESERVED.iter().any(|r| h.is_named(r)));
    for (name, value) in own_headers(request) {
        sent.headers.push(Header::new(name, value));
    }
    sent.method = "POST".into();
    sent.url = format!("{}{}", request.grpc_url(), path);
    sent
}

fn own_headers(request: &PreparedRequest) -> Vec<(&'static str, String)> {
    let mut out = vec![
        ("content-type", "application/grpc".to_string()),
        ("te", "trailers".to_string()),
    ];
    if let Some(after) = request.settings.timeout {
        out.push(("grpc-timeout", wire::timeout_header(after)));
    }
    out
}

/// Sends `out` and reads the answer, handing each message to `on_message`. A deadline that
/// passes or a cancel ends it with `DEADLINE_EXCEEDED` or `CANCELLED`; only a request that
/// never reached a server (or an answer that is not gRPC) is an error.
pub(super) async fn exchange(
    engine: &Engine,
    out: Outbound<'_>,
    on_message: &mut (dyn FnMut(Bytes) -> Result<()> + Send),
) -> Result<Inbound> {
    let request = out.request;
    let settings = Settings {
        http_version: HttpVersion::Http2,
        ..request.settings.clone()
    };
    let client = engine.client(&settings).await?;
    let mut map = HeaderMap::new();
    for h in &request.headers {
        if RESERVED.iter().any(|r| h.is_named(r)) {
            continue;
        }
        let (name, value) = super::super::headers::to_pair(h)?;
        map.append(name, value);
    }
    for (name, value) in own_headers(request) {
        if let Ok(value) = HeaderValue::from_str(&value) {
            map.insert(name, value);
        }
    }
    let mut url = request.url.clone();
    url.set_path(&out.path);
    url.set_query(None);
    let post = client
        .post(url)
        .headers(map)
        .body(out.body)
        .build()
        .map_err(|e| classify(e, request))?;

    let deadline = request
        .settings
        .timeout
        .map(|after| (tokio::time::Instant::now() + after, after));
    let expired = async {
        match deadline {
            Some((at, _)) => tokio::time::sleep_until(at).await,
            None => std::future::pending().await,
        }
    };
    tokio::pin!(expired);
    let exceeded = || {
        let after = deadline.map(|(_, a)| a).unwrap_or_default();
        Inbound::client(4, format!("deadline exceeded after {after:?}"))
    };
    let cancelled = || Inbound::client(1, "cancelled by the client");

    let response = tokio::select! {
        biased;
        () = out.cancel.cancelled() => return Ok(cancelled()),
        () = &mut expired => return Ok(exceeded()),
        r = client.execute(post) => r.map_err(|e| classify(e, request))?,
    };
    let http_status = response.status().as_u16();
    let mut headers = super::super::send::headers_of(&response);
    if let Some(opened) = out.opened {
        opened(&headers);
    }
    if http_status != 200 {
        return Ok(Inbound {
            headers,
            status: Status::new(
                wire::code_of_http(http_status),
                format!("the server answered HTTP {http_status}"),
            ),
            trailers: Vec::new(),
        });
    }
    let is_grpc = response
        .headers()
        .get("content-type")
        .and_then(|v| v.to_str().ok())
        .is_some_and(|v| v.starts_with("application/grpc"));
    if !is_grpc {
        return Err(GrpcError::Protocol {
            url: request.grpc_url(),
            reason: "the response's content type is not application/grpc".into(),
        });
    }
    // Trailers-only: the status came with the headers and there is no body.
    if let Some(status) = status_in(&headers) {
        let (status_headers, rest): (Vec<Header>, Vec<Header>) = headers
            .into_iter()
            .partition(|h| h.is_named("content-type"));
        return Ok(Inbound {
            headers: status_headers,
            status,
            trailers: without_status(rest),
        });
    }

    let response: hyper::Response<reqwest::Body> = response.into();
    let mut body = response.into_body();
    let mut deframer = Deframer::default();
    let protocol = |reason: &str| GrpcError::Protocol {
        url: request.grpc_url(),
        reason: reason.to_string(),
    };
    loop {
        let frame = tokio::select! {
            biased;
            () = out.cancel.cancelled() => return Ok(Inbound { headers, ..cancelled() }),
            () = &mut expired => return Ok(Inbound { headers, ..exceeded() }),
            frame = std::future::poll_fn(|cx| std::pin::Pin::new(&mut body).poll_frame(cx)) => frame,
        };
        let frame = match frame {
            None => {
                let status = match deframer.has_remainder() {
                    true => Status::new(13, "the stream ended inside a message"),
                    false => Status::new(13, "the server ended the stream without a status"),
                };
                return Ok(Inbound {
                    headers,
                    status,
                    trailers: Vec::new(),
                });
            }
            Some(Err(e)) => {
                let reason = super::super::error::lower_first(&super::super::send::innermost(&e));
                return Ok(Inbound {
                    headers,
                    status: Status::new(14, reason),
                    trailers: Vec::new(),
                });
            }
            Some(Ok(frame)) => frame,
        };
        match frame.into_data() {
            Ok(data) => {
                deframer.push(&data);
                while let Some(message) = deframer.next().map_err(protocol)? {
                    on_message(message)?;
                }
            }
            Err(frame) => {
                if let Ok(trailers) = frame.into_trailers() {
                    let trailers: Vec<Header> = trailers
                        .iter()
                        .map(|(n, v)| {
                            Header::new(n.as_str(), String::from_utf8_lossy(v.as_bytes()))
                        })
                        .collect();
                    let status = status_in(&trailers)
                        .unwrap_or_else(|| Status::new(2, "the trailers have no grpc-status"));
                    headers.retain(|h| !h.is_named("grpc-status"));
                    return Ok(Inbound {
                        headers,
                        status,
                        trailers: without_status(trailers),
                    });
                }
            }
        }
    }
}

/// The status in `headers` (`grpc-status`, `grpc-message`), if there is one.
fn status_in(headers: &[Header]) -> Option<Status> {
    let code = headers.iter().find(|h| h.is_named("grpc-status"))?;
    let code = code.value.trim().parse::<u32>().unwrap_or(2);
    let message = headers
        .iter()
        .find(|h| h.is_named("grpc-message"))
        .map(|h| wire::decode_message(h.value.as_bytes()))
        .unwrap_or_default();
    Some(Status::new(code, message))
}

fn without_status(headers: Vec<Header>) -> Vec<Header> {
    headers
        .into_iter()
        .filter(|h| !h.is_named("grpc-status") && !h.is_named("grpc-message"))
        .collect()
}
