//! Authorisation of a collection, folder or request: `{type, <type>: params}`.
//!
//! v2.1 holds the parameters as `[{key, value, type}]`, v2.0 as a map. A map is read as
//! Postman's collection transformer converts it (`authMapToArray`): one parameter per entry,
//! in order, typed `string`, `boolean` or `number` after its value, else `any`; an empty map
//! gives no parameter list. Helpers of other types left in the object are kept (maps converted
//! the same way). An unknown type is kept by name with its parameters, with a warning.

use serde_json::{Value, json};

use super::error::Result;
use super::fidelity::{Obj, append_rest, put_list};
use super::node::Node;
use super::report::Warning;
use crate::model::{Auth, AuthMode, AuthParam};

/// Type names Postman's runtime knows, whose helpers may sit beside the active one.
const KNOWN: &[&str] = &[
    "noauth", "basic", "bearer", "apikey", "digest", "oauth1", "oauth2", "hawk", "awsv4", "ntlm",
    "edgegrid", "jwt", "asap",
];

/// The Postman type of a map value, as the transformer assigns it.
fn type_of(value: &Value) -> &'static str {
    match value {
        Value::String(_) => "string",
        Value::Bool(_) => "boolean",
        Value::Number(_) => "number",
        _ => "any",
    }
}

/// A v2.0 parameter map as a v2.1 array.
pub(crate) fn map_to_array(map: &Obj) -> Value {
    Value::Array(
        map.iter()
            .map(|(key, value)| json!({"key": key, "value": value, "type": type_of(value)}))
            .collect(),
    )
}

/// Converts every map of helper parameters in an auth object to an array, in place (for
/// requests kept verbatim, such as an example's `originalRequest`). An empty map of the active
/// type gives no list, as in the transformer.
pub(crate) fn convert_maps(auth: &mut Value) {
    let Some(o) = auth.as_object_mut() else {
        return;
    };
    let active = o.get("type").and_then(Value::as_str).map(String::from);
    let helpers: Vec<String> = o
        .keys()
        .filter(|k| KNOWN.contains(&k.as_str()))
        .cloned()
        .collect();
    for key in helpers {
        let Some(Value::Object(map)) = o.get(&key) else {
            continue;
        };
        if map.is_empty() && active.as_deref() == Some(key.as_str()) {
            o.shift_remove(&key);
        } else {
            let array = map_to_array(map);
            o.insert(key, array);
        }
    }
}

/// The name Postman uses for `mode`.
pub(crate) fn mode_name(mode: &AuthMode) -> String {
    match serde_json::to_value(mode) {
        Ok(Value::String(name)) => name,
        _ => "noauth".into(),
    }
}

fn mode_of(name: &str) -> AuthMode {
    serde_json::from_value(Value::String(name.into()))
        .unwrap_or_else(|_| AuthMode::Other(name.into()))
}

fn read_params(node: &Node<'_>, warnings: &mut Vec<Warning>) -> Result<Vec<AuthParam>> {
    match node.value {
        Value::Object(map) => Ok(map
            .iter()
            .map(|(key, value)| AuthParam {
                key: key.clone(),
                value: value.clone(),
                kind: type_of(value).into(),
            })
            .collect()),
        Value::Array(_) => {
            let mut params = Vec::new();
            for item in node.array()? {
                let o = item.object()?;
                for key in o
                    .keys()
                    .filter(|k| !matches!(k.as_str(), "key" | "value" | "type"))
                {
                    warnings.push(Warning::new(
                        item.path(),
                        format!("auth parameter member {key:?} is not kept"),
                    ));
                }
                params.push(AuthParam {
                    key: item.opt_str("key")?.unwrap_or_default().into(),
                    value: o.get("value").cloned().unwrap_or(Value::Null),
                    kind: item.opt_str("type")?.unwrap_or_default().into(),
                });
            }
            Ok(params)
        }
        Value::Null => Ok(Vec::new()),
        _ => Err(node.error("an array or an object")),
    }
}

/// Reads member `auth` of `owner`. A missing member inherits; `null`, an object without a type
/// and `{"type": "inherit"}` inherit too and stay as hints.
pub(crate) fn read(owner: &Node<'_>, rest: &mut Obj, warnings: &mut Vec<Warning>) -> Result<Auth> {
    let Some(node) = owner.get("auth") else {
        return Ok(Auth::inherit());
    };
    if node.value.is_null() {
        return Ok(Auth::inherit());
    }
    let mut hint = node.object()?.clone();
    let name = match node.opt_str("type")? {
        Some(name) => name,
        None => return Ok(Auth::inherit()),
    };
    let mode = mode_of(name);
    if mode == AuthMode::Inherit {
        return Ok(Auth::inherit());
    }
    rest.shift_remove("auth");
    hint.shift_remove("type");
    let params = match node.get(name) {
        None => Vec::new(),
        Some(p) => {
            let params = read_params(&p, warnings)?;
            if p.value.is_object() || !params.is_empty() {
                hint.shift_remove(name);
            }
            params
        }
    };
    for (key, value) in hint.iter_mut() {
        if let Value::Object(map) = value
            && KNOWN.contains(&key.as_str())
        {
            *value = map_to_array(map);
        }
    }
    if let AuthMode::Other(other) = &mode {
        warnings.push(Warning::new(
            node.path(),
            format!("unknown auth type {other:?}: kept for export, not applied"),
        ));
    }
    if !hint.is_empty() {
        rest.insert("auth".into(), Value::Object(hint));
    }
    Ok(Auth { mode, params })
}

fn write_param(param: &AuthParam, is_withheld: bool) -> Value {
    let mut o = Obj::new();
    o.insert("key".into(), Value::String(param.key.clone()));
    let value = if is_withheld {
        Value::String(String::new())
    } else {
        param.value.clone()
    };
    o.insert("value".into(), value);
    if !param.kind.is_empty() {
        o.insert("type".into(), Value::String(param.kind.clone()));
    }
    Value::Object(o)
}

/// A credential typed into auth settings (sealed at rest): never exported.
fn is_withheld(auth: &Auth, param: &AuthParam) -> bool {
    let Value::String(text) = &param.value else {
        return false;
    };
    !text.trim().is_empty()
        && !crate::template::is_lone_reference(text)
        && auth.is_credential(&param.key)
}

/// Writes member `auth`: nothing (or the hint) when inheriting, else `{type, <type>: [...]}`.
/// Credentials typed in are written empty; returns each one's path below the owner
/// (`auth.basic[1]`) and key.
pub(crate) fn write(out: &mut Obj, hints: &mut Obj, auth: &Auth) -> Vec<(String, String)> {
    let hint = hints.shift_remove("auth");
    if auth.mode == AuthMode::Inherit {
        if let Some(h) = hint {
            out.insert("auth".into(), h);
        }
        return Vec::new();
    }
    let mut h = match hint {
        Some(Value::Object(o)) => o,
        _ => Obj::new(),
    };
    h.shift_remove("type");
    let name = mode_name(&auth.mode);
    let mut o = Obj::new();
    o.insert("type".into(), Value::String(name.clone()));
    let mut withheld = Vec::new();
    let params = auth.params.iter().enumerate().map(|(i, p)| {
        let is_withheld = is_withheld(auth, p);
        if is_withheld {
            withheld.push((format!("auth.{name}[{i}]"), p.key.clone()));
        }
        write_param(p, is_withheld)
    });
    let params = params.collect();
    put_list(&mut o, &mut h, &name, params);
    append_rest(&mut o, h);
    out.insert("auth".into(), Value::Object(o));
    withheld
}

#[cfg(test)]
mod tests {
    use super::*;

    fn read_json(owner: Value) -> (Auth, Obj, Vec<Warning>) {
        let node = Node::root(&owner);
        let mut rest = owner.as_object().cloned().unwrap_or_default();
        let mut warnings = Vec::new();
        let auth = read(&node, &mut rest, &mut warnings).expect("valid auth");
        (auth, rest, warnings)
    }

    #[test]
    fn v21_arrays_come_back_as_read() {
        for auth in [
            json!({"type": "basic", "basic": [
                {"key": "password", "value": "{{pw}}", "type": "string"},
                {"key": "username", "value": "me", "type": "string"}]}),
            json!({"type": "noauth"}),
            json!({"type": "bearer", "bearer": []}),
            json!({"type": "oauth2", "oauth2": [{"key": "addTokenTo", "value": "header", "type": "string"},
                {"key": "useBrowser", "value": true, "type": "boolean"}]}),
            json!(null),
            json!({"type": "inherit"}),
        ] {
            let (model, mut rest, warnings) = read_json(json!({ "auth": auth }));
            let mut out = Obj::new();
            write(&mut out, &mut rest, &model);
            assert_eq!(out.get("auth"), Some(&auth));
            assert!(warnings.is_empty());
        }
    }

    #[test]
    fn v20_maps_become_typed_arrays() {
        let (model, mut rest, _) = read_json(json!({"auth": {
            "type": "digest",
            "digest": {"username": "u", "nonceCount": 2, "disableRetryRequest": false, "x": null},
            "basic": {"username": "other"}
        }}));
        let mut out = Obj::new();
        write(&mut out, &mut rest, &model);
        assert_eq!(
            out["auth"],
            json!({"type": "digest", "digest": [
                {"key": "username", "value": "u", "type": "string"},
                {"key": "nonceCount", "value": 2, "type": "number"},
                {"key": "disableRetryRequest", "value": false, "type": "boolean"},
                {"key": "x", "value": null, "type": "any"}],
                "basic": [{"key": "username", "value": "other", "type": "string"}]})
        );
    }

    #[test]
    fn unknown_types_are_kept_with_a_warning() {
        let auth = json!({"type": "mtls-x", "mtls-x": [{"key": "cert", "value": "c"}]});
        let (model, mut rest, warnings) = read_json(json!({ "auth": auth }));
        assert_eq!(model.mode, AuthMode::Other("mtls-x".into()));
        assert_eq!(
            warnings[0].to_string(),
            "auth: unknown auth type \"mtls-x\": kept for export, not applied"
        );
        let mut out = Obj::new();
        write(&mut out, &mut rest, &model);
        assert_eq!(out["auth"], auth);
    }
}
