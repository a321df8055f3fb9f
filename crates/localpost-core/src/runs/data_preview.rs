//! [`DataPreview`]: the first rows of an iteration data file, as the Runner shows them before
//! a run.

use std::path::Path;

use serde::Serialize;
use serde_json::Value;
use ts_rs::TS;

use crate::runner::data::Rows;

/// Rows a preview shows.
const PREVIEW_ROWS: usize = 5;

/// An iteration data file's columns and first rows, read as a run reads it.
#[derive(Debug, Clone, PartialEq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
#[ts(export)]
pub struct DataPreview {
    /// The file.
    pub path: String,
    /// Column names, in the order they first appear.
    pub columns: Vec<String>,
    /// The first rows' values, one per column (empty where a row has none), as text.
    pub rows: Vec<Vec<String>>,
    /// How many rows the file holds (one iteration each by default).
    pub count: u32,
}

impl DataPreview {
    /// The preview of `rows`, read from `path` by [`data::read`](crate::runner::data::read)
    /// (which fails with the place of what does not parse).
    pub fn of(path: &Path, rows: &Rows) -> DataPreview {
        let mut columns: Vec<String> = Vec::new();
        for row in rows {
            for key in row.keys() {
                if !columns.contains(key) {
                    columns.push(key.clone());
                }
            }
        }
        let text = |v: Option<&Value>| match v {
            None | Some(Value::Null) => String::new(),
            Some(Value::String(s)) => s.clone(),
            Some(other) => other.to_string(),
        };
        let shown = rows
            .iter()
            .take(PREVIEW_ROWS)
            .map(|row| columns.iter().map(|c| text(row.get(c))).collect())
            .collect();
        DataPreview {
            path: path.display().to_string(),
            columns,
            rows: shown,
            count: u32::try_from(rows.len()).unwrap_or(u32::MAX),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::runner::data;

    fn read(path: &Path) -> crate::runner::Result<DataPreview> {
        Ok(DataPreview::of(path, &data::read(path)?))
    }

    #[test]
    fn csv_previews_columns_and_first_rows() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("users.csv");
        let lines: Vec<String> = (1..=7).map(|i| format!("{i},user{i}")).collect();
        std::fs::write(&path, format!("id,name\n{}\n", lines.join("\n"))).unwrap();
        let preview = read(&path).unwrap();
        assert_eq!(preview.columns, ["id", "name"]);
        assert_eq!(preview.count, 7);
        assert_eq!(preview.rows.len(), 5);
        assert_eq!(preview.rows[0], ["1", "user1"]);
    }

    #[test]
    fn json_rows_missing_a_column_show_it_empty() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("d.json");
        std::fs::write(&path, r#"[{"a": 1}, {"b": "x", "a": null}]"#).unwrap();
        let preview = read(&path).unwrap();
        assert_eq!(preview.columns, ["a", "b"]);
        assert_eq!(preview.rows, [vec!["1", ""], vec!["", "x"]]);
    }

    #[test]
    fn a_bad_file_fails_with_its_place() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("d.json");
        std::fs::write(&path, r#"[{"a": 1}, 2]"#).unwrap();
        let error = read(&path).unwrap_err().to_string();
        assert!(error.ends_with("d.json: [1]: not an object"), "{error}");
    }
}
