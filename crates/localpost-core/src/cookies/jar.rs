//! [`Jar`]: a workspace's cookies in memory for one send, with RFC 6265 matching from the
//! `cookie_store` crate.
//!
//! A send loads the jar from the store, reqwest reads and fills it (through
//! [`http::CookieJar`]), and [`Jar::changes`] then says what to write back: cookies added or
//! changed, and cookies that expired or were removed (`Max-Age=0`, an `Expires` in the past).
//! Writing back only the difference keeps two concurrent sends in one workspace from undoing
//! each other's cookies.

use std::collections::BTreeMap;
use std::sync::{Mutex, MutexGuard};

use cookie_store::{CookieDomain, CookieExpiration, CookiePath, CookieStore};
use url::Url;

use super::Cookie;
use crate::http;

/// The key of a cookie in a jar: domain, path and name.
pub(crate) type Key = (String, String, String);

/// A cookie jar in memory.
pub struct Jar {
    store: Mutex<CookieStore>,
    loaded: BTreeMap<Key, Cookie>,
}

impl std::fmt::Debug for Jar {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Jar")
            .field("cookies", &self.loaded.len())
            .finish_non_exhaustive()
    }
}

/// A stored cookie in `cookie_store`'s form; `None` when its path or expiry cannot be.
fn to_store(c: &Cookie) -> Option<cookie_store::Cookie<'static>> {
    let mut raw = cookie::Cookie::new(c.name.clone(), c.value.clone());
    raw.set_secure(c.secure);
    raw.set_http_only(c.http_only);
    raw.set_same_site(match c.same_site.as_deref() {
        Some("Strict") => Some(cookie::SameSite::Strict),
        Some("Lax") => Some(cookie::SameSite::Lax),
        Some("None") => Some(cookie::SameSite::None),
        _ => None,
    });
    let origin = Url::parse("http://localhost/").ok()?;
    let mut out = cookie_store::Cookie::try_from_raw_cookie(&raw, &origin).ok()?;
    out.domain = if c.host_only {
        CookieDomain::HostOnly(c.domain.clone())
    } else {
        CookieDomain::Suffix(c.domain.clone())
    };
    out.path = CookiePath::parse(&c.path)?;
    out.expires = match c.expires {
        Some(t) => CookieExpiration::AtUtc(time::OffsetDateTime::from_unix_timestamp(t).ok()?),
        None => CookieExpiration::SessionEnd,
    };
    Some(out.into_owned())
}

fn from_store(c: &cookie_store::Cookie<'_>) -> Cookie {
    Cookie {
        id: None,
        name: c.name().to_string(),
        value: c.value().to_string(),
        domain: String::from(&c.domain),
        host_only: matches!(c.domain, CookieDomain::HostOnly(_)),
        path: String::from(&c.path),
        expires: match &c.expires {
            CookieExpiration::AtUtc(t) => Some(t.unix_timestamp()),
            CookieExpiration::SessionEnd => None,
        },
        secure: c.secure().unwrap_or(false),
        http_only: c.http_only().unwrap_or(false),
        same_site: c.same_site().map(|s| s.to_string()),
    }
}

fn key(c: &Cookie) -> Key {
    (c.domain.clone(), c.path.clone(), c.name.clone())
}

impl Jar {
    /// A jar holding `cookies` (expired ones and ones that cannot be read are left out, and
    /// reported gone by [`Jar::changes`]).
    pub fn new(cookies: &[Cookie]) -> Jar {
        let now = time::OffsetDateTime::now_utc().unix_timestamp();
        let live: Vec<&Cookie> = cookies.iter().filter(|c| !c.is_expired_at(now)).collect();
        let store = CookieStore::from_cookies(
            live.iter()
                .filter_map(|c| to_store(c))
                .map(Ok::<_, std::convert::Infallible>),
            false,
        )
        .unwrap_or_default();
        Jar {
            store: Mutex::new(store),
            // Expired ones too, so that `changes` reports them gone and the store drops them.
            loaded: cookies.iter().map(|c| (key(c), c.clone())).collect(),
        }
    }

    fn lock(&self) -> MutexGuard<'_, CookieStore> {
        // Each call leaves the jar whole: recover it after a panic elsewhere.
        self.store.lock().unwrap_or_else(|e| e.into_inner())
    }

    /// The unexpired cookies now in the jar.
    pub fn cookies(&self) -> Vec<Cookie> {
        self.lock().iter_unexpired().map(from_store).collect()
    }

    /// Puts `cookie` in the jar, replacing one of the same domain, path and name (a script's
    /// `pm.cookies.jar().set`). Returns false when it cannot be held (an invalid path or
    /// expiry).
    pub fn put(&self, cookie: &Cookie) -> bool {
        let Some(stored) = to_store(cookie) else {
            return false;
        };
        let origin = format!("http://{}/", cookie.domain.trim_start_matches('.'));
        let Ok(url) = Url::parse(&origin) else {
            return false;
        };
        self.lock().insert(stored, &url).is_ok()
    }

    /// Removes the cookies of `domain` whose path is `path` (any path when `None`) and whose
    /// name is `name` (any name when `None`); returns how many went.
    pub fn remove(&self, domain: &str, path: Option<&str>, name: Option<&str>) -> usize {
        let mut store = self.lock();
        let doomed: Vec<(String, String, String)> = store
            .iter_any()
            .filter(|c| String::from(&c.domain) == domain)
            .filter(|c| path.is_none_or(|p| String::from(&c.path) == p))
            .filter(|c| name.is_none_or(|n| c.name() == n))
            .map(|c| {
                (
                    String::from(&c.domain),
                    String::from(&c.path),
                    c.name().to_owned(),
                )
            })
            .collect();
        for (d, p, n) in &doomed {
            store.remove(d, p, n);
        }
        doomed.len()
    }

    /// Removes every cookie.
    pub fn clear(&self) {
        self.lock().clear();
    }

    /// What changed since the jar was made: cookies to add or replace, and the keys of cookies
    /// that are gone (expired or removed). Row ids are carried over where known.
    pub(crate) fn changes(&self) -> (Vec<Cookie>, Vec<Key>) {
        let now: BTreeMap<Key, Cookie> = self.cookies().into_iter().map(|c| (key(&c), c)).collect();
        let mut put = Vec::new();
        for (k, c) in &now {
            let before = self.loaded.get(k);
            let mut c = c.clone();
            c.id = before.and_then(|b| b.id);
            if before.is_none_or(|b| *b != c) {
                put.push(c);
            }
        }
        let gone = self
            .loaded
            .keys()
            .filter(|k| !now.contains_key(*k))
            .cloned()
            .collect();
        (put, gone)
    }
}

impl http::CookieJar for Jar {
    fn header_for(&self, url: &Url) -> Option<String> {
        let store = self.lock();
        let pairs: Vec<String> = store
            .get_request_values(url)
            .map(|(name, value)| format!("{name}={value}"))
            .collect();
        (!pairs.is_empty()).then(|| pairs.join("; "))
    }

    fn store(&self, set_cookies: &[String], url: &Url) {
        let mut store = self.lock();
        for header in set_cookies {
            // A cookie the rules refuse (another domain, a public suffix) is dropped, as a
            // browser drops it.
            let _ = store.parse(header, url);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::http::CookieJar;

    fn url(s: &str) -> Url {
        Url::parse(s).expect("url")
    }

    /// The Cookie header for `u`, its pairs sorted (the jar promises no order).
    fn header(jar: &Jar, u: &str) -> Option<String> {
        jar.header_for(&url(u)).map(|h| {
            let mut pairs: Vec<&str> = h.split("; ").collect();
            pairs.sort();
            pairs.join("; ")
        })
    }

    #[test]
    fn domain_host_only_path_and_secure_follow_rfc_6265() {
        let jar = Jar::new(&[]);
        let from = url("http://api.example.com/v1/login");
        jar.store(
            &[
                "host=1".into(),
                "wide=2; Domain=example.com; Path=/".into(),
                "deep=3; Path=/v1/admin".into(),
                "tls=4; Secure; Path=/".into(),
                "other=5; Domain=elsewhere.org".into(),
            ],
            &from,
        );
        // host=1 has the default path /v1; wide=2 reaches subdomains; other=5 was refused.
        assert_eq!(
            header(&jar, "http://api.example.com/v1/x").as_deref(),
            Some("host=1; wide=2")
        );
        assert_eq!(
            header(&jar, "http://www.example.com/").as_deref(),
            Some("wide=2")
        );
        assert_eq!(header(&jar, "http://example.org/"), None);
        let admin = header(&jar, "http://api.example.com/v1/admin/users").unwrap_or_default();
        assert!(admin.contains("deep=3"), "{admin}");
        let tls = header(&jar, "https://api.example.com/").unwrap_or_default();
        assert!(tls.contains("tls=4"), "{tls}");
        assert!(
            !header(&jar, "http://api.example.com/")
                .unwrap_or_default()
                .contains("tls")
        );
    }

    #[test]
    fn max_age_zero_and_past_expires_remove_and_changes_say_so() {
        let mut kept = Cookie::new("old", "x", "example.com");
        kept.id = Some(crate::model::CookieId(7));
        let mut stale = Cookie::new("stale", "s", "example.com");
        stale.expires = Some(1_000);
        let jar = Jar::new(&[
            kept.clone(),
            Cookie::new("keep", "y", "example.com"),
            stale.clone(),
        ]);
        jar.store(
            &[
                "old=; Max-Age=0".into(),
                "keep=y".into(),
                "new=z; Expires=Wed, 21 Oct 2099 07:28:00 GMT".into(),
                "dead=q; Expires=Wed, 21 Oct 2015 07:28:00 GMT".into(),
            ],
            &url("http://example.com/"),
        );
        let (put, gone) = jar.changes();
        let names: Vec<&str> = put.iter().map(|c| c.name.as_str()).collect();
        assert_eq!(names, ["new"]);
        assert_eq!(put[0].expires, Some(4_096_250_880));
        assert_eq!(gone, [key(&kept), key(&stale)]);
    }

    #[test]
    fn stored_cookies_round_trip_through_the_jar() {
        let mut c = Cookie::new("sid", "abc", "example.com");
        c.host_only = false;
        c.path = "/api".into();
        c.expires = Some(4_000_000_000);
        c.secure = true;
        c.http_only = true;
        c.same_site = Some("Strict".into());
        let jar = Jar::new(std::slice::from_ref(&c));
        assert_eq!(jar.cookies(), [c]);
        assert_eq!(jar.changes(), (vec![], vec![]));
        assert_eq!(
            header(&jar, "https://a.example.com/api/x").as_deref(),
            Some("sid=abc")
        );
    }
}
