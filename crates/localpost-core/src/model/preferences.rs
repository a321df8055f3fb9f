//! The app's preferences: how the window looks and the settings every send falls back on.
//!
//! One [`Preferences`] value per store, shared by the desktop app and the CLI. The look (theme,
//! font size, layout) is only read by the window; [`Preferences::settings`] is the lowest level
//! of request settings, below the collection's (`http::Settings::from_preferences` resolves
//! it); [`Preferences::history_limit`] caps each workspace's history when a send is recorded.

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
    /// Most history entries kept per workspace; the oldest go first. At least 1.
    #[ts(type = "number")]
    pub history_limit: u64,
    /// Settings every request falls back on where neither it, its folders nor its collection
    /// set one (timeout, TLS verification, CA bundle, client certificates, proxy, redirects,
    /// HTTP version). `useCookies` and `scriptTimeoutMs` are not read here.
    pub settings: RequestSettings,
}

impl Default for Preferences {
    fn default() -> Self {
        Preferences {
            theme: Theme::System,
            font_size: 14,
            layout: Layout::Stacked,
            history_limit: DEFAULT_HISTORY_LIMIT,
            settings: RequestSettings::default(),
        }
    }
}

impl Preferences {
    /// The same preferences with out-of-range numbers brought into range: the font size into
    /// [`FONT_SIZES`], the history limit to at least 1.
    pub fn clamped(mut self) -> Self {
        self.font_size = self.font_size.clamp(*FONT_SIZES.start(), *FONT_SIZES.end());
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
}
