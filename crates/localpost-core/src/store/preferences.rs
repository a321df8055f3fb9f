//! The app's preferences: one JSON value in the one row of `preferences`.
//!
//! Secrets inside (a custom proxy's password, client certificate passphrases) are sealed as
//! in every other settings column (see `sealing`); a store without the data key refuses to
//! write one rather than keep it plain. A store that never saved preferences reads the
//! defaults.

use rusqlite::Transaction;
use serde_json::Value;

use std::path::Path;

use super::codec::{decode, encode};
use super::{Result, Store, rows};
use crate::model::{ChosenFile, FileReads, Look, Preferences};

/// The only row id of the table.
const ROW: i64 = 1;

fn read(conn: &rusqlite::Connection) -> Result<Option<Preferences>> {
    let text = rows::first(
        conn,
        "SELECT value FROM preferences WHERE id = ?1",
        [ROW],
        |row| Ok(row.get::<_, String>(0)?),
    )?;
    text.map(|t| decode("preferences", ROW, "value", &t))
        .transpose()
}

impl Store {
    /// The preferences, secrets opened; the defaults when none were saved.
    pub fn preferences(&self) -> Result<Preferences> {
        let stored = read(&self.lock())?;
        let Some(mut prefs) = stored else {
            return Ok(Preferences::default());
        };
        self.open_settings(&mut prefs.settings, "preferences", ROW)?;
        Ok(prefs.clamped())
    }

    /// The look of the preferences (the defaults when none were saved), without opening any
    /// sealed value: what the window's first frame is drawn with.
    pub fn look(&self) -> Result<Look> {
        let stored = read(&self.lock())?;
        Ok(stored.unwrap_or_default().clamped().look())
    }

    /// How many history entries each workspace keeps, without opening any sealed value.
    pub fn history_limit(&self) -> Result<u64> {
        let stored = read(&self.lock())?;
        Ok(stored.unwrap_or_default().clamped().history_limit)
    }

    /// Replaces the preferences (numbers brought into range, secrets sealed) and returns them
    /// as stored, secrets opened.
    pub fn set_preferences(&self, prefs: &Preferences) -> Result<Preferences> {
        self.replace_preferences(prefs, Files::AsGiven)
    }

    /// [`Store::set_preferences`], but the stored [`FileReads`] stay as they are whatever
    /// `prefs` says: how the app saves what its window edits, since the window may not
    /// widen the files its sends read.
    pub fn set_preferences_but_files(&self, prefs: &Preferences) -> Result<Preferences> {
        self.replace_preferences(prefs, Files::Kept)
    }

    /// Changes the stored [`FileReads`] with `edit` in one write, the rest of the preferences
    /// (sealed values included) left as stored; returns the rules as written.
    pub fn edit_file_reads(&self, edit: impl FnOnce(FileReads) -> FileReads) -> Result<FileReads> {
        self.write(|tx| {
            let mut stored = read(tx)?.unwrap_or_default();
            stored.files = edit(stored.files);
            tx.execute(
                "INSERT INTO preferences (id, value) VALUES (?1, ?2)
                 ON CONFLICT (id) DO UPDATE SET value = excluded.value",
                (ROW, &encode(&stored)?),
            )?;
            Ok(stored.files)
        })
    }

    /// Replaces the stored [`FileReads`], nothing else.
    pub fn set_file_reads(&self, reads: &FileReads) -> Result<FileReads> {
        self.edit_file_reads(|_| reads.clone())
    }

    /// Notes that the user chose `path` in the app's file dialog and returns what a request
    /// keeps of it: the path relative to the working directory when inside it (as Postman
    /// keeps it), else the path itself, added to [`FileReads::chosen`] so sends may read it.
    pub fn choose_file(&self, path: &Path) -> Result<ChosenFile> {
        let whole = path.to_string_lossy().into_owned();
        let mut chosen = ChosenFile {
            path: whole.clone(),
            in_working_dir: false,
        };
        self.edit_file_reads(|reads| {
            if let Some(dir) = &reads.working_dir
                && let Ok(inside) = path.strip_prefix(dir)
                && leads_inside(path, Path::new(dir))
            {
                chosen = ChosenFile {
                    path: inside.to_string_lossy().into_owned(),
                    in_working_dir: true,
                };
                return reads;
            }
            reads.with_chosen(&whole)
        })?;
        Ok(chosen)
    }

    /// Writes `prefs` in one transaction, its file rules as [`Files`] says.
    fn replace_preferences(&self, prefs: &Preferences, files: Files) -> Result<Preferences> {
        let mut sealed = prefs.clone().clamped();
        sealed.settings = self.seal_settings(&sealed.settings)?;
        self.write(|tx| {
            if files == Files::Kept {
                sealed.files = read(tx)?.unwrap_or_default().files;
            }
            tx.execute(
                "INSERT INTO preferences (id, value) VALUES (?1, ?2)
                 ON CONFLICT (id) DO UPDATE SET value = excluded.value",
                (ROW, &encode(&sealed)?),
            )?;
            Ok(())
        })?;
        self.preferences()
    }
}

/// Whether a write of the preferences takes their file rules or keeps the stored ones.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Files {
    AsGiven,
    Kept,
}

/// Whether `path`, which is inside `dir` as written, is also inside where links lead (a path
/// that does not resolve is judged as written).
fn leads_inside(path: &Path, dir: &Path) -> bool {
    match (path.canonicalize(), dir.canonicalize()) {
        (Ok(real), Ok(real_dir)) => real.starts_with(real_dir),
        _ => true,
    }
}

/// Rewrites the sealed secrets of the stored preferences with `f` (re-sealed, or emptied by a
/// wipe), in the caller's transaction; returns how many it rewrote.
pub(super) fn rewrite_sealed(
    tx: &Transaction<'_>,
    f: &impl Fn(&str, &[u8]) -> Result<Value>,
) -> Result<usize> {
    let Some(mut prefs) = read(tx)? else {
        return Ok(0);
    };
    let changed = super::sealing::rewrite_settings_secrets(&mut prefs.settings, f)?;
    if changed > 0 {
        tx.execute(
            "UPDATE preferences SET value = ?1 WHERE id = ?2",
            (encode(&prefs)?, ROW),
        )?;
    }
    Ok(changed)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{Layout, Panes, ProxyMode, ProxySettings, RequestSettings, Theme};
    use crate::vault::{MemoryKeychain, Vault};
    use std::sync::Arc;

    fn custom_proxy(password: &str) -> Preferences {
        Preferences {
            theme: Theme::Dark,
            layout: Layout::SideBySide,
            panes: Panes {
                sidebar_width: 420,
                stacked_split: 0.3,
                side_by_side_split: 0.65,
            },
            font_size: 16,
            history_limit: 3,
            settings: RequestSettings {
                timeout_ms: Some(1500),
                proxy: Some(ProxySettings {
                    mode: ProxyMode::Custom,
                    url: "http://127.0.0.1:3128".into(),
                    username: "me".into(),
                    password: password.into(),
                    no_proxy: "localhost".into(),
                }),
                ..RequestSettings::default()
            },
            files: crate::model::FileReads {
                working_dir: Some("/home/me/api-files".into()),
                read_outside: false,
                chosen: vec!["/home/me/Downloads/avatar.png".into()],
            },
        }
    }

    fn sealed_store(dir: &std::path::Path) -> Store {
        let vault = Vault::new(MemoryKeychain::default());
        Store::open_dir(dir)
            .expect("opens")
            .with_sealer(Arc::new(vault))
    }

    #[test]
    fn a_new_store_reads_the_defaults_and_saved_ones_read_back_after_reopening() {
        let dir = tempfile::tempdir().expect("temp dir");
        let path = dir.path().join(super::super::FILE_NAME);
        {
            let store = Store::open(&path).expect("opens");
            assert_eq!(store.preferences().expect("reads"), Preferences::default());
            let mut prefs = custom_proxy("");
            prefs.font_size = 99;
            let saved = store.set_preferences(&prefs).expect("saves");
            assert_eq!(saved.font_size, 24, "clamped");
        }
        let again = Store::open(&path).expect("reopens");
        let read = again.preferences().expect("reads");
        assert_eq!((read.theme, read.layout), (Theme::Dark, Layout::SideBySide));
        assert_eq!(read.panes, custom_proxy("").panes, "pane sizes kept");
        assert_eq!(read.settings.timeout_ms, Some(1500));
    }

    #[test]
    fn the_proxy_password_is_sealed_at_rest_and_refused_without_a_key() {
        let dir = tempfile::tempdir().expect("temp dir");
        let store = sealed_store(dir.path());
        let saved = store
            .set_preferences(&custom_proxy("hunter2-proxy"))
            .expect("saves");
        let proxy = saved.settings.proxy.expect("proxy kept");
        assert_eq!(proxy.password, "hunter2-proxy", "opened when read");
        let raw: String = store
            .lock()
            .query_row("SELECT value FROM preferences", [], |r| r.get(0))
            .expect("row");
        assert!(!raw.contains("hunter2-proxy"), "{raw}");
        assert!(raw.contains("sealed:v1:"), "{raw}");

        let plain = Store::open_dir(dir.path()).expect("opens without a key");
        let e = plain
            .set_preferences(&custom_proxy("other"))
            .expect_err("no sealer");
        assert!(e.to_string().contains("settings.proxy.password"), "{e}");
        let e = plain.preferences().expect_err("cannot open it");
        assert!(e.to_string().contains("preferences"), "{e}");

        assert_eq!(store.wipe_sealed().expect("wipes"), 1);
        let wiped = store.preferences().expect("reads");
        assert_eq!(wiped.settings.proxy.expect("kept").password, "");
    }

    #[test]
    fn editing_the_file_rules_leaves_the_sealed_rest_as_stored() {
        let dir = tempfile::tempdir().expect("temp dir");
        let store = sealed_store(dir.path());
        store
            .set_preferences(&custom_proxy("hunter2-proxy"))
            .expect("saves");
        let reads = store
            .edit_file_reads(|r| r.with_chosen("/tmp/b.bin"))
            .expect("edits");
        assert_eq!(
            reads.chosen,
            ["/home/me/Downloads/avatar.png", "/tmp/b.bin"]
        );
        let raw: String = store
            .lock()
            .query_row("SELECT value FROM preferences", [], |r| r.get(0))
            .expect("row");
        assert!(!raw.contains("hunter2-proxy"), "still sealed: {raw}");
        let read = store.preferences().expect("reads");
        assert_eq!(read.files, reads);
        assert_eq!(read.settings.proxy.expect("kept").password, "hunter2-proxy");
        assert_eq!(read.font_size, 16);
    }
}
