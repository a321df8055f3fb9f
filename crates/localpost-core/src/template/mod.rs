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
