//! What looks like a secret inside one text value: the detectors of the scanner.
//!
//! Each detector returns byte spans of `text`, so a finding can be moved into the vault by
//! replacing just that span (`Bearer eyJ…` becomes `Bearer {{vault:name}}`). Text inside
//! `{{…}}` is a reference, never a secret, and is skipped.

use base64::Engine as _;
use serde::Serialize;
use ts_rs::TS;

/// What kind of secret a finding looks like.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, TS)]
#[serde(rename_all = "camelCase")]
#[ts(export)]
pub enum SecretKind {
    /// A JSON Web Token (`eyJ….….…`).
    Jwt,
    /// The token of `Bearer <token>`.
    BearerToken,
    /// The credentials of `Basic <base64 user:password>`, or the password in `user:pass@host`.
    BasicCredentials,
    /// An AWS access key id (`AKIA…`, `ASIA…`).
    AwsAccessKey,
    /// A PEM private key block.
    PrivateKey,
    /// A long random-looking value.
    HighEntropy,
    /// A plain value in a field or variable whose name says it is a credential (`password`,
    /// `clientSecret`, `api_key`…).
    Credential,
}

impl SecretKind {
    /// A short lower-case label, e.g. `jwt`.
    pub fn label(self) -> &'static str {
        match self {
            SecretKind::Jwt => "JSON web token",
            SecretKind::BearerToken => "bearer token",
            SecretKind::BasicCredentials => "basic credentials",
            SecretKind::AwsAccessKey => "AWS access key id",
            SecretKind::PrivateKey => "private key",
            SecretKind::HighEntropy => "high-entropy value",
            SecretKind::Credential => "credential",
        }
    }
}

/// One secret-looking span of a text, `start..end` in bytes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Hit {
    pub kind: SecretKind,
    pub start: usize,
    pub end: usize,
}

/// How much a field may be suspected.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Field {
    /// Free text (a body): only unmistakable patterns, plus high entropy.
    Text,
    /// A value named like a credential: any plain value at all is one.
    Credential,
    /// A URL: its userinfo password and the patterns.
    Url,
}

/// Names that say their value is a credential (compared without `_`, `-` and case).
const CREDENTIAL_NAMES: &[&str] = &[
    "password",
    "passwd",
    "pwd",
    "secret",
    "clientsecret",
    "consumersecret",
    "tokensecret",
    "secretkey",
    "secretaccesskey",
    "apikey",
    "apitoken",
    "accesstoken",
    "refreshtoken",
    "authtoken",
    "token",
    "authkey",
    "privatekey",
    "sessiontoken",
    "clienttoken",
    "xapikey",
    "authorization",
];

/// Words that, ending a name, say its value is a credential (`basicPassword`, `DB_PASS`,
/// `slack-bot-token`).
const CREDENTIAL_LAST_WORDS: &[&str] = &[
    "password",
    "passwd",
    "pwd",
    "pass",
    "passphrase",
    "secret",
    "token",
    "credential",
    "credentials",
    "authorization",
];

/// Words that, before a final `key`, make it a credential (`stripeApiKey`, `rsa_private_key`,
/// `Ocp-Apim-Subscription-Key`); a bare `key`, `publicKey` or `sortKey` is not.
const SECRET_KEY_KINDS: &[&str] = &[
    "api",
    "secret",
    "private",
    "signing",
    "encryption",
    "hmac",
    "master",
    "subscription",
    "auth",
    "license",
];

/// Words that, before a final `token`, make it something else: a page of results.
const NOT_SECRET_TOKENS: &[&str] = &["page", "continuation", "pagination", "cursor"];

/// The words of a name: split at `_`, `-`, spaces, dots and case changes (`XApiKey` is `x`,
/// `api`, `key`; `HTTPToken` is `http`, `token`), lower-cased.
fn words(name: &str) -> Vec<String> {
    let chars: Vec<char> = name.chars().collect();
    let mut words = Vec::new();
    let mut word = String::new();
    for (i, &c) in chars.iter().enumerate() {
        if !c.is_alphanumeric() {
            if !word.is_empty() {
                words.push(std::mem::take(&mut word));
            }
            continue;
        }
        let prev = i.checked_sub(1).map(|p| chars[p]);
        let next = chars.get(i + 1).copied();
        let boundary = c.is_uppercase()
            && prev.is_some_and(|p| {
                p.is_lowercase()
                    || p.is_ascii_digit()
                    || (p.is_uppercase() && next.is_some_and(char::is_lowercase))
            });
        if boundary && !word.is_empty() {
            words.push(std::mem::take(&mut word));
        }
        word.extend(c.to_lowercase());
    }
    if !word.is_empty() {
        words.push(word);
    }
    words
}

/// Whether a variable, header, parameter or auth field named `name` holds a credential: a
/// credential name (`client_secret`, `X-API-Key`), or a name that ends in a credential word
/// (`basicPassword`, `githubToken`, `stripe_api_key`, `sessionId`), in any case style.
pub(crate) fn is_credential_name(name: &str) -> bool {
    let mut words = words(name);
    if CREDENTIAL_NAMES.contains(&words.concat().as_str()) {
        return true;
    }
    // `password2`, `token_1`: a number at the end names which one, not what it is.
    while words
        .last()
        .is_some_and(|w| w.chars().all(|c| c.is_ascii_digit()))
    {
        words.pop();
    }
    if let Some(last) = words.last_mut() {
        let kept = last.trim_end_matches(|c: char| c.is_ascii_digit()).len();
        last.truncate(kept);
    }
    let before = |n: usize| {
        words
            .len()
            .checked_sub(n + 1)
            .and_then(|i| words.get(i))
            .map(String::as_str)
    };
    match words.last().map(String::as_str) {
        Some("token") => !before(1).is_some_and(|w| NOT_SECRET_TOKENS.contains(&w)),
        Some(last) if CREDENTIAL_LAST_WORDS.contains(&last) => true,
        Some("key") => before(1).is_some_and(|w| SECRET_KEY_KINDS.contains(&w)),
        Some("apikey" | "secretkey" | "privatekey") => true,
        Some("id" | "cookie") => before(1) == Some("session"),
        Some("sessionid") => true,
        _ => false,
    }
}

/// The secret-looking spans of `text`, in order, not overlapping.
pub(crate) fn detect(text: &str, field: Field) -> Vec<Hit> {
    let mut hits = Vec::new();
    if text.trim().is_empty() || crate::template::is_lone_reference(text) {
        return hits;
    }
    private_keys(text, &mut hits);
    schemes(text, &mut hits);
    if field == Field::Url {
        userinfo(text, &mut hits);
        query_credentials(text, &mut hits);
    }
    for (start, end) in tokens(text) {
        if overlaps(&hits, start, end) {
            continue;
        }
        let token = &text[start..end];
        if let Some(kind) = classify(token) {
            hits.push(Hit { kind, start, end });
        }
    }
    // `Bearer {{token}}` names its secret; only a value with no reference at all is one.
    if field == Field::Credential && hits.is_empty() && !text.contains("{{") {
        let start = text.len() - text.trim_start().len();
        let end = text.trim_end().len();
        hits.push(Hit {
            kind: SecretKind::Credential,
            start,
            end,
        });
    }
    hits.sort_by_key(|h| h.start);
    hits
}

fn overlaps(hits: &[Hit], start: usize, end: usize) -> bool {
    hits.iter().any(|h| start < h.end && h.start < end)
}

/// `-----BEGIN … PRIVATE KEY-----` blocks, up to their END line (or the end of the text).
fn private_keys(text: &str, hits: &mut Vec<Hit>) {
    let mut from = 0;
    while let Some(found) = text[from..].find("-----BEGIN ") {
        let start = from + found;
        let header_end = text[start + 11..]
            .find("-----")
            .map(|i| start + 11 + i)
            .unwrap_or(text.len());
        let label = &text[start + 11..header_end];
        if !label.ends_with("PRIVATE KEY") {
            from = header_end;
            continue;
        }
        let end = text[header_end..]
            .find("-----END ")
            .and_then(|i| {
                let at = header_end + i + 9;
                text[at..].find("-----").map(|j| at + j + 5)
            })
            .unwrap_or(text.len());
        hits.push(Hit {
            kind: SecretKind::PrivateKey,
            start,
            end,
        });
        from = end;
    }
}

/// The credentials after `Bearer ` and `Basic `.
fn schemes(text: &str, hits: &mut Vec<Hit>) {
    for (scheme, kind) in [
        ("bearer ", SecretKind::BearerToken),
        ("basic ", SecretKind::BasicCredentials),
    ] {
        let lower = text.to_ascii_lowercase();
        let mut from = 0;
        while let Some(found) = lower[from..].find(scheme) {
            let at = from + found;
            from = at + scheme.len();
            let is_word_start = at == 0 || !text.as_bytes()[at - 1].is_ascii_alphanumeric();
            let start = from + (text[from..].len() - text[from..].trim_start().len());
            let end = text[start..]
                .find(|c: char| c.is_whitespace() || matches!(c, '"' | '\'' | ',' | ';'))
                .map_or(text.len(), |i| start + i);
            let credential = &text[start..end];
            let plausible = match kind {
                SecretKind::BasicCredentials => base64::engine::general_purpose::STANDARD
                    .decode(credential)
                    .is_ok_and(|d| d.contains(&b':')),
                _ => credential.len() >= 8,
            };
            if is_word_start && plausible && !credential.contains("{{") {
                let kind = if looks_like_jwt(credential) {
                    SecretKind::Jwt
                } else {
                    kind
                };
                if !overlaps(hits, start, end) {
                    hits.push(Hit { kind, start, end });
                }
            }
        }
    }
}

/// The password of `scheme://user:password@host`.
fn userinfo(text: &str, hits: &mut Vec<Hit>) {
    let Some(scheme_end) = text.find("://") else {
        return;
    };
    let rest = &text[scheme_end + 3..];
    let authority_end = rest.find(['/', '?', '#']).unwrap_or(rest.len());
    let authority = &rest[..authority_end];
    let Some(at) = authority.rfind('@') else {
        return;
    };
    let Some(colon) = authority[..at].find(':') else {
        return;
    };
    let start = scheme_end + 3 + colon + 1;
    let end = scheme_end + 3 + at;
    if end > start && !text[start..end].contains("{{") {
        hits.push(Hit {
            kind: SecretKind::BasicCredentials,
            start,
            end,
        });
    }
}

/// The values of credential-named query parameters (`?api_key=…`).
fn query_credentials(text: &str, hits: &mut Vec<Hit>) {
    let Some(q) = text.find('?') else {
        return;
    };
    let end_of_query = text[q..].find('#').map_or(text.len(), |i| q + i);
    let mut at = q + 1;
    for pair in text[q + 1..end_of_query].split('&') {
        if let Some((key, value)) = pair.split_once('=') {
            let start = at + key.len() + 1;
            let end = start + value.len();
            let plain = !value.is_empty() && !value.contains("{{");
            if plain && is_credential_name(key) && !overlaps(hits, start, end) {
                hits.push(Hit {
                    kind: SecretKind::Credential,
                    start,
                    end,
                });
            }
        }
        at += pair.len() + 1;
    }
}

/// Runs of token characters: letters, digits and `+/_-`, `.` inside a run (a JWT's parts) and
/// `=` only as trailing padding (so `key=value` is two tokens).
fn tokens(text: &str) -> Vec<(usize, usize)> {
    let chars: Vec<(usize, char)> = text.char_indices().collect();
    let mut out = Vec::new();
    let mut start = None;
    for (n, &(i, c)) in chars.iter().enumerate() {
        let next = chars.get(n + 1).map(|(_, c)| *c);
        let inside = c.is_ascii_alphanumeric()
            || matches!(c, '+' | '/' | '_' | '-')
            || (c == '.' && start.is_some())
            || (c == '=' && start.is_some() && !next.is_some_and(|n| n.is_ascii_alphanumeric()));
        match (inside, start) {
            (true, None) => start = Some(i),
            (false, Some(s)) => {
                out.push(trim_token(text, s, i));
                start = None;
            }
            _ => {}
        }
    }
    if let Some(s) = start {
        out.push(trim_token(text, s, text.len()));
    }
    out.into_iter().filter(|(s, e)| e > s).collect()
}

/// Drops trailing dots, so a sentence's full stop is not part of a token.
fn trim_token(text: &str, start: usize, end: usize) -> (usize, usize) {
    let trimmed = text[start..end].trim_end_matches('.');
    (start, start + trimmed.len())
}

/// What a lone token looks like, if it looks like a secret.
fn classify(token: &str) -> Option<SecretKind> {
    if looks_like_jwt(token) {
        return Some(SecretKind::Jwt);
    }
    if token.contains('.') {
        return None;
    }
    if is_aws_access_key(token) {
        return Some(SecretKind::AwsAccessKey);
    }
    if is_high_entropy(token) {
        return Some(SecretKind::HighEntropy);
    }
    None
}

/// Three base64url parts, the first a JSON object (`eyJ`).
fn looks_like_jwt(token: &str) -> bool {
    let parts: Vec<&str> = token.split('.').collect();
    parts.len() == 3
        && parts[0].starts_with("eyJ")
        && parts[0].len() >= 10
        && parts[1].len() >= 4
        && parts.iter().all(|p| {
            p.bytes()
                .all(|b| b.is_ascii_alphanumeric() || b == b'-' || b == b'_' || b == b'=')
        })
}

fn is_aws_access_key(token: &str) -> bool {
    const PREFIXES: &[&str] = &[
        "AKIA", "ASIA", "AGPA", "AIDA", "AROA", "ANPA", "ANVA", "AIPA",
    ];
    token.len() == 20
        && PREFIXES.iter().any(|p| token.starts_with(p))
        && token
            .bytes()
            .all(|b| b.is_ascii_uppercase() || b.is_ascii_digit())
}

/// Long, mixed and random: hex of 32+ characters, or 20+ characters of letters and digits with
/// high Shannon entropy. UUIDs, words and paths do not qualify.
fn is_high_entropy(token: &str) -> bool {
    if token.len() < 20 || token.len() > 512 || is_uuid(token) {
        return false;
    }
    let has_digit = token.bytes().any(|b| b.is_ascii_digit());
    let has_lower = token.bytes().any(|b| b.is_ascii_lowercase());
    let has_upper = token.bytes().any(|b| b.is_ascii_uppercase());
    let is_hex = token.bytes().all(|b| b.is_ascii_hexdigit());
    if is_hex {
        return token.len() >= 32 && has_digit && entropy(token) >= 3.0;
    }
    if token.bytes().filter(|b| *b == b'/').count() > 1 || token.contains("--") {
        return false;
    }
    has_digit && has_lower && has_upper && entropy(token) >= 4.0
}

fn is_uuid(token: &str) -> bool {
    let groups: Vec<&str> = token.split('-').collect();
    groups.len() == 5
        && groups.iter().map(|g| g.len()).eq([8, 4, 4, 4, 12])
        && groups
            .iter()
            .all(|g| g.bytes().all(|b| b.is_ascii_hexdigit()))
}

/// Shannon entropy in bits per character.
fn entropy(token: &str) -> f64 {
    let mut counts = [0u32; 256];
    for b in token.bytes() {
        counts[usize::from(b)] += 1;
    }
    let len = token.len() as f64;
    counts
        .iter()
        .filter(|c| **c > 0)
        .map(|c| {
            let p = f64::from(*c) / len;
            -p * p.log2()
        })
        .sum()
}

#[cfg(test)]
mod tests {
    use super::*;

    const JWT: &str = "eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJzdWIiOiIxMjM0NTY3ODkwIn0.dozjgNryP4J3jVmNHl0w5N_XgL0n3I9PlFUP0THsR8U";

    fn kinds(text: &str, field: Field) -> Vec<(SecretKind, &str)> {
        detect(text, field)
            .into_iter()
            .map(|h| (h.kind, &text[h.start..h.end]))
            .collect()
    }

    #[test]
    fn finds_each_pattern_with_its_span() {
        assert_eq!(
            kinds(&format!("Bearer {JWT}"), Field::Text),
            vec![(SecretKind::Jwt, JWT)]
        );
        assert_eq!(
            kinds("Bearer 8f14e45fceea167a5a36dedd4bea2543x", Field::Text),
            vec![(SecretKind::BearerToken, "8f14e45fceea167a5a36dedd4bea2543x")]
        );
        assert_eq!(
            kinds("Basic dXNlcjpodW50ZXIy", Field::Text),
            vec![(SecretKind::BasicCredentials, "dXNlcjpodW50ZXIy")]
        );
        assert_eq!(
            kinds("key=AKIAIOSFODNN7EXAMPLE&x=1", Field::Text),
            vec![(SecretKind::AwsAccessKey, "AKIAIOSFODNN7EXAMPLE")]
        );
        assert_eq!(
            kinds(
                "https://h.example/o?page=2&api_key=k-1&b={{t}}#f",
                Field::Url
            ),
            vec![(SecretKind::Credential, "k-1")]
        );
        assert_eq!(
            kinds("https://ann:s3cr3t@api.example.com/x", Field::Url),
            vec![(SecretKind::BasicCredentials, "s3cr3t")]
        );
        let pem = "-----BEGIN RSA PRIVATE KEY-----\nMIIBOgIBAAJBAKj34GkxFhD90vcNLYLInFEX6Ppy1tPf9Cnzj4p4WGeKLs1Pt8Qu\n-----END RSA PRIVATE KEY-----";
        let text = format!("{{\"key\": \"{pem}\"}}");
        assert_eq!(
            kinds(&text, Field::Text),
            vec![(SecretKind::PrivateKey, pem)]
        );
        assert_eq!(
            kinds(
                "{\"apiKey\": \"Zx9Qm2Lr7TvB4nW8kJ3pY6sD1fH5gA0c\"}",
                Field::Text
            ),
            vec![(SecretKind::HighEntropy, "Zx9Qm2Lr7TvB4nW8kJ3pY6sD1fH5gA0c")]
        );
    }

    #[test]
    fn ordinary_values_are_not_secrets() {
        for text in [
            "https://api.example.com/v1/users/123/orders?page=2",
            "550e8400-e29b-41d4-a716-446655440000",
            "application/json; charset=utf-8",
            "The quick brown fox jumps over the lazy dog.",
            "{{token}}",
            "Bearer {{access_token}}",
            "Basic {{credentials}}",
            "getUserAccountPreferencesByIdentifier",
            "/usr/local/share/localpost/fixtures/file.json",
        ] {
            assert_eq!(kinds(text, Field::Text), vec![], "{text}");
            assert_eq!(kinds(text, Field::Url), vec![], "{text}");
        }
    }

    #[test]
    fn a_credential_field_is_a_secret_whatever_it_holds() {
        assert_eq!(
            kinds(" hunter2 ", Field::Credential),
            vec![(SecretKind::Credential, "hunter2")]
        );
        assert_eq!(kinds("{{password}}", Field::Credential), vec![]);
        assert_eq!(kinds("Bearer {{vault:t}}", Field::Credential), vec![]);
        assert_eq!(kinds("", Field::Credential), vec![]);
        assert!(is_credential_name("client_secret"));
        assert!(is_credential_name("X-API-Key"));
        assert!(is_credential_name("accessToken"));
        assert!(!is_credential_name("username"));
        assert!(!is_credential_name("tokenUrl"));
    }

    /// Names met in real collections and environments: credentials in every case style, and
    /// their look-alikes that are not.
    #[test]
    fn credential_words_inside_names_are_credentials() {
        let credentials = [
            "basicPassword",
            "db_password",
            "DB_PASS",
            "adminPwd",
            "client-secret",
            "oauthClientSecret",
            "jwtSecret",
            "webhook_secret",
            "github_token",
            "GITHUB_TOKEN",
            "slackBotToken",
            "csrfToken",
            "id_token",
            "access_token",
            "authToken",
            "bearerToken",
            "HTTPToken",
            "x-api-key",
            "X-Api-Key",
            "stripeApiKey",
            "OPENAI_API_KEY",
            "mapsApiKey",
            "privateKey",
            "rsa_private_key",
            "signingKey",
            "hmacKey",
            "Ocp-Apim-Subscription-Key",
            "sessionId",
            "session_id",
            "SESSION_COOKIE",
            "passphrase",
            "keyPassphrase",
            "credentials",
            "gcpCredentials",
            "proxyAuthorization",
            "refresh-token",
            "userPassword2",
            "dbPassword",
            "token_1",
        ];
        let not = [
            "username",
            "tokenUrl",
            "token_url",
            "accessTokenUrl",
            "tokenType",
            "token_type",
            "expires_in",
            "passwordPolicy",
            "password_hint",
            "secretName",
            "apiKeyHeader",
            "pageToken",
            "nextPageToken",
            "publicKey",
            "primaryKey",
            "sortKey",
            "key",
            "keyId",
            "key_id",
            "passport",
            "compass",
            "bypass",
            "tokens_count",
            "tokenizer",
            "author",
            "userId",
            "baseUrl",
            "host",
            "session",
            "cookieName",
            "apiVersion",
        ];
        for name in credentials {
            assert!(is_credential_name(name), "{name} is a credential");
        }
        for name in not {
            assert!(!is_credential_name(name), "{name} is not a credential");
        }
        assert_eq!(words("XApiKey"), ["x", "api", "key"]);
        assert_eq!(words("HTTPToken_v2"), ["http", "token", "v2"]);
    }

    #[test]
    fn spans_are_char_boundaries_in_unicode_text() {
        let text = format!("héllo wörld {JWT} — fin");
        let hits = detect(&text, Field::Text);
        assert_eq!(hits.len(), 1);
        assert_eq!(&text[hits[0].start..hits[0].end], JWT);
    }
}
