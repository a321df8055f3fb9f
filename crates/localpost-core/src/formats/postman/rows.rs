//! Key/value rows (query parameters, path variables, headers, urlencoded fields) and header
//! lists, which Postman may also write as one `Key: Value` string.

use serde_json::Value;

use super::error::Result;
use super::fidelity::{
    Obj, append_rest, from_extra, put_description, put_disabled, put_list, put_text,
    take_description, take_disabled, take_list, take_text, to_extra,
};
use super::node::Node;
use crate::model::KeyValue;

/// Reads one `{key, value, description, disabled, …}` row.
pub(crate) fn read_row(node: &Node<'_>) -> Result<KeyValue> {
    let mut rest = node.object()?.clone();
    let key = take_text(node, &mut rest, "key")?;
    let value = take_text(node, &mut rest, "value")?;
    let description = take_description(node, &mut rest, "description")?;
    let enabled = take_disabled(node, &mut rest)?;
    Ok(KeyValue {
        key,
        value,
        enabled,
        description,
        extra: to_extra(rest),
    })
}

/// Reads every row of a list.
pub(crate) fn read_rows(nodes: &[Node<'_>]) -> Result<Vec<KeyValue>> {
    nodes.iter().map(read_row).collect()
}

/// Writes one row.
pub(crate) fn write_row(row: &KeyValue) -> Value {
    let mut hints = from_extra(&row.extra);
    let mut out = Obj::new();
    put_text(&mut out, &mut hints, "key", &row.key, true);
    put_text(&mut out, &mut hints, "value", &row.value, true);
    put_description(&mut out, &mut hints, "description", &row.description);
    put_disabled(&mut out, &mut hints, row.enabled);
    append_rest(&mut out, hints);
    Value::Object(out)
}

/// Rows of a `Key: Value` header string, one per non-empty line.
pub(crate) fn parse_header_string(text: &str) -> Vec<KeyValue> {
    text.split('\n')
        .map(|line| line.trim_end_matches('\r'))
        .filter(|line| !line.trim().is_empty())
        .map(|line| match line.split_once(':') {
            Some((key, value)) => KeyValue::new(key.trim(), value.trim()),
            None => KeyValue::new(line.trim(), ""),
        })
        .collect()
}

/// Reads header member `key` of `parent`: a list of rows, a string, or `null`. The string form
/// stays as a hint.
pub(crate) fn read_headers(parent: &Node<'_>, rest: &mut Obj, key: &str) -> Result<Vec<KeyValue>> {
    match parent.get(key) {
        Some(Node {
            value: Value::String(text),
            ..
        }) => Ok(parse_header_string(text)),
        _ => read_rows(&take_list(parent, rest, key)?.unwrap_or_default()),
    }
}

/// Writes header member `key`: as the string it was read from while the rows still match it,
/// else as a list.
pub(crate) fn write_headers(out: &mut Obj, hints: &mut Obj, key: &str, rows: &[KeyValue]) {
    if let Some(Value::String(text)) = hints.get(key) {
        if parse_header_string(text) == rows {
            if let Some(hint) = hints.shift_remove(key) {
                out.insert(key.into(), hint);
            }
            return;
        }
        hints.shift_remove(key);
    }
    put_list(out, hints, key, rows.iter().map(write_row).collect());
}

#[cfg(test)]
mod tests {
    use serde_json::json;

    use super::*;

    #[test]
    fn rows_come_back_with_nulls_types_and_descriptions() {
        for input in [
            json!({"key": "flag", "value": null}),
            json!({"key": "a", "value": "1", "disabled": true, "description": "first"}),
            json!({"key": "b", "value": "", "type": "text", "disabled": false}),
            json!({"key": null, "value": "x", "description": {"content": "d", "type": "text/plain"}}),
        ] {
            let row = read_row(&Node::root(&input)).expect("valid row");
            assert_eq!(write_row(&row), input);
        }
    }

    #[test]
    fn a_header_string_comes_back_unless_edited() {
        let input = json!({"header": "Accept: text/html\r\nX-Trace:  7\n"});
        let node = Node::root(&input);
        let mut rest = input.as_object().cloned().unwrap_or_default();
        let mut rows = read_headers(&node, &mut rest, "header").expect("headers");
        assert_eq!(rows[1], KeyValue::new("X-Trace", "7"));
        let mut out = Obj::new();
        write_headers(&mut out, &mut rest.clone(), "header", &rows);
        assert_eq!(Value::Object(out), input);

        rows[1].enabled = false;
        let mut out = Obj::new();
        write_headers(&mut out, &mut rest, "header", &rows);
        assert_eq!(
            out["header"][1],
            json!({"key": "X-Trace", "value": "7", "disabled": true})
        );
    }

    #[test]
    fn a_row_that_is_not_an_object_names_its_path() {
        let input = json!({"query": [{"key": "a"}, 3]});
        let rows = Node::root(&input)
            .get("query")
            .expect("query")
            .array()
            .expect("array");
        let e = read_rows(&rows).expect_err("not a row");
        assert_eq!(
            e.to_string(),
            "query[1]: expected an object, found a number"
        );
    }
}
