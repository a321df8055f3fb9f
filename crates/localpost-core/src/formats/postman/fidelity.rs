//! How Postman members that the model cannot express exactly are kept, and given back.
//!
//! A reader starts from a copy of a Postman object (`rest`) and takes out each member it
//! models. A member stays in `rest` as a *hint* when the model's value alone would not write it
//! back the same: a `null` or `""` where the model holds empty text, a number where it holds
//! text, an empty list a writer would leave out, a `"disabled": false`. Whatever is left (hints
//! and members the model does not know) is stored as `extra["postman"]`.
//!
//! A writer builds the object from the model, taking each hint out as it goes and using it only
//! while it still means what the model holds (so an edit made in the app always wins over a
//! stale hint), then appends the members that are left, verbatim.

use serde_json::{Map, Value};

use super::error::Result;
use super::node::Node;
use crate::model::Extra;

/// A JSON object.
pub(crate) type Obj = Map<String, Value>;

/// The key of Postman's members in an `extra` map.
pub(crate) const KEY: &str = "postman";

/// `extra` holding `rest` under [`KEY`]; empty when `rest` is.
pub(crate) fn to_extra(rest: Obj) -> Extra {
    let mut extra = Extra::new();
    if !rest.is_empty() {
        extra.insert(KEY.into(), Value::Object(rest));
    }
    extra
}

/// The Postman members kept in `extra`, if any.
pub(crate) fn from_extra(extra: &Extra) -> Obj {
    match extra.get(KEY) {
        Some(Value::Object(o)) => o.clone(),
        _ => Obj::new(),
    }
}

/// The text a scalar stands for: a string as is, `null` as empty, numbers and booleans as
/// written. `None` for arrays and objects.
pub(crate) fn text_of(value: &Value) -> Option<String> {
    match value {
        Value::String(s) => Some(s.clone()),
        Value::Null => Some(String::new()),
        Value::Bool(b) => Some(b.to_string()),
        Value::Number(n) => Some(n.to_string()),
        Value::Array(_) | Value::Object(_) => None,
    }
}

/// Takes text member `key` of `node` out of `rest`. A non-empty string leaves; anything else
/// the model reads as text (`""`, `null`, a number, a boolean) stays as a hint.
pub(crate) fn take_text(node: &Node<'_>, rest: &mut Obj, key: &str) -> Result<String> {
    let Some(member) = node.get(key) else {
        return Ok(String::new());
    };
    match member.value {
        Value::String(s) if !s.is_empty() => {
            rest.shift_remove(key);
            Ok(s.clone())
        }
        v => text_of(v).ok_or_else(|| member.error("a string")),
    }
}

/// Writes text member `key`: its hint while that still means `model`, else `model` (when it is
/// not empty, or `always`).
pub(crate) fn put_text(out: &mut Obj, hints: &mut Obj, key: &str, model: &str, always: bool) {
    let hint = hints.shift_remove(key);
    match hint {
        Some(h) if text_of(&h).as_deref() == Some(model) => {
            out.insert(key.into(), h);
        }
        _ if always || !model.is_empty() => {
            out.insert(key.into(), Value::String(model.into()));
        }
        _ => {}
    }
}

/// Takes a `disabled` flag; returns whether the row is enabled. `false` and `null` stay as
/// hints (the model only writes `"disabled": true`).
pub(crate) fn take_disabled(node: &Node<'_>, rest: &mut Obj) -> Result<bool> {
    match node.get("disabled") {
        None => Ok(true),
        Some(n) => match n.value {
            Value::Bool(true) => {
                rest.shift_remove("disabled");
                Ok(false)
            }
            Value::Bool(false) | Value::Null => Ok(true),
            _ => Err(n.error("a boolean")),
        },
    }
}

/// Writes `"disabled": true` for a disabled row, or the hint of an enabled one.
pub(crate) fn put_disabled(out: &mut Obj, hints: &mut Obj, enabled: bool) {
    let hint = hints.shift_remove("disabled");
    if !enabled {
        out.insert("disabled".into(), Value::Bool(true));
    } else if let Some(h) = hint {
        out.insert("disabled".into(), h);
    }
}

/// Takes a description: a string, `{content, type, …}` or `null`. An object stays as a hint
/// without its content (kept only when empty, to say it was there).
pub(crate) fn take_description(node: &Node<'_>, rest: &mut Obj, key: &str) -> Result<String> {
    let Some(member) = node.get(key) else {
        return Ok(String::new());
    };
    match member.value {
        Value::Object(o) => {
            let content = member.opt_str("content")?.unwrap_or_default().to_string();
            let mut hint = o.clone();
            if !content.is_empty() {
                hint.shift_remove("content");
            }
            rest.insert(key.into(), Value::Object(hint));
            Ok(content)
        }
        Value::String(_) | Value::Null => take_text(node, rest, key),
        _ => Err(member.error("a string or an object")),
    }
}

/// Writes a description in the form it was read in (string, object or `null`).
pub(crate) fn put_description(out: &mut Obj, hints: &mut Obj, key: &str, model: &str) {
    match hints.shift_remove(key) {
        Some(Value::Object(mut o)) => {
            if !model.is_empty() {
                o.insert("content".into(), Value::String(model.into()));
            }
            out.insert(key.into(), Value::Object(o));
        }
        Some(h) if text_of(&h).as_deref() == Some(model) => {
            out.insert(key.into(), h);
        }
        _ if !model.is_empty() => {
            out.insert(key.into(), Value::String(model.into()));
        }
        _ => {}
    }
}

/// A copy of `node`'s members for the `take_*` readers to take the known ones from, leaving
/// the rest to keep verbatim. Members named in `lists` that are non-empty arrays are left out:
/// [`take_list`] would remove them at once, and copying a folder's (or the collection's) whole
/// subtree only to drop it made an import quadratic in its depth.
pub(crate) fn rest_of(node: &Node<'_>, lists: &[&str]) -> Result<Obj> {
    Ok(node
        .object()?
        .iter()
        .filter(|(key, value)| {
            !(lists.contains(&key.as_str()) && value.as_array().is_some_and(|a| !a.is_empty()))
        })
        .map(|(key, value)| (key.clone(), value.clone()))
        .collect())
}

/// Takes list member `key`: its items, or `None` when missing. An empty list or `null` stays
/// as a hint, so that it is written back although the model's list is empty.
pub(crate) fn take_list<'a>(
    node: &Node<'a>,
    rest: &mut Obj,
    key: &str,
) -> Result<Option<Vec<Node<'a>>>> {
    let Some(member) = node.get(key) else {
        return Ok(None);
    };
    if member.value.is_null() {
        return Ok(Some(Vec::new()));
    }
    let items = member.array()?;
    if !items.is_empty() {
        rest.shift_remove(key);
    }
    Ok(Some(items))
}

/// Writes list member `key`: the items, or for none the hint (`[]`, `null`) if there is one.
pub(crate) fn put_list(out: &mut Obj, hints: &mut Obj, key: &str, items: Vec<Value>) {
    let hint = hints.shift_remove(key);
    if !items.is_empty() {
        out.insert(key.into(), Value::Array(items));
    } else if let Some(h) = hint {
        out.insert(key.into(), h);
    }
}

/// Takes a name, trimmed as the store keeps names; `fallback` when it is empty. A name that
/// changes on the way stays as a hint.
pub(crate) fn take_name(node: &Node<'_>, rest: &mut Obj, fallback: &str) -> Result<String> {
    let text = take_text(node, rest, "name")?;
    let trimmed = text.trim();
    if trimmed != text {
        rest.insert("name".into(), Value::String(text.clone()));
    }
    Ok(if trimmed.is_empty() {
        fallback.to_string()
    } else {
        trimmed.to_string()
    })
}

/// Writes a name: its hint while it still trims to `model` (or was empty and `model` is the
/// fallback), else `model`.
pub(crate) fn put_name(out: &mut Obj, hints: &mut Obj, model: &str, fallback: &str) {
    let hint = hints.shift_remove("name");
    let kept = hint.as_ref().and_then(text_of).is_some_and(|t| {
        let t = t.trim();
        t == model || (t.is_empty() && model == fallback)
    });
    match hint {
        Some(h) if kept => out.insert("name".into(), h),
        _ => out.insert("name".into(), Value::String(model.into())),
    };
}

/// Appends the members left in `rest` after those already written.
pub(crate) fn append_rest(out: &mut Obj, rest: Obj) {
    for (key, value) in rest {
        out.entry(key).or_insert(value);
    }
}

#[cfg(test)]
mod tests {
    use serde_json::json;

    use super::*;

    fn round_trip(input: Value, read: impl Fn(&Node<'_>, &mut Obj) -> String) -> Value {
        let node = Node::root(&input);
        let mut rest = input.as_object().cloned().unwrap_or_default();
        let model = read(&node, &mut rest);
        let mut out = Obj::new();
        put_description(&mut out, &mut rest, "description", &model);
        append_rest(&mut out, rest);
        Value::Object(out)
    }

    #[test]
    fn descriptions_come_back_in_their_form() {
        for input in [
            json!({"description": "plain"}),
            json!({"description": ""}),
            json!({"description": null}),
            json!({"description": {"content": "md", "type": "text/markdown"}}),
            json!({"description": {"content": "", "type": "text/plain"}}),
            json!({"description": {"type": "text/plain"}}),
            json!({}),
        ] {
            let back = round_trip(input.clone(), |n, rest| {
                take_description(n, rest, "description").expect("valid")
            });
            assert_eq!(back, input);
        }
    }

    #[test]
    fn an_edited_description_wins_over_its_hint() {
        let input = json!({"description": null});
        let node = Node::root(&input);
        let mut rest = input.as_object().cloned().unwrap_or_default();
        take_description(&node, &mut rest, "description").expect("valid");
        let mut out = Obj::new();
        put_description(&mut out, &mut rest, "description", "edited");
        assert_eq!(Value::Object(out), json!({"description": "edited"}));
    }

    #[test]
    fn disabled_false_and_numbers_as_text_survive() {
        let input = json!({"key": 5, "disabled": false});
        let node = Node::root(&input);
        let mut rest = input.as_object().cloned().unwrap_or_default();
        assert_eq!(take_text(&node, &mut rest, "key").expect("text"), "5");
        assert!(take_disabled(&node, &mut rest).expect("flag"));
        let mut out = Obj::new();
        put_text(&mut out, &mut rest, "key", "5", true);
        put_disabled(&mut out, &mut rest, true);
        assert_eq!(Value::Object(out), input);
    }
}
