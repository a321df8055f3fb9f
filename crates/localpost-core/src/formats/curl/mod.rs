//! curl command lines: reading them into requests.
//!
//! [`parse`] reads one or many `curl …` commands, as a shell would split them (the `lex` module picks
//! bash, cmd or PowerShell quoting and line continuations from the text), then reads curl's
//! options into one [`Request`] each. Options that change nothing in
//! the request (`-s`, `-v`, `-o FILE`) are skipped; options this module does not know, and
//! data it does not read (`-d @file`), become [`Warning`]s naming the command and the option.
//! Errors are one [`CurlError`] naming the command and the place (an unterminated quote's line
//! and column, an option missing its argument).
//!
//! ```
//! use localpost_core::formats::curl;
//!
//! let parsed = curl::parse("curl -X PUT https://api.test/users/7 \\\n  -H 'Accept: application/json' -d '{\"a\":1}'").unwrap();
//! let request = &parsed.requests[0];
//! assert_eq!((request.method.as_str(), request.url.as_str()), ("PUT", "https://api.test/users/7"));
//! ```
//!
//! Writing requests as curl (and other languages) is `snippets`' job. Not
//! here: reading files named by `@file`, cookie jars, `--next`, globbing (`{a,b}`, `[1-3]`).

mod error;
mod lex;
mod options;
mod request;

pub use error::{CurlError, Result};

use crate::formats::{Format, Warning};
use crate::model::{Collection, CollectionId, Request, RequestSettings, WorkspaceId};
use crate::store::{CollectionImport, NodeImport};

/// The requests a text holds, in order, and what was left out of them.
#[derive(Debug, Clone, PartialEq)]
pub struct Parsed {
    /// One request per command. Ids, collection and position are placeholders.
    pub requests: Vec<Request>,
    /// Options and data not used, each placed as `command N, OPTION`.
    pub warnings: Vec<Warning>,
}

/// Reads every curl command in `text`.
pub fn parse(text: &str) -> Result<Parsed> {
    let commands = lex::split(text, lex::Dialect::detect(text))?;
    if commands.is_empty() {
        return Err(CurlError::Empty);
    }
    let mut parsed = Parsed {
        requests: Vec::new(),
        warnings: Vec::new(),
    };
    for (i, command) in commands.iter().enumerate() {
        let number = i + 1;
        let program = command.words[0].as_str();
        let name = program.rsplit(['/', '\\']).next().unwrap_or(program);
        if !matches!(name, "curl" | "curl.exe") {
            return Err(CurlError::NotCurl {
                command: number,
                found: program.into(),
            });
        }
        let invocation = options::read(number, &command.words[1..])?;
        let (request, warnings) = request::build(number, invocation)?;
        parsed.requests.push(request);
        parsed.warnings.extend(warnings);
    }
    Ok(parsed)
}

impl Parsed {
    /// The requests as a new collection named `name`, ready for
    /// [`parsed::import`](crate::formats::parsed::import) (which writes any mix of Postman and curl files in one transaction).
    /// `source` names the file (or `-`) in warnings.
    pub fn into_import(self, source: &str, name: &str) -> crate::formats::Parsed {
        let collection = Collection {
            id: CollectionId(0),
            workspace_id: WorkspaceId(0),
            name: name.to_string(),
            position: 0,
            description: String::new(),
            auth: Default::default(),
            scripts: Default::default(),
            variables: Vec::new(),
            settings: RequestSettings::default(),
            extra: Default::default(),
        };
        let children = self.requests.into_iter().map(NodeImport::Request).collect();
        let import = CollectionImport {
            collection,
            children,
        };
        crate::formats::Parsed::from_collection(source, Format::Curl, import, self.warnings)
    }
}

/// Whether `text` looks like curl commands: its first word, after blank lines and `#`
/// comments, is `curl`.
pub fn is_curl(text: &str) -> bool {
    text.lines()
        .map(str::trim)
        .find(|l| !l.is_empty() && !l.starts_with('#'))
        .is_some_and(|l| {
            let first = l.split_whitespace().next().unwrap_or_default();
            matches!(first, "curl" | "curl.exe")
        })
}
