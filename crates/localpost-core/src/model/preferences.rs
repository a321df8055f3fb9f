//! The app's preferences: how the window looks and the settings every send falls back on.
//!
//! One [`Preferences`] value per store, shared by the desktop app and the CLI. The look (theme,
//! font size, layout, the sizes of its panes in [`Panes`]) is only read by the window; [`Preferences::settings`] is the lowest level
//! of request settings, below the collection's (`http::Settings::from_preferences` resolves
//! it); [`Preferences::history_limit`] caps each workspace's history when a send is recorded;
//! [`Preferences::files`] says which files the app's sends may read.

use serde::{Deserialize, Serialize};
use ts_rs::TS;

use super::RequestSettings;

/// The window's colours.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS, Default)]
#[serde(rename_all = "camelCase")]
#[ts(export)]
pub enum Theme {
    /// Follow the system's light or dark setting, also when it changes.
    #[default]
    System,
    /// Always light.
    Light,
    /// Always dark.
    Dark,
}

/// Where the response panel sits beside the request editor.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS, Default)]
#[serde(rename_all = "camelCase")]
#[ts(export)]
pub enum Layout {
    /// Response below the request.
    #[default]
    Stacked,
    /// Response to the right of the request.
    SideBySide,
}

/// The sizes of the window's panes, as the user dragged them.
///
/// The sidebar keeps a width in pixels, so it stays as wide when the window grows; the split
/// between request and response is a share of the area they divide, so it follows the window.
/// The window may draw a pane smaller than stored when it is too narrow for it (it never
/// rewrites the stored size for that).
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase", default)]
#[ts(export)]
pub struct Panes {
    /// Width of the sidebar in CSS pixels (see [`SIDEBAR_WIDTHS`]).
    pub sidebar_width: u32,
    /// Share of the height the request takes above the response in the stacked layout (see
    /// [`SPLITS`]).
    pub stacked_split: f64,
    /// Share of the width the request takes left of the response side by side (see [`SPLITS`]).
    pub side_by_side_split: f64,
}

/// Narrowest and widest sidebar the preferences keep, in CSS pixels.
pub const SIDEBAR_WIDTHS: std::ops::RangeInclusive<u32> = 180..=800;

/// Smallest and largest share of the request in a request/response split.
pub const SPLITS: std::ops::RangeInclusive<f64> = 0.1..=0.9;

impl Default for Panes {
    fn default() -> Self {
        Panes {
            sidebar_width: 300,
            stacked_split: 0.45,
            side_by_side_split: 0.5,
        }
    }
}

impl Panes {
    /// The same sizes brought into [`SIDEBAR_WIDTHS`] and [`SPLITS`]; a split that is not a
    /// number at all (NaN, infinite) goes back to its default.
    pub fn clamped(self) -> Self {
        let defaults = Panes::default();
        let split = |value: f64, default: f64| {
            if value.is_finite() {
                value.clamp(*SPLITS.start(), *SPLITS.end())
            } else {
                default
            }
        };
        Panes {
            sidebar_width: self
                .sidebar_width
                .clamp(*SIDEBAR_WIDTHS.start(), *SIDEBAR_WIDTHS.end()),
            stacked_split: split(self.stacked_split, defaults.stacked_split),
            side_by_side_split: split(self.side_by_side_split, defaults.side_by_side_split),
        }
    }
}

/// Which files the app's sends and runs may read: the files a body names (a binary body, a
/// form part) and the certificate files of the settings. Postman's "working directory" with
/// "allow reading files outside working directory", plus the files the user chose in the
/// app's file dialog.
///
/// A send reads a file inside [`FileReads::working_dir`], or one of [`FileReads::chosen`],
/// or any file when [`FileReads::read_outside`] is on. The webview cannot change this value:
/// the shell keeps it out of a saved preferences value and changes it only through a native
/// dialog (see the shell's `files` commands). The CLI reads files as newman does
/// (`--working-dir`, `--no-insecure-file-read`).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS, Default)]
#[serde(rename_all = "camelCase", default)]
#[ts(export)]
pub struct FileReads {
    /// The directory relative paths resolve against and whose files may be read; `None` when
    /// the user set none (then only chosen files, or every file with `read_outside`).
    pub working_dir: Option<String>,
    /// Read files outside the working directory too (off unless the user confirmed it).
    pub read_outside: bool,
    /// Files the user chose in the app's file dialog, readable wherever they are; the newest
    /// last, at most [`CHOSEN_FILES`].
    pub chosen: Vec<String>,
}

/// A file the user chose in the app's file dialog, as a request keeps it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
#[ts(export)]
pub struct ChosenFile {
    /// Relative to the working directory when inside it, else the whole path.
    pub path: String,
    /// Whether it is inside the working directory (else it was added to the chosen files).
    pub in_working_dir: bool,
}

/// Most chosen files [`FileReads`] keeps; the oldest go first.
pub const CHOSEN_FILES: usize = 500;

impl FileReads {
    /// The same with `path` chosen: moved to the end when it was there, the oldest dropped
    /// beyond [`CHOSEN_FILES`].
    pub fn with_chosen(mut self, path: &str) -> Self {
        self.chosen.retain(|p| p != path);
        self.chosen.push(path.to_owned());
        let over = self.chosen.len().saturating_sub(CHOSEN_FILES);
        self.chosen.drain(..over);
        self
    }
}

/// Smallest and largest font size the window accepts, in CSS pixels.
pub const FONT_SIZES: std::ops::RangeInclusive<u32> = 10..=24;

/// History entries kept per workspace unless the user chose otherwise.
pub const DEFAULT_HISTORY_LIMIT: u64 = 1000;

/// The app's preferences. Every field has a default, so an empty or older stored value reads.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase", default)]
#[ts(export)]
pub struct Preferences {
    /// System, light or dark.
    pub theme: Theme,
    /// Base font size of the window in CSS pixels (see [`FONT_SIZES`]).
    pub font_size: u32,
    /// Request and response stacked or side by side.
    pub layout: Layout,
    /// The sizes of the sidebar and of the request/response split in each layout.
    pub panes: Panes,
    /// Most history entries kept per workspace; the oldest go first. At least 1.
    #[ts(type = "number")]
    pub history_limit: u64,
    /// Settings every request falls back on where neither it, its folders nor its collection
    /// set one (timeout, TLS verification, CA bundle, client certificates, proxy, redirects,
    /// HTTP version). `useCookies` and `scriptTimeoutMs` are not read here.
    pub settings: RequestSettings,
    /// Which files the app's sends may read.
    pub files: FileReads,
}

impl Default for Preferences {
    fn default() -> Self {
        Preferences {
            theme: Theme::System,
            font_size: 14,
            layout: Layout::Stacked,
            panes: Panes::default(),
            history_limit: DEFAULT_HISTORY_LIMIT,
            settings: RequestSettings::default(),
            files: FileReads::default(),
        }
    }
}

/// What of [`Preferences`] the window's first frame is drawn with: nothing sealed is in it.
#[derive(Debug, Clone, PartialEq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
#[ts(export)]
pub struct Look {
    /// As [`Preferences::theme`].
    pub theme: Theme,
    /// As [`Preferences::font_size`].
    pub font_size: u32,
    /// As [`Preferences::layout`].
    pub layout: Layout,
    /// As [`Preferences::panes`].
    pub panes: Panes,
}

impl Preferences {
    /// The look of these preferences.
    pub fn look(&self) -> Look {
        Look {
            theme: self.theme,
            font_size: self.font_size,
            layout: self.layout,
            panes: self.panes,
        }
    }

    /// The same preferences with out-of-range numbers brought into range: the font size into
    /// [`FONT_SIZES`], the history limit to at least 1, the panes as [`Panes::clamped`] says.
    pub fn clamped(mut self) -> Self {
        self.font_size = self.font_size.clamp(*FONT_SIZES.start(), *FONT_SIZES.end());
        self.panes = self.panes.clamped();
        self.history_limit = self.history_limit.max(1);
        self
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_empty_or_partial_value_reads_with_defaults() {
        let empty: Preferences = serde_json::from_str("{}").expect("reads");
        assert_eq!(empty, Preferences::default());
        let dark: Preferences =
            serde_json::from_str(r#"{"theme":"dark","layout":"sideBySide"}"#).expect("reads");
        assert_eq!((dark.theme, dark.layout), (Theme::Dark, Layout::SideBySide));
        assert_eq!(dark.font_size, 14);
    }

    #[test]
    fn clamping_keeps_numbers_usable() {
        let wild = Preferences {
            font_size: 200,
            history_limit: 0,
            ..Preferences::default()
        }
        .clamped();
        assert_eq!((wild.font_size, wild.history_limit), (24, 1));
    }

    #[test]
    fn pane_sizes_are_kept_within_bounds() {
        let wild = Preferences {
            panes: Panes {
                sidebar_width: 5,
                stacked_split: 1.5,
                side_by_side_split: f64::NAN,
            },
            ..Preferences::default()
        }
        .clamped();
        assert_eq!(
            wild.panes,
            Panes {
                sidebar_width: 180,
                stacked_split: 0.9,
                side_by_side_split: 0.5,
            }
        );
        let kept = Panes {
            sidebar_width: 420,
            stacked_split: 0.3,
            side_by_side_split: 0.65,
        };
        assert_eq!(kept.clamped(), kept, "sizes in range are kept as they are");
    }

    #[test]
    fn chosen_files_keep_the_newest_once_each_within_the_bound() {
        let mut reads = FileReads::default()
            .with_chosen("/a")
            .with_chosen("/b")
            .with_chosen("/a");
        assert_eq!(reads.chosen, ["/b", "/a"]);
        for i in 0..CHOSEN_FILES {
            reads = reads.with_chosen(&format!("/f{i}"));
        }
        assert_eq!(reads.chosen.len(), CHOSEN_FILES);
        assert_eq!(reads.chosen[0], "/f0", "/b and /a, the oldest, went first");
    }

    #[test]
    fn preferences_stored_before_panes_existed_read_the_default_sizes() {
        let old: Preferences =
            serde_json::from_str(r#"{"theme":"dark","fontSize":16,"historyLimit":5}"#)
                .expect("reads");
        assert_eq!(old.panes, Panes::default());
        let partial: Preferences =
            serde_json::from_str(r#"{"panes":{"sidebarWidth":240}}"#).expect("reads");
        assert_eq!(partial.panes.sidebar_width, 240);
        assert_eq!(partial.panes.stacked_split, Panes::default().stacked_split);
    }
}
