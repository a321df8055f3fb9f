/**
 * What the user's actions do, from click or key to store: each flow asks through `dialogs`,
 * writes through `workspace` and keeps `editor` and `treeView` in step. Components call these
 * from their callbacks; they hold no state of their own.
 */
import type { Parent } from '../bindings/Parent';
import type { RequestId } from '../bindings/RequestId';
import type { WorkspaceId } from '../bindings/WorkspaceId';
import { collectionKey, nodeKey, toParent, type Direction, type Row } from '../tree';
import { dialogs } from './dialogs.svelte';
import { closePanel } from './environment-flows';
import { editor } from './editor.svelte';
import { history } from './history.svelte';
import { requestScope } from './request-scope.svelte';
import { responses } from './responses.svelte';
import { grpcCalls } from './grpc-calls.svelte';
import { sockets } from './sockets.svelte';
import type { WebSocketMessage } from '../bindings/WebSocketMessage';
import { runner } from './runner.svelte';
import { leaveActive, loadTabs, openRequestTab } from './tab-flows';
import { treeView } from './tree-view.svelte';
import { workspace } from './workspace.svelte';

export async function openRequest(id: RequestId): Promise<void> {
  treeView.active = nodeKey({ kind: 'request', id });
  closePanel();
  await openRequestTab(id);
}

export async function switchWorkspace(id: WorkspaceId): Promise<void> {
  if (id === workspace.currentId || !(await leaveActive())) return;
  closePanel();
  await workspace.select(id);
  await loadTabs(id);
  await history.load(id);
  // The Runner, if open, moves to the new workspace's first collection and past runs.
  if (runner.isOpen) runner.open();
  else await runner.loadRuns(id);
}

export async function newWorkspace(): Promise<void> {
  const name = await dialogs.ask({ title: 'New workspace', label: 'Workspace name' });
  if (name === null || !(await leaveActive())) return;
  await workspace.createWorkspace(name);
  if (workspace.currentId !== null) await loadTabs(workspace.currentId);
  await history.load(workspace.currentId);
  if (runner.isOpen) runner.open();
  else await runner.loadRuns(workspace.currentId);
}

export async function renameWorkspace(): Promise<void> {
  const current = workspace.current;
  if (!current) return;
  const name = await dialogs.ask({
    title: 'Rename workspace',
    label: 'Workspace name',
    initial: current.name,
    confirmLabel: 'Rename',
  });
  if (name !== null) await workspace.renameWorkspace(current.id, name);
}

export async function deleteWorkspace(): Promise<void> {
  const current = workspace.current;
  if (!current) return;
  const ok = await dialogs.confirm({
    title: 'Delete workspace?',
    message: `Delete "${current.name}" with all its collections, folders and requests?`,
    confirmLabel: 'Delete',
  });
  if (!ok) return;
  await workspace.deleteWorkspace(current.id);
  if (workspace.currentId !== null) await loadTabs(workspace.currentId);
  await history.load(workspace.currentId);
  if (runner.isOpen) runner.open();
  else await runner.loadRuns(workspace.currentId);
}

export async function newCollection(): Promise<void> {
  const name = await dialogs.ask({ title: 'New collection', label: 'Collection name' });
  if (name === null) return;
  const id = await workspace.createCollection(name);
  if (id !== undefined) treeView.requestFocus(collectionKey(id));
}

/** Where the sidebar's New request puts a request: beside the active row, else the first collection. */
function newRequestParent(): Parent | null {
  const active = treeView.rows.find((r) => r.key === treeView.active);
  if (active) return toParent(active) ?? active.parent;
  const first = workspace.collections[0];
  return first ? { kind: 'collection', id: first.id } : null;
}

/**
 * The New request button: a `GET` request named "New Request", opened in the editor, in the
 * collection or folder of the active row (or the first collection). With no collection yet, as
 * on a first launch, it first creates one, "New Collection", as Postman does.
 */
export async function newRequest(): Promise<void> {
  let parent = newRequestParent();
  if (!parent) {
    const id = await workspace.createCollection('New Collection');
    if (id === undefined) return;
    parent = { kind: 'collection', id };
  }
  const created = await workspace.createRequest(parent, 'New Request');
  if (!created) return;
  treeView.expand(parent.kind === 'collection' ? collectionKey(parent.id) : nodeKey(parent));
  treeView.active = nodeKey({ kind: 'request', id: created.id });
  runner.close();
  closePanel();
  await openRequestTab(created.id, created);
}

/** Creates a request under a collection or folder row and opens it in the editor. */
export async function addRequest(row: Row): Promise<void> {
  const parent = toParent(row);
  if (!parent) return;
  const chosen = await dialogs.askRequest({ title: 'New request', label: 'Request name' });
  if (chosen === null) return;
  const created = await workspace.createRequest(parent, chosen.name, chosen.protocol);
  if (!created) return;
  treeView.expand(row.key);
  treeView.active = nodeKey({ kind: 'request', id: created.id });
  closePanel();
  await openRequestTab(created.id, created);
}

export async function addFolder(row: Row): Promise<void> {
  const parent = toParent(row);
  if (!parent) return;
  const name = await dialogs.ask({ title: 'New folder', label: 'Folder name' });
  if (name === null) return;
  const id = await workspace.createFolder(parent, name);
  if (id === undefined) return;
  treeView.expand(row.key);
  treeView.active = nodeKey({ kind: 'folder', id });
}

// Rename (in place), duplicate and delete with Undo are `tree-flows.svelte.ts`'.

/** Moves a row one place up or down; the row keeps the keyboard focus. */
export async function move(row: Row, direction: Direction): Promise<void> {
  if (await workspace.move(row, direction)) treeView.requestFocus(row.key);
}

/**
 * Sends the open request as the editor shows it, without saving it (as Postman does): unsaved
 * changes are kept as its draft first, and the core sends the draft. Sends only if keeping the
 * draft worked; the error shows in the editor. Nothing happens while a send of the open request
 * is under way.
 */
export async function send(): Promise<void> {
  const stored = editor.stored;
  if (!stored) return;
  const id = stored.id;
  if (stored.protocol === 'grpc') {
    // A gRPC request is invoked; this resolves once the call has its status. Its methods are
    // listed first when they were not (the engine keeps the descriptors for the call), so the
    // view knows whether the method streams and shows the composer.
    if (grpcCalls.isActive(id) || !(await editor.flush())) return;
    if (grpcCalls.methods(id).methods.length === 0) await grpcCalls.loadMethods(id);
    await grpcCalls.invoke(id);
    await history.load(workspace.currentId);
    return;
  }
  if (stored.protocol === 'websocket' || stored.protocol === 'socketio') {
    // A WebSocket or Socket.IO request connects; this resolves once the conversation has ended.
    if (sockets.isActive(id) || !(await editor.flush())) return;
    await sockets.connect(id, stored.protocol);
    await history.load(workspace.currentId);
    return;
  }
  if (responses.isSending(id)) return;
  if (await editor.flush()) {
    await responses.send(id);
    await history.load(workspace.currentId);
  }
}

/**
 * Cancels the open request's send under way, if any; a WebSocket request disconnects (1000), a
 * Socket.IO one leaves its namespace and disconnects, a gRPC call is cancelled.
 */
export async function cancelSend(): Promise<void> {
  const stored = editor.stored;
  if (!stored) return;
  if (stored.protocol === 'websocket' || stored.protocol === 'socketio') {
    await sockets.disconnect(stored.id);
  } else if (stored.protocol === 'grpc') await grpcCalls.cancel(stored.id);
  else await responses.cancel(stored.id);
}

/** Sends `message` on the open WebSocket request's connection (an event on a Socket.IO one). */
export async function sendMessage(message: WebSocketMessage): Promise<void> {
  const id = editor.stored?.id;
  if (id !== undefined) await sockets.send(id, message);
}

/** Saves the open request, obtains an OAuth 2 token for it (the core stores it in the vault),
 * and shows the request as the core left it. */
export async function getOauth2Token(): Promise<void> {
  const id = editor.stored?.id;
  if (id === undefined || !(await editor.save())) return;
  if (await requestScope.getOauth2Token(id)) await editor.refresh();
}
