//! Response viewer commands: preview a body's first rows, open it as a document, read the rows
//! in view, fold, search, reveal a line, close.
//!
//! The work is the core's ([`localpost_core::viewer`]); opening runs on a background thread
//! ([`background`]: low priority, so the window draws first) and searching on a blocking
//! thread, so a 50 MB body never holds up the async runtime, and only the rows in view ever
//! cross into the webview.

use localpost_core::http::Options;
use localpost_core::viewer::{Document, DocumentInfo, Found, Lines, OpenOptions, Preview, Source};
use tauri::State;

use crate::background;
use crate::error::UiError;
use crate::limits;
use crate::state::AppState;

/// Most rows one `document_lines` call returns.
const MAX_ROWS: u32 = 2_000;

fn task_error(e: tauri::Error) -> UiError {
    UiError::internal(format!("the viewer stopped unexpectedly: {e}"))
}

/// Opens a response body (a saved file or text) as a document, re-indented when it is JSON,
/// filtered by `options.filter` when given.
#[tauri::command]
pub async fn open_document(
    state: State<'_, AppState>,
    source: Source,
    options: OpenOptions,
) -> Result<DocumentInfo, UiError> {
    limits::source("source", &source)?;
    if let Some(filter) = &options.filter {
        limits::text("options.filter", filter, limits::SHORT)?;
    }
    let document = background::run("localpost-open-document", move || {
        Document::open(source.read(&Options::default().body_dir)?, &options)
    })
    .await??;
    Ok(state.documents.insert(document))
}

/// Bytes of a body read for its preview.
const PREVIEW_BYTES: usize = 1024 * 1024;
/// Rows a preview holds: a screen and the rows fetched beyond it.
const PREVIEW_ROWS: u32 = 300;

/// The first rows of a response body as `open_document` will show them (without folds), read
/// from its first megabyte: shown while the whole body is opened, which takes seconds for a
/// big one. A filtered body has none.
#[tauri::command]
pub async fn preview_document(source: Source, options: OpenOptions) -> Result<Preview, UiError> {
    limits::source("source", &source)?;
    let preview = tauri::async_runtime::spawn_blocking(move || {
        let (head, is_whole) = source.read_head(&Options::default().body_dir, PREVIEW_BYTES)?;
        Ok::<_, localpost_core::viewer::ViewerError>(Document::preview(
            &head,
            is_whole,
            &options,
            PREVIEW_ROWS,
        ))
    })
    .await
    .map_err(task_error)??;
    Ok(preview)
}

/// Up to `count` rows (at most 2,000) of document `id`, from row `from`.
#[tauri::command]
pub async fn document_lines(
    state: State<'_, AppState>,
    id: u32,
    from: u32,
    count: u32,
) -> Result<Lines, UiError> {
    Ok(state
        .documents
        .with(id, |d| d.lines(from, count.min(MAX_ROWS)))?)
}

/// Collapses the fold starting on `line`, or expands it.
#[tauri::command]
pub async fn toggle_fold(
    state: State<'_, AppState>,
    id: u32,
    line: u32,
) -> Result<DocumentInfo, UiError> {
    Ok(state.documents.with(id, |d| {
        d.toggle(line);
        d.info(id)
    })?)
}

/// Collapses every fold of document `id`, or expands them all.
#[tauri::command]
pub async fn fold_all(
    state: State<'_, AppState>,
    id: u32,
    collapse: bool,
) -> Result<DocumentInfo, UiError> {
    Ok(state.documents.with(id, |d| {
        d.fold_all(collapse);
        d.info(id)
    })?)
}

/// Every match of `query` in document `id`.
#[tauri::command]
pub async fn search_document(
    state: State<'_, AppState>,
    id: u32,
    query: String,
    is_case_sensitive: bool,
) -> Result<Found, UiError> {
    limits::text("query", &query, limits::SHORT)?;
    let documents = state.documents.clone();
    Ok(tauri::async_runtime::spawn_blocking(move || {
        documents.with(id, |d| d.search(&query, is_case_sensitive))
    })
    .await
    .map_err(task_error)??)
}

/// Expands what hides `line` and returns the row it is shown at, with the document's new
/// row count.
#[tauri::command]
pub async fn reveal_line(
    state: State<'_, AppState>,
    id: u32,
    line: u32,
) -> Result<(u32, DocumentInfo), UiError> {
    Ok(state.documents.with(id, |d| (d.reveal(line), d.info(id)))?)
}

/// Lets document `id` go.
#[tauri::command]
pub async fn close_document(state: State<'_, AppState>, id: u32) -> Result<(), UiError> {
    state.documents.close(id);
    Ok(())
}
