//! Example values generated from a JSON Schema when a document gives none, as Swagger UI
//! generates them: `example`, then `examples[0]`, `default`, `const` and `enum[0]`; else a
//! value of the schema's type (`"string"`, `0`, `true`, a date for `format: date-time`, …),
//! objects with every property, arrays with one item. `$ref`s are followed; a schema that
//! refers to itself is cut where it recurs (`null`), and nesting is cut at [`MAX_DEPTH`].

use serde_json::{Map, Value, json};

use super::refs::pointer;
use crate::formats::Warning;
use crate::formats::node::Node;

/// Nesting past this depth is written as `null`.
const MAX_DEPTH: usize = 12;

/// An example value for `schema`, resolving references against `doc`. A reference that
/// cannot be followed (another file, nothing there) gives `null` and a warning at `schema`.
pub(crate) fn sample(doc: &Value, schema: &Node<'_>, warnings: &mut Vec<Warning>) -> Value {
    let mut sampler = Sampler {
        doc,
        stack: Vec::new(),
        missed: Vec::new(),
    };
    let value = sampler.go(schema.value, 0);
    for reference in sampler.missed {
        warnings.push(Warning::new(
            schema.path(),
            format!("reference {reference} is not followed; null in the example"),
        ));
    }
    value
}

/// An explicit example given by `schema` itself, if any (not generated).
pub(crate) fn given(schema: &Value) -> Option<Value> {
    if let Some(v) = schema.get("example") {
        return Some(v.clone());
    }
    if let Some(v) = schema.get("x-example") {
        return Some(v.clone());
    }
    if let Some(Value::Array(a)) = schema.get("examples")
        && let Some(first) = a.first()
    {
        return Some(first.clone());
    }
    for key in ["default", "const"] {
        if let Some(v) = schema.get(key) {
            return Some(v.clone());
        }
    }
    if let Some(Value::Array(a)) = schema.get("enum")
        && let Some(first) = a.first()
    {
        return Some(first.clone());
    }
    None
}

struct Sampler<'a> {
    doc: &'a Value,
    stack: Vec<String>,
    missed: Vec<String>,
}

impl Sampler<'_> {
    fn go(&mut self, schema: &Value, depth: usize) -> Value {
        if depth > MAX_DEPTH || !schema.is_object() {
            return Value::Null;
        }
        if let Some(reference) = schema.get("$ref").and_then(Value::as_str) {
            if self.stack.iter().any(|r| r == reference) {
                return Value::Null;
            }
            let Some(target) = pointer(self.doc, reference) else {
                if !self.missed.iter().any(|r| r == reference) {
                    self.missed.push(reference.to_string());
                }
                return Value::Null;
            };
            self.stack.push(reference.to_string());
            let value = self.go(target.value, depth + 1);
            self.stack.pop();
            return value;
        }
        if let Some(v) = given(schema) {
            return v;
        }
        if let Some(Value::Array(parts)) = schema.get("allOf") {
            let mut merged = Map::new();
            let mut last = Value::Null;
            for part in parts {
                match self.go(part, depth + 1) {
                    Value::Object(o) => merged.extend(o),
                    other => last = other,
                }
            }
            return if merged.is_empty() {
                last
            } else {
                Value::Object(merged)
            };
        }
        for key in ["oneOf", "anyOf"] {
            if let Some(Value::Array(parts)) = schema.get(key)
                && let Some(first) = parts.first()
            {
                return self.go(first, depth + 1);
            }
        }
        match type_of(schema) {
            "object" => {
                let mut out = Map::new();
                if let Some(Value::Object(props)) = schema.get("properties") {
                    for (name, prop) in props {
                        out.insert(name.clone(), self.go(prop, depth + 1));
                    }
                }
                Value::Object(out)
            }
            "array" => match schema.get("items") {
                Some(items) => json!([self.go(items, depth + 1)]),
                None => json!([]),
            },
            "integer" => json!(minimum(schema).unwrap_or(0)),
            "number" => json!(minimum(schema).unwrap_or(0)),
            "boolean" => json!(true),
            "null" => Value::Null,
            "string" => Value::String(string_for(schema).into()),
            _ => Value::Null,
        }
    }
}

fn minimum(schema: &Value) -> Option<i64> {
    schema.get("minimum").and_then(Value::as_i64)
}

/// The schema's type: `type` (the first that is not `null` when it is a list, as 3.1 allows),
/// else guessed from `properties` or `items`.
pub(crate) fn type_of(schema: &Value) -> &str {
    match schema.get("type") {
        Some(Value::String(t)) => t,
        Some(Value::Array(types)) => types
            .iter()
            .filter_map(Value::as_str)
            .find(|t| *t != "null")
            .unwrap_or("null"),
        _ if schema.get("properties").is_some() => "object",
        _ if schema.get("items").is_some() => "array",
        _ => "",
    }
}

fn string_for(schema: &Value) -> &'static str {
    match schema.get("format").and_then(Value::as_str) {
        Some("date-time") => "1970-01-01T00:00:00Z",
        Some("date") => "1970-01-01",
        Some("time") => "00:00:00",
        Some("email") => "user@example.com",
        Some("uuid") => "00000000-0000-0000-0000-000000000000",
        Some("uri" | "url") => "https://example.com",
        Some("hostname") => "example.com",
        Some("ipv4") => "192.0.2.1",
        Some("ipv6") => "2001:db8::1",
        Some("binary" | "byte") => "",
        _ => "string",
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn sample(doc: &Value, schema: &Value) -> Value {
        let mut warnings = Vec::new();
        let value = super::sample(doc, &Node::at(schema, "s".into()), &mut warnings);
        assert!(warnings.is_empty(), "{warnings:?}");
        value
    }

    #[test]
    fn external_references_are_named() {
        let mut warnings = Vec::new();
        let schema = json!({"properties": {"a": {"$ref": "other.yaml#/A"}}});
        let value = super::sample(&json!({}), &Node::at(&schema, "s".into()), &mut warnings);
        assert_eq!(value, json!({"a": null}));
        assert_eq!(
            warnings[0].to_string(),
            "s: reference other.yaml#/A is not followed; null in the example"
        );
    }

    #[test]
    fn references_and_cycles() {
        let doc = json!({"components": {"schemas": {
            "Node": {"type": "object", "properties": {
                "id": {"type": "integer", "minimum": 7},
                "child": {"$ref": "#/components/schemas/Node"},
                "when": {"type": "string", "format": "date-time"}}}}}});
        let got = sample(&doc, &json!({"$ref": "#/components/schemas/Node"}));
        assert_eq!(
            got,
            json!({"id": 7, "child": null, "when": "1970-01-01T00:00:00Z"})
        );
    }

    #[test]
    fn examples_win_and_compositions_merge() {
        let doc = json!({});
        let schema = json!({"allOf": [
            {"type": "object", "properties": {"a": {"type": "string", "example": "given"}}},
            {"properties": {"b": {"type": ["null", "boolean"]}}}]});
        assert_eq!(sample(&doc, &schema), json!({"a": "given", "b": true}));
        assert_eq!(
            sample(&doc, &json!({"oneOf": [{"enum": ["x", "y"]}]})),
            json!("x")
        );
        assert_eq!(
            sample(&doc, &json!({"type": "array", "items": {"type": "number"}})),
            json!([0])
        );
    }
}
