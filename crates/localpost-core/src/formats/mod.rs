//! File formats other tools write: reading them into the [`model`](crate::model) and writing the
//! model back out.
//!
//! [`postman`] reads Postman collections (v1, v2.0, v2.1), environments and globals, and writes
//! v2.1 collections, environments and globals. [`curl`] reads curl command lines (bash, cmd and
//! PowerShell quoting) into requests, imported through the same [`postman::import`] as a
//! [`postman::Format::Curl`] collection. [`snippets`] writes a request as a curl, HTTPie,
//! Python, JavaScript, Go, Rust, Java, C# or PowerShell snippet. Each format keeps what the
//! model does not hold in the `extra` maps of the values it creates, under the format's own key
//! (`extra["postman"]`), so that exporting an import gives the file back. This module does not
//! know SQL: imports are written through [`Store::import`](crate::store::Store::import) in one
//! transaction.

pub mod curl;
pub mod postman;
pub mod snippets;
