//! From a read curl command ([`Invocation`]) to a stored [`Request`].

use super::options::{Data, Invocation};
use super::{CurlError, Result};
use crate::formats::Warning;
use crate::model::{
    Auth, AuthMode, Body, CollectionId, FormPart, FormValue, KeyValue, RawLanguage, Request,
    RequestId, RequestSettings,
};

/// The request command `command` (from 1) describes, and what was left out of it.
pub(crate) fn build(command: usize, inv: Invocation) -> Result<(Request, Vec<Warning>)> {
    let place = format!("command {command}");
    let mut warnings: Vec<Warning> = inv
        .notes
        .iter()
        .map(|(option, message)| Warning::new(format!("{place}, {option}"), message.clone()))
        .collect();
    let mut urls = inv.urls.into_iter();
    let mut url = urls.next().ok_or(CurlError::NoUrl { command })?;
    for extra in urls {
        warnings.push(Warning::new(
            place.clone(),
            format!("only the first URL is kept; {extra} is ignored"),
        ));
    }

    let mut headers: Vec<KeyValue> = inv
        .headers
        .iter()
        .map(|(k, v)| KeyValue::new(k.clone(), v.clone()))
        .collect();
    let has =
        |headers: &[KeyValue], name: &str| headers.iter().any(|h| h.key.eq_ignore_ascii_case(name));
    if inv.is_json {
        if !has(&headers, "content-type") {
            headers.push(KeyValue::new("Content-Type", "application/json"));
        }
        if !has(&headers, "accept") {
            headers.push(KeyValue::new("Accept", "application/json"));
        }
    }

    let pieces: Vec<&str> = inv
        .data
        .iter()
        .filter_map(|d| match d {
            Data::Text(t) => Some(t.as_str()),
            Data::File(_) | Data::BinaryFile(_) => None,
        })
        .collect();
    let binary = match inv.data.as_slice() {
        [Data::BinaryFile(path)] => Some(path.clone()),
        data => {
            for d in data {
                if let Data::BinaryFile(path) = d {
                    warnings.push(Warning::new(
                        format!("{place}, --data-binary"),
                        format!(
                            "data from file {path} is not read (only a whole body can be a file)"
                        ),
                    ));
                }
            }
            None
        }
    };
    let has_data = !inv.data.is_empty();
    let joined = pieces.join("&");
    let mut body = Body::None;
    if inv.is_get {
        if !joined.is_empty() {
            let sep = if url.contains('?') { '&' } else { '?' };
            url = format!("{url}{sep}{joined}");
        }
    } else if !inv.form.is_empty() {
        if has_data {
            return Err(CurlError::InvalidArgument {
                command,
                option: "-F".into(),
                reason: "cannot be combined with -d".into(),
            });
        }
        body = Body::Multipart {
            parts: inv.form.iter().map(to_part).collect(),
        };
    } else if let Some(path) = binary {
        if !has(&headers, "content-type") {
            headers.push(KeyValue::new(
                "Content-Type",
                "application/x-www-form-urlencoded",
            ));
        }
        body = Body::Binary { path };
    } else if has_data {
        if !has(&headers, "content-type") {
            headers.push(KeyValue::new(
                "Content-Type",
                "application/x-www-form-urlencoded",
            ));
        }
        let content_type = headers
            .iter()
            .find(|h| h.key.eq_ignore_ascii_case("content-type"))
            .map(|h| h.value.to_ascii_lowercase())
            .unwrap_or_default();
        body = Body::Raw {
            text: joined,
            language: language(&content_type),
        };
    }

    let method = match inv.method {
        Some(m) => m,
        None if inv.is_head => "HEAD".into(),
        None if !inv.is_get && (has_data || !inv.form.is_empty()) => "POST".into(),
        None => "GET".into(),
    };
    let auth = match &inv.user {
        Some(user) => {
            let (name, password) = user.split_once(':').unwrap_or((user.as_str(), ""));
            Auth::with_params(
                AuthMode::Basic,
                &[("username", name), ("password", password)],
            )
        }
        None => Auth::inherit(),
    };
    let settings = RequestSettings {
        // curl follows redirects only with -L.
        follow_redirects: Some(inv.is_location),
        max_redirects: inv.max_redirects,
        timeout_ms: inv.timeout_ms,
        verify_tls: inv.is_insecure.then_some(false),
        http_version: inv.http_version,
        ..RequestSettings::default()
    };
    let name = format!("{method} {}", url.split('?').next().unwrap_or(&url));
    let request = Request {
        id: RequestId(0),
        collection_id: CollectionId(0),
        folder_id: None,
        name,
        position: 0,
        method,
        url,
        params: Vec::new(),
        path_variables: Vec::new(),
        headers,
        body,
        auth,
        scripts: Default::default(),
        settings,
        description: String::new(),
        examples: Vec::new(),
        variables: Vec::new(),
        protocol: crate::model::Protocol::Http,
        messages: Vec::new(),
        grpc: Default::default(),
        socketio: Default::default(),
        extra: Default::default(),
    };
    Ok((request, warnings))
}

fn to_part(part: &super::options::FormPart) -> FormPart {
    FormPart {
        key: part.name.clone(),
        value: if part.is_file {
            FormValue::File {
                paths: vec![part.value.clone()],
            }
        } else {
            FormValue::Text {
                value: part.value.clone(),
            }
        },
        content_type: part.content_type.clone(),
        enabled: true,
        description: String::new(),
        extra: Default::default(),
    }
}

/// The raw body language a `Content-Type` (lower-cased) implies.
fn language(content_type: &str) -> RawLanguage {
    if content_type.contains("json") {
        RawLanguage::Json
    } else if content_type.contains("xml") {
        RawLanguage::Xml
    } else if content_type.contains("html") {
        RawLanguage::Html
    } else if content_type.contains("javascript") {
        RawLanguage::Javascript
    } else {
        RawLanguage::Text
    }
}
