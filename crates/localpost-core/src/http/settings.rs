//! Transport settings in force for one send: the request's own, else its folders', else its
//! collection's, else the app's defaults.

use std::path::PathBuf;
use std::time::Duration;

use super::build::Renderer;
use super::{HttpError, Result};
use crate::model::{self, ProxyMode, RequestSettings};
use crate::vault::Secret;

/// Which HTTP version to speak.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
pub enum HttpVersion {
    /// HTTP/2 when TLS negotiates it (ALPN), else HTTP/1.1. Postman's `auto`.
    #[default]
    Auto,
    /// HTTP/1.1 only.
    Http1,
    /// HTTP/2 only, also over plain `http://` (prior knowledge).
    Http2,
}

impl HttpVersion {
    /// Parses Postman's `protocolVersion` / our `httpVersion`: `auto`, `http1` or `http2`;
    /// empty means `auto`.
    pub fn parse(value: &str) -> Result<HttpVersion> {
        match value.trim().to_ascii_lowercase().as_str() {
            "" | "auto" => Ok(HttpVersion::Auto),
            "http1" | "http/1.1" | "http1.1" => Ok(HttpVersion::Http1),
            "http2" | "http/2" => Ok(HttpVersion::Http2),
            _ => Err(HttpError::InvalidSetting {
                field: "httpVersion",
                value: value.into(),
                expected: "auto, http1 or http2",
            }),
        }
    }
}

/// The settings one send uses, every default filled in.
///
/// [`Settings::default`] is the app's default, as in Postman: follow redirects, at most 10,
/// 301/302/303 turn into `GET`, `Authorization` is dropped on a redirect to another host, no
/// timeout, verify TLS certificates against the platform's roots, HTTP version `auto`, no client
/// certificate, the environment's proxy. `use_cookies` is not applied here.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Settings {
    /// Follow 3xx responses that carry a `Location`.
    pub follow_redirects: bool,
    /// Most redirects followed before failing with `TooManyRedirects`.
    pub max_redirects: u32,
    /// Time allowed from sending to the end of the response body; `None` waits forever.
    pub timeout: Option<Duration>,
    /// Verify the server's TLS certificate and host name.
    pub verify_tls: bool,
    /// HTTP version to speak.
    pub http_version: HttpVersion,
    /// Keep the method (and body) when following a 301, 302 or 303, instead of turning it into
    /// `GET`. Postman's `followOriginalHttpMethod`.
    pub follow_original_method: bool,
    /// Keep `Authorization` on a redirect to another host. Postman's `followAuthorizationHeader`.
    pub follow_authorization_header: bool,
    /// PEM file of CA certificates trusted besides the platform's roots.
    pub ca_certificates: Option<PathBuf>,
    /// Client certificates by host, in order; the first whose host matches is presented.
    pub client_certificates: Vec<ClientCertificate>,
    /// The proxy.
    pub proxy: Proxy,
}

impl Default for Settings {
    fn default() -> Self {
        Settings {
            follow_redirects: true,
            max_redirects: 10,
            timeout: None,
            verify_tls: true,
            http_version: HttpVersion::Auto,
            follow_original_method: false,
            follow_authorization_header: false,
            ca_certificates: None,
            client_certificates: Vec::new(),
            proxy: Proxy::System,
        }
    }
}

impl std::fmt::Debug for Proxy {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Proxy::System => f.write_str("System"),
            Proxy::None => f.write_str("None"),
            Proxy::Custom {
                url,
                username,
                no_proxy,
                ..
            } => f
                .debug_struct("Custom")
                .field("url", &super::address::redact_userinfo(url))
                .field("username", username)
                .field("no_proxy", no_proxy)
                .finish_non_exhaustive(),
        }
    }
}

/// A client certificate for the hosts matching `host`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ClientCertificate {
    /// `api.example.com`, `*.example.com` for any subdomain, or `*` for every host; compared
    /// without case.
    pub host: String,
    /// Where certificate and key come from.
    pub identity: Identity,
    /// Its place in the resolved list, for messages: `clientCertificates[0]`.
    pub place: String,
}

impl ClientCertificate {
    /// Whether this certificate is for `host` (a name or an IP address, without port).
    pub fn matches(&self, host: &str) -> bool {
        let pattern = self.host.trim().trim_end_matches('.').to_ascii_lowercase();
        let host = host.trim_end_matches('.').to_ascii_lowercase();
        if pattern == "*" {
            return true;
        }
        match pattern.strip_prefix("*.") {
            Some(parent) => host
                .strip_suffix(parent)
                .is_some_and(|sub| sub.len() > 1 && sub.ends_with('.')),
            None => pattern == host,
        }
    }
}

/// Certificate and private key files.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Identity {
    /// A PEM certificate chain and a PEM private key.
    Pem {
        /// The certificate (chain) file.
        cert: PathBuf,
        /// The key file; empty when the user set none.
        key: PathBuf,
        /// The key's passphrase when it is encrypted (maybe empty).
        passphrase: Secret,
    },
    /// A PKCS#12 file and its passphrase.
    Pkcs12 {
        /// The `.pfx`/`.p12` file.
        file: PathBuf,
        /// Its passphrase (maybe empty).
        passphrase: Secret,
    },
}

/// Which proxy a send goes through. Its `Debug` shows neither the password nor one written
/// into the URL.
#[derive(Clone, PartialEq, Eq, Default)]
pub enum Proxy {
    /// The environment's (`HTTP_PROXY`, `HTTPS_PROXY`, `ALL_PROXY`, `NO_PROXY`) and the
    /// system's.
    #[default]
    System,
    /// Direct connections only.
    None,
    /// This proxy for every host not in `no_proxy`.
    Custom {
        /// `http://`, `https://`, `socks5://` or `socks5h://` URL, host and port.
        url: String,
        /// User name; empty for none.
        username: String,
        /// Password.
        password: Secret,
        /// Hosts reached directly, comma-separated (curl's `NO_PROXY` syntax).
        no_proxy: String,
    },
}

impl Settings {
    /// Localpost's defaults overridden by the app's preferences (`prefs.settings`): the top of
    /// every stored request's chain (preferences < collection < folders < request) in the app,
    /// `localpost send` and `localpost run` of a stored collection.
    pub fn from_preferences(prefs: &model::Preferences) -> Result<Settings> {
        Settings::resolve(&Settings::default(), [&prefs.settings])
    }

    /// `base` overridden by each layer's set fields, lowest precedence first (collection, then
    /// folders from the top down, then the request). A timeout of 0 ms means none.
    pub fn resolve<'a>(
        base: &Settings,
        layers: impl IntoIterator<Item = &'a RequestSettings>,
    ) -> Result<Settings> {
        let mut out = base.clone();
        for layer in layers {
            if let Some(v) = layer.follow_redirects {
                out.follow_redirects = v;
            }
            if let Some(v) = layer.max_redirects {
                out.max_redirects = v;
            }
            if let Some(ms) = layer.timeout_ms {
                out.timeout = (ms > 0).then(|| Duration::from_millis(ms));
            }
            if let Some(v) = layer.verify_tls {
                out.verify_tls = v;
            }
            if let Some(v) = &layer.http_version {
                out.http_version = HttpVersion::parse(v)?;
            }
            if let Some(v) = layer.follow_original_method {
                out.follow_original_method = v;
            }
            if let Some(v) = layer.follow_authorization_header {
                out.follow_authorization_header = v;
            }
            if let Some(path) = &layer.ca_certificates {
                out.ca_certificates = (!path.trim().is_empty()).then(|| PathBuf::from(path));
            }
            if let Some(list) = &layer.client_certificates {
                out.client_certificates = client_certificates(list);
            }
            if let Some(proxy) = &layer.proxy {
                out.proxy = match proxy.mode {
                    ProxyMode::System => Proxy::System,
                    ProxyMode::None => Proxy::None,
                    ProxyMode::Custom => Proxy::Custom {
                        url: proxy.url.clone(),
                        username: proxy.username.clone(),
                        password: Secret::from(proxy.password.as_str()),
                        no_proxy: proxy.no_proxy.clone(),
                    },
                };
            }
        }
        Ok(out)
    }

    /// Renders the `{{variables}}` in file paths and proxy fields; unresolved ones are listed
    /// with their place (`settings.proxy.url`, say).
    pub(crate) fn render(&mut self, r: &mut Renderer<'_>) {
        if let Some(ca) = &mut self.ca_certificates {
            render_path(ca, r, "caCertificates");
        }
        for c in &mut self.client_certificates {
            c.host = r.render(&c.host, || format!("settings.{}.host", c.place));
            match &mut c.identity {
                Identity::Pem { cert, key, .. } => {
                    render_path(cert, r, &format!("{}.cert", c.place));
                    render_path(key, r, &format!("{}.key", c.place));
                }
                Identity::Pkcs12 { file, passphrase } => {
                    render_path(file, r, &format!("{}.pfx", c.place));
                    if let Some(text) = passphrase.expose_str()
                        && text.contains("{{")
                    {
                        let place = format!("settings.{}.passphrase", c.place);
                        *passphrase = Secret::from(r.render(text, || place));
                    }
                }
            }
        }
        if let Proxy::Custom {
            url,
            username,
            password,
            no_proxy,
        } = &mut self.proxy
        {
            *url = r.render(url, || "settings.proxy.url".into());
            *username = r.render(username, || "settings.proxy.username".into());
            *no_proxy = r.render(no_proxy, || "settings.proxy.noProxy".into());
            if let Some(text) = password.expose_str()
                && text.contains("{{")
            {
                *password = Secret::from(r.render(text, || "settings.proxy.password".into()));
            }
        }
    }
}

/// Renders the `{{variables}}` of a path setting.
fn render_path(p: &mut PathBuf, r: &mut Renderer<'_>, place: &str) {
    let text = p.to_string_lossy().into_owned();
    if text.contains("{{") {
        *p = PathBuf::from(r.render(&text, || format!("settings.{place}")));
    }
}

/// The enabled entries that name a file, as identities; a `pfx` wins over `cert`/`key`.
fn client_certificates(list: &[model::ClientCertificate]) -> Vec<ClientCertificate> {
    list.iter()
        .enumerate()
        .filter(|(_, c)| c.enabled)
        .filter_map(|(i, c)| {
            let identity = if !c.pfx.trim().is_empty() {
                Identity::Pkcs12 {
                    file: PathBuf::from(c.pfx.trim()),
                    passphrase: Secret::from(c.passphrase.as_str()),
                }
            } else if !c.cert.trim().is_empty() {
                Identity::Pem {
                    cert: PathBuf::from(c.cert.trim()),
                    key: PathBuf::from(c.key.trim()),
                    passphrase: Secret::from(c.passphrase.as_str()),
                }
            } else {
                return None;
            };
            Some(ClientCertificate {
                host: c.host.clone(),
                identity,
                place: format!("clientCertificates[{i}]"),
            })
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_nearest_layer_wins_and_unset_fields_fall_through() {
        let collection = RequestSettings {
            timeout_ms: Some(5000),
            max_redirects: Some(3),
            ..RequestSettings::default()
        };
        let folder = RequestSettings {
            verify_tls: Some(false),
            timeout_ms: Some(0),
            ..RequestSettings::default()
        };
        let request = RequestSettings {
            follow_redirects: Some(false),
            http_version: Some("http1".into()),
            ..RequestSettings::default()
        };
        let s = Settings::resolve(&Settings::default(), [&collection, &folder, &request])
            .expect("valid settings");
        assert_eq!(
            s,
            Settings {
                follow_redirects: false,
                max_redirects: 3,
                timeout: None,
                verify_tls: false,
                http_version: HttpVersion::Http1,
                ..Settings::default()
            }
        );
    }

    #[test]
    fn app_defaults_are_postmans() {
        let s = Settings::resolve(&Settings::default(), []).expect("defaults");
        assert!(s.follow_redirects && s.verify_tls);
        assert_eq!((s.max_redirects, s.timeout), (10, None));
    }

    #[test]
    fn unknown_http_version_names_the_field() {
        let bad = RequestSettings {
            http_version: Some("http9".into()),
            ..RequestSettings::default()
        };
        let e = Settings::resolve(&Settings::default(), [&bad]).expect_err("unknown version");
        assert_eq!(
            e.to_string(),
            "setting httpVersion: unknown value \"http9\" (expected auto, http1 or http2)"
        );
    }
}

#[cfg(test)]
mod transport_tests {
    use super::*;

    fn cert(host: &str) -> ClientCertificate {
        ClientCertificate {
            host: host.into(),
            identity: Identity::Pem {
                cert: "c.pem".into(),
                key: "k.pem".into(),
                passphrase: Secret::from(""),
            },
            place: "clientCertificates[0]".into(),
        }
    }

    #[test]
    fn host_patterns_match_names_and_subdomains_only() {
        assert!(cert("API.example.com").matches("api.example.com"));
        assert!(!cert("api.example.com").matches("example.com"));
        assert!(cert("*.example.com").matches("a.b.example.com"));
        assert!(!cert("*.example.com").matches("example.com"));
        assert!(!cert("*.example.com").matches("badexample.com"));
        assert!(cert("127.0.0.1").matches("127.0.0.1"));
    }

    #[test]
    fn a_pfx_wins_and_disabled_or_empty_entries_are_skipped() {
        let list = vec![
            model::ClientCertificate {
                host: "a".into(),
                enabled: false,
                pfx: "off.p12".into(),
                ..Default::default()
            },
            model::ClientCertificate {
                host: "b".into(),
                enabled: true,
                ..Default::default()
            },
            model::ClientCertificate {
                host: "c".into(),
                enabled: true,
                cert: "c.pem".into(),
                pfx: "c.p12".into(),
                passphrase: "pw".into(),
                ..Default::default()
            },
        ];
        let layer = RequestSettings {
            client_certificates: Some(list),
            ..RequestSettings::default()
        };
        let s = Settings::resolve(&Settings::default(), [&layer]).expect("resolves");
        assert_eq!(s.client_certificates.len(), 1);
        assert_eq!(s.client_certificates[0].place, "clientCertificates[2]");
        assert_eq!(
            s.client_certificates[0].identity,
            Identity::Pkcs12 {
                file: "c.p12".into(),
                passphrase: Secret::from("pw")
            }
        );
        assert!(!format!("{s:?}").contains("\"pw\""), "{s:?}");
        let proxy = Proxy::Custom {
            url: "http://u:inline-pw@p:1".into(),
            username: "u".into(),
            password: Secret::from("field-pw"),
            no_proxy: String::new(),
        };
        let shown = format!("{proxy:?}");
        assert!(
            !shown.contains("inline-pw") && !shown.contains("field-pw"),
            "{shown}"
        );
    }
}
