//! A summary of the certificate a TLS server presented, for the response view.

use serde::Serialize;
use ts_rs::TS;
use x509_parser::prelude::{FromDer, GeneralName, X509Certificate};

/// The server's (leaf) certificate, as plain data.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
#[ts(export)]
pub struct PeerCertificate {
    /// Subject distinguished name, `CN=api.example.com, O=…`.
    pub subject: String,
    /// Issuer distinguished name.
    pub issuer: String,
    /// Start of validity, RFC 3339 in UTC.
    pub not_before: String,
    /// End of validity, RFC 3339 in UTC.
    pub not_after: String,
    /// Subject alternative names: `DNS:api.example.com`, `IP:127.0.0.1`, `email:…`, `URI:…`.
    pub subject_alt_names: Vec<String>,
    /// Serial number, hex.
    pub serial: String,
    /// SHA-256 of the DER certificate, upper-case hex pairs joined by `:`.
    pub sha256_fingerprint: String,
}

impl PeerCertificate {
    /// The summary of a DER certificate; `None` if it does not parse.
    pub(crate) fn from_der(der: &[u8]) -> Option<PeerCertificate> {
        let (_, cert) = X509Certificate::from_der(der).ok()?;
        let validity = cert.validity();
        let subject_alt_names = cert
            .subject_alternative_name()
            .ok()
            .flatten()
            .map(|ext| ext.value.general_names.iter().filter_map(name).collect())
            .unwrap_or_default();
        let fingerprint = ring::digest::digest(&ring::digest::SHA256, der);
        Some(PeerCertificate {
            subject: cert.subject().to_string(),
            issuer: cert.issuer().to_string(),
            not_before: rfc3339(validity.not_before.timestamp()),
            not_after: rfc3339(validity.not_after.timestamp()),
            subject_alt_names,
            serial: cert.raw_serial_as_string().replace(':', ""),
            sha256_fingerprint: hex_pairs(fingerprint.as_ref()),
        })
    }
}

fn name(n: &GeneralName<'_>) -> Option<String> {
    Some(match n {
        GeneralName::DNSName(d) => format!("DNS:{d}"),
        GeneralName::RFC822Name(m) => format!("email:{m}"),
        GeneralName::URI(u) => format!("URI:{u}"),
        GeneralName::IPAddress(bytes) => match bytes.len() {
            4 => format!(
                "IP:{}",
                std::net::Ipv4Addr::from(<[u8; 4]>::try_from(*bytes).ok()?)
            ),
            16 => format!(
                "IP:{}",
                std::net::Ipv6Addr::from(<[u8; 16]>::try_from(*bytes).ok()?)
            ),
            _ => return None,
        },
        _ => return None,
    })
}

fn hex_pairs(bytes: &[u8]) -> String {
    bytes
        .iter()
        .map(|b| format!("{b:02X}"))
        .collect::<Vec<_>>()
        .join(":")
}

/// Seconds since the Unix epoch as `YYYY-MM-DDTHH:MM:SSZ` (proleptic Gregorian, UTC).
fn rfc3339(secs: i64) -> String {
    let days = secs.div_euclid(86_400);
    let rem = secs.rem_euclid(86_400);
    // Howard Hinnant's civil_from_days.
    let z = days + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z.rem_euclid(146_097);
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let day = doy - (153 * mp + 2) / 5 + 1;
    let month = if mp < 10 { mp + 3 } else { mp - 9 };
    let year = yoe + era * 400 + i64::from(month <= 2);
    format!(
        "{year:04}-{month:02}-{day:02}T{:02}:{:02}:{:02}Z",
        rem / 3600,
        rem % 3600 / 60,
        rem % 60
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dates_are_rfc3339_utc() {
        assert_eq!(rfc3339(0), "1970-01-01T00:00:00Z");
        assert_eq!(rfc3339(951_782_400), "2000-02-29T00:00:00Z");
        assert_eq!(rfc3339(4_102_444_799), "2099-12-31T23:59:59Z");
    }

    #[test]
    fn garbage_is_no_certificate() {
        assert_eq!(PeerCertificate::from_der(b"nope"), None);
        assert_eq!(hex_pairs(&[0xab, 0x01]), "AB:01");
    }
}
