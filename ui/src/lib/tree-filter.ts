/**
 * The sidebar's filter-as-you-type: which rows stay when the tree is filtered by a text, and
 * where that text sits in each name. A folder or request matches when its name or (for a
 * request) its URL contains the text, ignoring case; a collection matches by name. A match
 * keeps its ancestors, shown open whatever their collapsed state, so it is seen in place; a
 * folder or collection that matches shows all it holds. One pass over the tree, with no
 * allocation for rows that do not match, so 10,000 requests filter in a few milliseconds
 * (`tree-filter.bench.ts`).
 */
import type { CollectionTree } from './bindings/CollectionTree';
import type { Parent } from './bindings/Parent';
import type { TreeNode } from './bindings/TreeNode';
import { collectionKey, nodeKey, type Row } from './tree';

/** The text the filter looks for: trimmed, lower case; empty means no filter. */
export function filterNeedle(query: string): string {
  return query.trim().toLowerCase();
}

/** `[start, end)` of the first place `needle` (lower case) occurs in `text`, or `null`. */
export function matchRange(text: string, needle: string): [number, number] | null {
  if (needle === '') return null;
  const at = text.toLowerCase().indexOf(needle);
  return at < 0 ? null : [at, at + needle.length];
}

/**
 * The rows to show for `query` (see the module doc), each with `match` set where its name
 * contains the text. With an empty query, `null`: the caller shows the unfiltered tree.
 */
export function filteredRows(
  collections: CollectionTree[],
  query: string,
  hidden: ReadonlySet<string> = new Set(),
): Row[] | null {
  const needle = filterNeedle(query);
  if (needle === '') return null;
  const rows: Row[] = [];

  const row = (
    node: TreeNode,
    parent: Parent,
    parentKey: string,
    level: number,
    index: number,
    siblings: number,
  ): Row => ({
    key: nodeKey(node),
    kind: node.kind,
    id: node.id,
    name: node.name,
    method: node.kind === 'request' ? node.method : null,
    level,
    parentKey,
    parent,
    index,
    siblings,
    expandable: node.kind === 'folder',
    expanded: node.kind === 'folder',
    match: matchRange(node.name, needle),
  });

  /** Adds the rows of `nodes` that match (or all of them under a match); whether any did. */
  const walk = (
    nodes: TreeNode[],
    parent: Parent,
    parentKey: string,
    level: number,
    all: boolean,
  ): boolean => {
    let any = false;
    nodes.forEach((node, index) => {
      const key = nodeKey(node);
      if (hidden.has(key)) return;
      const self =
        all ||
        node.name.toLowerCase().includes(needle) ||
        (node.kind === 'request' && node.url.toLowerCase().includes(needle));
      if (node.kind === 'request') {
        if (self) rows.push(row(node, parent, parentKey, level, index, nodes.length));
        any ||= self;
        return;
      }
      const at = rows.length;
      rows.push(row(node, parent, parentKey, level, index, nodes.length));
      const inner = walk(node.children, { kind: 'folder', id: node.id }, key, level + 1, self);
      if (self || inner) any = true;
      else rows.length = at; // neither it nor anything in it matched
    });
    return any;
  };

  collections.forEach((collection, index) => {
    const key = collectionKey(collection.id);
    if (hidden.has(key)) return;
    const at = rows.length;
    const self = collection.name.toLowerCase().includes(needle);
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
      expanded: true,
      match: matchRange(collection.name, needle),
    });
    const inner = walk(
      collection.children,
      { kind: 'collection', id: collection.id },
      key,
      2,
      self,
    );
    if (!self && !inner) rows.length = at;
  });
  return rows;
}
