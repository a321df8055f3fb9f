/**
 * How the sidebar tree is shown: which rows are collapsed, the filter text, rows hidden while
 * their delete can be undone, the row being renamed in place, and which row holds the keyboard
 * focus (the one tab stop of the ARIA tree). What the tree holds is `workspace.svelte.ts`.
 */
import { SvelteSet } from 'svelte/reactivity';
import type { NodeId } from '../bindings/NodeId';
import { findNode, neighbour, visibleRows } from '../tree';
import { filteredRows } from '../tree-filter';
import { workspace } from './workspace.svelte';

export class TreeView {
  /** Keys of collapsed rows; everything else is expanded, so new rows are visible. */
  collapsed = new SvelteSet<string>();
  /** The sidebar filter's text; empty shows the whole tree. */
  query = $state('');
  /** Keys of rows deleted with Undo still possible: left out of the tree until then. */
  hidden = new SvelteSet<string>();
  /** Key of the row whose name is being edited in place. */
  renaming = $state<string | null>(null);
  /** Key of the row last focused or chosen. */
  active = $state<string | null>(null);
  /** Bumped to ask the tree to move DOM focus to `tabStop` (after a move or a delete). */
  focusRequests = $state(0);

  rows = $derived(
    filteredRows(workspace.collections, this.query, this.hidden) ??
      visibleRows(workspace.collections, this.collapsed, this.hidden),
  );

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

  /** Shows folder or request `node` (clearing the filter, opening its folders) and focuses it. */
  reveal(node: NodeId | { kind: 'collection'; id: number }): void {
    this.query = '';
    const key = node.kind === 'collection' ? `c:${node.id}` : `${node.kind[0]}:${node.id}`;
    if (node.kind !== 'collection') {
      for (const ancestor of findNode(workspace.collections, node)?.ancestors ?? []) {
        this.expand(ancestor);
      }
    }
    this.requestFocus(key);
  }

  /** The row to focus once `key` is deleted. */
  neighbourOf(key: string): string | null {
    return neighbour(this.rows, key);
  }
}

export const treeView = new TreeView();
