/**
 * The desktop IPC: one typed function per Tauri command in `docs/ipc.md`.
 *
 * This is the only module that calls `invoke`. Command and argument names match the contract
 * verbatim (Tauri turns a Rust `workspace_id` into a JS `workspaceId`). A failed command rejects
 * with a `UiError` value; `toUiError` in `./ui-error.ts` normalises whatever arrives.
 */
import { Channel, invoke as tauriInvoke, type InvokeArgs } from '@tauri-apps/api/core';
import type { CallEvent } from './bindings/CallEvent';
import type { CallOutcome } from './bindings/CallOutcome';
import type { GrpcMethod } from './bindings/GrpcMethod';
import type { CachedSchema } from './bindings/CachedSchema';
import type { DocumentInfo } from './bindings/DocumentInfo';
import type { SocketEvent } from './bindings/SocketEvent';
import type { SocketIoEvent } from './bindings/SocketIoEvent';
import type { SocketOutcome } from './bindings/SocketOutcome';
import type { WebSocketMessage } from './bindings/WebSocketMessage';
import type { Found } from './bindings/Found';
import type { Lines } from './bindings/Lines';
import type { OpenOptions } from './bindings/OpenOptions';
import type { Preview } from './bindings/Preview';
import type { Source } from './bindings/Source';
import type { Classification } from './bindings/Classification';
import type { Collection } from './bindings/Collection';
import type { Content } from './bindings/Content';
import type { Duplicable } from './bindings/Duplicable';
import type { Cookie } from './bindings/Cookie';
import type { DataPreview } from './bindings/DataPreview';
import type { DraftHead } from './bindings/DraftHead';
import type { OpenTabs } from './bindings/OpenTabs';
import type { CookieId } from './bindings/CookieId';
import type { HistoryDetail } from './bindings/HistoryDetail';
import type { HistoryEntry } from './bindings/HistoryEntry';
import type { HistoryId } from './bindings/HistoryId';
import type { CollectionId } from './bindings/CollectionId';
import type { Environment } from './bindings/Environment';
import type { EnvironmentId } from './bindings/EnvironmentId';
import type { Example } from './bindings/Example';
import type { Exported } from './bindings/Exported';
import type { Header } from './bindings/Header';
import type { Folder } from './bindings/Folder';
import type { FolderId } from './bindings/FolderId';
import type { ImportPreview } from './bindings/ImportPreview';
import type { Preferences } from './bindings/Preferences';
import type { ImportReport } from './bindings/ImportReport';
import type { InheritedAuth } from './bindings/InheritedAuth';
import type { KeychainStatus } from './bindings/KeychainStatus';
import type { NewFolder } from './bindings/NewFolder';
import type { NewRequest } from './bindings/NewRequest';
import type { NodeId } from './bindings/NodeId';
import type { OnDuplicate } from './bindings/OnDuplicate';
import type { Parent } from './bindings/Parent';
import type { ReportFormat } from './bindings/ReportFormat';
import type { Request } from './bindings/Request';
import type { ParentSettings } from './bindings/ParentSettings';
import type { RequestId } from './bindings/RequestId';
import type { RunDetail } from './bindings/RunDetail';
import type { RunId } from './bindings/RunId';
import type { RunProgress } from './bindings/RunProgress';
import type { RunRecord } from './bindings/RunRecord';
import type { RunRequest } from './bindings/RunRequest';
import type { SecretMoves } from './bindings/SecretMoves';
import type { SendId } from './bindings/SendId';
import type { SendOutcome } from './bindings/SendOutcome';
import type { StoredToken } from './bindings/StoredToken';
import type { Variable } from './bindings/Variable';
import type { VariableScope } from './bindings/VariableScope';
import type { VariablesInScope } from './bindings/VariablesInScope';
import type { VaultEntry } from './bindings/VaultEntry';
import type { Workspace } from './bindings/Workspace';
import type { WorkspaceId } from './bindings/WorkspaceId';
import type { WorkspaceTree } from './bindings/WorkspaceTree';
import type { ChosenFile } from './bindings/ChosenFile';
import type { LiveEvent } from './bindings/LiveEvent';
import type { FilePurpose } from './bindings/FilePurpose';
import type { FileReads } from './bindings/FileReads';
import { traceCall } from './trace';

/** Every command goes through here; the window's first calls are timed for the trace. */
function invoke<T>(command: string, args?: InvokeArgs): Promise<T> {
  return traceCall(command, () => tauriInvoke<T>(command, args));
}

/** The first workspace; the store creates "My Workspace" when it has none. */
export function ensureWorkspace(): Promise<Workspace> {
  return invoke('ensure_workspace');
}

export function listWorkspaces(): Promise<Workspace[]> {
  return invoke('list_workspaces');
}

export function createWorkspace(name: string): Promise<Workspace> {
  return invoke('create_workspace', { name });
}

export function renameWorkspace(id: WorkspaceId, name: string): Promise<Workspace> {
  return invoke('rename_workspace', { id, name });
}

export function deleteWorkspace(id: WorkspaceId): Promise<string[]> {
  return invoke('delete_workspace', { id });
}

/** Puts the workspace at `index` (its final place, from 0) among all workspaces. */
export function moveWorkspace(id: WorkspaceId, index: number): Promise<null> {
  return invoke('move_workspace', { id, index });
}

/** The workspace with its collections' trees and environments, for the sidebar. */
export function workspaceTree(id: WorkspaceId): Promise<WorkspaceTree> {
  return invoke('workspace_tree', { id });
}

export function createCollection(workspaceId: WorkspaceId, name: string): Promise<Collection> {
  return invoke('create_collection', { workspaceId, name });
}

export function renameCollection(id: CollectionId, name: string): Promise<Collection> {
  return invoke('rename_collection', { id, name });
}

export function deleteCollection(id: CollectionId): Promise<string[]> {
  return invoke('delete_collection', { id });
}

/** Puts the collection at `index` (its final place, from 0) among its workspace's collections. */
export function moveCollection(id: CollectionId, index: number): Promise<null> {
  return invoke('move_collection', { id, index });
}

export function createFolder(folder: NewFolder): Promise<Folder> {
  return invoke('create_folder', { new: folder });
}

export function createRequest(request: NewRequest): Promise<Request> {
  return invoke('create_request', { new: request });
}

export function getRequest(id: RequestId): Promise<Request> {
  return invoke('get_request', { id });
}

/** Stores the whole request and returns it as stored. */
export function updateRequest(request: Request): Promise<Request> {
  return invoke('update_request', { request });
}

/** Saves the request's fields and drops its draft (Save, Ctrl+S); returns it as stored. */
export function saveRequest(request: Request): Promise<Request> {
  return invoke('save_request', { request });
}

/** The request's unsaved edits, whole, or `null` when it has none. */
export function getDraft(id: RequestId): Promise<Request | null> {
  return invoke('get_draft', { id });
}

/** Keeps `request` as the request's draft of unsaved edits; the request is unchanged. */
export function saveDraft(request: Request): Promise<null> {
  return invoke('save_draft', { request });
}

/** Drops the request's unsaved edits; resolves to whether it had any. */
export function discardDraft(id: RequestId): Promise<boolean> {
  return invoke('discard_draft', { id });
}

/** The name and method, as edited, of each request of the workspace with a draft. */
export function draftHeads(workspace: WorkspaceId): Promise<DraftHead[]> {
  return invoke('draft_heads', { workspace });
}

/** The workspace's open tabs and the active one. */
export function getTabs(workspace: WorkspaceId): Promise<OpenTabs> {
  return invoke('get_tabs', { workspace });
}

/** Keeps the workspace's open tabs and the active one. */
export function setTabs(workspace: WorkspaceId, tabs: OpenTabs): Promise<null> {
  return invoke('set_tabs', { workspace, tabs });
}

export function renameNode(node: NodeId, name: string): Promise<null> {
  return invoke('rename_node', { node, name });
}

/** Deletes a folder (with everything in it) or a request. */
export function deleteNode(node: NodeId): Promise<string[]> {
  return invoke('delete_node', { node });
}

/** Puts the node under `parent` at `index` (its final place among the new siblings, from 0). */
/** Duplicates a collection, folder or request next to the original; resolves to the copy. */
export function duplicateItem(item: Duplicable): Promise<Duplicable> {
  return invoke('duplicate_item', { item });
}

export function moveNode(node: NodeId, parent: Parent, index: number): Promise<null> {
  return invoke('move_node', { node, parent, index });
}

/**
 * Sends the stored request (save it first) with the active environment, running its scripts;
 * resolves with the exchange and the scripts' results once the whole response has arrived,
 * whatever its status. `sendId` is minted by the caller so that `cancelRequest` can reach the
 * send while it runs.
 */
export function sendRequest(
  requestId: RequestId,
  sendId: SendId,
  onevent: (event: LiveEvent) => void = () => {},
  lastEventId: string | null = null,
): Promise<SendOutcome> {
  const onEvent = new Channel<LiveEvent>();
  onEvent.onmessage = onevent;
  return invoke('send_request', { requestId, sendId, onEvent, lastEventId });
}

/**
 * Opens stored WebSocket request `requestId` (its draft when it has one) under the id the caller
 * minted; `onevent` hears the handshake and every frame. Resolves when the conversation ends
 * (closed by either side, dropped) or could not open.
 */
export function openWebsocket(
  requestId: RequestId,
  connectionId: SendId,
  onevent: (event: SocketEvent) => void,
): Promise<SocketOutcome> {
  const onEvent = new Channel<SocketEvent>();
  onEvent.onmessage = onevent;
  return invoke('open_websocket', { requestId, connectionId, onEvent });
}

/**
 * Opens stored Socket.IO request `requestId` (its draft when it has one) under the id the caller
 * minted; `onevent` hears the handshake and every moment (connect, events, acks, disconnect).
 * Emitting and disconnecting go through `sendWebsocketMessage` and `closeWebsocket`. Resolves
 * when the session ends or could not open.
 */
export function openSocketio(
  requestId: RequestId,
  connectionId: SendId,
  onevent: (event: SocketIoEvent) => void,
): Promise<SocketOutcome> {
  const onEvent = new Channel<SocketIoEvent>();
  onEvent.onmessage = onevent;
  return invoke('open_socketio', { requestId, connectionId, onEvent });
}

/**
 * Sends `message` (rendered as the saved ones are) on open connection `connectionId`; on a
 * Socket.IO connection it is an event (its `event`, `ack` and `spread`).
 */
export function sendWebsocketMessage(
  connectionId: SendId,
  message: WebSocketMessage,
): Promise<void> {
  return invoke('send_websocket_message', { connectionId, message });
}

/** Closes open connection `connectionId` with `code` and `reason`; whether it was open. */
export function closeWebsocket(
  connectionId: SendId,
  code: number,
  reason: string,
): Promise<boolean> {
  return invoke('close_websocket', { connectionId, code, reason });
}

/**
 * The methods gRPC request `requestId`'s descriptor source offers (its draft's, when it has
 * one); `refresh` compiles the files or asks the server again instead of using what was kept.
 */
export function grpcMethods(requestId: RequestId, refresh: boolean): Promise<GrpcMethod[]> {
  return invoke('grpc_methods', { requestId, refresh });
}

/** A JSON example of `method`'s input type, every field with a placeholder. */
export function grpcTemplate(requestId: RequestId, method: string): Promise<string> {
  return invoke('grpc_template', { requestId, method });
}

/**
 * Calls gRPC request `requestId` (its draft when it has one) under the id the caller minted;
 * `onevent` hears the response metadata and every message. Resolves with the status once the
 * call ends, or why it could not be made.
 */
export function openGrpcCall(
  requestId: RequestId,
  callId: SendId,
  onevent: (event: CallEvent) => void,
): Promise<CallOutcome> {
  const onEvent = new Channel<CallEvent>();
  onEvent.onmessage = onevent;
  return invoke('open_grpc_call', { requestId, callId, onEvent });
}

/** Sends JSON `message` (rendered as the saved ones are) on open call `callId`. */
export function sendGrpcMessage(callId: SendId, message: string): Promise<void> {
  return invoke('send_grpc_message', { callId, message });
}

/** Ends open call `callId`'s request stream; whether it was open. */
export function endGrpcStream(callId: SendId): Promise<boolean> {
  return invoke('end_grpc_stream', { callId });
}

/** Cancels open call `callId`; whether it was open. */
export function cancelGrpcCall(callId: SendId): Promise<boolean> {
  return invoke('cancel_grpc_call', { callId });
}

/** Asks for an import path in the native folder dialog; `null` when cancelled. */
export function chooseImportPath(): Promise<ChosenFile | null> {
  return invoke('choose_import_path');
}

/**
 * Obtains an OAuth 2.0 token with the request's auth in force (authorization code grants open
 * the system browser and wait up to 5 minutes on a loopback redirect), or refreshes it, and
 * stores it in the OS keychain. Resolves to the vault secrets' names, never a token.
 * `cancelRequest(sendId)` stops the wait.
 */
export function getOauth2Token(
  requestId: RequestId,
  sendId: SendId,
  refresh: boolean,
): Promise<StoredToken> {
  return invoke('get_oauth2_token', { requestId, sendId, refresh });
}

/**
 * Fetches request `requestId`'s GraphQL schema by introspection through its own send path and
 * caches it; `cancelRequest(sendId)` stops it. Rejects with kind `graphql` naming what failed.
 */
export function fetchGraphqlSchema(requestId: RequestId, sendId: SendId): Promise<CachedSchema> {
  return invoke('fetch_graphql_schema', { requestId, sendId });
}

/** The GraphQL schema cached for request `requestId`, `null` when none is kept. */
export function graphqlSchema(requestId: RequestId): Promise<CachedSchema | null> {
  return invoke('graphql_schema', { requestId });
}

/** Cancels a send under way; resolves to whether it was still running. */
export function cancelRequest(sendId: SendId): Promise<boolean> {
  return invoke('cancel_request', { sendId });
}

/** Keeps a visualization's whole document in the app; resolves to the URL its frame loads. */
export function showVisualization(document: string): Promise<string> {
  return invoke('show_visualization', { document });
}

export function listEnvironments(workspaceId: WorkspaceId): Promise<Environment[]> {
  return invoke('list_environments', { workspaceId });
}

/** One environment; its secret variables' values are empty (they live in the keychain). */
export function getEnvironment(id: EnvironmentId): Promise<Environment> {
  return invoke('get_environment', { id });
}

export function createEnvironment(workspaceId: WorkspaceId, name: string): Promise<Environment> {
  return invoke('create_environment', { workspaceId, name });
}

export function renameEnvironment(id: EnvironmentId, name: string): Promise<Environment> {
  return invoke('rename_environment', { id, name });
}

/** Copies an environment (secrets included, in new keychain entries) under `name`. */
export function duplicateEnvironment(id: EnvironmentId, name: string): Promise<Environment> {
  return invoke('duplicate_environment', { id, name });
}

export function deleteEnvironment(id: EnvironmentId): Promise<string[]> {
  return invoke('delete_environment', { id });
}

/** Makes `id` the workspace's active environment, or none with `null`. */
export function setActiveEnvironment(
  workspaceId: WorkspaceId,
  id: EnvironmentId | null,
): Promise<Workspace> {
  return invoke('set_active_environment', { workspaceId, id });
}

/**
 * Saves an environment's variables as edited. A secret's `value` is a newly typed value, or
 * empty to keep the stored one (its `secretRef` says which); the result has secrets emptied.
 */
export function saveEnvironmentVariables(
  id: EnvironmentId,
  variables: Variable[],
): Promise<Environment> {
  return invoke('save_environment_variables', { id, variables });
}

export function getGlobals(workspaceId: WorkspaceId): Promise<Variable[]> {
  return invoke('get_globals', { workspaceId });
}

/** Saves a workspace's globals as edited, as `saveEnvironmentVariables` does. */
export function saveGlobals(workspaceId: WorkspaceId, variables: Variable[]): Promise<Variable[]> {
  return invoke('save_globals', { workspaceId, variables });
}

/** The stored value of one secret variable, from the OS keychain. */
export function revealVariable(scope: VariableScope, key: string): Promise<string> {
  return invoke('reveal_variable', { scope, key });
}

/**
 * Asks for a file (a native dialog shown by the shell), reads it and previews its import into
 * the workspace: nothing is written until `commitImport`. `null` when the user cancels.
 */
export function previewImportFile(workspaceId: WorkspaceId): Promise<ImportPreview | null> {
  return invoke('preview_import_file', { workspaceId });
}

/** Previews the import of the files last dropped on the window (the shell kept their paths). */
export function previewImportDropped(workspaceId: WorkspaceId): Promise<ImportPreview> {
  return invoke('preview_import_dropped', { workspaceId });
}

/** Previews the import of pasted text: any format the core reads, or curl commands. */
export function previewImportText(workspaceId: WorkspaceId, text: string): Promise<ImportPreview> {
  return invoke('preview_import_text', { workspaceId, text });
}

/**
 * Writes the previewed import (all or none): duplicates replaced or copied as `onDuplicate`
 * says, the findings `moveSecrets` names moved into the vault.
 */
export function commitImport(
  previewId: number,
  onDuplicate: OnDuplicate,
  moveSecrets: SecretMoves,
): Promise<ImportReport> {
  return invoke('commit_import', { previewId, onDuplicate, moveSecrets });
}

/** Drops the previewed import without writing anything. */
export function cancelImport(previewId: number): Promise<void> {
  return invoke('cancel_import', { previewId });
}

/** The request the (first) curl command in `text` describes; not stored. */
export function parseCurl(text: string): Promise<Request> {
  return invoke('parse_curl', { text });
}

/**
 * Calls `handler` with the names of files dropped on the window, told on a channel (not a Tauri
 * event: see `DroppedFiles` in the shell); resolves to an unsubscribe.
 */
export async function onFilesDropped(handler: (names: string[]) => void): Promise<() => void> {
  const onDrop = new Channel<string[]>();
  onDrop.onmessage = handler;
  await invoke('watch_drops', { onDrop });
  return () => (onDrop.onmessage = () => {});
}

/** Asks where to save, then writes the collection as Postman v2.1 JSON; `null` if cancelled. */
export function exportCollection(id: CollectionId): Promise<Exported | null> {
  return invoke('export_collection', { id });
}

export function exportEnvironment(id: EnvironmentId): Promise<Exported | null> {
  return invoke('export_environment', { id });
}

export function exportGlobals(workspaceId: WorkspaceId): Promise<Exported | null> {
  return invoke('export_globals', { workspaceId });
}

/** The stored request as a code snippet (`curl`, `python`, …), secrets as placeholders. */
export function requestSnippet(requestId: RequestId, language: string): Promise<string> {
  return invoke('request_snippet', { requestId, language });
}

/**
 * Asks where to save a response body and writes it (a copy of its saved `file`, else the bytes
 * of `content`); resolves to the path written, `null` when cancelled.
 */
export function saveBody(
  content: Content,
  file: string | null,
  name: string,
): Promise<string | null> {
  return invoke('save_body', { content, file, name });
}

/**
 * Appends a response to a request's examples: `example` as filled in, its body read by the core
 * from `body` (a saved file is read there, not sent through here). Resolves to the request.
 */
export function saveExample(
  requestId: RequestId,
  example: Example,
  body: Source,
): Promise<Request> {
  return invoke('save_example', { requestId, example, body });
}

/** The headers a send of `request` (unsaved edits included) adds to its own rows. */
export function addedHeaders(request: Request): Promise<Header[]> {
  return invoke('added_headers', { request });
}

/** The first rows of a response body as the viewer will show them, from its first MiB: shown
 * while `openDocument` formats the whole (none when filtered). */
export function previewDocument(source: Source, options: OpenOptions): Promise<Preview> {
  return invoke('preview_document', { source, options });
}

/** Opens a response body (saved file or text) in the viewer: re-indented, maybe filtered. */
export function openDocument(source: Source, options: OpenOptions): Promise<DocumentInfo> {
  return invoke('open_document', { source, options });
}

/** Up to `count` rows (at most 2,000) of an open document, from row `from`. */
export function documentLines(id: number, from: number, count: number): Promise<Lines> {
  return invoke('document_lines', { id, from, count });
}

/** Collapses the fold starting on `line`, or expands it. */
export function toggleFold(id: number, line: number): Promise<DocumentInfo> {
  return invoke('toggle_fold', { id, line });
}

/** Collapses every fold of a document, or expands them all. */
export function foldAll(id: number, collapse: boolean): Promise<DocumentInfo> {
  return invoke('fold_all', { id, collapse });
}

/** Every match of `query` in a document (the first 10,000, and the total). */
export function searchDocument(
  id: number,
  query: string,
  isCaseSensitive: boolean,
): Promise<Found> {
  return invoke('search_document', { id, query, isCaseSensitive });
}

/** Expands what hides `line`; resolves to the row showing it and the document's new info. */
export function revealLine(id: number, line: number): Promise<[number, DocumentInfo]> {
  return invoke('reveal_line', { id, line });
}

/** Lets an open document go. */
export function closeDocument(id: number): Promise<null> {
  return invoke('close_document', { id });
}

/** Sets how sensitive the workspace's data is; returns the workspace. */
export function classifyWorkspace(
  id: WorkspaceId,
  classification: Classification,
): Promise<Workspace> {
  return invoke('classify_workspace', { id, classification });
}

/** The workspace's cookie jar, values in the clear (they are sealed only at rest). */
export function listCookies(workspaceId: WorkspaceId): Promise<Cookie[]> {
  return invoke('list_cookies', { workspaceId });
}

export function addCookie(workspaceId: WorkspaceId, cookie: Cookie): Promise<Cookie> {
  return invoke('add_cookie', { workspaceId, cookie });
}

export function editCookie(id: CookieId, cookie: Cookie): Promise<Cookie> {
  return invoke('edit_cookie', { id, cookie });
}

export function deleteCookie(id: CookieId): Promise<null> {
  return invoke('delete_cookie', { id });
}

/** Empties the jar; resolves to how many cookies went. */
export function clearCookies(workspaceId: WorkspaceId): Promise<number> {
  return invoke('clear_cookies', { workspaceId });
}

/** The workspace's sends, newest first, filtered by `search` (URL, method, status, name). */
export function listHistory(
  workspaceId: WorkspaceId,
  search: string | null,
): Promise<HistoryEntry[]> {
  return invoke('list_history', { workspaceId, search });
}

export function showHistory(id: HistoryId): Promise<HistoryDetail> {
  return invoke('show_history', { id });
}

/** Empties the workspace's history; resolves to how many entries went. */
export function clearHistory(workspaceId: WorkspaceId): Promise<number> {
  return invoke('clear_history', { workspaceId });
}

/** The variables the request can reference, their winning scope, vault and dynamic names;
 * never a secret's value. */
export function variablesInScope(requestId: RequestId): Promise<VariablesInScope> {
  return invoke('variables_in_scope', { requestId });
}

/** What the request inherits when its auth says inherit, and from which folder or collection. */
export function inheritedAuth(requestId: RequestId): Promise<InheritedAuth> {
  return invoke('inherited_auth', { requestId });
}

/** One collection with its auth, settings and variables (secret values empty). */
export function getCollection(id: CollectionId): Promise<Collection> {
  return invoke('get_collection', { id });
}

/** Replaces a collection's auth, default request settings and scripts. */
export function saveCollectionSettings(
  id: CollectionId,
  parent: ParentSettings,
): Promise<Collection> {
  return invoke('save_collection_settings', { id, parent });
}

/** One folder with its auth, settings and scripts. */
export function getFolder(id: FolderId): Promise<Folder> {
  return invoke('get_folder', { id });
}

/** Replaces a folder's auth, default request settings and scripts. */
export function saveFolderSettings(id: FolderId, parent: ParentSettings): Promise<Folder> {
  return invoke('save_folder_settings', { id, parent });
}

/** Saves a folder's variables as edited, as `saveCollectionVariables` does. */
export function saveFolderVariables(id: FolderId, variables: Variable[]): Promise<Folder> {
  return invoke('save_folder_variables', { id, variables });
}

/** Renames a collection and replaces its Markdown description. */
export function saveCollectionOverview(
  id: CollectionId,
  name: string,
  description: string,
): Promise<Collection> {
  return invoke('save_collection_overview', { id, name, description });
}

/** Renames a folder and replaces its Markdown description. */
export function saveFolderOverview(
  id: FolderId,
  name: string,
  description: string,
): Promise<Folder> {
  return invoke('save_folder_overview', { id, name, description });
}

/** The app's preferences (the defaults when none were saved). */
export function getPreferences(): Promise<Preferences> {
  return invoke('get_preferences');
}

/** Replaces the app's preferences; resolves to them as stored. */
export function savePreferences(preferences: Preferences): Promise<Preferences> {
  return invoke('save_preferences', { preferences });
}

/** Saves a collection's variables as edited, as `saveEnvironmentVariables` does. */
export function saveCollectionVariables(
  id: CollectionId,
  variables: Variable[],
): Promise<Collection> {
  return invoke('save_collection_variables', { id, variables });
}

/** Which keychain holds secrets: the OS one, an unlocked vault file, or none. */
export function keychainStatus(): Promise<KeychainStatus> {
  return invoke('keychain_status');
}

/** Unlocks (or creates) the passphrase-sealed vault file; secrets go there from then on. */
export function unlockVaultFile(passphrase: string): Promise<KeychainStatus> {
  return invoke('unlock_vault_file', { passphrase });
}

/** Vault secrets' names and domain limits; never values. */
export function listVaultSecrets(): Promise<VaultEntry[]> {
  return invoke('list_vault_secrets');
}

/** Creates or replaces a vault secret; the value goes to the keychain. */
export function setVaultSecret(name: string, value: string, domains: string[]): Promise<null> {
  return invoke('set_vault_secret', { name, value, domains });
}

export function setVaultDomains(name: string, domains: string[]): Promise<VaultEntry> {
  return invoke('set_vault_domains', { name, domains });
}

/** One vault secret's value, for the manager's reveal. */
export function revealVaultSecret(name: string): Promise<string> {
  return invoke('reveal_vault_secret', { name });
}

export function deleteVaultSecret(name: string): Promise<null> {
  return invoke('delete_vault_secret', { name });
}

/**
 * Runs a collection (or the folders and requests in `request.items`), calling `onprogress` as
 * each iteration begins and each request's turn ends; resolves with the run as recorded when
 * it ends or is stopped. The channel is open before the command starts, so nothing is missed.
 */
export function runCollection(
  runId: SendId,
  request: RunRequest,
  onprogress: (progress: RunProgress) => void,
): Promise<RunRecord> {
  const onProgress = new Channel<RunProgress>();
  onProgress.onmessage = onprogress;
  return invoke('run_collection', { runId, request, onProgress });
}

/** Stops a run under way; whether it was under way. */
export function stopRun(runId: SendId): Promise<boolean> {
  return invoke('stop_run', { runId });
}

/** The workspace's past runs, newest first. */
export function listRuns(workspaceId: WorkspaceId): Promise<RunRecord[]> {
  return invoke('list_runs', { workspaceId });
}

export function showRun(id: RunId): Promise<RunDetail> {
  return invoke('show_run', { id });
}

/** Deletes past runs; how many went. */
export function deleteRuns(ids: RunId[]): Promise<number> {
  return invoke('delete_runs', { ids });
}

/**
 * Asks for a file a request reads (the shell's open dialog) and returns it as the request
 * keeps it: relative inside the working directory, else whole (and readable from then on);
 * `null` when cancelled.
 */
export function chooseRequestFile(purpose: FilePurpose): Promise<ChosenFile | null> {
  return invoke('choose_request_file', { purpose });
}

/** Asks for the working directory (the shell's folder dialog); the file rules as stored. */
export function chooseWorkingDir(): Promise<FileReads> {
  return invoke('choose_working_dir');
}

/** Turns reading outside off, and clears the working directory or the chosen files. */
export function narrowFileReads(
  clearWorkingDir: boolean,
  forgetChosen: boolean,
): Promise<FileReads> {
  return invoke('narrow_file_reads', { clearWorkingDir, forgetChosen });
}

/** Lets sends read outside the working directory once the user confirms it natively. */
export function allowReadingOutside(): Promise<FileReads> {
  return invoke('allow_reading_outside');
}

/** Asks for an iteration data file and previews it; `null` when cancelled. */
export function chooseDataFile(): Promise<DataPreview | null> {
  return invoke('choose_data_file');
}

/**
 * Saves a report of a run of this session where the user chooses (the shell's save dialog);
 * the path written, `null` when cancelled.
 */
export function saveRunReport(run: RunId, format: ReportFormat): Promise<string | null> {
  return invoke('save_run_report', { run, format });
}
