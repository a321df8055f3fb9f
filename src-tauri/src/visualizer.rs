//! The visualizer's frames: documents served on their own URI scheme, `lpviz`, with their own
//! content security policy.
//!
//! A `srcdoc` (or `blob:`) frame inherits the app window's policy, which runs no inline script,
//! so a template's own `<script>` (charts, tables that sort) would never run, as it does in
//! Postman. A document served from this scheme is a document of its own: its policy is the one
//! this module sends, [`POLICY`]: inline scripts and styles and `data:`/`blob:` images, and
//! nothing else, no network, no frames, no forms. The app's frame also sandboxes it
//! (`allow-scripts` alone: an opaque origin), and Tauri injects its IPC into the main frame
//! only, so a template reaches neither the app nor its commands.
//!
//! [`Frames`] keeps the last [`KEPT`] documents the UI handed over with
//! [`show_visualization`], each under a number of its own; [`protocol`] serves them. Only this
//! webview reaches the scheme, and a frame's policy lets it load nothing, so the numbers need no
//! secrecy. This module does not render templates (the UI does) and makes no network calls.

use std::collections::VecDeque;
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::{Arc, Mutex};

use tauri::http::{Request, Response, StatusCode, header};
use tauri::{Runtime, State, UriSchemeContext};

/// The scheme the frames are served on.
pub const SCHEME: &str = "lpviz";

/// The policy of every frame's document: scripts and styles inline only, images from `data:`
/// and `blob:`, and no connection, frame, form, font or media from anywhere.
pub const POLICY: &str = "default-src 'none'; script-src 'unsafe-inline' 'unsafe-eval'; \
     style-src 'unsafe-inline'; img-src data: blob:; form-action 'none'; base-uri 'none'";

/// How many documents are kept: the visualizations open in the response panels of one window.
pub const KEPT: usize = 16;

/// The documents the UI handed over, newest last.
#[derive(Debug, Default)]
pub struct Frames {
    next: AtomicU64,
    documents: Mutex<VecDeque<(String, Arc<str>)>>,
}

impl Frames {
    /// Keeps `document` (dropping the oldest past [`KEPT`]) and returns its id.
    pub fn keep(&self, document: String) -> String {
        let id = self.next.fetch_add(1, Ordering::Relaxed).to_string();
        let mut documents = self
            .documents
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner);
        while documents.len() >= KEPT {
            documents.pop_front();
        }
        documents.push_back((id.clone(), document.into()));
        id
    }

    /// The document kept under `id`.
    pub fn get(&self, id: &str) -> Option<Arc<str>> {
        let documents = self
            .documents
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner);
        documents
            .iter()
            .find(|(kept, _)| kept == id)
            .map(|(_, document)| Arc::clone(document))
    }
}

/// The URL a frame loads to show the document kept under `id`. Windows and Android reach
/// custom schemes as `http://<scheme>.localhost/`, the other platforms as `<scheme>://localhost/`.
pub fn url(id: &str) -> String {
    if cfg!(any(windows, target_os = "android")) {
        format!("http://{SCHEME}.localhost/{id}")
    } else {
        format!("{SCHEME}://localhost/{id}")
    }
}

/// Keeps a visualization's whole document (rendered by the UI) and returns the URL its frame
/// loads.
#[tauri::command]
pub fn show_visualization(
    document: String,
    frames: State<'_, Frames>,
) -> Result<String, crate::error::UiError> {
    crate::limits::text("document", &document, crate::limits::BODY)?;
    Ok(url(&frames.keep(document)))
}

/// Serves the document a path names, with [`POLICY`]; anything else is a 404.
pub fn respond(frames: &Frames, request: &Request<Vec<u8>>) -> Response<Vec<u8>> {
    let id = request.uri().path().trim_start_matches('/');
    let built = match frames.get(id) {
        Some(document) => Response::builder()
            .header(header::CONTENT_TYPE, "text/html; charset=utf-8")
            .header(header::CONTENT_SECURITY_POLICY, POLICY)
            .header(header::X_CONTENT_TYPE_OPTIONS, "nosniff")
            .header(header::CACHE_CONTROL, "no-store")
            .header(header::REFERRER_POLICY, "no-referrer")
            .body(document.as_bytes().to_vec()),
        None => Response::builder()
            .status(StatusCode::NOT_FOUND)
            .header(header::CONTENT_TYPE, "text/plain; charset=utf-8")
            .body(b"no such visualization".to_vec()),
    };
    built.unwrap_or_else(|_| Response::new(Vec::new()))
}

/// The scheme's handler, for `register_uri_scheme_protocol`.
pub fn protocol<R: Runtime>(
    context: UriSchemeContext<'_, R>,
    request: Request<Vec<u8>>,
) -> Response<Vec<u8>> {
    use tauri::Manager;
    match context.app_handle().try_state::<Frames>() {
        Some(frames) => respond(&frames, &request),
        None => Response::new(Vec::new()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn get(frames: &Frames, path: &str) -> Response<Vec<u8>> {
        let request = Request::builder()
            .uri(format!("{SCHEME}://localhost{path}"))
            .body(Vec::new())
            .expect("a request");
        respond(frames, &request)
    }

    #[test]
    fn serves_a_kept_document_with_its_own_policy() {
        let frames = Frames::default();
        let id = frames.keep("<p>hi</p><script>1</script>".into());
        let response = get(&frames, &format!("/{id}"));
        assert_eq!(response.status(), StatusCode::OK);
        assert_eq!(response.body(), b"<p>hi</p><script>1</script>");
        let policy = response.headers()[header::CONTENT_SECURITY_POLICY]
            .to_str()
            .expect("ascii");
        assert!(policy.starts_with("default-src 'none';"), "{policy}");
        assert!(!policy.contains("connect-src"), "{policy}");
        assert!(!policy.contains("http"), "{policy}");
        assert_eq!(url(&id), format!("lpviz://localhost/{id}"));
    }

    #[test]
    fn unknown_ids_are_not_found_and_old_documents_go() {
        let frames = Frames::default();
        let first = frames.keep("first".into());
        assert_eq!(get(&frames, "/nope").status(), StatusCode::NOT_FOUND);
        for i in 0..KEPT {
            frames.keep(format!("doc {i}"));
        }
        assert_eq!(
            get(&frames, &format!("/{first}")).status(),
            StatusCode::NOT_FOUND
        );
    }
}
