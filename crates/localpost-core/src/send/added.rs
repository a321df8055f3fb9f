//! The headers Localpost adds to a request on send, for the request's Headers tab (shown
//! greyed under the user's own, as Postman does).
//!
//! They come from the same preparation a send runs ([`http::prepare`] through
//! [`crate::snippets`]' secret-free path: the keychain is never asked, a `{{secret}}` stays as
//! written), so the list cannot drift from what is sent: `Content-Type` from the body mode,
//! `User-Agent`, `Accept`, `Accept-Encoding`, the auth's header (basic, bearer, API key), then
//! `Host` and `Content-Length` as the HTTP client writes them. Not listed: cookies from the jar
//! and the headers of signing auths (OAuth 1.0, AWS, Hawk…), which are made at send time.

use crate::http::{Header, PreparedBody};
use crate::model::Request;
use crate::store::Store;

use super::{Context, Options, Result};

/// The headers a send of `draft` (stored request `draft.id`, maybe with unsaved edits) adds to
/// the user's enabled rows, in the order they are sent.
pub fn added_headers(store: &Store, draft: &Request, options: &Options) -> Result<Vec<Header>> {
    let mut context = Context::load(store, draft.id, options.environment)?;
    context.request = draft.clone();
    let prepared = crate::snippets::prepare_loaded(context, options)?;
    let own = |name: &str| {
        draft
            .headers
            .iter()
            .any(|row| row.enabled && row.key.trim().eq_ignore_ascii_case(name))
    };
    let mut added: Vec<Header> = prepared
        .headers
        .iter()
        .filter(|h| !own(&h.name))
        .cloned()
        .collect();
    if !own("host")
        && let Some(host) = prepared.url.host_str()
    {
        let host = match prepared.url.port() {
            Some(port) => format!("{host}:{port}"),
            None => host.to_owned(),
        };
        added.push(Header::new("Host", host));
    }
    let length = match &prepared.body {
        PreparedBody::None => None,
        PreparedBody::Bytes(bytes) => Some(bytes.len().to_string()),
        PreparedBody::Multipart { .. } | PreparedBody::File(_) => {
            Some("<calculated when sent>".to_owned())
        }
    };
    if let Some(length) = length.filter(|_| !own("content-length")) {
        added.push(Header::new("Content-Length", length));
    }
    Ok(added)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{Body, KeyValue, NewRequest, Parent, RawLanguage};

    fn names(headers: &[Header]) -> Vec<(&str, &str)> {
        headers
            .iter()
            .map(|h| (h.name.as_str(), h.value.as_str()))
            .collect()
    }

    #[test]
    fn lists_what_a_send_adds_to_the_drafts_own_rows() {
        let dir = tempfile::tempdir().expect("dir");
        let store = Store::open(dir.path().join("l.db")).expect("store");
        let ws = store.create_workspace("W").expect("workspace");
        let coll = store.create_collection(ws.id, "C").expect("collection");
        let stored = store
            .create_request(NewRequest::new(Parent::Collection(coll.id), "R").url("http://x/"))
            .expect("request");
        // Unsaved edits count: the draft's URL, body and rows, not the stored ones.
        let mut draft = stored.clone();
        draft.url = "http://127.0.0.1:8080/items".into();
        draft.headers = vec![
            KeyValue::new("X-Own", "1"),
            KeyValue::new("accept", "text/plain"),
        ];
        draft.body = Body::Raw {
            text: "{\"a\":1}".into(),
            language: RawLanguage::Json,
        };
        let added = added_headers(&store, &draft, &Options::default()).expect("prepared");
        assert_eq!(
            names(&added),
            [
                ("Content-Type", "application/json"),
                ("User-Agent", crate::http::USER_AGENT),
                ("Accept-Encoding", crate::http::ACCEPT_ENCODING),
                ("Host", "127.0.0.1:8080"),
                ("Content-Length", "7"),
            ]
        );
        draft.body = Body::None;
        draft.url = "http://example.test/".into();
        let added = added_headers(&store, &draft, &Options::default()).expect("prepared");
        assert_eq!(added.last().map(|h| h.value.as_str()), Some("example.test"));
        assert!(!added.iter().any(|h| h.name == "Content-Length"));
    }
}
