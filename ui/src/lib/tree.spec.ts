import { describe, expect, it } from 'vitest';
import { collections } from './testing/fixtures';
import {
  containsRequest,
  findNode,
  moveIndex,
  neighbour,
  requestBadge,
  requestOwner,
  toNodeId,
  toParent,
  visibleRows,
} from './tree';

describe('visibleRows', () => {
  it('flattens every expanded collection and folder in order, with levels and places', () => {
    const rows = visibleRows(collections(), new Set());
    expect(rows.map((r) => [r.key, r.level, r.index, r.siblings])).toEqual([
      ['c:1', 1, 0, 2],
      ['f:10', 2, 0, 3],
      ['f:11', 3, 0, 2],
      ['r:12', 3, 1, 2],
      ['r:13', 2, 1, 3],
      ['r:14', 2, 2, 3],
      ['c:2', 1, 1, 2],
    ]);
  });

  it('gives each node its parent key and the Parent that move_node takes', () => {
    const rows = visibleRows(collections(), new Set());
    const admins = rows.find((r) => r.key === 'r:12');
    expect(admins?.parentKey).toBe('f:10');
    expect(admins?.parent).toEqual({ kind: 'folder', id: 10 });
    expect(admins?.method).toBe('GET');
    const getUser = rows.find((r) => r.key === 'r:13');
    expect(getUser?.parent).toEqual({ kind: 'collection', id: 1 });
    expect(rows[0]?.parent).toBeNull();
  });

  it('badges a WebSocket request WS where an HTTP one shows its method (issue 14)', () => {
    const trees = collections();
    const first = trees[0]!.children[1]!;
    if (first.kind === 'request') first.protocol = 'websocket';
    const rows = visibleRows(trees, new Set());
    expect(rows.find((r) => r.key === 'r:13')?.method).toBe('WS');
    expect(rows.find((r) => r.key === 'r:14')?.method).toBe('POST');
  });

  it('badges gRPC and Socket.IO requests, which the app cannot open yet', () => {
    expect(requestBadge('grpc', 'POST')).toBe('gRPC');
    expect(requestBadge('socketio', 'GET')).toBe('SIO');
    expect(requestBadge('http', 'PATCH')).toBe('PATCH');
    expect(requestBadge(undefined, 'GET')).toBe('GET');
  });

  it('hides the children of collapsed rows and marks them collapsed', () => {
    const rows = visibleRows(collections(), new Set(['f:10']));
    expect(rows.map((r) => r.key)).toEqual(['c:1', 'f:10', 'r:13', 'r:14', 'c:2']);
    expect(rows[1]?.expanded).toBe(false);
    expect(rows[0]?.expanded).toBe(true);
  });

  it('treats empty folders and collections as expandable, requests not', () => {
    const rows = visibleRows(collections(), new Set());
    const byKey = new Map(rows.map((r) => [r.key, r]));
    expect(byKey.get('f:11')?.expandable).toBe(true);
    expect(byKey.get('c:2')?.expandable).toBe(true);
    expect(byKey.get('r:13')?.expandable).toBe(false);
    expect(byKey.get('r:13')?.expanded).toBe(false);
  });
});

describe('findNode', () => {
  it('finds a nested request with its parent, index and ancestors', () => {
    const found = findNode(collections(), { kind: 'request', id: 12 });
    expect(found?.node.name).toBe('List admins');
    expect(found?.parent).toEqual({ kind: 'folder', id: 10 });
    expect(found?.index).toBe(1);
    expect(found?.siblings).toHaveLength(2);
    expect(found?.ancestors).toEqual(['c:1', 'f:10']);
  });

  it('tells folders and requests apart by kind', () => {
    expect(findNode(collections(), { kind: 'folder', id: 12 })).toBeNull();
    expect(findNode(collections(), { kind: 'folder', id: 11 })?.node.name).toBe('Audit');
  });

  it('answers whether a request is still in the workspace', () => {
    expect(containsRequest(collections(), 14)).toBe(true);
    expect(containsRequest(collections(), 99)).toBe(false);
  });
});

describe('moveIndex', () => {
  it('moves one place within the siblings', () => {
    expect(moveIndex(1, 3, 'up')).toBe(0);
    expect(moveIndex(1, 3, 'down')).toBe(2);
  });

  it('has nothing to do at either edge', () => {
    expect(moveIndex(0, 3, 'up')).toBeNull();
    expect(moveIndex(2, 3, 'down')).toBeNull();
    expect(moveIndex(0, 1, 'down')).toBeNull();
  });
});

describe('neighbour', () => {
  const rows = visibleRows(collections(), new Set());

  it('is the next row outside the deleted subtree, at the same level or above', () => {
    expect(neighbour(rows, 'f:10')).toBe('r:13');
    expect(neighbour(rows, 'r:13')).toBe('r:14');
    expect(neighbour(rows, 'r:12')).toBe('r:13');
  });

  it('falls back to the row before when nothing follows', () => {
    expect(neighbour(rows, 'c:2')).toBe('r:14');
  });

  it('is null for an unknown row or the only row', () => {
    expect(neighbour(rows, 'r:99')).toBeNull();
    expect(neighbour(visibleRows([{ id: 5, name: 'x', children: [] }], new Set()), 'c:5')).toBe(
      null,
    );
  });
});

describe('toNodeId and toParent', () => {
  it('map rows to the ids the commands take', () => {
    expect(toNodeId({ kind: 'request', id: 3 })).toEqual({ kind: 'request', id: 3 });
    expect(toNodeId({ kind: 'collection', id: 3 })).toBeNull();
    expect(toParent({ kind: 'folder', id: 4 })).toEqual({ kind: 'folder', id: 4 });
    expect(toParent({ kind: 'collection', id: 1 })).toEqual({ kind: 'collection', id: 1 });
    expect(toParent({ kind: 'request', id: 4 })).toBeNull();
  });
});

describe('requestOwner', () => {
  it('names the folder or collection directly holding a request', () => {
    const trees = collections();
    expect(requestOwner(trees, 12)).toEqual({ kind: 'folder', name: 'Admin' });
    expect(requestOwner(trees, 13)).toEqual({ kind: 'collection', name: 'Users' });
    expect(requestOwner(trees, 99)).toBeNull();
  });
});
