//! The reqwest clients the engine sends with: one per combination of transport settings (TLS
//! verification and material, HTTP version, proxy), built on first use and kept, so
//! connections are pooled across sends and requests with different certificates or proxies
//! never share a connection.
//!
//! Every client has the same instruments: rustls configured by [`super::tls`] (platform
//! verifier, extra CA roots, client certificates by host), the timed resolver and connector
//! layer of [`super::timing`], the peer certificate on each response (`tls_info`), and no
//! redirect policy: [`super::redirect`] follows redirects one hop at a time.

use std::collections::HashMap;
use std::sync::{Arc, Mutex};

use reqwest::redirect::Policy;

use super::error::lower_first;
use super::send::innermost;
use super::settings::Proxy;
use super::timing::{TimedResolver, TimingLayer};
use super::tls::{self, Files};
use super::{HttpError, HttpVersion, Result, Settings, proxy};

/// The settings that need a client of their own. Secrets (proxy password, PKCS#12
/// passphrase) and file contents are kept as a digest only.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
struct ClientKey {
    verify_tls: bool,
    http_version: HttpVersion,
    /// Digest of the CA and client certificate files, hosts and passphrases; `None` with none.
    tls_material: Option<[u8; 32]>,
    proxy: ProxyKey,
}

#[derive(Debug, Clone, PartialEq, Eq, Hash)]
enum ProxyKey {
    System,
    None,
    Custom {
        url: String,
        username: String,
        password: [u8; 32],
        no_proxy: String,
    },
}

impl ProxyKey {
    fn of(proxy: &Proxy) -> ProxyKey {
        match proxy {
            Proxy::System => ProxyKey::System,
            Proxy::None => ProxyKey::None,
            Proxy::Custom {
                url,
                username,
                password,
                no_proxy,
            } => {
                let mut digest = [0; 32];
                digest.copy_from_slice(
                    ring::digest::digest(&ring::digest::SHA256, password.expose()).as_ref(),
                );
                ProxyKey::Custom {
                    url: url.clone(),
                    username: username.clone(),
                    password: digest,
                    no_proxy: no_proxy.clone(),
                }
            }
        }
    }
}

/// The clients built so far, by the settings they were built for.
#[derive(Default)]
pub(crate) struct Clients(Mutex<HashMap<ClientKey, reqwest::Client>>);

impl std::fmt::Debug for Clients {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let n = self.0.lock().map(|m| m.len()).unwrap_or_default();
        write!(f, "Clients({n})")
    }
}

impl Clients {
    /// The client for `settings`, built on first use. Reads the certificate files the settings
    /// name (failing with [`HttpError::CertificateFile`]).
    pub(crate) async fn get(&self, settings: &Settings) -> Result<reqwest::Client> {
        let files = Files::read(settings).await?;
        let key = ClientKey {
            verify_tls: settings.verify_tls,
            http_version: settings.http_version,
            tls_material: (!files.is_empty()).then(|| files.digest(settings)),
            proxy: ProxyKey::of(&settings.proxy),
        };
        if let Some(client) = self.lock().get(&key) {
            return Ok(client.clone());
        }
        let client = build(settings, &files, false)?;
        // Another send may have built one meanwhile: keep the first, so pools are shared.
        Ok(self.lock().entry(key).or_insert(client).clone())
    }

    /// A client built for one send and not kept: HTTP/1.1 with at most one pooled connection,
    /// for a handshake bound to its connection (NTLM).
    pub(crate) async fn single_connection(settings: &Settings) -> Result<reqwest::Client> {
        let files = Files::read(settings).await?;
        // ALPN must not offer h2 to a client that speaks only HTTP/1.1.
        let http1 = Settings {
            http_version: HttpVersion::Http1,
            ..settings.clone()
        };
        build(&http1, &files, true)
    }

    fn lock(&self) -> std::sync::MutexGuard<'_, HashMap<ClientKey, reqwest::Client>> {
        // A panic elsewhere cannot leave the map half-updated: recover it.
        self.0.lock().unwrap_or_else(|e| e.into_inner())
    }
}

fn build(settings: &Settings, files: &Files, single_connection: bool) -> Result<reqwest::Client> {
    let mut builder = reqwest::Client::builder()
        .redirect(Policy::none())
        .tls_backend_preconfigured(tls::config(settings, files)?)
        .tls_info(true)
        .dns_resolver(Arc::new(TimedResolver))
        .connector_layer(TimingLayer)
        .cookie_provider(Arc::new(super::cookies::Provider));
    builder = match settings.http_version {
        HttpVersion::Auto => builder,
        HttpVersion::Http1 => builder.http1_only(),
        HttpVersion::Http2 => builder.http2_prior_knowledge(),
    };
    if single_connection {
        builder = builder.http1_only().pool_max_idle_per_host(1);
    }
    builder = proxy::apply(builder, &settings.proxy)?;
    builder.build().map_err(|e| HttpError::Client {
        reason: lower_first(&innermost(&e)),
    })
}
