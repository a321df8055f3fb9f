//! The transport over loopback: redirects, timeout, cancellation, failures and their messages,
//! content decoding, large bodies saved to a file, and the response as plain data.

use crate::fixture;
use crate::server;

use std::io::Read;
use std::time::{Duration, Instant};

use fixture::{Fixture, send};
use localpost_core::http::{self, Engine, Inheritance};
use localpost_core::template::Variables;
use server::{Reply, Server};
use tokio::io::AsyncReadExt;
use tokio_util::sync::CancellationToken;

/// `/r/N` redirects to `/r/N-1`; `/r/0` answers `done`.
fn redirect_chain() -> Server {
    Server::start(|req| {
        let n: u32 = req
            .target
            .trim_start_matches("/r/")
            .parse()
            .expect("a hop count");
        if n == 0 {
            Reply::text("done")
        } else {
            Reply::status(302).header("Location", &format!("/r/{}", n - 1))
        }
    })
}

#[tokio::test]
async fn redirects_are_followed_by_default() {
    let server = redirect_chain();
    let fx = Fixture::new();
    let req = fx.request("GET", &server.url("/r/3"), |_| {});
    let ex = send(&req, &Variables::new()).await.expect("sent");
    assert_eq!(ex.response.status, 200);
    assert_eq!(ex.response.url, server.url("/r/0"));
    assert_eq!(ex.response.body.content.as_text(), Some("done"));
    let targets: Vec<_> = server.hits().into_iter().map(|h| h.target).collect();
    assert_eq!(targets, ["/r/3", "/r/2", "/r/1", "/r/0"]);
}

#[tokio::test]
async fn redirects_are_not_followed_when_the_collection_says_so() {
    let server = redirect_chain();
    let fx = Fixture::new();
    let mut collection = fx.collection.clone();
    collection.settings.follow_redirects = Some(false);
    let collection = fx.store.update_collection(&collection).expect("saved");
    let req = fx.request("GET", &server.url("/r/2"), |_| {});
    let inheritance = Inheritance::from_parents(&[], &collection);
    let prepared = http::prepare(&req, &Variables::new(), &inheritance).expect("prepares");
    let ex = Engine::new()
        .send(&prepared, &CancellationToken::new())
        .await
        .expect("sent");
    assert_eq!(ex.response.status, 302);
    assert_eq!(ex.response.reason, "Found");
    let location: Vec<_> = ex
        .response
        .headers
        .iter()
        .filter(|h| h.is_named("location"))
        .map(|h| h.value.as_str())
        .collect();
    assert_eq!(location, ["/r/1"]);
    assert_eq!(server.hit().target, "/r/2");
}

#[tokio::test]
async fn max_redirects_is_the_number_of_hops_allowed() {
    let server = redirect_chain();
    let fx = Fixture::new();
    let within = fx.request("GET", &server.url("/r/2"), |r| {
        r.settings.max_redirects = Some(2);
    });
    assert_eq!(
        send(&within, &Variables::new())
            .await
            .expect("two hops")
            .response
            .status,
        200
    );
    let beyond = fx.request("GET", &server.url("/r/3"), |r| {
        r.settings.max_redirects = Some(2);
    });
    let e = send(&beyond, &Variables::new())
        .await
        .expect_err("three hops");
    assert_eq!(
        e.to_string(),
        format!(
            "too many redirects from {} (the limit is 2)",
            server.url("/r/3")
        )
    );
}

#[tokio::test]
async fn a_slow_response_times_out_with_the_duration_in_the_message() {
    let server = Server::start(|_| Reply::text("late").delay(Duration::from_secs(10)));
    let fx = Fixture::new();
    let req = fx.request("GET", &server.url("/slow"), |r| {
        r.settings.timeout_ms = Some(200);
    });
    let start = Instant::now();
    let e = send(&req, &Variables::new()).await.expect_err("timeout");
    assert!(
        start.elapsed() < Duration::from_secs(5),
        "{:?}",
        start.elapsed()
    );
    assert_eq!(
        e.to_string(),
        format!("request to {} timed out after 200 ms", server.url(""))
    );
    server.hit();
}

#[tokio::test]
async fn cancelling_returns_at_once() {
    let server = Server::start(|_| Reply::text("late").delay(Duration::from_secs(10)));
    let fx = Fixture::new();
    let req = fx.request("GET", &server.url("/slow"), |_| {});
    let prepared = http::prepare(&req, &Variables::new(), &Inheritance::new()).expect("prepares");
    let cancel = CancellationToken::new();
    let trigger = cancel.clone();
    let engine = Engine::new();
    let send = engine.send(&prepared, &cancel);
    let fire = async {
        // Fire once the request is in flight (the server has recorded it).
        while server.hits().is_empty() {
            tokio::time::sleep(Duration::from_millis(5)).await;
        }
        trigger.cancel();
        Instant::now()
    };
    let (result, fired_at) = tokio::join!(send, fire);
    let e = result.expect_err("cancelled");
    assert_eq!(e.to_string(), "request cancelled");
    assert!(fired_at.elapsed() < Duration::from_millis(500));
    // Already cancelled: nothing is sent at all.
    let before = server.hits().len();
    let e = engine
        .send(&prepared, &cancel)
        .await
        .expect_err("cancelled");
    assert!(matches!(e, http::HttpError::Cancelled));
    assert_eq!(server.hits().len(), before);
}

#[tokio::test]
async fn connection_refused_names_the_address() {
    let port = {
        let listener = std::net::TcpListener::bind("127.0.0.1:0").expect("bind");
        listener.local_addr().expect("address").port()
    };
    let fx = Fixture::new();
    let req = fx.request("GET", &format!("http://127.0.0.1:{port}/x?key=v"), |_| {});
    let e = send(&req, &Variables::new()).await.expect_err("refused");
    assert_eq!(
        e.to_string(),
        format!("connection refused by http://127.0.0.1:{port}")
    );
}

#[tokio::test]
async fn invalid_urls_fail_before_sending_and_say_why() {
    let fx = Fixture::new();
    let req = fx.request("GET", "http://example.test:99999/", |_| {});
    let e = send(&req, &Variables::new()).await.expect_err("invalid");
    assert_eq!(
        e.to_string(),
        "invalid URL \"http://example.test:99999/\": invalid port number"
    );
    let req = fx.request("GET", "{{host}}/users", |_| {});
    let e = send(&req, &Variables::new()).await.expect_err("invalid");
    assert_eq!(
        e.to_string(),
        "invalid URL \"http://{{host}}/users\": invalid host \"{{host}}\" \
         (unresolved variables: host)"
    );
}

#[tokio::test]
async fn tls_to_a_plain_http_server_fails_as_tls() {
    let server = Server::start(|_| Reply::text("plain")).allow_no_hits();
    let fx = Fixture::new();
    let url = server.url("/").replace("http://", "https://");
    let req = fx.request("GET", &url, |_| {});
    let e = send(&req, &Variables::new()).await.expect_err("not TLS");
    let origin = url.trim_end_matches('/');
    assert!(
        e.to_string()
            .starts_with(&format!("cannot establish TLS with {origin}: ")),
        "{e}"
    );
}

async fn compress(coding: &str, data: &[u8]) -> Vec<u8> {
    use async_compression::tokio::bufread::{BrotliEncoder, GzipEncoder, ZlibEncoder, ZstdEncoder};
    let mut out = Vec::new();
    let read = match coding {
        "gzip" => GzipEncoder::new(data).read_to_end(&mut out).await,
        "deflate" => ZlibEncoder::new(data).read_to_end(&mut out).await,
        "br" => BrotliEncoder::new(data).read_to_end(&mut out).await,
        _ => ZstdEncoder::new(data).read_to_end(&mut out).await,
    };
    read.expect("compress");
    out
}

#[tokio::test]
async fn compressed_bodies_are_decoded_and_the_headers_kept() {
    let text = "localpost ".repeat(1000);
    for coding in ["gzip", "deflate", "br", "zstd"] {
        let compressed = compress(coding, text.as_bytes()).await;
        let raw_len = compressed.len() as u64;
        let server = Server::start(move |_| {
            Reply::bytes(compressed.clone()).header("Content-Encoding", coding)
        });
        let fx = Fixture::new();
        let req = fx.request("GET", &server.url("/z"), |_| {});
        let ex = send(&req, &Variables::new()).await.expect("sent");
        assert!(
            server
                .hit()
                .header("accept-encoding")
                .is_some_and(|v| v.contains(coding))
        );
        let r = ex.response;
        assert_eq!(r.body.content.as_text(), Some(text.as_str()), "{coding}");
        assert_eq!((r.body.size, r.raw_size), (text.len() as u64, raw_len));
        assert!(
            r.headers
                .iter()
                .any(|h| h.is_named("content-encoding") && h.value == coding)
        );
    }
}

#[tokio::test]
async fn empty_bodies_are_not_decoded_and_corrupt_ones_fail_by_coding() {
    let server = Server::start(|req| match req.target.as_str() {
        "/corrupt" => Reply::text("not gzip at all").header("Content-Encoding", "gzip"),
        _ => Reply::text("").header("Content-Encoding", "gzip"),
    });
    let fx = Fixture::new();
    let head = fx.request("HEAD", &server.url("/empty"), |_| {});
    let ex = send(&head, &Variables::new()).await.expect("sent");
    assert_eq!((ex.response.status, ex.response.body.size), (200, 0));
    let get = fx.request("GET", &server.url("/empty"), |_| {});
    let ex = send(&get, &Variables::new()).await.expect("sent");
    assert_eq!(ex.response.body.content.as_text(), Some(""));
    let corrupt = fx.request("GET", &server.url("/corrupt"), |_| {});
    let e = send(&corrupt, &Variables::new())
        .await
        .expect_err("not gzip");
    assert!(
        e.to_string()
            .starts_with("cannot decode the response body (gzip): "),
        "{e}"
    );
    assert_eq!(server.hits().len(), 3);
}

#[tokio::test]
async fn a_large_body_is_saved_to_a_file_and_only_its_head_kept() {
    const SIZE: usize = 20 * 1024 * 1024;
    let body: Vec<u8> = (0..SIZE).map(|i| b'a' + (i % 26) as u8).collect();
    let served = body.clone();
    let server = Server::start(move |_| Reply::bytes(served.clone()));
    let fx = Fixture::new();
    let req = fx.request("GET", &server.url("/big"), |_| {});
    let ex = send(&req, &Variables::new()).await.expect("sent");
    let payload = ex.response.body;
    assert!(payload.is_truncated);
    assert_eq!(payload.size, SIZE as u64);
    assert_eq!(ex.response.raw_size, SIZE as u64);
    let head = payload.content.as_text().expect("text head");
    assert_eq!(head.len(), http::Options::default().head_size);
    assert_eq!(head.as_bytes(), &body[..head.len()]);
    let path = payload.file.expect("a body file");
    let mut saved = Vec::new();
    std::fs::File::open(&path)
        .and_then(|mut f| f.read_to_end(&mut saved))
        .expect("read body file");
    std::fs::remove_file(&path).expect("remove body file");
    assert_eq!(saved.len(), SIZE);
    assert!(saved == body, "the saved body differs");
}

#[tokio::test]
async fn the_response_is_plain_data_with_status_line_address_headers_and_timings() {
    let server = Server::start(|_| {
        Reply::text("{\"ok\":true}")
            .with_status(201)
            .reason("Made It")
            .header("Set-Cookie", "a=1")
            .header("X-Other", "x")
            .header("Set-Cookie", "b=2")
    });
    let fx = Fixture::new();
    let req = fx.request("POST", &server.url("/things"), |_| {});
    let ex = send(&req, &Variables::new()).await.expect("sent");
    let r = &ex.response;
    assert_eq!((r.status, r.reason.as_str()), (201, "Made It"));
    assert_eq!(r.version, "HTTP/1.1");
    assert_eq!(r.remote_address, Some(server.addr().to_string()));
    let cookies: Vec<_> = r
        .headers
        .iter()
        .filter(|h| h.is_named("set-cookie"))
        .map(|h| h.value.as_str())
        .collect();
    assert_eq!(cookies, ["a=1", "b=2"]);
    assert!(r.timings.first_byte_ms > 0.0 && r.timings.first_byte_ms <= r.timings.total_ms);
    let json = serde_json::to_value(&ex).expect("serialises");
    assert_eq!(json["response"]["status"], 201);
    assert_eq!(json["response"]["body"]["content"]["encoding"], "text");
    assert_eq!(json["response"]["body"]["content"]["text"], "{\"ok\":true}");
    assert_eq!(json["request"]["method"], "POST");
    assert!(json["response"]["timings"]["totalMs"].is_f64());
    server.hit();
}
