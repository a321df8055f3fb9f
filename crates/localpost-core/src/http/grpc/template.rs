//! A JSON template for a message type: every field with a placeholder of its type, in the
//! protobuf JSON mapping (lowerCamelCase names), for the user to fill in.

use prost_reflect::{Cardinality, DescriptorPool, FieldDescriptor, Kind, MessageDescriptor};
use serde_json::{Map, Value, json};

use super::{GrpcError, Result};

/// How deep nested messages are filled before a recursive type stops at `{}`.
const DEPTH: usize = 4;

/// The template of message type `name` (its full name) in `pool`, pretty-printed.
pub fn template(pool: &DescriptorPool, name: &str) -> Result<String> {
    let message = pool
        .get_message_by_name(name.trim_start_matches('.'))
        .ok_or_else(|| GrpcError::UnknownMessage {
            name: name.to_string(),
        })?;
    Ok(to_pretty(&message_value(&message, 0)))
}

/// The template of `message` as a JSON value.
pub(crate) fn message_value(message: &MessageDescriptor, depth: usize) -> Value {
    if let Some(known) = well_known(message.full_name()) {
        return known;
    }
    let mut out = Map::new();
    if depth >= DEPTH {
        return Value::Object(out);
    }
    let mut oneofs_seen = Vec::new();
    for field in message.fields() {
        // One member of each (real) oneof: setting two is an error.
        if let Some(oneof) = field.containing_oneof()
            && !oneof.is_synthetic()
        {
            if oneofs_seen.contains(&oneof.name().to_string()) {
                continue;
            }
            oneofs_seen.push(oneof.name().to_string());
        }
        out.insert(field.json_name().to_string(), field_value(&field, depth));
    }
    Value::Object(out)
}

fn field_value(field: &FieldDescriptor, depth: usize) -> Value {
    if field.is_map()
        && let Kind::Message(entry) = field.kind()
    {
        let key = entry.map_entry_key_field();
        let value = entry.map_entry_value_field();
        let key = match scalar(&key.kind(), depth) {
            Value::String(s) if s.is_empty() => "key".to_string(),
            other => other.to_string(),
        };
        let mut map = Map::new();
        map.insert(key, scalar(&value.kind(), depth));
        return Value::Object(map);
    }
    let one = scalar(&field.kind(), depth);
    match field.cardinality() {
        Cardinality::Repeated => json!([one]),
        _ => one,
    }
}

fn scalar(kind: &Kind, depth: usize) -> Value {
    match kind {
        Kind::Double | Kind::Float => json!(0.0),
        Kind::Int32 | Kind::Sint32 | Kind::Sfixed32 | Kind::Uint32 | Kind::Fixed32 => json!(0),
        // 64-bit integers are strings in the JSON mapping.
        Kind::Int64 | Kind::Sint64 | Kind::Sfixed64 | Kind::Uint64 | Kind::Fixed64 => json!("0"),
        Kind::Bool => json!(false),
        Kind::String | Kind::Bytes => json!(""),
        Kind::Enum(e) => json!(e.values().next().map(|v| v.name().to_string())),
        Kind::Message(m) => message_value(m, depth + 1),
    }
}

/// Placeholders of the well-known types that have a JSON form of their own.
fn well_known(name: &str) -> Option<Value> {
    Some(match name {
        "google.protobuf.Timestamp" => json!("1970-01-01T00:00:00Z"),
        "google.protobuf.Duration" => json!("0s"),
        "google.protobuf.FieldMask" => json!(""),
        "google.protobuf.Struct" => json!({}),
        "google.protobuf.ListValue" => json!([]),
        "google.protobuf.Value" => Value::Null,
        "google.protobuf.Empty" => json!({}),
        "google.protobuf.StringValue" | "google.protobuf.BytesValue" => json!(""),
        "google.protobuf.BoolValue" => json!(false),
        "google.protobuf.Int64Value" | "google.protobuf.UInt64Value" => json!("0"),
        "google.protobuf.Int32Value"
        | "google.protobuf.UInt32Value"
        | "google.protobuf.DoubleValue"
        | "google.protobuf.FloatValue" => json!(0),
        "google.protobuf.Any" => json!({"@type": ""}),
        _ => return None,
    })
}

fn to_pretty(value: &Value) -> String {
    serde_json::to_string_pretty(value).unwrap_or_else(|_| value.to_string())
}
