//! Decoding the sandbox's console arguments, which it writes in teleport-javascript's format:
//! a JSON array whose first element is the value, in which nested strings, arrays and objects
//! are indexes (as strings) into the array, and `"_N"` points into a last element listing
//! values JSON has no form for (`u` undefined, `nNaN`, `D<ISO date>`, `s<symbol>`, …).
//!
//! Values come back as JSON: undefined as null, dates as their ISO text, numbers JSON cannot
//! hold (NaN, Infinity) as their text, typed arrays, maps and sets as their listed contents.

use serde_json::{Map, Value};

/// Decodes `text`; anything that is not in the format comes back as the text itself.
pub(crate) fn decode(text: &str) -> Value {
    let Ok(Value::Array(input)) = serde_json::from_str::<Value>(text) else {
        return Value::String(text.to_owned());
    };
    let refs = if input.len() > 1 {
        input
            .last()
            .and_then(Value::as_array)
            .cloned()
            .unwrap_or_default()
    } else {
        Vec::new()
    };
    let Some(root) = input.first() else {
        return Value::Null;
    };
    let decoder = Decoder {
        input: &input,
        refs: &refs,
    };
    match root {
        Value::String(s) if s == "_0" && !refs.is_empty() => decoder.special(0),
        Value::Array(_) | Value::Object(_) => decoder.value(root, 0),
        other => other.clone(),
    }
}

struct Decoder<'a> {
    input: &'a [Value],
    refs: &'a [Value],
}

/// Deeper than this, a value is cut (a cycle, or a structure not worth printing).
const MAX_DEPTH: usize = 64;

impl Decoder<'_> {
    fn value(&self, value: &Value, depth: usize) -> Value {
        if depth > MAX_DEPTH {
            return Value::String("[Circular]".into());
        }
        match value {
            Value::Array(items) => Value::Array(
                items
                    .iter()
                    .map(|item| self.member(item, depth + 1))
                    .collect(),
            ),
            Value::Object(members) => Value::Object(
                members
                    .iter()
                    .map(|(k, v)| (k.clone(), self.member(v, depth + 1)))
                    .collect::<Map<_, _>>(),
            ),
            other => other.clone(),
        }
    }

    /// A member of an array or object: strings are references.
    fn member(&self, value: &Value, depth: usize) -> Value {
        let Value::String(reference) = value else {
            return value.clone();
        };
        if let Some(index) = reference
            .strip_prefix('_')
            .and_then(|i| i.parse::<usize>().ok())
        {
            return self.special(index);
        }
        match reference
            .parse::<usize>()
            .ok()
            .and_then(|i| self.input.get(i))
        {
            Some(target @ (Value::Array(_) | Value::Object(_))) => self.value(target, depth),
            Some(other) => other.clone(),
            None => value.clone(),
        }
    }

    fn special(&self, index: usize) -> Value {
        let Some(Value::String(encoded)) = self.refs.get(index) else {
            return Value::Null;
        };
        let mut chars = encoded.chars();
        let kind = chars.next();
        let rest = chars.as_str();
        match kind {
            Some('u') => Value::Null,
            Some('n') => rest
                .parse::<f64>()
                .ok()
                .and_then(serde_json::Number::from_f64)
                .map_or_else(|| Value::String(rest.to_owned()), Value::Number),
            Some('b') => Value::String(format!("{rest}n")),
            Some('s') => Value::String(format!("Symbol({rest})")),
            Some('D' | 'R') => Value::String(rest.to_owned()),
            Some('M' | 'S') => decode(rest),
            Some(_) => serde_json::from_str(rest).unwrap_or_else(|_| Value::String(rest.into())),
            None => Value::Null,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    // The input is what teleport-javascript 1.0.0 (the version postman-sandbox 4.7.1 bundles)
    // printed in Node for
    // `stringify(['hello', {a: 1, b: [1, 'x'], u: undefined, d: new Date(0)}, 42, null, undefined, NaN])`.
    #[test]
    fn decodes_teleport_javascript_output() {
        let text = r#"[["1","2",42,null,"_0","_1"],"hello",{"a":1,"b":"3","u":"_0","d":"_2"},[1,"4"],"x",["u","nNaN","D1970-01-01T00:00:00.000Z"]]"#;
        assert_eq!(
            decode(text),
            json!([
                "hello",
                {"a": 1, "b": [1, "x"], "u": null, "d": "1970-01-01T00:00:00.000Z"},
                42,
                null,
                null,
                "NaN"
            ])
        );
    }

    #[test]
    fn a_cycle_is_cut_not_followed_forever() {
        // `const a = {}; a.self = a; stringify([a])`
        let text = r#"[["1"],{"self":"1"}]"#;
        let decoded = decode(text);
        assert!(decoded[0]["self"]["self"]["self"].is_object());
    }

    #[test]
    fn text_that_is_not_teleport_comes_back_as_text() {
        assert_eq!(decode("not json"), json!("not json"));
    }
}
