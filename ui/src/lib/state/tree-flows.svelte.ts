/**
 * What the sidebar tree's own actions do: rename in place, duplicate, delete with Undo, copy
 * a request as cURL, and moves by drag and drop or Alt+arrows. Like `flows.ts`, these write
 * through `workspace` and keep `editor` and `treeView` in step; components call them from
 * their callbacks.
 */
import * as api from '../api';
import type { Duplicable } from '../bindings/Duplicable';
import { collectionKey, nodeKey, toNodeId, type Row } from '../tree';
import type { MoveTarget } from '../tree-drop';
import { editor } from './editor.svelte';
import { pendingDelete } from './pending-delete.svelte';
import { copyText } from './snippets.svelte';
import { treeView } from './tree-view.svelte';
import { workspace } from './workspace.svelte';
import { toUiError } from '../ui-error';

/** A short message for the sidebar's polite live region ("Copied …"), gone after a while. */
export const notice = $state({ text: '' });
let noticeTimer: ReturnType<typeof setTimeout> | undefined;

function say(text: string): void {
  notice.text = text;
  clearTimeout(noticeTimer);
  noticeTimer = setTimeout(() => (notice.text = ''), 4000);
}

/** F2 or the menu's Rename: the row's name becomes an input. */
export function startRename(row: Row): void {
  treeView.renaming = row.key;
}

/** Ends an in-place rename: `name` is what was typed, `null` when it was cancelled. */
export async function finishRename(row: Row, name: string | null): Promise<void> {
  treeView.renaming = null;
  const trimmed = name?.trim() ?? '';
  if (trimmed !== '' && trimmed !== row.name) {
    const node = toNodeId(row);
    const ok = node
      ? await workspace.renameNode(node, trimmed)
      : await workspace.renameCollection(row.id, trimmed);
    if (ok && row.kind === 'request') editor.applyName(row.id, trimmed);
  }
  treeView.requestFocus(row.key);
}

function keyOf(item: Duplicable): string {
  return item.kind === 'collection' ? collectionKey(item.id) : nodeKey(item);
}

/** Ctrl+D or the menu's Duplicate: the copy lands after the row and takes the focus. */
export async function duplicate(row: Row): Promise<void> {
  const copy = await workspace.duplicate({ kind: row.kind, id: row.id } as Duplicable);
  if (!copy) return;
  say(`Duplicated "${row.name}"`);
  treeView.requestFocus(keyOf(copy));
}

/** Delete: the row leaves the tree at once, with Undo offered (`pending-delete.svelte.ts`). */
export async function remove(row: Row): Promise<void> {
  const next = treeView.neighbourOf(row.key);
  await pendingDelete.start(row);
  if (next) treeView.requestFocus(next);
}

/** Undo of the pending delete: the row is back and focused. */
export function undoDelete(): void {
  const key = pendingDelete.undo();
  if (key) treeView.requestFocus(key);
}

/** The menu's Copy as cURL: the request as stored, resolved as a send would be. */
export async function copyCurl(row: Row): Promise<void> {
  if (row.kind !== 'request') return;
  if (editor.stored?.id === row.id && !(await editor.save())) {
    say('Could not copy: the request has unsaved changes that could not be saved');
    return;
  }
  try {
    const text = await api.requestSnippet(row.id, 'curl');
    say((await copyText(text)) ? `Copied "${row.name}" as cURL` : 'Could not copy');
  } catch (e) {
    say(`Could not copy: ${toUiError(e).message}`);
  }
}

/** A drop or Alt+Left/Right: moves the row, opens where it went and keeps it focused. */
export async function moveTo(row: Row, target: MoveTarget): Promise<void> {
  if (target.kind === 'node') {
    const parent = target.parent;
    treeView.expand(parent.kind === 'collection' ? collectionKey(parent.id) : nodeKey(parent));
  }
  if (await workspace.moveTo(target)) treeView.requestFocus(row.key);
}
