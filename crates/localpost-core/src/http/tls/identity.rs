//! Client certificates and CA bundles: PEM and PKCS#12 parsing, and the resolver that presents
//! the certificate for the server's host.

use std::path::{Path, PathBuf};
use std::sync::Arc;

use rustls::SignatureScheme;
use rustls::client::ResolvesClientCert;
use rustls::pki_types::pem::PemObject;
use rustls::pki_types::{CertificateDer, PrivateKeyDer};
use rustls::sign::CertifiedKey;

use super::{encrypted_key, file_error};
use crate::http::error::lower_first;
use crate::http::settings::{ClientCertificate, Identity};
use crate::http::{HttpError, Result, timing};

/// The certificates of a PEM CA bundle.
pub(super) fn ca_bundle(bytes: &[u8], path: &Path) -> Result<Vec<CertificateDer<'static>>> {
    let error = |reason: String| HttpError::CertificateFile {
        field: "settings.caCertificates".into(),
        path: path.to_path_buf(),
        reason,
    };
    let certs = CertificateDer::pem_slice_iter(bytes)
        .collect::<std::result::Result<Vec<_>, _>>()
        .map_err(|e| error(format!("not a PEM certificate file ({e})")))?;
    if certs.is_empty() {
        return Err(error("no PEM certificate in it".into()));
    }
    Ok(certs)
}

/// The certificate chain and signing key of one client certificate.
pub(super) fn certified_key(c: &ClientCertificate, files: &[Vec<u8>]) -> Result<CertifiedKey> {
    let (chain, key) = match (&c.identity, files) {
        (
            Identity::Pem {
                cert,
                key,
                passphrase,
            },
            [cert_bytes, key_bytes],
        ) => {
            let chain = CertificateDer::pem_slice_iter(cert_bytes)
                .collect::<std::result::Result<Vec<_>, _>>()
                .ok()
                .filter(|chain| !chain.is_empty())
                .ok_or_else(|| file_error(c, "cert", cert, "no PEM certificate in it"))?;
            let passphrase = passphrase.expose_str().filter(|p| !p.is_empty());
            let key = match encrypted_key::decrypt(key_bytes, passphrase) {
                Some(decrypted) => {
                    decrypted.map_err(|e| file_error(c, "key", key, &e.to_string()))?
                }
                None => PrivateKeyDer::from_pem_slice(key_bytes)
                    .map_err(|_| file_error(c, "key", key, "no PEM private key in it"))?,
            };
            (chain, key)
        }
        (Identity::Pkcs12 { file, passphrase }, [bytes]) => {
            pkcs12(bytes, passphrase.expose_str().unwrap_or_default())
                .map_err(|reason| file_error(c, "pfx", file, &reason))?
        }
        _ => unreachable!("Files::read reads two files for PEM and one for PKCS#12"),
    };
    let (part, path) = identity_file(&c.identity);
    let signer = rustls::crypto::ring::sign::any_supported_type(&key)
        .map_err(|e| file_error(c, part, path, &format!("unsupported private key ({e})")))?;
    let certified = CertifiedKey::new(chain, signer);
    certified.keys_match().map_err(|_| {
        file_error(
            c,
            part,
            path,
            "the private key does not match the certificate",
        )
    })?;
    Ok(certified)
}

/// The field and file that hold the private key.
fn identity_file(identity: &Identity) -> (&'static str, &PathBuf) {
    match identity {
        Identity::Pem { key, .. } => ("key", key),
        Identity::Pkcs12 { file, .. } => ("pfx", file),
    }
}

type Chain = (Vec<CertificateDer<'static>>, PrivateKeyDer<'static>);

/// The first key and its chain in a PKCS#12 file.
fn pkcs12(bytes: &[u8], passphrase: &str) -> std::result::Result<Chain, String> {
    use p12_keystore::error::Error;
    use p12_keystore::{KeyStore, Pkcs12ImportPolicy};
    let store = KeyStore::from_pkcs12(bytes, passphrase, Pkcs12ImportPolicy::Strict).map_err(
        |e| match e {
            Error::MacError(_) => "wrong passphrase (or a damaged file)".to_string(),
            Error::DerError(_) => "not a PKCS#12 file".to_string(),
            other => format!(
                "cannot read it as PKCS#12 ({})",
                lower_first(&other.to_string())
            ),
        },
    )?;
    let (_, chain) = store
        .private_key_chain()
        .ok_or("no private key with a certificate in it")?;
    let certs = chain
        .certs()
        .iter()
        .map(|c| CertificateDer::from(c.as_der().to_vec()))
        .collect();
    let key = PrivateKeyDer::Pkcs8(chain.key().as_der().to_vec().into());
    Ok((certs, key))
}

/// Presents the first client certificate whose host matches the server's name.
#[derive(Debug)]
pub(super) struct ByHost(pub(super) Vec<(ClientCertificate, Arc<CertifiedKey>)>);

impl ResolvesClientCert for ByHost {
    fn resolve(
        &self,
        _root_hint_subjects: &[&[u8]],
        _sigschemes: &[SignatureScheme],
    ) -> Option<Arc<CertifiedKey>> {
        let host = timing::server_name()?;
        self.0
            .iter()
            .find(|(c, _)| c.matches(&host))
            .map(|(_, key)| Arc::clone(key))
    }

    fn has_certs(&self) -> bool {
        !self.0.is_empty()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::http::settings::Identity;

    fn pem_cert(place: &str) -> ClientCertificate {
        ClientCertificate {
            host: "h".into(),
            identity: Identity::Pem {
                cert: "c.pem".into(),
                key: "k.pem".into(),
                passphrase: crate::vault::Secret::from(""),
            },
            place: place.into(),
        }
    }

    #[test]
    fn garbage_files_are_named_with_field_and_path() {
        let c = pem_cert("clientCertificates[1]");
        let e = certified_key(&c, &[b"not pem".to_vec(), b"x".to_vec()]).expect_err("garbage");
        assert_eq!(
            e.to_string(),
            "settings.clientCertificates[1].cert: cannot use c.pem: no PEM certificate in it"
        );
        let e = ca_bundle(b"", Path::new("ca.pem")).expect_err("empty");
        assert_eq!(
            e.to_string(),
            "settings.caCertificates: cannot use ca.pem: no PEM certificate in it"
        );
        let e = pkcs12(b"\x30\x03\x02\x01\x03", "pw").expect_err("not pkcs12");
        assert!(e.contains("PKCS#12"), "{e}");
    }
}
