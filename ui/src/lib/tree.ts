/**
 * The sidebar tree as rows: flattening collections into visible rows, finding a node, and the
 * index a row moves to. Pure functions over the generated `CollectionTree` type, so they are
 * tested without a DOM or a store.
 *
 * Keys name a row across reloads: `c:<id>` for a collection, `f:<id>` for a folder and `r:<id>`
 * for a request (folders and requests share one id space, collections have their own).
 */
import type { CollectionId } from './bindings/CollectionId';
import type { CollectionTree } from './bindings/CollectionTree';
import type { NodeId } from './bindings/NodeId';
import type { Parent } from './bindings/Parent';
import type { Protocol } from './bindings/Protocol';
import type { RequestId } from './bindings/RequestId';
import type { TreeNode } from './bindings/TreeNode';

export type RowKind = 'collection' | 'folder' | 'request';

/** One visible row of the tree, with what the ARIA tree pattern and the actions need. */
export interface Row {
  key: string;
  kind: RowKind;
  id: number;
  name: string;
  /** Method token, for requests only. */
  method: string | null;
  /** Depth from 1 (collections), as `aria-level`. */
  level: number;
  /** Key of the row holding this one, `null` for collections. */
  parentKey: string | null;
  /** Where a folder or request lives, `null` for collections. */
  parent: Parent | null;
  /** Place among its siblings, from 0. */
  index: number;
  /** Number of siblings including itself. */
  siblings: number;
  /** Collections and folders can be expanded, even when empty. */
  expandable: boolean;
  expanded: boolean;
  /** Where the sidebar filter's text sits in `name` (`[start, end)`), when filtering. */
  match?: [number, number] | null;
}

export type Direction = 'up' | 'down';

/**
 * What a request's row and tab show where an HTTP request shows its method: `WS` for a
 * WebSocket, `SIO` for a Socket.IO request and `gRPC` for a gRPC request.
 */
export function requestBadge(protocol: Protocol | undefined, method: string): string {
  switch (protocol) {
    case 'websocket':
      return 'WS';
    case 'grpc':
      return 'gRPC';
    case 'socketio':
      return 'SIO';
    default:
      return method;
  }
}

export function collectionKey(id: CollectionId): string {
  return `c:${id}`;
}

export function nodeKey(node: NodeId | TreeNode): string {
  return `${node.kind === 'folder' ? 'f' : 'r'}:${node.id}`;
}

/** The `NodeId` of a folder or request row, `null` for a collection row. */
export function toNodeId(row: Pick<Row, 'kind' | 'id'>): NodeId | null {
  if (row.kind === 'collection') return null;
  return { kind: row.kind, id: row.id };
}

/** The `Parent` that children of a collection or folder row are created under. */
export function toParent(row: Pick<Row, 'kind' | 'id'>): Parent | null {
  if (row.kind === 'request') return null;
  return { kind: row.kind, id: row.id };
}

/**
 * The rows a person sees, in order: every collection, and the children of each expanded
 * collection or folder. A row is expanded unless its key is in `collapsed`, so new folders
 * show their contents without a click. Rows in `hidden` (a delete that can still be undone)
 * are left out with everything under them.
 */
export function visibleRows(
  collections: CollectionTree[],
  collapsed: ReadonlySet<string>,
  hidden: ReadonlySet<string> = new Set(),
): Row[] {
  const rows: Row[] = [];
  const addNodes = (nodes: TreeNode[], parent: Parent, parentKey: string, level: number) => {
    nodes.forEach((node, index) => {
      const key = nodeKey(node);
      if (hidden.has(key)) return;
      const isFolder = node.kind === 'folder';
      const expanded = isFolder && !collapsed.has(key);
      rows.push({
        key,
        kind: node.kind,
        id: node.id,
        name: node.name,
        // A WebSocket request is badged `WS` where an HTTP one shows its method.
        method: node.kind === 'request' ? requestBadge(node.protocol, node.method) : null,
        level,
        parentKey,
        parent,
        index,
        siblings: nodes.length,
        expandable: isFolder,
        expanded,
      });
      if (node.kind === 'folder' && expanded) {
        addNodes(node.children, { kind: 'folder', id: node.id }, key, level + 1);
      }
    });
  };
  collections.forEach((collection, index) => {
    const key = collectionKey(collection.id);
    if (hidden.has(key)) return;
    const expanded = !collapsed.has(key);
    rows.push({
      key,
      kind: 'collection',
      id: collection.id,
      name: collection.name,
      method: null,
      level: 1,
      parentKey: null,
      parent: null,
      index,
      siblings: collections.length,
      expandable: true,
      expanded,
    });
    if (expanded) {
      addNodes(collection.children, { kind: 'collection', id: collection.id }, key, 2);
    }
  });
  return rows;
}

/** Where a folder or request sits: its node, parent, place and siblings. */
export interface Location {
  node: TreeNode;
  parent: Parent;
  index: number;
  siblings: TreeNode[];
  /** Keys of the collection and folders above it, outermost first. */
  ancestors: string[];
}

/** Finds a folder or request anywhere in the workspace, or `null`. */
export function findNode(collections: CollectionTree[], node: NodeId): Location | null {
  const search = (nodes: TreeNode[], parent: Parent, ancestors: string[]): Location | null => {
    for (const [index, candidate] of nodes.entries()) {
      if (candidate.kind === node.kind && candidate.id === node.id) {
        return { node: candidate, parent, index, siblings: nodes, ancestors };
      }
      if (candidate.kind === 'folder') {
        const found = search(candidate.children, { kind: 'folder', id: candidate.id }, [
          ...ancestors,
          nodeKey(candidate),
        ]);
        if (found) return found;
      }
    }
    return null;
  };
  for (const collection of collections) {
    const found = search(collection.children, { kind: 'collection', id: collection.id }, [
      collectionKey(collection.id),
    ]);
    if (found) return found;
  }
  return null;
}

export function containsRequest(collections: CollectionTree[], id: RequestId): boolean {
  return findNode(collections, { kind: 'request', id }) !== null;
}

/**
 * The index a row at `index` among `siblings` rows moves to, or `null` at the edge. Indexes are
 * final places, as `move_node` and `move_collection` take them.
 */
export function moveIndex(index: number, siblings: number, direction: Direction): number | null {
  const target = direction === 'up' ? index - 1 : index + 1;
  return target >= 0 && target < siblings ? target : null;
}

/**
 * The row to focus once the row `key` and everything under it are gone: the next row outside
 * its subtree, else the one before it, else `null`.
 */
export function neighbour(rows: Row[], key: string): string | null {
  const at = rows.findIndex((r) => r.key === key);
  const row = rows[at];
  if (!row) return null;
  const after = rows.slice(at + 1).find((r) => r.level <= row.level);
  return after?.key ?? rows[at - 1]?.key ?? null;
}

/** The folder or collection directly holding request `id` (what its auth inherits from). */
export function requestOwner(
  collections: CollectionTree[],
  id: RequestId,
): { kind: 'folder' | 'collection'; name: string } | null {
  const found = findNode(collections, { kind: 'request', id });
  if (!found) return null;
  const { parent } = found;
  if (parent.kind === 'collection') {
    const collection = collections.find((c) => c.id === parent.id);
    return collection ? { kind: 'collection', name: collection.name } : null;
  }
  const folder = findNode(collections, { kind: 'folder', id: parent.id });
  return folder ? { kind: 'folder', name: folder.node.name } : null;
}
