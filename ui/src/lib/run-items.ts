/**
 * The Runner's checkbox tree over a collection: its folders and requests as rows, which are
 * checked (a folder is checked when all its requests are, mixed when some are), and the ids to
 * run, in the collection's order. Only request ids are held; folders follow from them.
 */
import type { TreeNode } from './bindings/TreeNode';

export interface ItemRow {
  kind: 'folder' | 'request';
  id: number;
  name: string;
  method: string | null;
  /** Depth, from 1 for the collection's top level. */
  level: number;
  /** The requests it runs: itself, or every request under the folder. */
  requests: number[];
}

function requestsUnder(node: TreeNode): number[] {
  return node.kind === 'request' ? [node.id] : node.children.flatMap(requestsUnder);
}

/** Every folder and request, depth first, in the collection's order. */
export function itemRows(children: TreeNode[], level = 1): ItemRow[] {
  return children.flatMap((node) => {
    const row: ItemRow = {
      kind: node.kind,
      id: node.id,
      name: node.name,
      method: node.kind === 'request' ? node.method : null,
      level,
      requests: requestsUnder(node),
    };
    return node.kind === 'folder' ? [row, ...itemRows(node.children, level + 1)] : [row];
  });
}

/** Every request id of the collection. */
export function allRequests(children: TreeNode[]): number[] {
  return children.flatMap(requestsUnder);
}

export type CheckState = 'checked' | 'mixed' | 'unchecked';

export function checkState(row: ItemRow, checked: ReadonlySet<number>): CheckState {
  const on = row.requests.filter((id) => checked.has(id)).length;
  if (on === 0) return 'unchecked';
  return on === row.requests.length ? 'checked' : 'mixed';
}

/** Checks every request of `row`, or unchecks them all when all were checked. */
export function toggle(row: ItemRow, checked: ReadonlySet<number>): Set<number> {
  const next = new Set(checked);
  const on = checkState(row, checked) === 'checked';
  for (const id of row.requests) {
    if (on) next.delete(id);
    else next.add(id);
  }
  return next;
}

/**
 * The ids to run, in order: a fully checked folder by its id, else its checked requests; an
 * empty list when everything is checked (the whole collection, with its own scripts' order).
 */
export function selectedItems(children: TreeNode[], checked: ReadonlySet<number>): number[] {
  const all = allRequests(children);
  if (all.length > 0 && all.every((id) => checked.has(id))) return [];
  const pick = (nodes: TreeNode[]): number[] =>
    nodes.flatMap((node) => {
      const under = requestsUnder(node);
      if (node.kind === 'request') return checked.has(node.id) ? [node.id] : [];
      if (under.length > 0 && under.every((id) => checked.has(id))) return [node.id];
      return pick(node.children);
    });
  return pick(children);
}

/** The requests checked when the Runner opens on `items` (folder or request ids), or all. */
export function checkedFor(children: TreeNode[], items?: readonly number[]): Set<number> {
  if (items === undefined) return new Set(allRequests(children));
  const pick = (nodes: TreeNode[], on: boolean): number[] =>
    nodes.flatMap((node) => {
      const here = on || items.includes(node.id);
      if (node.kind === 'request') return here ? [node.id] : [];
      return pick(node.children, here);
    });
  return new Set(pick(children, false));
}
