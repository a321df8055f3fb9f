//! File formats other tools write: reading them into the [`model`](crate::model) and writing the
//! model back out.
//!
//! [`postman`] reads Postman collections (v1, v2.0, v2.1), environments and globals, and writes
//! v2.1 collections, environments and globals. [`dump`] reads and writes Postman data dumps (a
//! ZIP of those files, or the legacy JSON dump). [`curl`] reads curl command lines (bash, cmd
//! and PowerShell quoting) into requests. [`openapi`] reads OpenAPI 3.0/3.1 and Swagger 2.0,
//! [`insomnia`] Insomnia v4 exports and v5 collections, [`har`] HTTP archives, all in JSON or
//! YAML. [`snippets`] writes a request as a curl, HTTPie, Python, JavaScript, Go, Rust, Java,
//! C# or PowerShell snippet.
//!
//! Every reader gives [`postman::Parsed`] values, imported together by [`import`] (or
//! [`postman::import`]) through [`Store::import`](crate::store::Store::import) in one
//! transaction. [`parse_any`] picks the reader from the content (a ZIP, curl commands, or the
//! shape of the JSON or YAML), and [`import_any`] reads and imports one file: the call an
//! import dialog needs. Errors are one [`ImportError`] with the place: the line and column of
//! invalid JSON or YAML, the JSON path of a wrong shape (`paths./pets.get.parameters[2]`);
//! what is read but not used becomes a [`Warning`] in the [`ImportReport`].
//!
//! Each format keeps what the model does not hold in the `extra` maps of the values it
//! creates, under the format's own key (`extra["postman"]`), so that exporting an import gives
//! the file back. This module does not know SQL.

mod any;
pub mod curl;
mod detect;
mod document;
pub mod dump;
pub mod har;
pub mod insomnia;
pub mod openapi;
pub mod postman;
pub mod snippets;

pub(crate) use any::resolve_duplicates;
pub use any::{Duplicate, OnDuplicate, duplicates, import, import_any, postman_id};
pub use detect::{Kind, kind_of, parse_any, parse_value};
pub use document::parse_document;
pub use postman::{ImportError, ImportReport, Parsed, Warning};
