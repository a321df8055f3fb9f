//! What an import or an export did: plain data for the CLI and the UI to show.

use serde::Serialize;
use ts_rs::TS;

use crate::model::{CollectionId, EnvironmentId};

/// Which format a file was read as.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
#[ts(export, rename = "PostmanFormat")]
pub enum Format {
    /// Collection v1 (legacy: `folders`, `requests`, `order`).
    CollectionV1,
    /// Collection v2.0 (auth parameters as maps).
    CollectionV20,
    /// Collection v2.1 (auth parameters as `{key, value, type}` arrays).
    CollectionV21,
    /// An environment.
    Environment,
    /// Globals (an environment-shaped file, or a bare array of variables).
    Globals,
    /// curl command lines, one request each ([`crate::formats::curl`]).
    Curl,
    /// An OpenAPI 3.0 or 3.1 description ([`crate::formats::openapi`]).
    Openapi3,
    /// A Swagger 2.0 description ([`crate::formats::openapi`]).
    Swagger2,
    /// An Insomnia v4 JSON export ([`crate::formats::insomnia`]).
    InsomniaV4,
    /// An Insomnia v5 YAML collection ([`crate::formats::insomnia`]).
    InsomniaV5,
    /// An HTTP archive, HAR 1.2 ([`crate::formats::har`]).
    Har,
}

impl std::fmt::Display for Format {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(match self {
            Format::CollectionV1 => "collection v1",
            Format::CollectionV20 => "collection v2.0",
            Format::CollectionV21 => "collection v2.1",
            Format::Environment => "environment",
            Format::Globals => "globals",
            Format::Curl => "curl commands",
            Format::Openapi3 => "OpenAPI 3",
            Format::Swagger2 => "Swagger 2.0",
            Format::InsomniaV4 => "Insomnia v4 export",
            Format::InsomniaV5 => "Insomnia v5 collection",
            Format::Har => "HAR",
        })
    }
}

/// Something that was imported or exported other than the file says or the user may expect:
/// a piece kept but not used, a value withheld. Never a secret.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
#[ts(export, rename = "FormatWarning")]
pub struct Warning {
    /// The file it concerns (empty when there is none).
    pub file: String,
    /// Where in it, as a JSON path (`item[2].request.auth`).
    pub path: String,
    /// What happened, lower-case.
    pub message: String,
}

impl Warning {
    /// A warning at `path` of the file being read.
    pub(crate) fn new(path: impl Into<String>, message: impl Into<String>) -> Warning {
        Warning {
            file: String::new(),
            path: path.into(),
            message: message.into(),
        }
    }
}

impl std::fmt::Display for Warning {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        if !self.file.is_empty() {
            write!(f, "{}: ", self.file)?;
        }
        write!(f, "{}: {}", self.path, self.message)
    }
}

/// A collection an import created.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
#[ts(export)]
pub struct ImportedCollection {
    /// Its new id.
    pub id: CollectionId,
    /// Its name.
    pub name: String,
    /// The format it was read as.
    pub format: Format,
    /// How many folders it holds, at any depth.
    #[ts(type = "number")]
    pub folders: usize,
    /// How many requests it holds.
    #[ts(type = "number")]
    pub requests: usize,
}

/// An environment an import created.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
#[ts(export)]
pub struct ImportedEnvironment {
    /// Its new id.
    pub id: EnvironmentId,
    /// Its name.
    pub name: String,
    /// How many variables it holds.
    #[ts(type = "number")]
    pub variables: usize,
}

/// What an import wrote, and what it could not use as is.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
#[ts(export)]
pub struct ImportReport {
    /// Collections created, in file order.
    pub collections: Vec<ImportedCollection>,
    /// Environments created, in file order.
    pub environments: Vec<ImportedEnvironment>,
    /// Keys of the workspace globals set (added or replaced).
    pub globals: Vec<String>,
    /// Pieces kept but not used, or not kept, each with its place.
    pub warnings: Vec<Warning>,
    /// Plain-text secrets found in what was imported (see `secrets::scan`) and left where they
    /// were.
    pub secrets: Vec<crate::secrets::Finding>,
    /// Plain-text secrets moved to the vault or made secret variables on the way in.
    pub moved: Vec<crate::secrets::Moved>,
}

/// A secret value an export left out.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
#[ts(export, rename = "WithheldSecret")]
pub struct Withheld {
    /// Where the variable is in the exported file (`variable[2]`, `values[0]`).
    pub path: String,
    /// The variable's key.
    pub key: String,
}

/// What an export left out or changed.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
#[ts(export)]
pub struct ExportReport {
    /// Secret variables written with an empty value.
    pub withheld: Vec<Withheld>,
    /// Settings Postman has no place for, and other losses, each with its place.
    pub warnings: Vec<Warning>,
    /// Plain-text secrets still in the exported file (see `secrets::scan`): values that look
    /// like credentials in plain variables, headers, URLs or bodies.
    pub secrets: Vec<crate::secrets::Finding>,
}
