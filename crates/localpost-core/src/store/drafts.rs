//! Drafts: a request's unsaved edits in the desktop app, kept so that nothing typed is lost on
//! close or crash.
//!
//! A request has at most one draft (`drafts.id` is the item's id). The draft is the whole
//! request as edited; its auth and settings are written as the item's are (credentials and
//! settings secrets sealed with the store's [`Sealer`](super::Sealer), whatever the workspace's
//! class: see `sealing`), so a draft keeps no secret in the clear that the request itself would
//! not. Examples are not part of a draft: they stay the item's. [`Store::save_request`] writes
//! a draft into its item and drops it in one transaction; a draft goes with its request (the
//! foreign key cascades), and [`Store::wipe_sealed`] and [`Store::reseal`] cover it.
//!
//! This file does not decide when the app writes a draft or what a tab shows.

use rusqlite::{Connection, OptionalExtension};

use super::codec::{decode, encode, encode_variables};
use super::{Result, Store, rows};
use crate::model::{Auth, DraftHead, NodeId, Request, RequestId, RequestSettings, WorkspaceId};

/// A draft row as stored: the request as edited and its auth and settings, still sealed.
struct Row {
    request: Request,
    auth: Auth,
    settings: RequestSettings,
}

fn read(conn: &Connection, id: RequestId) -> Result<Option<Row>> {
    let found = conn
        .query_row(
            "SELECT content, auth, settings FROM drafts WHERE id = ?1",
            [id.0],
            |r| {
                Ok((
                    r.get::<_, String>(0)?,
                    r.get::<_, String>(1)?,
                    r.get::<_, String>(2)?,
                ))
            },
        )
        .optional()?;
    let Some((content, auth, settings)) = found else {
        return Ok(None);
    };
    Ok(Some(Row {
        request: decode("drafts", id.0, "content", &content)?,
        auth: decode("drafts", id.0, "auth", &auth)?,
        settings: decode("drafts", id.0, "settings", &settings)?,
    }))
}

/// Drops the draft of `id`, if any, in the caller's transaction. Returns whether there was one.
pub(crate) fn drop_draft(conn: &Connection, id: RequestId) -> Result<bool> {
    Ok(conn.execute("DELETE FROM drafts WHERE id = ?1", [id.0])? > 0)
}

impl Store {
    /// Keeps `draft` as the unsaved edits of request `draft.id`, replacing any earlier draft.
    ///
    /// The name may be empty and the method anything while the user types: both are checked
    /// when the draft is saved into the request ([`Store::save_request`]). Its examples are
    /// ignored (they stay the item's). Fails with `NotFound` when the request is gone, and
    /// like [`Store::update_request`] on a credential it cannot seal or a secret variable
    /// holding its value.
    pub fn save_draft(&self, draft: &Request) -> Result<()> {
        let auth = encode(&self.seal_auth(&draft.auth)?)?;
        let settings = encode(&self.seal_settings(&draft.settings)?)?;
        encode_variables(&draft.variables)?;
        let mut content = draft.clone();
        content.auth = Auth::default();
        content.settings = RequestSettings::default();
        content.examples = Vec::new();
        let content = encode(&content)?;
        self.write(|tx| {
            super::items::place_of(tx, NodeId::Request(draft.id))?;
            tx.execute(
                "INSERT INTO drafts (id, content, auth, settings) VALUES (?1, ?2, ?3, ?4)
                 ON CONFLICT (id) DO UPDATE SET content = excluded.content,
                     auth = excluded.auth, settings = excluded.settings,
                     updated_at = unixepoch()",
                (draft.id.0, &content, &auth, &settings),
            )?;
            Ok(())
        })
    }

    /// The unsaved edits of request `id`, whole (credentials opened; the examples, place and
    /// ids are the request's as stored now), or `None` when it has no draft.
    pub fn draft(&self, id: RequestId) -> Result<Option<Request>> {
        let Some(row) = read(&self.lock(), id)? else {
            return Ok(None);
        };
        let stored = self.request(id)?;
        let Row {
            mut request,
            mut auth,
            mut settings,
        } = row;
        self.open_auth(&mut auth, "drafts", id.0)?;
        self.open_settings(&mut settings, "drafts", id.0)?;
        request.id = stored.id;
        request.collection_id = stored.collection_id;
        request.folder_id = stored.folder_id;
        request.position = stored.position;
        request.examples = stored.examples;
        request.auth = auth;
        request.settings = settings;
        Ok(Some(request))
    }

    /// Request `id` as the user sees it in the app: its draft when it has one, else as saved.
    pub fn request_as_edited(&self, id: RequestId) -> Result<Request> {
        match self.draft(id)? {
            Some(draft) => Ok(draft),
            None => self.request(id),
        }
    }

    /// Drops the unsaved edits of request `id`. Returns whether it had any.
    pub fn discard_draft(&self, id: RequestId) -> Result<bool> {
        self.write(|tx| drop_draft(tx, id))
    }

    /// The requests of `workspace` that have a draft, by id, with their name and method as
    /// edited.
    pub fn draft_heads(&self, workspace: WorkspaceId) -> Result<Vec<DraftHead>> {
        rows::all(
            &self.lock(),
            "SELECT drafts.id, COALESCE(json_extract(drafts.content, '$.name'), ''),
                    COALESCE(json_extract(drafts.content, '$.method'), '')
             FROM drafts JOIN items ON items.id = drafts.id
                         JOIN collections ON collections.id = items.collection_id
             WHERE collections.workspace_id = ?1
             ORDER BY drafts.id",
            [workspace.0],
            |row| {
                Ok(DraftHead {
                    request_id: RequestId(row.get(0)?),
                    name: row.get(1)?,
                    method: row.get(2)?,
                })
            },
        )
    }
}
