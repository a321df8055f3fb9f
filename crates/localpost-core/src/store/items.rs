//! The folder/request tree of a collection: create, read, update, rename, delete, move.
//!
//! Folders and requests live in one `items` table so that siblings share one ordering, as in a
//! Postman `item[]` array.

use rusqlite::{Connection, OptionalExtension, Row, Transaction};

use super::codec::{column, encode, encode_variables, name};
use super::examples::{self, Scope};
use super::{Result, Store, StoreError, collections, order, rows};
use crate::model::{
    CollectionId, Folder, FolderId, NewFolder, NewRequest, NodeId, Parent, Protocol, Request,
    RequestId, WorkspaceId,
};

const FOLDER_COLUMNS: &str = "id, collection_id, parent_id, name, position, description, auth, \
                              scripts, variables, settings, extra";
const REQUEST_COLUMNS: &str = "id, collection_id, parent_id, name, position, method, url, \
                               description, params, path_variables, headers, body, auth, scripts, \
                               settings, examples, extra, variables, protocol, messages, grpc, \
                               socketio";
const SIBLINGS: &str =
    "SELECT id FROM items WHERE collection_id = ?1 AND parent_id IS ?2 ORDER BY position, id";

/// The place of one item in the tree.
pub(crate) struct Place {
    /// Its collection.
    pub(crate) collection: i64,
    /// Its folder, `None` at the top of the collection.
    pub(crate) parent: Option<i64>,
    kind: String,
}

fn what(node: NodeId) -> &'static str {
    match node {
        NodeId::Folder(_) => "folder",
        NodeId::Request(_) => "request",
    }
}

fn kind(node: NodeId) -> &'static str {
    what(node)
}

/// Where `node` sits, or `NotFound` if no item of that kind has its id.
pub(crate) fn place_of(conn: &Connection, node: NodeId) -> Result<Place> {
    let found = conn
        .query_row(
            "SELECT collection_id, parent_id, kind FROM items WHERE id = ?1",
            [node.raw()],
            |r| {
                Ok(Place {
                    collection: r.get(0)?,
                    parent: r.get(1)?,
                    kind: r.get(2)?,
                })
            },
        )
        .optional()?;
    match found {
        Some(place) if place.kind == kind(node) => Ok(place),
        _ => Err(StoreError::NotFound {
            what: what(node),
            id: node.raw(),
        }),
    }
}

/// The collection and parent row for a new or moved item.
fn resolve(conn: &Connection, parent: Parent) -> Result<(i64, Option<i64>)> {
    match parent {
        Parent::Collection(id) => {
            collections::get(conn, id)?;
            Ok((id.0, None))
        }
        Parent::Folder(id) => {
            let place = place_of(conn, NodeId::Folder(id))?;
            Ok((place.collection, Some(id.0)))
        }
    }
}

fn next_position(tx: &Transaction<'_>, collection: i64, parent: Option<i64>) -> Result<i64> {
    Ok(tx.query_row(
        "SELECT COALESCE(MAX(position) + 1, 0) FROM items
         WHERE collection_id = ?1 AND parent_id IS ?2",
        (collection, parent),
        |r| r.get(0),
    )?)
}

/// How `protocol` is written in the `protocol` column.
pub(crate) fn protocol_text(protocol: Protocol) -> &'static str {
    match protocol {
        Protocol::Http => "http",
        Protocol::WebSocket => "websocket",
        Protocol::Grpc => "grpc",
        Protocol::SocketIo => "socketio",
    }
}

pub(crate) fn protocol_of(text: &str, id: i64) -> Result<Protocol> {
    match text {
        "http" => Ok(Protocol::Http),
        "websocket" => Ok(Protocol::WebSocket),
        "grpc" => Ok(Protocol::Grpc),
        "socketio" => Ok(Protocol::SocketIo),
        other => Err(StoreError::Corrupt {
            table: "items",
            id,
            column: "protocol",
            reason: format!("unknown protocol {other:?}"),
        }),
    }
}

fn folder_from_row(row: &Row<'_>) -> Result<Folder> {
    let id: i64 = row.get(0)?;
    Ok(Folder {
        id: FolderId(id),
        collection_id: CollectionId(row.get(1)?),
        parent_id: row.get::<_, Option<i64>>(2)?.map(FolderId),
        name: row.get(3)?,
        position: row.get(4)?,
        description: row.get(5)?,
        auth: column(row, 6, "items", id, "auth")?,
        scripts: column(row, 7, "items", id, "scripts")?,
        variables: column(row, 8, "items", id, "variables")?,
        settings: column(row, 9, "items", id, "settings")?,
        extra: column(row, 10, "items", id, "extra")?,
    })
}

/// A request as read, its examples still as stored (possibly sealed).
pub(crate) struct RequestRow {
    request: Request,
    examples: examples::Stored,
}

fn request_from_row(row: &Row<'_>) -> Result<RequestRow> {
    let id: i64 = row.get(0)?;
    let examples = examples::read(&row.get::<_, String>(15)?, id)?;
    let request = Request {
        id: RequestId(id),
        collection_id: CollectionId(row.get(1)?),
        folder_id: row.get::<_, Option<i64>>(2)?.map(FolderId),
        name: row.get(3)?,
        position: row.get(4)?,
        protocol: protocol_of(&row.get::<_, String>(18)?, id)?,
        method: row.get(5)?,
        url: row.get(6)?,
        description: row.get(7)?,
        params: column(row, 8, "items", id, "params")?,
        path_variables: column(row, 9, "items", id, "path_variables")?,
        headers: column(row, 10, "items", id, "headers")?,
        body: column(row, 11, "items", id, "body")?,
        auth: column(row, 12, "items", id, "auth")?,
        scripts: column(row, 13, "items", id, "scripts")?,
        settings: column(row, 14, "items", id, "settings")?,
        examples: Vec::new(),
        extra: column(row, 16, "items", id, "extra")?,
        variables: column(row, 17, "items", id, "variables")?,
        messages: column(row, 19, "items", id, "messages")?,
        grpc: column(row, 20, "items", id, "grpc")?,
        socketio: column(row, 21, "items", id, "socketio")?,
    };
    Ok(RequestRow { request, examples })
}

pub(crate) fn get_folder(conn: &Connection, id: FolderId) -> Result<Folder> {
    let sql = format!("SELECT {FOLDER_COLUMNS} FROM items WHERE id = ?1 AND kind = 'folder'");
    rows::by_id(conn, &sql, "folder", id.0, folder_from_row)
}

pub(crate) fn get_request(conn: &Connection, id: RequestId) -> Result<RequestRow> {
    let sql = format!("SELECT {REQUEST_COLUMNS} FROM items WHERE id = ?1 AND kind = 'request'");
    rows::by_id(conn, &sql, "request", id.0, request_from_row)
}

/// Deletes `node` (with everything below it) in the caller's transaction.
pub(crate) fn delete(tx: &Transaction<'_>, node: NodeId) -> Result<()> {
    let place = place_of(tx, node)?;
    tx.execute("DELETE FROM items WHERE id = ?1", [node.raw()])?;
    let rest = order::sibling_ids(tx, SIBLINGS, &[&place.collection, &place.parent])?;
    order::renumber(tx, "items", &rest)
}

/// Whether `folder` is `ancestor` or lies somewhere below it.
fn is_within(conn: &Connection, folder: i64, ancestor: i64) -> Result<bool> {
    Ok(conn.query_row(
        "WITH RECURSIVE up(id, depth) AS (
             SELECT ?1, 0
             UNION ALL
             SELECT items.parent_id, up.depth + 1 FROM items JOIN up ON items.id = up.id
             WHERE items.parent_id IS NOT NULL AND up.depth < 10000
         )
         SELECT EXISTS (SELECT 1 FROM up WHERE id = ?2)",
        (folder, ancestor),
        |r| r.get(0),
    )?)
}

impl Store {
    /// Creates an empty folder after its new siblings.
    pub fn create_folder(&self, new: NewFolder) -> Result<Folder> {
        let folder_name = name("folder", &new.name)?;
        self.write(|tx| {
            let (collection, parent) = resolve(tx, new.parent)?;
            let position = next_position(tx, collection, parent)?;
            tx.execute(
                "INSERT INTO items (collection_id, parent_id, kind, name, position)
                 VALUES (?1, ?2, 'folder', ?3, ?4)",
                (collection, parent, &folder_name, position),
            )?;
            get_folder(tx, FolderId(tx.last_insert_rowid()))
        })
    }

    /// Creates a request after its new siblings.
    pub fn create_request(&self, new: NewRequest) -> Result<Request> {
        let request_name = name("request", &new.name)?;
        let method = match new.method.trim() {
            "" => "GET".to_string(),
            m => m.to_string(),
        };
        self.write(|tx| {
            let (collection, parent) = resolve(tx, new.parent)?;
            let position = next_position(tx, collection, parent)?;
            tx.execute(
                "INSERT INTO items (collection_id, parent_id, kind, name, position, method, url,
                                    protocol)
                 VALUES (?1, ?2, 'request', ?3, ?4, ?5, ?6, ?7)",
                (
                    collection,
                    parent,
                    &request_name,
                    position,
                    &method,
                    &new.url,
                    protocol_text(new.protocol),
                ),
            )?;
            get_request(tx, RequestId(tx.last_insert_rowid()))
        })
        .and_then(|r| self.opened_request(r))
    }

    /// One folder.
    pub fn folder(&self, id: FolderId) -> Result<Folder> {
        let folder = get_folder(&self.lock(), id)?;
        self.opened_folder(folder)
    }

    /// One request, whole.
    pub fn request(&self, id: RequestId) -> Result<Request> {
        let request = get_request(&self.lock(), id)?;
        self.opened_request(request)
    }

    /// `folder` with its sealed credentials opened.
    pub(crate) fn opened_folder(&self, mut folder: Folder) -> Result<Folder> {
        self.open_auth(&mut folder.auth, "items", folder.id.0)?;
        self.open_settings(&mut folder.settings, "items", folder.id.0)?;
        Ok(folder)
    }

    /// `row`'s request with its sealed credentials and examples opened.
    pub(crate) fn opened_request(&self, row: RequestRow) -> Result<Request> {
        let RequestRow {
            mut request,
            examples,
        } = row;
        self.open_auth(&mut request.auth, "items", request.id.0)?;
        self.open_settings(&mut request.settings, "items", request.id.0)?;
        request.examples = self.open_examples(examples, request.id.0)?;
        Ok(request)
    }

    /// Replaces a folder's auth, default settings and scripts, leaving the rest alone.
    pub fn set_folder_settings(
        &self,
        id: FolderId,
        parent: &crate::model::ParentSettings,
    ) -> Result<Folder> {
        let mut folder = self.folder(id)?;
        folder.auth = parent.auth.clone();
        folder.settings = parent.settings.clone();
        folder.scripts = parent.scripts.clone();
        self.update_folder(&folder)
    }

    /// Replaces a folder's name and Markdown description, leaving the rest alone.
    pub fn set_folder_overview(
        &self,
        id: FolderId,
        new_name: &str,
        description: &str,
    ) -> Result<Folder> {
        let mut folder = self.folder(id)?;
        folder.name = new_name.to_owned();
        folder.description = description.to_owned();
        self.update_folder(&folder)
    }

    /// Saves a folder's editable fields. Its place changes only through [`Store::move_node`].
    pub fn update_folder(&self, folder: &Folder) -> Result<Folder> {
        let folder_name = name("folder", &folder.name)?;
        let (auth, scripts, variables, settings, extra) = (
            encode(&self.seal_auth(&folder.auth)?)?,
            encode(&folder.scripts)?,
            encode_variables(&folder.variables)?,
            encode(&self.seal_settings(&folder.settings)?)?,
            encode(&folder.extra)?,
        );
        self.write(|tx| {
            place_of(tx, NodeId::Folder(folder.id))?;
            tx.execute(
                "UPDATE items SET name = ?1, description = ?2, auth = ?3, scripts = ?4,
                        variables = ?5, settings = ?6, extra = ?7, updated_at = unixepoch()
                 WHERE id = ?8",
                (
                    &folder_name,
                    &folder.description,
                    &auth,
                    &scripts,
                    &variables,
                    &settings,
                    &extra,
                    folder.id.0,
                ),
            )?;
            get_folder(tx, folder.id)
        })
        .and_then(|f| self.opened_folder(f))
    }

    /// Saves a request's editable fields. Its place changes only through [`Store::move_node`].
    /// A draft of it (the app's unsaved edits) is left alone.
    pub fn update_request(&self, request: &Request) -> Result<Request> {
        self.write_request(request, false)
    }

    /// Saves a request's editable fields and drops its draft, in one transaction: the app's
    /// Save (Ctrl+S) of what the user edited.
    pub fn save_request(&self, request: &Request) -> Result<Request> {
        self.write_request(request, true)
    }

    fn write_request(&self, request: &Request, drop_draft: bool) -> Result<Request> {
        let request_name = name("request", &request.name)?;
        let method = match request.method.trim() {
            "" => "GET".to_string(),
            m => m.to_string(),
        };
        let json = [
            encode(&request.params)?,
            encode(&request.path_variables)?,
            encode(&request.headers)?,
            encode(&request.body)?,
            encode(&self.seal_auth(&request.auth)?)?,
            encode(&request.scripts)?,
            encode(&self.seal_settings(&request.settings)?)?,
            encode(&request.extra)?,
            encode_variables(&request.variables)?,
            encode(&request.messages)?,
            encode(&request.grpc)?,
            encode(&request.socketio)?,
        ];
        self.write(|tx| {
            place_of(tx, NodeId::Request(request.id))?;
            let class = examples::class_of_item(tx, request.id.0)?;
            let examples = self.encode_examples(&request.examples, class)?;
            tx.execute(
                "UPDATE items SET name = ?1, method = ?2, url = ?3, description = ?4,
                        params = ?5, path_variables = ?6, headers = ?7, body = ?8, auth = ?9,
                        scripts = ?10, settings = ?11, examples = ?12, extra = ?13,
                        variables = ?14, protocol = ?16, messages = ?17, grpc = ?18,
                        socketio = ?19,
                        updated_at = unixepoch()
                 WHERE id = ?15",
                rusqlite::params![
                    &request_name,
                    &method,
                    &request.url,
                    &request.description,
                    &json[0],
                    &json[1],
                    &json[2],
                    &json[3],
                    &json[4],
                    &json[5],
                    &json[6],
                    &examples,
                    &json[7],
                    &json[8],
                    request.id.0,
                    protocol_text(request.protocol),
                    &json[9],
                    &json[10],
                    &json[11],
                ],
            )?;
            if drop_draft {
                super::drafts::drop_draft(tx, request.id)?;
            }
            get_request(tx, request.id)
        })
        .and_then(|r| self.opened_request(r))
    }

    /// Renames a folder or request.
    pub fn rename_node(&self, node: NodeId, new_name: &str) -> Result<()> {
        let new_name = name(what(node), new_name)?;
        self.write(|tx| {
            place_of(tx, node)?;
            tx.execute(
                "UPDATE items SET name = ?1, updated_at = unixepoch() WHERE id = ?2",
                (&new_name, node.raw()),
            )?;
            Ok(())
        })
    }

    /// The workspace folder or request `node` is in. Fails with `NotFound` when there is no
    /// such node.
    pub fn workspace_of_node(&self, node: NodeId) -> Result<WorkspaceId> {
        let conn = self.lock();
        let place = place_of(&conn, node)?;
        Ok(collections::get(&conn, CollectionId(place.collection))?.workspace_id)
    }

    /// The workspace `parent` (a collection, or a folder) is in: where a node created or moved
    /// under it lands. Fails with `NotFound` when there is no such parent.
    pub fn workspace_of_parent(&self, parent: Parent) -> Result<WorkspaceId> {
        let conn = self.lock();
        let (collection, _) = resolve(&conn, parent)?;
        Ok(collections::get(&conn, CollectionId(collection))?.workspace_id)
    }

    /// Deletes a folder (with everything below it) or a request.
    pub fn delete_node(&self, node: NodeId) -> Result<()> {
        self.write(|tx| delete(tx, node))
    }

    /// Moves a folder or request to `index` (clamped) among the children of `parent`, which may
    /// be in another collection of any workspace. A folder cannot move inside itself. Saved
    /// examples moving into a workspace of another class are sealed or opened to suit it.
    pub fn move_node(&self, node: NodeId, parent: Parent, index: usize) -> Result<()> {
        self.write(|tx| {
            let from = place_of(tx, node)?;
            let (collection, new_parent) = resolve(tx, parent)?;
            if let (NodeId::Folder(folder), Some(target)) = (node, new_parent)
                && is_within(tx, target, folder.0)?
            {
                return Err(StoreError::InvalidMove {
                    what: "folder",
                    id: folder.0,
                    reason: "a folder cannot go inside itself",
                });
            }
            if collection != from.collection {
                let class = examples::class_of_collection(tx, collection)?;
                tx.execute(
                    "WITH RECURSIVE down(id) AS (
                         SELECT ?1
                         UNION SELECT items.id FROM items JOIN down ON items.parent_id = down.id
                     )
                     UPDATE items SET collection_id = ?2 WHERE id IN (SELECT id FROM down)",
                    (node.raw(), collection),
                )?;
                examples::conform(self, tx, Scope::Below(node.raw()), class)?;
            }
            tx.execute(
                "UPDATE items SET parent_id = ?1, updated_at = unixepoch() WHERE id = ?2",
                (new_parent, node.raw()),
            )?;
            if (collection, new_parent) != (from.collection, from.parent) {
                let old = order::sibling_ids(tx, SIBLINGS, &[&from.collection, &from.parent])?;
                order::renumber(tx, "items", &old)?;
            }
            let siblings = order::sibling_ids(tx, SIBLINGS, &[&collection, &new_parent])?;
            order::place(tx, "items", siblings, node.raw(), index)
        })
    }
}
