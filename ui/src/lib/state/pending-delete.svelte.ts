/**
 * Delete with Undo: a row deleted from the sidebar leaves the tree at once but is deleted from
 * the store only when its notice expires (`UNDO_MS`), so Undo puts it back exactly as it was
 * (same ids, place, contents and keychain secrets: nothing was touched). One delete waits at a
 * time: a second delete carries out the first at once, and closing the window tries to (the
 * window may go before the store answers). If the app is killed or closed meanwhile, the row
 * is simply still there on the next start: nothing is ever lost by surprise.
 */
import * as api from '../api';
import { toNodeId, type Row } from '../tree';
import { alerts } from './alerts.svelte';
import { editor } from './editor.svelte';
import { pruneTabs } from './tab-flows';
import { treeView } from './tree-view.svelte';
import { workspace } from './workspace.svelte';

/** How long the Undo notice stays, in milliseconds. */
export const UNDO_MS = 8000;

export class PendingDelete {
  /** The row waiting to be deleted, while Undo is offered. */
  row = $state.raw<Row | null>(null);
  #timer: ReturnType<typeof setTimeout> | undefined;

  /** Hides `row` (and all under it) and offers Undo; carries out an earlier pending delete. */
  async start(row: Row): Promise<void> {
    await this.commit();
    treeView.hidden.add(row.key);
    this.row = row;
    this.#timer = setTimeout(() => void this.commit(), UNDO_MS);
  }

  /** Puts the pending row back; resolves to its key, or `null` when nothing was pending. */
  undo(): string | null {
    const row = this.row;
    if (!row) return null;
    clearTimeout(this.#timer);
    this.row = null;
    treeView.hidden.delete(row.key);
    return row.key;
  }

  /** Deletes the pending row from the store now (the notice expired, or another delete came). */
  async commit(): Promise<void> {
    const row = this.row;
    if (!row) return;
    clearTimeout(this.#timer);
    this.row = null;
    const node = toNodeId(row);
    const warnings = await alerts.attempt(() =>
      node ? api.deleteNode(node) : api.deleteCollection(row.id),
    );
    alerts.warn(warnings);
    await workspace.reload();
    treeView.hidden.delete(row.key);
    editor.closeIfGone();
    // The tabs of what went close with it.
    await pruneTabs();
  }
}

export const pendingDelete = new PendingDelete();
