//! What the window draws in its first frame, handed to the page before its own scripts run.
//!
//! Without it the page asks for the workspace, then for its tree, over IPC once it has
//! mounted, and the tree comes two round trips and at least one frame after the first frame.
//! The shell reads them once, before it builds the window, and gives them to the page in an
//! initialization script for the main frame only (the visualizer's frame never sees it). Only
//! what the sidebar shows is in it, and the look of the preferences: nothing sealed.
//!
//! The page takes it once per window (`ui/src/lib/boot.ts`); a reload of the page reads
//! everything over IPC again, as the snapshot may be stale by then.

use localpost_core::model::{Look, Workspace, WorkspaceTree};
use localpost_core::store::{Store, StoreError};
use serde::Serialize;
use ts_rs::TS;

/// The global the initialization script sets (read and removed by `ui/src/lib/boot.ts`).
pub const GLOBAL: &str = "__LOCALPOST_BOOT__";

/// The window's first frame.
#[derive(Debug, Clone, Serialize, TS)]
#[serde(rename_all = "camelCase")]
#[ts(export)]
pub struct Boot {
    /// The fonts the window is drawn in.
    pub fonts: Fonts,
    /// The theme, font size, layout and pane sizes the preferences hold.
    pub look: Look,
    /// Every workspace, in order (the store creates the first when it has none).
    pub workspaces: Vec<Workspace>,
    /// The first workspace's tree: the sidebar the window opens on.
    pub tree: WorkspaceTree,
}

/// CSS `font-family` values for the page's `--font` and `--font-mono`.
///
/// The page's own lists name fonts of every platform, and WebKitGTK asks fontconfig for each
/// name in turn until one is installed: on this machine that walk cost about 50 ms of the
/// first layout. These name the desktop's own font first, so the first name is found.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
#[ts(export)]
pub struct Fonts {
    /// The interface font: the desktop's (GTK's `gtk-font-name`), then `sans-serif`.
    pub ui: String,
    /// Code and bodies: fontconfig's `monospace`.
    pub mono: String,
}

impl Fonts {
    /// The fonts for a desktop whose interface font family is `family` (a Pango family list
    /// such as "Cantarell" or "Ubuntu, Sans"; `None` or a generic name: fontconfig's).
    pub fn for_family(family: Option<&str>) -> Fonts {
        let first = family
            .and_then(|f| f.split(',').next())
            .map(str::trim)
            .filter(|f| !f.is_empty() && !f.chars().any(char::is_control));
        let generic = ["sans", "sans-serif", "serif", "monospace", "system-ui"];
        let ui = match first {
            Some(f) if !generic.iter().any(|g| f.eq_ignore_ascii_case(g)) => {
                format!(
                    "\"{}\", sans-serif",
                    f.replace('\\', "\\\\").replace('"', "\\\"")
                )
            }
            _ => "sans-serif".to_owned(),
        };
        Fonts {
            ui,
            mono: "monospace".to_owned(),
        }
    }
}

impl Boot {
    /// Reads the window's first frame from `store`, creating the first workspace if there is
    /// none, drawn in `fonts`.
    pub fn read(store: &Store, fonts: Fonts) -> Result<Boot, StoreError> {
        let first = store.ensure_workspace()?;
        Ok(Boot {
            fonts,
            look: store.look()?,
            workspaces: store.workspaces()?,
            tree: store.tree(first.id)?,
        })
    }

    /// The initialization script that hands `self` to the page: a JSON text in a string
    /// literal, parsed there (quicker than a literal object for a big tree).
    pub fn script(&self) -> Result<String, serde_json::Error> {
        let json = serde_json::to_string(self)?;
        let literal = serde_json::to_string(&json)?;
        Ok(format!(
            "Object.defineProperty(window, '{GLOBAL}', \
             {{ value: JSON.parse({literal}), configurable: true, writable: true }});"
        ))
    }
}

/// The family of the desktop's interface font: GTK's `gtk-font-name` ("Cantarell 11",
/// "Ubuntu 11") without its size. Call it on the main thread once GTK is up (in Tauri's
/// `setup`).
#[cfg(target_os = "linux")]
pub fn desktop_font() -> Option<String> {
    use gtk::prelude::GtkSettingsExt;
    let name = gtk::Settings::default()?.gtk_font_name()?;
    gtk::pango::FontDescription::from_string(&name)
        .family()
        .map(|f| f.to_string())
}

/// Elsewhere fontconfig's choice is used.
#[cfg(not(target_os = "linux"))]
pub fn desktop_font() -> Option<String> {
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_interface_font_is_the_desktop_s_first_family_then_sans_serif() {
        let ui = |f: Option<&str>| Fonts::for_family(f).ui;
        assert_eq!(ui(Some("Cantarell")), r#""Cantarell", sans-serif"#);
        assert_eq!(ui(Some("Ubuntu, Sans")), r#""Ubuntu", sans-serif"#);
        assert_eq!(ui(Some(" Noto Sans ")), r#""Noto Sans", sans-serif"#);
        assert_eq!(
            ui(Some(r#"Odd "Quoted" \ Name"#)),
            r#""Odd \"Quoted\" \\ Name", sans-serif"#
        );
        for generic in ["Sans", "sans-serif", "System-UI", "", "Bad\nName"] {
            assert_eq!(ui(Some(generic)), "sans-serif", "{generic:?}");
        }
        assert_eq!(ui(None), "sans-serif");
        assert_eq!(Fonts::for_family(None).mono, "monospace");
    }

    #[test]
    fn a_new_store_boots_on_its_first_workspace_and_the_script_carries_it_as_json() {
        let dir = tempfile::tempdir().expect("temp dir");
        let store = Store::open_dir(dir.path()).expect("opens");
        let boot = Boot::read(&store, Fonts::for_family(Some("Cantarell"))).expect("reads");
        assert_eq!(boot.workspaces.len(), 1, "the first workspace is created");
        assert_eq!(boot.tree.workspace.id, boot.workspaces[0].id);
        assert_eq!(store.workspaces().expect("lists").len(), 1, "and stored");

        let script = boot.script().expect("serialises");
        let prefix = "Object.defineProperty(window, '__LOCALPOST_BOOT__', { value: JSON.parse(";
        let suffix = "), configurable: true, writable: true });";
        let literal = script
            .strip_prefix(prefix)
            .and_then(|s| s.strip_suffix(suffix))
            .expect("the script's shape");
        let json: String = serde_json::from_str(literal).expect("a string literal");
        let value: serde_json::Value = serde_json::from_str(&json).expect("JSON");
        assert_eq!(value["fonts"]["ui"], r#""Cantarell", sans-serif"#);
        assert_eq!(value["look"]["theme"], "system");
        assert_eq!(
            value["workspaces"][0]["name"],
            boot.workspaces[0].name.as_str()
        );
    }
}
