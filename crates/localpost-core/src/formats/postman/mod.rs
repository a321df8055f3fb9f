//! Postman collections (v1, v2.0, v2.1), environments and globals: import and v2.1 export.
//!
//! [`parse`] (or [`read_file`]) reads one file into a [`Parsed`] value, detecting its
//! [`Format`] from `info.schema` or its shape; [`import`] writes any number of them into a
//! workspace through [`Store::import`](crate::store::Store::import), in one transaction, and
//! returns an [`ImportReport`] with the new ids and the [`Warning`]s (pieces kept but not used,
//! or not kept, each with its JSON path). [`export_collection`], [`export_environment`] and
//! [`export_globals`] write v2.1 JSON and an [`ExportReport`] (secret values withheld, settings
//! Postman cannot hold). Errors are one [`ImportError`]: invalid JSON with its line and column,
//! a wrong shape with its path (`item[3].item[0].request.url.query[2]`).
//!
//! ```
//! use localpost_core::formats::postman;
//! use localpost_core::store::Store;
//! use localpost_core::vault::OsKeychain;
//!
//! let dir = tempfile::tempdir().unwrap();
//! let store = Store::open(dir.path().join("localpost.db")).unwrap();
//! let ws = store.create_workspace("Imported").unwrap();
//! let file = r#"{"info": {"name": "Users API", "schema":
//!     "https://schema.getpostman.com/json/collection/v2.1.0/collection.json"},
//!     "item": [{"name": "List", "request": "https://api.example.com/users"}]}"#;
//! let parsed = postman::parse("users.json", file).unwrap();
//! // Secret variables would go to the keychain; this file has none, so it is not touched.
//! let keychain = OsKeychain::new("localpost-doc-example");
//! let report = postman::import(&store, &keychain, ws.id, vec![parsed]).unwrap();
//! let (json, _) = postman::export_collection(&store, report.collections[0].id).unwrap();
//! assert_eq!(json["item"][0]["request"], "https://api.example.com/users");
//! ```
//!
//! # Nothing is lost
//!
//! Everything the model holds is read into it; everything else is kept in the `extra` maps of
//! the values created (under `"postman"`), mirroring the file's structure: ids, unknown
//! members at every level, URL objects, `{type, value}` path segments, header and query
//! `type`s, descriptions as objects, `disabled: false`, values that are numbers or `null`,
//! script ids, types and packages, body options, examples' cookies and response times, and so
//! on. An export writes the model and gives each kept piece back while it still agrees with the
//! model; what was edited in the app since is written from the model.
//!
//! # Normalisations
//!
//! Importing a v2.1 collection and exporting it gives JSON equal to the input except for:
//!
//! - member order inside objects (arrays keep their order);
//! - `info._postman_id` is added when missing (a new v4 UUID), and `info.schema` when missing;
//! - a request object without `method` gets `"method": "GET"`; a row or variable without `key`
//!   or `value` (query, header, urlencoded, path variable, `variable[]`) gets `""`; a formdata
//!   part without `type` gets `"text"`; a URL object without `raw` gets one built from its
//!   parts; an item with neither `item` nor `request` is a request, written with a `request`;
//! - a secret variable (`type: "secret"`, at any level) is written with an empty value;
//! - members of auth parameters other than `key`, `value` and `type` are dropped (a warning
//!   says so at import).
//!
//! A v2.0 collection gives what Postman's collection transformer documents for v2.0 → v2.1:
//! the schema URL says v2.1.0, and auth parameter maps become `[{key, value, type}]` arrays
//! (type `string`, `boolean` or `number` after the value, else `any`; no list for an empty
//! map), at every level and in examples' `originalRequest`; helpers of inactive types are kept
//! (converted likewise) where the transformer drops them. A v1 collection is converted to v2.1 as
//! the transformer does it (subfolders before requests; legacy `currentHelper` auth and
//! `tests`/`preRequestScript` strings become auth and events; ids kept), except that a request
//! no folder lists is placed at the top level instead of being dropped; v1 fields with no
//! v2.1 place are listed as warnings. Environments are written as Postman writes them today: every
//! value has `type` (`default` unless kept or secret) and `enabled`, wrappers such as
//! `{environment: {…}}` are not written back, and `_postman_variable_scope` is set. Globals
//! become workspace globals; their file's id and name are not kept.
//!
//! Not here: the data dump (ZIP or legacy JSON), Postman's cloud-only members (monitors,
//! mocks), and applying what is kept but not modelled (request proxies and certificates,
//! body `disabled`, item-level variables): those are exported, not used.

mod auth;
mod body;
mod collection;
mod detect;
mod environment;
mod event;
mod example;
mod export;
mod fidelity;
mod import;
mod item;
mod rows;
mod settings;
mod url;
mod v1;
mod variable;

// Shared by every importer, defined in `formats`; kept under these names here too.
pub use crate::formats::ImportError;
pub use crate::formats::error::Result;
pub use crate::formats::parsed::{
    Destination, Options, Parsed, SecretMoves, import, import_with, scan,
};
pub use crate::formats::{
    ExportReport, Format, ImportReport, ImportedCollection, ImportedEnvironment, Warning, Withheld,
};
pub(crate) use crate::formats::{error, node, report};
pub(crate) use export::{Target, write_collection};
pub use export::{export_collection, export_environment, export_globals};
pub use import::{from_value, parse, read_file};
pub(crate) use item::{apply_request_json, request_from_json, request_to_json};
