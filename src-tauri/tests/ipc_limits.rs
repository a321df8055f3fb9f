//! The commands refuse what a compromised or buggy webview could send (issue 13): names over
//! their limit or holding control characters, oversized values and lists, ids that name
//! nothing or another workspace's, and paths to files the engine did not save. Each test calls
//! the command functions themselves, on a real store in a temporary directory under Tauri's mock
//! runtime, and checks both the error (kind `invalid` or `notFound`, the argument as the place)
//! and that nothing was written or read.

use std::path::PathBuf;

use localpost_core::http::{Content, Options};
use localpost_core::model::{
    CollectionId, EnvironmentId, Example, KeyValue, NewRequest, Parent, Request, RequestId, RunId,
    WorkspaceId,
};
use localpost_core::send::SendId;
use localpost_core::viewer::{OpenOptions, Source};
use localpost_desktop::commands::runner::RunRequest;
use localpost_desktop::commands::{
    body, collections, environments, files, history, http, import, preferences, requests, runner,
    tabs, vault, viewer, workspaces,
};
use localpost_desktop::error::UiError;
use localpost_desktop::limits;
use localpost_desktop::state::AppState;
use localpost_desktop::visualizer::{self, Frames};
use tauri::Manager;
use tauri::test::MockRuntime;

/// The app under test: its state on a store in a directory of its own.
struct Shell {
    app: tauri::App<MockRuntime>,
    _dir: tempfile::TempDir,
}

impl Shell {
    fn new() -> Shell {
        let dir = tempfile::tempdir().expect("a temporary directory");
        let state = AppState::open_in(dir.path(), "localpost-ipc-limits-test".into())
            .expect("the store opens");
        let app = tauri::test::mock_app();
        app.manage(state);
        app.manage(Frames::default());
        app.manage(import::PendingImport::default());
        Shell { app, _dir: dir }
    }

    fn state(&self) -> tauri::State<'_, AppState> {
        self.app.state::<AppState>()
    }

    /// A workspace with a collection holding one request.
    fn request(&self) -> Request {
        let store = &self.state().store;
        let workspace = store.create_workspace("Team").expect("workspace");
        let collection = store
            .create_collection(workspace.id, "Users")
            .expect("collection");
        store
            .create_request(NewRequest::new(Parent::Collection(collection.id), "List"))
            .expect("request")
    }
}

fn run<F: std::future::Future>(future: F) -> F::Output {
    tauri::async_runtime::block_on(future)
}

/// Asserts `result` failed with kind `kind` at `place`, and returns the message.
fn refused<T: std::fmt::Debug>(result: Result<T, UiError>, kind: &str, place: &str) -> String {
    let e = result.expect_err("refused");
    assert_eq!(
        (e.kind.as_str(), e.place.as_deref()),
        (kind, Some(place)),
        "{e:?}"
    );
    e.message
}

#[test]
fn names_over_the_limit_or_with_control_characters_are_refused_and_nothing_is_created() {
    let shell = Shell::new();
    let long = "n".repeat(limits::NAME + 1);
    let message = refused(
        run(workspaces::create_workspace(shell.state(), long.clone())),
        "invalid",
        "name",
    );
    assert_eq!(message, "name is 1025 bytes long; the limit is 1024 bytes");
    let message = refused(
        run(workspaces::create_workspace(
            shell.state(),
            "a\u{1b}[2Jb".into(),
        )),
        "invalid",
        "name",
    );
    assert_eq!(
        message,
        "name must not hold control characters (found U+001B)"
    );
    let workspaces = run(workspaces::list_workspaces(shell.state())).expect("listed");
    assert!(workspaces.is_empty(), "nothing created: {workspaces:?}");

    let request = shell.request();
    let collection = request.collection_id;
    refused(
        run(collections::rename_collection(
            shell.state(),
            collection,
            "line\nbreak".into(),
        )),
        "invalid",
        "name",
    );
    let workspace = shell.state().store.collection(collection).expect("c");
    refused(
        run(environments::create_environment(
            shell.state(),
            workspace.workspace_id,
            long.clone(),
        )),
        "invalid",
        "name",
    );
    let node = localpost_core::model::NodeId::Request(request.id);
    refused(
        run(requests::rename_node(shell.state(), node, long)),
        "invalid",
        "name",
    );
    let store = &shell.state().store;
    assert_eq!(store.collection(collection).expect("c").name, "Users");
    assert_eq!(store.request(request.id).expect("r").name, "List");
    assert!(
        store
            .environments(workspace.workspace_id)
            .expect("e")
            .is_empty()
    );
}

#[test]
fn an_oversized_field_of_a_request_is_named_and_the_stored_request_is_unchanged() {
    let shell = Shell::new();
    let stored = shell.request();
    let mut edited = stored.clone();
    edited.headers = vec![
        KeyValue::new("Accept", "*/*"),
        KeyValue::new("X-Big", "x".repeat(limits::VALUE + 1)),
    ];
    let message = refused(
        run(requests::update_request(shell.state(), edited.clone())),
        "invalid",
        "request.headers[1].value",
    );
    assert!(message.ends_with("the limit is 8388608 bytes"), "{message}");
    refused(
        run(tabs::save_draft(shell.state(), edited.clone())),
        "invalid",
        "request.headers[1].value",
    );
    refused(
        run(tabs::save_request(shell.state(), edited)),
        "invalid",
        "request.headers[1].value",
    );
    let mut many = stored.clone();
    many.params = vec![KeyValue::new("k", "v"); limits::ITEMS + 1];
    refused(
        run(requests::update_request(shell.state(), many)),
        "invalid",
        "request.params",
    );
    let mut url = stored.clone();
    url.url = format!("https://api.test/{}", "a".repeat(limits::URL));
    refused(
        run(requests::update_request(shell.state(), url)),
        "invalid",
        "request.url",
    );
    let store = &shell.state().store;
    assert_eq!(store.request(stored.id).expect("stored"), stored);
    assert_eq!(store.draft(stored.id).expect("draft"), None);
}

#[test]
fn a_stored_name_with_a_control_character_may_stay_but_cannot_be_typed() {
    let shell = Shell::new();
    let stored = shell.request();
    let store = &shell.state().store;
    // A name stored with a control character (by a version whose imports kept them): a tab.
    let mut imported = stored.clone();
    imported.name = "List\tall".into();
    store.update_request(&imported).expect("the core takes it");
    let mut edited = imported.clone();
    edited.url = "https://api.test/users".into();
    let saved = run(requests::update_request(shell.state(), edited)).expect("unchanged name");
    assert_eq!(saved.url, "https://api.test/users");
    let mut typed = saved.clone();
    typed.name = "List\nall".into();
    refused(
        run(requests::update_request(shell.state(), typed)),
        "invalid",
        "request.name",
    );
    assert_eq!(store.request(stored.id).expect("r").name, "List\tall");
}

#[test]
fn ids_that_name_nothing_are_not_found_and_name_the_id() {
    let shell = Shell::new();
    let e = run(requests::get_request(shell.state(), RequestId(4242))).expect_err("missing");
    assert_eq!(
        (e.kind.as_str(), e.message.as_str()),
        ("notFound", "request 4242 not found")
    );
    let e = run(workspaces::rename_workspace(
        shell.state(),
        WorkspaceId(77),
        "Renamed".into(),
    ))
    .expect_err("missing");
    assert_eq!(e.message, "workspace 77 not found");
    let e = run(environments::get_environment(
        shell.state(),
        EnvironmentId(9),
    ))
    .expect_err("missing");
    assert_eq!(e.message, "environment 9 not found");
    let e = run(collections::move_collection(
        shell.state(),
        CollectionId(5),
        usize::MAX,
    ))
    .expect_err("missing");
    assert_eq!(e.kind, "notFound");
    let e = run(runner::show_run(shell.state(), RunId(12))).expect_err("missing");
    assert_eq!(e.kind, "notFound");
    let e = run(viewer::document_lines(shell.state(), 31, 0, u32::MAX)).expect_err("not open");
    assert_eq!(e.kind, "notFound");
}

#[test]
fn a_node_cannot_move_into_another_workspace() {
    let shell = Shell::new();
    let request = shell.request();
    let store = &shell.state().store;
    let other = store.create_workspace("Other").expect("workspace");
    let elsewhere = store
        .create_collection(other.id, "Elsewhere")
        .expect("collection");
    let node = localpost_core::model::NodeId::Request(request.id);
    let message = refused(
        run(requests::move_node(
            shell.state(),
            node,
            Parent::Collection(elsewhere.id),
            0,
        )),
        "invalid",
        "parent",
    );
    assert_eq!(
        message,
        format!(
            "cannot move request {} into another workspace",
            request.id.0
        )
    );
    let stored = store.request(request.id).expect("stored");
    assert_eq!(stored.collection_id, request.collection_id, "it stayed");
    // Within the workspace, into another collection, it moves.
    let workspace = store.workspace_of_node(node).expect("its workspace");
    let beside = store.create_collection(workspace, "Beside").expect("c");
    run(requests::move_node(
        shell.state(),
        node,
        Parent::Collection(beside.id),
        0,
    ))
    .expect("moved");
    assert_eq!(
        store.request(request.id).expect("r").collection_id,
        beside.id
    );
    let missing = Parent::Collection(CollectionId(999));
    let e = run(requests::move_node(shell.state(), node, missing, 0)).expect_err("missing");
    assert_eq!(e.message, "collection 999 not found");
}

#[test]
fn rows_lines_and_indexes_past_the_end_are_clamped() {
    let shell = Shell::new();
    let request = shell.request();
    let collection = request.collection_id;
    run(collections::move_collection(
        shell.state(),
        collection,
        usize::MAX,
    ))
    .expect("clamped");
    let node = localpost_core::model::NodeId::Request(request.id);
    let parent = Parent::Collection(collection);
    run(requests::move_node(shell.state(), node, parent, usize::MAX)).expect("clamped");
    let text = "{\n  \"a\": [\n    1\n  ]\n}".to_owned();
    let source = Source::Text { text };
    let info = run(viewer::open_document(
        shell.state(),
        source,
        OpenOptions::default(),
    ))
    .expect("opened");
    let id = info.id;
    let lines = run(viewer::document_lines(shell.state(), id, 0, u32::MAX)).expect("lines");
    assert_eq!(lines.lines.len(), 5, "every line, no more");
    let past = run(viewer::document_lines(
        shell.state(),
        id,
        u32::MAX,
        u32::MAX,
    ))
    .expect("none");
    assert!(past.lines.is_empty());
    let folded = run(viewer::toggle_fold(shell.state(), id, u32::MAX)).expect("no fold there");
    assert_eq!(folded.rows, 5);
    let (row, _) = run(viewer::reveal_line(shell.state(), id, u32::MAX)).expect("revealed");
    assert!(row <= 5, "row {row}");
}

#[test]
fn a_run_refuses_another_workspaces_environment_and_unbounded_counts() {
    let shell = Shell::new();
    let request = shell.request();
    let store = &shell.state().store;
    let other = store.create_workspace("Other").expect("workspace");
    let foreign = store
        .create_environment(other.id, "Prod", &[])
        .expect("environment");
    let mut run_request: RunRequest = serde_json::from_value(serde_json::json!({
        "collection": request.collection_id,
        "items": [],
        "environment": foreign.id,
        "iterations": 1,
        "useData": false,
        "delayMs": 0,
    }))
    .expect("a run request");
    let e = run_request.check(store).expect_err("foreign environment");
    assert_eq!(
        (e.kind.as_str(), e.message.as_str()),
        (
            "notFound",
            format!("environment {} not found", foreign.id.0).as_str()
        )
    );
    run_request.environment = None;
    run_request.check(store).expect("the workspace's own");
    run_request.iterations = Some(limits::ITERATIONS + 1);
    refused(run_request.check(store), "invalid", "request.iterations");
    run_request.iterations = None;
    run_request.delay_ms = limits::DELAY_MS + 1;
    refused(run_request.check(store), "invalid", "request.delayMs");
    run_request.delay_ms = 0;
    run_request.items = vec![1; limits::ITEMS + 1];
    refused(run_request.check(store), "invalid", "request.items");
    refused(
        run(runner::delete_runs(
            shell.state(),
            vec![RunId(1); limits::ITEMS + 1],
        )),
        "invalid",
        "ids",
    );
}

/// A file outside the engine's body directory, a `body-…` symbolic link inside it leading out
/// of it, and a `..` path back out of it. The link lives in the real body directory (the app's
/// engine uses the default), and goes when the guard drops.
struct Hostile {
    outside: PathBuf,
    link: PathBuf,
    dotdot: PathBuf,
    _dir: tempfile::TempDir,
}

impl Hostile {
    fn new(tag: &str) -> Hostile {
        let dir = tempfile::tempdir().expect("a directory outside");
        let outside = dir.path().join("body-secret");
        std::fs::write(&outside, b"private key").expect("written");
        let body_dir = Options::default().body_dir;
        std::fs::create_dir_all(&body_dir).expect("body directory");
        let link = body_dir.join(format!("body-ipc-limits-{tag}-{}", std::process::id()));
        let _ = std::fs::remove_file(&link);
        std::os::unix::fs::symlink(&outside, &link).expect("symlink");
        let dotdot = body_dir.join("..").join(
            outside
                .strip_prefix(std::env::temp_dir())
                .unwrap_or(&outside),
        );
        Hostile {
            outside,
            link,
            dotdot,
            _dir: dir,
        }
    }

    fn paths(&self) -> Vec<String> {
        [
            self.outside.clone(),
            self.link.clone(),
            self.dotdot.clone(),
            PathBuf::from("/etc/passwd"),
        ]
        .iter()
        .map(|p| p.display().to_string())
        .collect()
    }
}

impl Drop for Hostile {
    fn drop(&mut self) {
        let _ = std::fs::remove_file(&self.link);
    }
}

#[test]
fn save_body_refuses_a_file_the_engine_did_not_save_before_any_dialog() {
    let hostile = Hostile::new("save");
    let shell = Shell::new();
    let held = Content::Text { text: "x".into() };
    for file in hostile.paths() {
        // The mock app has no dialog plugin: reaching the dialog would panic.
        let message = refused(
            run(body::save_body(
                shell.app.handle().clone(),
                held.clone(),
                Some(file.clone()),
                "body.json".into(),
            )),
            "invalid",
            "file",
        );
        assert!(
            message.ends_with("is not a saved response body"),
            "{message}"
        );
    }
    let big = Content::Base64 {
        base64: "A".repeat(limits::BODY + 4),
    };
    refused(
        run(body::save_body(
            shell.app.handle().clone(),
            big,
            None,
            "body.bin".into(),
        )),
        "invalid",
        "content.base64",
    );
    refused(
        run(body::save_body(
            shell.app.handle().clone(),
            held,
            None,
            "a\nb".into(),
        )),
        "invalid",
        "name",
    );
    assert_eq!(
        std::fs::read(&hostile.outside).expect("still there"),
        b"private key"
    );
}

#[test]
fn the_viewer_and_examples_read_no_file_the_engine_did_not_save() {
    let hostile = Hostile::new("read");
    let shell = Shell::new();
    let request = shell.request();
    for file in hostile.paths() {
        let source = Source::File { file: file.clone() };
        refused(
            run(viewer::open_document(
                shell.state(),
                source.clone(),
                OpenOptions::default(),
            )),
            "invalid",
            "file",
        );
        refused(
            run(body::save_example(
                shell.state(),
                request.id,
                Example::default(),
                source,
            )),
            "invalid",
            "file",
        );
    }
    let stored = shell.state().store.request(request.id).expect("stored");
    assert!(stored.examples.is_empty(), "no example was added");
    let long = Source::Text {
        text: "t".repeat(limits::BODY + 1),
    };
    refused(
        run(viewer::open_document(
            shell.state(),
            long,
            OpenOptions::default(),
        )),
        "invalid",
        "source.text",
    );
    let filter = OpenOptions {
        is_raw: false,
        filter: Some("$".repeat(limits::SHORT + 1)),
    };
    refused(
        run(viewer::open_document(
            shell.state(),
            Source::Text { text: "{}".into() },
            filter,
        )),
        "invalid",
        "options.filter",
    );
    let example = Example {
        name: "Created\r\n".into(),
        ..Example::default()
    };
    refused(
        run(body::save_example(
            shell.state(),
            request.id,
            example,
            Source::Text { text: "{}".into() },
        )),
        "invalid",
        "example.name",
    );
}

#[test]
fn texts_ids_and_lists_from_the_webview_are_bounded() {
    let shell = Shell::new();
    let request = shell.request();
    let long_id = SendId("s".repeat(limits::ID + 1));
    refused(
        run(http::send_request(
            shell.state(),
            request.id,
            long_id.clone(),
            tauri::ipc::Channel::new(|_| Ok(())),
            None,
        )),
        "invalid",
        "sendId",
    );
    refused(
        run(http::cancel_request(shell.state(), long_id)),
        "invalid",
        "sendId",
    );
    let workspace = shell
        .state()
        .store
        .collection(request.collection_id)
        .expect("c")
        .workspace_id;
    refused(
        run(history::list_history(
            shell.state(),
            workspace,
            Some("q".repeat(limits::SHORT + 1)),
        )),
        "invalid",
        "search",
    );
    refused(
        run(import::preview_import_text(
            shell.state(),
            shell.app.state::<import::PendingImport>(),
            workspace,
            " ".repeat(limits::BODY + 1),
        )),
        "invalid",
        "text",
    );
    refused(
        run(import::parse_curl("c".repeat(limits::BODY + 1))),
        "invalid",
        "text",
    );
    refused(
        run(vault::set_vault_secret(
            shell.state(),
            "n".repeat(limits::NAME + 1),
            "value".into(),
            Vec::new(),
        )),
        "invalid",
        "name",
    );
    refused(
        run(vault::set_vault_domains(
            shell.state(),
            "token".into(),
            vec!["api.test".into(); limits::ITEMS + 1],
        )),
        "invalid",
        "domains",
    );
    refused(
        run(vault::reveal_vault_secret(
            shell.state(),
            "n".repeat(limits::NAME + 1),
        )),
        "invalid",
        "name",
    );
    refused(
        run(environments::save_globals(
            shell.state(),
            workspace,
            vec![localpost_core::model::Variable::default(); limits::ITEMS + 1],
        )),
        "invalid",
        "variables",
    );
    refused(
        visualizer::show_visualization(
            "<p>".repeat(limits::BODY / 3 + 1),
            shell.app.state::<Frames>(),
        ),
        "invalid",
        "document",
    );
    refused(
        run(viewer::search_document(
            shell.state(),
            1,
            "q".repeat(limits::SHORT + 1),
            false,
        )),
        "invalid",
        "query",
    );
    assert!(
        shell
            .state()
            .store
            .workspace(workspace)
            .expect("w")
            .globals
            .is_empty()
    );
}

#[test]
fn the_window_cannot_widen_the_files_a_send_reads() {
    let shell = Shell::new();
    let chosen = localpost_core::model::FileReads::default().with_chosen("/home/me/avatar.png");
    shell
        .state()
        .store
        .set_file_reads(&chosen)
        .expect("the user's choice");
    let mut from_window = run(preferences::get_preferences(shell.state())).expect("read");
    from_window.history_limit = 7;
    from_window.files = localpost_core::model::FileReads {
        working_dir: Some("/".into()),
        read_outside: true,
        chosen: vec!["/home/me/.ssh/id_rsa".into()],
    };
    let saved = run(preferences::save_preferences(shell.state(), from_window)).expect("saved");
    assert_eq!(saved.history_limit, 7, "the rest is saved");
    assert_eq!(saved.files, chosen, "the file rules are not");
    // Narrowing needs no dialog.
    let narrowed = run(files::narrow_file_reads(shell.state(), true, true)).expect("narrowed");
    assert_eq!(narrowed, localpost_core::model::FileReads::default());
    assert_eq!(
        shell.state().store.preferences().expect("read").files,
        narrowed
    );
}
