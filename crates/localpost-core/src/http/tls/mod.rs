//! The rustls configuration a client is built with: which servers to trust (the platform's
//! roots plus a CA bundle, or anyone when verification is off), which client certificate to
//! present to which host, and the session store that tells [`super::timing`] when a handshake
//! starts.
//!
//! Files are read by [`Files::read`] on every send that names one (a few kilobytes), so a
//! changed file is used at once: their digest is part of the client's cache key.

mod encrypted_key;
mod hooks;
mod identity;

use std::path::Path;
use std::sync::Arc;

use rustls::client::ClientSessionMemoryCache;
use rustls::client::danger::ServerCertVerifier;

use super::error::{io_reason, lower_first};
use super::settings::{ClientCertificate, Identity};
use super::{HttpError, HttpVersion, Result, Settings};
use hooks::{AnyServer, Recording, TimedSessions};
use identity::{ByHost, ca_bundle, certified_key};

/// The bytes of the files the settings name, read for one send. No `Debug`: it holds private
/// keys.
#[derive(Default)]
pub(crate) struct Files {
    ca: Option<Vec<u8>>,
    /// Per client certificate: the PEM certificate and key, or the PKCS#12 file.
    certs: Vec<Vec<Vec<u8>>>,
}

impl Files {
    /// Reads every file `settings` name; an unreadable one fails naming its field and path.
    pub(crate) async fn read(settings: &Settings) -> Result<Files> {
        let mut out = Files::default();
        if let Some(path) = &settings.ca_certificates {
            out.ca = Some(read(path, "settings.caCertificates").await?);
        }
        for c in &settings.client_certificates {
            let files = match &c.identity {
                Identity::Pem { cert, key, .. } => {
                    if key.as_os_str().is_empty() {
                        return Err(file_error(
                            c,
                            "key",
                            cert,
                            "no key file set for this certificate",
                        ));
                    }
                    vec![
                        read(cert, &format!("settings.{}.cert", c.place)).await?,
                        read(key, &format!("settings.{}.key", c.place)).await?,
                    ]
                }
                Identity::Pkcs12 { file, .. } => {
                    vec![read(file, &format!("settings.{}.pfx", c.place)).await?]
                }
            };
            out.certs.push(files);
        }
        Ok(out)
    }

    /// Whether no file was named: the common case, with nothing to hash.
    pub(crate) fn is_empty(&self) -> bool {
        self.ca.is_none() && self.certs.is_empty()
    }

    /// A SHA-256 over the files' bytes, the certificates' hosts and passphrases: what tells
    /// two clients' TLS material apart without keeping a secret in the cache key.
    pub(crate) fn digest(&self, settings: &Settings) -> [u8; 32] {
        let mut d = ring::digest::Context::new(&ring::digest::SHA256);
        let mut put = |bytes: &[u8]| {
            d.update(&(bytes.len() as u64).to_le_bytes());
            d.update(bytes);
        };
        put(self.ca.as_deref().unwrap_or_default());
        for (c, files) in settings.client_certificates.iter().zip(&self.certs) {
            put(c.host.as_bytes());
            if let Identity::Pkcs12 { passphrase, .. } = &c.identity {
                put(passphrase.expose());
            }
            for f in files {
                put(f);
            }
        }
        let mut out = [0; 32];
        out.copy_from_slice(d.finish().as_ref());
        out
    }
}

async fn read(path: &Path, field: &str) -> Result<Vec<u8>> {
    tokio::fs::read(path)
        .await
        .map_err(|e| HttpError::CertificateFile {
            field: field.into(),
            path: path.to_path_buf(),
            reason: io_reason(&e),
        })
}

pub(super) fn file_error(
    c: &ClientCertificate,
    part: &str,
    path: &Path,
    reason: &str,
) -> HttpError {
    HttpError::CertificateFile {
        field: format!("settings.{}.{part}", c.place),
        path: path.to_path_buf(),
        reason: reason.into(),
    }
}

/// The rustls configuration for `settings`, with the files read for them.
pub(crate) fn config(settings: &Settings, files: &Files) -> Result<rustls::ClientConfig> {
    let provider = Arc::new(rustls::crypto::ring::default_provider());
    let verifier: Arc<dyn ServerCertVerifier> = if settings.verify_tls {
        let extra = match (&files.ca, &settings.ca_certificates) {
            (Some(bytes), Some(path)) => ca_bundle(bytes, path)?,
            _ => Vec::new(),
        };
        let verifier = if extra.is_empty() {
            rustls_platform_verifier::Verifier::new(Arc::clone(&provider))
        } else {
            rustls_platform_verifier::Verifier::new_with_extra_roots(extra, Arc::clone(&provider))
        };
        Arc::new(verifier.map_err(|e| HttpError::Client {
            reason: format!("cannot load the platform's CA certificates: {e}"),
        })?)
    } else {
        Arc::new(AnyServer(Arc::clone(&provider)))
    };
    let verifier = Arc::new(Recording(verifier));
    let mut identities = Vec::new();
    for (c, bytes) in settings.client_certificates.iter().zip(&files.certs) {
        identities.push((c.clone(), Arc::new(certified_key(c, bytes)?)));
    }
    let builder = rustls::ClientConfig::builder_with_provider(provider)
        .with_safe_default_protocol_versions()
        .map_err(|e| HttpError::Client {
            reason: lower_first(&e.to_string()),
        })?
        .dangerous()
        .with_custom_certificate_verifier(verifier);
    let mut config = if identities.is_empty() {
        builder.with_no_client_auth()
    } else {
        builder.with_client_cert_resolver(Arc::new(ByHost(identities)))
    };
    config.alpn_protocols = match settings.http_version {
        HttpVersion::Http1 => vec![b"http/1.1".to_vec()],
        HttpVersion::Http2 => vec![b"h2".to_vec()],
        HttpVersion::Auto => vec![b"h2".to_vec(), b"http/1.1".to_vec()],
    };
    config.resumption = rustls::client::Resumption::store(Arc::new(TimedSessions(
        ClientSessionMemoryCache::new(256),
    )));
    Ok(config)
}
