//! Importing Postman files: v1 trees, error messages, warnings, and all-or-nothing writes.

use crate::postman_files;

use localpost_core::formats::postman::{self, Format, ImportError};
use localpost_core::model::{
    AuthMode, Body, Collection, CollectionId, Folder, FolderId, RawLanguage, Request, RequestId,
    TreeNode, Variable, WorkspaceId,
};
use localpost_core::store::{
    CollectionImport, EnvironmentImport, ImportBundle, NodeImport, StoreError,
};
use postman_files::{Scratch, assert_same, json, path, withheld_pairs, withhold};

/// The tree as `Folder/` and request names, depth-first.
fn outline(nodes: &[TreeNode], depth: usize, out: &mut Vec<String>) {
    for node in nodes {
        let indent = "  ".repeat(depth);
        match node {
            TreeNode::Folder { name, children, .. } => {
                out.push(format!("{indent}{name}/"));
                outline(children, depth + 1, out);
            }
            TreeNode::Request { name, method, .. } => out.push(format!("{indent}{method} {name}")),
        }
    }
}

#[test]
fn a_v1_collection_gives_its_tree_folders_first() {
    let scratch = Scratch::new();
    let report = scratch.import(&["legacy-v1.postman_collection.json"]);
    assert_eq!(report.collections[0].format, Format::CollectionV1);
    let tree = scratch.store.tree(scratch.workspace).expect("tree");
    let mut lines = Vec::new();
    outline(&tree.collections[0].children, 0, &mut lines);
    assert_eq!(
        lines,
        [
            "Users/",
            "  Admin/",
            "    Deep/",
            "      HEAD Deep check",
            "    PUT Ban user",
            "  POST Create user",
            "Files/",
            "  POST Upload",
            "  PUT Binary",
            "GET Status",
            "GET Orphan",
        ]
    );
}

fn find(store: &localpost_core::store::Store, nodes: &[TreeNode], name: &str) -> Option<Request> {
    nodes.iter().find_map(|n| match n {
        TreeNode::Request { id, name: n, .. } if n == name => store.request(*id).ok(),
        TreeNode::Folder { children, .. } => find(store, children, name),
        _ => None,
    })
}

#[test]
fn a_v1_request_keeps_its_auth_scripts_body_and_examples() {
    let scratch = Scratch::new();
    scratch.import(&["legacy-v1.postman_collection.json"]);
    let tree = scratch.store.tree(scratch.workspace).expect("tree");
    let create =
        find(&scratch.store, &tree.collections[0].children, "Create user").expect("request");
    assert_eq!(create.method, "POST");
    assert_eq!(create.url, "http://{{host}}/users?notify=true");
    assert_eq!(create.params[0].key, "notify");
    assert_eq!(create.auth.mode, AuthMode::Basic);
    assert_eq!(create.auth.param("username"), Some("legacy-basic-user"));
    assert_eq!(create.scripts.pre_request, "pm.variables.set('n', 1);");
    assert_eq!(
        create.scripts.test,
        "pm.test('created', () => pm.response.to.have.status(201));"
    );
    assert_eq!(
        create.body,
        Body::Raw {
            text: "{\"name\": \"legacy-user\"}".into(),
            language: RawLanguage::Json
        }
    );
    assert_eq!(create.headers[0].description, "json body");
    assert_eq!(create.examples[0].code, 201);
    let original = create.examples[0].original_request.as_ref().expect("kept");
    assert_eq!(original["url"]["raw"], "http://legacy.example.net/users");

    let status = find(&scratch.store, &tree.collections[0].children, "Status").expect("request");
    assert!(!status.headers[1].enabled, "a // header is disabled");
    let coll = scratch
        .store
        .collection(tree.collections[0].id)
        .expect("collection");
    assert_eq!(coll.auth.param("token"), Some("legacy-collection-token"));
}

#[test]
fn a_v1_collection_exports_as_the_transformer_converts_it_but_keeps_orphans() {
    let scratch = Scratch::new();
    let report = scratch.import(&["legacy-v1.postman_collection.json"]);
    let (mut exported, export_report) =
        postman::export_collection(&scratch.store, report.collections[0].id).expect("export");
    let withheld = withheld_pairs(&export_report);
    let want_withheld = [
        ("item[0].item[1].request.auth.basic[1]", "password"),
        ("auth.bearer[0]", "token"),
    ];
    assert_eq!(withheld, want_withheld);
    // Documented differences: the transformer drops a request no order lists (we keep it,
    // last) and gives variables without an id a random one.
    let items = exported["item"].as_array_mut().expect("items");
    let orphan = items.pop().expect("orphan kept");
    assert_eq!(orphan["name"], "Orphan");
    assert_eq!(orphan["request"]["body"]["graphql"]["query"], "{ orphan }");
    let mut want = json("legacy-v1.expected-v21.json");
    withhold(
        &mut want,
        &withheld.iter().map(|(p, _)| *p).collect::<Vec<_>>(),
    );
    if let Some(var) = want["variable"][0].as_object_mut() {
        var.remove("id");
    }
    assert_same(&exported, &want);

    let file = path("legacy-v1.postman_collection.json")
        .display()
        .to_string();
    let warnings: Vec<String> = report.warnings.iter().map(|w| w.to_string()).collect();
    assert_eq!(
        warnings,
        [
            format!(
                "{file}: requests[1].descriptionFormat: this v1 field has no place in a v2.1 \
                 collection: not kept"
            ),
            format!(
                "{file}: requests[6]: no folder or order lists this request: placed at the top \
                 level"
            ),
        ]
    );
}

/// The message of a `<case>.err` golden (the CLI's line without `error: `), for `file`.
fn golden_error(case: &str, file: &str) -> String {
    let text = std::fs::read_to_string(path(&format!("{case}.err"))).expect("golden");
    let line = text
        .trim_end()
        .strip_prefix("error: ")
        .expect("an error line");
    line.replace("FILE", file)
}

#[test]
fn invalid_json_is_reported_with_line_and_column() {
    let file = path("invalid-json.postman_collection.json");
    let e = postman::read_file(&file).expect_err("invalid");
    let message = golden_error("invalid-json", &file.display().to_string());
    assert_eq!(e.to_string(), message);
    assert!(message.contains("line 8, column 5"), "{message}");
}

#[test]
fn a_wrong_shape_is_reported_with_its_json_path() {
    let file = path("wrong-shape.postman_collection.json");
    let e = postman::read_file(&file).expect_err("shape");
    let message = golden_error("wrong-shape", &file.display().to_string());
    assert_eq!(e.to_string(), message);
    assert!(
        message.contains(": item[3].item[0].request.url.query[2]: "),
        "{message}"
    );
}

#[test]
fn shape_errors_inside_wrappers_name_the_wrapper() {
    let e = postman::parse(
        "env.json",
        r#"{"environment": {"name": "e", "values": [{"key": "k", "enabled": "yes"}]}}"#,
    )
    .expect_err("enabled is not a boolean");
    assert_eq!(
        e.to_string(),
        "environment.values[0].enabled: expected a boolean, found a string"
    );
    let e = postman::parse("c.json", r#"{"item": [], "info": {"name": ["x"]}}"#)
        .expect_err("name is not a string");
    assert_eq!(
        e.to_string(),
        "info.name: expected a string, found an array"
    );
    let e = postman::parse("c.json", "[1]").expect_err("not a variable");
    assert_eq!(e.to_string(), "[0]: expected an object, found a number");
}

#[test]
fn a_non_postman_file_is_refused() {
    let e = postman::parse("openapi.json", r#"{"openapi": "3.1.0", "paths": {}}"#)
        .expect_err("not postman");
    assert!(matches!(e, ImportError::Unrecognised), "{e}");
}

fn request(name: &str) -> NodeImport {
    NodeImport::Request(Request {
        id: RequestId(0),
        collection_id: CollectionId(0),
        folder_id: None,
        name: name.into(),
        position: 0,
        method: "GET".into(),
        url: "http://127.0.0.1/".into(),
        params: Vec::new(),
        path_variables: Vec::new(),
        headers: Vec::new(),
        body: Body::None,
        auth: Default::default(),
        scripts: Default::default(),
        settings: Default::default(),
        description: String::new(),
        examples: Vec::new(),
        variables: Vec::new(),
        protocol: Default::default(),
        messages: Vec::new(),
        grpc: Default::default(),
        socketio: Default::default(),
        extra: Default::default(),
    })
}

fn folder(name: &str, children: Vec<NodeImport>) -> NodeImport {
    NodeImport::Folder {
        folder: Folder {
            id: FolderId(0),
            collection_id: CollectionId(0),
            parent_id: None,
            name: name.into(),
            position: 0,
            description: String::new(),
            auth: Default::default(),
            scripts: Default::default(),
            variables: Vec::new(),
            settings: Default::default(),
            extra: Default::default(),
        },
        children,
    }
}

fn collection(name: &str, children: Vec<NodeImport>) -> CollectionImport {
    CollectionImport {
        collection: Collection {
            id: CollectionId(0),
            workspace_id: WorkspaceId(0),
            name: name.into(),
            position: 0,
            description: String::new(),
            auth: Default::default(),
            scripts: Default::default(),
            variables: Vec::new(),
            settings: Default::default(),
            extra: Default::default(),
        },
        children,
    }
}

#[test]
fn a_failure_half_way_through_leaves_nothing_behind() {
    let scratch = Scratch::new();
    let kept = Variable {
        key: "before".into(),
        value: "unchanged".into(),
        ..Variable::default()
    };
    scratch
        .store
        .set_globals(scratch.workspace, std::slice::from_ref(&kept))
        .expect("globals");
    let bundle = ImportBundle {
        collections: vec![
            collection("Written first", vec![request("one"), request("two")]),
            collection(
                "Fails deep inside",
                vec![folder(
                    "A",
                    vec![folder("B", vec![request("fine"), request("   ")])],
                )],
            ),
        ],
        environments: vec![EnvironmentImport {
            name: "never".into(),
            ..EnvironmentImport::default()
        }],
        globals: vec![Variable {
            key: "before".into(),
            value: "replaced".into(),
            ..Variable::default()
        }],
    };
    let e = scratch
        .store
        .import(scratch.workspace, &bundle)
        .expect_err("an empty request name");
    assert!(
        matches!(e, StoreError::EmptyName { what: "request" }),
        "{e}"
    );
    let tree = scratch.store.tree(scratch.workspace).expect("tree");
    assert!(tree.collections.is_empty(), "{:?}", tree.collections);
    assert!(tree.environments.is_empty());
    assert_eq!(tree.workspace.globals, vec![kept]);
    // Nothing half-written hides below the tree either.
    assert!(scratch.store.collection(CollectionId(1)).is_err());

    // The same bundle without the bad name goes in whole.
    let mut fixed = bundle;
    if let NodeImport::Folder { children, .. } = &mut fixed.collections[1].children[0]
        && let NodeImport::Folder { children, .. } = &mut children[0]
    {
        children[1] = request("named now");
    }
    let ids = scratch
        .store
        .import(scratch.workspace, &fixed)
        .expect("import");
    assert_eq!((ids.collections.len(), ids.environments.len()), (2, 1));
    let tree = scratch.store.tree(scratch.workspace).expect("tree");
    let mut lines = Vec::new();
    outline(&tree.collections[1].children, 0, &mut lines);
    assert_eq!(lines, ["A/", "  B/", "    GET fine", "    GET named now"]);
    assert_eq!(tree.workspace.globals[0].value, "replaced");
}

#[test]
fn an_import_into_a_missing_workspace_writes_nothing() {
    let scratch = Scratch::new();
    let good = postman::read_file(&path("full.postman_collection.json")).expect("parses");
    let other = scratch.store.create_workspace("Other").expect("workspace");
    scratch.store.delete_workspace(other.id).expect("deleted");
    let e = postman::import(&scratch.store, &scratch.keychain, other.id, vec![good])
        .expect_err("no workspace");
    assert!(
        matches!(e, ImportError::Store(StoreError::NotFound { .. })),
        "{e}"
    );
    assert!(
        scratch
            .store
            .tree(scratch.workspace)
            .expect("tree")
            .collections
            .is_empty()
    );
}

/// A file cannot put terminal escapes or line breaks into the names the app and the CLI show:
/// each control character of an imported name becomes a space.
#[test]
fn control_characters_in_imported_names_become_spaces() {
    let scratch = Scratch::new();
    let bundle = ImportBundle {
        collections: vec![collection(
            "Evil\u{1b}]0;owned\u{7}",
            vec![folder("Line\nbreak", vec![request("Tab\there\u{0}")])],
        )],
        environments: vec![EnvironmentImport {
            name: "env\r\nname".into(),
            ..EnvironmentImport::default()
        }],
        globals: Vec::new(),
    };
    scratch
        .store
        .import(scratch.workspace, &bundle)
        .expect("import");
    let tree = scratch.store.tree(scratch.workspace).expect("tree");
    assert_eq!(tree.collections[0].name, "Evil ]0;owned");
    let mut lines = Vec::new();
    outline(&tree.collections[0].children, 0, &mut lines);
    assert_eq!(lines, ["Line break/", "  GET Tab here"]);
    assert_eq!(tree.environments[0].name, "env  name");
}
