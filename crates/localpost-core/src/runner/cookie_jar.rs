//! newman's cookie jar files (`--cookie-jar`, `--export-cookie-jar`): a tough-cookie
//! `CookieJar.toJSON()` object, read into [`Cookie`]s and written from them.
//!
//! The caller writes the file, and puts the cookies in a workspace's jar.

use std::path::Path;

use serde_json::{Value, json};

use super::Result;
use super::json_file::{self, invalid};
use crate::cookies::Cookie;

/// Why a cookie jar file cannot be read, with the place in it.
type Invalid = String;

/// Reads the jar file at `path`.
pub fn read(path: &Path) -> Result<Vec<Cookie>> {
    let json = json_file::read(path)?;
    from_json(&json).map_err(|reason| invalid(path, reason))
}

/// The cookies of a tough-cookie jar. Fails with the place of the first entry that is not a
/// cookie: `cookies[2].domain: missing`.
pub(crate) fn from_json(jar: &Value) -> std::result::Result<Vec<Cookie>, Invalid> {
    let list = jar
        .get("cookies")
        .and_then(Value::as_array)
        .ok_or("not a tough-cookie jar: no \"cookies\" array")?;
    list.iter()
        .enumerate()
        .map(|(i, c)| cookie(c).map_err(|reason| format!("cookies[{i}]{reason}")))
        .collect()
}

fn cookie(c: &Value) -> std::result::Result<Cookie, Invalid> {
    let text = |field: &str| -> std::result::Result<Option<String>, Invalid> {
        match c.get(field) {
            None | Some(Value::Null) => Ok(None),
            Some(Value::String(s)) => Ok(Some(s.clone())),
            Some(_) => Err(format!(".{field}: not a string")),
        }
    };
    let flag = |field: &str| c.get(field).and_then(Value::as_bool).unwrap_or(false);
    let name = text("key")?.unwrap_or_default();
    let domain = text("domain")?.ok_or(".domain: missing")?;
    let mut cookie = Cookie::new(name, text("value")?.unwrap_or_default(), domain);
    cookie.host_only = flag("hostOnly");
    cookie.path = text("path")?.unwrap_or_else(|| "/".into());
    cookie.secure = flag("secure");
    cookie.http_only = flag("httpOnly");
    cookie.same_site = text("sameSite")?.filter(|s| s != "unspecified");
    cookie.expires = match text("expires")?.as_deref() {
        None | Some("Infinity") => None,
        Some(iso) => Some(parse_iso(iso).ok_or(format!(".expires: not a date: {iso}"))?),
    };
    // Max-Age wins over Expires, counted from the cookie's creation.
    if let Some(max_age) = c.get("maxAge").and_then(Value::as_i64) {
        let created = text("creation")?.as_deref().and_then(parse_iso);
        let now = time::OffsetDateTime::now_utc().unix_timestamp();
        cookie.expires = Some(created.unwrap_or(now).saturating_add(max_age));
    }
    Ok(cookie)
}

/// `cookies` as a tough-cookie jar, as newman's `--export-cookie-jar` writes it.
pub fn to_json(cookies: &[Cookie]) -> Value {
    let now = iso(time::OffsetDateTime::now_utc().unix_timestamp());
    let list: Vec<Value> = cookies
        .iter()
        .map(|c| {
            let mut out = json!({"key": c.name, "value": c.value});
            if let Some(at) = c.expires {
                out["expires"] = Value::String(iso(at));
            }
            out["domain"] = Value::String(c.domain.clone());
            out["path"] = Value::String(c.path.clone());
            if c.secure {
                out["secure"] = Value::Bool(true);
            }
            if c.http_only {
                out["httpOnly"] = Value::Bool(true);
            }
            out["hostOnly"] = Value::Bool(c.host_only);
            if let Some(same_site) = &c.same_site {
                out["sameSite"] = Value::String(same_site.to_ascii_lowercase());
            }
            out["creation"] = Value::String(now.clone());
            out["lastAccessed"] = Value::String(now.clone());
            out
        })
        .collect();
    json!({
        "version": "tough-cookie@4.1.3-postman.1",
        "storeType": "MemoryCookieStore",
        "rejectPublicSuffixes": false,
        "enableLooseMode": true,
        "allowSpecialUseDomain": true,
        "prefixSecurity": "silent",
        "cookies": list,
    })
}

/// `2026-12-06T05:15:33.521Z` (JavaScript's `toISOString`) for Unix seconds.
fn iso(secs: i64) -> String {
    let t =
        time::OffsetDateTime::from_unix_timestamp(secs).unwrap_or(time::OffsetDateTime::UNIX_EPOCH);
    format!(
        "{:04}-{:02}-{:02}T{:02}:{:02}:{:02}.000Z",
        t.year(),
        u8::from(t.month()),
        t.day(),
        t.hour(),
        t.minute(),
        t.second()
    )
}

/// Unix seconds of `YYYY-MM-DDTHH:MM:SS[.fff]Z`.
fn parse_iso(text: &str) -> Option<i64> {
    let text = text.strip_suffix('Z')?;
    let (date, clock) = text.split_once('T')?;
    let clock = clock.split('.').next()?;
    let mut d = date.splitn(3, '-').map(str::parse::<i32>);
    let (year, month, day) = (d.next()?.ok()?, d.next()?.ok()?, d.next()?.ok()?);
    let mut c = clock.splitn(3, ':').map(str::parse::<u8>);
    let (hour, minute, second) = (c.next()?.ok()?, c.next()?.ok()?, c.next()?.ok()?);
    let month = time::Month::try_from(u8::try_from(month).ok()?).ok()?;
    let date = time::Date::from_calendar_date(year, month, u8::try_from(day).ok()?).ok()?;
    let clock = time::Time::from_hms(hour, minute, second).ok()?;
    Some(
        time::PrimitiveDateTime::new(date, clock)
            .assume_utc()
            .unix_timestamp(),
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_newman_jar_reads_and_writes_back() {
        let jar = json!({"version": "tough-cookie@4.1.3-postman.1", "cookies": [
            {"key": "sid", "value": "abc", "domain": "127.0.0.1", "path": "/", "hostOnly": true,
             "creation": "2026-12-06T05:15:33.521Z", "lastAccessed": "2026-12-06T05:15:33.524Z"},
            {"key": "pref", "value": "x", "domain": "example.com", "path": "/a",
             "expires": "2030-01-02T03:04:05.000Z", "secure": true, "httpOnly": true,
             "sameSite": "lax", "hostOnly": false}
        ]});
        let cookies = from_json(&jar).expect("a jar");
        assert_eq!(cookies.len(), 2);
        assert_eq!(
            (cookies[0].name.as_str(), cookies[0].host_only),
            ("sid", true)
        );
        assert_eq!(cookies[1].expires, Some(1_893_553_445));
        assert_eq!(cookies[1].same_site.as_deref(), Some("lax"));
        let out = to_json(&cookies);
        assert_eq!(out["cookies"][1]["expires"], "2030-01-02T03:04:05.000Z");
        assert_eq!(out["cookies"][1]["sameSite"], "lax");
        assert_eq!(from_json(&out).expect("round trip")[1], cookies[1]);
    }

    #[test]
    fn a_bad_entry_is_named_by_its_place() {
        let e = from_json(&json!({"cookies": [{"key": "a", "domain": "x"}, {"key": "b"}]}));
        assert_eq!(e.expect_err("no domain"), "cookies[1].domain: missing");
        let e = from_json(&json!([])).expect_err("not a jar");
        assert_eq!(e, "not a tough-cookie jar: no \"cookies\" array");
    }
}
