//! WebSocket requests in exports: a Postman collection (v2.1 has no place for them) leaves
//! each out with a warning naming it; a data dump keeps them, and reads back as they were.

use localpost_core::formats::{self, dump, postman};
use localpost_core::model::{
    MessageKind, NewFolder, NewRequest, Parent, Protocol, WebSocketMessage,
};
use localpost_core::store::{ImportBundle, NodeImport, Store};

fn messages() -> Vec<WebSocketMessage> {
    vec![
        WebSocketMessage::new(MessageKind::Text, "hello {{who}}"),
        WebSocketMessage::new(MessageKind::Binary, "frames/one.bin"),
    ]
}

/// Collection API with `Plain` (HTTP) and `Live/Feed` (WebSocket).
fn store() -> (tempfile::TempDir, Store, localpost_core::model::WorkspaceId) {
    let dir = tempfile::tempdir().unwrap();
    let store = Store::open_dir(dir.path()).unwrap();
    let ws = store.create_workspace("W").unwrap();
    let coll = store.create_collection(ws.id, "API").unwrap();
    store
        .create_request(NewRequest::new(Parent::Collection(coll.id), "Plain").url("h/x"))
        .unwrap();
    let folder = store
        .create_folder(NewFolder {
            parent: Parent::Collection(coll.id),
            name: "Live".into(),
        })
        .unwrap();
    let mut feed = store
        .create_request(
            NewRequest::new(Parent::Folder(folder.id), "Feed")
                .url("wss://example.test/feed")
                .websocket(),
        )
        .unwrap();
    feed.messages = messages();
    store.update_request(&feed).unwrap();
    (dir, store, ws.id)
}

#[test]
fn a_postman_export_leaves_websocket_requests_out_and_names_each() {
    let (_dir, store, ws) = store();
    let coll = store.tree(ws).unwrap().collections[0].id;
    let (json, report) = postman::export_collection(&store, coll).unwrap();
    let text = json.to_string();
    assert!(text.contains("\"Plain\""), "{text}");
    assert!(!text.contains("Feed") && !text.contains("wss://"), "{text}");
    assert_eq!(json["item"][1]["name"], "Live");
    assert_eq!(json["item"][1]["item"].as_array().map(Vec::len), Some(0));
    let warnings: Vec<String> = report
        .warnings
        .iter()
        .map(|w| format!("{}: {}", w.path, w.message))
        .collect();
    assert_eq!(
        warnings,
        [
            "item[1].item[0]: WebSocket request \"Feed\" left out: Postman collection v2.1 has no \
          place for WebSocket requests"
        ]
    );
}

#[test]
fn a_data_dump_keeps_websocket_requests_and_reads_them_back() {
    let (_dir, store, ws) = store();
    let (zip, report) = dump::export_dump(&store, ws).unwrap();
    assert!(
        report
            .warnings
            .iter()
            .any(|w| w.message.contains("WebSocket request \"Feed\" kept")),
        "{:?}",
        report.warnings
    );
    let back = formats::parse_any("dump.zip", &zip).unwrap();
    let collection = back
        .iter()
        .find_map(|p| p.collection())
        .expect("a collection")
        .clone();
    let NodeImport::Folder { children, .. } = &collection.children[1] else {
        panic!("Live is a folder")
    };
    let NodeImport::Request(feed) = &children[0] else {
        panic!("Feed is a request")
    };
    assert_eq!(feed.protocol, Protocol::WebSocket);
    assert_eq!(feed.messages, messages());
    let extra = serde_json::to_string(&feed.extra).unwrap();
    assert!(
        !extra.contains("localpost"),
        "our member is not kept twice: {extra}"
    );

    // Imported into another store, it is a WebSocket request again.
    let dir = tempfile::tempdir().unwrap();
    let other = Store::open_dir(dir.path()).unwrap();
    let into = other.create_workspace("Copy").unwrap();
    other
        .import(
            into.id,
            &ImportBundle {
                collections: vec![collection],
                ..Default::default()
            },
        )
        .unwrap();
    let tree = other.tree(into.id).unwrap();
    let localpost_core::model::TreeNode::Folder { children, .. } = &tree.collections[0].children[1]
    else {
        panic!("Live is a folder")
    };
    let localpost_core::model::TreeNode::Request { id, .. } = &children[0] else {
        panic!("Feed is a request")
    };
    let feed = other.request(*id).unwrap();
    assert_eq!(feed.protocol, Protocol::WebSocket);
    assert_eq!(feed.messages, messages());
    assert_eq!(feed.url, "wss://example.test/feed");
}

#[test]
fn a_code_snippet_of_a_websocket_request_is_refused() {
    let (_dir, store, ws) = store();
    let tree = store.tree(ws).unwrap();
    let localpost_core::model::TreeNode::Folder { children, .. } = &tree.collections[0].children[1]
    else {
        panic!("Live is a folder")
    };
    let localpost_core::model::TreeNode::Request { id, .. } = &children[0] else {
        panic!("Feed is a request")
    };
    let err = localpost_core::snippets::prepare(&store, *id, &Default::default()).unwrap_err();
    assert!(err.to_string().contains("is a WebSocket request"), "{err}");
}

/// A Socket.IO request's handshake path, auth payload and spread arguments survive a data
/// dump read back into another store, and a duplicate.
#[test]
fn a_data_dump_and_a_duplicate_keep_a_socketio_requests_own_settings() {
    use localpost_core::model::{NodeId, SocketIoSettings, TreeNode};
    use localpost_core::store::SecretRefMap;

    let dir = tempfile::tempdir().unwrap();
    let store = Store::open_dir(dir.path()).unwrap();
    let ws = store.create_workspace("W").unwrap();
    let coll = store.create_collection(ws.id, "API").unwrap();
    let mut chat = store
        .create_request(
            NewRequest::new(Parent::Collection(coll.id), "Chat")
                .url("http://example.test/admin")
                .socketio(),
        )
        .unwrap();
    let settings = SocketIoSettings {
        path: "/custom/".into(),
        auth: r#"{"token": "{{token}}"}"#.into(),
    };
    chat.socketio = settings.clone();
    chat.messages = vec![WebSocketMessage {
        event: "chat".into(),
        ack: true,
        spread: true,
        ..WebSocketMessage::new(MessageKind::Json, r#"["a", 1]"#)
    }];
    let chat = store.update_request(&chat).unwrap();

    let copy = store
        .duplicate_node(NodeId::Request(chat.id), &SecretRefMap::new())
        .unwrap();
    let NodeId::Request(copy) = copy else {
        panic!("a request")
    };
    assert_eq!(store.request(copy).unwrap().socketio, settings);

    let (zip, _) = dump::export_dump(&store, ws.id).unwrap();
    let back = formats::parse_any("dump.zip", &zip).unwrap();
    let collection = back
        .iter()
        .find_map(|p| p.collection())
        .expect("a collection")
        .clone();
    let other_dir = tempfile::tempdir().unwrap();
    let other = Store::open_dir(other_dir.path()).unwrap();
    let into = other.create_workspace("Copy").unwrap();
    other
        .import(
            into.id,
            &ImportBundle {
                collections: vec![collection],
                ..Default::default()
            },
        )
        .unwrap();
    let tree = other.tree(into.id).unwrap();
    let TreeNode::Request { id, .. } = &tree.collections[0].children[0] else {
        panic!("Chat is a request")
    };
    let read = other.request(*id).unwrap();
    assert_eq!(read.protocol, Protocol::SocketIo);
    assert_eq!(read.socketio, settings);
    assert_eq!(read.messages, chat.messages);
}
