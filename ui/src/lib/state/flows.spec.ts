import { beforeEach, describe, expect, it, vi } from 'vitest';
import * as api from '../api';
import type { Collection } from '../bindings/Collection';
import type { Folder } from '../bindings/Folder';
import { requestOf, treeOf, workspaceOf } from '../testing/fixtures';
import type { Row } from '../tree';
import { alerts } from './alerts.svelte';
import { dialogs } from './dialogs.svelte';
import { editor } from './editor.svelte';
import * as flows from './flows';
import { responses } from './responses.svelte';
import { tabs } from './tabs.svelte';
import { treeView } from './tree-view.svelte';
import { workspace } from './workspace.svelte';

vi.mock('../api');
const mocked = vi.mocked(api);
const home = workspaceOf(1, 'Home');

function row(key: string): Row {
  const found = treeView.rows.find((r) => r.key === key);
  if (!found) throw new Error(`no row ${key}`);
  return found;
}

beforeEach(() => {
  vi.resetAllMocks();
  alerts.clear();
  dialogs.cancel();
  editor.close();
  treeView.collapsed.clear();
  treeView.active = null;
  workspace.workspaces = [home];
  workspace.currentId = 1;
  workspace.tree = treeOf(home);
  responses.clear();
  mocked.workspaceTree.mockResolvedValue(treeOf(home));
  mocked.saveRequest.mockImplementation(async (request) => ({ ...request }));
  mocked.saveDraft.mockResolvedValue(null);
  mocked.setTabs.mockResolvedValue(null);
  mocked.getDraft.mockResolvedValue(null);
  tabs.list = [];
  tabs.active = null;
  tabs.heads = [];
});

describe('flows', () => {
  it('creates a collection with the name asked for and focuses it', async () => {
    mocked.createCollection.mockResolvedValue({ id: 2 } as Collection);
    const done = flows.newCollection();
    expect(dialogs.pending).toMatchObject({ type: 'prompt', options: { title: 'New collection' } });
    dialogs.answer('Orders');
    await done;
    expect(mocked.createCollection).toHaveBeenCalledWith(1, 'Orders');
    expect(treeView.tabStop).toBe('c:2');
  });

  it('creates nothing when the name dialog is cancelled', async () => {
    const done = flows.newCollection();
    dialogs.cancel();
    await done;
    expect(mocked.createCollection).not.toHaveBeenCalled();
  });

  it('opens a new request in the editor and expands its folder', async () => {
    treeView.collapse('f:10');
    mocked.createRequest.mockResolvedValue(requestOf(30, 'Ping'));
    const done = flows.addRequest(row('f:10'));
    dialogs.answer('Ping');
    await done;
    expect(mocked.createRequest).toHaveBeenCalledWith({
      parent: { kind: 'folder', id: 10 },
      name: 'Ping',
      method: 'GET',
      url: '',
      protocol: 'http',
    });
    expect(editor.stored?.id).toBe(30);
    expect(editor.status).toBe('Saved');
    expect(treeView.collapsed.has('f:10')).toBe(false);
  });

  it('creates a WebSocket request when the New request dialog says so (issue 14)', async () => {
    mocked.createRequest.mockResolvedValue({
      ...requestOf(31, 'Chat'),
      protocol: 'websocket',
    });
    const done = flows.addRequest(row('f:10'));
    expect(dialogs.pending?.type).toBe('request');
    dialogs.answer('Chat', 'websocket');
    await done;
    expect(mocked.createRequest).toHaveBeenCalledWith({
      parent: { kind: 'folder', id: 10 },
      name: 'Chat',
      method: 'GET',
      url: '',
      protocol: 'websocket',
    });
    expect(editor.stored?.protocol).toBe('websocket');
    expect(editor.draft?.messages).toEqual([]);
    expect(editor.isDirty).toBe(false);
  });

  it('New request works before any collection exists: it makes one first (issue 12)', async () => {
    workspace.tree = treeOf(home, []);
    const created = { id: 5, name: 'New Collection', children: [] };
    mocked.createCollection.mockResolvedValue({ id: 5 } as Collection);
    mocked.workspaceTree.mockResolvedValue(treeOf(home, [created]));
    mocked.createRequest.mockResolvedValue(requestOf(40, 'New Request'));
    await flows.newRequest();
    expect(mocked.createCollection).toHaveBeenCalledWith(1, 'New Collection');
    expect(mocked.createRequest).toHaveBeenCalledWith({
      parent: { kind: 'collection', id: 5 },
      name: 'New Request',
      method: 'GET',
      url: '',
      protocol: 'http',
    });
    expect(editor.stored?.id).toBe(40);
    expect(treeView.active).toBe('r:40');
    expect(dialogs.pending).toBeNull();
  });

  it('New request goes where the active row is, else into the first collection', async () => {
    mocked.createRequest.mockResolvedValue(requestOf(41, 'New Request'));
    treeView.active = 'r:12';
    await flows.newRequest();
    expect(mocked.createRequest).toHaveBeenLastCalledWith(
      expect.objectContaining({ parent: { kind: 'folder', id: 10 } }),
    );
    treeView.active = 'c:2';
    await flows.newRequest();
    expect(mocked.createRequest).toHaveBeenLastCalledWith(
      expect.objectContaining({ parent: { kind: 'collection', id: 2 } }),
    );
    treeView.active = null;
    await flows.newRequest();
    expect(mocked.createRequest).toHaveBeenLastCalledWith(
      expect.objectContaining({ parent: { kind: 'collection', id: 1 } }),
    );
    expect(mocked.createCollection).not.toHaveBeenCalled();
  });

  it('keeps the open request edits as its draft, unsaved, when a new tab replaces it', async () => {
    editor.show(requestOf(13, 'Get user'));
    tabs.add({ kind: 'request', id: 13 });
    editor.edit('url', 'https://x.test');
    mocked.createRequest.mockResolvedValue(requestOf(31, 'Pong'));
    const done = flows.addRequest(row('c:1'));
    dialogs.answer('Pong');
    await done;
    expect(mocked.saveDraft).toHaveBeenCalledWith(
      expect.objectContaining({ id: 13, url: 'https://x.test' }),
    );
    expect(mocked.saveRequest).not.toHaveBeenCalled();
    expect(editor.stored?.id).toBe(31);
    expect(tabs.list).toEqual([
      { kind: 'request', id: 13 },
      { kind: 'request', id: 31 },
    ]);
    expect(tabs.active).toBe(1);
    expect(tabs.head(13)).toMatchObject({ name: 'Get user', method: 'GET' });
  });

  it('moves a row and keeps the focus on it', async () => {
    mocked.moveNode.mockResolvedValue(null);
    const before = treeView.focusRequests;
    await flows.move(row('r:13'), 'down');
    expect(mocked.moveNode).toHaveBeenCalledWith(
      { kind: 'request', id: 13 },
      { kind: 'collection', id: 1 },
      2,
    );
    expect(treeView.active).toBe('r:13');
    expect(treeView.focusRequests).toBe(before + 1);
  });

  it('keeps the request open when its draft cannot be kept', async () => {
    editor.show(requestOf(13, 'Get user'));
    editor.edit('method', 'BAD METHOD');
    mocked.saveDraft.mockRejectedValue({ kind: 'store', message: 'bad', place: null });
    mocked.getRequest.mockResolvedValue(requestOf(14, 'Create user', 'POST'));

    await flows.openRequest(14);
    expect(editor.stored?.id).toBe(13);
    expect(editor.draft?.method).toBe('BAD METHOD');
    expect(editor.status).toBe('bad');
  });

  it('switching to the shown workspace does nothing', async () => {
    await flows.switchWorkspace(1);
    expect(mocked.workspaceTree).not.toHaveBeenCalled();
  });

  it('creates a folder and makes it the active row', async () => {
    mocked.createFolder.mockResolvedValue({ id: 40 } as Folder);
    const done = flows.addFolder(row('c:2'));
    dialogs.answer('Drafts');
    await done;
    expect(mocked.createFolder).toHaveBeenCalledWith({
      parent: { kind: 'collection', id: 2 },
      name: 'Drafts',
    });
    expect(treeView.active).toBe('f:40');
  });
});

describe('send', () => {
  it('keeps unsaved changes as the draft first, then sends it without saving', async () => {
    const order: string[] = [];
    mocked.saveDraft.mockImplementation(async (request) => {
      order.push(`draft ${request.url}`);
      return null;
    });
    mocked.sendRequest.mockImplementation(async (id) => {
      order.push(`send ${id}`);
      throw { kind: 'http', message: 'connection refused by http://127.0.0.1:9', place: null };
    });
    editor.show(requestOf(13, 'Get user'));
    editor.edit('url', 'http://127.0.0.1:9/');
    await flows.send();
    expect(order).toEqual(['draft http://127.0.0.1:9/', 'send 13']);
    expect(mocked.saveRequest).not.toHaveBeenCalled();
    expect(editor.isDirty).toBe(true);
    expect(responses.outcome(13)?.kind).toBe('error');
  });

  it('invokes a gRPC request, listing its methods first when none are listed', async () => {
    const order: string[] = [];
    mocked.saveDraft.mockImplementation(async () => {
      order.push('draft');
      return null;
    });
    mocked.grpcMethods.mockImplementation(async (id, refresh) => {
      order.push(`methods ${id} ${refresh}`);
      return [{ name: 'a.S/Chat', input: 'a.In', output: 'a.Out', shape: 'bidirectional' }];
    });
    mocked.openGrpcCall.mockImplementation(async (id) => {
      order.push(`call ${id}`);
      return { kind: 'error', error: { kind: 'network', message: 'refused', place: null } };
    });
    editor.show({ ...requestOf(31, 'Chat', 'GET', 'grpc://127.0.0.1:9'), protocol: 'grpc' });
    editor.edit('url', 'grpc://127.0.0.1:10');
    await flows.send();
    expect(order).toEqual(['draft', 'methods 31 false', 'call 31']);
    expect(mocked.sendRequest).not.toHaveBeenCalled();
    await flows.send();
    expect(order.slice(3)).toEqual(['draft', 'call 31']);
  });

  it('does not send when the draft cannot be kept', async () => {
    mocked.saveDraft.mockRejectedValue({ kind: 'invalid', message: 'no', place: null });
    editor.show(requestOf(13, 'Get user'));
    editor.edit('url', 'x');
    await flows.send();
    expect(mocked.sendRequest).not.toHaveBeenCalled();
    expect(editor.status).toBe('no');
  });

  it('cancels the send of the open request under way', async () => {
    mocked.sendRequest.mockImplementation(() => new Promise(() => {}));
    mocked.cancelRequest.mockResolvedValue(true);
    editor.show(requestOf(13, 'Get user'));
    void flows.send();
    await vi.waitFor(() => expect(responses.isSending(13)).toBe(true));
    await flows.cancelSend();
    expect(mocked.cancelRequest).toHaveBeenCalledWith(mocked.sendRequest.mock.calls[0]?.[1]);
  });
});
