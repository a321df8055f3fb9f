//! Local `$ref`s (`#/components/schemas/Pet`, `#/definitions/Pet`,
//! `#/paths/~1pets/get/parameters/0`): JSON pointers into the same document. References to
//! other files or URLs are not followed (a warning says so).

use percent_encoding::percent_decode_str;
use serde_json::Value;

use crate::formats::Warning;
use crate::formats::node::Node;

/// How many `$ref`s in a row are followed before giving up (a chain that long is a cycle).
const MAX_HOPS: usize = 32;

/// The value `reference` points at in `doc`, with its path (`components.schemas.Pet`).
pub(crate) fn pointer<'a>(doc: &'a Value, reference: &str) -> Option<Node<'a>> {
    let rest = reference.strip_prefix('#')?;
    let mut value = doc;
    let mut path = Vec::new();
    for raw in rest.split('/').skip(1) {
        let decoded = percent_decode_str(raw).decode_utf8().ok()?;
        let segment = decoded.replace("~1", "/").replace("~0", "~");
        value = match value {
            Value::Object(o) => o.get(&segment)?,
            Value::Array(a) => a.get(segment.parse::<usize>().ok()?)?,
            _ => return None,
        };
        path.push(segment);
    }
    Some(Node::at(value, path.join(".")))
}

/// `node`, or what its `$ref` (and theirs) points at. `None`, with a warning at `node`, when a
/// reference is external, dangling or circular.
pub(crate) fn deref<'a>(
    doc: &'a Value,
    node: Node<'a>,
    warnings: &mut Vec<Warning>,
) -> Option<Node<'a>> {
    let mut current = node;
    for _ in 0..MAX_HOPS {
        let Some(reference) = current.value.get("$ref").and_then(Value::as_str) else {
            return Some(current);
        };
        if !reference.starts_with('#') {
            warnings.push(Warning::new(
                current.path_of("$ref"),
                format!("reference {reference} to another file is not followed"),
            ));
            return None;
        }
        match pointer(doc, reference) {
            Some(target) => current = target,
            None => {
                warnings.push(Warning::new(
                    current.path_of("$ref"),
                    format!("reference {reference} points at nothing"),
                ));
                return None;
            }
        }
    }
    warnings.push(Warning::new(
        current.path_of("$ref"),
        "circular reference is not followed",
    ));
    None
}

#[cfg(test)]
mod tests {
    use serde_json::json;

    use super::*;

    #[test]
    fn pointers_unescape_their_segments() {
        let doc = json!({"paths": {"/a/{id}": {"get": {"parameters": [1, {"x": 2}]}}}});
        let node = pointer(&doc, "#/paths/~1a~1%7Bid%7D/get/parameters/1").expect("found");
        assert_eq!(node.value, &json!({"x": 2}));
        assert_eq!(node.path(), "paths./a/{id}.get.parameters.1");
        assert!(pointer(&doc, "#/nope").is_none());
    }

    #[test]
    fn chains_are_followed_and_cycles_stopped() {
        let doc = json!({"a": {"$ref": "#/b"}, "b": {"$ref": "#/c"}, "c": 3,
                         "x": {"$ref": "#/y"}, "y": {"$ref": "#/x"}});
        let mut warnings = Vec::new();
        let a = deref(&doc, Node::at(&doc["a"], "a".into()), &mut warnings).expect("resolved");
        assert_eq!(a.value, &json!(3));
        assert!(deref(&doc, Node::at(&doc["x"], "x".into()), &mut warnings).is_none());
        assert_eq!(warnings.len(), 1);
        assert_eq!(warnings[0].message, "circular reference is not followed");
    }
}
