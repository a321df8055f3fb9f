//! Postman files imported into a real store and exported again: the JSON comes back equal,
//! modulo the normalisations listed in `formats::postman`'s documentation.

use crate::postman_files;

use localpost_core::formats::postman::{self, Format, Withheld};
use postman_files::{Scratch, assert_same, json, path, withheld_pairs, withhold};
use serde_json::json;

#[test]
fn a_v21_collection_comes_back_equal_with_its_secret_withheld() {
    let scratch = Scratch::new();
    let report = scratch.import(&["full.postman_collection.json"]);
    assert_eq!(report.collections.len(), 1);
    let imported = &report.collections[0];
    assert_eq!(imported.format, Format::CollectionV21);
    assert_eq!(imported.name, "Fixture Store API");
    assert_eq!((imported.folders, imported.requests), (5, 16));

    let (exported, export_report) =
        postman::export_collection(&scratch.store, imported.id).expect("export");
    // Secret variables and credentials typed into auth settings are written empty.
    let withheld = [
        (
            "item[0].item[0].item[0].item[0].request.auth.digest[1]",
            "password",
        ),
        ("item[0].item[0].item[1].request.auth.hawk[1]", "authKey"),
        ("item[0].item[1].request.auth.bearer[0]", "token"),
        ("item[0].item[1].variable[1]", "requestSecret"),
        ("item[0].item[2].request.auth.apikey[0]", "value"),
        ("item[0].auth.basic[0]", "password"),
        ("item[1].item[0].request.auth.oauth1[1]", "consumerSecret"),
        ("item[1].item[0].request.auth.oauth1[3]", "tokenSecret"),
        ("item[1].item[1].request.auth.oauth2[0]", "accessToken"),
        ("item[1].item[1].request.auth.oauth2[7]", "clientSecret"),
        ("item[1].item[2].request.auth.ntlm[1]", "password"),
        ("item[1].item[3].request.auth.edgegrid[0]", "accessToken"),
        ("item[1].item[3].request.auth.edgegrid[1]", "clientToken"),
        ("item[1].item[3].request.auth.edgegrid[2]", "clientSecret"),
        ("item[1].item[4].request.auth.jwt[1]", "secret"),
        ("item[1].item[5].request.auth.asap[3]", "privateKey"),
        ("variable[4]", "apiSecret"),
        ("auth.awsv4[1]", "secretKey"),
        ("auth.awsv4[4]", "sessionToken"),
    ];
    let mut want = json("full.postman_collection.json");
    let paths: Vec<&str> = withheld.iter().map(|(p, _)| *p).collect();
    withhold(&mut want, &paths);
    assert_same(&exported, &want);
    let want_report: Vec<Withheld> = withheld
        .iter()
        .map(|(path, key)| Withheld {
            path: path.to_string(),
            key: key.to_string(),
        })
        .collect();
    assert_eq!(export_report.withheld, want_report);
    assert!(
        export_report.warnings.is_empty(),
        "{:?}",
        export_report.warnings
    );
}

#[test]
fn import_warnings_name_file_path_and_reason() {
    let scratch = Scratch::new();
    let report = scratch.import(&["full.postman_collection.json"]);
    let file = path("full.postman_collection.json").display().to_string();
    let warnings: Vec<String> = report.warnings.iter().map(|w| w.to_string()).collect();
    assert_eq!(
        warnings,
        vec![
            format!(
                "{file}: item[0].item[1].request.proxy: request proxy settings are kept for \
                 export, not applied"
            ),
            format!(
                "{file}: item[1].item[6].request.auth: unknown auth type \"vendor-signature\": \
                 kept for export, not applied"
            ),
        ]
    );
}

#[test]
fn an_exported_collection_reimports_to_the_same_export() {
    let scratch = Scratch::new();
    let first = scratch.import(&["full.postman_collection.json"]);
    let (exported, _) =
        postman::export_collection(&scratch.store, first.collections[0].id).expect("export");
    let text = serde_json::to_string_pretty(&exported).expect("serialises");
    let again = postman::parse("exported.json", &text).expect("parses");
    let second = postman::import(
        &scratch.store,
        &scratch.keychain,
        scratch.workspace,
        vec![again],
    )
    .expect("import");
    let (re_exported, _) =
        postman::export_collection(&scratch.store, second.collections[0].id).expect("export");
    assert_same(&re_exported, &exported);
    // Member order too, so that exports of the same thing are the same bytes.
    let again = serde_json::to_string_pretty(&re_exported).expect("serialises");
    assert_eq!(again, text);
}

#[test]
fn a_v20_collection_becomes_what_postmans_transformer_makes_of_it() {
    let scratch = Scratch::new();
    let report = scratch.import(&["legacy-v20.postman_collection.json"]);
    assert_eq!(report.collections[0].format, Format::CollectionV20);
    assert!(report.warnings.is_empty(), "{:?}", report.warnings);
    let (exported, export_report) =
        postman::export_collection(&scratch.store, report.collections[0].id).expect("export");
    let withheld = withheld_pairs(&export_report);
    let want_withheld = [
        ("item[0].item[1].request.auth.basic[1]", "password"),
        ("item[0].auth.apikey[1]", "value"),
        ("item[1].request.auth.oauth2[0]", "accessToken"),
        ("auth.bearer[0]", "token"),
    ];
    assert_eq!(withheld, want_withheld);
    let mut want = json("legacy-v20.expected-v21.json");
    withhold(
        &mut want,
        &withheld.iter().map(|(p, _)| *p).collect::<Vec<_>>(),
    );
    assert_same(&exported, &want);
}

#[test]
fn an_environment_comes_back_equal_with_its_secret_withheld() {
    let scratch = Scratch::new();
    let report = scratch.import(&["dev.postman_environment.json"]);
    let env = &report.environments[0];
    assert_eq!((env.name.as_str(), env.variables), ("Fixture Dev", 4));
    let stored = scratch.store.environment(env.id).expect("stored");
    assert!(stored.variables[1].secret);
    assert!(!stored.variables[2].enabled);

    let (exported, export_report) =
        postman::export_environment(&scratch.store, env.id).expect("export");
    let mut want = json("dev.postman_environment.json");
    want["values"][1]["value"] = json!("");
    assert_same(&exported, &want);
    assert_eq!(
        export_report.withheld,
        vec![Withheld {
            path: "values[1]".into(),
            key: "apiToken".into()
        }]
    );
}

#[test]
fn an_old_environment_is_unwrapped_and_written_in_todays_shape() {
    let scratch = Scratch::new();
    let report = scratch.import(&["old-shape.postman_environment.json"]);
    let env = &report.environments[0];
    let (exported, _) = postman::export_environment(&scratch.store, env.id).expect("export");
    assert_same(
        &exported,
        &json!({
            "id": "e0000000-0000-4000-8000-0000000000e1",
            "name": "Old Shape Staging",
            "timestamp": 1500000000000u64,
            "synced": false,
            "values": [
                {"key": "stagingHost", "value": "staging.fixture.example.com", "type": "text",
                 "enabled": true},
                {"key": "stagingKey", "value": "staging-key-value", "type": "default",
                 "enabled": true},
                {"key": "stagingOff", "value": "off-value", "type": "default", "enabled": false}
            ],
            "_postman_variable_scope": "environment"
        }),
    );
}

#[test]
fn globals_of_both_shapes_become_workspace_globals() {
    let scratch = Scratch::new();
    let report = scratch.import(&[
        "legacy.postman_globals.json",
        "workspace.postman_globals.json",
    ]);
    assert_eq!(
        report.globals,
        ["globalHost", "globalSecret", "globalOff", "workspaceGlobal"]
    );
    let ws = scratch
        .store
        .workspace(scratch.workspace)
        .expect("workspace");
    assert_eq!(ws.globals.len(), 4);
    assert!(ws.globals[1].secret && !ws.globals[2].enabled);

    let (exported, export_report) =
        postman::export_globals(&scratch.store, scratch.workspace).expect("export");
    assert_eq!(exported["name"], "Imports Globals");
    assert_eq!(exported["_postman_variable_scope"], "globals");
    assert_same(
        &exported["values"],
        &json!([
            {"key": "globalHost", "value": "globals.fixture.example.com", "type": "text",
             "enabled": true},
            {"key": "globalSecret", "value": "", "type": "secret", "enabled": true},
            {"key": "globalOff", "value": "global-off-value", "type": "default", "enabled": false},
            {"key": "workspaceGlobal", "value": "workspace-global-value", "type": "default",
             "enabled": true}
        ]),
    );
    assert_eq!(export_report.withheld[0].key, "globalSecret");
}

#[test]
fn the_comparison_sees_a_changed_nested_value_and_ignores_member_order() {
    let got = json!({"a": [{"b": 1, "c": 2}]});
    assert_eq!(
        postman_files::difference(&got, &json!({"a": [{"c": 2, "b": 3}]}), "$"),
        Some("$.a[0].b: got 1, want 3".into())
    );
    assert_eq!(
        postman_files::difference(&got, &json!({"a": [{"c": 2, "b": 1}]}), "$"),
        None
    );
}
