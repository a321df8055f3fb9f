/**
 * How the sidebar tree is shown: which rows are collapsed and which row holds the keyboard
 * focus (the one tab stop of the ARIA tree). What the tree holds is `workspace.svelte.ts`.
 */
import { SvelteSet } from 'svelte/reactivity';
import { neighbour, visibleRows } from '../tree';
import { workspace } from './workspace.svelte';

export class TreeView {
  /** Keys of collapsed rows; everything else is expanded, so new rows are visible. */
  collapsed = new SvelteSet<string>();
  /** Key of the row last focused or chosen. */
  active = $state<string | null>(null);
  /** Bumped to ask the tree to move DOM focus to `tabStop` (after a move or a delete). */
  focusRequests = $state(0);

  rows = $derived(visibleRows(workspace.collections, this.collapsed));

  /** The row that takes Tab: the active one while visible, else the first. */
  tabStop = $derived.by(() => {
    const active = this.active;
    return this.rows.some((r) => r.key === active) ? active : (this.rows[0]?.key ?? null);
  });

  expand(key: string): void {
    this.collapsed.delete(key);
  }

  collapse(key: string): void {
    this.collapsed.add(key);
  }

  toggle(key: string): void {
    if (this.collapsed.has(key)) this.expand(key);
    else this.collapse(key);
  }

  /** Makes `key` the active row and asks the tree to focus it once it is rendered. */
  requestFocus(key: string): void {
    this.active = key;
    this.focusRequests++;
  }

  /** The row to focus once `key` is deleted. */
  neighbourOf(key: string): string | null {
    return neighbour(this.rows, key);
  }
}

export const treeView = new TreeView();
