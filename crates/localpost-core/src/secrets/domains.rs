//! Whether a vault secret limited to some domains may be sent to a URL.

use url::Url;

/// Whether `pattern` admits `url`.
///
/// Patterns, as users write them in Postman's vault: `example.com` (that host, any scheme and
/// port), `*.example.com` (any subdomain, not the bare domain), `https://api.example.com`
/// (scheme and host), `https://api.example.com:8443/v1/*` (and port, and a path prefix; a
/// trailing `*` is optional). Hosts compare case-insensitively.
pub fn allows(pattern: &str, url: &Url) -> bool {
    let pattern = pattern.trim();
    let (scheme, rest) = match pattern.split_once("://") {
        Some((s, r)) => (Some(s), r),
        None => (None, pattern),
    };
    let (authority, path) = match rest.find('/') {
        Some(i) => (&rest[..i], Some(&rest[i..])),
        None => (rest, None),
    };
    let (host, port) = match authority.rsplit_once(':') {
        Some((h, p)) if !p.is_empty() && p.bytes().all(|b| b.is_ascii_digit()) => (h, Some(p)),
        _ => (authority, None),
    };
    if host.is_empty() {
        return false;
    }
    let Some(url_host) = url.host_str() else {
        return false;
    };
    let url_host = url_host.to_ascii_lowercase();
    let host = host.to_ascii_lowercase();
    let host_ok = match host.strip_prefix("*.") {
        Some(parent) => url_host.ends_with(&format!(".{parent}")),
        None => url_host == host,
    };
    let scheme_ok = scheme.is_none_or(|s| s.eq_ignore_ascii_case(url.scheme()));
    let port_ok = port.is_none_or(|p| {
        url.port_or_known_default()
            .is_some_and(|u| p.parse::<u16>().ok() == Some(u))
    });
    let path_ok = path.is_none_or(|p| url.path().starts_with(p.trim_end_matches('*')));
    host_ok && scheme_ok && port_ok && path_ok
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ok(pattern: &str, url: &str) -> bool {
        allows(pattern, &Url::parse(url).unwrap())
    }

    #[test]
    fn bare_hosts_match_any_scheme_and_port() {
        assert!(ok("api.example.com", "https://api.example.com/x"));
        assert!(ok("API.example.com", "http://api.EXAMPLE.com:8080/"));
        assert!(!ok("example.com", "https://api.example.com/"));
        assert!(!ok("example.com", "https://example.com.evil.test/"));
    }

    #[test]
    fn wildcards_take_subdomains_only() {
        assert!(ok("*.example.com", "https://a.b.example.com/"));
        assert!(!ok("*.example.com", "https://example.com/"));
        assert!(!ok("*.example.com", "https://badexample.com/"));
    }

    #[test]
    fn scheme_port_and_path_narrow_the_match() {
        assert!(ok("https://api.example.com", "https://api.example.com/v1"));
        assert!(!ok("https://api.example.com", "http://api.example.com/v1"));
        assert!(ok(
            "https://api.example.com:443",
            "https://api.example.com/"
        ));
        assert!(!ok(
            "https://api.example.com:8443",
            "https://api.example.com/"
        ));
        assert!(ok(
            "https://api.example.com/v1/*",
            "https://api.example.com/v1/users"
        ));
        assert!(!ok(
            "https://api.example.com/v1/*",
            "https://api.example.com/v2/users"
        ));
        assert!(!ok("", "https://api.example.com/"));
    }
}
