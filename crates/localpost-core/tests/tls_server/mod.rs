//! A test CA (rcgen) and an HTTPS server on 127.0.0.1 (rustls) whose certificate it issued,
//! optionally requiring a client certificate issued by the same CA. The server answers
//! `200 tls ok` to each request it can read and records the client certificate it saw.
#![allow(dead_code)]

use std::io::{Read, Write};
use std::net::TcpListener;
use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex};

use rcgen::{
    BasicConstraints, CertificateParams, CertifiedIssuer, DnType, ExtendedKeyUsagePurpose, IsCa,
    KeyPair, KeyUsagePurpose,
};
use rustls::pki_types::{CertificateDer, PrivateKeyDer, PrivatePkcs8KeyDer};

/// A certificate authority made for one test.
pub struct Ca {
    issuer: CertifiedIssuer<'static, KeyPair>,
}

/// A certificate the CA issued, with its key.
pub struct Issued {
    pub der: CertificateDer<'static>,
    pub cert_pem: String,
    pub key_pem: String,
    pub key_der: Vec<u8>,
}

impl Issued {
    /// Writes `name.crt` and `name.key` (PEM) under `dir`; returns their paths.
    pub fn write_pem(&self, dir: &Path, name: &str) -> (PathBuf, PathBuf) {
        let cert = dir.join(format!("{name}.crt"));
        let key = dir.join(format!("{name}.key"));
        std::fs::write(&cert, &self.cert_pem).expect("write cert");
        std::fs::write(&key, &self.key_pem).expect("write key");
        (cert, key)
    }

    /// Writes `name.p12`, protected by `passphrase`, under `dir`; returns its path.
    pub fn write_pkcs12(&self, dir: &Path, name: &str, passphrase: &str) -> PathBuf {
        use p12_keystore::{Certificate, KeyStore, KeyStoreEntry, PrivateKey, PrivateKeyChain};
        let chain = PrivateKeyChain::new(
            b"1".as_slice(),
            PrivateKey::from_der(&self.key_der).expect("pkcs8 key"),
            [Certificate::from_der(&self.der).expect("certificate")],
        );
        let mut store = KeyStore::new();
        store.add_entry(name, KeyStoreEntry::PrivateKeyChain(chain));
        let bytes = store.writer(passphrase).write().expect("pkcs12");
        let path = dir.join(format!("{name}.p12"));
        std::fs::write(&path, bytes).expect("write p12");
        path
    }
}

impl Ca {
    pub fn new() -> Ca {
        let mut params = CertificateParams::new(Vec::<String>::new()).expect("params");
        params
            .distinguished_name
            .push(DnType::CommonName, "localpost test CA");
        params.is_ca = IsCa::Ca(BasicConstraints::Unconstrained);
        params.key_usages = vec![
            KeyUsagePurpose::KeyCertSign,
            KeyUsagePurpose::DigitalSignature,
            KeyUsagePurpose::CrlSign,
        ];
        let key = KeyPair::generate().expect("key");
        Ca {
            issuer: CertifiedIssuer::self_signed(params, key).expect("CA certificate"),
        }
    }

    /// The CA certificate, PEM.
    pub fn pem(&self) -> String {
        self.issuer.pem()
    }

    /// The CA certificate, DER.
    pub fn der(&self) -> CertificateDer<'static> {
        self.issuer.der().clone()
    }

    /// A certificate named `cn` for `sans`, for a server or a client.
    pub fn issue(&self, cn: &str, sans: &[&str], is_client: bool) -> Issued {
        let sans: Vec<String> = sans.iter().map(|s| s.to_string()).collect();
        let mut params = CertificateParams::new(sans).expect("params");
        params.distinguished_name.push(DnType::CommonName, cn);
        params.extended_key_usages = vec![if is_client {
            ExtendedKeyUsagePurpose::ClientAuth
        } else {
            ExtendedKeyUsagePurpose::ServerAuth
        }];
        let key = KeyPair::generate().expect("key");
        let cert = params.signed_by(&key, &self.issuer).expect("signed");
        Issued {
            der: cert.der().clone(),
            cert_pem: cert.pem(),
            key_pem: key.serialize_pem(),
            key_der: key.serialize_der(),
        }
    }
}

/// Whether the server asks for a client certificate.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ClientAuth {
    None,
    /// The handshake fails without a certificate issued by the CA.
    Required,
}

/// A running HTTPS server; its thread ends with the test process.
pub struct TlsServer {
    port: u16,
    cert: CertificateDer<'static>,
    /// Per request served: the client certificate presented, if any.
    pub served: Arc<Mutex<Vec<Option<CertificateDer<'static>>>>>,
}

impl TlsServer {
    pub fn start(ca: &Ca, auth: ClientAuth) -> TlsServer {
        let issued = ca.issue("localpost test server", &["localhost", "127.0.0.1"], false);
        let provider = Arc::new(rustls::crypto::ring::default_provider());
        let builder = rustls::ServerConfig::builder_with_provider(Arc::clone(&provider))
            .with_safe_default_protocol_versions()
            .expect("protocol versions");
        let builder = match auth {
            ClientAuth::None => builder.with_no_client_auth(),
            ClientAuth::Required => {
                let mut roots = rustls::RootCertStore::empty();
                roots.add(ca.der()).expect("CA root");
                let verifier = rustls::server::WebPkiClientVerifier::builder_with_provider(
                    Arc::new(roots),
                    provider,
                )
                .build()
                .expect("client verifier");
                builder.with_client_cert_verifier(verifier)
            }
        };
        let key = PrivateKeyDer::Pkcs8(PrivatePkcs8KeyDer::from(issued.key_der.clone()));
        let config = Arc::new(
            builder
                .with_single_cert(vec![issued.der.clone()], key)
                .expect("server config"),
        );
        let listener = TcpListener::bind("127.0.0.1:0").expect("bind a loopback port");
        let port = listener.local_addr().expect("address").port();
        let served = Arc::new(Mutex::new(Vec::new()));
        let record = Arc::clone(&served);
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
                    let client = tls
                        .conn
                        .peer_certificates()
                        .and_then(|c| c.first())
                        .map(|c| c.clone().into_owned());
                    record.lock().expect("lock").push(client);
                    let _ = tls.write_all(
                        b"HTTP/1.1 200 OK\r\nContent-Length: 6\r\nConnection: close\r\n\r\ntls ok",
                    );
                    let _ = tls.flush();
                    tls.conn.send_close_notify();
                    let _ = tls.flush();
                }
            }
        });
        TlsServer {
            port,
            cert: issued.der,
            served,
        }
    }

    pub fn port(&self) -> u16 {
        self.port
    }

    /// `https://127.0.0.1:PORT/`.
    pub fn url(&self) -> String {
        format!("https://127.0.0.1:{}/", self.port)
    }

    /// SHA-256 of the server certificate, `AB:CD:…`.
    pub fn fingerprint(&self) -> String {
        ring::digest::digest(&ring::digest::SHA256, &self.cert)
            .as_ref()
            .iter()
            .map(|b| format!("{b:02X}"))
            .collect::<Vec<_>>()
            .join(":")
    }

    /// The client certificates presented, one entry per request served.
    pub fn clients(&self) -> Vec<Option<CertificateDer<'static>>> {
        self.served.lock().expect("lock").clone()
    }
}
