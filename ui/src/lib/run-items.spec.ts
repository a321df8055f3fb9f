import { describe, expect, it } from 'vitest';
import type { TreeNode } from './bindings/TreeNode';
import { allRequests, checkState, checkedFor, itemRows, selectedItems, toggle } from './run-items';

const tree: TreeNode[] = [
  {
    kind: 'folder',
    id: 1,
    name: 'Users',
    children: [
      { kind: 'request', id: 2, name: 'List', method: 'GET', url: '' },
      { kind: 'request', id: 3, name: 'Create', method: 'POST', url: '' },
    ],
  },
  { kind: 'request', id: 4, name: 'Health', method: 'GET', url: '' },
  { kind: 'folder', id: 5, name: 'Empty', children: [] },
];

describe('run items', () => {
  it('lists folders and requests depth first with their requests', () => {
    const rows = itemRows(tree);
    expect(rows.map((r) => [r.name, r.level, r.requests])).toEqual([
      ['Users', 1, [2, 3]],
      ['List', 2, [2]],
      ['Create', 2, [3]],
      ['Health', 1, [4]],
      ['Empty', 1, []],
    ]);
  });

  it('runs the whole collection when everything is checked', () => {
    expect(selectedItems(tree, new Set(allRequests(tree)))).toEqual([]);
  });

  it('names a fully checked folder by its id and keeps the collection order', () => {
    expect(selectedItems(tree, new Set([2, 3]))).toEqual([1]);
    expect(selectedItems(tree, new Set([4, 3]))).toEqual([3, 4]);
  });

  it('opens on a folder with its requests checked, or on everything', () => {
    expect([...checkedFor(tree, [1])]).toEqual([2, 3]);
    expect([...checkedFor(tree, [4])]).toEqual([4]);
    expect([...checkedFor(tree)]).toEqual([2, 3, 4]);
  });

  it('toggles a folder’s requests together and shows a mixed folder', () => {
    const users = itemRows(tree)[0]!;
    const some = new Set([2]);
    expect(checkState(users, some)).toBe('mixed');
    const all = toggle(users, some);
    expect([...all].sort()).toEqual([2, 3]);
    expect(checkState(users, all)).toBe('checked');
    expect(toggle(users, all).size).toBe(0);
  });
});
