//! Transport settings that are more than a flag: client certificates and the proxy. They sit in
//! [`super::RequestSettings`] (request, folder or collection), and every text field may hold
//! `{{variables}}`.

use std::fmt;

use serde::{Deserialize, Serialize};
use ts_rs::TS;

/// A client certificate presented to the hosts that match `host`: a PEM certificate and key, or
/// a PKCS#12 (`.pfx`/`.p12`) file. The first matching entry of the nearest level that lists any
/// is used.
#[derive(Clone, PartialEq, Eq, Serialize, Deserialize, TS, Default)]
#[serde(rename_all = "camelCase", default)]
#[ts(export)]
pub struct ClientCertificate {
    /// Host name it is for: `api.example.com`, or `*.example.com` for any subdomain (the port
    /// is not compared).
    pub host: String,
    /// Path of the PEM certificate (chain), when not using `pfx`.
    pub cert: String,
    /// Path of the PEM private key (PKCS#8, PKCS#1 or SEC1), when not using `pfx`.
    pub key: String,
    /// Path of a PKCS#12 file holding certificate and key.
    pub pfx: String,
    /// Passphrase of the PKCS#12 file (or empty).
    pub passphrase: String,
    /// Whether this entry is used.
    pub enabled: bool,
}

impl fmt::Debug for ClientCertificate {
    // The passphrase is a secret: never shown.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("ClientCertificate")
            .field("host", &self.host)
            .field("cert", &self.cert)
            .field("key", &self.key)
            .field("pfx", &self.pfx)
            .field("enabled", &self.enabled)
            .finish_non_exhaustive()
    }
}

/// Which proxy to send through.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS, Default)]
#[serde(rename_all = "camelCase")]
#[ts(export)]
pub enum ProxyMode {
    /// `HTTP_PROXY`, `HTTPS_PROXY`, `ALL_PROXY` and `NO_PROXY` from the environment (and the
    /// system proxy on macOS and Windows): the default.
    #[default]
    System,
    /// No proxy at all, whatever the environment says.
    None,
    /// The proxy in [`ProxySettings::url`].
    Custom,
}

/// The proxy a request goes through.
#[derive(Clone, PartialEq, Eq, Serialize, Deserialize, TS, Default)]
#[serde(rename_all = "camelCase", default)]
#[ts(export)]
pub struct ProxySettings {
    /// System, none or custom.
    pub mode: ProxyMode,
    /// For `custom`: `http://host:port`, `https://host:port`, `socks5://host:port` (names
    /// resolved here) or `socks5h://host:port` (names resolved by the proxy).
    pub url: String,
    /// User name for the proxy (or empty).
    pub username: String,
    /// Password for the proxy.
    pub password: String,
    /// Hosts reached directly, comma-separated: `localhost, .internal.example, 10.0.0.0/8`.
    pub no_proxy: String,
}

impl fmt::Debug for ProxySettings {
    // The password is a secret: never shown.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("ProxySettings")
            .field("mode", &self.mode)
            .field("url", &self.url)
            .field("username", &self.username)
            .field("no_proxy", &self.no_proxy)
            .finish_non_exhaustive()
    }
}
