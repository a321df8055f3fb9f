//! gRPC requests in the store and in exports, against a real SQLite file: protocol, method,
//! descriptor source and request messages survive a reopen, a duplicate and a draft; a Postman
//! export leaves them out naming each; a data dump keeps them and reads them back.

use localpost_core::formats::{self, dump, postman};
use localpost_core::model::{
    GrpcCall, KeyValue, MessageKind, NewRequest, NodeId, Parent, ProtoSource, Protocol, Request,
    TreeNode, WebSocketMessage,
};
use localpost_core::store::{ImportBundle, NodeImport, SecretRefMap, Store};

fn call() -> GrpcCall {
    GrpcCall {
        method: "test.echo.Echo/Unary".into(),
        source: ProtoSource::Files {
            files: vec!["echo.proto".into()],
            import_paths: vec!["/protos".into(), "/vendor".into()],
        },
    }
}

fn messages() -> Vec<WebSocketMessage> {
    vec![WebSocketMessage::new(
        MessageKind::Json,
        r#"{"text":"{{greeting}}"}"#,
    )]
}

/// Collection API with `Plain` (HTTP) and `Echo` (gRPC, metadata `x-team: core`).
fn store() -> (
    tempfile::TempDir,
    Store,
    localpost_core::model::WorkspaceId,
    Request,
) {
    let dir = tempfile::tempdir().unwrap();
    let store = Store::open_dir(dir.path()).unwrap();
    let ws = store.create_workspace("W").unwrap();
    let coll = store.create_collection(ws.id, "API").unwrap();
    store
        .create_request(NewRequest::new(Parent::Collection(coll.id), "Plain").url("h/x"))
        .unwrap();
    let mut echo = store
        .create_request(
            NewRequest::new(Parent::Collection(coll.id), "Echo")
                .url("grpc://127.0.0.1:50051")
                .grpc(),
        )
        .unwrap();
    assert_eq!(echo.protocol, Protocol::Grpc, "created as asked");
    assert!(echo.grpc.is_empty());
    echo.grpc = call();
    echo.messages = messages();
    echo.headers = vec![KeyValue::new("x-team", "core")];
    let echo = store.update_request(&echo).unwrap();
    (dir, store, ws.id, echo)
}

#[test]
fn a_grpc_request_keeps_its_method_source_and_messages_across_a_reopen() {
    let (dir, store, _, echo) = store();
    drop(store);
    let store = Store::open_dir(dir.path()).unwrap();
    let req = store.request(echo.id).unwrap();
    assert_eq!(req.protocol, Protocol::Grpc);
    assert_eq!(req.grpc, call());
    assert_eq!(req.messages, messages());
    assert_eq!(req.headers, vec![KeyValue::new("x-team", "core")]);

    let conn = rusqlite::Connection::open(dir.path().join("localpost.db")).unwrap();
    let (protocol, grpc): (String, String) = conn
        .query_row(
            "SELECT protocol, grpc FROM items WHERE id = ?1",
            [echo.id.0],
            |r| Ok((r.get(0)?, r.get(1)?)),
        )
        .unwrap();
    assert_eq!(protocol, "grpc");
    assert!(
        grpc.contains("test.echo.Echo/Unary") && grpc.contains("/vendor"),
        "{grpc}"
    );
    // An HTTP row's column is the empty object.
    let empty: String = conn
        .query_row(
            "SELECT grpc FROM items WHERE protocol = 'http' LIMIT 1",
            [],
            |r| r.get(0),
        )
        .unwrap();
    assert_eq!(empty, "{}");

    let NodeId::Request(copy) = store
        .duplicate_node(NodeId::Request(echo.id), &SecretRefMap::new())
        .unwrap()
    else {
        panic!("a request duplicates as a request")
    };
    let copy = store.request(copy).unwrap();
    assert_eq!((copy.protocol, &copy.grpc), (Protocol::Grpc, &call()));

    let mut edited = req.clone();
    edited.grpc.source = ProtoSource::Reflection;
    store.save_draft(&edited).unwrap();
    assert_eq!(
        store.draft(echo.id).unwrap().unwrap().grpc.source,
        ProtoSource::Reflection
    );
}

#[test]
fn a_postman_export_leaves_grpc_requests_out_and_names_each() {
    let (_dir, store, ws, _) = store();
    let coll = store.tree(ws).unwrap().collections[0].id;
    let (json, report) = postman::export_collection(&store, coll).unwrap();
    let text = json.to_string();
    assert!(text.contains("\"Plain\""), "{text}");
    assert!(
        !text.contains("Echo") && !text.contains("grpc://"),
        "{text}"
    );
    let warnings: Vec<String> = report
        .warnings
        .iter()
        .map(|w| format!("{}: {}", w.path, w.message))
        .collect();
    assert_eq!(
        warnings,
        [
            "item[1]: gRPC request \"Echo\" left out: Postman collection v2.1 has no place for gRPC \
          requests"
        ]
    );
}

#[test]
fn a_data_dump_keeps_grpc_requests_and_reads_them_back() {
    let (_dir, store, ws, _) = store();
    let (zip, report) = dump::export_dump(&store, ws).unwrap();
    assert!(
        report
            .warnings
            .iter()
            .any(|w| w.message.contains("gRPC request \"Echo\" kept")),
        "{:?}",
        report.warnings
    );
    let back = formats::parse_any("dump.zip", &zip).unwrap();
    let collection = back
        .iter()
        .find_map(|p| p.collection())
        .expect("a collection")
        .clone();
    let NodeImport::Request(echo) = &collection.children[1] else {
        panic!("Echo is a request")
    };
    assert_eq!(echo.protocol, Protocol::Grpc);
    assert_eq!(echo.grpc, call());
    assert_eq!(echo.messages, messages());

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
    let TreeNode::Request { id, .. } = &tree.collections[0].children[1] else {
        panic!("Echo is a request")
    };
    let echo = other.request(*id).unwrap();
    assert_eq!((echo.protocol, &echo.grpc), (Protocol::Grpc, &call()));
    assert_eq!(echo.url, "grpc://127.0.0.1:50051");
    assert_eq!(echo.headers, vec![KeyValue::new("x-team", "core")]);
}

#[test]
fn a_code_snippet_of_a_grpc_request_is_refused() {
    let (_dir, store, _, echo) = store();
    let err = localpost_core::snippets::prepare(&store, echo.id, &Default::default()).unwrap_err();
    assert!(err.to_string().contains("is a gRPC request"), "{err}");
}
