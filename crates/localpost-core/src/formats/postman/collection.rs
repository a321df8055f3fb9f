//! A v2.0 or v2.1 collection: `info`, `item`, `event`, `variable`, `auth`,
//! `protocolProfileBehavior`.
//!
//! `info.name` and `info.description` are modelled; the rest of `info` (`_postman_id`,
//! `_exporter_id`, `version`, …) is kept. A v2.1 schema URL is kept as written; a v2.0 one is
//! written back as the same URL for v2.1, since the export is v2.1.

use serde_json::Value;

use super::error::Result;
use super::fidelity::{
    Obj, append_rest, from_extra, put_description, put_list, put_name, rest_of, take_description,
    take_name, to_extra,
};
use super::item::read_items;
use super::node::Node;
use super::report::{ExportReport, Warning, Withheld};
use super::{auth, event, settings, variable};
use crate::model::{Collection, CollectionId, WorkspaceId};
use crate::store::CollectionImport;

/// Name given to a collection that has none.
pub(crate) const UNTITLED: &str = "Untitled collection";

/// The schema URL of v2.1 collections.
pub(crate) const SCHEMA_V21: &str =
    "https://schema.getpostman.com/json/collection/v2.1.0/collection.json";

/// Reads a v2.0 or v2.1 collection.
pub(crate) fn read(root: &Node<'_>, warnings: &mut Vec<Warning>) -> Result<CollectionImport> {
    let mut rest = rest_of(root, &["item"])?;
    let info = root.require("info", "an object")?;
    let mut info_rest = info.object()?.clone();
    let name = take_name(&info, &mut info_rest, UNTITLED)?;
    let description = take_description(&info, &mut info_rest, "description")?;
    if let Some(Value::String(schema)) = info_rest.get("schema")
        && !schema.contains("v2.1")
    {
        let v21 = schema.replace("v2.0.0", "v2.1.0");
        if v21.contains("v2.1.0") {
            info_rest.insert("schema".into(), Value::String(v21));
        } else {
            info_rest.shift_remove("schema");
        }
    }
    rest.insert("info".into(), Value::Object(info_rest));
    let variables = variable::read_list(root, &mut rest, "variable")?;
    let scripts = event::read(root, &mut rest, warnings)?;
    let auth = auth::read(root, &mut rest, warnings)?;
    let settings = settings::read(root, &mut rest)?;
    let children = read_items(root, &mut rest, warnings)?;
    Ok(CollectionImport {
        collection: Collection {
            id: CollectionId(0),
            workspace_id: WorkspaceId(0),
            name,
            position: 0,
            description,
            auth,
            scripts,
            variables,
            settings,
            extra: to_extra(rest),
        },
        children,
    })
}

/// Writes a collection with its items already written. `new_id` gives `info._postman_id` when
/// the collection has none yet.
pub(crate) fn write(
    coll: &Collection,
    items: Vec<Value>,
    new_id: impl FnOnce() -> String,
    report: &mut ExportReport,
) -> Value {
    let mut hints = from_extra(&coll.extra);
    let mut info_hints = match hints.shift_remove("info") {
        Some(Value::Object(o)) => o,
        _ => Obj::new(),
    };
    let mut info = Obj::new();
    let id = info_hints
        .shift_remove("_postman_id")
        .unwrap_or_else(|| Value::String(new_id()));
    info.insert("_postman_id".into(), id);
    put_name(&mut info, &mut info_hints, &coll.name, UNTITLED);
    put_description(&mut info, &mut info_hints, "description", &coll.description);
    let schema = info_hints
        .shift_remove("schema")
        .unwrap_or_else(|| Value::String(SCHEMA_V21.into()));
    info.insert("schema".into(), schema);
    append_rest(&mut info, info_hints);

    let mut out = Obj::new();
    out.insert("info".into(), Value::Object(info));
    hints.shift_remove("item");
    out.insert("item".into(), Value::Array(items));
    event::write(&mut out, &mut hints, &coll.scripts);
    let variables = variable::write_all(&coll.variables, "variable", report);
    put_list(&mut out, &mut hints, "variable", variables);
    for (path, key) in auth::write(&mut out, &mut hints, &coll.auth) {
        report.withheld.push(Withheld { path, key });
    }
    settings::write(&mut out, &mut hints, &coll.settings);
    settings::check(&coll.settings, "(top level)", &mut report.warnings);
    append_rest(&mut out, hints);
    Value::Object(out)
}
