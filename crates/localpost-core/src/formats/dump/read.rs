//! Reading data dumps: the ZIP (`archive.json`, `collection/<id>.json`,
//! `environment/<id>.json`, `globals/<id>.json`) and the legacy JSON dump.

use std::io::{Cursor, Read};

use serde_json::Value;

use crate::formats::document;
use crate::formats::postman::{self, Parsed};
use crate::formats::{ImportError, Warning, error::Result};

/// What a dump may hold at most (guards against ZIP bombs): each entry, all entries read
/// together once decompressed, and how many entries.
#[derive(Debug, Clone, Copy)]
struct Limits {
    entry: u64,
    total: u64,
    entries: usize,
}

/// 256 MiB an entry, 1 GiB in all, 10,000 entries.
const LIMITS: Limits = Limits {
    entry: 256 << 20,
    total: 1 << 30,
    entries: 10_000,
};

fn mib(bytes: u64) -> String {
    format!("{} MiB", bytes >> 20)
}

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
    read_zip_within(source, bytes, LIMITS)
}

fn read_zip_within(source: &str, bytes: &[u8], limits: Limits) -> Result<Vec<Parsed>> {
    let mut zip =
        zip::ZipArchive::new(Cursor::new(bytes)).map_err(|e| archive_error("(archive)", e))?;
    if zip.len() > limits.entries {
        return Err(archive_error(
            "(archive)",
            format!(
                "{} entries is more than a dump may hold ({} at most)",
                zip.len(),
                limits.entries
            ),
        ));
    }
    let mut budget = Budget { limits, read: 0 };
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
        let text = budget.entry_text(&mut zip, "archive.json")?;
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
        let text = budget.entry_text(&mut zip, &name)?;
        let file = format!("{source}/{name}");
        let parsed = postman::parse(&file, &text).map_err(|e| e.in_file(&file))?;
        out.push(parsed);
    }
    attach(source, &mut out, warnings);
    Ok(out)
}

/// The dump's limits, and how much of it has been read so far.
struct Budget {
    limits: Limits,
    read: u64,
}

impl Budget {
    /// Entry `name` as text, refused past the entry limit or the total one, whatever sizes the
    /// archive claims (they are counted as read).
    fn entry_text(
        &mut self,
        zip: &mut zip::ZipArchive<Cursor<&[u8]>>,
        name: &str,
    ) -> Result<String> {
        let entry = zip.by_name(name).map_err(|e| archive_error(name, e))?;
        let entry_limit = self.limits.entry;
        let total_left = self.limits.total.saturating_sub(self.read);
        if entry.size() > entry_limit {
            return Err(archive_error(
                name,
                format!("entry is larger than {}", mib(entry_limit)),
            ));
        }
        let mut text = String::new();
        entry
            .take(entry_limit.min(total_left) + 1)
            .read_to_string(&mut text)
            .map_err(|e| archive_error(name, e))?;
        let size = text.len() as u64;
        if size > entry_limit {
            return Err(archive_error(
                name,
                format!("entry is larger than {}", mib(entry_limit)),
            ));
        }
        if size > total_left {
            return Err(archive_error(
                name,
                format!(
                    "the dump's entries add up to more than {} once decompressed",
                    mib(self.limits.total)
                ),
            ));
        }
        self.read += size;
        Ok(text)
    }
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

    /// A ZIP of `entries` (name, text), stored uncompressed.
    fn zip_of(entries: &[(String, String)]) -> Vec<u8> {
        use std::io::Write;
        let mut out = zip::ZipWriter::new(Cursor::new(Vec::new()));
        let options = zip::write::SimpleFileOptions::default()
            .compression_method(zip::CompressionMethod::Stored);
        for (name, text) in entries {
            out.start_file(name.as_str(), options).expect("entry");
            out.write_all(text.as_bytes()).expect("written");
        }
        out.finish().expect("finished").into_inner()
    }

    fn environment(id: usize) -> (String, String) {
        (
            format!("environment/{id}.json"),
            json!({"id": id.to_string(), "name": format!("env {id}"), "values": []}).to_string(),
        )
    }

    #[test]
    fn a_dump_past_its_limits_is_refused_naming_which() {
        let small = Limits {
            entry: 1 << 20,
            total: 3 << 20,
            entries: 4,
        };
        let fine: Vec<_> = (0..4).map(environment).collect();
        assert_eq!(
            read_zip_within("d.zip", &zip_of(&fine), small)
                .expect("within the limits")
                .len(),
            4
        );
        let many: Vec<_> = (0..5).map(environment).collect();
        let e = read_zip_within("d.zip", &zip_of(&many), small).expect_err("too many");
        assert_eq!(
            e.to_string(),
            "(archive): 5 entries is more than a dump may hold (4 at most)"
        );
        // Each entry under the entry limit, together over the total.
        let padding = " ".repeat(900 << 10);
        let big: Vec<_> = (0..4)
            .map(|id| {
                let (name, text) = environment(id);
                (name, format!("{text}{padding}"))
            })
            .collect();
        let e = read_zip_within("d.zip", &zip_of(&big), small).expect_err("too much");
        assert_eq!(
            e.to_string(),
            "environment/3.json: the dump's entries add up to more than 3 MiB once decompressed"
        );
        let huge = vec![(environment(0).0, format!("{{}}{}", " ".repeat(1 << 20)))];
        let e = read_zip_within("d.zip", &zip_of(&huge), small).expect_err("one too big");
        assert_eq!(
            e.to_string(),
            "environment/0.json: entry is larger than 1 MiB"
        );
    }

    #[test]
    fn archives_that_are_not_zips_are_refused_with_the_entry() {
        let e = read_zip("x.zip", b"PK\x03\x04 truncated").expect_err("broken");
        assert!(e.to_string().starts_with("(archive): "), "{e}");
    }
}
