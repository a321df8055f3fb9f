//! The `localpost-desktop` binary: opens the store and runs the app, or says why it cannot.

// No console window on Windows release builds.
#![cfg_attr(not(debug_assertions), windows_subsystem = "windows")]
#![cfg_attr(not(test), deny(clippy::unwrap_used))]

use std::process::ExitCode;

fn main() -> ExitCode {
    // Before any window or toolkit: what a package check or a user asks from a terminal.
    if let Some(arg) = std::env::args().nth(1) {
        match arg.as_str() {
            "--version" | "-V" => {
                println!("localpost-desktop {}", env!("CARGO_PKG_VERSION"));
                return ExitCode::SUCCESS;
            }
            "--help" | "-h" => {
                println!(
                    "localpost-desktop {}: the Localpost desktop app. Run it without arguments; \
                     the command-line tool is `localpost`.",
                    env!("CARGO_PKG_VERSION")
                );
                return ExitCode::SUCCESS;
            }
            _ => {}
        }
    }
    // Before WebKit starts, and before any thread does (it may set an environment variable).
    localpost_desktop::painting::choose();
    match localpost_desktop::run() {
        Ok(()) => ExitCode::SUCCESS,
        Err(error) => {
            eprintln!("localpost: {error}");
            ExitCode::FAILURE
        }
    }
}
