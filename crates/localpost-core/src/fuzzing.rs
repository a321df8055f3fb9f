//! Entry points for the fuzz targets in `fuzz/` (cargo-fuzz), reaching parsers of untrusted
//! input that are not public otherwise. Each takes raw input and must return without panicking,
//! hanging or allocating without bound, whatever the input. Not part of the API.

use crate::http::{CookieJar, Header};
use crate::model::Variable;
use crate::template::{self, Scope, Variables};

/// A server's `WWW-Authenticate` value, as the digest scheme reads it.
pub fn digest_challenge(value: &str) {
    let _ = crate::http::auth_parsers::digest_challenges(value);
}

/// A server's NTLM CHALLENGE message (the bytes after base64).
pub fn ntlm_challenge(bytes: &[u8]) {
    let _ = crate::http::auth_parsers::NtlmChallenge::parse(bytes);
}

/// `Set-Cookie` values from a response to `https://api.example.com/v1/x`: stored in a jar,
/// sent back, listed, and read as the response's own cookies.
pub fn set_cookie(values: &[String]) {
    let jar = crate::cookies::Jar::new(&[]);
    let Ok(url) = url::Url::parse("https://api.example.com/v1/x") else {
        return;
    };
    jar.store(values, &url);
    let _ = jar.header_for(&url);
    let _ = jar.cookies();
    let headers: Vec<Header> = values
        .iter()
        .map(|v| Header::new("set-cookie", v.as_str()))
        .collect();
    let _ = crate::http::response_cookies(&headers, url.as_str(), 200);
}

/// `input` rendered as a template, over variables that refer to each other (and to
/// themselves) and dynamic variables.
pub fn template(input: &str) {
    let variable = |key: &str, value: &str| Variable {
        key: key.into(),
        value: value.into(),
        enabled: true,
        ..Variable::default()
    };
    let vars = Variables::new().with(
        Scope::Environment,
        &[
            variable("a", "{{b}}"),
            variable("b", "x{{a}}"),
            variable("host", "api.example.com"),
            variable("input", input),
        ],
    );
    let _ = template::render(input, &vars);
}

/// An event stream read whole and read in the chunks `cuts` gives (each byte of `cuts` is the
/// length of the next chunk, 0 read as 1): the same events either way, and no panic.
pub fn event_stream(stream: &[u8], cuts: &[u8]) {
    use crate::http::event_stream::EventStream;
    let whole = EventStream::new().feed(stream);
    let mut parser = EventStream::new();
    let mut chunked = Vec::new();
    let mut rest = stream;
    let mut sizes = cuts.iter().cycle();
    while !rest.is_empty() {
        let size = sizes.next().map_or(rest.len(), |n| usize::from(*n).max(1));
        let (chunk, after) = rest.split_at(size.min(rest.len()));
        chunked.extend(parser.feed(chunk));
        rest = after;
    }
    assert_eq!(whole, chunked, "chunking changed the events");
}
