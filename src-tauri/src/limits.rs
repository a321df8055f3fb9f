//! What the shell accepts from the webview: the size of every string, the count of every list,
//! and the characters of names, checked at the top of each command before the core sees it.
//!
//! The webview is the less trusted side of the app: it renders response bodies, HTML previews
//! and Markdown. A compromised or buggy one must not make a command store a 1 GB name, a list
//! of a million rows, or a name holding line breaks or a terminal escape sequence (which
//! `localpost run` would print as it is). Every limit is far
//! above what a person types or the UI sends (a 32 MiB body, a 1 KiB name), so no real use
//! meets one; a value over it is refused with kind `invalid`, the argument's path as the place
//! (`request.headers[3].value`) and the limit in the message, never the value.
//!
//! The limits live in the shell, not in the store: the CLI and the importers read files the
//! user chose, whose size is the user's business (a 200 MB collection imports), while the
//! webview's arguments are what this module bounds. Ids are checked by the store (a missing one
//! is `notFound`, naming the kind and the id) and, where the UI works in one workspace, by the
//! command (`move_node`, `run_collection`); paths by [`crate::dialog`] (the shell's own
//! dialogs) and the core (saved bodies only inside the engine's body directory).
//!
//! Tauri decodes a command's JSON arguments before the command runs, so these limits bound what
//! goes on into the store, the keychain, the disk and the core's work, not the decoding itself.

use std::fmt::Write as _;

use localpost_core::viewer::Source;
use serde::Serialize;
use serde_json::Value;

use crate::error::UiError;

/// Longest name (workspace, collection, folder, request, environment, example, vault secret,
/// file name proposed to a save dialog), in bytes.
pub const NAME: usize = 1024;
/// Longest id the UI mints (a send's or a run's), in bytes.
pub const ID: usize = 256;
/// Longest short text: a search query, a JSONPath filter, a domain, a passphrase, in bytes.
pub const SHORT: usize = 64 * 1024;
/// Longest URL, in bytes.
pub const URL: usize = 256 * 1024;
/// Longest Markdown description, in bytes.
pub const DESCRIPTION: usize = 4 * 1024 * 1024;
/// Longest script (pre-request or test), in bytes.
pub const SCRIPT: usize = 4 * 1024 * 1024;
/// Longest other value: a header, parameter, variable, auth field, cookie or secret value, in
/// bytes.
pub const VALUE: usize = 8 * 1024 * 1024;
/// Longest body text (raw, GraphQL, an example's, pasted import text, a curl command, a
/// visualizer document), in bytes.
pub const BODY: usize = 32 * 1024 * 1024;
/// Most rows in one list (headers, parameters, variables, examples, tabs, run items, ids).
pub const ITEMS: usize = 10_000;
/// Most bytes of text in one structured argument (a whole request, settings, preferences).
pub const TOTAL: usize = 64 * 1024 * 1024;
/// Most iterations of one run.
pub const ITERATIONS: u32 = 100_000;
/// Longest wait between a run's requests, in milliseconds (one hour).
pub const DELAY_MS: u32 = 3_600_000;

/// An argument over a limit, naming the argument (its path inside a structure) and the limit.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum LimitError {
    /// A string longer than its limit.
    #[error("{field} is {len} bytes long; the limit is {limit} bytes")]
    TooLong {
        /// The argument, e.g. `request.headers[3].value`.
        field: String,
        /// Its length in bytes.
        len: usize,
        /// The limit in bytes.
        limit: usize,
    },
    /// A list with more rows than its limit.
    #[error("{field} has {count} items; the limit is {limit}")]
    TooMany {
        /// The argument.
        field: String,
        /// How many it has.
        count: usize,
        /// The limit.
        limit: usize,
    },
    /// A structured argument holding more text in all than [`TOTAL`].
    #[error("{field} holds more than {limit} bytes of text in all")]
    TooBig {
        /// The argument.
        field: String,
        /// The limit in bytes.
        limit: usize,
    },
    /// A number over its limit.
    #[error("{field} is {value}; the limit is {limit}")]
    TooLarge {
        /// The argument.
        field: String,
        /// Its value.
        value: u64,
        /// The limit.
        limit: u64,
    },
    /// A name holding a control character (a line break, a tab, NUL, …).
    #[error("{field} must not hold control characters (found U+{code:04X})")]
    ControlCharacter {
        /// The argument.
        field: String,
        /// The first one found.
        code: u32,
    },
}

impl LimitError {
    /// The argument at fault.
    pub fn field(&self) -> &str {
        match self {
            LimitError::TooLong { field, .. }
            | LimitError::TooMany { field, .. }
            | LimitError::TooBig { field, .. }
            | LimitError::TooLarge { field, .. }
            | LimitError::ControlCharacter { field, .. } => field,
        }
    }
}

impl From<LimitError> for UiError {
    /// Kind `invalid`, the argument as the place.
    fn from(error: LimitError) -> Self {
        let place = error.field().to_owned();
        UiError::invalid(error.to_string(), &place)
    }
}

/// Results of this module.
pub type Result<T = ()> = std::result::Result<T, LimitError>;

/// Refuses `text` longer than `limit` bytes.
pub fn text(field: &str, text: &str, limit: usize) -> Result {
    if text.len() > limit {
        return Err(LimitError::TooLong {
            field: field.to_owned(),
            len: text.len(),
            limit,
        });
    }
    Ok(())
}

/// Refuses a name over [`NAME`] bytes or holding a control character. (The store refuses an
/// empty one.)
pub fn name(field: &str, name: &str) -> Result {
    text(field, name, NAME)?;
    match name.chars().find(|c| c.is_control()) {
        Some(c) => Err(LimitError::ControlCharacter {
            field: field.to_owned(),
            code: c.into(),
        }),
        None => Ok(()),
    }
}

/// Refuses an id the UI minted over [`ID`] bytes or holding a control character.
pub fn id(field: &str, id: &str) -> Result {
    text(field, id, ID)?;
    name(field, id)
}

/// Refuses a list of more than `limit` rows.
pub fn items(field: &str, count: usize, limit: usize) -> Result {
    if count > limit {
        return Err(LimitError::TooMany {
            field: field.to_owned(),
            count,
            limit,
        });
    }
    Ok(())
}

/// Refuses a number over `limit`.
pub fn at_most(field: &str, value: u64, limit: u64) -> Result {
    if value > limit {
        return Err(LimitError::TooLarge {
            field: field.to_owned(),
            value,
            limit,
        });
    }
    Ok(())
}

/// Checks a body to read: a saved body's path (short; the core confines it), or text (a body).
pub fn source(field: &str, source: &Source) -> Result {
    match source {
        Source::File { file } => text(&format!("{field}.file"), file, SHORT),
        Source::Text { text: body } => text(&format!("{field}.text"), body, BODY),
    }
}

/// Checks every string and list inside `value` (a request, settings, variables, a cookie, …):
/// each string against the limit of its field ([`limit_of`]), each list against [`ITEMS`], and
/// all the text together against [`TOTAL`]. `field` names the argument in errors.
pub fn value<T: Serialize>(field: &str, value: &T) -> Result {
    // A value that does not serialise holds nothing to check (the store would refuse it).
    let Ok(json) = serde_json::to_value(value) else {
        return Ok(());
    };
    let mut walk = Walk {
        root: field,
        path: Vec::new(),
        total: 0,
    };
    walk.check(None, &json)
}

/// The limit of a string under `key` inside a structured argument. Keys are the JSON (camelCase)
/// names the UI sends: a request's `name` and `method`, a saved body's `file` path and a
/// viewer's JSONPath `filter`, a `url`, a `description`, the scripts' `preRequest` and `test`,
/// a body's `text` (or `base64`), a GraphQL `query` and `variables`, an example's `body`.
pub fn limit_of(key: Option<&str>) -> usize {
    match key {
        Some("name" | "method") => NAME,
        Some("file" | "filter") => SHORT,
        Some("url") => URL,
        Some("description") => DESCRIPTION,
        Some("preRequest" | "test") => SCRIPT,
        Some("text" | "base64" | "query" | "variables" | "body") => BODY,
        _ => VALUE,
    }
}

/// A step of the path to a value: an object's key or a list's index.
enum Step<'a> {
    Key(&'a str),
    Index(usize),
}

/// The walk of [`value`]: where it is, and how much text it has seen.
struct Walk<'a> {
    root: &'a str,
    path: Vec<Step<'a>>,
    total: usize,
}

impl<'a> Walk<'a> {
    /// The path walked so far, as the UI would write it: `request.headers[3].value`.
    fn field(&self) -> String {
        let mut field = self.root.to_owned();
        for step in &self.path {
            // Writing to a String cannot fail.
            let _ = match step {
                Step::Key(key) => write!(field, ".{key}"),
                Step::Index(i) => write!(field, "[{i}]"),
            };
        }
        field
    }

    fn count(&mut self, bytes: usize) -> Result {
        self.total += bytes;
        if self.total > TOTAL {
            return Err(LimitError::TooBig {
                field: self.root.to_owned(),
                limit: TOTAL,
            });
        }
        Ok(())
    }

    fn check(&mut self, key: Option<&'a str>, value: &'a Value) -> Result {
        match value {
            Value::String(s) => {
                let limit = limit_of(key);
                // The path is built only for an error: most strings pass.
                if s.len() > limit {
                    text(&self.field(), s, limit)?;
                }
                self.count(s.len())
            }
            Value::Array(rows) => {
                if rows.len() > ITEMS {
                    items(&self.field(), rows.len(), ITEMS)?;
                }
                for (i, row) in rows.iter().enumerate() {
                    self.path.push(Step::Index(i));
                    self.check(key, row)?;
                    self.path.pop();
                }
                Ok(())
            }
            Value::Object(fields) => {
                if fields.len() > ITEMS {
                    items(&self.field(), fields.len(), ITEMS)?;
                }
                for (k, v) in fields {
                    self.count(k.len())?;
                    if k.len() > SHORT {
                        text(&self.field(), k, SHORT)?;
                    }
                    self.path.push(Step::Key(k));
                    self.check(Some(k), v)?;
                    self.path.pop();
                }
                Ok(())
            }
            Value::Null | Value::Bool(_) | Value::Number(_) => Ok(()),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn names_are_bounded_and_free_of_control_characters() {
        assert!(name("name", "Users API · v2").is_ok());
        assert!(name("name", &"n".repeat(NAME)).is_ok());
        let e = name("name", &"n".repeat(NAME + 1)).expect_err("too long");
        assert_eq!(
            e.to_string(),
            "name is 1025 bytes long; the limit is 1024 bytes"
        );
        for bad in ["a\nb", "tab\there", "nul\0", "del\u{7f}", "c1\u{85}"] {
            let e = name("request.name", bad).expect_err(bad);
            assert_eq!(e.field(), "request.name");
            assert!(e.to_string().contains("control characters"), "{e}");
        }
    }

    #[test]
    fn a_limit_error_is_invalid_with_the_argument_as_place() {
        let e = UiError::from(name("name", "a\nb").expect_err("refused"));
        assert_eq!(e.kind, "invalid");
        assert_eq!(e.place.as_deref(), Some("name"));
        assert_eq!(
            e.message,
            "name must not hold control characters (found U+000A)"
        );
    }

    #[test]
    fn lists_and_numbers_are_bounded() {
        assert!(items("ids", ITEMS, ITEMS).is_ok());
        let e = items("ids", ITEMS + 1, ITEMS).expect_err("too many");
        assert_eq!(e.to_string(), "ids has 10001 items; the limit is 10000");
        let e = at_most("request.iterations", 100_001, ITERATIONS.into()).expect_err("big");
        assert_eq!(
            e.to_string(),
            "request.iterations is 100001; the limit is 100000"
        );
    }

    #[test]
    fn ids_the_ui_mints_are_short_and_plain() {
        assert!(id("sendId", "send-1a2b").is_ok());
        assert!(id("sendId", &"s".repeat(ID + 1)).is_err());
        assert!(id("sendId", "s\n1").is_err());
    }

    #[test]
    fn structured_values_name_the_path_of_the_field_over_its_limit() {
        let big_header = json!({
            "name": "Create",
            "headers": [{"key": "a", "value": "1"}, {"key": "b", "value": "x".repeat(VALUE + 1)}],
        });
        let e = value("request", &big_header).expect_err("too long");
        assert_eq!(e.field(), "request.headers[1].value");
        assert!(!e.to_string().contains("xxx"), "never the value: {e}");
        let long_url = json!({"url": "u".repeat(URL + 1)});
        assert_eq!(
            value("request", &long_url).expect_err("url").field(),
            "request.url"
        );
        let long_name = json!({"name": "n".repeat(NAME + 1)});
        assert!(value("new", &long_name).is_err());
        let body = json!({"body": {"mode": "raw", "text": "b".repeat(VALUE + 1)}});
        assert!(value("request", &body).is_ok(), "bodies may be longer");
    }

    #[test]
    fn structured_values_bound_their_lists_and_their_total() {
        let rows: Vec<u8> = vec![0; ITEMS + 1];
        let e = value("variables", &rows).expect_err("too many");
        assert_eq!(e.field(), "variables");
        let many_bodies: Vec<Value> = (0..3)
            .map(|_| json!({"text": "t".repeat(BODY - 1)}))
            .collect();
        let e = value("examples", &many_bodies).expect_err("too big in all");
        assert!(matches!(e, LimitError::TooBig { .. }), "{e}");
    }
}
