//! The `localpost-desktop` binary: opens the store and runs the app, or says why it cannot.

// No console window on Windows release builds.
#![cfg_attr(not(debug_assertions), windows_subsystem = "windows")]
#![cfg_attr(not(test), deny(clippy::unwrap_used))]

use std::process::ExitCode;

fn main() -> ExitCode {
    match localpost_desktop::run() {
        Ok(()) => ExitCode::SUCCESS,
        Err(error) => {
            eprintln!("localpost: {error}");
            ExitCode::FAILURE
        }
    }
}
