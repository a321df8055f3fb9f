//! Localpost's core: everything that is not UI.
//!
//! The principal types are [`model`]'s data types (a [`model::Workspace`] holds
//! [`model::Collection`]s, whose tree of [`model::Folder`]s holds [`model::Request`]s; a workspace
//! also has [`model::Environment`]s and globals) and [`store::Store`], the SQLite file they live in.
//! [`http`] sends requests: [`http::prepare`] renders a request with its
//! [`template::Variables`], and [`http::Engine::send`] returns an [`http::Exchange`].
//! [`send`] joins the two for a stored request: [`send::prepare`] reads what the request
//! inherits and the variables in force from the store and prepares it, and [`send::InFlight`]
//! keeps sends under way cancellable by id. [`runner::Run`] runs a collection for a number of
//! iterations as newman does, sending each request the way [`send`] does, and returns a
//! [`runner::RunResult`]; the [`report`]s (newman's `cli`, `json`, `junit`, `progress`, and an
//! `html` page) are [`report::Sink`]s fed its events as it goes, then that result;
//! [`runs::Runs`] keeps past runs as the workspace's classification allows.
//! [`formats::postman`] imports Postman collections, environments and globals into the store
//! ([`formats::postman::import`]) and exports them as v2.1 JSON, losing nothing on the way.
//! [`script`] runs Postman's pre-request and test scripts (postman-sandbox in QuickJS), and a
//! [`send::Sender`] given a [`script::Worker`] runs them around each send. [`snippets`] writes a
//! prepared request as code in other languages. [`viewer`] turns a response body of any size
//! into a [`viewer::Document`] read a window of lines at a time (re-indented, folded, searched,
//! filtered with JSONPath).
//! The crate never depends on Tauri or clap and never prints: the CLI and the desktop shell are
//! thin adapters over it.
//!
//! ```
//! use localpost_core::store::Store;
//! use localpost_core::model::{NewRequest, Parent};
//!
//! let dir = tempfile::tempdir().unwrap();
//! let store = Store::open(dir.path().join("localpost.db")).unwrap();
//! let ws = store.create_workspace("Personal").unwrap();
//! let coll = store.create_collection(ws.id, "Users API").unwrap();
//! let req = store
//!     .create_request(NewRequest::new(Parent::Collection(coll.id), "List users").url("{{base}}/users"))
//!     .unwrap();
//! assert_eq!(store.request(req.id).unwrap().url, "{{base}}/users");
//! ```
#![deny(missing_docs)]
#![cfg_attr(not(test), deny(clippy::unwrap_used))]

pub mod cookies;
pub mod formats;
#[doc(hidden)]
pub mod fuzzing;
pub mod graphql;
pub mod history;
pub mod http;
pub mod model;
pub mod report;
pub mod runner;
pub mod runs;
pub mod script;
pub mod secrets;
pub mod send;
pub mod snippets;
pub mod store;
pub mod template;
pub mod vault;
pub mod viewer;
