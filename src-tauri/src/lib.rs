//! Localpost's desktop shell: a Tauri window over [`localpost_core`].
//!
//! The principal pieces are [`run`], which opens the store and starts the app, the
//! [`state::AppState`] every command reads, the [`error::UiError`] every command fails with, and
//! the commands themselves in [`commands`], one module per aggregate as listed in `docs/ipc.md`.
//! The shell is an adapter: commands take typed arguments, call the core and map its error.
//! Nothing here makes network calls; the UI is served from the embedded `ui/dist`.
#![cfg_attr(not(test), deny(clippy::unwrap_used))]

pub mod background;
pub mod batch;
pub mod boot;
pub mod commands;
pub mod dialog;
pub mod error;
pub mod limits;
pub mod painting;
pub mod state;
pub mod visualizer;

use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};

use state::{AppState, StartupError};
use tauri::Manager;

/// The label of the app's one window (its config in `tauri.conf.json` has `create: false`).
pub const MAIN_WINDOW: &str = "main";

/// Builds the window from its config, with what its first frame shows ([`boot::Boot`]). When
/// the store cannot give that, the window opens without it and the page asks over IPC, where
/// the error is shown.
fn open_window(app: &mut tauri::App) -> Result<(), Box<dyn std::error::Error>> {
    let config = app
        .config()
        .app
        .windows
        .iter()
        .find(|w| w.label == MAIN_WINDOW)
        .cloned()
        .ok_or("tauri.conf.json has no main window")?;
    let mut window = tauri::WebviewWindowBuilder::from_config(app.handle(), &config)?;
    // Shown once its page has loaded (`painting::draws_without_dmabuf`), or after
    // `SHOW_AT_LATEST` should it not load.
    let held_back = painting::draws_without_dmabuf() && config.visible;
    let shown = Arc::new(AtomicBool::new(!held_back));
    if held_back {
        let once = Arc::clone(&shown);
        window = window.visible(false).on_page_load(move |window, payload| {
            if payload.event() == tauri::webview::PageLoadEvent::Finished {
                show_once(&window, &once);
            }
        });
    }
    let store = &app.state::<AppState>().store;
    match boot::Boot::read(
        store,
        boot::Fonts::for_family(boot::desktop_font().as_deref()),
    )
    .map(|b| b.script())
    {
        Ok(Ok(script)) => window = window.initialization_script(script),
        Ok(Err(e)) => eprintln!("localpost: the window opens without its first frame: {e}"),
        Err(e) => eprintln!("localpost: the window opens without its first frame: {e}"),
    }
    let built = window.build()?;
    if held_back {
        std::thread::spawn(move || {
            std::thread::sleep(SHOW_AT_LATEST);
            show_once(&built, &shown);
        });
    }
    Ok(())
}

/// How long a window held back until its page has loaded waits at most.
const SHOW_AT_LATEST: std::time::Duration = std::time::Duration::from_secs(2);

/// Shows `window` the first time it is called for it (`shown` says whether it was); a failure
/// is reported on stderr. The window's own visibility is no guide: resized by WebKitWebDriver
/// before its page had loaded, a held-back window said it was visible while its page was still
/// hidden, zero pixels wide, and every click after waited for ever.
fn show_once(window: &tauri::WebviewWindow, shown: &AtomicBool) {
    if shown.swap(true, Ordering::SeqCst) {
        return;
    }
    if let Err(e) = window.show() {
        eprintln!("localpost: cannot show the window: {e}");
    }
}

/// Opens the store and runs the app until its last window closes.
///
/// Fails before any window opens when the store cannot be opened (the caller prints the reason
/// and exits 1), or if the windowing system refuses to start.
pub fn run() -> Result<(), StartupError> {
    let state = AppState::open()?;
    tauri::Builder::default()
        .manage(state)
        .manage(commands::import::DroppedFiles::default())
        .manage(commands::import::PendingImport::default())
        .manage(commands::runner::ChosenData::default())
        .manage(visualizer::Frames::default())
        .register_uri_scheme_protocol(visualizer::SCHEME, visualizer::protocol)
        .plugin(tauri_plugin_dialog::init())
        .setup(|app| open_window(app))
        .on_window_event(|window, event| {
            commands::import::on_window_event(window, event);
            commands::websocket::on_window_event(window, event);
            commands::grpc::on_window_event(window, event);
        })
        .invoke_handler(tauri::generate_handler![
            commands::workspaces::ensure_workspace,
            commands::workspaces::list_workspaces,
            commands::workspaces::create_workspace,
            commands::workspaces::rename_workspace,
            commands::workspaces::delete_workspace,
            commands::workspaces::move_workspace,
            commands::workspaces::workspace_tree,
            commands::collections::create_collection,
            commands::collections::rename_collection,
            commands::collections::delete_collection,
            commands::collections::move_collection,
            commands::requests::create_folder,
            commands::requests::create_request,
            commands::requests::get_request,
            commands::requests::update_request,
            commands::requests::rename_node,
            commands::requests::delete_node,
            commands::requests::move_node,
            commands::requests::duplicate_item,
            commands::tabs::get_tabs,
            commands::tabs::set_tabs,
            commands::tabs::draft_heads,
            commands::tabs::get_draft,
            commands::tabs::save_draft,
            commands::tabs::discard_draft,
            commands::tabs::save_request,
            commands::http::send_request,
            commands::http::cancel_request,
            commands::graphql::fetch_graphql_schema,
            commands::graphql::graphql_schema,
            commands::websocket::open_websocket,
            commands::websocket::send_websocket_message,
            commands::websocket::close_websocket,
            commands::grpc::grpc_methods,
            commands::grpc::grpc_template,
            commands::grpc::open_grpc_call,
            commands::grpc::send_grpc_message,
            commands::grpc::end_grpc_stream,
            commands::grpc::cancel_grpc_call,
            commands::grpc::choose_import_path,
            commands::socketio::open_socketio,
            commands::runner::run_collection,
            commands::runner::stop_run,
            commands::runner::list_runs,
            commands::runner::show_run,
            commands::runner::delete_runs,
            commands::runner::choose_data_file,
            commands::files::choose_request_file,
            commands::files::choose_working_dir,
            commands::files::narrow_file_reads,
            commands::files::allow_reading_outside,
            commands::runner::save_run_report,
            commands::auth::get_oauth2_token,
            commands::environments::list_environments,
            commands::environments::get_environment,
            commands::environments::create_environment,
            commands::environments::rename_environment,
            commands::environments::duplicate_environment,
            commands::environments::delete_environment,
            commands::environments::set_active_environment,
            commands::environments::save_environment_variables,
            commands::environments::get_globals,
            commands::environments::save_globals,
            commands::environments::reveal_variable,
            commands::import::preview_import_file,
            commands::import::preview_import_dropped,
            commands::import::watch_drops,
            commands::import::preview_import_text,
            commands::import::commit_import,
            commands::import::cancel_import,
            commands::import::parse_curl,
            commands::export::export_collection,
            commands::export::export_environment,
            commands::export::export_globals,
            commands::export::request_snippet,
            commands::body::save_body,
            commands::http::added_headers,
            commands::body::save_example,
            commands::viewer::preview_document,
            commands::viewer::open_document,
            commands::viewer::document_lines,
            commands::viewer::toggle_fold,
            commands::viewer::fold_all,
            commands::viewer::search_document,
            commands::viewer::reveal_line,
            commands::viewer::close_document,
            commands::workspaces::classify_workspace,
            commands::cookies::list_cookies,
            commands::cookies::add_cookie,
            commands::cookies::edit_cookie,
            commands::cookies::delete_cookie,
            commands::cookies::clear_cookies,
            commands::history::list_history,
            commands::history::show_history,
            commands::history::clear_history,
            commands::variables::variables_in_scope,
            commands::variables::save_collection_variables,
            commands::settings::inherited_auth,
            commands::settings::get_collection,
            commands::settings::save_collection_settings,
            commands::settings::get_folder,
            commands::settings::save_folder_settings,
            commands::settings::save_collection_overview,
            commands::settings::save_folder_overview,
            commands::variables::save_folder_variables,
            commands::preferences::get_preferences,
            commands::preferences::save_preferences,
            commands::vault::keychain_status,
            commands::vault::unlock_vault_file,
            commands::vault::list_vault_secrets,
            commands::vault::set_vault_secret,
            commands::vault::set_vault_domains,
            commands::vault::reveal_vault_secret,
            commands::vault::delete_vault_secret,
            visualizer::show_visualization,
        ])
        .run(tauri::generate_context!("../tauri.conf.json"))
        .map_err(StartupError::Tauri)
}
