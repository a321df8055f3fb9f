//! newman's client certificate list (`--ssl-client-cert-list`): a JSON array of
//! `{name, matches, key: {src}, cert: {src}, pfx: {src}, passphrase}`, read into the
//! engine's [`ClientCertificate`]s.
//!
//! A `matches` entry is a URL match pattern (`https://*.example.com/*`, `<all_urls>`); only
//! its host is kept, as the engine picks a certificate by host. Relative `src` paths resolve
//! against the working directory given.

use std::path::Path;

use serde_json::Value;

use super::Result;
use super::json_file::{self, invalid};
use crate::http::{ClientCertificate, Identity};
use crate::vault::Secret;

/// Reads the certificate list at `path`, its relative paths resolved against `base`.
pub fn read(path: &Path, base: &Path) -> Result<Vec<ClientCertificate>> {
    let json = json_file::read(path)?;
    from_json(&json, base).map_err(|reason| invalid(path, reason))
}

/// The certificates of a list, one per `matches` pattern, in order.
pub(crate) fn from_json(
    json: &Value,
    base: &Path,
) -> std::result::Result<Vec<ClientCertificate>, String> {
    let list = json.as_array().ok_or("not a JSON array of certificates")?;
    let mut out = Vec::new();
    for (i, entry) in list.iter().enumerate() {
        let place = format!("[{i}]");
        let src = |field: &str| -> std::result::Result<Option<std::path::PathBuf>, String> {
            match entry.get(field) {
                None | Some(Value::Null) => Ok(None),
                Some(Value::String(s)) => Ok(Some(base.join(s))),
                Some(v) => match v.get("src").and_then(Value::as_str) {
                    Some(s) => Ok(Some(base.join(s))),
                    None => Err(format!("{place}.{field}: no \"src\" path")),
                },
            }
        };
        let passphrase = Secret::from(
            entry
                .get("passphrase")
                .and_then(Value::as_str)
                .unwrap_or_default(),
        );
        let identity = match (src("pfx")?, src("cert")?) {
            (Some(file), _) => Identity::Pkcs12 { file, passphrase },
            (None, Some(cert)) => Identity::Pem {
                cert,
                key: src("key")?.unwrap_or_default(),
                passphrase,
            },
            (None, None) => return Err(format!("{place}: neither \"cert\" nor \"pfx\"")),
        };
        let matches = entry
            .get("matches")
            .and_then(Value::as_array)
            .ok_or(format!("{place}.matches: not an array of URL patterns"))?;
        for (j, pattern) in matches.iter().enumerate() {
            let pattern = pattern
                .as_str()
                .ok_or(format!("{place}.matches[{j}]: not a string"))?;
            out.push(ClientCertificate {
                host: host_of(pattern),
                identity: identity.clone(),
                place: format!("sslClientCertList{place}"),
            });
        }
    }
    Ok(out)
}

/// The host of a URL match pattern: `*.example.com` of `https://*.example.com:8443/*`, `*`
/// of `<all_urls>`.
pub(crate) fn host_of(pattern: &str) -> String {
    if pattern == "<all_urls>" {
        return "*".into();
    }
    let rest = pattern.split_once("://").map_or(pattern, |(_, rest)| rest);
    let authority = rest.split('/').next().unwrap_or_default();
    let host = match authority.strip_prefix('[') {
        Some(v6) => v6.split(']').next().unwrap_or_default(),
        None => authority.split(':').next().unwrap_or_default(),
    };
    host.to_owned()
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn patterns_become_hosts() {
        assert_eq!(host_of("https://*.example.com:8443/*"), "*.example.com");
        assert_eq!(host_of("https://127.0.0.1/*"), "127.0.0.1");
        assert_eq!(host_of("<all_urls>"), "*");
        assert_eq!(host_of("*://*/*"), "*");
    }

    #[test]
    fn a_list_reads_pem_and_pfx_entries() {
        let list = json!([
            {"name": "a", "matches": ["https://a.test/*"], "key": {"src": "a.key"}, "cert": {"src": "a.crt"}},
            {"name": "b", "matches": ["https://b.test/*", "https://c.test/*"], "pfx": {"src": "/abs/b.p12"}, "passphrase": "pw"}
        ]);
        let certs = from_json(&list, Path::new("/wd")).expect("a list");
        assert_eq!(certs.len(), 3);
        assert_eq!(certs[0].host, "a.test");
        assert_eq!(
            certs[0].identity,
            Identity::Pem {
                cert: "/wd/a.crt".into(),
                key: "/wd/a.key".into(),
                passphrase: Secret::from(""),
            }
        );
        assert!(
            matches!(&certs[2].identity, Identity::Pkcs12 { file, .. } if file == Path::new("/abs/b.p12"))
        );
        let e = from_json(
            &json!([{"name": "x", "cert": {"src": "c"}}]),
            Path::new("/"),
        );
        assert_eq!(
            e.expect_err("no matches"),
            "[0].matches: not an array of URL patterns"
        );
    }
}
