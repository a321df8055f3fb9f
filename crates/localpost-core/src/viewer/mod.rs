//! The response viewer's heavy work: a body of any size turned into a [`Document`] the UI reads
//! a window of lines at a time.
//!
//! [`Document::open`] re-indents a JSON body in one streaming pass (no tree is built: the
//! layout is `serde_json`'s pretty one, tokens kept as received), indexes where every line
//! starts and which objects and arrays fold; any other text is indexed as it is. A JSONPath
//! filter (RFC 9535) may narrow a JSON body first. Then [`Document::lines`] returns the rows
//! in view (collapsed folds hide lines, see `folding`), [`Document::search`] every match with
//! its line and columns, and [`Document::reveal`] the row of a line, opening what hides it.
//! [`Documents`] holds the open documents by id for the desktop shell.
//!
//! ```
//! use localpost_core::viewer::Document;
//!
//! let mut doc = Document::open(br#"{"a":[1,2]}"#.to_vec(), &Default::default()).unwrap();
//! assert_eq!(doc.line_count(), 6);
//! doc.toggle(1);
//! let rows = doc.lines(0, 10);
//! assert_eq!(rows.lines[1].text, "  \"a\": [");
//! assert_eq!(rows.rows, 3);
//! ```
//!
//! Not here: reading the body from the network or choosing where a body is saved
//! ([`crate::http`] does both); highlighting, which the webview does for the few lines in view.

mod filter;
mod folding;
mod pretty;
mod registry;
mod search;

use serde::{Deserialize, Serialize};
use ts_rs::TS;

pub use registry::Documents;
pub use search::{Found, MATCH_LIMIT, Match};

use folding::Folding;

/// Why a document could not be opened or read.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum ViewerError {
    /// The JSONPath filter does not parse.
    #[error("invalid JSONPath {path}: {message}")]
    Filter {
        /// The filter as given.
        path: String,
        /// What is wrong with it.
        message: String,
    },
    /// A filter was given but the body is not JSON.
    #[error("the body is not JSON (line {line}, column {column})")]
    NotJson {
        /// Where it stopped being JSON (1-based).
        line: usize,
        /// Column in that line (1-based).
        column: usize,
    },
    /// The saved body could not be read.
    #[error(transparent)]
    Saved(#[from] crate::http::SavedBodyError),
    /// No open document has this id (closed, or let go to make room).
    #[error("document {id} is not open")]
    NotOpen {
        /// The id asked for.
        id: u32,
    },
    /// The document would be larger than the viewer indexes (4 GiB).
    #[error("the body is too large to show ({bytes} bytes)")]
    TooLarge {
        /// Its size.
        bytes: usize,
    },
}

/// Results of this module.
pub type Result<T> = std::result::Result<T, ViewerError>;

/// Longest line text returned, in bytes: the rest of a longer line is cut (and said so).
pub const LINE_LIMIT: usize = 16 * 1024;

/// An object or array spanning lines `start..=end`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Fold {
    pub start: u32,
    pub end: u32,
}

/// Where a body to open is: a body the engine saved to a file (named as its
/// [`Payload::file`](crate::http::Payload::file) was), or text the caller holds.
#[derive(Debug, Clone, Deserialize, TS)]
#[serde(rename_all = "camelCase", tag = "kind")]
#[ts(export)]
pub enum Source {
    /// A saved body, read only if it is one the engine wrote in its body directory.
    File {
        /// The path the payload carried.
        file: String,
    },
    /// The body's text.
    Text {
        /// The text.
        text: String,
    },
}

impl Source {
    /// The body's bytes. `body_dir` is the engine's
    /// ([`Options::body_dir`](crate::http::Options::body_dir)).
    pub fn read(self, body_dir: &std::path::Path) -> Result<Vec<u8>> {
        match self {
            Source::File { file } => Ok(crate::http::read_saved_body(
                body_dir,
                std::path::Path::new(&file),
            )?),
            Source::Text { text } => Ok(text.into_bytes()),
        }
    }

    /// The first `limit` bytes of the body, and whether they are all of it.
    pub fn read_head(self, body_dir: &std::path::Path, limit: usize) -> Result<(Vec<u8>, bool)> {
        match self {
            Source::File { file } => Ok(crate::http::read_saved_head(
                body_dir,
                std::path::Path::new(&file),
                limit,
            )?),
            Source::Text { text } => {
                let mut bytes = text.into_bytes();
                let is_whole = bytes.len() <= limit;
                bytes.truncate(limit);
                Ok((bytes, is_whole))
            }
        }
    }
}

/// How to open a body.
#[derive(Debug, Clone, Default, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
#[ts(export)]
pub struct OpenOptions {
    /// Show the text as received (no re-indenting, no folds).
    #[serde(default)]
    pub is_raw: bool,
    /// A JSONPath (RFC 9535) whose selected nodes are shown instead of the body.
    #[serde(default)]
    #[ts(optional)]
    pub filter: Option<String>,
}

/// What the UI needs to lay a document out.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
#[ts(export)]
pub struct DocumentInfo {
    /// The id to read it by ([`Documents`]).
    pub id: u32,
    /// Lines in the document.
    pub lines: u32,
    /// Rows shown (lines less those collapsed folds hide).
    pub rows: u32,
    /// Whether it is re-indented JSON (so it has folds and JSON colours).
    pub is_json: bool,
    /// Size of the text shown, in bytes.
    #[ts(type = "number")]
    pub bytes: u64,
}

/// A line's fold, when an object or array starts on it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
#[ts(export)]
pub struct LineFold {
    /// The line it ends on.
    pub end: u32,
    /// Whether it is collapsed.
    pub is_collapsed: bool,
    /// When collapsed, the end line's text without its indent (`}` or `],`), shown after an
    /// ellipsis.
    pub tail: String,
}

/// One row in view.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
#[ts(export)]
pub struct Line {
    /// The line number (0-based).
    pub number: u32,
    /// Its text, without the line break, cut at [`LINE_LIMIT`].
    pub text: String,
    /// Whether the text was cut.
    pub is_cut: bool,
    /// The fold starting on this line.
    pub fold: Option<LineFold>,
}

/// Rows `from..` of a document.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
#[ts(export)]
pub struct Lines {
    /// The first row returned.
    pub from: u32,
    /// Rows in the document now.
    pub rows: u32,
    /// The rows.
    pub lines: Vec<Line>,
}

/// The first rows of a body, shown while the whole is opened ([`Document::preview`]).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
#[ts(export)]
pub struct Preview {
    /// Whether they are re-indented JSON (coloured as JSON).
    pub is_json: bool,
    /// The rows, from the first, without folds.
    pub lines: Vec<Line>,
}

/// A body as lines, with what folds and what is folded.
#[derive(Debug)]
pub struct Document {
    text: String,
    /// Byte offset of every line's start.
    starts: Vec<u32>,
    folds: Vec<Fold>,
    folding: Folding,
    is_json: bool,
}

impl Document {
    /// Opens `body`: filtered when `options` has a filter, re-indented when it is JSON (and
    /// not raw), else its text as it is (bytes that are not UTF-8 shown as `�`).
    pub fn open(body: Vec<u8>, options: &OpenOptions) -> Result<Document> {
        let body = match &options.filter {
            Some(path) if !path.trim().is_empty() => filter::select(&body, path.trim())?,
            _ => body,
        };
        if body.len() > u32::MAX as usize {
            return Err(ViewerError::TooLarge { bytes: body.len() });
        }
        if !options.is_raw
            && std::str::from_utf8(&body).is_ok()
            && let Ok(formatted) = pretty::format(&body)
        {
            let text = String::from_utf8(formatted.text).map_err(|e| ViewerError::TooLarge {
                bytes: e.as_bytes().len(),
            })?;
            return Ok(Document {
                text,
                starts: formatted.lines,
                folds: formatted.folds,
                folding: Folding::default(),
                is_json: true,
            });
        }
        let text = match String::from_utf8(body) {
            Ok(text) => text,
            Err(e) => String::from_utf8_lossy(e.as_bytes()).into_owned(),
        };
        if text.len() > u32::MAX as usize {
            return Err(ViewerError::TooLarge { bytes: text.len() });
        }
        Ok(Document::plain(text))
    }

    /// The first `count` rows of `head`, the start of a body (the whole of it when
    /// `is_whole`), as [`Document::open`] will show them, without folds: shown while the
    /// whole body is opened. A filtered body has no preview (the filter needs all of it).
    pub fn preview(head: &[u8], is_whole: bool, options: &OpenOptions, count: u32) -> Preview {
        let empty = Preview {
            is_json: false,
            lines: Vec::new(),
        };
        if options
            .filter
            .as_ref()
            .is_some_and(|f| !f.trim().is_empty())
        {
            return empty;
        }
        // A head may end inside a character: keep what is whole.
        let text = match std::str::from_utf8(head) {
            Ok(text) => Some(text),
            Err(e) if e.error_len().is_none() => std::str::from_utf8(&head[..e.valid_up_to()]).ok(),
            Err(_) => None,
        };
        let pretty = match text {
            Some(text) if !options.is_raw => pretty::format_head(text.as_bytes(), count as usize),
            _ => None,
        };
        let document = match pretty {
            Some(formatted) => Document {
                text: String::from_utf8_lossy(&formatted.text).into_owned(),
                starts: formatted.lines,
                folds: Vec::new(),
                folding: Folding::default(),
                is_json: true,
            },
            None => Document::plain(match text {
                Some(text) => text.to_owned(),
                None => String::from_utf8_lossy(head).into_owned(),
            }),
        };
        // Without the whole body, the last line may be cut short: show only whole ones.
        let whole = if is_whole || document.line_count() <= 1 {
            document.line_count()
        } else {
            document.line_count() - 1
        };
        Preview {
            is_json: document.is_json,
            lines: document.lines(0, count.min(whole)).lines,
        }
    }

    /// `text` as it is, indexed by line.
    fn plain(text: String) -> Document {
        let starts = std::iter::once(0)
            .chain(memchr::memchr_iter(b'\n', text.as_bytes()).map(|i| i as u32 + 1))
            .collect();
        Document {
            text,
            starts,
            folds: Vec::new(),
            folding: Folding::default(),
            is_json: false,
        }
    }

    /// Lines in the document.
    pub fn line_count(&self) -> u32 {
        self.starts.len() as u32
    }

    /// Rows shown: lines less those hidden by collapsed folds.
    pub fn row_count(&self) -> u32 {
        self.line_count() - self.folding.hidden()
    }

    /// What the UI needs to lay it out, under `id`.
    pub fn info(&self, id: u32) -> DocumentInfo {
        DocumentInfo {
            id,
            lines: self.line_count(),
            rows: self.row_count(),
            is_json: self.is_json,
            bytes: self.text.len() as u64,
        }
    }

    /// The text of `line`, without its line break.
    fn text_of(&self, line: u32) -> &str {
        let start = self.starts[line as usize] as usize;
        let end = self
            .starts
            .get(line as usize + 1)
            .map_or(self.text.len(), |&next| next as usize - 1);
        self.text[start..end].trim_end_matches('\r')
    }

    fn fold_at(&self, line: u32) -> Option<Fold> {
        let k = self.folds.partition_point(|f| f.start < line);
        self.folds.get(k).filter(|f| f.start == line).copied()
    }

    /// Up to `count` rows from row `from`.
    pub fn lines(&self, from: u32, count: u32) -> Lines {
        let rows = self.row_count();
        let to = from.saturating_add(count).min(rows);
        let lines = (from.min(to)..to)
            .map(|row| {
                let number = self.folding.line_at(row);
                let text = self.text_of(number);
                let cut = text.floor_char_boundary(LINE_LIMIT);
                let fold = self.fold_at(number).map(|f| {
                    let is_collapsed = self.folding.is_collapsed(f.start);
                    LineFold {
                        end: f.end,
                        is_collapsed,
                        tail: if is_collapsed {
                            self.text_of(f.end).trim_start().to_owned()
                        } else {
                            String::new()
                        },
                    }
                });
                Line {
                    number,
                    text: text[..cut].to_owned(),
                    is_cut: cut < text.len(),
                    fold,
                }
            })
            .collect();
        Lines { from, rows, lines }
    }

    /// Collapses the fold starting on `line`, or expands it. A line with no fold is left.
    pub fn toggle(&mut self, line: u32) {
        if let Some(fold) = self.fold_at(line) {
            self.folding.toggle(fold);
        }
    }

    /// Collapses every fold, or expands them all.
    pub fn fold_all(&mut self, collapse: bool) {
        self.folding.set_all(&self.folds, collapse);
    }

    /// Every match of `query` (case-insensitive unless `is_case_sensitive`).
    pub fn search(&self, query: &str, is_case_sensitive: bool) -> Found {
        search::search(&self.text, &self.starts, query, is_case_sensitive)
    }

    /// Expands the folds hiding `line` and returns the row it is shown at.
    pub fn reveal(&mut self, line: u32) -> u32 {
        let line = line.min(self.line_count() - 1);
        self.folding.reveal(line);
        self.folding.row_of(line)
    }
}

#[cfg(test)]
mod preview_tests {
    use super::*;

    fn texts(lines: &Preview) -> Vec<&str> {
        lines.lines.iter().map(|l| l.text.as_str()).collect()
    }

    #[test]
    fn a_json_head_shows_the_first_lines_as_the_whole_will() {
        let body = br#"{"items":[{"id":1,"name":"a"},{"id":2,"name":"b"}],"count":2}"#;
        let whole = Document::open(body.to_vec(), &OpenOptions::default()).unwrap();
        let head = &body[..30];
        let preview = Document::preview(head, false, &OpenOptions::default(), 5);
        assert!(preview.is_json);
        assert_eq!(
            preview.lines,
            whole
                .lines(0, 5)
                .lines
                .into_iter()
                .map(|mut l| {
                    l.fold = None;
                    l
                })
                .collect::<Vec<_>>()
        );
        // Cut before five whole lines: the text as it came (one line, cut: shown as it is).
        let short = Document::preview(&body[..12], false, &OpenOptions::default(), 5);
        assert_eq!(texts(&short), [r#"{"items":[{""#]);
        let plain = Document::preview(b"line 1\nline 2\nli", false, &OpenOptions::default(), 5);
        assert_eq!(texts(&plain), ["line 1", "line 2"]);
    }

    #[test]
    fn a_whole_small_body_and_raw_and_filtered_views() {
        let body = br#"{"a":1}"#;
        let preview = Document::preview(body, true, &OpenOptions::default(), 50);
        assert_eq!(texts(&preview), ["{", "  \"a\": 1", "}"]);
        let raw = OpenOptions {
            is_raw: true,
            ..OpenOptions::default()
        };
        assert_eq!(
            texts(&Document::preview(body, true, &raw, 50)),
            [r#"{"a":1}"#]
        );
        let filtered = OpenOptions {
            filter: Some("$.a".into()),
            ..OpenOptions::default()
        };
        assert!(
            Document::preview(body, true, &filtered, 50)
                .lines
                .is_empty()
        );
        // A head cut inside a character keeps what is whole.
        let cut = "\"é\"".as_bytes();
        let preview = Document::preview(&cut[..2], false, &raw, 5);
        assert_eq!(texts(&preview), ["\""]);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn open(text: &str) -> Document {
        Document::open(text.as_bytes().to_vec(), &OpenOptions::default()).expect("opens")
    }

    #[test]
    fn json_is_reindented_and_folds_collapse_rows() {
        let mut doc = open(r#"{"a":[1,2],"b":{"c":"x"}}"#);
        assert_eq!(
            (doc.line_count(), doc.row_count(), doc.is_json),
            (9, 9, true)
        );
        let all = doc.lines(0, 100);
        let texts: Vec<&str> = all.lines.iter().map(|l| l.text.as_str()).collect();
        assert_eq!(
            texts,
            [
                "{",
                "  \"a\": [",
                "    1,",
                "    2",
                "  ],",
                "  \"b\": {",
                "    \"c\": \"x\"",
                "  }",
                "}"
            ]
        );
        assert_eq!(all.lines[1].fold.as_ref().map(|f| f.end), Some(4));
        doc.toggle(1);
        let rows = doc.lines(0, 100);
        assert_eq!(rows.rows, 6);
        let first = rows.lines[1].fold.clone().expect("fold");
        assert!(first.is_collapsed);
        assert_eq!(first.tail, "],");
        assert_eq!(rows.lines[2].number, 5);
        // Searching finds a hidden line; revealing it opens its fold.
        let found = doc.search("2", true);
        assert_eq!(found.matches[0].line, 3);
        assert_eq!(doc.reveal(3), 3);
        assert_eq!(doc.row_count(), 9);
        doc.fold_all(true);
        assert_eq!(doc.row_count(), 1);
        assert_eq!(
            doc.lines(0, 5).lines[0]
                .fold
                .as_ref()
                .map(|f| f.tail.as_str()),
            Some("}")
        );
    }

    #[test]
    fn other_text_is_shown_as_it_is() {
        let doc = open("plain\r\ntext\n{not json");
        assert!(!doc.is_json);
        let texts: Vec<String> = doc.lines(0, 10).lines.into_iter().map(|l| l.text).collect();
        assert_eq!(texts, ["plain", "text", "{not json"]);
        let raw = Document::open(
            b"{\"a\":1}".to_vec(),
            &OpenOptions {
                is_raw: true,
                filter: None,
            },
        )
        .expect("opens");
        assert_eq!((raw.is_json, raw.line_count()), (false, 1));
        let binary = Document::open(vec![0xff, b'a'], &OpenOptions::default()).expect("opens");
        assert_eq!(binary.lines(0, 1).lines[0].text, "\u{fffd}a");
    }

    #[test]
    fn long_lines_are_cut_on_a_character() {
        let long = format!("\"{}\"", "é".repeat(LINE_LIMIT));
        let doc = open(&long);
        let line = &doc.lines(0, 1).lines[0];
        assert!(line.is_cut);
        assert!(line.text.len() <= LINE_LIMIT && line.text.len() > LINE_LIMIT - 4);
    }

    #[test]
    fn a_filter_narrows_the_body() {
        let options = OpenOptions {
            is_raw: false,
            filter: Some("$.items[*].id".into()),
        };
        let doc =
            Document::open(br#"{"items":[{"id":7},{"id":9}]}"#.to_vec(), &options).expect("opens");
        let texts: Vec<String> = doc.lines(0, 10).lines.into_iter().map(|l| l.text).collect();
        assert_eq!(texts, ["[", "  7,", "  9", "]"]);
    }
}
