import { describe, expect, it } from 'vitest';
import { collections } from './testing/fixtures';
import { visibleRows, type Row } from './tree';
import { END, dropPlace, dropTarget, indentTarget, outdentTarget } from './tree-drop';

// c:1 > f:10 > (f:11, r:12), r:13, r:14; c:2
const rows = visibleRows(collections(), new Set());
const row = (key: string): Row => rows.find((r) => r.key === key)!;

describe('dropPlace', () => {
  it('splits a request row in halves and a folder row in before, inside and after', () => {
    expect(dropPlace(row('r:13'), row('r:14'), 5, 26)).toBe('before');
    expect(dropPlace(row('r:13'), row('r:14'), 20, 26)).toBe('after');
    expect(dropPlace(row('r:13'), row('f:10'), 3, 26)).toBe('before');
    expect(dropPlace(row('r:13'), row('f:10'), 13, 26)).toBe('inside');
    expect(dropPlace(row('r:13'), row('f:10'), 24, 26)).toBe('after');
  });

  it('drops a node into a collection, and a collection only before or after one', () => {
    expect(dropPlace(row('r:13'), row('c:2'), 2, 26)).toBe('inside');
    expect(dropPlace(row('c:2'), row('c:1'), 2, 26)).toBe('before');
    expect(dropPlace(row('c:2'), row('c:1'), 20, 26)).toBe('after');
  });
});

describe('dropTarget', () => {
  it('moves a request into a folder, at its end', () => {
    expect(dropTarget(rows, row('r:13'), row('f:10'), 'inside')).toEqual({
      kind: 'node',
      node: { kind: 'request', id: 13 },
      parent: { kind: 'folder', id: 10 },
      index: END,
    });
  });

  it('moves a request into another collection', () => {
    expect(dropTarget(rows, row('r:14'), row('c:2'), 'inside')).toMatchObject({
      parent: { kind: 'collection', id: 2 },
    });
  });

  it('reorders among siblings with final indexes', () => {
    // r:14 (index 2) before f:10 (index 0): goes to 0.
    expect(dropTarget(rows, row('r:14'), row('f:10'), 'before')).toMatchObject({ index: 0 });
    // f:10 (index 0) after r:14 (index 2): 3 before removal, 2 after.
    expect(dropTarget(rows, row('f:10'), row('r:14'), 'after')).toMatchObject({
      parent: { kind: 'collection', id: 1 },
      index: 2,
    });
  });

  it('moves a request out of a folder beside a row of another level', () => {
    expect(dropTarget(rows, row('r:12'), row('r:14'), 'before')).toEqual({
      kind: 'node',
      node: { kind: 'request', id: 12 },
      parent: { kind: 'collection', id: 1 },
      index: 2,
    });
  });

  it('refuses drops that change nothing or would put a folder inside itself', () => {
    expect(dropTarget(rows, row('r:13'), row('r:13'), 'after')).toBeNull();
    expect(dropTarget(rows, row('r:13'), row('r:14'), 'before')).toBeNull();
    expect(dropTarget(rows, row('r:13'), row('f:10'), 'after')).toBeNull();
    expect(dropTarget(rows, row('f:10'), row('f:11'), 'inside')).toBeNull();
    expect(dropTarget(rows, row('f:10'), row('r:12'), 'after')).toBeNull();
  });

  it('reorders collections among themselves only', () => {
    expect(dropTarget(rows, row('c:2'), row('c:1'), 'before')).toEqual({
      kind: 'collection',
      id: 2,
      index: 0,
    });
    expect(dropTarget(rows, row('c:2'), row('c:1'), 'after')).toBeNull();
    expect(dropTarget(rows, row('c:2'), row('f:10'), 'before')).toBeNull();
  });
});

describe('Alt+Left and Alt+Right', () => {
  it('moves a row out of its folder to just after it', () => {
    expect(outdentTarget(rows, row('r:12'))).toEqual({
      kind: 'node',
      node: { kind: 'request', id: 12 },
      parent: { kind: 'collection', id: 1 },
      index: 1,
    });
    expect(outdentTarget(rows, row('r:13'))).toBeNull();
  });

  it('moves a row into the folder right above it', () => {
    expect(indentTarget(rows, row('r:13'))).toEqual({
      kind: 'node',
      node: { kind: 'request', id: 13 },
      parent: { kind: 'folder', id: 10 },
      index: END,
    });
    expect(indentTarget(rows, row('r:14'))).toBeNull();
    expect(indentTarget(rows, row('c:2'))).toBeNull();
  });
});
