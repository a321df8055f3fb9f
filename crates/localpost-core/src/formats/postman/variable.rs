//! Variables: a collection's, folder's or request's `variable[]` entries (`{key, value, type,
//! description, disabled}`) and an environment's `values[]` entries (`{key, value, type,
//! enabled}`).
//!
//! `type: "secret"` sets [`Variable::secret`]; other types are kept as they were. A value that
//! is not a string (a number, a boolean, JSON) is held as text and written back as it was while
//! unchanged. A secret's value is never written: it goes out empty, typed `secret`, and is
//! listed in the [`ExportReport`].

use serde_json::{Value, json};

use super::error::Result;
use super::fidelity::{
    Obj, append_rest, from_extra, put_description, put_disabled, put_text, take_description,
    take_disabled, take_list, take_text, text_of, to_extra,
};
use super::node::Node;
use super::report::{ExportReport, Withheld};
use crate::model::Variable;

/// A value as the model holds it: text as is, other JSON as written.
fn value_text(value: &Value) -> String {
    text_of(value).unwrap_or_else(|| value.to_string())
}

/// Takes `value`: a non-empty string leaves, anything else stays as a hint.
fn take_value(node: &Node<'_>, rest: &mut Obj) -> Result<String> {
    match node.get("value") {
        Some(v) if v.value.is_object() || v.value.is_array() => Ok(v.value.to_string()),
        _ => take_text(node, rest, "value"),
    }
}

/// Writes `value`: empty for a secret, else the hint while it still says the same, else text.
fn put_value(out: &mut Obj, hints: &mut Obj, var: &Variable) {
    let hint = hints.shift_remove("value");
    let value = match hint {
        _ if var.secret => Value::String(String::new()),
        Some(h) if value_text(&h) == var.value => h,
        _ => Value::String(var.value.clone()),
    };
    out.insert("value".into(), value);
}

/// Takes `type`, returning whether it says `secret`; other types stay as they were.
fn take_secret(node: &Node<'_>, rest: &mut Obj) -> Result<bool> {
    let secret = node.opt_str("type")? == Some("secret");
    if secret {
        rest.shift_remove("type");
    }
    Ok(secret)
}

/// Records a secret's value as withheld (when there was one to withhold).
fn withhold(var: &Variable, path: &str, report: &mut ExportReport) {
    // A secret's value is in the keychain (secret_ref) or, before it is stored, in `value`.
    if var.secret && (!var.value.is_empty() || var.secret_ref.is_some()) {
        report.withheld.push(Withheld {
            path: path.into(),
            key: var.key.clone(),
        });
    }
}

/// Reads one `variable[]` entry of a collection, folder or request.
pub(crate) fn read(node: &Node<'_>) -> Result<Variable> {
    let mut rest = node.object()?.clone();
    Ok(Variable {
        key: take_text(node, &mut rest, "key")?,
        value: take_value(node, &mut rest)?,
        secret: take_secret(node, &mut rest)?,
        description: take_description(node, &mut rest, "description")?,
        enabled: take_disabled(node, &mut rest)?,
        secret_ref: None,
        extra: to_extra(rest),
    })
}

/// Writes one `variable[]` entry found at `path` of the exported file.
pub(crate) fn write(var: &Variable, path: &str, report: &mut ExportReport) -> Value {
    let mut hints = from_extra(&var.extra);
    let mut out = Obj::new();
    put_text(&mut out, &mut hints, "key", &var.key, true);
    put_value(&mut out, &mut hints, var);
    if var.secret {
        hints.shift_remove("type");
        out.insert("type".into(), json!("secret"));
        withhold(var, path, report);
    } else if let Some(kind) = hints.shift_remove("type") {
        out.insert("type".into(), kind);
    }
    put_description(&mut out, &mut hints, "description", &var.description);
    put_disabled(&mut out, &mut hints, var.enabled);
    append_rest(&mut out, hints);
    Value::Object(out)
}

/// Reads list member `key` (`variable`) of `owner`.
pub(crate) fn read_list(owner: &Node<'_>, rest: &mut Obj, key: &str) -> Result<Vec<Variable>> {
    take_list(owner, rest, key)?
        .unwrap_or_default()
        .iter()
        .map(read)
        .collect()
}

/// Writes every entry of a list found at `path` (`item[0].variable`).
pub(crate) fn write_all(vars: &[Variable], path: &str, report: &mut ExportReport) -> Vec<Value> {
    vars.iter()
        .enumerate()
        .map(|(i, v)| write(v, &format!("{path}[{i}]"), report))
        .collect()
}

/// Reads one `values[]` entry of an environment or globals file. A missing `enabled` means
/// enabled.
pub(crate) fn read_value(node: &Node<'_>) -> Result<Variable> {
    let mut rest = node.object()?.clone();
    let enabled = match node.get("enabled") {
        None => true,
        Some(n) => match n.value {
            Value::Bool(b) => *b,
            Value::Null => true,
            _ => return Err(n.error("a boolean")),
        },
    };
    rest.shift_remove("enabled");
    Ok(Variable {
        key: take_text(node, &mut rest, "key")?,
        value: take_value(node, &mut rest)?,
        secret: take_secret(node, &mut rest)?,
        description: take_description(node, &mut rest, "description")?,
        enabled,
        secret_ref: None,
        extra: to_extra(rest),
    })
}

/// Writes one `values[]` entry found at `path`: `type` (`default` unless kept or secret) and
/// `enabled` are always written, as Postman writes them today.
pub(crate) fn write_value(var: &Variable, path: &str, report: &mut ExportReport) -> Value {
    let mut hints = from_extra(&var.extra);
    let mut out = Obj::new();
    put_text(&mut out, &mut hints, "key", &var.key, true);
    put_value(&mut out, &mut hints, var);
    let kind = hints.shift_remove("type");
    let kind = match kind {
        _ if var.secret => json!("secret"),
        Some(kind) => kind,
        None => json!("default"),
    };
    out.insert("type".into(), kind);
    withhold(var, path, report);
    put_description(&mut out, &mut hints, "description", &var.description);
    out.insert("enabled".into(), Value::Bool(var.enabled));
    append_rest(&mut out, hints);
    Value::Object(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn variables_come_back_with_their_types_and_values() {
        for input in [
            json!({"key": "n", "value": 3, "type": "number"}),
            json!({"key": "b", "value": false, "type": "boolean", "disabled": true}),
            json!({"key": "o", "value": {"a": [1]}, "type": "any", "id": "v1"}),
            json!({"key": "s", "value": "text", "description": "why"}),
            json!({"key": "e", "value": ""}),
        ] {
            let var = read(&Node::root(&input)).expect("valid");
            let mut report = ExportReport::default();
            assert_eq!(write(&var, "variable[0]", &mut report), input);
            assert!(report.withheld.is_empty());
        }
    }

    #[test]
    fn secrets_go_out_empty_and_are_reported() {
        let input = json!({"key": "token", "value": "s3cr3t", "type": "secret", "enabled": true});
        let var = read_value(&Node::root(&input)).expect("valid");
        assert!(var.secret);
        assert_eq!(var.value, "s3cr3t");
        let mut report = ExportReport::default();
        let out = write_value(&var, "values[4]", &mut report);
        assert_eq!(
            out,
            json!({"key": "token", "value": "", "type": "secret", "enabled": true})
        );
        assert_eq!(
            report.withheld,
            vec![Withheld {
                path: "values[4]".into(),
                key: "token".into()
            }]
        );
    }

    #[test]
    fn environment_values_gain_type_and_enabled() {
        let input = json!({"key": "old", "value": "v", "timestamp": 1});
        let var = read_value(&Node::root(&input)).expect("valid");
        let out = write_value(&var, "values[0]", &mut ExportReport::default());
        assert_eq!(
            out,
            json!({"key": "old", "value": "v", "type": "default", "enabled": true, "timestamp": 1})
        );
    }
}
