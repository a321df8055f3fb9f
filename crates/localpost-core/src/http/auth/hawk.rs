//! Hawk (version 1), as the `hawk` library Postman uses writes the client header.
//!
//! Parameters: `authId`, `authKey`, `algorithm` (`sha256`, the default, or `sha1`), `nonce`
//! (six random characters when empty), `timestamp` (now, when empty or not a number),
//! `extraData` (`ext`), `app`, `delegation` (`dlg`) and `includePayloadHash`. Postman passes
//! `user` to the library, which ignores it; so do we. Nothing is added without `authId` and
//! `authKey`. The MAC is over Hawk's normalised string: `hawk.1.header`, timestamp, nonce,
//! method, path and query, host, port, payload hash, `ext`, then `app` and `dlg` if there is an
//! app. The payload hash covers `hawk.1.payload`, the media type of `Content-Type` and the body.

use base64::Engine as _;
use ring::{digest, hmac};

use super::super::Result;
use super::signer::{Message, Params, invalid, now_secs, random_alphanumeric};
use crate::template::Entropy;

/// Hawk's two algorithms.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Algorithm {
    Sha256,
    Sha1,
}

impl Algorithm {
    fn mac(self) -> hmac::Algorithm {
        match self {
            Algorithm::Sha256 => hmac::HMAC_SHA256,
            Algorithm::Sha1 => hmac::HMAC_SHA1_FOR_LEGACY_USE_ONLY,
        }
    }

    fn digest(self) -> &'static digest::Algorithm {
        match self {
            Algorithm::Sha256 => &digest::SHA256,
            Algorithm::Sha1 => &digest::SHA1_FOR_LEGACY_USE_ONLY,
        }
    }
}

/// Hawk parameters, rendered.
#[derive(Clone)]
pub(crate) struct Hawk {
    id: String,
    key: String,
    algorithm: Algorithm,
    nonce: String,
    timestamp: String,
    ext: String,
    app: String,
    dlg: String,
    include_payload_hash: bool,
}

/// What the MAC covers, besides the credentials.
struct Artifacts<'a> {
    ts: &'a str,
    nonce: &'a str,
    method: &'a str,
    resource: &'a str,
    host: &'a str,
    port: u16,
    hash: &'a str,
}

impl Hawk {
    /// Reads and checks the parameters.
    pub(super) fn read(p: &mut Params<'_, '_, '_>) -> Result<Hawk> {
        let algorithm = p.text("algorithm");
        let algorithm = match algorithm.trim().to_ascii_lowercase().as_str() {
            "" | "sha256" => Algorithm::Sha256,
            "sha1" => Algorithm::Sha1,
            other => {
                return Err(invalid(
                    "algorithm",
                    format!("unknown Hawk algorithm {other:?} (expected sha256 or sha1)"),
                ));
            }
        };
        Ok(Hawk {
            id: p.text("authId"),
            key: p.text("authKey"),
            algorithm,
            nonce: p.text("nonce"),
            timestamp: p.text("timestamp"),
            ext: p.text("extraData"),
            app: p.text("app"),
            dlg: p.text("delegation"),
            include_payload_hash: p.flag("includePayloadHash"),
        })
    }

    /// Signs `m` with a `Hawk` `Authorization` header.
    pub(super) fn sign(&self, m: &mut Message<'_>, entropy: &mut dyn Entropy) -> Result<()> {
        if self.id.is_empty() || self.key.is_empty() {
            return Ok(());
        }
        m.remove_header("Authorization");
        let ts = match self.timestamp.trim().parse::<i64>() {
            Ok(ts) if ts != 0 => ts.to_string(),
            _ => now_secs(entropy).to_string(),
        };
        let nonce = match self.nonce.as_str() {
            "" => random_alphanumeric(entropy, 6),
            n => n.to_string(),
        };
        let hash = if self.include_payload_hash {
            let content_type = m.header("content-type").unwrap_or_default();
            self.payload_hash(content_type, m.body())
        } else {
            String::new()
        };
        let resource = match m.url.query() {
            Some(q) => format!("{}?{q}", m.url.path()),
            None => m.url.path().to_string(),
        };
        let artifacts = Artifacts {
            ts: &ts,
            nonce: &nonce,
            method: m.method,
            resource: &resource,
            host: m.url.host_str().unwrap_or_default(),
            port: m.url.port_or_known_default().unwrap_or(80),
            hash: &hash,
        };
        let mac = self.mac(&artifacts);
        m.set_header("Authorization", self.header(&artifacts, &mac), true);
        Ok(())
    }

    /// The base64 payload hash of `body` sent as `content_type`.
    fn payload_hash(&self, content_type: &str, body: &[u8]) -> String {
        let media = content_type
            .split(';')
            .next()
            .unwrap_or_default()
            .trim()
            .to_ascii_lowercase();
        let mut ctx = digest::Context::new(self.algorithm.digest());
        ctx.update(format!("hawk.1.payload\n{media}\n").as_bytes());
        ctx.update(body);
        ctx.update(b"\n");
        base64::engine::general_purpose::STANDARD.encode(ctx.finish())
    }

    /// The base64 MAC of the normalised string.
    fn mac(&self, a: &Artifacts<'_>) -> String {
        let mut normalized = format!(
            "hawk.1.header\n{}\n{}\n{}\n{}\n{}\n{}\n{}\n",
            a.ts,
            a.nonce,
            a.method.to_ascii_uppercase(),
            a.resource,
            a.host.to_ascii_lowercase(),
            a.port,
            a.hash
        );
        normalized.push_str(&self.ext.replace('\\', "\\\\").replace('\n', "\\n"));
        normalized.push('\n');
        if !self.app.is_empty() {
            normalized.push_str(&format!("{}\n{}\n", self.app, self.dlg));
        }
        let key = hmac::Key::new(self.algorithm.mac(), self.key.as_bytes());
        base64::engine::general_purpose::STANDARD
            .encode(hmac::sign(&key, normalized.as_bytes()).as_ref())
    }

    /// `Hawk id="…", ts="…", nonce="…"[, hash="…"][, ext="…"], mac="…"[, app="…"[, dlg="…"]]`.
    fn header(&self, a: &Artifacts<'_>, mac: &str) -> String {
        let escape = |s: &str| s.replace('\\', "\\\\").replace('"', "\\\"");
        let mut h = format!(
            "Hawk id=\"{}\", ts=\"{}\", nonce=\"{}\"",
            escape(&self.id),
            a.ts,
            escape(a.nonce)
        );
        if !a.hash.is_empty() {
            h.push_str(&format!(", hash=\"{}\"", a.hash));
        }
        if !self.ext.is_empty() {
            h.push_str(&format!(", ext=\"{}\"", escape(&self.ext)));
        }
        h.push_str(&format!(", mac=\"{mac}\""));
        if !self.app.is_empty() {
            h.push_str(&format!(", app=\"{}\"", escape(&self.app)));
            if !self.dlg.is_empty() {
                h.push_str(&format!(", dlg=\"{}\"", escape(&self.dlg)));
            }
        }
        h
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn readme_credentials() -> Hawk {
        Hawk {
            id: "dh37fgj492je".into(),
            key: "werxhqb98rpaxn39848xrunpaw3489ruxnpa98w4rxn".into(),
            algorithm: Algorithm::Sha256,
            nonce: "j4h3g2".into(),
            timestamp: "1353832234".into(),
            ext: "some-app-ext-data".into(),
            app: String::new(),
            dlg: String::new(),
            include_payload_hash: false,
        }
    }

    #[test]
    fn hawk_readme_examples() {
        // The protocol example of Hawk's README, without and with a payload.
        let h = readme_credentials();
        let mut a = Artifacts {
            ts: "1353832234",
            nonce: "j4h3g2",
            method: "GET",
            resource: "/resource/1?b=1&a=2",
            host: "example.com",
            port: 8000,
            hash: "",
        };
        let mac = h.mac(&a);
        assert_eq!(
            h.header(&a, &mac),
            "Hawk id=\"dh37fgj492je\", ts=\"1353832234\", nonce=\"j4h3g2\", \
             ext=\"some-app-ext-data\", mac=\"6R4rV5iE+NPoym+WwjeHzjAGXUtLNIxmo1vpMofpLAE=\""
        );
        let hash = h.payload_hash("text/plain", b"Thank you for flying Hawk");
        assert_eq!(hash, "Yi9LfIIFRtBEPt74PVmbTF/xVAwPn7ub15ePICfgnuY=");
        a.method = "POST";
        a.hash = &hash;
        assert_eq!(h.mac(&a), "aSe1DERmZuRl3pI36/9BdZmnErTw3sNzOOAUlfeKjVw=");
    }
}
