//! [`prepare`]: from a stored request to a [`PreparedRequest`], in a fixed order.

use super::address::Address;
use super::{HttpError, Inheritance, PreparedRequest, Result, Unresolved, auth, body, headers};
use super::{PreparedGrpc, PreparedMessage};
use crate::model::{KeyValue, MessageKind, ProtoSource, Protocol, Request};
use crate::template::{self, Variables};

/// Renders text with the variables in force and records what stayed unresolved, and where.
pub(crate) struct Renderer<'v> {
    vars: &'v Variables,
    pub(crate) unresolved: Vec<Unresolved>,
}

impl<'v> Renderer<'v> {
    pub(crate) fn new(vars: &'v Variables) -> Self {
        Renderer {
            vars,
            unresolved: Vec::new(),
        }
    }

    /// `text` rendered; `place` names the field, for [`Unresolved::place`].
    pub(crate) fn render(&mut self, text: &str, place: impl FnOnce() -> String) -> String {
        if !text.contains("{{") {
            return text.to_string();
        }
        let out = template::render(text, self.vars);
        if !out.unresolved.is_empty() {
            let place = place();
            for name in out.unresolved {
                self.unresolved.push(Unresolved {
                    name,
                    place: place.clone(),
                });
            }
        }
        out.text
    }

    /// Renders the enabled rows whose key or value is non-empty, as `(key, value)`.
    fn rows(&mut self, rows: &[KeyValue], field: &str) -> Vec<(String, String)> {
        rows.iter()
            .enumerate()
            .filter(|(_, row)| row.enabled && !(row.key.is_empty() && row.value.is_empty()))
            .map(|(i, row)| {
                (
                    self.render(&row.key, || format!("{field}[{i}].key")),
                    self.render(&row.value, || format!("{field}[{i}].value")),
                )
            })
            .collect()
    }
}

/// Builds the request to send from a stored request, the variables in force and what it
/// inherits. Nothing is read from disk and nothing is sent: files are named and read by
/// [`super::Engine::send`].
///
/// The order is fixed: method, URL (path variables, params), headers, body, auth, automatic
/// headers, settings. Unresolved `{{tokens}}` are left as written (as Postman does) and listed
/// in [`PreparedRequest::unresolved`]; they only fail the request where they make it invalid
/// (an unresolved host, say), and the error then names them.
///
/// The method is upper-cased, as postman-collection does, and must be an HTTP token.
pub fn prepare(
    request: &Request,
    vars: &Variables,
    inheritance: &Inheritance<'_>,
) -> Result<PreparedRequest> {
    let mut r = Renderer::new(vars);

    let method = match request.protocol {
        Protocol::WebSocket | Protocol::SocketIo => "GET".to_string(),
        Protocol::Grpc => "POST".to_string(),
        Protocol::Http => r.render(request.method.trim(), || "method".into()),
    };
    let method = match method.trim() {
        "" => "GET".to_string(),
        m => m.to_ascii_uppercase(),
    };
    if !is_token(&method) {
        return Err(HttpError::InvalidMethod { method });
    }

    let url = r.render(&request.url, || "url".into());
    let url = match request.protocol {
        Protocol::WebSocket => handshake_url(&url)?,
        Protocol::Grpc => grpc_url(&url)?,
        Protocol::SocketIo => socketio_url(&url),
        Protocol::Http => url,
    };
    let mut address = Address::parse(&url)?;
    let path_variables = r.rows(&request.path_variables, "pathVariables");
    address.apply_path_variables(&path_variables);
    let params = r.rows(&request.params, "params");
    if !params.is_empty() {
        address.set_params(&params);
    }

    let in_url: Vec<String> = r.unresolved.iter().map(|u| u.name.clone()).collect();
    // Checked before auth, so that an invalid URL's message never holds an API key.
    address.to_url(&in_url)?;

    let mut headers = headers::render(&request.headers, &mut r);
    // A WebSocket handshake is a GET with no body; its messages go once the socket is open.
    let (body, content_type) = match request.protocol {
        Protocol::WebSocket | Protocol::Grpc | Protocol::SocketIo => {
            (super::PreparedBody::None, None)
        }
        Protocol::Http => body::render(&request.body, &mut r)?,
    };
    let messages = request.is_websocket().then(|| messages(request, &mut r));
    let grpc = request.is_grpc().then(|| grpc(request, &mut r));
    let emits = request.is_socketio().then(|| emits(request, &mut r));
    let socketio = request.is_socketio().then(|| socketio(request, &mut r));

    let mut sensitive_query = Vec::new();
    let mut challenge = None;
    let mut signer = None;
    if let Some(auth) = auth::effective(&request.auth, inheritance.auths()) {
        auth::apply(
            auth,
            &mut r,
            auth::Target {
                headers: &mut headers,
                address: &mut address,
                sensitive_query: &mut sensitive_query,
            },
        )?;
        challenge = auth::challenge(auth, &mut r)?;
        signer = auth::signer(auth, &mut r)?;
    }
    // A gRPC call's own headers (content type, TE, deadline) are the engine's to add.
    if !request.is_grpc() {
        headers::add_automatic(&mut headers, content_type, &body);
    } else if !headers.iter().any(|h| h.is_named("user-agent")) {
        headers.push(super::Header::new("User-Agent", super::USER_AGENT));
    }
    headers::validate(&headers)?;

    let url = address.to_url(&in_url)?;
    let mut settings = inheritance.settings(&request.settings)?;
    settings.render(&mut r);

    Ok(PreparedRequest {
        method,
        url,
        headers,
        body,
        settings,
        messages,
        grpc,
        emits,
        socketio,
        unresolved: r.unresolved,
        sensitive_query,
        redact: Vec::new(),
        hidden: Vec::new(),
        challenge,
        signer,
    })
}

/// The handshake URL of a WebSocket request typed as `url`: `ws://` becomes `http://` and
/// `wss://` `https://` (the engine's clients speak HTTP; the upgrade makes the socket). No
/// scheme means `ws://`; an `http`/`https` URL is refused, as Postman refuses it.
fn handshake_url(url: &str) -> Result<String> {
    let trimmed = url.trim_start();
    let lower = trimmed.get(..6).unwrap_or(trimmed).to_ascii_lowercase();
    if lower.starts_with("wss://") {
        Ok(format!("https://{}", &trimmed[6..]))
    } else if lower.starts_with("ws://") {
        Ok(format!("http://{}", &trimmed[5..]))
    } else if trimmed.contains("://") {
        Err(HttpError::InvalidUrl {
            url: super::address::redact_userinfo(trimmed),
            reason: "a WebSocket URL starts with ws:// or wss://".into(),
            unresolved: Vec::new(),
        })
    } else {
        Ok(trimmed.to_string())
    }
}

/// The server URL of a gRPC request typed as `url`: `grpc://` becomes `http://` and
/// `grpcs://` `https://` (HTTP/2 either way); no scheme means `grpc://`. Any path is dropped:
/// the method makes it. Other schemes are refused.
fn grpc_url(url: &str) -> Result<String> {
    let trimmed = url.trim();
    let lower = trimmed.get(..8).unwrap_or(trimmed).to_ascii_lowercase();
    let (scheme, rest) = if lower.starts_with("grpcs://") {
        ("https://", &trimmed[8..])
    } else if lower.starts_with("grpc://") {
        ("http://", &trimmed[7..])
    } else if trimmed.contains("://") {
        return Err(HttpError::InvalidUrl {
            url: super::address::redact_userinfo(trimmed),
            reason: "a gRPC URL starts with grpc:// (plaintext) or grpcs:// (TLS)".into(),
            unresolved: Vec::new(),
        });
    } else {
        ("http://", trimmed)
    };
    let authority = rest.split(['/', '?', '#']).next().unwrap_or_default();
    Ok(format!("{scheme}{authority}"))
}

/// A gRPC request's method, descriptor source and enabled messages, rendered.
fn grpc(request: &Request, r: &mut Renderer<'_>) -> PreparedGrpc {
    let method = r.render(request.grpc.method.trim(), || "grpc.method".into());
    let source = match &request.grpc.source {
        ProtoSource::Reflection => ProtoSource::Reflection,
        ProtoSource::Files {
            files,
            import_paths,
        } => ProtoSource::Files {
            files: files
                .iter()
                .enumerate()
                .map(|(i, f)| r.render(f, || format!("grpc.source.files[{i}]")))
                .collect(),
            import_paths: import_paths
                .iter()
                .enumerate()
                .map(|(i, p)| r.render(p, || format!("grpc.source.importPaths[{i}]")))
                .collect(),
        },
        // The files' text is protobuf, not a template: `{{` in it is not a variable.
        embedded @ ProtoSource::Embedded { .. } => embedded.clone(),
    };
    let messages = request
        .messages
        .iter()
        .enumerate()
        .filter(|(_, m)| m.enabled)
        .map(|(i, m)| r.render(&m.content, || format!("messages[{i}]")))
        .collect();
    PreparedGrpc {
        method,
        source,
        messages,
    }
}

/// The URL of a Socket.IO server typed as `url`: `ws://` and `wss://` become `http://` and
/// `https://` (the engine's clients speak HTTP), `http(s)://` stays; no scheme means
/// `http://`. The path is the namespace; the engine opens the session at `/socket.io/`.
fn socketio_url(url: &str) -> String {
    let trimmed = url.trim_start();
    let lower = trimmed.get(..6).unwrap_or(trimmed).to_ascii_lowercase();
    if lower.starts_with("wss://") {
        format!("https://{}", &trimmed[6..])
    } else if lower.starts_with("ws://") {
        format!("http://{}", &trimmed[5..])
    } else {
        trimmed.to_string()
    }
}

/// The enabled events of a Socket.IO request, rendered: its messages that name one.
fn emits(request: &Request, r: &mut Renderer<'_>) -> Vec<super::PreparedEmit> {
    request
        .messages
        .iter()
        .enumerate()
        .filter(|(_, m)| m.enabled && !m.event.trim().is_empty())
        .map(|(i, m)| {
            let event = r.render(m.event.trim(), || format!("messages[{i}].event"));
            let content = r.render(&m.content, || format!("messages[{i}]"));
            super::PreparedEmit {
                event,
                argument: (!content.trim().is_empty()).then_some((m.kind, content)),
                ack: m.ack,
                spread: m.spread,
            }
        })
        .collect()
}

/// A Socket.IO request's handshake path and `auth` payload, rendered.
fn socketio(request: &Request, r: &mut Renderer<'_>) -> super::PreparedSocketIo {
    let settings = &request.socketio;
    let path = match settings.path.trim() {
        "" => DEFAULT_SOCKETIO_PATH.to_owned(),
        path => r.render(path, || "socketio.path".to_owned()),
    };
    let auth = (!settings.auth.trim().is_empty())
        .then(|| r.render(&settings.auth, || "socketio.auth".to_owned()));
    super::PreparedSocketIo { path, auth }
}

/// Where socket.io serves its Engine.IO endpoint unless told otherwise (its `path` option).
const DEFAULT_SOCKETIO_PATH: &str = "/socket.io/";

/// The enabled messages of a WebSocket request, rendered.
fn messages(request: &Request, r: &mut Renderer<'_>) -> Vec<PreparedMessage> {
    request
        .messages
        .iter()
        .enumerate()
        .filter(|(_, m)| m.enabled)
        .map(|(i, m)| {
            let content = r.render(&m.content, || format!("messages[{i}]"));
            match m.kind {
                MessageKind::Text | MessageKind::Json => PreparedMessage::Text(content),
                MessageKind::Binary => PreparedMessage::Binary(content.into()),
            }
        })
        .collect()
}

/// Whether `s` is an RFC 9110 token: one or more of ALPHA, DIGIT and ``!#$%&'*+-.^_`|~``.
fn is_token(s: &str) -> bool {
    !s.is_empty()
        && s.bytes()
            .all(|b| b.is_ascii_alphanumeric() || b"!#$%&'*+-.^_`|~".contains(&b))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::http::{Header, PreparedBody};
    use crate::model::{Auth, AuthMode, Body};
    use crate::template::Scope;

    fn request(method: &str, url: &str) -> Request {
        Request::unsaved(method, url)
    }

    fn vars(pairs: &[(&str, &str)]) -> Variables {
        let mut v = Variables::new();
        for (k, val) in pairs {
            v.set(Scope::Environment, *k, *val);
        }
        v
    }

    #[test]
    fn methods_are_upper_cased_tokens() {
        let v = Variables::new();
        let ok = prepare(&request("purge", "h"), &v, &Inheritance::new()).expect("token");
        assert_eq!(ok.method, "PURGE");
        let e = prepare(&request("GET /x", "h"), &v, &Inheritance::new()).expect_err("space");
        assert!(
            e.to_string().starts_with("invalid method \"GET /X\""),
            "{e}"
        );
    }

    #[test]
    fn unresolved_variables_are_reported_with_their_place() {
        let mut req = request("GET", "{{base}}/users/:id?x={{nope}}");
        req.path_variables = vec![KeyValue::new("id", "{{userId}}")];
        req.headers = vec![KeyValue::new("X-Trace", "{{trace}}")];
        let v = vars(&[("base", "http://api.test"), ("userId", "7")]);
        let p = prepare(&req, &v, &Inheritance::new()).expect("prepares");
        assert_eq!(p.url.as_str(), "http://api.test/users/7?x={{nope}}");
        let found: Vec<_> = p.unresolved.iter().map(|u| (&*u.name, &*u.place)).collect();
        assert_eq!(found, [("nope", "url"), ("trace", "headers[0].value")]);
    }

    #[test]
    fn params_are_authoritative_when_enabled_ones_exist() {
        let mut req = request("GET", "http://h/p?from=url");
        let mut off = KeyValue::new("off", "1");
        off.enabled = false;
        req.params = vec![off.clone()];
        let v = Variables::new();
        let p = prepare(&req, &v, &Inheritance::new()).expect("prepares");
        assert_eq!(p.url.query(), Some("from=url"), "only disabled params");
        req.params = vec![off, KeyValue::new("q", "{{term}}")];
        let p = prepare(&req, &vars(&[("term", "a b")]), &Inheritance::new()).expect("prepares");
        assert_eq!(p.url.query(), Some("q=a%20b"));
    }

    #[test]
    fn debug_output_never_shows_credentials() {
        let mut req = request("POST", "http://ada:pw-secret@h/");
        req.auth = Auth::with_params(
            AuthMode::Apikey,
            &[("key", "api_key"), ("value", "s3cr3t-key"), ("in", "query")],
        );
        req.headers = vec![KeyValue::new("Authorization", "Bearer hunter2")];
        req.body = Body::Raw {
            text: "password=hunter3".into(),
            language: Default::default(),
        };
        let p = prepare(&req, &Variables::new(), &Inheritance::new()).expect("prepares");
        assert_eq!(p.url.query(), Some("api_key=s3cr3t-key"));
        let debug = format!("{p:?}");
        for secret in ["s3cr3t-key", "hunter2", "hunter3", "pw-secret"] {
            assert!(!debug.contains(secret), "{secret} leaked: {debug}");
        }
        assert!(debug.contains("api_key=***"), "{debug}");

        // An invalid URL is reported before the key is added to it.
        req.url = "http://{{host}}/".into();
        let e = prepare(&req, &Variables::new(), &Inheritance::new()).expect_err("bad host");
        assert!(!e.to_string().contains("s3cr3t-key"), "{e}");
        assert!(debug.contains("Authorization: ***"), "{debug}");
        assert_eq!(p.body, PreparedBody::Bytes(b"password=hunter3".to_vec()));
        assert!(
            p.headers
                .contains(&Header::sensitive("Authorization", "Bearer hunter2"))
        );
    }
}
