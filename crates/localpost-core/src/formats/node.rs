//! A JSON value together with its path from the document root, so that every shape error can
//! say where it is (`item[3].item[0].request.url.query[2]`).

use serde_json::{Map, Value};

use super::error::{ImportError, Result};

/// A value and where it sits in the document.
#[derive(Debug, Clone)]
pub(crate) struct Node<'a> {
    pub(crate) value: &'a Value,
    path: String,
}

/// How a value is named in shape errors.
pub(crate) fn kind(value: &Value) -> &'static str {
    match value {
        Value::Null => "null",
        Value::Bool(_) => "a boolean",
        Value::Number(_) => "a number",
        Value::String(_) => "a string",
        Value::Array(_) => "an array",
        Value::Object(_) => "an object",
    }
}

impl<'a> Node<'a> {
    /// The document root.
    pub(crate) fn root(value: &'a Value) -> Node<'a> {
        Node {
            value,
            path: String::new(),
        }
    }

    /// `value`, found at `path`.
    pub(crate) fn at(value: &'a Value, path: String) -> Node<'a> {
        Node { value, path }
    }

    /// The path, `(top level)` for the root.
    pub(crate) fn path(&self) -> String {
        if self.path.is_empty() {
            "(top level)".into()
        } else {
            self.path.clone()
        }
    }

    /// The path of member `key` of this object.
    pub(crate) fn path_of(&self, key: &str) -> String {
        if self.path.is_empty() {
            key.to_string()
        } else {
            format!("{}.{key}", self.path)
        }
    }

    /// A shape error at this node.
    pub(crate) fn error(&self, expected: &'static str) -> ImportError {
        ImportError::Shape {
            path: self.path(),
            expected,
            found: kind(self.value),
        }
    }

    /// Member `key` of this object, if it is one and has it.
    pub(crate) fn get(&self, key: &str) -> Option<Node<'a>> {
        self.value.get(key).map(|value| Node {
            value,
            path: self.path_of(key),
        })
    }

    /// Member `key`, which must be there; `expected` says what it should be.
    pub(crate) fn require(&self, key: &str, expected: &'static str) -> Result<Node<'a>> {
        self.get(key).ok_or_else(|| ImportError::Shape {
            path: self.path_of(key),
            expected,
            found: "nothing",
        })
    }

    /// This value as an object.
    pub(crate) fn object(&self) -> Result<&'a Map<String, Value>> {
        self.value
            .as_object()
            .ok_or_else(|| self.error("an object"))
    }

    /// This value as an array of nodes.
    pub(crate) fn array(&self) -> Result<Vec<Node<'a>>> {
        let items = self
            .value
            .as_array()
            .ok_or_else(|| self.error("an array"))?;
        Ok(items
            .iter()
            .enumerate()
            .map(|(i, value)| Node {
                value,
                path: format!("{}[{i}]", self.path),
            })
            .collect())
    }

    /// This value as a string.
    pub(crate) fn str(&self) -> Result<&'a str> {
        self.value.as_str().ok_or_else(|| self.error("a string"))
    }

    /// Member `key` as a string; `None` when missing or null.
    pub(crate) fn opt_str(&self, key: &str) -> Result<Option<&'a str>> {
        match self.get(key) {
            None => Ok(None),
            Some(n) if n.value.is_null() => Ok(None),
            Some(n) => n.str().map(Some),
        }
    }

    /// Member `key` as an array of nodes; empty when missing or null.
    pub(crate) fn opt_array(&self, key: &str) -> Result<Vec<Node<'a>>> {
        match self.get(key) {
            None => Ok(Vec::new()),
            Some(n) if n.value.is_null() => Ok(Vec::new()),
            Some(n) => n.array(),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn paths_name_members_and_indexes() {
        let doc = serde_json::json!({"item": [{}, {"request": {"url": {"query": [1, 2, "x"]}}}]});
        let root = Node::root(&doc);
        let items = root.get("item").expect("item").array().expect("array");
        let query = items[1]
            .get("request")
            .and_then(|r| r.get("url"))
            .and_then(|u| u.get("query"))
            .expect("query")
            .array()
            .expect("array");
        let e = query[2].object().expect_err("a string");
        assert_eq!(
            e.to_string(),
            "item[1].request.url.query[2]: expected an object, found a string"
        );
        assert_eq!(
            root.str().expect_err("object").to_string(),
            "(top level): expected a string, found an object"
        );
    }
}
