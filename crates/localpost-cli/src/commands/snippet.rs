//! `localpost export request REQUEST --as LANGUAGE [-e ENV]`: a stored request as a code
//! snippet on standard output.
//!
//! The request is prepared as `localpost send` would prepare it (variables, inherited auth and
//! settings) except that secret variables and `{{vault:…}}` references are never substituted
//! ([`snippets::prepare`]): they stay as `{{placeholders}}`, listed on standard error.

use std::io::Write;

use localpost_core::send::Options;
use localpost_core::snippets::{self, Language};
use localpost_core::store::Store;

use crate::cli::SnippetLanguage;
use crate::exit::Failure;
use crate::lookup;

/// What `export request` was asked for.
pub struct Args<'a> {
    /// The request, by id or path.
    pub request: &'a str,
    /// The snippet language.
    pub language: SnippetLanguage,
    /// Environment name or id.
    pub environment: Option<&'a str>,
    /// Workspace name or id.
    pub workspace: Option<&'a str>,
}

/// Finds and prepares the request, then prints the snippet.
pub fn run(store: &Store, args: &Args<'_>, out: &mut impl Write) -> Result<(), Failure> {
    let workspace = lookup::workspace(store, args.workspace)?;
    let tree = store.tree(workspace.id)?;
    let request = lookup::request(store, &tree, args.request)?;
    let environment = lookup::environment(&tree, args.environment)?;
    let options = Options {
        environment: environment.map(|env| env.id),
        ..Options::default()
    };
    let prepared = snippets::prepare(store, request.id, &options)?;
    if !prepared.unresolved.is_empty() {
        let list: Vec<String> = prepared
            .unresolved
            .iter()
            .map(|u| format!("{} ({})", u.name, u.place))
            .collect();
        eprintln!("note: left as placeholders: {}", list.join(", "));
    }
    out.write_all(snippets::render(&prepared, language(args.language)).as_bytes())?;
    out.flush()?;
    Ok(())
}

fn language(l: SnippetLanguage) -> Language {
    match l {
        SnippetLanguage::Curl => Language::Curl,
        SnippetLanguage::Httpie => Language::Httpie,
        SnippetLanguage::Python => Language::Python,
        SnippetLanguage::Fetch => Language::Fetch,
        SnippetLanguage::Axios => Language::Axios,
        SnippetLanguage::Go => Language::Go,
        SnippetLanguage::Rust => Language::Rust,
        SnippetLanguage::Java => Language::Java,
        SnippetLanguage::Csharp => Language::Csharp,
        SnippetLanguage::Powershell => Language::PowerShell,
    }
}
