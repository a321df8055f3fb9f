//! Which files the app's sends read ([`FileReads`]): the working directory, reading outside
//! it, and the files the user chose. Each change goes through a native dialog the webview
//! cannot answer (a file or folder picker, a confirmation), so a compromised window cannot
//! widen what a send may read; `save_preferences` keeps these rules as stored.

use localpost_core::model::{ChosenFile, FileReads};
use tauri::{AppHandle, State};

use serde::Deserialize;
use ts_rs::TS;

use crate::dialog;
use crate::error::UiError;
use crate::state::AppState;

/// What a chosen file is for; the dialog says it in its title.
#[derive(Debug, Clone, Copy, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
#[ts(export)]
pub enum FilePurpose {
    /// A binary body's file.
    Body,
    /// A multipart body's file part.
    FormPart,
    /// A PEM file of CA certificates.
    CaCertificates,
    /// A client certificate (PEM).
    ClientCertificate,
    /// A client certificate's key (PEM).
    ClientKey,
    /// A PKCS#12 (`.pfx`, `.p12`) client certificate.
    Pkcs12,
    /// A gRPC request's `.proto` file.
    ProtoFile,
}

impl FilePurpose {
    /// The dialog's title.
    fn title(self) -> &'static str {
        match self {
            FilePurpose::Body => "Body file",
            FilePurpose::FormPart => "Form part file",
            FilePurpose::CaCertificates => "CA certificates",
            FilePurpose::ClientCertificate => "Client certificate",
            FilePurpose::ClientKey => "Client certificate key",
            FilePurpose::Pkcs12 => "PKCS#12 file",
            FilePurpose::ProtoFile => "Proto file",
        }
    }
}

/// Asks for a file a request reads and returns it as the request should keep it: relative
/// to the working directory when inside it, else the whole path, which sends may read from
/// then on. `None` when cancelled.
#[tauri::command]
pub async fn choose_request_file(
    app: AppHandle,
    state: State<'_, AppState>,
    purpose: FilePurpose,
) -> Result<Option<ChosenFile>, UiError> {
    let Some(path) = dialog::choose_request_file(&app, purpose.title()) else {
        return Ok(None);
    };
    Ok(Some(state.store.choose_file(&path)?))
}

/// Asks for the working directory; returns the file rules as stored (unchanged when
/// cancelled).
#[tauri::command]
pub async fn choose_working_dir(
    app: AppHandle,
    state: State<'_, AppState>,
) -> Result<FileReads, UiError> {
    let Some(dir) = dialog::choose_folder(&app, "Working directory") else {
        return Ok(state.store.preferences()?.files);
    };
    let working_dir = Some(dir.to_string_lossy().into_owned());
    Ok(state.store.edit_file_reads(|reads| FileReads {
        working_dir,
        ..reads
    })?)
}

/// Narrows the file rules, which needs no confirmation: reading outside the working directory
/// is turned off, `clear_working_dir` leaves no working directory, and `forget_chosen` empties
/// the chosen files.
#[tauri::command]
pub async fn narrow_file_reads(
    state: State<'_, AppState>,
    clear_working_dir: bool,
    forget_chosen: bool,
) -> Result<FileReads, UiError> {
    Ok(state.store.edit_file_reads(|mut reads| {
        reads.read_outside = false;
        if clear_working_dir {
            reads.working_dir = None;
        }
        if forget_chosen {
            reads.chosen.clear();
        }
        reads
    })?)
}

/// Lets sends read files outside the working directory, once the user confirms it in a
/// native dialog; returns the file rules as stored (unchanged when they did not).
#[tauri::command]
pub async fn allow_reading_outside(
    app: AppHandle,
    state: State<'_, AppState>,
) -> Result<FileReads, UiError> {
    let confirmed = dialog::confirm(
        &app,
        "Read files outside the working directory?",
        "Requests and their scripts will be able to send any file your account can read, \
         including those an imported collection names. Allow it only for collections you trust.",
    );
    if !confirmed {
        return Ok(state.store.preferences()?.files);
    }
    Ok(state.store.edit_file_reads(|reads| FileReads {
        read_outside: true,
        ..reads
    })?)
}
