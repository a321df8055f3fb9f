/**
 * The open tabs of the current workspace: their order, the active one, which requests hold a
 * draft of unsaved edits, and the tabs closed last (for Ctrl+Shift+T).
 *
 * The list and the active tab are kept in the store per workspace (`setTabs` after every
 * change) and read back when a workspace is shown, so a restart gives them back. The active
 * request's dirty state is the editor's; the others' comes from the drafts the store holds
 * (`heads`), updated as tabs are left. What a tab does to the editor is in `tab-flows.ts`.
 */
import * as api from '../api';
import type { DraftHead } from '../bindings/DraftHead';
import type { RequestId } from '../bindings/RequestId';
import type { TabTarget } from '../bindings/TabTarget';
import type { WorkspaceId } from '../bindings/WorkspaceId';
import { alerts } from './alerts.svelte';

/** How many closed tabs Ctrl+Shift+T can bring back. */
const CLOSED_KEPT = 20;

/** Whether two targets name the same thing. */
export function sameTarget(a: TabTarget, b: TabTarget): boolean {
  return a.kind === b.kind && a.id === b.id;
}

/** A key for a target, unique among tabs. */
export function targetKey(t: TabTarget): string {
  return `${t.kind}-${t.id}`;
}

/** What one tab shows. */
export interface TabView {
  key: string;
  name: string;
  /** The request's method; `null` for a folder or collection tab. */
  method: string | null;
  isDirty: boolean;
}

/** The answer to "close a tab holding unsaved changes?". */
export type CloseChoice = 'save' | 'discard' | 'cancel';

export class Tabs {
  list = $state.raw<TabTarget[]>([]);
  /** The close prompt on screen: the name of the tab's request and how to answer. */
  closing = $state.raw<{ name: string; resolve: (choice: CloseChoice) => void } | null>(null);
  active = $state<number | null>(null);
  /** The requests with a draft in the store, other than the active one's edits. */
  heads = $state.raw<DraftHead[]>([]);

  activeTarget = $derived(this.active === null ? null : (this.list[this.active] ?? null));

  #workspace: WorkspaceId | null = null;
  #closed: TabTarget[] = [];
  /** Bumped by every change the user makes, so a slow `load` does not undo one. */
  #changes = 0;

  /**
   * Reads the open tabs and drafts of `workspace`. Resolves to `false` when they were not
   * applied: the read failed, another workspace was shown meanwhile, or the user opened or
   * closed a tab while it ran (a click right after start-up): what the user did is kept.
   */
  async load(workspace: WorkspaceId): Promise<boolean> {
    this.#workspace = workspace;
    this.#closed = [];
    this.list = [];
    this.active = null;
    const changes = this.#changes;
    const found = await alerts.attempt(() =>
      Promise.all([api.getTabs(workspace), api.draftHeads(workspace)]),
    );
    if (!found || this.#workspace !== workspace) return false;
    const [open, heads] = found;
    this.heads = heads;
    if (changes !== this.#changes) return false;
    this.list = open.tabs;
    this.active = open.active;
    return true;
  }

  indexOf(target: TabTarget): number {
    return this.list.findIndex((t) => sameTarget(t, target));
  }

  /** The draft head of request `id`, if it has unsaved edits kept in the store. */
  head(id: RequestId): DraftHead | undefined {
    return this.heads.find((h) => h.requestId === id);
  }

  /** Records whether request `id` holds a draft, with its name and method as edited. */
  setHead(id: RequestId, head: { name: string; method: string } | null): void {
    const rest = this.heads.filter((h) => h.requestId !== id);
    this.heads = head ? [...rest, { requestId: id, ...head }] : rest;
  }

  /** Adds `target` after the active tab (or last) unless it is open; makes it active. */
  add(target: TabTarget): void {
    const found = this.indexOf(target);
    if (found >= 0) {
      this.active = found;
    } else {
      const at = this.active === null ? this.list.length : this.active + 1;
      this.list = [...this.list.slice(0, at), target, ...this.list.slice(at)];
      this.active = at;
    }
    this.save();
  }

  activate(index: number): void {
    if (index < 0 || index >= this.list.length) return;
    this.active = index;
    this.save();
  }

  /**
   * Removes tab `index`, remembering it for `reopen`. The active tab becomes the one to its
   * right (else left) when it was the one closed. Returns the new active target.
   */
  remove(index: number): TabTarget | null {
    const target = this.list[index];
    if (!target) return this.activeTarget;
    this.#closed = [...this.#closed.slice(-(CLOSED_KEPT - 1)), target];
    this.list = this.list.filter((_, i) => i !== index);
    if (this.active !== null) {
      if (this.list.length === 0) this.active = null;
      else if (index < this.active) this.active -= 1;
      else if (index === this.active) this.active = Math.min(index, this.list.length - 1);
    }
    this.save();
    return this.activeTarget;
  }

  /** Takes the last closed tab off the stack, or `null` when none is left. */
  popClosed(): TabTarget | null {
    const last = this.#closed.at(-1) ?? null;
    this.#closed = this.#closed.slice(0, -1);
    return last;
  }

  /** The index `step` tabs away from the active one, wrapping around. */
  cycled(step: number): number | null {
    const n = this.list.length;
    if (n === 0) return null;
    const from = this.active ?? 0;
    return (((from + step) % n) + n) % n;
  }

  /** Drops the tabs whose target `exists` says is gone; returns whether the active one went. */
  prune(exists: (t: TabTarget) => boolean): boolean {
    const before = this.activeTarget;
    const kept = this.list.filter(exists);
    if (kept.length === this.list.length) return false;
    this.list = kept;
    const index = before ? kept.findIndex((t) => sameTarget(t, before)) : -1;
    const lost = before !== null && index < 0;
    this.active =
      index >= 0 ? index : kept.length > 0 ? Math.min(this.active ?? 0, kept.length - 1) : null;
    this.save();
    return lost;
  }

  /** Asks whether to save the unsaved changes of `name` before its tab closes. */
  askClose(name: string): Promise<CloseChoice> {
    this.answerClose('cancel');
    return new Promise((resolve) => {
      this.closing = { name, resolve };
    });
  }

  answerClose(choice: CloseChoice): void {
    const closing = this.closing;
    this.closing = null;
    closing?.resolve(choice);
  }

  /** Keeps the list and the active tab in the store. */
  save(): void {
    this.#changes++;
    const workspace = this.#workspace;
    if (workspace === null) return;
    const tabs = { tabs: this.list, active: this.active };
    void alerts.attempt(() => api.setTabs(workspace, tabs));
  }
}

export const tabs = new Tabs();
