//! Generates the reference window's Tauri context from the `tauri.conf.json` beside it.

fn main() {
    println!("cargo:rerun-if-changed=dist");
    if let Err(error) = tauri_build::try_build(tauri_build::Attributes::new()) {
        panic!("tauri build step failed: {error:#}");
    }
}
