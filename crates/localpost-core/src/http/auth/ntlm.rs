//! NTLM v2 (MS-NLMP): NEGOTIATE, the server's CHALLENGE in a `401`, then AUTHENTICATE, all on
//! one kept-alive HTTP/1.1 connection, since NTLM authenticates the connection, not the request.
//!
//! The engine gives the handshake a client of its own with a one-connection pool
//! ([`Engine::single_connection_client`]), so the three messages share a socket that no other
//! send can take. Only NTLMv2 responses are sent (no LM, no NTLMv1); no session key is
//! exchanged and no MIC is added, which HTTP servers do not require. The messages are built
//! here; MD4 and HMAC-MD5 come from RustCrypto (`md4`, `hmac`, `md-5`), which ring lacks.

use base64::Engine as _;
use hmac::{KeyInit, Mac};
use md4::Digest as _;

use super::super::build::Renderer;
use super::super::{HttpError, PreparedRequest};
use super::{Answered, Attempt, authorized};
use crate::model::Auth;
use crate::vault::Secret;

const SIGNATURE: &[u8; 8] = b"NTLMSSP\0";
/// UNICODE, OEM, REQUEST_TARGET, NTLM, ALWAYS_SIGN, EXTENDED_SESSIONSECURITY, 128, 56.
const NEGOTIATE_FLAGS: u32 = 0xA008_8207;
const UNICODE: u32 = 0x0000_0001;
/// `MsvAvTimestamp` in the challenge's target information.
const AV_TIMESTAMP: u16 = 7;

/// NTLM parameters, rendered.
#[derive(Debug, Clone)]
pub(crate) struct Params {
    username: String,
    password: Secret,
    domain: String,
    workstation: String,
}

impl Params {
    /// Renders the parameters. A `DOMAIN\user` username gives the domain when none is set.
    pub(crate) fn render(auth: &Auth, r: &mut Renderer<'_>) -> Params {
        let mut param = |key: &str| {
            let raw = auth.param(key).unwrap_or_default();
            r.render(raw, || format!("auth.{key}"))
        };
        let mut username = param("username");
        let mut domain = param("domain");
        if domain.is_empty()
            && let Some((d, u)) = username.split_once('\\')
        {
            (domain, username) = (d.to_string(), u.to_string());
        }
        Params {
            username,
            password: Secret::from(param("password")),
            domain,
            workstation: param("workstation"),
        }
    }
}

/// Runs the handshake for `request` with `attempt` (an HTTP send, or a WebSocket handshake),
/// which must make every attempt on one connection (NTLM authenticates the connection), and
/// returns the last answer: the server's to the AUTHENTICATE message, or its first when that
/// was no NTLM challenge.
pub(crate) async fn answer_with<A: Attempt + Sync>(
    request: &PreparedRequest,
    params: &Params,
    attempt: &A,
) -> std::result::Result<A::Answer, A::Error> {
    let negotiate = authorized(request, format!("NTLM {}", b64(&negotiate())));
    let first = attempt.attempt(&negotiate).await?;
    if first.status() != 401 {
        return Ok(first);
    }
    let token = first
        .headers()
        .iter()
        .filter(|h| h.is_named("www-authenticate"))
        .find_map(|h| {
            let (scheme, token) = h.value.trim().split_once(' ')?;
            scheme
                .eq_ignore_ascii_case("ntlm")
                .then(|| token.trim().to_string())
        });
    let Some(token) = token else {
        return Ok(first);
    };
    let refuse = |reason: &str| HttpError::AuthChallenge {
        scheme: "ntlm",
        origin: request.url.origin().ascii_serialization(),
        reason: reason.into(),
    };
    let bytes = base64::engine::general_purpose::STANDARD
        .decode(token)
        .map_err(|_| refuse("the challenge is not base64"))?;
    let challenge = Challenge::parse(&bytes).map_err(refuse)?;
    let mut client_challenge = [0u8; 8];
    getrandom::fill(&mut client_challenge).map_err(|_| refuse("no random numbers"))?;
    let message = authenticate(params, &challenge, filetime_now(), client_challenge);
    let signed = authorized(request, format!("NTLM {}", b64(&message)));
    attempt.attempt(&signed).await
}

/// The NEGOTIATE message: flags only, no domain or workstation.
fn negotiate() -> Vec<u8> {
    let mut m = Vec::with_capacity(32);
    m.extend_from_slice(SIGNATURE);
    m.extend_from_slice(&1u32.to_le_bytes());
    m.extend_from_slice(&NEGOTIATE_FLAGS.to_le_bytes());
    m.extend_from_slice(&[0u8; 16]);
    m
}

/// What the client needs from the server's CHALLENGE message.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Challenge {
    flags: u32,
    server_challenge: [u8; 8],
    target_info: Vec<u8>,
}

impl Challenge {
    pub(crate) fn parse(m: &[u8]) -> std::result::Result<Challenge, &'static str> {
        if m.len() < 32 || &m[..8] != SIGNATURE || m[8..12] != 2u32.to_le_bytes() {
            return Err("not an NTLM CHALLENGE message");
        }
        let flags = u32::from_le_bytes([m[20], m[21], m[22], m[23]]);
        let mut server_challenge = [0u8; 8];
        server_challenge.copy_from_slice(&m[24..32]);
        let target_info = if m.len() >= 48 {
            let len = u16::from_le_bytes([m[40], m[41]]) as usize;
            let offset = u32::from_le_bytes([m[44], m[45], m[46], m[47]]) as usize;
            m.get(offset..offset + len)
                .ok_or("the target information lies outside the message")?
                .to_vec()
        } else {
            Vec::new()
        };
        Ok(Challenge {
            flags,
            server_challenge,
            target_info,
        })
    }

    /// The `MsvAvTimestamp` value, if the server sent one.
    fn timestamp(&self) -> Option<[u8; 8]> {
        let mut rest = self.target_info.as_slice();
        while rest.len() >= 4 {
            let id = u16::from_le_bytes([rest[0], rest[1]]);
            let len = u16::from_le_bytes([rest[2], rest[3]]) as usize;
            let value = rest.get(4..4 + len)?;
            if id == AV_TIMESTAMP && len == 8 {
                let mut t = [0u8; 8];
                t.copy_from_slice(value);
                return Some(t);
            }
            if id == 0 {
                return None;
            }
            rest = &rest[4 + len..];
        }
        None
    }
}

/// NTOWFv2: HMAC-MD5 keyed by MD4(UTF-16LE(password)) over UTF-16LE(upper(user) + domain).
pub(crate) fn ntowf_v2(password: &[u8], user: &str, domain: &str) -> [u8; 16] {
    let nt_hash = md4::Md4::digest(utf16(&String::from_utf8_lossy(password)));
    hmac_md5(
        &nt_hash,
        &[&utf16(&format!("{}{domain}", user.to_uppercase()))],
    )
}

/// What the client puts in the NTLMv2 blob (MS-NLMP 2.2.2.7).
pub(crate) struct Blob<'a> {
    /// FILETIME: the server's, when it sent one.
    pub timestamp: [u8; 8],
    pub client_challenge: [u8; 8],
    /// The server's target information, as received.
    pub target_info: &'a [u8],
}

/// The NTLMv2 response: NTProofStr followed by the blob it was computed over.
pub(crate) fn nt_response(key: &[u8; 16], server_challenge: &[u8; 8], of: &Blob<'_>) -> Vec<u8> {
    let mut blob = vec![1u8, 1, 0, 0, 0, 0, 0, 0];
    blob.extend_from_slice(&of.timestamp);
    blob.extend_from_slice(&of.client_challenge);
    blob.extend_from_slice(&[0u8; 4]);
    blob.extend_from_slice(of.target_info);
    blob.extend_from_slice(&[0u8; 4]);
    let proof = hmac_md5(key, &[server_challenge, &blob]);
    let mut response = proof.to_vec();
    response.extend_from_slice(&blob);
    response
}

/// The AUTHENTICATE message answering `challenge`.
fn authenticate(
    params: &Params,
    challenge: &Challenge,
    now: [u8; 8],
    client_challenge: [u8; 8],
) -> Vec<u8> {
    let key = ntowf_v2(params.password.expose(), &params.username, &params.domain);
    let server_timestamp = challenge.timestamp();
    let nt = nt_response(
        &key,
        &challenge.server_challenge,
        &Blob {
            timestamp: server_timestamp.unwrap_or(now),
            client_challenge,
            target_info: &challenge.target_info,
        },
    );
    // MS-NLMP 3.1.5.1.2: with a server timestamp the LMv2 response is 24 zero bytes.
    let lm = if server_timestamp.is_some() {
        vec![0u8; 24]
    } else {
        let mut lm = hmac_md5(&key, &[&challenge.server_challenge, &client_challenge]).to_vec();
        lm.extend_from_slice(&client_challenge);
        lm
    };
    let text = |s: &str| {
        if challenge.flags & UNICODE != 0 {
            utf16(s)
        } else {
            s.as_bytes().to_vec()
        }
    };
    let fields = [
        lm,
        nt,
        text(&params.domain),
        text(&params.username),
        text(&params.workstation),
        Vec::new(),
    ];
    let flags = NEGOTIATE_FLAGS & (challenge.flags | !UNICODE);
    let mut head = Vec::with_capacity(64);
    head.extend_from_slice(SIGNATURE);
    head.extend_from_slice(&3u32.to_le_bytes());
    let mut payload = Vec::new();
    let mut offset = 64u32;
    for field in &fields {
        let len = field.len() as u16;
        head.extend_from_slice(&len.to_le_bytes());
        head.extend_from_slice(&len.to_le_bytes());
        head.extend_from_slice(&offset.to_le_bytes());
        offset += u32::from(len);
        payload.extend_from_slice(field);
    }
    head.extend_from_slice(&flags.to_le_bytes());
    head.extend_from_slice(&payload);
    head
}

fn hmac_md5(key: &[u8], parts: &[&[u8]]) -> [u8; 16] {
    let mut mac = <hmac::Hmac<md5::Md5> as KeyInit>::new_from_slice(key)
        .expect("HMAC takes a key of any length");
    for part in parts {
        mac.update(part);
    }
    mac.finalize().into_bytes().into()
}

fn utf16(s: &str) -> Vec<u8> {
    s.encode_utf16().flat_map(u16::to_le_bytes).collect()
}

fn b64(bytes: &[u8]) -> String {
    base64::engine::general_purpose::STANDARD.encode(bytes)
}

/// Now as a Windows FILETIME (100 ns ticks since 1601-01-01), little-endian.
fn filetime_now() -> [u8; 8] {
    const UNIX_EPOCH_IN_TICKS: u64 = 116_444_736_000_000_000;
    let since = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .unwrap_or_default();
    let ticks = UNIX_EPOCH_IN_TICKS + (since.as_nanos() / 100) as u64;
    ticks.to_le_bytes()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn unhex(s: &str) -> Vec<u8> {
        let s: String = s.split_whitespace().collect();
        (0..s.len())
            .step_by(2)
            .map(|i| u8::from_str_radix(&s[i..i + 2], 16).expect("hex"))
            .collect()
    }

    /// MS-NLMP 4.2.4: user "User", domain "Domain", password "Password", server challenge
    /// 0123456789abcdef, client challenge aa…aa, time zero, target info naming "Domain" and
    /// "Server".
    const TARGET_INFO: &str =
        "02000c0044006f006d00610069006e00 01000c005300650072007600650072000000 0000";

    #[test]
    fn ms_nlmp_ntlmv2_test_vectors() {
        let key = ntowf_v2(b"Password", "User", "Domain");
        assert_eq!(key.to_vec(), unhex("0c868a403bfd7a93a3001ef22ef02e3f"));
        let server: [u8; 8] = [0x01, 0x23, 0x45, 0x67, 0x89, 0xab, 0xcd, 0xef];
        let info = unhex(TARGET_INFO);
        let blob = Blob {
            timestamp: [0; 8],
            client_challenge: [0xaa; 8],
            target_info: &info,
        };
        let nt = nt_response(&key, &server, &blob);
        assert_eq!(nt[..16].to_vec(), unhex("68cd0ab851e51c96aabc927bebef6a1c"));
        let lm = hmac_md5(&key, &[&server, &[0xaa; 8]]);
        assert_eq!(lm.to_vec(), unhex("86c35097ac9cec102554764a57cccc19"));
    }

    #[test]
    fn authenticate_message_carries_the_names_and_responses() {
        let params = Params {
            username: "User".into(),
            password: Secret::from("Password"),
            domain: "Domain".into(),
            workstation: "COMPUTER".into(),
        };
        let mut m = SIGNATURE.to_vec();
        m.extend_from_slice(&2u32.to_le_bytes());
        m.extend_from_slice(&[0; 8]);
        m.extend_from_slice(&(NEGOTIATE_FLAGS | 0x0080_0000).to_le_bytes());
        m.extend_from_slice(&[0x01, 0x23, 0x45, 0x67, 0x89, 0xab, 0xcd, 0xef]);
        m.extend_from_slice(&[0; 8]);
        let info = unhex(TARGET_INFO);
        m.extend_from_slice(&(info.len() as u16).to_le_bytes());
        m.extend_from_slice(&(info.len() as u16).to_le_bytes());
        m.extend_from_slice(&48u32.to_le_bytes());
        m.extend_from_slice(&info);
        let challenge = Challenge::parse(&m).expect("parses");
        assert_eq!(challenge.target_info, info);
        assert_eq!(challenge.timestamp(), None);
        let a = authenticate(&params, &challenge, [0; 8], [0xaa; 8]);
        let field = |at: usize| {
            let len = u16::from_le_bytes([a[at], a[at + 1]]) as usize;
            let off = u32::from_le_bytes([a[at + 4], a[at + 5], a[at + 6], a[at + 7]]) as usize;
            a[off..off + len].to_vec()
        };
        assert_eq!(
            field(12)[..16].to_vec(),
            unhex("86c35097ac9cec102554764a57cccc19")
        );
        assert_eq!(
            field(20)[..16].to_vec(),
            unhex("68cd0ab851e51c96aabc927bebef6a1c")
        );
        assert_eq!(field(28), utf16("Domain"));
        assert_eq!(field(36), utf16("User"));
        assert_eq!(field(44), utf16("COMPUTER"));
    }

    #[test]
    fn malformed_challenges_are_refused() {
        assert!(Challenge::parse(b"NTLMSSP\0").is_err());
        let mut m = SIGNATURE.to_vec();
        m.extend_from_slice(&2u32.to_le_bytes());
        m.extend_from_slice(&[0; 28]);
        m.extend_from_slice(&[50, 0, 50, 0, 200, 0, 0, 0]);
        assert!(Challenge::parse(&m).is_err());
    }
}
