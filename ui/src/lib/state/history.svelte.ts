/**
 * The current workspace's history of sends: the list (filtered by a search text), the entry
 * opened for viewing, and clearing. `load` runs after each send and on a workspace switch.
 * Failures go to `alerts` and leave the state as it was.
 */
import * as api from '../api';
import type { HistoryDetail } from '../bindings/HistoryDetail';
import type { HistoryEntry } from '../bindings/HistoryEntry';
import type { HistoryId } from '../bindings/HistoryId';
import type { WorkspaceId } from '../bindings/WorkspaceId';
import { alerts } from './alerts.svelte';

export class HistoryState {
  entries = $state.raw<HistoryEntry[]>([]);
  search = $state('');
  /** The entry shown in the viewer, if one is open. */
  detail = $state.raw<HistoryDetail | null>(null);
  count = $derived(this.entries.length);

  #workspaceId: WorkspaceId | null = null;
  #generation = 0;

  /** Reads the list of `workspaceId` (default: the one loaded last) with the current search. */
  async load(workspaceId: WorkspaceId | null = this.#workspaceId): Promise<void> {
    if (workspaceId === null) return;
    this.#workspaceId = workspaceId;
    const generation = ++this.#generation;
    const text = this.search.trim();
    const list = await alerts.attempt(() => api.listHistory(workspaceId, text || null));
    if (list && generation === this.#generation) this.entries = list;
  }

  async setSearch(text: string): Promise<void> {
    this.search = text;
    await this.load();
  }

  async open(id: HistoryId): Promise<void> {
    const detail = await alerts.attempt(() => api.showHistory(id));
    if (detail) this.detail = detail;
  }

  close(): void {
    this.detail = null;
  }

  async clear(): Promise<void> {
    const id = this.#workspaceId;
    if (id === null) return;
    const removed = await alerts.attempt(() => api.clearHistory(id));
    if (removed !== undefined) await this.load(id);
  }
}

export const history = new HistoryState();
