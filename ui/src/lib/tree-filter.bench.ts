/**
 * The sidebar filter on a workspace of 10,000 requests (10 collections × 20 folders × 50
 * requests), the size issue 12 sets a 50 ms budget for. Run with `npx vitest bench --run`;
 * timings are printed, never asserted.
 */
import { bench, describe } from 'vitest';
import type { CollectionTree } from './bindings/CollectionTree';
import { visibleRows } from './tree';
import { filteredRows } from './tree-filter';

const METHODS = ['GET', 'POST', 'PUT', 'PATCH', 'DELETE'];

function workspaceOf10k(): CollectionTree[] {
  let id = 1;
  return Array.from({ length: 10 }, (_, c) => ({
    id: c + 1,
    name: `Service ${c}`,
    children: Array.from({ length: 20 }, (_, f) => ({
      kind: 'folder' as const,
      id: id++,
      name: `Resource ${c}-${f}`,
      children: Array.from({ length: 50 }, (_, r) => ({
        kind: 'request' as const,
        id: id++,
        name: `${METHODS[r % 5]} item ${r} of resource ${f}`,
        method: METHODS[r % 5]!,
        url: `{{base}}/service-${c}/resource-${f}/items/${r}?page=1&limit=50`,
      })),
    })),
  }));
}

const tree = workspaceOf10k();

describe('sidebar tree, 10,000 requests', () => {
  bench('filter by a name (few matches)', () => {
    filteredRows(tree, 'item 42 of resource 7');
  });
  bench('filter by a URL fragment (many matches)', () => {
    filteredRows(tree, 'items/4');
  });
  bench('filter matching nothing', () => {
    filteredRows(tree, 'no such request');
  });
  bench('rows of the unfiltered tree', () => {
    visibleRows(tree, new Set());
  });
});
