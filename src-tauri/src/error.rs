//! The one error type the UI sees, and how core errors map onto it.
//!
//! Commands return `Result<T, UiError>`; Tauri serialises the error and rejects the UI's promise
//! with it. The mappings from [`StoreError`], [`HttpError`] and [`SendError`] live here and
//! nowhere else. Messages come from the core's `Display` and never hold a secret (the HTTP
//! engine's errors name fields, hosts and URLs without passwords, never values).

use std::path::Path;

use localpost_core::formats::ReadError;
use localpost_core::formats::curl::CurlError;
use localpost_core::formats::postman::ImportError;
use localpost_core::graphql::GraphqlError;
use localpost_core::http::grpc::GrpcError;
use localpost_core::http::websocket::WebSocketError;
use localpost_core::http::{HttpError, SavedBodyError};
use localpost_core::secrets::SecretsError;
use localpost_core::send::SendError;
use localpost_core::store::StoreError;
use localpost_core::vault::VaultError;
use localpost_core::viewer::ViewerError;
use serde::Serialize;
use ts_rs::TS;

/// An error as the UI sees it: what kind, a message, and where.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
#[ts(export)]
pub struct UiError {
    /// What failed, for the UI to branch on: `notFound`, `invalid`, `tooNew`, `store`, or for a
    /// send `network` (no response: refused, DNS, reset), `http` (no response for another
    /// reason: TLS, a body that does not decode, …), `timeout`, `cancelled` or `secrets` (a
    /// secret variable's value could not be read from the keychain), or `graphql` (a schema's
    /// introspection got no answer or an unusable one; the message names the request), or `grpc`
    /// (a gRPC call could not be made: descriptors, method, a message, not a gRPC answer).
    pub kind: String,
    /// Lower-case, human-readable description.
    pub message: String,
    /// Where it failed (a file, a table row and column, or the request field at fault such as
    /// `url` or `headers`), when known.
    pub place: Option<String>,
}

impl UiError {
    fn new(kind: &str, message: String, place: Option<String>) -> Self {
        UiError {
            kind: kind.to_owned(),
            message,
            place,
        }
    }

    /// A value the UI passed that cannot be used; `place` names the argument.
    pub(crate) fn invalid(message: String, place: &str) -> Self {
        UiError::new("invalid", message, Some(place.into()))
    }

    /// Something that should not happen (a task that died, a value that would not serialise).
    pub(crate) fn internal(message: String) -> Self {
        UiError::new("internal", message, None)
    }

    /// A file that could not be read or written, named as the place.
    pub(crate) fn io(path: &Path, error: &std::io::Error) -> Self {
        let place = path.display().to_string();
        UiError::new("io", format!("cannot write {place}: {error}"), Some(place))
    }
}

impl From<ReadError> for UiError {
    /// Kind `import`, with the file as the place (the message holds the line or JSON path).
    fn from(error: ReadError) -> Self {
        let place = Some(error.file().to_string());
        UiError::new("import", error.to_string(), place)
    }
}

impl From<ImportError> for UiError {
    fn from(error: ImportError) -> Self {
        match error {
            ImportError::Store(e) => e.into(),
            ImportError::Secrets(e) => e.into(),
            other => UiError::new("import", other.to_string(), None),
        }
    }
}

impl From<CurlError> for UiError {
    fn from(error: CurlError) -> Self {
        UiError::new("invalid", error.to_string(), Some("curl".into()))
    }
}

impl From<SavedBodyError> for UiError {
    fn from(error: SavedBodyError) -> Self {
        let message = error.to_string();
        match &error {
            SavedBodyError::NotSaved { .. } => {
                UiError::new("invalid", message, Some("file".into()))
            }
            SavedBodyError::Read { file, .. } | SavedBodyError::Write { file, .. } => {
                UiError::new("io", message, Some(file.display().to_string()))
            }
            _ => UiError::new("io", message, None),
        }
    }
}

impl From<ViewerError> for UiError {
    fn from(error: ViewerError) -> Self {
        match error {
            ViewerError::Saved(e) => e.into(),
            ViewerError::Filter { .. } => {
                UiError::new("invalid", error.to_string(), Some("filter".into()))
            }
            ViewerError::NotOpen { .. } => UiError::new("notFound", error.to_string(), None),
            _ => UiError::new("invalid", error.to_string(), None),
        }
    }
}

impl From<StoreError> for UiError {
    fn from(error: StoreError) -> Self {
        let message = error.to_string();
        match &error {
            StoreError::NotFound { .. } => UiError::new("notFound", message, None),
            StoreError::EmptyName { .. } | StoreError::InvalidMove { .. } => {
                UiError::new("invalid", message, None)
            }
            StoreError::TooNew { path, .. } => {
                UiError::new("tooNew", message, Some(path.display().to_string()))
            }
            StoreError::CreateDir { path, .. } | StoreError::Open { path, .. } => {
                UiError::new("store", message, Some(path.display().to_string()))
            }
            StoreError::Corrupt {
                table, id, column, ..
            } => UiError::new(
                "store",
                message,
                Some(format!("{table} row {id}, {column}")),
            ),
            _ => UiError::new("store", message, None),
        }
    }
}

impl From<HttpError> for UiError {
    fn from(error: HttpError) -> Self {
        let message = error.to_string();
        let invalid = |place: &str| UiError::new("invalid", message.clone(), Some(place.into()));
        match &error {
            HttpError::Cancelled => UiError::new("cancelled", message, None),
            HttpError::Timeout { .. } => UiError::new("timeout", message, None),
            e if e.is_network() => UiError::new("network", message, None),
            HttpError::InvalidMethod { .. } => invalid("method"),
            HttpError::InvalidUrl { .. } => invalid("url"),
            HttpError::InvalidHeaderName { .. } | HttpError::InvalidHeaderValue { .. } => {
                invalid("headers")
            }
            HttpError::InvalidGraphqlVariables { .. } => invalid("body"),
            HttpError::File { field, .. } => invalid(field),
            HttpError::InvalidSetting { field, .. } => invalid(field),
            HttpError::UnsupportedAuth { .. } => invalid("auth"),
            HttpError::InvalidAuth { field, .. } => invalid(field),
            _ => UiError::new("http", message, None),
        }
    }
}

impl From<SecretsError> for UiError {
    fn from(error: SecretsError) -> Self {
        match error {
            SecretsError::Store(e) => e.into(),
            SecretsError::VariableNotFound { .. } => {
                UiError::new("notFound", error.to_string(), None)
            }
            other => UiError::new("secrets", other.to_string(), None),
        }
    }
}

impl From<VaultError> for UiError {
    fn from(error: VaultError) -> Self {
        UiError::new("secrets", error.to_string(), None)
    }
}

impl From<GraphqlError> for UiError {
    fn from(error: GraphqlError) -> Self {
        match error {
            GraphqlError::Store(e) => e.into(),
            GraphqlError::Seal { source, .. } => source.into(),
            other => UiError::new("graphql", other.to_string(), None),
        }
    }
}

impl From<SendError> for UiError {
    fn from(error: SendError) -> Self {
        match error {
            SendError::Store(e) => e.into(),
            SendError::Http(e) => e.into(),
            SendError::Secrets(e) => e.into(),
            SendError::Graphql(e) => e.into(),
            e @ SendError::NotOpen { .. } => UiError::new("notFound", e.to_string(), None),
            SendError::WebSocket(WebSocketError::Http(e)) => e.into(),
            SendError::Grpc(GrpcError::Http(e)) => e.into(),
            e @ SendError::Grpc(_) => UiError::new("grpc", e.to_string(), None),
            e @ SendError::WebSocket(
                WebSocketError::Refused { .. }
                | WebSocketError::BadAccept { .. }
                | WebSocketError::Closed { .. },
            ) => UiError::new("http", e.to_string(), None),
            other => UiError::new("invalid", other.to_string(), None),
        }
    }
}

impl From<localpost_core::cookies::CookieError> for UiError {
    fn from(error: localpost_core::cookies::CookieError) -> Self {
        use localpost_core::cookies::CookieError;
        match error {
            CookieError::Store(e) => e.into(),
            e @ CookieError::Invalid { .. } => UiError::new("invalid", e.to_string(), None),
            other => UiError::new("secrets", other.to_string(), None),
        }
    }
}

impl From<localpost_core::history::HistoryError> for UiError {
    fn from(error: localpost_core::history::HistoryError) -> Self {
        match error {
            localpost_core::history::HistoryError::Store(e) => e.into(),
            other => UiError::new("secrets", other.to_string(), None),
        }
    }
}

impl From<localpost_core::runner::RunError> for UiError {
    /// An unknown folder or request has the run's items as its place, a bad data file the
    /// file (the message names the line or item).
    fn from(error: localpost_core::runner::RunError) -> Self {
        use localpost_core::runner::RunError;
        match error {
            RunError::Store(e) => e.into(),
            RunError::Secrets(e) => e.into(),
            RunError::Import(e) => e.into(),
            e @ RunError::UnknownFolder { .. } => {
                UiError::new("invalid", e.to_string(), Some("items".into()))
            }
            RunError::Data { path, reason } => {
                let place = path.display().to_string();
                UiError::new("invalid", format!("{place}: {reason}"), Some(place))
            }
            other => UiError::new("run", other.to_string(), None),
        }
    }
}

impl From<localpost_core::runs::RunsError> for UiError {
    fn from(error: localpost_core::runs::RunsError) -> Self {
        use localpost_core::runs::RunsError;
        match error {
            RunsError::Store(e) => e.into(),
            RunsError::Run(e) => e.into(),
            e @ RunsError::NotInMemory { .. } => UiError::new("notFound", e.to_string(), None),
            other => UiError::new("secrets", other.to_string(), None),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn not_found_maps_to_not_found_without_place() {
        let e = UiError::from(StoreError::NotFound {
            what: "request",
            id: 7,
        });
        assert_eq!(e.kind, "notFound");
        assert_eq!(e.message, "request 7 not found");
        assert_eq!(e.place, None);
    }

    #[test]
    fn empty_name_and_invalid_move_map_to_invalid() {
        let empty = UiError::from(StoreError::EmptyName { what: "collection" });
        assert_eq!(empty.kind, "invalid");
        let bad_move = UiError::from(StoreError::InvalidMove {
            what: "folder",
            id: 3,
            reason: "a folder cannot move into itself",
        });
        assert_eq!(bad_move.kind, "invalid");
        assert_eq!(
            bad_move.message,
            "cannot move folder 3: a folder cannot move into itself"
        );
    }

    #[test]
    fn too_new_names_the_file() {
        let e = UiError::from(StoreError::TooNew {
            path: "/data/localpost.db".into(),
            found: 9,
            supported: 1,
        });
        assert_eq!(e.kind, "tooNew");
        assert_eq!(e.place.as_deref(), Some("/data/localpost.db"));
    }

    #[test]
    fn corrupt_row_maps_to_store_with_its_place() {
        let e = UiError::from(StoreError::Corrupt {
            table: "requests",
            id: 4,
            column: "body",
            reason: "expected value".into(),
        });
        assert_eq!(e.kind, "store");
        assert_eq!(e.place.as_deref(), Some("requests row 4, body"));
    }

    #[test]
    fn http_failures_map_to_network_http_timeout_and_cancelled() {
        let refused = UiError::from(HttpError::ConnectionRefused {
            origin: "http://127.0.0.1:9".into(),
        });
        assert_eq!(refused.kind, "network");
        assert_eq!(refused.message, "connection refused by http://127.0.0.1:9");
        let tls = UiError::from(HttpError::Tls {
            origin: "https://127.0.0.1:9".into(),
            reason: "unknown issuer".into(),
        });
        assert_eq!(tls.kind, "http");
        let timeout = UiError::from(HttpError::Timeout {
            origin: "http://127.0.0.1:9".into(),
            after: std::time::Duration::from_millis(5),
        });
        assert_eq!(timeout.kind, "timeout");
        let cancelled = UiError::from(SendError::Http(HttpError::Cancelled));
        assert_eq!(cancelled.kind, "cancelled");
        assert_eq!(cancelled.message, "request cancelled");
    }

    #[test]
    fn a_request_that_cannot_be_built_names_the_field() {
        let e = UiError::from(HttpError::InvalidHeaderValue {
            name: "X-Token".into(),
            reason: "line break",
        });
        assert_eq!(e.kind, "invalid");
        assert_eq!(e.place.as_deref(), Some("headers"));
        let e = UiError::from(HttpError::UnsupportedAuth {
            mode: "digest".into(),
        });
        assert_eq!(e.place.as_deref(), Some("auth"));
        let e = UiError::from(HttpError::InvalidAuth {
            field: "auth.privateKey".into(),
            reason: "not a PEM private key".into(),
        });
        assert_eq!(e.place.as_deref(), Some("auth.privateKey"));
    }

    #[test]
    fn send_errors_keep_the_store_mapping() {
        let e = UiError::from(SendError::Store(StoreError::NotFound {
            what: "request",
            id: 3,
        }));
        assert_eq!(e.kind, "notFound");
        let e = UiError::from(SendError::Graphql(GraphqlError::NoSchema {
            request: "Countries".into(),
        }));
        assert_eq!(e.kind, "graphql");
        assert_eq!(
            e.message,
            "request \"Countries\": introspection answer has no data.__schema"
        );
        let e = UiError::from(SendError::DuplicateSend { id: "s1".into() });
        assert_eq!(e.kind, "invalid");
        assert_eq!(e.message, "send s1 is already under way");
    }

    #[test]
    fn a_secret_missing_from_the_keychain_maps_to_secrets() {
        let e = UiError::from(SendError::Secrets(SecretsError::MissingValue {
            name: "token".into(),
        }));
        assert_eq!(e.kind, "secrets");
        assert_eq!(
            e.message,
            "secret \"token\" has no value in the OS keychain; set it again"
        );
    }

    #[test]
    fn secrets_errors_keep_the_store_mapping_and_name_a_missing_variable() {
        let e = UiError::from(SecretsError::Store(StoreError::NotFound {
            what: "environment",
            id: 4,
        }));
        assert_eq!(e.kind, "notFound");
        let e = UiError::from(SecretsError::VariableNotFound {
            key: "token".into(),
        });
        assert_eq!(e.kind, "notFound");
        assert_eq!(e.message, "no secret variable \"token\" here");
    }

    #[test]
    fn serialises_with_camel_case_fields() {
        let e = UiError::from(StoreError::EmptyName { what: "request" });
        let json = serde_json::to_value(&e).expect("UiError serialises");
        assert_eq!(
            json,
            serde_json::json!({
                "kind": "invalid",
                "message": "request name must not be empty",
                "place": null
            })
        );
    }

    #[test]
    fn a_bad_data_file_is_invalid_with_the_file_as_place() {
        use localpost_core::runner::RunError;
        let e = UiError::from(RunError::Data {
            path: "/tmp/d.csv".into(),
            reason: "line 2: a quoted field is not closed".into(),
        });
        assert_eq!(e.kind, "invalid");
        assert_eq!(e.place.as_deref(), Some("/tmp/d.csv"));
        assert_eq!(
            e.message,
            "/tmp/d.csv: line 2: a quoted field is not closed"
        );
        let unknown = UiError::from(RunError::UnknownFolder { name: "42".into() });
        assert_eq!(
            (unknown.kind.as_str(), unknown.place.as_deref()),
            ("invalid", Some("items"))
        );
    }
}
