//! [`View`]: what every snippet writes, taken once from a [`PreparedRequest`].

use crate::http::{ACCEPT_ENCODING, PartContent, PreparedBody, PreparedRequest, USER_AGENT};

/// The body of a snippet.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum ViewBody {
    None,
    /// Text (bytes that are not UTF-8 are shown lossily).
    Text(String),
    /// Multipart parts in order.
    Form(Vec<ViewPart>),
    /// A file sent as the whole body.
    File(String),
}

/// One multipart part.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct ViewPart {
    pub(crate) name: String,
    /// Text, or (`is_file`) a path.
    pub(crate) value: String,
    pub(crate) is_file: bool,
    pub(crate) content_type: Option<String>,
}

impl ViewPart {
    /// The file name a part's path ends with.
    pub(crate) fn file_name(&self) -> &str {
        self.value.rsplit(['/', '\\']).next().unwrap_or(&self.value)
    }
}

/// A request as snippets write it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct View {
    pub(crate) method: String,
    pub(crate) url: String,
    /// Headers in order, without those localpost adds itself (`User-Agent`, `Accept: */*`,
    /// `Accept-Encoding`) and, for multipart bodies, without `Content-Type` (each client writes
    /// its own boundary).
    pub(crate) headers: Vec<(String, String)>,
    pub(crate) body: ViewBody,
    pub(crate) follow_redirects: bool,
    pub(crate) verify_tls: bool,
}

impl View {
    pub(crate) fn from_prepared(p: &PreparedRequest) -> View {
        let body = match &p.body {
            PreparedBody::None => ViewBody::None,
            PreparedBody::Bytes(b) => ViewBody::Text(String::from_utf8_lossy(b).into_owned()),
            PreparedBody::File(path) => ViewBody::File(path.display().to_string()),
            PreparedBody::Multipart { parts, .. } => ViewBody::Form(
                parts
                    .iter()
                    .map(|part| {
                        let (value, is_file) = match &part.content {
                            PartContent::Text(t) => (t.clone(), false),
                            PartContent::File(path) => (path.display().to_string(), true),
                        };
                        ViewPart {
                            name: part.name.clone(),
                            value,
                            is_file,
                            content_type: part.content_type.clone(),
                        }
                    })
                    .collect(),
            ),
        };
        let is_form = matches!(body, ViewBody::Form(_));
        let headers = p
            .headers
            .iter()
            .filter(|h| {
                !((h.is_named("user-agent") && h.value == USER_AGENT)
                    || (h.is_named("accept") && h.value == "*/*")
                    || (h.is_named("accept-encoding") && h.value == ACCEPT_ENCODING)
                    || (is_form && h.is_named("content-type")))
            })
            .map(|h| (h.name.clone(), h.value.clone()))
            .collect();
        View {
            method: p.method.clone(),
            url: p.url.to_string(),
            headers,
            body,
            follow_redirects: p.settings.follow_redirects,
            verify_tls: p.settings.verify_tls,
        }
    }

    /// Headers with duplicates (by name, ignoring case) joined with `, `, for languages whose
    /// header maps hold one value per name.
    pub(crate) fn merged_headers(&self) -> Vec<(String, String)> {
        let mut out: Vec<(String, String)> = Vec::new();
        for (name, value) in &self.headers {
            match out.iter_mut().find(|(n, _)| n.eq_ignore_ascii_case(name)) {
                Some((_, v)) => {
                    v.push_str(", ");
                    v.push_str(value);
                }
                None => out.push((name.clone(), value.clone())),
            }
        }
        out
    }

    /// The `Content-Type` header's value, if set.
    pub(crate) fn content_type(&self) -> Option<&str> {
        self.headers
            .iter()
            .find(|(n, _)| n.eq_ignore_ascii_case("content-type"))
            .map(|(_, v)| v.as_str())
    }
}
