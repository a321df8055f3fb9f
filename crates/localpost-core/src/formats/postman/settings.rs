//! `protocolProfileBehavior`: the settings of a collection, folder or request.
//!
//! The keys the model has a field for are read into [`RequestSettings`] (when their value has
//! the right type); every other key is kept as it was and written back. `timeoutMs` and
//! `scriptTimeoutMs` have no Postman key: they are not exported, and the export report says so.

use serde_json::{Value, json};

use super::error::Result;
use super::fidelity::{Obj, append_rest};
use super::node::Node;
use super::report::Warning;
use crate::model::RequestSettings;

/// Reads member `protocolProfileBehavior` of `owner`. The object stays as a hint without the
/// keys taken, so an empty one is written back too.
pub(crate) fn read(owner: &Node<'_>, rest: &mut Obj) -> Result<RequestSettings> {
    let mut settings = RequestSettings::default();
    let Some(node) = owner.get("protocolProfileBehavior") else {
        return Ok(settings);
    };
    if node.value.is_null() {
        return Ok(settings);
    }
    let mut hint = node.object()?.clone();
    let mut flag = |key: &str| match hint.get(key) {
        Some(Value::Bool(b)) => {
            let b = *b;
            hint.shift_remove(key);
            Some(b)
        }
        _ => None,
    };
    settings.follow_redirects = flag("followRedirects");
    settings.follow_original_method = flag("followOriginalHttpMethod");
    settings.follow_authorization_header = flag("followAuthorizationHeader");
    settings.verify_tls = flag("strictSSL");
    settings.use_cookies = flag("disableCookies").map(|disabled| !disabled);
    if let Some(n) = hint
        .get("maxRedirects")
        .and_then(Value::as_u64)
        .and_then(|n| u32::try_from(n).ok())
    {
        settings.max_redirects = Some(n);
        hint.shift_remove("maxRedirects");
    }
    if let Some(Value::String(v)) = hint.get("protocolVersion") {
        settings.http_version = Some(v.clone());
        hint.shift_remove("protocolVersion");
    }
    rest.insert("protocolProfileBehavior".into(), Value::Object(hint));
    Ok(settings)
}

/// A warning at `path` when `settings` hold what Postman has no key for (a timeout, a script
/// time limit).
pub(crate) fn check(settings: &RequestSettings, path: &str, warnings: &mut Vec<Warning>) {
    if settings.timeout_ms.is_some() {
        warnings.push(Warning::new(
            path,
            "the request timeout has no place in a Postman collection: not exported",
        ));
    }
    if settings.script_timeout_ms.is_some() {
        warnings.push(Warning::new(
            path,
            "the script time limit has no place in a Postman collection: not exported",
        ));
    }
}

/// Writes member `protocolProfileBehavior` when a setting is set or the hint says there was
/// one.
pub(crate) fn write(out: &mut Obj, hints: &mut Obj, settings: &RequestSettings) {
    let hint = hints.shift_remove("protocolProfileBehavior");
    let mut o = Obj::new();
    let mut put = |key: &str, value: Option<Value>| {
        if let Some(v) = value {
            o.insert(key.into(), v);
        }
    };
    put(
        "followRedirects",
        settings.follow_redirects.map(Value::Bool),
    );
    put("maxRedirects", settings.max_redirects.map(|n| json!(n)));
    put(
        "followOriginalHttpMethod",
        settings.follow_original_method.map(Value::Bool),
    );
    put(
        "followAuthorizationHeader",
        settings.follow_authorization_header.map(Value::Bool),
    );
    put("strictSSL", settings.verify_tls.map(Value::Bool));
    put(
        "disableCookies",
        settings.use_cookies.map(|on| Value::Bool(!on)),
    );
    put(
        "protocolVersion",
        settings.http_version.clone().map(Value::String),
    );
    match hint {
        Some(Value::Object(h)) => append_rest(&mut o, h),
        Some(other) if o.is_empty() => {
            out.insert("protocolProfileBehavior".into(), other);
            return;
        }
        _ if o.is_empty() => return,
        _ => {}
    }
    out.insert("protocolProfileBehavior".into(), Value::Object(o));
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn known_keys_are_modelled_and_the_rest_kept() {
        for ppb in [
            json!({"followRedirects": false, "maxRedirects": 3, "strictSSL": false,
                   "disableCookies": true, "protocolVersion": "http1",
                   "followOriginalHttpMethod": true, "followAuthorizationHeader": true,
                   "disableBodyPruning": true, "tlsDisabledProtocols": ["TLSv1"]}),
            json!({}),
            json!({"maxRedirects": "7"}),
        ] {
            let owner = json!({ "protocolProfileBehavior": ppb });
            let mut rest = Obj::new();
            let settings = read(&Node::root(&owner), &mut rest).expect("valid");
            let mut out = Obj::new();
            write(&mut out, &mut rest, &settings);
            assert_eq!(out["protocolProfileBehavior"], ppb);
        }
    }

    #[test]
    fn a_timeout_is_reported_not_exported() {
        let settings = RequestSettings {
            timeout_ms: Some(500),
            ..RequestSettings::default()
        };
        let mut warnings = Vec::new();
        let mut out = Obj::new();
        write(&mut out, &mut Obj::new(), &settings);
        check(&settings, "item[1]", &mut warnings);
        assert!(out.is_empty());
        assert_eq!(warnings[0].path, "item[1]");
    }
}
