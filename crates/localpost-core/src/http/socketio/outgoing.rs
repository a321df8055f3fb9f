//! What a Socket.IO request sends, read from its prepared form: the Engine.IO endpoint and
//! namespace of its URL, the connect's `auth` payload and each event's arguments. Nothing
//! here touches a socket.

use serde_json::Value;

use super::super::{PreparedEmit, PreparedRequest};
use super::converse::Emit;
use super::{Result, SocketIoError};
use crate::model::MessageKind;

/// The Engine.IO endpoint of a Socket.IO request (its handshake path, `/socket.io/` unless it
/// sets another, on its origin; its query kept, `EIO=4&transport=websocket` added) and its
/// namespace (its URL's path, `/` when none).
pub(super) fn endpoint(request: &PreparedRequest) -> (PreparedRequest, String) {
    let mut endpoint = request.clone();
    let namespace = match request.url.path().trim_end_matches('/') {
        "" => "/".to_owned(),
        path => path.to_owned(),
    };
    let path = request
        .socketio
        .as_ref()
        .map_or("/socket.io/", |s| s.path.as_str());
    let path = match path.starts_with('/') {
        true => path.to_owned(),
        false => format!("/{path}"),
    };
    endpoint.url.set_path(&path);
    endpoint
        .url
        .query_pairs_mut()
        .append_pair("EIO", "4")
        .append_pair("transport", "websocket");
    // The engine's WebSocket opening wants a WebSocket request.
    endpoint.messages = Some(Vec::new());
    endpoint.emits = None;
    endpoint.socketio = None;
    (endpoint, namespace)
}

/// The connect's `auth` payload: the caller's, else the request's (which must be a JSON
/// object, as socket.io's server reads it), else none.
pub(super) fn connect_auth(
    request: &PreparedRequest,
    given: Option<Value>,
) -> Result<Option<Value>> {
    if given.is_some() {
        return Ok(given);
    }
    let Some(text) = request.socketio.as_ref().and_then(|s| s.auth.as_deref()) else {
        return Ok(None);
    };
    match serde_json::from_str::<Value>(text) {
        Ok(object @ Value::Object(_)) => Ok(Some(object)),
        Ok(_) => Err(SocketIoError::Auth {
            reason: "it is not a JSON object".into(),
        }),
        Err(e) => Err(SocketIoError::Auth {
            reason: format!("it is not JSON: {e}"),
        }),
    }
}

/// The events with their arguments read: text as one string; JSON parsed, as one argument
/// or, when spread, as the array of arguments; binary arguments cannot be sent yet.
pub(super) fn arguments(prepared: &[PreparedEmit]) -> Result<Vec<Emit>> {
    prepared.iter().map(emit).collect()
}

fn emit(e: &PreparedEmit) -> Result<Emit> {
    let wrong = |reason: String| SocketIoError::Argument {
        event: e.event.clone(),
        reason,
    };
    let args = match &e.argument {
        None => Vec::new(),
        Some((MessageKind::Text, text)) => vec![Value::String(text.clone())],
        Some((MessageKind::Json, json)) => {
            let value: Value = serde_json::from_str(json)
                .map_err(|err| wrong(format!("it is not JSON: {err}")))?;
            match (e.spread, value) {
                (true, Value::Array(args)) => args,
                (true, _) => {
                    return Err(wrong(
                        "its arguments are not a JSON array (turn off Arguments to send it as one)"
                            .into(),
                    ));
                }
                (false, value) => vec![value],
            }
        }
        Some((MessageKind::Binary, _)) => {
            return Err(wrong("binary arguments cannot be sent yet".into()));
        }
    };
    Ok(Emit {
        event: e.event.clone(),
        args,
        ack: e.ack,
    })
}

/// A sent argument with the request's secrets (vault values, secret variables) masked, for the
/// record: the wire got the real value.
pub(super) fn masked(request: &PreparedRequest, value: Value) -> Value {
    match value {
        Value::String(text) => Value::String(request.hide_secrets(text)),
        Value::Array(items) => {
            Value::Array(items.into_iter().map(|v| masked(request, v)).collect())
        }
        Value::Object(map) => Value::Object(
            map.into_iter()
                .map(|(k, v)| (k, masked(request, v)))
                .collect(),
        ),
        other => other,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn prepared(kind: MessageKind, content: &str, spread: bool) -> PreparedEmit {
        PreparedEmit {
            event: "e".into(),
            argument: Some((kind, content.into())),
            ack: false,
            spread,
        }
    }

    #[test]
    fn a_spread_json_array_is_the_argument_list_and_anything_else_one_argument() {
        let args = |e| emit(&e).map(|e| e.args);
        let spread = prepared(MessageKind::Json, r#"["a", 1, {"b": 2}]"#, true);
        assert_eq!(
            args(spread).expect("an array"),
            vec![
                Value::from("a"),
                Value::from(1),
                serde_json::json!({"b": 2})
            ]
        );
        let whole = prepared(MessageKind::Json, "[1, 2]", false);
        assert_eq!(args(whole).expect("one"), vec![serde_json::json!([1, 2])]);
        let text = prepared(MessageKind::Text, "[1, 2]", false);
        assert_eq!(args(text).expect("text"), vec![Value::from("[1, 2]")]);
        let not_array = prepared(MessageKind::Json, r#"{"a": 1}"#, true);
        assert!(matches!(
            args(not_array),
            Err(SocketIoError::Argument { .. })
        ));
    }
}
