import { beforeEach, describe, expect, it, vi } from 'vitest';
import * as api from '../api';
import { requestOf, treeOf, workspaceOf } from '../testing/fixtures';
import { findNode, visibleRows, type Row } from '../tree';
import { alerts } from './alerts.svelte';
import { WorkspaceState } from './workspace.svelte';

vi.mock('../api');
const mocked = vi.mocked(api);

const home = workspaceOf(1, 'Home');
const work = workspaceOf(2, 'Work');

function row(state: WorkspaceState, key: string): Row {
  const found = visibleRows(state.collections, new Set()).find((r) => r.key === key);
  if (!found) throw new Error(`no row ${key}`);
  return found;
}

async function loaded(): Promise<WorkspaceState> {
  mocked.ensureWorkspace.mockResolvedValue(home);
  mocked.listWorkspaces.mockResolvedValue([home, work]);
  mocked.workspaceTree.mockResolvedValue(treeOf(home));
  const state = new WorkspaceState();
  await state.init();
  return state;
}

describe('WorkspaceState start', () => {
  it('shows the shell’s snapshot at once, and the next init asks for nothing', async () => {
    const state = new WorkspaceState();
    state.start({
      fonts: { ui: 'sans-serif', mono: 'monospace' },
      look: {
        theme: 'system',
        fontSize: 14,
        layout: 'stacked',
        panes: { sidebarWidth: 300, stackedSplit: 0.45, sideBySideSplit: 0.5 },
      },
      workspaces: [home, work],
      tree: treeOf(home),
    });
    expect(state.current).toEqual(home);
    expect(state.collections.length).toBeGreaterThan(0);
    await state.init();
    expect(mocked.ensureWorkspace).not.toHaveBeenCalled();
    expect(mocked.workspaceTree).not.toHaveBeenCalled();

    mocked.ensureWorkspace.mockResolvedValue(home);
    mocked.listWorkspaces.mockResolvedValue([home]);
    mocked.workspaceTree.mockResolvedValue(treeOf(home, []));
    await state.init();
    expect(state.workspaces, 'a later init reads the store').toEqual([home]);
    expect(state.collections).toEqual([]);
  });
});

beforeEach(() => {
  vi.resetAllMocks();
  alerts.clear();
});

describe('WorkspaceState', () => {
  it('init shows the first workspace and its tree', async () => {
    const state = await loaded();
    expect(state.workspaces.map((w) => w.name)).toEqual(['Home', 'Work']);
    expect(state.current?.name).toBe('Home');
    expect(mocked.workspaceTree).toHaveBeenCalledWith(1);
    expect(state.collections.map((c) => c.name)).toEqual(['Users', 'Empty']);
  });

  it('init reports a failure and shows nothing', async () => {
    mocked.ensureWorkspace.mockRejectedValue({ kind: 'store', message: 'no disk', place: null });
    const state = new WorkspaceState();
    await state.init();
    expect(state.current).toBeNull();
    expect(alerts.items[0]?.error.message).toBe('no disk');
  });

  it('drops a slow tree that arrives after a newer workspace was chosen', async () => {
    const state = await loaded();
    let finishHome: (value: ReturnType<typeof treeOf>) => void = () => {};
    mocked.workspaceTree.mockImplementationOnce(
      () => new Promise((resolve) => (finishHome = resolve)),
    );
    mocked.workspaceTree.mockResolvedValueOnce(treeOf(work, []));
    const slow = state.select(1);
    await state.select(2);
    finishHome(treeOf(home));
    await slow;
    expect(state.current?.name).toBe('Work');
    expect(state.tree?.workspace.id).toBe(2);
    expect(state.collections).toEqual([]);
  });

  it('creates a collection in the current workspace and reloads', async () => {
    const state = await loaded();
    mocked.createCollection.mockResolvedValue({ id: 9 } as Awaited<
      ReturnType<typeof api.createCollection>
    >);
    await expect(state.createCollection('Orders')).resolves.toBe(9);
    expect(mocked.createCollection).toHaveBeenCalledWith(1, 'Orders');
    expect(mocked.workspaceTree).toHaveBeenCalledTimes(2);
  });

  it('creates requests as GET with an empty URL under the given parent', async () => {
    const state = await loaded();
    mocked.createRequest.mockResolvedValue(requestOf(20, 'New'));
    const created = await state.createRequest({ kind: 'folder', id: 10 }, 'New');
    expect(created?.id).toBe(20);
    expect(mocked.createRequest).toHaveBeenCalledWith({
      parent: { kind: 'folder', id: 10 },
      name: 'New',
      method: 'GET',
      url: '',
      protocol: 'http',
    });
  });

  it('moves a request up among its siblings with its parent and the new index', async () => {
    const state = await loaded();
    mocked.moveNode.mockResolvedValue(null);
    await expect(state.move(row(state, 'r:14'), 'up')).resolves.toBe(true);
    expect(mocked.moveNode).toHaveBeenCalledWith(
      { kind: 'request', id: 14 },
      { kind: 'collection', id: 1 },
      1,
    );
  });

  it('moves a nested folder down inside its folder', async () => {
    const state = await loaded();
    mocked.moveNode.mockResolvedValue(null);
    await state.move(row(state, 'f:11'), 'down');
    expect(mocked.moveNode).toHaveBeenCalledWith(
      { kind: 'folder', id: 11 },
      { kind: 'folder', id: 10 },
      1,
    );
  });

  it('moves collections with move_collection', async () => {
    const state = await loaded();
    mocked.moveCollection.mockResolvedValue(null);
    await state.move(row(state, 'c:2'), 'up');
    expect(mocked.moveCollection).toHaveBeenCalledWith(2, 0);
    expect(mocked.moveNode).not.toHaveBeenCalled();
  });

  it('does not call the store to move past an edge', async () => {
    const state = await loaded();
    await expect(state.move(row(state, 'c:1'), 'up')).resolves.toBe(false);
    await expect(state.move(row(state, 'r:14'), 'down')).resolves.toBe(false);
    expect(mocked.moveCollection).not.toHaveBeenCalled();
    expect(mocked.moveNode).not.toHaveBeenCalled();
  });

  it('reports a failed write and still reloads the tree', async () => {
    const state = await loaded();
    mocked.deleteNode.mockRejectedValue({ kind: 'notFound', message: 'no folder 10', place: null });
    await expect(state.deleteNode({ kind: 'folder', id: 10 })).resolves.toBe(false);
    expect(alerts.items[0]?.error.kind).toBe('notFound');
    expect(mocked.workspaceTree).toHaveBeenCalledTimes(2);
  });

  it('a delete that leaves keychain entries behind succeeds and shows the warning', async () => {
    const state = await loaded();
    mocked.deleteCollection.mockResolvedValue(['keychain entry var:7:token left: locked']);
    await expect(state.deleteCollection(7)).resolves.toBe(true);
    expect(alerts.items.map((a) => a.error)).toEqual([
      { kind: 'warning', message: 'keychain entry var:7:token left: locked', place: null },
    ]);
  });

  it('after deleting the current workspace shows the first one left', async () => {
    const state = await loaded();
    mocked.deleteWorkspace.mockResolvedValue([]);
    mocked.listWorkspaces.mockResolvedValue([work]);
    mocked.workspaceTree.mockResolvedValue(treeOf(work, []));
    await expect(state.deleteWorkspace(1)).resolves.toBe(true);
    expect(state.currentId).toBe(2);
    expect(state.current?.name).toBe('Work');
  });

  it('after deleting the last workspace shows the one the store creates', async () => {
    const state = await loaded();
    const fresh = workspaceOf(3, 'My Workspace');
    mocked.deleteWorkspace.mockResolvedValue([]);
    mocked.listWorkspaces.mockResolvedValueOnce([]).mockResolvedValueOnce([fresh]);
    mocked.ensureWorkspace.mockResolvedValue(fresh);
    mocked.workspaceTree.mockResolvedValue(treeOf(fresh, []));
    await state.deleteWorkspace(1);
    expect(state.current?.name).toBe('My Workspace');
  });

  it('mirrors a saved request name, method and URL into the tree', async () => {
    const state = await loaded();
    state.applyRequest({ id: 12, name: 'List all admins', method: 'PROPFIND', url: '/all' });
    const updated = row(state, 'r:12');
    expect(updated.name).toBe('List all admins');
    expect(updated.method).toBe('PROPFIND');
    const node = findNode(state.collections, { kind: 'request', id: 12 })?.node;
    expect(node).toMatchObject({ url: '/all' });
  });
});
