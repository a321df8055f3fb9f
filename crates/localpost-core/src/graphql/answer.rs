//! Reading an introspection answer: the status, the JSON, its `errors`, its `data.__schema`.

use serde_json::Value;

use super::{GraphqlError, Result};

/// Most GraphQL error messages named in [`GraphqlError::Errors`].
const MAX_MESSAGES: usize = 5;

/// The `data` of an introspection answer (`{"__schema": …}`) as JSON text, given the status
/// and body the server sent for request `request` (its name, for the error).
pub(crate) fn read(request: &str, status: u16, reason: &str, body: &[u8]) -> Result<String> {
    let name = || request.to_owned();
    if !(200..300).contains(&status) {
        let reason = match reason.is_empty() {
            true => String::new(),
            false => format!(" {reason}"),
        };
        return Err(GraphqlError::Status {
            request: name(),
            status,
            reason,
        });
    }
    let answer: Value = serde_json::from_slice(body).map_err(|e| GraphqlError::NotJson {
        request: name(),
        reason: e.to_string(),
    })?;
    let Value::Object(mut answer) = answer else {
        return Err(GraphqlError::NotJson {
            request: name(),
            reason: "expected an object".into(),
        });
    };
    if let Some(Value::Array(errors)) = answer.get("errors")
        && !errors.is_empty()
    {
        let messages: Vec<String> = errors
            .iter()
            .take(MAX_MESSAGES)
            .map(|e| match e.get("message").and_then(Value::as_str) {
                Some(message) => message.to_owned(),
                None => e.to_string(),
            })
            .collect();
        return Err(GraphqlError::Errors {
            request: name(),
            messages: messages.join("; "),
        });
    }
    match answer.remove("data") {
        Some(data) if data.get("__schema").is_some_and(Value::is_object) => Ok(data.to_string()),
        _ => Err(GraphqlError::NoSchema { request: name() }),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_schema_is_its_data() {
        let body = br#"{"data": {"__schema": {"types": []}}}"#;
        let data = read("R", 200, "OK", body).unwrap();
        assert_eq!(data, r#"{"__schema":{"types":[]}}"#);
    }

    #[test]
    fn each_failure_names_the_request_and_what_failed() {
        let cases: [(u16, &[u8], &str); 5] = [
            (
                401,
                b"{}",
                r#"request "R": introspection answered HTTP 401 Unauthorized"#,
            ),
            (
                200,
                b"<html>",
                r#"request "R": introspection answer is not JSON: expected value at line 1 column 1"#,
            ),
            (
                200,
                br#"{"errors": [{"message": "introspection is disabled"}, {"x": 1}]}"#,
                r#"request "R": introspection answered with GraphQL errors: introspection is disabled; {"x":1}"#,
            ),
            (
                200,
                br#"{"data": {"user": null}}"#,
                r#"request "R": introspection answer has no data.__schema"#,
            ),
            (
                200,
                b"[1]",
                r#"request "R": introspection answer is not JSON: expected an object"#,
            ),
        ];
        for (status, body, message) in cases {
            let reason = if status == 401 { "Unauthorized" } else { "OK" };
            let err = read("R", status, reason, body).unwrap_err();
            assert_eq!(err.to_string(), message);
        }
    }
}
