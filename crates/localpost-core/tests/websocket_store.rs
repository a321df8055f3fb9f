//! WebSocket requests in the store, against a real SQLite file: their protocol and saved
//! messages survive a reopen, a save, a duplicate and a draft, and older files read as HTTP.

use localpost_core::model::{
    Auth, AuthMode, AuthParam, KeyValue, MessageKind, NewRequest, NodeId, Parent, Protocol,
    WebSocketMessage,
};
use localpost_core::store::{SecretRefMap, Store};

fn messages() -> Vec<WebSocketMessage> {
    vec![
        WebSocketMessage::new(MessageKind::Text, "hello {{name}}"),
        WebSocketMessage::new(MessageKind::Json, r#"{"op":"sub"}"#),
        WebSocketMessage {
            enabled: false,
            ..WebSocketMessage::new(MessageKind::Binary, "frames/one.bin")
        },
    ]
}

#[test]
fn a_websocket_request_keeps_its_protocol_and_messages_across_a_reopen() {
    let dir = tempfile::tempdir().unwrap();
    let id = {
        let store = Store::open_dir(dir.path()).unwrap();
        let ws = store.create_workspace("Sockets").unwrap();
        let coll = store.create_collection(ws.id, "Chat").unwrap();
        let mut req = store
            .create_request(
                NewRequest::new(Parent::Collection(coll.id), "Echo")
                    .url("ws://127.0.0.1:9/echo")
                    .websocket(),
            )
            .unwrap();
        assert_eq!(req.protocol, Protocol::WebSocket, "created as asked");
        assert!(req.messages.is_empty());
        req.headers = vec![KeyValue::new("X-Client", "cli")];
        req.params = vec![KeyValue::new("room", "1")];
        req.auth = Auth {
            mode: AuthMode::Bearer,
            params: vec![AuthParam {
                key: "token".into(),
                value: "{{token}}".into(),
                kind: "string".into(),
            }],
        };
        req.messages = messages();
        store.update_request(&req).unwrap();
        // An HTTP sibling stays HTTP.
        let http = store
            .create_request(NewRequest::new(Parent::Collection(coll.id), "Plain").url("h/x"))
            .unwrap();
        assert_eq!(http.protocol, Protocol::Http);
        req.id
    };
    let store = Store::open_dir(dir.path()).unwrap();
    let req = store.request(id).unwrap();
    assert_eq!(req.protocol, Protocol::WebSocket);
    assert_eq!(req.messages, messages());
    assert_eq!(req.url, "ws://127.0.0.1:9/echo");
    assert_eq!(req.params, vec![KeyValue::new("room", "1")]);
    assert_eq!(req.auth.mode, AuthMode::Bearer);

    // The raw row says so too, in its own columns.
    let conn = rusqlite::Connection::open(dir.path().join("localpost.db")).unwrap();
    let (protocol, stored): (String, String) = conn
        .query_row(
            "SELECT protocol, messages FROM items WHERE id = ?1",
            [id.0],
            |r| Ok((r.get(0)?, r.get(1)?)),
        )
        .unwrap();
    assert_eq!(protocol, "websocket");
    assert!(stored.contains("hello {{name}}"), "{stored}");

    // A duplicate is a WebSocket request with the same messages.
    let copy = store
        .duplicate_node(NodeId::Request(id), &SecretRefMap::new())
        .unwrap();
    let NodeId::Request(copy) = copy else {
        panic!("a request duplicates as a request")
    };
    let copy = store.request(copy).unwrap();
    assert_eq!(copy.protocol, Protocol::WebSocket);
    assert_eq!(copy.messages, messages());

    // A draft keeps them, and saving it turns the request back into HTTP when asked.
    let mut edited = req.clone();
    edited
        .messages
        .push(WebSocketMessage::new(MessageKind::Text, "bye"));
    store.save_draft(&edited).unwrap();
    assert_eq!(store.draft(id).unwrap().unwrap().messages.len(), 4);
    edited.protocol = Protocol::Http;
    let saved = store.save_request(&edited).unwrap();
    assert_eq!(saved.protocol, Protocol::Http);
    assert_eq!(store.request(id).unwrap().protocol, Protocol::Http);
}

#[test]
fn requests_written_before_websockets_read_as_http_with_no_messages() {
    let dir = tempfile::tempdir().unwrap();
    let id = {
        let store = Store::open_dir(dir.path()).unwrap();
        let ws = store.create_workspace("Old").unwrap();
        let coll = store.create_collection(ws.id, "C").unwrap();
        store
            .create_request(NewRequest::new(Parent::Collection(coll.id), "R").url("h/x"))
            .unwrap()
            .id
    };
    // What version 12 wrote: no protocol or messages of its own (the defaults fill them).
    let conn = rusqlite::Connection::open(dir.path().join("localpost.db")).unwrap();
    let (protocol, stored): (String, String) = conn
        .query_row(
            "SELECT protocol, messages FROM items WHERE id = ?1",
            [id.0],
            |r| Ok((r.get(0)?, r.get(1)?)),
        )
        .unwrap();
    assert_eq!((protocol.as_str(), stored.as_str()), ("http", "[]"));
    conn.execute("UPDATE items SET protocol = 'gopher' WHERE id = ?1", [id.0])
        .unwrap();
    let store = Store::open_dir(dir.path()).unwrap();
    let err = store.request(id).unwrap_err().to_string();
    assert!(err.contains("protocol"), "{err}");
}

/// Issue 14: the sidebar badges WebSocket requests, so the tree says which they are; a saved
/// message keeps the name the editor gave it.
#[test]
fn the_tree_names_the_protocol_and_messages_keep_their_names() {
    use localpost_core::model::TreeNode;
    let dir = tempfile::tempdir().unwrap();
    let store = Store::open_dir(dir.path()).unwrap();
    let ws = store.create_workspace("Sockets").unwrap();
    let coll = store.create_collection(ws.id, "Chat").unwrap();
    let mut socket = store
        .create_request(
            NewRequest::new(Parent::Collection(coll.id), "Echo")
                .url("ws://127.0.0.1:9/echo")
                .websocket(),
        )
        .unwrap();
    socket.messages = vec![WebSocketMessage {
        name: "Subscribe".into(),
        ..WebSocketMessage::new(MessageKind::Json, r#"{"op":"sub"}"#)
    }];
    store.update_request(&socket).unwrap();
    store
        .create_request(NewRequest::new(Parent::Collection(coll.id), "Plain"))
        .unwrap();
    let tree = store.tree(ws.id).unwrap();
    let protocols: Vec<(String, Protocol)> = tree.collections[0]
        .children
        .iter()
        .filter_map(|n| match n {
            TreeNode::Request { name, protocol, .. } => Some((name.clone(), *protocol)),
            TreeNode::Folder { .. } => None,
        })
        .collect();
    assert_eq!(
        protocols,
        [
            ("Echo".to_string(), Protocol::WebSocket),
            ("Plain".to_string(), Protocol::Http)
        ]
    );
    let json = serde_json::to_value(&tree.collections[0].children).unwrap();
    assert_eq!(json[0]["protocol"], "websocket");
    assert!(json[1].get("protocol").is_none(), "HTTP is not written");
    let reread = Store::open_dir(dir.path())
        .unwrap()
        .request(socket.id)
        .unwrap();
    assert_eq!(reread.messages[0].name, "Subscribe");
}
