//! Generates the Tauri context from the repository-root `tauri.conf.json` and `capabilities/`.

use std::path::Path;

fn main() {
    // The context macro embeds `ui/dist`; say how to make it rather than let the macro panic.
    // (`TAURI_CONFIG` may point `frontendDist` elsewhere; then Tauri checks it.)
    let dist = Path::new("../ui/dist/index.html");
    println!("cargo:rerun-if-changed=../ui/dist");
    if std::env::var_os("TAURI_CONFIG").is_none() && !dist.is_file() {
        panic!(
            "ui/dist is missing: build the UI first with `make ui` \
             (or `npm ci && npm run build` in ui/)"
        );
    }
    // Without the capabilities pattern the capabilities would silently be empty, because they
    // do not sit beside this crate's manifest.
    let attributes = tauri_build::Attributes::new()
        .config_path("../tauri.conf.json")
        .capabilities_path_pattern("../capabilities/**/*");
    if let Err(error) = tauri_build::try_build(attributes) {
        panic!("tauri build step failed: {error:#}");
    }
}
