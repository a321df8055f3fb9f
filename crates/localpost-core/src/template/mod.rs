//! `{{variable}}` templating exactly as Postman resolves it.
//!
//! [`Variables`] layers the scopes, lowest to highest: globals < collection < environment <
//! iteration data < local (script-set). [`render`] substitutes `{{name}}` tokens innermost
//! first, again and again until nothing changes or 19 passes have run (Postman's limit), and
//! leaves unknown tokens as written, reporting them in [`Rendered::unresolved`]. Names that start
//! with `$` and are not user variables are dynamic variables ([`Dynamic`]), a fresh value per
//! occurrence.
//!
//! This module owns resolution only. It does not know where variables are stored, nor whether a
//! value is a secret (the vault decides what may be substituted where).

mod dynamic;
mod render;
mod scope;

pub(crate) use dynamic::iso_timestamp;
pub use dynamic::{Dynamic, Entropy, NAMES, SystemEntropy};
pub use render::{MAX_PASSES, Rendered, render, render_with};
pub use scope::{Scope, Variables};

/// Whether `text` is wholly one `{{reference}}` (surrounding blanks allowed): it names a value
/// kept elsewhere (a variable, a secret, the vault) and holds none itself.
pub fn is_lone_reference(text: &str) -> bool {
    let t = text.trim();
    t.len() > 4 && t.starts_with("{{") && t.ends_with("}}") && !t[2..t.len() - 2].contains("{{")
}
