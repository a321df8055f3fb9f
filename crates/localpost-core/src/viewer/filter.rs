//! The JSONPath filter over a JSON body (RFC 9535), evaluated with `serde_json_path`.
//!
//! The body is parsed once into a `serde_json::Value` for the query; the nodes it selects are
//! written as one JSON array (RFC 9535's result is a node list), which the viewer re-indents
//! like any body. Not here: JSONPath extensions beyond the RFC (no `$..[?@.length]` scripts).

use serde_json::Value;
use serde_json_path::JsonPath;

use super::{Result, ViewerError};

/// The nodes `path` selects in the JSON `body`, as a compact JSON array.
pub(crate) fn select(body: &[u8], path: &str) -> Result<Vec<u8>> {
    let query = JsonPath::parse(path).map_err(|e| ViewerError::Filter {
        path: path.to_owned(),
        message: e.to_string(),
    })?;
    let value: Value = serde_json::from_slice(body).map_err(|e| ViewerError::NotJson {
        line: e.line(),
        column: e.column(),
    })?;
    let nodes = query.query(&value).all();
    serde_json::to_vec(&nodes).map_err(|e| ViewerError::NotJson {
        line: e.line(),
        column: e.column(),
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn run(body: &Value, path: &str) -> Value {
        let out = select(&serde_json::to_vec(body).expect("json"), path).expect("query");
        serde_json::from_slice(&out).expect("array")
    }

    /// RFC 9535 §1.5, Figure 1: the bookstore.
    fn store() -> Value {
        json!({ "store": {
            "book": [
              { "category": "reference", "author": "Nigel Rees",
                "title": "Sayings of the Century", "price": 8.95 },
              { "category": "fiction", "author": "Evelyn Waugh",
                "title": "Sword of Honour", "price": 12.99 },
              { "category": "fiction", "author": "Herman Melville",
                "title": "Moby Dick", "isbn": "0-553-21311-3", "price": 8.99 },
              { "category": "fiction", "author": "J. R. R. Tolkien",
                "title": "The Lord of the Rings", "isbn": "0-395-19395-8", "price": 22.99 }
            ],
            "bicycle": { "color": "red", "price": 399 }
        }})
    }

    #[test]
    fn the_rfcs_bookstore_examples() {
        let s = store();
        let authors = json!([
            "Nigel Rees",
            "Evelyn Waugh",
            "Herman Melville",
            "J. R. R. Tolkien"
        ]);
        assert_eq!(run(&s, "$.store.book[*].author"), authors);
        assert_eq!(run(&s, "$..author"), authors);
        // The RFC leaves the order of an object's members open: compare as a set.
        let mut prices: Vec<f64> = run(&s, "$.store..price")
            .as_array()
            .map(|a| a.iter().filter_map(Value::as_f64).collect())
            .unwrap_or_default();
        prices.sort_by(f64::total_cmp);
        assert_eq!(prices, [8.95, 8.99, 12.99, 22.99, 399.0]);
        assert_eq!(run(&s, "$..book[2].title"), json!(["Moby Dick"]));
        assert_eq!(
            run(&s, "$..book[-1].title"),
            json!(["The Lord of the Rings"])
        );
        assert_eq!(run(&s, "$..book[:2].price"), json!([8.95, 12.99]));
        assert_eq!(run(&s, "$..book[0,1].price"), json!([8.95, 12.99]));
        assert_eq!(
            run(&s, "$..book[?@.isbn].title"),
            json!(["Moby Dick", "The Lord of the Rings"])
        );
        assert_eq!(
            run(&s, "$..book[?@.price<10].title"),
            json!(["Sayings of the Century", "Moby Dick"])
        );
        assert_eq!(run(&s, "$.store.*").as_array().map(Vec::len), Some(2));
        assert_eq!(run(&s, "$..*").as_array().map(Vec::len), Some(27));
    }

    #[test]
    fn functions_and_a_path_that_selects_nothing() {
        let s = store();
        assert_eq!(
            run(&s, "$..book[?length(@.title) > 15].price"),
            json!([8.95, 22.99])
        );
        assert_eq!(
            run(&s, "$..book[?match(@.author, 'J.*')].price"),
            json!([22.99])
        );
        assert_eq!(run(&s, "$.nothing"), json!([]));
    }

    #[test]
    fn a_bad_path_or_a_body_that_is_not_json_says_so() {
        let e = select(b"{}", "$[").expect_err("bad path");
        assert!(matches!(e, ViewerError::Filter { .. }), "{e}");
        assert!(e.to_string().starts_with("invalid JSONPath $["), "{e}");
        let e = select(b"{\n  oops", "$").expect_err("not json");
        assert!(matches!(e, ViewerError::NotJson { line: 2, .. }), "{e}");
    }
}
