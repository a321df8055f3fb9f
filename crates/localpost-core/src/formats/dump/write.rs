//! Writing a workspace as a data dump ZIP, each file as the Postman exporter writes it.

use std::io::{Cursor, Write};

use serde_json::{Map, Value};
use zip::write::SimpleFileOptions;
use zip::{CompressionMethod, DateTime, ZipWriter};

use super::{DumpError, Result};
use crate::formats::postman;
use crate::formats::{ExportReport, Warning, Withheld};
use crate::model::WorkspaceId;
use crate::store::Store;

fn put(zip: &mut ZipWriter<Cursor<Vec<u8>>>, name: &str, value: &Value) -> Result<()> {
    // A fixed time (1980-01-01) keeps the archive the same for the same workspace.
    let options = SimpleFileOptions::default()
        .compression_method(CompressionMethod::Deflated)
        .last_modified_time(DateTime::default());
    zip.start_file(name, options)?;
    let mut text = serde_json::to_vec_pretty(value).map_err(|e| DumpError::Zip(e.to_string()))?;
    text.push(b'\n');
    zip.write_all(&text)
        .map_err(|e| DumpError::Zip(e.to_string()))?;
    Ok(())
}

/// Places in `report` are made relative to the archive (`collection/<id>.json: variable[2]`).
fn merge(into: &mut ExportReport, file: &str, report: ExportReport) {
    into.withheld
        .extend(report.withheld.into_iter().map(|w| Withheld {
            path: format!("{file}: {}", w.path),
            key: w.key,
        }));
    into.warnings
        .extend(report.warnings.into_iter().map(|w| Warning {
            file: file.to_string(),
            ..w
        }));
}

fn id_of(value: &Value, pointer: &str) -> String {
    value
        .pointer(pointer)
        .and_then(Value::as_str)
        .unwrap_or_default()
        .replace(['/', '\\'], "_")
}

/// The workspace's collections, environments and globals as a data dump ZIP. Secret values
/// are withheld exactly as [`postman::export_collection`] withholds them, and listed.
pub fn export_dump(store: &Store, workspace: WorkspaceId) -> Result<(Vec<u8>, ExportReport)> {
    let tree = store.tree(workspace)?;
    let mut report = ExportReport::default();
    let mut files = Vec::new();
    let mut index: Map<String, Value> = Map::new();
    let mut list = |dir: &str, id: &str| {
        if let Value::Object(o) = index
            .entry(dir.to_string())
            .or_insert_with(|| Value::Object(Map::new()))
        {
            o.insert(id.to_string(), Value::Bool(true));
        }
    };
    for coll in &tree.collections {
        let (value, r) = postman::write_collection(store, coll.id, postman::Target::Dump)?;
        let id = id_of(&value, "/info/_postman_id");
        let name = format!("collection/{id}.json");
        merge(&mut report, &name, r);
        list("collection", &id);
        files.push((name, value));
    }
    for env in &tree.environments {
        let (value, r) = postman::export_environment(store, env.id)?;
        let id = id_of(&value, "/id");
        let name = format!("environment/{id}.json");
        merge(&mut report, &name, r);
        list("environment", &id);
        files.push((name, value));
    }
    if !tree.workspace.globals.is_empty() {
        let (value, r) = postman::export_globals(store, workspace)?;
        let id = id_of(&value, "/id");
        let name = format!("globals/{id}.json");
        merge(&mut report, &name, r);
        list("globals", &id);
        files.push((name, value));
    }
    let mut zip = ZipWriter::new(Cursor::new(Vec::new()));
    put(&mut zip, "archive.json", &Value::Object(index))?;
    for (name, value) in &files {
        put(&mut zip, name, value)?;
    }
    let bytes = zip.finish()?.into_inner();
    Ok((bytes, report))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ids_cannot_leave_their_folder() {
        let v = serde_json::json!({"info": {"_postman_id": "../../etc/x"}});
        assert_eq!(id_of(&v, "/info/_postman_id"), ".._.._etc_x");
    }
}
