//! A file's text as one JSON value, whether the file is JSON or YAML, so that every importer
//! reads the same tree and reports the same JSON paths.
//!
//! Text that starts with `{` or `[` is JSON (errors give JSON's line and column); anything else
//! is YAML (errors give YAML's). YAML keys that are not strings (`200:` in an OpenAPI
//! `responses` map) become their text, merge keys (`<<`) are applied and tags are dropped.

use serde_json::{Map, Number, Value};
use serde_yaml_ng::Value as Yaml;

use super::{ImportError, error::Result};

/// Which syntax a document was written in.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Syntax {
    /// JSON.
    Json,
    /// YAML.
    Yaml,
}

/// The text without a byte order mark.
pub(crate) fn strip_bom(text: &str) -> &str {
    text.strip_prefix('\u{feff}').unwrap_or(text)
}

/// Whether `text` is JSON rather than YAML: it starts with `{` or `[`.
pub(crate) fn looks_like_json(text: &str) -> bool {
    matches!(strip_bom(text).trim_start().chars().next(), Some('{' | '['))
}

/// Reads `text` as JSON or YAML.
pub(crate) fn parse(text: &str) -> Result<(Syntax, Value)> {
    let text = strip_bom(text);
    if looks_like_json(text) {
        let value = serde_json::from_str(text).map_err(|e| ImportError::json(&e))?;
        return Ok((Syntax::Json, value));
    }
    Ok((Syntax::Yaml, parse_yaml(text)?))
}

/// Reads a document as one JSON value, whether it is written in JSON or YAML (the readers of
/// [`openapi`](super::openapi), [`insomnia`](super::insomnia) and [`har`](super::har) take
/// that value). Errors give the line and column.
pub fn parse_document(text: &str) -> Result<Value> {
    parse(text).map(|(_, value)| value)
}

/// Reads `text` as YAML (JSON is YAML too).
pub(crate) fn parse_yaml(text: &str) -> Result<Value> {
    let mut yaml: Yaml = serde_yaml_ng::from_str(text).map_err(|e| ImportError::yaml(&e, text))?;
    yaml.apply_merge()
        .map_err(|e| ImportError::yaml(&e, text))?;
    Ok(to_json(yaml, 0))
}

/// Nesting past this depth is cut (a guard against hostile documents).
const MAX_DEPTH: usize = 256;

fn to_json(yaml: Yaml, depth: usize) -> Value {
    if depth > MAX_DEPTH {
        return Value::Null;
    }
    match yaml {
        Yaml::Null => Value::Null,
        Yaml::Bool(b) => Value::Bool(b),
        Yaml::Number(n) => number(&n),
        Yaml::String(s) => Value::String(s),
        Yaml::Sequence(items) => {
            Value::Array(items.into_iter().map(|v| to_json(v, depth + 1)).collect())
        }
        Yaml::Mapping(map) => {
            let mut out = Map::new();
            for (k, v) in map {
                out.insert(key_text(&k), to_json(v, depth + 1));
            }
            Value::Object(out)
        }
        Yaml::Tagged(tagged) => to_json(tagged.value, depth + 1),
    }
}

fn number(n: &serde_yaml_ng::Number) -> Value {
    if let Some(i) = n.as_i64() {
        Value::Number(i.into())
    } else if let Some(u) = n.as_u64() {
        Value::Number(u.into())
    } else {
        n.as_f64()
            .and_then(Number::from_f64)
            .map(Value::Number)
            .unwrap_or(Value::Null)
    }
}

fn key_text(key: &Yaml) -> String {
    match key {
        Yaml::String(s) => s.clone(),
        Yaml::Null => "null".into(),
        Yaml::Bool(b) => b.to_string(),
        Yaml::Number(n) => n.to_string(),
        Yaml::Tagged(t) => key_text(&t.value),
        other => serde_yaml_ng::to_string(other)
            .map(|s| s.trim_end().to_string())
            .unwrap_or_default(),
    }
}

#[cfg(test)]
mod tests {
    use serde_json::json;

    use super::*;

    #[test]
    fn yaml_keys_become_text_and_merges_apply() {
        let (syntax, v) =
            parse("base: &b {a: 1}\nresponses:\n  200: ok\n  true: yes\nx:\n  <<: *b\n  c: 2\n")
                .expect("yaml");
        assert_eq!(syntax, Syntax::Yaml);
        assert_eq!(v["responses"], json!({"200": "ok", "true": "yes"}));
        assert_eq!(v["x"], json!({"a": 1, "c": 2}));
    }

    #[test]
    fn errors_give_line_and_column() {
        let e = parse("a: 1\nb: [1, 2\nc: 3\n").expect_err("unterminated");
        let ImportError::Yaml { line, column, .. } = e else {
            panic!("not a YAML error: {e}");
        };
        assert!(line >= 2 && column > 0, "{line}:{column}");
        // A duplicate key is placed on its own line, not its mapping's first.
        let e = parse("openapi: 3.0.0\ninfo:\n  title: a\n  title: b\nopenapi: 3.1.0\n")
            .expect_err("duplicate");
        assert!(
            matches!(
                e,
                ImportError::Yaml {
                    line: 4,
                    column: 3,
                    ..
                }
            ),
            "{e}"
        );
        // An alias bomb has no one place: no "line 0, column 0".
        let mut bomb = String::from("a: &a [x, x, x, x, x, x, x, x, x]\n");
        for (name, prev) in ["b", "c", "d", "e", "f", "g", "h"]
            .iter()
            .zip(["a", "b", "c", "d", "e", "f", "g"])
        {
            let refs = vec![format!("*{prev}"); 9].join(", ");
            bomb.push_str(&format!("{name}: &{name} [{refs}]\n"));
        }
        let e = parse(&bomb).expect_err("bomb");
        assert!(matches!(e, ImportError::YamlDocument { .. }), "{e}");
        assert!(!e.to_string().contains("line 0"), "{e}");
        let e = parse("{\"a\": }").expect_err("json");
        assert!(
            matches!(
                e,
                ImportError::Json {
                    line: 1,
                    column: 7,
                    ..
                }
            ),
            "{e}"
        );
    }
}
