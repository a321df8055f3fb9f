//! Items at any depth: a folder (an item with `item[]`) or a request item (`request`,
//! `response[]`, `event[]`).
//!
//! A request item's own `variable[]` is read into the request's `variables` (Postman's runtime
//! ignores item variables, and so does sending; secret values go to the keychain as everywhere
//! and are written empty); its `description` and `id` are kept verbatim and written back. The request's
//! `description` is the model's. A `request` given as a bare URL string comes back as one while
//! it is still a plain `GET` of that URL.

use serde_json::Value;

use super::error::Result;
use super::fidelity::{
    Obj, append_rest, from_extra, put_description, put_list, put_name, rest_of, take_description,
    take_list, take_name, take_text, text_of, to_extra,
};
use super::node::Node;
use super::report::{ExportReport, Warning, Withheld};
use super::url::{self, Url};
use super::{auth, body, event, example, rows, settings, variable};
use crate::model::{
    Auth, AuthMode, Body, CollectionId, Folder, FolderId, GrpcCall, KeyValue, Protocol, Request,
    RequestId, SocketIoSettings, WebSocketMessage,
};
use crate::store::NodeImport;

/// Localpost's own member of a request item, for what Postman has no place for: a WebSocket
/// request's protocol and messages (`{"protocol": "websocket", "messages": […]}`). Only data
/// dumps write such items; a Postman collection export leaves WebSocket requests out.
const OURS: &str = "localpost";

/// What Localpost keeps in its own [`OURS`] member of a request item: the protocol of a
/// WebSocket, gRPC or Socket.IO request, its messages, (gRPC) its method and descriptor
/// source and (Socket.IO) its handshake path and auth payload.
type Ours = (Protocol, Vec<WebSocketMessage>, GrpcCall, SocketIoSettings);

/// The protocol, messages and gRPC call in `rest`'s [`OURS`] member, taken out of it; HTTP and
/// none when there is no such member or it is not one we wrote (then it stays, kept verbatim).
fn take_ours(rest: &mut Obj) -> Ours {
    let http = || {
        (
            Protocol::Http,
            Vec::new(),
            GrpcCall::default(),
            SocketIoSettings::default(),
        )
    };
    let Some(Value::Object(o)) = rest.get(OURS) else {
        return http();
    };
    let protocol = match o.get("protocol").and_then(Value::as_str) {
        Some("websocket") => Protocol::WebSocket,
        Some("grpc") => Protocol::Grpc,
        Some("socketio") => Protocol::SocketIo,
        _ => return http(),
    };
    let messages = o.get("messages").cloned().map_or(
        Ok(Vec::new()),
        serde_json::from_value::<Vec<WebSocketMessage>>,
    );
    let grpc = match protocol {
        Protocol::Grpc => o
            .get("grpc")
            .cloned()
            .map_or(Ok(GrpcCall::default()), serde_json::from_value::<GrpcCall>),
        _ => Ok(GrpcCall::default()),
    };
    let socketio = match protocol {
        Protocol::SocketIo => o.get("socketio").cloned().map_or(
            Ok(SocketIoSettings::default()),
            serde_json::from_value::<SocketIoSettings>,
        ),
        _ => Ok(SocketIoSettings::default()),
    };
    match (messages, grpc, socketio) {
        (Ok(messages), Ok(grpc), Ok(socketio)) => {
            rest.shift_remove(OURS);
            (protocol, messages, grpc, socketio)
        }
        _ => http(),
    }
}

/// Name given to a request that has none.
pub(crate) const UNTITLED_REQUEST: &str = "Untitled request";
/// Name given to a folder that has none.
pub(crate) const UNTITLED_FOLDER: &str = "Untitled folder";

/// Reads list member `item` of a collection or folder.
pub(crate) fn read_items(
    owner: &Node<'_>,
    rest: &mut Obj,
    warnings: &mut Vec<Warning>,
) -> Result<Vec<NodeImport>> {
    take_list(owner, rest, "item")?
        .unwrap_or_default()
        .iter()
        .map(|item| read(item, warnings))
        .collect()
}

/// Reads one item: a folder when it has `item` and no `request`.
fn read(node: &Node<'_>, warnings: &mut Vec<Warning>) -> Result<NodeImport> {
    let o = node.object()?;
    if o.contains_key("item") && !o.contains_key("request") {
        read_folder(node, warnings)
    } else {
        read_request(node, warnings).map(NodeImport::Request)
    }
}

fn read_folder(node: &Node<'_>, warnings: &mut Vec<Warning>) -> Result<NodeImport> {
    let mut rest = rest_of(node, &["item"])?;
    let name = take_name(node, &mut rest, UNTITLED_FOLDER)?;
    let description = take_description(node, &mut rest, "description")?;
    let variables = variable::read_list(node, &mut rest, "variable")?;
    let scripts = event::read(node, &mut rest, warnings)?;
    let auth = auth::read(node, &mut rest, warnings)?;
    let settings = settings::read(node, &mut rest)?;
    let children = read_items(node, &mut rest, warnings)?;
    let folder = Folder {
        id: FolderId(0),
        collection_id: CollectionId(0),
        parent_id: None,
        name,
        position: 0,
        description,
        auth,
        scripts,
        variables,
        settings,
        extra: to_extra(rest),
    };
    Ok(NodeImport::Folder { folder, children })
}

/// The parts of a request that live in its `request` member.
#[derive(Default)]
struct Parts {
    method: String,
    url: Url,
    headers: Vec<KeyValue>,
    body: Body,
    auth: Auth,
    description: String,
}

fn read_request_member(
    node: &Node<'_>,
    rest: &mut Obj,
    warnings: &mut Vec<Warning>,
) -> Result<Parts> {
    let mut parts = Parts {
        method: "GET".into(),
        ..Parts::default()
    };
    let Some(r) = node.get("request") else {
        return Ok(parts);
    };
    match r.value {
        Value::Null => Ok(parts),
        Value::String(url) => {
            parts.url.raw = url.clone();
            Ok(parts)
        }
        Value::Object(o) => {
            let mut r_rest = o.clone();
            parts.url = url::read(&r, &mut r_rest)?;
            let method = take_text(&r, &mut r_rest, "method")?;
            if !method.trim().is_empty() {
                parts.method = method;
            }
            parts.headers = rows::read_headers(&r, &mut r_rest, "header")?;
            parts.body = body::read(&r, &mut r_rest, warnings)?;
            parts.auth = auth::read(&r, &mut r_rest, warnings)?;
            parts.description = take_description(&r, &mut r_rest, "description")?;
            for key in ["proxy", "certificate"] {
                if r_rest.contains_key(key) {
                    warnings.push(Warning::new(
                        r.path_of(key),
                        format!("request {key} settings are kept for export, not applied"),
                    ));
                }
            }
            rest.shift_remove("request");
            if !r_rest.is_empty() {
                rest.insert("request".into(), Value::Object(r_rest));
            }
            Ok(parts)
        }
        _ => Err(r.error("a string or an object")),
    }
}

fn read_request(node: &Node<'_>, warnings: &mut Vec<Warning>) -> Result<Request> {
    let mut rest = rest_of(node, &["response"])?;
    let name = take_name(node, &mut rest, UNTITLED_REQUEST)?;
    let scripts = event::read(node, &mut rest, warnings)?;
    let settings = settings::read(node, &mut rest)?;
    let examples = take_list(node, &mut rest, "response")?
        .unwrap_or_default()
        .iter()
        .map(example::read)
        .collect::<Result<_>>()?;
    let parts = read_request_member(node, &mut rest, warnings)?;
    let variables = variable::read_list(node, &mut rest, "variable")?;
    let (protocol, messages, grpc, socketio) = take_ours(&mut rest);
    Ok(Request {
        id: RequestId(0),
        collection_id: CollectionId(0),
        folder_id: None,
        name,
        position: 0,
        method: parts.method,
        url: parts.url.raw,
        params: parts.url.params,
        path_variables: parts.url.path_variables,
        headers: parts.headers,
        body: parts.body,
        auth: parts.auth,
        scripts,
        settings,
        description: parts.description,
        examples,
        variables,
        protocol,
        messages,
        grpc,
        socketio,
        extra: to_extra(rest),
    })
}

/// Whether a request is a plain `GET` of its URL, as a bare URL string says.
fn is_plain_get(req: &Request) -> bool {
    req.method == "GET"
        && req.params.is_empty()
        && req.path_variables.is_empty()
        && req.headers.is_empty()
        && req.body == Body::None
        && req.auth.mode == AuthMode::Inherit
        && req.description.is_empty()
}

/// Writes member `request`; returns the credentials withheld from its auth (see
/// [`auth::write`]).
fn write_request_member(out: &mut Obj, hints: &mut Obj, req: &Request) -> Vec<(String, String)> {
    let mut r_hints = match hints.shift_remove("request") {
        Some(Value::String(url)) if url == req.url && is_plain_get(req) => {
            out.insert("request".into(), Value::String(url));
            return Vec::new();
        }
        Some(Value::Null) if req.url.is_empty() && is_plain_get(req) => {
            out.insert("request".into(), Value::Null);
            return Vec::new();
        }
        Some(Value::Object(o)) => o,
        _ => Obj::new(),
    };
    let mut r = Obj::new();
    let withheld = auth::write(&mut r, &mut r_hints, &req.auth);
    // An empty method was read as GET; it goes back empty while it still is.
    match r_hints.shift_remove("method") {
        Some(h)
            if text_of(&h).is_some_and(|m| {
                m == req.method || (m.trim().is_empty() && req.method == "GET")
            }) =>
        {
            r.insert("method".into(), h);
        }
        _ => {
            r.insert("method".into(), Value::String(req.method.clone()));
        }
    }
    rows::write_headers(&mut r, &mut r_hints, "header", &req.headers);
    body::write(&mut r, &mut r_hints, &req.body);
    let url = Url {
        raw: req.url.clone(),
        params: req.params.clone(),
        path_variables: req.path_variables.clone(),
    };
    url::write(&mut r, &mut r_hints, &url);
    put_description(&mut r, &mut r_hints, "description", &req.description);
    append_rest(&mut r, r_hints);
    out.insert("request".into(), Value::Object(r));
    withheld
}

/// Writes a request item found at `path` of the exported file.
pub(crate) fn write_request(req: &Request, path: &str, report: &mut ExportReport) -> Value {
    let mut hints = from_extra(&req.extra);
    let mut out = Obj::new();
    put_name(&mut out, &mut hints, &req.name, UNTITLED_REQUEST);
    if let Some(id) = hints.shift_remove("id") {
        out.insert("id".into(), id);
    }
    event::write(&mut out, &mut hints, &req.scripts);
    for (at, key) in write_request_member(&mut out, &mut hints, req) {
        let path = format!("{path}.request.{at}");
        report.withheld.push(Withheld { path, key });
    }
    put_list(
        &mut out,
        &mut hints,
        "response",
        req.examples.iter().map(example::write).collect(),
    );
    settings::write(&mut out, &mut hints, &req.settings);
    settings::check(&req.settings, path, &mut report.warnings);
    let variables = variable::write_all(&req.variables, &format!("{path}.variable"), report);
    put_list(&mut out, &mut hints, "variable", variables);
    if req.is_websocket() || req.is_socketio() {
        let messages = serde_json::to_value(&req.messages).unwrap_or_default();
        let protocol = if req.is_socketio() {
            "socketio"
        } else {
            "websocket"
        };
        let mut ours = serde_json::json!({"protocol": protocol, "messages": messages});
        if !req.socketio.is_empty() {
            ours["socketio"] = serde_json::to_value(&req.socketio).unwrap_or_default();
        }
        out.insert(OURS.into(), ours);
    }
    if req.is_grpc() {
        let messages = serde_json::to_value(&req.messages).unwrap_or_default();
        let grpc = serde_json::to_value(&req.grpc).unwrap_or_default();
        out.insert(
            OURS.into(),
            serde_json::json!({"protocol": "grpc", "messages": messages, "grpc": grpc}),
        );
    }
    append_rest(&mut out, hints);
    Value::Object(out)
}

/// The request part of `req` as postman-collection Request JSON: what a script's
/// `pm.request` starts from.
pub(crate) fn request_to_json(req: &Request) -> Value {
    let item = write_request(req, "", &mut ExportReport::default());
    match item {
        Value::Object(mut members) => match members.remove("request") {
            Some(Value::String(url)) => serde_json::json!({"url": url, "method": "GET"}),
            Some(request) => request,
            None => Value::Null,
        },
        _ => Value::Null,
    }
}

/// A request from postman-collection Request JSON (what `pm.sendRequest` is given), with no
/// place in the store.
pub(crate) fn request_from_json(request: &Value) -> Result<Request> {
    let item = serde_json::json!({"name": "pm.sendRequest", "request": request});
    read_request(&Node::root(&item), &mut Vec::new())
}

/// `req` with what a script left in `pm.request` (postman-collection Request JSON): its
/// method, URL, query, headers, body and auth. Everything else of `req` stays.
pub(crate) fn apply_request_json(req: &Request, request: &Value) -> Result<Request> {
    let item = serde_json::json!({"name": req.name, "request": request});
    let node = Node::root(&item);
    let mut rest = rest_of(&node, &[])?;
    let parts = read_request_member(&node, &mut rest, &mut Vec::new())?;
    Ok(Request {
        method: parts.method,
        url: parts.url.raw,
        params: parts.url.params,
        path_variables: parts.url.path_variables,
        headers: parts.headers,
        body: parts.body,
        auth: parts.auth,
        ..req.clone()
    })
}

/// Writes a folder found at `path`, with its items already written.
pub(crate) fn write_folder(
    folder: &Folder,
    items: Vec<Value>,
    path: &str,
    report: &mut ExportReport,
) -> Value {
    let mut hints = from_extra(&folder.extra);
    let mut out = Obj::new();
    put_name(&mut out, &mut hints, &folder.name, UNTITLED_FOLDER);
    if let Some(id) = hints.shift_remove("id") {
        out.insert("id".into(), id);
    }
    put_description(&mut out, &mut hints, "description", &folder.description);
    let variables = variable::write_all(&folder.variables, &format!("{path}.variable"), report);
    put_list(&mut out, &mut hints, "variable", variables);
    hints.shift_remove("item");
    out.insert("item".into(), Value::Array(items));
    event::write(&mut out, &mut hints, &folder.scripts);
    for (at, key) in auth::write(&mut out, &mut hints, &folder.auth) {
        let path = format!("{path}.{at}");
        report.withheld.push(Withheld { path, key });
    }
    settings::write(&mut out, &mut hints, &folder.settings);
    settings::check(&folder.settings, path, &mut report.warnings);
    append_rest(&mut out, hints);
    Value::Object(out)
}

#[cfg(test)]
mod tests {
    use serde_json::json;

    use super::*;

    fn round_trip(item: Value) -> Value {
        let mut warnings = Vec::new();
        let node = Node::root(&item);
        match read(&node, &mut warnings).expect("valid item") {
            NodeImport::Request(req) => {
                write_request(&req, "item[0]", &mut ExportReport::default())
            }
            NodeImport::Folder { .. } => panic!("a request was expected"),
        }
    }

    #[test]
    fn request_items_come_back_as_read() {
        for item in [
            json!({"name": "Bare", "request": "https://example.com/a", "response": []}),
            json!({
                "id": "item-1",
                "name": " Padded ",
                "variable": [{"key": "local", "value": "1"}],
                "description": "item level",
                "event": [{"listen": "test", "script": {"exec": ["pm.test('x')"], "type": "text/javascript"}}],
                "request": {
                    "method": "PATCH",
                    "header": "X-A: 1",
                    "url": "https://example.com/b",
                    "description": {"content": "request level", "type": "text/markdown"},
                    "proxy": {"host": "proxy.local"},
                    "auth": {"type": "noauth"}
                },
                "response": [],
                "protocolProfileBehavior": {"disableBodyPruning": true}
            }),
            json!({"name": "", "request": {"method": "", "url": {"raw": "h/p", "host": ["h"], "path": ["p"]}}}),
        ] {
            assert_eq!(round_trip(item.clone()), item);
        }
    }

    #[test]
    fn a_bare_url_edited_becomes_an_object() {
        let item = json!({"name": "Bare", "request": "https://example.com/a"});
        let mut warnings = Vec::new();
        let NodeImport::Request(mut req) = read(&Node::root(&item), &mut warnings).expect("valid")
        else {
            panic!("a request was expected");
        };
        req.method = "POST".into();
        let out = write_request(&req, "item[0]", &mut ExportReport::default());
        assert_eq!(out["request"]["method"], "POST");
        assert_eq!(out["request"]["url"]["raw"], "https://example.com/a");
    }
}
