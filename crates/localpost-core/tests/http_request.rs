//! What the server receives: method, URL, headers and every body mode, sent over loopback from
//! requests kept in a real store.

use crate::fixture;
use crate::server;

use fixture::{Fixture, send};
use localpost_core::http::USER_AGENT;
use localpost_core::model::{Body, FormPart, FormValue, KeyValue, RawLanguage};
use localpost_core::template::{Scope, Variables};
use server::{Reply, Server};

fn vars(pairs: &[(&str, &str)]) -> Variables {
    let mut v = Variables::new();
    for (k, val) in pairs {
        v.set(Scope::Environment, *k, *val);
    }
    v
}

fn disabled(key: &str, value: &str) -> KeyValue {
    KeyValue {
        enabled: false,
        ..KeyValue::new(key, value)
    }
}

#[tokio::test]
async fn any_method_token_is_sent_upper_cased() {
    let server = Server::start(|_| Reply::text("ok"));
    let fx = Fixture::new();
    for method in ["PURGE", "propfind", "DELETE"] {
        let req = fx.request(method, &server.url("/m"), |_| {});
        let ex = send(&req, &Variables::new()).await.expect("sent");
        assert_eq!(ex.response.status, 200);
    }
    let methods: Vec<_> = server.hits().into_iter().map(|h| h.method).collect();
    assert_eq!(methods, ["PURGE", "PROPFIND", "DELETE"]);
}

#[tokio::test]
async fn path_variables_and_params_build_the_url_postman_style() {
    let server = Server::start(|_| Reply::text("ok"));
    let fx = Fixture::new();
    let base = server.url("");
    let req = fx.request("GET", "{{base}}/users/:id/files?ignored=1#frag", |r| {
        r.path_variables = vec![KeyValue::new("id", "{{user}}")];
        r.params = vec![
            KeyValue::new("q", "a b&c"),
            disabled("off", "1"),
            KeyValue::new("é", "%2F"),
        ];
    });
    let ex = send(&req, &vars(&[("base", &base), ("user", "4 2")]))
        .await
        .expect("sent");
    let target = "/users/4%202/files?q=a%20b%26c&%C3%A9=%2F";
    assert_eq!(server.hit().target, target);
    assert_eq!(ex.request.url, format!("{base}{target}"));
}

#[tokio::test]
async fn without_params_the_query_is_sent_as_written_with_invalid_characters_encoded() {
    let server = Server::start(|_| Reply::text("ok"));
    let fx = Fixture::new();
    let url = server
        .url("/search?q=a b&x=%2F&y=c+d")
        .replace("http://", "");
    let req = fx.request("GET", &url, |_| {});
    send(&req, &Variables::new()).await.expect("sent");
    assert_eq!(server.hit().target, "/search?q=a%20b&x=%2F&y=c+d");
}

#[tokio::test]
async fn headers_keep_duplicates_in_order_and_drop_disabled_ones() {
    let server = Server::start(|_| Reply::text("ok"));
    let fx = Fixture::new();
    let req = fx.request("GET", &server.url("/h"), |r| {
        r.headers = vec![
            KeyValue::new("X-A", "1"),
            KeyValue::new("X-B", "2"),
            disabled("X-Off", "no"),
            KeyValue::new("X-A", "3"),
        ];
    });
    let ex = send(&req, &Variables::new()).await.expect("sent");
    let hit = server.hit();
    assert_eq!(hit.all("x-a"), ["1", "3"]);
    assert_eq!(hit.all("x-b"), ["2"]);
    assert!(hit.header("x-off").is_none());
    let names: Vec<&str> = hit.headers.iter().map(|(k, _)| k.as_str()).collect();
    let a = names.iter().position(|n| *n == "x-a");
    let b = names.iter().position(|n| *n == "x-b");
    assert!(a < b, "{names:?}");
    let sent: Vec<_> = ex.request.headers.iter().map(|h| &*h.name).collect();
    assert_eq!(
        sent,
        [
            "X-A",
            "X-B",
            "X-A",
            "User-Agent",
            "Accept",
            "Accept-Encoding"
        ]
    );
}

#[tokio::test]
async fn content_type_follows_the_raw_language_unless_the_user_set_one() {
    let server = Server::start(|_| Reply::text("ok"));
    let fx = Fixture::new();
    let json = fx.request("POST", &server.url("/j"), |r| {
        r.body = Body::Raw {
            text: "{\"id\": {{id}}}".into(),
            language: RawLanguage::Json,
        };
    });
    send(&json, &vars(&[("id", "7")])).await.expect("sent");
    let mine = fx.request("POST", &server.url("/x"), |r| {
        r.headers = vec![KeyValue::new("content-type", "application/vnd.api+json")];
        r.body = Body::Raw {
            text: "<a/>".into(),
            language: RawLanguage::Xml,
        };
    });
    send(&mine, &Variables::new()).await.expect("sent");
    let hits = server.hits();
    assert_eq!(hits[0].all("content-type"), ["application/json"]);
    assert_eq!(hits[0].text(), "{\"id\": 7}");
    assert_eq!(hits[0].header("content-length"), Some("9"));
    assert_eq!(hits[1].all("content-type"), ["application/vnd.api+json"]);
}

#[tokio::test]
async fn user_agent_is_localpost_unless_overridden() {
    let server = Server::start(|_| Reply::text("ok"));
    let fx = Fixture::new();
    let plain = fx.request("GET", &server.url("/"), |_| {});
    send(&plain, &Variables::new()).await.expect("sent");
    let custom = fx.request("GET", &server.url("/"), |r| {
        r.headers = vec![KeyValue::new("User-Agent", "curl/8")];
    });
    send(&custom, &Variables::new()).await.expect("sent");
    let hits = server.hits();
    assert_eq!(USER_AGENT, concat!("localpost/", env!("CARGO_PKG_VERSION")));
    assert_eq!(hits[0].all("user-agent"), [USER_AGENT]);
    assert_eq!(hits[1].all("user-agent"), ["curl/8"]);
}

#[tokio::test]
async fn urlencoded_fields_arrive_decodable() {
    let server = Server::start(|_| Reply::text("ok"));
    let fx = Fixture::new();
    let req = fx.request("POST", &server.url("/form"), |r| {
        r.body = Body::Urlencoded {
            fields: vec![
                KeyValue::new("name", "Ada Lovelace"),
                disabled("off", "1"),
                KeyValue::new("sym", "a&b=c+é"),
            ],
        };
    });
    send(&req, &Variables::new()).await.expect("sent");
    let hit = server.hit();
    assert_eq!(
        hit.header("content-type"),
        Some("application/x-www-form-urlencoded")
    );
    assert_eq!(hit.text(), "name=Ada%20Lovelace&sym=a%26b%3Dc%2B%C3%A9");
    let fields: Vec<(String, String)> = url::form_urlencoded::parse(&hit.body)
        .into_owned()
        .collect();
    assert_eq!(
        fields,
        [
            ("name".to_string(), "Ada Lovelace".to_string()),
            ("sym".to_string(), "a&b=c+é".to_string())
        ]
    );
}

#[tokio::test]
async fn multipart_text_and_file_parts_parse_on_the_server() {
    let server = Server::start(|_| Reply::text("ok"));
    let fx = Fixture::new();
    let dir = tempfile::tempdir().expect("temp dir");
    let file = dir.path().join("avatar.png");
    std::fs::write(&file, [0x89, b'P', b'N', b'G', 0, 1, 2]).expect("write file");
    let req = fx.request("POST", &server.url("/upload"), |r| {
        r.body = Body::Multipart {
            parts: vec![
                FormPart {
                    key: "name".into(),
                    value: FormValue::Text {
                        value: "{{who}}".into(),
                    },
                    content_type: None,
                    enabled: true,
                    description: String::new(),
                    extra: Default::default(),
                },
                FormPart {
                    key: "meta".into(),
                    value: FormValue::Text {
                        value: "{\"a\":1}".into(),
                    },
                    content_type: Some("application/json".into()),
                    enabled: true,
                    description: String::new(),
                    extra: Default::default(),
                },
                FormPart {
                    key: "avatar".into(),
                    value: FormValue::File {
                        paths: vec![file.to_string_lossy().into()],
                    },
                    content_type: None,
                    enabled: true,
                    description: String::new(),
                    extra: Default::default(),
                },
            ],
        };
    });
    send(&req, &vars(&[("who", "Ada")])).await.expect("sent");
    let hit = server.hit();
    let content_type = hit.header("content-type").expect("content type");
    let boundary = multer::parse_boundary(content_type).expect("a boundary");
    let mut form = multer::Multipart::with_reader(hit.body.as_slice(), boundary);
    let mut seen = Vec::new();
    while let Some(field) = form.next_field().await.expect("valid multipart") {
        let name = field.name().unwrap_or_default().to_string();
        let file_name = field.file_name().map(str::to_string);
        let ct = field.content_type().map(|m| m.to_string());
        let bytes = field.bytes().await.expect("field bytes").to_vec();
        seen.push((name, file_name, ct, bytes));
    }
    assert_eq!(
        seen,
        [
            ("name".into(), None, None, b"Ada".to_vec()),
            (
                "meta".into(),
                None,
                Some("application/json".into()),
                b"{\"a\":1}".to_vec()
            ),
            (
                "avatar".into(),
                Some("avatar.png".into()),
                Some("image/png".into()),
                vec![0x89, b'P', b'N', b'G', 0, 1, 2]
            ),
        ]
    );
}

#[tokio::test]
async fn a_missing_file_part_fails_before_anything_is_sent() {
    let server = Server::start(|_| Reply::text("ok")).allow_no_hits();
    let fx = Fixture::new();
    let req = fx.request("POST", &server.url("/upload"), |r| {
        r.body = Body::Multipart {
            parts: vec![FormPart {
                key: "doc".into(),
                value: FormValue::File {
                    paths: vec!["/nonexistent/report.pdf".into()],
                },
                content_type: None,
                enabled: true,
                description: String::new(),
                extra: Default::default(),
            }],
        };
    });
    let e = send(&req, &Variables::new())
        .await
        .expect_err("missing file");
    assert_eq!(
        e.to_string(),
        "form part \"doc\": cannot read file /nonexistent/report.pdf: no such file"
    );
    assert!(server.hits().is_empty());
}

#[tokio::test]
async fn binary_and_graphql_bodies() {
    let server = Server::start(|_| Reply::text("ok"));
    let fx = Fixture::new();
    let dir = tempfile::tempdir().expect("temp dir");
    let file = dir.path().join("blob.bin");
    let bytes: Vec<u8> = (0..=255).collect();
    std::fs::write(&file, &bytes).expect("write file");
    let binary = fx.request("PUT", &server.url("/blob"), |r| {
        r.body = Body::Binary {
            path: file.to_string_lossy().into(),
        };
    });
    let ex = send(&binary, &Variables::new()).await.expect("sent");
    assert_eq!(ex.request.body.size, 256);
    let graphql = fx.request("POST", &server.url("/graphql"), |r| {
        r.body = Body::Graphql {
            query: "query Q($id: ID!) { user(id: $id) { name } }".into(),
            variables: "{\"id\": \"{{id}}\"}".into(),
            operation_name: Some("Q".into()),
        };
    });
    send(&graphql, &vars(&[("id", "42")])).await.expect("sent");
    let hits = server.hits();
    assert_eq!(hits[0].body, bytes);
    assert_eq!(hits[1].header("content-type"), Some("application/json"));
    let doc: serde_json::Value = serde_json::from_slice(&hits[1].body).expect("JSON body");
    assert_eq!(
        doc,
        serde_json::json!({
            "query": "query Q($id: ID!) { user(id: $id) { name } }",
            "variables": {"id": "42"},
            "operationName": "Q"
        })
    );
}

#[tokio::test]
async fn unresolved_variables_are_sent_as_written_and_reported() {
    let server = Server::start(|_| Reply::text("ok"));
    let fx = Fixture::new();
    let req = fx.request("GET", &server.url("/u?v={{version}}"), |r| {
        r.headers = vec![KeyValue::new("X-Trace", "{{trace}}")];
    });
    let ex = send(&req, &Variables::new()).await.expect("sent");
    let hit = server.hit();
    assert_eq!(hit.target, "/u?v={{version}}");
    assert_eq!(hit.header("x-trace"), Some("{{trace}}"));
    let found: Vec<_> = ex
        .request
        .unresolved
        .iter()
        .map(|u| (u.name.as_str(), u.place.as_str()))
        .collect();
    assert_eq!(found, [("version", "url"), ("trace", "headers[0].value")]);
}
