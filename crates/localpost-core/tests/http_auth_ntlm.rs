//! NTLM v2 against a loopback server that plays the Windows side: it answers NEGOTIATE with a
//! CHALLENGE, then checks the AUTHENTICATE message with its own NTLMv2 computation from the
//! password, and that all three messages came on the same TCP connection.

use crate::fixture;
use crate::server;

use std::sync::{Arc, Mutex};

use base64::Engine as _;
use fixture::{Fixture, send};
use hmac::{KeyInit, Mac};
use localpost_core::model::{Auth, AuthMode};
use localpost_core::template::{Scope, Variables};
use md4::Digest as _;
use server::{Recorded, Reply, Server};

const SERVER_CHALLENGE: [u8; 8] = *b"\x01\x23\x45\x67\x89\xab\xcd\xef";

/// The Windows side: which connection sent NEGOTIATE, and what it accepts. Also the judge of
/// `websocket_auth.rs`'s handshakes.
pub(crate) struct Windows {
    password: &'static str,
    with_timestamp: bool,
    negotiated_on: Mutex<Option<usize>>,
}

fn utf16(s: &str) -> Vec<u8> {
    s.encode_utf16().flat_map(u16::to_le_bytes).collect()
}

fn hmac_md5(key: &[u8], data: &[u8]) -> Vec<u8> {
    let mut mac = <hmac::Hmac<md5::Md5> as KeyInit>::new_from_slice(key).expect("key");
    mac.update(data);
    mac.finalize().into_bytes().to_vec()
}

fn field(m: &[u8], at: usize) -> Vec<u8> {
    let len = u16::from_le_bytes([m[at], m[at + 1]]) as usize;
    let off = u32::from_le_bytes([m[at + 4], m[at + 5], m[at + 6], m[at + 7]]) as usize;
    m[off..off + len].to_vec()
}

impl Windows {
    /// A server that accepts user `alice` of domain `CORP` with `password`.
    pub(crate) fn new(password: &'static str) -> Windows {
        Windows {
            password,
            with_timestamp: true,
            negotiated_on: Mutex::new(None),
        }
    }

    fn target_info(&self) -> Vec<u8> {
        let mut info = Vec::new();
        let mut pair = |id: u16, value: &[u8]| {
            info.extend_from_slice(&id.to_le_bytes());
            info.extend_from_slice(&(value.len() as u16).to_le_bytes());
            info.extend_from_slice(value);
        };
        pair(2, &utf16("CORP"));
        pair(1, &utf16("FILESRV"));
        if self.with_timestamp {
            pair(7, &0x01d9_0000_0000_0000u64.to_le_bytes());
        }
        pair(0, &[]);
        info
    }

    pub(crate) fn challenge(&self) -> String {
        let info = self.target_info();
        let mut m = b"NTLMSSP\0".to_vec();
        m.extend_from_slice(&2u32.to_le_bytes());
        m.extend_from_slice(&[0, 0, 0, 0, 48, 0, 0, 0]);
        m.extend_from_slice(&0xa289_8205u32.to_le_bytes());
        m.extend_from_slice(&SERVER_CHALLENGE);
        m.extend_from_slice(&[0; 8]);
        m.extend_from_slice(&(info.len() as u16).to_le_bytes());
        m.extend_from_slice(&(info.len() as u16).to_le_bytes());
        m.extend_from_slice(&48u32.to_le_bytes());
        m.extend_from_slice(&info);
        base64::engine::general_purpose::STANDARD.encode(m)
    }

    /// MS-NLMP 3.3.2: recomputes NTProofStr from the password and the client's blob.
    pub(crate) fn verify(&self, m: &[u8]) -> bool {
        if m.len() < 64 || &m[..8] != b"NTLMSSP\0" || m[8] != 3 {
            return false;
        }
        let nt = field(m, 20);
        let domain = String::from_utf16_lossy(
            &field(m, 28)
                .chunks(2)
                .map(|c| u16::from_le_bytes([c[0], c[1]]))
                .collect::<Vec<_>>(),
        );
        let user = String::from_utf16_lossy(
            &field(m, 36)
                .chunks(2)
                .map(|c| u16::from_le_bytes([c[0], c[1]]))
                .collect::<Vec<_>>(),
        );
        if nt.len() < 48 || domain != "CORP" || user != "alice" {
            return false;
        }
        let (proof, blob) = nt.split_at(16);
        // The blob must carry the server's target information, unchanged.
        let info = self.target_info();
        if !blob.windows(info.len()).any(|w| w == info.as_slice()) {
            return false;
        }
        let nt_hash = md4::Md4::digest(utf16(self.password));
        let key = hmac_md5(
            &nt_hash,
            &utf16(&format!("{}{domain}", user.to_uppercase())),
        );
        let mut data = SERVER_CHALLENGE.to_vec();
        data.extend_from_slice(blob);
        hmac_md5(&key, &data) == proof
    }

    fn handle(&self, req: &Recorded) -> Reply {
        let denied = Reply::status(401).header("www-authenticate", "NTLM");
        let Some(token) = req
            .header("authorization")
            .and_then(|a| a.strip_prefix("NTLM "))
        else {
            return denied;
        };
        let Ok(m) = base64::engine::general_purpose::STANDARD.decode(token) else {
            return Reply::status(400);
        };
        match m.get(8) {
            Some(1) => {
                *self.negotiated_on.lock().expect("lock") = Some(req.connection);
                Reply::status(401).header("www-authenticate", &format!("NTLM {}", self.challenge()))
            }
            Some(3)
                if *self.negotiated_on.lock().expect("lock") == Some(req.connection)
                    && self.verify(&m) =>
            {
                Reply::text("hello alice")
            }
            _ => denied,
        }
    }
}

fn windows(password: &'static str, with_timestamp: bool) -> (Arc<Windows>, Server) {
    let w = Arc::new(Windows {
        password,
        with_timestamp,
        negotiated_on: Mutex::new(None),
    });
    let handler = Arc::clone(&w);
    (w, Server::start(move |req| handler.handle(req)))
}

pub(crate) fn ntlm(password: &str) -> Auth {
    Auth::with_params(
        AuthMode::Ntlm,
        &[
            ("username", "{{user}}"),
            ("password", password),
            ("domain", "CORP"),
            ("workstation", "LAPTOP"),
        ],
    )
}

pub(crate) fn vars() -> Variables {
    let mut v = Variables::new();
    v.set(Scope::Environment, "user", "alice");
    v
}

#[tokio::test]
async fn the_handshake_runs_on_one_connection_and_the_server_accepts_it() {
    for with_timestamp in [false, true] {
        let (_, server) = windows("S3cure!pass", with_timestamp);
        let fx = Fixture::new();
        let req = fx.request("POST", &server.url("/share?x=1"), |r| {
            r.auth = ntlm("S3cure!pass");
        });
        let ex = send(&req, &vars()).await.expect("sent");
        assert_eq!(ex.response.status, 200, "timestamp {with_timestamp}");
        let hits = server.hits();
        assert_eq!(hits.len(), 2, "NEGOTIATE, then AUTHENTICATE");
        assert_eq!(hits[0].connection, hits[1].connection, "one connection");
        assert!(hits.iter().all(|h| h.target == "/share?x=1"));
        let shown = ex
            .request
            .headers
            .iter()
            .find(|h| h.is_named("authorization"))
            .expect("sent request shows the header");
        assert!(shown.is_sensitive);
    }
}

#[tokio::test]
async fn a_domain_in_the_username_is_used_when_no_domain_is_set() {
    let (_, server) = windows("pw", false);
    let fx = Fixture::new();
    let req = fx.request("GET", &server.url("/"), |r| {
        r.auth = Auth::with_params(
            AuthMode::Ntlm,
            &[("username", "CORP\\alice"), ("password", "pw")],
        );
    });
    let ex = send(&req, &Variables::new()).await.expect("sent");
    assert_eq!(ex.response.status, 200);
}

#[tokio::test]
async fn a_wrong_password_gets_the_servers_401() {
    let (_, server) = windows("right", true);
    let fx = Fixture::new();
    let req = fx.request("GET", &server.url("/"), |r| r.auth = ntlm("wrong"));
    let ex = send(&req, &vars()).await.expect("sent");
    assert_eq!(ex.response.status, 401);
    assert_eq!(server.hits().len(), 2);
}

#[tokio::test]
async fn a_server_that_does_not_challenge_answers_the_first_message() {
    let server = Server::start(|_| Reply::text("open"));
    let fx = Fixture::new();
    let req = fx.request("GET", &server.url("/"), |r| r.auth = ntlm("pw"));
    let ex = send(&req, &vars()).await.expect("sent");
    assert_eq!(ex.response.status, 200);
    let hit = server.hit();
    assert!(
        hit.header("authorization")
            .expect("negotiate")
            .starts_with("NTLM TlRMTVNTUAAB")
    );
}

#[tokio::test]
async fn a_garbled_challenge_is_a_clear_error() {
    let server = Server::start(|_| Reply::status(401).header("www-authenticate", "NTLM !!!"));
    let fx = Fixture::new();
    let req = fx.request("GET", &server.url("/"), |r| r.auth = ntlm("pw"));
    let e = send(&req, &vars()).await.expect_err("refused");
    assert_eq!(
        e.to_string(),
        format!(
            "cannot answer the ntlm challenge from {}: the challenge is not base64",
            server.url("")
        )
    );
}
