//! gRPC requests called by the engine against a loopback tonic server (tests/grpc_server):
//! descriptors from .proto files (with an import path; a syntax error names file and line) and
//! from server reflection (v1, and v1alpha when only that is offered); every call shape with
//! JSON in and out; metadata both ways; auth as metadata; a deadline that passes; an error
//! status with trailers, before and after response messages; templates of message types.

use std::time::Duration;

use crate::grpc_server::{GrpcServer, fixtures, grpc_request as request, proto_files_in};

use localpost_core::http::grpc::{self, Call, CallOptions, Direction, GrpcError, Shape};
use localpost_core::http::{self, Engine, HttpError, Inheritance};
use localpost_core::model::{Auth, AuthMode, AuthParam, KeyValue, ProtoSource, Request};
use localpost_core::template::{Scope, Variables};
use serde_json::{Value, json};
use tokio_util::sync::CancellationToken;

fn files() -> ProtoSource {
    proto_files_in(&fixtures())
}

async fn call_with(req: &Request, vars: &Variables) -> Result<Call, GrpcError> {
    let prepared = http::prepare(req, vars, &Inheritance::new())?;
    Engine::new()
        .grpc_call(&prepared, CallOptions::default(), &CancellationToken::new())
        .await
}

async fn call(req: &Request) -> Result<Call, GrpcError> {
    call_with(req, &Variables::new()).await
}

/// The received messages as JSON values.
fn received(call: &Call) -> Vec<Value> {
    call.received()
        .map(|m| serde_json::from_str(&m.json).expect("a received message is JSON"))
        .collect()
}

fn header<'a>(headers: &'a [http::Header], name: &str) -> Option<&'a str> {
    headers
        .iter()
        .find(|h| h.is_named(name))
        .map(|h| h.value.as_str())
}

#[test]
fn descriptors_compile_from_files_with_an_import_path() {
    let dir = fixtures();
    let pool = grpc::from_files(
        &[dir.join("protos/echo.proto")],
        &[dir.join("protos"), dir.join("vendor")],
    )
    .unwrap();
    let methods = grpc::methods(&pool);
    let listed: Vec<(&str, Shape)> = methods.iter().map(|m| (m.name.as_str(), m.shape)).collect();
    assert_eq!(
        listed,
        [
            ("test.echo.Echo/Unary", Shape::Unary),
            ("test.echo.Echo/Count", Shape::ServerStreaming),
            ("test.echo.Echo/Collect", Shape::ClientStreaming),
            ("test.echo.Echo/Chat", Shape::Bidirectional),
            ("test.echo.Echo/Fail", Shape::Unary),
            ("test.echo.Echo/Slow", Shape::Unary),
        ]
    );
    assert_eq!(methods[0].input, "test.echo.EchoRequest");

    // Without the vendor import path, the import is not found, and the error says which.
    let err = grpc::from_files(&[dir.join("protos/echo.proto")], &[dir.join("protos")])
        .unwrap_err()
        .to_string();
    assert!(err.contains("common/note.proto"), "{err}");
    assert!(
        err.starts_with("echo.proto:7:"),
        "names the importing line: {err}"
    );
}

#[test]
fn a_syntax_error_names_its_file_and_line() {
    let dir = fixtures();
    let err =
        grpc::from_files(&[dir.join("protos/broken.proto")], &[dir.join("protos")]).unwrap_err();
    let GrpcError::Proto {
        file, line, column, ..
    } = &err
    else {
        panic!("a proto error: {err:?}")
    };
    assert_eq!(file.as_deref(), Some("broken.proto"));
    assert_eq!((*line, *column), (Some(7), Some(3)), "{err}");
    assert!(err.to_string().starts_with("broken.proto:7:3: "), "{err}");
}

#[test]
fn a_template_has_every_field_of_the_message_type() {
    let dir = fixtures();
    let pool = grpc::from_files(
        &[dir.join("protos/echo.proto")],
        &[dir.join("protos"), dir.join("vendor")],
    )
    .unwrap();
    let template = grpc::template(&pool, "test.echo.EchoRequest").unwrap();
    let value: Value = serde_json::from_str(&template).unwrap();
    assert_eq!(
        value,
        json!({"text": "", "count": 0, "note": {"body": "", "level": "LOW"}, "big": "0"})
    );
    assert!(matches!(
        grpc::template(&pool, "test.echo.Nope"),
        Err(GrpcError::UnknownMessage { .. })
    ));
}

#[tokio::test]
async fn a_unary_call_from_files_sends_json_and_reads_json_with_metadata_both_ways() {
    let server = GrpcServer::start();
    let mut req = request(
        &server.url(),
        "test.echo.Echo/Unary",
        files(),
        &[r#"{"text": "hi {{who}}", "count": 3, "note": {"body": "n", "level": "HIGH"}}"#],
    );
    req.headers = vec![
        KeyValue::new("x-team", "{{team}}"),
        KeyValue::new("x-trace", "abc"),
    ];
    let mut vars = Variables::new();
    vars.set(Scope::Environment, "who", "there");
    vars.set(Scope::Environment, "team", "core");
    let call = call_with(&req, &vars).await.unwrap();
    assert!(call.status.is_ok(), "{:?}", call.status);
    assert_eq!(call.status.name, "OK");
    assert_eq!(server.calls("/test.echo.Echo/Unary"), 1);
    assert_eq!(
        received(&call),
        [json!({
            "text": "hi there",
            "index": 3,
            "metadata": ["x-team=core", "x-trace=abc"],
            "note": {"body": "n", "level": "HIGH"}
        })]
    );
    // What was sent is recorded too, first.
    assert_eq!(call.messages[0].direction, Direction::Sent);
    assert!(call.messages[0].json.contains("hi there"));
    assert_eq!(call.messages.len(), 2);
    // The server's metadata, and the request as sent.
    assert_eq!(header(&call.headers, "x-served-by"), Some("loopback"));
    assert_eq!(
        call.request.url,
        format!("{}/test.echo.Echo/Unary", server.url())
    );
    assert_eq!(
        header(&call.request.headers, "content-type"),
        Some("application/grpc")
    );
    assert_eq!(call.method.shape, Shape::Unary);
}

#[tokio::test]
async fn bearer_auth_goes_as_metadata_and_is_masked_in_what_was_sent() {
    let server = GrpcServer::start();
    let mut req = request(&server.url(), "test.echo.Echo/Unary", files(), &["{}"]);
    req.auth = Auth {
        mode: AuthMode::Bearer,
        params: vec![AuthParam {
            key: "token".into(),
            value: "s3cret".into(),
            kind: "string".into(),
        }],
    };
    let call = call(&req).await.unwrap();
    assert_eq!(
        received(&call)[0]["metadata"],
        json!(["authorization=Bearer s3cret"])
    );
    assert_eq!(header(&call.request.headers, "authorization"), Some("***"));
}

#[tokio::test]
async fn descriptors_come_from_reflection_v1_and_v1alpha() {
    for server in [GrpcServer::start(), GrpcServer::start_v1alpha_only()] {
        let req = request(
            &server.url(),
            "test.echo.Echo/Unary",
            ProtoSource::Reflection,
            &[r#"{"text": "reflected"}"#],
        );
        let prepared = http::prepare(&req, &Variables::new(), &Inheritance::new()).unwrap();
        let engine = Engine::new();
        let methods = engine
            .grpc_methods(&prepared, &CancellationToken::new())
            .await
            .unwrap();
        let names: Vec<&str> = methods.iter().map(|m| m.name.as_str()).collect();
        assert_eq!(names.len(), 6, "{names:?}");
        assert!(names.contains(&"test.echo.Echo/Chat"), "{names:?}");
        assert!(
            !names.iter().any(|n| n.starts_with("grpc.reflection")),
            "{names:?}"
        );
        // The imported file came with it: its types can be templated.
        let pool = engine
            .grpc_descriptors(&prepared, &CancellationToken::new())
            .await
            .unwrap();
        assert!(
            grpc::template(&pool, "common.Note")
                .unwrap()
                .contains("level")
        );

        let call = call(&req).await.unwrap();
        assert_eq!(received(&call)[0]["text"], "reflected");
        assert!(
            server.calls("/grpc.reflection.v1alpha.ServerReflection/ServerReflectionInfo") > 0
                || server.calls("/grpc.reflection.v1.ServerReflection/ServerReflectionInfo") > 0
        );
    }
    let alpha_only = GrpcServer::start_v1alpha_only();
    let req = request(
        &alpha_only.url(),
        "test.echo.Echo/Unary",
        ProtoSource::Reflection,
        &["{}"],
    );
    call(&req).await.unwrap();
    assert_eq!(
        alpha_only.calls("/grpc.reflection.v1.ServerReflection/ServerReflectionInfo"),
        1,
        "v1 is tried first"
    );
    assert!(
        alpha_only.calls("/grpc.reflection.v1alpha.ServerReflection/ServerReflectionInfo") >= 1,
        "then v1alpha"
    );
}

#[tokio::test]
async fn a_server_streaming_call_reads_every_message_then_the_status() {
    let server = GrpcServer::start();
    let req = request(
        &server.url(),
        "test.echo.Echo/Count",
        files(),
        &[r#"{"text": "n", "count": 3}"#],
    );
    let seen = std::sync::Arc::new(std::sync::Mutex::new(Vec::new()));
    let watched = std::sync::Arc::clone(&seen);
    let prepared = http::prepare(&req, &Variables::new(), &Inheritance::new()).unwrap();
    let options = CallOptions {
        watch: Some(Box::new(move |m| {
            watched.lock().unwrap().push(m.direction);
        })),
        ..CallOptions::default()
    };
    let call = Engine::new()
        .grpc_call(&prepared, options, &CancellationToken::new())
        .await
        .unwrap();
    let texts: Vec<Value> = received(&call).iter().map(|m| m["text"].clone()).collect();
    assert_eq!(texts, [json!("n 0"), json!("n 1"), json!("n 2")]);
    assert!(call.status.is_ok());
    assert_eq!(
        *seen.lock().unwrap(),
        [
            Direction::Sent,
            Direction::Received,
            Direction::Received,
            Direction::Received
        ]
    );
}

#[tokio::test]
async fn a_client_streaming_call_sends_every_enabled_message() {
    let server = GrpcServer::start();
    let mut req = request(
        &server.url(),
        "test.echo.Echo/Collect",
        files(),
        &[r#"{"text": "a"}"#, r#"{"text": "b"}"#, r#"{"text": "c"}"#],
    );
    req.messages[1].enabled = false;
    let call = call(&req).await.unwrap();
    assert_eq!(
        received(&call),
        [json!({"text": "a+c", "index": 2, "metadata": []})],
        "an unset message field is left out"
    );
}

#[tokio::test]
async fn a_bidirectional_call_echoes_each_message() {
    let server = GrpcServer::start();
    let req = request(
        &server.url(),
        "test.echo.Echo/Chat",
        files(),
        &[r#"{"text": "one"}"#, r#"{"text": "two"}"#],
    );
    let call = call(&req).await.unwrap();
    let texts: Vec<Value> = received(&call).iter().map(|m| m["text"].clone()).collect();
    assert_eq!(texts, [json!("echo one"), json!("echo two")]);
    assert!(call.status.is_ok());
    assert_eq!(call.method.shape, Shape::Bidirectional);
}

#[tokio::test]
async fn an_error_status_comes_with_its_message_and_trailers() {
    let server = GrpcServer::start();
    // Before any message: a trailers-only answer.
    let req = request(
        &server.url(),
        "test.echo.Echo/Fail",
        files(),
        &[r#"{"text": "ann"}"#],
    );
    let call = call(&req).await.unwrap();
    assert_eq!(
        (call.status.code, call.status.name.as_str()),
        (5, "NOT_FOUND")
    );
    assert_eq!(call.status.message, "no such user: ann");
    assert_eq!(header(&call.trailers, "x-lookup"), Some("users"));
    assert!(header(&call.trailers, "grpc-status").is_none());
    assert_eq!(call.received().count(), 0);

    // After messages: in the trailers.
    let req = request(
        &server.url(),
        "test.echo.Echo/Count",
        files(),
        &[r#"{"text": "fail", "count": 2}"#],
    );
    let call = self::call(&req).await.unwrap();
    assert_eq!(call.received().count(), 2);
    assert_eq!(call.status.name, "ABORTED");
    assert_eq!(call.status.message, "stopped after the replies");
    assert_eq!(header(&call.trailers, "x-reason"), Some("asked to"));
}

#[tokio::test]
async fn a_deadline_that_passes_ends_the_call_with_deadline_exceeded() {
    let server = GrpcServer::start();
    let mut req = request(
        &server.url(),
        "test.echo.Echo/Slow",
        files(),
        &[r#"{"text": "late", "count": 2000}"#],
    );
    req.settings.timeout_ms = Some(200);
    let started = std::time::Instant::now();
    let call = call(&req).await.unwrap();
    assert_eq!(call.status.name, "DEADLINE_EXCEEDED");
    assert!(started.elapsed() < Duration::from_millis(1500));
    assert_eq!(
        header(&call.request.headers, "grpc-timeout"),
        Some("200000u")
    );
    // In time, the same call succeeds.
    req.messages[0].content = r#"{"text": "soon", "count": 10}"#.into();
    let call = self::call(&req).await.unwrap();
    assert_eq!(received(&call)[0]["text"], "soon");
}

#[tokio::test]
async fn mistakes_are_errors_naming_their_cause() {
    let server = GrpcServer::start();
    let url = server.url();
    let err = call(&request(&url, "test.echo.Echo/Nope", files(), &["{}"]))
        .await
        .unwrap_err();
    assert!(
        matches!(err, GrpcError::UnknownMethod { what: "method", .. }),
        "{err}"
    );
    let err = call(&request(
        &url,
        "test.echo.Echo/Unary",
        files(),
        &[r#"{"txt": 1}"#],
    ))
    .await
    .unwrap_err();
    assert!(
        err.to_string()
            .starts_with("messages[0]: not a valid test.echo.EchoRequest"),
        "{err}"
    );
    let err = call(&request(
        &url,
        "test.echo.Echo/Unary",
        files(),
        &["{}", "{}"],
    ))
    .await
    .unwrap_err();
    assert!(
        matches!(err, GrpcError::MessageCount { count: 2, .. }),
        "{err}"
    );
    let err = call(&request(&url, "Unary", files(), &["{}"]))
        .await
        .unwrap_err();
    assert!(matches!(err, GrpcError::InvalidMethod { .. }), "{err}");
    let err = call(&request("http://127.0.0.1:1", "a.B/C", files(), &["{}"]))
        .await
        .unwrap_err();
    assert!(
        err.to_string().contains("grpc:// (plaintext) or grpcs://"),
        "{err}"
    );
    assert_eq!(server.calls("/test.echo.Echo/Unary"), 0, "nothing was sent");

    // Nobody listening: the engine's own error.
    let closed = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
    let port = closed.local_addr().unwrap().port();
    drop(closed);
    let err = call(&request(
        &format!("grpc://127.0.0.1:{port}"),
        "test.echo.Echo/Unary",
        files(),
        &["{}"],
    ))
    .await
    .unwrap_err();
    assert!(
        matches!(err, GrpcError::Http(HttpError::ConnectionRefused { .. })),
        "{err:?}"
    );
    // Engine::send refuses a gRPC request.
    let prepared = http::prepare(
        &request(&url, "test.echo.Echo/Unary", files(), &["{}"]),
        &Variables::new(),
        &Inheritance::new(),
    )
    .unwrap();
    let err = Engine::new()
        .send(&prepared, &CancellationToken::new())
        .await
        .unwrap_err();
    assert!(matches!(err, HttpError::GrpcRequest { .. }), "{err}");
}

/// A rustls server config with a certificate for 127.0.0.1 issued by `ca`.
fn tls_config(ca: &crate::tls_server::Ca) -> rustls::ServerConfig {
    let issued = ca.issue("localpost grpc test", &["localhost", "127.0.0.1"], false);
    let provider = std::sync::Arc::new(rustls::crypto::ring::default_provider());
    let key = rustls::pki_types::PrivateKeyDer::Pkcs8(rustls::pki_types::PrivatePkcs8KeyDer::from(
        issued.key_der.clone(),
    ));
    rustls::ServerConfig::builder_with_provider(provider)
        .with_safe_default_protocol_versions()
        .expect("protocol versions")
        .with_no_client_auth()
        .with_single_cert(vec![issued.der.clone()], key)
        .expect("server config")
}

#[tokio::test]
async fn a_grpcs_call_trusts_the_requests_ca_certificates_and_refuses_without_them() {
    let ca = crate::tls_server::Ca::new();
    let server = GrpcServer::start_tls(tls_config(&ca));
    assert!(server.url().starts_with("grpcs://"));
    let mut req = request(
        &server.url(),
        "test.echo.Echo/Unary",
        ProtoSource::Reflection,
        &[r#"{"text": "over tls"}"#],
    );
    // The platform's roots do not know the test CA.
    let err = call(&req).await.unwrap_err();
    assert!(
        matches!(err, GrpcError::Http(HttpError::Tls { .. })),
        "{err:?}"
    );
    let dir = tempfile::tempdir().unwrap();
    let ca_path = dir.path().join("ca.pem");
    std::fs::write(&ca_path, ca.pem()).unwrap();
    req.settings.ca_certificates = Some(ca_path.display().to_string());
    let call = call(&req).await.unwrap();
    assert_eq!(received(&call)[0]["text"], "over tls");
    assert!(call.request.url.starts_with("grpcs://127.0.0.1:"));
    assert_eq!(server.calls("/test.echo.Echo/Unary"), 1);
}

#[tokio::test]
async fn calls_go_through_the_request_settings_proxy() {
    use crate::proxies::{HttpProxy, Socks5};
    use localpost_core::model::{ProxyMode, ProxySettings};
    let via = |req: &mut Request, url: String, user: &str, password: &str| {
        req.settings.proxy = Some(ProxySettings {
            mode: ProxyMode::Custom,
            url,
            username: user.into(),
            password: password.into(),
            no_proxy: String::new(),
        });
    };

    // grpc:// through SOCKS5: a tunnel to the server.
    let server = GrpcServer::start();
    let socks = Socks5::start("grace", "s0cks-pw");
    let mut req = request(
        &server.url(),
        "test.echo.Echo/Unary",
        files(),
        &[r#"{"text": "socks"}"#],
    );
    via(
        &mut req,
        format!("socks5://{}", socks.addr),
        "grace",
        "s0cks-pw",
    );
    let call = call(&req).await.unwrap();
    assert_eq!(received(&call)[0]["text"], "socks");
    let seen = socks.seen();
    assert_eq!(seen[0].request, format!("CONNECT {}", server.addr()));
    assert!(seen[0].is_allowed);

    // grpcs:// through an HTTP proxy: a CONNECT tunnel, TLS inside it.
    let ca = crate::tls_server::Ca::new();
    let tls = GrpcServer::start_tls(tls_config(&ca));
    let http = HttpProxy::start("ada", "pr0xy-pw");
    let dir = tempfile::tempdir().unwrap();
    let ca_path = dir.path().join("ca.pem");
    std::fs::write(&ca_path, ca.pem()).unwrap();
    let mut req = request(
        &tls.url(),
        "test.echo.Echo/Unary",
        files(),
        &[r#"{"text": "tunnel"}"#],
    );
    req.settings.ca_certificates = Some(ca_path.display().to_string());
    via(&mut req, format!("http://{}", http.addr), "ada", "pr0xy-pw");
    let call = self::call(&req).await.unwrap();
    assert_eq!(received(&call)[0]["text"], "tunnel");
    let seen = http.seen();
    assert!(
        seen[0]
            .request
            .starts_with(&format!("CONNECT {}", tls.addr())),
        "{seen:?}"
    );
    assert!(seen[0].is_allowed);
}

/// Every request of an imported collection's tree, by name.
fn imported(nodes: &[localpost_core::store::NodeImport], out: &mut Vec<Request>) {
    for node in nodes {
        match node {
            localpost_core::store::NodeImport::Folder { children, .. } => imported(children, out),
            localpost_core::store::NodeImport::Request(r) => out.push(r.clone()),
        }
    }
}

#[tokio::test]
async fn an_insomnia_export_s_proto_tree_travels_in_the_request_and_calls_the_server() {
    // The export holds the fixture protos as Insomnia stores an imported directory: a tree
    // of proto_directory resources whose files import each other through its directories.
    let export = fixtures().join("../insomnia/grpc-v4.json");
    let mut parsed = localpost_core::formats::import_file(&export).unwrap();
    let collection = parsed.remove(0).collection().cloned().unwrap();
    let mut requests = Vec::new();
    imported(&collection.children, &mut requests);
    let by_name = |name: &str| requests.iter().find(|r| r.name == name).cloned().unwrap();
    let mut vars = Variables::new();
    for v in &collection.collection.variables {
        vars.set(Scope::Collection, &v.key, &v.value);
    }
    let server = GrpcServer::start();

    let mut unary = by_name("Echo unary");
    assert!(matches!(unary.grpc.source, ProtoSource::Embedded { .. }));
    unary.url = server.url();
    let call = call_with(&unary, &vars).await.unwrap();
    assert!(call.status.is_ok(), "{:?}", call.status);
    let reply = &received(&call)[0];
    assert_eq!(
        reply["text"], "hi",
        "the body's {{{{ _.greeting }}}} became {{{{greeting}}}}"
    );
    assert_eq!(
        reply["metadata"],
        json!(["x-trace=1"]),
        "the disabled row is not sent"
    );

    // A bidirectional method of the same tree.
    let mut chat = by_name("Chat");
    chat.url = server.url();
    let call = call_with(&chat, &vars).await.unwrap();
    assert!(call.status.is_ok(), "{:?}", call.status);
    assert_eq!(call.method.shape, Shape::Bidirectional);
    assert_eq!(received(&call).len(), 1);
    assert_eq!(server.calls("/test.echo.Echo/Chat"), 1);

    // The file that does not compile says where, when called.
    let mut broken = by_name("Broken proto");
    broken.url = server.url();
    let err = call_with(&broken, &vars).await.unwrap_err().to_string();
    assert!(
        err.contains("protos/broken.proto") && err.contains(":7:"),
        "{err}"
    );
}
