//! TLS verification on and off, against a loopback HTTPS server with a self-signed certificate
//! made for the test (rcgen) and served with rustls.

use crate::fixture;

use std::io::{Read, Write};
use std::net::TcpListener;
use std::sync::Arc;
use std::sync::atomic::{AtomicUsize, Ordering};

use fixture::{Fixture, send};
use localpost_core::template::Variables;
use rustls::pki_types::{PrivateKeyDer, PrivatePkcs8KeyDer};

/// An HTTPS server on 127.0.0.1 answering `200 tls ok` to each request it can read; counts
/// the requests that got through the handshake.
struct TlsServer {
    port: u16,
    served: Arc<AtomicUsize>,
}

impl TlsServer {
    fn start() -> TlsServer {
        let certified =
            rcgen::generate_simple_self_signed(vec!["127.0.0.1".to_string()]).expect("cert");
        let key = PrivateKeyDer::Pkcs8(PrivatePkcs8KeyDer::from(
            certified.signing_key.serialize_der(),
        ));
        let config = rustls::ServerConfig::builder_with_provider(Arc::new(
            rustls::crypto::ring::default_provider(),
        ))
        .with_safe_default_protocol_versions()
        .expect("protocol versions")
        .with_no_client_auth()
        .with_single_cert(vec![certified.cert.der().clone()], key)
        .expect("server config");
        let config = Arc::new(config);
        let listener = TcpListener::bind("127.0.0.1:0").expect("bind a loopback port");
        let port = listener.local_addr().expect("address").port();
        let served = Arc::new(AtomicUsize::new(0));
        let counter = Arc::clone(&served);
        // The thread ends with the test process; each connection is answered in turn.
        std::thread::spawn(move || {
            for tcp in listener.incoming().flatten() {
                let Ok(conn) = rustls::ServerConnection::new(Arc::clone(&config)) else {
                    continue;
                };
                let mut tls = rustls::StreamOwned::new(conn, tcp);
                let mut head = Vec::new();
                let mut byte = [0u8; 1];
                while !head.ends_with(b"\r\n\r\n") {
                    match tls.read(&mut byte) {
                        Ok(1) => head.push(byte[0]),
                        _ => break,
                    }
                }
                if head.ends_with(b"\r\n\r\n") {
                    counter.fetch_add(1, Ordering::SeqCst);
                    let _ = tls.write_all(
                        b"HTTP/1.1 200 OK\r\nContent-Length: 6\r\nConnection: close\r\n\r\ntls ok",
                    );
                    let _ = tls.flush();
                    tls.conn.send_close_notify();
                    let _ = tls.flush();
                }
            }
        });
        TlsServer { port, served }
    }

    fn url(&self) -> String {
        format!("https://127.0.0.1:{}/", self.port)
    }
}

#[tokio::test]
async fn an_unknown_issuer_is_refused_by_default() {
    let server = TlsServer::start();
    let fx = Fixture::new();
    let req = fx.request("GET", &server.url(), |_| {});
    let e = send(&req, &Variables::new())
        .await
        .expect_err("self-signed");
    assert_eq!(
        e.to_string(),
        format!(
            "cannot establish TLS with https://127.0.0.1:{}: invalid peer certificate: UnknownIssuer",
            server.port
        )
    );
    assert_eq!(server.served.load(Ordering::SeqCst), 0);
}

#[tokio::test]
async fn verification_off_accepts_it() {
    let server = TlsServer::start();
    let fx = Fixture::new();
    let req = fx.request("GET", &server.url(), |r| {
        r.settings.verify_tls = Some(false)
    });
    let ex = send(&req, &Variables::new()).await.expect("sent");
    assert_eq!(ex.response.status, 200);
    assert_eq!(ex.response.body.content.as_text(), Some("tls ok"));
    assert_eq!(server.served.load(Ordering::SeqCst), 1);
}
