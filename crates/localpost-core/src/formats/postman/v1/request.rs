//! One v1 request as a v2.1 item, and the v1 pieces collections and folders share (auth,
//! scripts, variables).

use serde_json::{Value, json};

use super::{copy_description, copy_scope, warn_unused};
use crate::formats::postman::error::Result;
use crate::formats::postman::fidelity::Obj;
use crate::formats::postman::node::Node;
use crate::formats::postman::report::Warning;
use crate::formats::postman::url::{parts_of, query_of};

/// Legacy helper names and the v2 auth types they became.
const HELPERS: &[(&str, &str)] = &[
    ("apikeyAuth", "apikey"),
    ("basicAuth", "basic"),
    ("bearerAuth", "bearer"),
    ("digestAuth", "digest"),
    ("hawkAuth", "hawk"),
    ("oAuth1", "oauth1"),
    ("oAuth2", "oauth2"),
    ("ntlmAuth", "ntlm"),
    ("awsSigV4", "awsv4"),
    ("jwtAuth", "jwt"),
    ("asapAuth", "asap"),
    ("edgegridAuth", "edgegrid"),
];

/// Legacy helper attributes renamed on the way (helper, old name, new name).
const RENAMED: &[(&str, &str, &str)] = &[
    ("basicAuth", "saveToRequest", "saveHelperData"),
    ("oAuth1", "header", "addParamsToHeader"),
    ("oAuth1", "auto", "autoAddParam"),
    ("oAuth1", "includeEmpty", "addEmptyParamsToSign"),
    ("hawkAuth", "hawk_id", "authId"),
    ("hawkAuth", "hawk_key", "authKey"),
    ("hawkAuth", "saveToRequest", "saveHelperData"),
    ("hawkAuth", "ext", "extraData"),
    ("hawkAuth", "app", "appId"),
    ("hawkAuth", "dlg", "delegation"),
];

/// The v2 `auth` of a v1 entity: its `auth` (arrays or maps, read later), or its legacy
/// `currentHelper` and `helperAttributes`.
pub(super) fn auth(node: &Node<'_>) -> Result<Option<Value>> {
    let legacy = node
        .get("currentHelper")
        .is_some_and(|h| !h.value.is_null())
        || node
            .get("helperAttributes")
            .is_some_and(|h| !h.value.is_null());
    if !legacy {
        return Ok(node
            .get("auth")
            .filter(|a| !a.value.is_null())
            .map(|a| a.value.clone()));
    }
    let helper = node.opt_str("currentHelper")?.unwrap_or("normal");
    if helper == "normal" {
        return Ok(None);
    }
    let kind = HELPERS
        .iter()
        .find(|(h, _)| *h == helper)
        .map_or(helper, |(_, t)| t);
    let attributes = match node.get("helperAttributes").map(|a| a.value) {
        Some(Value::Object(o)) => Some(o.clone()),
        Some(Value::String(s)) => serde_json::from_str::<Obj>(s).ok(),
        _ => None,
    };
    let mut auth = Obj::new();
    auth.insert("type".into(), json!(kind));
    if let Some(attributes) = attributes {
        let mut params: Obj = attributes
            .into_iter()
            .map(|(key, value)| {
                let renamed = RENAMED
                    .iter()
                    .find(|(h, old, _)| *h == helper && *old == key)
                    .map_or(key, |(_, _, new)| (*new).to_string());
                (renamed, value)
            })
            .collect();
        if helper == "basicAuth" {
            params.insert("showPassword".into(), json!(false));
        }
        auth.insert(kind.into(), Value::Object(params));
    }
    Ok(Some(Value::Object(auth)))
}

fn lines(exec: &Value) -> Value {
    match exec {
        Value::String(s) => json!(s.split('\n').collect::<Vec<_>>()),
        other => other.clone(),
    }
}

/// The v2 `event` of a v1 entity: its `events`, or its legacy `tests` and
/// `preRequestScript` (in that order, as the transformer writes them).
pub(super) fn events(node: &Node<'_>) -> Result<Option<Value>> {
    let tests = node.opt_str("tests")?.unwrap_or_default();
    let pre = node.opt_str("preRequestScript")?.unwrap_or_default();
    let listed = node.opt_array("events")?;
    if tests.is_empty() && pre.is_empty() && !listed.is_empty() {
        let mut events = Vec::new();
        for event in listed {
            let mut e = event.object()?.clone();
            e.entry("listen").or_insert_with(|| json!("test"));
            if let Some(Value::Object(script)) = e.get_mut("script") {
                script
                    .entry("type")
                    .or_insert_with(|| json!("text/javascript"));
                if let Some(exec) = script.get_mut("exec") {
                    *exec = lines(exec);
                }
            }
            events.push(Value::Object(e));
        }
        return Ok(Some(Value::Array(events)));
    }
    let mut events = Vec::new();
    for (listen, text) in [("test", tests), ("prerequest", pre)] {
        if !text.is_empty() {
            events.push(json!({"listen": listen, "script": {
                "type": "text/javascript", "exec": lines(&json!(text))}}));
        }
    }
    Ok((!events.is_empty()).then_some(Value::Array(events)))
}

/// The v2 `variable` list of a v1 entity.
pub(super) fn variables(node: &Node<'_>) -> Result<Vec<Value>> {
    let mut out = Vec::new();
    for var in node.opt_array("variables")? {
        let o = var.object()?;
        let mut v = Obj::new();
        if let Some(id) = o.get("id") {
            v.insert("id".into(), id.clone());
        }
        let key = o.get("key").filter(|k| !k.is_null()).or(o.get("id"));
        v.insert("key".into(), key.cloned().unwrap_or(Value::Null));
        v.insert(
            "value".into(),
            o.get("value").cloned().unwrap_or(Value::Null),
        );
        match o.get("type").and_then(Value::as_str) {
            Some("text") => v.insert("type".into(), json!("string")),
            Some(t) => v.insert("type".into(), json!(t)),
            None => None,
        };
        if o.get("disabled") == Some(&Value::Bool(true)) {
            v.insert("disabled".into(), json!(true));
        }
        if o.get("secret") == Some(&Value::Bool(true)) {
            v.insert("type".into(), json!("secret"));
        }
        copy_description(&var, &mut v)?;
        out.push(Value::Object(v));
    }
    Ok(out)
}

/// A v1 row (`{key, value, description, enabled}`) as a v2 row; `//` before a header's key
/// disables it.
pub(super) fn row(node: &Node<'_>, comment_disables: bool) -> Result<Value> {
    let mut r = node.object()?.clone();
    let mut disabled = r.shift_remove("enabled") == Some(Value::Bool(false));
    if comment_disables
        && let Some(Value::String(key)) = r.get("key")
        && let Some(stripped) = key.strip_prefix("//")
    {
        disabled = true;
        let key = stripped.trim().to_string();
        r.insert("key".into(), json!(key));
    }
    if disabled {
        r.insert("disabled".into(), json!(true));
    }
    if r.get("description")
        .is_some_and(|d| d.as_str() == Some("") || d.is_null())
    {
        r.shift_remove("description");
    }
    Ok(Value::Object(r))
}

fn headers(node: &Node<'_>) -> Result<Value> {
    if let Some(h) = node.get("headers").filter(|h| h.value.is_array()) {
        return Ok(h.value.clone());
    }
    let mut rows = Vec::new();
    let mut seen = Vec::new();
    for h in node.opt_array("headerData")? {
        let r = row(&h, true)?;
        seen.push(r.get("key").cloned().unwrap_or(Value::Null));
        rows.push(r);
    }
    for line in node.opt_str("headers")?.unwrap_or_default().split('\n') {
        let line = line.trim_end_matches('\r');
        if line.trim().is_empty() {
            continue;
        }
        let (key, value) = line.split_once(':').unwrap_or((line, ""));
        let (key, disabled) = match key.trim().strip_prefix("//") {
            Some(k) => (k.trim(), true),
            None => (key.trim(), false),
        };
        if seen.contains(&json!(key)) {
            continue;
        }
        let mut r = json!({"key": key, "value": value.trim()});
        if disabled {
            r["disabled"] = json!(true);
        }
        rows.push(r);
    }
    Ok(Value::Array(rows))
}

fn url(node: &Node<'_>) -> Result<Value> {
    let raw = node.opt_str("url")?.unwrap_or_default();
    let mut query = Vec::new();
    for q in node.opt_array("queryParams")? {
        let mut r = row(&q, false)?;
        if let Some(Value::Bool(equals)) = r.as_object_mut().and_then(|o| o.shift_remove("equals"))
        {
            let value = r.get("value").cloned().unwrap_or(Value::Null);
            if equals && value.is_null() {
                r["value"] = json!("");
            } else if !equals && value.as_str().is_none_or(str::is_empty) {
                r["value"] = Value::Null;
            }
        }
        query.push(r);
    }
    if query.is_empty() {
        query = query_of(raw);
    }
    let mut variables = Vec::new();
    for v in node.opt_array("pathVariableData")? {
        variables.push(row(&v, false)?);
    }
    if let Some(Value::Object(map)) = node.get("pathVariables").map(|p| p.value) {
        for (key, value) in map {
            if !variables.iter().any(|v| v["key"] == json!(key)) {
                variables.push(json!({"key": key, "value": value}));
            }
        }
    }
    let mut o = parts_of(raw);
    let hash = o.shift_remove("hash");
    if !query.is_empty() {
        o.insert("query".into(), Value::Array(query));
    }
    if let Some(hash) = hash {
        o.insert("hash".into(), hash);
    }
    if !variables.is_empty() {
        o.insert("variable".into(), Value::Array(variables));
    }
    Ok(Value::Object(o))
}

/// The v2 `request` of a v1 request (also used for an example's saved request).
pub(super) fn request(node: &Node<'_>) -> Result<Value> {
    node.object()?;
    let mut r = Obj::new();
    if let Some(auth) = auth(node)? {
        r.insert("auth".into(), auth);
    }
    r.insert(
        "method".into(),
        json!(node.opt_str("method")?.unwrap_or("GET")),
    );
    r.insert("header".into(), headers(node)?);
    if let Some(body) = super::body::body(node)? {
        r.insert("body".into(), body);
    }
    r.insert("url".into(), url(node)?);
    copy_description(node, &mut r)?;
    Ok(Value::Object(r))
}

const REQUEST_FIELDS: &[&str] = &[
    "url",
    "method",
    "headers",
    "headerData",
    "data",
    "dataMode",
    "dataOptions",
    "dataDisabled",
    "rawModeData",
    "graphqlModeData",
    "queryParams",
    "pathVariables",
    "pathVariableData",
    "preRequestScript",
    "tests",
    "responses",
    "responses_order",
];

/// A v1 request as a v2.1 item.
pub(super) fn item(node: &Node<'_>, warnings: &mut Vec<Warning>) -> Result<Value> {
    let mut item = Obj::new();
    item.insert(
        "name".into(),
        json!(node.opt_str("name")?.unwrap_or_default()),
    );
    if let Some(id) = node.get("id") {
        item.insert("id".into(), id.value.clone());
    }
    copy_scope(node, &mut item, false)?;
    let description = node.opt_str("description")?.unwrap_or_default();
    let mut req = request(node)?;
    if !description.is_empty() {
        req["description"] = json!(description);
    }
    item.insert("request".into(), req);
    let responses = node.opt_array("responses")?;
    let order: Vec<String> = node
        .opt_array("responses_order")?
        .iter()
        .filter_map(|n| n.value.as_str().map(String::from))
        .collect();
    let mut examples = Vec::new();
    if order.is_empty() {
        for r in &responses {
            examples.push(super::response::response(r)?);
        }
    } else {
        for id in &order {
            if let Some(r) = responses
                .iter()
                .find(|r| r.value.get("id") == Some(&json!(id)))
            {
                examples.push(super::response::response(r)?);
            }
        }
    }
    item.insert("response".into(), Value::Array(examples));
    let mut used = super::SCOPE_FIELDS.to_vec();
    used.extend(REQUEST_FIELDS);
    warn_unused(node, &used, warnings);
    Ok(Value::Object(item))
}
