//! Per-phase timings against loopback servers: a plain HTTP server that holds its answer back,
//! reached by name (so there is a DNS lookup) and again over the pooled connection, and a TLS
//! server whose certificate summary comes back with the response.

use crate::fixture;
use crate::server;
use crate::tls_server;

use std::time::Duration;

use fixture::Fixture;
use localpost_core::http::{self, Engine, Inheritance, Timings};
use localpost_core::template::Variables;
use server::{Reply, Server};
use tokio_util::sync::CancellationToken;

fn phases(t: &Timings) -> [f64; 6] {
    [
        t.dns_ms.unwrap_or_default(),
        t.connect_ms.unwrap_or_default(),
        t.tls_ms.unwrap_or_default(),
        t.send_ms,
        t.wait_ms,
        t.download_ms,
    ]
}

fn assert_plausible(t: &Timings) {
    for p in phases(t) {
        assert!(p >= 0.0 && p.is_finite(), "{t:?}");
    }
    let sum: f64 = phases(t).iter().sum::<f64>() + t.redirect_ms.unwrap_or_default();
    assert!(
        sum <= t.total_ms + 0.001,
        "phases add up past the total: {t:?}"
    );
    // What is not a phase (pool checkout, scheduling) stays small on loopback.
    assert!(t.total_ms - sum < 50.0, "unaccounted time: {t:?}");
    assert!(t.first_byte_ms <= t.total_ms, "{t:?}");
}

#[tokio::test]
async fn a_held_back_answer_is_waiting_and_a_pooled_connection_has_no_connect() {
    let server = Server::start(|req| {
        if req.target == "/slow" {
            Reply::text("late").delay(Duration::from_millis(200))
        } else {
            Reply::text("quick")
        }
    });
    let fx = Fixture::new();
    let by_name = format!("http://localhost:{}", server.addr().port());
    let engine = Engine::new();
    let send = |path: &str, body: Option<&str>| {
        let req = fx.request(
            if body.is_some() { "POST" } else { "GET" },
            &format!("{by_name}{path}"),
            |r| {
                if let Some(text) = body {
                    r.body = localpost_core::model::Body::Raw {
                        text: text.into(),
                        language: Default::default(),
                    };
                }
            },
        );
        let prepared = http::prepare(&req, &Variables::new(), &Inheritance::new()).expect("ok");
        let engine = &engine;
        async move {
            engine
                .send(&prepared, &CancellationToken::new())
                .await
                .expect("sent")
        }
    };

    let first = send("/slow", None).await;
    let t = first.response.timings;
    assert_plausible(&t);
    assert!(!t.is_connection_reused, "{t:?}");
    assert!(
        t.dns_ms.is_some_and(|ms| ms > 0.0),
        "localhost was looked up: {t:?}"
    );
    assert!(t.connect_ms.is_some_and(|ms| ms > 0.0), "{t:?}");
    // Issue 12: plain HTTP showed "TLS handshake 0 ms"; a phase that did not happen is absent.
    assert_eq!(t.tls_ms, None, "plain HTTP has no handshake: {t:?}");
    assert!(
        t.wait_ms >= 200.0,
        "the server held the answer 200 ms: {t:?}"
    );
    assert!(t.first_byte_ms >= t.wait_ms && t.total_ms >= t.first_byte_ms);
    assert_eq!(t.redirect_ms, None, "no redirect: {t:?}");

    let second = send("/quick", Some(&"x".repeat(300_000))).await;
    let t = second.response.timings;
    assert_plausible(&t);
    assert!(t.is_connection_reused, "{t:?}");
    assert_eq!(
        (t.dns_ms, t.connect_ms, t.tls_ms),
        (None, None, None),
        "{t:?}"
    );
    assert!(
        t.send_ms > 0.0,
        "a 300 kB body is handed over in chunks: {t:?}"
    );
    assert!(t.wait_ms < 200.0, "{t:?}");
    assert_eq!(server.hits().len(), 2);
    assert_eq!(
        second.response.remote_address,
        Some(server.addr().to_string())
    );
    assert_eq!(second.response.version, "HTTP/1.1");
    assert!(second.response.certificate.is_none());
}

#[tokio::test]
async fn redirects_count_apart_from_the_last_hop() {
    let server = Server::start(|req| {
        if req.target == "/from" {
            Reply::status(302)
                .header("Location", "/to")
                .delay(Duration::from_millis(50))
        } else {
            Reply::text("there")
        }
    });
    let fx = Fixture::new();
    let req = fx.request("GET", &server.url("/from"), |_| {});
    let ex = fixture::send(&req, &Variables::new()).await.expect("sent");
    let t = ex.response.timings;
    assert_plausible(&t);
    assert!(t.redirect_ms.is_some_and(|ms| ms >= 50.0), "{t:?}");
    assert!(t.wait_ms < 50.0, "the last hop answered at once: {t:?}");
    assert!(
        t.is_connection_reused,
        "the redirect reused the connection: {t:?}"
    );
}

#[tokio::test]
async fn tls_has_a_handshake_phase_and_a_certificate_summary() {
    let ca = tls_server::Ca::new();
    let server = tls_server::TlsServer::start(&ca, tls_server::ClientAuth::None);
    let fx = Fixture::new();
    let req = fx.request("GET", &server.url(), |r| {
        r.settings.verify_tls = Some(false)
    });
    let ex = fixture::send(&req, &Variables::new()).await.expect("sent");
    let t = ex.response.timings;
    assert_plausible(&t);
    assert!(t.tls_ms.is_some_and(|ms| ms > 0.0), "{t:?}");
    assert!(t.connect_ms.is_some_and(|ms| ms > 0.0), "{t:?}");
    assert_eq!(t.dns_ms, None, "an IP literal needs no lookup: {t:?}");
    let cert = ex
        .response
        .certificate
        .expect("a TLS response has a certificate");
    assert_eq!(cert.subject, "CN=localpost test server");
    assert_eq!(cert.issuer, "CN=localpost test CA");
    assert_eq!(
        cert.subject_alt_names,
        ["DNS:localhost", "IP:127.0.0.1"].map(String::from)
    );
    assert_eq!(cert.sha256_fingerprint, server.fingerprint());
    assert!(cert.not_before < cert.not_after && cert.not_after.ends_with('Z'));
}
