//! Exporting what was made or edited in Localpost: Postman-shaped JSON derived from the model,
//! kept pieces used only while they still agree with it, secrets never written.

use crate::postman_files;

use localpost_core::formats::postman;
use localpost_core::model::{
    Auth, AuthMode, Body, KeyValue, NewFolder, NewRequest, Parent, RawLanguage, RequestSettings,
    Scripts, TreeNode, Variable,
};
use postman_files::{Scratch, assert_same};
use serde_json::json;

#[test]
fn a_collection_made_in_localpost_exports_as_v21() {
    let scratch = Scratch::new();
    let store = &scratch.store;
    let mut coll = store
        .create_collection(scratch.workspace, "Made Here")
        .expect("collection");
    coll.variables = vec![
        Variable {
            key: "base".into(),
            value: "http://127.0.0.1:9".into(),
            ..Variable::default()
        },
        Variable {
            key: "token".into(),
            value: "never-exported".into(),
            secret: true,
            ..Variable::default()
        },
    ];
    coll.auth = Auth::with_params(AuthMode::Bearer, &[("token", "{{token}}")]);
    // The store refuses a secret with its value: it goes to the keychain first.
    assert!(store.update_collection(&coll).is_err());
    let _ = localpost_core::secrets::stash_variables(&scratch.keychain, &[], &mut coll.variables)
        .expect("secret to the keychain");
    store.update_collection(&coll).expect("saved");
    let folder = store
        .create_folder(NewFolder {
            parent: Parent::Collection(coll.id),
            name: "Users".into(),
        })
        .expect("folder");
    let mut req = store
        .create_request(
            NewRequest::new(Parent::Folder(folder.id), "Find user")
                .method("POST")
                .url("{{base}}/users/:id?active=1#top"),
        )
        .expect("request");
    req.path_variables = vec![KeyValue::new("id", "42")];
    req.headers = vec![KeyValue {
        enabled: false,
        ..KeyValue::new("X-Off", "1")
    }];
    req.body = Body::Raw {
        text: "{}".into(),
        language: RawLanguage::Json,
    };
    req.scripts = Scripts {
        pre_request: "let a = 1;\nlet b = 2;".into(),
        test: String::new(),
    };
    req.settings = RequestSettings {
        follow_redirects: Some(false),
        timeout_ms: Some(1500),
        ..RequestSettings::default()
    };
    store.update_request(&req).expect("saved");

    let (exported, report) = postman::export_collection(store, coll.id).expect("export");
    let id = exported["info"]["_postman_id"].as_str().expect("an id");
    assert_eq!(id.len(), 36, "a UUID: {id}");
    let want = json!({
        "info": {
            "_postman_id": id,
            "name": "Made Here",
            "schema": "https://schema.getpostman.com/json/collection/v2.1.0/collection.json"
        },
        "item": [{
            "name": "Users",
            "item": [{
                "name": "Find user",
                "event": [{"listen": "prerequest", "script": {
                    "type": "text/javascript", "exec": ["let a = 1;", "let b = 2;"]}}],
                "request": {
                    "method": "POST",
                    "header": [{"key": "X-Off", "value": "1", "disabled": true}],
                    "body": {"mode": "raw", "raw": "{}", "options": {"raw": {"language": "json"}}},
                    "url": {
                        "raw": "{{base}}/users/:id?active=1#top",
                        "host": ["{{base}}"],
                        "path": ["users", ":id"],
                        "query": [{"key": "active", "value": "1"}],
                        "hash": "top",
                        "variable": [{"key": "id", "value": "42"}]
                    }
                },
                "protocolProfileBehavior": {"followRedirects": false}
            }]
        }],
        "variable": [
            {"key": "base", "value": "http://127.0.0.1:9"},
            {"key": "token", "value": "", "type": "secret"}
        ],
        "auth": {"type": "bearer", "bearer": [{"key": "token", "value": "{{token}}", "type": "string"}]}
    });
    assert_same(&exported, &want);
    assert_eq!(report.withheld[0].path, "variable[1]");
    assert_eq!(report.warnings[0].path, "item[0].item[0]");
    assert!(report.warnings[0].message.contains("timeout"), "{report:?}");
    assert!(
        !serde_json::to_string(&exported)
            .expect("text")
            .contains("never-exported")
    );
}

#[test]
fn edits_made_after_an_import_win_over_what_was_kept() {
    let scratch = Scratch::new();
    let report = scratch.import(&["full.postman_collection.json"]);
    let tree = scratch.store.tree(scratch.workspace).expect("tree");
    let TreeNode::Folder { children, .. } = &tree.collections[0].children[0] else {
        panic!("Accounts is a folder");
    };
    let TreeNode::Request { id, .. } = &children[1] else {
        panic!("Create account is a request");
    };
    let mut req = scratch.store.request(*id).expect("request");
    req.url = "https://other.example.org/v9/accounts".into();
    req.scripts.pre_request = "edited();".into();
    req.description = String::new();
    req.headers[1].enabled = true;
    req.body = Body::Raw {
        text: "<a/>".into(),
        language: RawLanguage::Xml,
    };
    scratch.store.update_request(&req).expect("saved");

    let (exported, _) =
        postman::export_collection(&scratch.store, report.collections[0].id).expect("export");
    let item = &exported["item"][0]["item"][1];
    assert_eq!(
        item["request"]["url"],
        json!({"raw": "https://other.example.org/v9/accounts", "protocol": "https",
               "host": ["other", "example", "org"], "path": ["v9", "accounts"]})
    );
    assert_eq!(
        item["event"][0]["script"]["exec"],
        json!("edited();"),
        "a script read as a string stays a string"
    );
    assert_eq!(item["event"][0]["script"]["packages"], json!({}));
    assert_eq!(
        item["request"]["description"],
        json!({"type": "text/markdown"}),
        "a cleared description keeps its form, without content"
    );
    assert!(item["request"]["header"][1].get("disabled").is_none());
    assert_eq!(
        item["request"]["header"][1]["description"]["content"],
        "turned off"
    );
    assert_eq!(
        item["request"]["body"]["options"],
        json!({"raw": {"language": "xml", "headerFamily": "json"}})
    );
}
