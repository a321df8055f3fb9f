//! What a request inherits from above: auth and settings from its folders and collection, and
//! the app's default settings.

use super::{Result, Settings};
use crate::model::{Auth, AuthMode, Collection, Folder, RequestSettings};

/// A request's ancestors, nearest first, and the app's default settings.
///
/// Auth walks up from the request through each ancestor to the first that does not inherit;
/// settings take each field from the nearest level that sets it, else from
/// [`Inheritance::app_settings`] (by default [`Settings::default`]). An empty `Inheritance` is a
/// request with no parents: `inherit` then means no auth.
///
/// ```
/// # use localpost_core::http::Inheritance;
/// # use localpost_core::model::{Collection, Folder};
/// # fn parents(folders: &[Folder], collection: &Collection) {
/// // `folders` nearest first: the request's folder, its parent folder, ...
/// let inheritance = Inheritance::from_parents(folders, collection);
/// # }
/// ```
#[derive(Debug, Clone, Default)]
pub struct Inheritance<'a> {
    levels: Vec<Level<'a>>,
    app: Settings,
}

#[derive(Debug, Clone, Copy)]
struct Level<'a> {
    auth: &'a Auth,
    settings: &'a RequestSettings,
}

impl<'a> Inheritance<'a> {
    /// No ancestors and the app's default settings.
    pub fn new() -> Self {
        Inheritance::default()
    }

    /// The folders holding a request, nearest first, then its collection.
    pub fn from_parents(folders: &'a [Folder], collection: &'a Collection) -> Self {
        let mut out = Inheritance::new();
        for folder in folders {
            out = out.parent(&folder.auth, &folder.settings);
        }
        out.parent(&collection.auth, &collection.settings)
    }

    /// Adds the next level up (for callers holding edited, unsaved parents).
    pub fn parent(mut self, auth: &'a Auth, settings: &'a RequestSettings) -> Self {
        self.levels.push(Level { auth, settings });
        self
    }

    /// Replaces the app's default settings (the top of the chain).
    pub fn app_settings(mut self, settings: Settings) -> Self {
        self.app = settings;
        self
    }

    /// Which ancestor a request whose own auth is `own` takes its auth from: `Some(i)` for the
    /// `i`-th level up (0 the nearest, in the order given to [`Inheritance::parent`]), `None`
    /// when `own` does not inherit or no ancestor sets a scheme (everything inherits).
    pub fn auth_level(&self, own: &Auth) -> Option<usize> {
        if own.mode != AuthMode::Inherit {
            return None;
        }
        self.levels
            .iter()
            .position(|l| l.auth.mode != AuthMode::Inherit)
    }

    /// Ancestors' auth, nearest first.
    pub(crate) fn auths(&self) -> impl Iterator<Item = &'a Auth> + '_ {
        self.levels.iter().map(|l| l.auth)
    }

    /// The settings in force for a request whose own settings are `own`.
    pub(crate) fn settings(&self, own: &RequestSettings) -> Result<Settings> {
        let top_down = self.levels.iter().rev().map(|l| l.settings);
        Settings::resolve(&self.app, top_down.chain(std::iter::once(own)))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn auth_level_names_the_first_ancestor_with_a_scheme() {
        let inherit = Auth::inherit();
        let none = Auth::with_params(AuthMode::None, &[]);
        let basic = Auth::with_params(AuthMode::Basic, &[("username", "u")]);
        let plain = RequestSettings::default();
        let chain = Inheritance::new()
            .parent(&inherit, &plain)
            .parent(&none, &plain)
            .parent(&basic, &plain);
        assert_eq!(chain.auth_level(&inherit), Some(1), "noauth stops the walk");
        assert_eq!(chain.auth_level(&basic), None, "its own scheme");
        let open = Inheritance::new().parent(&inherit, &plain);
        assert_eq!(open.auth_level(&inherit), None, "everything inherits");
    }
}
