import { beforeEach, describe, expect, it, vi } from 'vitest';
import * as api from '../api';
import type { Request } from '../bindings/Request';
import { requestOf, treeOf, workspaceOf } from '../testing/fixtures';
import { alerts } from './alerts.svelte';
import { Editor } from './editor.svelte';
import { treeView } from './tree-view.svelte';
import { workspace } from './workspace.svelte';

vi.mock('../api');
const mocked = vi.mocked(api);

/** An `update_request` that stores what it is given. */
function storeAsSent() {
  mocked.saveRequest.mockImplementation(async (request: Request) => ({ ...request }));
}

function opened(request = requestOf(13, 'Get user', 'GET', 'https://x.test/users/1')): Editor {
  const editor = new Editor();
  editor.show(request);
  return editor;
}

beforeEach(() => {
  vi.resetAllMocks();
  alerts.clear();
  workspace.tree = treeOf(workspaceOf(1, 'Home'));
});

describe('Editor', () => {
  it('opens a request as saved', async () => {
    mocked.getRequest.mockResolvedValue(requestOf(13, 'Get user'));
    const editor = new Editor();
    await expect(editor.open(13)).resolves.toBe(true);
    expect(editor.draft).toMatchObject({ name: 'Get user', method: 'GET', url: '', params: [] });
    expect(editor.isDirty).toBe(false);
    expect(editor.status).toBe('Saved');
  });

  it('is dirty while a field differs from the store, and clean again when it matches', () => {
    const editor = opened();
    editor.edit('url', 'https://x.test/users/2');
    expect(editor.isDirty).toBe(true);
    expect(editor.status).toBe('Unsaved changes');
    editor.edit('url', 'https://x.test/users/1');
    expect(editor.status).toBe('Saved');
  });

  it("keeps a WebSocket request's messages as a draft and saves them (issue 14)", async () => {
    storeAsSent();
    vi.useFakeTimers();
    try {
      const socket: Request = {
        ...requestOf(21, 'Chat', 'GET', 'ws://127.0.0.1:1/chat'),
        protocol: 'websocket',
        messages: [{ name: 'Hello', kind: 'text', content: 'hello', enabled: true }],
      };
      const editor = opened(socket);
      expect(editor.isDirty).toBe(false);
      const messages = [
        ...socket.messages!,
        { name: '', kind: 'json' as const, content: '{"op":"sub"}', enabled: true },
      ];
      editor.setMessages(messages);
      expect(editor.isDirty).toBe(true);
      await vi.runAllTimersAsync();
      expect(mocked.saveDraft).toHaveBeenCalledWith(expect.objectContaining({ id: 21, messages }));
      await expect(editor.save()).resolves.toBe(true);
      expect(mocked.saveRequest.mock.calls[0]?.[0]).toMatchObject({
        id: 21,
        protocol: 'websocket',
        messages,
      });
      expect(editor.isDirty).toBe(false);
    } finally {
      vi.useRealTimers();
    }
  });

  it("keeps a gRPC request's method and descriptor source as a draft and saves them", async () => {
    storeAsSent();
    vi.useFakeTimers();
    try {
      const call: Request = {
        ...requestOf(22, 'Echo', 'GET', 'grpc://127.0.0.1:1'),
        protocol: 'grpc',
        grpc: { method: '', source: { kind: 'reflection' } },
      };
      const editor = opened(call);
      expect(editor.isDirty).toBe(false);
      const grpc = {
        method: 'test.echo.Echo/Chat',
        source: { kind: 'files' as const, files: ['/p/echo.proto'], importPaths: ['/p'] },
      };
      editor.setGrpc(grpc);
      expect(editor.isDirty).toBe(true);
      await vi.runAllTimersAsync();
      expect(mocked.saveDraft).toHaveBeenCalledWith(expect.objectContaining({ id: 22, grpc }));
      await expect(editor.save()).resolves.toBe(true);
      expect(mocked.saveRequest.mock.calls[0]?.[0]).toMatchObject({ id: 22, grpc });
      expect(editor.isDirty).toBe(false);
    } finally {
      vi.useRealTimers();
    }
  });

  it("keeps a Socket.IO request's handshake path and auth payload as a draft and saves them", async () => {
    storeAsSent();
    vi.useFakeTimers();
    try {
      const sio: Request = {
        ...requestOf(22, 'Chat', 'GET', 'http://127.0.0.1:1/'),
        protocol: 'socketio',
        socketio: { path: '/io/' },
      };
      const editor = opened(sio);
      editor.setSocketio({ path: '/io/', auth: '' });
      expect(editor.isDirty).toBe(false);
      editor.setSocketio({ path: '/io/', auth: '{"token": "{{t}}"}' });
      expect(editor.isDirty).toBe(true);
      await vi.runAllTimersAsync();
      const socketio = { path: '/io/', auth: '{"token": "{{t}}"}' };
      expect(mocked.saveDraft).toHaveBeenCalledWith(expect.objectContaining({ id: 22, socketio }));
      await expect(editor.save()).resolves.toBe(true);
      expect(mocked.saveRequest.mock.calls[0]?.[0]).toMatchObject({
        protocol: 'socketio',
        socketio,
      });
      expect(editor.isDirty).toBe(false);
    } finally {
      vi.useRealTimers();
    }
  });

  it('counts an HTTP request with no messages, gRPC call or Socket.IO settings written as unchanged', () => {
    const editor = opened();
    expect(editor.draft?.messages).toEqual([]);
    expect(editor.draft?.grpc).toEqual({ method: '', source: { kind: 'reflection' } });
    expect(editor.isDirty).toBe(false);
  });

  it('saves the whole request with the edited fields and shows Saved', async () => {
    storeAsSent();
    const editor = opened();
    editor.edit('name', 'Get one user');
    editor.edit('method', 'PROPFIND');
    await expect(editor.save()).resolves.toBe(true);
    const sent = mocked.saveRequest.mock.calls[0]?.[0];
    expect(sent).toMatchObject({
      id: 13,
      name: 'Get one user',
      method: 'PROPFIND',
      url: 'https://x.test/users/1',
      collectionId: 1,
      body: { mode: 'none' },
    });
    expect(editor.status).toBe('Saved');
  });

  it('does not call the store when nothing changed', async () => {
    const editor = opened();
    await expect(editor.save()).resolves.toBe(true);
    expect(mocked.saveRequest).not.toHaveBeenCalled();
  });

  it('shows the error message when the store refuses, until the next edit', async () => {
    mocked.saveRequest.mockRejectedValue({
      kind: 'invalid',
      message: 'method "G T" is not a token',
      place: 'Users/Get user',
    });
    const editor = opened();
    editor.edit('method', 'G T');
    await expect(editor.save()).resolves.toBe(false);
    expect(editor.status).toBe('method "G T" is not a token');
    expect(alerts.items[0]?.error.place).toBe('Users/Get user');
    editor.edit('method', 'GET2');
    expect(editor.status).toBe('Unsaved changes');
  });

  it('stays dirty when a field is edited while its save is in flight', async () => {
    let finish: () => void = () => {};
    mocked.saveRequest.mockImplementationOnce(
      (request) => new Promise((resolve) => (finish = () => resolve({ ...request }))),
    );
    const editor = opened();
    editor.edit('url', 'https://x.test/a');
    const saving = editor.save();
    editor.edit('url', 'https://x.test/ab');
    finish();
    await saving;
    expect(editor.draft?.url).toBe('https://x.test/ab');
    expect(editor.status).toBe('Unsaved changes');
  });

  it('adopts the form the store gave a field that was not edited meanwhile', async () => {
    mocked.saveRequest.mockImplementation(async (request) => ({
      ...request,
      method: request.method.toUpperCase(),
    }));
    const editor = opened();
    editor.edit('method', 'post');
    await editor.save();
    expect(editor.draft?.method).toBe('POST');
    expect(editor.status).toBe('Saved');
  });

  it('never runs two saves at once: the second waits and writes what is left', async () => {
    const order: string[] = [];
    mocked.saveRequest.mockImplementation(async (request) => {
      order.push(`start ${request.url}`);
      await new Promise((resolve) => setTimeout(resolve, 5));
      order.push(`end ${request.url}`);
      return { ...request };
    });
    const editor = opened();
    editor.edit('url', 'u1');
    const first = editor.save();
    editor.edit('url', 'u2');
    const second = editor.save();
    await Promise.all([first, second]);
    expect(order).toEqual(['start u1', 'end u1', 'start u2', 'end u2']);
    expect(editor.status).toBe('Saved');
  });

  it('shows a saved name, method and URL in the sidebar tree', async () => {
    storeAsSent();
    const editor = opened();
    editor.edit('name', 'Fetch user');
    editor.edit('method', 'HEAD');
    editor.edit('url', 'http://x.test/users/1');
    await editor.save();
    const node = workspace.collections[0]?.children[1];
    expect(node).toMatchObject({
      kind: 'request',
      id: 13,
      name: 'Fetch user',
      method: 'HEAD',
      url: 'http://x.test/users/1',
    });
    expect(treeView.rows.find((r) => r.key === 'r:13')?.name).toBe('Fetch user');
  });

  it('follows a rename made in the sidebar unless the name is being edited', () => {
    const editor = opened();
    editor.applyName(13, 'Renamed');
    expect(editor.draft?.name).toBe('Renamed');
    expect(editor.status).toBe('Saved');
    editor.edit('name', 'Mine');
    editor.applyName(13, 'Other');
    expect(editor.draft?.name).toBe('Mine');
    expect(editor.stored?.name).toBe('Other');
    editor.applyName(99, 'Not open');
    expect(editor.stored?.name).toBe('Other');
  });

  it('closes when its request is no longer in the tree', () => {
    const editor = opened(requestOf(13, 'Get user'));
    editor.closeIfGone();
    expect(editor.stored?.id).toBe(13);
    workspace.tree = treeOf(workspaceOf(1, 'Home'), []);
    editor.closeIfGone();
    expect(editor.stored).toBeNull();
    expect(editor.draft).toBeNull();
  });

  it('drops a slow load overtaken by a newer one', async () => {
    let finishFirst: (r: Request) => void = () => {};
    mocked.getRequest
      .mockImplementationOnce(() => new Promise((resolve) => (finishFirst = resolve)))
      .mockResolvedValueOnce(requestOf(14, 'Create user', 'POST'));
    const editor = new Editor();
    const first = editor.open(13);
    await editor.open(14);
    finishFirst(requestOf(13, 'Get user'));
    await expect(first).resolves.toBe(false);
    expect(editor.stored?.id).toBe(14);
  });

  it('keeps the URL and the Params table in step both ways', () => {
    const editor = opened(requestOf(13, 'Search', 'GET', 'https://x.test/s'));
    editor.edit('url', 'https://x.test/s?q=cats&page=2');
    expect(editor.draft?.params).toEqual([
      { key: 'q', value: 'cats', enabled: true, description: '' },
      { key: 'page', value: '2', enabled: true, description: '' },
    ]);
    const [q, page] = editor.draft?.params ?? [];
    editor.setParams([
      { ...q!, value: 'dogs' },
      { ...page!, enabled: false },
    ]);
    expect(editor.draft?.url).toBe('https://x.test/s?q=dogs');
    editor.edit('url', 'https://x.test/s?q=dogs&limit=5');
    expect(editor.draft?.params.map((p) => [p.key, p.value, p.enabled])).toEqual([
      ['q', 'dogs', true],
      ['page', '2', false],
      ['limit', '5', true],
    ]);
  });

  it('is dirty while a structured field differs, compared by content', () => {
    const editor = opened();
    editor.setHeaders([{ key: 'Accept', value: 'text/plain', enabled: true, description: '' }]);
    expect(editor.isDirty).toBe(true);
    editor.setHeaders([]);
    expect(editor.isDirty).toBe(false);
    editor.setAuth({ params: [], mode: 'inherit' });
    expect(editor.status).toBe('Saved');
  });

  it('saves headers, body and auth with the rest of the request', async () => {
    storeAsSent();
    const editor = opened();
    editor.setHeaders([{ key: 'X-Trace', value: '1', enabled: true, description: '' }]);
    editor.setBody({ mode: 'raw', text: '{"a":1}', language: 'json' });
    editor.setAuth({ mode: 'bearer', params: [{ key: 'token', value: 't', type: 'string' }] });
    await expect(editor.save()).resolves.toBe(true);
    expect(mocked.saveRequest.mock.calls[0]?.[0]).toMatchObject({
      id: 13,
      headers: [{ key: 'X-Trace', value: '1' }],
      body: { mode: 'raw', text: '{"a":1}', language: 'json' },
      auth: { mode: 'bearer' },
    });
    expect(editor.status).toBe('Saved');
  });

  it('gives back the body of a mode switched away from, until another request opens', () => {
    const editor = opened();
    editor.setBodyMode('raw');
    editor.setBody({ mode: 'raw', text: 'hello', language: 'text' });
    editor.setBodyMode('urlencoded');
    expect(editor.draft?.body).toEqual({ mode: 'urlencoded', fields: [] });
    editor.setBodyMode('raw');
    expect(editor.draft?.body).toEqual({ mode: 'raw', text: 'hello', language: 'text' });
    editor.setBodyMode('none');
    editor.show(requestOf(14, 'Other'));
    editor.setBodyMode('raw');
    expect(editor.draft?.body).toEqual({ mode: 'raw', text: '', language: 'json' });
  });

  it('keeps the path variables in step with the URL, values kept by name', () => {
    const editor = opened();
    editor.edit('url', 'https://x.test/users/:id');
    expect(editor.draft?.pathVariables.map((r) => r.key)).toEqual(['id']);
    editor.setPathVariables([{ key: 'id', value: '7', enabled: true, description: '' }]);
    editor.edit('url', 'https://x.test/orgs/:org/users/:id');
    expect(editor.draft?.pathVariables.map((r) => [r.key, r.value])).toEqual([
      ['org', ''],
      ['id', '7'],
    ]);
    editor.edit('url', 'https://x.test/users');
    expect(editor.draft?.pathVariables).toEqual([]);
  });

  it('edits settings as part of the request', async () => {
    storeAsSent();
    const editor = opened();
    editor.setSettings({ ...editor.draft!.settings, followRedirects: false });
    expect(editor.isDirty).toBe(true);
    await editor.save();
    expect(mocked.saveRequest.mock.calls[0]?.[0].settings.followRedirects).toBe(false);
  });
});
