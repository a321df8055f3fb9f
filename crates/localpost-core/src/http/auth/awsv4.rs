//! AWS Signature Version 4 (`AWS4-HMAC-SHA256`), with Postman's parameters and defaults.
//!
//! `accessKey`, `secretKey`, `region` (default `us-east-1`), `service` (default
//! `execute-api`, API Gateway, as Postman), `sessionToken`, and `addAuthDataToQuery` for a
//! presigned URL. Implemented on ring's HMAC and SHA-256 rather than the `aws-sigv4` crate,
//! whose runtime and credential crates are far heavier than the canonical request itself; the
//! AWS test suite's vectors check it (`tests/fixture/aws-sig-v4/`).
//!
//! Header signing (Postman's default) sets `X-Amz-Date`, `X-Amz-Security-Token` and, for a
//! non-empty body or S3, `X-Amz-Content-Sha256`, and signs every header but those a proxy or
//! the client may change (`authorization`, `connection`, `expect`, `range`, `user-agent`,
//! `x-amzn-trace-id`, `presigned-expires`), plus `host`. Query signing adds the `X-Amz-*`
//! parameters and signs only `host`; S3 then signs `UNSIGNED-PAYLOAD`. The canonical URI is the
//! path as sent, each segment encoded again for services other than S3 (as the AWS SDKs do).

use percent_encoding::percent_decode_str;
use ring::{digest, hmac};

use super::super::Result;
use super::signer::{Message, Params, host_header, rfc3986};
use crate::template::{Entropy, iso_timestamp};

/// Headers never signed: a proxy or the HTTP client may change them (the `aws4` library's list).
const UNSIGNED: [&str; 8] = [
    "authorization",
    "connection",
    "expect",
    "range",
    "user-agent",
    "x-amzn-trace-id",
    "presigned-expires",
    "host",
];

/// The query parameters of a presigned URL, replaced when signing again.
const QUERY_PARAMS: [&str; 7] = [
    "X-Amz-Algorithm",
    "X-Amz-Credential",
    "X-Amz-Date",
    "X-Amz-Expires",
    "X-Amz-SignedHeaders",
    "X-Amz-Signature",
    "X-Amz-Security-Token",
];

/// AWS Signature V4 parameters, rendered.
#[derive(Clone)]
pub(crate) struct Awsv4 {
    access_key: String,
    secret_key: String,
    region: String,
    service: String,
    session_token: String,
    in_query: bool,
}

impl Awsv4 {
    /// Reads the parameters.
    pub(super) fn read(p: &mut Params<'_, '_, '_>) -> Result<Awsv4> {
        let or = |s: String, default: &str| {
            let s = s.trim().to_string();
            if s.is_empty() { default.to_string() } else { s }
        };
        Ok(Awsv4 {
            access_key: p.text("accessKey").trim().to_string(),
            secret_key: p.text("secretKey"),
            region: or(p.text("region"), "us-east-1"),
            service: or(p.text("service"), "execute-api"),
            session_token: p.text("sessionToken").trim().to_string(),
            in_query: p.flag("addAuthDataToQuery"),
        })
    }

    /// Signs `m` at the time `entropy` reads.
    pub(super) fn sign(&self, m: &mut Message<'_>, entropy: &mut dyn Entropy) -> Result<()> {
        let amz_date = amz_date(entropy.now_millis());
        let scope = format!(
            "{}/{}/{}/aws4_request",
            &amz_date[..8],
            self.region,
            self.service
        );
        let s3 = self.service == "s3";
        let payload = hex(digest::digest(&digest::SHA256, m.body()).as_ref());
        let host = m
            .header("host")
            .map_or_else(|| host_header(m.url), str::to_string);
        for name in ["Authorization", "X-Amz-Date", "X-Amz-Security-Token"] {
            m.remove_header(name);
        }

        if self.in_query {
            m.replace_query(&QUERY_PARAMS, &[], &[]);
            let mut pairs = vec![
                ("X-Amz-Algorithm".to_string(), ALGORITHM.to_string()),
                (
                    "X-Amz-Credential".into(),
                    format!("{}/{scope}", self.access_key),
                ),
                ("X-Amz-Date".into(), amz_date.clone()),
            ];
            if s3 {
                pairs.push(("X-Amz-Expires".into(), "86400".into()));
            }
            if !self.session_token.is_empty() {
                pairs.push(("X-Amz-Security-Token".into(), self.session_token.clone()));
            }
            pairs.push(("X-Amz-SignedHeaders".into(), "host".into()));
            m.replace_query(&[], &pairs, &["X-Amz-Security-Token"]);
            let payload = if s3 { "UNSIGNED-PAYLOAD" } else { &payload };
            let headers = [("host".to_string(), host)];
            let canonical = canonical_request(m.method, m.url, &headers, payload, s3);
            let signature = self.signature(&amz_date, &scope, &canonical);
            m.replace_query(
                &[],
                &[("X-Amz-Signature".into(), signature)],
                &["X-Amz-Signature"],
            );
            return Ok(());
        }

        m.set_header("X-Amz-Date", amz_date.clone(), false);
        if !self.session_token.is_empty() {
            m.set_header("X-Amz-Security-Token", self.session_token.clone(), true);
        }
        if !m.body().is_empty() || s3 {
            m.set_header("X-Amz-Content-Sha256", payload.clone(), false);
        }
        let mut headers = vec![("host".to_string(), host)];
        headers.extend(
            m.headers
                .iter()
                .map(|h| (h.name.to_ascii_lowercase(), h.value.clone()))
                .filter(|(name, _)| !UNSIGNED.contains(&name.as_str())),
        );
        let canonical = canonical_request(m.method, m.url, &headers, &payload, s3);
        let signature = self.signature(&amz_date, &scope, &canonical);
        let signed = signed_headers(&headers);
        m.set_header(
            "Authorization",
            format!(
                "{ALGORITHM} Credential={}/{scope}, SignedHeaders={signed}, Signature={signature}",
                self.access_key
            ),
            true,
        );
        Ok(())
    }

    /// The hex signature of `canonical` made at `amz_date` within `scope`.
    fn signature(&self, amz_date: &str, scope: &str, canonical: &str) -> String {
        let to_sign = format!(
            "{ALGORITHM}\n{amz_date}\n{scope}\n{}",
            hex(digest::digest(&digest::SHA256, canonical.as_bytes()).as_ref())
        );
        let mac = |key: &[u8], data: &str| {
            hmac::sign(&hmac::Key::new(hmac::HMAC_SHA256, key), data.as_bytes())
        };
        let k_date = mac(
            format!("AWS4{}", self.secret_key).as_bytes(),
            &amz_date[..8],
        );
        let k_region = mac(k_date.as_ref(), &self.region);
        let k_service = mac(k_region.as_ref(), &self.service);
        let k_signing = mac(k_service.as_ref(), "aws4_request");
        hex(mac(k_signing.as_ref(), &to_sign).as_ref())
    }
}

/// The algorithm's name.
const ALGORITHM: &str = "AWS4-HMAC-SHA256";

/// `YYYYMMDDTHHMMSSZ` for a Unix time in milliseconds.
fn amz_date(millis: i64) -> String {
    let iso = iso_timestamp(millis);
    let basic: String = iso[..19]
        .chars()
        .filter(|c| *c != '-' && *c != ':')
        .collect();
    format!("{basic}Z")
}

/// Lower-case hex.
fn hex(bytes: &[u8]) -> String {
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}

/// `name;name;…` of the signed headers, sorted, each once.
fn signed_headers(headers: &[(String, String)]) -> String {
    let mut names: Vec<&str> = headers.iter().map(|(n, _)| n.as_str()).collect();
    names.sort_unstable();
    names.dedup();
    names.join(";")
}

/// The canonical request: method, URI, query, headers, signed header names, payload hash.
/// `headers` are the ones to sign, names in lower case.
fn canonical_request(
    method: &str,
    url: &url::Url,
    headers: &[(String, String)],
    payload: &str,
    s3: bool,
) -> String {
    let uri: Vec<String> = url
        .path()
        .split('/')
        .map(|segment| {
            let decoded = percent_decode_str(segment).decode_utf8_lossy();
            let once = rfc3986(&decoded);
            if s3 { once } else { rfc3986(&once) }
        })
        .collect();
    let mut query: Vec<(String, String)> = url
        .query()
        .unwrap_or_default()
        .split('&')
        .filter(|s| !s.is_empty())
        .map(|pair| {
            let (k, v) = pair.split_once('=').unwrap_or((pair, ""));
            let dec = |s: &str| rfc3986(&percent_decode_str(s).decode_utf8_lossy());
            (dec(k), dec(v))
        })
        .filter(|(k, _)| k != "X-Amz-Signature")
        .collect();
    query.sort();
    let query: Vec<String> = query.iter().map(|(k, v)| format!("{k}={v}")).collect();

    let mut names: Vec<&str> = headers.iter().map(|(n, _)| n.as_str()).collect();
    names.sort_unstable();
    names.dedup();
    let canonical_headers: String = names
        .iter()
        .map(|name| {
            let values: Vec<String> = headers
                .iter()
                .filter(|(n, _)| n == name)
                .map(|(_, v)| v.split_whitespace().collect::<Vec<_>>().join(" "))
                .collect();
            format!("{name}:{}\n", values.join(","))
        })
        .collect();
    format!(
        "{method}\n{}\n{}\n{canonical_headers}\n{}\n{payload}",
        uri.join("/"),
        query.join("&"),
        names.join(";")
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Runs a case of the AWS SigV4 test suite: the raw request (`.req`) and the expected
    /// `Authorization` (`.authz`). Every header of the request is signed, as in the suite.
    fn suite_case(req: &str, authz: &str, secret: &str, service: &str) {
        let (head, body) = req.split_once("\n\n").unwrap_or((req, ""));
        let mut lines = head.lines();
        let request_line = lines.next().expect("request line");
        let mut parts = request_line.splitn(3, ' ');
        let method = parts.next().expect("method");
        let target = parts.next().expect("target");
        let headers: Vec<(String, String)> = lines
            .map(|l| {
                let (n, v) = l.split_once(':').expect("header");
                (n.to_ascii_lowercase(), v.trim().to_string())
            })
            .collect();
        let host = &headers.iter().find(|(n, _)| n == "host").expect("host").1;
        let url = url::Url::parse(&format!("https://{host}{target}")).expect("url");
        let amz_date = &headers
            .iter()
            .find(|(n, _)| n == "x-amz-date")
            .expect("date")
            .1;
        let credential = authz
            .split("Credential=")
            .nth(1)
            .and_then(|s| s.split(',').next())
            .expect("credential");
        let mut scope_parts = credential.splitn(2, '/');
        let access_key = scope_parts.next().expect("key");
        let scope = scope_parts.next().expect("scope");
        let region = scope.split('/').nth(1).expect("region");
        let signer = Awsv4 {
            access_key: access_key.into(),
            secret_key: secret.into(),
            region: region.into(),
            service: service.into(),
            session_token: String::new(),
            in_query: false,
        };
        let payload = hex(digest::digest(&digest::SHA256, body.as_bytes()).as_ref());
        let canonical = canonical_request(method, &url, &headers, &payload, service == "s3");
        let signature = signer.signature(amz_date, scope, &canonical);
        let expected = format!(
            "{ALGORITHM} Credential={access_key}/{scope}, SignedHeaders={}, Signature={signature}",
            signed_headers(&headers)
        );
        assert_eq!(expected, authz.trim(), "{request_line}");
    }

    macro_rules! suite {
        ($($name:ident: $file:literal, $secret:expr, $service:literal;)*) => {$(
            #[test]
            fn $name() {
                let dir = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/fixture/aws-sig-v4/");
                let req = std::fs::read_to_string(format!("{dir}{}.req", $file)).expect("req");
                let authz = std::fs::read_to_string(format!("{dir}{}.authz", $file)).expect("authz");
                suite_case(&req, &authz, $secret, $service);
            }
        )*};
    }

    const SECRET: &str = "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY";
    suite! {
        get_vanilla: "get-vanilla", SECRET, "service";
        get_vanilla_query_order_key: "get-vanilla-query-order-key", SECRET, "service";
        get_vanilla_query_order_key_case: "get-vanilla-query-order-key-case", SECRET, "service";
        get_vanilla_query_order_value: "get-vanilla-query-order-value", SECRET, "service";
        get_vanilla_query_unreserved: "get-vanilla-query-unreserved", SECRET, "service";
        get_header_key_duplicate: "get-header-key-duplicate", SECRET, "service";
        get_header_value_order: "get-header-value-order", SECRET, "service";
        get_header_value_trim: "get-header-value-trim", SECRET, "service";
        get_unreserved: "get-unreserved", SECRET, "service";
        normalize_path_get_relative: "normalize-path-get-relative", SECRET, "service";
        post_vanilla: "post-vanilla", SECRET, "service";
        post_x_www_form_urlencoded: "post-x-www-form-urlencoded", SECRET, "service";
        post_sts_header_before: "post-sts-header-before", SECRET, "service";
        s3_get_object: "s3-get-object", "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY", "s3";
    }

    #[test]
    fn amz_dates_are_basic_iso_8601() {
        assert_eq!(amz_date(1_440_938_160_000), "20150830T123600Z");
    }

    #[test]
    fn paths_are_encoded_twice_except_for_s3() {
        let url = url::Url::parse("https://h/a%20b/c").expect("url");
        let c = canonical_request("GET", &url, &[], "x", false);
        assert!(c.starts_with("GET\n/a%2520b/c\n"), "{c}");
        let c = canonical_request("GET", &url, &[], "x", true);
        assert!(c.starts_with("GET\n/a%20b/c\n"), "{c}");
    }
}
