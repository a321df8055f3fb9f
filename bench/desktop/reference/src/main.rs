//! The floor of the desktop measures (`make bench`, `tests/benches/desktop.rs`): an empty
//! Tauri 2 window with the same Tauri, features and Cargo profile as `localpost-desktop`,
//! built in the same cargo run. Its page marks its first frame (`performance.mark("shown")`,
//! `dist/shown.js`), as the app marks the first frame that shows its tree (`tree-shown`).

use std::process::ExitCode;

fn main() -> ExitCode {
    match tauri::Builder::default().run(tauri::generate_context!()) {
        Ok(()) => ExitCode::SUCCESS,
        Err(error) => {
            eprintln!("localpost-bench-reference: {error}");
            ExitCode::FAILURE
        }
    }
}
