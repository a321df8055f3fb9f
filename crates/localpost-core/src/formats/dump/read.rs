//! Reading data dumps: the ZIP (`archive.json`, `collection/<id>.json`,
//! `environment/<id>.json`, `globals/<id>.json`) and the legacy JSON dump.

use std::io::{Cursor, Read};

use serde_json::Value;

use crate::formats::document;
use crate::formats::postman::{self, Parsed};
use crate::formats::{ImportError, Warning, error::Result};

/// An entry larger than this is refused (a guard against ZIP bombs).
const MAX_ENTRY: u64 = 256 * 1024 * 1024;

fn archive_error(entry: &str, e: impl std::fmt::Display) -> ImportError {
    ImportError::Archive {
        entry: entry.to_string(),
        message: e.to_string(),
    }
}

/// The folders of a dump and whether each is read.
fn is_content(name: &str) -> bool {
    ["collection/", "environment/", "globals/"]
        .iter()
        .any(|dir| name.starts_with(dir))
        && name.ends_with(".json")
}

/// Reads a data dump ZIP: the files `archive.json` lists, in its order, then any other
/// collection, environment or globals file; other entries are named in warnings.
pub fn read_zip(source: &str, bytes: &[u8]) -> Result<Vec<Parsed>> {
    let mut zip =
        zip::ZipArchive::new(Cursor::new(bytes)).map_err(|e| archive_error("(archive)", e))?;
    let mut names = Vec::new();
    for name in zip.file_names() {
        names.push(
            name.map_err(|e| archive_error("(archive)", e))?
                .into_owned(),
        );
    }
    let mut warnings = Vec::new();
    let mut order: Vec<String> = Vec::new();
    if names.iter().any(|n| n == "archive.json") {
        let text = entry_text(&mut zip, "archive.json")?;
        let index: Value = serde_json::from_str(document::strip_bom(&text))
            .map_err(|e| ImportError::json(&e).in_file("archive.json"))?;
        for dir in ["collection", "environment", "globals"] {
            if let Some(ids) = index.get(dir).and_then(Value::as_object) {
                for id in ids.keys() {
                    let name = format!("{dir}/{id}.json");
                    if names.contains(&name) {
                        order.push(name);
                    } else {
                        warnings.push(Warning::new(
                            format!("archive.json.{dir}.{id}"),
                            format!("{name} is listed but not in the archive"),
                        ));
                    }
                }
            }
        }
    } else {
        warnings.push(Warning::new("archive.json", "missing; every file was read"));
    }
    for name in &names {
        if order.contains(name) || name == "archive.json" || name.ends_with('/') {
            continue;
        }
        if is_content(name) {
            order.push(name.clone());
        } else {
            warnings.push(Warning::new(
                name.as_str(),
                "not a collection, environment or globals file; left out",
            ));
        }
    }
    let mut out = Vec::new();
    for name in order {
        let text = entry_text(&mut zip, &name)?;
        let file = format!("{source}/{name}");
        let parsed = postman::parse(&file, &text).map_err(|e| e.in_file(&file))?;
        out.push(parsed);
    }
    attach(source, &mut out, warnings);
    Ok(out)
}

fn entry_text(zip: &mut zip::ZipArchive<Cursor<&[u8]>>, name: &str) -> Result<String> {
    let entry = zip.by_name(name).map_err(|e| archive_error(name, e))?;
    if entry.size() > MAX_ENTRY {
        return Err(archive_error(name, "entry is larger than 256 MiB"));
    }
    let mut text = String::new();
    entry
        .take(MAX_ENTRY)
        .read_to_string(&mut text)
        .map_err(|e| archive_error(name, e))?;
    Ok(text)
}

/// Puts the dump's own warnings on its first file (or fails when it holds nothing).
fn attach(source: &str, out: &mut [Parsed], warnings: Vec<Warning>) {
    if let Some(first) = out.first_mut() {
        first.warnings.extend(warnings.into_iter().map(|mut w| {
            w.file = source.to_string();
            w
        }));
    }
}

/// Reads the legacy JSON dump `{version: 1, collections: [v1…], environments: […],
/// globals: […]}`.
pub fn read_legacy(source: &str, value: &Value) -> Result<Vec<Parsed>> {
    let mut out = Vec::new();
    let mut warnings = Vec::new();
    let Some(object) = value.as_object() else {
        return Err(ImportError::UnknownFormat);
    };
    for (key, member) in object {
        match key.as_str() {
            "collections" | "environments" => {
                let Some(list) = member.as_array() else {
                    return Err(ImportError::Shape {
                        path: key.clone(),
                        expected: "an array",
                        found: postman::node::kind(member),
                    });
                };
                for (i, item) in list.iter().enumerate() {
                    let place = format!("{source}: {key}[{i}]");
                    out.push(postman::from_value(&place, item).map_err(|e| e.in_file(&place))?);
                }
            }
            "globals" => {
                if member.as_array().is_some_and(|a| !a.is_empty()) {
                    let place = format!("{source}: globals");
                    out.push(postman::from_value(&place, member).map_err(|e| e.in_file(&place))?);
                }
            }
            "version" => {}
            other => warnings.push(Warning::new(other, format!("{other} is not imported"))),
        }
    }
    attach(source, &mut out, warnings);
    Ok(out)
}

#[cfg(test)]
mod tests {
    use serde_json::json;

    use super::*;

    #[test]
    fn legacy_dumps_name_the_wrong_member() {
        let e = read_legacy("d.json", &json!({"version": 1, "collections": {}}))
            .expect_err("not a list");
        assert_eq!(
            e.to_string(),
            "collections: expected an array, found an object"
        );
        let e = read_legacy(
            "d.json",
            &json!({"version": 1, "collections": [{"info": 3}]}),
        )
        .expect_err("bad collection");
        assert_eq!(
            e.to_string(),
            "d.json: collections[0]: info: expected an object, found a number"
        );
    }

    #[test]
    fn archives_that_are_not_zips_are_refused_with_the_entry() {
        let e = read_zip("x.zip", b"PK\x03\x04 truncated").expect_err("broken");
        assert!(e.to_string().starts_with("(archive): "), "{e}");
    }
}
