/**
 * Where a row goes when it is dropped on another (drag and drop in the sidebar), or moved by
 * Alt+Left (out of its folder) and Alt+Right (into the folder above it): a `MoveTarget` in the
 * terms `move_node` and `move_collection` take (the final index among the new siblings). Pure,
 * so every case is unit tested; `Tree.svelte` only measures the pointer.
 */
import type { NodeId } from './bindings/NodeId';
import type { Parent } from './bindings/Parent';
import { toNodeId, toParent, type Row } from './tree';

export type DropPlace = 'before' | 'after' | 'inside';

export type MoveTarget =
  | { kind: 'node'; node: NodeId; parent: Parent; index: number }
  | { kind: 'collection'; id: number; index: number };

/** "At the end": the core clamps an index past the last sibling. */
export const END = 2 ** 31 - 1;

/**
 * Which part of row `over` the pointer is on, at `y` pixels from its top out of `height`:
 * a collection or folder takes drops inside in its middle (a collection, all but collection
 * reorders), anything takes drops before its top and after its bottom.
 */
export function dropPlace(dragged: Row, over: Row, y: number, height: number): DropPlace {
  const ratio = height > 0 ? y / height : 0.5;
  if (dragged.kind === 'collection' || over.kind === 'request') {
    return ratio < 0.5 ? 'before' : 'after';
  }
  if (over.kind === 'collection') return 'inside';
  if (ratio < 0.25) return 'before';
  if (ratio > 0.75) return 'after';
  return 'inside';
}

/** Whether `key` is `ancestor` or lies under it, following `parentKey` through `rows`. */
function within(rows: ReadonlyMap<string, Row>, key: string | null, ancestor: string): boolean {
  for (let at = key; at !== null; at = rows.get(at)?.parentKey ?? null) {
    if (at === ancestor) return true;
  }
  return false;
}

function sameParent(a: Parent | null, b: Parent | null): boolean {
  return a !== null && b !== null && a.kind === b.kind && a.id === b.id;
}

/** The final index of a row placed at `index` among siblings it may already be one of. */
function finalIndex(dragged: Row, parent: Parent | null, index: number): number {
  return sameParent(dragged.parent, parent) && dragged.index < index ? index - 1 : index;
}

/**
 * The move that dropping `dragged` at `place` of `over` makes, or `null` when it would change
 * nothing or break the tree (a folder into itself, a collection into a folder).
 */
export function dropTarget(
  rows: readonly Row[],
  dragged: Row,
  over: Row,
  place: DropPlace,
): MoveTarget | null {
  if (dragged.key === over.key) return null;
  if (dragged.kind === 'collection') {
    if (over.kind !== 'collection' || place === 'inside') return null;
    const index = over.index + (place === 'after' ? 1 : 0);
    const final = dragged.index < index ? index - 1 : index;
    return final === dragged.index ? null : { kind: 'collection', id: dragged.id, index: final };
  }
  const node = toNodeId(dragged);
  if (!node) return null;
  const byKey = new Map(rows.map((r) => [r.key, r]));
  if (within(byKey, over.key, dragged.key)) return null;
  if (place === 'inside') {
    const parent = toParent(over);
    if (!parent) return null;
    return { kind: 'node', node, parent, index: END };
  }
  const parent = over.parent;
  if (!parent) return null;
  const index = finalIndex(dragged, parent, over.index + (place === 'after' ? 1 : 0));
  if (sameParent(dragged.parent, parent) && index === dragged.index) return null;
  return { kind: 'node', node, parent, index };
}

/** Alt+Left: `row` leaves its folder and goes right after it; `null` at the top level. */
export function outdentTarget(rows: readonly Row[], row: Row): MoveTarget | null {
  const node = toNodeId(row);
  const folder = rows.find((r) => r.key === row.parentKey);
  if (!node || !folder || folder.kind !== 'folder' || !folder.parent) return null;
  return { kind: 'node', node, parent: folder.parent, index: folder.index + 1 };
}

/** Alt+Right: `row` goes last into the folder just above it among its siblings, if any. */
export function indentTarget(rows: readonly Row[], row: Row): MoveTarget | null {
  const node = toNodeId(row);
  const above = rows.find(
    (r) => r.parentKey === row.parentKey && r.index === row.index - 1 && r.kind === 'folder',
  );
  if (!node || !above) return null;
  return { kind: 'node', node, parent: { kind: 'folder', id: above.id }, index: END };
}
