//! Bodies: rendering each mode into a [`PreparedBody`] and its automatic `Content-Type`
//! (at prepare time), then turning that into bytes, reading files (at send time).
//!
//! - raw: the text rendered; `Content-Type` from the language (text → `text/plain`, json →
//!   `application/json`, xml → `application/xml`, html → `text/html`, javascript →
//!   `application/javascript`).
//! - urlencoded: enabled fields rendered and joined as `k=v&…`, each side percent-encoded
//!   except RFC 3986's unreserved characters (a space is `%20`, as Postman sends it).
//! - multipart: see [`super::multipart`]; the boundary is chosen here so that the header can
//!   carry it.
//! - binary: the file, read at send time; no automatic `Content-Type`.
//! - GraphQL: `{"query", "variables", "operationName"}` as JSON; `variables` must be a JSON
//!   object (empty text means `{}`), `operationName` is left out when empty.

use std::path::PathBuf;

use percent_encoding::{AsciiSet, NON_ALPHANUMERIC, utf8_percent_encode};

use super::build::Renderer;
use super::error::io_reason;
use super::multipart;
use super::{HttpError, Part, PartContent, PreparedBody, Result};
use crate::model::{Body, FormValue, RawLanguage};

/// Encoded in urlencoded bodies: everything but RFC 3986's unreserved characters.
const FORM: &AsciiSet = &NON_ALPHANUMERIC
    .remove(b'-')
    .remove(b'.')
    .remove(b'_')
    .remove(b'~');

/// The default `Content-Type` of a raw body in `language`.
pub(crate) fn raw_content_type(language: &RawLanguage) -> &'static str {
    match language {
        RawLanguage::Text => "text/plain",
        RawLanguage::Json => "application/json",
        RawLanguage::Xml => "application/xml",
        RawLanguage::Html => "text/html",
        RawLanguage::Javascript => "application/javascript",
    }
}

/// Renders `body`; returns it with its automatic `Content-Type`, if the mode has one.
pub(crate) fn render(body: &Body, r: &mut Renderer<'_>) -> Result<(PreparedBody, Option<String>)> {
    Ok(match body {
        Body::None => (PreparedBody::None, None),
        Body::Raw { text, language } => {
            let text = r.render(text, || "body".into());
            (
                PreparedBody::Bytes(text.into_bytes()),
                Some(raw_content_type(language).into()),
            )
        }
        Body::Urlencoded { fields } => {
            let mut pairs = Vec::new();
            for (i, field) in fields.iter().enumerate().filter(|(_, f)| f.enabled) {
                let key = r.render(&field.key, || format!("body.fields[{i}].key"));
                let value = r.render(&field.value, || format!("body.fields[{i}].value"));
                pairs.push(format!(
                    "{}={}",
                    utf8_percent_encode(&key, FORM),
                    utf8_percent_encode(&value, FORM)
                ));
            }
            (
                PreparedBody::Bytes(pairs.join("&").into_bytes()),
                Some("application/x-www-form-urlencoded".into()),
            )
        }
        Body::Multipart { parts } => {
            let mut out = Vec::new();
            for (i, part) in parts.iter().enumerate().filter(|(_, p)| p.enabled) {
                let name = r.render(&part.key, || format!("body.parts[{i}].key"));
                let content_type = part
                    .content_type
                    .as_deref()
                    .filter(|c| !c.trim().is_empty())
                    .map(|c| r.render(c, || format!("body.parts[{i}].contentType")));
                match &part.value {
                    FormValue::Text { value } => out.push(Part {
                        name,
                        content: PartContent::Text(
                            r.render(value, || format!("body.parts[{i}].value")),
                        ),
                        content_type,
                    }),
                    FormValue::File { paths } => {
                        for (j, path) in paths.iter().enumerate() {
                            let path = r.render(path, || format!("body.parts[{i}].paths[{j}]"));
                            let path = PathBuf::from(path);
                            out.push(Part {
                                name: name.clone(),
                                content_type: content_type
                                    .clone()
                                    .or_else(|| Some(multipart::guess_type(&path).into())),
                                content: PartContent::File(path),
                            });
                        }
                    }
                }
            }
            let boundary = multipart::boundary();
            let content_type = format!("multipart/form-data; boundary={boundary}");
            (
                PreparedBody::Multipart {
                    boundary,
                    parts: out,
                },
                Some(content_type),
            )
        }
        Body::Binary { path } => {
            let path = r.render(path, || "body.path".into());
            (PreparedBody::File(PathBuf::from(path)), None)
        }
        Body::Graphql {
            query,
            variables,
            operation_name,
        } => {
            let query = r.render(query, || "body.query".into());
            let variables = r.render(variables, || "body.variables".into());
            let variables = parse_variables(&variables)?;
            let mut doc = serde_json::Map::new();
            doc.insert("query".into(), query.into());
            doc.insert("variables".into(), variables);
            if let Some(name) = operation_name.as_deref().filter(|n| !n.trim().is_empty()) {
                let name = r.render(name, || "body.operationName".into());
                doc.insert("operationName".into(), name.into());
            }
            let bytes =
                serde_json::to_vec(&doc).map_err(|e| HttpError::InvalidGraphqlVariables {
                    reason: e.to_string(),
                })?;
            (PreparedBody::Bytes(bytes), Some("application/json".into()))
        }
    })
}

/// GraphQL variables: empty text is `{}`; anything else must be a JSON object.
fn parse_variables(text: &str) -> Result<serde_json::Value> {
    if text.trim().is_empty() {
        return Ok(serde_json::Value::Object(serde_json::Map::new()));
    }
    let value: serde_json::Value =
        serde_json::from_str(text).map_err(|e| HttpError::InvalidGraphqlVariables {
            reason: format!("invalid JSON: {e}"),
        })?;
    if value.is_object() {
        Ok(value)
    } else {
        Err(HttpError::InvalidGraphqlVariables {
            reason: "expected a JSON object".into(),
        })
    }
}

/// The bytes of `body`, reading any files now. `None` for no body.
pub(crate) async fn encode(body: &PreparedBody) -> Result<Option<Vec<u8>>> {
    match body {
        PreparedBody::None => Ok(None),
        PreparedBody::Bytes(bytes) => Ok(Some(bytes.clone())),
        PreparedBody::File(path) => read_file(path, "body (binary)".into()).await.map(Some),
        PreparedBody::Multipart { boundary, parts } => {
            let mut files = Vec::new();
            for part in parts {
                if let PartContent::File(path) = &part.content {
                    let field = format!("form part {:?}", part.name);
                    files.push(read_file(path, field).await?);
                }
            }
            Ok(Some(multipart::encode(boundary, parts, files)))
        }
    }
}

async fn read_file(path: &std::path::Path, field: String) -> Result<Vec<u8>> {
    tokio::fs::read(path).await.map_err(|e| HttpError::File {
        field,
        path: path.to_path_buf(),
        reason: io_reason(&e),
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::template::Variables;

    fn render_one(body: &Body) -> Result<(PreparedBody, Option<String>)> {
        let vars = Variables::new();
        render(body, &mut Renderer::new(&vars))
    }

    #[test]
    fn graphql_variables_must_be_a_json_object() {
        let body = |variables: &str| Body::Graphql {
            query: "{ me { id } }".into(),
            variables: variables.into(),
            operation_name: Some("Me".into()),
        };
        let (ok, ct) = render_one(&body(" ")).expect("empty is {}");
        assert_eq!(ct.as_deref(), Some("application/json"));
        assert_eq!(
            ok,
            PreparedBody::Bytes(
                br#"{"query":"{ me { id } }","variables":{},"operationName":"Me"}"#.to_vec()
            )
        );
        let e = render_one(&body("{\"a\": ")).expect_err("bad JSON");
        assert!(
            e.to_string()
                .starts_with("GraphQL variables: invalid JSON: "),
            "{e}"
        );
        let e = render_one(&body("[1]")).expect_err("not an object");
        assert_eq!(e.to_string(), "GraphQL variables: expected a JSON object");
    }

    #[tokio::test]
    async fn a_missing_file_names_the_part_and_the_path() {
        let part = Part {
            name: "avatar".into(),
            content: PartContent::File("/no/such/avatar.png".into()),
            content_type: None,
        };
        let body = PreparedBody::Multipart {
            boundary: "b".into(),
            parts: vec![part],
        };
        let e = encode(&body).await.expect_err("missing file");
        assert_eq!(
            e.to_string(),
            "form part \"avatar\": cannot read file /no/such/avatar.png: no such file"
        );
        let e = encode(&PreparedBody::File("/no/such/blob".into()))
            .await
            .expect_err("missing file");
        assert_eq!(
            e.to_string(),
            "body (binary): cannot read file /no/such/blob: no such file"
        );
    }
}
